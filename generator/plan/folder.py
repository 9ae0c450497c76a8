"""A folder of plans: find its plans, check their names, and validate them all.

A folder holds plans (every ``*.yaml``/``*.yml`` that declares
``schema_version``) and optionally ``people.yaml``, the contacts they share.
Each plan's file stem becomes a path on the folder's site (``/<stem>/``), so
stems must be slugs and must not differ only in case. ``check_folder``
validates every plan against ``people.yaml`` on a process pool and checks
``people.yaml`` once.
"""

from __future__ import annotations

import datetime as dt
import os
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from generator.errors import InputError, PlanFileError, UsageError
from generator.plan.characters import visible
from generator.plan.diagnostics import Diagnostic, sort_diagnostics
from generator.plan.document import Document
from generator.plan.loader import read_plan_file
from generator.plan.people import (
    PEOPLE,
    People,
    both_places,
    people_diagnostics,
    read_people,
    strictest_max_age,
)
from generator.plan.report import summary
from generator.plan.rules import DEFAULT_CONTACT_MAX_AGE_DAYS
from generator.plan.validate import check_plan, shared_diagnostics, validate_document

if TYPE_CHECKING:
    from concurrent.futures import Executor

PLAN_SUFFIXES = (".yaml", ".yml")
STEM = re.compile(r"^[a-z0-9][a-z0-9-]{0,62}$")  # an id slug: a safe URL path segment


@dataclass(frozen=True)
class CheckedFile:
    """One file's diagnostics, or why it could not be read at all."""

    file: str
    diagnostics: list[Diagnostic] = field(default_factory=list)
    unreadable: PlanFileError | None = None

    def fails(self, strict: bool) -> bool:
        """Whether this file makes ``validate`` exit non-zero."""
        severities = {d.severity for d in self.diagnostics}
        return "error" in severities or (strict and "warning" in severities)


def declares_schema_version(path: str) -> bool:
    """Whether a YAML file says it is a plan: its top-level mapping has a
    ``schema_version`` key, however it is written (quoted, in a JSON-style mapping,
    after any amount of text), as the YAML parser reads it. Files ``validate`` would
    refuse before it gets that far (unreadable, too large, not UTF-8, not YAML) count
    as plans when they mention ``schema_version``, so ``validate`` reports them."""
    from generator.files import NotRegularFile, read_capped
    from generator.plan.loader import MAX_BYTES

    try:
        raw = read_capped(Path(path), MAX_BYTES, "a plan file")
    except (NotRegularFile, OSError):
        return True
    mentions = b"schema_version" in raw
    if len(raw) > MAX_BYTES:
        return mentions
    try:
        keys = top_level_keys(raw.decode("utf-8-sig"))
    except ValueError:  # not UTF-8, not YAML, nested too deep
        return mentions
    return "schema_version" in keys


def top_level_keys(text: str) -> Iterator[str]:
    """The keys of the top-level mapping of YAML ``text``, read as a stream of parser
    events (nothing is built, nothing resolved), so a key is found wherever it is and
    however it is quoted. ``ValueError`` when the text is not YAML or is nested more
    than ``MAX_DEPTH`` levels deep."""
    import yaml

    from generator.plan.loader import MAX_DEPTH, PARSER

    parser = PARSER(text)
    depth = 0
    expect_key = True  # at depth 1, a key and its value alternate
    try:
        while (event := parser.get_event()) is not None:
            if isinstance(event, yaml.StreamEndEvent | yaml.DocumentEndEvent):
                return  # the first document is the plan
            done = False  # a whole node of the top-level mapping read
            if isinstance(event, yaml.ScalarEvent | yaml.AliasEvent):
                if depth == 1 and expect_key and isinstance(event, yaml.ScalarEvent):
                    yield event.value
                done = depth == 1
            elif isinstance(event, yaml.SequenceStartEvent) and depth == 0:
                return  # a list is not a plan
            elif isinstance(event, yaml.MappingStartEvent | yaml.SequenceStartEvent):
                depth += 1
                if depth > MAX_DEPTH:
                    raise ValueError(f"nested more than {MAX_DEPTH} levels deep")
            elif isinstance(event, yaml.MappingEndEvent | yaml.SequenceEndEvent):
                depth -= 1
                done = depth == 1
            if done:
                expect_key = not expect_key
    except yaml.YAMLError as exc:
        raise ValueError(str(exc)) from None
    finally:
        parser.dispose()


