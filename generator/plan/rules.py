"""The plan's semantic rules beyond the schema: scale, flowchart, thresholds, text, warnings."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from generator.plan.access import LEVEL_REF, entries, level_numbers, section
from generator.plan.diagnostics import Diagnostic
from generator.plan.document import Document, NodePath, value_at
from generator.plan.placeholders import split_template

_DATE_SHAPE = re.compile(r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$")

DEFAULT_REVIEW_INTERVAL_DAYS = 180
MAX_LEVELS = 7
DEFAULT_CONTACT_MAX_AGE_DAYS = 180
# guides say drill about twice a year
DEFAULT_EXERCISE_INTERVAL_DAYS = 180
# no count, level or number of days in a plan comes near (the loader refuses numbers
# far larger still, that no message could print)
MAX_NUMBER = 1_000_000_000


def as_int(value: Any) -> int | None:
    return value if isinstance(value, int) and not isinstance(value, bool) else None


def number_diagnostics(doc: Document) -> list[Diagnostic]:
    """Every whole number is between -1,000,000,000 and 1,000,000,000."""
    out: list[Diagnostic] = []
    stack: list[tuple[NodePath, Any]] = [((), doc.data)]
    while stack:
        path, value = stack.pop()
        if isinstance(value, dict):
            stack += [((*path, k), v) for k, v in value.items()]
        elif isinstance(value, list):
            stack += [((*path, i), v) for i, v in enumerate(value)]
        elif as_int(value) is not None and abs(value) > MAX_NUMBER:
            message = f"this number is too large: a plan's numbers are at most {MAX_NUMBER:,}"
            out.append(doc.diagnostic(path, message + "; check the value"))
    return out


def parse_date(value: Any) -> dt.date | None:
    """A YYYY-MM-DD string as a date, or ``None`` when it is not a real date."""
    if not isinstance(value, str):
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        return None


def contact_max_age(data: Any) -> int:
    """The plan's ``contact_max_age_days``: how long checked details stay fresh."""
    plan = data.get("plan") if isinstance(data, dict) else None
    value = plan.get("contact_max_age_days") if isinstance(plan, dict) else None
    return as_int(value) or DEFAULT_CONTACT_MAX_AGE_DAYS


def checked_too_long_ago(value: Any, max_age: int, today: dt.date) -> dt.date | None:
    """A ``verified_on`` date older than ``max_age`` days on ``today``, else ``None``."""
    verified = parse_date(value)
    if verified is not None and verified + dt.timedelta(days=max_age) < today:
        return verified
    return None


def scale_diagnostics(doc: Document) -> list[Diagnostic]:
    """Levels are numbered 1..N without gaps and without repeats."""
    out: list[Diagnostic] = []
    seen: dict[int, NodePath] = {}
    for path, level in entries(doc.data, "severity_levels"):
        n = as_int(level.get("level"))
        if n is None or not 1 <= n <= MAX_LEVELS:
            continue  # the schema reports numbers out of range
        if n in seen:
            line = doc.pos((*seen[n], "level")).line
            out.append(
                doc.diagnostic(
                    (*path, "level"), f"level {n} is defined twice (also on line {line})"
                )
            )
        seen[n] = path
    if seen:
        missing = [n for n in range(1, max(seen) + 1) if n not in seen]
        if missing:
            out.append(
                doc.diagnostic(
                    ("severity_levels",),
                    f"levels must be numbered 1 to {max(seen)} without gaps: "
                    f"level {', '.join(map(str, missing))} is missing",
                    at_key=True,
                )
            )
    return out


def triage_diagnostics(doc: Document) -> list[Diagnostic]:
    """The flowchart has no cycle, every question is reachable, every level is reached."""
    questions = {
        q["id"]: (p, q)
        for p, q in entries(doc.data, "triage", "questions")
        if isinstance(q.get("id"), str)
    }
    start = section(doc.data, "triage").get("start")
    levels = level_numbers(doc.data)
    if not isinstance(start, str) or start not in questions or _dangling_answers(questions, levels):
        return []  # the reference check reports these; reachability would only echo them
    out: list[Diagnostic] = []
    reached_levels: set[int] = set()
    visited: set[str] = set()
    state: dict[str, str] = {}  # "open" while on the current path, "done" after

    def visit(qid: str, trail: list[str]) -> None:
        state[qid] = "open"
        visited.add(qid)
        path, question = questions[qid]
        for answer in ("yes", "no"):
            target = question.get(answer)
            if not isinstance(target, str):
                continue
            m = LEVEL_REF.match(target)
            if m:
                reached_levels.add(int(m.group(1)))
            elif target in questions:
                if state.get(target) == "open":
                    loop = " -> ".join([*trail[trail.index(target) :], qid, target])
                    out.append(
                        doc.diagnostic(
                            (*path, answer),
                            f"the flowchart loops ({loop}): every path must end in a level",
                        )
                    )
                elif target not in state:
                    visit(target, [*trail, qid])
        state[qid] = "done"

    visit(start, [])
    for qid, (path, _) in questions.items():
        if qid not in visited:
            out.append(
                doc.diagnostic(
                    (*path, "id"),
                    f"question `{qid}` cannot be reached from `start` ({start}): "
                    "point an answer at it or remove it",
                )
            )
    sound = not out  # unreachable levels only mean something in a sound chart
    for path, level in entries(doc.data, "severity_levels"):
        n = as_int(level.get("level"))
        if sound and n is not None and n not in reached_levels:
            out.append(
                doc.diagnostic(
                    (*path, "level"),
                    f"no path of the triage flowchart leads to level {n}",
                    severity="warning",
                )
            )
    return out


