"""Time `runbook diff` on plan pairs as large as the 2 MiB input cap, beside git's word diff.

Run with `make bench`. Target: any two plans under the cap diff in under 2 s, so one
pull request cannot stall the review job. Four pairs, each side just under 2 MiB:

- text: one level's summary of about 270,000 words from a small vocabulary (few
  unique words: the hard case for anchored matching), every 50th word changed;
- list: one level's 40,000 actions, a tenth moved, some removed and some added;
- reversed: the same 40,000 actions in reverse order (every item a move);
- prose: one level's summary of about 290,000 words of runbook sentences that hold
  the words the secret scan looks for (password, code, token, key, links, digits),
  every 50th word changed: the scan's slow path on a long text.

The peer is `git diff --no-index --word-diff` on the same files, which diffs text
rather than meaning, so the figures say how runbook's bounded diff compares with a
line and word diff written in C, not that the two print the same.
"""

from __future__ import annotations

import json
import random
import resource
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from timing import BIN, ENV

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "benchmarks" / "out" / "diff"
MINIMAL = ROOT / "tests" / "data" / "minimal.yaml"
CAP = 2 * 1024 * 1024
RUNS = 3
LEVEL_1 = "    summary: Someone asks a question.\n"
ACTIONS_1 = "    actions: [Answer it.]\n"


def _plan(version: str, summary: str | None = None, actions: list[str] | None = None) -> str:
    text = MINIMAL.read_text("utf-8").replace('  version: "1"\n', f'  version: "{version}"\n')
    if summary is not None:
        text = text.replace(LEVEL_1, f"    summary: {summary}\n", 1)
    if actions is not None:
        items = "".join(f'      - "{a}"\n' for a in actions)
        text = text.replace(ACTIONS_1, f"    actions:\n{items}", 1)
    return text


def text_pair(rng: random.Random) -> tuple[str, str]:
    """A long summary and the same with every 50th word changed."""
    syllables = ["ba", "ke", "lo", "mi", "nu", "ra", "se", "to", "vi", "zu", "pe", "do"]
    vocabulary = [a + b + c for a in syllables for b in syllables for c in syllables[:2]]
    words = [rng.choice(vocabulary) for _ in range(270_000)]
    edited = ["changed" if i % 50 == 25 else w for i, w in enumerate(words)]
    return _plan("1", " ".join(words)), _plan("2", " ".join(edited))


# sentences a long runbook text holds: the words the secret scan looks for (password,
# login, code, token, key), digits, colons, slashes and links, but no secret
SENTENCES = [
    "Reset the password in the password manager, then sign in again on the laptop.",
    "The backup codes are printed and sealed in the office safe; ask the lead for them.",
    "Call the desk on +1 555 0100 between 09:00 and 17:00 and give the incident code.",
    "See https://status.example.com/incidents for updates / the timeline of the day.",
    "Never paste a login link, a token or a key in the public channel: use the vault.",
    "The secret santa list and the seed budget wait until the review of 2026 is done.",
    "Rotate the API key with the platform team after the post-mortem, step 3 of 7.",
]


def prose_pair(rng: random.Random) -> tuple[str, str]:
    """A long summary of such sentences and the same with every 50th word changed."""
    words: list[str] = []
    while sum(map(len, words)) + len(words) < 1_850_000:
        words += rng.choice(SENTENCES).split()
    edited = ["changed" if i % 50 == 25 else w for i, w in enumerate(words)]
    quoted = json.dumps  # colons in it: a double-quoted YAML string
    return _plan("1", quoted(" ".join(words))), _plan("2", quoted(" ".join(edited)))


def actions(n: int) -> list[str]:
    return [f"Step {i:05d}: call the desk and log it." for i in range(n)]


