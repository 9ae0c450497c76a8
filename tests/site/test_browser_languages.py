"""Translation tabs in the system Chromium: they switch by click and by keyboard, each
copy button copies its own language's text, Arabic is laid out right to left, and axe
finds nothing, at phone and desktop sizes, in the light and the dark scheme."""

from __future__ import annotations

import functools
import threading
from collections.abc import Iterator
from typing import Any

import pytest

from tests.conftest import ARABIC, HEBREW, edited
from tests.site.test_browser import CHROMIUM, QuietServer, _build, _QuietHandler, search_for
from tests.site.test_languages import translated_plan

assert CHROMIUM  # test_browser skips or fails the run without it

SIZES = [(390, 844), (1280, 900)]
SCHEMES = ["light", "dark"]


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    folder = tmp_path_factory.mktemp("translated-browser")
    plan = folder / "plan.yaml"
    plan.write_text(translated_plan(), "utf-8")
    site = folder / "site"
    _build(plan, site, "--no-offline-copies")
    handler = functools.partial(_QuietHandler, directory=str(site))
    httpd = QuietServer(("127.0.0.1", 0), handler)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}/"
    httpd.shutdown()


def _open(browser: Any, server: str, size: tuple[int, int], scheme: str) -> tuple[Any, Any]:
    context = browser.new_context(
        viewport={"width": size[0], "height": size[1]},
        color_scheme=scheme,
        permissions=["clipboard-read", "clipboard-write"],
    )
    page = context.new_page()
    page.goto(server + "statements.html")
    return context, page


@pytest.mark.parametrize("scheme", SCHEMES)
@pytest.mark.parametrize("size", SIZES, ids=["phone", "desktop"])
def test_tabs_switch_and_each_copy_button_copies_its_language(
    browser: Any, server: str, size: tuple[int, int], scheme: str
) -> None:
    context, page = _open(browser, server, size, scheme)
    tabs = page.get_by_role("tab")
    assert tabs.all_inner_texts() == ["English", "Arabic", "Hebrew"]
    english = page.locator("#panel-text-statement-holding")
    arabic = page.locator("#statement-holding-ar")
    hebrew = page.locator("#statement-holding-he")
    assert english.is_visible() and not arabic.is_visible() and not hebrew.is_visible()

    page.get_by_role("tab", name="Arabic").click()
    assert arabic.is_visible() and not english.is_visible()
    assert page.get_by_role("tab", name="Arabic").get_attribute("aria-selected") == "true"
    for box in page.locator(".runbook-tab").all():  # a thumb's size, on the screen
        b = box.bounding_box()
        assert b is not None and b["height"] >= 44 and b["x"] + b["width"] <= size[0]
    # right to left: the text's first word at the right of the box, the number in order
    first = page.evaluate(
        """() => {
          const pre = document.getElementById('text-statement-holding-ar');
          const range = document.createRange();
          range.setStart(pre.firstChild, 0); range.setEnd(pre.firstChild, 3);
          const word = range.getBoundingClientRect(), box = pre.getBoundingClientRect();
          const style = getComputedStyle(pre);
          return [box.right - word.right, word.left - box.left, style.direction];
        }"""
    )
    assert first[2] == "rtl" and first[0] < 30 < first[1], first
    number = arabic.locator("span[dir=ltr]").filter(has_text="555")
    assert number.inner_text() == "+1 555 010 0100"

    arabic.locator("button[data-runbook-copy]").click()
    arabic.locator(".runbook-copy-status").wait_for()
    assert page.evaluate("navigator.clipboard.readText()") == ARABIC

    # the keyboard: the arrow keys move between tabs, Home goes back to the first
    page.get_by_role("tab", name="Arabic").focus()
    page.keyboard.press("ArrowRight")
    assert page.evaluate("document.activeElement.textContent") == "Hebrew"
    assert hebrew.is_visible() and not arabic.is_visible()
    hebrew.locator("button[data-runbook-copy]").click()
    hebrew.locator(".runbook-copy-status").wait_for()
    assert page.evaluate("navigator.clipboard.readText()") == HEBREW
    page.get_by_role("tab", name="Hebrew").focus()
    page.keyboard.press("Home")
    assert english.is_visible() and not hebrew.is_visible()
    page.keyboard.press("ArrowLeft")  # wraps round to the last
    assert hebrew.is_visible()
    page.get_by_role("tab", name="English").click()
    english.locator("button[data-runbook-copy]").click()
    english.locator(".runbook-copy-status").wait_for()
    assert page.evaluate("navigator.clipboard.readText()") == "We are looking into {topic}."
    widths = page.evaluate("[document.documentElement.scrollWidth, innerWidth]")
    assert widths[0] <= widths[1], "no sideways scrolling"
    context.close()


def test_a_link_to_a_translation_opens_its_tab(browser: Any, server: str) -> None:
    page = browser.new_page()
    page.goto(server + "statements.html#statement-holding-he")
    hebrew = page.locator("#statement-holding-he")
    hebrew.wait_for()
    assert hebrew.is_visible()
    assert page.get_by_role("tab", name="Hebrew").get_attribute("aria-selected") == "true"
    page.close()


@pytest.mark.parametrize("scheme", SCHEMES)
@pytest.mark.parametrize("size", SIZES, ids=["phone", "desktop"])
def test_no_accessibility_violation_with_every_tab_open(
    browser: Any, server: str, size: tuple[int, int], scheme: str
) -> None:
    from axe_playwright_python.sync_playwright import Axe

    axe = Axe()
    context, page = _open(browser, server, size, scheme)
    for page_name in ("statements.html", "internal-comms.html"):
        page.goto(server + page_name)
        for i in range(page.get_by_role("tab").count()):
            page.get_by_role("tab").nth(i).click()
            violations = axe.run(page).response["violations"]
            assert violations == [], [
                f"{v['id']} ({v['impact']}): {v['nodes'][0]['target']}" for v in violations
            ]
        # every text of a translated block says its language
        unmarked = page.evaluate(
            """() => [...document.querySelectorAll('.runbook-translation pre')]
                 .filter(e => !e.lang).map(e => e.id)"""
        )
        assert unmarked == []
    context.close()


# A Japanese sentence, written as Japanese is, without spaces between its words
JAPANESE_SUMMARY = "アカウントが乗っ取られた場合は直ちにパスワードを変更してください。"


@pytest.fixture(scope="module")
def japanese_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    folder = tmp_path_factory.mktemp("japanese-browser")
    plan = folder / "plan.yaml"
    plan.write_text(
        edited(
            ("  title: ", "  language: ja\n  title: "),
            ("summary: Someone asks a question.", f"summary: {JAPANESE_SUMMARY}"),
        ),
        "utf-8",
    )
    site = _build(plan, folder / "site", "--no-offline-copies")
    handler = functools.partial(_QuietHandler, directory=str(site))
    httpd = QuietServer(("127.0.0.1", 0), handler)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}/"
    httpd.shutdown()


@pytest.mark.parametrize("word", ["パスワード", "変更"])
def test_japanese_search_finds_a_word_inside_a_sentence(
    browser: Any, japanese_server: str, word: str
) -> None:
    """Material segments Japanese (TinySegmenter) when the search's language is the
    plan's: a word the sentence runs into its neighbours is found, at phone size."""
    context = browser.new_context(viewport={"width": 390, "height": 844})
    page = context.new_page()
    page.goto(japanese_server + "index.html")
    assert page.locator("html").get_attribute("lang") == "ja"
    result = search_for(page, word, JAPANESE_SUMMARY[:12])
    assert "1" in result.inner_text()  # the level 1 page
    context.close()
