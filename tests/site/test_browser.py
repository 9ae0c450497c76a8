"""The built site in the system Chromium, driven by Playwright (no browser download).

`make test` installs Debian's `chromium` when it is missing. Set
RUNBOOK_SKIP_BROWSER=1 to skip these tests on a machine without it.
"""

from __future__ import annotations

import functools
import os
import re
import shutil
import sys
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
    httpd = QuietServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}/"
    httpd.shutdown()


class _QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, *_: Any) -> None:
        pass


class QuietServer(ThreadingHTTPServer):
    """A test server that says nothing when the browser drops a connection it no longer
    needs (a page left mid-download): that is the browser's right, not a failure."""

    def handle_error(self, request: Any, client_address: Any) -> None:
        if not isinstance(sys.exc_info()[1], ConnectionError):
            super().handle_error(request, client_address)


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
    assert box is not None and box["width"] > 300 and box["height"] > 200
    assert_no_box_clipped(page, width)
    scale = page.evaluate(
        "(() => { const s = document.querySelector('.runbook-flowchart > svg');"
        " return s.getBoundingClientRect().width / s.viewBox.baseVal.width; })()"
    )
    icons = page.locator(".runbook-flowchart .appendix-icon").first
    if width >= 900:  # every label (22 units in the chart) is at least 12 CSS px
        assert 22 * scale >= 12, f"labels are {22 * scale:.1f} px at {width} px"
        assert icons.is_visible()
    else:  # the finder and the questions as a list come first; the chart, fitted, last
        chart_top = box["y"]
        finder = page.locator(".runbook-triage").bounding_box()
        listed = page.locator("article h3").first.bounding_box()
        assert finder and listed and finder["y"] < chart_top and listed["y"] < chart_top
        assert not icons.is_visible(), "no link icons on a phone"
    widths = page.evaluate(
        "[document.documentElement.scrollWidth, document.documentElement.clientWidth]"
    )
    assert widths[0] <= widths[1], "nothing scrolls sideways"
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


def assert_no_box_clipped(page: Any, width: int) -> None:
    """Every box of the flowchart (each is a link) lies whole inside the chart's frame and
    the window's width: no level is hidden or cut."""
    boxes = page.evaluate(
        """(() => {
          const fig = document.querySelector('.runbook-flowchart').getBoundingClientRect();
          return Array.from(document.querySelectorAll('.runbook-flowchart svg a')).map(a => {
            const r = (a.querySelector('rect, path, polygon') || a).getBoundingClientRect();
            return [a.getAttribute('href'), r.left, r.right, fig.left, fig.right];
          });
        })()"""
    )
    assert boxes, "the chart has boxes"
    for href, left, right, fig_left, fig_right in boxes:
        assert left >= max(fig_left, 0) - 0.5 and right <= min(fig_right, width) + 0.5, (
            f"{href} is clipped at {width} px: {left:.0f}..{right:.0f} "
            f"in {fig_left:.0f}..{fig_right:.0f}"
        )


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


def test_copy_fills_placeholders_and_says_which_are_empty(browser: Any, server: str) -> None:
    context = browser.new_context(permissions=["clipboard-read", "clipboard-write"])
    page = context.new_page()
    page.goto(server + "internal-comms.html")
    template = page.locator(".runbook-template").filter(
        has=page.locator("#message-text-template-staff-update")
    )
    fields = template.locator(".runbook-fill input")
    assert fields.count() == 4  # one per placeholder, in the message's order
    template.get_by_label("{incident_title}").fill("Recall of the K2 tent")
    template.get_by_label("{update_text}").fill("Stores are told.")
    # the same placeholder in another message of the page is filled in too
    other = page.locator("input[data-placeholder='incident_title']")
    assert other.count() > 1 and other.last.input_value() == "Recall of the K2 tent"
    template.locator("button[data-runbook-copy]").click()
    status = template.locator(".runbook-copy-status")
    status.wait_for()
    assert "Still empty: {statement_link}, {next_update_time}" in status.inner_text()
    assert page.evaluate("navigator.clipboard.readText()") == (
        "Update on Recall of the K2 tent: Stores are told. "
        "What you can share: {statement_link}. Next update by {next_update_time}."
    )
    context.close()


