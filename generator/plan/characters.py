"""Characters that hide or mislead, and web addresses that could break out.

Plan text must look like what it says. Control characters can retitle a
terminal or corrupt a PR comment; bidirectional controls (U+202E) and
zero-width characters can make a name or a phone number read in another order
or hide text. ``validate`` refuses them; every output shows any that reach it
as ``⟨U+202E⟩`` (``visible``). One URL check serves the validator and the
renderer, so the two never disagree.
"""

from __future__ import annotations

import re
from urllib.parse import urlsplit

from generator.plan.diagnostics import Diagnostic
from generator.plan.document import Document, NodePath

# C0 and C1 controls but tab and newline, soft hyphen, Arabic letter mark, zero-width and
# directional marks, line and paragraph separators, bidi embeddings, overrides and
# isolates, invisible operators, byte-order mark, interlinear annotation marks
INVISIBLE = re.compile(
    "[\x00-\x08\x0b-\x1f\x7f-\x9f\u00ad\u061c\u180e\u200b-\u200f\u2028-\u202e"
    "\u2060-\u2064\u2066-\u206f\ufeff\ufff9-\ufffb]"
)
URL_SCHEMES = frozenset({"http", "https", "mailto", "tel"})
_URL_BREAKERS = re.compile(r"[\s\"'<>`\\{}|^]")


def visible(text: str) -> str:
    """``text`` with every hidden or control character shown as ``⟨U+202E⟩``."""
    return INVISIBLE.sub(lambda m: f"⟨U+{ord(m.group()):04X}⟩", text)


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


def _strings(data: object, path: NodePath) -> list[tuple[NodePath, str]]:
    if isinstance(data, str):
        return [(path, data)]
    if isinstance(data, dict):
        return [s for k, v in data.items() for s in _strings(v, (*path, k))]
    if isinstance(data, list):
        return [s for i, v in enumerate(data) for s in _strings(v, (*path, i))]
    return []


def character_diagnostics(doc: Document) -> list[Diagnostic]:
    """Hidden or control characters in any text, and URLs a link cannot safely carry."""
    out: list[Diagnostic] = []
    for path, text in _strings(doc.data, ()):
        m = INVISIBLE.search(text)
        if m:
            out.append(
                doc.diagnostic_in_text(
                    path,
                    m.start(),
                    f"this text holds a hidden or control character {visible(m.group())}, "
                    "which can make it display in a misleading order or act on a terminal; "
                    "delete it (retype the text if you cannot see it)",
                )
            )
        if path and path[-1] == "url":
            problem = url_problem(text)
            if problem and not _said_elsewhere(text):
                out.append(doc.diagnostic(path, f"this link cannot be used: {problem}"))
    return out
