"""Where the secret scan looks, so that a 2 MiB plan is checked in well under a second.

Needles: a pattern of ``secret_forms`` can match a text only if the text, folded to
lower case one character for one, holds one needle of each of the pattern's needle
groups; ``Scan.held`` answers that for every group in microseconds, so a text skips
the patterns whose words or characters it lacks. Keyword starts: in a long text, a
pattern that starts with its keywords (``secret_forms.STARTS``) is tried only where
one of them starts, found with ``str.find``. Either way the matches are the ones the
pattern's own search finds; ``tests/plan/test_secret_needles.py`` checks it.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from itertools import repeat
from operator import not_

from generator.plan.secret_forms import (
    CHECKED_FORMS,
    DIGITS,
    PROSE_NEEDLES,
    STARTS,
    TOKEN_FORMATS,
    Needles,
)

SHORT_TEXT = 4096  # characters: a shorter text is looked at whole (the quicker way there)


# The characters a case-insensitive pattern matches to an ASCII letter that ``str.lower``
# does not turn into that letter (U+0130 even becomes two characters).
_UNFOLDED = {"\u0130": "i", "\u0131": "i", "\u017f": "s"}
_UNFOLDED_TABLE = str.maketrans(_UNFOLDED)


def fold(text: str) -> str:
    """``text`` in lower case, one character for one: a case-insensitive pattern's
    keyword, found in ``text``, is found in ``fold(text)`` as the keyword in lower case."""
    if any(c in text for c in _UNFOLDED):
        text = text.translate(_UNFOLDED_TABLE)
    return text.lower()


# every distinct needle group, numbered: groups of single characters first
GROUPS = sorted(
    {group for *_, needles in [*TOKEN_FORMATS, *CHECKED_FORMS] for group in needles}
    | {*PROSE_NEEDLES, DIGITS},
    key=lambda group: (max(map(len, group)) > 1, group),
)
GROUP_NUMBERS = {group: number for number, group in enumerate(GROUPS)}
_CHARACTER_GROUPS = [frozenset(g) for g in GROUPS if max(map(len, g)) == 1]
_STRING_GROUPS = GROUPS[len(_CHARACTER_GROUPS) :]


def gate(needles: Needles) -> tuple[int, ...]:
    """A pattern's needle groups as numbers into ``GROUPS``."""
    return tuple(GROUP_NUMBERS[group] for group in needles)


class _Held(dict[int, bool]):
    """Which needle groups a folded text holds: each group looked for when first asked."""

    def __init__(self, folded: str) -> None:
        super().__init__()
        self.folded = folded

    def __missing__(self, group: int) -> bool:
        found = self[group] = any(map(self.folded.__contains__, GROUPS[group]))
        return found


def held_groups(folded: str) -> Callable[[int], bool]:
    """Whether ``folded`` holds needle group N. A short text is searched for every group
    at once (in C, a few microseconds); a long one for each group when first asked."""
    if len(folded) <= SHORT_TEXT:
        chars = set(folded)
        return [
            *map(not_, map(chars.isdisjoint, _CHARACTER_GROUPS)),
            *map(any, map(map, repeat(folded.__contains__), _STRING_GROUPS)),
        ].__getitem__
    return _Held(folded).__getitem__


def keyword_starts(folded: str, words: tuple[str, ...], most: int) -> list[int] | None:
    """Every position where one of ``words`` starts in ``folded``, in order; ``None``
    past ``most`` of them (then the pattern's own search, in C, is the quicker way)."""
    found: set[int] = set()
    for word in words:
        at = folded.find(word)
        while at >= 0:
            found.add(at)
            if len(found) > most:
                return None
            at = folded.find(word, at + 1)
    return sorted(found)


def matches_at(pattern: re.Pattern[str], text: str, starts: list[int]) -> Iterator[re.Match[str]]:
    """``pattern.finditer(text)``, given ``starts`` (every position where a match can
    start, in order): the pattern is tried at those positions only."""
    end = 0
    for start in starts:
        if start >= end and (m := pattern.match(text, start)):
            yield m
            end = m.end()


class Scan:
    """One text's folded form, needle groups and keyword positions, each found once."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.folded = fold(text)
        self.held = held_groups(self.folded)
        self.starts: dict[tuple[str, ...], list[int] | None] = {}

    def matches(self, pattern: re.Pattern[str]) -> Iterator[re.Match[str]]:
        """The pattern's matches; a long text is searched at its keywords only, unless
        they are everywhere (more than one in 4 characters)."""
        words = STARTS.get(pattern) if len(self.text) > SHORT_TEXT else None
        if words is not None and words not in self.starts:
            self.starts[words] = keyword_starts(self.folded, words, len(self.text) // 4)
        starts = None if words is None else self.starts[words]
        if starts is None:
            return pattern.finditer(self.text)
        return matches_at(pattern, self.text, starts)
