"""`runbook serve` on a folder of plans: a saved plan rebuilds that plan's pages and
copies only; a saved people.yaml rebuilds every plan; an invalid save is said on that
plan's pages alone. Each step polls until a deadline; no sleep is tuned to this machine."""

from __future__ import annotations

import shutil
import signal
import subprocess
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from tests.site.test_folder_site import PORTFOLIO, STEMS
from tests.site.test_serve import DEADLINE, _until, start_serve


@dataclass
class ServedFolder:
    """A `runbook serve` subprocess in a folder that holds the test portfolio."""

    folder: Path
    tmp: Path
    url: str
    process: subprocess.Popen[str]
    lines: list[str] = field(default_factory=list)

    def page(self, path: str) -> str:
        try:
            with urllib.request.urlopen(self.url + path, timeout=5) as response:
                return str(response.read().decode("utf-8", "replace"))
        except OSError:
            return ""

    def built(self, path: str) -> int:
        """When serve last wrote a file of the site (its temporary folder)."""
        (site,) = self.tmp.glob("mkdocs_*")
        return (site / path).stat().st_mtime_ns

    def edit(self, name: str, old: str, new: str) -> None:
        path = self.folder / "plans" / name
        text = path.read_text()
        assert old in text
        path.write_text(text.replace(old, new))

    def rebuilds(self) -> int:
        return "".join(self.lines).count("Rebuilt in ")


@pytest.fixture
def served(tmp_path: Path) -> Iterator[ServedFolder]:
    folder, tmp = tmp_path / "team", tmp_path / "tmp"
    folder.mkdir()
    tmp.mkdir()
    shutil.copytree(PORTFOLIO, folder / "plans")
    process, url, lines = start_serve(folder, tmp)
    served = ServedFolder(folder, tmp, url, process, lines)
    try:
        _until(lambda: "northwind-eu/index.html" in served.page("index.html"), "the first page")
        yield served
    finally:
        if process.poll() is None:
            process.kill()
            process.wait(timeout=30)


def test_a_saved_plan_rebuilds_that_plan_only(served: ServedFolder) -> None:
    assert "Serving the runbook for plans on " in "".join(served.lines)
    others = {
        path: served.built(path)
        for stem in ("fabrikam", "northwind-eu")
        for path in (f"{stem}/contacts.html", f"{stem}/runbook.pdf", f"{stem}/cards/general.pdf")
    }
    own_pdf = served.built("northwind/runbook.pdf")
    served.edit(
        "northwind.yaml", "organization: Northwind Outfitters\n", "organization: Southwind\n"
    )
    _until(lambda: "Southwind" in served.page("northwind/index.html"), "the edit to show")
    _until(lambda: served.rebuilds() == 1, "the rebuild line")
    assert "Southwind" in served.page("index.html"), "the choose-a-plan page follows"
    # the page first, then the copies: printed after the pages, and said
    _until(lambda: "Printed the PDF and cards of northwind in " in "".join(served.lines), "print")
    assert served.built("northwind/runbook.pdf") != own_pdf, "its copies are printed again"
    assert {path: served.built(path) for path in others} == others, "the others stay"
    assert "Southwind" not in served.page("fabrikam/index.html")

    # an invalid save: said in the terminal and on that plan's pages, not the others'
    served.edit("fabrikam.yaml", "    accountable: comms-director\n", "    accountable: nobody\n")
    _until(lambda: "runbook-invalid" in served.page("fabrikam/levels/level-4.html"), "banner")
    assert "runbook-invalid" not in served.page("northwind/levels/level-4.html")
    out = "".join(served.lines)
    assert "plans/fabrikam.yaml:" in out and "Still serving the last valid version" in out
    served.process.send_signal(signal.SIGINT)
    served.process.wait(timeout=DEADLINE)


def test_a_saved_people_file_rebuilds_every_plan(served: ServedFolder) -> None:
    served.edit("people.yaml", "+1 555 010 0100", "+1 555 010 0999")
    for stem in STEMS:
        _until(lambda s=stem: "010 0999" in served.page(f"{s}/contacts.html"), stem)
    assert "010 0100" not in served.page("northwind-eu/contacts.html")
    served.process.send_signal(signal.SIGINT)
    served.process.wait(timeout=DEADLINE)
