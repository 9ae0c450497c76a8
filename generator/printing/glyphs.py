"""Which characters the print fonts can draw, read from the fonts' own ``cmap`` tables.

Typst draws a character no font has as an empty box, silently. A runbook
with a name printed as boxes is worse than a warning, so the text is checked
against the fonts first and each missing character is named with its text.
"""

from __future__ import annotations

import struct
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


def font_files(folders: Iterable[str]) -> list[bytes]:
    """The TrueType and OpenType fonts in the given folders."""
    out = []
    for folder in folders:
        for path in sorted(Path(folder).glob("*")):
            if path.suffix.lower() in (".ttf", ".otf") and path.is_file():
                out.append(path.read_bytes())
    return out


def missing_glyphs(data: Any, fonts: list[bytes], hint: str = "--font-path DIR") -> list[str]:
    """One warning per character none of ``fonts`` can draw, naming a text that holds it;
    ``hint`` says how to add a font where the warning is read."""
    texts = list(strings(data))
    # each distinct character is looked up once: a large plan's text is a million of them
    chars: set[str] = set()
    for text in texts:
        chars.update(text)
    lacking = {ch for ch in chars if not _drawn(ch, tuple(fonts))}
    seen: dict[str, str] = {}
    for text in texts if lacking else ():
        for ch in lacking.intersection(text).difference(seen):
            seen[ch] = text
    ordered = sorted(seen, key=lambda ch: _first_use(ch, texts))
    return [
        f"the print font has no character {ch!r} (U+{ord(ch):04X}), so it prints as an empty "
        f"box in {seen[ch][:60]!r}; add a font that has it with {hint}"
        for ch in ordered
    ]


def _first_use(ch: str, texts: list[str]) -> tuple[int, int]:
    """Where a character first appears: (the text, the place in it)."""
    for n, text in enumerate(texts):
        if ch in text:
            return n, text.index(ch)
    return len(texts), 0


@cache
def _drawn(ch: str, fonts: tuple[bytes, ...]) -> bool:
    """Whether a character needs no glyph (white space, a control character), or one of
    ``fonts`` has it."""
    if ch.isspace() or ord(ch) < 0x20:
        return True
    code = ord(ch)
    return any(first <= code <= last for first, last in _covered(fonts))


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
