"""The ``runbook`` command: parse options, call one function, map errors to exit codes.

Exit codes: 0 success, 1 invalid input (an invalid plan, a bad data file),
2 usage error or a file that cannot be read or written, 3 an internal error (a bug).
Heavy libraries are imported inside the commands that need them, so
``runbook validate`` starts fast.
"""

from __future__ import annotations

import datetime as dt
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

import click

from generator import __version__
from generator.errors import PlanInvalid, RunbookError
from generator.files import STDOUT
from generator.shared.progress import Progress

if TYPE_CHECKING:
    from generator.plan.diagnostics import Diagnostic

INTERNAL_ERROR = 3
# the optional libraries of the `site` extra
SITE_MODULES = frozenset({"mkdocs", "material", "weasyprint", "d2"})

F = TypeVar("F", bound=Callable[..., Any])


def _parse_day(_ctx: Any, _param: Any, value: str | None) -> dt.date | None:
    if value is None:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        from generator.plan.characters import one_line

        raise click.BadParameter(f"`{one_line(value)}` is not a date: write YYYY-MM-DD") from None


if TYPE_CHECKING:  # click.ParamType is generic from click 8.2 on, at run time too
    _IntParam = click.ParamType[int]
else:
    _IntParam = click.ParamType


class WholeNumber(_IntParam):
    """A whole number written with the digits 0 to 9: click's ``int`` also takes
    ``1_000`` and other scripts' digits (``١٢``), which no one means on a command line."""

    name = "integer"

    def convert(self, value: Any, param: Any, ctx: Any) -> int:
        if isinstance(value, int):
            return value
        text = str(value).strip()
        digits = text.removeprefix("-")
        if not (digits.isascii() and digits.isdigit() and len(digits) <= 18):
            from generator.plan.characters import one_line

            self.fail(f"`{one_line(text)}` is not a whole number written with 0 to 9", param, ctx)
        return int(text)


WHOLE_NUMBER = WholeNumber()


def format_option(*choices: str, help: str) -> Callable[[F], F]:
    """The --format option of a command, the first choice being the default."""
    return click.option(
        "--format",
        "fmt",
        type=click.Choice(choices),
        default=choices[0],
        show_default=True,
        help=help,
    )


today_option = click.option(
    "--today",
    callback=_parse_day,
    metavar="YYYY-MM-DD",
    help="Judge review and verification dates as of this day (default: today).",
)


def report_invalid(exc: PlanInvalid) -> None:
    """Print the diagnostics of every plan that a command refused."""
    from generator.plan.report import format_text, use_colour

    for side in (*exc.earlier, exc):
        text = format_text(side.file, side.diagnostics, colour=use_colour(sys.stderr))
        click.echo(text, err=True)


def say(message: str) -> None:
    """One ``runbook: ...`` line on standard error; file names and plan text in it
    cannot start a line of their own or act on the terminal."""
    from generator.plan.characters import one_line

    click.echo(f"runbook: {one_line(message)}", err=True)


def run(action: Callable[[], int | None]) -> None:
    """Run one command body and turn every known error into a message and exit code."""
    try:
        code = action() or 0
    except PlanInvalid as exc:
        report_invalid(exc)
        code = exc.exit_code
    except RunbookError as exc:
        say(str(exc))
        code = exc.exit_code
    except KeyboardInterrupt:
        click.echo("runbook: interrupted", err=True)
        code = 130
    except ModuleNotFoundError as exc:
        if exc.name and exc.name.split(".")[0] in SITE_MODULES:
            click.echo(
                f"runbook: this command needs {exc.name}, which comes with the site extra: "
                "pipx install --force 'crisis-runbook[site]' (or pip install "
                "'crisis-runbook[site]')",
                err=True,
            )
            code = 2
        else:
            code = _internal_error(exc)
    except OSError as exc:  # the file system said no: a path or permission to fix
        where = f"{exc.filename}: " if exc.filename else ""
        say(f"{where}{exc.strerror or exc}; check the path and permissions")
        code = 2
    except Exception as exc:  # a bug: still no traceback for the person on duty
        code = _internal_error(exc)
    sys.exit(code)


def _internal_error(exc: BaseException) -> int:
    click.echo(
        f"runbook: internal error ({type(exc).__name__}: {exc}). This is a bug in "
        "runbook, not in your plan: please report it with the command you ran.",
        err=True,
    )
    return INTERNAL_ERROR


