"""A loaded plan document: its data, where every node came from, and its source text.

The validation checks read data through a ``Document`` so that every
diagnostic can point at the line and column of the offending key or value.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from generator.plan.diagnostics import Diagnostic, Severity, format_path

NodePath = tuple[str | int, ...]


@dataclass(frozen=True)
class Pos:
    """A 1-based line and column in the source file."""

    line: int
    col: int


@dataclass
class Document:
    """A loaded plan: its data, where every node came from, and the source text."""

    file: str
    text: str
    data: Any = None
    values: dict[NodePath, Pos] = field(default_factory=dict)
    keys: dict[NodePath, Pos] = field(default_factory=dict)
    styles: dict[NodePath, str] = field(default_factory=dict)
    diagnostics: list[Diagnostic] = field(default_factory=list)

    def pos(self, path: NodePath, *, at_key: bool = False) -> Pos:
        """Where a node is: its key (when asked and it has one) or its value.

        Falls back to the nearest ancestor that has a position, so a
        diagnostic always points somewhere useful.
        """
        while True:
            if at_key and path in self.keys:
                return self.keys[path]
            if path in self.values:
                return self.values[path]
            if path in self.keys:
                return self.keys[path]
            if not path:
                return Pos(1, 1)
            path = path[:-1]

    def diagnostic(
        self, path: NodePath, message: str, *, severity: Severity = "error", at_key: bool = False
    ) -> Diagnostic:
        """A diagnostic for the node at ``path``."""
        p = self.pos(path, at_key=at_key)
        return Diagnostic(self.file, p.line, p.col, format_path(path), severity, message)

    def diagnostic_in_text(self, path: NodePath, index: int, message: str) -> Diagnostic:
        """An error pointing at character ``index`` of the text scalar at ``path``."""
        p = self.locate_in_scalar(path, index)
        return Diagnostic(self.file, p.line, p.col, format_path(path), "error", message)

    def locate_in_scalar(self, path: NodePath, index: int) -> Pos:
        """The position of character ``index`` inside the text scalar at ``path``.

        Exact for single-line plain and quoted scalars and for literal blocks;
        for folded or multi-line scalars it falls back to the scalar's start.
        """
        start = self.pos(path)
        value = value_at(self.data, path)
        style = self.styles.get(path, "")
        if not isinstance(value, str):
            return start
        before = value[:index]
        if style in ("", "'", '"') and "\n" not in value:
            return Pos(start.line, start.col + index + (1 if style else 0))
        if style == "|":
            lines = self.text.splitlines()
            line_no = start.line + 1 + before.count("\n")
            if line_no - 1 < len(lines):
                src = lines[line_no - 1]
                indent = len(src) - len(src.lstrip(" "))
                return Pos(line_no, indent + 1 + len(before.rsplit("\n", 1)[-1]))
        return start


def value_at(data: Any, path: NodePath) -> Any:
    """The value at ``path`` inside ``data``, or ``None`` when the path does not exist."""
    for part in path:
        try:
            data = data[part]
        except (KeyError, IndexError, TypeError):
            return None
    return data
