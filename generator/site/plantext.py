"""Plan text as opaque placeholders: the one route by which plan text reaches a page.

The Markdown that the runbook hands to a site engine holds only the runbook's own
structure and placeholders such as ``rbk5c0e19a2t12z``: lower-case letters and digits, which
no Markdown extension (magiclink, mark, keys, smartsymbols, gh_links, ...) and no
template plugin (mkdocs-macros evaluates ``{{ }}``, ``{% %}``, ``{# #}``) acts on.
The plugin puts the HTML-escaped text in their place after every extension and
template plugin has run (see ``generator/mkdocs_plugin.py``); ``render --out`` puts in
Markdown-escaped text instead (``inline``). A value gets one placeholder per build,
so an anchor and every link to it agree on every page. Each build draws a random
stamp for its placeholders, so plan text can never spell one; none reaches the output,
which stays byte-identical from build to build.
"""

from __future__ import annotations

import json
import re
import secrets
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from typing import Literal

from generator.plan.characters import visible
from generator.shared import escape

Kind = Literal["line", "html", "raw"]

# letters and digits only, ending in a letter: nothing any extension or template plugin
# acts on, and "t12z" is no ordinal number (smartsymbols' 12th)
TOKEN = re.compile(r"rbk[0-9a-f]{8}t\d+z")


class PlanText:
    """The placeholders of one build and the text each stands for.

    ``line``: plan text in a line of Markdown (one line, no markup);
    ``html``: plan text inside raw HTML (an attribute, a ``<pre>``), line breaks kept;
    ``raw``: HTML the runbook made from escaped parts (the flowchart SVG).
    """

    def __init__(self) -> None:
        self._tokens: dict[tuple[Kind, str], str] = {}
        self._values: list[tuple[Kind, str]] = []
        self._stamp = f"rbk{secrets.token_hex(4)}t"
        self._pattern = re.compile(re.escape(self._stamp) + r"(\d+)z")

    def token(self, text: str, kind: Kind = "line") -> str:
        """The placeholder for ``text`` (the same one for the same text and kind)."""
        key = (kind, text)
        found = self._tokens.get(key)
        if found is None:
            found = f"{self._stamp}{len(self._values)}z"
            self._tokens[key] = found
            self._values.append(key)
        return found

    def html(self, page: str) -> str:
        """``page`` (HTML, or any text an engine made from the Markdown) with every
        placeholder replaced by its text, HTML-escaped."""
        return self._pattern.sub(lambda m: self._as_html(int(m.group(1))), page)

    def inline(self, markdown: str) -> str:
        """``markdown`` with every placeholder replaced by its text escaped for Markdown
        (``runbook render --out``: pages for an engine without the plugin)."""
        return self._pattern.sub(lambda m: self._as_markdown(int(m.group(1))), markdown)

    def json(self, text: str) -> str:
        """JSON text (a search index) with every placeholder replaced by its text,
        HTML-escaped, as a JSON string's content."""
        return self._pattern.sub(lambda m: json.dumps(self._as_html(int(m.group(1))))[1:-1], text)

    def has(self, text: str) -> bool:
        """Whether ``text`` holds a placeholder of this build."""
        return self._pattern.search(text) is not None

    def _as_html(self, n: int) -> str:
        kind, text = self._values[n]
        if kind == "raw":
            return text
        if kind == "line":
            return escape.html(" ".join(visible(text).split()))
        return escape.html(text).replace("\n", "&#10;")

    def _as_markdown(self, n: int) -> str:
        kind, text = self._values[n]
        if kind == "line":
            return escape.markdown(text)
        return self._as_html(n)


# the placeholders of the pages being rendered; unset, text is escaped in place
_CURRENT: ContextVar[PlanText | None] = ContextVar("runbook_plan_text", default=None)


@contextmanager
def collecting(texts: PlanText) -> Iterator[PlanText]:
    """While inside, ``in_markdown`` and ``in_html`` give placeholders of ``texts``."""
    reset = _CURRENT.set(texts)
    try:
        yield texts
    finally:
        _CURRENT.reset(reset)


def in_markdown(text: str) -> str:
    """Plan text for a line of Markdown: its placeholder (escaped text outside
    ``collecting``)."""
    texts = _CURRENT.get()
    return escape.markdown(text) if texts is None else texts.token(text, "line")


def in_html(text: str) -> str:
    """Plan text for raw HTML (an attribute, an element's text, a link's anchor): its
    placeholder (escaped text outside ``collecting``)."""
    texts = _CURRENT.get()
    if texts is None:
        return escape.html(text).replace("\n", "&#10;")
    return texts.token(text, "html")
