"""Offline copies: the runbook PDF and the pocket cards, read back with pypdf and pdfium."""

from __future__ import annotations

import io
import re
from collections import deque
from pathlib import Path
from typing import Any

import pypdf
import pypdfium2 as pdfium
import pytest
from click.testing import CliRunner

from generator.cli import main
from generator.plan.validate import load_valid_plan
from generator.printing.data import chapters
from generator.printing.engine import Printer
from generator.printing.pdf import (
    card_ids,
    card_pdf,
    flowchart_layout,
    runbook_pdf,
    sheet_pdf,
)
from tests.conftest import EXAMPLE, MINIMAL, TODAY, edited

PLAN = load_valid_plan(EXAMPLE, TODAY)


@pytest.fixture(scope="module")
def runbook() -> bytes:
    return runbook_pdf(PLAN)


@pytest.fixture(scope="module")
def reader(runbook: bytes) -> pypdf.PdfReader:
    return pypdf.PdfReader(io.BytesIO(runbook))


@pytest.fixture(scope="module")
def page_texts(reader: pypdf.PdfReader) -> list[str]:
    return [" ".join((p.extract_text() or "").split()) for p in reader.pages]


@pytest.fixture(scope="module")
def cards() -> dict[str, bytes]:
    return {c: card_pdf(PLAN, c) for c in card_ids(PLAN)}


def flat(text: str) -> str:
    return " ".join(text.split())


def test_every_heading_phone_and_step_is_in_the_text(page_texts: list[str]) -> None:
    text = " ".join(page_texts)
    for _, title in chapters(PLAN):
        assert title in text, title
    squeezed = "".join(text.split())
    for contact in PLAN.contacts:
        assert contact.phone or contact.email or contact.url, contact.name
        assert not contact.phone or contact.phone in text, contact.name
        assert not contact.email or contact.email in text, contact.name
        assert not contact.url or contact.url in squeezed, contact.name
    steps = [a for lv in PLAN.severity_levels for a in lv.actions]
    steps += list(PLAN.credentials.checklist) + list(PLAN.internal_comms.protocol)
    for step in steps:
        assert flat(step) in text, step


def test_cover_contents_and_page_numbers(page_texts: list[str]) -> None:
    n = len(page_texts)
    assert 12 <= n <= 30
    assert "Social Media Crisis Runbook" in page_texts[0] and "Version 2026.11" in page_texts[0]
    assert (
        page_texts[1].startswith(("Internal - do not forward", "Contents"))
        and "Contents" in page_texts[1]
    )
    for i, text in enumerate(page_texts, 1):
        assert f"Page {i} of {n}" in text, i
        assert "Internal - do not forward" in text and "Version 2026.11" in text, i
    # the table of contents gives each chapter's real page
    toc = page_texts[1]
    for _, title in chapters(PLAN):
        m = re.search(re.escape(title) + r"[\s.]*?(\d+)", toc)
        assert m, title
        assert title in page_texts[int(m.group(1)) - 1], title


def test_each_level_starts_a_new_page(page_texts: list[str]) -> None:
    for lv in PLAN.severity_levels:
        heading = f"Level {lv.level}: {lv.name}"
        # the running header comes first in the extracted text, then the level's heading
        header = "Internal - do not forward Social Media Crisis Runbook "
        assert any(t.removeprefix(header).startswith(heading) for t in page_texts), heading


def test_bookmarks(reader: pypdf.PdfReader) -> None:
    titles = [item.title for item in reader.outline if not isinstance(item, list)]
    for _, title in chapters(PLAN):
        assert title in titles, title


def test_fonts_are_embedded(reader: pypdf.PdfReader) -> None:
    seen = 0
    for page in reader.pages:
        fonts = page["/Resources"].get("/Font", {})
        for ref in fonts.values():
            font = ref.get_object()
            descriptor = (
                font.get("/FontDescriptor")
                or font["/DescendantFonts"][0].get_object()["/FontDescriptor"]
            )
            descriptor = descriptor.get_object()
            assert any(k in descriptor for k in ("/FontFile", "/FontFile2", "/FontFile3")), font
            seen += 1
    assert seen > 0


