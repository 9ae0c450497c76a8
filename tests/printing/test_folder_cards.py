"""`card --all` over a folder of plans: cards/<plan stem>/ for each plan, or nothing."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from generator.cli import main
from tests.conftest import ROOT

PORTFOLIO = ROOT / "tests" / "data" / "portfolio"


def test_card_all_writes_one_folder_per_plan(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    shutil.copytree(PORTFOLIO, tmp_path / "plans")
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(main, ["card", "--all"])
    assert result.exit_code == 0, result.output
    for stem in ("fabrikam", "northwind", "northwind-eu"):
        assert (tmp_path / "cards" / stem / "general.pdf").read_bytes().startswith(b"%PDF")
        assert (tmp_path / "cards" / stem / "pr-manager.pdf").is_file()
    assert "one folder per plan: fabrikam, northwind-eu, northwind" in result.output


def test_a_broken_plan_writes_no_card(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    shutil.copytree(PORTFOLIO, tmp_path / "plans")
    eu = tmp_path / "plans" / "northwind-eu.yaml"
    eu.write_text(eu.read_text().replace("[ines-moreau,", "[ines,"))
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(main, ["card", "--all"])
    assert result.exit_code == 1
    assert "plans/northwind-eu.yaml" in result.output
    assert not (tmp_path / "cards").exists()