def test_copy_over_plain_http_shows_the_text_selected(
    browser: Any, example_site: Path, server: str
) -> None:
    """An intranet address over plain http has no navigator.clipboard: the message shows in
    a visible, selected text area with a hint, never nothing."""
    port = server.rstrip("/").rsplit(":", 1)[1]
    intranet = browser.browser_type.launch(
        executable_path=CHROMIUM,
        args=[*ARGS, "--host-resolver-rules=MAP runbook.intranet.test 127.0.0.1"],
    )
    try:
        page = intranet.new_page(viewport={"width": 390, "height": 844})
        page.goto(f"http://runbook.intranet.test:{port}/internal-comms.html")
        assert page.evaluate("window.isSecureContext") is False
        assert page.evaluate("typeof navigator.clipboard") == "undefined"
        template = page.locator(".runbook-template").filter(
            has=page.locator("#message-text-template-staff-update")
        )
        template.get_by_label("{incident_title}").fill("Recall")
        template.locator("button[data-runbook-copy]").click()
        area = template.locator("textarea.runbook-copy-area")
        assert area.is_visible()
        text = area.input_value()
        assert text.startswith("Update on Recall: {update_text}")
        selected = page.evaluate(
            "(() => { const a = document.activeElement;"
            " return a.value.slice(a.selectionStart, a.selectionEnd); })()"
        )
        assert selected == text, "the whole message is selected, ready to copy"
        status = template.locator(".runbook-copy-status").inner_text()
        assert "Press and hold" in status and "{update_text}" in status
    finally:
        intranet.close()


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
    assert "<script>alert(" in page.title() and page.title().endswith(":smile:)")
    search_for(page, "X5X", "X5X")  # search results show the text too
    page.wait_for_timeout(200)
    assert watch.dialogs == []
    page.close()
    for name in ("playbooks/account-compromised.html", "notes/principles.html"):
        page = browser.new_page()
        page.goto(base + name)
        text = page.locator("article").inner_text()
        assert "<script>alert(" in text and "**bold" in text, name
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
    assert timeline.count() == 3  # the level reached, then the two ticks
    assert "Level 4" in timeline.nth(0).inner_text() and "(Robin)" in timeline.nth(1).inner_text()
    violations = Axe().run(page).response["violations"]
    assert [v["id"] for v in violations if v["impact"] in ("serious", "critical")] == []
    page.click("text=Close the incident and export the log")
    assert not any(actions.nth(i).is_checked() for i in range(actions.count())), "cleared"
    exported = page.locator("#runbook-incident-export").input_value()
    assert exported.startswith("# Incident log: Social Media Crisis Runbook")
    assert "## Level 4: Something terrible happened" in exported
    assert re.search(
        r"\d\d:\d\d \(UTC[+-]\d\d:\d\d\) Pause all scheduled posts in every "
        r"scheduling tool\. \(Robin\)",
        exported,
    ), "local time with its offset"
    not_done = exported.split("### Not done")[1]
    assert "Run the internal communications protocol." in not_done
    assert page.get_by_role("button", name="Copy the log").is_visible()
    page.click("text=Start an incident at level 4")  # a new one starts clean
    assert not any(actions.nth(i).is_checked() for i in range(actions.count()))
    assert page.locator(".runbook-incident-timeline li").count() == 1  # only the level
    # from file://, Material's own XHR for its stylesheet map is refused, as on every page
    errors = [e for e in watch.errors if "XMLHttpRequest" not in e and "ERR_FAILED" not in e]
    assert errors == [] and all(r.startswith(url.split("levels/")[0]) for r in watch.requests)
    context.close()


