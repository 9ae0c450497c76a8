"""`runbook validate` stays fast: it must not import the site or PDF stacks."""

from __future__ import annotations

import subprocess
import sys

from tests.conftest import EXAMPLE, ROOT

PROBE = """
import sys
from click.testing import CliRunner
from generator.cli import main
result = CliRunner().invoke(main, ["validate", sys.argv[1]])
heavy = {"mkdocs", "material", "weasyprint", "jinja2", "markdown", "pandas"}
heavy = sorted({m.split('.')[0] for m in sys.modules} & heavy)
print(result.exit_code, heavy)
"""


def test_validate_imports_no_heavy_stack() -> None:
    out = subprocess.run(
        [sys.executable, "-c", PROBE, str(EXAMPLE)],
        capture_output=True,
        text=True,
        cwd=ROOT,
        check=True,
    ).stdout
    assert out.strip() == "0 []"
