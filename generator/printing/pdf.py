"""Offline copies: the whole runbook as one PDF, and pocket cards, laid out by Typst.

``runbook_pdf`` and ``card_pdf`` are pure in effect: a plan in, PDF bytes out,
the same bytes for the same plan. A card that does not fit A6 even at 8 pt is
printed on A5 (then A4) with a warning that says what to shorten: no card is
ever refused.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from generator.errors import UsageError
from generator.plan.card_room import levels_text
from generator.plan.model import Plan
from generator.printing.data import (
    GENERAL,
    PAPERS,
    card_data,
    card_ids,
    runbook_data,
)
from generator.printing.engine import Printer
from generator.printing.glyphs import strings

__all__ = [
    "GENERAL",
    "PrintedCard",
    "card_ids",
    "card_pdf",
    "check_role",
    "print_card",
    "runbook_pdf",
]

MIN_PRINT_PT = 8  # the smallest label of the flowchart on paper
# the text area left for the chart, in pt: under the heading on a portrait page, or a
# landscape page of its own
PORTRAIT_BOX = {"a4": (504.0, 620.0), "letter": (520.0, 560.0)}
LANDSCAPE_BOX = {"a4": (750.0, 440.0), "letter": (690.0, 450.0)}


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
    from generator.shared.flowchart import draw_flowchart

    svg = flowchart_svg if flowchart_svg is not None else draw_flowchart(plan, for_print=True)
    data = {**runbook_data(plan, paper), "flowchart": flowchart_layout(svg, paper)}
    pdf, _ = (printer or Printer()).pdf("runbook.typ", data, plan.plan.last_reviewed, svg)
    return pdf


LARGER = {"a6": "a5", "a5": "a4"}  # where a card goes that does not fit, in turn
PAPER_NAMES = {"a6": "A6", "a5": "A5", "a4": "A4", "letter": "letter"}


@dataclass(frozen=True)
class PrintedCard:
    """One card as printed: the PDF, the paper it went on, and why it is not on the
    paper asked for (a warning naming the role, the cause and the fix), if it is not."""

    pdf: bytes
    paper: str
    warning: str | None = None
    # its body size and where its back starts, or that it is at the largest size as planned
    fit: dict[str, Any] | None = None


def print_card(
    plan: Plan,
    card_id: str,
    paper: str = "a6",
    printer: Printer | None = None,
    with_fit: bool = False,
) -> PrintedCard:
    """One card, front and back (two pages). A card that does not fit its paper even at
    8 pt goes to the next larger one (A6, then A5, then A4), and says why: a card is
    never refused, and never cut off. ``with_fit``: read back the size it was set at,
    for the four-up sheet (a little slower)."""
    printer = printer or Printer()
    papers = [paper]
    while papers[-1] in LARGER:
        papers.append(LARGER[papers[-1]])
    data = {**card_data(plan, card_id), "papers": papers}

    def lay_out(guess: bool) -> tuple[bytes, int, Any]:
        return printer.pdf_and_value(
            "card.typ",
            {**data, "guess": guess},
            plan.plan.last_reviewed,
            label="fit" if with_fit and not guess else None,
        )

    # a short card is laid out at the largest size without measuring (the sheet knows
    # that fit without asking); a longer one, or a guess that ran on, is measured
    pdf, pages, fit = lay_out(True) if short_card(data, paper) else (b"", 0, None)
    if pages == 2:
        fit = {"largest": True}
    else:
        pdf, pages, fit = lay_out(False)
    used = paper_of(pdf)
    if used == paper and pages <= 2:
        return PrintedCard(pdf, used, fit=fit)
    return PrintedCard(pdf, used, card_warning(plan, card_id, paper, used, pages), fit)


# characters on a line at the largest size (11 pt), and the lines the guess allows a
# card: a little more than its two sides hold, as most texts end well short of a line
PAPER_ROOM = {"a6": (48, 56), "a5": (70, 86), "a4": (95, 126), "letter": (98, 116)}


def short_card(data: dict[str, Any], paper: str) -> bool:
    """Whether a card likely fits its paper at the largest size, so that it is laid out
    there at once: a role card whose texts, each on lines of its own, take at most the
    lines ``PAPER_ROOM`` allows, and the general card (its tables are mostly short words,
    and it fits in every plan the tests hold). A guess that runs on costs one quick
    layout (about 40% of a measured one) before the measured one."""
    if data.get("general"):
        return True
    width, lines = PAPER_ROOM[paper]
    shown = {k: v for k, v in data.items() if k != "words"}  # the catalog, not the card
    needed = sum(-(-len(text) // width) for text in strings(shown) if text)
    return needed <= lines


# the width of each paper in PDF points, as Typst writes it in a page's /MediaBox
PAPER_WIDTHS = {"a6": 297.6, "a5": 419.5, "a4": 595.3, "letter": 612.0}


def paper_of(pdf: bytes) -> str:
    """The paper of a PDF's first page (one of ``PAPER_WIDTHS``)."""
    found = re.search(rb"/MediaBox\s*\[\s*0 0 ([\d.]+)", pdf)
    width = float(found.group(1)) if found else 0.0
    return min(PAPER_WIDTHS, key=lambda p: abs(PAPER_WIDTHS[p] - width))


