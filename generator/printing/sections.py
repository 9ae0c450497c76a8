"""Print data for the sections about kinds of incident: playbook and note chapters,
recovery entries beside each account's checklist, rotas' next shifts, and a role's
playbook steps for its pocket card. Plain JSON-able data, like ``data``: the Typst
templates only ever show it as text.

Rotas are printed from the plan's ``last_reviewed`` day (the day printed copies are
dated by), or the rota's first day if it starts later: the shift holding that day and
the seven after it, so the same plan always prints the same bytes. The rule is printed
beside them, so a reader can go on counting.
"""

from __future__ import annotations

from typing import Any

from generator.plan.model import Plan, Role, SocialAccount
from generator.plan.playbooks import PlaybookStep
from generator.plan.rotation import SHIFTS_PRINTED
from generator.shared.i18n import _, format_day
from generator.shared.places import posting_order


def _person(plan: Plan, contact_id: str) -> dict[str, str]:
    c = plan.contact(contact_id)
    return {"name": c.name, "phone": c.phone or "", "email": c.email or c.url or ""}


def _see(plan: Plan, step: PlaybookStep) -> str:
    kind, ident = step.see_kind, step.see_id
    if kind is None:
        return ""
    named = {
        "credentials": _("the credentials chapter"),
        "internal_comms": _("the internal comms chapter"),
        "platform_recovery": _("the account's recovery page (credentials chapter)"),
    }
    if kind in named:
        return named[kind]
    kinds = {
        "statement": _("statement \u201c%(title)s\u201d"),
        "template": _("template \u201c%(title)s\u201d"),
        "playbook": _("playbook \u201c%(title)s\u201d"),
        "note": _("note \u201c%(title)s\u201d"),
    }
    titles = {
        "statement": {s.id: s.title for s in plan.external_statements},
        "template": {t.id: t.title for t in plan.internal_comms.templates},
        "playbook": {p.id: p.title for p in plan.playbooks},
        "note": {n.id: n.title for n in plan.notes},
    }[kind]
    return kinds[kind] % {"title": titles[str(ident)]}


def playbook_chapters(plan: Plan) -> list[dict[str, Any]]:
    """One chapter per playbook, in the order written."""
    out = []
    for p in plan.playbooks:
        owner = plan.role(p.owner)
        out.append(
            {
                "id": p.id,
                "title": p.title,
                "signals": list(p.signals),
                "start": ""
                if p.start_level is None
                else f"{p.start_level}: {plan.level(p.start_level).name}",
                "owner": {
                    "title": owner.title,
                    "people": [_person(plan, c) for c in owner.contacts],
                },
                "steps": [
                    {
                        "do": s.do,
                        "owner": plan.role(p.step_owner(s)).title,
                        "see": _see(plan, s),
                    }
                    for s in p.steps
                ],
                "statements": [s.title for s in plan.external_statements if s.id in p.statements],
                "templates": [
                    t.title for t in plan.internal_comms.templates if t.id in p.templates
                ],
            }
        )
    return out


def note_chapters(plan: Plan) -> list[dict[str, Any]]:
    """One chapter per note: its paragraphs and lists."""
    return [
        {
            "id": n.id,
            "title": n.title,
            "blocks": [{"list": b.is_list, "items": list(b.items)} for b in n.blocks],
        }
        for n in plan.notes
    ]


def account_recovery(plan: Plan, account: SocialAccount) -> dict[str, Any] | None:
    """The recovery entry printed beside an account's checklist, and who can act on it."""
    entry = plan.recovery_for(account.platform)
    if entry is None:
        return None
    return {
        "url": entry.url,
        "steps": list(entry.steps),
        "contact": None if entry.contact is None else _person(plan, entry.contact),
        "verified": _("checked %(date)s", date=format_day(entry.verified_on))
        if entry.verified_on
        else _("unverified"),
    }


def account_admins(plan: Plan, account: SocialAccount) -> str:
    """The admin roles of an account, by title."""
    return ", ".join(plan.role(r).title for r in account.admins)


def rota(plan: Plan, role: Role) -> dict[str, Any] | None:
    """A role's rota: its rule in words and the next eight shifts from the print's date."""
    r = role.rotation
    if r is None:
        return None
    names = ", ".join(plan.contact(c).name for c in r.order)
    return {
        "rule": _(
            "shifts of %(days)s day(s) from %(date)s, in turn: %(names)s",
            days=r.every_days,
            date=format_day(r.starts),
            names=names,
        ),
        "shifts": [
            {
                "from": format_day(s.first_day),
                "to": format_day(s.last_day),
                **_person(plan, s.contact),
            }
            for s in r.shifts_from(max(plan.plan.last_reviewed, r.starts), SHIFTS_PRINTED)
        ],
    }


def statement_places(plan: Plan, channels: tuple[str, ...]) -> str:
    """A statement's channels in posting order, in words."""
    # TRANSLATORS: between the places a statement is posted on, in order
    return _(", then ").join(p.label for p in posting_order(plan, channels))


def card_playbooks(plan: Plan, role_id: str) -> list[dict[str, Any]]:
    """The playbook steps a role does (a step without an owner is its playbook owner's)."""
    out = []
    for p in plan.playbooks:
        steps = [
            {"n": i, "do": s.do} for i, s in enumerate(p.steps, 1) if p.step_owner(s) == role_id
        ]
        if steps:
            out.append({"title": p.title, "lead": p.owner == role_id, "steps": steps})
    return out
