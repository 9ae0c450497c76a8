"""Escaping plan text for every place it lands: Markdown, HTML, Jinja.

Plan text is plain text. Whatever it holds (``<script>``, ``{{ }}``,
``{% %}``, ``**bold**``, ``[a](javascript:...)``, attribute lists
``{: ...}``), it must come out as the same visible characters and never
change the page's structure or run.

Markdown escaping uses numeric character references (``&#42;`` for ``*``)
rather than backslashes: Python-Markdown keeps a backslash before characters
it does not consider escapable, while every Markdown engine (Python-Markdown,
CommonMark, GitHub) shows a character reference as the plain character and
never as markup.
"""

from __future__ import annotations

import re

# Characters that start inline markup anywhere in a line: emphasis, code, links,
# images, raw HTML and entities, tables, strike/sub/superscript, math, emoji,
# attribute lists and template syntax.
_INLINE = frozenset("\\`*_{}[]<>&|~^$!:\"'")
# Block markers only matter at the start of a line; values always start one.
_LEADING = re.compile(r"^(?:[#>+=-]|\d+[.)])")
_SAFE_URL = re.compile(r"^(?:https?://|mailto:|tel:)[^\s<>\"'`\\]+$", re.IGNORECASE)


def html(text: str) -> str:
    """Escape for HTML text and attribute values."""
    return (
        text.replace("&", "&amp;")
        .replace("<", "&lt;")
        .replace(">", "&gt;")
        .replace('"', "&quot;")
        .replace("'", "&#39;")
    )


def _ref(ch: str) -> str:
    return f"&#{ord(ch)};"


def markdown(text: str) -> str:
    """Escape for inline Markdown: the same visible characters on one line, no markup.

    Line breaks become spaces, so a value can never start a new block
    (a heading, a list, a table row, a fence).
    """
    line = " ".join(text.split())
    out = "".join(_ref(ch) if ch in _INLINE else ch for ch in line)
    m = _LEADING.match(out)
    if m:
        marker = m.group()
        out = marker[:-1] + _ref(marker[-1]) + out[len(marker) :]
    return out


def plain_label(text: str) -> str:
    """Text for places that other templates print unescaped or half-escaped (a MkDocs
    site name, nav titles, PDF metadata): one line, without ``< > & " ' `` and backticks."""
    return " ".join(re.sub(r"[<>&\"'`]", "", text).split())


def safe_url(url: str) -> str | None:
    """The URL when it is http(s), mailto or tel with nothing that could break out, else None."""
    return url if _SAFE_URL.match(url) else None
