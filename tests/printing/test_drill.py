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
from generator.plan.model import Plan
from generator.plan.validate import load_valid_plan
from generator.printing.drill import drill_kit, drill_markdown
from generator.printing.engine import Printer
from tests.conftest import EXAMPLE, TODAY
from tests.printing.conftest import FOUR
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
    kit = drill_kit(PLAN, 5, 7, 60)
    titles = {r["id"]: r["title"] for r in data["roles"]}
    expectations = [e for item in kit["injects"] for e in item["expect"]]
    assert len(expectations) >= 8
    for e in expectations:
        assert titles[_field(data, e["source"])] == e["role"], e["source"]
    kinds = " ".join(item["title"] for item in kit["injects"])
    for inject in ("Press enquiry", "Staff post", "Account compromised", "scheduled"):
        assert inject in kinds, inject
    assert "Listening" in " ".join(i["title"] for i in drill_kit(PLAN, 3, 7, 60)["injects"])
    times = [item["at"] for item in kit["injects"]]
    assert times == sorted(times) and times[-1] < 60
    assert kit["scenario"] in PLAN.level(5).examples
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
    assert "Lee Wong +1 555 010 0101" in result.output and "plan version 2026.11 " in result.output
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
    assert "What happened" in text and f"From the plan: level {level}'s accountable role" in text
    assert "severity_levels" not in text


INTERNAL = re.compile(r"[a-z_]+\[\d+\]|severity_levels|access_admins|\.notify|\.owner\b")


@pytest.mark.parametrize("name", FOUR)
def test_every_kit_is_plain_markdown_in_the_plans_words(plans: dict[str, Plan], name: str) -> None:
    plan = plans[name]
    for lv in plan.severity_levels:
        text = drill_markdown(drill_kit(plan, lv.level, 3, 60))
        assert not re.search(r"&#?\w+;", text), "no HTML entity"
        assert "\u2060" not in text, "no invisible joiner after @"
        assert INTERNAL.search(text) is None, INTERNAL.search(text)
        assert ".." not in text.replace("...", "") and ".;" not in text
        phones = [c.phone for c in plan.contacts if c.phone and c.phone in text]
        assert phones and "\\+" not in text, "phones as written, unescaped"
        assert f"from the plan: level {lv.level}'s accountable role" in text
        for item in drill_kit(plan, lv.level, 3, 60)["injects"]:
            for e in item["expect"]:
                assert e["source"] and e["where"], "traced to the plan, said in words"
    for playbook in plan.playbooks:  # a kit drawn from a playbook says it in words too
        text = drill_markdown(drill_kit(plan, None, 3, 60, playbook.id))
        assert INTERNAL.search(text) is None, INTERNAL.search(text)
        assert not re.search(r"&#?\w+;", text) and "\u2060" not in text


def test_a_kits_expectations_are_true_of_the_plan(tmp_path: Path) -> None:
    from tests.conftest import edited

    four = drill_kit(PLAN, 4, 7, 60)
    told = " ".join(item["title"] + " " + item["told"] for item in four["injects"])
    what = " ".join(e["what"] for item in four["injects"] for e in item["expect"])
    assert "level 2" not in what and "level 3" not in what, "no lower level's rule at level 4"
    three = drill_kit(PLAN, 3, 7, 60)
    assert not any("scheduled post" in i["title"] for i in three["injects"]), (
        "level 3 keeps scheduled posts running: no pause is expected"
    )
    assert "Pauses" in what  # level 4 pauses them
    # "uses" names three steps and counts the rest
    first = four["injects"][0]["expect"][0]["uses"]
    more = len(PLAN.level(4).actions) - 3
    assert first.endswith(f"; and {more} more") if more > 0 else "more" not in first
    assert "employee guidelines" in told
    # a plan with no employee guidelines: none are cited
    plan_file = tmp_path / "p.yaml"
    plan_file.write_text(edited())
    bare = load_valid_plan(plan_file, TODAY)
    assert not bare.internal_comms.dont and not bare.internal_comms.do
    for lv in bare.severity_levels:
        kit = drill_markdown(drill_kit(bare, lv.level, 1, 60))
        assert "guidelines" not in kit


def test_an_injects_heading_never_leaves_its_first_checkbox(plans: dict[str, Plan]) -> None:
    for name in ("example", "large"):
        plan = plans[name]
        level = plan.severity_levels[-1].level
        pdf, _ = Printer().pdf("drill.typ", drill_kit(plan, level, 3, 90), plan.plan.last_reviewed)
        for page in pypdf.PdfReader(io.BytesIO(pdf)).pages:
            text = " ".join((page.extract_text() or "").split())
            last = text.rfind("T+")
            if last >= 0:
                assert "What happened" in text[last:], f"{name}: a heading ends its page"


def test_plan_text_in_a_markdown_kit_is_never_markup() -> None:
    from generator.printing.drill import md

    # CommonMark's backslash escapes: each character that would start markup, and no other
    hostile = "# Boom <script>x</script> **bold** [link](https://x.example) `c` &amp; _em_ ~~s~~"
    assert md(hostile, line_start=True) == (
        "\\# Boom \\<script>x\\</script> \\*\\*bold\\*\\* \\[link\\](https://x.example) "
        "\\`c\\` \\&amp; \\_em\\_ \\~\\~s\\~\\~"
    )
    assert md("a\nb\n\n# c") == "a b # c", "one line: a plan's line breaks start no block"
    # what needs no escape keeps its form: phones, versions, addresses, snake_case
    plain = "+44 20 7946 0011 · 2026.11 · hana.sato@northwind.example · on_call: 1. Call"
    assert md(plain) == plain
    assert md("1. Call the CEO", line_start=True) == "1\\. Call the CEO"


@pytest.mark.parametrize("name", FOUR)
def test_every_kit_pdf_stays_on_its_pages(plans: dict[str, Plan], name: str) -> None:
    plan = plans[name]
    for lv in plan.severity_levels[-2:]:
        kit = drill_kit(plan, lv.level, 3, 60)
        pdf, _ = Printer().pdf("drill.typ", kit, plan.plan.last_reviewed)
        assert _outside(pdf, margin=28) == [], (name, lv.level)
        text = " ".join(
            " ".join((p.extract_text() or "").split())
            for p in pypdf.PdfReader(io.BytesIO(pdf)).pages
        )
        assert "severity_levels" not in text and f"level {lv.level}'s accountable role" in text
