"""Time `runbook build` beside `mkdocs build` on the Markdown `runbook render` wrote.

Run with `make bench`. Both build the same pages with the same theme and
plugins into a fresh folder, as cold processes; the difference is what the
generator adds (validation, rendering, the D2 flowchart, the safe swap).
Target: the generator adds at most 15% over the engine.
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from large_plan import write_large_plan
from timing import BIN, median_seconds, render_plan

ROOT = Path(__file__).resolve().parent.parent
RUNS = 5


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
            render_plan(plan, rendered)
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
            ours = median_seconds(site_only, ROOT, RUNS, clean=work / "a")
            first = median_seconds(site_only, ROOT, RUNS, clean=work / "a", fresh_tmpdir=True)
            full = median_seconds(build, ROOT, 1, clean=work / "a")  # long: one run
            mkdocs = [str(BIN / "mkdocs"), "build", "-q", "-d", str(work / "b")]
            engine = median_seconds(mkdocs, rendered, RUNS, clean=work / "b")
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
