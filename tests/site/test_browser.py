"""The built site in the system Chromium, driven by Playwright (no browser download).

`make test` installs Debian's `chromium` when it is missing. Set
RUNBOOK_SKIP_BROWSER=1 to skip these tests on a machine without it.
"""

from __future__ import annotations

import functools
import os
import re
import shutil
import threading
from collections.abc import Iterator
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from generator.cli import main
from tests.conftest import EXAMPLE, ROOT
from tests.site.injection import injection_yaml

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]

if CHROMIUM is None:
    if os.environ.get("RUNBOOK_SKIP_BROWSER"):
        pytest.skip("no system Chromium (RUNBOOK_SKIP_BROWSER is set)", allow_module_level=True)
    pytest.fail(
        "the browser tests need Debian's chromium: run `make test` (it installs it) "
        "or set RUNBOOK_SKIP_BROWSER=1",
        pytrace=False,
    )


def _build(plan: Path, site: Path, *extra: str) -> Path:
    os.environ["NO_MKDOCS_2_WARNING"] = "1"
    args = [
        "build",
        "--config",
        str(ROOT / "mkdocs.yml"),
        "--plan",
        str(plan),
        "--site-dir",
        str(site),
    ]
    result = CliRunner().invoke(main, [*args, *extra])
    assert result.exit_code == 0, result.output
    return site


@pytest.fixture(scope="session")
def example_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return _build(EXAMPLE, tmp_path_factory.mktemp("example") / "site")


@pytest.fixture(scope="session")
def injection_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("injection")
    plan = folder / "injection.yaml"
    plan.write_text(injection_yaml())
    # its texts are far too long for one-page pocket cards: the site alone is enough here
    return _build(plan, folder / "site", "--no-offline-copies")


@pytest.fixture(scope="session")
def server(example_site: Path) -> Iterator[str]:
    handler = functools.partial(_QuietHandler, directory=str(example_site))
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}/"
    httpd.shutdown()


class _QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, *_: Any) -> None:
        pass


def search_for(page: Any, text: str, expect: str) -> Any:
    """Type into the search box until a result shows ``expect`` (20 s in all).

    Material's search worker loads the index in the background; a query typed
    before it is ready may be dropped, so type again, as a person would.
    """
    from playwright.sync_api import TimeoutError as PlaywrightTimeout

    # collapsed "more on this page" entries match too: only a visible item counts
    items = page.locator(".md-search-result__item")
    result = items.filter(has_text=expect).filter(visible=True).first
    box = page.locator("input.md-search__input")
    box.fill(text)  # clearing the box first upsets the search worker under file://
    for _ in range(10):
        try:
            result.wait_for(timeout=2_000)
            return result
        except PlaywrightTimeout:
            box.press("End")  # the same query again: a space, then take it back
            box.type(" ")
            box.press("Backspace")
    raise AssertionError(f"search for {text!r} showed no result with {expect!r}")


def base_url(mode: str, server: str, site: Path) -> str:
    """Where the site is opened: from the local web server, or straight from the disk."""
    return server if mode == "http" else site.as_uri() + "/"


def pages_of(site: Path) -> list[str]:
    return sorted(str(p.relative_to(site)) for p in site.rglob("*.html"))


class Watch:
    """Console errors, page errors, dialogs and requests of one page."""

    def __init__(self, page: Any) -> None:
        self.errors: list[str] = []
        self.requests: list[str] = []
        self.dialogs: list[str] = []
        page.on("console", lambda m: self.errors.append(m.text) if m.type == "error" else None)
        page.on("pageerror", lambda e: self.errors.append(str(e)))
        page.on("request", lambda r: self.requests.append(r.url))
        page.on("dialog", lambda d: (self.dialogs.append(d.message), d.dismiss()))

    def outside(self, base: str) -> list[str]:
        return [u for u in self.requests if not u.startswith((base, "data:", "blob:", "about:"))]


