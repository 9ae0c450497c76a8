"""Characters that hide or mislead, and web addresses that could break out.

Plan text must look like what it says. Control characters can retitle a
terminal or corrupt a PR comment; bidirectional controls (U+202E) and
zero-width characters can make a name or a phone number read in another order
or hide text; a newline in a key or a file name can start a forged line
(``::error ...``) in a workflow log. ``validate`` refuses them in values and
keys; every output shows any that reach it as ``⟨U+202E⟩`` (``visible``), and
one-line outputs show newlines and tabs too (``one_line``). Emoji sequences and
the joiners some scripts need stay legal. One URL check serves the validator
and the renderer, so the two never disagree.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any
from unicodedata import combining
from urllib.parse import urlsplit

from generator.plan.diagnostics import Diagnostic
from generator.plan.document import Document, NodePath
from generator.plan.unicode_tables import DEFAULT_IGNORABLE, EXTENDED_PICTOGRAPHIC, FORMAT

# What a reader cannot see: C0 and C1 controls (tab and newline stay legal in text),
# line and paragraph separators, U+2800 (a blank Braille cell), every
# Default_Ignorable code point (zero-width and directional marks, bidi overrides and
# isolates, variation selectors, tag characters, Hangul fillers, U+034F) and every
# format character (category Cf).
_HIDDEN_CLASS = f"\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029\u2800{DEFAULT_IGNORABLE}{FORMAT}"
INVISIBLE = re.compile(f"[{_HIDDEN_CLASS}]")
# The same, with tab, newline and carriage return: what a one-line output must show
_ONE_LINE = re.compile(f"[\t\n\r{_HIDDEN_CLASS}]")
# Text people post that needs some of them, and shows them: a variation selector after
# an emoji (or in a keycap, 1\ufe0f\u20e3), a zero-width joiner between two emoji
# (the family and profession emoji), the three subdivision flags (England, Scotland,
# Wales: tag characters after a black flag), and joiners after a virama or between
# Arabic-script letters (Persian and Indic spelling, as IDNA's CONTEXTJ rules allow).
_PICTO = f"[{EXTENDED_PICTOGRAPHIC}]"
_MODIFIER = "[\U0001f3fb-\U0001f3ff]"
_ARABIC = "[\u0620-\u064a\u066e-\u06d3\u06d5\u06fa-\u06ff\u0750-\u077f\u08a0-\u08c9]"
_SHOWN_SEQUENCES = re.compile(
    f"(?<={_PICTO})[\ufe0e\ufe0f]"
    f"|(?<=[#*0-9])\ufe0f(?=\u20e3)"
    f"|(?:(?<={_PICTO})|(?<={_PICTO}\ufe0f)|(?<={_MODIFIER}))\u200d(?={_PICTO})"
    "|(?<=\U0001f3f4)\U000e0067\U000e0062(?:\U000e0065\U000e006e\U000e0067"
    "|\U000e0073\U000e0063\U000e0074|\U000e0077\U000e006c\U000e0073)\U000e007f"
    f"|(?<={_ARABIC})\u200c(?={_ARABIC})"
)
URL_SCHEMES = frozenset({"http", "https", "mailto", "tel"})
_URL_BREAKERS = re.compile(r"[\s\"'<>`\\{}|^]")


def _hidden(text: str, pattern: re.Pattern[str]) -> Iterator[re.Match[str]]:
    """Each hidden character of ``text`` that no emoji or script sequence accounts for."""
    allowed: set[int] = set()
    for seq in _SHOWN_SEQUENCES.finditer(text):
        allowed.update(range(seq.start(), seq.end()))
    for m in pattern.finditer(text):
        i = m.start()
        after_virama = m.group() in "\u200c\u200d" and i > 0 and combining(text[i - 1]) == 9
        if i not in allowed and not after_virama:
            yield m


def first_hidden(text: str, *, key: bool = False) -> re.Match[str] | None:
    """The first character of ``text`` a reader cannot see (in a key, tab and newline
    too), or ``None``."""
    pattern = _ONE_LINE if key else INVISIBLE
    if pattern.search(text) is None:  # the common case, at C speed
        return None
    return next(_hidden(text, pattern), None)


def _shown(text: str, pattern: re.Pattern[str]) -> str:
    if pattern.search(text) is None:
        return text
    out, last = [], 0
    for m in _hidden(text, pattern):
        out += [text[last : m.start()], f"⟨U+{ord(m.group()):04X}⟩"]
        last = m.end()
    return "".join(out) + text[last:]


def visible(text: str) -> str:
    """``text`` with every hidden or control character shown as ``⟨U+202E⟩`` (tab and
    newline kept, for text that may span lines)."""
    return _shown(text, INVISIBLE)


def one_line(text: str) -> str:
    """``text`` for a one-line output (a diagnostic, a message, a file name): every
    hidden or control character shown, tab, newline and carriage return included,
    so no plan key or file name can start a line of its own (``::error``)."""
    return _shown(text, _ONE_LINE)


def url_problem(url: str) -> str | None:
    """Why ``url`` may not be a link in the runbook, or ``None`` when it may."""
    if _URL_BREAKERS.search(url):
        return "it holds spaces, quotes, angle brackets or other characters a link cannot hold"
    try:
        parts = urlsplit(url)
    except ValueError:
        return "it is not a well-formed web address"
    if parts.scheme.lower() not in URL_SCHEMES:
        return "links must start with https://, http://, mailto: or tel:"
    if parts.scheme.lower() in ("http", "https"):
        if not parts.hostname:
            return "it names no host (write https://example.com/...)"
        if parts.username is not None or parts.password is not None:
            return "it holds a login (user:password@); name the vault item instead"
    return None


def _said_elsewhere(url: str) -> bool:
    """The schema already requires ``https://``, and the secrets check reports a login."""
    try:
        parts = urlsplit(url)
        return parts.scheme.lower() not in ("http", "https") or parts.username is not None
    except ValueError:
        return False


