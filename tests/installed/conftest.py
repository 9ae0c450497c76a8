"""The wheel built from this tree and installed once per session, for every test here."""

from __future__ import annotations

import os
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.conftest import ROOT

TIMEOUT = 600


def _run(cmd: list[str], cwd: Path, **env: str) -> subprocess.CompletedProcess[str]:
    full_env = {**os.environ, "NO_COLOR": "1", **env}
    full_env.pop("SOURCE_DATE_EPOCH", None)
    full_env.pop("RUNBOOK_PLAN", None)
    return subprocess.run(
        cmd, cwd=cwd, env=full_env, capture_output=True, text=True, timeout=TIMEOUT, check=False
    )


@dataclass(frozen=True)
class Installed:
    """The built distributions and a virtualenv with the wheel installed."""

    wheel: Path
    sdist: Path
    build_log: str
    venv: Path

    def bin(self, name: str) -> str:
        return str(self.venv / "bin" / name)

    def runbook(self, cwd: Path, *args: str) -> subprocess.CompletedProcess[str]:
        return _run([self.bin("runbook"), *args], cwd)


@pytest.fixture(scope="session")
def installed(tmp_path_factory: pytest.TempPathFactory) -> Installed:
    top = tmp_path_factory.mktemp("dist")
    built = _run(
        [sys.executable, "-m", "build", "--sdist", "--wheel", "--outdir", str(top / "out"), "."],
        ROOT,
    )
    assert built.returncode == 0, built.stdout + built.stderr
    (wheel,) = (top / "out").glob("*.whl")
    (sdist,) = (top / "out").glob("*.tar.gz")
    venv = top / "venv"
    made = _run([sys.executable, "-m", "venv", str(venv)], top)
    assert made.returncode == 0, made.stderr
    pip = [str(venv / "bin" / "python"), "-m", "pip", "install", "-q"]
    done = _run([*pip, "-c", str(ROOT / "constraints.txt"), f"{wheel}[site]"], top)
    assert done.returncode == 0, done.stdout + done.stderr
    return Installed(wheel, sdist, built.stdout + built.stderr, venv)


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    """Say how many documentation blocks ran and how many could not, and why."""
    from tests.installed.test_docs import RAN, SKIPPED

    terminalreporter.write_line(
        f"documentation shell blocks: {len(RAN)} run, {len(SKIPPED)} skipped"
        + "".join(f"\n  skipped in {b.doc}: {b.skip}" for b in SKIPPED)
    )
