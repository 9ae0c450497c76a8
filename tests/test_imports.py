"""Imports: `runbook validate` stays fast (no site or PDF stack), `runbook pdf` loads no
site stack (it would only add memory), and the package's stages import one way only,
down the layers."""

from __future__ import annotations

import ast
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

from tests.conftest import EXAMPLE, ROOT

PROBE = """
import sys
from click.testing import CliRunner
from generator.cli import main
result = CliRunner().invoke(main, sys.argv[1:])
heavy = {"mkdocs", "material", "weasyprint", "jinja2", "markdown", "pandas"}
heavy = sorted({m.split('.')[0] for m in sys.modules} & heavy)
print(result.exit_code, heavy)
"""


def _heavy_imports(*args: str) -> str:
    return subprocess.run(
        [sys.executable, "-c", PROBE, *args],
        capture_output=True,
        text=True,
        cwd=ROOT,
        check=True,
    ).stdout.strip()


def test_validate_imports_no_heavy_stack() -> None:
    assert _heavy_imports("validate", str(EXAMPLE)) == "0 []"


def test_pdf_imports_no_site_stack(tmp_path: Path) -> None:
    out = str(tmp_path / "runbook.pdf")
    assert _heavy_imports("pdf", "--plan", str(EXAMPLE), "-o", out) == "0 []"
    assert Path(out).read_bytes().startswith(b"%PDF")


# Which parts of generator/ each part may import (besides itself). Data flows one way:
# base modules <- plan <- shared <- the four output stages <- the composers.
BASE = {"__init__", "errors", "files"}  # errors and files import nothing above them
ALLOWED: dict[str, set[str]] = {
    **{name: set() for name in BASE},
    "files": {"__init__", "errors"},
    "plan": {*BASE},
    "shared": {*BASE, "plan"},
    "site": {*BASE, "plan", "shared"},
    "printing": {*BASE, "plan", "shared"},
    "review": {*BASE, "plan", "shared"},
    "listening": {*BASE, "plan", "shared"},
    "scaffold": {*BASE, "plan", "shared"},
    # the MkDocs plugin puts the printed copies into the site: it sits above both
    "mkdocs_plugin": {*BASE, "plan", "shared", "site", "printing"},
    "cli": {*BASE, "plan", "shared", "site", "printing", "review", "listening", "scaffold"},
    "__main__": {"cli"},
    "locale": set(),  # the message catalogs: data, no code
}


def _part(module: str) -> str:
    """``generator.plan.loader`` -> ``plan``; ``generator.cli`` -> ``cli``."""
    parts = module.split(".")
    return parts[1] if len(parts) > 1 else "__init__"


def _runtime_imports(tree: ast.AST) -> Iterator[tuple[int, str]]:
    """Every ``generator`` import that runs, at any depth; type-only imports are skipped."""
    for node in ast.iter_child_nodes(tree):
        if isinstance(node, ast.If) and getattr(node.test, "id", "") == "TYPE_CHECKING":
            yield from (i for n in node.orelse for i in _runtime_imports(n))
            continue
        if isinstance(node, ast.Import):
            yield from ((node.lineno, a.name) for a in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            if node.module == "generator":  # a part (`from generator import site`) or a name
                for a in node.names:
                    yield node.lineno, f"generator.{a.name}" if a.name in ALLOWED else "generator"
            else:
                yield node.lineno, node.module
        yield from _runtime_imports(node)


def layering_violations(files: dict[str, str]) -> list[str]:
    """``file:line: part imports part`` for each import the rules above forbid.
    ``files`` maps a module name (``generator.plan.loader``) to its source."""
    out = []
    for module, source in sorted(files.items()):
        here = _part(module)
        for line, target in _runtime_imports(ast.parse(source)):
            if not target.startswith("generator"):
                continue
            there = _part(target)
            if there != here and there not in ALLOWED[here]:
                out.append(f"{module}:{line}: {here} imports {there} ({target})")
    return out


def _package_sources() -> dict[str, str]:
    package = ROOT / "generator"
    return {
        ".".join(("generator", *p.relative_to(package).with_suffix("").parts)): p.read_text()
        for p in package.rglob("*.py")
    }


def test_every_part_of_the_package_has_a_layering_rule() -> None:
    assert {_part(m) for m in _package_sources()} <= set(ALLOWED)


def test_stages_import_only_downwards() -> None:
    assert layering_violations(_package_sources()) == []


def test_the_layering_check_catches_upward_and_sideways_imports() -> None:
    bad = {
        "generator.plan.model": "from generator.site.render import render_pages\n",
        "generator.site.render": "def f():\n    from generator.printing import pdf\n",
        "generator.review.diff": "from generator import listening\n",
        "generator.errors": "from typing import TYPE_CHECKING\n"
        "if TYPE_CHECKING:\n    from generator.plan.diagnostics import Diagnostic\n",
    }
    assert layering_violations(bad) == [
        "generator.plan.model:1: plan imports site (generator.site.render)",
        "generator.review.diff:1: review imports listening (generator.listening)",
        "generator.site.render:2: site imports printing (generator.printing)",
    ]
