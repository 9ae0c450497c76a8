"""Facts about a plan judged on its own dates: how fresh contacts are, which MFA is weak,
and the date builds carry. The plan's date, not the clock, keeps output reproducible."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from generator.plan.model import Contact, Plan
from generator.plan.practice import Exercise, FollowUp

WEAK_MFA = frozenset({"none", "sms"})


@dataclass(frozen=True)
class ContactStatus:
    """How fresh a contact's details are, as of the plan's last review."""

    label: str  # verified, stale or unverified
    verified_on: dt.date | None
    stale_after: dt.date | None


def contact_status(plan: Plan, contact: Contact) -> ContactStatus:
    """Verified, stale or unverified, judged on the plan's ``last_reviewed`` date.

    The plan's date, not the clock, keeps builds reproducible; the page's
    script re-checks ``stale_after`` against the reader's date.
    """
    if contact.verified_on is None:
        return ContactStatus("unverified", None, None)
    stale_after = contact.verified_on + dt.timedelta(days=plan.plan.contact_max_age_days)
    label = "stale" if stale_after < plan.plan.last_reviewed else "verified"
    return ContactStatus(label, contact.verified_on, stale_after)


def source_date_epoch(plan: Plan) -> str:
    """The plan's review date as SOURCE_DATE_EPOCH: builds are dated by the plan."""
    day = dt.datetime.combine(plan.plan.last_reviewed, dt.time(), dt.UTC)
    return str(int(day.timestamp()))


@dataclass(frozen=True)
class ExerciseStatus:
    """When the plan was last exercised and when the next exercise is due, as of the
    plan's last review (the page's script re-checks ``due`` against the reader's date)."""

    label: str  # exercised, overdue or never
    last: dt.date | None
    due: dt.date


def exercise_status(plan: Plan) -> ExerciseStatus:
    """The plan's practice record, judged on its ``last_reviewed`` date."""
    held = [e.date for e in plan.exercises if e.date <= plan.plan.last_reviewed]
    if not held:
        return ExerciseStatus("never", None, plan.plan.last_reviewed)
    last = max(held)
    due = last + dt.timedelta(days=plan.plan.exercise_interval_days)
    return ExerciseStatus("overdue" if due < plan.plan.last_reviewed else "exercised", last, due)


@dataclass(frozen=True)
class OpenFollowUp:
    """A follow-up not done yet, and the exercise it came from."""

    exercise: Exercise
    follow_up: FollowUp


def open_follow_ups(plan: Plan) -> list[tuple[str, list[OpenFollowUp]]]:
    """Follow-ups not done yet, by owner role (in the roles' order), oldest due first."""
    by_owner: dict[str, list[OpenFollowUp]] = {}
    for e in plan.exercises:
        for f in e.follow_ups:
            if not f.done:
                by_owner.setdefault(f.owner, []).append(OpenFollowUp(e, f))
    return [
        (r.id, sorted(by_owner[r.id], key=lambda item: item.follow_up.due))
        for r in plan.roles
        if r.id in by_owner
    ]
