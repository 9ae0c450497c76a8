"""The offline copies of each plan of a folder site, printed on a bounded pool of
threads: one Typst compiler per thread, reused from plan to plan."""

from __future__ import annotations

import threading

from generator.plan.model import Plan
from generator.printing.copies import PrintedCopies, offline_copies
from generator.printing.engine import Printer
from generator.shared.flowchart import draw_flowchart

_LOCAL = threading.local()


def print_plan_copies(plan: Plan, font_paths: tuple[str, ...], font_hint: str) -> PrintedCopies:
    """runbook.pdf and the cards of one plan (``offline_paths``), with the print
    flowchart drawn here; this thread's compiler is reused for the next plan."""
    base: Printer | None = getattr(_LOCAL, "printer", None)
    if base is None or base.font_paths != font_paths:
        base = Printer(font_paths, font_hint=font_hint)
        _LOCAL.printer = base
    printer = base.fork()  # the same fonts and compilers; this plan's own warnings
    return offline_copies(plan, "a4", lambda: draw_flowchart(plan, for_print=True), printer)
