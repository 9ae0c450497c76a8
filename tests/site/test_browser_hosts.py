"""The runbook as a guest, in real Chromium: Material's instant navigation swaps its pages
in with their script and style, and the mkdocs and readthedocs themes get the same
finder, button sizes and phone layout as Material (tests/site/hosts.py builds the hosts)."""

from __future__ import annotations

import functools
import socket
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from generator.plan.validate import load_valid_plan
from tests.conftest import EXAMPLE
from tests.site.hosts import SECTION, build_host, write_host
from tests.site.test_browser import QuietServer, Watch, _QuietHandler, _walk_every_path


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port: int = s.getsockname()[1]
        return port


def _serve(site: Path, port: int) -> Iterator[str]:
    handler = functools.partial(_QuietHandler, directory=str(site))
    httpd = QuietServer(("127.0.0.1", port), handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{port}/"
    httpd.shutdown()
    httpd.server_close()


@pytest.fixture(scope="module")
def instant_host(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A Material host with navigation.instant, the offline plugin, every extension and
    the injection plan. Material navigates instantly only to the sitemap's URLs, so the
    host's site_url is the address it is served at."""
    port = _free_port()
    host = write_host(
        tmp_path_factory.mktemp("instant") / "host",
        "material",
        directory_urls=False,
        site_url=f"http://127.0.0.1:{port}/",
    )
    build_host(host)
    yield from _serve(host / "site", port)


def test_instant_navigation_runs_the_runbook_on_every_page(browser: Any, instant_host: str) -> None:
    context = browser.new_context(permissions=["clipboard-read", "clipboard-write"])
    page = context.new_page()
    watch = Watch(page)
    page.goto(instant_host)
    page.wait_for_function("window.document$ !== undefined")
    page.wait_for_timeout(300)  # Material reads the sitemap before it navigates instantly
    page.evaluate("window.sameDocument = true")  # gone after a full page load
    watch.errors.clear()  # the host's own page loads the offline plugin's shim from a CDN

    def instantly(what: str) -> None:
        assert page.evaluate("window.sameDocument === true"), f"{what}: a full page load"

    page.locator("article a", has_text="severity flowchart").click()
    page.wait_for_url("**/triage.html")
    page.locator(".runbook-triage h2").wait_for()
    instantly("the flowchart")
    assert page.locator(".runbook-flowchart > svg").is_visible()
    assert page.locator(".runbook-triage").get_by_role("button", name="Yes").is_visible()
    assert (
        page.evaluate("getComputedStyle(document.querySelector('.runbook-triage')).borderTopStyle")
        == "solid"
    ), "the runbook's style came with the page"
    # the questions' list links a level page: instant too, with the incident log
    page.locator("article ul a[href*='level-4']").first.click()
    page.wait_for_url("**/levels/level-4.html")
    page.locator(".runbook-incident h3").wait_for()
    instantly("a level page")
    assert page.get_by_role("button", name="Start an incident at level 4").is_visible()
    # and on to the templates, whose copy buttons copy the ready message
    page.locator("article a", has_text="staff protocol").click()
    page.wait_for_url("**/internal-comms.html")  # the address changes first, then the page
    button = page.locator("button.runbook-copy").first
    button.wait_for()
    instantly("internal comms")
    message = page.evaluate(
        "document.getElementById(document.querySelector('button.runbook-copy')"
        ".getAttribute('data-runbook-copy')).textContent"
    )
    button.click()
    page.wait_for_function("document.querySelector('button.runbook-copy').textContent === 'Copied'")
    copied = page.evaluate("navigator.clipboard.readText()")
    # the message as sent: a template's {{ and }} stand for single braces
    assert copied == message.replace("{{", "{").replace("}}", "}")
    assert "{{ 7*7 }}" in copied and "==marked==" in copied, "the text as written"
    # back to the flowchart; a level box goes to its page (Material leaves SVG links to
    # the browser)
    page.go_back()
    page.go_back()
    page.wait_for_url("**/triage.html")
    page.locator(".runbook-flowchart svg a", has_text="Level 3").first.click()
    page.wait_for_url("**/levels/level-3.html")
    page.locator(".runbook-incident h3").wait_for()
    assert watch.errors == [] and watch.dialogs == []
    assert not [u for u in watch.requests if "unpkg" in u and SECTION in u]
    context.close()


@pytest.mark.parametrize("theme", ["mkdocs", "readthedocs"])
def test_other_themes_get_the_finder_buttons_and_phone_layout(
    browser: Any, tmp_path: Path, theme: str
) -> None:
    host = write_host(tmp_path / "host", theme, directory_urls=True, plan=EXAMPLE.read_text())
    build_host(host)
    plan = load_valid_plan(EXAMPLE)
    port = _free_port()
    served = _serve(host / "site", port)
    base = next(served)
    try:
        context = browser.new_context(viewport={"width": 390, "height": 844})
        page = context.new_page()
        watch = Watch(page)
        url = f"{base}{SECTION}/triage/"
        # every path, with thumb-sized Yes and No and an "Open the level page" button
        assert _walk_every_path(page, url, plan) == 5
        page.goto(url + "#find:nny")
        page.get_by_text("Open the level page").click()
        page.wait_for_url(f"**/{SECTION}/levels/level-3/#call-now")  # whom to call first
        assert "Level 3:" in page.title()
        for lv, width in [(lv, w) for lv in plan.severity_levels for w in (390, 768)]:
            page.set_viewport_size({"width": width, "height": 844})
            page.goto(f"{base}{SECTION}/levels/level-{lv.level}/")
            widths = page.evaluate(
                "[document.documentElement.scrollWidth, document.documentElement.clientWidth]"
            )
            assert widths[0] <= widths[1], f"level {lv.level} scrolls sideways: {widths}"
            owner = plan.primary_contact(lv.accountable)
            digits = "".join(ch for ch in owner.phone or "" if ch.isdigit() or ch == "+")
            tel = page.locator(f'.runbook-stack a[href="tel:{digits}"]').first
            box = tel.bounding_box()
            assert box is not None and box["x"] >= 0 and box["x"] + box["width"] <= width, (
                f"level {lv.level}: {owner.phone} is off screen at {width} px"
            )
            cell = page.locator(".runbook-stack table").first
            assert cell.evaluate(
                "t => t.parentElement.scrollWidth <= t.parentElement.clientWidth"
            ), f"level {lv.level}: the table scrolls sideways at {width} px"
            start = page.get_by_role("button", name=f"Start an incident at level {lv.level}")
            size = start.bounding_box()
            assert size is not None and size["height"] >= 44
        # the mkdocs theme loads highlight.js from a CDN, which the test machine cannot reach
        errors = [e for e in watch.errors if "NAME_NOT_RESOLVED" not in e and "hljs" not in e]
        assert errors == []
        context.close()
    finally:
        next(served, None)
