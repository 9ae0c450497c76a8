"""The PDF's structure, for screen readers: a subset of the PDF/UA checks (the Matterhorn
Protocol) that veraPDF makes, read with pypdf, since veraPDF needs a Java download.

Every character on a page is either tagged (its marked content's MCID is in the
structure tree) or marked as an artifact (headers, footers); chapters are headings;
tables have header cells; the flowchart is a figure with a text alternative; and
the metadata says PDF/UA-1.
"""

from __future__ import annotations

import io
from collections.abc import Iterator
from typing import Any

import pypdf
import pytest
from pypdf.generic import ArrayObject, DictionaryObject, IndirectObject

from generator.plan.validate import load_valid_plan
from generator.printing.data import chapters
from generator.printing.pdf import card_pdf, runbook_pdf
from tests.conftest import EXAMPLE, TODAY

PLAN = load_valid_plan(EXAMPLE, TODAY)
TEXT_OPERATORS = {b"Tj", b"TJ", b"'", b'"'}


@pytest.fixture(scope="module", params=["runbook", "card"])
def reader(request: pytest.FixtureRequest) -> pypdf.PdfReader:
    pdf = runbook_pdf(PLAN) if request.param == "runbook" else card_pdf(PLAN, "cmo")
    return pypdf.PdfReader(io.BytesIO(pdf))


def _resolve(node: Any) -> Any:
    return node.get_object() if isinstance(node, IndirectObject) else node


def _elements(node: Any, page: Any = None) -> Iterator[tuple[DictionaryObject, Any]]:
    """Every structure element below ``node``, with the page its content is on."""
    node = _resolve(node)
    if isinstance(node, ArrayObject):
        for kid in node:
            yield from _elements(kid, page)
    elif isinstance(node, DictionaryObject) and "/S" in node:
        page = node.get("/Pg", page)
        yield node, page
        yield from _elements(node.get("/K", ArrayObject()), page)


def _tagged(reader: pypdf.PdfReader) -> set[tuple[int, int]]:
    """(page object number, MCID) of every marked content the structure tree points to."""
    found = set()
    for element, page in _elements(reader.trailer["/Root"]["/StructTreeRoot"]["/K"]):
        kids = _resolve(element.get("/K", ArrayObject()))
        for kid in kids if isinstance(kids, ArrayObject) else [kids]:
            kid = _resolve(kid)
            if isinstance(kid, int):
                found.add((page.idnum, int(kid)))
            elif isinstance(kid, DictionaryObject) and kid.get("/Type") == "/MCR":
                found.add((kid.get("/Pg", page).idnum, int(kid["/MCID"])))
    return found


def _roles(reader: pypdf.PdfReader) -> dict[str, str]:
    """Typst's structure types, mapped to the standard ones where it uses its own."""
    role_map = _resolve(reader.trailer["/Root"]["/StructTreeRoot"].get("/RoleMap", {}))
    return {str(k): str(v) for k, v in role_map.items()}


def test_every_character_is_tagged_or_an_artifact(reader: pypdf.PdfReader) -> None:
    tagged = _tagged(reader)
    shown = 0
    for number, page in enumerate(reader.pages, 1):
        page_ref = page.indirect_reference  # the structure tree names pages by object
        assert page_ref is not None
        marks: list[tuple[str, int | None]] = []
        content = pypdf.generic.ContentStream(page.get_contents(), reader)
        for operands, operator in content.operations:
            if operator == b"BDC":
                props = _resolve(operands[1])
                mcid = props.get("/MCID") if isinstance(props, DictionaryObject) else None
                marks.append((str(operands[0]), None if mcid is None else int(mcid)))
            elif operator == b"BMC":
                marks.append((str(operands[0]), None))
            elif operator == b"EMC":
                marks.pop()
            elif operator in TEXT_OPERATORS:
                shown += 1
                assert marks, f"page {number}: text outside any marked content"
                if any(tag == "/Artifact" for tag, _ in marks):
                    continue
                mcids = [m for _, m in marks if m is not None]
                assert mcids, f"page {number}: text neither tagged nor an artifact"
                assert (page_ref.idnum, mcids[-1]) in tagged, (
                    f"page {number}: MCID {mcids[-1]} is not in the structure tree"
                )
        assert not marks, f"page {number}: a marked-content sequence is never closed"
    assert shown > 0


def test_chapters_are_headings_and_tables_have_header_cells(reader: pypdf.PdfReader) -> None:
    roles = _roles(reader)
    kinds = [
        roles.get(str(e["/S"]), str(e["/S"]))
        for e, _ in _elements(reader.trailer["/Root"]["/StructTreeRoot"]["/K"])
    ]
    assert "/Table" in kinds and "/TH" in kinds and "/TD" in kinds
    if len(reader.pages) > 2:  # the runbook: a heading per chapter
        assert kinds.count("/H1") >= len(chapters(PLAN))


def test_the_flowchart_is_a_figure_with_a_text_alternative() -> None:
    reader = pypdf.PdfReader(io.BytesIO(runbook_pdf(PLAN)))
    roles = _roles(reader)
    figures = [
        e
        for e, _ in _elements(reader.trailer["/Root"]["/StructTreeRoot"]["/K"])
        if roles.get(str(e["/S"]), str(e["/S"])) == "/Figure"
    ]
    assert figures
    for figure in figures:
        assert str(figure.get("/Alt", "")).startswith("The severity flowchart")


def test_the_metadata_declares_pdf_ua_1(reader: pypdf.PdfReader) -> None:
    xmp = reader.trailer["/Root"]["/Metadata"].get_object().get_data().decode("utf-8")
    assert "pdfuaid:part>1<" in xmp or 'pdfuaid:part="1"' in xmp
