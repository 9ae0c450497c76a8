"""The optional sections in print: playbook and note chapters, recovery entries beside
the credential checklists, rotas' next shifts, a role's playbook steps on its card, and
drills drawn from a playbook."""

from __future__ import annotations

import io

import pypdf
import pytest

from generator.errors import UsageError
from generator.plan.validate import load_valid_plan
from generator.printing.data import card_data, runbook_data
from generator.printing.drill import drill_kit, drill_markdown
from generator.printing.pdf import card_pdf, runbook_pdf
from tests.conftest import EXAMPLE, TODAY

PLAN = load_valid_plan(EXAMPLE, TODAY)


def _text(pdf: bytes) -> str:
    reader = pypdf.PdfReader(io.BytesIO(pdf))
    return " ".join(" ".join((p.extract_text() or "").split()) for p in reader.pages)


@pytest.fixture(scope="module")
def runbook_text() -> str:
    return _text(runbook_pdf(PLAN))


def test_each_playbook_and_note_is_a_chapter_with_its_steps(runbook_text: str) -> None:
    for playbook in PLAN.playbooks:
        assert playbook.title in runbook_text
        for i, step in enumerate(playbook.steps, 1):
            assert f"{i}. {step.do}" in runbook_text, step.do
    assert "Be first, be right, be credible." in runbook_text
    assert "Never guess at causes, numbers or blame." in runbook_text
    # the cover sends a reader who knows what is happening straight to its playbook
    assert "What is happening? An account is hacked" in runbook_text


def test_recovery_entries_sit_with_each_account(runbook_text: str) -> None:
    squeezed = "".join(runbook_text.split())
    for entry in PLAN.platform_recovery:
        assert entry.url in squeezed, entry.platform
    start = runbook_text.index("x: @northwind", runbook_text.index("Rotate every login when"))
    section = runbook_text[start : start + 900]
    assert "If hacked: the platform" in section
    assert section.index("regain-access") < section.index("Change the password")


def test_rota_prints_eight_shifts_from_the_plan_s_own_date() -> None:
    lead = next(r for r in runbook_data(PLAN, "a4")["roles"] if r["id"] == "social-lead")
    shifts = lead["rota"]["shifts"]
    assert len(shifts) == 8
    # last_reviewed (2026-11-01) is before the rota starts (2026-11-02): from its start
    assert (shifts[0]["from"], shifts[0]["to"], shifts[0]["name"]) == (
        "2026-11-02",
        "2026-11-08",
        "Sofia Reyes",
    )
    assert (shifts[7]["from"], shifts[7]["name"]) == ("2026-12-21", "Tom Okafor")
    assert runbook_data(PLAN, "a4") == runbook_data(PLAN, "a4")  # no clock involved


def test_a_role_card_carries_its_playbook_steps_and_next_shifts() -> None:
    data = card_data(PLAN, "social-lead")
    assert [p["title"] for p in data["playbooks"]] == [p.title for p in PLAN.playbooks]
    assert [s["n"] for s in data["playbooks"][0]["steps"]] == [1, 4]
    assert len(data["rota"]["shifts"]) == 8
    text = _text(card_pdf(PLAN, "social-lead"))
    assert f"Playbook: {PLAN.playbooks[0].title}" in text
    assert "4. Screenshot the unauthorized posts" in text
    assert "2026-12-21 Tom Okafor" in text
    # a role that leads a playbook but does no step of its own sees no playbook section
    assert card_data(PLAN, "cmo")["playbooks"] == []


def test_drill_from_a_playbook_expects_its_steps() -> None:
    kit = drill_kit(PLAN, None, 3, 60, "account-compromised")
    playbook = PLAN.playbooks[0]
    assert kit["level"] == playbook.start_level
    assert kit["scenario"] in playbook.signals
    expected = [e for item in kit["injects"] for e in item["expect"]]
    steps = [e for e in expected if e["source"].startswith("playbooks[0].steps")]
    assert len(steps) == len(playbook.steps)
    assert steps[1]["what"] == f"Step 2: {playbook.steps[1].do}"
    assert "**Playbook:** An account is hacked" in drill_markdown(kit)
    assert drill_kit(PLAN, None, 3, 60, "account-compromised") == kit


def test_the_hacked_account_inject_uses_its_recovery_page() -> None:
    kit = drill_kit(PLAN, 4, 7, 60)
    inject = next(i for i in kit["injects"] if i["title"].startswith("Account compromised"))
    owner = inject["expect"][-1]
    from generator.printing.drill import platform_name

    account = next(
        a
        for a in PLAN.social_accounts
        if inject["title"] == f"Account compromised: {platform_name(a.platform)} {a.handle}"
    )
    entry = PLAN.recovery_for(account.platform)
    assert entry is not None and entry.url in owner["uses"]
    assert "own recovery page" in owner["what"]


def test_an_unknown_playbook_names_the_closest() -> None:
    with pytest.raises(UsageError, match="did you mean `account-compromised`"):
        drill_kit(PLAN, None, 1, 60, "account-compromized")
