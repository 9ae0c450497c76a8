"""What the print templates lay out, as plain data: plan -> JSON-able dicts.

The Typst templates receive this as JSON and never see
markup built from plan text, so nothing in a plan can change the print's
structure. Everything a template would otherwise have to look up (a role's
people, a contact's status, a role's part at each level) is resolved here.
"""

from __future__ import annotations

from typing import Any

from generator.plan.model import Contact, Level, Plan
from generator.plan.status import WEAK_MFA, contact_status, exercise_status, open_follow_ups
from generator.printing.sections import (
    account_admins,
    account_recovery,
    card_playbooks,
    note_chapters,
    playbook_chapters,
    rota,
    statement_places,
)
from generator.printing.translations import text_pieces, translations_data
from generator.printing.words import print_words
from generator.shared import i18n
from generator.shared.i18n import _, format_day, pgettext_
from generator.shared.languages import groups
from generator.shared.outline import page_paths

GENERAL = "general"


def part_name(letter: str) -> str:
    """A RACI letter as the part's name ("Accountable"), in the current language."""
    names = {"A": _("Accountable"), "R": _("Responsible"), "C": _("Consulted"), "I": _("Informed")}
    return names[letter]


def mfa_name(mfa: str) -> str:
    """A second factor as printed (its plan value in English, a word elsewhere)."""
    names = {
        "authenticator-app": pgettext_("second factor", "authenticator-app"),
        "hardware-key": pgettext_("second factor", "hardware-key"),
        "sms": pgettext_("second factor", "sms"),
        "email": pgettext_("second factor", "email"),
        "none": pgettext_("second factor", "none"),
    }
    return names.get(mfa, mfa)


def template_channel(channel: str) -> str:
    """A message template's channel as shown (its plan value in English)."""
    names = {
        "email": pgettext_("template channel", "email"),
        "chat": pgettext_("template channel", "chat"),
        "intranet": pgettext_("template channel", "intranet"),
        "sms": pgettext_("template channel", "sms"),
        "other": pgettext_("template channel", "other"),
    }
    return names.get(channel, channel)


def exercise_kind(kind: str) -> str:
    """An exercise's kind as shown (tabletop, simulation, live)."""
    names = {"tabletop": _("tabletop"), "simulation": _("simulation"), "live": _("live")}
    return names.get(kind, kind)


PAPERS = {"a4": "a4", "letter": "us-letter"}


def raci(role_id: str, lv: Level) -> str:
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


def person(c: Contact) -> dict[str, Any]:
    """A contact as shown in print: name, phone, email (phones first on cards)."""
    return {"name": c.name, "phone": c.phone or "", "email": c.email or ""}


def people(plan: Plan, role_id: str) -> list[dict[str, Any]]:
    """A role's call list, in order."""
    return [person(plan.contact(c)) for c in plan.role(role_id).contacts]


def _role(plan: Plan, role_id: str) -> dict[str, Any]:
    r = plan.role(role_id)
    return {"id": r.id, "title": r.title, "team": r.team or "", "people": people(plan, r.id)}


def _answer(plan: Plan, target: str, numbers: dict[str, int]) -> str:
    if target.startswith("level-"):
        n = int(target[6:])
        return _("level %(n)s (%(name)s)", n=n, name=plan.level(n).name)
    return _("question %(n)s", n=numbers[target])


def chapters(plan: Plan) -> list[tuple[str, str]]:
    """The runbook's chapters as (anchor, title): the site's pages but the home page
    (the PDF's cover does its work)."""
    return [
        (
            path.removesuffix(".md")
            .removeprefix("levels/")
            .replace("playbooks/", "playbook-")
            .replace("notes/", "note-"),
            title,
        )
        for path, title in page_paths(plan)
        if path != "index.md"
    ]


def _info(plan: Plan) -> dict[str, Any]:
    info = plan.plan
    return {
        "title": info.title,
        "organization": info.organization,
        "version": info.version,
        "classification": info.classification or "",
        "last_reviewed": format_day(info.last_reviewed),
        "review_due": format_day(info.review_due),
    }


