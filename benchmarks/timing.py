"""Timing shared by the benchmark scripts: the median wall time of cold processes."""

from __future__ import annotations

import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
BIN = Path(sys.executable).parent  # this virtualenv's commands


def render_plan(plan: Path, out: Path) -> None:
    """The plan as Markdown plus a mkdocs.yml (``runbook render``), for the peer tools."""
    subprocess.run(
        [str(BIN / "runbook"), "render", "--plan", str(plan), "--out", str(out)],
        env=ENV,
        check=True,
        capture_output=True,
    )


def median_seconds(
    cmd: list[str],
    cwd: Path,
    runs: int,
    *,
    clean: Path | None = None,
    fresh_tmpdir: bool = False,
    check: bool = True,
) -> float:
    """Median wall time of ``cmd`` over ``runs`` fresh processes, after one warm-up run
    (dropped: it fills the disk cache). ``clean`` is removed before every run;
    ``fresh_tmpdir`` gives every run a new TMPDIR (so per-user caches start empty);
    ``check=False`` accepts a non-zero exit (a peer that reports problems)."""
    times = []
    for _ in range(runs + 1):
        if clean is not None:
            shutil.rmtree(clean, ignore_errors=True)
        env = dict(ENV)
        if fresh_tmpdir:
            env["TMPDIR"] = tempfile.mkdtemp()
        start = time.perf_counter()
        subprocess.run(cmd, cwd=cwd, env=env, check=check, capture_output=True)
        times.append(time.perf_counter() - start)
        if fresh_tmpdir:
            shutil.rmtree(env["TMPDIR"], ignore_errors=True)
    return statistics.median(times[1:])
