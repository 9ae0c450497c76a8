"""Where printed copies go: runbook replaces only files it wrote (the refusals are cases
in tests/hostile), and ``-o -`` sends one PDF down a pipe, never to a terminal."""

from __future__ import annotations

import os
import pty
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from generator.cli import main
from generator.printing.output import is_runbook_pdf
from tests.conftest import MINIMAL, ROOT

RUNS = [
    ["pdf", "-o", "out.pdf"],
    ["card", "--role", "lead", "-o", "out.pdf"],
    ["drill", "-o", "out.pdf"],
    ["drill", "--format", "markdown", "-o", "out.md"],
]


@pytest.mark.parametrize("args", RUNS, ids=lambda a: "-".join(a[:2]))
def test_a_file_runbook_wrote_is_replaced(
    args: list[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    runner = CliRunner()
    first = runner.invoke(main, [*args, "--plan", str(MINIMAL)])
    assert first.exit_code == 0, first.output
    out = Path(args[-1])
    written = out.read_bytes()
    out.write_bytes(written + b"edited")  # still runbook's file: replaced, so it shows
    again = runner.invoke(main, [*args, "--plan", str(MINIMAL)])
    assert again.exit_code == 0, again.output
    assert out.read_bytes() == written


def test_a_card_set_is_replaced_and_other_files_in_the_folder_stay(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    runner = CliRunner()
    assert runner.invoke(main, ["card", "--all", "--plan", str(MINIMAL)]).exit_code == 0
    (tmp_path / "cards" / "README.txt").write_text("printed on Mondays\n")
    result = runner.invoke(main, ["card", "--all", "--sheet", "a4", "--plan", str(MINIMAL)])
    assert result.exit_code == 0, result.output
    names = sorted(p.name for p in (tmp_path / "cards").iterdir())
    assert names == ["README.txt", "agent.pdf", "all-cards-a4.pdf", "general.pdf", "lead.pdf"]


@pytest.mark.parametrize(
    "args", [["pdf"], ["card", "--general"], ["drill"]], ids=["pdf", "card", "drill"]
)
def test_dash_sends_the_pdf_down_a_pipe_and_nothing_else(args: list[str]) -> None:
    done = subprocess.run(
        [sys.executable, "-m", "generator", *args, "--plan", str(MINIMAL), "-o", "-"],
        capture_output=True,
        cwd=ROOT,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith(b"%PDF-") and done.stdout.rstrip().endswith(b"%%EOF")
    assert is_runbook_pdf(done.stdout)
    assert b"Wrote" not in done.stdout + done.stderr


def test_dash_refuses_a_terminal() -> None:
    leader, follower = pty.openpty()
    try:
        done = subprocess.run(
            [sys.executable, "-m", "generator", "pdf", "--plan", str(MINIMAL), "-o", "-"],
            stdout=follower,
            stderr=subprocess.PIPE,
            cwd=ROOT,
            check=False,
            text=True,
        )
    finally:
        os.close(follower)
        os.close(leader)
    assert done.returncode == 2
    assert "binary and would garble the terminal" in done.stderr


def test_all_cards_need_a_folder_not_a_pipe() -> None:
    result = CliRunner().invoke(main, ["card", "--all", "--plan", str(MINIMAL), "-o", "-"])
    assert result.exit_code == 2 and "-o names a folder" in result.output


def test_only_runbooks_metadata_marks_a_pdf_as_its_own() -> None:
    assert not is_runbook_pdf(b"%PDF-1.7\nBT (see crisis-runbook on GitHub) Tj ET\n%%EOF")
    assert not is_runbook_pdf(b"/Keywords(crisis-runbook)")  # not a PDF at all
    assert is_runbook_pdf(b"%PDF-1.7\n<</Title(x)/Keywords(crisis-runbook)>>\n%%EOF")