def _levels(plan: Plan) -> list[dict[str, Any]]:
    out = []
    for lv in plan.severity_levels:
        rows = [
            {"part": part_name(letter), "key": letter, "role": _role(plan, role_id)}
            for letter, roles in (
                ("A", (lv.accountable,)),
                ("R", lv.responsible),
                ("C", lv.consulted),
                ("I", lv.informed),
            )
            for role_id in roles
        ]
        out.append(
            {
                "level": lv.level,
                "name": lv.name,
                "summary": lv.summary,
                "crisis": lv.crisis,
                "examples": list(lv.examples),
                "rows": rows,
                "respond": lv.respond_within_minutes,
                "update": lv.update_every_minutes,
                "pause": lv.pause_scheduled_posts,
                "actions": list(lv.actions),
            }
        )
    return out


def runbook_data(plan: Plan, paper: str) -> dict[str, Any]:
    """Everything the runbook PDF shows, its words in the plan's language."""
    with i18n.using(plan.plan.language):
        return _runbook_data(plan, paper)


def _runbook_data(plan: Plan, paper: str) -> dict[str, Any]:
    numbers = {q.id: i for i, q in enumerate(plan.triage.questions, 1)}
    tools = {t.id: t for t in plan.scheduling_tools}
    cr = plan.credentials
    listening = plan.listening
    ic = plan.internal_comms
    return {
        "paper": PAPERS[paper],
        "words": print_words(),
        "info": _info(plan),
        "chapters": [{"id": i, "title": t} for i, t in chapters(plan)],
        "triage": {
            "when_unsure": plan.triage.when_unsure or "",
            "questions": [
                {
                    "ask": q.ask,
                    "yes": _answer(plan, q.yes, numbers),
                    "no": _answer(plan, q.no, numbers),
                }
                for q in plan.triage.questions
            ],
        },
        "levels": _levels(plan),
        "level_numbers": [lv.level for lv in plan.severity_levels],
        "roles": [
            {
                **_role(plan, r.id),
                "duties": list(r.duties),
                "raci": [raci(r.id, lv) for lv in plan.severity_levels],
                "rota": rota(plan, r),
            }
            for r in plan.roles
        ],
        "playbooks": playbook_chapters(plan),
        "notes": note_chapters(plan),
        "exercises": _exercises(plan),
        "contacts": [
            {
                **person(c),
                "chat": c.chat or "",
                "hours": c.hours or "",
                "url": c.url or "",
                "timezone": c.timezone or "",
                "status": _status_word(contact_status(plan, c).label),
                "verified_on": format_day(c.verified_on) if c.verified_on else "",
            }
            for c in plan.contacts
        ],
        "listening": None
        if listening is None
        else {
            "measure": listening.measure,
            "tool": listening.tool or "",
            "window": listening.window_minutes,
            "rules": [
                {
                    "id": t.id,
                    "above": t.above,
                    "windows": t.for_windows,
                    "level": f"{t.level}: {plan.level(t.level).name}",
                    "windows_text": i18n.gettext_("%(n)s window(s)") % {"n": t.for_windows},
                    "notify": [_role(plan, r) for r in t.notify],
                    "actions": list(t.actions),
                }
                for t in sorted(listening.thresholds, key=lambda t: t.level)
            ],
        },
        "comms": {
            "trigger": f"{ic.trigger_level} ({plan.level(ic.trigger_level).name})",
            "protocol": list(ic.protocol),
            "do": list(ic.do),
            "dont": list(ic.dont),
            "templates": [
                {
                    "title": t.title,
                    "meta": _(
                        "%(channel)s to %(audience)s · send: %(when)s · sender: %(sender)s",
                        channel=template_channel(t.channel),
                        audience=t.audience,
                        when=t.send_when,
                        sender=plan.role(t.sender).title,
                    ),
                    "subject": t.subject or "",
                    "body": text_pieces(t.body, g.versions[0].dir),
                    **translations_data(g, "body"),
                }
                for g in groups(ic.templates, plan.plan.language)
                for t in [g.original]
            ],
        },
        "statements": [
            {
                "title": s.title,
                "meta": _(
                    "From level %(n)s · approver: %(role)s · post on: %(places)s",
                    n=s.use_from_level,
                    role=plan.role(s.approver).title,
                    places=statement_places(plan, s.channels),
                )
                if s.channels
                else _(
                    "From level %(n)s · approver: %(role)s",
                    n=s.use_from_level,
                    role=plan.role(s.approver).title,
                ),
                "text": text_pieces(s.text, g.versions[0].dir),
                **translations_data(g, "text"),
            }
            for g in groups(plan.external_statements, plan.plan.language)
            for s in [g.original]
        ],
        "after_action": None
        if plan.after_action is None
        else {
            "from_level": plan.after_action.from_level,
            "within_days": plan.after_action.within_days,
            "owner": _role(plan, plan.after_action.owner),
            "questions": list(plan.after_action.questions),
        },
        "credentials": _credentials(plan, tools, cr),
    }