def card_pdf(plan: Plan, card_id: str, paper: str = "a6", printer: Printer | None = None) -> bytes:
    """One card's PDF (see ``print_card``); its warning, if any, joins the printer's."""
    printer = printer or Printer()
    card = print_card(plan, card_id, paper, printer)
    if card.warning:
        printer.warnings.append(card.warning)
    return card.pdf


def sheet_pdf(
    plan: Plan,
    card_list: list[str],
    sheet: str,
    printer: Printer,
    printed: Mapping[str, PrintedCard] | None = None,
) -> bytes:
    """Every card four to a sheet, fronts then backs (mirrored for two-sided printing),
    with cut marks, for an office printer. A card ``printed`` on A6 is set at the size
    it was printed with (else the sheet finds its size itself, as its card does)."""
    done = printed or {}
    data = {
        **{k: v for k, v in card_data(plan, GENERAL).items() if k in ("info", "words")},
        "sheet": PAPERS[sheet],
        "cards": [
            {**card_data(plan, c), "fit": card.fit if card and card.paper == "a6" else None}
            for c in card_list
            for card in [done.get(c)]
        ],
    }
    pdf, _ = printer.pdf("sheet.typ", data, plan.plan.last_reviewed)
    return pdf


def card_load(plan: Plan, card_id: str) -> list[tuple[int, str, str]]:
    """What fills a card, largest first: (lines it takes, what it is, how to shorten it)."""
    data = card_data(plan, card_id)
    if card_id == GENERAL:
        questions = len(data["questions"])
        backups = sum(len(lv["owner"]["people"]) - 1 for lv in data["levels"])
        load = [
            (3 * questions, f"{questions} triage questions", "ask fewer triage questions"),
            (
                3 * len(data["levels"]) + 2 * backups,
                f"{len(data['levels'])} levels whose owners have {backups} backups",
                "give the level owners fewer backups",
            ),
        ]
        return sorted(load, reverse=True)
    steps = [a for p in data["parts"] for a in p["actions"]]
    worked = [p["level"] for p in data["parts"] if p["actions"]]
    callees = sum(len(c["role"]["people"]) for c in data["calls"])
    load = [
        (
            sum(_lines(a) for a in steps),
            f"{len(steps)} steps across {levels_text(worked)}" if worked else "no steps",
            "shorten those levels' actions, or move the detail to a linked checklist",
        ),
        (
            2 * callees + len(data["calls"]),
            f"{len(data['calls'])} roles to call ({callees} people)",
            "give the levels it owns fewer roles, or those roles fewer backups",
        ),
    ]
    cr = data["credentials"]
    if cr is not None:
        owners = len(cr["owners"])
        load.append(
            (
                3 * owners + len(cr["steps"]) + len(cr["pause"]),
                f"the owners of {len(cr['accounts'])} accounts to tell ({owners} roles)",
                "have fewer roles own the accounts (a team's accounts under one role)",
            )
        )
    return sorted(load, reverse=True)


def _lines(text: str) -> int:
    """The lines a text takes on an A6 card at 8 pt, about."""
    return 1 + len(text) // 60


def card_warning(plan: Plan, card_id: str, asked: str, paper: str, pages: int) -> str:
    """Why a card is not on the paper asked for, and what to shorten."""
    _, cause, fix = card_load(plan, card_id)[0]
    who = (
        "the general card"
        if card_id == GENERAL
        else f"the card of role `{card_id}` ({plan.role(card_id).title})"
    )
    where = (
        f"so it is printed on {PAPER_NAMES[paper]}"
        if pages <= 2
        else f"nor on {PAPER_NAMES[paper]}, so it runs to {pages} pages of {PAPER_NAMES[paper]}"
    )
    return (
        f"{who} does not fit {PAPER_NAMES[asked]} even at 8 pt, {where}: it has {cause}; "
        f"to keep it on {PAPER_NAMES[asked]}, {fix}"
    )


def check_role(plan: Plan, role_id: str) -> None:
    """Refuse an unknown role id with a suggestion."""
    from generator.plan.diagnostics import did_you_mean

    known = {r.id for r in plan.roles}
    if role_id != GENERAL and role_id not in known:
        hint = did_you_mean(role_id, known | {GENERAL}) or f"; roles: {', '.join(sorted(known))}"
        raise UsageError(f"no role has the id `{role_id}`{hint}")
