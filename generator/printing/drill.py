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
from generator.printing.data import part_name, raci
from generator.printing.drill_playbook import (
    find_playbook,
    not_at_level,
    playbook_expectations,
    playbook_scenario,
    recovery_uses,
)
from generator.printing.words import print_words
from generator.shared import i18n
from generator.shared.i18n import _
from generator.shared.languages import groups, in_plan_language


def outlets() -> tuple[str, ...]:
    """Who asks for comment in the press inject (the order is the seed's)."""
    return (
        _("a national newspaper"),
        _("a trade magazine"),
        _("a local TV station"),
        _("a podcast host"),
    )


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
    return named + (_("; and %(n)s more", n=more) if more > 0 else "")


def _who(plan: Plan, lv: Level, role_id: str, source: str, where: str) -> dict[str, Any]:
    role = plan.role(role_id)
    letters = raci(role_id, lv).split()
    return {
        "role": role.title,
        # TRANSLATORS: between a role's parts at one level ("Accountable and Responsible")
        "part": _(" and ").join(part_name(x) for x in letters) or not_at_level(),
        "calls": [
            {"name": c.name, "phone": c.phone or c.email or c.url or ""}
            for c in (plan.contact(cid) for cid in role.contacts)
        ],
        "source": source,  # the plan field, for tests and tools
        "where": where,  # the same, in words, for people
    }


def _deadline(lv: Level) -> str:
    if lv.respond_within_minutes:
        return _("first response within %(minutes)s min", minutes=lv.respond_within_minutes)
    if lv.update_every_minutes:
        return _("updates every %(minutes)s min", minutes=lv.update_every_minutes)
    return _("no deadline in the plan")


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
    left out rather than made up. Its words are in the plan's language."""
    with i18n.using(plan.plan.language):
        return _drill_kit(plan, level, seed, minutes, playbook_id)


