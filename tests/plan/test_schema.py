"""The JSON Schema: a valid draft 2020-12 schema, documented, matching the format page."""

from __future__ import annotations

import json
from typing import Any

import yaml
from click.testing import CliRunner
from jsonschema import Draft202012Validator

from generator.cli import main
from generator.plan.schema import load_schema, schema_text
from tests.conftest import EXAMPLE, MINIMAL


def _properties(node: Any, path: str = "") -> list[tuple[str, dict[str, Any]]]:
    found = []
    if isinstance(node, dict):
        for name, sub in node.get("properties", {}).items():
            found.append((f"{path}.{name}", sub))
        for key, sub in node.items():
            found += _properties(sub, f"{path}/{key}")
    elif isinstance(node, list):
        for i, sub in enumerate(node):
            found += _properties(sub, f"{path}[{i}]")
    return found


def test_schema_is_valid_draft_2020_12() -> None:
    Draft202012Validator.check_schema(load_schema())
    assert load_schema()["$schema"] == "https://json-schema.org/draft/2020-12/schema"


def test_every_property_has_a_description() -> None:
    props = _properties(load_schema())
    assert len(props) > 80
    undocumented = [p for p, sub in props if not sub.get("description")]
    assert undocumented == []


def test_every_mapping_is_closed() -> None:
    def walk(node: Any) -> list[Any]:
        out = []
        if isinstance(node, dict):
            if node.get("type") == "object":
                out.append(node)
            for sub in node.values():
                out += walk(sub)
        elif isinstance(node, list):
            for sub in node:
                out += walk(sub)
        return out

    objects = walk(load_schema())
    assert objects and all(o.get("additionalProperties") is False for o in objects)


def test_format_page_key_names_are_kept() -> None:
    top = load_schema()["properties"]
    assert set(top) >= {
        "schema_version",
        "plan",
        "contacts",
        "roles",
        "severity_levels",
        "triage",
        "listening",
        "internal_comms",
        "external_statements",
        "after_action",
        "social_accounts",
        "scheduling_tools",
        "credentials",
    }
    level = top["severity_levels"]["items"]["properties"]
    assert {"accountable", "responsible", "consulted", "informed", "pause_scheduled_posts"} <= set(
        level
    )


def test_plain_jsonschema_accepts_the_example_and_minimal_plans() -> None:
    validator = Draft202012Validator(load_schema())
    for plan in (EXAMPLE, MINIMAL):
        data = yaml.safe_load(plan.read_text())
        # YAML 1.1 turns bare yes/no keys and dates into other types; the format's own
        # loader does not, so mimic it for this cross-check.
        text = json.loads(json.dumps(data, default=str))
        for q in text["triage"]["questions"]:
            for k in ("True", "False", "true", "false"):
                if k in q:
                    q["yes" if k.lower() == "true" else "no"] = q.pop(k)
        assert list(validator.iter_errors(text)) == [], plan


def test_runbook_schema_prints_the_shipped_schema() -> None:
    result = CliRunner().invoke(main, ["schema"])
    assert result.exit_code == 0
    assert json.loads(result.output) == load_schema()
    assert result.output == schema_text()


def _errors(validator: Any, data: Any) -> list[tuple[Any, ...]]:
    return sorted(
        (tuple(map(str, e.absolute_path)), e.validator, e.message, str(e.schema))
        for e in validator.iter_errors(data)
    )


def test_text_lists_get_the_errors_jsonschema_gives() -> None:
    # the validator checks lists of text itself (fast) and hands jsonschema only the
    # items that fail: the errors must be exactly the stock validator's
    from generator.plan.loader import parse_plan_text
    from generator.plan.schema import _validation_schema, _validator_class

    def example() -> Any:
        return parse_plan_text(EXAMPLE.read_text("utf-8"), "example.yaml").data

    data = example()
    level = data["severity_levels"][0]
    level["actions"] = ["Call the desk.", "", 42, None, ["nested"], {"a": 1}, "x" * 5000, ""]
    level["responsible"] = ["social-lead", "Not An Id", "", 7, "-bad", "ok-id"]
    level["examples"] = []
    data["roles"][0]["duties"] = "not a list"
    data["after_action"]["questions"] = [True, "Why?"]
    schema = _validation_schema()
    ours = _errors(_validator_class()(schema), data)
    assert len(ours) >= 12
    assert ours == _errors(Draft202012Validator(schema), data)
    assert _errors(_validator_class()(schema), example()) == []
