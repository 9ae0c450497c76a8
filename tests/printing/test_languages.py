"""Languages on paper: translations printed after their original under their language's
name, Arabic and Hebrew in the bundled fonts and right to left (checked by the glyphs'
positions), numbers in them left to right, and one warning per script the fonts lack."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pypdfium2 as pdfium
import pytest
from click.testing import CliRunner

from generator.cli import main
from generator.plan.loader import parse_plan_text
from generator.plan.validate import plan_from_document
from generator.printing.data import runbook_data
from generator.printing.glyphs import SCRIPT_FONTS, font_files, missing_glyphs, script_of
from tests.conftest import ARABIC, TODAY, TRANSLATIONS, edited


@pytest.fixture(scope="module")
def pdf(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("languages")
    plan = folder / "plan.yaml"
    plan.write_text(edited(TRANSLATIONS), "utf-8")
    out = folder / "runbook.pdf"
    result = CliRunner().invoke(main, ["pdf", "--plan", str(plan), "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert "warning" not in result.output, "Arabic and Hebrew print in the bundled fonts"
    return out


def _page_with(pdf: Path, word: str) -> Any:
    document = pdfium.PdfDocument(pdf)
    for i in range(len(document)):
        page = document[i].get_textpage()
        if word in page.get_text_range():
            return page
    raise AssertionError(f"{word!r} is not in the PDF")


def _boxes(page: Any, word: str) -> list[tuple[float, float, float, float]]:
    """The character boxes (left, bottom, right, top) of ``word``'s first occurrence."""
    found = page.search(word).get_next()
    assert found, f"{word!r} not found"
    index, count = found
    return [page.get_charbox(i) for i in range(index, index + count)]


def test_arabic_reads_right_to_left_and_is_right_aligned(pdf: Path) -> None:
    page = _page_with(pdf, "نتحقق")
    words = ["نحن", "نتحقق", "اتصلوا", "بنا", "لصبركم"]  # in reading (logical) order
    lefts = [_boxes(page, w)[0][0] for w in words]
    assert lefts == sorted(lefts, reverse=True), "each next word lies further left"
    letters = [box[0] for box in _boxes(page, "نتحقق")]
    assert letters == sorted(letters, reverse=True), "letters run right to left"
    right_margin = max(page.get_charbox(i)[2] for i in range(page.count_chars()))
    assert _boxes(page, "نحن")[0][2] > right_margin - 10, "it starts at the right edge"
    english = _boxes(page, "We are looking")[0][0]
    assert min(b[0] for b in _boxes(page, "لصبركم")) > english + 100, "not left aligned"


def test_a_phone_number_in_arabic_stays_left_to_right(pdf: Path) -> None:
    page = _page_with(pdf, "نتحقق")
    digits = _boxes(page, "0100")
    lefts = [b[0] for b in digits]
    assert lefts == sorted(lefts), "digits left to right"
    assert _boxes(page, "555")[0][0] < digits[0][0], "the number's groups in order"


def test_hebrew_reads_right_to_left(pdf: Path) -> None:
    page = _page_with(pdf, "בודקים")
    words = ["אנחנו", "בודקים", "את"]
    lefts = [_boxes(page, w)[0][0] for w in words]
    assert lefts == sorted(lefts, reverse=True)


def test_each_translation_is_named_after_its_original(pdf: Path) -> None:
    page = _page_with(pdf, "בודקים")
    text = page.get_text_range()
    assert text.index("English") < text.index("We are looking") < text.index("Arabic")
    assert text.index("Arabic") < text.index("Hebrew")


def test_print_data_keeps_translations_with_their_original() -> None:
    plan = plan_from_document(parse_plan_text(edited(TRANSLATIONS), "plan.yaml"), TODAY)
    statements = runbook_data(plan, "a4")["statements"]
    assert len(statements) == 1
    (s,) = statements
    assert s["language"]["name"] == "English" and s["language"]["dir"] == "ltr"
    arabic, hebrew = s["translations"]
    assert (arabic["name"], arabic["lang"], arabic["dir"]) == ("Arabic", "ar", "rtl")
    assert (hebrew["name"], hebrew["lang"], hebrew["dir"]) == ("Hebrew", "he", "rtl")
    numbers = [p["text"] for p in arabic["text"] if p["ltr"] and not p["placeholder"]]
    assert numbers == ["+1 555 010 0100"]
    assert "".join(p["text"] if not p["placeholder"] else "{topic}" for p in arabic["text"]) == (
        ARABIC
    )