def render(pdf: bytes, index: int) -> Any:
    return pdfium.PdfDocument(pdf)[index].render(scale=2).to_pil().convert("RGB")


def count_boxes(image: Any) -> int:
    """Hollow dark squares about 2.7 mm wide: the drawn checkboxes."""
    w, h = image.size
    px = image.load()
    red = {
        (x, y)
        for y in range(h)
        for x in range(w)
        if (lambda r, g, b: r < 90 and g < 90 and b < 90)(*px[x, y])
    }
    boxes = 0
    while red:
        start = red.pop()
        queue, part = deque([start]), [start]
        while queue:
            x, y = queue.popleft()
            for n in ((x + 1, y), (x - 1, y), (x, y + 1), (x, y - 1)):
                if n in red:
                    red.remove(n)
                    queue.append(n)
                    part.append(n)
        xs, ys = [p[0] for p in part], [p[1] for p in part]
        bw, bh = max(xs) - min(xs) + 1, max(ys) - min(ys) + 1
        corners = {(min(xs), min(ys)), (max(xs), min(ys)), (min(xs), max(ys)), (max(xs), max(ys))}
        square = 12 <= bw <= 24 and abs(bw - bh) <= 2 and len(part) < 0.6 * bw * bh
        if square and corners <= set(part):  # a drawn box, not a round letter
            boxes += 1
    return boxes


def test_checkboxes_are_drawn(runbook: bytes, page_texts: list[str]) -> None:
    index = next(
        i for i, t in enumerate(page_texts) if "Level 1: Customer question" in t and "Actions" in t
    )
    assert count_boxes(render(runbook, index)) == len(PLAN.level(1).actions)


def test_flowchart_is_drawn_as_vectors_with_labels_of_8_pt(
    runbook: bytes, page_texts: list[str]
) -> None:
    index = next(
        i for i, t in enumerate(page_texts) if "Severity flowchart" in t and "The questions" in t
    )
    image = render(runbook, index)
    colours = image.getcolors(maxcolors=1_000_000)
    crisis = sum(n for n, c in colours if c == (0xFD, 0xE2, 0xE1))
    assert crisis > 5_000  # the crisis-level boxes, in their colour
    page = pypdf.PdfReader(io.BytesIO(runbook)).pages[index]
    xobjects = page["/Resources"].get("/XObject", {})
    subtypes = {x.get_object().get("/Subtype") for x in xobjects.values()}
    assert "/Image" not in subtypes  # vectors, no bitmap
    # the chart is placed at the width that makes D2's 22-unit labels at least 8 pt
    from generator.shared.flowchart import draw_flowchart

    svg = draw_flowchart(PLAN, for_print=True)
    layout = flowchart_layout(svg, "a4")
    from generator.shared.flowchart import svg_size

    svg_width = svg_size(svg)[0]
    assert 22 * float(layout["width"]) / svg_width >= 8
    # and on the page: every label of the chart, nodes and yes/no, is at least 8 pt
    pdf_page = pdfium.PdfDocument(runbook)[index]
    objects = list(pdf_page.get_objects())
    chart = max(
        (o.get_bounds() for o in objects if o.type == pdfium.raw.FPDF_PAGEOBJ_PATH),
        key=lambda b: (b[2] - b[0]) * (b[3] - b[1]),
    )
    assert abs((chart[2] - chart[0]) - float(layout["width"])) < 20
    textpage = pdf_page.get_textpage()
    sizes = []
    for o in objects:
        if o.type != pdfium.raw.FPDF_PAGEOBJ_TEXT:
            continue
        left, bottom, right, top = o.get_bounds()
        inside = chart[0] <= left and right <= chart[2] and chart[1] <= bottom and top <= chart[3]
        if inside and textpage.get_text_bounded(left, bottom, right, top).strip():
            m = o.get_matrix().get()
            sizes.append(o.get_font_size() * abs(m[0] * m[3] - m[1] * m[2]) ** 0.5)
    assert len(sizes) > 20 and min(sizes) >= 7.95, sorted(sizes)[:5]


