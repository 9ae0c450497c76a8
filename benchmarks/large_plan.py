"""Write a large, valid plan for benchmarks: 200 contacts, 150 roles, 7 levels,
100 accounts, 60 templates (and a triage chart and thresholds to match)."""

from __future__ import annotations

import argparse
from pathlib import Path

import yaml

PLATFORMS = ["x", "facebook", "instagram", "linkedin", "tiktok", "youtube", "threads", "bluesky"]


def large_plan() -> dict[str, object]:
    """The large plan as data."""
    contacts = [
        {
            "id": f"person-{i}",
            "name": f"Person {i}",
            "phone": f"+1 555 {i // 100:03d} {i % 100:04d}",
            "email": f"person{i}@example.com",
            "timezone": "Europe/Paris",
            "verified_on": "2026-11-01",
        }
        for i in range(200)
    ]
    roles = [
        {
            "id": f"role-{i}",
            "title": f"Role {i}",
            "team": f"Team {i % 12}",
            "duties": [f"Duty {j} of role {i}" for j in range(3)],
            "contacts": [f"person-{i}", f"person-{(i + 1) % 200}", f"person-{(i + 50) % 200}"],
        }
        for i in range(150)
    ]
    levels = [
        {
            "level": n,
            "name": f"Level {n}",
            "summary": f"Situations of severity {n}.",
            "examples": [f"Example {j}" for j in range(4)],
            "crisis": n >= 3,
            "accountable": f"role-{n}",
            # each role takes part in one level, as in a real plan (cards stay one page)
            "responsible": [f"role-{10 * n + k}" for k in range(6)],
            "consulted": [f"role-{80 + 5 * n + k}" for k in range(4)],
            "informed": [f"role-{118 + 4 * n + k}" for k in range(4)],
            "respond_within_minutes": 10 * n,
            "update_every_minutes": 30,
            "pause_scheduled_posts": n >= 4,
            "actions": [f"Step {j} at level {n}." for j in range(8)],
        }
        for n in range(1, 8)
    ]
    questions = [
        {
            "id": f"q-{n}",
            "ask": f"Is it at least as bad as level {n}?",
            "yes": f"level-{n}",
            "no": f"q-{n - 1}" if n > 2 else "level-1",
        }
        for n in range(7, 1, -1)
    ]
    thresholds = [
        {
            "id": f"rule-{n}",
            "above": 5 * n,
            "for_windows": n,
            "level": n,
            "notify": [f"role-{n}"],
            "actions": [f"Act on rule {n}"],
        }
        for n in range(1, 8)
    ]
    templates = [
        {
            "id": f"template-{i}",
            "title": f"Template {i}",
            "channel": "email",
            "audience": "All staff",
            "send_when": "At level 4",
            "sender": f"role-{i}",
            "subject": "[Internal] {incident_title}",
            "body": "Team,\n\n{incident_summary}\n\nNext update by {next_update_time}.\n" * 3,
        }
        for i in range(60)
    ]
    accounts = [
        {
            "id": f"account-{i}",
            "platform": PLATFORMS[i % len(PLATFORMS)],
            "handle": f"@brand{i}",
            "url": f"https://example.com/brand{i}",
            "owner": f"role-{i}",
            "vault_item": f"Social / account {i}",
            "login_email": f"social{i}@example.com",
            "mfa": "hardware-key",
            "scheduled_via": ["tool-0", "tool-1"],
        }
        for i in range(100)
    ]
    return {
        "schema_version": 1,
        "plan": {
            "title": "Large Runbook",
            "organization": "Benchmark Corp",
            "version": "1",
            "owner": "role-0",
            "last_reviewed": "2026-11-01",
            "classification": "Internal",
        },
        "contacts": contacts,
        "roles": roles,
        "severity_levels": levels,
        "triage": {"start": "q-7", "questions": questions},
        "listening": {
            "measure": "negative mentions",
            "window_minutes": 60,
            "thresholds": thresholds,
        },
        "internal_comms": {
            "trigger_level": 4,
            "protocol": ["Alert staff."],
            "templates": templates,
        },
        "social_accounts": accounts,
        "scheduling_tools": [
            {"id": f"tool-{i}", "name": f"Tool {i}", "owner": "role-1", "pause_steps": ["Pause"]}
            for i in range(2)
        ],
        "credentials": {
            "password_manager": "1Password",
            "vault": "Social",
            "access_admins": ["role-2"],
            "rotate_when": ["A hack is suspected"],
            "checklist": ["Change the password"],
        },
    }


def write_large_plan(path: Path) -> Path:
    """Write the large plan to ``path`` and return it."""
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(yaml.safe_dump(large_plan(), sort_keys=False, width=100), "utf-8")
    return path


def main(argv: list[str] | None = None) -> None:
    """Command line: write the large plan where asked and print its path."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "output",
        nargs="?",
        default="benchmarks/out/large.yaml",
        type=Path,
        help="where to write the plan (default: %(default)s)",
    )
    print(write_large_plan(parser.parse_args(argv).output))


if __name__ == "__main__":
    main()
