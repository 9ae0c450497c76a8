"""A site's offline copies: the runbook PDF, every pocket card and the four-up sheet of
the A6 cards, laid out in memory while MkDocs renders the pages (see mkdocs_plugin.py).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from generator.plan.model import Plan
from generator.printing.batch import PRINT_THREADS, print_cards
from generator.printing.data import card_ids
from generator.printing.engine import Printer
from generator.printing.pdf import runbook_pdf, sheet_pdf

SITE_SHEET = "cards/all-cards-a4.pdf"  # the site's four-up sheet of the A6 cards


def offline_paths(plan: Plan) -> list[str]:
    """Where the offline copies go in a site, relative to the runbook's section: known
    before any is printed, so a site build can list them while Typst works."""
    return ["runbook.pdf", *(f"cards/{card}.pdf" for card in card_ids(plan)), SITE_SHEET]


@dataclass(frozen=True)
class PrintedCopies:
    """A site's offline copies: the files by relative path, and the warnings (Typst's
    font warnings, and the cards too long for A6, printed on a larger paper)."""

    files: dict[str, bytes]
    warnings: tuple[str, ...] = ()


def offline_copies(
    plan: Plan,
    paper: str = "a4",
    flowchart: Callable[[], str] | None = None,
    printer: Printer | None = None,
) -> PrintedCopies:
    """runbook.pdf, cards/<card>.pdf and the four-up sheet of the A6 cards
    (``offline_paths``), rendered in memory. A card too long for A6 goes on A5 or A4
    with a warning, as with ``runbook card``, so one busy role never stops a site build.
    ``flowchart`` gives the print flowchart's SVG (drawn here when None); it is asked
    for after the cards, so a chart D2 is still drawing costs no time."""
    from concurrent.futures import ThreadPoolExecutor

    printer = printer or Printer()
    book = printer.fork()

    def lay_out_runbook() -> bytes:
        svg = flowchart() if flowchart is not None else None
        return runbook_pdf(plan, paper, svg, book)

    with ThreadPoolExecutor(PRINT_THREADS, "runbook-copies") as pool:
        ids = card_ids(plan)
        printing = print_cards(plan, ids, "a6", printer, with_fit=True, pool=pool)
        # queued after the cards: it starts as the last ones do, and the chart has had
        # their time to be drawn
        runbook = pool.submit(lay_out_runbook)
        cards = dict(printing)
        printer.warnings += [card.warning for card in cards.values() if card.warning]
        on_a6 = [card for card, printed in cards.items() if printed.paper == "a6"]
        out = {"runbook.pdf": b"", **{f"cards/{c}.pdf": p.pdf for c, p in cards.items()}}
        out[SITE_SHEET] = sheet_pdf(plan, on_a6, "a4", printer, cards)  # beside the runbook
        out["runbook.pdf"] = runbook.result()
    warnings = tuple(dict.fromkeys([*printer.warnings, *book.warnings]))  # each once
    return PrintedCopies(out, warnings)
