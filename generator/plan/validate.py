"""Validate a plan: schema, then every semantic rule, all problems in one run.

``check_plan`` is the stage's entry point; ``load_valid_plan`` is what the
later stages call to get a model or a ``PlanInvalid`` error.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from generator.errors import PlanInvalid
from generator.plan.addition_refs import channel_platform_paths
from generator.plan.addition_upkeep import addition_warnings
from generator.plan.characters import character_diagnostics
from generator.plan.contradictions import contradiction_diagnostics
from generator.plan.diagnostics import Diagnostic, cap_per_kind, format_path, sort_diagnostics
from generator.plan.document import Document
from generator.plan.languages import language_diagnostics
from generator.plan.loader import read_plan_file
from generator.plan.mailboxes import webmail_diagnostics
from generator.plan.people import (
    People,
    both_places,
    merged_document,
    people_diagnostics,
    people_for,
    strictest_max_age,
    with_people,
)
from generator.plan.references import reference_diagnostics, unique_id_diagnostics
from generator.plan.rules import (
    number_diagnostics,
    scale_diagnostics,
    text_diagnostics,
    threshold_diagnostics,
    triage_diagnostics,
)
from generator.plan.schema import known_keys, schema_diagnostics
from generator.plan.secrets import secret_diagnostics
from generator.plan.upkeep import warning_diagnostics

if TYPE_CHECKING:
    from generator.plan.model import Plan


@dataclass(frozen=True)
class CheckResult:
    """A loaded plan document and every diagnostic about it, sorted by position."""

    document: Document
    diagnostics: list[Diagnostic]

    @property
    def errors(self) -> list[Diagnostic]:
        """The diagnostics that make the plan invalid."""
        return [d for d in self.diagnostics if d.severity == "error"]

    @property
    def warnings(self) -> list[Diagnostic]:
        """The diagnostics that do not, unless ``--strict``."""
        return [d for d in self.diagnostics if d.severity == "warning"]


_SHARED = frozenset({"contacts"})  # optional in a plan beside a people.yaml


def validate_document(
    doc: Document, today: dt.date, people: People | None = None
) -> list[Diagnostic]:
    """Every problem in a loaded plan, sorted by position (loader refusals included).
    With ``people`` (the folder's ``people.yaml``), its contacts count as the plan's own
    for references, and the plan's ``contacts`` become optional."""
    if doc.data is None:
        return sort_diagnostics(list(doc.diagnostics))
    found = list(doc.diagnostics)
    found += _unless_said_better(
        doc, schema_diagnostics(doc, optional=_SHARED if people else frozenset())
    )
    found += secret_diagnostics(doc, known_keys())
    found += unique_id_diagnostics(doc)
    found += reference_diagnostics(merged_document(doc, people) if people else doc)
    if people:
        found += both_places(doc, people)[0]
    found += number_diagnostics(doc)
    found += scale_diagnostics(doc)
    found += triage_diagnostics(doc)
    found += threshold_diagnostics(doc)
    found += text_diagnostics(doc)
    found += character_diagnostics(doc)
    found += language_diagnostics(doc)
    found += warning_diagnostics(doc, today)
    found += addition_warnings(doc, today)
    found += webmail_diagnostics(doc)
    found += contradiction_diagnostics(doc)
    return cap_per_kind(sort_diagnostics(found))


def _unless_said_better(doc: Document, schema_found: list[Diagnostic]) -> list[Diagnostic]:
    """Schema problems, but for a channel id written as a platform: the reference check
    says that one better than "not one of: x, facebook, ..."."""
    said = {format_path(p) for p in channel_platform_paths(doc)}
    return [d for d in schema_found if d.path not in said]


def check_plan(
    path: str | Path, today: dt.date | None = None, people: People | None = None
) -> CheckResult:
    """Read and validate a plan file (with ``people``, its folder's ``people.yaml``).
    Raises ``PlanFileError`` if it cannot be read."""
    doc = read_plan_file(path)
    return CheckResult(doc, validate_document(doc, today or dt.date.today(), people))


def shared_diagnostics(
    people: People, plans: list[Document], today: dt.date | None = None
) -> list[Diagnostic]:
    """``people.yaml``'s own problems and, at its lines, the ids that ``plans`` define
    again (stale details judged by the strictest of the plans)."""
    day = today or dt.date.today()
    found = people_diagnostics(people, day, strictest_max_age(plans))
    for doc in plans:
        if isinstance(doc.data, dict):
            found += both_places(doc, people)[1]
    return sort_diagnostics(found)


def plan_from_document(
    doc: Document, today: dt.date | None = None, people: People | None = None
) -> Plan:
    """The plan model of a loaded document (its ``contacts`` merged with the
    ``people.yaml`` ones it references); ``PlanInvalid`` with every diagnostic otherwise."""
    return _plan_and_warnings(doc, today, people)[0]


def _plan_and_warnings(
    doc: Document, today: dt.date | None, people: People | None
) -> tuple[Plan, list[Diagnostic]]:
    from generator.plan.model import build_plan

    day = today or dt.date.today()
    diagnostics = validate_document(doc, day, people)
    shared = shared_diagnostics(people, [doc], day) if people else []
    earlier: tuple[PlanInvalid, ...] = ()
    if people and any(d.severity == "error" for d in shared):
        earlier = (PlanInvalid(people.file, shared),)
    if earlier or any(d.severity == "error" for d in diagnostics):
        raise PlanInvalid(doc.file, diagnostics, earlier)
    return build_plan(with_people(doc.data, people)), diagnostics


def load_valid_plan(path: str | Path, today: dt.date | None = None) -> Plan:
    """The plan model of a valid plan file, with the ``people.yaml`` beside it if any;
    ``PlanInvalid`` with every diagnostic otherwise."""
    return plan_from_document(read_plan_file(path), today, people_for(path))


def load_plan_and_warnings(
    path: str | Path, today: dt.date | None = None
) -> tuple[Plan, list[Diagnostic]]:
    """A valid plan and its warnings, the ones ``runbook validate`` prints (commands that
    build from the plan show them too); ``PlanInvalid`` with every diagnostic otherwise."""
    return _plan_and_warnings(read_plan_file(path), today, people_for(path))
