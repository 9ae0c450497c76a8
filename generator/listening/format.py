"""Print a listening replay as text, Markdown or JSON (a stable interface)."""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

from generator.listening.replay import Replay, WindowState
from generator.plan.model import Plan
from generator.shared import escape


def iso(time: dt.datetime) -> str:
    """ISO 8601 with offset, to the second."""
    return time.isoformat(timespec="seconds")


def _notified(plan: Plan, rule_id: str) -> list[str]:
    rule = next(r for r in plan.listening.thresholds if r.id == rule_id) if plan.listening else None
    people = []
    for role_id in rule.notify if rule else ():
        role, person = plan.role(role_id), plan.primary_contact(role_id)
        reach = person.phone or person.email or ""
        people.append(f"{role.title} ({person.name}, {reach})")
    return people


def _actions(plan: Plan, rule_id: str) -> tuple[str, ...]:
    assert plan.listening is not None
    return next(r for r in plan.listening.thresholds if r.id == rule_id).actions


def _notes(replay: Replay) -> list[str]:
    c = replay.counts
    what = "mention rows" if c.kind == "mentions" else "count rows"
    notes = [f"{c.rows:,} {what} in {len(replay.windows):,} windows of {c.window_minutes} minutes"]
    if c.skipped:
        lines = ", ".join(map(str, c.skipped[:10])) + (", ..." if len(c.skipped) > 10 else "")
        notes.append(f"skipped {len(c.skipped):,} bad rows (CSV lines {lines})")
    if c.naive:
        notes.append(f"{c.naive:,} timestamps had no offset and were taken as UTC")
    notes.append("times are window starts, in UTC")
    return notes


def _level_name(plan: Plan, level: int | None) -> str:
    return f"level {level} ({plan.level(level).name})" if level is not None else "no level"


def format_text(plan: Plan, replay: Replay, *, markdown: bool = False) -> str:
    """A timeline: each rule start and stop, who is notified, and the peak."""
    bullet = "- " if markdown else "  "
    text = escape.paste_safe if markdown else escape.terminal
    out = ["## Listening replay" if markdown else "Listening replay", ""]
    out += [f"{bullet}{note}" for note in _notes(replay)]
    out.append("")
    if not replay.events:
        out.append("No threshold was crossed.")
    for event in replay.events:
        when = f"`{iso(event.time)}`" if markdown else iso(event.time)
        verb = "starts" if event.change == "start" else "stops"
        out.append(f"{when} rule {text(event.rule)} {verb} (level {event.level})")
        if event.change == "start":
            for person in _notified(plan, event.rule):
                out.append(f"{bullet}notify {text(person)}")
            for action in _actions(plan, event.rule):
                out.append(f"{bullet}do: {text(action)}")
        if markdown:
            out.append("")
    peak = replay.peak
    out.append("")
    if peak is None:
        out.append("Peak: no rule matched.")
    else:
        out.append(f"Peak: {text(_level_name(plan, peak.level))}, first at {iso(peak.time)}")
    return "\n".join(out).replace("\n\n\n", "\n\n")


def to_json(replay: Replay) -> dict[str, Any]:
    """The replay as JSON-ready data."""
    peak = replay.peak
    c = replay.counts
    return {
        "window_minutes": c.window_minutes,
        "rows": c.rows,
        "skipped_rows": len(c.skipped),
        "naive_timestamps_as_utc": c.naive,
        "windows": len(replay.windows),
        "events": [
            {"time": iso(e.time), "rule": e.rule, "level": e.level, "change": e.change}
            for e in replay.events
        ],
        "peak": {
            "level": peak.level if peak else None,
            "time": iso(peak.time) if peak else None,
        },
    }


def state_json(state: WindowState) -> dict[str, Any]:
    """The ``--at`` answer as JSON-ready data."""
    return {
        "time": iso(state.time),
        "count": state.count,
        "level": state.level,
        "rules": list(state.rules),
    }


def format_state(plan: Plan, state: WindowState, fmt: str) -> str:
    """The ``--at`` answer in the requested format."""
    if fmt == "json":
        return json.dumps(state_json(state), indent=2)
    text = escape.paste_safe if fmt == "markdown" else escape.terminal
    rules = ", ".join(state.rules) or "none"
    lines = [
        f"Window starting {iso(state.time)} (UTC): {state.count} mentions",
        f"Level: {text(_level_name(plan, state.level))}",
        f"Matching rules: {rules}",
    ]
    for rule in state.rules:
        lines += [f"notify {text(p)}" for p in _notified(plan, rule)]
    return "\n".join(f"- {line}" if fmt == "markdown" else line for line in lines)


def format_replay(plan: Plan, replay: Replay, fmt: str) -> str:
    """The whole replay in the requested format."""
    if fmt == "json":
        return json.dumps(to_json(replay), indent=2)
    return format_text(plan, replay, markdown=fmt == "markdown")
