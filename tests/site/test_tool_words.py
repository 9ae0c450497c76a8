"""The runbook in the plan's language: a German plan (plan.language: de) builds a site,
its PDF and pocket cards with no English word of the tool's own; Material and its search
follow the plan's language; a host site keeps its own language on its own pages."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from generator.cli import main
from tests.conftest import EXAMPLE, ROOT
from tests.language import GERMAN, english_words, leftovers, page_text, pdf_text

CONFIG = ROOT / "mkdocs.yml"


@pytest.fixture(autouse=True)
def _restore_env(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("NO_MKDOCS_2_WARNING", "1")
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    monkeypatch.delenv("RUNBOOK_PLAN", raising=False)


@pytest.fixture(scope="module")
def german_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    site = tmp_path_factory.mktemp("german") / "site"
    result = CliRunner().invoke(
        main, ["build", "--config", str(CONFIG), "--plan", str(GERMAN), "--site-dir", str(site)]
    )
    assert result.exit_code == 0, result.output
    return site


def _pages(site: Path) -> dict[str, str]:
    return {
        str(p.relative_to(site)): p.read_text("utf-8")
        for p in sorted(site.rglob("*.html"))
        if "assets" not in p.parts
    }


def test_the_check_knows_the_tools_english_words() -> None:
    words = english_words()
    assert {"Call", "Severity", "Accountable", "Yes", "PAUSE"} <= words
    assert "Hootsuite" not in words and "Name" not in words  # the plan's, and German too
    assert leftovers("Jetzt anrufen · Call first") == ["Call", "Call first", "first"]


def test_german_site_has_no_english_word_of_the_tool(german_site: Path) -> None:
    pages = _pages(german_site)
    assert {"index.html", "triage.html", "levels/level-3.html", "credentials.html"} <= set(pages)
    found = {path: leftovers(page_text(html)) for path, html in pages.items()}
    assert not {p: w for p, w in found.items() if w}
    home = page_text(pages["index.html"])
    assert "Jetzt in einer Krise?" in home and "Stufe 4: Marke in ernster Gefahr" in home
    # the flowchart's boxes and answers too
    assert "Stufe 3: Etwas Schlimmes ist passiert" in page_text(pages["triage.html"])
    # a translation's tab names its language in German, the tab list says "Sprachen"
    statements = pages["statements.html"]
    assert 'aria-label="Sprachen"' in statements and ">Französisch</button>" in statements
    assert "Betreff:" in page_text(pages["internal-comms.html"])


def test_german_pdf_and_cards_have_no_english_word_of_the_tool(german_site: Path) -> None:
    pdfs = sorted(german_site.rglob("*.pdf"))
    assert german_site / "runbook.pdf" in pdfs and german_site / "cards" / "general.pdf" in pdfs
    found = {p.name: leftovers(pdf_text(p.read_bytes())) for p in pdfs}
    assert not {p: w for p, w in found.items() if w}
    runbook = pdf_text((german_site / "runbook.pdf").read_bytes())
    assert "Leitung der Stufen: in dieser Reihenfolge anrufen" in " ".join(runbook.split())
    assert "01.11.2026" in runbook  # dates as German writes them


def test_material_and_search_follow_the_plans_language(german_site: Path) -> None:
    home = (german_site / "index.html").read_text("utf-8")
    assert re.search(r'<html lang="de"', home)
    assert 'title="Zum dunklen Modus wechseln"' in home or "Zum dunklen Modus wechseln" in home
    index = json.loads((german_site / "search" / "search_index.json").read_text("utf-8"))
    assert index["config"]["lang"] == ["de"]
    # the script's words travel with each page, with the language for its dates
    words = re.search(r'id="runbook-words" data-words="([^"]*)"', home)
    assert words is not None and "Stufe bestimmen" in words.group(1)


def test_english_site_keeps_english_theme_and_no_words_element(tmp_path: Path) -> None:
    site = tmp_path / "site"
    args = ["--plan", str(EXAMPLE), "--no-offline-copies", "--site-dir", str(site)]
    result = CliRunner().invoke(main, ["build", "--config", str(CONFIG), *args])
    assert result.exit_code == 0, result.output
    home = (site / "index.html").read_text("utf-8")
    assert '<html lang="en"' in home and "runbook-words" not in home
    index = json.loads((site / "search" / "search_index.json").read_text("utf-8"))
    assert index["config"]["lang"] == ["en"]


def test_render_out_writes_the_plans_language_into_mkdocs_yml(tmp_path: Path) -> None:
    import yaml

    out = tmp_path / "out"
    result = CliRunner().invoke(main, ["render", "--plan", str(GERMAN), "--out", str(out)])
    assert result.exit_code == 0, result.output
    config = yaml.safe_load((out / "mkdocs.yml").read_text("utf-8"))
    assert config["theme"]["language"] == "de"
    assert config["plugins"][0] == {"search": {"lang": ["de"]}}
    assert "# Stufe 3: Etwas Schlimmes ist passiert" in (
        out / "docs" / "levels" / "level-3.md"
    ).read_text("utf-8")


def test_languages_do_not_leak_from_one_render_to_the_next() -> None:
    from generator.plan.validate import load_valid_plan
    from generator.site.render import render_pages

    english, german = load_valid_plan(EXAMPLE), load_valid_plan(GERMAN)
    first = render_pages(english, "")
    pages = render_pages(german, "")
    assert render_pages(english, "") == first
    assert "Hardware-Schlüssel" in pages["credentials.md"]
    assert "hardware key" in first["credentials.md"]
    assert "Planspiel" in pages["exercises.md"] and "tabletop" in first["exercises.md"]


def test_runbook_js_words_all_come_from_the_catalog() -> None:
    from generator.shared import i18n
    from generator.site.words import js_words

    script = (ROOT / "templates" / "assets" / "runbook.js").read_text("utf-8")
    block = script.split("var ENGLISH = {", 1)[1].split("};", 1)[0]
    english = dict(re.findall(r'^\s*(\w+): "((?:[^"\\]|\\.)*)",?$', block, re.MULTILINE))
    assert english == js_words()  # the same keys, the catalog's English the script's
    with i18n.using("de"):
        german = js_words()
    assert german["findLevel"] == "Stufe bestimmen" and german.keys() == english.keys()


def test_a_guest_speaks_the_plans_language_on_its_own_pages_only(tmp_path: Path) -> None:
    from tests.site.hosts import build_host, write_host

    host = write_host(
        tmp_path / "host", "material", directory_urls=False, plan=GERMAN.read_text("utf-8")
    )
    build_host(host)
    site = host / "site"
    home = (site / "index.html").read_text("utf-8")
    level = (site / "crisis-runbook" / "levels" / "level-3.html").read_text("utf-8")
    assert '<html lang="en"' in home and "runbook-words" not in home  # the host's page
    assert '<html lang="de"' in level  # a runbook page, loaded directly
    assert '<div lang="de">' in level  # and swapped in by instant navigation
    content = level.split('<div lang="de">', 1)[1].split("<script", 1)[0]  # not the host's nav
    assert not leftovers(page_text(content))
    index = json.loads((site / "search" / "search_index.json").read_text("utf-8"))
    assert index["config"]["lang"] == ["en"]  # the host's search is the host's