def _strings(data: object, path: NodePath) -> Iterator[tuple[NodePath, str, bool]]:
    """Every text of the plan, keys included: (path, text, is it a key), in the plan's
    order (with a stack: nested generators cost a step per level for every item)."""
    stack: list[tuple[NodePath, Any, bool]] = [(path, data, False)]
    while stack:
        at, node, is_key = stack.pop()
        if is_key:
            yield at, node, True
        elif isinstance(node, str):
            yield at, node, False
        elif isinstance(node, dict):
            for k, v in reversed(node.items()):
                stack += [((*at, k), v, False), ((*at, k), k, True)]
        elif isinstance(node, list):
            stack += reversed([((*at, i), v, False) for i, v in enumerate(node)])


_HIDDEN_ADVICE = (
    "which can make it display in a misleading order or act on a terminal; "
    "delete it (retype the text if you cannot see it)"
)


def character_diagnostics(doc: Document) -> list[Diagnostic]:
    """Hidden or control characters in any text or key, and URLs a link cannot safely
    carry."""
    out: list[Diagnostic] = []
    for path, text, is_key in _strings(doc.data, ()):
        m = first_hidden(text, key=is_key)
        if m and is_key:
            shown = one_line(m.group())
            out.append(
                doc.diagnostic(
                    path,
                    f"this key holds a hidden or control character {shown}, {_HIDDEN_ADVICE}",
                    at_key=True,
                )
            )
        elif m:
            out.append(
                doc.diagnostic_in_text(
                    path,
                    m.start(),
                    f"this text holds a hidden or control character {one_line(m.group())}, "
                    + _HIDDEN_ADVICE,
                )
            )
        if not is_key and path and path[-1] == "url":
            problem = url_problem(text)
            if problem and not _said_elsewhere(text):
                out.append(doc.diagnostic(path, f"this link cannot be used: {problem}"))
    return out
