"""The plan stage's entry points: find the plan, check files, load a valid plan."""

from __future__ import annotations

from pathlib import Path

from generator.errors import UsageError
from generator.plan.folder import (
    CheckedFile,
    check_files,
    check_folder,
    declares_schema_version,
    find_plans,
    no_plan,
    top_level_keys,
)

PLANS_FOLDER = Path("plans")

__all__ = [
    "CheckedFile",
    "check_files",
    "check_folder",
    "declares_schema_version",
    "find_plans",
    "folder_mode",
    "resolve_plan",
    "top_level_keys",
]


def resolve_plan(given: str | None) -> str:
    """The plan a command works on: the one given, else the only plan in ``plans/``;
    with several, ``UsageError`` naming them."""
    if given is not None:
        return given
    found = [str(p) for p in find_plans(PLANS_FOLDER)]
    if len(found) == 1:
        return found[0]
    if found:
        raise UsageError(
            f"plans/ holds {len(found)} plans ({', '.join(found)}); choose one with --plan"
        )
    if PLANS_FOLDER.is_dir() and any(PLANS_FOLDER.iterdir()):
        raise no_plan(PLANS_FOLDER)
    raise UsageError(
        "no plan given and none in plans/; pass the plan file (--plan FILE), "
        "or run `runbook init` to start one"
    )


def resolve_source(given: str | None) -> Path:
    """What ``build`` and ``serve`` work on: the folder given, the plan given, else
    ``plans/`` when it holds several plans, else its only plan."""
    if given is not None:
        return Path(given)
    if len(find_plans(PLANS_FOLDER)) > 1:
        return PLANS_FOLDER
    return Path(resolve_plan(None))


def folder_mode(given: list[str]) -> Path | None:
    """The folder ``validate`` checks as a whole: the one folder given, or ``plans/``
    when nothing is given and it holds several plans or a ``people.yaml``; else ``None``."""
    if len(given) == 1 and Path(given[0]).is_dir():
        return Path(given[0])
    if given:
        return None
    if len(find_plans(PLANS_FOLDER)) > 1 or (PLANS_FOLDER / "people.yaml").is_file():
        return PLANS_FOLDER
    return None
