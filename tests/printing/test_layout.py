"""Where the glyphs land: nothing leaves the page, phones never break, addresses break
only after "@" or ".", on the example, the large benchmark plan and a plan of
90-character one-word names; and the PDF is tagged for screen readers."""

from __future__ import annotations

import io
import itertools
import sys
from pathlib import Path
from typing import Any

import pypdf
import pypdfium2 as pdfium
import pytest
import yaml

from generator.plan.loader import parse_plan_text
from generator.plan.model import Plan
from generator.plan.validate import load_valid_plan
from generator.printing.data import card_ids
from generator.printing.engine import Printer
from generator.printing.pdf import CardTooLong, card_pdf, runbook_pdf
from tests.conftest import EXAMPLE, ROOT, TODAY

LONG = "Z" + "x" * 89  # one word of 90 characters


def _large_plan(tmp: Path) -> Path:
    sys.path.insert(0, str(ROOT / "benchmarks"))
    try:
        from large_plan import write_large_plan
    finally:
        sys.path.remove(str(ROOT / "benchmarks"))
    return Path(write_large_plan(tmp / "large.yaml"))


def _long_names_plan(tmp: Path) -> Path:
    data = parse_plan_text(EXAMPLE.read_text(), "example.yaml").data  # YAML 1.2: "yes" stays
    for role in data["roles"]:
        role["title"] = LONG
    for contact in data["contacts"][:3]:
        contact["name"] = LONG
    data["severity_levels"][0]["name"] = LONG
    path = tmp / "long.yaml"
    path.write_text(yaml.safe_dump(data, sort_keys=False, allow_unicode=True))
    return path


@pytest.fixture(scope="module")
def plans(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Plan]:
    tmp = tmp_path_factory.mktemp("plans")
    return {
        "example": load_valid_plan(EXAMPLE, TODAY),
        "large": load_valid_plan(_large_plan(tmp), TODAY),
        "long-names": load_valid_plan(_long_names_plan(tmp), TODAY),
    }


def _chars(pdf: bytes) -> list[tuple[int, str, tuple[float, float, float, float], Any]]:
    """(page, character, box, page size) for every glyph of a PDF."""
    out = []
    doc = pdfium.PdfDocument(pdf)
    for n in range(len(doc)):
        page = doc[n]
        text = page.get_textpage()
        size = page.get_size()
        for i in range(text.count_chars()):
            ch = text.get_text_range(i, 1)
            if ch.strip():
                out.append((n, ch, text.get_charbox(i), size))
    return out


def _outside(pdf: bytes, margin: float) -> list[str]:
    """Glyphs closer than ``margin`` pt to a page edge, or off the page."""
    bad = []
    for n, ch, (left, bottom, right, top), (width, height) in _chars(pdf):
        if left < margin or bottom < margin or right > width - margin or top > height - margin:
            bad.append(f"page {n + 1}: {ch!r} at x {left:.0f}-{right:.0f}, y {bottom:.0f}")
    return bad


@pytest.mark.parametrize("name", ["example", "large", "long-names"])
@pytest.mark.parametrize("paper", ["a4", "letter"])
def test_no_glyph_leaves_the_runbook_page(plans: dict[str, Plan], name: str, paper: str) -> None:
    pdf = runbook_pdf(plans[name], paper)
    assert _outside(pdf, margin=28)[:5] == []  # 10 mm of paper around everything


@pytest.mark.parametrize("name", ["example", "long-names"])
def test_no_glyph_leaves_a_card(plans: dict[str, Plan], name: str) -> None:
    plan = plans[name]
    printer = Printer()
    laid_out = 0
    for card in card_ids(plan):
        try:
            pdf = card_pdf(plan, card, "a6", printer)
        except CardTooLong as exc:  # refused with a message: nothing is cut off either
            assert "shorten" in str(exc)
            continue
        laid_out += 1
        assert _outside(pdf, margin=11)[:5] == [], card  # 4 mm on a 105 x 148 mm card
    assert laid_out >= len(card_ids(plan)) // 2


def _runs(chars: list[Any], needle: str) -> list[list[Any]]:
    """Each occurrence of ``needle`` in the glyph stream, as its glyphs."""
    stream = "".join(c[1] for c in chars)
    out, start = [], stream.find(needle)
    while start >= 0:
        out.append(chars[start : start + len(needle)])
        start = stream.find(needle, start + 1)
    return out


def test_phones_never_break_and_addresses_break_only_after_at_or_dot(
    plans: dict[str, Plan],
) -> None:
    wrapped = 0
    for name in ("example", "large"):
        plan = plans[name]
        chars = _chars(runbook_pdf(plan))
        for contact in plan.contacts[:40]:
            if contact.phone:
                phone = contact.phone.replace(" ", "")
                runs = _runs(chars, phone)
                assert runs, contact.phone
                for run in runs:
                    bottoms = [c[2][1] for c in run]
                    assert max(bottoms) - min(bottoms) < 4, f"{contact.phone} breaks across lines"
            if contact.email:
                for run in _runs(chars, contact.email):
                    for before, after in itertools.pairwise(run):
                        if abs(before[2][1] - after[2][1]) > 6:  # a new line starts here
                            assert before[1] in "@.", f"{contact.email} breaks after {before[1]!r}"
                            wrapped += 1
    assert wrapped > 0, "some addresses do wrap, so where they break is really checked"


def test_the_pdf_is_tagged_with_language_and_title(plans: dict[str, Plan]) -> None:
    for pdf in (runbook_pdf(plans["example"]), card_pdf(plans["example"], "cmo")):
        reader = pypdf.PdfReader(io.BytesIO(pdf))
        catalog = reader.trailer["/Root"]
        assert "/StructTreeRoot" in catalog and bool(catalog["/MarkInfo"]["/Marked"])
        assert str(catalog["/Lang"]).startswith("en")
        assert reader.metadata is not None and reader.metadata.title
        assert bool(catalog["/ViewerPreferences"]["/DisplayDocTitle"])


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
