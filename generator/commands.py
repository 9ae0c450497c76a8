"""What each CLI command does, as plain functions that return an exit code."""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path
from typing import TYPE_CHECKING

import click

from generator.diagnostics import Diagnostic
from generator.errors import PlanFileError, PlanInvalid, UsageError
from generator.progress import SILENT, Progress

if TYPE_CHECKING:
    from generator.document import Document
    from generator.model import Plan

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


def validate_files(
    files: list[str], fmt: str, strict: bool, today: dt.date | None, quiet: bool = False
) -> int:
    """Validate each file and print the diagnostics; 0 valid, 1 invalid, 2 unreadable.
    ``quiet``: in text, only the diagnostics, without the summary lines."""
    from generator.report import format_github, format_json, format_text, use_colour
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
            text = format_text(file, diagnostics, strict=strict, colour=use_colour(sys.stdout))
            if quiet:
                text = "\n".join(text.splitlines()[:-1])
            if text:
                click.echo(text)
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


def read_plan_at_ref(ref: str, plan: str) -> Document:
    """The plan file as it was at git revision ``ref``."""
    import subprocess

    from generator.loader import decode_plan_bytes

    if not ref or ref.startswith("-"):
        raise UsageError(f"`{ref}` is not a git revision; give a branch, tag or commit")
    path = Path(plan).resolve()
    try:
        done = subprocess.run(
            ["git", "show", f"{ref}:./{path.name}"],
            cwd=path.parent if path.parent.is_dir() else None,
            capture_output=True,
            check=False,
        )
    except (FileNotFoundError, NotADirectoryError):
        raise UsageError("git is not available; give both plans as OLD NEW instead") from None
    if done.returncode != 0:
        reason = done.stderr.decode("utf-8", "replace").strip().splitlines()
        raise UsageError(
            f"cannot read {plan} at `{ref}` from git "
            f"({reason[-1] if reason else 'unknown error'}); "
            "check the revision and that the file existed there"
        )
    return decode_plan_bytes(done.stdout, f"{ref}:{plan}")


def diff_command(
    old: str | None, new: str | None, base: str | None, fmt: str, exit_code: bool
) -> int:
    """Compare two plans (or a plan and its git base) and print the changes."""
    from generator.diff import diff_plans
    from generator.diff_format import format_json, format_markdown, format_text
    from generator.loader import read_plan_file
    from generator.validate import plan_from_document

    if base is not None:
        plan = resolve_plan(old)
        if new is not None:
            raise UsageError("with --base give one plan: runbook diff --base REF [PLAN]")
        documents = [read_plan_at_ref(base, plan), read_plan_file(plan)]
    else:
        if old is None or new is None:
            raise UsageError("give two plans (runbook diff OLD NEW) or --base REF [PLAN]")
        documents = [read_plan_file(old), read_plan_file(new)]
    plans: list[Plan] = []
    invalid: list[PlanInvalid] = []
    for doc in documents:
        try:
            plans.append(plan_from_document(doc))
        except PlanInvalid as error:
            invalid.append(error)
    if invalid:  # both sides are reported before failing
        from generator.cli import report_invalid

        for side in invalid[:-1]:
            report_invalid(side)
        raise invalid[-1]
    diff = diff_plans(plans[0], plans[1])
    if fmt == "markdown":
        click.echo(format_markdown(diff), nl=False)
    elif fmt == "json":
        click.echo(format_json(diff))
    else:
        from generator.report import use_colour

        click.echo(format_text(diff, colour=use_colour(sys.stdout)))
    return 1 if exit_code and diff.changed else 0


def build_command(
    plan_path: str,
    site_dir: str,
    config_file: str | None,
    offline_copies: bool,
    progress: Progress = SILENT,
) -> int:
    """Build the site; say where it went."""
    from generator.site import build_site

    plan = build_site(
        Path(plan_path),
        Path(site_dir),
        Path(config_file) if config_file else None,
        offline_copies,
        progress,
    )
    progress.done(f"Built {plan.plan.title} (version {plan.plan.version}) into {site_dir}/")
    return 0


def render_command(
    plan_path: str, out: str, templates_dir: str | None, progress: Progress = SILENT
) -> int:
    """Write the Markdown pages and a mkdocs.yml."""
    from generator.site import render_markdown

    count = render_markdown(Path(plan_path), Path(out), templates_dir)
    progress.done(f"Wrote {count} pages and mkdocs.yml into {out}/")
    return 0


def pdf_command(plan_path: str, output: str, paper: str, progress: Progress = SILENT) -> int:
    """Write the runbook PDF."""
    from generator.files import write_atomically
    from generator.pdf import runbook_pdf
    from generator.validate import load_valid_plan

    with progress.stage("Checking the plan"):
        plan = load_valid_plan(plan_path)
    with progress.stage("Laying out the PDF"):
        data = runbook_pdf(plan, paper)
    write_atomically(Path(output), data)
    progress.done(f"Wrote {output}")
    return 0


def card_command(
    plan_path: str,
    role_id: str | None,
    general: bool,
    all_cards: bool,
    paper: str,
    output: str | None,
    progress: Progress = SILENT,
) -> int:
    """Write one card, or every card into a folder."""
    from generator.files import write_atomically
    from generator.pdf import GENERAL, card_ids, card_pdf, check_role
    from generator.validate import load_valid_plan

    if sum((role_id is not None, general, all_cards)) != 1:
        raise UsageError("choose one of --role ROLE, --general or --all")
    with progress.stage("Checking the plan"):
        plan = load_valid_plan(plan_path)
    if all_cards:
        folder = Path(output or "cards")
        if folder.exists() and not folder.is_dir():
            raise UsageError(f"{folder} is a file; with --all, -o names a folder")
        ids = card_ids(plan)
        with progress.stage("Laying out the cards"):
            cards = {
                folder / f"{c}.pdf": card_pdf(plan, c, paper)
                for c in progress.items(ids, "Cards", len(ids))
            }
        where = f"to {folder}/"
    else:
        wanted = GENERAL if general else str(role_id)
        check_role(plan, wanted)
        path = Path(output or f"card-{wanted}.pdf")
        cards = {path: card_pdf(plan, wanted, paper)}
        where = f"to {path}"
    for path, data in cards.items():  # all rendered before any is written
        write_atomically(path, data)
    progress.done(f"Wrote {len(cards)} card{'s' if len(cards) != 1 else ''} {where}")
    return 0


def init_command(folder: str, progress: Progress = SILENT) -> int:
    """Start a plan repository in ``folder``."""
    from generator.scaffold import PLAN, init_repository

    written = init_repository(Path(folder))
    progress.done(
        f"Wrote {len(written)} files into {folder}/; next: edit {PLAN}, then "
        "`runbook validate` and `runbook build`"
    )
    return 0


def schema_command(output: str | None) -> int:
    """Print the schema, or write it to ``output`` (only over an earlier copy of it)."""
    from generator.schema import SCHEMA_ID, schema_text

    text = schema_text()
    if output is None:
        click.echo(text, nl=False)
        return 0
    target = Path(output)
    if target.exists():
        if not target.is_file():
            raise UsageError(f"{target} is not a regular file; give a file path with --output")
        with target.open("rb") as existing:
            head = existing.read(4096)
        if SCHEMA_ID.encode() not in head:
            raise UsageError(
                f"{target} exists and is not a crisis-runbook schema; runbook only "
                "replaces its own schema file: choose another path"
            )
    from generator.files import write_atomically

    write_atomically(target, text.encode("utf-8"))
    return 0
