"""The validate command end to end: exit codes, formats, colour, no tracebacks."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from generator.cli import main
from tests.conftest import EXAMPLE, MINIMAL, ROOT, TODAY, edited

BROKEN = edited(
    ("    accountable: lead\n", "    accountable: leda\n"),
    ("    mfa: hardware-key\n", "    mfa: sms\n"),
)


def invoke(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(main, list(args))
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    return result.exit_code, result.output


@pytest.fixture
def broken(tmp_path: Path) -> Path:
    path = tmp_path / "broken.yaml"
    path.write_text(BROKEN)
    return path


def test_valid_plan_exits_0() -> None:
    code, out = invoke("validate", "--today", TODAY.isoformat(), str(EXAMPLE))
    assert code == 0
    assert out.strip().endswith("valid, 0 errors, 0 warnings")


def test_default_plan_is_the_example(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)
    code, out = invoke("validate", "--today", TODAY.isoformat())
    assert code == 0 and out.startswith("plans/example.yaml: valid")


def test_invalid_plan_exits_1_with_file_line_col(broken: Path) -> None:
    code, out = invoke("validate", "--today", TODAY.isoformat(), str(broken))
    assert code == 1
    lines = out.splitlines()
    assert lines[0] == (
        f"{broken}:40:18: error: severity_levels[2].accountable: "
        "no role has the id `leda`; did you mean `lead`?"
    )
    assert lines[1].startswith(f"{broken}:97:10: warning: social_accounts[0].mfa: @acme uses SMS")
    assert lines[-1] == f"{broken}: invalid, 1 error, 1 warning"


def test_strict_turns_warnings_into_failure(tmp_path: Path) -> None:
    plan = tmp_path / "p.yaml"
    plan.write_text(edited(("    mfa: hardware-key\n", "    mfa: none\n")))
    assert invoke("validate", "--today", TODAY.isoformat(), str(plan))[0] == 0
    code, out = invoke("validate", "--strict", "--today", TODAY.isoformat(), str(plan))
    assert code == 1 and "--strict" in out


def test_missing_file_exits_2(tmp_path: Path) -> None:
    code, out = invoke("validate", str(tmp_path / "nope.yaml"))
    assert code == 2 and "no such file" in out


def test_folder_without_a_plan_exits_2(tmp_path: Path) -> None:
    code, out = invoke("validate", str(tmp_path))
    assert code == 2 and "holds no plan" in out and "init --folder" in out


def test_a_folder_as_a_plan_exits_2(tmp_path: Path) -> None:
    code, out = invoke("pdf", "--plan", str(tmp_path))
    assert code == 2 and "is a folder" in out


@pytest.mark.parametrize(
    "args",
    [
        ["validate", "--format", "xml"],
        ["validate", "--today", "yesterday"],
        ["nope"],
        ["validate", "--bogus"],
    ],
)
def test_usage_errors_exit_2(args: list[str]) -> None:
    code, out = invoke(*args)
    assert code == 2 and "Traceback" not in out


def test_several_files_worst_exit_code_wins(broken: Path) -> None:
    code, out = invoke("validate", "--today", TODAY.isoformat(), str(MINIMAL), str(broken))
    assert code == 1
    assert f"{MINIMAL}: valid" in out and f"{broken}: invalid" in out


def test_json_format(broken: Path) -> None:
    code, out = invoke("validate", "--format", "json", "--today", TODAY.isoformat(), str(broken))
    assert code == 1
    data = json.loads(out)
    (file,) = data["files"]
    assert (file["valid"], file["errors"], file["warnings"]) == (False, 1, 1)
    first = file["diagnostics"][0]
    assert first == {
        "file": str(broken),
        "line": 40,
        "col": 18,
        "path": "severity_levels[2].accountable",
        "severity": "error",
        "message": "no role has the id `leda`; did you mean `lead`?",
    }


def test_github_format(broken: Path) -> None:
    code, out = invoke("validate", "--format", "github", "--today", TODAY.isoformat(), str(broken))
    assert code == 1
    first = out.splitlines()[0]
    assert first.startswith(
        f"::error file={broken},line=40,col=18,title=runbook%3A severity_levels[2].accountable::"
    )
    assert out.splitlines()[1].startswith("::warning ")


def test_github_format_escapes_newlines() -> None:
    from generator.plan.diagnostics import Diagnostic
    from generator.plan.report import format_github

    d = Diagnostic("a,b.yaml", 1, 2, "x", "error", "50% done\nnext")
    assert (
        format_github("a,b.yaml", [d]).splitlines()[0]
        == "::error file=a%2Cb.yaml,line=1,col=2,title=runbook%3A x::50%25 done%0Anext"
    )


def _run(args: list[str], env: dict[str, str], tty: bool = False) -> str:
    cmd = [sys.executable, "-m", "generator", *args]
    if tty:
        cmd = ["script", "-qec", " ".join(cmd), "/dev/null"]
    return subprocess.run(
        cmd, capture_output=True, text=True, env=env, cwd=ROOT, check=False
    ).stdout


def test_colour_only_on_a_terminal_and_never_with_no_color(broken: Path) -> None:
    env = {k: v for k, v in os.environ.items() if k != "NO_COLOR"}
    args = ["validate", "--today", TODAY.isoformat(), str(broken)]
    assert "\033[" not in _run(args, env)
    if subprocess.run(["which", "script"], capture_output=True).returncode == 0:
        assert "\033[31merror" in _run(args, env, tty=True)
        assert "\033[" not in _run(args, {**env, "NO_COLOR": "1"}, tty=True)


def test_no_traceback_for_garbage_files(tmp_path: Path) -> None:
    for i, blob in enumerate([b"\x00\xff" * 100, b"{{{{", b"- - - -", b"a: b: c", os.urandom(300)]):
        path = tmp_path / f"g{i}.yaml"
        path.write_bytes(blob)
        code, out = invoke("validate", str(path))
        assert code == 1 and "Traceback" not in out and out.strip()


def test_internal_errors_are_reported_without_traceback(monkeypatch: pytest.MonkeyPatch) -> None:
    import generator.plan

    def boom(*_: object) -> int:
        raise RuntimeError("kaput")

    monkeypatch.setattr(generator.plan, "check_files", boom)
    code, out = invoke("validate")
    assert code == 3 and "This is a bug in runbook" in out and "Traceback" not in out


def test_version() -> None:
    code, out = invoke("--version")
    assert code == 0 and "runbook" in out


def test_unwritable_output_is_a_clear_usage_error(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("x")
    result = CliRunner().invoke(
        main, ["pdf", "--plan", str(MINIMAL), "-o", str(blocker / "out.pdf")]
    )
    assert result.exit_code == 2
    assert "check the path and permissions" in result.output and "bug" not in result.output
