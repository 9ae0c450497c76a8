"""Escaping plan text for every place it lands: Markdown, HTML, Jinja.

Plan text is plain text. Whatever it holds (``<script>``, ``{{ }}``,
``{% %}``, ``**bold**``, ``[a](javascript:...)``, attribute lists
``{: ...}``, ``@mentions``, ``#123``, ``==mark==``, ``++keys++``, ``(c)``),
it must come out as the same visible characters and never change the page's
structure or run.

The site takes one route, whatever the host site enables: the Markdown the
runbook hands to MkDocs holds no plan text at all, only placeholders made of
letters and digits (``generator/site/plantext.py``), which no Markdown
extension (pymdownx.magiclink, mark, keys, smartsymbols, mdx_gh_links, ...) and
no template plugin (mkdocs-macros) acts on. The plugin puts ``html(text)`` in
their place once every extension and template plugin has run: in the page's
HTML (``on_page_content``, last), in titles, nav and table of contents (the
written page, the 404 page) and in the search index. That covers the pages,
nav titles, the flowchart SVG (one placeholder for the whole drawing, whose
labels D2 escapes), data attributes and the copy buttons' text alike.

``markdown`` is for Markdown that leaves the runbook as Markdown
(``runbook render --out``, PR comments): there a host's extensions may still
act on characters this function keeps, which is why ``render --out`` is a
starting point and not the way to add the runbook to a site.

Markdown escaping uses numeric character references (``&#42;`` for ``*``)
rather than backslashes: Python-Markdown keeps a backslash before characters
it does not consider escapable, while every Markdown engine (Python-Markdown,
CommonMark, GitHub) shows a character reference as the plain character and
never as markup.
"""

from __future__ import annotations

import re

from generator.plan.characters import one_line, url_problem, visible

# Characters that start inline markup anywhere in a line: emphasis, code, links,
# images, raw HTML and entities, tables, strike/sub/superscript, math, emoji,
# attribute lists and template syntax.
_INLINE = frozenset("\\`*_{}[]<>&|~^$!:\"'")
# Block markers only matter at the start of a line; values always start one.
_LEADING = re.compile(r"^(?:[#>+=-]|\d+[.)])")
# GitHub turns @name into a mention and #123 into a link; a word joiner after the sign
# keeps the text as it reads and pings no one
_MENTION = re.compile(r"(?<!&)([@#])(?=[A-Za-z0-9_])")  # not the # of a character reference
# and GH-123 (any case) like #123. owner/repo#1 and @org/team are covered above; a bare
# commit SHA links to a commit but pings no one, and plain URLs are checked plan text.
_GH_REFERENCE = re.compile(r"(?i)\b(gh)(?=-[0-9])")


def html(text: str) -> str:
    """Escape for HTML text and attribute values (hidden characters shown)."""
    return (
        visible(text)
        .replace("&", "&amp;")
        .replace("<", "&lt;")
        .replace(">", "&gt;")
        .replace('"', "&quot;")
        .replace("'", "&#39;")
    )


def _ref(ch: str) -> str:
    return f"&#{ord(ch)};"


# "&" first: the references the others become start with it, and hold no other
# character of _INLINE
_INLINE_ORDER = "&" + "".join(sorted(_INLINE - {"&"}))


def _inline_refs(line: str) -> str:
    """Every character of ``_INLINE`` in ``line`` as its reference: one ``replace`` a
    character (linear in C, where a join character by character took 0.3 s on 2 MB)."""
    for ch in _INLINE_ORDER:
        if ch in line:
            line = line.replace(ch, _ref(ch))
    return line


def markdown(text: str) -> str:
    """Escape for inline Markdown: the same visible characters on one line, no markup.

    Line breaks become spaces, so a value can never start a new block
    (a heading, a list, a table row, a fence).
    """
    line = " ".join(visible(text).split())
    out = _inline_refs(line)
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
    """The URL when it passes the validator's own check (``url_problem``), else None."""
    return url if url_problem(url) is None else None


def paste_safe(text: str) -> str:
    """Markdown for a PR comment or a chat: escaped, and @mentions, #123 and GH-123
    references that ping or link no one."""
    out = markdown(text)
    # each pattern only where it can match (searching 2 MB takes either 0.05 s): an @,
    # or a # that is not the start of a character reference
    if "@" in out or out.count("#") > out.count("&#"):
        out = _MENTION.sub("\\1\u2060", out)
    if "-" in out:
        out = _GH_REFERENCE.sub("\\1\u2060", out)
    return out


def terminal(text: str) -> str:
    """Text for one line of a terminal or a workflow log: every control or hidden
    character shown, newlines and tabs included, none sent raw."""
    return one_line(text)
