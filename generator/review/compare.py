"""The review stage's entry point: read two plans (files, or a file and its git
base), check both, and compute what changed in meaning."""

from __future__ import annotations

import subprocess
from pathlib import Path

from generator.errors import PlanInvalid, UsageError
from generator.plan.check import resolve_plan
from generator.plan.document import Document
from generator.plan.loader import decode_plan_bytes, read_plan_file
from generator.plan.model import Plan
from generator.plan.people import PEOPLE, People, people_for, people_from_document
from generator.plan.validate import plan_from_document
from generator.review.changes import PlanDiff
from generator.review.diff import diff_plans


def read_plan_at_ref(ref: str, plan: str) -> Document:
    """The plan file as it was at git revision ``ref``."""
    if not ref or ref.startswith("-"):
        raise UsageError(f"`{ref}` is not a git revision; give a branch, tag or commit")
    path = Path(plan).resolve()
    try:
        done = subprocess.run(
            ["git", "show", f"{ref}:./{path.name}"],
            cwd=path.parent if path.parent.is_dir() else None,
            capture_output=True,
            check=False,
        )
    except (FileNotFoundError, NotADirectoryError):
        raise UsageError("git is not available; give both plans as OLD NEW instead") from None
    if done.returncode != 0:
        reason = done.stderr.decode("utf-8", "replace").strip().splitlines()
        raise UsageError(
            f"cannot read {plan} at `{ref}` from git "
            f"({reason[-1] if reason else 'unknown error'}); "
            "check the revision and that the file existed there"
        )
    return decode_plan_bytes(done.stdout, f"{ref}:{plan}")


def _people_at_ref(ref: str, plan: str) -> People | None:
    """The ``people.yaml`` beside ``plan`` at revision ``ref``, if it existed there."""
    shared = Path(plan).parent / PEOPLE
    try:
        return people_from_document(read_plan_at_ref(ref, str(shared)))
    except UsageError:  # no people.yaml at that revision (the plan's read said the ref is good)
        return None


def diff_files(old: str | None, new: str | None, base: str | None) -> PlanDiff:
    """Compare OLD and NEW, or (with ``base``) a plan with its version at a git revision.
    Both sides are checked; every invalid side is reported."""
    if base is not None:
        plan = resolve_plan(old)
        if new is not None:
            raise UsageError("with --base give one plan: runbook diff --base REF [PLAN]")
        documents = [read_plan_at_ref(base, plan), read_plan_file(plan)]
    else:
        if old is None or new is None:
            raise UsageError("give two plans (runbook diff OLD NEW) or --base REF [PLAN]")
        documents = [read_plan_file(old), read_plan_file(new)]
    if base is not None:
        sides = [_people_at_ref(base, plan), people_for(plan)]
    else:
        sides = [people_for(str(old)), people_for(str(new))]
    plans: list[Plan] = []
    invalid: list[PlanInvalid] = []
    for doc, people in zip(documents, sides, strict=True):
        try:
            plans.append(plan_from_document(doc, people=people))
        except PlanInvalid as error:
            invalid.append(error)
    if invalid:
        last = invalid[-1]
        raise PlanInvalid(last.file, last.diagnostics, earlier=tuple(invalid[:-1]))
    return diff_plans(plans[0], plans[1])
