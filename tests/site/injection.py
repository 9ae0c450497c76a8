"""An injection plan: the example plan with hostile text in every free-text field."""

from __future__ import annotations

import copy
from typing import Any

import yaml

from generator.plan.loader import parse_plan_text
from tests.conftest import EXAMPLE

# Free-text keys of the format (ids, references, enums, numbers and dates excluded).
TEXT_KEYS = {
    "title",
    "organization",
    "version",
    "classification",
    "name",
    "chat",
    "team",
    "duties",
    "summary",
    "examples",
    "actions",
    "ask",
    "when_unsure",
    "tool",
    "measure",
    "protocol",
    "do",
    "dont",
    "audience",
    "send_when",
    "handle",
    "vault_item",
    "pause_steps",
    "password_manager",
    "vault",
    "break_glass",
    "rotate_when",
    "checklist",
    "questions",
}
# What host sites' Markdown extensions act on: pymdownx.magiclink and mdx_gh_links
# (mentions, issues, repositories, addresses), mark, keys, smartsymbols, caret, tilde,
# emoji; the page must show every character of it as written.
HOST_MARKUP = (
    "@dana on Slack #123 org/repo#45 dana@ops.example www.example.com "
    "==marked== ++ctrl+alt+del++ (c) (tm) --> 1st 1/2 ^^up^^ ~~gone~~ :smile:"
)
# Message templates take {placeholders}; literal braces are written {{ and }} there.
TEMPLATE_KEYS = {"subject", "body", "text"}


def payload(n: int, *, template: bool = False) -> str:
    """Hostile text, unique per field so each can be found in the output."""
    if template:
        braces = f"{{{{: .evil onclick=alert({n}) }}}} {{{{{{{{ 7*7 }}}}}}}} {{{{% if true %}}}}"
    else:
        braces = f"{{: .evil onclick=alert({n}) }} {{{{ 7*7 }}}} {{% if true %}} {{{{ config }}}}"
    return (
        f"X{n}X <script>alert({n})</script> <img src=x onerror=alert({n})> "
        f"**bold{n}** [click{n}](javascript:alert({n})) {braces} "
        f"<!-- c{n} --> # not a heading | not | a table {HOST_MARKUP}"
    )


def injection_data() -> dict[str, Any]:
    """The example plan's data with every free-text value replaced."""
    data = copy.deepcopy(parse_plan_text(EXAMPLE.read_text(), "example.yaml").data)
    counter = iter(range(1, 100_000))

    def walk(node: Any, key: str | None = None) -> Any:
        if isinstance(node, dict):
            return {k: walk(v, k) for k, v in node.items()}
        if isinstance(node, list):
            return [walk(v, key) for v in node]
        if isinstance(node, str) and key in TEXT_KEYS:
            return payload(next(counter))
        if isinstance(node, str) and key in TEMPLATE_KEYS:
            return payload(next(counter), template=True) + " {incident_title}"
        if isinstance(node, str) and key == "url":
            # a raw `"><script>` URL is refused by validate (tests/hostile); percent-encoded,
            # it is a valid link whose text must still render inert
            return "https://x.example/p?q=%22%3E%3Cscript%3Ealert(0)%3C/script%3E"
        return node

    out: dict[str, Any] = walk(data)
    return out


def injection_yaml() -> str:
    """The injection plan as YAML text."""
    return yaml.safe_dump(injection_data(), sort_keys=False, allow_unicode=True, width=1000)
