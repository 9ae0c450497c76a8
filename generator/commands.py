"""What each CLI command does, as plain functions that return an exit code."""

from __future__ import annotations

import datetime as dt
import sys

import click

from generator.diagnostics import Diagnostic
from generator.errors import PlanFileError


def validate_files(files: list[str], fmt: str, strict: bool, today: dt.date | None) -> int:
    """Validate each file and print the diagnostics; 0 valid, 1 invalid, 2 unreadable."""
    from generator.cli import use_colour
    from generator.report import format_github, format_json, format_text
    from generator.validate import check_plan

    results: list[tuple[str, list[Diagnostic]]] = []
    code = 0
    for file in files:
        try:
            result = check_plan(file, today)
        except PlanFileError as exc:
            click.echo(f"runbook: {exc}", err=True)
            code = max(code, 2)
            continue
        results.append((file, result.diagnostics))
        if result.errors or (strict and result.warnings):
            code = max(code, 1)
    if fmt == "json":
        click.echo(format_json(results, strict=strict))
    for file, diagnostics in results:
        if fmt == "text":
            click.echo(format_text(file, diagnostics, strict=strict, colour=use_colour(sys.stdout)))
        elif fmt == "github":
            click.echo(format_github(file, diagnostics, strict=strict))
    return code


def assess_data(
    plan_path: str,
    data: str,
    fmt: str,
    at: dt.datetime | None,
    skip_bad_rows: bool,
    today: dt.date | None,
) -> int:
    """Replay a CSV against the plan and print the timeline (or one window's state)."""
    from generator.assess import assess
    from generator.assess_format import format_replay, format_state
    from generator.validate import load_valid_plan

    plan = load_valid_plan(plan_path, today)
    replay = assess(plan, plan_path, data, skip_bad_rows=skip_bad_rows)
    if at is not None:
        click.echo(format_state(plan, replay.at(at), fmt))
    else:
        click.echo(format_replay(plan, replay, fmt))
    return 0
