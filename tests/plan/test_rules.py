"""One test per semantic rule, on small edits of the minimal plan."""

from __future__ import annotations

import datetime as dt

import pytest

from tests.conftest import EXAMPLE, check_text, edited, messages


def test_example_and_minimal_plans_are_clean(minimal_text: str) -> None:
    assert check_text(EXAMPLE.read_text()) == []
    assert check_text(minimal_text) == []


def test_unknown_key_suggests_the_closest(minimal_text: str) -> None:
    out = messages(edited(("    accountable: lead\n", "    acountable: lead\n")))
    assert out == ["40:5 error unknown key `acountable`; did you mean `accountable`?"]


def test_missing_required_key_without_typo_is_reported() -> None:
    out = messages(edited(("    summary: Someone asks a question.\n", "")))
    assert len(out) == 1 and "missing required key `summary`" in out[0]


def test_every_missing_required_key_is_reported() -> None:
    out = messages("schema_version: 1\nplan:\n  title: T\n")
    top = {m.split("`")[1] for m in out if m.startswith("1:1 error missing required key")}
    plan = {m.split("`")[1] for m in out if m.startswith("2:1 error missing required key")}
    assert top == {
        "contacts",
        "roles",
        "severity_levels",
        "triage",
        "internal_comms",
        "social_accounts",
        "credentials",
    }
    assert plan == {"organization", "version", "owner", "last_reviewed"}
    assert len([m for m in out if " error " in m]) == 11


def test_unique_ids_across_each_list() -> None:
    out = messages(
        edited(
            ("    - id: upset\n", "    - id: many\n"), ("      no: upset\n", "      no: level-1\n")
        )
    )
    assert any("duplicate question id `many`" in m for m in out)


@pytest.mark.parametrize(
    ("old", "new", "fragment"),
    [
        ("  owner: lead\n  last", "  owner: boss\n  last", "no role has the id `boss`"),
        ("contacts: [ann, bob]", "contacts: [ann, bobby]", "did you mean `bob`"),
        ("    scheduled_via: [buffer]", "    scheduled_via: [bufer]", "did you mean `buffer`"),
        ("      sender: lead", "      sender: leader", "did you mean `lead`"),
        ("    approver: lead", "    approver: nobody", "add it under `roles`"),
        ("  within_days: 5\n  owner: lead", "  within_days: 5\n  owner: x", "no role"),
        ("      notify: [lead]", "      notify: [lead, cfo]", "`cfo`"),
        ("    use_from_level: 3", "    use_from_level: 5", "level 5 does not exist"),
        ("  from_level: 3", "  from_level: 7", "level 7 does not exist"),
    ],
)
def test_every_reference_resolves(old: str, new: str, fragment: str) -> None:
    out = messages(edited((old, new)))
    assert len(out) == 1 and fragment in out[0], out


def test_levels_without_gaps() -> None:
    out = messages(edited(("  - level: 1\n", "  - level: 4\n")))
    assert any("level 1 is missing" in m for m in out)


def test_triage_cycle_names_the_loop() -> None:
    out = messages(edited(("      no: level-1\n", "      no: many\n")))
    assert out == [
        "53:11 error the flowchart loops (many -> upset -> many): every path must end in a level"
    ]


def test_triage_start_must_exist() -> None:
    out = messages(edited(("  start: many\n", "  start: mny\n")))
    assert out == ["44:10 error no question has the id `mny`; did you mean `many`?"]


def test_unreachable_question_and_level() -> None:
    out = messages(edited(("      no: upset\n", "      no: level-1\n")))
    assert out == [
        "50:11 error question `upset` cannot be reached from `start` (many): "
        "point an answer at it or remove it"
    ]
    out = messages(edited(("      yes: level-2\n", "      yes: level-1\n")))
    assert out[0] == "30:12 warning no path of the triage flowchart leads to level 2"
    assert out[1].startswith("53:11 warning `yes` and `no` both lead to level 1")