def _yaml_files(folder: Path) -> list[Path]:
    try:
        return sorted(
            p
            for p in folder.iterdir()
            if p.suffix in PLAN_SUFFIXES and p.name != PEOPLE and p.is_file()
        )
    except FileNotFoundError:
        return []
    except NotADirectoryError:
        raise UsageError(f"{folder}: is not a folder; give a folder of plans") from None


def find_plans(folder: Path) -> list[Path]:
    """The plans of a folder, sorted: its YAML files that declare ``schema_version``
    (``people.yaml`` aside)."""
    return [p for p in _yaml_files(folder) if declares_schema_version(str(p))]


def no_plan(folder: Path) -> UsageError:
    """The error for a folder without a plan, naming the YAML files it skipped."""
    skipped = [p.name for p in _yaml_files(folder)]
    why = (
        f": none of its YAML files ({', '.join(skipped)}) has `schema_version: 1` at the "
        "top, which marks a plan"
        if skipped
        else " (a .yaml file with `schema_version: 1`)"
    )
    return UsageError(
        f"{folder}/ holds no plan{why}; add one, or run `runbook init --folder` to start "
        "a folder of plans"
    )


def name_diagnostics(plans: list[Path]) -> list[Diagnostic]:
    """A stem that is no safe URL path segment, and stems that differ only in case:
    an error on each file, at its first line (the name is the problem, not the text)."""
    out = []
    by_folded: dict[str, list[Path]] = {}
    for plan in plans:
        by_folded.setdefault(plan.stem.casefold(), []).append(plan)
        if not STEM.match(plan.stem):
            slug = re.sub(r"[^a-z0-9]+", "-", plan.stem.lower()).strip("-")[:63] or "plan"
            out.append(
                Diagnostic(
                    str(plan),
                    1,
                    1,
                    "(file name)",
                    "error",
                    f"the file name `{plan.stem}` becomes the plan's web address, so it may "
                    "hold only lower-case letters, digits and hyphens: rename the file, "
                    f"for example to {slug}{plan.suffix}",
                )
            )
    for same in by_folded.values():
        if len(same) > 1:
            names = ", ".join(p.name for p in same)
            out += [
                Diagnostic(
                    str(plan),
                    1,
                    1,
                    "(file name)",
                    "error",
                    f"plan names differ only in case ({names}): they would share one web "
                    "address; rename one",
                )
                for plan in same
            ]
    return out


def folder_plans(folder: Path) -> list[Path]:
    """The plans of a folder for a command that uses them all; ``UsageError`` when it
    has none, ``InputError`` when a name cannot be used."""
    plans = find_plans(folder)
    if not plans:
        raise no_plan(folder)
    bad = name_diagnostics(plans)
    if bad:
        raise InputError("; ".join(f"{d.file}: {d.message}" for d in dict.fromkeys(bad)))
    return plans


# -- checking ---------------------------------------------------------------------


def _check_one(
    file: str, today: dt.date, people: People | None
) -> tuple[CheckedFile, list[Diagnostic], int | None]:
    """Check one plan of a folder: (its result, its diagnostics at ``people.yaml``'s
    lines, its ``contact_max_age_days``). Runs in a worker."""
    try:
        doc = read_plan_file(file)
    except PlanFileError as exc:
        return CheckedFile(file, unreadable=exc), [], None
    found = validate_document(doc, today, people)
    at_people = both_places(doc, people)[1] if people and isinstance(doc.data, dict) else []
    return CheckedFile(file, found), at_people, strictest_max_age([doc])


def _pool(kind: str, jobs: int) -> Executor:
    # imported here: a one-plan validate never starts a pool
    from concurrent.futures import ProcessPoolExecutor, ThreadPoolExecutor

    if kind == "thread":
        return ThreadPoolExecutor(jobs)
    return ProcessPoolExecutor(jobs)


