"""The installable, offline site: manifest, icon and the service worker's precache list."""

from __future__ import annotations

import json
import re
from pathlib import Path

from click.testing import CliRunner

from generator.cli import main
from generator.site.offline import (
    ICON,
    MANIFEST,
    WORKER,
    cache_version,
    icon_svg,
    manifest,
    precache_paths,
    service_worker,
)
from tests.conftest import MINIMAL, ROOT


def test_cache_version_follows_every_file_and_nothing_else() -> None:
    site = {"index.html": b"<h1>A</h1>", "assets/x.css": b"a{}", "runbook.pdf": b"%PDF"}
    version = cache_version(site)
    assert version == cache_version(dict(reversed(list(site.items())))), "order does not matter"
    assert version != cache_version({**site, "runbook.pdf": b"%PDF-2"}), "a new PDF, a new cache"
    assert version != cache_version({**site, "cards/ceo.pdf": b"%PDF"}), "a new file too"
    assert version == cache_version({**site, WORKER: b"anything"}), "not the worker itself"


def test_precache_lists_every_file_and_each_folder_address() -> None:
    paths = precache_paths(["index.html", "levels/level-1/index.html", "runbook.pdf", WORKER])
    assert paths == sorted(
        ["./", "index.html", "levels/level-1/", "levels/level-1/index.html", "runbook.pdf"]
    )


def test_worker_source_carries_the_list_and_version() -> None:
    site = {"index.html": b"x", "a</script>.html": b"y"}
    source = service_worker(site)
    assert f'var VERSION = "{cache_version(site)}";' in source
    listed = re.search(r"var FILES = (\[.*?\]);", source, re.S)
    assert listed and json.loads(listed.group(1)) == ["./", "a</script>.html", "index.html"]
    assert "</script>" not in source
    assert "__RUNBOOK_" not in source


def test_manifest_and_icon() -> None:
    data = json.loads(manifest("Acme Runbook", "Acme Runbook", "#a4161a"))
    assert data["start_url"] == "./index.html" and data["display"] == "standalone"
    assert data["theme_color"] == "#a4161a"
    assert {i["src"] for i in data["icons"]} == {ICON}
    svg = icon_svg("#123456")
    assert 'fill="#123456"' in svg and "<text" not in svg  # shapes only: no font needed
    assert icon_svg() == icon_svg()


def test_built_site_is_installable_and_lists_every_file(tmp_path: Path) -> None:
    site = tmp_path / "site"
    args = ["build", "--config", str(ROOT / "mkdocs.yml"), "--plan", str(MINIMAL)]
    result = CliRunner().invoke(main, [*args, "--site-dir", str(site)])
    assert result.exit_code == 0, result.output
    data = json.loads((site / MANIFEST).read_text())
    assert data["name"] == "Test Runbook - Acme"
    assert (site / ICON).read_text().startswith("<svg")
    page = (site / "levels" / "level-1.html").read_text()
    assert '<link rel="manifest" href="../manifest.webmanifest">' in page
    source = (site / WORKER).read_text()
    listed = json.loads(re.search(r"var FILES = (\[.*?\]);", source, re.S).group(1))  # type: ignore[union-attr]
    files = {
        p.relative_to(site).as_posix()
        for p in site.rglob("*")
        if p.is_file() and not p.name.startswith(".") and p.name != WORKER
    }
    assert files <= set(listed), files - set(listed)
    assert "runbook.pdf" in listed and any(p.startswith("cards/") for p in listed)
    assert not [p for p in listed if (p.startswith(".") and p != "./") or "/." in p]
