"""The desks Typst prints at (generator/printing/desks.py): a compiler reused from
document to document must read each document's own data, in a query as in the PDF,
after a failure too, on several threads at once; its folder goes with the printer, and
a folder that cannot be written is a clear error."""

from __future__ import annotations

import gc
import tempfile
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from generator.errors import UsageError
from generator.plan.model import Plan
from generator.printing.data import card_data, card_ids
from generator.printing.engine import Printer, PrintError
from generator.printing.pdf import PrintedCard, print_card, runbook_pdf

FIT = "fit"


def _alone(plan: Plan, card: str) -> PrintedCard:
    """A card printed by a printer of its own: nothing reused."""
    return print_card(plan, card, "a6", Printer(), with_fit=True)


def test_one_desk_prints_each_card_from_its_own_data(plans: dict[str, Plan]) -> None:
    plan = plans["example"]
    printer = Printer()
    for card in card_ids(plan):  # one after another: always the same desk
        again = print_card(plan, card, "a6", printer, with_fit=True)
        alone = _alone(plan, card)
        assert (again.pdf, again.fit) == (alone.pdf, alone.fit), card
    assert len({str(_alone(plan, c).fit) for c in card_ids(plan)}) > 2  # they differ


def test_a_failed_document_leaves_the_desk_reading_the_next_one(plans: dict[str, Plan]) -> None:
    plan = plans["example"]
    printer = Printer()
    card = next(c for c in card_ids(plan) if c != "general")
    broken = {**card_data(plan, card), "papers": ["a6"], "guess": False}
    del broken["calls"]  # the template reads it: Typst stops with an error
    with pytest.raises(PrintError, match=r"card\.typ failed"):
        printer.pdf_and_value("card.typ", broken, plan.plan.last_reviewed, label=FIT)
    after, alone = print_card(plan, card, "a6", printer, with_fit=True), _alone(plan, card)
    assert (after.pdf, after.fit) == (alone.pdf, alone.fit)


def test_documents_printed_at_once_each_get_a_desk(plans: dict[str, Plan]) -> None:
    plan = plans["example"]
    printer = Printer()
    cards = card_ids(plan) * 2
    with ThreadPoolExecutor(4) as pool:
        printed = list(pool.map(lambda c: print_card(plan, c, "a6", printer.fork(), True), cards))
    for card, got in zip(cards, printed, strict=True):
        alone = _alone(plan, card)
        assert (got.pdf, got.fit) == (alone.pdf, alone.fit), card


def test_the_runbook_and_a_card_share_a_desk_without_mixing(plans: dict[str, Plan]) -> None:
    plan = plans["example"]
    printer = Printer()
    first = runbook_pdf(plan, "a4", None, printer)
    card = print_card(plan, "general", "a6", printer, with_fit=True)
    assert runbook_pdf(plan, "a4", None, printer) == first == runbook_pdf(plan, "a4")
    assert card.pdf == _alone(plan, "general").pdf


def test_the_desks_folder_goes_with_its_printer(plans: dict[str, Plan]) -> None:
    printer = Printer()
    print_card(plans["example"], "general", "a6", printer)
    folder = printer._shared.desks._root
    assert folder is not None and (folder / "1" / "data.json").is_file()
    del printer
    gc.collect()
    assert not folder.exists()


def test_a_temporary_folder_that_cannot_be_written_is_a_usage_error(
    plans: dict[str, Plan], monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    blocked = tmp_path / "a-file"
    blocked.write_text("not a folder")
    monkeypatch.setattr(tempfile, "tempdir", str(blocked))
    with pytest.raises(UsageError, match="set TMPDIR to a folder you can write to"):
        print_card(plans["example"], "general", "a6", Printer())


def test_no_usable_temporary_folder_is_a_usage_error(
    plans: dict[str, Plan], monkeypatch: pytest.MonkeyPatch
) -> None:
    def nowhere(*args: object, **kwargs: object) -> str:
        raise FileNotFoundError(2, "No usable temporary directory found in ['/tmp']")

    monkeypatch.setattr(tempfile, "mkdtemp", nowhere)
    monkeypatch.setattr(tempfile, "gettempdir", nowhere)
    with pytest.raises(UsageError, match=r"in the temporary folder .*set TMPDIR"):
        print_card(plans["example"], "general", "a6", Printer())
