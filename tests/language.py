"""Helpers for the tests of the tool's own words in the plan's language: the shipped
catalogs, the German test plan, and which English words of the tool an output in
another language must not hold."""

from __future__ import annotations

import re
from functools import cache
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import yaml
from babel.messages.catalog import Catalog
from babel.messages.pofile import read_po

from tests.conftest import ROOT

LOCALE = ROOT / "generator" / "locale"
POT = LOCALE / "runbook.pot"
GERMAN = ROOT / "tests" / "data" / "german" / "plan.yaml"
PLACE = re.compile(r"%\((\w+)\)s|\{(\w+)\}")  # a message's places: %(name)s and {name}
WORD = re.compile(r"[A-Za-z][A-Za-z']{2,}")


def read_catalog(path: Path) -> Catalog:
    """A .po or .pot file, read by Babel."""
    with path.open("rb") as f:
        return read_po(f)


def shipped() -> list[Path]:
    """Every shipped catalog: generator/locale/<lang>/LC_MESSAGES/runbook.po."""
    return sorted(LOCALE.glob("*/LC_MESSAGES/runbook.po"))


def strings(value: Any) -> list[str]:
    """A message's id or string as a list (one, or its plural forms)."""
    if isinstance(value, (list, tuple)):
        return [str(v) for v in value]
    return [str(value)] if value else []


def _plan_text(value: Any) -> list[str]:
    if isinstance(value, dict):
        return [t for v in value.values() for t in _plan_text(v)]
    if isinstance(value, list):
        return [t for v in value for t in _plan_text(v)]
    text = str(value)
    # ids and references (level-4, template:rundmail) are not the plan's words; its
    # addresses (https://..., name@host) are
    return [] if re.fullmatch(r"[a-z0-9_:-]+", text) else [text]


@cache
def english_words(lang: str = "de", plan: Path = GERMAN) -> frozenset[str]:
    """The English words of the tool's messages that an output in ``lang`` must not hold:
    words of every message whose translation differs, unless the translations or the plan's
    own text use them too (``Name`` in German, ``Hootsuite`` in the plan)."""
    catalog = read_catalog(LOCALE / lang / "LC_MESSAGES" / "runbook.po")
    allowed: set[str] = set()
    for message in catalog:
        for text in strings(message.string):
            allowed.update(WORD.findall(PLACE.sub(" ", text)))
    for text in _plan_text(yaml.safe_load(plan.read_text("utf-8"))):
        allowed.update(WORD.findall(text))
    english: set[str] = set()
    for message in catalog:
        if not message.id or strings(message.id) == strings(message.string):
            continue
        for text in strings(message.id):
            text = re.sub(r"\]\([^)]*\)", "]", PLACE.sub(" ", text))  # no link targets
            english.update(WORD.findall(text))
    return frozenset(english - allowed)


@cache
def english_phrases(lang: str = "de") -> frozenset[str]:
    """The English messages whose translation differs, as the runs of words between their
    places and markup ("Call the level's owner"), two words or more, that no
    translation holds."""
    catalog = read_catalog(LOCALE / lang / "LC_MESSAGES" / "runbook.po")
    translated = " ".join(t for m in catalog for t in strings(m.string))
    phrases = set()
    for message in catalog:
        if not message.id or strings(message.id) == strings(message.string):
            continue
        for text in strings(message.id):
            text = re.sub(r"\]\([^)]*\)", "]", text)  # no link targets
            for part in re.split(r"%\(\w+\)s|[\[\]*`()·:;,.?!\"“”]", text):
                part = " ".join(part.split())
                if len(part.split()) >= 2 and part not in translated:
                    phrases.add(part)
    return frozenset(phrases)


def leftovers(text: str, lang: str = "de", plan: Path = GERMAN) -> list[str]:
    """The tool's English found in ``text`` (an output in ``lang``): its words, and the
    phrases of its messages, sorted."""
    found = set(WORD.findall(text)) & english_words(lang, plan)
    flat = " ".join(text.split())
    return sorted(found | {p for p in english_phrases(lang) if p in flat})


class _Text(HTMLParser):
    """The text a reader sees in a page: no scripts, styles or attributes."""

    def __init__(self) -> None:
        super().__init__()
        self.parts: list[str] = []
        self.skip = 0

    def handle_starttag(self, tag: str, attrs: Any) -> None:
        if tag in ("script", "style"):
            self.skip += 1

    def handle_endtag(self, tag: str) -> None:
        if tag in ("script", "style") and self.skip:
            self.skip -= 1

    def handle_data(self, data: str) -> None:
        if not self.skip:
            self.parts.append(data)


# Material's footer, in English in every language: the theme's words, not the tool's
THEME_CREDIT = "Made with Material for MkDocs"


def page_text(html: str) -> str:
    """A built page's visible text (the flowchart's SVG labels included), without the
    theme's credit line."""
    parser = _Text()
    parser.feed(html)
    return " ".join(" ".join(parser.parts).split()).replace(THEME_CREDIT, "")


def pdf_text(data: bytes) -> str:
    """The text of a PDF, as pypdf extracts it."""
    import io

    from pypdf import PdfReader

    return " ".join(page.extract_text() or "" for page in PdfReader(io.BytesIO(data)).pages)
