"""Load a plan file: strict, safe YAML with a position for every node.

The loader builds plain Python values (dict, list, str, int, float, bool,
None) straight from the parser's events, so it can refuse what a plan never
needs and what YAML loaders usually accept silently:

- duplicate keys (the usual loaders keep the last one);
- anchors, aliases and merge keys (they hide where a value comes from);
- explicit tags (``!!python/object`` and friends);
- more than one document, an empty file, a top level that is not a mapping;
- files that are too large, too deep, or not UTF-8.

Scalars are resolved the YAML 1.2 way: only ``true``/``false`` are booleans,
so ``no``, ``on``, ``NO`` and ``12:30`` stay text, and dates stay text too
(the validator checks them).
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import yaml

from generator.errors import PlanFileError
from generator.files import NotRegularFile, read_capped
from generator.plan.diagnostics import Diagnostic, format_path
from generator.plan.document import Document, NodePath, Pos

MAX_BYTES = 2 * 1024 * 1024
MAX_DEPTH = 40
EMPTY = "the plan is empty: start from plans/example.yaml"
# A number no plan needs, and that later checks could not even print (Python turns at
# most 4,300 digits into text); the validator's own limit is far lower (1,000,000,000)
_LARGEST = 10**18
TOO_LARGE = (
    "this number is too large: a plan's numbers are at most 1,000,000,000; check the "
    "value (or put text in quotes)"
)

PARSER: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

_NULL = re.compile(r"^(?:~|null|Null|NULL|)$")
_BOOL = {"true": True, "True": True, "TRUE": True, "false": False, "False": False, "FALSE": False}
_INT = re.compile(r"^[-+]?[0-9]+$")
_OCT = re.compile(r"^0o[0-7]+$")
_HEX = re.compile(r"^0x[0-9a-fA-F]+$")
_FLOAT = re.compile(r"^[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?$")
_INF = re.compile(r"^[-+]?\.(?:inf|Inf|INF)$")
_NAN = re.compile(r"^\.(?:nan|NaN|NAN)$")


class _Refusal(Exception):
    def __init__(self, mark: Any, message: str, path: NodePath = ()) -> None:
        super().__init__(message)
        self.line = (mark.line + 1) if mark is not None else 1
        self.col = (mark.column + 1) if mark is not None else 1
        self.message = message
        self.path = path


def _mark_pos(mark: Any) -> Pos:
    return Pos(mark.line + 1, mark.column + 1)


def resolve_scalar(value: str) -> Any:
    """Resolve a plain (unquoted, untagged) scalar with the YAML 1.2 core schema."""
    if _NULL.match(value):
        return None
    if value in _BOOL:
        return _BOOL[value]
    if _INT.match(value):
        return int(value)
    if _OCT.match(value):
        return int(value[2:], 8)
    if _HEX.match(value):
        return int(value[2:], 16)
    if _FLOAT.match(value) and any(c.isdigit() for c in value):
        return float(value)
    if _INF.match(value):
        return float("-inf") if value.startswith("-") else float("inf")
    if _NAN.match(value):
        return float("nan")
    return value


def _too_large(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool) and abs(value) > _LARGEST


class _Builder:
    """Turns the parser's event stream into values and positions."""

    def __init__(self, doc: Document, parser: Any) -> None:
        self.doc = doc
        self.parser = parser

    def next(self) -> Any:
        return self.parser.get_event()

    def refuse_extras(self, event: Any, path: NodePath) -> None:
        if getattr(event, "anchor", None):
            raise _Refusal(
                event.start_mark,
                f"anchors (`&{event.anchor}`) are not allowed in a plan: write the value out "
                "in full where it is used",
                path,
            )
        tag = getattr(event, "tag", None)
        if tag and tag != "!" and not (isinstance(event, yaml.ScalarEvent) and event.implicit[0]):
            shown = tag.replace("tag:yaml.org,2002:", "!!")
            raise _Refusal(
                event.start_mark,
                f"tags (`{shown}`) are not allowed in a plan: remove the tag and write plain "
                "text, numbers, lists and mappings",
                path,
            )

    def node(self, event: Any, path: NodePath, depth: int) -> Any:
        if depth > MAX_DEPTH:
            raise _Refusal(
                event.start_mark,
                f"the plan is nested more than {MAX_DEPTH} levels deep; flatten it",
                path,
            )
        if isinstance(event, yaml.AliasEvent):
            raise _Refusal(
                event.start_mark,
                f"aliases (`*{event.anchor}`) are not allowed in a plan: write the value out "
                "in full where it is used",
                path,
            )
        self.refuse_extras(event, path)
        self.doc.values[path] = _mark_pos(event.start_mark)
        if isinstance(event, yaml.ScalarEvent):
            if event.style:
                self.doc.styles[path] = event.style
            if not event.implicit[0]:
                return event.value
            try:  # Python reads at most 4,300 decimal digits into a number
                value = resolve_scalar(event.value)
            except ValueError:
                value = None
            if (value is None and not _NULL.match(event.value)) or _too_large(value):
                raise _Refusal(event.start_mark, TOO_LARGE, path)
            return value
        if isinstance(event, yaml.SequenceStartEvent):
            items: list[Any] = []
            while not isinstance(ev := self.next(), yaml.SequenceEndEvent):
                items.append(self.node(ev, (*path, len(items)), depth + 1))
            return items
        if isinstance(event, yaml.MappingStartEvent):
            return self.mapping(path, depth)
        raise _Refusal(event.start_mark, "unexpected YAML structure", path)

    def mapping(self, path: NodePath, depth: int) -> dict[str, Any]:
        result: dict[str, Any] = {}
        while not isinstance(key_event := self.next(), yaml.MappingEndEvent):
            if not isinstance(key_event, yaml.ScalarEvent):
                if isinstance(key_event, yaml.AliasEvent):
                    self.node(key_event, path, depth + 1)
                raise _Refusal(
                    key_event.start_mark,
                    "a key must be a plain name, not a list or a mapping",
                    path,
                )
            self.refuse_extras(key_event, path)
            key = key_event.value
            key_pos = _mark_pos(key_event.start_mark)
            if key == "<<" and key_event.implicit[0]:
                raise _Refusal(
                    key_event.start_mark,
                    "merge keys (`<<`) are not allowed in a plan: write the keys out in full",
                    path,
                )
            child = (*path, key)
            if key in result:
                first = self.doc.keys[child]
                raise _Refusal(
                    key_event.start_mark,
                    f"duplicate key `{key}`: it is already set on line {first.line}; "
                    "keep one of the two",
                    child,
                )
            self.doc.keys[child] = key_pos
            result[key] = self.node(self.next(), child, depth + 1)
        return result


