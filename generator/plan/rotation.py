"""On-call rotas: who is called first for a role on a given day.

The rule is the format's: the person on call on a day is
``order[(days since starts // every_days) mod len(order)]``. Python's floor
division makes days before ``starts`` count backwards the same way, and the
site's script (templates/assets/runbook.js) computes the same thing in the
reader's browser.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

SHIFTS_PRINTED = 8  # the next shifts printed copies list


@dataclass(frozen=True)
class Shift:
    """One shift of a rota: its first and last day and the contact on call."""

    first_day: dt.date
    last_day: dt.date
    contact: str


@dataclass(frozen=True)
class Rotation:
    """A role's rota: shifts of ``every_days`` days from ``starts``, taken in ``order``."""

    starts: dt.date
    every_days: int
    order: tuple[str, ...]

    def shift_index(self, day: dt.date) -> int:
        """The number of the shift that holds ``day`` (negative before ``starts``)."""
        return (day - self.starts).days // self.every_days

    def shift(self, index: int) -> Shift:
        """Shift number ``index``."""
        first = self.starts + dt.timedelta(days=index * self.every_days)
        return Shift(
            first_day=first,
            last_day=first + dt.timedelta(days=self.every_days - 1),
            contact=self.order[index % len(self.order)],
        )

    def on_call(self, day: dt.date) -> str:
        """The contact id on call on ``day``."""
        return self.shift(self.shift_index(day)).contact

    def shifts_from(self, day: dt.date, count: int = SHIFTS_PRINTED) -> tuple[Shift, ...]:
        """The shift holding ``day`` and the ones after it, ``count`` in all."""
        first = self.shift_index(day)
        return tuple(self.shift(i) for i in range(first, first + count))


def build_rotation(data: dict[str, Any] | None) -> Rotation | None:
    """The rota of a validated role entry, if it has one."""
    if not data:
        return None
    return Rotation(
        starts=dt.date.fromisoformat(data["starts"]),
        every_days=data["every_days"],
        order=tuple(data["order"]),
    )
