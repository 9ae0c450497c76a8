"""The tool's own words in the plan's language: gettext catalogs read through Babel.

The catalogs are ``generator/locale/<lang>/LC_MESSAGES/runbook.po`` (the source strings,
``runbook.pot``, are English). A catalog is read with Babel and compiled in memory once
per language, so only the commands that render outputs import Babel (``validate`` never
does). Code says ``_("Call first")`` or ``_("Level %(n)s", n=3)``; which catalog answers
is the language of the plan being rendered, set with ``using(plan.plan.language)``
(a context variable: threads that render start with their own ``using``). An unknown
language falls back to English. Plan text never goes through a catalog.
"""

from __future__ import annotations

import gettext
import io
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from datetime import date
from functools import cache
from typing import Any

from generator.shared import resources

LOCALE_PACKAGE = "generator.locale"
DOMAIN = "runbook"
SOURCE_LANGUAGE = "en"

_ENGLISH = gettext.NullTranslations()
_current: ContextVar[tuple[str, gettext.NullTranslations]] = ContextVar(
    "runbook_language", default=(SOURCE_LANGUAGE, _ENGLISH)
)


def catalog_path(lang: str) -> tuple[str, ...]:
    """The parts of a language's catalog below ``generator/locale``."""
    return (lang, "LC_MESSAGES", f"{DOMAIN}.po")


@cache
def shipped_languages() -> tuple[str, ...]:
    """The languages the package has a catalog for (``en``, ``de``, ...), sorted."""
    root = resources.package_file(LOCALE_PACKAGE)
    return tuple(
        sorted(
            node.name
            for node in root.iterdir()
            if node.is_dir() and (node / "LC_MESSAGES" / f"{DOMAIN}.po").is_file()
        )
    )


def catalog_language(tag: str | None) -> str:
    """The shipped catalog for a BCP 47 tag: the tag itself (``pt-BR`` as ``pt_BR``), else
    its language (``de`` for ``de-AT``), else English."""
    if not tag:
        return SOURCE_LANGUAGE
    parts = tag.replace("_", "-").split("-")
    shipped = shipped_languages()
    for candidate in ("_".join([parts[0].lower(), *parts[1:2]]), parts[0].lower()):
        if candidate in shipped:
            return candidate
    return SOURCE_LANGUAGE


@cache
def translations(lang: str) -> gettext.NullTranslations:
    """A shipped language's catalog, compiled in memory (once); English needs none."""
    if lang == SOURCE_LANGUAGE or lang not in shipped_languages():
        return _ENGLISH
    from babel.messages.mofile import write_mo
    from babel.messages.pofile import read_po

    node = resources.package_file(LOCALE_PACKAGE, *catalog_path(lang))
    with node.open("rb") as po:
        catalog = read_po(po, locale=lang, domain=DOMAIN)
    compiled = io.BytesIO()
    write_mo(compiled, catalog, use_fuzzy=False)
    compiled.seek(0)
    return gettext.GNUTranslations(compiled)


@contextmanager
def using(tag: str | None) -> Iterator[str]:
    """Render in the language ``tag`` (the plan's): ``_`` answers from its catalog.
    Gives the catalog's language (``en`` where none fits)."""
    lang = catalog_language(tag)
    token = _current.set((lang, translations(lang)))
    try:
        yield lang
    finally:
        _current.reset(token)


def current_language() -> str:
    """The catalog language ``_`` answers in now (``en`` outside ``using``)."""
    return _current.get()[0]


def gettext_(message: str) -> str:
    """A message in the current language, not formatted."""
    return _current.get()[1].gettext(message)


def ngettext_(singular: str, plural: str, n: int) -> str:
    """A message with a number in the current language, not formatted."""
    return _current.get()[1].ngettext(singular, plural, n)


def pgettext_(context: str, message: str) -> str:
    """A message with a context (``RACI`` letters) in the current language."""
    return _current.get()[1].pgettext(context, message)


def _(message: str, **values: Any) -> str:
    """A message in the current language, its ``%(name)s`` placeholders filled in."""
    text = gettext_(message)
    return text % values if values else text


def n_(singular: str, plural: str, n: int, **values: Any) -> str:
    """A message with a number (``%(num)s``) in the current language, filled in."""
    return ngettext_(singular, plural, n) % {"num": n, **values}


def format_day(day: date | str) -> str:
    """A date as the current language writes it; English keeps ISO 8601 (2026-03-01)."""
    if isinstance(day, str):
        try:
            return format_day(date.fromisoformat(day))
        except ValueError:
            return day
    lang = current_language()
    if lang == SOURCE_LANGUAGE:
        return day.isoformat()
    from babel.dates import format_date

    return str(format_date(day, format="medium", locale=lang))


def ui_language(lang: str, available: tuple[str, ...]) -> str:
    """The best of ``available`` codes (a theme's languages) for a catalog language:
    the tag as written (``pt-BR``), its language (``pt``), else ``en``."""
    tag = lang.replace("_", "-")
    for candidate in (tag, tag.split("-")[0]):
        if candidate in available:
            return candidate
    return SOURCE_LANGUAGE
