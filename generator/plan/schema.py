"""The plan's JSON Schema (draft 2020-12) and the diagnostics it produces.

The schema ships inside the package as ``plan.schema.json``. Its own error
messages are written for programmers, so this module rewrites each one for
the people who edit plans: which key, what is wrong, what to write instead.
"""

from __future__ import annotations

import json
import math
import re
from functools import cache
from importlib import resources
from typing import Any

from generator.plan.diagnostics import Diagnostic, closest, did_you_mean
from generator.plan.document import Document, NodePath
from generator.plan.secrets import looks_like_secret_key

_TYPE_NAMES = {
    "string": "text",
    "integer": "a whole number",
    "number": "a number",
    "boolean": "true or false",
    "array": "a list",
    "object": "a mapping of keys",
}


@cache
def load_schema() -> dict[str, Any]:
    """The plan schema as a dict (read once per process)."""
    text = resources.files("generator.plan").joinpath("plan.schema.json").read_text("utf-8")
    schema: dict[str, Any] = json.loads(text)
    return schema


@cache
def _validation_schema() -> dict[str, Any]:
    """The schema with every local ``$ref`` inlined: same meaning, several times faster
    to evaluate, since the plan format has no recursive definitions."""
    schema = load_schema()
    defs = schema["$defs"]

    def inline(node: Any) -> Any:
        if isinstance(node, dict):
            ref = node.get("$ref")
            rest = {k: inline(v) for k, v in node.items() if k != "$ref"}
            if isinstance(ref, str) and ref.startswith("#/$defs/"):
                return {**inline(defs[ref.removeprefix("#/$defs/")]), **rest}
            return rest
        if isinstance(node, list):
            return [inline(v) for v in node]
        return node

    inlined: dict[str, Any] = inline({k: v for k, v in schema.items() if k != "$defs"})
    return inlined


# what a schema for list items may hold for ``_items`` to check the items itself
_TEXT_ITEM_KEYS = frozenset({"description", "x-error", "type", "minLength", "maxLength", "pattern"})


def _text_items(validator: Any, items: Any, instance: Any, schema: dict[str, Any]) -> Any:
    """The ``items`` keyword, checking a list of text itself: a plan may hold 40,000
    actions, and jsonschema takes about 10 us an item. Only the items that fail the
    same checks are handed to jsonschema, so the errors are the ones it reports.
    Returns ``None`` for a list or schema of another kind (jsonschema checks it all)."""
    if not (
        isinstance(instance, list)
        and isinstance(items, dict)
        and items.get("type") == "string"
        and items.keys() <= _TEXT_ITEM_KEYS
        and "prefixItems" not in schema
    ):
        return None
    low, high = items.get("minLength", 0), items.get("maxLength", math.inf)
    pattern = items.get("pattern")
    return (
        error
        for index, item in enumerate(instance)
        if not (
            isinstance(item, str)
            and low <= len(item) <= high
            and (pattern is None or re.search(pattern, item))
        )
        for error in validator.descend(instance=item, schema=items, path=index)
    )


@cache
def _validator_class() -> Any:
    """Draft 2020-12, with ``_text_items`` first for the ``items`` keyword."""
    from jsonschema import Draft202012Validator, validators

    stock = Draft202012Validator.VALIDATORS["items"]

    def items(validator: Any, items: Any, instance: Any, schema: dict[str, Any]) -> Any:
        errors = _text_items(validator, items, instance, schema)
        return stock(validator, items, instance, schema) if errors is None else errors

    return validators.extend(Draft202012Validator, {"items": items})  # type: ignore[no-untyped-call]


# where this project's own site publishes the schema (every runbook site does, at
# schema/plan-v1.json); the first id is kept to recognise older copies
SCHEMA_ID = "https://crisis-runbook.github.io/crisis-runbook/schema/plan-v1.json"
SCHEMA_IDS = (SCHEMA_ID, "https://crisis-runbook.example/schema/plan-v1.json")
SCHEMA_PATH = "schema/plan-v1.json"


def schema_text() -> str:
    """The schema exactly as shipped, for ``runbook schema``."""
    return resources.files("generator.plan").joinpath("plan.schema.json").read_text("utf-8")


def describe(value: Any) -> str:
    """Name a YAML value the way a plan author would recognise it."""
    if value is None:
        return "nothing (an empty value)"
    if isinstance(value, bool):
        return f"`{str(value).lower()}`"
    if isinstance(value, int | float):
        return f"the number {value}"
    if isinstance(value, str):
        shown = value if len(value) <= 40 else value[:37] + "..."
        return f"the text `{shown}`"
    if isinstance(value, list):
        return "a list"
    return "a mapping"


def _missing_messages(error: Any) -> list[tuple[str, str]]:
    """(key, message) for every required key missing from the mapping of a ``required``
    error. jsonschema yields one error per missing key, each naming the whole list."""
    props = error.schema.get("properties", {}) if isinstance(error.schema, dict) else {}
    where = "at the top level" if not error.absolute_path else "here"
    out = []
    for key in error.validator_value:
        if key in error.instance:
            continue
        about = props.get(key, {}).get("description", "")
        out.append(
            (key, f"missing required key `{key}` {where}" + (f" ({about})" if about else ""))
        )
    return out


