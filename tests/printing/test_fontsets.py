"""Which bundled fonts a document is given: Noto Sans alone for a document without
Arabic or Hebrew text (Typst holds every font it is given), Noto Sans Arabic and Hebrew
too for one with such text, in the same run and on the same threads; no "unknown font
family" warning either way, and the right-to-left text still in its own fonts."""

from __future__ import annotations

import io
import re
import zipfile
from pathlib import Path
from typing import Any

import pypdfium2 as pdfium
import pytest
import typst
from click.testing import CliRunner

from generator.cli import main
from generator.printing import fontsets
from generator.printing.fontsets import (
    ARABIC_HEBREW,
    EVERY,
    NOTO_SANS,
    PLAIN,
    choose,
    families,
    font_folder,
)
from generator.printing.glyphs import font_files
from tests.conftest import ARABIC, HEBREW, TRANSLATIONS, edited

ARABIC_DUTY = "الرد على الأسئلة"  # answer the questions


def _read(folders: tuple[str, ...]) -> list[bytes]:
    return font_files(folders)


def _sets(data: Any) -> tuple[Any, ...]:
    sets, missing = choose(data, _read, (), "--font-path DIR")
    assert missing == []
    return sets


def test_latin_greek_and_cyrillic_text_needs_noto_sans_alone() -> None:
    text = ["Crème brûlée \u2013 \u201cquoted\u201d · Ωμέγα", {"n": "Жёлтый № 5 €"}]
    assert _sets({"t": text}) == PLAIN


@pytest.mark.parametrize(
    "text",
    [
        ARABIC,
        HEBREW,
        "Call us ، please",  # an Arabic comma in English text: only Noto Sans Arabic has it
        "\ufb2a",  # Hebrew shin with its dot, a letter Typst's shaper may take apart
    ],
)
def test_text_only_arabic_or_hebrew_fonts_draw_needs_them(text: str) -> None:
    assert _sets({"info": {"title": "Plan"}, "items": [{"text": text}]}) == EVERY


def test_a_script_no_font_has_still_warns_and_needs_no_more_fonts() -> None:
    sets, missing = choose({"t": "北風 Acme"}, _read, (), "--font-path DIR")
    assert sets == PLAIN
    assert [key for key, _ in missing] == ["script:Chinese, Japanese and Korean (Han)"]
    sets, missing = choose({"t": "北風 " + ARABIC}, _read, (), "--font-path DIR")
    assert sets == EVERY and len(missing) == 1, "Arabic is drawn, Han is not"


def test_the_sets_are_the_families_typst_finds_in_their_folders() -> None:
    for font_set in (NOTO_SANS, ARABIC_HEBREW):
        found = typst.Fonts(
            include_system_fonts=False,
            include_embedded_fonts=False,
            font_paths=[font_folder(font_set)],
        )
        assert sorted(found.families()) == sorted(font_set.families)
    assert families(EVERY) == ["Noto Sans", "Noto Sans Arabic", "Noto Sans Hebrew"]


@pytest.fixture()
def given(monkeypatch: pytest.MonkeyPatch) -> list[list[str]]:
    """The folders of every ``typst.Fonts`` the printer makes."""
    made: list[list[str]] = []
    real = typst.Fonts

    def recording(**kwargs: Any) -> Any:
        made.append([str(p) for p in kwargs["font_paths"]])
        return real(**kwargs)

    monkeypatch.setattr(typst, "Fonts", recording)
    return made


def _embedded(pdf: bytes) -> set[str]:
    """The families of the fonts a PDF embeds (their subset tags dropped)."""
    return {m.decode() for m in re.findall(rb"/BaseFont\s*/[A-Z]{6}\+([A-Za-z]+)-", pdf)}


def _run(*args: str) -> str:
    result = CliRunner().invoke(main, list(args))
    assert result.exit_code == 0, result.output
    assert "warning" not in result.output, result.output
    return result.output


def test_a_latin_runbook_is_printed_with_noto_sans_alone(
    tmp_path: Path, given: list[list[str]]
) -> None:
    plan = tmp_path / "plan.yaml"
    plan.write_text(edited(), "utf-8")
    out = tmp_path / "runbook.pdf"
    _run("pdf", "--plan", str(plan), "-o", str(out))
    assert given == [[font_folder(NOTO_SANS)]]
    assert _embedded(out.read_bytes()) == {"NotoSans"}


def test_an_arabic_and_hebrew_runbook_is_printed_with_their_fonts(
    tmp_path: Path, given: list[list[str]]
) -> None:
    plan = tmp_path / "plan.yaml"
    plan.write_text(edited(TRANSLATIONS), "utf-8")
    out = tmp_path / "runbook.pdf"
    _run("pdf", "--plan", str(plan), "-o", str(out))
    assert given == [[font_folder(NOTO_SANS), font_folder(ARABIC_HEBREW)]]
    assert _embedded(out.read_bytes()) == {"NotoSans", "NotoSansArabic", "NotoSansHebrew"}


def test_cards_of_one_run_each_get_the_fonts_they_need(
    tmp_path: Path, given: list[list[str]]
) -> None:
    # a duty of the agent's, on the agent's card alone
    plan = tmp_path / "plan.yaml"
    duty = "    title: Support Agent\n    duties: [" + ARABIC_DUTY + "]\n"
    plan.write_text(edited(("    title: Support Agent\n", duty)), "utf-8")
    folder = tmp_path / "cards"
    _run("card", "--all", "--sheet", "a4", "--plan", str(plan), "-o", str(folder))
    fonts = {pdf.stem: _embedded(pdf.read_bytes()) for pdf in folder.glob("*.pdf")}
    assert fonts["agent"] == {"NotoSans", "NotoSansArabic"}
    assert fonts["lead"] == fonts["general"] == {"NotoSans"}
    assert fonts["all-cards-a4"] == {"NotoSans", "NotoSansArabic"}
    page = pdfium.PdfDocument(folder / "agent.pdf")[0].get_textpage()  # duties: the front
    found = page.search("الرد").get_next()
    assert found, "the duty is on the agent's card, as text"
    lefts = [page.get_charbox(i)[0] for i in range(found[0], found[0] + found[1])]
    assert lefts == sorted(lefts, reverse=True), "its letters run right to left"
    # each set of fonts is found once a run, however many cards and threads print it
    assert sorted(given) == sorted(
        [[font_folder(NOTO_SANS)], [font_folder(NOTO_SANS), font_folder(ARABIC_HEBREW)]]
    )


def test_a_zipped_package_gives_typst_a_copy_of_each_set(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    real = {s: Path(font_folder(s)) for s in EVERY}
    archive = zipfile.Path(zipfile.ZipFile(io.BytesIO(), "w"))  # a Traversable, not a Path
    monkeypatch.setattr(fontsets, "package_file", lambda *_: archive)
    fontsets.font_folder.cache_clear()
    try:
        for font_set in EVERY:
            copy = Path(font_folder(font_set))
            assert copy != real[font_set] and copy.name.startswith("runbook-fonts-")
            assert sorted(p.name for p in copy.iterdir()) == sorted(font_set.files)
            for name in font_set.files:
                assert (copy / name).read_bytes() == (real[font_set] / name).read_bytes()
    finally:
        fontsets.font_folder.cache_clear()
