"""A statement or template with its translations: one block, one tab per language.

The block follows the ARIA tabs pattern: a ``tablist`` of buttons, each naming a
language (in the plan's language) and controlling one ``tabpanel``; ``runbook.js``
switches them (click, arrow keys, Home and End) and opens the tab a link's ``#statement-``
anchor points at. Each panel holds that language's text with its own copy button; the
text carries ``lang`` and, for a right-to-left language, ``dir="rtl"``. Plan text
enters only as ``plantext`` placeholders. On paper (the browser's print) every panel
is shown, under its language's name (``data-language``).
"""

from __future__ import annotations

from typing import Any

from markupsafe import Markup

from generator.plan.model import Template
from generator.shared.i18n import _
from generator.shared.languages import Group, Version
from generator.site.messages import copy_button, language_attributes
from generator.site.plantext import in_html as _attr


def text_id(entry: Any) -> str:
    """The id of a statement's or template's text element on its page."""
    kind = "template" if isinstance(entry, Template) else "statement"
    return f"text-{kind}-{entry.id}"


def _anchor(entry: Any) -> str:
    kind = "template" if isinstance(entry, Template) else "statement"
    return f"{kind}-{entry.id}"


def _copy(v: Version[Any], lang: str | None, direction: str | None) -> Markup:
    e = v.entry
    if isinstance(e, Template):
        return copy_button(e.body, text_id(e), e.subject, lang, direction)
    return copy_button(e.text, text_id(e), None, lang, direction)


def translation_block(group: Group[Any], plan_language: str) -> Markup:
    """The text (with its copy button) of an entry; with translations, the tabbed block."""
    if not group.translated:
        v = group.versions[0]
        if v.lang.lower() == plan_language.lower():
            return _copy(v, None, None)
        return _copy(v, v.lang, v.dir)
    tabs, panels = [], []
    for i, v in enumerate(group.versions):
        eid = text_id(v.entry)
        tab = f"tab-{eid}"
        panel = f"panel-{eid}" if i == 0 else _anchor(v.entry)
        selected = "true" if i == 0 else "false"
        tabs.append(
            f'<button type="button" role="tab" class="runbook-tab" id="{_attr(tab)}" '
            f'aria-controls="{_attr(panel)}" aria-selected="{selected}" '
            f'tabindex="{0 if i == 0 else -1}">{_attr(v.name)}</button>'
        )
        attrs = language_attributes(v.lang, v.dir)
        parts = []
        if i:
            parts.append(
                f'<p class="runbook-translation-title"{attrs}><strong>'
                f"{_attr(v.entry.title)}</strong></p>"
            )
        if i and isinstance(v.entry, Template) and v.entry.subject:
            subject = _("Subject:")
            parts.append(f"<p>{subject} <span{attrs}>{_attr(v.entry.subject)}</span></p>")
        parts.append(str(_copy(v, v.lang, v.dir)))
        hidden = " hidden" if i else ""
        panels.append(
            f'<div role="tabpanel" class="runbook-translation" id="{_attr(panel)}" '
            f'aria-labelledby="{_attr(tab)}" data-language="{_attr(v.name)}"{hidden}>'
            f"{''.join(parts)}</div>"
        )
    languages = _("Languages")
    return Markup(
        '<div class="runbook-translations">'
        f'<div role="tablist" class="runbook-tabs" aria-label="{languages}">'
        f"{''.join(tabs)}</div>{''.join(panels)}</div>"
    )
