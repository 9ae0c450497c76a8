"""``runbook drill``: a tabletop exercise kit built only from the plan.

``drill_kit`` is pure: a plan, a level, a seed and a length in, the kit as data
out, the same data for the same seed. Every expectation names the plan field it
comes from (``source``), so a facilitator can check the kit against the plan and
a change to the plan changes the kit. The kit prints through the runbook's Typst
engine, or as Markdown for a wiki.
"""

from __future__ import annotations

import random
import re
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
from generator.shared.languages import groups, in_plan_language

OUTLETS = ("a national newspaper", "a trade magazine", "a local TV station", "a podcast host")
PLATFORMS = {
    "x": "X",
    "facebook": "Facebook",
    "instagram": "Instagram",
    "linkedin": "LinkedIn",
    "tiktok": "TikTok",
    "youtube": "YouTube",
    "threads": "Threads",
    "bluesky": "Bluesky",
    "mastodon": "Mastodon",
}
SHOWN = 3  # a level's actions named in a kit; the rest are counted


def platform_name(platform: str) -> str:
    """A platform as people write it ("LinkedIn", not "linkedin")."""
    return PLATFORMS.get(platform, platform[:1].upper() + platform[1:])


def sentence(text: str) -> str:
    """A text as a sentence: one full stop at its end, never two."""
    text = text.strip()
    return text if text.endswith((".", "!", "?", "…")) else text + "."


def steps_text(steps: tuple[str, ...] | list[str]) -> str:
    """Steps in a line: "a; b; c", each without its own full stop, and how many more."""
    named = "; ".join(step.strip().rstrip(".") for step in steps[:SHOWN])
    more = len(steps) - SHOWN
    return named + (f"; and {more} more" if more > 0 else "")


def _who(plan: Plan, lv: Level, role_id: str, source: str, where: str) -> dict[str, Any]:
    role = plan.role(role_id)
    letters = raci(role_id, lv).split()
    return {
        "role": role.title,
        "part": " and ".join(PARTS[x] for x in letters) or NOT_AT_LEVEL,
        "calls": [
            {"name": c.name, "phone": c.phone or c.email or c.url or ""}
            for c in (plan.contact(cid) for cid in role.contacts)
        ],
        "source": source,  # the plan field, for tests and tools
        "where": where,  # the same, in words, for people
    }


def _deadline(lv: Level) -> str:
    if lv.respond_within_minutes:
        return f"first response within {lv.respond_within_minutes} min"
    if lv.update_every_minutes:
        return f"updates every {lv.update_every_minutes} min"
    return "no deadline in the plan"


def _expect(
    plan: Plan, lv: Level, role_id: str, what: str, source: tuple[str, str], uses: str = ""
) -> dict[str, Any]:
    return {**_who(plan, lv, role_id, *source), "what": what, "uses": uses}


