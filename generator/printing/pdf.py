"""Offline copies: the whole runbook as one PDF, and one-page pocket cards.

Print templates (``templates/print``) are HTML rendered with autoescape and
laid out by WeasyPrint with print CSS; they do not reuse the site's HTML.
Output is deterministic: document dates come from the plan's
``last_reviewed`` and WeasyPrint writes no random file identifier.
Everything is rendered in memory first and written last, so a failure leaves
no half-written file behind.
"""

from __future__ import annotations

import logging
import os
from dataclasses import dataclass
from functools import cache
from typing import Any

from jinja2 import Environment, StrictUndefined, select_autoescape
from markupsafe import Markup, escape

from generator.errors import InputError, UsageError
from generator.plan.model import Level, Plan
from generator.plan.placeholders import split_template
from generator.plan.status import WEAK_MFA, contact_status
from generator.shared.outline import page_paths
from generator.shared.resources import (
    PackageTemplateLoader,
    read_template_text,
    reporting_missing_templates,
)

PAPERS = {"a4": "A4", "letter": "letter"}
GENERAL = "general"


class CardTooLong(InputError):
    """A pocket card does not fit on one page."""


@cache
def _environment() -> Environment:
    return Environment(
        loader=PackageTemplateLoader("print"),
        autoescape=select_autoescape(default=True, default_for_string=True),
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )


def raci(plan: Plan, role_id: str, lv: Level) -> str:
    """The role's letter(s) at a level: A, R, C, I (A and R together as "A R")."""
    parts = []
    if lv.accountable == role_id:
        parts.append("A")
    if role_id in lv.responsible:
        parts.append("R")
    if role_id in lv.consulted:
        parts.append("C")
    if role_id in lv.informed:
        parts.append("I")
    return " ".join(parts)


def _context(plan: Plan, paper: str) -> dict[str, Any]:
    def person(contact_id: str) -> Markup:
        c = plan.contact(contact_id)
        reach = [x for x in (c.phone, c.email) if x]
        return escape(c.name) + (Markup(", ") + escape(", ".join(reach)) if reach else Markup(""))

    def phone(contact_id: str) -> Markup:
        c = plan.contact(contact_id)
        return escape(c.name) + Markup(", ") + escape(c.phone or c.email or "")

    def template_text(text: str) -> Markup:
        pieces, _ = split_template(text)
        out = Markup("")
        for p in pieces:
            out += (
                Markup('<span class="placeholder">{%s}</span>') % p.text
                if p.placeholder
                else escape(p.text)
            )
        return out

    def answer(target: str) -> str:
        if target.startswith("level-"):
            return f"level {target[6:]}"
        return f"question {numbers[target]}"

    numbers = {q.id: i for i, q in enumerate(plan.triage.questions, 1)}
    css = read_template_text("print", "print.css")
    return {
        "plan": plan,
        "info": plan.plan,
        "css": Markup(css + f"\n@page {{ size: {PAPERS[paper]}; }}"),
        "paper": Markup(PAPERS[paper]),
        "role": plan.role,
        "level": plan.level,
        "person": person,
        "phone": phone,
        "status": lambda c: contact_status(plan, c),
        "raci": lambda role_id, lv: raci(plan, role_id, lv),
        "template_text": template_text,
        "answer": answer,
        "question_number": numbers,
        "weak_mfa": WEAK_MFA,
        "tools": {t.id: t for t in plan.scheduling_tools},
    }


def chapters(plan: Plan) -> list[tuple[str, str]]:
    """The runbook's chapters as (anchor, title): the site's pages but the home page."""
    return [
        (path.removesuffix(".md").removeprefix("levels/"), title)
        for path, title in page_paths(plan)
        if path != "index.md"
    ]


def runbook_html(plan: Plan, flowchart_svg: str, paper: str = "a4") -> str:
    """The print HTML of the whole runbook."""
    with reporting_missing_templates():
        template = _environment().get_template("runbook.html.j2")
    return template.render(
        **_context(plan, paper), chapters=chapters(plan), flowchart=Markup(flowchart_svg)
    )


@dataclass(frozen=True)
class CardPlan:
    """What one role's card holds."""

    parts: list[tuple[Level, str]]
    calls: list[tuple[str, str]]


def card_plan(plan: Plan, role_id: str) -> CardPlan:
    """The levels a role takes part in, and whom it calls (in order, with why)."""
    names = {"A": "Accountable", "R": "Responsible", "C": "Consulted", "I": "Informed"}
    parts = []
    calls: dict[str, list[str]] = {}
    for lv in plan.severity_levels:
        letters = raci(plan, role_id, lv).split()
        if not letters:
            continue
        parts.append((lv, " and ".join(names[x] for x in letters)))
        if "A" in letters:
            for other in (*lv.responsible, *lv.consulted, *lv.informed):
                if other != role_id:
                    calls.setdefault(other, []).append(f"level {lv.level}")
        elif lv.accountable != role_id:
            calls.setdefault(lv.accountable, []).append(f"owns level {lv.level}")
    why = [(other, ", ".join(reasons)) for other, reasons in calls.items()]
    return CardPlan(parts, why)


