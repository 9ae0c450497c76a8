"""Folders of plans that ``runbook validate`` must refuse or warn about: one folder per
case, each holding ``plans/`` (the folder checked), a ``README`` saying what it shows,
and ``expected.txt``: what ``runbook validate plans`` prints, then the exit code.
``make golden`` regenerates the expected files."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from generator.cli import main
from tests.conftest import TODAY, compare_golden

CASES = Path(__file__).resolve().parent / "folder_cases"
CASE_DIRS = sorted(p for p in CASES.iterdir() if (p / "plans").is_dir())


def run_folder_case(case: Path, monkeypatch: pytest.MonkeyPatch) -> str:
    monkeypatch.chdir(case)
    monkeypatch.setenv("NO_COLOR", "1")
    result = CliRunner().invoke(main, ["validate", "--today", TODAY.isoformat(), "plans"])
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    return f"{result.output}exit: {result.exit_code}\n"


@pytest.mark.parametrize("case", CASE_DIRS, ids=[p.name for p in CASE_DIRS])
def test_golden_folder_case(case: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    before = sorted(p.relative_to(case) for p in case.rglob("*"))
    output = run_folder_case(case, monkeypatch)
    compare_golden(case / "expected.txt", output)
    assert "Traceback" not in output
    assert output.endswith(("exit: 0\n", "exit: 1\n", "exit: 2\n"))
    after = sorted(p.relative_to(case) for p in case.rglob("*"))
    assert after == before, "validate writes nothing"
