"""`runbook drill`: a kit built only from the plan, the same bytes for the same seed,
every expectation traced to a plan field, and a PDF that passes the print tests."""

from __future__ import annotations

import io
import re
from pathlib import Path
from typing import Any

import pypdf
import pytest
from click.testing import CliRunner

from generator.cli import main
from generator.plan.validate import load_valid_plan
from generator.printing.drill import drill_kit, drill_markdown
from generator.printing.engine import Printer
from tests.conftest import EXAMPLE, TODAY
from tests.printing.test_layout import _outside

PLAN = load_valid_plan(EXAMPLE, TODAY)


def _field(data: Any, source: str) -> Any:
    """The value at a source path such as ``severity_levels[3].responsible[1]``."""
    node = data
    for name, index in re.findall(r"([a-z_]+)|\[(\d+)\]", source):
        node = node[name] if name else node[int(index)]
    return node


def test_every_expectation_traces_to_a_plan_field() -> None:
    from generator.plan.loader import parse_plan_text

    data = parse_plan_text(EXAMPLE.read_text(), "example.yaml").data
    kit = drill_kit(PLAN, 4, 7, 60)
    titles = {r["id"]: r["title"] for r in data["roles"]}
    expectations = [e for item in kit["injects"] for e in item["expect"]]
    assert len(expectations) >= 8
    for e in expectations:
        assert titles[_field(data, e["source"])] == e["role"], e["source"]
    kinds = " ".join(item["title"] for item in kit["injects"])
    for inject in ("Listening", "Press enquiry", "Staff post", "Account compromised", "scheduled"):
        assert inject in kinds, inject
    times = [item["at"] for item in kit["injects"]]
    assert times == sorted(times) and times[-1] < 60
    assert kit["scenario"] in PLAN.level(4).examples
    assert kit["questions"] == list(PLAN.after_action.questions)  # type: ignore[union-attr]


def test_changing_the_owner_changes_the_kit(tmp_path: Path) -> None:
    text = EXAMPLE.read_text()
    level4 = text.index("  - level: 4")
    changed = text[:level4] + text[level4:].replace(
        "accountable: comms-director", "accountable: cmo", 1
    )
    plan_file = tmp_path / "p.yaml"
    plan_file.write_text(changed)
    other = load_valid_plan(plan_file, TODAY)
    first = drill_kit(PLAN, 4, 7, 60)["injects"][0]["expect"][0]
    second = drill_kit(other, 4, 7, 60)["injects"][0]["expect"][0]
    assert (
        first["role"] == "Communications Director" and second["role"] == "Chief Marketing Officer"
    )
    assert second["calls"][0]["name"] == "Dana Kim"


def test_same_seed_same_bytes_other_seed_other_kit(tmp_path: Path) -> None:
    runner = CliRunner()
    outs = []
    for seed, name in ((7, "a"), (7, "b")):
        target = tmp_path / f"{name}.pdf"
        args = ["drill", "--plan", str(EXAMPLE), "--level", "4", "--seed", str(seed)]
        result = runner.invoke(main, [*args, "-o", str(target)])
        assert result.exit_code == 0, result.output
        outs.append(target.read_bytes())
    assert outs[0] == outs[1]
    md = [drill_markdown(drill_kit(PLAN, 4, s, 60)) for s in (7, 7, 8, 9, 10)]
    assert md[0] == md[1] and len(set(md[1:])) > 1


def test_markdown_for_a_wiki_and_level_outside_the_plan() -> None:
    runner = CliRunner()
    result = runner.invoke(
        main,
        ["drill", "--plan", str(EXAMPLE), "--level", "4", "--seed", "7", "--format", "markdown"],
    )
    assert result.exit_code == 0
    assert result.output.startswith("# Tabletop drill: level 4")
    assert "- [ ] **Communications Director** (Accountable)" in result.output
    assert "## After-action review" in result.output
    bad = runner.invoke(main, ["drill", "--plan", str(EXAMPLE), "--level", "9"])
    assert bad.exit_code == 2 and "the plan has levels 1 to 5" in bad.output


@pytest.mark.parametrize("level", [1, 3, 4, 5])
def test_kit_pdf_is_tagged_and_nothing_leaves_the_page(level: int) -> None:
    pdf, pages = Printer().pdf("drill.typ", drill_kit(PLAN, level, 3, 45), PLAN.plan.last_reviewed)
    assert pages >= 1 and _outside(pdf, margin=28) == []
    catalog = pypdf.PdfReader(io.BytesIO(pdf)).trailer["/Root"]
    assert "/StructTreeRoot" in catalog and bool(catalog["/MarkInfo"]["/Marked"])
    text = " ".join(p.extract_text() or "" for p in pypdf.PdfReader(io.BytesIO(pdf)).pages)
    assert "What happened" in text and "From the plan: severity_levels" in text