def output_options(f: F) -> F:
    """-q/--quiet and -v/--verbose, which every command takes."""
    f = click.option("-v", "--verbose", is_flag=True, help="Also print how long each stage took.")(
        f
    )
    return click.option("-q", "--quiet", is_flag=True, help="Print errors only.")(f)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, "-V", "--version", prog_name="runbook")
def main() -> None:
    """Crisis Runbook: turn one reviewed YAML crisis plan into a runbook.

    Without --plan, commands use the only plan in plans/; validate checks them all.
    """


@main.command()
@click.argument("plans", nargs=-1, type=click.Path(dir_okay=True))
@click.option(
    "--plan",
    "plan_path",
    default=None,
    type=click.Path(dir_okay=True),
    help="Check this one plan (with the people.yaml beside it), not the whole folder.",
)
@format_option(
    "text", "json", "github", help="text for people, json for tools, github for annotations."
)
@click.option("--strict", is_flag=True, help="Treat warnings as errors.")
@click.option(
    "--only-plans",
    is_flag=True,
    help="Skip YAML files that do not declare `schema_version` (for pre-commit on *.yml).",
)
@today_option
@output_options
def validate(
    plans: tuple[str, ...],
    plan_path: str | None,
    fmt: str,
    strict: bool,
    only_plans: bool,
    today: dt.date | None,
    quiet: bool,
    verbose: bool,
) -> None:
    """Check PLANS (default: every plan in plans/ and its people.yaml) and list every
    problem. A folder given as PLANS is checked as a whole."""

    def action() -> int:
        from generator.plan.check import folder_mode

        given = [*plans, *([plan_path] if plan_path else [])]
        folder = None if only_plans or plan_path else folder_mode(given)
        if folder is not None:
            return _validate([], fmt, strict, today, quiet, folder)
        files = given or [_plan(None)]
        if only_plans:
            from generator.plan import declares_schema_version
            from generator.plan.people import PEOPLE

            files = [f for f in files if declares_schema_version(f) or Path(f).name == PEOPLE]
            if not files:
                return 0
        return _validate(files, fmt, strict, today, quiet)

    run(action)


def _validate(
    files: list[str],
    fmt: str,
    strict: bool,
    today: dt.date | None,
    quiet: bool,
    folder: Path | None = None,
) -> int:
    """Check each file (or, with ``folder``, every plan of it and its people.yaml) and
    print the diagnostics; 0 valid, 1 invalid, 2 unreadable. A folder's report ends in
    one summary line instead of one per file."""
    from generator.plan import check_files
    from generator.plan.check import check_folder
    from generator.plan.folder import folder_summary
    from generator.plan.report import format_github, format_json, format_text, use_colour

    checked = check_folder(folder, today) if folder is not None else check_files(files, today)
    for bad in (c for c in checked if c.unreadable):
        say(str(bad.unreadable))
    results = [(c.file, c.diagnostics) for c in checked if not c.unreadable]
    if fmt == "json":
        click.echo(format_json(results, strict=strict))
    else:
        lines = []
        for file, diagnostics in results:
            shown = (
                format_github(file, diagnostics, strict=strict)
                if fmt == "github"
                else format_text(file, diagnostics, strict=strict, colour=use_colour(sys.stdout))
            )
            # a file's summary line goes with --quiet (text), and makes way for the folder's
            drop = folder is not None or (quiet and fmt == "text")
            lines += shown.splitlines()[: -1 if drop else None]
        if folder is not None and not quiet:
            lines.append(folder_summary(folder, checked, strict))
        if lines:
            click.echo("\n".join(lines))
    if any(c.unreadable for c in checked):
        return 2
    return 1 if any(c.fails(strict) for c in checked) else 0


@main.command()
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False),
    help="Write the schema to this file (it replaces only an earlier copy of the schema).",
)
@output_options
def schema(output: str | None, quiet: bool, verbose: bool) -> None:
    """Print the plan format's JSON Schema (draft 2020-12), or write it with --output."""
    from generator.scaffold import write_schema

    def action() -> None:
        if output is None:
            from generator.plan.schema import schema_text

            click.echo(schema_text(), nl=False)
        else:
            write_schema(Path(output))

    run(action)


@main.group(name="help")
def help_group() -> None:
    """Reference texts that ship with the tool."""


@help_group.command(name="format")
@click.argument("section", required=False)
def help_format(section: str | None) -> None:
    """Print the plan format reference, or one SECTION of it (such as `triage`)."""
    from generator.shared.reference import format_help

    run(lambda: click.echo(format_help(section), nl=False))


