"""Drills drawn from a playbook, and the platform recovery entry a compromised-account
inject expects: the parts of ``runbook drill`` that come from the optional sections."""

from __future__ import annotations

import random
from collections.abc import Callable
from typing import Any

from generator.errors import UsageError
from generator.plan.diagnostics import did_you_mean
from generator.plan.model import Plan, SocialAccount
from generator.plan.playbooks import Playbook
from generator.shared.i18n import _


def not_at_level() -> str:
    """A role's part at a level where it has none, in the current language."""
    return _("not part of this level")


def find_playbook(plan: Plan, playbook_id: str) -> tuple[int, Playbook]:
    """The playbook with this id and its index; a usage error naming the closest."""
    for i, p in enumerate(plan.playbooks):
        if p.id == playbook_id:
            return i, p
    ids = {p.id for p in plan.playbooks}
    if not ids:
        raise UsageError(f"--playbook {playbook_id}: the plan has no `playbooks`")
    hint = did_you_mean(playbook_id, ids) or f"; the plan has: {', '.join(sorted(ids))}"
    raise UsageError(f"--playbook {playbook_id}: no playbook has this id{hint}")


def playbook_scenario(playbook: Playbook, rng: random.Random) -> str:
    """What the team is told first: one of the playbook's signals, or its title."""
    return rng.choice(playbook.signals) if playbook.signals else playbook.title


def playbook_expectations(
    plan: Plan,
    index: int,
    playbook: Playbook,
    expect: Callable[..., dict[str, Any]],
) -> list[dict[str, Any]]:
    """What the plan expects once the team recognises the playbook: its owner leads,
    and each step's owner does the step, in order."""
    path = f"playbooks[{index}]"
    out = [
        expect(
            playbook.owner,
            _("Leads the playbook \u201c%(title)s\u201d", title=playbook.title),
            (
                f"{path}.owner",
                _("the owner of the playbook \u201c%(title)s\u201d", title=playbook.title),
            ),
        )
    ]
    for j, step in enumerate(playbook.steps):
        source = f"{path}.steps[{j}]" + (".owner" if step.owner else "")
        where = (
            _("the owner of step %(n)s of the playbook", n=j + 1)
            if step.owner
            else _("the playbook's owner (step %(n)s names no one else)", n=j + 1)
        )
        what = _("Step %(n)s: %(step)s", n=j + 1, step=step.do)
        out.append(expect(playbook.step_owner(step), what, (source, where)))
    for e in out:  # a playbook's roles act whatever their part at the level
        if e["part"] == not_at_level():
            e["part"] = _("by the playbook")
    return out


def recovery_uses(plan: Plan, account: SocialAccount) -> str:
    """What a compromised-account inject uses from the account's recovery entry: the
    platform's own page and steps ("" without one), in words: a kit names no plan path."""
    entry = plan.recovery_for(account.platform)
    if entry is None:
        return ""
    steps = f"; {'; '.join(entry.steps)}" if entry.steps else ""
    return _("The platform's recovery page: %(url)s", url=entry.url) + steps