def _message(error: Any) -> tuple[NodePath, str, bool] | None:
    """Rewrite one jsonschema error: (path, message, point at the key?)."""
    path: NodePath = tuple(error.absolute_path)
    kind = error.validator
    schema = error.schema if isinstance(error.schema, dict) else {}
    value = error.instance
    custom = schema.get("x-error")
    if kind == "type":
        expected = _TYPE_NAMES.get(str(error.validator_value), str(error.validator_value))
        hint = ""
        if error.validator_value == "string" and isinstance(value, int | float | bool):
            shown = str(value).lower() if isinstance(value, bool) else value
            hint = f'; put it in quotes: "{shown}"'
        return path, f"expected {expected}, found {describe(value)}{hint}", False
    if kind == "const":
        return path, f"must be {error.validator_value}, the only version of the plan format", False
    if kind == "enum":
        options = ", ".join(str(v) for v in error.validator_value)
        suggestion = did_you_mean(str(value), {str(v) for v in error.validator_value})
        return path, f"{describe(value)} is not one of: {options}{suggestion}", False
    if kind in ("pattern", "anyOf") and custom:
        subject = f"`{value}`" if isinstance(value, str) else "this entry"
        return path, f"{subject} {custom}", kind == "anyOf"
    if kind == "minLength":
        return path, "must not be empty", False
    if kind == "minItems":
        n = error.validator_value
        return (
            path,
            f"must list at least {n} item{'s' if n != 1 else ''} (it has {len(value)})",
            True,
        )
    if kind == "maxItems":
        return path, f"must list at most {error.validator_value} items (it has {len(value)})", True
    if kind in ("minimum", "exclusiveMinimum"):
        return path, f"must be at least {error.validator_value} (it is {value})", False
    if kind in ("maximum", "exclusiveMaximum"):
        return path, f"must be at most {error.validator_value} (it is {value})", False
    if kind == "uniqueItems":
        seen: set[str] = set()
        for i, item in enumerate(value):
            if repr(item) in seen:
                return (*path, i), f"`{item}` is listed more than once; keep one", False
            seen.add(repr(item))
    return path, error.message, False


MAX_PER_KIND = 100  # diagnostics of one kind before "and N more"
MAX_SCHEMA_ERRORS = 1_000  # schema problems read before giving up on a file


def schema_diagnostics(
    doc: Document,
    *,
    optional: frozenset[str] = frozenset(),
    schema: dict[str, Any] | None = None,
) -> list[Diagnostic]:
    """Check ``doc.data`` against the schema (default: the plan's); one diagnostic per
    problem. Top-level keys in ``optional`` may be missing (a plan's ``contacts`` in a
    folder with ``people.yaml``)."""
    validator = _validator_class()(schema or _validation_schema())
    out: list[Diagnostic] = []
    misspelled: set[tuple[NodePath, str]] = set()  # (mapping, key the typo stands for)
    missing: list[tuple[NodePath, str, Diagnostic]] = []
    required_seen: set[NodePath] = set()
    for seen, error in enumerate(validator.iter_errors(doc.data)):
        if seen == MAX_SCHEMA_ERRORS:  # stop reading: the rest would take as long again
            out.append(
                doc.diagnostic(
                    tuple(error.absolute_path),
                    f"more than {MAX_SCHEMA_ERRORS:,} problems; the rest are not listed: "
                    "is this the right file? Fix these, then validate again",
                )
            )
            break
        path: NodePath = tuple(error.absolute_path)
        if error.validator == "additionalProperties":
            known = set(error.schema.get("properties", {}))
            # secret-like keys get the secrets message instead
            extra = [k for k in error.instance if k not in known and not looks_like_secret_key(k)]
            if len(extra) > MAX_PER_KIND:  # linear time and a readable report, whatever the file
                first_left_out = (*path, extra[MAX_PER_KIND])
                out.append(
                    doc.diagnostic(
                        first_left_out,
                        f"and {len(extra) - MAX_PER_KIND:,} more unknown keys in this mapping; "
                        "is this the right file?",
                        at_key=True,
                    )
                )
            for key in extra[:MAX_PER_KIND]:
                intended = closest(key, known)
                if intended:
                    misspelled.add((path, intended))
                hint = f"; did you mean `{intended}`?" if intended else ""
                out.append(doc.diagnostic((*path, key), f"unknown key `{key}`{hint}", at_key=True))
            continue
        if error.validator == "required":
            if path not in required_seen:  # the first error of a mapping covers all its keys
                required_seen.add(path)
                missing += [
                    (path, key, doc.diagnostic(path, message, at_key=True))
                    for key, message in _missing_messages(error)
                ]
            continue
        rewritten = _message(error)
        if rewritten is not None:
            p, message, at_key = rewritten
            out.append(doc.diagnostic(p, message, at_key=at_key))
    # A misspelled key already says what to write; "missing `x`" would say it twice.
    out += [
        d
        for path, key, d in missing
        if (path, key) not in misspelled and not (path == () and key in optional)
    ]
    return out


def contacts_schema() -> dict[str, Any]:
    """The schema of a plan's ``contacts`` list, for ``people.yaml``."""
    contacts: dict[str, Any] = _validation_schema()["properties"]["contacts"]
    return contacts


def known_keys() -> frozenset[str]:
    """Every key name the format defines, anywhere in a plan."""

    def walk(node: Any, acc: set[str]) -> None:
        if isinstance(node, dict):
            props = node.get("properties")
            if isinstance(props, dict):
                acc.update(props)
            for child in node.values():
                walk(child, acc)
        elif isinstance(node, list):
            for child in node:
                walk(child, acc)

    acc: set[str] = set()
    walk(load_schema(), acc)
    return frozenset(acc)
