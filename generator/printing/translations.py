"""Statements and templates on paper, each with its translations in sequence.

A translated text is printed after its original, each version under its language's
name (in the plan's language), with the Typst language (``lang``, ``region``) and
direction it is set in; in right-to-left text every number (a phone number, a time)
is a separate left-to-right piece, so its digits keep their order. All of it is data
for the templates, never markup.
"""

from __future__ import annotations

from typing import Any

from generator.plan.placeholders import split_template
from generator.shared.languages import Group, Version, ltr_runs


def text_pieces(text: str, direction: str = "ltr") -> list[dict[str, Any]]:
    """A template's text as pieces: placeholders marked, and in right-to-left text the
    numbers marked ``ltr``."""
    pieces, _ = split_template(text)
    out: list[dict[str, Any]] = []
    for p in pieces:
        if p.placeholder or direction != "rtl":
            out.append({"text": p.text, "placeholder": p.placeholder, "ltr": p.placeholder})
        else:
            out += [{"text": t, "placeholder": False, "ltr": n} for t, n in ltr_runs(p.text)]
    return out


def typst_language(tag: str) -> dict[str, str]:
    """A BCP 47 tag as Typst's ``lang`` (the language) and ``region`` ("" for none)."""
    parts = tag.split("-")
    region = next((p for p in parts[1:] if len(p) == 2 and p.isalpha()), "")
    return {"lang": parts[0].lower(), "region": region.upper()}


def version_data(
    v: Version[Any], text: str, subject: str = "", named: bool = True
) -> dict[str, Any]:
    """One language's version: its name (unless not ``named``), Typst language and
    direction, title and text."""
    return {
        "name": v.name if named else "",
        **typst_language(v.lang),
        "dir": v.dir,
        "title": v.entry.title,
        "subject": subject,
        "text": text_pieces(text, v.dir),
    }


def translations_data(group: Group[Any], body: str) -> dict[str, Any]:
    """The original's language (its name, Typst language and direction: its text is
    set in them) and every translation's version data; ``body`` is the attribute that
    holds the text. The original's language is named only when there are translations
    (the templates show it only then)."""
    first = group.versions[0]
    return {
        "language": version_data(first, "", named=group.translated),
        "translations": [
            version_data(v, getattr(v.entry, body), getattr(v.entry, "subject", None) or "")
            for v in group.versions[1:]
        ],
    }
