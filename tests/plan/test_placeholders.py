"""Placeholder syntax in message templates."""

from __future__ import annotations

from generator.plan.placeholders import Piece, placeholder_names, split_template


def test_placeholders_and_literal_braces() -> None:
    pieces, problems = split_template("Hi {name}, braces {{ and }} stay; {name} twice")
    assert problems == []
    assert Piece("name", placeholder=True) in pieces
    assert (
        "".join(p.text for p in pieces if not p.placeholder) == "Hi , braces { and } stay;  twice"
    )
    assert placeholder_names("Hi {name} {place} {name}") == ["name", "place"]


def test_bad_placeholders_are_located() -> None:
    text = "a {Bad} b {ok_1} c {with space} d } e {"
    _, problems = split_template(text)
    assert [i for i, _ in problems] == [
        text.index("{Bad"),
        text.index("{with"),
        text.index("} e"),
        len(text) - 1,
    ]


def test_jinja_syntax_is_not_a_placeholder() -> None:
    _, problems = split_template("{% if x %}")
    assert len(problems) == 1
