"""Languages in the outputs: translations grouped with their original, each language's
name and writing direction, and the number runs kept left to right in right-to-left text.

The site and the PDF both show a statement (or template) with its translations as one
group; the cards show only the version in the plan's language. Babel names the
languages (in the plan's language); it is imported only when a name is asked for.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from typing import Generic, Protocol, TypeVar

# languages written right to left (the script subtag, when given, decides instead)
RTL_LANGUAGES = frozenset({"ar", "he", "iw", "fa", "ur", "yi", "ps", "sd", "ckb", "ug", "dv"})
RTL_SCRIPTS = frozenset({"arab", "hebr", "thaa", "syrc", "nkoo", "adlm", "rohg"})


class Translatable(Protocol):
    """A statement or a template: an id, an optional language and original."""

    @property
    def id(self) -> str: ...

    @property
    def lang(self) -> str | None: ...

    @property
    def translation_of(self) -> str | None: ...


T = TypeVar("T", bound=Translatable)


@dataclass(frozen=True)
class Version(Generic[T]):
    """One language's version of a text: the entry, its language tag, direction and name
    (in the plan's language)."""

    entry: T
    lang: str
    dir: str  # "ltr" or "rtl"
    plan_language: str

    @property
    def name(self) -> str:
        """The language's name, looked up when asked for: only a translated text shows
        it, and Babel's locale data costs some 7 MB (a plan without translations never
        loads it)."""
        return language_name(self.lang, self.plan_language)


@dataclass(frozen=True)
class Group(Generic[T]):
    """An original and its translations, the original first, in the plan's order."""

    versions: tuple[Version[T], ...]

    @property
    def original(self) -> T:
        """The entry the others translate."""
        return self.versions[0].entry

    @property
    def translated(self) -> bool:
        """Whether there is more than one language."""
        return len(self.versions) > 1


def direction(tag: str) -> str:
    """``"rtl"`` for a language written right to left, else ``"ltr"``."""
    parts = tag.lower().split("-")
    if len(parts) > 1 and len(parts[1]) == 4 and parts[1].isalpha():
        return "rtl" if parts[1] in RTL_SCRIPTS else "ltr"
    return "rtl" if parts[0] in RTL_LANGUAGES else "ltr"


@cache
def language_name(tag: str, in_language: str = "en") -> str:
    """The name of ``tag``'s language, written in ``in_language`` ("Spanish", "espagnol");
    CLDR's name of the language alone when it has no data for the whole tag; the tag
    itself when it has no name at all."""
    from babel import Locale, UnknownLocaleError

    try:
        reader = Locale.parse(in_language, sep="-")
    except (ValueError, UnknownLocaleError):
        reader = Locale("en")
    try:
        name = Locale.parse(tag, sep="-").get_display_name(reader)
    except (ValueError, UnknownLocaleError):
        name = reader.languages.get(tag.split("-")[0].lower())
    if not name:
        return tag
    return name[0].upper() + name[1:]


def groups(items: Sequence[T], plan_language: str) -> list[Group[T]]:
    """The originals of ``items`` in order, each with its translations (a valid plan's
    translations all name an original among ``items``)."""
    by_original: dict[str, list[T]] = {}
    for item in items:
        if item.translation_of is not None:
            by_original.setdefault(item.translation_of, []).append(item)
    out = []
    for item in items:
        if item.translation_of is None:
            entries = [item, *by_original.get(item.id, [])]
            out.append(Group(tuple(_version(e, plan_language) for e in entries)))
    return out


def _version(entry: T, plan_language: str) -> Version[T]:
    lang = entry.lang or plan_language
    return Version(entry, lang, direction(lang), plan_language)


def in_plan_language(group: Group[T], plan_language: str) -> T:
    """The version a card shows: the one in the plan's language (the original when none
    is)."""
    for v in group.versions:
        if v.lang.lower() == plan_language.lower():
            return v.entry
    for v in group.versions:
        if v.lang.split("-")[0].lower() == plan_language.split("-")[0].lower():
            return v.entry
    return group.original


# A number as right-to-left text would scramble it: a phone number (+1 555 010 0100),
# a time (14:30), a date (2026-11-01). ASCII digits only: Arabic-Indic digits read right.
_NUMBER_RUN = re.compile(r"[+(]?[0-9](?:[0-9 ().:/-]*[0-9])?\)?")


def ltr_runs(text: str) -> list[tuple[str, bool]]:
    """``text`` as (piece, is a number kept left to right) pairs, in order."""
    out: list[tuple[str, bool]] = []
    at = 0
    for m in _NUMBER_RUN.finditer(text):
        if m.start() > at:
            out.append((text[at : m.start()], False))
        out.append((m.group(), True))
        at = m.end()
    if at < len(text):
        out.append((text[at:], False))
    return out
