"""Print a plan diff: Markdown for a pull-request comment, text for a terminal, JSON."""

from __future__ import annotations

import dataclasses
import json
from collections.abc import Callable

from generator.review.changes import FieldChange, ItemChange, PlanDiff
from generator.shared import escape

_KIND_WORD = {"added": "Added", "removed": "Removed", "changed": "Changed", "moved": "Moved"}
_SIGN = {"added": "+", "removed": "-", "changed": "~", "moved": ">"}
_COLOUR = {"added": "\033[32m", "removed": "\033[31m", "changed": "\033[33m", "moved": "\033[36m"}
_RESET = "\033[0m"


def headline(diff: PlanDiff) -> str:
    """One line: how many risk flags and changes, and the versions."""
    if not diff.changed:
        return "No changes"
    flags = len(diff.flags)
    version = (
        f"version {diff.old_version} -> {diff.new_version}"
        if diff.old_version != diff.new_version
        else f"version {diff.new_version}"
    )
    return (
        f"{flags} risk flag{'s' if flags != 1 else ''}, "
        f"{diff.change_count} change{'s' if diff.change_count != 1 else ''} ({version})"
    )


def _summary(changes: tuple[ItemChange, ...]) -> str:
    counts: dict[str, int] = {}
    for c in changes:
        counts[c.kind] = counts.get(c.kind, 0) + 1
    return ", ".join(f"{n} {kind}" for kind, n in counts.items())


# said under a field whose texts or lists were too large to compare in full
_NOT_EXACT = {
    "words": "(too long to compare word by word: the changed part is shown whole)",
    "list": "(too long to compare item by item: some items shown as moved may not have moved)",
}


def field_lines(f: FieldChange, text: Callable[[str], str], md: bool = False) -> list[str]:
    """The lines that show one field's change (Markdown emphasis with ``md``)."""
    lines = _change_lines(f, text, md)
    if not f.exact:
        lines.append(f"{f.field}: {_NOT_EXACT[f.style]}")
    return lines


def _change_lines(f: FieldChange, text: Callable[[str], str], md: bool) -> list[str]:
    if f.style == "value":
        return [f"{f.field}: {text(f.old or '')} -> {text(f.new or '')}"]
    if f.style == "words":
        parts = []
        for op, words in f.ops:
            if op == "=":
                parts.append(text(words))
            elif md:
                parts.append(f"~~{text(words)}~~" if op == "-" else f"**{text(words)}**")
            else:
                parts.append(f"[-{text(words)}-]" if op == "-" else f"{{+{text(words)}+}}")
        return [f"{f.field}: " + " ".join(parts)]
    lines = [f"{f.field}: {'removed' if op == '-' else 'added'} {text(item)}" for op, item in f.ops]
    lines += [f"{f.field}: moved {text(m)}" for m in f.moves]
    return lines


def _item_title(c: ItemChange, text: Callable[[str], str]) -> str:
    title = text(c.key) if c.key == c.label else f"{text(c.key)} ({text(c.label)})"
    if c.moved:
        title += f", moved from position {c.moved[0]} to {c.moved[1]}"
    return title


def format_markdown(diff: PlanDiff) -> str:
    """A pull-request comment: headline, risk flags, one collapsible section per part."""
    text = escape.paste_safe
    out = [f"### Plan changes: {text(headline(diff))}", ""]
    if not diff.changed:
        return "\n".join(out).rstrip() + "\n"
    if diff.flags:
        out += ["**Risk flags**", ""]
        out += [f"- :warning: {text(flag)}" for flag in diff.flags]
        out.append("")
    for section in diff.sections:
        out += [
            "<details>",
            f"<summary>{escape.html(section.name)}: {_summary(section.changes)}</summary>",
            "",
        ]
        for c in section.changes:
            out.append(f"- **{_KIND_WORD[c.kind]}** {_item_title(c, text)}")
            out += [f"  - {line}" for f in c.fields for line in field_lines(f, text, True)]
        out += ["", "</details>", ""]
    return "\n".join(out).rstrip() + "\n"


def format_text(diff: PlanDiff, *, colour: bool = False) -> str:
    """A terminal report, coloured when asked."""

    def paint(kind: str, s: str) -> str:
        return f"{_COLOUR[kind]}{s}{_RESET}" if colour else s

    show = escape.terminal  # plan text never reaches the terminal raw
    out = [f"Plan changes: {show(headline(diff))}"]
    if not diff.changed:
        return out[0]
    if diff.flags:
        out += ["", "Risk flags"]
        out += [f"  ! {paint('removed', show(flag))}" for flag in diff.flags]
    for section in diff.sections:
        out += ["", f"{show(section.name)}: {_summary(section.changes)}"]
        for c in section.changes:
            out.append(paint(c.kind, f"  {_SIGN[c.kind]} {_item_title(c, show)}"))
            out += [f"      {line}" for f in c.fields for line in field_lines(f, show, False)]
    return "\n".join(out)


def format_json(diff: PlanDiff) -> str:
    """The diff as JSON for other tools."""
    data = dataclasses.asdict(diff)
    data["changed"] = diff.changed
    data["headline"] = headline(diff)
    return json.dumps(data, indent=2, ensure_ascii=False)