def _dangling_answers(
    questions: dict[str, tuple[NodePath, dict[str, Any]]], levels: set[int]
) -> bool:
    for _, question in questions.values():
        for answer in ("yes", "no"):
            target = question.get(answer)
            if not isinstance(target, str):
                continue
            m = LEVEL_REF.match(target)
            if (int(m.group(1)) not in levels) if m else (target not in questions):
                return True
    return False


def threshold_diagnostics(doc: Document) -> list[Diagnostic]:
    """A stricter rule must not indicate a lower level than a looser one."""
    rules = []
    levels = level_numbers(doc.data)
    for path, rule in entries(doc.data, "listening", "thresholds"):
        above, windows, level = (
            as_int(rule.get("above")),
            rule.get("for_windows", 1),
            as_int(rule.get("level")),
        )
        if above is not None and as_int(windows) is not None and level in levels:
            rules.append((path, str(rule.get("id", "?")), above, int(windows), level))
    out: list[Diagnostic] = []
    for path, ident, above, windows, level in rules:
        for _, other, o_above, o_windows, o_level in rules:
            if other == ident:
                continue
            stricter = above >= o_above and windows >= o_windows
            if stricter and (above, windows) == (o_above, o_windows) and level != o_level:
                if level < o_level:
                    out.append(
                        doc.diagnostic(
                            (*path, "level"),
                            f"rule `{ident}` has the same condition as rule `{other}` but a "
                            f"different level ({level} and {o_level}): merge them or change one",
                        )
                    )
            elif stricter and level < o_level:
                out.append(
                    doc.diagnostic(
                        (*path, "level"),
                        f"rule `{ident}` (above {above} for {windows} window(s)) is stricter than "
                        f"rule `{other}` (above {o_above} for {o_windows}) but indicates a lower "
                        f"level ({level} < {o_level}): raise its level or lower the other's",
                    )
                )
                break
    return out


def text_diagnostics(doc: Document) -> list[Diagnostic]:
    """Placeholder syntax in templates and statements; real dates; real time zones."""
    out: list[Diagnostic] = []
    texts: list[NodePath] = []
    for path, template in entries(doc.data, "internal_comms", "templates"):
        texts += [(*path, k) for k in ("subject", "body") if isinstance(template.get(k), str)]
    for path, statement in entries(doc.data, "external_statements"):
        if isinstance(statement.get("text"), str):
            texts.append((*path, "text"))
    for path in texts:
        value = value_at(doc.data, path)
        _, problems = split_template(value)
        out += [doc.diagnostic_in_text(path, i, message) for i, message in problems]

    dates: list[NodePath] = [("plan", "last_reviewed")]
    dates += [(*p, "verified_on") for p, _ in entries(doc.data, "contacts")]
    for path in dates:
        value = value_at(doc.data, path)
        if isinstance(value, str) and _DATE_SHAPE.match(value) and parse_date(value) is None:
            out.append(
                doc.diagnostic(path, f"`{value}` is not a real date: check the month and day")
            )

    for path, contact in entries(doc.data, "contacts"):
        tz = contact.get("timezone")
        if isinstance(tz, str) and not _is_timezone(tz):
            out.append(
                doc.diagnostic(
                    (*path, "timezone"),
                    f"`{tz}` is not a time zone: "
                    "use an IANA name like America/Denver or Europe/Paris",
                )
            )
    return out


def _is_timezone(name: str) -> bool:
    from zoneinfo import ZoneInfo

    if name.startswith(("/", ".")) or ".." in name:
        return False
    try:
        ZoneInfo(name)
    except (ValueError, OSError, KeyError):
        return False
    return True