@pytest.mark.parametrize("mode", ["http", "file"])
def test_every_page_loads_with_no_error_and_no_outside_request(
    browser: Any, example_site: Path, server: str, mode: str
) -> None:
    base = base_url(mode, server, example_site)
    context = browser.new_context()
    # 404.html links its assets from the site root, since a server returns it for any
    # path; from file:// there is no server and no 404 page, so it is checked over http only.
    names = [n for n in pages_of(example_site) if mode == "http" or n != "404.html"]
    for name in names:
        page = context.new_page()
        watch = Watch(page)
        page.goto(base + name, wait_until="load")
        page.wait_for_timeout(100)
        assert watch.errors == [], f"{name}: {watch.errors}"
        assert watch.outside(base) == [], f"{name} requested {watch.outside(base)}"
        assert page.locator("h1").first.is_visible(), name
        page.close()
    context.close()


@pytest.mark.parametrize("width", [390, 1280])
def test_flowchart_is_legible_and_every_box_is_a_link(
    browser: Any, server: str, width: int
) -> None:
    context = browser.new_context(viewport={"width": width, "height": 844})
    page = context.new_page()
    page.goto(server + "triage.html")
    svg = page.locator(".runbook-flowchart > svg")
    box = svg.bounding_box()
    assert box is not None and box["width"] > 300 and box["height"] > 300
    # every label (22 units in the chart) is at least 12 CSS px where it is drawn
    scale = page.evaluate(
        "(() => { const s = document.querySelector('.runbook-flowchart > svg');"
        " return s.getBoundingClientRect().width / s.viewBox.baseVal.width; })()"
    )
    assert 22 * scale >= 12, f"labels are {22 * scale:.1f} px at {width} px"
    widths = page.evaluate(
        "[document.documentElement.scrollWidth, document.documentElement.clientWidth]"
    )
    assert widths[0] <= widths[1], "the chart scrolls inside its frame, not the page"
    links = svg.locator("a")
    assert links.count() == 4 + 5  # four questions, five levels
    # xlink:href only: Material's instant navigation cannot rewrite an SVG link's href
    assert svg.locator("a[href]").count() == 0
    svg.locator('a[*|href="#question-terrible-event"]').click()
    assert page.url.endswith("#question-terrible-event")
    href = svg.locator('a[*|href*="level-5"]').get_attribute("xlink:href")
    page.goto(server + str(href))
    assert "Level 5: Brand in serious danger" in page.title()
    context.close()


def test_copy_button_puts_the_template_on_the_clipboard(browser: Any, server: str) -> None:
    context = browser.new_context(permissions=["clipboard-read", "clipboard-write"])
    page = context.new_page()
    page.goto(server + "internal-comms.html")
    button = "button[data-runbook-copy='message-text-template-staff-update']"
    page.click(button)
    page.wait_for_function(f"document.querySelector(\"{button}\").textContent === 'Copied'")
    copied = page.evaluate("navigator.clipboard.readText()")
    # a chat message: the body's hard-wrapped lines joined into one paragraph
    assert copied == (
        "Update on {incident_title}: {update_text} "
        "What you can share: {statement_link}. Next update by {next_update_time}."
    )
    context.close()


@pytest.mark.parametrize("mode", ["http", "file"])
def test_search_finds_a_contact_by_name(
    browser: Any, example_site: Path, server: str, mode: str
) -> None:
    base = base_url(mode, server, example_site)
    page = browser.new_page()
    page.goto(base + "index.html")
    result = search_for(page, "Priya Shah", "Priya Shah")
    assert result.is_visible()
    page.close()


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_no_accessibility_violation_in_either_scheme(
    browser: Any, example_site: Path, server: str, scheme: str
) -> None:
    from axe_playwright_python.sync_playwright import Axe

    axe = Axe()
    found = {}
    context = browser.new_context(color_scheme=scheme)
    page = context.new_page()
    for name in pages_of(example_site):  # 404.html included
        page.goto(server + name)
        expected = "slate" if scheme == "dark" else "default"
        assert page.evaluate("document.body.dataset.mdColorScheme") == expected, name
        violations = axe.run(page).response["violations"]
        if violations:
            found[name] = [
                f"{v['id']} ({v['impact']}): {v['nodes'][0]['target']}" for v in violations
            ]
    context.close()
    assert found == {}


