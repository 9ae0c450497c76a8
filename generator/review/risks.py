"""Risk flags: the plan changes a reviewer must not miss."""

from __future__ import annotations

from collections.abc import Iterator

from generator.plan.model import Plan
from generator.review.changes import Section
from generator.review.section_risks import addition_flags
from generator.review.translation_risks import translation_flags


def _level(plan: Plan, n: int) -> str:
    return f"level {n} ({plan.level(n).name})"


def risk_flags(old: Plan, new: Plan, sections: list[Section]) -> list[str]:
    """Every risky change between two plans, in a stable order."""
    return list(_flags(old, new, sections))


def _flags(old: Plan, new: Plan, sections: list[Section]) -> Iterator[str]:
    old_levels = {lv.level: lv for lv in old.severity_levels}
    for lv in new.severity_levels:
        before = old_levels.get(lv.level)
        if before and before.accountable != lv.accountable and (lv.crisis or before.crisis):
            yield (
                f"Accountable role for crisis {_level(new, lv.level)} changed: "
                f"{before.accountable} -> {lv.accountable}"
            )

    old_roles = {r.id: r for r in old.roles}
    for role in new.roles:
        old_role = old_roles.get(role.id)
        if old_role and len(old_role.contacts) > 1 and len(role.contacts) < 2:
            yield f"Role {role.id} is left with no backup contact (only {role.contacts[0]})"

    if old.listening and new.listening:
        old_rules = {t.id: t for t in old.listening.thresholds}
        for rule in new.listening.thresholds:
            was = old_rules.get(rule.id)
            if was and (rule.above > was.above or rule.for_windows > was.for_windows):
                yield (
                    f"Threshold {rule.id} is less sensitive: above {was.above} for "
                    f"{was.for_windows} window(s) -> above {rule.above} for {rule.for_windows}"
                )
            if was and rule.level < was.level:
                yield (
                    f"Threshold {rule.id} now indicates a lower level: {was.level} -> {rule.level}"
                )
        new_ids = {t.id for t in new.listening.thresholds}
        for rule_id in old_rules:
            if rule_id not in new_ids:
                yield f"Threshold {rule_id} was removed"
        if new.listening.window_minutes > old.listening.window_minutes:
            yield (
                f"Listening windows are longer: {old.listening.window_minutes} -> "
                f"{new.listening.window_minutes} minutes"
            )
    elif old.listening and not new.listening:
        yield "The listening thresholds were removed"

    new_numbers = {lv.level for lv in new.severity_levels}
    for n in sorted(set(old_levels) - new_numbers):
        yield f"Severity {_level(old, n)} was removed"
    old_questions = {q.id for q in old.triage.questions}
    for qid in sorted(old_questions - {q.id for q in new.triage.questions}):
        yield f"Triage question {qid} was removed"
    lost = old.triage.reachable_levels() - new.triage.reachable_levels()
    for n in sorted(lost & new_numbers):
        yield f"No triage path leads to {_level(new, n)} any more"

    yield from addition_flags(old, new)
    yield from translation_flags(old, new)

    kept_steps = set(new.credentials.checklist)
    removed_steps = [s for s in old.credentials.checklist if s not in kept_steps]
    for step in removed_steps:
        yield f"Credential checklist step removed: {step}"

    still_open = {f.action for e in new.exercises for f in e.follow_ups}
    for e in old.exercises:
        for f in e.follow_ups:
            if not f.done and f.action not in still_open:
                yield f"Follow-up deleted before it was done: {f.action} ({f.owner}, due {f.due})"

    content_changed = any(
        not (s.name == "Plan" and {f.field for c in s.changes for f in c.fields} <= {"version"})
        for s in sections
    )
    if content_changed and old.plan.version == new.plan.version:
        yield f"Content changed but the plan version is still {new.plan.version}: bump `version`"
    if new.plan.last_reviewed < old.plan.last_reviewed:
        yield (
            f"last_reviewed moved backwards: {old.plan.last_reviewed} -> {new.plan.last_reviewed}"
        )
