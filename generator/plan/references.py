"""Ids and references: ids unique within their list, every reference resolves.

These checks run on the loaded data even when the schema found problems, so
they read it defensively: an entry of the wrong shape is skipped here (the
schema has already reported it).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from generator.plan.access import LEVEL_REF, entries, ids_of, items, level_numbers, section
from generator.plan.addition_refs import addition_reference_diagnostics, addition_role_refs
from generator.plan.diagnostics import Diagnostic, did_you_mean
from generator.plan.document import Document, NodePath
from generator.plan.schema import load_schema

ID_LISTS = {
    "contacts": "contact",
    "roles": "role",
    "social_accounts": "social account",
    "scheduling_tools": "scheduling tool",
    "external_statements": "external statement",
    "playbooks": "playbook",
    "channels": "channel",
    "notes": "note",
}


def id_lists(data: Any) -> dict[tuple[str, ...], str]:
    """Every list whose entries carry ids, by path, with a name for its entries."""
    lists: dict[tuple[str, ...], str] = {(k,): v for k, v in ID_LISTS.items()}
    lists[("triage", "questions")] = "question"
    lists[("listening", "thresholds")] = "threshold"
    lists[("internal_comms", "templates")] = "template"
    return lists


def unique_id_diagnostics(doc: Document) -> list[Diagnostic]:
    """A duplicated id in any list is an error naming the first use."""
    out: list[Diagnostic] = []
    for keys, noun in id_lists(doc.data).items():
        first: dict[str, NodePath] = {}
        for path, entry in entries(doc.data, *keys):
            ident = entry.get("id")
            if not isinstance(ident, str):
                continue
            if ident in first:
                line = doc.pos((*first[ident], "id")).line
                out.append(
                    doc.diagnostic(
                        (*path, "id"),
                        f"duplicate {noun} id `{ident}`: it is already used on line {line}; "
                        "give each entry its own id",
                    )
                )
            else:
                first[ident] = path
    return out


@dataclass(frozen=True)
class _Target:
    noun: str
    where: str
    ids: set[str]


def _check_ref(doc: Document, path: NodePath, value: Any, target: _Target) -> Diagnostic | None:
    if not isinstance(value, str) or value in target.ids:
        return None
    hint = did_you_mean(value, target.ids) or f": add it under `{target.where}`"
    return doc.diagnostic(path, f"no {target.noun} has the id `{value}`{hint}")


def _check_level(doc: Document, path: NodePath, value: Any, levels: set[int]) -> Diagnostic | None:
    if not levels or not isinstance(value, int) or isinstance(value, bool) or value in levels:
        return None
    return doc.diagnostic(
        path,
        f"level {value} does not exist: the scale has levels {min(levels)} to {max(levels)}",
    )


def _role_refs(data: Any) -> Iterator[tuple[NodePath, Any]]:
    plan = section(data, "plan")
    if "owner" in plan:
        yield ("plan", "owner"), plan["owner"]
    for path, level in entries(data, "severity_levels"):
        if "accountable" in level:
            yield (*path, "accountable"), level["accountable"]
        for key in ("responsible", "consulted", "informed"):
            yield from items(path, key, level)
    for path, rule in entries(data, "listening", "thresholds"):
        yield from items(path, "notify", rule)
    for path, template in entries(data, "internal_comms", "templates"):
        if "sender" in template:
            yield (*path, "sender"), template["sender"]
    for path, statement in entries(data, "external_statements"):
        if "approver" in statement:
            yield (*path, "approver"), statement["approver"]
    review = section(data, "after_action")
    if "owner" in review:
        yield ("after_action", "owner"), review["owner"]
    for list_key in ("social_accounts", "scheduling_tools"):
        for path, item in entries(data, list_key):
            if "owner" in item:
                yield (*path, "owner"), item["owner"]
    yield from items(("credentials",), "access_admins", section(data, "credentials"))
    yield from addition_role_refs(data)
    for path, exercise in entries(data, "exercises"):
        yield from items(path, "participants", exercise)
        for follow_path, follow_up in entries(exercise, "follow_ups"):
            if "owner" in follow_up:
                yield (*path, *follow_path, "owner"), follow_up["owner"]


def _level_refs(data: Any) -> Iterator[tuple[NodePath, Any]]:
    for path, rule in entries(data, "listening", "thresholds"):
        if "level" in rule:
            yield (*path, "level"), rule["level"]
    comms = section(data, "internal_comms")
    if "trigger_level" in comms:
        yield ("internal_comms", "trigger_level"), comms["trigger_level"]
    for path, statement in entries(data, "external_statements"):
        if "use_from_level" in statement:
            yield (*path, "use_from_level"), statement["use_from_level"]
    review = section(data, "after_action")
    if "from_level" in review:
        yield ("after_action", "from_level"), review["from_level"]
    for path, exercise in entries(data, "exercises"):
        if "level" in exercise:
            yield (*path, "level"), exercise["level"]
    for path, playbook in entries(data, "playbooks"):
        if "start_level" in playbook:
            yield (*path, "start_level"), playbook["start_level"]


def reference_diagnostics(doc: Document) -> list[Diagnostic]:
    """Every reference to a role, contact, tool, level, question or platform resolves."""
    data = doc.data
    levels = level_numbers(data)
    roles = _Target("role", "roles", ids_of(data, "roles"))
    contacts = _Target("contact", "contacts", ids_of(data, "contacts"))
    tools = _Target("scheduling tool", "scheduling_tools", ids_of(data, "scheduling_tools"))
    found: list[Diagnostic | None] = []
    found += [_check_ref(doc, p, v, roles) for p, v in _role_refs(data)]
    for path, role in entries(data, "roles"):
        found += [_check_ref(doc, p, v, contacts) for p, v in items(path, "contacts", role)]
    for path, account in entries(data, "social_accounts"):
        found += [_check_ref(doc, p, v, tools) for p, v in items(path, "scheduled_via", account)]
    found += [_check_level(doc, p, v, levels) for p, v in _level_refs(data)]

    found += _statement_channels(doc)
    found += addition_reference_diagnostics(doc)
    found += _triage_refs(doc, levels)
    return [d for d in found if d is not None]


def _statement_channels(doc: Document) -> list[Diagnostic | None]:
    """A statement's channels are platforms with an account, account ids or channel ids."""
    data = doc.data
    known_platforms = set(load_schema()["$defs"]["platform"]["enum"])
    platforms = {
        a["platform"]
        for _, a in entries(data, "social_accounts")
        if isinstance(a.get("platform"), str)
    } & known_platforms
    places = ids_of(data, "social_accounts") | ids_of(data, "channels")
    found: list[Diagnostic | None] = []
    for path, statement in entries(data, "external_statements"):
        for p, v in items(path, "channels", statement):
            if not isinstance(v, str) or v in places or (v in platforms or not platforms):
                continue
            if v in known_platforms:
                message = (
                    f"no account on `{v}` is listed under `social_accounts`; "
                    f"the plan has accounts on: {', '.join(sorted(platforms))}"
                )
            else:
                hint = did_you_mean(v, places | platforms) or (
                    ": add it under `channels`, or name a platform or a social account id"
                )
                message = (
                    f"`{v}` is neither a platform with an account, a social account id "
                    f"nor a channel id{hint}"
                )
            found.append(doc.diagnostic(p, message))
    return found


def _triage_refs(doc: Document, levels: set[int]) -> list[Diagnostic | None]:
    triage = section(doc.data, "triage")
    questions = ids_of(doc.data, "triage", "questions")
    target = _Target("question", "triage.questions", questions)
    found: list[Diagnostic | None] = []
    if isinstance(triage.get("start"), str):
        found.append(_check_ref(doc, ("triage", "start"), triage["start"], target))
    for path, question in entries(doc.data, "triage", "questions"):
        ident = question.get("id")
        if isinstance(ident, str) and LEVEL_REF.match(ident):
            found.append(
                doc.diagnostic(
                    (*path, "id"),
                    f"a question id must not look like a level (`{ident}`): rename the question",
                )
            )
        for answer in ("yes", "no"):
            value = question.get(answer)
            if not isinstance(value, str):
                continue
            m = LEVEL_REF.match(value)
            if m:
                found.append(_check_level(doc, (*path, answer), int(m.group(1)), levels))
            elif value not in questions:
                hint = did_you_mean(value, questions | {f"level-{n}" for n in levels})
                found.append(
                    doc.diagnostic(
                        (*path, answer),
                        f"`{value}` is neither a level (`level-N`) nor a question id{hint}",
                    )
                )
    return found
