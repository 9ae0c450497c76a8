"""The message catalogs of the tool's own words: every shipped language has every
message of runbook.pot, translated (not fuzzy, not empty) with the same places
(%(name)s, {name}); runbook.pot is what the code and templates say now; the loader falls
back to English and caches; dates are written as the language writes them."""

from __future__ import annotations

import datetime as dt
import re
import subprocess
import sys
from collections import Counter
from pathlib import Path

import pytest

from generator.shared import i18n
from tests.conftest import ROOT
from tests.language import PLACE, POT, read_catalog, shipped, strings

KEYWORDS = ["_", "gettext_", "plain_", "n_:1,2", "ngettext_:1,2", "pgettext_:1c,2"]


def _ids(path: Path) -> set[tuple[str | None, str]]:
    return {(m.context, strings(m.id)[0]) for m in read_catalog(path) if m.id}


def _places(text: str) -> Counter[str]:
    return Counter(a or b for a, b in PLACE.findall(text))


def test_english_and_german_are_shipped_and_found() -> None:
    langs = i18n.shipped_languages()
    assert {"en", "de"} <= set(langs)
    assert [p.parent.parent.name for p in shipped()] == list(langs)


@pytest.mark.parametrize("po", shipped(), ids=lambda p: p.parent.parent.name)
def test_catalog_is_complete_and_keeps_every_place(po: Path) -> None:
    catalog = read_catalog(po)
    wanted = _ids(POT)
    have = {(m.context, strings(m.id)[0]): m for m in catalog if m.id}
    assert not wanted - set(have), f"{po} lacks: {sorted(wanted - set(have))[:10]}"
    problems = []
    for key, message in have.items():
        if key not in wanted:
            continue
        translations = strings(message.string)
        if message.fuzzy or not translations or not all(t.strip() for t in translations):
            problems.append(f"{key}: fuzzy or empty")
            continue
        places = _places(strings(message.id)[-1])
        for text in translations:
            # a plural form may leave out the number (%(num)s): "one day"
            got = _places(text)
            if +(places - Counter({"num": places["num"]})) != +(got - Counter({"num": got["num"]})):
                problems.append(f"{key}: places {dict(places)} but {text!r} has {dict(got)}")
    assert not problems, "\n".join(problems)


def test_pot_is_what_the_sources_say(tmp_path: Path) -> None:
    """`make catalogs` has run since the last change of a message: extract into a temporary
    file and compare the messages (not dates or locations)."""
    out = tmp_path / "runbook.pot"
    keywords = [arg for k in KEYWORDS for arg in ("-k", k)]
    from babel.messages.frontend import CommandLineInterface

    args = ["-F", str(ROOT / "babel.cfg"), *keywords, "--no-location", "-o", str(out)]
    CommandLineInterface().run(["pybabel", "-q", "extract", *args, str(ROOT)])
    fresh, committed = _ids(out), _ids(POT)
    assert fresh == committed, (
        f"run `make catalogs`: new {sorted(fresh - committed)[:5]}, "
        f"gone {sorted(committed - fresh)[:5]}"
    )


def test_unknown_languages_fall_back_to_english() -> None:
    assert i18n.catalog_language("de-AT") == "de"
    assert i18n.catalog_language("tlh") == "en"
    assert i18n.catalog_language(None) == "en"
    with i18n.using("tlh"):
        assert i18n._("Call first") == "Call first"
    with i18n.using("de-CH"):
        assert i18n._("Call first") == "Zuerst anrufen"
        assert i18n._("Level %(n)s: %(name)s", n=3, name="X") == "Stufe 3: X"
    assert i18n._("Call first") == "Call first"  # outside `using`: English again
    assert i18n.translations("de") is i18n.translations("de")  # compiled once


def test_dates_as_the_language_writes_them() -> None:
    day = dt.date(2026, 3, 1)
    assert i18n.format_day(day) == "2026-03-01"  # English keeps ISO dates, as before
    with i18n.using("de"):
        assert i18n.format_day(day) == "01.03.2026"
        assert i18n.format_day("2027-01-15") == "15.01.2027"
    with i18n.using("en-GB"):
        assert i18n.format_day(day) == "2026-03-01"


def test_validate_never_loads_babel() -> None:
    code = (
        "import sys; from generator.cli import main\n"
        "try: main(['validate', 'plans/example.yaml'])\n"
        "except SystemExit: pass\n"
        "print(sorted(m for m in sys.modules if m == 'babel' or m.startswith('babel.')))"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True
    )
    assert out.stdout.strip().splitlines()[-1] == "[]"


def test_every_catalog_ships_in_the_wheel() -> None:
    """setuptools ships a data folder, without a warning, when it is listed as a package:
    a new language needs its line in pyproject.toml."""
    import tomllib

    project = tomllib.loads((ROOT / "pyproject.toml").read_text("utf-8"))
    packages = set(project["tool"]["setuptools"]["packages"])
    data = project["tool"]["setuptools"]["package-data"]["generator.locale"]
    assert "*.pot" in data and "*/LC_MESSAGES/*.po" in data
    missing = [
        f"generator.locale.{po.parent.parent.name}.LC_MESSAGES"
        for po in shipped()
        if f"generator.locale.{po.parent.parent.name}.LC_MESSAGES" not in packages
    ]
    assert not missing, f"add {missing} to [tool.setuptools] packages in pyproject.toml"


@pytest.mark.parametrize("po", shipped(), ids=lambda p: p.parent.parent.name)
def test_no_stray_percent_sign(po: Path) -> None:
    """A lone % (``100 %``) breaks the filling in of a message: write it %%."""
    bad = [
        text
        for m in read_catalog(po)
        if m.id
        for text in strings(m.string)
        if "%" in re.sub(r"%\(\w+\)s|%%", "", text)
    ]
    assert not bad, bad


@pytest.mark.parametrize("po", shipped(), ids=lambda p: p.parent.parent.name)
def test_every_output_renders_in_every_language(po: Path) -> None:
    """Every message of the site, the print data and the drill kit is filled in without
    an error in each shipped language (the example plan, its language swapped)."""
    import dataclasses

    from generator.plan.validate import load_valid_plan
    from generator.printing.data import card_data, card_ids, runbook_data
    from generator.printing.drill import drill_kit, drill_markdown
    from generator.shared.flowchart import d2_source
    from generator.site.render import render_not_found, render_pages
    from tests.conftest import EXAMPLE

    lang = po.parent.parent.name
    example = load_valid_plan(EXAMPLE)
    plan = dataclasses.replace(example, plan=dataclasses.replace(example.plan, language=lang))
    pages = render_pages(plan, "", offline=True)
    assert len(pages) > 10 and render_not_found(plan, {p: p for p in pages})
    assert runbook_data(plan, "a4")["words"]["lang"] == lang.split("_")[0]
    assert all(card_data(plan, c)["title"] for c in card_ids(plan))
    for level in (1, 4, 5):
        assert drill_markdown(drill_kit(plan, level, 3, 60))
    assert drill_markdown(drill_kit(plan, None, 3, 60, "account-compromised"))
    assert d2_source(plan, for_print=True)
