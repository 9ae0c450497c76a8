"""Many cards at once: laid out on a thread per core, each card with its own printer fork,
and handed back in order, so the output and the warnings do not depend on which thread
finished first."""

from __future__ import annotations

import os
from collections.abc import Iterator
from concurrent.futures import Executor, Future

from generator.plan.model import Plan
from generator.printing.engine import Printer
from generator.printing.pdf import PrintedCard, print_card

PRINT_THREADS = max(1, min(4, os.cpu_count() or 1))  # Typst lets go of the GIL as it lays out


def print_cards(
    plan: Plan,
    card_list: list[str],
    paper: str,
    printer: Printer,
    with_fit: bool = False,
    pool: Executor | None = None,
) -> Iterator[tuple[str, PrintedCard]]:
    """Each card of ``card_list`` (see ``print_card``), in that order, laid out on
    ``PRINT_THREADS`` threads (or ``pool``'s, which gets every card before this returns).
    The printer's warnings (a character the font lacks) come in the cards' order."""
    from concurrent.futures import ThreadPoolExecutor

    def one(card: str) -> tuple[PrintedCard, Printer]:
        fork = printer.fork()
        return print_card(plan, card, paper, fork, with_fit), fork

    own = ThreadPoolExecutor(PRINT_THREADS, "runbook-card") if pool is None else None
    executor = own or pool
    assert executor is not None
    jobs = [executor.submit(one, card) for card in card_list]
    return _in_order(card_list, jobs, printer, own)


def _in_order(
    card_list: list[str],
    jobs: list[Future[tuple[PrintedCard, Printer]]],
    printer: Printer,
    own: Executor | None,
) -> Iterator[tuple[str, PrintedCard]]:
    """The cards as their jobs finish, in order; then ``own``, the pool made for them, ends."""
    try:
        for card, job in zip(card_list, jobs, strict=True):
            printed, fork = job.result()
            printer.adopt(fork)
            yield card, printed
    finally:
        if own is not None:
            own.shutdown(cancel_futures=True)
