"""Reviewing a folder of plans: each changed plan's diff, plans added and removed, and
a people.yaml change shown once with the plans it reaches; two folders or a git ref."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest
from click.testing import CliRunner

from generator.cli import main
from tests.conftest import ROOT

PORTFOLIO = ROOT / "tests" / "data" / "portfolio"


def _invoke(cwd: Path, monkeypatch: pytest.MonkeyPatch, *args: str) -> tuple[int, str]:
    monkeypatch.chdir(cwd)
    monkeypatch.setenv("NO_COLOR", "1")
    result = CliRunner().invoke(main, ["diff", *args])
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    return result.exit_code, result.output


@pytest.fixture
def two(tmp_path: Path) -> Path:
    shutil.copytree(PORTFOLIO, tmp_path / "old")
    shutil.copytree(PORTFOLIO, tmp_path / "new")
    return tmp_path


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text()
    assert old in text
    path.write_text(text.replace(old, new))


def test_a_people_change_shows_once_with_the_plans_it_reaches(
    two: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _edit(two / "new" / "people.yaml", "+1 555 010 0102", "+1 555 010 0999")
    code, out = _invoke(two, monkeypatch, "old", "new", "--exit-code")
    assert code == 1
    assert out.count("0999") == 1, "once, in the people section, not once per plan"
    assert "priya-shah (Priya Shah): reaches fabrikam, northwind, northwind-eu" in out
    assert "==" not in out, "no plan changed on its own"


def test_a_person_only_the_regional_plan_uses_reaches_only_it(
    two: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    for side in ("old", "new"):  # move Ines from the regional plan into people.yaml
        eu = two / side / "northwind-eu.yaml"
        text = eu.read_text()
        start, end = text.index("contacts:\n  - id: ines"), text.index("roles:")
        block = text[start:end].split("\n", 1)[1]
        eu.write_text(text[:start] + text[end:])
        people = two / side / "people.yaml"
        people.write_text(people.read_text() + block)
    _edit(two / "new" / "people.yaml", "+33 1 55 01 01 00", "+33 1 55 01 01 99")
    code, out = _invoke(two, monkeypatch, "old", "new")
    assert code == 0
    assert "ines-moreau (Ines Moreau): reaches northwind-eu\n" in out


def test_plans_added_removed_and_changed(two: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (two / "new" / "northwind.yaml").unlink()
    shutil.copy(two / "new" / "fabrikam.yaml", two / "new" / "contoso.yaml")
    _edit(two / "new" / "fabrikam.yaml", 'version: "2026.11"', 'version: "2026.12"')
    code, out = _invoke(two, monkeypatch, "old", "new", "--format", "json")
    assert code == 0
    data = json.loads(out)
    assert data["added"] == ["contoso"] and data["removed"] == ["northwind"]
    assert [p["plan"] for p in data["plans"]] == ["fabrikam"]
    assert data["people"] is None
    code, md = _invoke(two, monkeypatch, "old", "new", "--format", "markdown")
    assert "- **Added** plan `contoso`" in md and "#### fabrikam" in md


def test_an_invalid_side_is_reported_with_its_plan_named(
    two: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _edit(two / "new" / "people.yaml", "id: priya-shah", "id: priya")
    code, out = _invoke(two, monkeypatch, "old", "new")
    assert code == 1
    assert "new/northwind.yaml" in out and "did you mean `priya`?" in out


def test_base_ref_reads_the_folder_from_git(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    shutil.copytree(PORTFOLIO, tmp_path / "plans")

    def git(*args: str) -> None:
        subprocess.run(
            ["git", "-c", "user.email=t@t", "-c", "user.name=t", *args],
            cwd=tmp_path,
            check=True,
            capture_output=True,
        )

    git("init", "-q")
    git("add", "-A")
    git("commit", "-qm", "portfolio")
    _edit(tmp_path / "plans" / "people.yaml", "+1 555 010 0102", "+1 555 010 0999")
    code, out = _invoke(tmp_path, monkeypatch, "--base", "HEAD")
    assert code == 0 and "reaches fabrikam, northwind, northwind-eu" in out
    # one plan of the folder against its base: people.yaml read at the base too
    code, one = _invoke(tmp_path, monkeypatch, "--base", "HEAD", "plans/northwind.yaml")
    assert code == 0 and "priya-shah" in one
    code, bad = _invoke(tmp_path, monkeypatch, "--base", "no-such-ref")
    assert code == 2 and "check the revision" in bad
