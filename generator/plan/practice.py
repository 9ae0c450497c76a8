"""Practice in the model: exercises (drills and reviewed incidents) and their follow-ups."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any, Literal


@dataclass(frozen=True)
class FollowUp:
    """An action an exercise decided, with its owner role and due date."""

    action: str
    owner: str
    due: dt.date
    done: bool = False


@dataclass(frozen=True)
class Exercise:
    """One drill, or one real incident reviewed afterwards."""

    date: dt.date
    kind: Literal["tabletop", "simulation", "live"]
    scenario: str
    level: int
    participants: tuple[str, ...]
    findings: tuple[str, ...] = ()
    follow_ups: tuple[FollowUp, ...] = ()


def build_exercises(entries: list[dict[str, Any]]) -> tuple[Exercise, ...]:
    """The exercises of a validated plan, oldest first."""
    built = (
        Exercise(
            date=dt.date.fromisoformat(e["date"]),
            kind=e["kind"],
            scenario=e["scenario"],
            level=e["level"],
            participants=tuple(e["participants"]),
            findings=tuple(e.get("findings", ())),
            follow_ups=tuple(
                FollowUp(
                    action=f["action"],
                    owner=f["owner"],
                    due=dt.date.fromisoformat(f["due"]),
                    done=f.get("done", False),
                )
                for f in e.get("follow_ups", ())
            ),
        )
        for e in entries
    )
    return tuple(sorted(built, key=lambda x: x.date))
