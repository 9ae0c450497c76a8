"""Done when (issue #26): the test portfolio builds from the installed wheel into one
site, browsed in Chromium from the choose-a-plan page to a level's call block in each
plan, with search naming each hit's plan; one number changed in people.yaml changes it
on every plan's pages, PDF and cards."""

from __future__ import annotations

import io
import shutil
from pathlib import Path

import pypdf
import pytest

from tests.conftest import ROOT
from tests.installed.conftest import Installed

PLANS = {  # file stem -> organisation, as the choose-a-plan page names them
    "fabrikam": "Fabrikam Outdoor",
    "northwind": "Northwind Outfitters",
    "northwind-eu": "Northwind Outfitters Europe",
}
OLD, NEW = "+1 555 010 0102", "+1 555 010 0999"  # Priya Shah, in people.yaml


def _pdf_text(path: Path) -> str:
    reader = pypdf.PdfReader(io.BytesIO(path.read_bytes()))
    return "\n".join(page.extract_text() or "" for page in reader.pages)


@pytest.fixture(scope="module")
def portfolio(installed: Installed, tmp_path_factory: pytest.TempPathFactory) -> Path:
    work = tmp_path_factory.mktemp("agency")
    shutil.copytree(ROOT / "tests" / "data" / "portfolio", work / "plans")
    built = installed.runbook(work, "build")
    assert built.returncode == 0, built.stderr
    assert "Built 3 plans (fabrikam, northwind-eu, northwind) into site/" in built.stdout
    return work


def test_from_the_choose_a_plan_page_to_each_plans_call_block(portfolio: Path) -> None:
    from playwright.sync_api import sync_playwright

    from tests.site.test_browser import ARGS, CHROMIUM, search_for

    home = (portfolio / "site" / "index.html").as_uri()
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        try:
            page = browser.new_page()
            for stem, organisation in PLANS.items():
                page.goto(home)
                choice = page.locator(".runbook-plan-choice", has_text=organisation + " ·")
                choice.get_by_role("link", name="In a crisis now?").click()
                page.wait_for_url(f"**/{stem}/index.html#in-a-crisis-now")
                page.locator(".runbook-crisis a", has_text="Level 5:").click()
                page.wait_for_url(f"**/{stem}/levels/level-5.html#call-now")
                call = page.locator(".runbook-call").first
                assert call.is_visible()
                person = call.locator(".runbook-call-person").first
                assert (person.get_attribute("href") or "").startswith("tel:+")
            # search finds across plans and says which plan each hit is in
            page.goto(home)
            for organisation in PLANS.values():
                hit = search_for(page, "credentials", f"{organisation}: Credentials")
                assert hit.is_visible()
        finally:
            browser.close()


def test_one_number_in_people_changes_every_plan(installed: Installed, portfolio: Path) -> None:
    site = portfolio / "site"
    for stem in PLANS:
        assert OLD in (site / stem / "contacts.html").read_text()
    people = portfolio / "plans" / "people.yaml"
    people.write_text(people.read_text().replace(OLD, NEW))
    built = installed.runbook(portfolio, "build")
    assert built.returncode == 0, built.stderr
    for stem in PLANS:
        pages = [p.read_text() for p in (site / stem).rglob("*.html")]
        assert any(NEW in page for page in pages) and not any(OLD in page for page in pages)
        assert NEW in _pdf_text(site / stem / "runbook.pdf"), stem
        cards = [_pdf_text(card) for card in sorted((site / stem / "cards").glob("*.pdf"))]
        assert any(NEW in card for card in cards) and not any(OLD in card for card in cards)
