"""A German plan's site in the system Chromium: the words runbook.js adds (the finder,
the incident log, the rota) come from the page's catalog, and its dates are written as
German writes them (Intl.DateTimeFormat)."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest

from tests.language import GERMAN, leftovers
from tests.site.test_browser import _build


@pytest.fixture(scope="module")
def german_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return _build(GERMAN, tmp_path_factory.mktemp("german") / "site", "--no-offline-copies")


def test_the_scripts_words_and_dates_are_german(browser: Any, german_site: Path) -> None:
    context = browser.new_context(viewport={"width": 390, "height": 844}, locale="en-US")
    page = context.new_page()
    base = german_site.as_uri() + "/"
    page.goto(base + "triage.html")
    finder = page.locator(".runbook-triage")
    assert "Stufe bestimmen" in finder.inner_text() and "Frage 1" in finder.inner_text()
    page.get_by_role("button", name="Ja").click()
    result = finder.inner_text()
    assert "Stufe 4: Marke in ernster Gefahr (eine Krise)" in result
    assert "Neu beginnen" in result and not leftovers(result)

    page.goto(base + "levels/level-3.html")
    log = page.locator(".runbook-incident")
    assert "nichts wird irgendwohin gesendet" in log.inner_text()
    page.fill("#runbook-incident-name", "Robin")
    page.click("text=Vorfall auf Stufe 3 beginnen")
    assert "Nächster Lagebericht fällig um" in log.inner_text()
    page.locator("input.runbook-action").nth(0).check()
    page.click("text=Vorfall schließen und Protokoll exportieren")
    exported = page.locator("#runbook-incident-export").input_value()
    assert exported.startswith("# Vorfallprotokoll: Krisenhandbuch Soziale Medien")
    # the log's dates as German writes them, whatever the browser's own locale
    assert re.search(r"- Begonnen: \d\d\.\d\d\.\d{4} \d\d:\d\d \(UTC", exported)
    assert not leftovers(exported)

    page.goto(base + "roles.html")
    rota = page.locator(".runbook-rota").inner_text()
    assert "Heute in Bereitschaft:" in rota and "Nächste Schichten:" in rota
    assert re.search(r"\(bis \d\d\.\d\d\.\d{4}\)", rota) and re.search(r"Ab \d\d\.\d\d\.", rota)
    assert not leftovers(rota)
    context.close()
