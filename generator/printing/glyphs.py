"""Which characters the print fonts can draw, read from the fonts' own ``cmap`` tables.

Typst draws a character no font has as an empty box, silently. A runbook
with a name printed as boxes is worse than a warning, so the text is checked
against the fonts first and each missing character is named with its text.
"""

from __future__ import annotations

import re
import struct
from bisect import bisect_right
from collections.abc import Iterable, Iterator
from functools import cache
from pathlib import Path
from typing import Any


def _cmap_ranges(font: bytes) -> Iterator[tuple[int, int]]:
    """The code point ranges a TrueType/OpenType font maps to glyphs."""
    tables = struct.unpack(">H", font[4:6])[0]
    offset = None
    for i in range(tables):
        tag, _, start, _ = struct.unpack(">4sIII", font[12 + 16 * i : 28 + 16 * i])
        if tag == b"cmap":
            offset = start
    if offset is None:
        return
    count = struct.unpack(">H", font[offset + 2 : offset + 4])[0]
    subtables = []
    for i in range(count):
        platform, encoding, sub = struct.unpack(
            ">HHI", font[offset + 4 + 8 * i : offset + 12 + 8 * i]
        )
        if (platform, encoding) in ((3, 10), (3, 1), (0, 3), (0, 4)):
            subtables.append(offset + sub)
    for sub in subtables:
        fmt = struct.unpack(">H", font[sub : sub + 2])[0]
        if fmt == 12:
            groups = struct.unpack(">I", font[sub + 12 : sub + 16])[0]
            for g in range(groups):
                first, last, _ = struct.unpack(">III", font[sub + 16 + 12 * g : sub + 28 + 12 * g])
                yield first, last
        elif fmt == 4:
            segs = struct.unpack(">H", font[sub + 6 : sub + 8])[0] // 2
            ends = struct.unpack(f">{segs}H", font[sub + 14 : sub + 14 + 2 * segs])
            base = sub + 16 + 2 * segs
            starts = struct.unpack(f">{segs}H", font[base : base + 2 * segs])
            for first, last in zip(starts, ends, strict=True):
                if first != 0xFFFF:
                    yield first, last


@cache
def _covered(fonts: tuple[bytes, ...]) -> frozenset[tuple[int, int]]:
    return frozenset(r for f in fonts for r in _cmap_ranges(f))


@cache
def _coverage(fonts: tuple[bytes, ...]) -> tuple[list[int], list[int], re.Pattern[str]]:
    """The fonts' ranges merged (their starts and their ends, for a binary search), and
    a pattern of the characters worth a look: not a control, not a space, and not ASCII
    the fonts have (most text is, and is passed over in C)."""
    merged: list[list[int]] = []
    for first, last in sorted(_covered(fonts)):
        if merged and first <= merged[-1][1] + 1:
            merged[-1][1] = max(merged[-1][1], last)
        else:
            merged.append([first, last])
    starts, ends = [r[0] for r in merged], [r[1] for r in merged]
    ascii_had = "".join(chr(c) for c in range(0x21, 0x7F) if _has(starts, ends, c))
    return starts, ends, re.compile(f"[^\\x00-\\x20{re.escape(ascii_had)}]")


def _has(starts: list[int], ends: list[int], code: int) -> bool:
    i = bisect_right(starts, code) - 1
    return i >= 0 and code <= ends[i]


def font_files(folders: Iterable[str]) -> list[bytes]:
    """The TrueType and OpenType fonts in the given folders."""
    out = []
    for folder in folders:
        for path in sorted(Path(folder).glob("*")):
            if path.suffix.lower() in (".ttf", ".otf") and path.is_file():
                out.append(path.read_bytes())
    return out


# The scripts the bundled fonts lack, by the first word of a character's Unicode name:
# the script's name and a free (SIL Open Font License) font that has it.
_CJK = ("Chinese, Japanese and Korean (Han)", "Noto Sans CJK (or Noto Sans SC, TC, JP or KR)")
SCRIPT_FONTS: dict[str, tuple[str, str]] = {
    "CJK": _CJK,
    "IDEOGRAPHIC": _CJK,
    "FULLWIDTH": _CJK,
    "HALFWIDTH": _CJK,
    "BOPOMOFO": ("Bopomofo (Chinese)", "Noto Sans TC (or Noto Sans CJK)"),
    "HIRAGANA": ("Japanese (Hiragana)", "Noto Sans JP (or Noto Sans CJK)"),
    "KATAKANA": ("Japanese (Katakana)", "Noto Sans JP (or Noto Sans CJK)"),
    "HANGUL": ("Korean (Hangul)", "Noto Sans KR (or Noto Sans CJK)"),
    "BENGALI": ("Bengali", "Noto Sans Bengali"),
    "DEVANAGARI": ("Devanagari (Hindi, Marathi, Nepali)", "Noto Sans Devanagari"),
    "GURMUKHI": ("Gurmukhi (Punjabi)", "Noto Sans Gurmukhi"),
    "GUJARATI": ("Gujarati", "Noto Sans Gujarati"),
    "ORIYA": ("Odia", "Noto Sans Oriya"),
    "TAMIL": ("Tamil", "Noto Sans Tamil"),
    "TELUGU": ("Telugu", "Noto Sans Telugu"),
    "KANNADA": ("Kannada", "Noto Sans Kannada"),
    "MALAYALAM": ("Malayalam", "Noto Sans Malayalam"),
    "SINHALA": ("Sinhala", "Noto Sans Sinhala"),
    "THAI": ("Thai", "Noto Sans Thai"),
    "LAO": ("Lao", "Noto Sans Lao"),
    "KHMER": ("Khmer", "Noto Sans Khmer"),
    "MYANMAR": ("Myanmar (Burmese)", "Noto Sans Myanmar"),
    "TIBETAN": ("Tibetan", "Noto Serif Tibetan"),
    "ETHIOPIC": ("Ethiopic (Amharic, Tigrinya)", "Noto Sans Ethiopic"),
    "GEORGIAN": ("Georgian", "Noto Sans Georgian"),
    "ARMENIAN": ("Armenian", "Noto Sans Armenian"),
    "SYRIAC": ("Syriac", "Noto Sans Syriac"),
    "THAANA": ("Thaana (Dhivehi)", "Noto Sans Thaana"),
    "CHEROKEE": ("Cherokee", "Noto Sans Cherokee"),
    "CANADIAN": ("Canadian Aboriginal syllabics", "Noto Sans Canadian Aboriginal"),
    "MONGOLIAN": ("Mongolian", "Noto Sans Mongolian"),
    "YI": ("Yi", "Noto Sans Yi"),
}


