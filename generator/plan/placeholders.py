"""Placeholders in message templates: ``{snake_case_name}``; ``{{`` and ``}}`` are braces."""

from __future__ import annotations

import re
from dataclasses import dataclass

_NAME = re.compile(r"[a-z][a-z0-9_]*")


@dataclass(frozen=True)
class Piece:
    """A run of template text: literal text, or a placeholder name."""

    text: str
    placeholder: bool = False


def split_template(text: str) -> tuple[list[Piece], list[tuple[int, str]]]:
    """Split template text into pieces, and list syntax problems as (index, message)."""
    pieces: list[Piece] = []
    problems: list[tuple[int, str]] = []
    literal: list[str] = []
    i = 0
    while i < len(text):
        ch = text[i]
        if text.startswith("{{", i) or text.startswith("}}", i):
            literal.append(ch)
            i += 2
        elif ch == "{":
            end = text.find("}", i + 1)
            name = text[i + 1 : end] if end != -1 else ""
            if end != -1 and _NAME.fullmatch(name):
                if literal:
                    pieces.append(Piece("".join(literal)))
                    literal = []
                pieces.append(Piece(name, placeholder=True))
                i = end + 1
            else:
                shown = text[i : end + 1] if end != -1 and end - i < 40 else "{"
                problems.append(
                    (
                        i,
                        f"`{shown}` is not a placeholder: write placeholders as "
                        "{snake_case_name} and a literal brace as {{ or }}",
                    )
                )
                # skip the whole bad group so its closing brace is not reported again
                stop = end + 1 if end != -1 and "{" not in text[i + 1 : end] else i + 1
                literal.append(text[i:stop])
                i = stop
        elif ch == "}":
            problems.append((i, "a lone `}`: write a literal brace as }}"))
            literal.append(ch)
            i += 1
        else:
            literal.append(ch)
            i += 1
    if literal:
        pieces.append(Piece("".join(literal)))
    return pieces, problems


def placeholder_names(text: str) -> list[str]:
    """The distinct placeholder names in ``text``, in order of first use."""
    pieces, _ = split_template(text)
    return list(dict.fromkeys(p.text for p in pieces if p.placeholder))