def _exercises(plan: Plan) -> dict[str, Any]:
    """The practice record, as on the site's exercises page: when next due, the open
    follow-ups by owner, and every exercise, newest first."""
    status = exercise_status(plan)
    every = plan.plan.exercise_interval_days
    summary = _("A drill at least every %(days)s days.", days=every) + " "
    summary += (
        _(
            "Last exercised on %(date)s; the next exercise is due %(due)s.",
            date=format_day(status.last),
            due=format_day(status.due),
        )
        if status.last
        else _(
            "No exercise is on record: run a tabletop drill and record it under `exercises` "
            "in the plan."
        )
    )
    return {
        "summary": summary,
        "open": [
            {
                "owner": plan.role(owner).title,
                "items": [
                    {
                        "action": item.follow_up.action,
                        "due": format_day(item.follow_up.due),
                        "source": _(
                            "%(kind)s of %(date)s",
                            kind=exercise_kind(item.exercise.kind),
                            date=format_day(item.exercise.date),
                        ),
                    }
                    for item in items
                ],
            }
            for owner, items in open_follow_ups(plan)
        ],
        "history": [
            {
                "date": format_day(e.date),
                "kind": exercise_kind(e.kind),
                "level": e.level,
                "scenario": e.scenario,
                "participants": [plan.role(r).title for r in e.participants],
                "findings": list(e.findings),
                "follow_ups": [
                    {
                        "action": f.action,
                        "owner": plan.role(f.owner).title,
                        "due": format_day(f.due),
                        "done": f.done,
                    }
                    for f in e.follow_ups
                ],
            }
            for e in reversed(plan.exercises)
        ],
    }


def _credentials(plan: Plan, tools: dict[str, Any], cr: Any) -> dict[str, Any]:
    return {
        "manager": cr.password_manager,
        "vault": cr.vault,
        "admins": [_role(plan, r) for r in cr.access_admins],
        "break_glass": cr.break_glass or "",
        "rotate_when": list(cr.rotate_when),
        "accounts": [
            {
                "title": f"{a.platform}: {a.handle}",
                "vault_item": a.vault_item,
                "login_email": a.login_email or "",
                "mfa": mfa_name(a.mfa),
                "weak": a.mfa in WEAK_MFA,
                "owner": plan.role(a.owner).title,
                "admins": account_admins(plan, a),
                "recovery": account_recovery(plan, a),
                "steps": [
                    _(
                        "Pause scheduled posts in %(tool)s: %(steps)s",
                        tool=tools[v].name,
                        steps="; ".join(tools[v].pause_steps),
                    )
                    for v in a.scheduled_via
                ]
                + list(cr.checklist),
            }
            for a in plan.social_accounts
        ],
    }


def card_ids(plan: Plan) -> list[str]:
    """Every card: the general card, then one per role."""
    return [GENERAL, *(r.id for r in plan.roles)]


