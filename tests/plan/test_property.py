"""Property test: any mutation of the example plan gives a valid plan or clean diagnostics."""

from __future__ import annotations

import copy
from typing import Any

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from generator.plan.loader import parse_plan_text
from generator.plan.model import build_plan
from generator.plan.validate import validate_document
from tests.conftest import EXAMPLE, TODAY

BASE = parse_plan_text(EXAMPLE.read_text(), "example.yaml").data

Path_ = tuple[Any, ...]


def _paths(node: Any, path: Path_ = ()) -> list[Path_]:
    found = [path]
    if isinstance(node, dict):
        for key, value in node.items():
            found += _paths(value, (*path, key))
    elif isinstance(node, list):
        for i, value in enumerate(node):
            found += _paths(value, (*path, i))
    return found


ALL_PATHS = [p for p in _paths(BASE) if p]
VALUES = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-10, 10**6),
    st.floats(allow_nan=True),
    st.text(max_size=30),
    st.sampled_from(["level-9", "{bad", "x-main", "cmo", "2026-02-30", "ghp_" + "a1" * 20]),
    st.lists(st.text(max_size=5), max_size=3),
    st.dictionaries(st.text(max_size=8), st.integers(), max_size=2),
)


def _parent(data: Any, path: Path_) -> Any:
    for part in path[:-1]:
        data = data[part]
    return data


@st.composite
def mutated_plans(draw: st.DrawFn) -> Any:
    data = copy.deepcopy(BASE)
    for _ in range(draw(st.integers(1, 4))):
        paths = [p for p in _paths(data) if p]
        path = draw(st.sampled_from(paths))
        parent, last = _parent(data, path), path[-1]
        op = draw(st.sampled_from(["delete", "duplicate", "retype", "rename"]))
        if op == "delete":
            del parent[last]
        elif op == "duplicate" and isinstance(parent, list):
            parent.insert(last, copy.deepcopy(parent[last]))
        elif op == "duplicate" and isinstance(parent, dict):
            parent[f"{last}_copy"] = copy.deepcopy(parent[last])
        elif op == "retype":
            parent[last] = draw(VALUES)
        elif op == "rename" and isinstance(parent, dict):
            parent[draw(st.text(min_size=1, max_size=12))] = parent.pop(last)
    return data


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(mutated_plans())
def test_mutations_give_a_valid_plan_or_clean_diagnostics(data: Any) -> None:
    text = yaml.safe_dump(data, allow_unicode=True, sort_keys=False)
    doc = parse_plan_text(text, "mutant.yaml")
    diagnostics = validate_document(doc, TODAY)
    for d in diagnostics:
        assert d.line >= 1 and d.col >= 1 and d.message and d.severity in ("error", "warning")
    if not [d for d in diagnostics if d.severity == "error"]:
        build_plan(doc.data)  # a plan that validates must build


# a list holding a mapping: not text, not a number, not hashable, not a mapping itself
ODD_VALUE = [{"id": "x", "level": [1]}]


def test_every_value_of_the_example_replaced_by_a_list_gives_clean_diagnostics() -> None:
    """Each value of the example in turn (every key of every section, the optional ones
    included) replaced by a list of a mapping: validation reports it and never raises,
    and a plan it passes still builds. (Random mutations found two such crashes.)"""
    for path in ALL_PATHS:
        data = copy.deepcopy(BASE)
        _parent(data, path)[path[-1]] = copy.deepcopy(ODD_VALUE)
        doc = parse_plan_text(yaml.safe_dump(data, sort_keys=False), "mutant.yaml")
        try:
            diagnostics = validate_document(doc, TODAY)
            if not [d for d in diagnostics if d.severity == "error"]:
                build_plan(doc.data)
        except Exception as exc:  # the path is the finding
            raise AssertionError(f"{path}: {exc!r}") from exc
