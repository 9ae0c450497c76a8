"""Site helpers for the sections about kinds of incident: links to what a playbook step
``see``s, where a statement is posted (in posting order), a platform's recovery entry,
and a rota whose person on call today the reader's browser works out.

Everything here is trusted Markup whose plan text goes through ``plantext`` (placeholders
the plugin fills in after the engine ran), the same route as every other page, so a
host's Markdown extensions and template plugins can do nothing with it.
"""

from __future__ import annotations

import json
import re
from typing import Any

from markupsafe import Markup

from generator.plan.model import Contact, Plan, Role
from generator.plan.playbooks import Playbook, PlaybookStep
from generator.shared.i18n import _, format_day, n_
from generator.site.plantext import in_html, in_markdown

# owned channels staff hear from, shown with the internal protocol
INTERNAL_KINDS = ("intranet", "chat")
SHIFTS_SHOWN = 4  # next shifts the site lists under today's person


def playbook_path(playbook_id: str) -> str:
    """The page of a playbook."""
    return f"playbooks/{playbook_id}.md"


def note_path(note_id: str) -> str:
    """The page of a note."""
    return f"notes/{note_id}.md"


class SectionLinks:
    """Markup for one page: links to playbooks, notes and ``see`` targets, and rotas."""

    def __init__(self, plan: Plan, links: Any) -> None:
        self.plan = plan
        self.links = links
        self.rel = links.rel

    def call_first(self, role_id: str, *, email: bool = True) -> Markup:
        """Whom to call first for a role: the primary contact, or for a role with a rota
        today's person, worked out in the browser (the rota's people without a script)."""
        role = self.plan.role(role_id)
        if role.rotation is None:
            return Markup(self.links.person(self.plan.contact(role.contacts[0]), email=email))
        return rota_today_html(self.plan, role)

    def _link(self, text: str, target: str) -> Markup:
        return Markup(f"[{in_markdown(text)}]({self.rel(target)})")

    def see(self, step: PlaybookStep) -> Markup:
        """A link to where a step's details are."""
        kind, ident = step.see_kind, step.see_id
        if kind == "credentials":
            return self._link(_("Credentials"), "credentials.md")
        if kind == "internal_comms":
            return self._link(_("Internal comms"), "internal-comms.md")
        if kind == "platform_recovery":
            shown = _("Platform recovery pages")
            return Markup(f"[{shown}]({self.rel('credentials.md')}#accounts)")
        if kind == "statement":
            s = next(s for s in self.plan.external_statements if s.id == ident)
            return Markup(
                f"[{in_markdown(s.title)}]({self.rel('statements.md')}#statement-{in_html(s.id)})"
            )
        if kind == "template":
            t = next(t for t in self.plan.internal_comms.templates if t.id == ident)
            return Markup(
                f"[{in_markdown(t.title)}]({self.rel('internal-comms.md')}#template-{in_html(t.id)})"
            )
        if kind == "playbook":
            return self.playbook(str(ident))
        return self.note(str(ident))

    def playbook(self, playbook_id: str) -> Markup:
        """A link to a playbook's page, titled."""
        p = next(p for p in self.plan.playbooks if p.id == playbook_id)
        return self._link(p.title, playbook_path(p.id))

    def note(self, note_id: str) -> Markup:
        """A link to a note's page, titled."""
        n = next(n for n in self.plan.notes if n.id == note_id)
        return self._link(n.title, note_path(n.id))

    def role(self, role_id: str) -> Markup:
        """A role's title linked to its call list."""
        r = self.plan.role(role_id)
        return Markup(f"[{in_markdown(r.title)}]({self.rel('roles.md')}#role-{in_html(r.id)})")

    def playbooks_owned(self, role_id: str) -> list[tuple[Playbook, list[int]]]:
        """Playbooks where a role leads or does steps: (playbook, its step numbers)."""
        out = []
        for p in self.plan.playbooks:
            steps = [i for i, s in enumerate(p.steps, 1) if p.step_owner(s) == role_id]
            if steps or p.owner == role_id:
                out.append((p, steps))
        return out


def _tel(phone: str | None) -> str:
    return re.sub(r"[^0-9+]", "", phone or "")


def _person_data(c: Contact) -> dict[str, str]:
    return {"name": c.name, "phone": c.phone or "", "tel": _tel(c.phone)}


def rota_dict(plan: Plan, role: Role) -> dict[str, Any] | None:
    """A role's rota as data for runbook.js (which works out today's person), or None."""
    rota = role.rotation
    if rota is None:
        return None
    return {
        "starts": rota.starts.isoformat(),
        "every": rota.every_days,
        "order": [_person_data(plan.contact(c)) for c in rota.order],
        "shifts": SHIFTS_SHOWN,
    }


def _rota_data(plan: Plan, role: Role) -> str:
    data = rota_dict(plan, role)
    assert data is not None
    # as a line's text: a placeholder in the Markdown the plugin fills in after the
    # engine ran, and for `render --out` Markdown-escaped text, which is also a safe
    # attribute value and keeps a `|` from splitting the table row it may sit in
    return in_markdown(json.dumps(data, ensure_ascii=False, sort_keys=True))


def rota_today_html(plan: Plan, role: Role) -> Markup:
    """Today's person of a rota, inline (a table cell): the browser names them; without a
    script, everyone on the rota with their phones."""
    rota = role.rotation
    assert rota is not None
    people = []
    for c_id in dict.fromkeys(rota.order):
        c = plan.contact(c_id)
        tel = _tel(c.phone)
        # inline in a Markdown table: the text is Markdown-escaped, the attributes HTML-escaped
        phone = f' <a href="tel:{in_html(tel)}">{in_markdown(c.phone or "")}</a>'
        people.append(f"{in_markdown(c.name)}{phone if tel else ''}")
    fallback = _("on the rota: %(people)s", people="; ".join(people))
    return Markup(
        f'<span class="runbook-rota-today" data-runbook-rota="{_rota_data(plan, role)}">'
        f"{fallback}</span>"
    )


def rota_attribute(plan: Plan, role: Role) -> Markup:
    """A role's rota as data for an attribute (the call block puts today's person first
    in the reader's browser), or nothing for a role without one."""
    return Markup(_rota_data(plan, role)) if role.rotation else Markup("")


def rota_html(plan: Plan, role: Role) -> Markup:
    """Who is on call today for a role with a rota: the reader's browser works it out
    from the data (templates/assets/runbook.js); without a script, the rota is listed."""
    rota = role.rotation
    if rota is None:
        return Markup("")
    people = ", ".join(
        f"{i}. {in_markdown(plan.contact(c).name)}" for i, c in enumerate(rota.order, 1)
    )
    fallback = n_(
        "On call: shifts of a day from %(date)s, in turn: %(people)s.",
        "On call: shifts of %(num)s days from %(date)s, in turn: %(people)s.",
        rota.every_days,
        date=format_day(rota.starts),
        people=people,
    )
    fallback += " " + _("The rest of the call list stays backup.")
    return Markup(
        f'<div class="runbook-rota" data-runbook-rota="{_rota_data(plan, role)}">'
        f"<p>{fallback}</p></div>"
    )