def parse_plan_text(text: str, file: str) -> Document:
    """Parse plan text into a ``Document``; problems land in ``doc.diagnostics``."""
    doc = Document(file=file, text=text)
    parser = PARSER(text)
    try:
        builder = _Builder(doc, parser)
        builder.next()  # StreamStart
        event = builder.next()
        if isinstance(event, yaml.StreamEndEvent):
            raise _Refusal(None, EMPTY)
        body = builder.next()  # first node of the document
        doc.data = builder.node(body, (), 0)
        builder.next()  # DocumentEnd
        extra = builder.next()
        if not isinstance(extra, yaml.StreamEndEvent):
            raise _Refusal(
                extra.start_mark,
                "the file holds more than one YAML document (`---`); a plan is one document",
            )
    except _Refusal as refusal:
        doc.data = None
        doc.diagnostics.append(
            Diagnostic(
                file, refusal.line, refusal.col, format_path(refusal.path), "error", refusal.message
            )
        )
        return doc
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        problem = exc.problem or exc.context or "invalid YAML"
        return _refuse(
            doc,
            f"this is not valid YAML: {problem}; check the indentation and quotes here",
            mark.line + 1 if mark else 1,
            mark.column + 1 if mark else 1,
        )
    except yaml.YAMLError as exc:
        return _refuse(doc, f"this is not valid YAML: {exc}")
    finally:
        parser.dispose()
    if doc.data is None:
        return _refuse(doc, EMPTY)
    if not isinstance(doc.data, dict):
        p = doc.pos(())
        return _refuse(
            doc,
            "the plan must be a mapping of keys (`schema_version:`, `plan:`, ...), "
            "not a list or a single value",
            p.line,
            p.col,
        )
    return doc


def _refuse(doc: Document, message: str, line: int = 1, col: int = 1) -> Document:
    """``doc`` with no data and one error about the file as a whole."""
    doc.data = None
    doc.diagnostics.append(Diagnostic(doc.file, line, col, "(top level)", "error", message))
    return doc


def decode_plan_bytes(raw: bytes, file: str) -> Document:
    """Decode raw bytes as UTF-8 and parse them; refuse oversized or non-UTF-8 files."""
    unread = Document(file=file, text="")
    if len(raw) > MAX_BYTES:
        return _refuse(
            unread,
            f"the plan is larger than the limit of {MAX_BYTES:,} bytes: "
            "a plan this large is probably the wrong file",
        )
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        col = exc.start - (raw.rfind(b"\n", 0, exc.start) + 1) + 1
        return _refuse(
            unread, "the file is not UTF-8 text: save it as UTF-8 in your editor", line, col
        )
    if "\x00" in text:
        return _refuse(unread, "the file holds binary data, not a YAML plan")
    return parse_plan_text(text, file)


def read_plan_file(path: str | Path) -> Document:
    """Read and parse a plan file. Raises ``PlanFileError`` when it cannot be read."""
    p = Path(path)
    try:
        raw = read_capped(p, MAX_BYTES, "a plan file")
    except NotRegularFile as exc:
        raise PlanFileError(str(exc)) from None
    except FileNotFoundError:
        raise PlanFileError(
            f"{p}: no such file; give the path of a plan, for example plans/example.yaml"
        ) from None
    except IsADirectoryError:
        raise PlanFileError(f"{p}: is a folder; give the path of a plan file") from None
    except OSError as exc:
        raise PlanFileError(f"{p}: cannot be read ({exc.strerror}); check the path") from None
    return decode_plan_bytes(raw, str(path))