def _drill_kit(
    plan: Plan, level: int | None, seed: int, minutes: int, playbook_id: str | None
) -> dict[str, Any]:
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
        _("It starts"),
        _("%(scenario)s It is spreading on social media.", scenario=sentence(scenario)),
        [
            _expect(
                plan,
                lv,
                lv.accountable,
                _(
                    "Owns the response and starts the level %(n)s checklist (%(deadline)s)",
                    n=level,
                    deadline=_deadline(lv),
                ),
                (f"{path}.accountable", _("level %(n)s's accountable role", n=level)),
                uses=_("level %(n)s's actions: %(steps)s", n=level, steps=steps_text(lv.actions)),
            ),
            *(
                _expect(
                    plan,
                    lv,
                    r,
                    _("Works the response"),
                    (f"{path}.responsible[{i}]", _("level %(n)s's responsible roles", n=level)),
                )
                for i, r in enumerate(lv.responsible)
                if r != lv.accountable  # the owner who also works it is expected once
            ),
        ],
    )
    if playbook is not None:
        inject(
            _("It is: %(title)s", title=playbook[1].title),
            _("The team recognises the kind of incident; the playbook applies."),
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
            i = listening.thresholds.index(t)
            rule = _(
                "the listening rule for level %(n)s (more than %(above)s %(measure)s)",
                n=level,
                above=t.above,
                measure=listening.measure,
            )
            inject(
                _(
                    "Listening: more than %(above)s %(measure)s",
                    above=t.above,
                    measure=listening.measure,
                ),
                _(
                    "%(tool)s shows %(count)s %(measure)s per %(minutes)s min for %(n)s "
                    "windows in a row.",
                    tool=listening.tool or _("The listening tool"),
                    count=count,
                    measure=listening.measure,
                    minutes=listening.window_minutes,
                    n=t.for_windows,
                )
                if t.for_windows > 1
                else _(
                    "%(tool)s shows %(count)s %(measure)s per %(minutes)s min.",
                    tool=listening.tool or _("The listening tool"),
                    count=count,
                    measure=listening.measure,
                    minutes=listening.window_minutes,
                ),
                [
                    _expect(
                        plan,
                        lv,
                        r,
                        _("Is notified: the count passes %(rule)s", rule=rule),
                        (
                            f"listening.thresholds[{i}].notify[{j}]",
                            _("whom %(rule)s notifies", rule=rule),
                        ),
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
            _("Approves the holding statement \u201c%(title)s\u201d", title=s.title),
            (
                f"external_statements[{plan.external_statements.index(s)}].approver",
                _("the approver of the statement \u201c%(title)s\u201d", title=s.title),
            ),
            uses=s.title,
        )
        for s in statements[:1]
    ] or [
        _expect(
            plan,
            lv,
            lv.accountable,
            _("Answers or refers the enquiry"),
            (f"{path}.accountable", _("level %(n)s's accountable role", n=level)),
        )
    ]
    outlet = rng.choice(outlets())
    inject(
        _("Press enquiry"),
        _("A journalist from %(outlet)s asks for comment.", outlet=outlet),
        press,
    )
    _staff_inject(plan, lv, path, inject)
    account = rng.choice(plan.social_accounts)
    n = plan.social_accounts.index(account)
    recovery = recovery_uses(plan, account)
    platform = platform_name(account.platform)
    inject(
        _("Account compromised: %(platform)s %(handle)s", platform=platform, handle=account.handle),
        _(
            "The %(platform)s account %(handle)s posts something nobody here wrote.",
            platform=platform,
            handle=account.handle,
        ),
        [
            _expect(
                plan,
                lv,
                admin,
                _(
                    "Locks %(handle)s: vault item \u201c%(item)s\u201d",
                    handle=account.handle,
                    item=account.vault_item,
                ),
                (f"credentials.access_admins[{i}]", _("the vault's access administrators")),
                uses=_(
                    "the credential checklist: %(steps)s",
                    steps=steps_text(plan.credentials.checklist),
                ),
            )
            for i, admin in enumerate(plan.credentials.access_admins)
        ]
        + [
            _expect(
                plan,
                lv,
                account.owner,
                _(
                    "Owns the account; gets it back through %(platform)s's own recovery page",
                    platform=platform,
                )
                if recovery
                else _("Owns the account"),
                (
                    f"social_accounts[{n}].owner",
                    _(
                        "the owner of the %(platform)s account %(handle)s",
                        platform=platform,
                        handle=account.handle,
                    ),
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
            _("A scheduled post goes out"),
            _(
                "A cheerful post scheduled in %(tool)s goes out on %(handle)s mid-crisis.",
                tool=tool.name,
                handle=acc.handle,
            ),
            [
                _expect(
                    plan,
                    lv,
                    tool.owner,
                    _(
                        "Pauses %(tool)s (level %(n)s pauses all scheduled posts)",
                        tool=tool.name,
                        n=level,
                    ),
                    (
                        f"scheduling_tools[{plan.scheduling_tools.index(tool)}].owner",
                        _("the owner of %(tool)s", tool=tool.name),
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
            "last_reviewed": i18n.format_day(plan.plan.last_reviewed),
            "review_due": i18n.format_day(plan.plan.review_due),
        },
        "words": print_words(),
        "language": plan.plan.language,
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
            _("Sends \u201c%(title)s\u201d to %(audience)s", title=t.title, audience=t.audience),
            (
                f"internal_comms.templates[{comms.templates.index(t)}].sender",
                _("the sender of the template \u201c%(title)s\u201d", title=t.title),
            ),
            uses=t.title,
        )
    elif comms.dont or comms.do:
        expect = _expect(
            plan,
            lv,
            lv.accountable,
            _("Reminds staff of the employee guidelines"),
            (f"{path}.accountable", _("level %(n)s's accountable role", n=lv.level)),
            uses=_("staff must not: %(steps)s", steps=steps_text(comms.dont)) if comms.dont else "",
        )
    else:
        return
    told = _("An employee posts about it on a personal account.")
    if comms.dont:
        told += " " + _(
            "(The employee guidelines say staff must not: %(steps)s.)",
            steps=steps_text(comms.dont[:2]),
        )
    inject(_("Staff post on their own accounts"), told, [expect])


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
    """The kit as Markdown, for pasting into a wiki or reading in an editor (its words in
    the kit's language)."""
    with i18n.using(kit.get("language")):
        return _drill_markdown(kit)


def _drill_markdown(kit: dict[str, Any]) -> str:
    # (the words outside f-strings, where the catalog's extraction finds them)
    playbook_word, scenario_word = _("Playbook:"), _("Scenario:")
    calls_word, uses_word = _("calls, in order:"), _("uses:")
    from_word, happened_word = _("from the plan:"), _("what happened:")
    playbook = f"**{playbook_word}** {md(kit.get('playbook') or '')}"
    out = [
        "# "
        + _("Tabletop drill: level %(n)s (%(name)s)", n=kit["level"], name=md(kit["level_name"])),
        "",
        _(
            "%(organization)s · plan version %(version)s · %(minutes)s minutes · seed %(seed)s",
            organization=md(kit["info"]["organization"]),
            version=md(kit["info"]["version"]),
            minutes=kit["minutes"],
            seed=kit["seed"],
        ),
        "",
        *([playbook, ""] if kit.get("playbook") else []),
        f"**{scenario_word}** {md(kit['scenario'])}",
        "",
        "## " + _("Timeline"),
        "",
    ]
    for item in kit["injects"]:
        told = md(item["told"], line_start=True)
        head = _("T+%(minutes)s min: %(title)s", minutes=item["at"], title=md(item["title"]))
        out += [f"### {head}", "", told, ""]
        out += [_("What the plan expects:"), ""]
        for e in item["expect"]:
            calls = ", ".join(f"{md(c['name'])} {md(c['phone'])}" for c in e["calls"])
            out.append(f"- [ ] **{md(e['role'])}** ({e['part']}): {md(e['what'])}")
            out.append(f"  - {calls_word} {calls}")
            if e["uses"]:
                out.append(f"  - {uses_word} {md(e['uses'])}")
            out.append(f"  - {from_word} {md(e['where'])}")
            out.append(f"  - {happened_word} ______________________")
        out.append("")
    out += ["## " + _("After-action review"), ""]
    learn = "1. " + _("What did we learn?")
    out += [f"1. {md(q, line_start=True)}" for q in kit["questions"]] or [learn]
    return "\n".join(out) + "\n"
