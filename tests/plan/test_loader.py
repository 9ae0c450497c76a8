"""The strict loader: YAML 1.2 scalars, refusals, positions."""

from __future__ import annotations

import math

import pytest

from generator.errors import PlanFileError
from generator.plan.loader import (
    MAX_BYTES,
    decode_plan_bytes,
    parse_plan_text,
    read_plan_file,
    resolve_scalar,
)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("no", "no"),
        ("NO", "NO"),
        ("on", "on"),
        ("off", "off"),
        ("yes", "yes"),
        ("y", "y"),
        ("12:30", "12:30"),
        ("2026-11-01", "2026-11-01"),
        ("true", True),
        ("False", False),
        ("~", None),
        ("null", None),
        ("", None),
        ("42", 42),
        ("-7", -7),
        ("0o17", 15),
        ("0x1F", 31),
        ("2026.11", 2026.11),
        ("1e3", 1000.0),
        ("+1 555 010", "+1 555 010"),
        ("0123", 123),
    ],
)
def test_yaml_12_scalars(text: str, expected: object) -> None:
    assert resolve_scalar(text) == expected
    assert type(resolve_scalar(text)) is type(expected)


def test_special_floats() -> None:
    assert resolve_scalar(".inf") == math.inf
    assert resolve_scalar("-.Inf") == -math.inf
    assert math.isnan(resolve_scalar(".nan"))


def test_quoted_scalars_stay_text() -> None:
    doc = parse_plan_text("a: \"1\"\nb: 'true'\nc: !!str\n", "p.yaml")
    # an explicit tag is refused even when harmless
    assert doc.data is None
    doc = parse_plan_text("a: \"1\"\nb: 'true'\n", "p.yaml")
    assert doc.data == {"a": "1", "b": "true"}


def test_bare_and_quoted_yes_no_keys_both_work() -> None:
    doc = parse_plan_text('q:\n  yes: level-1\n  "no": level-2\n', "p.yaml")
    assert doc.data == {"q": {"yes": "level-1", "no": "level-2"}}


def test_positions_for_keys_and_values() -> None:
    doc = parse_plan_text("top:\n  list:\n    - first\n    - key: value\n", "p.yaml")
    assert (doc.keys[("top",)].line, doc.keys[("top",)].col) == (1, 1)
    assert (doc.values[("top", "list", 0)].line, doc.values[("top", "list", 0)].col) == (3, 7)
    assert doc.keys[("top", "list", 1, "key")].col == 7
    assert doc.values[("top", "list", 1, "key")].col == 12


def test_position_falls_back_to_nearest_ancestor() -> None:
    doc = parse_plan_text("top:\n  inner: 1\n", "p.yaml")
    assert doc.pos(("top", "inner", "missing")).line == 2


def test_duplicate_key_names_both_lines() -> None:
    doc = parse_plan_text("a: 1\nb: 2\na: 3\n", "p.yaml")
    (d,) = doc.diagnostics
    assert (d.line, d.col) == (3, 1)
    assert "already set on line 1" in d.message


@pytest.mark.parametrize(
    ("text", "fragment"),
    [
        ("a: &x 1\n", "anchors"),
        ("a: [1]\nb: *x\n", "aliases"),
        ("<<: {a: 1}\n", "merge keys"),
        ("a: !!python/name:os.system\n", "tags"),
        ("a: !custom 1\n", "tags"),
        ("? {a: 1}\n: 2\n", "plain name"),
        ("a: 1\n---\nb: 2\n", "more than one YAML document"),
        ("[1, 2]\n", "must be a mapping"),
        ("", "empty"),
        ("a: [\n", "not valid YAML"),
    ],
)
def test_refusals(text: str, fragment: str) -> None:
    doc = parse_plan_text(text, "p.yaml")
    assert doc.data is None
    assert len(doc.diagnostics) == 1
    assert fragment in doc.diagnostics[0].message


def test_depth_cap() -> None:
    doc = parse_plan_text("a: " + "[" * 60 + "]" * 60 + "\n", "p.yaml")
    assert "nested more than" in doc.diagnostics[0].message


def test_size_cap() -> None:
    doc = decode_plan_bytes(b"a: 1\n" + b"#" * MAX_BYTES, "big.yaml")
    assert doc.data is None
    assert "limit" in doc.diagnostics[0].message


def test_non_utf8_points_at_the_byte() -> None:
    doc = decode_plan_bytes(b"a: 1\nb: caf\xe9\n", "p.yaml")
    (d,) = doc.diagnostics
    assert (d.line, d.col) == (2, 7)
    assert "UTF-8" in d.message


def test_utf8_bom_is_accepted() -> None:
    doc = decode_plan_bytes("\ufeffa: é\n".encode(), "p.yaml")
    assert doc.data == {"a": "é"}


def test_billion_laughs_is_refused_before_expansion() -> None:
    text = 'a: &a ["x","x"]\nb: &b [*a,*a]\nc: &c [*b,*b]\n'
    doc = parse_plan_text(text, "p.yaml")
    assert doc.data is None
    assert "anchors" in doc.diagnostics[0].message


def test_locate_in_literal_block() -> None:
    doc = parse_plan_text("t:\n  body: |\n    one\n    two {x\n", "p.yaml")
    pos = doc.locate_in_scalar(("t", "body"), doc.data["t"]["body"].index("{"))
    assert (pos.line, pos.col) == (4, 9)


def test_unreadable_files(tmp_path) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(PlanFileError, match="no such file"):
        read_plan_file(tmp_path / "missing.yaml")
    with pytest.raises(PlanFileError, match="is a folder"):
        read_plan_file(tmp_path)