def test_incident_log_escalates_and_keeps_every_log(browser: Any, server: str) -> None:
    context = browser.new_context(
        viewport={"width": 390, "height": 844}, timezone_id="Europe/Paris"
    )
    page = context.new_page()
    page.goto(server + "levels/level-3.html")
    page.fill("#runbook-incident-name", "Robin")
    page.locator("#runbook-incident-name").dispatch_event("change")
    actions = page.locator("input.runbook-action")
    actions.nth(0).check()  # before Start: the tick starts the incident and is recorded
    log = page.locator(".runbook-incident")
    assert log.locator(".runbook-incident-timeline li").count() == 2  # the level, the tick
    first_at_3 = page.locator("label.runbook-check").nth(0).inner_text().strip()
    page.goto(server + "levels/level-4.html")
    assert "An incident is open at level 3" in log.inner_text()
    page.get_by_role("button", name="Move the incident, with its log, to level 4").click()
    actions.nth(1).check()
    first_at_4 = page.locator("label.runbook-check").nth(1).inner_text().strip()
    assert log.locator(".runbook-incident-timeline li").count() == 4
    page.get_by_role("button", name="Close the incident and export the log").click()
    exported = page.locator("#runbook-incident-export").input_value()
    level3 = exported.index("## Level 3: Several angry customers")
    level4 = exported.index("## Level 4: Something terrible happened")
    assert level3 < exported.index(first_at_3 + " (Robin)") < level4
    assert level4 < exported.index(first_at_4 + " (Robin)")
    assert "(UTC+01:00)" in exported  # Paris in December, in local time with its offset
    # a second incident: the first is kept, listed with its own download
    page.get_by_role("button", name="Start an incident at level 4").click()
    page.get_by_role("button", name="Close the incident and export the log").click()
    earlier = log.locator(".runbook-incident-earlier li")
    assert earlier.count() == 2
    href = earlier.nth(1).get_by_role("link", name="Download it").get_attribute("href") or ""
    from urllib.parse import unquote

    assert first_at_3 in unquote(href.split(",", 1)[1])
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


class _HostHandler(_QuietHandler):
    """A host as sites are served: any missing address gets the site's 404.html."""

    def send_error(self, code: int, message: str | None = None, explain: str | None = None) -> None:
        page = Path(self.directory) / "404.html"
        if code != 404 or not page.is_file():
            super().send_error(code, message, explain)
            return
        body = page.read_bytes()
        self.send_response(404)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_a_nested_404_leads_home(browser: Any, example_site: Path, scheme: str) -> None:
    handler = functools.partial(_HostHandler, directory=str(example_site))
    httpd = QuietServer(("127.0.0.1", 0), handler)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{httpd.server_address[1]}/"
    context = browser.new_context(viewport={"width": 390, "height": 844}, color_scheme=scheme)
    page = context.new_page()
    watch = Watch(page)
    try:
        response = page.goto(base + "levels/old/level-9/nowhere.html")
        assert response is not None and response.status == 404
        header = page.evaluate(
            "getComputedStyle(document.querySelector('.md-header')).backgroundColor"
        )
        assert header == "rgb(164, 22, 26)", "the theme and runbook styles load at any depth"
        sheets = page.evaluate(
            "Array.from(document.querySelectorAll('link[rel=stylesheet]')).map(l => l.href)"
        )
        assert sheets and all(h.startswith(base + "assets/") for h in sheets), sheets
        assert page.get_by_role("heading", name="Page not found").is_visible()
        calls = page.locator(".runbook-not-found a[href*='#call-now']")
        assert calls.count() == 5
        calls.first.click()
        page.wait_for_url(base + "levels/level-5.html#call-now")
        page.go_back()
        page.get_by_role("link", name="Find the level").click()
        page.wait_for_url(base + "triage.html#find-the-level")
        page.go_back()
        page.get_by_role("link", name="Go to the home page").click()
        page.wait_for_url(base + "index.html")
        assert page.get_by_role("heading", name="In a crisis now?").is_visible()
        assert [e for e in watch.errors if "404" not in e] == []
    finally:
        context.close()
        httpd.shutdown()


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
        # the same call block as the level page: the accountable role's whole call list
        people = finder.locator(".runbook-call a.runbook-call-person")
        role = plan.role(lv.accountable)
        assert people.count() == len(role.contacts), path
        for i, contact_id in enumerate(role.contacts):
            person = plan.contact(contact_id)
            shown = people.nth(i)
            assert person.name in shown.inner_text()
            number = shown.locator(".runbook-phone, .runbook-email").inner_text()
            assert number == (person.phone or person.email)
            assert (shown.get_attribute("href") or "").startswith(
                "tel:" if person.phone else "mailto:"
            )
        href = finder.get_by_text("Open the level page").get_attribute("href") or ""
        assert re.search(rf"level-{level}[./]", href), href  # file or directory URLs
        assert href.endswith("#call-now"), href  # straight to whom to call
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
    assert page.get_by_role("heading", name="X: @northwind").count() == 1
    assert page.get_by_text("Sign out all other sessions").first.count() == 1
    context.close()


