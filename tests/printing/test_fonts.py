"""Characters the bundled Noto Sans lacks: a warning that names the text and says how to
add a font, from `pdf`, `card` and the site build alike; and a font added with
--font-path (or the plugin's font_paths) prints them, without a warning."""

from __future__ import annotations

from pathlib import Path

import pypdfium2 as pdfium
import pytest
from click.testing import CliRunner
from fontTools.fontBuilder import FontBuilder
from fontTools.pens.ttGlyphPen import TTGlyphPen

from generator.cli import main
from tests.conftest import ROOT, edited

NAME = "Northwind 北風"


def _write_font(folder: Path) -> Path:
    """A TrueType font with one square glyph for each of 北 and 風 (and nothing else)."""
    folder.mkdir(parents=True, exist_ok=True)
    builder = FontBuilder(1000, isTTF=True)
    order = [".notdef", "north", "wind"]
    builder.setupGlyphOrder(order)
    builder.setupCharacterMap({ord("北"): "north", ord("風"): "wind"})
    glyphs = {}
    for name in order:
        pen = TTGlyphPen(None)
        pen.moveTo((100, 0))
        pen.lineTo((100, 700))
        pen.lineTo((900, 700))
        pen.lineTo((900, 0))
        pen.closePath()
        glyphs[name] = pen.glyph()
    builder.setupGlyf(glyphs)
    builder.setupHorizontalMetrics({name: (1000, 100) for name in order})
    builder.setupHorizontalHeader(ascent=880, descent=-120)
    builder.setupNameTable(  # Typst skips a font without its full and PostScript names
        {
            "familyName": "Runbook Test Glyphs",
            "styleName": "Regular",
            "uniqueFontIdentifier": "RunbookTestGlyphs-Regular",
            "fullName": "Runbook Test Glyphs Regular",
            "psName": "RunbookTestGlyphs-Regular",
            "version": "Version 1.000",
        }
    )
    builder.setupOS2(sTypoAscender=880, sTypoDescender=-120, usWinAscent=880, usWinDescent=120)
    builder.setupPost()
    builder.setupHead(unitsPerEm=1000)
    path = folder / "RunbookTestGlyphs.ttf"
    builder.save(str(path))
    return path


@pytest.fixture()
def plan(tmp_path: Path) -> Path:
    path = tmp_path / "plan.yaml"
    path.write_text(edited(("organization: ", f"organization: {NAME} ")))
    return path


def _text(pdf: Path) -> str:
    document = pdfium.PdfDocument(pdf)
    return "".join(document[i].get_textpage().get_text_range() for i in range(len(document)))


def test_pdf_warns_without_the_font_and_prints_the_name_with_it(plan: Path, tmp_path: Path) -> None:
    runner = CliRunner()
    bare = tmp_path / "bare.pdf"
    result = runner.invoke(main, ["pdf", "--plan", str(plan), "-o", str(bare)])
    assert result.exit_code == 0, result.output
    assert "no character '北' (U+5317)" in result.output and NAME in result.output
    assert "--font-path DIR" in result.output
    fonts = _write_font(tmp_path / "fonts").parent
    added = tmp_path / "added.pdf"
    result = runner.invoke(
        main, ["pdf", "--plan", str(plan), "-o", str(added), "--font-path", str(fonts)]
    )
    assert result.exit_code == 0 and "warning" not in result.output, result.output
    assert NAME in _text(added)


def test_the_site_build_warns_too_and_takes_font_path(
    plan: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("NO_MKDOCS_2_WARNING", "1")
    runner = CliRunner()
    args = ["build", "--config", str(ROOT / "mkdocs.yml"), "--plan", str(plan)]
    result = runner.invoke(main, [*args, "--site-dir", str(tmp_path / "bare")])
    assert result.exit_code == 0, result.output
    warning = next(line for line in result.output.splitlines() if "U+5317" in line)
    assert warning.startswith("runbook: warning: the print font has no character '北'")
    assert "font_paths" in warning and "--font-path" in warning
    fonts = _write_font(tmp_path / "fonts").parent
    site = tmp_path / "added"
    result = runner.invoke(main, [*args, "--site-dir", str(site), "--font-path", str(fonts)])
    assert result.exit_code == 0 and "U+5317" not in result.output, result.output
    assert NAME in _text(site / "runbook.pdf")


def test_a_font_folder_that_is_not_there_is_a_usage_error(plan: Path, tmp_path: Path) -> None:
    result = CliRunner().invoke(
        main, ["build", "--plan", str(plan), "--font-path", str(tmp_path / "none")]
    )
    assert result.exit_code == 2 and "does not exist" in result.output


def _host_build(host: Path, plan: Path, extra: str) -> tuple[bool, list[str]]:
    """``mkdocs build --strict`` of a site with the plugin (offline copies on): whether
    it built, and the runbook plugin's log lines."""
    import logging

    from mkdocs.commands.build import build
    from mkdocs.config import load_config
    from mkdocs.exceptions import Abort

    (host / "docs").mkdir(parents=True, exist_ok=True)
    (host / "docs" / "index.md").write_text("# Handbook\n")
    (host / "mkdocs.yml").write_text(
        "site_name: Handbook\nstrict: true\nvalidation:\n  anchors: info\n"
        f"plugins:\n  - runbook:\n      plan: {plan}\n      section: Crisis runbook\n"
        f"      offline_copies: true\n{extra}"
    )
    lines: list[str] = []

    class Collect(logging.Handler):
        def emit(self, record: logging.LogRecord) -> None:
            if record.name == "mkdocs.plugins.runbook" and record.levelno >= logging.WARNING:
                lines.append(record.getMessage())

    handler = Collect()
    logging.getLogger("mkdocs").addHandler(handler)
    try:
        build(load_config(str(host / "mkdocs.yml")))
        built = True
    except Abort:
        built = False
    finally:
        logging.getLogger("mkdocs").removeHandler(handler)
    return built, lines


def test_a_host_site_is_warned_and_takes_the_font_paths_option(
    plan: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("NO_MKDOCS_2_WARNING", "1")
    monkeypatch.delenv("RUNBOOK_PLAN", raising=False)
    built, lines = _host_build(tmp_path / "bare", plan, "")
    assert not built, f"--strict: an empty box in print fails the build {lines}"
    assert any("U+5317" in line and "font_paths" in line for line in lines), lines
    _write_font(tmp_path / "fixed" / "fonts")
    built, lines = _host_build(tmp_path / "fixed", plan, "      font_paths: [fonts]\n")
    assert built and lines == []
    assert NAME in _text(tmp_path / "fixed" / "site" / "crisis-runbook" / "runbook.pdf")
    built, lines = _host_build(tmp_path / "wrong", plan, "      font_paths: [nowhere]\n")
    assert not built