@main.command()
@click.argument("folder", default=".", type=click.Path(file_okay=False))
@click.option(
    "--folder",
    "plans_folder",
    is_flag=True,
    help="Start a folder of plans: two plans sharing plans/people.yaml.",
)
@output_options
def init(folder: str, plans_folder: bool, quiet: bool, verbose: bool) -> None:
    """Start a plan repository in FOLDER (default: here): a plan to edit, its schema,
    pre-commit and GitHub workflow files. Never overwrites a file."""
    from generator.scaffold import PEOPLE, PLAN, init_repository

    progress = Progress.for_cli(quiet, verbose)

    def action() -> None:
        written = init_repository(Path(folder), plans_folder)
        first = f"{PEOPLE} and the plans in plans/" if plans_folder else PLAN
        progress.done(
            f"Wrote {len(written)} files into {folder}/; next: edit {first}, then "
            "`runbook validate` and `runbook build`"
        )

    run(action)


plan_option = click.option(
    "--plan",
    "plan_path",
    default=None,
    type=click.Path(dir_okay=True),
    help="The plan file (default: the only plan in plans/).",
)


def _plan(plan_path: str | None) -> str:
    from generator.plan import resolve_plan

    return resolve_plan(plan_path)


def _parse_time(_ctx: Any, _param: Any, value: str | None) -> dt.datetime | None:
    if value is None:
        return None
    from generator.listening.replay import OUT_OF_RANGE, parse_time
    from generator.plan.characters import one_line

    try:
        return parse_time(value)[0]
    except ValueError as exc:
        why = OUT_OF_RANGE if str(exc) == OUT_OF_RANGE else "it is not an ISO 8601 time"
        raise click.BadParameter(
            f"`{one_line(value)}`: {why}; write one such as 2026-11-02T14:30:00+01:00"
        ) from None


@main.command()
@plan_option
@click.argument("data", type=click.Path(dir_okay=True))
@format_option(
    "text", "markdown", "json", help="text for people, markdown for a report, json for tools."
)
@click.option(
    "--at",
    "at",
    callback=_parse_time,
    metavar="TIME",
    help="Show the state of the window that contains TIME (ISO 8601).",
)
@click.option("--skip-bad-rows", is_flag=True, help="Skip malformed rows and count them.")
@today_option
@output_options
def assess(
    plan_path: str | None,
    data: str,
    fmt: str,
    at: dt.datetime | None,
    skip_bad_rows: bool,
    today: dt.date | None,
    quiet: bool,
    verbose: bool,
) -> None:
    """Replay listening DATA (CSV) against the plan's escalation thresholds.

    DATA holds either `timestamp,count` rows or one mention per row
    (`timestamp` and an optional `sentiment` column: then only negative
    mentions count). Timestamps without an offset are taken as UTC.
    """
    from generator.listening.format import format_replay, format_state
    from generator.listening.replay import replay_file

    def action() -> None:
        plan, replay = replay_file(_plan(plan_path), data, skip_bad_rows=skip_bad_rows, today=today)
        if at is not None:
            click.echo(format_state(plan, replay.at(at), fmt))
        else:
            click.echo(format_replay(plan, replay, fmt))

    run(action)


@main.command()
@click.argument("old", required=False, type=click.Path(dir_okay=True))
@click.argument("new", required=False, type=click.Path(dir_okay=True))
@click.option(
    "--base", metavar="GIT_REF", help="Compare PLAN with its version at this git revision."
)
@format_option(
    "text",
    "markdown",
    "json",
    help="text for a terminal, markdown for a PR comment, json for tools.",
)
@click.option("--exit-code", is_flag=True, help="Exit 1 when the plans differ.")
@output_options
def diff(
    old: str | None,
    new: str | None,
    base: str | None,
    fmt: str,
    exit_code: bool,
    quiet: bool,
    verbose: bool,
) -> None:
    """Show what changed in meaning between two plans, risky changes first.

    Give OLD and NEW plan files, or --base GIT_REF [PLAN] to compare PLAN
    (default: the plan in plans/) with its version at that revision. Give two
    folders, or --base GIT_REF [FOLDER] (default: plans/ when it holds several
    plans or a people.yaml), to compare every plan and the people.yaml they share.
    """
    from generator.review.compare import diff_files
    from generator.review.folder_diff import diff_folder_files, is_folder_review
    from generator.review.folder_format import format_review

    def action() -> int:
        from generator.plan.report import use_colour

        if is_folder_review(old, new, base) is not None:
            diff: Any = diff_folder_files(old, new, base)
        else:
            diff = diff_files(old, new, base)
        click.echo(format_review(diff, fmt, colour=use_colour(sys.stdout)), nl=fmt != "markdown")
        return 1 if exit_code and diff.changed else 0

    run(action)