def check_folder(
    folder: Path, today: dt.date | None = None, *, pool: str = "process"
) -> list[CheckedFile]:
    """Validate every plan of ``folder`` with its ``people.yaml``, and ``people.yaml``
    once; the results sorted by file. ``pool`` is ``process``, ``thread`` or ``serial``."""
    day = today or dt.date.today()
    plans = find_plans(folder)
    if not plans:
        raise no_plan(folder)
    files = [str(p) for p in plans]
    try:
        people = read_people(folder)
    except PlanFileError:
        people = None  # reported once, on people.yaml
    jobs = min(len(files), os.cpu_count() or 1)
    if pool == "serial" or jobs < 2 or len(files) < 4:
        results = [_check_one(f, day, people) for f in files]
    else:
        with _pool(pool, jobs) as executor:
            n = len(files)
            results = list(executor.map(_check_one, files, [day] * n, [people] * n, chunksize=8))
    by_name: dict[str, list[Diagnostic]] = {}
    for d in name_diagnostics(plans):
        by_name.setdefault(d.file, []).append(d)
    checked = [
        CheckedFile(r.file, sort_diagnostics(r.diagnostics + by_name.get(r.file, [])))
        if not r.unreadable
        else r
        for r, _, _ in results
    ]
    people_file = folder / PEOPLE
    if people_file.exists() or people_file.is_symlink():
        checked.append(_check_people(folder, results, day))
    return sorted(checked, key=lambda c: c.file)


def _check_people(
    folder: Path, results: list[tuple[CheckedFile, list[Diagnostic], int | None]], day: dt.date
) -> CheckedFile:
    try:
        people = read_people(folder)
    except PlanFileError as exc:
        return CheckedFile(str(folder / PEOPLE), unreadable=exc)
    assert people is not None
    ages = [age for _, _, age in results if age is not None]
    found = people_diagnostics(people, day, min(ages, default=DEFAULT_CONTACT_MAX_AGE_DAYS))
    for _, at_people, _ in results:
        found += at_people
    return CheckedFile(people.file, sort_diagnostics(found))


def check_files(files: list[str], today: dt.date | None = None) -> list[CheckedFile]:
    """Check every plan file in full, whatever the others hold, each with the
    ``people.yaml`` of its folder; each ``people.yaml`` is checked once too."""
    day = today or dt.date.today()
    out: list[CheckedFile] = []
    docs: dict[str, list[Document]] = {}
    peoples: dict[str, People | None] = {}
    for file in files:
        folder = str(Path(file).parent)
        try:
            if folder not in peoples:
                peoples[folder] = read_people(Path(folder))
            people = peoples[folder]
        except PlanFileError as exc:
            peoples[folder] = None
            out.append(CheckedFile(str(Path(folder) / PEOPLE), unreadable=exc))
            people = None
        if Path(file).name == PEOPLE:
            continue  # not a plan: checked once below, as its folder's people.yaml
        try:
            result = check_plan(file, day, people)
        except PlanFileError as exc:
            out.append(CheckedFile(file, unreadable=exc))
            continue
        out.append(CheckedFile(file, result.diagnostics))
        if people is not None:
            docs.setdefault(folder, []).append(result.document)
    for folder, people in peoples.items():
        if people is not None:
            found = shared_diagnostics(people, docs.get(folder, []), day)
            out.append(CheckedFile(people.file, found))
    return out


def folder_summary(folder: Path, checked: list[CheckedFile], strict: bool) -> str:
    """The one closing line of a folder's validation."""
    plans = [c for c in checked if Path(c.file).name != PEOPLE]
    what = f"{len(plans)} plan{'s' if len(plans) != 1 else ''}"
    if len(plans) != len(checked):
        what += f" and {PEOPLE}"
    every = [d for c in checked for d in c.diagnostics]
    line = summary(f"{folder}/ ({what})", every, strict)
    failing = [c.file for c in checked if c.fails(strict) or c.unreadable]
    if failing:  # file names shown as visible text: a name may hold control characters
        line += f"; fix {visible(', '.join(failing))}"
    return line
