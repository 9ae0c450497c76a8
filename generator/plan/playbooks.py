"""The optional sections for kinds of incident and what surrounds them: playbooks,
owned channels, platform recovery pages and free-form notes (frozen dataclasses
built from a validated plan)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

# where a playbook step's `see` may point: a section, or a kind and an id
SEE_SECTIONS = ("credentials", "internal_comms", "platform_recovery")
SEE_KINDS = {
    "statement": ("external_statements", "external statement"),
    "template": ("internal_comms.templates", "internal template"),
    "playbook": ("playbooks", "playbook"),
    "note": ("notes", "note"),
}


@dataclass(frozen=True)
class PlaybookStep:
    """One step of a playbook; ``see`` is where the details are (``credentials``,
    ``statement:ID``, ...), ``owner`` a role id (the playbook's owner when missing)."""

    do: str
    owner: str | None = None
    see: str | None = None

    @property
    def see_kind(self) -> str | None:
        """``statement``, ``template``, ``playbook``, ``note`` or the section name."""
        return self.see.split(":", 1)[0] if self.see else None

    @property
    def see_id(self) -> str | None:
        """The id after the colon of ``statement:ID`` and the like."""
        return self.see.split(":", 1)[1] if self.see and ":" in self.see else None


@dataclass(frozen=True)
class Playbook:
    """What to do for one kind of incident, at any level."""

    id: str
    title: str
    owner: str
    steps: tuple[PlaybookStep, ...]
    signals: tuple[str, ...] = ()
    start_level: int | None = None
    statements: tuple[str, ...] = ()
    templates: tuple[str, ...] = ()

    def step_owner(self, step: PlaybookStep) -> str:
        """Who does a step: its own owner, else the playbook's."""
        return step.owner or self.owner


@dataclass(frozen=True)
class Channel:
    """An owned channel that is not a social account (alert texts, a website, ...)."""

    id: str
    kind: str
    name: str
    owner: str
    url: str | None = None
    how: tuple[str, ...] = ()


@dataclass(frozen=True)
class PlatformRecovery:
    """How to get a hacked account back on one platform."""

    platform: str
    url: str
    steps: tuple[str, ...] = ()
    contact: str | None = None
    verified_on: dt.date | None = None


@dataclass(frozen=True)
class NoteBlock:
    """A paragraph (one item) or a list (several) of a note."""

    items: tuple[str, ...]
    is_list: bool


@dataclass(frozen=True)
class Note:
    """A free-form section."""

    id: str
    title: str
    text: str

    @property
    def blocks(self) -> tuple[NoteBlock, ...]:
        """The note's paragraphs and lists: paragraphs are separated by blank lines, and
        lines starting ``- `` are list items; nothing else is markup."""
        out: list[NoteBlock] = []
        paragraph: list[str] = []
        items: list[str] = []

        def flush() -> None:
            if paragraph:
                out.append(NoteBlock((" ".join(paragraph),), False))
                paragraph.clear()
            if items:
                out.append(NoteBlock(tuple(items), True))
                items.clear()

        for raw in self.text.splitlines():
            line = raw.strip()
            if not line:
                flush()
            elif line.startswith("- "):
                if paragraph:
                    flush()
                items.append(line[2:].strip())
            elif items and raw[:1].isspace():
                items[-1] += " " + line  # an indented line continues the item
            else:
                if items:
                    flush()
                paragraph.append(line)
        flush()
        return tuple(out)


def _tuples(entry: dict[str, Any]) -> dict[str, Any]:
    return {k: tuple(v) if isinstance(v, list) else v for k, v in entry.items()}


def build_playbooks(data: list[dict[str, Any]]) -> tuple[Playbook, ...]:
    """The playbooks of a validated plan."""
    return tuple(
        Playbook(
            **{
                **_tuples(p),
                "steps": tuple(PlaybookStep(**s) for s in p["steps"]),
            }
        )
        for p in data
    )


def build_channels(data: list[dict[str, Any]]) -> tuple[Channel, ...]:
    """The owned channels of a validated plan."""
    return tuple(Channel(**_tuples(c)) for c in data)


def build_recovery(data: list[dict[str, Any]]) -> tuple[PlatformRecovery, ...]:
    """The platform recovery entries of a validated plan."""
    return tuple(
        PlatformRecovery(
            **{
                **_tuples(r),
                "verified_on": dt.date.fromisoformat(r["verified_on"])
                if isinstance(r.get("verified_on"), str)
                else None,
            }
        )
        for r in data
    )


def build_notes(data: list[dict[str, Any]]) -> tuple[Note, ...]:
    """The notes of a validated plan."""
    return tuple(Note(**n) for n in data)