@pytest.fixture(scope="session")
def minimal_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from tests.conftest import MINIMAL

    return _build(MINIMAL, tmp_path_factory.mktemp("minimal") / "site", "--no-offline-copies")


# every phone number's text lies on one line; each tap target's size
_NUMBERS = """(() => {
  const lines = el => {
    const r = document.createRange(); r.selectNodeContents(el);
    return new Set(Array.from(r.getClientRects()).filter(x => x.width > 0)
      .map(x => Math.round(x.top))).size;
  };
  return Array.from(document.querySelectorAll('article a[href^="tel:"]'))
    .filter(a => a.offsetParent !== null)
    .map(a => [a.textContent, lines(a.querySelector('.runbook-phone') || a),
               a.getBoundingClientRect().height,
               !!a.closest('.runbook-call')]);
})()"""


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("width,height", [(390, 844), (1280, 900)])
@pytest.mark.parametrize("which", ["example", "minimal"])
def test_call_now_leads_every_level_page(
    browser: Any,
    example_site: Path,
    minimal_site: Path,
    which: str,
    width: int,
    height: int,
    scheme: str,
) -> None:
    from generator.plan.validate import load_valid_plan
    from tests.conftest import MINIMAL

    plan = load_valid_plan(EXAMPLE if which == "example" else MINIMAL)
    site = example_site if which == "example" else minimal_site
    context = browser.new_context(viewport={"width": width, "height": height}, color_scheme=scheme)
    page = context.new_page()
    for lv in plan.severity_levels:
        name = f"levels/level-{lv.level}.html"
        page.goto(site.as_uri() + "/" + name)
        assert page.evaluate("document.body.getAttribute('data-md-color-scheme')") == (
            "slate" if scheme == "dark" else "default"
        )
        block = page.locator("article .runbook-call")
        people = block.locator("a.runbook-call-person")
        role = plan.role(lv.accountable)
        assert people.count() == len(role.contacts), f"{name}: primary and every backup"
        frame = block.bounding_box()
        assert frame is not None
        for i, contact_id in enumerate(role.contacts):
            person = plan.contact(contact_id)
            target = people.nth(i)
            assert person.name in target.inner_text()
            box = target.bounding_box()
            assert box is not None and box["height"] >= 48, f"{name}: {person.name} is too small"
            assert box["width"] >= frame["width"] - 40, f"{name}: {person.name} is not full width"
        first = people.first.bounding_box()
        assert first is not None
        assert first["y"] >= 0 and first["y"] + first["height"] <= height, (
            f"{name}: the first number is not on the first screen at {width}x{height}"
        )
        assert first["x"] >= 0 and first["x"] + first["width"] <= width
        for text, lines, tall, in_call in page.evaluate(_NUMBERS):
            assert lines == 1, f"{name}: {text!r} wraps"
            assert tall >= (44 if in_call else 24), f"{name}: {text!r} is {tall} px tall"
        widths = page.evaluate(
            "[document.documentElement.scrollWidth, document.documentElement.clientWidth]"
        )
        assert widths[0] <= widths[1], f"{name} scrolls sideways"
    for name in ("index.html", "contacts.html", "roles.html", "credentials.html"):
        page.goto(site.as_uri() + "/" + name)
        for text, lines, tall, _ in page.evaluate(_NUMBERS):
            assert lines == 1 and tall >= 24, f"{name}: {text!r} ({lines} lines, {tall} px)"
    page.goto(site.as_uri() + "/thresholds.html")
    table = page.locator("article table").first.bounding_box()
    assert table is not None and table["x"] >= 0 and table["x"] + table["width"] <= width
    page.goto(site.as_uri() + "/triage.html")
    assert_no_box_clipped(page, width)
    context.close()


