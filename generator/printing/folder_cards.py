"""``card --all`` over a folder of plans: each plan's cards in ``<out>/<plan stem>/``.

Every plan is checked, and every file it would replace is checked to be
runbook's own, before any card is written: a broken plan names itself and
leaves every folder as it was.
"""

from __future__ import annotations

from pathlib import Path

from generator.errors import PlanInvalid, UsageError
from generator.files import check_own_file
from generator.plan.folder import folder_plans
from generator.plan.validate import load_valid_plan
from generator.printing.output import cards_folder, is_runbook_pdf, write_cards
from generator.printing.pdf import card_ids
from generator.shared.progress import SILENT, Progress


def write_folder_cards(
    folder: Path,
    paper: str,
    output: str | None,
    progress: Progress = SILENT,
    sheet: str | None = None,
    font_paths: tuple[str, ...] = (),
) -> tuple[int, str, list[str]]:
    """Every card of every plan of ``folder``: how many, where (for the summary), and
    the warnings (each plan's, named by its stem)."""
    top = cards_folder(output)
    plans = folder_plans(folder)
    invalid: list[PlanInvalid] = []
    with progress.stage("Checking the plans"):
        for path in plans:
            try:
                plan = load_valid_plan(path)
            except PlanInvalid as error:
                invalid.append(error)
                continue
            target = top / path.stem
            if target.exists() and not target.is_dir():
                raise UsageError(f"{target} is a file; move it: the cards of {path} go there")
            for ident in card_ids(plan):
                check_own_file(target / f"{ident}.pdf", is_runbook_pdf)
    if invalid:
        last = invalid[-1]
        raise PlanInvalid(last.file, last.diagnostics, earlier=tuple(invalid[:-1]))
    count = 0
    warnings: list[str] = []
    for path in plans:
        written, _, said = write_cards(
            str(path), None, False, True, paper, str(top / path.stem), progress, sheet, font_paths
        )
        count += written
        warnings += [f"{path.stem}: {warning}" for warning in said]
    return (
        count,
        f"to {top}/ (one folder per plan: {', '.join(p.stem for p in plans)})",
        warnings,
    )
