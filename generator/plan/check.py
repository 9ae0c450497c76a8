"""The plan stage's entry points: find the plan, check files, load a valid plan."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from generator.errors import PlanFileError, UsageError
from generator.plan.diagnostics import Diagnostic
from generator.plan.validate import check_plan

DEFAULT_PLAN = "plans/example.yaml"
PLANS_FOLDER = Path("plans")


def resolve_plan(given: str | None) -> str:
    """The plan a command works on: the one given, else the only YAML file in ``plans/``,
    else ``plans/example.yaml`` where there are several."""
    if given is not None:
        return given
    found = sorted(
        str(p) for p in (*PLANS_FOLDER.glob("*.yaml"), *PLANS_FOLDER.glob("*.yml")) if p.is_file()
    )
    if len(found) == 1:
        return found[0]
    if DEFAULT_PLAN in found:
        return DEFAULT_PLAN
    if found:
        raise UsageError(f"plans/ holds several plans ({', '.join(found)}); choose one with --plan")
    raise UsageError(
        "no plan given and none in plans/; pass the plan file (--plan FILE), "
        "or run `runbook init` to start one"
    )


@dataclass(frozen=True)
class CheckedFile:
    """One file's diagnostics, or why it could not be read at all."""

    file: str
    diagnostics: list[Diagnostic] = field(default_factory=list)
    unreadable: PlanFileError | None = None

    def fails(self, strict: bool) -> bool:
        """Whether this file makes ``validate`` exit non-zero."""
        severities = {d.severity for d in self.diagnostics}
        return "error" in severities or (strict and "warning" in severities)


def check_files(files: list[str], today: dt.date | None = None) -> list[CheckedFile]:
    """Check every file in full, whatever the others hold."""
    out = []
    for file in files:
        try:
            out.append(CheckedFile(file, check_plan(file, today).diagnostics))
        except PlanFileError as exc:
            out.append(CheckedFile(file, unreadable=exc))
    return out


def declares_schema_version(path: str) -> bool:
    """Whether a YAML file says it is a plan: its top-level mapping has a
    ``schema_version`` key, however it is written (quoted, in a JSON-style mapping,
    after any amount of text), as the YAML parser reads it. Files ``validate`` would
    refuse before it gets that far (unreadable, too large, not UTF-8, not YAML) count
    as plans when they mention ``schema_version``, so ``validate`` reports them."""
    from generator.files import NotRegularFile, read_capped
    from generator.plan.loader import MAX_BYTES

    try:
        raw = read_capped(Path(path), MAX_BYTES, "a plan file")
    except (NotRegularFile, OSError):
        return True
    mentions = b"schema_version" in raw
    if len(raw) > MAX_BYTES:
        return mentions
    try:
        keys = top_level_keys(raw.decode("utf-8-sig"))
    except ValueError:  # not UTF-8, not YAML, nested too deep
        return mentions
    return "schema_version" in keys


def top_level_keys(text: str) -> Iterator[str]:
    """The keys of the top-level mapping of YAML ``text``, read as a stream of parser
    events (nothing is built, nothing resolved), so a key is found wherever it is and
    however it is quoted. ``ValueError`` when the text is not YAML or is nested more
    than ``MAX_DEPTH`` levels deep."""
    import yaml

    from generator.plan.loader import MAX_DEPTH, PARSER

    parser = PARSER(text)
    depth = 0
    expect_key = True  # at depth 1, a key and its value alternate
    try:
        while (event := parser.get_event()) is not None:
            if isinstance(event, yaml.StreamEndEvent | yaml.DocumentEndEvent):
                return  # the first document is the plan
            done = False  # a whole node of the top-level mapping read
            if isinstance(event, yaml.ScalarEvent | yaml.AliasEvent):
                if depth == 1 and expect_key and isinstance(event, yaml.ScalarEvent):
                    yield event.value
                done = depth == 1
            elif isinstance(event, yaml.SequenceStartEvent) and depth == 0:
                return  # a list is not a plan
            elif isinstance(event, yaml.MappingStartEvent | yaml.SequenceStartEvent):
                depth += 1
                if depth > MAX_DEPTH:
                    raise ValueError(f"nested more than {MAX_DEPTH} levels deep")
            elif isinstance(event, yaml.MappingEndEvent | yaml.SequenceEndEvent):
                depth -= 1
                done = depth == 1
            if done:
                expect_key = not expect_key
    except yaml.YAMLError as exc:
        raise ValueError(str(exc)) from None
    finally:
        parser.dispose()