def test_palette_toggle_switches_scheme(browser: Any, server: str) -> None:
    page = browser.new_page()
    page.goto(server + "index.html")
    before = page.evaluate("document.body.dataset.mdColorScheme")
    page.locator("label.md-header__button[for^='__palette']:visible").first.click()
    after = page.evaluate("document.body.dataset.mdColorScheme")
    assert {before, after} == {"default", "slate"}
    page.close()


def test_injection_plan_runs_nothing(browser: Any, injection_site: Path) -> None:
    base = injection_site.as_uri() + "/"
    for name in pages_of(injection_site):
        page = browser.new_page()
        watch = Watch(page)
        page.goto(base + name)
        page.wait_for_timeout(50)
        assert watch.dialogs == [], f"{name} ran script: {watch.dialogs}"
        assert page.locator(".evil, [onclick], img[src='x'], a[href^='javascript']").count() == 0, (
            name
        )
        page.close()
    page = browser.new_page()
    watch = Watch(page)
    page.goto(base + "roles.html")
    text = page.locator("article").inner_text()
    assert "<script>alert(" in text and "{{ 7*7 }}" in text and "**bold" in text
    # the classification at the end of the title is text too (the site name has no "<")
    assert "<script>alert(" in page.title() and page.title().endswith("a table)")
    search_for(page, "X5X", "X5X")  # search results show the text too
    page.wait_for_timeout(200)
    assert watch.dialogs == []
    page.close()


def test_pages_print_without_site_chrome(browser: Any, server: str) -> None:
    page = browser.new_page()
    page.goto(server + "levels/level-4.html")
    page.emulate_media(media="print")
    for selector in (".md-header", ".md-sidebar--primary", ".md-search", ".md-footer"):
        assert not page.locator(selector).first.is_visible(), selector
    assert page.locator("article h1").is_visible()
    page.close()


def test_navigation_works_from_file(browser: Any, example_site: Path) -> None:
    page = browser.new_page()
    page.goto(example_site.as_uri() + "/index.html")
    page.locator(".md-nav--primary").get_by_role("link", name="Contacts").first.click()
    page.wait_for_url("**/contacts.html")
    assert page.locator("article h1").inner_text() == "Contacts"
    page.locator(".md-nav--primary").get_by_role(
        "link", name="Level 4: Something terrible happened"
    ).first.click()
    page.wait_for_url("**/levels/level-4.html")
    page.get_by_role("link", name="Communications Director").first.click()  # to its call list
    page.wait_for_url("**/roles.html#role-comms-director")
    page.close()


@pytest.mark.parametrize("mode", ["http", "file"])
def test_incident_log_keeps_score_in_the_browser(
    browser: Any, server: str, example_site: Path, mode: str
) -> None:
    from axe_playwright_python.sync_playwright import Axe

    context = browser.new_context(viewport={"width": 390, "height": 844})
    page = context.new_page()
    watch = Watch(page)
    url = base_url(mode, server, example_site) + "levels/level-4.html"
    page.goto(url)
    log = page.locator(".runbook-incident")
    assert "nothing is sent anywhere" in log.inner_text()
    page.fill("#runbook-incident-name", "Robin")
    page.click("text=Start an incident at level 4")
    assert "Next status update due at" in log.inner_text()
    actions = page.locator("input.runbook-action")
    actions.nth(0).check()
    actions.nth(2).check()
    page.reload()  # the state outlives the page
    assert actions.nth(0).is_checked() and actions.nth(2).is_checked()
    assert not actions.nth(1).is_checked()
    timeline = page.locator(".runbook-incident-timeline li")
    assert timeline.count() == 2 and "(Robin)" in timeline.nth(0).inner_text()
    violations = Axe().run(page).response["violations"]
    assert [v["id"] for v in violations if v["impact"] in ("serious", "critical")] == []
    page.click("text=Close the incident and export the log")
    exported = page.locator("#runbook-incident-export").input_value()
    assert exported.startswith("# Incident log: Social Media Crisis Runbook")
    assert "- Level: 4 (Something terrible happened)" in exported
    assert "Pause all scheduled posts in every scheduling tool. (Robin)" in exported
    not_done = exported.split("## Not done")[1]
    assert "Run the internal communications protocol." in not_done
    page.click("text=Start an incident at level 4")  # a new one starts clean
    assert not any(actions.nth(i).is_checked() for i in range(actions.count()))
    assert page.locator(".runbook-incident-timeline li").count() == 0
    # from file://, Material's own XHR for its stylesheet map is refused, as on every page
    errors = [e for e in watch.errors if "XMLHttpRequest" not in e and "ERR_FAILED" not in e]
    assert errors == [] and all(r.startswith(url.split("levels/")[0]) for r in watch.requests)
    context.close()


