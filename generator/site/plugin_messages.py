"""What the MkDocs plugin tells people: a line for the person running ``serve``, its
warnings in MkDocs' log, and the banner over the served pages while the saved plan is
invalid (never in a built site)."""

from __future__ import annotations

import logging
import re
import sys

from mkdocs.exceptions import PluginError

from generator.errors import PlanInvalid, RunbookError
from generator.site.build import PLUGIN_LOGGER

log = logging.getLogger(PLUGIN_LOGGER)


def say(text: str) -> None:
    """A line for the person running ``serve`` (MkDocs' own chatter is hidden)."""
    print(text, file=sys.stderr, flush=True)


def tell_plan_warnings(lines: list[str], serving: bool) -> None:
    """A plan's warnings as ``runbook validate`` words them: said while serving, else
    MkDocs log warnings (--strict fails on them)."""
    for line in lines:
        if serving:
            say(f"runbook: {line}")
        else:
            log.warning("runbook: %s", line)


def tell_loaded(warnings: list[str], reports: list[str], serving: bool) -> None:
    """Tell the plans' warnings, and serve's reports of invalid saves."""
    tell_plan_warnings(warnings, serving)
    for report in reports:
        say(report)
        say("Still serving the last valid version")


def plugin_error(exc: RunbookError) -> PluginError:
    """MkDocs' error for a plan that cannot be loaded: an invalid plan's problems listed
    as ``runbook validate`` lists them."""
    if isinstance(exc, PlanInvalid):
        from generator.plan.report import format_text

        return PluginError("\n" + format_text(exc.file, exc.diagnostics))
    return PluginError(str(exc))


def tell_print_warnings(messages: list[str], serving: bool, logged: bool) -> None:
    """Typst's font warnings: said to the person editing, who can act on it now, or a
    MkDocs log warning (which --strict turns into a failed build) unless not ``logged``
    (``runbook build`` reports them itself, as ``runbook pdf`` does)."""
    for message in messages:
        if serving:
            say(f"runbook: warning: {message}")
        elif logged:
            log.warning("runbook: %s", message)  # an empty box in print is a defect


def banner(problems: PlanInvalid) -> str:
    """The served pages' warning while the saved plan is invalid (HTML, escaped, with
    hidden characters shown as the other outputs show them)."""
    from generator.shared import escape

    errors = [d for d in problems.diagnostics if d.severity == "error"]
    items = "".join(f"<li>{escape.html(str(d))}</li>" for d in errors[:5])
    more = f"<p>and {len(errors) - 5} more.</p>" if len(errors) > 5 else ""
    count = f"{len(errors)} error{'s' if len(errors) != 1 else ''}" if errors else "a problem"
    return (
        '<div class="runbook-invalid" role="alert" style="background:#b00020;color:#fff;'
        'padding:.8rem 1rem;font:16px/1.4 sans-serif;position:relative;z-index:10">'
        f"<strong>The saved plan has {count}; showing the last valid version.</strong>"
        f"<ul>{items}</ul>{more}<p>Fix the plan and save: this page reloads by itself.</p>"
        "</div>"
    )


def with_banner(output: str, problems: PlanInvalid) -> str:
    """A served page with the banner first in its ``<body>``."""
    shown = banner(problems)
    return re.sub(r"(<body[^>]*>)", lambda m: m.group(1) + shown, output, count=1)
