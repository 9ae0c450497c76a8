"""Matching two sequences (words of a text, items of a list) in bounded time.

``difflib.SequenceMatcher`` is quadratic or worse: a 32,000-word text took minutes,
and a plan may be 2 MiB. ``match`` keeps difflib for small parts only (where it
gives the diffs reviewers already know) and splits large inputs as patience diff
does: the common prefix and suffix, then the elements that occur once on each side,
kept in order by a longest increasing subsequence (n log n), then the gaps between
them, again. A part that is still too large, or the work past a fixed budget, is
left unmatched (shown whole) and the result says it is not exact.
"""

from __future__ import annotations

import bisect
import difflib
from collections import Counter
from collections.abc import Hashable, Sequence
from dataclasses import dataclass

DIRECT_CELLS = 40_000  # len(a) * len(b) up to which difflib compares a part directly
BUDGET_CELLS = 1_000_000  # difflib's work for one comparison, in all (about 0.5 s at worst)
MAX_DEPTH = 16  # rounds of unique-element splitting before a part is shown whole


@dataclass(frozen=True)
class Matching:
    """Matched positions ``(i, j)`` of ``a`` and ``b``, increasing in both; ``exact`` is
    False when some part was too large to compare and was left unmatched."""

    pairs: tuple[tuple[int, int], ...]
    exact: bool


def _longest_increasing(pairs: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """The longest run of ``pairs`` (sorted by i) with j increasing: patience sorting."""
    tops: list[int] = []  # the smallest last j of an increasing run of each length
    ends: list[int] = []  # index in pairs of that last element
    back = [-1] * len(pairs)
    for k, (_, j) in enumerate(pairs):
        n = bisect.bisect_left(tops, j)
        if n == len(tops):
            tops.append(j)
            ends.append(k)
        else:
            tops[n], ends[n] = j, k
        back[k] = ends[n - 1] if n else -1
    run: list[tuple[int, int]] = []
    k = ends[-1] if ends else -1
    while k >= 0:
        run.append(pairs[k])
        k = back[k]
    return run[::-1]


def _unique_anchors(
    a: Sequence[Hashable], b: Sequence[Hashable], alo: int, ahi: int, blo: int, bhi: int
) -> list[tuple[int, int]]:
    """Elements that occur exactly once in a[alo:ahi] and once in b[blo:bhi], in order."""
    in_a, in_b = Counter(a[alo:ahi]), Counter(b[blo:bhi])
    where_b = {b[j]: j for j in range(blo, bhi) if in_b[b[j]] == 1}
    both = [(i, where_b[a[i]]) for i in range(alo, ahi) if in_a[a[i]] == 1 and a[i] in where_b]
    return _longest_increasing(both)


def match(a: Sequence[Hashable], b: Sequence[Hashable]) -> Matching:
    """The elements of ``a`` and ``b`` matched in order, in time that stays near-linear
    whatever the input (see the module's docstring)."""
    pairs: list[tuple[int, int]] = []
    exact = True
    budget = BUDGET_CELLS
    parts = [(0, len(a), 0, len(b), 0)]
    while parts:
        alo, ahi, blo, bhi, depth = parts.pop()
        if (ahi - alo) * (bhi - blo) > DIRECT_CELLS:
            while alo < ahi and blo < bhi and a[alo] == b[blo]:
                pairs.append((alo, blo))
                alo, blo = alo + 1, blo + 1
            while alo < ahi and blo < bhi and a[ahi - 1] == b[bhi - 1]:
                ahi, bhi = ahi - 1, bhi - 1
                pairs.append((ahi, bhi))
        if alo == ahi or blo == bhi:
            continue
        cells = (ahi - alo) * (bhi - blo)
        if cells <= DIRECT_CELLS and cells <= budget:
            budget -= cells
            matcher = difflib.SequenceMatcher(a=a[alo:ahi], b=b[blo:bhi], autojunk=False)
            for block in matcher.get_matching_blocks():
                pairs.extend((alo + block.a + k, blo + block.b + k) for k in range(block.size))
            continue
        anchors = _unique_anchors(a, b, alo, ahi, blo, bhi) if depth < MAX_DEPTH else []
        if not anchors:
            exact = False  # too large, and nothing to split it on: left unmatched
            continue
        i0, j0 = alo, blo
        for i, j in anchors:
            pairs.append((i, j))
            parts.append((i0, i, j0, j, depth + 1))
            i0, j0 = i + 1, j + 1
        parts.append((i0, ahi, j0, bhi, depth + 1))
    return Matching(tuple(sorted(pairs)), exact)