def test_on_a_phone_owners_and_numbers_are_on_screen(
    browser: Any, server: str, example_site: Path
) -> None:
    from generator.plan.validate import load_valid_plan

    plan = load_valid_plan(EXAMPLE)
    context = browser.new_context(viewport={"width": 390, "height": 844})
    page = context.new_page()
    for name in pages_of(example_site):
        page.goto(server + name)
        widths = page.evaluate(
            "[document.documentElement.scrollWidth, document.documentElement.clientWidth]"
        )
        assert widths[0] <= widths[1], f"{name} scrolls sideways at 390 px: {widths}"

    def inside(locator: Any) -> bool:
        box = locator.bounding_box()
        return box is not None and box["x"] >= 0 and box["x"] + box["width"] <= 390

    for lv in plan.severity_levels:
        owner = plan.primary_contact(lv.accountable)
        digits = "".join(ch for ch in owner.phone or "" if ch.isdigit() or ch == "+")
        for url in ("index.html", f"levels/level-{lv.level}.html"):
            page.goto(server + url)
            table = page.locator(".runbook-stack").first
            tel = table.locator(f'a[href="tel:{digits}"]').first
            assert inside(tel), f"{url}: {owner.phone} is off screen"
            assert inside(table.get_by_text(owner.name).first), f"{url}: {owner.name} off screen"
    page.goto(server + "roles.html")  # the role x level matrix: one list per level
    assert page.locator(".runbook-by-level").is_visible()
    assert not page.locator(".runbook-stack-matrix").is_visible()
    context.close()
    wide = browser.new_page(viewport={"width": 1280, "height": 800})
    wide.goto(server + "roles.html")
    assert wide.locator(".runbook-stack-matrix").is_visible()
    assert not wide.locator(".runbook-by-level").is_visible()
    wide.close()


def test_404_page_is_styled_from_file(browser: Any, example_site: Path) -> None:
    page = browser.new_page()
    page.goto(example_site.as_uri() + "/404.html")
    header = page.evaluate("getComputedStyle(document.querySelector('.md-header')).backgroundColor")
    assert header == "rgb(164, 22, 26)", "the theme and runbook styles load from file://"
    page.close()


def _paths(questions: dict[str, Any], node: str, path: str = "") -> list[tuple[str, str]]:
    """Every path of answers through the triage, with the level it ends on."""
    if node.startswith("level-"):
        return [(path, node[6:])]
    q = questions[node]
    return _paths(questions, q["yes"], path + "y") + _paths(questions, q["no"], path + "n")


def _walk_every_path(page: Any, url: str, plan: Any) -> int:
    questions = {q.id: {"yes": q.yes, "no": q.no} for q in plan.triage.questions}
    walked = 0
    for path, level in _paths(questions, plan.triage.start):
        page.goto(url)
        finder = page.locator(".runbook-triage")
        for answer in path:
            assert plan.triage.when_unsure in finder.inner_text()  # at every step
            yes_no = finder.get_by_role("button", name="Yes" if answer == "y" else "No")
            box = yes_no.bounding_box()
            assert box and box["width"] >= 44 and box["height"] >= 44, "a thumb-sized button"
            yes_no.click()
        lv = plan.level(int(level))
        owner = plan.primary_contact(lv.accountable)
        text = finder.inner_text()
        assert f"Level {level}: {lv.name}" in text and owner.name in text, path
        if owner.phone:
            assert finder.locator("a[href^='tel:']").inner_text() == owner.phone
        else:
            assert finder.locator("a[href^='mailto:']").inner_text() == owner.email
        href = finder.get_by_text("Open the level page").get_attribute("href") or ""
        assert re.search(rf"level-{level}[./]", href), href  # file or directory URLs
        assert page.url.endswith("#find:" + path), "the step lives in the URL"
        finder.get_by_role("button", name="Back").click()
        assert page.url.endswith("#find:" + path[:-1])
        if len(path) > 1:
            finder.get_by_role("button", name="Start over").click()
        assert "Question 1" in finder.inner_text()
        walked += 1
    return walked


