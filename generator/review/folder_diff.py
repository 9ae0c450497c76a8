"""Review a folder of plans: each changed plan's diff, plans added and removed, and a
``people.yaml`` change once, with the plans it reaches.

The two sides are two directories, or a directory and its version at a git
revision. Every plan of both sides is checked (with its side's ``people.yaml``);
every invalid one is reported. A plan's own diff leaves ``people.yaml`` out (both
sides are modelled with the new ``people.yaml`` where the old plan allows), so a
number changed for everyone shows once, in the people section, not in every plan.
"""

from __future__ import annotations

import datetime as dt
import re
import subprocess
from contextlib import suppress
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from generator.errors import PlanInvalid, UsageError
from generator.plan.access import entries
from generator.plan.document import Document
from generator.plan.folder import PLAN_SUFFIXES, find_plans, folder_plans, no_plan
from generator.plan.loader import decode_plan_bytes, read_plan_file
from generator.plan.model import Contact, Plan
from generator.plan.people import (
    PEOPLE,
    People,
    people_from_document,
    read_people,
    referenced_contact_ids,
)
from generator.plan.validate import plan_from_document
from generator.review.changes import ItemChange, PlanDiff
from generator.review.diff import diff_plans, keyed_changes

_DECLARES = re.compile(rb"(?m)^schema_version\s*:")


@dataclass(frozen=True)
class FolderSide:
    """One version of a folder: its plans by file stem, and its ``people.yaml``."""

    name: str
    plans: dict[str, Document]
    people: People | None


@dataclass(frozen=True)
class PeopleChange:
    """What changed in ``people.yaml``, and the plans (file stems) each change reaches."""

    changes: tuple[ItemChange, ...]
    reaches: dict[str, tuple[str, ...]]


@dataclass(frozen=True)
class FolderDiff:
    """Everything that changed in a folder of plans."""

    added: tuple[str, ...]
    removed: tuple[str, ...]
    plans: tuple[tuple[str, PlanDiff], ...]  # (file stem, diff), changed plans only
    people: PeopleChange | None

    @property
    def changed(self) -> bool:
        """Whether the folders differ in meaning at all."""
        return bool(self.added or self.removed or self.plans or self.people)


def read_folder(folder: Path) -> FolderSide:
    """A folder as it is on disk."""
    plans = {p.stem: read_plan_file(p) for p in folder_plans(folder)}
    return FolderSide(str(folder), plans, read_people(folder))


def _git(folder: Path, *args: str) -> subprocess.CompletedProcess[bytes]:
    try:
        return subprocess.run(["git", *args], cwd=folder, capture_output=True, check=False)
    except (FileNotFoundError, NotADirectoryError):
        raise UsageError("git is not available; give both folders as OLD NEW instead") from None


def read_folder_at_ref(ref: str, folder: Path) -> FolderSide:
    """A folder as it was at git revision ``ref``."""
    if not ref or ref.startswith("-"):
        raise UsageError(f"`{ref}` is not a git revision; give a branch, tag or commit")
    listed = _git(folder, "ls-tree", "--name-only", ref, "./")
    if listed.returncode != 0:
        reason = listed.stderr.decode("utf-8", "replace").strip().splitlines()
        raise UsageError(
            f"cannot list {folder}/ at `{ref}` from git "
            f"({reason[-1] if reason else 'unknown error'}); check the revision"
        )
    names = listed.stdout.decode("utf-8", "replace").splitlines()
    plans: dict[str, Document] = {}
    people = None
    for name in sorted(names):
        if not name.endswith(PLAN_SUFFIXES) or "/" in name:
            continue
        shown = _git(folder, "show", f"{ref}:./{name}")
        if shown.returncode != 0:
            continue  # not a file at that revision (a folder named *.yaml)
        doc = decode_plan_bytes(shown.stdout, f"{ref}:{folder}/{name}")
        if name == PEOPLE:
            people = people_from_document(doc)
        elif _DECLARES.search(shown.stdout[:65536]):
            plans[Path(name).stem] = doc
    return FolderSide(f"{ref}:{folder}", plans, people)