def card_html(plan: Plan, role_id: str, paper: str = "a4") -> str:
    """The print HTML of one card: a role's card, or the general card."""
    context = _context(plan, paper)
    if role_id == GENERAL:
        extra: dict[str, Any] = {"r": None, "card_title": "Crisis pocket card"}
    else:
        r = plan.role(role_id)
        cp = card_plan(plan, role_id)
        notified = [
            t for t in (plan.listening.thresholds if plan.listening else ()) if role_id in t.notify
        ]
        extra = {
            "r": r,
            "card_title": f"Pocket card: {r.title}",
            "parts": cp.parts,
            "calls": cp.calls,
            "notified": notified,
        }
    with reporting_missing_templates():
        return _environment().get_template("card.html.j2").render(**context, **extra)


def html_to_pdf(html: str, plan: Plan) -> tuple[bytes, int]:
    """Lay out print HTML with WeasyPrint: the PDF and its page count."""
    logging.getLogger("weasyprint").setLevel(logging.ERROR)
    from weasyprint import HTML

    from generator.plan.status import source_date_epoch

    # fontTools stamps embedded font subsets with the time unless this is set
    saved = os.environ.get("SOURCE_DATE_EPOCH")
    os.environ["SOURCE_DATE_EPOCH"] = source_date_epoch(plan)
    try:
        document = HTML(string=html).render()  # print HTML is self-contained
        pdf = document.write_pdf()
    finally:
        if saved is None:
            del os.environ["SOURCE_DATE_EPOCH"]
        else:
            os.environ["SOURCE_DATE_EPOCH"] = saved
    assert pdf is not None
    return pdf, len(document.pages)


def runbook_pdf(plan: Plan, paper: str = "a4", flowchart_svg: str | None = None) -> bytes:
    """The whole runbook as one PDF (the flowchart is drawn unless given)."""
    from generator.shared.flowchart import draw_flowchart, print_svg

    svg = print_svg(flowchart_svg if flowchart_svg is not None else draw_flowchart(plan))
    return html_to_pdf(runbook_html(plan, svg, paper), plan)[0]


def card_pdf(plan: Plan, role_id: str, paper: str = "a4") -> bytes:
    """One card as a one-page PDF; ``CardTooLong`` when it would need more."""
    pdf, pages = html_to_pdf(card_html(plan, role_id, paper), plan)
    if pages != 1:
        raise CardTooLong(_too_long(plan, role_id, pages))
    return pdf


def _too_long(plan: Plan, role_id: str, pages: int) -> str:
    if role_id == GENERAL:
        return (
            f"the general card needs {pages} pages, and a card must fit on one: shorten the "
            "triage questions, the level names or the roles' call lists"
        )
    cp = card_plan(plan, role_id)
    heavy = sorted(
        ((len(lv.actions), lv.level) for lv, part in cp.parts if part.startswith(("Acc", "Res"))),
        reverse=True,
    )
    biggest = ", ".join(f"level {n} ({k} steps)" for k, n in heavy[:3]) or "none"
    return (
        f"the card for role `{role_id}` needs {pages} pages, and a card must fit on one: "
        f"shorten the actions of the levels it works on (longest: {biggest}), or the "
        "number of roles it calls"
    )


def card_ids(plan: Plan) -> list[str]:
    """Every card: the general card, then one per role."""
    return [GENERAL, *(r.id for r in plan.roles)]


def check_role(plan: Plan, role_id: str) -> None:
    """Refuse an unknown role id with a suggestion."""
    from generator.plan.diagnostics import did_you_mean

    known = {r.id for r in plan.roles}
    if role_id != GENERAL and role_id not in known:
        hint = did_you_mean(role_id, known | {GENERAL}) or f"; roles: {', '.join(sorted(known))}"
        raise UsageError(f"no role has the id `{role_id}`{hint}")


def offline_copies(
    plan: Plan, paper: str = "a4", flowchart_svg: str | None = None
) -> dict[str, bytes]:
    """runbook.pdf and cards/<card>.pdf, rendered in memory, by relative path."""
    out = {"runbook.pdf": runbook_pdf(plan, paper, flowchart_svg)}
    for card in card_ids(plan):
        out[f"cards/{card}.pdf"] = card_pdf(plan, card, paper)
    return out
