"""A folder of plans made from one plan: its contacts moved to ``people.yaml``, and
copies under other names that reference them.

``runbook init --folder`` starts a folder this way from the example plan, and the
portfolio benchmark makes N plans this way. It works on the text, so the
comments and layout of the plan survive.
"""

from __future__ import annotations

import re

_TOP_KEY = re.compile(r"(?m)^[a-z_]+:")
_ORGANIZATION = re.compile(r"(?m)^  organization: .*$")
_TITLE = re.compile(r"(?m)^  title: .*$")

PEOPLE_HEADER = """\
# The people every plan in this folder shares. A plan names them by id (in its
# roles' `contacts`) and may list its own people under its own `contacts`; an
# id must not be defined in both places. Change a number here and it changes
# in every plan. Never write a password here.
"""


def split_contacts(plan_text: str) -> tuple[str, str]:
    """(the plan without its top-level ``contacts`` block, ``people.yaml`` holding
    that block). ``ValueError`` when the plan has no ``contacts`` block."""
    start = re.search(r"(?m)^contacts:", plan_text)
    if start is None:
        raise ValueError("the plan has no top-level `contacts:` block")
    following = _TOP_KEY.search(plan_text, start.end())
    end = following.start() if following else len(plan_text)
    block = plan_text[start.start() : end].rstrip("\n") + "\n"
    rest = plan_text[: start.start()] + plan_text[end:]
    return rest, PEOPLE_HEADER + block


def renamed(plan_text: str, organization: str, title: str | None = None) -> str:
    """The plan with another ``plan.organization`` (and ``plan.title``)."""
    text = _ORGANIZATION.sub(lambda _: f"  organization: {organization}", plan_text, count=1)
    if title is not None:
        text = _TITLE.sub(lambda _: f"  title: {title}", text, count=1)
    return text


def folder_of_plans(plan_text: str, names: dict[str, str]) -> dict[str, str]:
    """The files of a folder: ``people.yaml`` from the plan's contacts, and one plan per
    ``{file stem: organization}`` referencing them."""
    rest, people = split_contacts(plan_text)
    files = {"people.yaml": people}
    for stem, organization in names.items():
        files[f"{stem}.yaml"] = renamed(rest, organization)
    return files
