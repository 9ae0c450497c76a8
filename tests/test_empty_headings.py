"""No output prints a heading with nothing under it: plans with every optional section
absent, or present but as small as the schema allows, render every site page, the
runbook PDF and every pocket card, and each heading has content before the next one."""

from __future__ import annotations

import io
import re

import pypdf
import pytest

from generator.plan.loader import parse_plan_text
from generator.plan.model import build_plan
from generator.plan.validate import validate_document
from generator.printing.pdf import card_ids, card_pdf, runbook_pdf
from generator.site.render import render_pages
from tests.conftest import MINIMAL, TODAY
from tests.printing.test_tagging import _elements

OPTIONAL = ("listening", "external_statements", "after_action", "scheduling_tools", "exercises")


def _sparse(drop: tuple[str, ...]) -> str:
    """The minimal plan without the top-level sections ``drop`` (cut as text: PyYAML
    would read triage's ``yes:`` keys as booleans)."""
    kept, skipping = [], False
    for line in MINIMAL.read_text("utf-8").splitlines(keepends=True):
        if line[:1].strip():
            skipping = line.split(":")[0] in drop
        if not skipping and not ("scheduling_tools" in drop and "scheduled_via" in line):
            kept.append(line)
    return "".join(kept)


PLANS = {
    "no-optional-section": _sparse(OPTIONAL),
    "no-scheduling-tools": _sparse(("scheduling_tools",)),
}


def _plan(text: str):  # type: ignore[no-untyped-def]
    doc = parse_plan_text(text, "plan.yaml")
    errors = [d for d in validate_document(doc, TODAY) if d.severity == "error"]
    assert not errors, errors
    return build_plan(doc.data)


def empty_markdown_headings(markdown: str) -> list[str]:
    """Headings followed by a heading of the same or a higher rank, or by nothing."""
    lines = [line for line in markdown.splitlines() if line.strip()]
    out = []
    for i, line in enumerate(lines):
        heading = re.match(r"^(#{1,6}) ", line)
        if not heading:
            continue
        after = lines[i + 1] if i + 1 < len(lines) else ""
        deeper = re.match(r"^(#{1,6}) ", after)
        if not after or (deeper and len(deeper.group(1)) <= len(heading.group(1))):
            out.append(line)
    return out


def empty_pdf_headings(pdf: bytes) -> list[str]:
    """Tagged headings with no other element before the next heading of the same or a
    higher rank, and printed labels (a line ending in ``:``) with nothing after them."""
    reader = pypdf.PdfReader(io.BytesIO(pdf))
    tags = [str(e["/S"]) for e, _ in _elements(reader.trailer["/Root"]["/StructTreeRoot"]["/K"])]
    out = []
    for i, tag in enumerate(tags):
        if re.fullmatch(r"/H[1-6]", tag):
            rest = [t for t in tags[i + 1 :] if t not in ("/Span", "/Link")]
            nxt = rest[0] if rest else ""
            if not nxt or (re.fullmatch(r"/H[1-6]", nxt) and nxt[2] <= tag[2]):
                out.append(f"{tag} at element {i}")
    text = [line.strip() for p in reader.pages for line in (p.extract_text() or "").splitlines()]
    text = [line for line in text if line]
    for line, after in zip(text, [*text[1:], ""], strict=True):
        if line.endswith(":") and (not after or after.endswith(":")):
            out.append(line)
    return out


def test_the_checks_find_an_empty_heading() -> None:
    assert empty_markdown_headings("# A\n\n## B\n\n## C\n\ntext\n") == ["## B"]
    assert empty_markdown_headings("# A\n\ntext\n\n## B\n") == ["## B"]


@pytest.mark.parametrize("name", PLANS)
def test_no_site_page_has_an_empty_heading(name: str) -> None:
    pages = render_pages(_plan(PLANS[name]), "<svg></svg>", offline=True)
    found = {page: empty_markdown_headings(md) for page, md in pages.items()}
    assert not {page: h for page, h in found.items() if h}


@pytest.mark.parametrize("name", PLANS)
def test_no_pdf_or_card_has_an_empty_heading(name: str) -> None:
    plan = _plan(PLANS[name])
    found = {"runbook.pdf": empty_pdf_headings(runbook_pdf(plan))}
    for card in card_ids(plan):
        found[card] = empty_pdf_headings(card_pdf(plan, card))
    assert not {where: h for where, h in found.items() if h}
