"""References in the optional sections for kinds of incident: playbooks and their
``see`` targets, channels, platform recovery entries, rotas, admins and who may
declare a level. Every dangling reference is an error that names the closest id.

Like the other checks these read data the schema may have refused, so they skip
what has the wrong shape (the schema reports it).
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from generator.plan.access import entries, ids_of, items
from generator.plan.diagnostics import Diagnostic, closest, did_you_mean
from generator.plan.document import Document, NodePath, value_at
from generator.plan.playbooks import SEE_KINDS, SEE_SECTIONS
from generator.plan.rules import parse_date

_PLATFORM_KEYS = (("social_accounts",), ("platform_recovery",))


def addition_role_refs(data: Any) -> Iterator[tuple[NodePath, Any]]:
    """Every role reference of the optional sections, for the common role check."""
    for path, level in entries(data, "severity_levels"):
        yield from items(path, "declared_by", level)
    for path, account in entries(data, "social_accounts"):
        yield from items(path, "admins", account)
    for path, playbook in entries(data, "playbooks"):
        if "owner" in playbook:
            yield (*path, "owner"), playbook["owner"]
        for step_path, step in entries(playbook, "steps"):
            if "owner" in step:
                yield (*path, *step_path, "owner"), step["owner"]
    for path, channel in entries(data, "channels"):
        if "owner" in channel:
            yield (*path, "owner"), channel["owner"]


def _ref(
    doc: Document, path: NodePath, value: Any, ids: set[str], noun: str, where: str
) -> list[Diagnostic]:
    if not isinstance(value, str) or value in ids:
        return []
    hint = did_you_mean(value, ids) or f": add it under `{where}`"
    return [doc.diagnostic(path, f"no {noun} has the id `{value}`{hint}")]


def _see_targets(data: Any) -> dict[str, set[str]]:
    return {
        "statement": ids_of(data, "external_statements"),
        "template": ids_of(data, "internal_comms", "templates"),
        "playbook": ids_of(data, "playbooks"),
        "note": ids_of(data, "notes"),
    }


def _see(
    doc: Document, path: NodePath, value: Any, targets: dict[str, set[str]]
) -> list[Diagnostic]:
    if not isinstance(value, str):
        return []
    if value in SEE_SECTIONS:
        if value == "platform_recovery" and "platform_recovery" not in doc.data:
            return [
                doc.diagnostic(
                    path,
                    "`see: platform_recovery` points at a section the plan does not have: "
                    "add `platform_recovery`, or point the step elsewhere",
                )
            ]
        return []
    kind, _, ident = value.partition(":")
    if kind not in SEE_KINDS or not ident:
        return []  # the schema reports the shape
    ids = targets[kind]
    if ident in ids:
        return []
    where, noun = SEE_KINDS[kind]
    match = closest(ident, ids)
    hint = f"; did you mean `{kind}:{match}`?" if match else f": add it under `{where}`"
    return [
        doc.diagnostic(
            path, f"`see: {value}` points at nothing: no {noun} has the id `{ident}`{hint}"
        )
    ]


def _playbooks(doc: Document) -> list[Diagnostic]:
    data = doc.data
    targets = _see_targets(data)
    out: list[Diagnostic] = []
    for path, playbook in entries(data, "playbooks"):
        for p, v in items(path, "statements", playbook):
            out += _ref(
                doc, p, v, targets["statement"], "external statement", "external_statements"
            )
        for p, v in items(path, "templates", playbook):
            out += _ref(
                doc, p, v, targets["template"], "internal template", "internal_comms.templates"
            )
        for step_path, step in entries(playbook, "steps"):
            if "see" in step:
                out += _see(doc, (*path, *step_path, "see"), step["see"], targets)
    return out


def _rotations(doc: Document) -> list[Diagnostic]:
    out: list[Diagnostic] = []
    for path, role in entries(doc.data, "roles"):
        rotation = role.get("rotation")
        calls = role.get("contacts")
        if not isinstance(rotation, dict) or not isinstance(calls, list):
            continue
        listed = {c for c in calls if isinstance(c, str)}
        for p, v in items((*path, "rotation"), "order", rotation):
            if isinstance(v, str) and v not in listed:
                hint = did_you_mean(v, listed) or (
                    f": add `{v}` to the role's `contacts`, or take it off the rota"
                )
                out.append(
                    doc.diagnostic(
                        p,
                        f"the rota names `{v}`, who is not on role `{role.get('id', '?')}`'s "
                        f"call list (`contacts`){hint}",
                    )
                )
        starts = rotation.get("starts")
        if isinstance(starts, str) and len(starts) == 10 and parse_date(starts) is None:
            out.append(
                doc.diagnostic(
                    (*path, "rotation", "starts"),
                    f"`{starts}` is not a real date: check the month and day",
                )
            )
    return out


def channel_platform_paths(doc: Document) -> list[NodePath]:
    """Where a channel id stands in place of a platform name."""
    channels = ids_of(doc.data, "channels")
    return [
        (*path, "platform")
        for keys in _PLATFORM_KEYS
        for path, entry in entries(doc.data, *keys)
        if isinstance(entry.get("platform"), str) and entry["platform"] in channels
    ]


def _channels(doc: Document) -> list[Diagnostic]:
    data = doc.data
    out = [
        doc.diagnostic(
            p,
            f"`{doc_value}` is a channel (under `channels`), not a platform: a platform is "
            "x, facebook, instagram, ... as in `social_accounts`; channels are named in a "
            "statement's `channels`",
        )
        for p in channel_platform_paths(doc)
        for doc_value in [value_at(data, p)]
    ]
    from generator.plan.schema import load_schema

    platforms = set(load_schema()["$defs"]["platform"]["enum"])
    accounts = ids_of(data, "social_accounts")
    for path, channel in entries(data, "channels"):
        ident = channel.get("id")
        if isinstance(ident, str) and (ident in platforms or ident in accounts):
            what = "a platform's name" if ident in platforms else "a social account's id"
            out.append(
                doc.diagnostic(
                    (*path, "id"),
                    f"channel id `{ident}` is also {what}, so a statement's `channels` could "
                    "not tell them apart: give the channel another id",
                )
            )
    return out


def _recovery(doc: Document) -> list[Diagnostic]:
    out: list[Diagnostic] = []
    contacts = ids_of(doc.data, "contacts")
    first: dict[str, int] = {}
    for path, entry in entries(doc.data, "platform_recovery"):
        if "contact" in entry:
            out += _ref(doc, (*path, "contact"), entry["contact"], contacts, "contact", "contacts")
        platform = entry.get("platform")
        if isinstance(platform, str):
            if platform in first and platform != "other":
                line = doc.pos(("platform_recovery", first[platform], "platform")).line
                out.append(
                    doc.diagnostic(
                        (*path, "platform"),
                        f"`{platform}` already has a recovery entry on line {line}: "
                        "keep one entry per platform",
                    )
                )
            first.setdefault(platform, int(path[-1]))
        day = entry.get("verified_on")
        if isinstance(day, str) and len(day) == 10 and parse_date(day) is None:
            out.append(
                doc.diagnostic(
                    (*path, "verified_on"), f"`{day}` is not a real date: check the month and day"
                )
            )
    return out


def addition_reference_diagnostics(doc: Document) -> list[Diagnostic]:
    """Dangling ids and misplaced names in playbooks, channels, recovery entries and rotas."""
    if not isinstance(doc.data, dict):
        return []
    return [*_playbooks(doc), *_rotations(doc), *_channels(doc), *_recovery(doc)]
