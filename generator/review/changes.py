"""The data a review produces: field, entry and section changes, and the whole diff.

``diff`` computes them, ``risks`` reads them, ``format`` prints them; all three
import this module and none imports another's types back.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

Op = tuple[Literal["=", "-", "+"], str]


@dataclass(frozen=True)
class FieldChange:
    """One field of an entry that differs.

    ``style`` is ``value`` (``old`` -> ``new``), ``words`` (a word diff in
    ``ops``) or ``list`` (items added, removed or moved, in ``ops`` and
    ``moves``). ``exact`` is False when the texts or lists were too large to compare
    in full: part of them is shown removed and added whole (or as moves).
    """

    field: str
    style: Literal["value", "words", "list"]
    old: str | None = None
    new: str | None = None
    ops: tuple[Op, ...] = ()
    moves: tuple[str, ...] = ()
    exact: bool = True


@dataclass(frozen=True)
class ItemChange:
    """An entry added, removed, changed or moved within its list."""

    kind: Literal["added", "removed", "changed", "moved"]
    key: str
    label: str
    fields: tuple[FieldChange, ...] = ()
    moved: tuple[int, int] | None = None  # 1-based positions, old and new


@dataclass(frozen=True)
class Section:
    """The changes within one part of the plan."""

    name: str
    changes: tuple[ItemChange, ...]


@dataclass(frozen=True)
class PlanDiff:
    """Everything that changed in meaning, risk flags first."""

    old_version: str
    new_version: str
    flags: tuple[str, ...]
    sections: tuple[Section, ...]

    @property
    def changed(self) -> bool:
        """Whether the plans differ in meaning at all."""
        return bool(self.sections)

    @property
    def change_count(self) -> int:
        """How many entries changed, across all sections."""
        return sum(len(s.changes) for s in self.sections)
