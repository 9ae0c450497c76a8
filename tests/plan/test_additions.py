"""The sections real organisations' plans need: playbooks, channels, platform recovery,
notes, admins, rotas, contact hours and web forms, who declares a level, short scales.

The contract's own example blocks (tests/data/contract.yaml) and two realistic plans
(a university's and a city government's) must validate with nothing to report.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from generator.plan.loader import parse_plan_text
from generator.plan.model import build_plan
from generator.plan.playbooks import Note
from generator.plan.rotation import Rotation
from generator.plan.validate import load_valid_plan
from tests.conftest import EXAMPLE, TODAY, check_text, edited, messages

DATA = Path(__file__).resolve().parent.parent / "data"
PLANS = [DATA / "contract.yaml", DATA / "university.yaml", DATA / "city.yaml", EXAMPLE]


@pytest.mark.parametrize("path", PLANS, ids=[p.stem for p in PLANS])
def test_plans_with_every_addition_validate_clean(path: Path) -> None:
    assert check_text(path.read_text("utf-8")) == []


def test_the_city_plan_keeps_its_two_levels_and_its_channels() -> None:
    plan = load_valid_plan(DATA / "city.yaml", TODAY)
    assert [lv.level for lv in plan.severity_levels] == [1, 2]
    statement = plan.external_statements[0]
    assert statement.channels[:2] == ("alert-texts", "emergency-site")
    assert {c.kind for c in plan.channels} == {"sms-alert", "website", "hotline", "press-list"}
    assert plan.level(2).declared_by == ("pio", "eoc")
    web_only = plan.contact("x-gov-support")
    assert (web_only.phone, web_only.email, web_only.url) == (
        None,
        None,
        "https://help.x.com/en/forms",
    )


def test_the_example_uses_every_addition() -> None:
    plan = load_valid_plan(EXAMPLE, TODAY)
    assert {p.id for p in plan.playbooks} == {"account-compromised", "offensive-post"}
    assert any(c.kind == "sms-alert" for c in plan.channels)
    assert {r.platform for r in plan.platform_recovery} == {
        a.platform for a in plan.social_accounts
    }
    assert all(r.verified_on for r in plan.platform_recovery)
    assert any(r.rotation for r in plan.roles)
    assert [n.id for n in plan.notes] == ["principles"]
    assert any(a.admins for a in plan.social_accounts)
    assert any(c.hours for c in plan.contacts) and any(c.url for c in plan.contacts)
    assert any(lv.declared_by for lv in plan.severity_levels)


def test_account_people_counts_owner_and_admin_contacts_once() -> None:
    plan = load_valid_plan(EXAMPLE, TODAY)
    x = next(a for a in plan.social_accounts if a.id == "x-main")
    # social-lead: sofia, tom; comms-director: lee, priya
    assert plan.account_people(x) == ("sofia-reyes", "tom-okafor", "lee-wong", "priya-shah")
    assert plan.recovery_for("x") is not None and plan.recovery_for("threads") is None


def test_rotation_follows_the_contract_formula() -> None:
    rota = Rotation(dt.date(2026, 11, 2), 7, ("a", "b", "c"))
    assert rota.on_call(dt.date(2026, 11, 2)) == "a"
    assert rota.on_call(dt.date(2026, 11, 8)) == "a"
    assert rota.on_call(dt.date(2026, 11, 9)) == "b"
    assert rota.on_call(dt.date(2026, 11, 23)) == "a"  # three shifts later, round again
    assert rota.on_call(dt.date(2026, 11, 1)) == "c"  # before `starts`, counting backwards
    shifts = rota.shifts_from(dt.date(2026, 11, 10))
    assert len(shifts) == 8
    assert (shifts[0].first_day, shifts[0].last_day, shifts[0].contact) == (
        dt.date(2026, 11, 9),
        dt.date(2026, 11, 15),
        "b",
    )
    assert shifts[1].first_day == dt.date(2026, 11, 16)


def test_note_text_is_paragraphs_and_lists_only() -> None:
    note = Note(
        "n",
        "N",
        "First line\nsecond line.\n\n- one\n- two **not bold**\n  wrapped\n\nLast # not a heading",
    )
    blocks = note.blocks
    assert [(b.is_list, b.items) for b in blocks] == [
        (False, ("First line second line.",)),
        (True, ("one", "two **not bold** wrapped")),
        (False, ("Last # not a heading",)),
    ]


def test_plans_without_the_additions_build_as_before(minimal_text: str) -> None:
    doc = parse_plan_text(minimal_text, "plan.yaml")
    plan = build_plan(doc.data)
    assert plan.playbooks == () and plan.channels == () and plan.notes == ()
    assert plan.platform_recovery == () and all(r.rotation is None for r in plan.roles)


def test_language_keys_are_accepted_and_shaped() -> None:
    ok = edited(("  owner: lead\n  last", "  owner: lead\n  language: fr-CA\n  last"))
    assert messages(ok) == []
    bad = edited(("  owner: lead\n  last", "  owner: lead\n  language: french canadian\n  last"))
    assert any("is not a language tag" in m for m in messages(bad))


def test_a_statement_may_name_an_account_id() -> None:
    assert messages(edited(("channels: [x]", "channels: [x-main]"))) == []


def test_init_s_plan_shows_every_addition_with_a_comment() -> None:
    from generator.scaffold import starter_plan

    text = starter_plan()
    assert check_text(text) == []
    lines = text.splitlines()
    for key in ("channels:", "platform_recovery:", "playbooks:", "notes:", "    rotation:"):
        at = lines.index(key)
        assert lines[at - 1].lstrip().startswith("#"), key  # a comment says what it is for
    assert "admins: [comms-director]" in text and "declared_by:" in text
    assert "hours:" in text and "url: https://www.facebook.com/business/help/support" in text


def test_a_role_with_work_only_in_the_new_sections_is_not_dead_weight() -> None:
    from generator.plan.contradictions import roles_with_work

    data = {
        "playbooks": [{"owner": "lead", "steps": [{"do": "x", "owner": "helper"}]}],
        "social_accounts": [{"owner": "social", "admins": ["deputy"]}],
        "channels": [{"owner": "web"}],
        "severity_levels": [{"level": 1, "declared_by": ["duty"]}],
    }
    assert {"lead", "helper", "deputy", "web", "duty"} <= roles_with_work(data)
