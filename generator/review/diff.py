"""Semantic differences between two valid plans, and the risky ones flagged first.

``diff_plans`` is pure: two plan models in, a ``PlanDiff`` out. Entries are
matched by id (levels by number), so a reordered list shows as moves and a
renamed field as a field change, never as a removal plus an addition. Texts and
lists are compared in bounded time (``sequences.match``), so a 2 MiB plan cannot
stall a review.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Sequence
from typing import Any

from generator.plan.model import Plan
from generator.plan.practice import FollowUp
from generator.review.changes import FieldChange, ItemChange, Op, PlanDiff, Section
from generator.review.risks import risk_flags
from generator.review.sequences import match

LONG_TEXT = 60  # longer text gets a word-level diff


def _show(value: Any) -> str:
    if value is None:
        return "(none)"
    if isinstance(value, bool):
        return "yes" if value else "no"
    return str(value)


def _ops(a: Sequence[str], b: Sequence[str], pairs: Sequence[tuple[int, int]]) -> list[Op]:
    """Equal runs, removals and additions between matched positions, as difflib's opcodes."""
    ops: list[Op] = []
    same: list[str] = []
    i = j = 0
    for pi, pj in (*pairs, (len(a), len(b))):
        if pi > i or pj > j:
            if same:
                ops.append(("=", " ".join(same)))
                same = []
            if pi > i:
                ops.append(("-", " ".join(a[i:pi])))
            if pj > j:
                ops.append(("+", " ".join(b[j:pj])))
        if pi < len(a):
            same.append(a[pi])
        i, j = pi + 1, pj + 1
    if same:
        ops.append(("=", " ".join(same)))
    return ops


def word_diff(old: str, new: str) -> FieldChange:
    """A word-level diff of two texts, in bounded time: past the bound, the part that
    could not be compared is shown removed and added whole (``exact`` is False)."""
    a, b = old.split(), new.split()
    found = match(a, b)
    return FieldChange("", "words", ops=tuple(_ops(a, b, found.pairs)), exact=found.exact)


def word_ops(old: str, new: str) -> tuple[Op, ...]:
    """A word-level diff of two texts."""
    return word_diff(old, new).ops


def _moves(old: Sequence[str], new: Sequence[str]) -> tuple[list[tuple[str, int, int]], bool]:
    in_old, in_new = set(old), set(new)
    common_old = [x for x in old if x in in_new]
    common_new = [x for x in new if x in in_old]
    found = match(common_old, common_new)
    kept = {common_old[i] for i, _ in found.pairs}
    first_old: dict[str, int] = {}
    first_new: dict[str, int] = {}
    for n, x in enumerate(old, 1):
        first_old.setdefault(x, n)
    for n, x in enumerate(new, 1):
        first_new.setdefault(x, n)
    moves = [(x, first_old[x], first_new[x]) for x in common_new if x not in kept]
    return moves, found.exact


def moved_items(old: Sequence[str], new: Sequence[str]) -> list[tuple[str, int, int]]:
    """Items in both sequences whose relative order changed: (item, old pos, new pos)."""
    return _moves(old, new)[0]


def _list_change(name: str, old: tuple[str, ...], new: tuple[str, ...]) -> FieldChange:
    in_old, in_new = set(old), set(new)
    ops: list[Op] = [("-", x) for x in old if x not in in_new]
    ops += [("+", x) for x in new if x not in in_old]
    moved, exact = _moves(old, new)
    moves = tuple(f"{x} (from {a} to {b})" for x, a, b in moved)
    return FieldChange(name, "list", ops=tuple(ops), moves=moves, exact=exact)


def field_changes(
    old: Any, new: Any, skip: frozenset[str] = frozenset()
) -> tuple[FieldChange, ...]:
    """The fields that differ between two entries of the same type."""
    out: list[FieldChange] = []
    for f in dataclasses.fields(old):
        if f.name in skip:
            continue
        a, b = getattr(old, f.name), getattr(new, f.name)
        if a == b:
            continue
        if isinstance(a, tuple) or isinstance(b, tuple):
            out.append(_list_change(f.name, tuple(map(str, a or ())), tuple(map(str, b or ()))))
        elif isinstance(a, str) and isinstance(b, str) and max(len(a), len(b)) > LONG_TEXT:
            out.append(dataclasses.replace(word_diff(a, b), field=f.name))
        else:
            out.append(FieldChange(f.name, "value", _show(a), _show(b)))
    return tuple(out)