def card_data(plan: Plan, card_id: str) -> dict[str, Any]:
    """What one pocket card shows: the general card, or a role's job on the worst day
    (its words in the plan's language)."""
    with i18n.using(plan.plan.language):
        return _card_data(plan, card_id)


def _card_data(plan: Plan, card_id: str) -> dict[str, Any]:
    common = {"info": _info(plan), "id": card_id, "words": print_words()}
    if card_id == GENERAL:
        numbers = {q.id: i for i, q in enumerate(plan.triage.questions, 1)}
        return {
            **common,
            "general": True,
            "title": _("Crisis pocket card"),
            "levels": [
                {
                    "level": lv.level,
                    "name": lv.name,
                    "crisis": lv.crisis,
                    "owner": _role(plan, lv.accountable),
                }
                for lv in plan.severity_levels
            ],
            "questions": [
                {
                    "ask": q.ask,
                    "yes": _answer(plan, q.yes, numbers).split(" (")[0],
                    "no": _answer(plan, q.no, numbers).split(" (")[0],
                }
                for q in plan.triage.questions
            ],
            "when_unsure": plan.triage.when_unsure or "",
            "vault": _vault(plan),
            "admins": [_role(plan, r) for r in plan.credentials.access_admins],
        }
    r = plan.role(card_id)
    parts = []
    for lv in plan.severity_levels:
        letters = raci(card_id, lv).split()
        if letters:
            parts.append(
                {
                    "level": lv.level,
                    "name": lv.name,
                    "part": _part_word(card_id, lv),
                    "letters": "".join(letters),
                    "respond": lv.respond_within_minutes,
                    "update": lv.update_every_minutes,
                    "pause": lv.pause_scheduled_posts,
                    "actions": list(lv.actions) if {"A", "R"} & set(letters) else [],
                }
            )
    admin = card_id in plan.credentials.access_admins
    return {
        **common,
        "general": False,
        "title": r.title,
        "job": _job(parts, admin, leads=admin and not parts and not _calls(plan, card_id)),
        "duties": list(r.duties),
        "people": people(plan, card_id),
        "rota": rota(plan, r),
        "playbooks": card_playbooks(plan, card_id),
        "parts": parts,
        "calls": _calls(plan, card_id),
        "notified": _notified(plan, card_id),
        "credentials": _admin_card(plan) if admin else None,
    }


def _job(parts: list[dict[str, Any]], admin: bool, leads: bool) -> list[str]:
    """A role's main job, first on its card: what it owns, then the logins, then the
    rest of its part, in words. ``leads``: the logins' checklist is on the front."""

    def at(letter: str) -> list[int]:
        return [p["level"] for p in parts if letter in p["letters"]]

    job = []
    if owns := at("A"):
        job.append(
            _("Own the response at %(levels)s: call the roles below", levels=levels_text(owns))
        )
    if admin:
        job.append(
            _("Accounts hacked? Rotate the logins (checklist below)")
            if leads
            else _("Accounts hacked? Rotate the logins (checklist overleaf)")
        )
    if works := [n for n in at("R") if n not in owns]:
        job.append(_("Work the response at %(levels)s", levels=levels_text(works)))
    if consulted := at("C"):
        job.append(_("Be consulted at %(levels)s", levels=levels_text(consulted)))
    if informed := at("I"):
        job.append(_("Be kept informed at %(levels)s", levels=levels_text(informed)))
    if not job:
        job.append(_("Answer when a level's owner calls you"))
    return job


def _notified(plan: Plan, role_id: str) -> list[dict[str, Any]]:
    """The listening thresholds that notify a role, in words."""
    listening = plan.listening
    if listening is None:
        return []
    return [
        {
            "id": t.id,
            "text": (
                _(
                    "more than %(above)s %(measure)s per %(minutes)s min for %(windows)s "
                    "windows in a row: level %(n)s",
                    above=t.above,
                    measure=listening.measure,
                    minutes=listening.window_minutes,
                    windows=t.for_windows,
                    n=t.level,
                )
                if t.for_windows > 1
                else _(
                    "more than %(above)s %(measure)s per %(minutes)s min: level %(n)s",
                    above=t.above,
                    measure=listening.measure,
                    minutes=listening.window_minutes,
                    n=t.level,
                )
            ),
        }
        for t in listening.thresholds
        if role_id in t.notify
    ]


