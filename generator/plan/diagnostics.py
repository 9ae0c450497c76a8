"""Problems found in a plan, as data: collected in full, printed in one place."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

Severity = Literal["error", "warning"]
TOP_LEVEL = "(top level)"


@dataclass(frozen=True, order=True)
class Diagnostic:
    """One problem at one spot of a plan file (line and column are 1-based)."""

    file: str
    line: int
    col: int
    path: str
    severity: Severity
    message: str

    @property
    def where_and_what(self) -> str:
        """The key path and the message: ``roles[3].contacts[0]: unknown contact ...``."""
        top = not self.path or self.path == TOP_LEVEL
        return self.message if top else f"{self.path}: {self.message}"

    def __str__(self) -> str:
        return f"{self.file}:{self.line}:{self.col}: {self.severity}: {self.where_and_what}"


def sort_diagnostics(diagnostics: list[Diagnostic]) -> list[Diagnostic]:
    """Sort by position and drop exact repeats, so every run prints the same list."""
    return sorted(set(diagnostics))


def cap_per_kind(diagnostics: list[Diagnostic], limit: int = 100) -> list[Diagnostic]:
    """At most ``limit`` diagnostics of one kind (the same message but for the names and
    numbers in it), then one that says how many more there are: a report stays readable
    and validation stays linear, whatever the file holds."""
    import re

    kept: list[Diagnostic] = []
    seen: dict[tuple[str, str], int] = {}
    first_dropped: dict[tuple[str, str], Diagnostic] = {}
    for d in diagnostics:
        kind: tuple[str, str] = (d.severity, re.sub(r"`[^`]*`|[0-9][0-9,]*", "", d.message))
        seen[kind] = seen.get(kind, 0) + 1
        if seen[kind] <= limit:
            kept.append(d)
        elif kind not in first_dropped:
            first_dropped[kind] = d
    for kind, d in first_dropped.items():
        more = seen[kind] - limit
        kept.append(
            Diagnostic(d.file, d.line, d.col, d.path, d.severity, f"and {more:,} more like this")
        )
    return sort_diagnostics(kept)


def count(diagnostics: list[Diagnostic], severity: Severity) -> int:
    """How many diagnostics have this severity."""
    return sum(1 for d in diagnostics if d.severity == severity)


def format_path(path: tuple[str | int, ...]) -> str:
    """Render a node path the way plan authors read it: ``roles[2].contacts[0]``."""
    out = ""
    for part in path:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += f".{part}" if out else part
    return out or TOP_LEVEL


def closest(word: str, candidates: list[str] | set[str]) -> str | None:
    """The candidate closest to ``word``, or ``None`` when none is close."""
    import difflib

    match = difflib.get_close_matches(word, sorted(candidates), n=1, cutoff=0.6)
    return match[0] if match else None


def did_you_mean(word: str, candidates: list[str] | set[str]) -> str:
    """``"; did you mean `x`?"`` for the closest candidate, or ``""`` when none is close."""
    match = closest(word, candidates)
    return f"; did you mean `{match}`?" if match else ""