@pytest.mark.parametrize("mode", ["http", "file"])
def test_find_the_level_one_question_at_a_time(
    browser: Any, server: str, example_site: Path, mode: str
) -> None:
    from generator.plan.validate import load_valid_plan

    context = browser.new_context(viewport={"width": 390, "height": 844})
    page = context.new_page()
    url = base_url(mode, server, example_site) + "triage.html"
    assert _walk_every_path(page, url, load_valid_plan(EXAMPLE)) == 5
    page.goto(url + "#find:nny")  # a link sent to a colleague opens on that step
    assert "Level 3:" in page.locator(".runbook-triage").inner_text()
    context.close()


def test_find_the_level_on_a_six_question_plan(browser: Any, tmp_path: Path) -> None:
    from generator.plan.validate import load_valid_plan
    from tests.conftest import MINIMAL

    questions = "".join(
        f"    - id: q{i}\n      ask: Question number {i}?\n"
        f"      yes: level-{3 if i % 2 else 2}\n      no: {f'q{i + 1}' if i < 6 else 'level-1'}\n"
        for i in range(1, 7)
    )
    text = MINIMAL.read_text()
    start, end = text.index("triage:\n"), text.index("listening:\n")
    plan_file = tmp_path / "six.yaml"
    plan_file.write_text(
        text[:start]
        + "triage:\n  start: q1\n  when_unsure: Go higher.\n  questions:\n"
        + questions
        + text[end:]
    )
    site = _build(plan_file, tmp_path / "site", "--no-offline-copies")
    page = browser.new_page()
    assert _walk_every_path(page, site.as_uri() + "/triage.html", load_valid_plan(plan_file)) == 7
    page.close()


@pytest.mark.parametrize(
    "name", ["contacts.html", "index.html", "roles.html", "levels/level-4.html"]
)
def test_printing_a_site_page_keeps_every_column(browser: Any, server: str, name: str) -> None:
    import pypdfium2 as pdfium

    page = browser.new_page()
    page.goto(server + name)
    pdf = page.pdf(
        format="A4", margin={"top": "12mm", "bottom": "12mm", "left": "12mm", "right": "12mm"}
    )
    page.close()
    doc = pdfium.PdfDocument(pdf)
    text = ""
    for n in range(len(doc)):
        width, _ = doc[n].get_size()
        textpage = doc[n].get_textpage()
        for i in range(textpage.count_chars()):
            left, _, right, _ = textpage.get_charbox(i)
            if textpage.get_text_range(i, 1).strip():
                assert left >= 30 and right <= width - 30, f"{name}: a glyph is cut off"
        text += textpage.get_text_range()
    flat = " ".join(text.split())
    if name == "contacts.html":
        for column in ("Time zone", "America/Denver", "checked 2026-10-20"):
            assert column in flat, column


@pytest.mark.parametrize("width", [390, 1280])
def test_two_clicks_from_home_to_what_matters(browser: Any, server: str, width: int) -> None:
    context = browser.new_context(viewport={"width": width, "height": 844})
    page = context.new_page()
    page.goto(server + "index.html")
    # (a) the level 4 owner's phone: on the home page itself, no click
    assert page.locator('.runbook-stack a[href="tel:+15550100101"]').first.is_visible()
    # (b) the internal comms template for level 4: the level, then its protocol link
    page.locator(".runbook-stack").get_by_role("link", name="Something terrible happened").click()
    page.get_by_role("link", name="internal communications protocol").first.click()
    assert page.url.endswith("internal-comms.html")
    assert page.get_by_role("heading", name="All-staff alert").count() == 1
    # (c) the rotation checklist of an account: one click from home
    page.goto(server + "index.html")
    page.locator("article").get_by_role("link", name="credentials").first.click()
    assert page.url.split("#")[0].endswith("credentials.html")
    assert page.get_by_role("heading", name="x: @northwind").count() == 1
    assert page.get_by_text("Sign out all other sessions").first.count() == 1
    context.close()
