"""``runbook drill``: a tabletop exercise kit built only from the plan.

``drill_kit`` is pure: a plan, a level, a seed and a length in, the kit as data
out, the same data for the same seed. Every expectation names the plan field it
comes from (``source``), so a facilitator can check the kit against the plan and
a change to the plan changes the kit. The kit prints through the runbook's Typst
engine, or as Markdown for a wiki.
"""

from __future__ import annotations

import random
from typing import Any

from generator.errors import UsageError
from generator.plan.model import Level, Plan
from generator.printing.data import PARTS, raci
from generator.printing.drill_playbook import (
    NOT_AT_LEVEL,
    find_playbook,
    playbook_expectations,
    playbook_scenario,
    recovery_uses,
)
from generator.shared import escape

PAUSE_ALL = " (this level pauses all scheduled posts)"
OUTLETS = ("a national newspaper", "a trade magazine", "a local TV station", "a podcast host")


def _who(plan: Plan, lv: Level, role_id: str, source: str) -> dict[str, Any]:
    role = plan.role(role_id)
    letters = raci(role_id, lv).split()
    return {
        "role": role.title,
        "part": " and ".join(PARTS[x] for x in letters) or NOT_AT_LEVEL,
        "calls": [
            {"name": c.name, "phone": c.phone or c.email or c.url or ""}
            for c in (plan.contact(cid) for cid in role.contacts)
        ],
        "source": source,
    }


def _deadline(lv: Level) -> str:
    if lv.respond_within_minutes:
        return f"first response within {lv.respond_within_minutes} min"
    if lv.update_every_minutes:
        return f"updates every {lv.update_every_minutes} min"
    return "no deadline in the plan"


def _expect(
    plan: Plan, lv: Level, role_id: str, what: str, source: str, uses: str = ""
) -> dict[str, Any]:
    return {**_who(plan, lv, role_id, source), "what": what, "uses": uses}


