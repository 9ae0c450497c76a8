"""The secret scan's needles: a text skips a pattern only when the pattern cannot match it.

``secrets._scan`` searches a text with a pattern only if the folded text holds the
pattern's needles (``secret_forms.Needles``). These tests check the two halves of that
promise: folding keeps every letter a case-insensitive pattern matches, and every
pattern's match implies its needles, on the corpus, on the example plan, on their
upper-case and odd-letter variants and on generated texts; and the scan with needles
reports exactly what the scan without them does.
"""

from __future__ import annotations

import random
import re
import sys
from collections.abc import Iterator
from functools import cache
from pathlib import Path

import pytest
import yaml

from generator.plan import secret_search, secrets
from generator.plan.secret_forms import (
    CHECKED_FORMS,
    PROSE_NEEDLES,
    PROSE_SECRET,
    TOKEN_FORMATS,
    Needles,
)
from tests.conftest import EXAMPLE

CORPUS = Path(__file__).resolve().parent / "secrets"
PATTERNS: list[tuple[str, re.Pattern[str], Needles]] = [
    *TOKEN_FORMATS,
    *CHECKED_FORMS,
    ("prose", PROSE_SECRET, PROSE_NEEDLES),
]
EVERY_CHARACTER = "".join(chr(c) for c in range(sys.maxunicode + 1) if not 0xD800 <= c < 0xE000)


def _strings(data: object) -> Iterator[str]:
    if isinstance(data, dict):
        for key, value in data.items():
            yield str(key)
            yield from _strings(value)
    elif isinstance(data, list):
        for value in data:
            yield from _strings(value)
    elif isinstance(data, str):
        yield data


def _variants(text: str) -> list[str]:
    """The text, and the same written with other letters a case-insensitive pattern takes."""
    odd = text.replace("i", "\u0131").replace("s", "\u017f").replace("k", "\u212a")
    return [text, text.upper(), text.swapcase(), odd, text.upper().replace("I", "\u0130")]


@cache
def _samples() -> list[str]:
    lines = []
    for name in ("secrets.txt", "lookalikes.txt"):
        lines += (CORPUS / name).read_text("utf-8").splitlines()
    lines += list(_strings(yaml.safe_load(EXAMPLE.read_text("utf-8"))))
    lines += ["key: sk-proj-4eC39HqLyjWDarjtT1zdp7dc", "ASIAIOSFODNN7EXAMPLE in a note"]
    return [v for line in lines if line.strip() for v in _variants(line)]


ODD_LETTERS = {"i": "\u0131", "I": "\u0130", "s": "\u017f", "k": "\u212a", "K": "\u212a"}
FRAGMENTS = [*" -_/:=@.'\"\n\t!2x", "password", "PIN", "key", "code", "seed", "https://", "AKIA"]


def _mutant(rng: random.Random, text: str) -> str:
    """``text`` with a few random edits: case flips, odd letters, cuts, repeats, insertions."""
    chars = list(text)
    for _ in range(rng.randrange(1, 4)):
        if not chars:
            break
        i = rng.randrange(len(chars))
        edit = rng.randrange(5)
        if edit == 0:
            chars[i] = chars[i].swapcase()
        elif edit == 1:
            chars[i] = ODD_LETTERS.get(chars[i], chars[i])
        elif edit == 2:
            del chars[i : i + rng.randrange(1, 4)]
        elif edit == 3:
            chars[i:i] = chars[max(0, i - rng.randrange(1, 6)) : i]
        else:
            chars[i:i] = rng.choice(FRAGMENTS)
    return "".join(chars)


@cache
def _generated(count: int) -> list[str]:
    rng = random.Random(20)
    lines = [line for line in _samples() if secrets._scan(line)]
    return [_mutant(rng, rng.choice(lines)) for _ in range(count)]


def test_folding_keeps_length_and_every_needle_letter() -> None:
    assert len(secret_search.fold(EVERY_CHARACTER)) == len(EVERY_CHARACTER)
    from generator.plan.secret_forms import STARTS

    words = [n for _, _, needles in PATTERNS for g in needles for n in g]
    letters = sorted(
        {c for word in [*words, *(w for ws in STARTS.values() for w in ws)] for c in word}
    )
    assert all(secret_search.fold(c) == c for c in letters)  # needles are written folded
    taken = re.findall("(?i)[" + re.escape("".join(letters)) + "]", EVERY_CHARACTER)
    for c in set(taken):
        for letter in letters:
            if re.fullmatch("(?i)" + re.escape(letter), c):
                assert secret_search.fold(c) == letter, (
                    f"{c!r} (U+{ord(c):04X}) does not fold to {letter!r}"
                )


