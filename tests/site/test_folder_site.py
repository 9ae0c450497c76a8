"""`runbook build` over a folder of plans: one site with a choose-a-plan page, each plan
under /<stem>/ with its own PDF and cards, search hits named by their plan, a nav that
stays the size of one plan, all or nothing; one plan alone builds exactly as today."""

from __future__ import annotations

import hashlib
import json
import re
import shutil
from pathlib import Path

import pytest

from generator.errors import PlanInvalid
from generator.site.folder_build import build_any
from tests.conftest import ROOT

PORTFOLIO = ROOT / "tests" / "data" / "portfolio"
STEMS = ("fabrikam", "northwind", "northwind-eu")


def _tree(site: Path) -> dict[str, str]:
    return {
        p.relative_to(site).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(site.rglob("*"))
        if p.is_file()
    }


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    top = tmp_path_factory.mktemp("portfolio")
    shutil.copytree(PORTFOLIO, top / "plans")
    result = build_any(top / "plans", top / "site")
    assert result.summary.startswith("Built 3 plans (")
    return top / "site"


def test_the_summary_names_the_first_five_plans_and_counts_the_rest() -> None:
    from generator.site.folder_build import built_summary

    stems = [f"brand-{i:03d}" for i in range(50)]
    assert built_summary(stems, Path("site")) == (
        "Built 50 plans (brand-000, brand-001, brand-002, brand-003, brand-004, "
        "and 45 more) into site/"
    )
    assert built_summary(stems[:5], Path("site")).endswith("brand-004) into site/")


def test_the_first_page_chooses_the_plan(built: Path) -> None:
    page = (built / "index.html").read_text()
    for stem in STEMS:
        assert f'href="{stem}/index.html#in-a-crisis-now"' in page, stem
        assert f'href="{stem}/triage.html#find-the-level"' in page, stem
    for name in ("Fabrikam Outdoor", "Northwind Outfitters Europe", "version 2026.11"):
        assert name in page
    assert 'class="runbook-review-due" data-due="2027-01-30"' in page
    assert '<meta name="robots" content="noindex, nofollow">' in page


def test_each_plan_has_its_pages_and_copies(built: Path) -> None:
    for stem in STEMS:
        assert (built / stem / "levels" / "level-4.html").is_file()
        assert (built / stem / "runbook.pdf").read_bytes().startswith(b"%PDF")
        assert (built / stem / "cards" / "general.pdf").read_bytes().startswith(b"%PDF")
        offline = (built / stem / "offline.html").read_text()
        assert 'href="runbook.pdf"' in offline
    # the people of people.yaml reach every plan's pages
    for stem in STEMS:
        assert "+1 555 010 0100" in (built / stem / "contacts.html").read_text()


def test_a_plan_page_shows_its_own_plan_in_the_nav(built: Path) -> None:
    page = (built / "northwind" / "levels" / "level-4.html").read_text()
    nav = page[page.index('<nav class="md-nav md-nav--primary"') :]
    nav = nav[: nav.index("</nav>\n</div>")] if "</nav>\n</div>" in nav else nav
    links = re.findall(r'href="([^"]+)"', nav)
    assert any(link.endswith("level-3.html") for link in links)
    assert not any("fabrikam" in link or "northwind-eu" in link for link in links)
    # the choose-a-plan page lists each plan once, not every plan's pages
    chooser = (built / "index.html").read_text()
    assert "fabrikam/levels/level-4.html" not in chooser


def test_search_names_the_plan_of_each_hit(built: Path) -> None:
    index = json.loads((built / "search" / "search_index.json").read_text())
    titles = {d["location"]: d["title"] for d in index["docs"]}
    assert titles["northwind-eu/levels/level-4.html"].startswith(
        "Social Media Crisis Runbook (Europe) - Northwind Outfitters Europe: Level 4"
    )
    assert titles["fabrikam/contacts.html"].startswith(
        "Social Media Crisis Runbook - Fabrikam Outdoor: "
    )
    assert not any("rbk" in t for t in titles.values()), "no placeholder reaches the index"


def test_one_plan_alone_builds_as_today(tmp_path: Path) -> None:
    (tmp_path / "plans").mkdir()
    shutil.copy(PORTFOLIO / "northwind.yaml", tmp_path / "plans")
    shutil.copy(PORTFOLIO / "people.yaml", tmp_path / "plans")
    build_any(tmp_path / "plans", tmp_path / "folder-site")
    build_any(tmp_path / "plans" / "northwind.yaml", tmp_path / "plan-site")
    assert _tree(tmp_path / "folder-site") == _tree(tmp_path / "plan-site")


def test_a_broken_plan_fails_the_build_and_the_site_stays(tmp_path: Path) -> None:
    shutil.copytree(PORTFOLIO, tmp_path / "plans")
    build_any(tmp_path / "plans", tmp_path / "site", offline_copies=False)
    before = _tree(tmp_path / "site")
    plan = tmp_path / "plans" / "northwind-eu.yaml"
    plan.write_text(plan.read_text().replace("accountable: comms-director", "accountable: x", 1))
    with pytest.raises(PlanInvalid) as caught:
        build_any(tmp_path / "plans", tmp_path / "site", offline_copies=False)
    assert caught.value.file.endswith("northwind-eu.yaml")
    assert _tree(tmp_path / "site") == before


