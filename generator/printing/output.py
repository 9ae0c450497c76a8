"""The printing stage's entry points: write the runbook PDF or the pocket cards.

Every PDF is laid out in memory before any file is written, so a failure
leaves no half-written file and no half of a card set. An existing file is
replaced only when runbook wrote it (the keyword in a PDF's metadata, the
heading of a drill kit); ``-o -`` writes one PDF to standard output.
"""

from __future__ import annotations

from pathlib import Path

from generator.errors import UsageError
from generator.files import (
    STDOUT,
    check_own_file,
    refuse_link,
    write_atomically,
    write_binary_stdout,
)
from generator.plan.validate import load_valid_plan
from generator.printing.batch import print_cards
from generator.printing.engine import Printer
from generator.printing.memory import map_large_blocks
from generator.printing.pdf import (
    GENERAL,
    card_ids,
    card_pdf,
    check_role,
    runbook_pdf,
    sheet_pdf,
)
from generator.shared.progress import SILENT, Progress


def write_pdf(
    plan_path: str,
    output: Path,
    paper: str,
    progress: Progress = SILENT,
    font_paths: tuple[str, ...] = (),
) -> list[str]:
    """Validate the plan and write the whole runbook as one PDF; Typst's font warnings."""
    with progress.stage("Checking the plan"):
        plan = load_valid_plan(plan_path)
    if str(output) != STDOUT:
        check_own_file(output, is_runbook_pdf)  # before the work, not after
    printer = Printer(font_paths)
    # a process that prints nothing else: its peak memory is kept steady (see
    # printing/memory.py). Not in a site build, whose many cards print about 4% faster
    # with the C library's default beside the pages.
    map_large_blocks()
    with progress.stage("Laying out the PDF"):
        data = runbook_pdf(plan, paper, printer=printer)
    _put_pdf(str(output), data, "the runbook PDF")
    return printer.warnings


def _put_pdf(output: str, data: bytes, what: str) -> None:
    """Write a PDF to ``output`` (checked with ``check_own_file`` before the layout)."""
    if output == STDOUT:
        write_binary_stdout(data, what)
    else:
        write_atomically(Path(output), data)


# the keyword in the metadata of every PDF runbook prints (the print templates set it),
# as Typst writes it: in the document information and in the XMP metadata
PDF_MARKS = (b"/Keywords(crisis-runbook)", b"<pdf:Keywords>crisis-runbook</pdf:Keywords>")


def is_runbook_pdf(content: bytes) -> bool:
    """Whether ``content`` is a PDF that runbook printed (its metadata's keyword)."""
    return content.startswith(b"%PDF-") and any(mark in content for mark in PDF_MARKS)


def is_drill_markdown(content: bytes) -> bool:
    """Whether ``content`` is a drill kit that ``runbook drill --format markdown`` wrote."""
    return content.startswith(b"# Tabletop drill: level ")


def cards_folder(output: str | None) -> Path:
    """The folder ``card --all`` writes into (``-o``, default ``cards``), if it can be one."""
    if output == STDOUT:
        raise UsageError("with --all, -o names a folder; standard output takes one card")
    folder = Path(output or "cards")
    refuse_link(folder, "-o")
    if folder.exists() and not folder.is_dir():
        raise UsageError(f"{folder} is a file; with --all, -o names a folder")
    return folder


def write_cards(
    plan_path: str,
    role_id: str | None,
    general: bool,
    all_cards: bool,
    paper: str,
    output: str | None,
    progress: Progress = SILENT,
    sheet: str | None = None,
    font_paths: tuple[str, ...] = (),
) -> tuple[int, str, list[str]]:
    """Write one card, or every card into a folder (and, with ``sheet``, every A6 card
    four to a sheet): how many, where (for the summary), and the warnings (a card on a
    larger paper than asked, a character the font lacks)."""
    if sum((role_id is not None, general, all_cards)) != 1:
        raise UsageError("choose one of --role ROLE, --general or --all")
    if sheet and not all_cards:
        raise UsageError("--sheet goes with --all: it lays out every card four to a sheet")
    with progress.stage("Checking the plan"):
        plan = load_valid_plan(plan_path)
    printer = Printer(font_paths)
    if not all_cards:
        wanted = GENERAL if general else str(role_id)
        check_role(plan, wanted)
        target = output or f"card-{wanted}.pdf"
        if target != STDOUT:
            check_own_file(Path(target), is_runbook_pdf)
        _put_pdf(target, card_pdf(plan, wanted, paper, printer), "a card")
        return 1, f"to {target}", printer.warnings
    folder = cards_folder(output)
    ids = card_ids(plan)
    # as for `runbook pdf`: 151 cards of the large plan peaked anywhere from 145 to
    # 170 MB with the C library's default, at 139 to 141 MB with it (about 10% slower)
    map_large_blocks()
    sheet_file = folder / f"all-cards-{sheet}.pdf"
    for path in [*(folder / f"{c}.pdf" for c in ids), *([sheet_file] if sheet else [])]:
        check_own_file(path, is_runbook_pdf)
    with progress.stage("Laying out the cards"):
        cards_printed = print_cards(plan, ids, paper, printer, with_fit=bool(sheet))
        printed = dict(progress.items(cards_printed, "Cards", len(ids)))
        cards = {folder / f"{c}.pdf": card.pdf for c, card in printed.items()}
        warnings = [card.warning for card in printed.values() if card.warning]
        if sheet:
            on_a6 = [c for c, card in printed.items() if card.paper == "a6"]
            cards[sheet_file] = sheet_pdf(plan, on_a6, sheet, printer, printed)
            if len(on_a6) < len(ids):
                warnings.append(
                    f"the sheet {sheet_file} holds the {len(on_a6)} A6 cards; the "
                    f"{len(ids) - len(on_a6)} on a larger paper are in their own files"
                )
    for path, data in cards.items():  # all rendered and checked before any is written
        write_atomically(path, data)
    where = f"to {folder}/" + (
        f", and the A6 ones four to a sheet in {sheet_file}" if sheet else ""
    )
    return len(ids), where, [*warnings, *printer.warnings]


def write_drill(
    plan_path: str,
    level: int | None,
    seed: int,
    minutes: int,
    fmt: str,
    output: str | None,
    progress: Progress = SILENT,
    playbook: str | None = None,
) -> tuple[str | None, str]:
    """A drill kit: Markdown text (when printed to stdout), or the path written."""
    from generator.printing.drill import drill_kit, drill_markdown

    with progress.stage("Checking the plan"):
        plan = load_valid_plan(plan_path)
    kit = drill_kit(plan, level, seed, minutes, playbook)
    if fmt == "markdown":
        text = drill_markdown(kit)
        if output is None or output == STDOUT:
            return text, STDOUT
        check_own_file(Path(output), is_drill_markdown)
        write_atomically(Path(output), text.encode("utf-8"))
        return None, output
    target = output or f"drill-level-{kit['level']}.pdf"
    if target != STDOUT:
        check_own_file(Path(target), is_runbook_pdf)
    with progress.stage("Laying out the kit"):
        pdf, _ = Printer().pdf("drill.typ", kit, plan.plan.last_reviewed)
    _put_pdf(target, pdf, "the drill kit")
    return None, str(target)