config_option = click.option(
    "--config",
    "config_file",
    default=None,
    type=click.Path(dir_okay=False),
    help="The MkDocs config that enables the runbook plugin (default: ./mkdocs.yml where "
    "it exists, else a built-in one).",
)


font_path_option = click.option(
    "--font-path",
    "font_paths",
    multiple=True,
    type=click.Path(file_okay=False, exists=True),
    help="A folder of extra fonts, for scripts the bundled Noto Sans lacks (repeatable).",
)


@main.command()
@plan_option
@click.option(
    "--site-dir",
    default="site",
    show_default=True,
    type=click.Path(file_okay=True),
    help="Where the site goes. It is replaced only when the build succeeds.",
)
@config_option
@click.option(
    "--offline-copies/--no-offline-copies",
    default=True,
    show_default=True,
    help="Also write the runbook PDF and the pocket cards into the site.",
)
@font_path_option
@output_options
def build(
    plan_path: str | None,
    site_dir: str,
    config_file: str | None,
    offline_copies: bool,
    font_paths: tuple[str, ...],
    quiet: bool,
    verbose: bool,
) -> None:
    """Validate the plan (or every plan of a folder), then build the runbook site (and
    its offline copies)."""
    from generator.site.folder_build import build_any

    progress = Progress.for_cli(quiet, verbose)

    def action() -> None:
        built = build_any(
            _source(plan_path),
            Path(site_dir),
            Path(config_file) if config_file else None,
            offline_copies,
            progress,
            font_paths,
        )
        _say_plan_warnings(built.plan_warnings)
        _say_warnings(built.warnings)  # a build that succeeded: MkDocs' and the print's
        progress.done(built.summary)

    run(action)


def _source(plan_path: str | None) -> Path:
    from generator.plan.check import resolve_source

    return resolve_source(plan_path)


@main.command()
@plan_option
@config_option
@click.option("--dev-addr", metavar="IP:PORT", help="Where to serve (default 127.0.0.1:8000).")
@output_options
def serve(
    plan_path: str | None, config_file: str | None, dev_addr: str | None, quiet: bool, verbose: bool
) -> None:
    """Serve the runbook site locally, rebuilding when the plan changes."""
    from generator.site.build import serve_site

    run(
        lambda: serve_site(
            _source(plan_path), Path(config_file) if config_file else None, dev_addr, verbose
        )
    )


@main.command()
@plan_option
@click.option(
    "--out",
    required=True,
    type=click.Path(file_okay=False),
    help="Folder for the Markdown pages and a mkdocs.yml.",
)
@click.option(
    "--templates-dir",
    type=click.Path(file_okay=False, exists=True),
    help="Templates here override the default ones, by name.",
)
@output_options
def render(
    plan_path: str | None, out: str, templates_dir: str | None, quiet: bool, verbose: bool
) -> None:
    """Write the runbook as Markdown (plus a mkdocs.yml) for other engines."""
    from generator.site.build import render_markdown

    progress = Progress.for_cli(quiet, verbose)

    def action() -> None:
        count = render_markdown(Path(_plan(plan_path)), Path(out), templates_dir)
        progress.done(f"Wrote {count} pages and mkdocs.yml into {out}/")

    run(action)


def _say_plan_warnings(found: list[Diagnostic]) -> None:
    """The plan's warnings, as ``validate`` prints them (without its summary line)."""
    from generator.plan.report import format_text, use_colour

    if found:
        lines = format_text(found[0].file, found, colour=use_colour(sys.stderr)).splitlines()
        click.echo("\n".join(lines[:-1]), err=True)


def _say_warnings(found: list[str]) -> None:
    for message in dict.fromkeys(found):  # each once
        say(f"warning: {message}")


