"""The site templates' words from the catalog: Jinja's i18n extension (newstyle) with
callables whose messages are trusted and whose values are plan text.

``{{ _("Level %(n)s: %(name)s", n=lv.level, name=lv.name) }}`` gives the message of
the language being rendered (``shared/i18n.py``) with each value made a placeholder of
the page's ``PlanText``, exactly as ``{{ lv.name }}`` alone would be (``finalize``);
a value that is already trusted Markup (a link the page built) goes in as it is.
"""

from __future__ import annotations

from typing import Any

from jinja2 import Environment
from markupsafe import Markup

from generator.shared import i18n
from generator.site.plantext import in_markdown


def finalize(value: Any) -> str:
    """What ``{{ value }}`` writes: Markup as it is, anything else as plan text."""
    if isinstance(value, Markup):
        return str(value)
    return "" if value is None else in_markdown(str(value))


class Message(str):
    """A message from the catalog: trusted text whose ``%(name)s`` values are plan text,
    each made a placeholder (``finalize``) as any other ``{{ value }}`` is."""

    def __mod__(self, values: Any) -> Markup:
        if not isinstance(values, dict):
            raise TypeError("catalog messages take named values only")
        filled = {k: Markup(finalize(v)) for k, v in values.items()}
        return Markup(str.__mod__(str(self), filled))


def _gettext(message: str) -> Message:
    return Message(i18n.gettext_(message))


def _ngettext(singular: str, plural: str, n: int) -> Message:
    return Message(i18n.ngettext_(singular, plural, n))


def _pgettext(context: str, message: str) -> Message:
    return Message(i18n.pgettext_(context, message))


def due(day: Any, css: str = "") -> Markup:
    """A date the page's script checks against today: ISO in ``data-due``, shown as the
    plan's language writes dates."""
    attrs = f' class="{css}"' if css else ""
    shown = finalize(i18n.format_day(day))
    return Markup(f'<span{attrs} data-due="{finalize(day)}">{shown}</span>')


def install(env: Environment) -> None:
    """Give ``env`` the catalog's words: ``_``, ``ngettext``, ``pgettext`` (newstyle: the
    values are named and checked), ``plain_`` (the message filled in as plain text, for a
    filter that escapes it as a whole, such as ``check``) and the ``day`` filter."""
    env.add_extension("jinja2.ext.i18n")
    env.install_gettext_callables(  # type: ignore[attr-defined]
        _gettext, _ngettext, newstyle=True, pgettext=_pgettext
    )
    env.globals["plain_"] = i18n._
    env.filters["day"] = i18n.format_day
