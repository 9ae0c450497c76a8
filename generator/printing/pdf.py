"""Offline copies: the whole runbook as one PDF, and pocket cards, laid out by Typst.

``runbook_pdf`` and ``card_pdf`` are pure in effect: a plan in, PDF bytes out,
the same bytes for the same plan. A card that does not fit its size is an
error that says what to shorten.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from generator.errors import InputError, UsageError
from generator.plan.model import Plan
from generator.printing.data import GENERAL, PAPERS, card_data, card_ids, runbook_data
from generator.printing.engine import Printer

__all__ = [
    "GENERAL",
    "CardTooLong",
    "PrintedCopies",
    "card_ids",
    "card_pdf",
    "check_role",
    "offline_copies",
    "offline_paths",
    "runbook_pdf",
]

MIN_PRINT_PT = 8  # the smallest label of the flowchart on paper
# the text area left for the chart, in pt: under the heading on a portrait page, or a
# landscape page of its own
PORTRAIT_BOX = {"a4": (504.0, 620.0), "letter": (520.0, 560.0)}
LANDSCAPE_BOX = {"a4": (750.0, 440.0), "letter": (690.0, 450.0)}


class CardTooLong(InputError):
    """A pocket card does not fit its size."""


def flowchart_layout(svg: str, paper: str) -> dict[str, object]:
    """How wide to print the flowchart, and whether it needs a landscape page, so that
    node text is at least 8 pt and the chart fits the page."""
    from generator.shared.flowchart import FONT, svg_size

    w, h = svg_size(svg)
    needed = MIN_PRINT_PT * w / FONT  # the width at which labels are 8 pt
    for landscape, (box_w, box_h) in ((False, PORTRAIT_BOX[paper]), (True, LANDSCAPE_BOX[paper])):
        width = min(box_w, box_h * w / h)  # as large as the box allows
        if width >= needed:
            return {"width": round(width, 1), "landscape": landscape}
    box_w, box_h = LANDSCAPE_BOX[paper]
    return {"width": round(min(box_w, box_h * w / h), 1), "landscape": True}


def runbook_pdf(
    plan: Plan,
    paper: str = "a4",
    flowchart_svg: str | None = None,
    printer: Printer | None = None,
) -> bytes:
    """The whole runbook as one PDF (the print flowchart is drawn unless given)."""
    from generator.printing.memory import map_large_blocks
    from generator.shared.flowchart import draw_flowchart

    # The one large document: its peak memory is kept steady (see printing/memory.py).
    # Cards are small, and 25% faster to print with the C library's default.
    map_large_blocks()
    svg = flowchart_svg if flowchart_svg is not None else draw_flowchart(plan, for_print=True)
    data = {**runbook_data(plan, paper), "flowchart": flowchart_layout(svg, paper)}
    pdf, _ = (printer or Printer()).pdf("runbook.typ", data, plan.plan.last_reviewed, svg)
    return pdf


def card_pdf(plan: Plan, card_id: str, paper: str = "a6", printer: Printer | None = None) -> bytes:
    """One card: one sheet, front and back (two pages), A6 or a full a4/letter sheet."""
    data = {**card_data(plan, card_id), "paper": paper}
    pdf, pages = (printer or Printer()).pdf("card.typ", data, plan.plan.last_reviewed)
    if pages > 2:
        raise CardTooLong(_too_long(plan, card_id, paper, pages))
    return pdf


def sheet_pdf(plan: Plan, card_list: list[str], sheet: str, printer: Printer) -> bytes:
    """Every card four to a sheet, fronts then backs (mirrored for two-sided printing),
    with cut marks, for an office printer."""
    data = {
        "info": card_data(plan, GENERAL)["info"],
        "sheet": PAPERS[sheet],
        "cards": [card_data(plan, c) for c in card_list],
    }
    pdf, _ = printer.pdf("sheet.typ", data, plan.plan.last_reviewed)
    return pdf


def _too_long(plan: Plan, card_id: str, paper: str, pages: int) -> str:
    size = "front and back of an A6 card" if paper == "a6" else f"both sides of one {paper} sheet"
    if card_id == GENERAL:
        return (
            f"the general card needs {pages} pages and must fit the {size}: shorten the "
            "triage questions, the level names or the roles' call lists"
        )
    data = card_data(plan, card_id)
    heavy = sorted(((len(p["actions"]), p["level"]) for p in data["parts"]), reverse=True)
    biggest = ", ".join(f"level {n} ({k} steps)" for k, n in heavy[:3] if k) or "none"
    return (
        f"the card for role `{card_id}` needs {pages} pages and must fit the {size}: "
        f"shorten the actions of the levels it works on (longest: {biggest}), or the "
        "number of roles it calls"
    )


def check_role(plan: Plan, role_id: str) -> None:
    """Refuse an unknown role id with a suggestion."""
    from generator.plan.diagnostics import did_you_mean

    known = {r.id for r in plan.roles}
    if role_id != GENERAL and role_id not in known:
        hint = did_you_mean(role_id, known | {GENERAL}) or f"; roles: {', '.join(sorted(known))}"
        raise UsageError(f"no role has the id `{role_id}`{hint}")


def offline_paths(plan: Plan) -> list[str]:
    """Where the offline copies go in a site, relative to the runbook's section: known
    before any is printed, so a site build can list them while Typst works."""
    return ["runbook.pdf", *(f"cards/{card}.pdf" for card in card_ids(plan))]


@dataclass(frozen=True)
class PrintedCopies:
    """A site's offline copies: the files by relative path, Typst's font warnings, and
    the cards too long for A6 that were printed on a full sheet instead."""

    files: dict[str, bytes]
    warnings: tuple[str, ...] = ()
    full_sheet: tuple[str, ...] = ()


def offline_copies(
    plan: Plan,
    paper: str = "a4",
    flowchart: Callable[[], str] | None = None,
    printer: Printer | None = None,
) -> PrintedCopies:
    """runbook.pdf and cards/<card>.pdf (``offline_paths``), rendered in memory. A card
    too long for A6 is printed on a full sheet instead, so one busy role never stops a
    site build; ``full_sheet`` names it, and ``runbook card`` says what to shorten.
    ``flowchart`` gives the print flowchart's SVG (drawn here when None); it is asked
    for after the cards, so a chart D2 is still drawing costs no time."""
    printer = printer or Printer()
    out = {}
    full_sheet = []
    for card in card_ids(plan):
        try:
            out[f"cards/{card}.pdf"] = card_pdf(plan, card, "a6", printer)
        except CardTooLong:
            out[f"cards/{card}.pdf"] = card_pdf(plan, card, paper, printer)
            full_sheet.append(card)
    svg = flowchart() if flowchart is not None else None
    out = {"runbook.pdf": runbook_pdf(plan, paper, svg, printer), **out}
    warnings = tuple(dict.fromkeys(printer.warnings))  # each once
    return PrintedCopies(out, warnings, tuple(full_sheet))