def script_of(ch: str) -> str | None:
    """The key of ``ch``'s script in ``SCRIPT_FONTS``, or None for another character."""
    import unicodedata

    name = unicodedata.name(ch, "")
    word = name.split(" ", 1)[0]
    if ch in _DANDAS:
        return _DANDA
    if word in SCRIPT_FONTS:
        return word
    return "CJK" if 0x3000 <= ord(ch) <= 0x303F else None


# The danda and double danda end sentences in Bengali, Gurmukhi, Odia, ... too, though
# Unicode names them Devanagari: they go with whichever of those scripts is missing.
_DANDAS = frozenset("\u0964\u0965")
_DANDA = "DANDA"
_INDIC = ("BENGALI", "GURMUKHI", "ORIYA", "GUJARATI", "TAMIL", "TELUGU", "KANNADA", "MALAYALAM")


def _danda_script(keys: Iterable[str]) -> str:
    """The script a missing danda is counted with: an Indic script also missing, or
    Devanagari."""
    found = set(keys)
    return next((k for k in _INDIC if k in found), "DEVANAGARI")


def lacking(data: Any, fonts: list[bytes]) -> dict[str, str]:
    """Each character of the data's strings that none of ``fonts`` can draw (spaces
    aside), with the first text that holds it, in the order the data first has them."""
    starts, ends, worth_a_look = _coverage(tuple(fonts))
    found: dict[str, str] = {}
    chars: set[str] = set()
    for text in strings(data):
        for match in worth_a_look.finditer(text):
            ch = match.group()
            if ch.isspace() or ch in chars:
                continue
            chars.add(ch)
            if not _has(starts, ends, ord(ch)):
                found[ch] = text
    return found


def draws(fonts: list[bytes], ch: str) -> bool:
    """Whether one of ``fonts`` has the character ``ch``."""
    starts, ends, _ = _coverage(tuple(fonts))
    return _has(starts, ends, ord(ch))


def draws_any(fonts: list[bytes], chars: Iterable[str]) -> bool:
    """Whether ``fonts`` have one of ``chars``, or a part of one (Typst's shaper may take
    a character apart into letter and marks, as a Hebrew letter with its points)."""
    import unicodedata

    return any(
        draws(fonts, part) for ch in chars for part in {ch, *unicodedata.normalize("NFD", ch)}
    )


def by_script(lacked: dict[str, str], hint: str) -> list[tuple[str, str]]:
    """(key, warning) for each script of the characters ``lacking`` found (one warning
    for all its characters, naming the first and the text that holds it, and a free
    font for it), and for each other character (an emoji, a symbol)."""
    seen: dict[str, tuple[str, str, int]] = {}  # key -> first character, its text, count
    for ch, text in lacked.items():
        key = script_of(ch) or ch
        first_ch, first_text, n = seen.get(key, (ch, text, 0))
        seen[key] = (first_ch, first_text, n + 1)
    if _DANDA in seen:
        ch, text, n = seen.pop(_DANDA)
        key = _danda_script(seen)
        first_ch, first_text, count = seen.get(key, (ch, text, 0))
        seen[key] = (first_ch, first_text, count + n)
    out = []
    for key, (ch, text, n) in seen.items():
        said = f"the print font has no character {ch!r} (U+{ord(ch):04X})"
        if key in SCRIPT_FONTS:
            script, font = SCRIPT_FONTS[key]
            plural = "s" if n > 2 else ""
            more = f" or the {n - 1} other {script} character{plural} of the plan" if n > 1 else ""
            out.append(
                (
                    f"script:{script}",
                    f"{said}{more}: {script} text prints as empty boxes, as in "
                    f"{text[:60]!r}; add a font that has it, such as the free {font}, with "
                    f"{hint}",
                )
            )
        else:
            out.append(
                (
                    key,
                    f"{said}, so it prints as an empty box in {text[:60]!r}; add a font "
                    f"that has it with {hint}",
                )
            )
    return out


def missing_glyphs(data: Any, fonts: list[bytes], hint: str = "--font-path DIR") -> list[str]:
    """One warning per script (or other character) none of ``fonts`` can draw, naming a
    text that holds it; ``hint`` says how to add a font where the warning is read."""
    return [message for _, message in by_script(lacking(data, fonts), hint)]


def strings(node: Any) -> Iterator[str]:
    """Every string in JSON-like data, depth first."""
    if isinstance(node, str):
        yield node
    elif isinstance(node, dict):
        for value in node.values():
            yield from strings(value)
    elif isinstance(node, list):
        for value in node:
            yield from strings(value)