def test_a_match_implies_the_needles() -> None:
    matched = [0] * len(PATTERNS)
    for text in [*_samples(), *_generated(4_000)]:
        folded = secret_search.fold(text)
        for i, (name, pattern, needles) in enumerate(PATTERNS):
            if pattern.search(text):
                matched[i] += 1
                held = all(any(n in folded for n in group) for group in needles)
                assert held, f"{name} in {text!r}"
    assert min(matched) >= 5, matched  # every pattern is tried on texts it matches


def test_the_scan_with_needles_finds_what_the_scan_without_them_finds(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    texts = [*_samples(), *_generated(2_000)]
    texts.append(" ".join(texts))  # one long text, as `diff` checks
    with_needles = [secrets._scan(t) for t in texts]
    monkeypatch.setattr(secret_search, "held_groups", lambda folded: lambda group: True)
    assert [secrets._scan(t) for t in texts] == with_needles
    assert sum(found is not None for found in with_needles) > 500


def test_short_and_long_texts_are_told_the_same_groups() -> None:
    # a short text has every group looked for at once, a long one each group when asked
    for text in [*_samples(), *_generated(500)]:
        folded = secret_search.fold(text)
        groups = range(len(secret_search.GROUPS))
        held = secret_search.held_groups(folded)
        assert [held(g) for g in groups] == [secret_search._Held(folded)[g] for g in groups]


# the spaced seed pattern as first written, before a lookahead that makes it fast
SPACED_SEED = re.compile(
    r"(?i)(?<![\w-])(?=[a-z2-7 -]{0,40}[2-7])(?=[a-z2-7 -]{0,40}[a-z])[a-z2-7]{4}([ -])"
    r"(?:[a-z2-7]{4}\1){2,7}[a-z2-7]{4}(?![\w-])"
)


def test_the_fast_spaced_seed_pattern_matches_as_the_first_one() -> None:
    (fast,) = [p for _, p, _ in TOKEN_FORMATS if "(?=[a-z2-7]{4}[ -][a-z2-7]{4}" in p.pattern]
    texts = [*_samples(), *_generated(4_000)]
    texts += ["jbsw y3dp ehpk 3pxp", "JBSW-Y3DP-EHPK-3PXP-AB2C", "abcd efgh ijkl mnop", "a2cd-efgh"]
    found = [(m.span(), m.groups()) if (m := fast.search(t)) else None for t in texts]
    first = [(m.span(), m.groups()) if (m := SPACED_SEED.search(t)) else None for t in texts]
    assert found == first
    assert sum(f is not None for f in found) >= 20


def _spans(matches: Iterator[re.Match[str]]) -> list[tuple[tuple[int, int], tuple[object, ...]]]:
    return [(m.span(), m.groups()) for m in matches]


def test_searching_at_the_keywords_finds_every_match() -> None:
    # a long text is searched only where a keyword starts: the matches must be the same
    from generator.plan.secret_forms import STARTS

    texts = [*_samples(), *_generated(3_000)]
    rng = random.Random(7)
    texts += [" ".join(rng.sample(texts, 40)) for _ in range(50)]  # matches side by side
    tried = 0
    for pattern, words in STARTS.items():
        assert pattern.pattern.startswith(("(?i)\\b(?:", "(?i)(?:\\b(?:")), pattern.pattern
        assert not pattern.match("")
        for text in texts:
            starts = secret_search.keyword_starts(secret_search.fold(text), words, len(text))
            assert starts is not None
            expected = _spans(pattern.finditer(text))
            assert _spans(secret_search.matches_at(pattern, text, starts)) == expected, text
            tried += bool(expected)
    assert tried > 1_000


def test_a_long_text_is_searched_at_its_keywords(monkeypatch: pytest.MonkeyPatch) -> None:
    texts = [" ".join(_samples()[i : i + 400]) for i in range(0, 2_000, 100)]
    texts += ["pw: ab " * 1_000 + text for text in texts[:3]]  # keywords often
    texts += ["pw" * 40_000 + text for text in texts[:3]]  # everywhere: the pattern's search
    assert min(map(len, texts)) > secret_search.SHORT_TEXT
    found = [secrets._scan(t) for t in texts]
    monkeypatch.setattr(secret_search, "STARTS", {})
    assert [secrets._scan(t) for t in texts] == found


# the user / password pattern as first written, before its name's run was possessive
USER_SLASH = re.compile(r"(?<![\w/:.@-])[\w.@+-]{3,64}\s+/\s+([^\s/]{8,})")


def test_the_possessive_user_slash_pattern_matches_as_the_first_one() -> None:
    (fast,) = [p for _, p, _ in CHECKED_FORMS if "{3,64}+" in p.pattern]
    texts = [*_samples(), *_generated(4_000), "a" * 70 + " / Summer2026!", "x.y@z / P4ssw0rd!!"]
    found = [_spans(fast.finditer(t)) for t in texts]
    assert found == [_spans(USER_SLASH.finditer(t)) for t in texts]
    assert sum(bool(f) for f in found) >= 50
