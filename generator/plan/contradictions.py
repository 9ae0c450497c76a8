"""A valid plan that says two things at once: warnings at the line that contradicts.

Each rule reads the plan data defensively (the schema reports bad shapes) and
says which of two statements to change. "Takes part at a level" means the role
is that level's accountable, responsible, consulted or informed role.

A statement is usable from its ``use_from_level`` upward, so its approver must be
accountable, responsible or consulted at every level from there up (being only
informed is not enough to approve). An internal template's sender must take part
at one level at or above the protocol's trigger level. A threshold's notified
roles must take part at the level the threshold indicates.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

from generator.plan.access import LEVEL_REF, entries, ids_of, section
from generator.plan.diagnostics import Diagnostic
from generator.plan.document import Document, NodePath

ACTIVE_PARTS = ("accountable", "responsible", "consulted")
ALL_PARTS = (*ACTIVE_PARTS, "informed")


def contradiction_diagnostics(doc: Document) -> list[Diagnostic]:
    """Every contradiction in the plan, as warnings."""
    out: list[Diagnostic] = []
    out += _pause_without_tools(doc)
    out += _triage_same_place(doc)
    out += _approver_without_part(doc)
    out += _sender_without_part(doc)
    out += _notified_without_part(doc)
    out += _dead_roles(doc)
    return out


def _warn(doc: Document, path: NodePath, message: str) -> Diagnostic:
    return doc.diagnostic(path, message, severity="warning")


def _level_number(value: Any) -> int | None:
    return value if isinstance(value, int) and not isinstance(value, bool) else None


def parts_by_level(data: Any, parts: tuple[str, ...] = ALL_PARTS) -> dict[int, set[str]]:
    """The roles that take one of ``parts`` at each level, by level number."""
    out: dict[int, set[str]] = {}
    for _, level in entries(data, "severity_levels"):
        number = _level_number(level.get("level"))
        if number is None:
            continue
        roles = out.setdefault(number, set())
        for part in parts:
            value = level.get(part)
            values = value if isinstance(value, list) else [value]
            roles.update(v for v in values if isinstance(v, str))
    return out


def _pause_without_tools(doc: Document) -> Iterator[Diagnostic]:
    if any(True for _ in entries(doc.data, "scheduling_tools")):
        return
    for path, level in entries(doc.data, "severity_levels"):
        if level.get("pause_scheduled_posts") is True:
            yield _warn(
                doc,
                (*path, "pause_scheduled_posts"),
                "this level pauses scheduled posts, but the plan lists no "
                "`scheduling_tools`: add the tools and their pause steps, or set "
                "`pause_scheduled_posts: false`",
            )


def _triage_same_place(doc: Document) -> Iterator[Diagnostic]:
    for path, question in entries(doc.data, "triage", "questions"):
        yes, no = question.get("yes"), question.get("no")
        if isinstance(yes, str) and yes == no:
            where = f"level {m.group(1)}" if (m := LEVEL_REF.match(yes)) else f"`{yes}`"
            yield _warn(
                doc,
                (*path, "no"),
                f"`yes` and `no` both lead to {where}, so the answer changes nothing: "
                "point one of them elsewhere, or drop the question",
            )


def _approver_without_part(doc: Document) -> Iterator[Diagnostic]:
    active = parts_by_level(doc.data, ACTIVE_PARTS)
    known = ids_of(doc.data, "roles")  # an unknown role is the references' error
    for path, statement in entries(doc.data, "external_statements"):
        approver, start = statement.get("approver"), _level_number(statement.get("use_from_level"))
        if not isinstance(approver, str) or approver not in known or start is None:
            continue
        missing = sorted(n for n, roles in active.items() if n >= start and approver not in roles)
        if missing:
            yield _warn(
                doc,
                (*path, "approver"),
                f"`{approver}` approves this statement, usable from level {start}, but is not "
                f"accountable, responsible or consulted at level {_levels(missing)}: "
                "give the role a part there, or choose another approver",
            )


def _sender_without_part(doc: Document) -> Iterator[Diagnostic]:
    trigger = _level_number(section(doc.data, "internal_comms").get("trigger_level"))
    if trigger is None:
        return
    parts, known = parts_by_level(doc.data), ids_of(doc.data, "roles")
    at_or_above = set().union(*(roles for n, roles in parts.items() if n >= trigger))
    for path, template in entries(doc.data, "internal_comms", "templates"):
        sender = template.get("sender")
        if isinstance(sender, str) and sender in known and sender not in at_or_above:
            yield _warn(
                doc,
                (*path, "sender"),
                f"`{sender}` sends this template, but takes no part at level {trigger} "
                "(the protocol's trigger level) or above: give the role a part there, "
                "or choose another sender",
            )


def _notified_without_part(doc: Document) -> Iterator[Diagnostic]:
    parts, known = parts_by_level(doc.data), ids_of(doc.data, "roles")
    for path, rule in entries(doc.data, "listening", "thresholds"):
        level = _level_number(rule.get("level"))
        notify = rule.get("notify")
        if level is None or level not in parts or not isinstance(notify, list):
            continue
        for i, role in enumerate(notify):
            if isinstance(role, str) and role in known and role not in parts[level]:
                yield _warn(
                    doc,
                    (*path, "notify", i),
                    f"this threshold indicates level {level} and notifies `{role}`, which "
                    f"takes no part at level {level}: give the role a part there "
                    "(informed at least), or notify another role",
                )


def _levels(numbers: list[int]) -> str:
    return ", ".join(str(n) for n in numbers)


# Where a role has work in the chain of command: (plan section, role references in it).
# A new section that gives roles work adds one entry here.
RoleUses = Callable[[Any], Iterator[str]]


def _strings(value: Any) -> Iterator[str]:
    values = value if isinstance(value, list) else [value]
    yield from (v for v in values if isinstance(v, str))


def _level_roles(data: Any) -> Iterator[str]:
    for _, level in entries(data, "severity_levels"):
        for part in ALL_PARTS:
            yield from _strings(level.get(part))


def _field_of_each(keys: tuple[str, ...], field: str) -> RoleUses:
    def uses(data: Any) -> Iterator[str]:
        for _, item in entries(data, *keys):
            yield from _strings(item.get(field))

    return uses


def _playbook_roles(data: Any) -> Iterator[str]:
    for _, playbook in entries(data, "playbooks"):
        yield from _strings(playbook.get("owner"))
        steps = playbook.get("steps")
        for step in steps if isinstance(steps, list) else []:
            if isinstance(step, dict):
                yield from _strings(step.get("owner"))


def _field_of_section(key: str, field: str) -> RoleUses:
    def uses(data: Any) -> Iterator[str]:
        yield from _strings(section(data, key).get(field))

    return uses


ROLE_USES: tuple[tuple[str, RoleUses], ...] = (
    ("a level's part", _level_roles),
    ("the plan's owner", _field_of_section("plan", "owner")),
    ("an account's owner", _field_of_each(("social_accounts",), "owner")),
    ("a scheduling tool's owner", _field_of_each(("scheduling_tools",), "owner")),
    ("a vault administrator", _field_of_section("credentials", "access_admins")),
    ("the after-action owner", _field_of_section("after_action", "owner")),
    ("a template's sender", _field_of_each(("internal_comms", "templates"), "sender")),
    ("a statement's approver", _field_of_each(("external_statements",), "approver")),
    ("a threshold's notified role", _field_of_each(("listening", "thresholds"), "notify")),
    ("a playbook's owner or step owner", _playbook_roles),
    ("an account's admin", _field_of_each(("social_accounts",), "admins")),
    ("a channel's owner", _field_of_each(("channels",), "owner")),
    ("who may declare a level", _field_of_each(("severity_levels",), "declared_by")),
)


def roles_with_work(data: Any) -> set[str]:
    """Every role some part of the plan gives work to or calls."""
    return {role for _, uses in ROLE_USES for role in uses(data)}


def _dead_roles(doc: Document) -> Iterator[Diagnostic]:
    used = roles_with_work(doc.data)
    for path, role in entries(doc.data, "roles"):
        role_id = role.get("id")
        if isinstance(role_id, str) and role_id not in used:
            yield _warn(
                doc,
                (*path, "id"),
                f"no level, playbook, account, channel, tool, template, statement or "
                f"threshold gives `{role_id}` any work, so no one calls this role: give it "
                "a part at a level, or remove it",
            )
