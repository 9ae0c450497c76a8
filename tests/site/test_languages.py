# ruff: noqa: RUF001  (Arabic letters that look like Latin ones are the point here)
"""Translations on the site: one block per original with a tab per language, each text
with its own copy button, ``lang`` and, right to left, ``dir="rtl"``; numbers in it
kept left to right; plan text only through the placeholder route."""

from __future__ import annotations

from html.parser import HTMLParser
from pathlib import Path

import pytest

from generator.plan.loader import parse_plan_text
from generator.plan.validate import plan_from_document
from generator.site.render import render_pages
from tests.conftest import ARABIC, HEBREW, TODAY, TRANSLATIONS, edited
from tests.site.test_browser import _build

TEMPLATE_AR = (
    '      body: "Hello, {incident_summary}. Literal braces: {{ and }}."\n',
    '      body: "Hello, {incident_summary}. Literal braces: {{ and }}."\n'
    "    - id: alert-ar\n      translation_of: alert\n      lang: ar\n"
    "      title: تنبيه\n      channel: email\n      audience: جميع الموظفين\n"
    "      send_when: At level 3\n      sender: lead\n"
    '      subject: "بخصوص {incident_title}"\n'
    '      body: "مرحبًا، {incident_summary}."\n',
)


def translated_plan() -> str:
    """The minimal plan with an Arabic and a Hebrew statement and an Arabic template."""
    return edited(TRANSLATIONS, TEMPLATE_AR)


class _Elements(HTMLParser):
    """Every start tag of a page, as (tag, attributes), in order, with its text."""

    def __init__(self) -> None:
        super().__init__()
        self.found: list[tuple[str, dict[str, str | None]]] = []
        self.text: dict[int, str] = {}
        self._open: list[int] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.found.append((tag, dict(attrs)))
        if tag not in ("br", "img", "input", "meta", "link"):
            self._open.append(len(self.found) - 1)

    def handle_endtag(self, tag: str) -> None:
        if self._open:
            self._open.pop()

    def handle_data(self, data: str) -> None:
        for i in self._open:
            self.text[i] = self.text.get(i, "") + data


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("translated")
    plan = folder / "plan.yaml"
    plan.write_text(translated_plan(), "utf-8")
    _build(plan, folder / "site", "--no-offline-copies")
    return folder / "site"


def _page(site: Path, name: str) -> _Elements:
    parser = _Elements()
    parser.feed((site / name).read_text("utf-8"))
    return parser


def test_one_block_with_a_tab_per_language(site: Path) -> None:
    page = _page(site, "statements.html")
    blocks = [a for t, a in page.found if a.get("class") == "runbook-translations"]
    assert len(blocks) == 1, "the original and its translations are one block"
    tabs = [(i, a) for i, (t, a) in enumerate(page.found) if a.get("role") == "tab"]
    assert [page.text[i] for i, _ in tabs] == ["English", "Arabic", "Hebrew"]
    assert [a["aria-selected"] for _, a in tabs] == ["true", "false", "false"]
    panels = {a["id"]: a for t, a in page.found if a.get("role") == "tabpanel"}
    for _, tab in tabs:
        panel = panels[str(tab["aria-controls"])]
        assert panel["aria-labelledby"] == tab["id"]
    assert "hidden" not in panels["panel-text-statement-holding"]
    assert "hidden" in panels["statement-holding-ar"], "a link to the translation finds it"
    copies = [a["data-runbook-copy"] for t, a in page.found if "data-runbook-copy" in a]
    assert copies == [
        "message-text-statement-holding",
        "message-text-statement-holding-ar",
        "message-text-statement-holding-he",
    ], "each language has its own copy button"
    # no separate sections for the translations
    assert not any(a.get("id") == "statement-holding-ar" for t, a in page.found if t == "h2")


def test_each_text_has_its_language_and_arabic_and_hebrew_are_right_to_left(site: Path) -> None:
    page = _page(site, "statements.html")
    texts = {
        a["id"]: (a.get("lang"), a.get("dir"), page.text.get(i, ""))
        for i, (t, a) in enumerate(page.found)
        if t == "pre" and a.get("id", "").startswith(("text-", "message-"))  # type: ignore[union-attr]
    }
    assert texts["text-statement-holding"][:2] == ("en", None)
    assert texts["text-statement-holding-ar"][:2] == ("ar", "rtl")
    assert texts["text-statement-holding-he"][:2] == ("he", "rtl")
    assert texts["message-text-statement-holding-ar"] == ("ar", "rtl", ARABIC)
    assert texts["message-text-statement-holding-he"] == ("he", "rtl", HEBREW)
    assert texts["text-statement-holding-ar"][2] == ARABIC  # shown as written
    titles = [(a.get("lang"), a.get("dir")) for t, a in page.found if t == "p" and "lang" in a]
    assert titles == [("ar", "rtl"), ("he", "rtl")]


def test_numbers_and_placeholders_in_right_to_left_text_stay_left_to_right(site: Path) -> None:
    page = _page(site, "statements.html")
    inside = False
    isolated = []
    for i, (t, a) in enumerate(page.found):
        if t == "pre":
            inside = a.get("id") == "text-statement-holding-ar"
        elif inside and a.get("dir") == "ltr":
            isolated.append(page.text.get(i, ""))
    assert isolated == ["{topic}", "+1 555 010 0100"]


def test_a_template_translation_has_its_subject_in_its_language(site: Path) -> None:
    page = _page(site, "internal-comms.html")
    tabs = [page.text[i] for i, (t, a) in enumerate(page.found) if a.get("role") == "tab"]
    assert tabs == ["English", "Arabic"]
    spans = [page.text[i] for i, (t, a) in enumerate(page.found) if t == "span" and a.get("lang")]
    assert spans == ["بخصوص {incident_title}"]
    message = next(
        page.text[i]
        for i, (t, a) in enumerate(page.found)
        if a.get("id") == "message-text-template-alert-ar"
    )
    assert message == "بخصوص {incident_title}\n\nمرحبًا، {incident_summary}."


def test_rendered_markdown_holds_no_plan_text() -> None:
    from generator.site.render import render_opaque

    plan = plan_from_document(parse_plan_text(translated_plan(), "plan.yaml"), TODAY)
    pages, _ = render_opaque(plan, "")
    for word in ("نتحقق", "בודקים", "Arabic"):
        assert word not in pages["statements.md"], word
    assert "نتحقق" in render_pages(plan, "")["statements.md"]


def test_a_lone_statement_in_another_language_gets_its_lang(tmp_path: Path) -> None:
    text = edited(
        ("    text: We are looking into {topic}.\n", f"    lang: ar\n    text: {ARABIC}\n")
    )
    plan = plan_from_document(parse_plan_text(text, "plan.yaml"), TODAY)
    page = render_pages(plan, "")["statements.md"]
    assert "runbook-translations" not in page
    assert 'id="text-statement-holding" lang="ar" dir="rtl"' in page
