"""Risk flags for translations: an original statement or template whose text changed
while a translation of it did not. The translation may now say something the original
no longer says (a time, a promise, a link), and only a reader of that language would
notice."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import Any

from generator.plan.model import Plan


def _words(entry: Any) -> tuple[str, ...]:
    """What a reader of the entry is told: a statement's text, a template's subject and body."""
    if hasattr(entry, "body"):
        return (entry.subject or "", entry.body)
    return (entry.text,)


def _stale(noun: str, old: Sequence[Any], new: Sequence[Any]) -> Iterator[str]:
    before = {e.id: e for e in old}
    now = {e.id: e for e in new}
    for entry in new:
        original_id = entry.translation_of
        if original_id is None or original_id not in now:
            continue
        was, was_original = before.get(entry.id), before.get(original_id)
        if was is None or was_original is None:
            continue
        if _words(was_original) != _words(now[original_id]) and _words(was) == _words(entry):
            yield (
                f"Translation {entry.id} ({entry.lang}) may be out of date: its original "
                f"{noun} {original_id} changed and it did not"
            )


def translation_flags(old: Plan, new: Plan) -> Iterator[str]:
    """A flag for each translation whose original's text changed while its own did not."""
    yield from _stale("statement", old.external_statements, new.external_statements)
    yield from _stale("template", old.internal_comms.templates, new.internal_comms.templates)
