"""Where the glyphs land and how big they are, on the four plans (tests/printing/conftest.py):
nothing leaves the page, card text is never under 8 pt, phones and addresses never
break on a card, every card is written (on a larger paper, with a warning, when it
cannot fit A6), the four-up sheet sets each card exactly as on its own, and the PDF is
tagged for screen readers."""

from __future__ import annotations

import io
import itertools
from pathlib import Path
from typing import Any, NamedTuple

import pypdf
import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c
import pytest

from generator.plan.model import Plan
from generator.plan.validate import load_valid_plan
from generator.printing.data import card_ids
from generator.printing.engine import Printer
from generator.printing.pdf import card_pdf, print_card, runbook_pdf, sheet_pdf
from tests.conftest import ROOT, TODAY
from tests.printing.conftest import FOUR


class Glyph(NamedTuple):
    page: int
    char: str
    box: tuple[float, float, float, float]  # left, bottom, right, top, in pt
    page_size: tuple[float, float]
    size: float  # the font size, in pt


def glyphs(pdf: bytes) -> list[Glyph]:
    """Every glyph of a PDF that is not white space."""
    out = []
    doc = pdfium.PdfDocument(pdf)
    for n in range(len(doc)):
        page = doc[n]
        text = page.get_textpage()
        size = page.get_size()
        for i in range(text.count_chars()):
            ch = text.get_text_range(i, 1)
            if ch.strip():
                font = pdfium_c.FPDFText_GetFontSize(text.raw, i)
                out.append(Glyph(n, ch, text.get_charbox(i), size, font))
    return out


def _outside(pdf: bytes, margin: float) -> list[str]:
    """Glyphs closer than ``margin`` pt to a page edge, or off the page."""
    bad = []
    for g in glyphs(pdf):
        left, bottom, right, top = g.box
        width, height = g.page_size
        if left < margin or bottom < margin or right > width - margin or top > height - margin:
            bad.append(f"page {g.page + 1}: {g.char!r} at x {left:.0f}-{right:.0f}, y {bottom:.0f}")
    return bad


def _runs(chars: list[Any], needle: str) -> list[list[Any]]:
    """Each occurrence of ``needle`` in the glyph stream, as its glyphs."""
    stream = "".join(c[1] for c in chars)
    out, start = [], stream.find(needle)
    while start >= 0:
        out.append(chars[start : start + len(needle)])
        start = stream.find(needle, start + 1)
    return out


def _one_line(run: list[Glyph]) -> bool:
    bottoms = [g.box[1] for g in run]
    return len({g.page for g in run}) == 1 and max(bottoms) - min(bottoms) < 3


@pytest.mark.parametrize("name", FOUR)
@pytest.mark.parametrize("paper", ["a4", "letter"])
def test_no_glyph_leaves_the_runbook_page(plans: dict[str, Plan], name: str, paper: str) -> None:
    pdf = runbook_pdf(plans[name], paper)
    assert _outside(pdf, margin=28)[:5] == []  # 10 mm of paper around everything


# the cards that cannot fit A6 at 8 pt, and the cause their warning names
FALLBACK = {
    "example": {},
    # 90-character words take several lines each (validate warns of them)
    "long-names": {c: "it has " for c in ("general", "ceo", "comms-director", "support-manager")},
    "fifteen-steps": {"support-manager": "steps across levels 1 to 5"},
    "large": {
        **{f"role-{n}": "roles to call" for n in (1, 3, 4, 5, 6, 7)},
        "role-2": "the owners of 100 accounts to tell (100 roles)",
    },
}


@pytest.mark.parametrize("name", FOUR)
def test_every_card_is_written_legible_and_whole(plans: dict[str, Plan], name: str) -> None:
    plan = plans[name]
    printer = Printer()
    fell_back = {}
    phones = {c.phone.replace(" ", "") for c in plan.contacts if c.phone}
    emails = {c.email for c in plan.contacts if c.email}
    for card in card_ids(plan):
        printed = print_card(plan, card, "a6", printer)
        found = glyphs(printed.pdf)
        assert found, card
        assert min(g.size for g in found) >= 8 - 0.01, f"{card}: text under 8 pt"
        assert _outside(printed.pdf, margin=11)[:5] == [], card  # 4 mm of paper all round
        pages = len(pypdf.PdfReader(io.BytesIO(printed.pdf)).pages)
        if printed.paper == "a6":
            assert pages == 2 and printed.warning is None, card
            body = [g.size for g in found]
            assert max(body) >= 9, f"{card}: an A6 card sets its text at 9 pt or more when it can"
        else:
            assert printed.warning is not None
            fell_back[card] = printed.warning
        stream = "".join(g.char for g in found)
        for number in (p for p in phones if p in stream):
            assert all(_one_line(r) for r in _runs(found, number)), f"{card}: {number} breaks"
        for address in (e for e in emails if e in stream):
            assert all(_one_line(r) for r in _runs(found, address)), f"{card}: {address} breaks"
    assert set(fell_back) == set(FALLBACK[name])
    for card, cause in FALLBACK[name].items():
        warning = fell_back[card]
        who = "the general card" if card == "general" else f"`{card}`"
        assert who in warning and cause in warning and "does not fit A6" in warning
        assert "to keep it on A6," in warning  # the fix


