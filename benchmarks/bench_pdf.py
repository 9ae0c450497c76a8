"""Time the offline copies: Typst (this tree) beside the WeasyPrint path it replaced and
mkdocs-to-pdf, on the example and the large plan.

Run with `make bench`. The WeasyPrint figures come from the last commit that printed
with WeasyPrint (WEASYPRINT_REV), checked out into a temporary worktree and run with
this virtualenv's Python (the `bench` extra installs WeasyPrint). mkdocs-to-pdf is a
MkDocs plugin, so its figure includes building the site; the plain `mkdocs build` of
the same Markdown is timed too. Peak memory is the largest resident set of three
runs of `pdf` and three of `card --all` (it used to vary by run: see printing/memory.py).
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
import time
from pathlib import Path

import yaml

sys.path.insert(0, str(Path(__file__).resolve().parent))
from large_plan import write_large_plan
from timing import BIN, ENV, median_seconds, render_plan

ROOT = Path(__file__).resolve().parent.parent
RUNS = 3
WEASYPRINT_REV = "5b2afe384f768b1001cb4be437236a990736b2b5"


def pages(pdf: Path) -> int:
    import pypdf

    return len(pypdf.PdfReader(pdf).pages)


def peak_mb(cmd: list[str], cwd: Path, env: dict[str, str] | None = None) -> float:
    """The peak resident memory of one run, in MB (a fresh process per call)."""
    probe = (
        "import resource, subprocess, sys; subprocess.run(sys.argv[1:], check=True, "
        "capture_output=True); print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)"
    )
    out = subprocess.run(
        [sys.executable, "-c", probe, *cmd],
        cwd=cwd,
        env=env or ENV,
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    return int(out) / 1024


def weasyprint_tree(tmp: Path) -> Path | None:
    """A worktree of the WeasyPrint commit, or None when WeasyPrint is not installed."""
    try:
        import weasyprint  # noqa: F401
    except (ImportError, OSError):
        return None
    tree = tmp / "weasyprint"
    subprocess.run(
        ["git", "worktree", "add", "--detach", str(tree), WEASYPRINT_REV],
        cwd=ROOT,
        check=True,
        capture_output=True,
    )
    # run from its source: its templates/ and plans/ where the package looks for them
    (tree / "generator" / "templates").symlink_to(tree / "templates")
    (tree / "generator" / "plans").symlink_to(tree / "plans")
    return tree


def main() -> None:
    large = write_large_plan(ROOT / "benchmarks" / "out" / "large.yaml")
    plans = {"example": ROOT / "plans" / "example.yaml", "large": large}
    print(f"cold-process median of {RUNS} runs, seconds (pages or files in brackets)")
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        old = weasyprint_tree(work)
        old_env = {**ENV, "PYTHONPATH": str(old)} if old else None
        old_cmd = [sys.executable, "-m", "generator"]
        try:
            for name, plan in plans.items():
                print(f"\n{name} plan")
                ours_pdf = work / f"{name}.pdf"
                pdf_cmd = [str(BIN / "runbook"), "pdf", "--plan", str(plan), "-o", str(ours_pdf)]
                ours = median_seconds(pdf_cmd, ROOT, RUNS)
                # full-sheet cards, as the WeasyPrint path printed them (it refused a card
                # longer than A6: the large plan's owners call 14 roles)
                cards_cmd = [str(BIN / "runbook"), "card", "--all", "--paper", "a4"]
                cards_cmd += ["--plan", str(plan)]
                cards_cmd += ["-o", str(work / f"{name}-cards")]
                cards = median_seconds(cards_cmd, ROOT, RUNS)
                n_cards = len(list((work / f"{name}-cards").glob("*.pdf")))
                runs = [peak_mb(cmd, ROOT) for cmd in (pdf_cmd, cards_cmd) for _ in range(RUNS)]
                memory = max(runs)
                print(
                    f"  Typst       runbook pdf {ours:6.2f} ({pages(ours_pdf)} pages)"
                    f"   card --all {cards:6.2f} ({n_cards} cards)   peak {memory:.0f} MB"
                )
                if old is not None and old_env is not None:
                    old_pdf = work / f"{name}-old.pdf"
                    # the example as it was then: today's holds sections that path predates
                    old_plan = old / "plans" / "example.yaml" if name == "example" else plan
                    cmd = [*old_cmd, "pdf", "--plan", str(old_plan), "-o", str(old_pdf)]
                    start = time.perf_counter()
                    ran = subprocess.run(cmd, cwd=old, env=old_env, capture_output=True, text=True)
                    assert ran.returncode == 0, ran.stderr
                    old_time = time.perf_counter() - start
                    cmd = [*old_cmd, "card", "--all", "--plan", str(old_plan)]
                    cmd += ["-o", str(work / f"{name}-old-cards")]
                    start = time.perf_counter()
                    done = subprocess.run(cmd, cwd=old, env=old_env, capture_output=True)
                    old_cards = time.perf_counter() - start
                    cards_note = "" if done.returncode == 0 else " (refused: a card too long)"
                    print(
                        f"  WeasyPrint  runbook pdf {old_time:6.2f} ({pages(old_pdf)} pages)"
                        f"   card --all {old_cards:6.2f}{cards_note}   (one run each)"
                    )
                else:
                    print("  WeasyPrint  not installed: `make bench` installs it")
                site = work / f"{name}-md"
                render_plan(plan, site)
                mkdocs = [str(BIN / "mkdocs"), "build", "-q"]
                plain = median_seconds(mkdocs, site, 1, clean=site / "site")
                config = yaml.safe_load((site / "mkdocs.yml").read_text())
                config["plugins"] = ["search", {"to-pdf": {"output_path": "peer.pdf"}}]
                (site / "mkdocs.yml").write_text(yaml.safe_dump(config, sort_keys=False))
                peer = median_seconds(mkdocs, site, 1, clean=site / "site")
                print(
                    f"  mkdocs-to-pdf  {peer:6.2f} ({pages(site / 'site' / 'peer.pdf')} pages),"
                    f" of which the site {plain:.2f} (one run each)"
                )
                full = [str(BIN / "runbook"), "build", "-q", "--plan", str(plan)]
                site_dir = work / f"{name}-site"
                with_copies = median_seconds([*full, "--site-dir", str(site_dir)], ROOT, RUNS)
                without = median_seconds(
                    [*full, "--no-offline-copies", "--site-dir", str(site_dir)], ROOT, RUNS
                )
                print(
                    f"  runbook build {with_copies:6.2f} with PDF and cards, {without:.2f} "
                    f"without: {with_copies / without:.2f}x"
                )
        finally:
            if old is not None:
                subprocess.run(
                    ["git", "worktree", "remove", "--force", str(old)],
                    cwd=ROOT,
                    capture_output=True,
                )
    print("\nTargets: large pdf <= 1 s, 151 cards <= 2 s, build <= 1.5x, peak <= 150 MB")


if __name__ == "__main__":
    main()
