"""Hidden characters: what is refused and shown, and the emoji and scripts that need some."""

from __future__ import annotations

import pytest

from generator.plan.characters import first_hidden, one_line, visible
from generator.plan.check import top_level_keys


@pytest.mark.parametrize(
    ("text", "shown"),
    [
        ("Dana\u200bKim", "Dana⟨U+200B⟩Kim"),
        ("Dana Kim\U000e0069\U000e0067", "Dana Kim⟨U+E0069⟩⟨U+E0067⟩"),  # tag characters
        ("Bo\ufe01b", "Bo⟨U+FE01⟩b"),  # a variation selector after a letter
        ("\u3164", "⟨U+3164⟩"),  # Hangul filler
        ("a\u2800b", "a⟨U+2800⟩b"),  # a blank Braille cell
        ("a\u034fb", "a⟨U+034F⟩b"),  # combining grapheme joiner
        ("a\u200db", "a⟨U+200D⟩b"),  # a joiner between letters
        ("\u0600x", "⟨U+0600⟩x"),  # category Cf
    ],
)
def test_hidden_characters_are_found_and_shown(text: str, shown: str) -> None:
    assert first_hidden(text) is not None
    assert visible(text) == shown == one_line(text)


@pytest.mark.parametrize(
    "text",
    [
        "❤️ ✔️ ©️",  # variation selector 16 after a pictograph
        "1️⃣ #️⃣",  # keycaps
        "👩🏽\u200d💻 🏳️\u200d🌈 👨\u200d👩\u200d👧",  # joiners between pictographs
        "🏴\U000e0067\U000e0062\U000e0065\U000e006e\U000e0067\U000e007f",  # England's flag
        "\u0645\u06cc\u200c\u062e\u0648\u0627\u0647\u0645",  # Persian: a non-joiner between letters
        "क्\u200dष",  # Devanagari: a joiner after a virama
        "tab\tand\nnewline",
    ],
)
def test_emoji_and_scripts_stay_legal(text: str) -> None:
    assert first_hidden(text) is None
    assert visible(text) == text


def test_one_line_shows_line_breaks_and_tabs_and_keys_refuse_them() -> None:
    assert one_line("x\n::error::y\r\tz") == "x⟨U+000A⟩::error::y⟨U+000D⟩⟨U+0009⟩z"
    assert first_hidden("a\nb", key=True) is not None
    assert first_hidden("a\nb") is None


@pytest.mark.parametrize(
    ("text", "is_plan"),
    [
        ("a: 1\nschema_version: 1\n", True),
        ('"schema_version": 1\n', True),
        ('{"plan": {"title": "x"}, "schema_version": 1}', True),
        ("? [a, b]\n: 1\nschema_version: 1\n", True),
        ("x:\n  schema_version: 1\n", False),
        ("a: |\n  schema_version: 1\n", False),
        ("# schema_version: 1\na: 1\n", False),
        ("- schema_version: 1\n", False),
    ],
)
def test_a_plan_is_what_the_parser_says_declares_schema_version(text: str, is_plan: bool) -> None:
    assert ("schema_version" in list(top_level_keys(text))) is is_plan


def test_reading_keys_stops_at_the_loaders_depth_limit() -> None:
    with pytest.raises(ValueError, match="deep"):
        list(top_level_keys("a: " + "[" * 50 + "]" * 50))


def test_every_text_and_key_is_visited_in_the_plans_order() -> None:
    from generator.plan.characters import _strings

    data = {"a": ["x", {"b": "y", "c": [1, "z"]}], "d": "w"}
    assert list(_strings(data, ())) == [
        (("a",), "a", True),
        (("a", 0), "x", False),
        (("a", 1, "b"), "b", True),
        (("a", 1, "b"), "y", False),
        (("a", 1, "c"), "c", True),
        (("a", 1, "c", 1), "z", False),
        (("d",), "d", True),
        (("d",), "w", False),
    ]