@pytest.mark.parametrize("name", ["example", "large", "fifteen-steps"])
def test_validate_foretells_the_cards_that_go_to_a_larger_paper(
    plan_files: dict[str, Path], name: str
) -> None:
    from generator.plan.validate import check_plan

    found = [
        d for d in check_plan(plan_files[name], TODAY).diagnostics if "pocket card" in d.message
    ]
    foretold = {d.message.split("`")[1]: d.message for d in found}
    assert set(foretold) == set(FALLBACK[name])
    for role, cause in FALLBACK[name].items():
        assert f"it has {cause}" in foretold[role] or cause in foretold[role]
        assert (
            "will not fit A6 even at 8 pt" in foretold[role]
            and "to keep it on A6," in foretold[role]
        )


def test_the_general_card_says_what_its_marks_and_columns_mean(plans: dict[str, Plan]) -> None:
    plan = plans["example"]
    text = " ".join(
        " ".join((p.extract_text() or "").split())
        for p in pypdf.PdfReader(io.BytesIO(card_pdf(plan, "general"))).pages
    )
    assert "! marks a crisis level" in text
    assert "Owner: call in this order" in text and "Level" in text
    first = plan.triage.questions[0]
    # the triage as separate lines: the question, then its yes, then its no
    assert f"{first.ask} Yes: level 5 No: question 2" in text


def test_a_card_leads_with_the_roles_main_job(plans: dict[str, Plan]) -> None:
    plan = plans["example"]
    for role, job in (
        ("it-security", "Accounts hacked? Rotate the logins"),
        ("comms-director", "Own the response at level 4"),
        ("support-manager", "Own the response at levels 1 to 3"),
    ):
        reader = pypdf.PdfReader(io.BytesIO(card_pdf(plan, role)))
        front = " ".join((reader.pages[0].extract_text() or "").split())
        assert front.index("Your job") < front.index(job), role
        assert "takes no part" not in front
    it_front = " ".join(
        (
            pypdf.PdfReader(io.BytesIO(card_pdf(plan, "it-security"))).pages[0].extract_text() or ""
        ).split()
    )
    assert plan.credentials.checklist[0] in it_front, "the logins' checklist is on its front"


def _checkboxes(pdf: bytes, page: int) -> list[tuple[float, float, float, float]]:
    """The checkboxes of a page: small squares drawn as paths."""
    doc = pdfium.PdfDocument(pdf)
    out = []
    for obj in doc[page].get_objects():
        if obj.type != pdfium_c.FPDF_PAGEOBJ_PATH:
            continue
        left, bottom, right, top = obj.get_bounds()
        if 4 < right - left < 12 and abs((right - left) - (top - bottom)) < 0.5:
            out.append((left, bottom, right, top))
    return out


@pytest.mark.parametrize("name", FOUR)
def test_on_the_sheet_each_checkbox_is_beside_its_action(plans: dict[str, Plan], name: str) -> None:
    plan = plans[name]
    printer = Printer()
    on_a6 = [c for c in card_ids(plan) if print_card(plan, c, "a6", printer).paper == "a6"]
    pdf = sheet_pdf(plan, on_a6, "a4", printer)
    found = glyphs(pdf)
    assert min(g.size for g in found) >= 8 - 0.01, "text under 8 pt"
    assert _outside(pdf, margin=14)[:5] == []  # 5 mm: each card's own margin, less a little
    checked = 0
    for page in range(len(pypdf.PdfReader(io.BytesIO(pdf)).pages)):
        on_page = [g for g in found if g.page == page]
        for left, bottom, right, top in _checkboxes(pdf, page):
            beside = [
                g
                for g in on_page
                if g.box[0] >= right - 0.5 and g.box[1] < top and g.box[3] > bottom
            ]
            assert beside, f"page {page + 1}: a checkbox at x {left:.0f} has no action"
            nearest = min(g.box[0] for g in beside)
            assert nearest - right < 6, (
                f"page {page + 1}: the action is {nearest - right:.0f} pt away"
            )
            checked += 1
    assert checked > 20


