"""Reading the loaded plan data defensively: lists, sections, ids and level numbers.

The checks run on data the schema may have refused, so every accessor skips
what has the wrong shape instead of failing; the schema reports it.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from generator.plan.document import NodePath

LEVEL_REF = re.compile(r"^level-([0-9]+)$")


def entries(data: Any, *keys: str) -> Iterator[tuple[NodePath, dict[str, Any]]]:
    """The mapping entries of the list at ``data[keys...]``, with their paths."""
    node = data
    for key in keys:
        node = node.get(key) if isinstance(node, dict) else None
    if isinstance(node, list):
        for i, item in enumerate(node):
            if isinstance(item, dict):
                yield (*keys, i), item


def section(data: Any, key: str) -> dict[str, Any]:
    """The mapping at ``data[key]``, or an empty one when missing or malformed."""
    node = data.get(key) if isinstance(data, dict) else None
    return node if isinstance(node, dict) else {}


def ids_of(data: Any, *keys: str, field: str = "id") -> set[str]:
    """The string ids (or other ``field``) of the entries of one list; a value of
    another type is left out, for the schema check to report."""
    return {e[field] for _, e in entries(data, *keys) if isinstance(e.get(field), str)}


def level_numbers(data: Any) -> set[int]:
    """The level numbers the scale defines."""
    return {
        e["level"]
        for _, e in entries(data, "severity_levels")
        if isinstance(e.get("level"), int) and not isinstance(e.get("level"), bool)
    }


def items(path: NodePath, key: str, entry: dict[str, Any]) -> Iterator[tuple[NodePath, Any]]:
    """The entries of the list at ``entry[key]``, with their paths."""
    values = entry.get(key)
    if isinstance(values, list):
        for i, value in enumerate(values):
            yield (*path, key, i), value
