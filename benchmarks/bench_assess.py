"""Time `runbook assess` on one million mention rows beside a pandas version of the same rules.

Run with `make bench`. Target: one million rows in under 3 s with bounded
memory (the replay keeps one counter per window, not the rows). Both tools
read the same CSV; pandas loads it whole, resamples per window and uses a
rolling minimum for the consecutive-window rules. The two timelines are
compared, so the figures are for the same answer.
"""

from __future__ import annotations

import json
import random
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "benchmarks" / "out"
BIN = Path(sys.executable).parent
PLAN = ROOT / "plans" / "example.yaml"

PANDAS_SCRIPT = r"""
import json, sys, pandas as pd, yaml
plan = yaml.safe_load(open(sys.argv[1]))["listening"]
df = pd.read_csv(sys.argv[2], usecols=["timestamp", "sentiment"])
df = df[df["sentiment"] == "negative"]
ts = pd.to_datetime(df["timestamp"], utc=True, format="ISO8601")
counts = ts.dt.floor(f"{plan['window_minutes']}min").value_counts().sort_index()
counts = counts.resample(f"{plan['window_minutes']}min").sum()  # gaps become 0
events = []
prev = {}
for rule in plan["thresholds"]:
    above = counts > rule["above"]
    match = above.astype(int).rolling(rule.get("for_windows", 1)).min().fillna(0).astype(bool)
    change = match.astype(int).diff().fillna(match.astype(int))
    for t, c in change[change != 0].items():
        events.append({"time": t.isoformat(), "rule": rule["id"], "level": rule["level"],
                       "change": "start" if c > 0 else "stop"})
print(json.dumps(sorted(events, key=lambda e: (e["time"], e["rule"]))))
"""


def make_csv(path: Path, rows: int) -> Path:
    """One month of mentions with a few bursts, in shuffled hour blocks."""
    if path.exists() and path.stat().st_size > rows * 20:
        return path
    rng = random.Random(7)
    path.parent.mkdir(parents=True, exist_ok=True)
    start = 1793577600  # 2026-11-01T00:00:00Z
    with path.open("w") as f:
        f.write("timestamp,author,sentiment\n")
        for i in range(rows):
            t = start + rng.randrange(30 * 86400)
            if i % 5 == 0:  # bursts: a fifth of the rows fall in three evenings
                t = start + rng.choice((3, 11, 19)) * 86400 + 18 * 3600 + rng.randrange(6 * 3600)
            stamp = time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(t))
            sentiment = "negative" if rng.random() < 0.3 else rng.choice(("positive", "neutral"))
            f.write(f"{stamp},user{i % 5000},{sentiment}\n")
    return path


# A launcher per measured command, so the peak memory read is that command's alone.
LAUNCHER = (
    "import resource, subprocess, sys; "
    "r = subprocess.run(sys.argv[1:]); "
    "print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss, file=sys.stderr); "
    "sys.exit(r.returncode)"
)


def timed(cmd: list[str], runs: int = 3) -> tuple[float, float, str]:
    """Median wall seconds over ``runs``, peak RSS of the command in MiB, and its stdout."""
    walls, peak, out = [], 0.0, ""
    for _ in range(runs):
        start = time.perf_counter()
        done = subprocess.run(
            [sys.executable, "-c", LAUNCHER, *cmd],
            capture_output=True,
            text=True,
            cwd=ROOT,
            check=True,
        )
        walls.append(time.perf_counter() - start)
        peak = max(peak, int(done.stderr.strip().splitlines()[-1]) / 1024)
        out = done.stdout
    return statistics.median(walls), peak, out


def main() -> None:
    print("median of 3 runs, seconds; peak resident memory, MiB")
    print(f"{'rows':>10}{'runbook assess':>16}{'peak MiB':>10}{'pandas':>10}{'peak MiB':>10}  same")
    for rows in (250_000, 1_000_000):
        data = make_csv(OUT / f"mentions-{rows}.csv", rows)
        ours, ours_mem, out = timed(
            [str(BIN / "runbook"), "assess", "--format", "json", "--plan", str(PLAN), str(data)]
        )
        theirs, theirs_mem, pd_out = timed(
            [sys.executable, "-c", PANDAS_SCRIPT, str(PLAN), str(data)]
        )
        ours_events = sorted(json.loads(out)["events"], key=lambda e: (e["time"], e["rule"]))
        same = ours_events == json.loads(pd_out)
        print(
            f"{rows:>10,}{ours:>16.2f}{ours_mem:>10.0f}{theirs:>10.2f}{theirs_mem:>10.0f}  {same}"
        )
    print("target: 1,000,000 rows < 3 s; peak memory must not grow with the row count")


if __name__ == "__main__":
    main()
