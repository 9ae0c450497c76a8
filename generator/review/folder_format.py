"""Print a folder diff: each changed plan's diff under its file name, plans added and
removed, and the ``people.yaml`` change once with the plans it reaches."""

from __future__ import annotations

import dataclasses
import json

from generator.review import format as plan_format
from generator.review.changes import ItemChange, PlanDiff
from generator.review.folder_diff import FolderDiff
from generator.shared import escape

_KIND_WORD = {"added": "Added", "removed": "Removed", "changed": "Changed", "moved": "Moved"}


def folder_headline(diff: FolderDiff) -> str:
    """One line: how many plans changed, were added or removed, and people changes."""
    if not diff.changed:
        return "No changes"
    parts = []
    if diff.plans:
        parts.append(f"{len(diff.plans)} plan{'s' if len(diff.plans) != 1 else ''} changed")
    if diff.added:
        parts.append(f"{len(diff.added)} added")
    if diff.removed:
        parts.append(f"{len(diff.removed)} removed")
    if diff.people:
        n = len(diff.people.changes)
        parts.append(f"{n} {'person' if n == 1 else 'people'} changed in people.yaml")
    flags = sum(len(d.flags) for _, d in diff.plans)
    if flags:
        parts.insert(0, f"{flags} risk flag{'s' if flags != 1 else ''}")
    return ", ".join(parts)


def _reach(diff: FolderDiff, change: ItemChange) -> str:
    assert diff.people is not None
    stems = diff.people.reaches.get(change.key, ())
    return f"reaches {', '.join(stems)}" if stems else "no plan uses this person"


def format_folder_text(diff: FolderDiff, *, colour: bool = False) -> str:
    """A terminal report."""
    show = escape.terminal
    out = [f"Folder changes: {show(folder_headline(diff))}"]
    out += [f"  + plan {show(stem)} (added)" for stem in diff.added]
    out += [f"  - plan {show(stem)} (removed)" for stem in diff.removed]
    if diff.people:
        out += ["", "people.yaml (shared by the plans):"]
        for c in diff.people.changes:
            out.append(f"  {_KIND_WORD[c.kind]} {show(c.key)} ({show(c.label)}): {_reach(diff, c)}")
            out += [f"      {line}" for f in c.fields for line in plan_format.field_lines(f, show)]
    for stem, plan_diff in diff.plans:
        out += ["", f"== {show(stem)} ==", plan_format.format_text(plan_diff, colour=colour)]
    return "\n".join(out)


def format_folder_markdown(diff: FolderDiff) -> str:
    """A pull-request comment: the headline, then one part per plan and one for people."""
    text = escape.paste_safe
    out = [f"### Plan folder changes: {text(folder_headline(diff))}", ""]
    out += [f"- **Added** plan `{text(stem)}`" for stem in diff.added]
    out += [f"- **Removed** plan `{text(stem)}`" for stem in diff.removed]
    if diff.added or diff.removed:
        out.append("")
    if diff.people:
        out += ["#### people.yaml (shared by the plans)", ""]
        for c in diff.people.changes:
            out.append(
                f"- **{_KIND_WORD[c.kind]}** {text(c.key)} ({text(c.label)}): {_reach(diff, c)}"
            )
            out += [
                f"  - {line}" for f in c.fields for line in plan_format.field_lines(f, text, True)
            ]
        out.append("")
    for stem, plan_diff in diff.plans:
        body = plan_format.format_markdown(plan_diff).replace("### Plan changes:", "Changes:", 1)
        out += [f"#### {text(stem)}", "", body]
    return "\n".join(out).rstrip() + "\n"


def format_folder_json(diff: FolderDiff) -> str:
    """The folder diff as JSON for other tools."""
    data = dataclasses.asdict(diff)
    data["plans"] = [
        {"plan": stem, **json.loads(plan_format.format_json(d))} for stem, d in diff.plans
    ]
    data["changed"] = diff.changed
    data["headline"] = folder_headline(diff)
    return json.dumps(data, indent=2, ensure_ascii=False)


def format_review(diff: PlanDiff | FolderDiff, fmt: str, *, colour: bool = False) -> str:
    """A plan's or a folder's diff in ``fmt``: text, markdown or json."""
    if isinstance(diff, FolderDiff):
        if fmt == "markdown":
            return format_folder_markdown(diff)
        if fmt == "json":
            return format_folder_json(diff)
        return format_folder_text(diff, colour=colour)
    if fmt == "markdown":
        return plan_format.format_markdown(diff)
    if fmt == "json":
        return plan_format.format_json(diff)
    return plan_format.format_text(diff, colour=colour)