def test_a_text_without_translations_never_asks_for_a_language_name(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Only a translated text shows its language's name: a plan without translations
    never loads Babel's locale data for one (some 7 MB of the print's peak memory)."""
    from generator.shared import languages

    plan = plan_from_document(parse_plan_text(edited(), "plan.yaml"), TODAY)
    monkeypatch.setattr(languages, "language_name", lambda *_: pytest.fail("a name"))
    (s,) = runbook_data(plan, "a4")["statements"]
    assert s["language"]["name"] == "" and s["translations"] == []
    monkeypatch.undo()
    plan = plan_from_document(parse_plan_text(edited(TRANSLATIONS), "plan.yaml"), TODAY)
    named: list[tuple[str, str]] = []
    monkeypatch.setattr(languages, "language_name", lambda *a: named.append(a) or "Name")
    runbook_data(plan, "a4")
    assert sorted(set(named)) == [("ar", "en"), ("en", "en"), ("he", "en")]


def test_bundled_fonts_cover_arabic_and_hebrew() -> None:
    from generator.printing.fontsets import EVERY, font_folder

    fonts = font_files([font_folder(s) for s in EVERY])
    assert missing_glyphs({"t": ARABIC + " שלום עולם ٠١٢٣ ،؟"}, fonts) == []


def test_scripts_not_shipped_warn_once_each_and_name_a_font(tmp_path: Path) -> None:
    plan = tmp_path / "plan.yaml"
    plan.write_text(
        edited(
            ("organization: ", "organization: 北風服飾 উত্তরের বাতাস "),
            ("text: We are looking into {topic}.", "text: 我们正在调查 {topic}。 আমরা দেখছি"),
        ),
        "utf-8",
    )
    result = CliRunner().invoke(main, ["pdf", "--plan", str(plan), "-o", str(tmp_path / "o.pdf")])
    assert result.exit_code == 0, result.output
    warnings = [line for line in result.output.splitlines() if "warning" in line]
    assert len(warnings) == 2, warnings
    han = next(w for w in warnings if "Han" in w)
    bengali = next(w for w in warnings if "Bengali" in w)
    assert "Noto Sans CJK" in han and "--font-path DIR" in han
    assert "Noto Sans Bengali" in bengali and "--font-path DIR" in bengali
    assert "other Bengali characters" in bengali


def test_script_of_names_scripts_and_leaves_other_characters() -> None:
    assert script_of("中") == "CJK"
    assert SCRIPT_FONTS[script_of("。") or ""] == SCRIPT_FONTS["CJK"]
    assert script_of("あ") == "HIRAGANA"
    assert script_of("한") == "HANGUL"
    assert script_of("ক") == "BENGALI"
    assert script_of("\U0001f600") is None


def test_a_danda_in_bengali_text_counts_as_bengali() -> None:
    found = missing_glyphs({"t": "আমরা জানি। আপনারা"}, [])
    assert len(found) == 1 and "Bengali" in found[0] and "Devanagari" not in found[0]
    assert "Devanagari" in missing_glyphs({"t": "नमस्ते।"}, [])[0]


def test_the_drill_kit_uses_the_version_in_the_plans_language() -> None:
    from generator.printing.drill import drill_kit

    text = edited(
        ("plan:\n", "plan:\n  language: ar\n"),
        ("    channels: [x]\n", "    channels: [x]\n    lang: en\n"),
        TRANSLATIONS,
    )
    plan = plan_from_document(parse_plan_text(text, "plan.yaml"), TODAY)
    kit = json_text(drill_kit(plan, 3, 7, 60))
    assert "بيان مؤقت" in kit and "Holding statement" not in kit
    english = plan_from_document(parse_plan_text(edited(TRANSLATIONS), "plan.yaml"), TODAY)
    kit = json_text(drill_kit(english, 3, 7, 60))
    assert "Holding statement" in kit and "بيان مؤقت" not in kit


def json_text(data: Any) -> str:
    import json

    return json.dumps(data, ensure_ascii=False)
