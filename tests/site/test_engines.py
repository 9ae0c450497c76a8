"""Engines after Material for MkDocs: `runbook render --out` writes a tree that builds
unchanged with MkDocs, ProperDocs and Zensical, and the plugin runs under ProperDocs."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from generator.cli import main
from tests.conftest import EXAMPLE, ROOT

BIN = Path(sys.executable).parent
ENGINES = {
    "mkdocs": [str(BIN / "mkdocs"), "build", "-q"],
    "properdocs": [str(BIN / "properdocs"), "build", "-q", "-f", "mkdocs.yml"],
    "zensical": [str(BIN / "zensical"), "build"],
}


@pytest.fixture(scope="module")
def rendered(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("render") / "out"
    result = CliRunner().invoke(main, ["render", "--plan", str(EXAMPLE), "--out", str(out)])
    assert result.exit_code == 0, result.output
    return out


def _build(cmd: list[str], cwd: Path) -> Path:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    done = subprocess.run(cmd, cwd=cwd, env=env, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stdout + done.stderr
    return cwd / "site"


@pytest.mark.parametrize("engine", list(ENGINES))
def test_rendered_markdown_builds_with_every_engine(
    rendered: Path, tmp_path: Path, engine: str
) -> None:
    import shutil

    tree = tmp_path / engine
    shutil.copytree(rendered, tree)
    site = _build(ENGINES[engine], tree)
    for page in ("index.html", "triage.html", "levels/level-4.html", "credentials.html"):
        assert (site / page).is_file(), f"{engine}: no {page}"
    triage = (site / "triage.html").read_text()
    targets = set(re.findall(r'href="#(question-[^"]+)"', triage))
    assert targets, f"{engine}: the flowchart's questions are linked"
    for target in targets:
        assert f'id="{target}"' in triage, f"{engine}: #{target} does not exist"
    assert "!!!" not in triage and "{:" not in triage
    search = [p for p in site.rglob("*") if p.is_file() and "search" in p.name]
    assert search, f"{engine}: the site has its own search index (works offline)"
    assert (site / "assets" / "runbook.css").is_file()


def test_the_plugin_runs_under_properdocs(tmp_path: Path) -> None:
    site = tmp_path / "site"
    cmd = [str(BIN / "properdocs"), "build", "-q", "-f", str(ROOT / "mkdocs.yml")]
    _build([*cmd, "-d", str(site)], ROOT)
    assert "Northwind" in (site / "contacts.html").read_text()
    assert (site / "runbook.pdf").read_bytes().startswith(b"%PDF")