def keyed_changes(
    old: Sequence[Any],
    new: Sequence[Any],
    key: Callable[[Any], str],
    label: Callable[[Any], str],
    skip: frozenset[str] = frozenset(),
) -> list[ItemChange]:
    """Added, removed, changed and moved entries of an id-keyed list."""
    old_by = {key(x): x for x in old}
    new_by = {key(x): x for x in new}
    out = [ItemChange("removed", k, label(x)) for k, x in old_by.items() if k not in new_by]
    out += [ItemChange("added", k, label(x)) for k, x in new_by.items() if k not in old_by]
    moves = {k: (a, b) for k, a, b in moved_items(list(old_by), list(new_by))}
    for k, x in new_by.items():
        if k not in old_by:
            continue
        fields = field_changes(old_by[k], x, skip)
        if fields:
            out.append(ItemChange("changed", k, label(x), fields, moves.get(k)))
        elif k in moves:
            out.append(ItemChange("moved", k, label(x), moved=moves[k]))
    return out


def _single(name: str, old: Any, new: Any, skip: frozenset[str] = frozenset()) -> list[ItemChange]:
    if old is None and new is None:
        return []
    if old is None:
        return [ItemChange("added", name, name)]
    if new is None:
        return [ItemChange("removed", name, name)]
    fields = field_changes(old, new, skip)
    return [ItemChange("changed", name, name, fields)] if fields else []


def _id(x: Any) -> str:
    return str(x.id)


def sections_of(old: Plan, new: Plan) -> list[Section]:
    """Every section with at least one change, in the order of the format page."""
    sub = frozenset({"thresholds", "questions", "templates"})
    ol, nl = old.listening, new.listening
    parts: list[tuple[str, list[ItemChange]]] = [
        ("Plan", _single("plan", old.plan, new.plan)),
        ("Contacts", keyed_changes(old.contacts, new.contacts, _id, lambda c: c.name)),
        ("Roles", keyed_changes(old.roles, new.roles, _id, lambda r: r.title)),
        (
            "Severity levels",
            keyed_changes(
                old.severity_levels,
                new.severity_levels,
                lambda lv: f"level {lv.level}",
                lambda lv: lv.name,
            ),
        ),
        (
            "Triage flowchart",
            _single("flowchart", old.triage, new.triage, sub)
            + keyed_changes(old.triage.questions, new.triage.questions, _id, lambda q: q.ask),
        ),
        (
            "Listening thresholds",
            _single("listening", ol, nl, sub)
            + keyed_changes(ol.thresholds if ol else (), nl.thresholds if nl else (), _id, _id),
        ),
        (
            "Internal comms",
            _single("internal comms", old.internal_comms, new.internal_comms, sub)
            + keyed_changes(
                old.internal_comms.templates, new.internal_comms.templates, _id, lambda t: t.title
            ),
        ),
        (
            "External statements",
            keyed_changes(old.external_statements, new.external_statements, _id, lambda s: s.title),
        ),
        ("After-action review", _single("after-action review", old.after_action, new.after_action)),
        (
            "Social accounts",
            keyed_changes(old.social_accounts, new.social_accounts, _id, lambda a: a.handle),
        ),
        (
            "Scheduling tools",
            keyed_changes(old.scheduling_tools, new.scheduling_tools, _id, lambda t: t.name),
        ),
        ("Credentials", _single("credentials", old.credentials, new.credentials)),
        (
            "Exercises",
            keyed_changes(
                old.exercises,
                new.exercises,
                lambda e: f"{e.date} {e.kind}",
                lambda e: e.scenario,
                skip=frozenset({"follow_ups"}),
            ),
        ),
        (
            "Follow-ups",
            keyed_changes(
                _follow_ups(old),
                _follow_ups(new),
                lambda f: f.action,
                lambda f: f"{f.owner}, due {f.due}",
            ),
        ),
    ]
    return [Section(name, tuple(changes)) for name, changes in parts if changes]


def _follow_ups(plan: Plan) -> list[FollowUp]:
    return [f for e in plan.exercises for f in e.follow_ups]


def diff_plans(old: Plan, new: Plan) -> PlanDiff:
    """The semantic difference between two valid plans."""
    sections = sections_of(old, new)
    return PlanDiff(
        old.plan.version, new.plan.version, tuple(risk_flags(old, new, sections)), tuple(sections)
    )
