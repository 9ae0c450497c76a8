"""Take the documentation's screenshots: `make screenshots` (needs Debian's chromium).

Builds the example runbook into a temporary folder, opens it in the system Chromium
at 390 x 844 (a phone) and 1280 x 800, and writes small PNGs into docs/screenshots/,
plus the first page of a drill kit. Review them with `git diff --stat` before committing.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "docs" / "screenshots"
BIN = Path(sys.executable).parent
ARGS = ["--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking"]


def main() -> None:
    from playwright.sync_api import sync_playwright

    OUT.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        site = Path(tmp) / "site"
        plan = ROOT / "plans" / "example.yaml"
        run = [str(BIN / "runbook"), "build", "-q", "--plan", str(plan), "--site-dir", str(site)]
        subprocess.run(run, check=True)
        kit = Path(tmp) / "kit.pdf"
        drill = [str(BIN / "runbook"), "drill", "--plan", str(plan), "--level", "4"]
        subprocess.run([*drill, "--seed", "7", "-o", str(kit)], check=True)
        import pypdfium2

        image = pypdfium2.PdfDocument(kit.read_bytes())[0].render(scale=1.1).to_pil()
        image.convert("L").save(OUT / "drill-kit.png", optimize=True)
        chromium = shutil.which("chromium") or shutil.which("chromium-browser")
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=chromium, args=ARGS)
            for scheme in ("light", "dark"):
                for width, height, tag in ((390, 844, "phone"), (1280, 800, "desktop")):
                    context = browser.new_context(
                        viewport={"width": width, "height": height}, color_scheme=scheme
                    )
                    page = context.new_page()
                    suffix = f"{tag}" if scheme == "light" else f"{tag}-dark"
                    for name, file in (
                        ("home", "index.html"),
                        ("level", "levels/level-4.html"),
                        ("triage", "triage.html"),
                    ):
                        page.goto(site.as_uri() + "/" + file)
                        page.screenshot(path=str(OUT / f"{name}-{suffix}.png"))
                    if scheme == "light":
                        page.goto(site.as_uri() + "/levels/level-4.html")
                        page.fill("#runbook-incident-name", "Robin")
                        page.click("text=Start an incident at level 4")
                        page.locator("input.runbook-action").nth(0).check()
                        page.locator(".runbook-incident").scroll_into_view_if_needed()
                        page.screenshot(path=str(OUT / f"incident-log-{tag}.png"))
                    context.close()
            browser.close()
    for png in sorted(OUT.glob("*.png")):
        print(f"{png.relative_to(ROOT)}: {png.stat().st_size // 1024} KB")


if __name__ == "__main__":
    main()
