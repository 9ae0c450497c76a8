"""Time `runbook validate` as a cold process beside check-jsonschema on the same files.

Run with `make bench`. Prints the median of several runs per command. Targets:
the example under 0.3 s, and no slower than check-jsonschema on either file
(which checks only the schema, while runbook also checks every semantic rule).
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from large_plan import write_large_plan
from timing import BIN, median_seconds

ROOT = Path(__file__).resolve().parent.parent
SCHEMA = ROOT / "generator" / "plan" / "plan.schema.json"
RUNS = 7


def cold(cmd: list[str]) -> float:
    """Median over RUNS fresh processes; check-jsonschema may exit non-zero (YAML dates)."""
    return median_seconds(cmd, ROOT, RUNS, check=False)


def main() -> None:
    large = write_large_plan(ROOT / "benchmarks" / "out" / "large.yaml")
    files = {"example": ROOT / "plans" / "example.yaml", "large": large}
    print(f"cold-process median of {RUNS} runs, seconds")
    print(f"{'plan':<10}{'size':>10}{'runbook validate':>20}{'check-jsonschema':>20}{'ratio':>8}")
    for name, path in files.items():
        ours = cold([str(BIN / "runbook"), "validate", "--today", "2026-11-24", str(path)])
        peer = cold([str(BIN / "check-jsonschema"), "--schemafile", str(SCHEMA), str(path)])
        size = f"{path.stat().st_size // 1024} KiB"
        print(f"{name:<10}{size:>10}{ours:>20.3f}{peer:>20.3f}{ours / peer:>8.2f}")
    print("targets: example < 0.300 s; ratio <= 1.00 on both plans")


if __name__ == "__main__":
    main()
