"""Risk flags for playbooks, accounts' admins and platform recovery pages: a step
dropped from what people do in an incident, an account only one person can still act
on, and a recovery page that now points somewhere else (where a hacked-account form
lives is exactly what a phishing edit would change)."""

from __future__ import annotations

from collections.abc import Iterator

from generator.plan.model import Plan


def addition_flags(old: Plan, new: Plan) -> Iterator[str]:
    """Every risky change in the sections about kinds of incident, in a stable order."""
    new_playbooks = {p.id: p for p in new.playbooks}
    for playbook in old.playbooks:
        now = new_playbooks.get(playbook.id)
        if now is None:
            yield f"Playbook {playbook.id} was removed"
            continue
        kept = {s.do for s in now.steps}
        for step in playbook.steps:
            if step.do not in kept:
                yield f"Playbook {playbook.id} step removed: {step.do}"

    old_accounts = {a.id: a for a in old.social_accounts}
    for account in new.social_accounts:
        before = old_accounts.get(account.id)
        people = new.account_people(account)
        if before is not None and len(people) < 2 <= len(old.account_people(before)):
            who = new.contact(people[0]).name if people else "nobody"
            yield (
                f"Account {account.id} ({account.handle}) is left with one person able to "
                f"act: {who}"
            )

    new_recovery = {r.platform: r for r in new.platform_recovery}
    for entry in old.platform_recovery:
        now_entry = new_recovery.get(entry.platform)
        if now_entry is None:
            yield f"Recovery entry for {entry.platform} was removed"
        elif now_entry.url != entry.url:
            yield f"Recovery page for {entry.platform} changed: {entry.url} -> {now_entry.url}"