@main.command()
@plan_option
@click.option(
    "-o",
    "--output",
    default="runbook.pdf",
    show_default=True,
    type=click.Path(dir_okay=False),
    help="The PDF (replaced only if runbook wrote it), or - for standard output (a pipe).",
)
@click.option("--paper", type=click.Choice(["a4", "letter"]), default="a4", show_default=True)
@font_path_option
@output_options
def pdf(
    plan_path: str | None,
    output: str,
    paper: str,
    font_paths: tuple[str, ...],
    quiet: bool,
    verbose: bool,
) -> None:
    """Write the whole runbook as one PDF, for when the network is down."""
    from generator.printing.output import write_pdf

    progress = Progress.for_cli(quiet, verbose)

    def action() -> None:
        _say_warnings(write_pdf(_plan(plan_path), Path(output), paper, progress, font_paths))
        if output != STDOUT:  # standard output carries the PDF alone
            progress.done(f"Wrote {output}")

    run(action)


@main.command()
@plan_option
@click.option("--role", "role_id", metavar="ROLE", help="The card of this role (its id).")
@click.option("--general", is_flag=True, help="The general card: levels, owners, phones.")
@click.option(
    "--all",
    "all_cards",
    is_flag=True,
    help="Every card; -o names a folder (over a folder of plans: one folder per plan).",
)
@click.option(
    "--paper",
    type=click.Choice(["a6", "a4", "letter"]),
    default="a6",
    show_default=True,
    help="a6: a pocket card, front and back; a4 or letter: one full sheet.",
)
@click.option(
    "--sheet",
    type=click.Choice(["a4", "letter"]),
    help="With --all: also one file with four A6 cards per sheet and cut marks.",
)
@click.option(
    "-o",
    "--output",
    type=click.Path(),
    help="The PDF (default card-ROLE.pdf; - for standard output), or the folder with "
    "--all (default cards).",
)
@font_path_option
@output_options
def card(
    plan_path: str | None,
    role_id: str | None,
    general: bool,
    all_cards: bool,
    paper: str,
    sheet: str | None,
    output: str | None,
    font_paths: tuple[str, ...],
    quiet: bool,
    verbose: bool,
) -> None:
    """Write pocket cards: one per role, plus a general card."""
    from generator.printing.output import write_cards

    progress = Progress.for_cli(quiet, verbose)

    def action() -> None:
        from generator.plan.check import PLANS_FOLDER, find_plans

        several = all_cards and plan_path is None and len(find_plans(PLANS_FOLDER)) > 1
        if several and not (role_id or general):
            from generator.printing.folder_cards import write_folder_cards

            count, where, warnings = write_folder_cards(
                PLANS_FOLDER, paper, output, progress, sheet, font_paths
            )
            _say_warnings(warnings)
            progress.done(f"Wrote {count} card{'s' if count != 1 else ''} {where}")
            return
        count, where, warnings = write_cards(
            _plan(plan_path),
            role_id,
            general,
            all_cards,
            paper,
            output,
            progress,
            sheet,
            font_paths,
        )
        _say_warnings(warnings)  # a card on a larger paper, a character the font lacks
        if output != STDOUT:  # standard output carries the PDF alone
            progress.done(f"Wrote {count} card{'s' if count != 1 else ''} {where}")

    run(action)


@main.command()
@plan_option
@click.option(
    "--level", type=WHOLE_NUMBER, help="The level to drill (default: the first crisis level)."
)
@click.option(
    "--playbook",
    metavar="ID",
    help="Draw the scenario from this playbook (level default: its start_level).",
)
@click.option(
    "--seed", type=WHOLE_NUMBER, default=1, show_default=True, help="Same seed, same kit."
)
@click.option(
    "--minutes", type=WHOLE_NUMBER, default=60, show_default=True, help="Length of the drill."
)
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False),
    help="Where to write (default: stdout for Markdown, drill-level-N.pdf; - for stdout).",
)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["pdf", "markdown"]),
    default="pdf",
    show_default=True,
    help="pdf to print, markdown to paste into a wiki.",
)
@output_options
def drill(
    plan_path: str | None,
    level: int | None,
    playbook: str | None,
    seed: int,
    minutes: int,
    output: str | None,
    fmt: str,
    quiet: bool,
    verbose: bool,
) -> None:
    """Write a tabletop exercise kit built from the plan: scenario, timed injects, what
    the plan expects of whom, and an observer's scoring sheet."""
    from generator.printing.output import write_drill

    progress = Progress.for_cli(quiet, verbose)

    def action() -> None:
        text, written = write_drill(
            _plan(plan_path), level, seed, minutes, fmt, output, progress, playbook
        )
        if text is not None:
            click.echo(text, nl=False)
        elif written != STDOUT:  # standard output carries the PDF alone
            progress.done(f"Wrote {written}")

    run(action)
