"""Time `runbook pdf` beside mkdocs-to-pdf on the site of the same plan.

Run with `make bench`. Both lay out with WeasyPrint. mkdocs-to-pdf is a MkDocs
plugin, so its figure includes building the site; the plain `mkdocs build` of
the same Markdown is timed too, and the difference is its PDF step.
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
from pathlib import Path

import yaml

sys.path.insert(0, str(Path(__file__).resolve().parent))
from large_plan import write_large_plan
from timing import ENV, median_seconds

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
RUNS = 3


def pages(pdf: Path) -> int:
    import pypdf

    return len(pypdf.PdfReader(pdf).pages)


def main() -> None:
    large = write_large_plan(ROOT / "benchmarks" / "out" / "large.yaml")
    plans = {"example": ROOT / "plans" / "example.yaml", "large": large}
    print(f"cold-process median of {RUNS} runs, seconds (pages in brackets)")
    print(
        f"{'plan':<9}{'runbook pdf':>18}{'mkdocs-to-pdf':>20}{'of which site':>15}{'PDF step':>10}"
    )
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        for name, plan in plans.items():
            ours_pdf = work / f"{name}.pdf"
            ours = median_seconds(
                [str(BIN / "runbook"), "pdf", "--plan", str(plan), "-o", str(ours_pdf)], ROOT, RUNS
            )
            site = work / f"{name}-md"
            subprocess.run(
                [str(BIN / "runbook"), "render", "--plan", str(plan), "--out", str(site)],
                env=ENV,
                check=True,
                capture_output=True,
            )
            mkdocs = [str(BIN / "mkdocs"), "build", "-q"]
            plain = median_seconds(mkdocs, site, RUNS, clean=site / "site")
            config = yaml.safe_load((site / "mkdocs.yml").read_text())
            config["plugins"] = ["search", {"to-pdf": {"output_path": "peer.pdf"}}]
            (site / "mkdocs.yml").write_text(yaml.safe_dump(config, sort_keys=False))
            peer = median_seconds(mkdocs, site, RUNS, clean=site / "site")
            ours_col = f"{ours:.2f} ({pages(ours_pdf)})"
            peer_col = f"{peer:.2f} ({pages(site / 'site' / 'peer.pdf')})"
            print(f"{name:<9}{ours_col:>18}{peer_col:>20}{plain:>15.2f}{peer - plain:>10.2f}")
    print("runbook pdf draws the flowchart with D2 and builds no site; both use WeasyPrint.")


if __name__ == "__main__":
    main()
