"""A folder of plans: people.yaml merged into each plan's model, the folder's plans
found and checked on a pool, and commands that need one plan asking which."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from generator.cli import main
from generator.errors import PlanInvalid
from generator.plan.check import check_folder, resolve_plan
from generator.plan.folder import find_plans, folder_plans
from generator.plan.validate import load_valid_plan
from tests.conftest import MINIMAL, ROOT, TODAY

PORTFOLIO = ROOT / "tests" / "data" / "portfolio"


@pytest.fixture
def portfolio(tmp_path: Path) -> Path:
    folder = tmp_path / "plans"
    shutil.copytree(PORTFOLIO, folder)
    return folder


def test_plans_are_the_files_declaring_schema_version(portfolio: Path) -> None:
    (portfolio / "notes.yml").write_text("title: not a plan\n")
    assert [p.name for p in find_plans(portfolio)] == [
        "fabrikam.yaml",
        "northwind-eu.yaml",
        "northwind.yaml",
    ]


def test_model_gets_own_contacts_then_the_shared_ones_it_references(portfolio: Path) -> None:
    eu = load_valid_plan(portfolio / "northwind-eu.yaml", TODAY)
    assert eu.plan.organization == "Northwind Outfitters Europe"
    ids = [c.id for c in eu.contacts]
    assert ids[0] == "ines-moreau" and "dana-kim" in ids
    assert eu.primary_contact("pr-manager").name == "Ines Moreau"
    assert eu.primary_contact("cmo").phone == "+1 555 010 0100"


def test_a_shared_contact_nobody_references_stays_out_of_the_model(portfolio: Path) -> None:
    people = portfolio / "people.yaml"
    people.write_text(
        people.read_text() + "  - id: zoe-unused\n    name: Zoe Unused\n    phone: '+1 555 0'\n"
    )
    plan = load_valid_plan(portfolio / "northwind.yaml", TODAY)
    assert "zoe-unused" not in {c.id for c in plan.contacts}


def test_a_number_changed_in_people_yaml_changes_in_every_plan(portfolio: Path) -> None:
    people = portfolio / "people.yaml"
    people.write_text(people.read_text().replace("+1 555 010 0100", "+1 555 999 0000"))
    for name in ("northwind", "northwind-eu", "fabrikam"):
        plan = load_valid_plan(portfolio / f"{name}.yaml", TODAY)
        assert plan.contact("dana-kim").phone == "+1 555 999 0000"


def test_contacts_stay_required_for_a_plan_alone(tmp_path: Path, portfolio: Path) -> None:
    alone = tmp_path / "alone"
    alone.mkdir()
    shutil.copy(portfolio / "northwind.yaml", alone)
    with pytest.raises(PlanInvalid) as caught:
        load_valid_plan(alone / "northwind.yaml", TODAY)
    assert any("missing required key `contacts`" in d.message for d in caught.value.diagnostics)


def test_an_invalid_people_yaml_stops_every_plan_and_is_named(portfolio: Path) -> None:
    people = portfolio / "people.yaml"
    people.write_text(people.read_text() + "roles: []\n")
    with pytest.raises(PlanInvalid) as caught:
        load_valid_plan(portfolio / "northwind.yaml", TODAY)
    (shared,) = caught.value.earlier
    assert shared.file.endswith("people.yaml")
    assert any("does not belong in people.yaml" in d.message for d in shared.diagnostics)


@pytest.mark.parametrize("pool", ["process", "thread", "serial"])
def test_every_pool_gives_the_same_report(portfolio: Path, pool: str) -> None:
    for i in range(3):  # enough plans for a pool to start
        text = (portfolio / "fabrikam.yaml").read_text()
        (portfolio / f"copy-{i}.yaml").write_text(text.replace("Fabrikam Outdoor", f"Copy {i}"))
    people = portfolio / "people.yaml"
    stale = people.read_text().replace("verified_on: 2026-10-20", "verified_on: 2020-01-01", 1)
    people.write_text(stale)
    checked = check_folder(portfolio, TODAY, pool=pool)
    assert [Path(c.file).name for c in checked] == sorted(Path(c.file).name for c in checked)
    assert len(checked) == 7
    warned = [(Path(c.file).name, d.line) for c in checked for d in c.diagnostics]
    assert warned == [("people.yaml", 12)]  # once, on people.yaml


def test_several_plans_without_plan_asks_which(
    portfolio: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(portfolio.parent)
    for command in (
        ["pdf"],
        ["card", "--general"],
        ["drill"],
        ["render", "--out", "md"],
    ):  # build and serve make the folder's one site (tests/site/test_folder_site.py)
        result = CliRunner().invoke(main, command)
        assert result.exit_code == 2, command
        assert "plans/ holds 3 plans" in result.output and "--plan" in result.output
        assert "plans/northwind-eu.yaml" in result.output
    assert sorted(p.name for p in portfolio.parent.iterdir()) == ["plans"]  # nothing written


def test_validate_without_arguments_checks_the_whole_folder(
    portfolio: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(portfolio.parent)
    monkeypatch.setenv("NO_COLOR", "1")
    result = CliRunner().invoke(main, ["validate", "--today", TODAY.isoformat()])
    assert result.exit_code == 0
    assert result.output == "plans/ (3 plans and people.yaml): valid, 0 errors, 0 warnings\n"
    one = CliRunner().invoke(
        main, ["validate", "--today", TODAY.isoformat(), "--plan", "plans/fabrikam.yaml"]
    )
    assert one.exit_code == 0
    assert one.output.splitlines() == [
        "plans/fabrikam.yaml: valid, 0 errors, 0 warnings",
        "plans/people.yaml: valid, 0 errors, 0 warnings",
    ]


def test_the_only_plan_is_the_default(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "plans").mkdir()
    shutil.copy(MINIMAL, tmp_path / "plans" / "ours.yaml")
    monkeypatch.chdir(tmp_path)
    assert resolve_plan(None) == "plans/ours.yaml"


def test_folder_plans_refuses_names_that_cannot_be_paths(tmp_path: Path) -> None:
    shutil.copy(MINIMAL, tmp_path / "Our Plan.yaml")
    with pytest.raises(Exception, match="lower-case letters, digits and hyphens"):
        folder_plans(tmp_path)


def test_init_folder_starts_two_valid_plans_sharing_people(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    made = CliRunner().invoke(main, ["init", "--folder", str(tmp_path / "repo")])
    assert made.exit_code == 0, made.output
    repo = tmp_path / "repo"
    assert sorted(p.name for p in (repo / "plans").iterdir()) == [
        "northwind-kids.yaml",
        "northwind.yaml",
        "people.yaml",
    ]
    monkeypatch.chdir(repo)
    checked = CliRunner().invoke(main, ["validate", "--strict"])  # valid, warning-free
    assert checked.exit_code == 0, checked.output
    assert checked.output.endswith("(2 plans and people.yaml): valid, 0 errors, 0 warnings\n")
    kids = load_valid_plan("plans/northwind-kids.yaml")
    assert kids.plan.organization == "Northwind Kids" and kids.contacts
    workflow = (repo / ".github" / "workflows" / "runbook.yml").read_text()
    assert "runbook validate --format github plans\n" in workflow
    assert '--base "origin/${GITHUB_BASE_REF}" plans > diff.md' in workflow
    assert "PLAN: plans  # the folder" in workflow  # builds the folder's one site
    assert 'runbook build --plan "$PLAN" --site-dir site\n' in workflow
    readme = (repo / "README.md").read_text()
    assert "plans/people.yaml" in readme and "plans/plan.yaml" not in readme


def test_explicit_files_check_people_yaml_as_people(
    portfolio: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(portfolio.parent)
    files = sorted(str(p.relative_to(portfolio.parent)) for p in portfolio.glob("*.yaml"))
    result = CliRunner().invoke(main, ["validate", "--today", TODAY.isoformat(), *files])
    assert result.exit_code == 0, result.output
    assert "plans/people.yaml: valid, 0 errors, 0 warnings" in result.output
    hook = CliRunner().invoke(main, ["validate", "--only-plans", "plans/people.yaml"])
    assert hook.exit_code == 0 and "plans/people.yaml: valid" in hook.output
