"""The plan format reference, shipped with the tool: `runbook help format [SECTION]`.

The text is ``generator/plan/plan-format.md`` in the package, the same bytes as
``docs/plan-format.md`` in the repository (a test keeps them identical; ``make
golden`` copies the docs page over). A plan author with only ``pipx install`` has
no ``docs/`` folder, so every "see ..." in a message points here.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from generator.errors import UsageError
from generator.shared.resources import read_package_bytes

REFERENCE_PACKAGE = "generator.plan"
REFERENCE_FILE = "plan-format.md"

_HEADING = re.compile(r"^(#{2,3}) (.+?)\s*$")
_FENCE = re.compile(r"^\s*(```|~~~)")
_KEY = re.compile(r"^[a-z][a-z0-9_]*$")


@dataclass(frozen=True)
class Section:
    """One ``##`` or ``###`` part of the reference and the names that ask for it."""

    names: tuple[str, ...]
    text: str


def reference_text() -> str:
    """The whole plan format reference, as Markdown."""
    return read_package_bytes(REFERENCE_PACKAGE, REFERENCE_FILE).decode("utf-8")


def slug(heading: str) -> str:
    """The anchor Python-Markdown's toc (and GitHub) give a heading: lower case, code
    marks and punctuation dropped, spaces as hyphens."""
    text = re.sub(r"[^\w\s-]", "", heading.replace("`", "").strip().lower())
    return re.sub(r"[-\s]+", "-", text).strip("-")


def _names(heading: str) -> tuple[str, ...]:
    """The heading's slug, then the plan keys a title made only of keys names
    (``### contacts and roles (the chain of command)`` answers to ``contacts`` and
    ``roles``; ``## How runbook reads YAML`` only to its slug)."""
    title = re.split(r"[(:]", heading.replace("`", ""), maxsplit=1)[0]
    words = [w for w in re.split(r"[,\s]+", title) if w and w != "and"]
    keys = words if all(_KEY.match(w) for w in words) else []
    return tuple(dict.fromkeys((slug(heading), *keys)))


def sections(text: str) -> list[Section]:
    """The reference cut at its ``##`` and ``###`` headings; a ``##`` section holds its
    ``###`` ones. Headings inside code blocks are YAML comments, not headings."""
    lines = text.splitlines()
    starts: list[tuple[int, int, str]] = []  # (line, depth, heading)
    fenced = False
    for i, line in enumerate(lines):
        if _FENCE.match(line):
            fenced = not fenced
        found = None if fenced else _HEADING.match(line)
        if found:
            starts.append((i, len(found.group(1)), found.group(2)))
    out = []
    for n, (first, depth, heading) in enumerate(starts):
        end = next((i for i, d, _ in starts[n + 1 :] if d <= depth), len(lines))
        out.append(Section(_names(heading), "\n".join(lines[first:end]).strip() + "\n"))
    return out


def _short(part: Section) -> str:
    return " / ".join(part.names[1:]) or part.names[0]


def format_help(section: str | None) -> str:
    """The reference, or the one section named; an unknown name lists the known ones."""
    text = reference_text()
    if section is None:
        return text
    parts = sections(text)
    wanted = section.strip().lower()
    for part in parts:
        if wanted in part.names:
            return part.text
    known = ", ".join(_short(part) for part in parts)
    raise UsageError(f"the plan format has no section `{section}`; the sections are: {known}")