def test_bad_folders_are_refused_with_nothing_written(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from click.testing import CliRunner

    from generator.cli import main

    shutil.copytree(PORTFOLIO, tmp_path / "plans")
    monkeypatch.chdir(tmp_path)
    shutil.copy(PORTFOLIO / "fabrikam.yaml", tmp_path / "plans" / "Fabrikam.yaml")
    refused = CliRunner().invoke(main, ["build"])
    assert refused.exit_code == 1, refused.output
    assert "differ only in case" in refused.output and "Fabrikam.yaml" in refused.output
    (tmp_path / "plans" / "Fabrikam.yaml").unlink()
    plan = tmp_path / "plans" / "northwind.yaml"
    plan.write_text(plan.read_text().replace("accountable: comms-director", "accountable: x", 1))
    broken = CliRunner().invoke(main, ["build"])
    assert broken.exit_code == 1
    assert "plans/northwind.yaml:" in broken.output and "no role has the id `x`" in broken.output
    assert sorted(p.name for p in tmp_path.iterdir()) == ["plans"], "nothing written"


def test_plan_names_stay_text_on_the_folders_own_pages(tmp_path: Path) -> None:
    shutil.copytree(PORTFOLIO, tmp_path / "plans")
    plan = tmp_path / "plans" / "fabrikam.yaml"
    hostile = "<img src=x onerror=alert(1)> **Fab** {{ 6*7 }} #12"
    text = plan.read_text().replace("organization: Fabrikam Outdoor", f'organization: "{hostile}"')
    plan.write_text(text)
    build_any(tmp_path / "plans", tmp_path / "site", offline_copies=False)
    site = tmp_path / "site"
    shown = "&lt;img src=x onerror=alert(1)&gt; **Fab** {{ 6*7 }} #12"
    for page in ("index.html", "fabrikam/index.html"):
        html = (site / page).read_text()
        assert "<img src=x" not in html and shown in html, page
    # labels (nav, 404 page, search) are the plain label a site name gets: no < > & " '
    not_found = (site / "404.html").read_text()
    assert "<img src=x" not in not_found and "img src=x onerror=alert(1) **Fab**" in not_found
    index = (site / "search" / "search_index.json").read_text()
    assert "<img src=x" not in index and "rbk" not in index


def test_a_plan_page_stays_the_same_size_however_many_plans(tmp_path: Path) -> None:
    """No quadratic step in the nav: a plan's page lists its own plan's pages only, so
    it is the same whether the folder holds two plans or five."""
    from generator.plan.portfolio import folder_of_plans
    from tests.conftest import EXAMPLE

    sizes = {}
    for n in (2, 5):
        folder = tmp_path / f"n{n}" / "plans"
        folder.mkdir(parents=True)
        names = {f"brand-{i}": f"Brand {i}" for i in range(n)}
        for name, text in folder_of_plans(EXAMPLE.read_text(), names).items():
            (folder / name).write_text(text)
        build_any(folder, folder.parent / "site", offline_copies=False)
        page = (folder.parent / "site" / "brand-0" / "levels" / "level-4.html").read_text()
        sizes[n] = len(re.findall(r'class="md-nav__link', page))
        chooser = (folder.parent / "site" / "index.html").read_text()
        assert all(f'href="brand-{i}/index.html"' in chooser for i in range(n))
    assert sizes[2] == sizes[5] > 10


def test_plans_that_share_a_language_get_a_site_in_it(tmp_path: Path) -> None:
    """The choose-a-plan page, the nav, the theme and the 404 page speak the plans'
    language when they share one, and English when they do not."""
    plans = tmp_path / "plans"
    shutil.copytree(PORTFOLIO, plans)
    for stem in STEMS:
        path = plans / f"{stem}.yaml"
        text = path.read_text()
        path.write_text(text.replace("\nplan:\n", "\nplan:\n  language: de\n", 1))
    build_any(plans, tmp_path / "site", offline_copies=False)
    page = (tmp_path / "site" / "index.html").read_text()
    assert '<html lang="de"' in page
    assert "Plan wählen" in page and "Choose a plan" not in page
    assert "Plan öffnen" in page and "open the plan" not in page
    missing = (tmp_path / "site" / "404.html").read_text()
    assert "Seite nicht gefunden" in missing and "crisis box" not in missing

    (plans / "fabrikam.yaml").write_text(
        (plans / "fabrikam.yaml").read_text().replace("  language: de\n", "")
    )
    build_any(plans, tmp_path / "site", offline_copies=False)
    page = (tmp_path / "site" / "index.html").read_text()
    assert '<html lang="en"' in page and "Choose a plan" in page