@pytest.mark.parametrize("width", [390, 1280])
def test_home_page_opens_on_the_crisis_box(browser: Any, example_site: Path, width: int) -> None:
    from generator.plan.validate import load_valid_plan

    plan = load_valid_plan(EXAMPLE)
    page = browser.new_page(viewport={"width": width, "height": 844})
    page.goto(example_site.as_uri() + "/index.html")
    crisis = page.locator(".runbook-crisis")
    heading = crisis.get_by_role("heading", name="In a crisis now?")
    top = heading.bounding_box()
    assert top is not None and top["y"] < 400, "the first thing after the title"
    find = crisis.get_by_role("link", name="Find the level")
    box = find.bounding_box()
    assert box is not None and box["height"] >= 48 and box["y"] + box["height"] <= 844
    buttons = crisis.locator("a[href*='#call-now']")
    worst_first = sorted(plan.severity_levels, key=lambda lv: -lv.level)
    assert buttons.count() == len(worst_first)
    for i, lv in enumerate(worst_first):
        assert f"Level {lv.level}: {lv.name}" in buttons.nth(i).inner_text()
        assert (buttons.nth(i).bounding_box() or {"height": 0})["height"] >= 48
    buttons.first.click()
    page.wait_for_url(f"**/levels/level-{worst_first[0].level}.html#call-now")
    assert page.locator(".runbook-call a.runbook-call-person").first.is_visible()
    page.close()


def test_after_one_visit_every_page_opens_with_no_network(browser: Any, example_site: Path) -> None:
    handler = functools.partial(_QuietHandler, directory=str(example_site))
    httpd = QuietServer(("127.0.0.1", 0), handler)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    server = f"http://127.0.0.1:{httpd.server_address[1]}/"
    context = browser.new_context(viewport={"width": 390, "height": 844})
    page = context.new_page()
    page.goto(server + "index.html")
    # the worker is active once it has saved every file of the site
    page.wait_for_function("navigator.serviceWorker.controller !== null", timeout=20_000)
    saved = page.evaluate(
        """(async () => {
          const names = await caches.keys();
          const urls = [];
          for (const name of names) {
            for (const r of await (await caches.open(name)).keys()) urls.push(r.url);
          }
          return [names, urls];
        })()"""
    )
    names, urls = saved
    assert len(names) == 1, names
    assert urls and all(u.startswith(server) for u in urls), "nothing from outside the site"
    for path in ("runbook.pdf", "contacts.html", "levels/level-4.html", "search/search_index.json"):
        assert server + path in urls, path
    assert any(u.startswith(server + "cards/") and u.endswith(".pdf") for u in urls)
    # Chromium's own check that the site installs on a home screen (a Playwright context
    # is always incognito, which is the one reason it gives)
    cdp = context.new_cdp_session(page)
    errors = cdp.send("Page.getInstallabilityErrors")["installabilityErrors"]
    assert [e["errorId"] for e in errors if e["errorId"] != "in-incognito"] == []
    assert cdp.send("Page.getAppManifest").get("errors") == []
    cdp.detach()
    status = page.locator(".runbook-offline-status")
    status.wait_for()
    assert "Saved on this device" in status.inner_text()
    httpd.shutdown()  # no server at all, and the browser offline: only the saved copy
    httpd.server_close()
    context.set_offline(True)
    page.goto(server + "levels/level-4.html")
    assert page.locator("h1").inner_text() == "Level 4: Something terrible happened"
    assert page.locator(".runbook-call a.runbook-call-person").first.is_visible()
    header = page.evaluate("getComputedStyle(document.querySelector('.md-header')).backgroundColor")
    assert header == "rgb(164, 22, 26)", "styles come from the saved copy too"
    page.goto(server + "contacts.html")
    assert page.locator("article h1").inner_text() == "Contacts"
    assert "No network" in page.locator(".runbook-offline-status").inner_text()
    context.close()


