"""Whether each pocket card will fit A6, foretold from the plan's text alone.

``runbook card`` prints a card that does not fit two A6 sides at 8 pt on A5 instead
(then A4), with a warning. ``validate`` runs no layout, so it estimates each card's
height at 8 pt here, piece by piece, from the sizes the card template uses (measured
on the printed cards), and warns of a card that will not fit: with the same cause
and fix as the printed warning. On the example, the large plan and the test plans the
estimate is within a few lines of the printed card, and names the cards that go to A5;
a card within a line or two of the limit may go either way (a side may end short of
its foot, where the next piece does not fit).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from generator.plan.access import entries, section
from generator.plan.diagnostics import Diagnostic
from generator.plan.document import Document

LINE = 8.9  # pt: each line of 8 pt text after a piece's first
PIECE = 8.5  # pt: a piece of one line, with the space below it
BOX = 1.5  # pt: a checklist item's checkbox is taller than its line
HEADING = 17.0  # pt: a section heading, with its space
TITLE = 24.7  # pt: the card's title and the line under it (a line more with a classification)
ROW = 12.0  # pt: a row of the table of its part at each level
ROOM = 2 * 385.5  # pt: two A6 sides inside the margins
WIDTH = 32.9  # em: a card's line at 8 pt (93 mm); 31.8 beside a checkbox
NARROW, WIDE = set("iljtfr.,:;'!|()-/ "), set("mwMW@")


def _ems(text: str) -> float:
    """About how wide a text is in Noto Sans, in em."""
    return sum(
        0.28 if ch in NARROW else 0.85 if ch in WIDE else 0.64 if ch.isupper() else 0.54
        for ch in text
    )


def levels_text(numbers: list[int]) -> str:
    """Level numbers in words: "level 4", "levels 4 and 5", "levels 1 to 3"."""
    if len(numbers) == 1:
        return f"level {numbers[0]}"
    if numbers == list(range(numbers[0], numbers[-1] + 1)) and len(numbers) > 2:
        return f"levels {numbers[0]} to {numbers[-1]}"
    return f"levels {', '.join(map(str, numbers[:-1]))} and {numbers[-1]}"


def _lines(text: Any, width: float = WIDTH) -> int:
    """The lines a text takes, wrapped at words (a line ends, on average, half a word short)."""
    return 1 + int(_ems(text) / (width - 1.5)) if isinstance(text, str) else 1


def _piece(lines: int) -> float:
    return PIECE + LINE * (lines - 1)


def _step(text: Any) -> float:
    return _piece(_lines(text, WIDTH - 1.1)) + BOX


def _capped(heights: Iterable[float]) -> float:
    """A sum of heights that stops past four cards' room: enough to tell what overflows
    most, and a plan of 40,000 steps costs no more to judge than one of a few hundred."""
    total = 0.0
    for height in heights:
        total += height
        if total > 4 * ROOM:
            break
    return total


def _strs(node: Any) -> list[str]:
    """The strings of a list (an id or a text), or none when it is not a list."""
    return [x for x in node if isinstance(x, str)] if isinstance(node, list) else []


def card_room_diagnostics(doc: Document) -> list[Diagnostic]:
    """A warning on each role whose pocket card will not fit A6 even at 8 pt."""
    data = doc.data
    contacts = {c["id"]: c for _, c in entries(data, "contacts") if isinstance(c.get("id"), str)}
    roles = {r["id"]: r for _, r in entries(data, "roles") if isinstance(r.get("id"), str)}
    levels = [lv for _, lv in entries(data, "severity_levels")]
    creds = section(data, "credentials")
    out = []
    for path, role in entries(data, "roles"):
        role_id = role.get("id")
        if not isinstance(role_id, str):
            continue
        fills = _role_card(role_id, role, roles, contacts, levels, creds, data)
        if sum(height for height, _, _ in fills) > ROOM:
            _, cause, fix = max(fills, key=lambda f: f[0])
            out.append(
                doc.diagnostic(
                    path,
                    f"the pocket card of role `{role_id}` will not fit A6 even at 8 pt, so "
                    f"`runbook card` prints it on A5: it has {cause}; to keep it on A6, {fix}",
                    severity="warning",
                )
            )
    return out


def _people_height(role: Any, contacts: dict[Any, Any]) -> float:
    people = [contacts.get(c, {}) for c in _strs(role.get("contacts") if role else None)]
    return sum(_piece(2 if p.get("email") else 1) for p in people)


def _role_card(
    role_id: Any,
    role: dict[str, Any],
    roles: dict[Any, Any],
    contacts: dict[Any, Any],
    levels: list[dict[str, Any]],
    creds: dict[str, Any],
    data: Any,
) -> list[tuple[float, str, str]]:
    """What fills a role's card: (height in pt, what it is, how to shorten it)."""

    def has(lv: dict[str, Any], key: str) -> bool:
        return role_id in _strs(lv.get(key))

    parts = [
        lv
        for lv in levels
        if lv.get("accountable") == role_id
        or any(has(lv, k) for k in ("responsible", "consulted", "informed"))
    ]
    title = TITLE + (LINE if section(data, "plan").get("classification") else 0.0)
    fixed = title + HEADING + sum(_piece(_lines(d)) for d in _strs(role.get("duties")))
    fixed += 2 * _piece(1)  # the lines of its main job
    if parts:
        fixed += HEADING + ROW * (1 + len(parts))
    calls: list[Any] = []
    for lv in parts:
        if lv.get("accountable") == role_id:
            others = [
                *_strs(lv.get("responsible")),
                *_strs(lv.get("consulted")),
                *_strs(lv.get("informed")),
            ]
        else:
            others = _strs([lv.get("accountable")])
        calls += [o for o in others if o != role_id and o not in calls]
    called = HEADING + sum(LINE + _people_height(roles.get(c), contacts) for c in calls)
    worked = [lv for lv in parts if lv.get("accountable") == role_id or has(lv, "responsible")]
    steps = [a for lv in worked for a in _strs(lv.get("actions"))]
    steps_height = sum(HEADING for lv in worked if lv.get("actions")) + _capped(map(_step, steps))
    listening = section(data, "listening")
    notified = [t for _, t in entries(listening, "thresholds") if role_id in _strs(t.get("notify"))]
    if notified:
        fixed += HEADING + _piece(2) * len(notified)
    people = sum(len(_strs(roles.get(c, {}).get("contacts"))) for c in calls)
    numbers = [n for lv in worked if lv.get("actions") and isinstance(n := lv.get("level"), int)]
    fills = [
        (fixed, "its title, duties and part at each level", "shorten its duties"),
        (
            steps_height,
            f"{len(steps)} steps across {levels_text(numbers)}" if numbers else "no steps",
            "shorten those levels' actions, or move the detail to a linked checklist",
        ),
        (
            called,
            f"{len(calls)} roles to call ({people} people)",
            "give the levels it owns fewer roles, or those roles fewer backups",
        ),
    ]
    if role_id in _strs(creds.get("access_admins")):
        accounts = [a for _, a in entries(data, "social_accounts")]
        owners = set(_strs([a.get("owner") for a in accounts]))
        tools = [t for _, t in entries(data, "scheduling_tools") if _strs(t.get("pause_steps"))]
        logins = sum(_piece(_lines(r)) for r in _strs(creds.get("rotate_when")))
        logins += sum(map(_step, _strs(creds.get("checklist")))) + len(tools) * _step("x" * 90)
        fills[0] = (fixed + HEADING + 4 * PIECE + logins, *fills[0][1:])
        fills.append(
            (
                HEADING + len(owners) * _piece(3),
                f"the owners of {len(accounts)} accounts to tell ({len(owners)} roles)",
                "have fewer roles own the accounts (a team's accounts under one role)",
            )
        )
    return fills
