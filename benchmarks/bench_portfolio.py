"""Time `runbook validate` over a folder of N plans beside a loop of one-plan validates.

Run with `make bench` (or `.venv/bin/python benchmarks/bench_portfolio.py [N]`).
The folder holds N copies of the example plan under distinct names, sharing one
`people.yaml` (the example's contacts, moved out). Target (issue #26): 100 plans
validated in under 5 s on 2 cores. The peer is the loop a team would otherwise
run: `runbook validate --plan plans/<each>.yaml`, one process per plan. The
script also times the folder check in-process on each kind of pool, which is
how the pool `check_folder` uses was chosen.
"""

from __future__ import annotations

import datetime as dt
import resource
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "benchmarks"))
sys.path.insert(0, str(ROOT))

from timing import BIN, median_seconds  # noqa: E402

from generator.plan.portfolio import folder_of_plans  # noqa: E402

EXAMPLE = ROOT / "plans" / "example.yaml"
TODAY = dt.date(2026, 11, 24)


def make_folder(top: Path, n: int) -> Path:
    """``top/plans`` with N plans sharing one people.yaml."""
    names = {f"brand-{i:03d}": f"Brand {i:03d}" for i in range(n)}
    folder = top / "plans"
    folder.mkdir()
    for name, text in folder_of_plans(EXAMPLE.read_text("utf-8"), names).items():
        (folder / name).write_text(text, "utf-8")
    return folder


def _cpu() -> float:
    own, children = (
        resource.getrusage(resource.RUSAGE_SELF),
        resource.getrusage(resource.RUSAGE_CHILDREN),
    )
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def pools(folder: Path) -> dict[str, tuple[float, float]]:
    """In-process (wall, CPU) seconds of ``check_folder`` on each pool, best of three
    (CPU counts the pool's worker processes too: on a shared machine the wall time
    says as much about the neighbours as about runbook)."""
    from generator.plan.folder import check_folder

    out = {}
    for pool in ("serial", "thread", "process"):
        best = (float("inf"), float("inf"))
        for _ in range(3):
            start, cpu = time.perf_counter(), _cpu()
            checked = check_folder(folder, TODAY, pool=pool)
            best = min(best, (time.perf_counter() - start, _cpu() - cpu))
            assert not any(c.fails(False) for c in checked), "the portfolio must be valid"
        out[pool] = best
    return out


def main() -> None:
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 100
    runbook = str(BIN / "runbook")
    with tempfile.TemporaryDirectory() as tmp:
        top = Path(tmp)
        folder = make_folder(top, n)
        today = ["--today", TODAY.isoformat()]
        folder_s = median_seconds([runbook, "validate", *today], top, 3)
        one = median_seconds(
            [runbook, "validate", *today, "--plan", "plans/brand-000.yaml"], top, 5
        )
        loop_s = one * n  # a loop of N one-plan processes: N times one of them
        by_pool = pools(folder)
    print(f"validate: {n} plans sharing one people.yaml (2-core target: under 5 s)")
    print(f"  {'runbook validate (the folder)':<42} {folder_s:8.2f} s")
    print(f"  {f'loop of {n} x runbook validate --plan':<42} {loop_s:8.2f} s  ({one:.3f} s each)")
    print(f"  {'ratio (loop / folder)':<42} {loop_s / folder_s:8.1f} x")
    print("check_folder in-process, by pool:")
    for pool, (wall, cpu) in by_pool.items():
        print(f"  {pool:<42} {wall:8.2f} s  (CPU {cpu:.2f} s)")


if __name__ == "__main__":
    main()
