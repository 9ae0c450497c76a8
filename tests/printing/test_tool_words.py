"""The drill kit in the plan's language: a German plan's kit, as PDF and as Markdown,
holds no English word of the tool's own, and every inject's words are German."""

from __future__ import annotations

import pytest

from generator.plan.validate import load_valid_plan
from generator.printing.drill import drill_kit, drill_markdown
from generator.printing.engine import Printer
from tests.conftest import EXAMPLE
from tests.language import GERMAN, leftovers, pdf_text

PLAN = load_valid_plan(GERMAN)


@pytest.mark.parametrize(("level", "playbook"), [(3, None), (4, None), (None, "konto-gehackt")])
def test_german_drill_kit_has_no_english_word_of_the_tool(
    level: int | None, playbook: str | None
) -> None:
    kit = drill_kit(PLAN, level, 5, 60, playbook)
    markdown = drill_markdown(kit)
    assert not leftovers(markdown), markdown
    assert markdown.startswith("# Planspielübung: Stufe")
    pdf, _ = Printer().pdf("drill.typ", kit, PLAN.plan.last_reviewed)
    text = pdf_text(pdf)
    assert not leftovers(text)
    assert "Was der Plan erwartet" in markdown and "Dem Team sagen" in text


def test_english_kit_is_unchanged_in_its_words() -> None:
    kit = drill_kit(load_valid_plan(EXAMPLE), 4, 7, 60)
    assert kit["injects"][0]["title"] == "It starts"
    assert drill_markdown(kit).startswith("# Tabletop drill: level 4")