def _part_words() -> dict[str, str]:
    return {"A": _("owner"), "R": _("works it"), "C": _("consulted"), "I": _("informed")}


def _part_word(role_id: str, lv: Level) -> str:
    """A role's part at a level in a word or two ("works it"), for a pocket card."""
    words = _part_words()
    # TRANSLATORS: between a role's parts at one level ("owner and works it")
    return _(" and ").join(words[x] for x in raci(role_id, lv).split())


def _calls(plan: Plan, role_id: str) -> list[dict[str, Any]]:
    """Whom a role calls, in order of the levels, and why: the other's part at each
    level, levels with the same part run together ("L1-3 works it, L4 owner")."""
    calls: dict[str, dict[str, list[int]]] = {}
    for lv in plan.severity_levels:
        letters = raci(role_id, lv).split()
        if not letters:
            continue
        if "A" in letters:  # the owner calls everyone else with a part
            for other in (*lv.responsible, *lv.consulted, *lv.informed):
                if other != role_id:
                    word = _part_word(other, lv)
                    calls.setdefault(other, {}).setdefault(word, []).append(lv.level)
        elif lv.accountable != role_id:
            calls.setdefault(lv.accountable, {}).setdefault(_("owner"), []).append(lv.level)
    return [
        {
            "role": _role(plan, other),
            "why": ", ".join(f"{_level_run(levels)} {word}" for word, levels in parts.items()),
        }
        for other, parts in calls.items()
    ]


def _level_run(numbers: list[int]) -> str:
    """Levels in short: "L3", "L1-3" for a run, "L2, L4" otherwise."""
    if len(numbers) > 1 and numbers == list(range(numbers[0], numbers[-1] + 1)):
        return _("L%(n)s", n=f"{numbers[0]}-{numbers[-1]}")
    return ", ".join(_("L%(n)s", n=n) for n in numbers)


def levels_text(numbers: list[int]) -> str:
    """Level numbers in words: "level 4", "levels 4 and 5", "levels 1 to 3" (as
    ``plan.card_room`` counts them, in the current language)."""
    if len(numbers) == 1:
        return _("level %(n)s", n=numbers[0])
    if numbers == list(range(numbers[0], numbers[-1] + 1)) and len(numbers) > 2:
        return _("levels %(first)s to %(last)s", first=numbers[0], last=numbers[-1])
    return _(
        "levels %(first)s and %(last)s",
        first=", ".join(map(str, numbers[:-1])),
        last=numbers[-1],
    )


def _vault(plan: Plan) -> str:
    cr = plan.credentials
    return _("%(manager)s, vault %(vault)s", manager=cr.password_manager, vault=cr.vault)


def _status_word(label: str) -> str:
    words = {"verified": _("verified"), "stale": _("stale"), "unverified": _("unverified")}
    return words.get(label, label)


def _admin_card(plan: Plan) -> dict[str, Any]:
    cr = plan.credentials
    tools = {t.id: t for t in plan.scheduling_tools}
    return {
        "vault": _vault(plan),
        "break_glass": cr.break_glass or "",
        "rotate_when": list(cr.rotate_when),
        "steps": list(cr.checklist),
        "pause": [f"{t.name}: {'; '.join(t.pause_steps)}" for t in tools.values() if t.pause_steps],
        "accounts": [
            {"handle": f"{a.platform} {a.handle}", "vault_item": a.vault_item}
            for a in plan.social_accounts
        ],
        "owners": [_role(plan, r) for r in sorted({a.owner for a in plan.social_accounts})],
    }