def drill_kit(
    plan: Plan, level: int | None, seed: int, minutes: int, playbook_id: str | None = None
) -> dict[str, Any]:
    """The kit for one level: scenario, timed injects, what the plan expects, scoring.
    With ``playbook_id``, the scenario comes from that playbook and its steps are
    expected; the level defaults to the playbook's ``start_level``."""
    numbers = [lv.level for lv in plan.severity_levels]
    playbook = find_playbook(plan, playbook_id) if playbook_id else None
    if level is None and playbook is not None:
        level = playbook[1].start_level
    if level is None:
        level = next((lv.level for lv in plan.severity_levels if lv.crisis), numbers[-1])
    if level not in numbers:
        raise UsageError(f"--level {level}: the plan has levels {numbers[0]} to {numbers[-1]}")
    if minutes < 10:
        raise UsageError("--minutes: a drill needs at least 10 minutes")
    rng = random.Random(seed)
    lv = plan.level(level)
    index = numbers.index(level)
    path = f"severity_levels[{index}]"
    if playbook is not None:
        scenario = playbook_scenario(playbook[1], rng)
    else:
        scenario = rng.choice(lv.examples) if lv.examples else lv.summary
    injects: list[dict[str, Any]] = []

    def inject(title: str, told: str, expectations: list[dict[str, Any]]) -> None:
        injects.append({"title": title, "told": told, "expect": expectations})

    inject(
        "It starts",
        f"{scenario}. It is spreading on social media.",
        [
            _expect(
                plan,
                lv,
                lv.accountable,
                f"Owns the response and starts the level {level} checklist ({_deadline(lv)})",
                f"{path}.accountable",
                uses=f"Level {level} actions: " + "; ".join(lv.actions[:3]),
            ),
            *(
                _expect(plan, lv, r, "Works the response", f"{path}.responsible[{i}]")
                for i, r in enumerate(lv.responsible)
            ),
        ],
    )
    if playbook is not None:
        inject(
            f"It is: {playbook[1].title}",
            "The team recognises the kind of incident; the playbook applies.",
            playbook_expectations(
                plan, playbook[0], playbook[1], lambda r, what, src: _expect(plan, lv, r, what, src)
            ),
        )
    if plan.listening:
        rules = [t for t in plan.listening.thresholds if t.level <= level]
        for t in sorted(rules, key=lambda t: (t.level, t.above))[-2:]:
            count = t.above + 1 + rng.randrange(5)
            spell = f" for {t.for_windows} windows in a row" if t.for_windows > 1 else ""
            i = plan.listening.thresholds.index(t)
            inject(
                f"Listening: rule {t.id}",
                f"{plan.listening.tool or 'The listening tool'} shows {count} "
                f"{plan.listening.measure} per {plan.listening.window_minutes} min{spell}.",
                [
                    _expect(
                        plan,
                        lv,
                        r,
                        f"Is notified (rule {t.id} indicates level {t.level})",
                        f"listening.thresholds[{i}].notify[{j}]",
                        uses="; ".join(t.actions),
                    )
                    for j, r in enumerate(t.notify)
                ],
            )
    statements = [s for s in plan.external_statements if s.use_from_level <= level]
    press = [
        _expect(
            plan,
            lv,
            s.approver,
            f"Approves the holding statement \u201c{s.title}\u201d",
            f"external_statements[{plan.external_statements.index(s)}].approver",
            uses=s.title,
        )
        for s in statements[:1]
    ] or [_expect(plan, lv, lv.accountable, "Answers or refers the enquiry", f"{path}.accountable")]
    inject("Press enquiry", f"A journalist from {rng.choice(OUTLETS)} asks for comment.", press)
    comms = plan.internal_comms
    staff = [
        _expect(
            plan,
            lv,
            t.sender,
            f"Sends \u201c{t.title}\u201d to {t.audience}",
            f"internal_comms.templates[{comms.templates.index(t)}].sender",
            uses=t.title,
        )
        for t in comms.templates
        if level >= comms.trigger_level
    ][:1] or [
        _expect(plan, lv, lv.accountable, "Reminds staff of the guidelines", f"{path}.accountable")
    ]
    guide = (
        "the employee guidelines say staff must not: " + "; ".join(comms.dont[:2])
        if comms.dont
        else "see the employee guidelines"
    )
    inject(
        "Staff post on their own accounts",
        f"An employee posts about it on a personal account ({guide}).",
        staff,
    )
    account = rng.choice(plan.social_accounts)
    n = plan.social_accounts.index(account)
    recovery = recovery_uses(plan, account)
    inject(
        f"Account compromised: {account.handle}",
        f"The {account.platform} account {account.handle} posts something nobody here wrote.",
        [
            _expect(
                plan,
                lv,
                admin,
                f"Locks {account.handle}: vault item \u201c{account.vault_item}\u201d",
                f"credentials.access_admins[{i}]",
                uses="Credential checklist: " + "; ".join(plan.credentials.checklist),
            )
            for i, admin in enumerate(plan.credentials.access_admins)
        ]
        + [
            _expect(
                plan,
                lv,
                account.owner,
                f"Owns the account; gets it back through {account.platform}'s own recovery page"
                if recovery
                else "Owns the account",
                f"social_accounts[{n}].owner",
                uses=recovery,
            )
        ],
    )
    tools = {t.id: t for t in plan.scheduling_tools}
    scheduled = [a for a in plan.social_accounts if a.scheduled_via]
    if scheduled:
        acc = rng.choice(scheduled)
        tool = tools[acc.scheduled_via[0]]
        inject(
            "A scheduled post goes out",
            f"A cheerful post scheduled in {tool.name} goes out on {acc.handle} mid-crisis.",
            [
                _expect(
                    plan,
                    lv,
                    tool.owner,
                    f"Pauses {tool.name}"
                    + (
                        " (this level pauses all scheduled posts)"
                        if lv.pause_scheduled_posts
                        else ""
                    ),
                    f"scheduling_tools[{plan.scheduling_tools.index(tool)}].owner",
                    uses="; ".join(tool.pause_steps),
                )
            ],
        )
    step = minutes // (len(injects) + 1)
    for i, item in enumerate(injects):
        item["at"] = i * step
    questions = list(plan.after_action.questions) if plan.after_action else []
    return {
        "info": {
            "title": plan.plan.title,
            "organization": plan.plan.organization,
            "version": plan.plan.version,
            "classification": plan.plan.classification or "",
            "last_reviewed": plan.plan.last_reviewed.isoformat(),
            "review_due": plan.plan.review_due.isoformat(),
        },
        "level": level,
        "level_name": lv.name,
        "playbook": playbook[1].title if playbook else "",
        "seed": seed,
        "minutes": minutes,
        "scenario": scenario,
        "injects": injects,
        "questions": questions,
    }


def drill_markdown(kit: dict[str, Any]) -> str:
    """The kit as Markdown, for pasting into a wiki; plan text escaped."""
    t = escape.paste_safe
    out = [
        f"# Tabletop drill: level {kit['level']} ({t(kit['level_name'])})",
        "",
        f"{t(kit['info']['organization'])} · plan version {t(kit['info']['version'])} · "
        f"{kit['minutes']} minutes · seed {kit['seed']}",
        "",
        *([f"**Playbook:** {t(kit['playbook'])}", ""] if kit.get("playbook") else []),
        f"**Scenario:** {t(kit['scenario'])}",
        "",
        "## Timeline",
        "",
    ]
    for item in kit["injects"]:
        out += [f"### T+{item['at']} min: {t(item['title'])}", "", t(item["told"]), ""]
        out += ["What the plan expects:", ""]
        for e in item["expect"]:
            calls = ", ".join(f"{t(c['name'])} {t(c['phone'])}" for c in e["calls"])
            out.append(f"- [ ] **{t(e['role'])}** ({t(e['part'])}): {t(e['what'])}")
            out.append(f"  - calls, in order: {calls}")
            if e["uses"]:
                out.append(f"  - uses: {t(e['uses'])}")
            out.append(f"  - from the plan: `{e['source']}`")
            out.append("  - what happened: ______________________")
        out.append("")
    out += ["## After-action review", ""]
    out += [f"1. {t(q)}" for q in kit["questions"]] or ["1. What did we learn?"]
    return "\n".join(out) + "\n"
