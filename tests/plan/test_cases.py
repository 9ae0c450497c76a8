"""The invalid-plan corpus: one folder per case, its exact expected output beside it.

Each folder under tests/plan/cases holds ``plan.yaml``, optionally ``args`` (extra
command-line arguments), and ``expected.txt``: what ``runbook validate``
prints, then the exit code. ``make golden`` regenerates the expected files.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from generator.cli import main
from tests.conftest import TODAY, compare_golden

CASES = Path(__file__).resolve().parent / "cases"
CASE_DIRS = sorted(p for p in CASES.iterdir() if (p / "plan.yaml").exists())


def run_case(case: Path, monkeypatch: pytest.MonkeyPatch) -> str:
    monkeypatch.chdir(case)
    monkeypatch.setenv("NO_COLOR", "1")
    extra = (case / "args").read_text().split() if (case / "args").exists() else []
    result = CliRunner().invoke(
        main, ["validate", "--today", TODAY.isoformat(), *extra, "plan.yaml"]
    )
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    return f"{result.output}exit: {result.exit_code}\n"


def test_corpus_is_large_enough() -> None:
    assert len(CASE_DIRS) >= 40


@pytest.mark.parametrize("case", CASE_DIRS, ids=[p.name for p in CASE_DIRS])
def test_golden_invalid_case(case: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    output = run_case(case, monkeypatch)
    compare_golden(case / "expected.txt", output)
    assert output.endswith("exit: 1\n"), "every corpus case is an invalid plan"
    assert "Traceback" not in output