def list_pair(rng: random.Random) -> tuple[str, str]:
    """40,000 actions; in the new plan a tenth moved, 500 removed and 500 added."""
    old = actions(40_000)
    new = [a for i, a in enumerate(old) if i % 80 != 7]
    moving = [new.pop(rng.randrange(len(new))) for _ in range(4_000)]
    for item in moving:
        new.insert(rng.randrange(len(new)), item)
    for i in range(500):
        new.insert(rng.randrange(len(new)), f"New step {i}: tell the team.")
    return _plan("1", actions=old), _plan("2", actions=new)


def reversed_pair() -> tuple[str, str]:
    old = actions(40_000)
    return _plan("1", actions=old), _plan("2", actions=old[::-1])


def write_pairs() -> dict[str, tuple[Path, Path]]:
    rng = random.Random(20)
    OUT.mkdir(parents=True, exist_ok=True)
    pairs = {
        "text": text_pair(rng),
        "list": list_pair(rng),
        "reversed": reversed_pair(),
        "prose": prose_pair(rng),
    }
    paths = {}
    for name, (old, new) in pairs.items():
        a, b = OUT / f"{name}-old.yaml", OUT / f"{name}-new.yaml"
        a.write_text(old, "utf-8")
        b.write_text(new, "utf-8")
        assert max(a.stat().st_size, b.stat().st_size) < CAP, f"{name}: over the input cap"
        paths[name] = (a, b)
    return paths


def wall_and_cpu(cmd: list[str]) -> tuple[float, float]:
    """Median wall and CPU (user + system) seconds of ``cmd`` over RUNS processes, after
    a warm-up. CPU time is the work itself; wall time also counts a busy machine."""
    walls, cpus = [], []
    for _ in range(RUNS + 1):
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        start = time.perf_counter()
        subprocess.run(cmd, cwd=ROOT, env=ENV, capture_output=True, check=False)
        walls.append(time.perf_counter() - start)
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        cpus.append(after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime)
    return statistics.median(walls[1:]), statistics.median(cpus[1:])


def stages(old: Path, new: Path) -> tuple[float, float]:
    """In this process: seconds to read and validate both plans, then to diff and print."""
    from generator.plan.loader import read_plan_file
    from generator.plan.validate import plan_from_document
    from generator.review.diff import diff_plans
    from generator.review.format import format_markdown

    start = time.process_time()
    plans = [plan_from_document(read_plan_file(p)) for p in (old, new)]
    checked = time.process_time()
    format_markdown(diff_plans(*plans))
    return checked - start, time.process_time() - checked


def main() -> None:
    pairs = write_pairs()
    git = shutil.which("git")
    print(f"median of {RUNS} cold processes, seconds (markdown output, as the workflow);")
    print("cpu is user + system time, wall also counts a busy machine")
    print(
        f"{'pair':<10}{'size':>9}{'runbook wall':>14}{'cpu':>7}{'git wall':>10}{'cpu':>7}"
        f"{'   runbook cpu: validate both':>30}{'diff + print':>14}"
    )
    for name, (old, new) in pairs.items():
        ours_cmd = [str(BIN / "runbook"), "diff", "--format", "markdown", str(old), str(new)]
        done = subprocess.run(ours_cmd, capture_output=True, text=True, check=False)
        assert done.returncode == 0, done.stderr
        ours = wall_and_cpu(ours_cmd)
        peer = (float("nan"), float("nan"))
        if git:
            peer = wall_and_cpu([git, "diff", "--no-index", "--word-diff", str(old), str(new)])
        checking, diffing = stages(old, new)
        size = f"{max(old.stat().st_size, new.stat().st_size) // 1024} KiB"
        print(
            f"{name:<10}{size:>9}{ours[0]:>14.3f}{ours[1]:>7.3f}{peer[0]:>10.3f}{peer[1]:>7.3f}"
            f"{checking:>30.3f}{diffing:>14.3f}"
        )
    print("target: runbook diff < 2.000 s on every pair (the diff itself is the last column)")


if __name__ == "__main__":
    main()
