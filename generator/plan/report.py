"""Print diagnostics in one place: text, JSON or GitHub workflow annotations.

File names, key paths and messages can hold anything a file system or a plan key
allows, newlines and escape sequences included. Every format shows them here, once:
text with the visible form (``⟨U+000A⟩``), GitHub annotations with GitHub's own
escaping plus the visible form, JSON with ``\\u`` escapes; so no output line can be
forged (``::error ...``) or act on a terminal.
"""

from __future__ import annotations

import json
import os
from dataclasses import asdict
from typing import Any

from generator.plan.characters import INVISIBLE, one_line, visible
from generator.plan.diagnostics import Diagnostic, count

FORMATS = ("text", "json", "github")

_COLOURS = {"error": "\033[31m", "warning": "\033[33m"}
_RESET = "\033[0m"


def _plural(n: int, word: str) -> str:
    return f"{n} {word}{'s' if n != 1 else ''}"


def summary(file: str, diagnostics: list[Diagnostic], strict: bool = False) -> str:
    """One closing line: valid or not, with the counts."""
    errors, warnings = count(diagnostics, "error"), count(diagnostics, "warning")
    failing = errors or (strict and warnings)
    verdict = "invalid" if failing else "valid"
    suffix = " (--strict: warnings count as errors)" if strict and warnings and not errors else ""
    counts = f"{_plural(errors, 'error')}, {_plural(warnings, 'warning')}"
    return f"{one_line(file)}: {verdict}, {counts}{suffix}"


def format_text(
    file: str, diagnostics: list[Diagnostic], *, strict: bool = False, colour: bool = False
) -> str:
    """``PATH:LINE:COL: error|warning: MESSAGE`` lines, then the summary line."""
    lines = []
    for d in diagnostics:
        shown = f"{_COLOURS[d.severity]}{d.severity}{_RESET}" if colour else d.severity
        where = f"{one_line(d.file)}:{d.line}:{d.col}"
        lines.append(f"{where}: {shown}: {one_line(d.where_and_what)}")
    lines.append(summary(file, diagnostics, strict))
    return "\n".join(lines)


def format_json(results: list[tuple[str, list[Diagnostic]]], *, strict: bool = False) -> str:
    """One JSON document for all files checked."""
    files = []
    for file, diagnostics in results:
        errors, warnings = count(diagnostics, "error"), count(diagnostics, "warning")
        files.append(
            {
                "file": file,
                "valid": not (errors or (strict and warnings)),
                "errors": errors,
                "warnings": warnings,
                "diagnostics": [asdict(d) for d in diagnostics],
            }
        )
    return json_text({"files": files})


def json_text(data: object) -> str:
    """JSON for people and tools: readable text, but every hidden or control character
    as a ``\\u`` escape, so printing it to a terminal shows it and does nothing."""
    text = json.dumps(data, indent=2, ensure_ascii=False)
    return INVISIBLE.sub(lambda m: json.dumps(m.group()).strip('"'), text)


def use_colour(stream: Any) -> bool:
    """Colour only on a terminal, and never when ``NO_COLOR`` is set."""
    return not os.environ.get("NO_COLOR") and hasattr(stream, "isatty") and stream.isatty()


def _escape_data(text: str) -> str:
    """GitHub's escaping of a workflow command's message, after the visible form of
    every other hidden or control character."""
    shown = visible(text).replace("\t", "⟨U+0009⟩")
    return shown.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(text: str) -> str:
    """GitHub's escaping of a workflow command's property (``file=``, ``title=``)."""
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")


def format_github(file: str, diagnostics: list[Diagnostic], *, strict: bool = False) -> str:
    """GitHub workflow commands (``::error file=...``) that annotate the pull request."""
    lines = []
    for d in diagnostics:
        level = "error" if d.severity == "error" or strict else "warning"
        props = (
            f"file={_escape_property(d.file)},line={d.line},col={d.col},"
            f"title={_escape_property('runbook: ' + d.path)}"
        )
        lines.append(f"::{level} {props}::{_escape_data(d.message)}")
    lines.append(summary(file, diagnostics, strict))
    return "\n".join(lines)