def test_from_file_no_worker_is_registered(browser: Any, example_site: Path) -> None:
    page = browser.new_page()
    watch = Watch(page)
    page.goto(example_site.as_uri() + "/index.html")
    page.wait_for_timeout(300)
    assert page.locator('link[rel="manifest"]').count() == 1
    assert watch.errors == [] or all(
        "XMLHttpRequest" in e or "ERR_FAILED" in e for e in watch.errors
    )
    assert page.locator(".runbook-offline-status").count() == 0
    assert not [u for u in watch.requests if "runbook-sw.js" in u]
    page.close()


def test_a_new_build_replaces_the_saved_copy(browser: Any, tmp_path: Path) -> None:
    from tests.conftest import MINIMAL

    plan = tmp_path / "plan.yaml"
    plan.write_text(MINIMAL.read_text())
    site = _build(plan, tmp_path / "site", "--no-offline-copies")
    handler = functools.partial(_QuietHandler, directory=str(site))
    httpd = QuietServer(("127.0.0.1", 0), handler)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{httpd.server_address[1]}/"
    caches = "caches.keys()"
    context = browser.new_context()
    try:
        page = context.new_page()
        page.goto(base + "index.html")
        page.wait_for_function("navigator.serviceWorker.controller !== null", timeout=20_000)
        first = page.evaluate(caches)
        assert len(first) == 1
        plan.write_text(MINIMAL.read_text().replace("Ann Lee", "Ann Leigh"))
        _build(plan, site, "--no-offline-copies")  # the same folder, a new site
        page.reload()  # the browser sees the new worker: it saves the new site, drops the old
        for _ in range(100):  # the new worker saves the new site, then drops the old copy
            names = page.evaluate(caches)
            if len(names) == 1 and names != first:
                break
            page.wait_for_timeout(200)
        assert len(names) == 1 and names != first, names
        saved = page.evaluate(
            f"{caches}.then(k => caches.open(k[0])).then(c => c.match({base!r} + 'contacts.html'))"
            ".then(r => r.text())"
        )
        assert "Ann Leigh" in saved, "the saved copy is the new site's"
        page.goto(base + "contacts.html")
        assert "Ann Leigh" in page.locator("article").inner_text(), "online: the new site"
        httpd.shutdown()
        httpd.server_close()
        context.set_offline(True)
        page.reload()
        assert "Ann Leigh" in page.locator("article").inner_text()
    finally:
        context.close()
        httpd.shutdown()


@pytest.mark.parametrize("width", [390, 1280])
def test_a_playbook_is_two_taps_from_home(browser: Any, server: str, width: int) -> None:
    context = browser.new_context(viewport={"width": width, "height": 844})
    page = context.new_page()
    page.goto(server + "index.html")
    box = page.locator(".runbook-crisis")
    assert "What is happening?" in box.inner_text()
    buttons = box.locator(".runbook-choices a.md-button")
    assert buttons.first.inner_text().startswith("Not sure how bad it is?")
    hacked = box.get_by_role("link", name="An account is hacked or posts what we did not write")
    assert hacked.is_visible()  # tap one: in the first screen's box
    hacked.click()
    page.wait_for_url("**/playbooks/account-compromised.html")
    # the owner's phone and the numbered steps, each with who does it and where to look
    assert page.locator('article a[href="tel:+15550100111"]').first.is_visible()
    steps = page.locator("article ol").first.locator("> li")
    assert steps.count() == 5
    assert "Social Media Lead" in steps.nth(0).inner_text()
    steps.nth(1).get_by_role("link", name="Platform recovery pages").click()  # tap two
    assert page.url.endswith("credentials.html#accounts")
    assert page.get_by_role("link", name="https://www.facebook.com/hacked").count() == 1
    context.close()