def test_flowchart_layout_keeps_labels_legible_on_a4_and_letter() -> None:
    for paper in ("a4", "letter"):
        for w, h in ((1365, 1079), (2400, 900), (900, 2400)):
            svg = f'<svg viewBox="0 0 {w} {h}">'
            layout = flowchart_layout(svg, paper)
            assert 22 * float(layout["width"]) / w >= 8 or layout["landscape"], (paper, w, h)


def test_same_plan_gives_identical_pdfs(runbook: bytes, cards: dict[str, bytes]) -> None:
    assert runbook_pdf(PLAN) == runbook
    assert card_pdf(PLAN, "cmo") == cards["cmo"]
    info = pypdf.PdfReader(io.BytesIO(runbook)).metadata
    assert info is not None and info["/CreationDate"].startswith("D:20261101")


def test_the_classification_is_in_every_printed_pdfs_metadata(
    runbook: bytes, cards: dict[str, bytes]
) -> None:
    from generator.printing.drill import drill_kit
    from generator.printing.output import is_runbook_pdf

    printer = Printer()
    printed = {
        "runbook": runbook,
        **cards,
        "sheet": sheet_pdf(PLAN, card_ids(PLAN)[:4], "a4", printer),
        "drill": printer.pdf("drill.typ", drill_kit(PLAN, 3, 3, 45), PLAN.plan.last_reviewed)[0],
    }
    assert PLAN.plan.classification == "Internal - do not forward"
    for name, pdf in printed.items():
        reader = pypdf.PdfReader(io.BytesIO(pdf))
        assert reader.metadata is not None and reader.xmp_metadata is not None
        # the document information's subject and the XMP description, which viewers show
        assert reader.metadata["/Subject"] == PLAN.plan.classification, name
        assert reader.xmp_metadata.dc_description == {"x-default": PLAN.plan.classification}
        assert is_runbook_pdf(pdf), f"{name}: the keyword still marks it as runbook's"
    unclassified = load_valid_plan(MINIMAL, TODAY)
    card = pypdf.PdfReader(io.BytesIO(card_pdf(unclassified, "general")))
    assert card.metadata is not None and "/Subject" not in card.metadata


def test_every_card_is_an_a6_front_and_back_with_its_calls(cards: dict[str, bytes]) -> None:
    assert set(cards) == {"general", *(r.id for r in PLAN.roles)}
    for card, pdf in cards.items():
        reader = pypdf.PdfReader(io.BytesIO(pdf))
        assert len(reader.pages) == 2, card
        box = reader.pages[0].mediabox
        assert (round(float(box.width)), round(float(box.height))) == (298, 420), card  # A6
    cmo = flat(
        " ".join(p.extract_text() or "" for p in pypdf.PdfReader(io.BytesIO(cards["cmo"])).pages)
    )
    assert "Chief Marketing Officer" in cmo
    assert "Thresholds that notify you" in cmo and "activate-plan" in cmo
    assert "Communications Director (L4 owner)" in cmo and "+1 555 010 0101" in cmo
    general = flat(pypdf.PdfReader(io.BytesIO(cards["general"])).pages[0].extract_text() or "")
    for lv in PLAN.severity_levels:
        assert lv.name in general
        assert PLAN.primary_contact(lv.accountable).phone in general
    # the vault administrators' card carries the rotation steps and whom to tell
    admin = PLAN.credentials.access_admins[0]
    vault = flat(
        " ".join(p.extract_text() or "" for p in pypdf.PdfReader(io.BytesIO(cards[admin])).pages)
    )
    assert "Accounts hacked? You rotate the logins" in vault
    for step in PLAN.credentials.checklist:
        assert flat(step) in vault, step
    # on a card, phones come before emails
    first = PLAN.contact(PLAN.role("cmo").contacts[0])
    assert first.phone and first.email and cmo.index(first.phone) < cmo.index(first.email)