@pytest.mark.parametrize(
    ("watch", "alarm", "ok"),
    [
        ((5, 1, 2), (10, 3, 3), True),  # stricter, higher level
        ((5, 1, 2), (10, 3, 1), False),  # stricter, lower level
        ((5, 1, 2), (5, 3, 1), False),  # same count for more windows, lower level
        ((5, 1, 2), (3, 3, 1), True),  # neither is stricter: no order implied
        ((5, 1, 2), (5, 1, 3), False),  # identical condition, different level
        ((5, 1, 2), (10, 1, 2), True),  # stricter, same level is fine
    ],
)
def test_threshold_consistency(
    watch: tuple[int, int, int], alarm: tuple[int, int, int], ok: bool
) -> None:
    text = edited(
        (
            "      above: 5\n      level: 2\n",
            f"      above: {watch[0]}\n      for_windows: {watch[1]}\n      level: {watch[2]}\n",
        ),
        (
            "      above: 10\n      for_windows: 3\n      level: 3\n",
            f"      above: {alarm[0]}\n      for_windows: {alarm[1]}\n      level: {alarm[2]}\n",
        ),
    )
    # the alarm notifies `lead`, who may take no part at the level tried: another rule
    out = [m for m in messages(text) if "takes no part" not in m]
    assert (out == []) is ok, out


def test_dates_must_be_real() -> None:
    out = messages(edited(("  last_reviewed: 2026-11-01\n", "  last_reviewed: 2026-13-01\n")))
    assert out == ["7:18 error `2026-13-01` is not a real date: check the month and day"]


def test_timezone_must_be_iana() -> None:
    out = messages(
        edited(("    name: Bob Ray\n", "    name: Bob Ray\n    timezone: ../../etc/passwd\n"))
    )
    assert len(out) == 1 and "is not a time zone" in out[0]
    assert (
        messages(edited(("    name: Bob Ray\n", "    name: Bob Ray\n    timezone: Asia/Tokyo\n")))
        == []
    )


def test_overdue_review_is_a_warning_relative_to_today(minimal_text: str) -> None:
    assert messages(minimal_text, today=dt.date(2027, 4, 30)) == []
    out = messages(minimal_text, today=dt.date(2027, 5, 1))
    assert out[0].startswith("7:18 warning the plan's review is overdue")
    assert "due on 2027-04-30" in out[0]


def test_review_interval_is_honoured() -> None:
    text = edited(
        (
            "  last_reviewed: 2026-11-01\n",
            "  last_reviewed: 2026-11-01\n  review_interval_days: 10\n",
        )
    )
    assert any("every 10 days" in m for m in messages(text, today=dt.date(2026, 11, 12)))


def test_stale_contact_uses_contact_max_age() -> None:
    text = edited(
        (
            "  last_reviewed: 2026-11-01\n",
            "  last_reviewed: 2026-11-01\n  contact_max_age_days: 10\n",
        )
    )
    out = messages(text, today=dt.date(2026, 11, 12))
    assert out == [
        "13:18 warning Ann Lee's details were last verified on 2026-11-01, more than 10 days ago: "
        "confirm them and update `verified_on`"
    ]


def test_missing_verified_on_is_not_a_warning(minimal_text: str) -> None:
    assert "verified_on" not in minimal_text.split("- id: bob")[1].split("roles:")[0]
    assert messages(minimal_text, today=dt.date(2027, 1, 1)) == []


def test_single_contact_only_matters_for_crisis_levels() -> None:
    out = messages(edited(("    accountable: lead\n", "    accountable: agent\n")))
    assert len(out) == 1 and "accountable for crisis level 3" in out[0]
    not_crisis = edited(
        ("    accountable: lead\n", "    accountable: agent\n"), ("    crisis: true\n", "")
    )
    assert messages(not_crisis) == []


@pytest.mark.parametrize(("mfa", "warned"), [("sms", True), ("none", True), ("email", False)])
def test_weak_mfa(mfa: str, warned: bool) -> None:
    out = messages(edited(("    mfa: hardware-key\n", f"    mfa: {mfa}\n")))
    assert bool(out) is warned


def test_placeholders_in_subject_body_and_statements() -> None:
    out = messages(edited(('"About {incident_title}"', '"About {Incident}"')))
    assert len(out) == 1 and "`{Incident}` is not a placeholder" in out[0]
    out = messages(edited(("{topic}.", "{topic}} and {")))
    assert len(out) == 2


def test_all_problems_in_one_run_sorted_by_position() -> None:
    text = edited(
        ("    mfa: hardware-key\n", "    mfa: none\n"),
        ("  owner: lead\n  last", "  owner: nobody\n  last"),
        ("    name: Question\n", "    name: 7\n"),
    )
    out = check_text(text)
    assert [(d.line, d.col) for d in out] == sorted((d.line, d.col) for d in out)
    assert len(out) == 3