@pytest.mark.parametrize("mode", ["http", "file"])
def test_the_rota_names_today_s_person_in_the_browser(
    browser: Any, server: str, example_site: Path, mode: str
) -> None:
    import datetime as dt

    from generator.plan.validate import load_valid_plan

    rota = load_valid_plan(EXAMPLE).role("social-lead").rotation
    assert rota is not None
    names = {"sofia-reyes": "Sofia Reyes", "tom-okafor": "Tom Okafor"}
    page = browser.new_page()
    base = server if mode == "http" else example_site.as_uri() + "/"
    page.goto(base + "roles.html")
    box = page.locator(".runbook-rota")
    today = box.locator(".runbook-on-call").inner_text()
    # the page's clock is the machine's: the browser's local day and Python's agree here
    assert names[rota.on_call(dt.date.today())] in today
    nxt = rota.shift(rota.shift_index(dt.date.today()) + 1)
    first_next = box.locator(".runbook-next-shifts li").first.inner_text()
    assert first_next.startswith(f"From {nxt.first_day}: {names[nxt.contact]}")
    assert box.locator(".runbook-next-shifts li").count() == 4
    # where the role is called from a level, the cell names today's person too
    page.goto(base + "levels/level-4.html")
    cell = page.locator(".runbook-rota-today").first.inner_text()
    assert cell.startswith(names[rota.on_call(dt.date.today())]) and "(on call today)" in cell
    page.close()


def test_without_a_script_the_rota_is_listed(browser: Any, server: str) -> None:
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(server + "roles.html")
    text = page.locator(".runbook-rota").inner_text()
    assert "shifts of 7 days from 2026-11-02" in text and "2. Tom Okafor" in text
    context.close()


def test_a_call_block_puts_today_s_person_of_a_rota_first(
    browser: Any, tmp_path_factory: pytest.TempPathFactory
) -> None:
    import datetime as dt

    from tests.conftest import edited

    # a rota that started one shift ago: today Bob (the second in turn) is on call
    starts = (dt.date.today() - dt.timedelta(days=7)).isoformat()
    rota = f"    rotation:\n      starts: {starts}\n      every_days: 7\n      order: [ann, bob]\n"
    folder = tmp_path_factory.mktemp("rota")
    plan = folder / "plan.yaml"
    plan.write_text(edited(("    contacts: [ann, bob]\n", "    contacts: [ann, bob]\n" + rota)))
    site = _build(plan, folder / "site", "--no-offline-copies")
    page = browser.new_page(viewport={"width": 390, "height": 844})
    page.goto(site.as_uri() + "/levels/level-3.html")
    people = page.locator(".runbook-call a.runbook-call-person")
    assert people.count() == 2
    tags = people.locator(".runbook-call-tag")
    names = people.locator(".runbook-call-name")
    assert [tags.nth(0).text_content(), names.nth(0).text_content()] == ["On call today", "Bob Ray"]
    assert [tags.nth(1).text_content(), names.nth(1).text_content()] == ["Backup 1", "Ann Lee"]
    # the finder's result for level 3 shows the same block, today's person first
    page.goto(site.as_uri() + "/triage.html#find:y")
    result = page.locator(".runbook-triage .runbook-call")
    assert result.locator(".runbook-call-name").first.text_content() == "Bob Ray"
    assert result.locator(".runbook-call-tag").first.text_content() == "On call today"
    page.close()
