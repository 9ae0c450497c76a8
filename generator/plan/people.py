"""``people.yaml``: the contacts shared by every plan in a folder.

A folder of plans may hold one ``people.yaml`` with ``contacts: [...]`` and
nothing else. A plan next to it may reference its ids and leave its own
``contacts`` out. This module reads and checks that file, checks a plan against
it (ids defined twice, references that resolve), and gives the plan's data with
the people it references merged in, so the model and every later stage see one
``contacts`` list as if the plan had written it out.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from generator.plan.access import entries, section
from generator.plan.characters import character_diagnostics
from generator.plan.diagnostics import Diagnostic, sort_diagnostics
from generator.plan.document import Document, NodePath
from generator.plan.loader import read_plan_file
from generator.plan.mailboxes import webmail_diagnostics
from generator.plan.references import unique_id_diagnostics
from generator.plan.rules import (
    DEFAULT_CONTACT_MAX_AGE_DAYS,
    contact_max_age,
    number_diagnostics,
    text_diagnostics,
)
from generator.plan.schema import contacts_schema, known_keys, schema_diagnostics
from generator.plan.secrets import looks_like_secret_key, secret_diagnostics
from generator.plan.upkeep import warning_diagnostics

PEOPLE = "people.yaml"


@dataclass(frozen=True)
class People:
    """A loaded ``people.yaml``: its document and its contacts by id, with their paths."""

    doc: Document
    by_id: dict[str, tuple[NodePath, dict[str, Any]]] = field(default_factory=dict)

    @property
    def file(self) -> str:
        """The path of ``people.yaml`` as given."""
        return self.doc.file


def people_path(folder: Path) -> Path:
    """Where a folder's ``people.yaml`` is (whether or not it exists)."""
    return folder / PEOPLE


def read_people(folder: Path) -> People | None:
    """The folder's ``people.yaml``, or ``None`` when it has none. Raises
    ``PlanFileError`` when it exists but cannot be read."""
    path = people_path(folder)
    if not path.exists() and not path.is_symlink():
        return None
    return people_from_document(read_plan_file(path))


def people_from_document(doc: Document) -> People:
    """``People`` from a loaded ``people.yaml`` (read from disk or from git)."""
    by_id: dict[str, tuple[NodePath, dict[str, Any]]] = {}
    for node, contact in entries(doc.data, "contacts"):
        ident = contact.get("id")
        if isinstance(ident, str):
            by_id.setdefault(ident, (node, contact))
    return People(doc, by_id)


def people_for(plan_file: str | Path) -> People | None:
    """The ``people.yaml`` beside a plan file, if any."""
    return read_people(Path(plan_file).parent)


def people_diagnostics(
    people: People, today: dt.date, max_age_days: int = DEFAULT_CONTACT_MAX_AGE_DAYS
) -> list[Diagnostic]:
    """Every problem in ``people.yaml`` itself: keys other than ``contacts``, the
    contacts' shape, secrets, duplicate ids, dates, time zones, and stale details
    (judged with ``max_age_days``, the strictest of the plans checked with it)."""
    doc = people.doc
    if doc.data is None:
        return sort_diagnostics(list(doc.diagnostics))
    found = list(doc.diagnostics)
    for key in doc.data:
        if key != "contacts" and not looks_like_secret_key(key):
            found.append(
                doc.diagnostic(
                    (key,),
                    f"`{key}` does not belong in {PEOPLE}, which holds only `contacts:`, "
                    "the people every plan in the folder shares; move it into a plan",
                    at_key=True,
                )
            )
    schema = {
        "type": "object",
        "required": ["contacts"],
        "properties": {"contacts": contacts_schema()},
    }
    found += schema_diagnostics(doc, schema=schema)
    found += secret_diagnostics(doc, known_keys())
    found += unique_id_diagnostics(doc)  # only `contacts` carries ids here
    found += text_diagnostics(doc)
    found += number_diagnostics(doc)
    found += character_diagnostics(doc)
    found += webmail_diagnostics(doc)
    judged = replace(
        doc, data={"plan": {"contact_max_age_days": max_age_days}, **doc.data}, diagnostics=[]
    )
    found += [d for d in warning_diagnostics(judged, today) if d.path.startswith("contacts[")]
    return sort_diagnostics(found)


def own_contacts(data: Any) -> list[dict[str, Any]]:
    """The contacts a plan writes out itself."""
    return [contact for _, contact in entries(data, "contacts")]


def referenced_contact_ids(data: Any) -> list[str]:
    """The contact ids a plan refers to, in order of first use: its roles' call
    lists and rotas, and its platform recovery contacts."""
    seen: dict[str, None] = {}
    for node, role in entries(data, "roles"):
        for ident in _strings(role.get("contacts")):
            seen.setdefault(ident)
        for ident in _strings(section(role, "rotation").get("order")):
            seen.setdefault(ident)
        del node
    for _, recovery in entries(data, "platform_recovery"):
        if isinstance(recovery.get("contact"), str):
            seen.setdefault(recovery["contact"])
    return list(seen)


def _strings(value: Any) -> Iterator[str]:
    if isinstance(value, list):
        yield from (v for v in value if isinstance(v, str))


def with_people(data: dict[str, Any], people: People | None) -> dict[str, Any]:
    """The plan's data with the ``people.yaml`` contacts it references appended to its
    own ``contacts`` (in ``people.yaml``'s order): what the model is built from."""
    if people is None:
        return data
    own = own_contacts(data)
    own_ids = {c.get("id") for c in own}
    wanted = set(referenced_contact_ids(data)) - own_ids
    shared = [c for i, (_, c) in people.by_id.items() if i in wanted]
    return {**data, "contacts": own + shared}


def merged_document(doc: Document, people: People) -> Document:
    """The plan's document with every ``people.yaml`` contact added, for the checks that
    resolve references (positions still point into the plan, where references are)."""
    everyone = own_contacts(doc.data) + [c for _, c in people.by_id.values()]
    return replace(doc, data={**doc.data, "contacts": everyone}, diagnostics=[])


def both_places(doc: Document, people: People) -> tuple[list[Diagnostic], list[Diagnostic]]:
    """A contact id defined in both the plan and ``people.yaml``: an error at each line,
    (the plan's, ``people.yaml``'s)."""
    in_plan: list[Diagnostic] = []
    in_people: list[Diagnostic] = []
    for node, contact in entries(doc.data, "contacts"):
        ident = contact.get("id")
        if not isinstance(ident, str) or ident not in people.by_id:
            continue
        shared_node = people.by_id[ident][0]
        plan_line = doc.pos((*node, "id")).line
        people_line = people.doc.pos((*shared_node, "id")).line
        in_plan.append(
            doc.diagnostic(
                (*node, "id"),
                f"contact `{ident}` is also defined in {people.file} (line {people_line}): "
                f"keep one; remove it here to use the shared one",
            )
        )
        in_people.append(
            people.doc.diagnostic(
                (*shared_node, "id"),
                f"contact `{ident}` is also defined in {doc.file} (line {plan_line}): "
                "keep one; remove it from that plan to share this one",
            )
        )
    return in_plan, in_people


def strictest_max_age(documents: list[Document]) -> int:
    """The smallest ``contact_max_age_days`` among plans: the age ``people.yaml``'s
    contacts are judged by when those plans are checked with it."""
    ages = [contact_max_age(d.data) for d in documents if isinstance(d.data, dict)]
    return min(ages, default=DEFAULT_CONTACT_MAX_AGE_DAYS)
