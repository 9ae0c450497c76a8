"""Warnings about the optional sections: accounts too few people can reach, platforms
with no recovery entry, recovery entries not checked for too long, and text that will
not fit on a pocket card. Warnings only: none stops the runbook from being built."""

from __future__ import annotations

import datetime as dt

from generator.plan.access import entries, ids_of
from generator.plan.diagnostics import Diagnostic
from generator.plan.document import Document
from generator.plan.rules import (
    checked_too_long_ago,
    contact_max_age,
)
from generator.plan.upkeep import long_word_diagnostics

MOST_STEPS = 12  # steps in one playbook: more, and its owner's card side overflows


def _account_reach(doc: Document) -> list[Diagnostic]:
    calls = {
        r["id"]: r["contacts"]
        for _, r in entries(doc.data, "roles")
        if isinstance(r.get("id"), str) and isinstance(r.get("contacts"), list)
    }
    out: list[Diagnostic] = []
    for path, account in entries(doc.data, "social_accounts"):
        admins = account.get("admins", [])
        roles = [account.get("owner"), *(admins if isinstance(admins, list) else [])]
        if not all(isinstance(r, str) and r in calls for r in roles):
            continue  # the reference check reports it
        people = {c for r in roles for c in calls[str(r)] if isinstance(c, str)}
        if len(people) < 2:
            out.append(
                doc.diagnostic(
                    (*path, "owner"),
                    f"only {len(people)} person can reach {account.get('handle', 'this account')} "
                    "(the contacts of its owner and admins): add a backup contact to the owner "
                    "role or an admin role under `admins`",
                    severity="warning",
                )
            )
    return out


def _recovery(doc: Document, today: dt.date) -> list[Diagnostic]:
    if "platform_recovery" not in doc.data:
        return []
    out: list[Diagnostic] = []
    covered = ids_of(doc.data, "platform_recovery", field="platform")
    for path, account in entries(doc.data, "social_accounts"):
        platform = account.get("platform")
        if isinstance(platform, str) and platform not in covered:
            out.append(
                doc.diagnostic(
                    (*path, "platform"),
                    f"{account.get('handle', 'this account')} is on `{platform}`, which has no "
                    "entry under `platform_recovery`: add the platform's own recovery page",
                    severity="warning",
                )
            )
    max_age = contact_max_age(doc.data)
    for path, entry in entries(doc.data, "platform_recovery"):
        verified = checked_too_long_ago(entry.get("verified_on"), max_age, today)
        if verified is not None:
            out.append(
                doc.diagnostic(
                    (*path, "verified_on"),
                    f"the {entry.get('platform', '')} recovery page was last checked on "
                    f"{verified}, more than {max_age} days ago: open it, check the steps, "
                    "and update `verified_on`",
                    severity="warning",
                )
            )
    return out


def _print_fit(doc: Document) -> list[Diagnostic]:
    named = [
        (path, key, entry)
        for keys, key in ((("playbooks",), "title"), (("channels",), "name"), (("notes",), "title"))
        for path, entry in entries(doc.data, *keys)
    ]
    out = long_word_diagnostics(doc, named)
    for path, playbook in entries(doc.data, "playbooks"):
        steps = playbook.get("steps")
        if isinstance(steps, list) and len(steps) > MOST_STEPS:
            out.append(
                doc.diagnostic(
                    (*path, "steps"),
                    f"{len(steps)} steps in one playbook will not fit on a pocket card; keep "
                    f"at most {MOST_STEPS} and move the detail to a note (`see: note:ID`)",
                    severity="warning",
                )
            )
    return out


def addition_warnings(doc: Document, today: dt.date) -> list[Diagnostic]:
    """Every warning about accounts' reach, platform recovery and playbook text."""
    if not isinstance(doc.data, dict):
        return []
    return [*_account_reach(doc), *_recovery(doc, today), *_print_fit(doc)]
