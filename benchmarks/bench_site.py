"""Time `runbook build` beside `mkdocs build` on the Markdown `runbook render` wrote.

Run with `make bench`. Both build the same pages with the same theme and
plugins into a fresh folder, as cold processes; the difference is what the
generator adds (validation, rendering, the D2 flowchart, the safe swap).
Target: the generator adds at most 15% over the engine.
"""

from __future__ import annotations

import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from large_plan import write_large_plan

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
RUNS = 5
ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}


def timed(
    cmd: list[str], cwd: Path, out: Path, *, empty_cache: bool = False, runs: int = RUNS
) -> float:
    """Median wall time of a cold build into ``out`` (removed before each run).

    With ``empty_cache`` every run gets a new TMPDIR, so Jinja's compiled-template
    cache starts empty: the figure of a first build on a machine.
    """
    times = []
    for _ in range(runs + 1):  # the first run warms the disk cache and is dropped
        shutil.rmtree(out, ignore_errors=True)
        env = dict(ENV)
        if empty_cache:
            env["TMPDIR"] = tempfile.mkdtemp()
        start = time.perf_counter()
        subprocess.run(cmd, cwd=cwd, env=env, check=True, capture_output=True)
        times.append(time.perf_counter() - start)
        if empty_cache:
            shutil.rmtree(env["TMPDIR"], ignore_errors=True)
    return statistics.median(times[1:])


def main() -> None:
    large = write_large_plan(ROOT / "benchmarks" / "out" / "large.yaml")
    plans = {"example": ROOT / "plans" / "example.yaml", "large": large}
    print(f"cold-process median of {RUNS} builds, seconds")
    print(
        f"{'plan':<10}{'pages':>6}{'runbook build':>15}{'mkdocs build':>14}{'overhead':>10}"
        f"{'runbook, first build':>22}{'overhead':>10}{'with PDF+cards':>16}"
    )
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        for name, plan in plans.items():
            rendered = work / f"{name}-md"
            subprocess.run(
                [str(BIN / "runbook"), "render", "--plan", str(plan), "--out", str(rendered)],
                env=ENV,
                check=True,
                capture_output=True,
            )
            pages = len(list((rendered / "docs").rglob("*.md")))
            build = [
                str(BIN / "runbook"),
                "build",
                "--plan",
                str(plan),
                "--site-dir",
                str(work / "a"),
            ]
            site_only = [*build, "--no-offline-copies"]  # the same work as the engine's
            ours = timed(site_only, ROOT, work / "a")
            first = timed(site_only, ROOT, work / "a", empty_cache=True)
            full = timed(build, ROOT, work / "a", runs=1)  # long: one run
            engine = timed(
                [str(BIN / "mkdocs"), "build", "-q", "-d", str(work / "b")], rendered, work / "b"
            )
            print(
                f"{name:<10}{pages:>6}{ours:>15.2f}{engine:>14.2f}{ours / engine - 1:>10.0%}"
                f"{first:>22.2f}{first / engine - 1:>10.0%}{full:>16.2f}"
            )
    print("target: overhead <= 15%. runbook caches compiled Jinja templates per user (plain")
    print("mkdocs compiles the theme on every build); 'first build' starts with an empty cache.")
    print("The site columns use --no-offline-copies (the engine's work); the last column is")
    print("the default `runbook build`, which also writes the PDF and the pocket cards (one run).")


if __name__ == "__main__":
    main()