def drill_kit(
    plan: Plan, level: int | None, seed: int, minutes: int, playbook_id: str | None = None
) -> dict[str, Any]:
    """The kit for one level: scenario, timed injects, what the plan expects, scoring.
    With ``playbook_id``, the scenario comes from that playbook and its steps are
    expected; the level defaults to the playbook's ``start_level``. Every expectation is
    true of the plan at that level: an inject the plan says nothing about at this level
    (no listening rule for it, no employee guidelines, scheduled posts kept running) is
    left out rather than made up."""
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
    path = f"severity_levels[{numbers.index(level)}]"
    if playbook is not None:
        scenario = playbook_scenario(playbook[1], rng)
    else:
        scenario = rng.choice(lv.examples) if lv.examples else lv.summary
    injects: list[dict[str, Any]] = []

    def inject(title: str, told: str, expectations: list[dict[str, Any]]) -> None:
        injects.append({"title": title, "told": told, "expect": expectations})

    inject(
        "It starts",
        f"{sentence(scenario)} It is spreading on social media.",
        [
            _expect(
                plan,
                lv,
                lv.accountable,
                f"Owns the response and starts the level {level} checklist ({_deadline(lv)})",
                (f"{path}.accountable", f"level {level}'s accountable role"),
                uses=f"level {level}'s actions: {steps_text(lv.actions)}",
            ),
            *(
                _expect(
                    plan,
                    lv,
                    r,
                    "Works the response",
                    (f"{path}.responsible[{i}]", f"level {level}'s responsible roles"),
                )
                for i, r in enumerate(lv.responsible)
                if r != lv.accountable  # the owner who also works it is expected once
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
        listening = plan.listening
        for t in sorted(
            (t for t in listening.thresholds if t.level == level), key=lambda t: t.above
        ):
            count = t.above + 1 + rng.randrange(5)
            spell = f" for {t.for_windows} windows in a row" if t.for_windows > 1 else ""
            i = listening.thresholds.index(t)
            rule = f"the listening rule for level {level} (more than {t.above} {listening.measure})"
            inject(
                f"Listening: more than {t.above} {listening.measure}",
                f"{listening.tool or 'The listening tool'} shows {count} "
                f"{listening.measure} per {listening.window_minutes} min{spell}.",
                [
                    _expect(
                        plan,
                        lv,
                        r,
                        f"Is notified: the count passes {rule}",
                        (f"listening.thresholds[{i}].notify[{j}]", f"whom {rule} notifies"),
                        uses=steps_text(t.actions),
                    )
                    for j, r in enumerate(t.notify)
                ],
            )
    statements = [  # one version of each statement: the one in the plan's language
        s
        for g in groups(plan.external_statements, plan.plan.language)
        if (s := in_plan_language(g, plan.plan.language)).use_from_level <= level
    ]
    press = [
        _expect(
            plan,
            lv,
            s.approver,
            f"Approves the holding statement \u201c{s.title}\u201d",
            (
                f"external_statements[{plan.external_statements.index(s)}].approver",
                f"the approver of the statement \u201c{s.title}\u201d",
            ),
            uses=s.title,
        )
        for s in statements[:1]
    ] or [
        _expect(
            plan,
            lv,
            lv.accountable,
            "Answers or refers the enquiry",
            (f"{path}.accountable", f"level {level}'s accountable role"),
        )
    ]
    inject("Press enquiry", f"A journalist from {rng.choice(OUTLETS)} asks for comment.", press)
    _staff_inject(plan, lv, path, inject)
    account = rng.choice(plan.social_accounts)
    n = plan.social_accounts.index(account)
    recovery = recovery_uses(plan, account)
    platform = platform_name(account.platform)
    inject(
        f"Account compromised: {platform} {account.handle}",
        f"The {platform} account {account.handle} posts something nobody here wrote.",
        [
            _expect(
                plan,
                lv,
                admin,
                f"Locks {account.handle}: vault item \u201c{account.vault_item}\u201d",
                (f"credentials.access_admins[{i}]", "the vault's access administrators"),
                uses="the credential checklist: " + steps_text(plan.credentials.checklist),
            )
            for i, admin in enumerate(plan.credentials.access_admins)
        ]
        + [
            _expect(
                plan,
                lv,
                account.owner,
                f"Owns the account; gets it back through {platform}'s own recovery page"
                if recovery
                else "Owns the account",
                (
                    f"social_accounts[{n}].owner",
                    f"the owner of the {platform} account {account.handle}",
                ),
                uses=recovery,
            )
        ],
    )
    tools = {t.id: t for t in plan.scheduling_tools}
    scheduled = [a for a in plan.social_accounts if a.scheduled_via]
    if scheduled and lv.pause_scheduled_posts:  # a level that keeps posts running expects no pause
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
                    f"Pauses {tool.name} (level {level} pauses all scheduled posts)",
                    (
                        f"scheduling_tools[{plan.scheduling_tools.index(tool)}].owner",
                        f"the owner of {tool.name}",
                    ),
                    uses=steps_text(tool.pause_steps),
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


def _staff_inject(plan: Plan, lv: Level, path: str, inject: Any) -> None:
    """An employee posts about it: from the trigger level on, the plan's template goes
    out; below it, the plan's employee guidelines (if it has none, no inject)."""
    comms = plan.internal_comms
    if lv.level >= comms.trigger_level and comms.templates:
        t = in_plan_language(groups(comms.templates, plan.plan.language)[0], plan.plan.language)
        expect = _expect(
            plan,
            lv,
            t.sender,
            f"Sends \u201c{t.title}\u201d to {t.audience}",
            (
                f"internal_comms.templates[{comms.templates.index(t)}].sender",
                f"the sender of the template \u201c{t.title}\u201d",
            ),
            uses=t.title,
        )
    elif comms.dont or comms.do:
        expect = _expect(
            plan,
            lv,
            lv.accountable,
            "Reminds staff of the employee guidelines",
            (f"{path}.accountable", f"level {lv.level}'s accountable role"),
            uses="staff must not: " + steps_text(comms.dont) if comms.dont else "",
        )
    else:
        return
    told = "An employee posts about it on a personal account."
    if comms.dont:
        told += f" (The employee guidelines say staff must not: {steps_text(comms.dont[:2])}.)"
    inject("Staff post on their own accounts", told, [expect])


INLINE = re.compile(r"[\\`*\[\]<~]|&(?=#?\w+;)|(?<!\w)_|_(?!\w)")
BLOCK_START = re.compile(r"^([#>+=-]|\d+(?=[.)]))")


def md(text: str, line_start: bool = False) -> str:
    """Plan text as Markdown that reads as written: one line, with a backslash only
    before what would change the structure (emphasis, code, links, HTML, an entity; a
    heading, quote or list when the text starts a line); phones, versions and
    addresses stay as they are."""
    text = INLINE.sub(lambda m: "\\" + m.group(0), " ".join(text.split()))
    start = BLOCK_START.match(text) if line_start else None
    if start is None:
        return text
    if start.group(1)[0].isdigit():  # "1." would start a numbered list
        end = start.end()
        return text[:end] + "\\" + text[end:]
    return "\\" + text


def drill_markdown(kit: dict[str, Any]) -> str:
    """The kit as Markdown, for pasting into a wiki or reading in an editor."""
    out = [
        f"# Tabletop drill: level {kit['level']} ({md(kit['level_name'])})",
        "",
        f"{md(kit['info']['organization'])} · plan version {md(kit['info']['version'])} · "
        f"{kit['minutes']} minutes · seed {kit['seed']}",
        "",
        *([f"**Playbook:** {md(kit['playbook'])}", ""] if kit.get("playbook") else []),
        f"**Scenario:** {md(kit['scenario'])}",
        "",
        "## Timeline",
        "",
    ]
    for item in kit["injects"]:
        told = md(item["told"], line_start=True)
        out += [f"### T+{item['at']} min: {md(item['title'])}", "", told, ""]
        out += ["What the plan expects:", ""]
        for e in item["expect"]:
            calls = ", ".join(f"{md(c['name'])} {md(c['phone'])}" for c in e["calls"])
            out.append(f"- [ ] **{md(e['role'])}** ({e['part']}): {md(e['what'])}")
            out.append(f"  - calls, in order: {calls}")
            if e["uses"]:
                out.append(f"  - uses: {md(e['uses'])}")
            out.append(f"  - from the plan: {md(e['where'])}")
            out.append("  - what happened: ______________________")
        out.append("")
    out += ["## After-action review", ""]
    out += [f"1. {md(q, line_start=True)}" for q in kit["questions"]] or ["1. What did we learn?"]
    return "\n".join(out) + "\n"