def test_the_sheet_sets_each_card_exactly_as_on_its_own(plans: dict[str, Plan]) -> None:
    plan = plans["example"]
    ids = card_ids(plan)[:4]
    sheet = glyphs(sheet_pdf(plan, ids, "a4", Printer()))
    for cell, card in enumerate(ids):
        alone = glyphs(card_pdf(plan, card, "a6"))
        for side in (0, 1):
            own = [g for g in alone if g.page == side]
            # fronts on page 1; backs on page 2, columns swapped for two-sided printing
            column = cell % 2 if side == 0 else 1 - cell % 2
            x0, y0 = column * 297.64, (1 - cell // 2) * 419.53 + (841.89 - 2 * 419.53) / 2
            on_sheet = [
                g
                for g in sheet
                if g.page == side and x0 <= g.box[0] < x0 + 297.64 and y0 <= g.box[1] < y0 + 419.53
            ]
            assert "".join(g.char for g in on_sheet) == "".join(g.char for g in own), card
            for a, b in itertools.islice(zip(own, on_sheet, strict=True), 0, None, 7):
                assert abs((b.box[0] - x0) - a.box[0]) < 0.6, (card, a.char)
                assert abs((b.box[1] - y0) - a.box[1]) < 0.6, (card, a.char)
                assert abs(a.size - b.size) < 0.01


def test_the_pdf_is_tagged_with_language_and_title(plans: dict[str, Plan]) -> None:
    for pdf in (runbook_pdf(plans["example"]), card_pdf(plans["example"], "cmo")):
        reader = pypdf.PdfReader(io.BytesIO(pdf))
        catalog = reader.trailer["/Root"]
        assert "/StructTreeRoot" in catalog and bool(catalog["/MarkInfo"]["/Marked"])
        assert str(catalog["/Lang"]).startswith("en")
        assert reader.metadata is not None and reader.metadata.title
        assert bool(catalog["/ViewerPreferences"]["/DisplayDocTitle"])


def test_phones_never_break_and_addresses_break_only_after_at_or_dot_in_the_runbook(
    plans: dict[str, Plan],
) -> None:
    wrapped = 0
    for name in ("example", "large"):
        plan = plans[name]
        chars = glyphs(runbook_pdf(plan))
        for contact in plan.contacts[:40]:
            if contact.phone:
                runs = _runs(chars, contact.phone.replace(" ", ""))
                assert runs, contact.phone
                assert all(_one_line(r) for r in runs), f"{contact.phone} breaks across lines"
            if contact.email:
                for run in _runs(chars, contact.email):
                    for before, after in itertools.pairwise(run):
                        if abs(before.box[1] - after.box[1]) > 6:  # a new line starts here
                            assert before.char in "@.", (
                                f"{contact.email} breaks after {before.char!r}"
                            )
                            wrapped += 1
    assert wrapped > 0, "some addresses do wrap, so where they break is really checked"


def test_a_character_the_font_lacks_is_a_warning(plans: dict[str, Plan]) -> None:
    from dataclasses import replace

    plan = plans["example"]
    odd = replace(plan, plan=replace(plan.plan, organization="Northwind 北風"))
    printer = Printer()
    runbook_pdf(odd, printer=printer)
    assert any("U+5317" in w and "Northwind 北風" in w for w in printer.warnings)
    clean = Printer()
    runbook_pdf(plan, printer=clean)
    assert clean.warnings == [], "the example's every character is in the bundled font"


def test_the_guess_that_a_card_is_short_counts_the_card_not_the_catalog(
    plans: dict[str, Plan],
) -> None:
    """A short card is laid out once, at the largest size, without measuring; the words
    of the catalog that travel with every card's data must not make every card look
    long (in any language), or every card is measured and printing slows down."""
    from generator.printing.data import card_data
    from generator.printing.pdf import short_card

    plan = plans["example"]
    data = {card: card_data(plan, card) for card in card_ids(plan)}
    short = {card for card, d in data.items() if short_card(d, "a6")}
    assert short - {"general"}, "no role card of the example is guessed short on A6"
    assert short != set(data), "every card of the example is guessed short on A6"
    padded = {k: {**d, "words": {"x": "word " * 2000}} for k, d in data.items()}
    assert {card for card, d in padded.items() if short_card(d, "a6")} == short


GUESS_PLANS = ["german/plan.yaml", "city.yaml", "university.yaml", "contract.yaml"]


@pytest.mark.parametrize("source", ["example", "fifteen-steps", *GUESS_PLANS])
def test_a_guessed_card_is_the_card_measuring_would_print(
    plans: dict[str, Plan], source: str
) -> None:
    """A card guessed short is laid out at the largest size without measuring; when it
    fits its two sides so, the PDF is byte for byte the one measuring finds (the guess
    saves time, never changes a card). And the guess is right for most cards it makes,
    or it costs more than it saves."""
    from generator.printing.data import card_data
    from generator.printing.pdf import short_card

    plan = (
        plans[source] if source in plans else load_valid_plan(ROOT / "tests/data" / source, TODAY)
    )
    printer = Printer()
    right = wrong = 0
    for card in card_ids(plan):
        data = {**card_data(plan, card), "papers": ["a6", "a5", "a4"]}
        if not short_card(data, "a6"):
            continue
        day = plan.plan.last_reviewed
        guessed, pages = printer.pdf("card.typ", {**data, "guess": True}, day)
        if pages != 2:
            wrong += 1
            continue
        right += 1
        measured, _ = printer.pdf("card.typ", {**data, "guess": False}, day)
        assert guessed == measured, f"{card}: the guess printed another card"
    assert right > 0
    assert wrong <= right, f"{wrong} of {right + wrong} guesses ran on"
