"""A message template on a page: its text with the placeholders marked, and its copy button.

Every piece of plan text goes in as a placeholder of ``plantext`` (``in_html``). A
template in another language carries its ``lang`` and, written right to left, ``dir``
on the text itself (never on the button, whose words are the runbook's own); in such
text each number (a phone number, a time) is an isolated left-to-right run, so its
digits keep their order.
"""

from __future__ import annotations

import re

from markupsafe import Markup

from generator.plan.placeholders import split_template
from generator.shared.i18n import _
from generator.shared.languages import ltr_runs
from generator.site.plantext import in_html as _attr


def language_attributes(lang: str | None, direction: str | None = None) -> str:
    """`` lang="..." dir="..."`` for a text in another language (``""`` without one)."""
    out = f' lang="{_attr(lang)}"' if lang else ""
    return out + (' dir="rtl"' if direction == "rtl" else "")


def _literal(text: str, direction: str | None) -> str:
    if direction != "rtl":
        return _attr(text)
    return "".join(
        f'<span dir="ltr">{_attr(piece)}</span>' if number else _attr(piece)
        for piece, number in ltr_runs(text)
    )


def template_html(
    text: str, element_id: str, lang: str | None = None, direction: str | None = None
) -> Markup:
    """A message template as one HTML block: placeholders marked, newlines as ``&#10;``.

    One line, so every Markdown engine keeps it as a single raw HTML block,
    and the copy button copies exactly the template text.
    """
    pieces, _ = split_template(text.rstrip("\n"))
    iso = ' dir="ltr"' if direction == "rtl" else ""
    parts = []
    for piece in pieces:
        if piece.placeholder:
            parts.append(f'<mark class="runbook-placeholder"{iso}>{{{_attr(piece.text)}}}</mark>')
        elif piece.text:
            parts.append(_literal(piece.text, direction))
    body = "".join(parts)
    attrs = language_attributes(lang, direction)
    return Markup(
        f'<pre class="runbook-template-text" id="{_attr(element_id)}"{attrs}>{body}</pre>'
    )


_LIST_ITEM = re.compile(r"^\s*(?:[-*\u2022]|\d+[.)])\s")


def ready_message(body: str, subject: str | None = None) -> str:
    """A template as it is sent: the subject as the first line, then the body with its
    hard-wrapped lines joined into paragraphs (list items keep their own lines)."""
    paragraphs = []
    for block in re.split(r"\n\s*\n", body.strip("\n")):
        lines = [line.strip() for line in block.splitlines() if line.strip()]
        out: list[str] = []
        for line in lines:
            if out and not _LIST_ITEM.match(line):
                out[-1] += " " + line
            else:
                out.append(line)
        paragraphs.append("\n".join(out))
    text = "\n\n".join(paragraphs)
    return f"{subject}\n\n{text}" if subject else text


def copy_button(
    body: str,
    element_id: str,
    subject: str | None = None,
    lang: str | None = None,
    direction: str | None = None,
) -> Markup:
    """A copy button, the ready-to-send message it copies (hidden), and the template."""
    message_id = f"message-{element_id}"
    message = _attr(ready_message(body, subject))
    attrs = language_attributes(lang, direction)
    label = _("Copy the message")  # the runbook's own words: the plan's language
    return Markup(
        '<div class="runbook-template">'
        f'<button type="button" class="runbook-copy md-button" '
        f'data-runbook-copy="{_attr(message_id)}">{label}</button>'
        f'<pre hidden id="{_attr(message_id)}"{attrs}>{message}</pre>'
        f"{template_html(body, element_id, lang, direction)}</div>"
    )
