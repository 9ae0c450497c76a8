"""The plan's upkeep, judged as of a day: overdue reviews, stale contacts, owners
without a backup, weak MFA, missed exercises and overdue follow-ups. All warnings:
a plan falling due never stops the runbook from being built."""

from __future__ import annotations

import datetime as dt
from typing import Any

from generator.plan.access import entries, section
from generator.plan.card_room import card_room_diagnostics
from generator.plan.diagnostics import Diagnostic
from generator.plan.document import Document, NodePath
from generator.plan.rules import (
    DEFAULT_EXERCISE_INTERVAL_DAYS,
    DEFAULT_REVIEW_INTERVAL_DAYS,
    as_int,
    checked_too_long_ago,
    contact_max_age,
    parse_date,
)


def warning_diagnostics(doc: Document, today: dt.date) -> list[Diagnostic]:
    """Overdue review, stale contacts, single-contact owners, weak MFA."""
    out: list[Diagnostic] = []
    plan = section(doc.data, "plan")
    reviewed = parse_date(plan.get("last_reviewed"))
    interval = as_int(plan.get("review_interval_days")) or DEFAULT_REVIEW_INTERVAL_DAYS
    if reviewed is not None and reviewed + dt.timedelta(days=interval) < today:
        due = reviewed + dt.timedelta(days=interval)
        out.append(
            doc.diagnostic(
                ("plan", "last_reviewed"),
                f"the plan's review is overdue: reviews are due every {interval} days and this "
                f"one was due on {due}; review the plan, then update `last_reviewed`",
                severity="warning",
            )
        )
    max_age = contact_max_age(doc.data)
    for path, contact in entries(doc.data, "contacts"):
        verified = checked_too_long_ago(contact.get("verified_on"), max_age, today)
        if verified is not None:
            out.append(
                doc.diagnostic(
                    (*path, "verified_on"),
                    f"{contact.get('name', 'this contact')}'s details were last verified on "
                    f"{verified}, more than {max_age} days ago: "
                    "confirm them and update `verified_on`",
                    severity="warning",
                )
            )
    out += _single_contact_owners(doc)
    out += _exercise_warnings(doc, today)
    out += _print_warnings(doc)
    for path, account in entries(doc.data, "social_accounts"):
        if account.get("mfa") in ("none", "sms"):
            weak = (
                "no second factor"
                if account["mfa"] == "none"
                else "SMS codes, which can be hijacked"
            )
            out.append(
                doc.diagnostic(
                    (*path, "mfa"),
                    f"{account.get('handle', 'this account')} uses {weak}: switch to an "
                    "authenticator app or a hardware key",
                    severity="warning",
                )
            )
    return out


def _single_contact_owners(doc: Document) -> list[Diagnostic]:
    owned: dict[str, list[int]] = {}
    for _, level in entries(doc.data, "severity_levels"):
        n, role = as_int(level.get("level")), level.get("accountable")
        if level.get("crisis") is True and n is not None and isinstance(role, str):
            owned.setdefault(role, []).append(n)
    out: list[Diagnostic] = []
    for path, role in entries(doc.data, "roles"):
        contacts = role.get("contacts")
        levels = owned.get(str(role.get("id")))
        if levels and isinstance(contacts, list) and len(contacts) == 1:
            out.append(
                doc.diagnostic(
                    (*path, "contacts"),
                    f"role `{role['id']}` is accountable for crisis level "
                    f"{', '.join(map(str, sorted(levels)))} but has a single contact: "
                    "add a backup, the person may be away when it matters",
                    severity="warning",
                )
            )
    return out


def _exercise_warnings(doc: Document, today: dt.date) -> list[Diagnostic]:
    """No exercise within the interval, and open follow-ups past their due date."""
    plan = section(doc.data, "plan")
    interval = as_int(plan.get("exercise_interval_days")) or DEFAULT_EXERCISE_INTERVAL_DAYS
    out: list[Diagnostic] = []
    held = [
        (day, path)
        for path, exercise in entries(doc.data, "exercises")
        if (day := parse_date(exercise.get("date"))) is not None and day <= today
    ]
    if not held:
        where: NodePath = ("exercises",) if "exercises" in doc.data else ("plan",)
        out.append(
            doc.diagnostic(
                where,
                "the plan has no exercise on record: run a tabletop drill and record it "
                "under `exercises`",
                severity="warning",
            )
        )
    else:
        last, path = max(held)
        if last + dt.timedelta(days=interval) < today:
            out.append(
                doc.diagnostic(
                    (*path, "date"),
                    f"the plan was last exercised on {last}, more than {interval} days ago: "
                    "run a drill and record it under `exercises`",
                    severity="warning",
                )
            )
    for path, exercise in entries(doc.data, "exercises"):
        for follow_path, follow_up in entries(exercise, "follow_ups"):
            due = parse_date(follow_up.get("due"))
            if follow_up.get("done") is not True and due is not None and due < today:
                out.append(
                    doc.diagnostic(
                        (*path, *follow_path, "due"),
                        f'follow-up "{follow_up.get("action", "")}" was due on {due} and is '
                        "not done: do it and set `done: true`, or agree a new date",
                        severity="warning",
                    )
                )
    return out


LONGEST_WORD = 40  # characters: longer, and a name or title cannot wrap on a pocket card


def long_word_diagnostics(
    doc: Document, named: list[tuple[NodePath, str, dict[str, Any]]]
) -> list[Diagnostic]:
    """A word too long to wrap on a pocket card in any of the (entry path, key, entry)."""
    out: list[Diagnostic] = []
    for path, key, entry in named:
        text = entry.get(key)
        if isinstance(text, str):
            word = max(text.split() or [""], key=len)
            if len(word) > LONGEST_WORD:
                out.append(
                    doc.diagnostic(
                        (*path, key),
                        f"`{word[:20]}...` is a word of {len(word)} characters: in print it "
                        "breaks mid-word and can push a pocket card past its size; keep "
                        f"words under {LONGEST_WORD} characters",
                        severity="warning",
                    )
                )
    return out


def _print_warnings(doc: Document) -> list[Diagnostic]:
    """The predictors of a pocket card that will not fit A6: a very long word in a name
    or title, and a card's text (``card_room``)."""
    named = [
        (path, key, entry)
        for keys, key in (
            (("contacts",), "name"),
            (("roles",), "title"),
            (("severity_levels",), "name"),
        )
        for path, entry in entries(doc.data, *keys)
    ]
    out = card_room_diagnostics(doc)
    out += long_word_diagnostics(doc, named)
    return out