def test_cards_four_to_a_sheet(tmp_path: Path) -> None:
    ids = card_ids(PLAN)
    printer = Printer()
    for sheet, width in (("a4", 595), ("letter", 612)):
        reader = pypdf.PdfReader(io.BytesIO(sheet_pdf(PLAN, ids, sheet, printer)))
        assert len(reader.pages) == 2 * -(-len(ids) // 4)  # fronts and backs
        assert round(float(reader.pages[0].mediabox.width)) == width
        fronts = flat(reader.pages[0].extract_text() or "")
        for card in ids[:4]:
            title = "Crisis pocket card" if card == "general" else PLAN.role(card).title
            assert title in fronts, card
    result = CliRunner().invoke(
        main, ["card", "--plan", str(EXAMPLE), "--all", "--sheet", "a4", "-o", str(tmp_path / "c")]
    )
    assert result.exit_code == 0, result.output
    assert (tmp_path / "c" / "all-cards-a4.pdf").is_file()


def test_a_full_sheet_card_is_one_sheet() -> None:
    for paper, width in (("a4", 595), ("letter", 612)):
        reader = pypdf.PdfReader(io.BytesIO(card_pdf(PLAN, "comms-director", paper)))
        assert len(reader.pages) <= 2 and round(float(reader.pages[0].mediabox.width)) == width


def test_a_card_too_long_for_a6_goes_on_a5_with_a_warning_in_card_and_build(
    tmp_path: Path,
) -> None:
    long_actions = ", ".join(
        f"Step {i} of a very long procedure that someone wrote out in full" for i in range(60)
    )
    plan_file = tmp_path / "p.yaml"
    plan_file.write_text(
        edited(
            ("    actions: [Start the plan.]", f"    actions: [{long_actions}]"),
            ("    mfa: hardware-key", "    mfa: sms"),
        )
    )
    out = tmp_path / "cards"
    result = CliRunner().invoke(main, ["card", "--plan", str(plan_file), "--all", "-o", str(out)])
    assert result.exit_code == 0, result.output
    warning = (
        "runbook: warning: the card of role `lead` (Comms Lead) does not fit A6 even at "
        "8 pt, so it is printed on A5: it has 60 steps across level 3; to keep it on A6, "
        "shorten those levels' actions, or move the detail to a linked checklist"
    )
    assert warning in result.output
    written = sorted(p.name for p in out.iterdir())
    assert written == ["agent.pdf", "general.pdf", "lead.pdf"], "every card is written"
    lead = pypdf.PdfReader(out / "lead.pdf")
    assert round(float(lead.pages[0].mediabox.width)) == 420  # A5
    built = CliRunner().invoke(
        main, ["build", "--plan", str(plan_file), "--site-dir", str(tmp_path / "site")]
    )
    assert built.exit_code == 0, built.output
    assert warning in built.output, "build says it too"
    # and the plan's warnings, as `runbook validate` prints them
    validated = CliRunner().invoke(main, ["validate", str(plan_file)])
    sms = next(line for line in validated.output.splitlines() if "SMS codes" in line)
    assert sms.startswith(f"{plan_file}:") and sms in built.output
    assert (tmp_path / "site" / "cards" / "lead.pdf").is_file()


def test_pdf_and_card_commands(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    runner = CliRunner()
    result = runner.invoke(main, ["pdf", "--plan", str(MINIMAL), "--paper", "letter"])
    assert result.exit_code == 0, result.output
    page = pypdf.PdfReader("runbook.pdf").pages[0]
    assert round(float(page.mediabox.width)) == 612  # US letter, in points
    result = runner.invoke(main, ["card", "--plan", str(MINIMAL), "--role", "lead"])
    assert result.exit_code == 0 and Path("card-lead.pdf").exists()
    result = runner.invoke(main, ["card", "--plan", str(MINIMAL), "--all", "-o", "pocket"])
    assert result.exit_code == 0 and result.output.startswith("Wrote 3 cards to pocket/ (")
    assert sorted(p.name for p in Path("pocket").iterdir()) == [
        "agent.pdf",
        "general.pdf",
        "lead.pdf",
    ]
    result = runner.invoke(main, ["card", "--plan", str(MINIMAL), "--role", "laed"])
    assert result.exit_code == 2 and "did you mean `lead`" in result.output
    result = runner.invoke(main, ["card", "--plan", str(MINIMAL)])
    assert result.exit_code == 2 and "choose one of" in result.output


def test_invalid_plan_writes_no_pdf(tmp_path: Path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text(edited(("    accountable: lead\n", "    accountable: x\n")))
    result = CliRunner().invoke(main, ["pdf", "--plan", str(bad), "-o", str(tmp_path / "o.pdf")])
    assert result.exit_code == 1 and "no role has the id `x`" in result.output
    assert not (tmp_path / "o.pdf").exists()


def test_site_build_links_the_offline_copies(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from tests.conftest import ROOT

    monkeypatch.setenv("NO_MKDOCS_2_WARNING", "1")
    site = tmp_path / "site"
    result = CliRunner().invoke(
        main,
        [
            "build",
            "--config",
            str(ROOT / "mkdocs.yml"),
            "--plan",
            str(MINIMAL),
            "--site-dir",
            str(site),
        ],
    )
    assert result.exit_code == 0, result.output
    assert 'href="offline.html"' in (site / "index.html").read_text()
    offline = (site / "offline.html").read_text()
    assert 'href="runbook.pdf"' in offline and 'href="cards/agent.pdf"' in offline
    # printed on a thread while MkDocs renders: the very bytes `runbook pdf` and `card` give
    plan = load_valid_plan(MINIMAL)
    assert (site / "runbook.pdf").read_bytes() == runbook_pdf(plan)
    for card in card_ids(plan):
        assert (site / "cards" / f"{card}.pdf").read_bytes() == card_pdf(plan, card), card
    # the four-up sheet, linked, as `runbook card --all --sheet a4` writes it
    assert 'href="cards/all-cards-a4.pdf"' in offline
    sheet = sheet_pdf(plan, card_ids(plan), "a4", Printer())
    assert (site / "cards" / "all-cards-a4.pdf").read_bytes() == sheet


def test_a_failed_print_fails_the_site_build_and_keeps_the_old_site(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from generator.printing import copies
    from generator.printing.engine import PrintError
    from tests.conftest import ROOT

    def broken(*_args: Any, **_kwargs: Any) -> dict[str, bytes]:
        raise PrintError("the print template runbook.typ failed: boom; this is a bug")

    monkeypatch.setenv("NO_MKDOCS_2_WARNING", "1")
    monkeypatch.setattr(copies, "offline_copies", broken)
    site = tmp_path / "site"
    args = ["build", "--config", str(ROOT / "mkdocs.yml"), "--plan", str(MINIMAL)]
    assert (
        CliRunner().invoke(main, [*args, "--no-offline-copies", "--site-dir", str(site)]).exit_code
        == 0
    )
    before = sorted(p.relative_to(site) for p in site.rglob("*"))
    result = CliRunner().invoke(main, [*args, "--site-dir", str(site)])
    assert result.exit_code == 3 and "runbook.typ failed: boom" in result.output
    assert "Traceback" not in result.output
    assert sorted(p.relative_to(site) for p in site.rglob("*")) == before


def test_no_checklist_item_or_table_row_is_split_across_pages(tmp_path: Path) -> None:
    steps = [
        f"Step {i}: call the duty manager, read back the incident summary, agree who posts the "
        f"next update and when, write it down in the incident log, and confirm by chat ({i})"
        for i in range(60)
    ]
    contacts = "".join(
        f"  - id: person-{i}\n    name: Person number {i} with a long name\n"
        f'    phone: "+1 555 {i:03d} 0000"\n    email: person{i}@acme.example\n    chat: "@p{i}"\n'
        for i in range(80)
    )
    plan_file = tmp_path / "p.yaml"
    plan_file.write_text(
        edited(
            (
                "    actions: [Start the plan.]",
                "    actions:\n" + "".join(f'      - "{s}"\n' for s in steps),
            ),
            ("roles:\n", contacts + "roles:\n"),
        )
    )
    plan = load_valid_plan(plan_file, TODAY)
    texts = [
        flat(p.extract_text() or "") for p in pypdf.PdfReader(io.BytesIO(runbook_pdf(plan))).pages
    ]
    solid = ["".join(t.split()) for t in texts]  # a cell's text may wrap within the row
    pages_with_steps = {i for i, t in enumerate(texts) for s in steps if s in t}
    assert len(pages_with_steps) > 1  # the checklist does cross pages
    for step in steps:
        assert any(step in t for t in texts), f"split across pages: {step[:30]}"
    contact_pages = set()
    for i in range(80):
        row = f"Personnumber{i}withalongname+1555{i:03d}0000person{i}@acme.example"
        found = [n for n, t in enumerate(solid) if row in t]
        assert found, f"contact row {i} split across pages"
        contact_pages.update(found)
    assert len(contact_pages) > 1  # the table does cross pages


def test_cover_gives_the_pages_of_the_flowchart_and_credentials(page_texts: list[str]) -> None:
    cover = page_texts[0]
    flow = re.search(r"the flowchart: page (\d+)", cover)
    creds = re.search(r"credentials checklists \(page (\d+)\)", cover)
    assert flow and creds, cover
    assert "Severity flowchart" in page_texts[int(flow.group(1)) - 1]
    assert "Credentials" in page_texts[int(creds.group(1)) - 1]
    assert "Every login is in" in page_texts[int(creds.group(1)) - 1]


def test_the_cover_says_how_to_find_the_level_and_whom_to_call(page_texts: list[str]) -> None:
    cover = page_texts[0]
    for i, q in enumerate(PLAN.triage.questions, 1):
        assert f"{i}. {flat(q.ask)}" in cover, q.id
    for lv in PLAN.severity_levels:
        owner = PLAN.role(lv.accountable)
        first, then = (PLAN.contact(c) for c in owner.contacts[:2])
        # the level, its owner, the owner's first two numbers in call order, its page
        row = re.search(
            re.escape(f"{lv.level} ")
            + r"(! )?"
            + re.escape(f"{lv.name} {owner.title} ")
            + re.escape(f"{first.name} {first.phone} {then.name} {then.phone} ")
            + r"(\d+)",
            cover,
        )
        assert row, lv.level
        assert f"Level {lv.level}: {lv.name}" in page_texts[int(row.group(2)) - 1]


def test_each_level_box_of_the_flowchart_gives_the_owners_phone_and_page(
    page_texts: list[str],
) -> None:
    chart = next(t for t in page_texts if "Severity flowchart" in t and "The questions" in t)
    for lv in PLAN.severity_levels:
        owner = PLAN.primary_contact(lv.accountable)
        box = re.search(
            re.escape(f"Level {lv.level}: ")
            + r"[^~]*?"
            + re.escape(f"Call {owner.name} {owner.phone} · p. ")
            + r"(\d+)",
            chart,
        )
        assert box, lv.level
        assert f"Level {lv.level}: {lv.name}" in page_texts[int(box.group(1)) - 1]
    assert "~" not in chart, "every page mark is filled in"


def test_the_pdf_holds_the_roles_duties_and_the_exercises(page_texts: list[str]) -> None:
    text = " ".join(page_texts)
    for role in PLAN.roles:
        for duty in role.duties:
            assert flat(duty) in text, duty
    exercises = next(t for t in page_texts if "A drill at least every" in t)
    for e in PLAN.exercises:
        assert flat(e.scenario) in text and e.date.isoformat() in text
    assert "Open follow-ups by owner" in exercises and "; from the simulation" in exercises


def test_role_matrix_has_its_legend(page_texts: list[str]) -> None:
    roles = next(
        t for t in page_texts if "Roles and chain of command" in t and "Duties and call lists" in t
    )
    assert "A accountable (owns the response) · R responsible" in roles


def test_sheet_has_cut_marks() -> None:
    pdf = sheet_pdf(PLAN, card_ids(PLAN)[:4], "a4", Printer())
    page = pdfium.PdfDocument(pdf)[0]
    width, height = page.get_size()
    marks = [
        o.get_bounds()
        for o in page.get_objects()
        if o.type == pdfium.raw.FPDF_PAGEOBJ_PATH
        and (o.get_bounds()[2] - o.get_bounds()[0]) < 12
        and (o.get_bounds()[3] - o.get_bounds()[1]) < 12
    ]
    near_edges = [
        b for b in marks if b[0] < 12 or b[1] > height - 12 or b[2] > width - 12 or b[1] < 12
    ]
    assert len(near_edges) >= 6, "a mark at each cut line, on the edges of the sheet"
