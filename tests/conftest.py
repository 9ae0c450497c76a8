"""Shared fixtures: paths, a fixed "today", and helpers to validate plan text."""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

import pytest

from generator.plan.diagnostics import Diagnostic
from generator.plan.loader import parse_plan_text
from generator.plan.validate import validate_document

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "plans" / "example.yaml"
MINIMAL = Path(__file__).resolve().parent / "data" / "minimal.yaml"
# Fixed, so review and verification warnings never depend on the day tests run.
TODAY = dt.date(2026, 11, 24)
UPDATE_GOLDEN = bool(os.environ.get("UPDATE_GOLDEN"))


def check_text(text: str, today: dt.date = TODAY) -> list[Diagnostic]:
    """Validate plan text; every diagnostic."""
    return validate_document(parse_plan_text(text, "plan.yaml"), today)


def messages(text: str, today: dt.date = TODAY) -> list[str]:
    """``LINE:COL severity message`` for each diagnostic, for compact asserts."""
    return [f"{d.line}:{d.col} {d.severity} {d.message}" for d in check_text(text, today)]


def edited(*pairs: tuple[str, str], base: Path = MINIMAL) -> str:
    """The minimal plan with each ``old`` text replaced by ``new`` (once, and it must exist)."""
    text = base.read_text("utf-8")
    for old, new in pairs:
        assert old in text, f"test setup: {old!r} not in {base.name}"
        text = text.replace(old, new, 1)
    return text


def compare_golden(path: Path, actual: str) -> None:
    """Assert ``actual`` equals the golden file; ``make golden`` rewrites it instead."""
    if UPDATE_GOLDEN:
        path.write_text(actual, "utf-8")
        return
    assert path.exists(), f"no golden file {path}: run `make golden` and review the diff"
    assert actual == path.read_text("utf-8")


@pytest.fixture
def minimal_text() -> str:
    """The minimal valid plan's text."""
    return MINIMAL.read_text("utf-8")


# The minimal plan's statement with an Arabic and a Hebrew translation, each with a
# phone number in it (kept left to right in right-to-left text)
ARABIC = "نحن نتحقق من {topic} الآن. للاستفسار اتصلوا بنا على +1 555 010 0100 شكرًا لصبركم."
HEBREW = "אנחנו בודקים את {topic} עכשיו. לשאלות התקשרו 03-555-0100 תודה על הסבלנות."
TRANSLATIONS = (
    "    text: We are looking into {topic}.\n",
    "    text: We are looking into {topic}.\n"
    "  - id: holding-ar\n    translation_of: holding\n    lang: ar\n"
    "    title: بيان مؤقت\n    use_from_level: 3\n    approver: lead\n"
    f"    text: {ARABIC}\n"
    "  - id: holding-he\n    translation_of: holding\n    lang: he\n"
    "    title: הודעה זמנית\n    use_from_level: 3\n    approver: lead\n"
    f"    text: {HEBREW}\n",
)