def _model(doc: Document, people: People | None, today: dt.date) -> Plan:
    return plan_from_document(doc, today, people)


def _contacts(people: People | None) -> list[Contact]:
    if people is None:
        return []
    out = []
    for _, contact in entries(people.doc.data, "contacts"):
        day = contact.get("verified_on")
        out.append(Contact(**{**contact, "verified_on": _day(day)}))
    return out


def _day(value: Any) -> dt.date | None:
    return dt.date.fromisoformat(value) if isinstance(value, str) else None


def _reaches(side: FolderSide, ident: str) -> list[str]:
    return [
        stem
        for stem, doc in side.plans.items()
        if ident in referenced_contact_ids(doc.data)
        and ident not in {c.get("id") for _, c in entries(doc.data, "contacts")}
    ]


def people_change(old: FolderSide, new: FolderSide) -> PeopleChange | None:
    """The ``people.yaml`` change, with the plans of either side each change reaches."""
    changes = keyed_changes(
        _contacts(old.people), _contacts(new.people), lambda c: c.id, lambda c: c.name
    )
    if not changes:
        return None
    reaches = {
        c.key: tuple(sorted(set(_reaches(new, c.key)) | set(_reaches(old, c.key)))) for c in changes
    }
    return PeopleChange(tuple(changes), reaches)


def diff_folders(old: FolderSide, new: FolderSide, today: dt.date | None = None) -> FolderDiff:
    """Check both sides in full, then compare them plan by plan and ``people.yaml``."""
    day = today or dt.date.today()
    models: dict[tuple[int, str], Plan] = {}
    invalid: list[PlanInvalid] = []
    for i, side in enumerate((old, new)):
        for stem, doc in side.plans.items():
            try:
                models[(i, stem)] = _model(doc, side.people, day)
            except PlanInvalid as error:
                invalid.append(error)
    if invalid:
        last = invalid[-1]
        raise PlanInvalid(last.file, last.diagnostics, earlier=tuple(invalid[:-1]))
    changed = []
    for stem in sorted(set(old.plans) & set(new.plans)):
        before = models[(0, stem)]
        with suppress(PlanInvalid):  # with the new people.yaml: its changes show once
            before = _model(old.plans[stem], new.people, day)
        diff = diff_plans(before, models[(1, stem)])
        if diff.changed:
            changed.append((stem, diff))
    return FolderDiff(
        added=tuple(sorted(set(new.plans) - set(old.plans))),
        removed=tuple(sorted(set(old.plans) - set(new.plans))),
        plans=tuple(changed),
        people=people_change(old, new),
    )


def is_folder_review(old: str | None, new: str | None, base: str | None) -> Path | None:
    """The folder a ``diff`` compares as a whole, or ``None`` for a one-plan diff:
    two folders, a folder with ``--base``, or (nothing given) ``plans/`` when it
    holds several plans or a ``people.yaml``."""
    if old is not None and Path(old).is_dir():
        return Path(new) if new is not None and base is None else Path(old)
    if old is None and new is None and base is not None:
        plans = Path("plans")
        if len(find_plans(plans)) > 1 or (plans / PEOPLE).is_file():
            return plans
    return None


def diff_folder_files(old: str | None, new: str | None, base: str | None) -> FolderDiff:
    """Compare two folders, or a folder with its version at git revision ``base``."""
    if base is not None:
        if new is not None:
            raise UsageError("with --base give one folder: runbook diff --base REF [FOLDER]")
        folder = Path(old) if old is not None else Path("plans")
        return diff_folders(read_folder_at_ref(base, folder), read_folder(folder))
    if old is None or new is None or not Path(new).is_dir():
        raise UsageError("give two folders (runbook diff OLD/ NEW/) or --base REF [FOLDER]")
    for folder in (Path(old), Path(new)):
        if not find_plans(folder):
            raise no_plan(folder)
    return diff_folders(read_folder(Path(old)), read_folder(Path(new)))
