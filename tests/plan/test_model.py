"""The model built from a valid plan: defaults applied, frozen, lookups work."""

from __future__ import annotations

import dataclasses
import datetime as dt

import pytest

from generator.errors import PlanInvalid
from generator.plan.validate import load_valid_plan
from tests.conftest import EXAMPLE, MINIMAL, TODAY


def test_example_model() -> None:
    plan = load_valid_plan(EXAMPLE, TODAY)
    assert plan.plan.organization == "Northwind Outfitters"
    assert plan.plan.last_reviewed == dt.date(2026, 11, 1)
    assert plan.plan.review_due == dt.date(2027, 1, 30)
    assert [lv.level for lv in plan.severity_levels] == [1, 2, 3, 4, 5]
    assert plan.level(4).pause_scheduled_posts is True
    assert plan.primary_contact("cmo").name == "Dana Kim"
    assert plan.listening is not None and plan.listening.thresholds[-1].for_windows == 4
    assert len({a.platform for a in plan.social_accounts}) >= 5
    assert plan.triage.questions[0].yes == "level-5"


def test_defaults_are_applied() -> None:
    plan = load_valid_plan(MINIMAL, TODAY)
    assert plan.plan.review_interval_days == 180
    assert plan.plan.contact_max_age_days == 180
    assert plan.plan.classification is None
    assert plan.level(1).crisis is False and plan.level(1).pause_scheduled_posts is False
    assert plan.listening is not None and plan.listening.thresholds[0].for_windows == 1
    assert plan.contact("bob").verified_on is None


def test_model_is_frozen() -> None:
    plan = load_valid_plan(MINIMAL, TODAY)
    with pytest.raises(dataclasses.FrozenInstanceError):
        plan.plan.title = "x"  # type: ignore[misc]


def test_invalid_plan_raises_with_every_diagnostic(tmp_path) -> None:  # type: ignore[no-untyped-def]
    bad = tmp_path / "bad.yaml"
    bad.write_text(MINIMAL.read_text().replace("accountable: lead", "accountable: x"))
    with pytest.raises(PlanInvalid) as info:
        load_valid_plan(bad, TODAY)
    assert len(info.value.diagnostics) == 1


def test_exercises_are_built_oldest_first_with_their_follow_ups() -> None:
    from generator.plan.validate import load_valid_plan
    from tests.conftest import EXAMPLE, TODAY

    plan = load_valid_plan(EXAMPLE, TODAY)
    assert [e.date.isoformat() for e in plan.exercises] == ["2026-03-10", "2026-10-14"]
    last = plan.exercises[-1]
    assert last.kind == "simulation" and last.level == 5 and "it-security" in last.participants
    (open_item,) = [f for e in plan.exercises for f in e.follow_ups if not f.done]
    assert open_item.owner == "it-security" and open_item.due.isoformat() == "2027-01-15"
    assert plan.plan.exercise_interval_days == 180
