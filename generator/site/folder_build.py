"""``runbook build`` over a folder of plans: one site, every plan checked first.

Every plan is validated (with the folder's ``people.yaml``) before any file is
touched; a broken plan fails the build with its diagnostics, and the site is built
into a new folder and swapped in only on success (``build_site`` does the same for
one plan), so the previous site stays byte for byte.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from generator.errors import PlanInvalid
from generator.files import replace_folder
from generator.shared.progress import SILENT, Progress

if TYPE_CHECKING:
    from generator.plan.diagnostics import Diagnostic
    from generator.plan.model import Plan


@dataclass(frozen=True)
class BuiltSite:
    """What a build made: its one-line summary, the plans' warnings and the build's."""

    summary: str
    plan_warnings: list[Diagnostic]
    warnings: list[str]


def load_folder(folder: Path) -> tuple[dict[str, Plan], list[Diagnostic]]:
    """Every plan of ``folder`` by its file stem, and their warnings; ``PlanInvalid``
    naming every broken plan (the last one's diagnostics, the others' before it)."""
    from generator.plan.folder import folder_plans
    from generator.plan.validate import load_plan_and_warnings

    plans: dict[str, Plan] = {}
    warnings: list[Diagnostic] = []
    invalid: list[PlanInvalid] = []
    for path in folder_plans(folder):
        try:
            plan, found = load_plan_and_warnings(path)
        except PlanInvalid as error:
            invalid.append(error)
            continue
        plans[path.stem] = plan
        warnings += found
    if invalid:
        last = invalid[-1]
        raise PlanInvalid(last.file, last.diagnostics, earlier=tuple(invalid[:-1]))
    return plans, warnings


def build_folder_site(
    folder: Path,
    site_dir: Path,
    config_file: Path | None = None,
    offline_copies: bool = True,
    progress: Progress = SILENT,
    font_paths: tuple[str, ...] = (),
) -> BuiltSite:
    """Validate every plan of ``folder``, then build their one site into ``site_dir``
    (all or nothing)."""
    from generator.site.build import mkdocs_build

    with progress.stage("Checking the plans"):
        plans, plan_warnings = load_folder(folder)

    def hand(plugin: object) -> None:
        from generator.site.folder_hooks import FolderSite

        site = FolderSite()
        site.handed = dict(plans)
        setattr(plugin, "folder", site)  # noqa: B010 (the plugin's, typed there)

    def fill(building: Path) -> None:
        warnings.extend(
            mkdocs_build(folder, building, config_file, offline_copies, progress, font_paths, hand)
        )

    warnings: list[str] = []
    replace_folder(site_dir, fill, "--site-dir")
    return BuiltSite(built_summary(list(plans), site_dir), plan_warnings, warnings)


NAMED = 5  # the plans a summary names: a folder of a hundred would fill a screen


def built_summary(stems: list[str], site_dir: Path) -> str:
    """The line a folder build ends with: how many plans, the first few by name."""
    named = ", ".join(stems[:NAMED])
    more = f", and {len(stems) - NAMED} more" if len(stems) > NAMED else ""
    return f"Built {len(stems)} plans ({named}{more}) into {site_dir}/"


def build_any(
    source: Path,
    site_dir: Path,
    config_file: Path | None = None,
    offline_copies: bool = True,
    progress: Progress = SILENT,
    font_paths: tuple[str, ...] = (),
) -> BuiltSite:
    """``runbook build``: the site of one plan, or of a folder of several."""
    from generator.plan.folder import folder_plans
    from generator.site.build import build_site

    if source.is_dir():
        plans = folder_plans(source)
        if len(plans) > 1:
            return build_folder_site(
                source, site_dir, config_file, offline_copies, progress, font_paths
            )
        source = plans[0]
    plan, plan_warnings, warnings = build_site(
        source, site_dir, config_file, offline_copies, progress, font_paths
    )
    summary = f"Built {plan.plan.title} (version {plan.plan.version}) into {site_dir}/"
    return BuiltSite(summary, plan_warnings, warnings)
