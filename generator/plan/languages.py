"""Language tags and translations: what only this tool can check about a plan's languages.

``plan.language`` and every statement's and template's ``lang`` must be a well-formed
BCP 47 tag whose language, script and region subtags exist (the schema checks only the
shape). A ``translation_of`` must name an original (an entry of the same list that is
not itself a translation), each original has at most one translation per language,
none in its own language, and a translation asks for the same placeholders as its
original, since one incident's details fill in all of them.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from generator.plan.access import entries, section
from generator.plan.diagnostics import Diagnostic, did_you_mean
from generator.plan.document import Document, NodePath
from generator.plan.language_tables import LANGUAGES, REGIONS, SCRIPTS
from generator.plan.placeholders import placeholder_names

DEFAULT_LANGUAGE = "en"
# the schema's own pattern: a value it refuses is reported there, not again here
_SHAPE = re.compile(r"^[A-Za-z]{2,3}(-[A-Za-z0-9]{1,8})*$")
_VARIANT = re.compile(r"^(?:[A-Za-z0-9]{5,8}|[0-9][A-Za-z0-9]{3})$")


def tag_problem(tag: str) -> str | None:
    """Why ``tag`` is no usable BCP 47 language tag, or None when it is one.

    Checked: the language (ISO 639, as CLDR names it), an optional script (ISO 15924)
    and region (ISO 3166 or a UN M.49 number), variants, and extensions or a private
    part, in that order."""
    parts = tag.split("-")
    language = parts[0].lower()
    if language not in LANGUAGES:
        return f"`{tag}` is not a language tag: `{parts[0]}` is no ISO 639 language code"
    rest = parts[1:]
    if rest and len(rest[0]) == 4 and rest[0].isalpha():
        if rest[0].title() not in SCRIPTS:
            return f"`{tag}` is not a language tag: `{rest[0]}` is no ISO 15924 script code"
        rest = rest[1:]
    if rest and (
        (len(rest[0]) == 2 and rest[0].isalpha()) or (len(rest[0]) == 3 and rest[0].isdigit())
    ):
        if rest[0].upper() not in REGIONS:
            return f"`{tag}` is not a language tag: `{rest[0]}` is no region code"
        rest = rest[1:]
    while rest and _VARIANT.match(rest[0]):
        rest = rest[1:]
    if rest and len(rest[0]) == 1 and len(rest) > 1:
        return None  # an extension (u-..., t-...) or a private part (x-...): not checked
    if rest:
        return (
            f"`{tag}` is not a language tag: `{rest[0]}` is in the wrong place; write the "
            "language, then a script, then a region, such as zh-Hant-TW"
        )
    return None


def same_language(a: str, b: str) -> bool:
    """Whether two tags name one language (tags are case-insensitive)."""
    return a.lower() == b.lower()


@dataclass(frozen=True)
class _Entry:
    path: NodePath
    ident: str
    lang: str
    translation_of: str | None
    placeholders: tuple[str, ...]
    has_text: bool


_LISTS: tuple[tuple[tuple[str, ...], str, tuple[str, ...]], ...] = (
    (("external_statements",), "statement", ("text",)),
    (("internal_comms", "templates"), "template", ("subject", "body")),
)


def language_diagnostics(doc: Document) -> list[Diagnostic]:
    """Malformed or unknown language tags and broken translations, as errors."""
    data = doc.data
    out: list[Diagnostic] = []
    plan_language = section(data, "plan").get("language", DEFAULT_LANGUAGE)
    if isinstance(plan_language, str):
        out += _tag_diagnostics(doc, ("plan", "language"), plan_language)
    else:
        plan_language = DEFAULT_LANGUAGE
    for keys, noun, texts in _LISTS:
        found = list(_entries(data, keys, texts, plan_language))
        for e in found:
            lang = value_of(data, (*e.path, "lang"))
            if isinstance(lang, str):
                out += _tag_diagnostics(doc, (*e.path, "lang"), lang)
        out += _translation_diagnostics(doc, found, noun)
    return out


def value_of(data: Any, path: NodePath) -> Any:
    """The value at ``path`` in loaded data, or None."""
    node = data
    for key in path:
        if isinstance(key, int):
            node = node[key] if isinstance(node, list) and key < len(node) else None
        else:
            node = node.get(key) if isinstance(node, dict) else None
    return node


def _tag_diagnostics(doc: Document, path: NodePath, tag: str) -> list[Diagnostic]:
    if not _SHAPE.match(tag):
        return []  # the schema says so
    problem = tag_problem(tag)
    if problem is None:
        return []
    if "wrong place" not in problem:
        problem += "; write a BCP 47 tag such as en, es-MX or zh-Hant"
    return [doc.diagnostic(path, problem)]


def _entries(
    data: Any, keys: tuple[str, ...], texts: tuple[str, ...], plan_language: str
) -> Iterator[_Entry]:
    for path, entry in entries(data, *keys):
        ident = entry.get("id")
        if not isinstance(ident, str):
            continue
        lang = entry.get("lang")
        target = entry.get("translation_of")
        names: list[str] = []
        has_text = True
        for key in texts:
            text = entry.get(key)
            if isinstance(text, str):
                names += placeholder_names(text)
            elif text is not None or key != "subject":
                has_text = False
        yield _Entry(
            path,
            ident,
            lang if isinstance(lang, str) else plan_language,
            target if isinstance(target, str) else None,
            tuple(dict.fromkeys(names)),
            has_text,
        )


def _translation_diagnostics(doc: Document, found: list[_Entry], noun: str) -> list[Diagnostic]:
    by_id = {e.ident: e for e in found}
    out: list[Diagnostic] = []
    seen: dict[tuple[str, str], _Entry] = {}
    for e in found:
        if e.translation_of is None:
            continue
        where = (*e.path, "translation_of")
        target = by_id.get(e.translation_of)
        if target is None:
            hint = did_you_mean(e.translation_of, {x.ident for x in found} - {e.ident})
            out.append(
                doc.diagnostic(
                    where,
                    f"`{e.translation_of}` is not a {noun} id: `translation_of` names the "
                    f"{noun} this one translates{hint}",
                )
            )
            continue
        cycle = _cycle(by_id, e)
        if cycle:
            out.append(
                doc.diagnostic(
                    where,
                    f"translations form a cycle ({' -> '.join(cycle)}): one {noun} is the "
                    "original, with no `translation_of`; its translations name it",
                )
            )
            continue
        if target.translation_of is not None:
            root = _root(by_id, target)
            out.append(
                doc.diagnostic(
                    where,
                    f"`{target.ident}` is itself a translation (of `{root}`): name the "
                    f"original, `translation_of: {root}`",
                )
            )
            continue
        if same_language(e.lang, target.lang):
            out.append(
                doc.diagnostic(
                    (*e.path, "lang") if value_of(doc.data, (*e.path, "lang")) else where,
                    f"this translation is in `{e.lang}`, the language of its original "
                    f"`{target.ident}`: set `lang` to the language it is written in",
                )
            )
            continue
        key = (target.ident, e.lang.lower())
        if key in seen:
            first = seen[key]
            line = doc.pos((*first.path, "id")).line
            out.append(
                doc.diagnostic(
                    (*e.path, "lang") if value_of(doc.data, (*e.path, "lang")) else where,
                    f"`{target.ident}` already has a `{e.lang}` translation, `{first.ident}` "
                    f"on line {line}: keep one translation per language",
                )
            )
            continue
        seen[key] = e
        out += _placeholder_diagnostics(doc, e, target)
    return out


def _cycle(by_id: dict[str, _Entry], start: _Entry) -> list[str]:
    """The ids of the cycle ``start`` is part of (``[a, b, a]``), or an empty list."""
    chain = [start.ident]
    current = start
    while current.translation_of is not None and current.translation_of in by_id:
        current = by_id[current.translation_of]
        if current.ident == start.ident:
            return [*chain, start.ident]
        if current.ident in chain:
            return []  # a cycle further on, reported at its own members
        chain.append(current.ident)
    return []


def _root(by_id: dict[str, _Entry], entry: _Entry) -> str:
    current = entry
    seen = {entry.ident}
    while current.translation_of in by_id and current.translation_of not in seen:
        current = by_id[current.translation_of]
        seen.add(current.ident)
    return current.ident


def _placeholder_diagnostics(doc: Document, e: _Entry, original: _Entry) -> list[Diagnostic]:
    missing = [p for p in original.placeholders if p not in e.placeholders]
    extra = [p for p in e.placeholders if p not in original.placeholders]
    if (not missing and not extra) or not e.has_text or not original.has_text:
        return []
    said = []
    if missing:
        said.append(f"lacks {_names(missing)}")
    if extra:
        said.append(f"has {_names(extra)}")
    text_key = "text" if "text" in (value_of(doc.data, e.path) or {}) else "body"
    return [
        doc.diagnostic(
            (*e.path, text_key),
            f"this translation {' and '.join(said)}, unlike its original `{original.ident}`: "
            "a translation asks for the same placeholders as its original, so one "
            "incident's details fill in every language",
        )
    ]


def _names(names: list[str]) -> str:
    return ", ".join(f"`{{{n}}}`" for n in names)
