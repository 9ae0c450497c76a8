"""The plan model: frozen dataclasses built from a validated plan.

``build_plan`` trusts its input: call it only on data that passed
``validate_document`` with no error. Defaults from the format page are
applied here, so later stages never repeat them.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from generator.plan.playbooks import (
    Channel,
    Note,
    PlatformRecovery,
    Playbook,
    build_channels,
    build_notes,
    build_playbooks,
    build_recovery,
)
from generator.plan.practice import Exercise, build_exercises
from generator.plan.rotation import Rotation, build_rotation
from generator.plan.rules import (
    DEFAULT_CONTACT_MAX_AGE_DAYS,
    DEFAULT_EXERCISE_INTERVAL_DAYS,
    DEFAULT_REVIEW_INTERVAL_DAYS,
)


@dataclass(frozen=True)
class PlanInfo:
    """About the plan itself."""

    title: str
    organization: str
    version: str
    owner: str
    last_reviewed: dt.date
    review_interval_days: int = DEFAULT_REVIEW_INTERVAL_DAYS
    classification: str | None = None
    contact_max_age_days: int = DEFAULT_CONTACT_MAX_AGE_DAYS
    exercise_interval_days: int = DEFAULT_EXERCISE_INTERVAL_DAYS
    language: str = "en"

    @property
    def review_due(self) -> dt.date:
        """The day the next review is due."""
        return self.last_reviewed + dt.timedelta(days=self.review_interval_days)


@dataclass(frozen=True)
class Contact:
    """A person who can be called."""

    id: str
    name: str
    phone: str | None = None
    email: str | None = None
    chat: str | None = None
    timezone: str | None = None
    verified_on: dt.date | None = None
    hours: str | None = None
    url: str | None = None


@dataclass(frozen=True)
class Role:
    """A role and its ordered call list (first primary, the rest backups)."""

    id: str
    title: str
    contacts: tuple[str, ...]
    team: str | None = None
    duties: tuple[str, ...] = ()
    rotation: Rotation | None = None


@dataclass(frozen=True)
class Level:
    """One level of the severity scale."""

    level: int
    name: str
    summary: str
    accountable: str
    responsible: tuple[str, ...]
    actions: tuple[str, ...]
    examples: tuple[str, ...] = ()
    crisis: bool = False
    consulted: tuple[str, ...] = ()
    informed: tuple[str, ...] = ()
    respond_within_minutes: int | None = None
    update_every_minutes: int | None = None
    pause_scheduled_posts: bool = False
    declared_by: tuple[str, ...] = ()


@dataclass(frozen=True)
class Question:
    """A yes/no question of the triage flowchart; answers are ``level-N`` or question ids."""

    id: str
    ask: str
    yes: str
    no: str


@dataclass(frozen=True)
class Triage:
    """The severity flowchart."""

    start: str
    questions: tuple[Question, ...]
    when_unsure: str | None = None

    def question(self, question_id: str) -> Question:
        """The question with this id."""
        return next(q for q in self.questions if q.id == question_id)

    def reachable_levels(self) -> set[int]:
        """The levels some path from ``start`` ends in."""
        levels: set[int] = set()
        seen: set[str] = set()
        todo = [self.start]
        while todo:
            target = todo.pop()
            if target.startswith("level-"):
                levels.add(int(target.removeprefix("level-")))
            elif target not in seen:
                seen.add(target)
                question = self.question(target)
                todo += [question.yes, question.no]
        return levels


@dataclass(frozen=True)
class Threshold:
    """An escalation rule of the listening section."""

    id: str
    above: int
    level: int
    for_windows: int = 1
    notify: tuple[str, ...] = ()
    actions: tuple[str, ...] = ()


@dataclass(frozen=True)
class Listening:
    """Social-listening thresholds."""

    measure: str
    window_minutes: int
    thresholds: tuple[Threshold, ...]
    tool: str | None = None


@dataclass(frozen=True)
class Template:
    """A pre-written internal message."""

    id: str
    title: str
    channel: str
    audience: str
    send_when: str
    sender: str
    body: str
    subject: str | None = None
    lang: str | None = None
    translation_of: str | None = None


@dataclass(frozen=True)
class InternalComms:
    """The internal communications protocol."""

    trigger_level: int
    protocol: tuple[str, ...]
    templates: tuple[Template, ...]
    do: tuple[str, ...] = ()
    dont: tuple[str, ...] = ()


@dataclass(frozen=True)
class Statement:
    """A pre-approved public holding statement."""

    id: str
    title: str
    use_from_level: int
    approver: str
    text: str
    channels: tuple[str, ...] = ()
    lang: str | None = None
    translation_of: str | None = None


@dataclass(frozen=True)
class AfterAction:
    """The post-incident review."""

    from_level: int
    within_days: int
    owner: str
    questions: tuple[str, ...]


@dataclass(frozen=True)
class SocialAccount:
    """A social media account."""

    id: str
    platform: str
    handle: str
    owner: str
    vault_item: str
    mfa: str
    url: str | None = None
    login_email: str | None = None
    scheduled_via: tuple[str, ...] = ()
    admins: tuple[str, ...] = ()


@dataclass(frozen=True)
class SchedulingTool:
    """A tool that publishes scheduled posts."""

    id: str
    name: str
    owner: str
    pause_steps: tuple[str, ...]


@dataclass(frozen=True)
class Credentials:
    """Where logins live and how they are rotated."""

    password_manager: str
    vault: str
    access_admins: tuple[str, ...]
    rotate_when: tuple[str, ...]
    checklist: tuple[str, ...]
    break_glass: str | None = None


@dataclass(frozen=True)
class Plan:
    """A whole, valid crisis plan."""

    schema_version: int
    plan: PlanInfo
    contacts: tuple[Contact, ...]
    roles: tuple[Role, ...]
    severity_levels: tuple[Level, ...]
    triage: Triage
    internal_comms: InternalComms
    social_accounts: tuple[SocialAccount, ...]
    credentials: Credentials
    listening: Listening | None = None
    external_statements: tuple[Statement, ...] = ()
    after_action: AfterAction | None = None
    scheduling_tools: tuple[SchedulingTool, ...] = ()
    exercises: tuple[Exercise, ...] = ()
    playbooks: tuple[Playbook, ...] = ()
    channels: tuple[Channel, ...] = ()
    platform_recovery: tuple[PlatformRecovery, ...] = ()
    notes: tuple[Note, ...] = ()

    def role(self, role_id: str) -> Role:
        """The role with this id."""
        return next(r for r in self.roles if r.id == role_id)

    def contact(self, contact_id: str) -> Contact:
        """The contact with this id."""
        return next(c for c in self.contacts if c.id == contact_id)

    def level(self, number: int) -> Level:
        """The severity level with this number."""
        return next(lv for lv in self.severity_levels if lv.level == number)

    def primary_contact(self, role_id: str) -> Contact:
        """The first person on a role's call list."""
        return self.contact(self.role(role_id).contacts[0])

    def recovery_for(self, platform: str) -> PlatformRecovery | None:
        """The recovery entry of a platform, if the plan has one."""
        return next((r for r in self.platform_recovery if r.platform == platform), None)

    def account_people(self, account: SocialAccount) -> tuple[str, ...]:
        """The distinct contact ids who can reach an account: its owner's and admins'."""
        people: dict[str, None] = {}
        for role_id in (account.owner, *account.admins):
            people.update(dict.fromkeys(self.role(role_id).contacts))
        return tuple(people)


def _tuples(entry: dict[str, Any]) -> dict[str, Any]:
    return {k: tuple(v) if isinstance(v, list) else v for k, v in entry.items()}


def _date(value: Any) -> dt.date | None:
    return dt.date.fromisoformat(value) if isinstance(value, str) else None


def build_plan(data: dict[str, Any]) -> Plan:
    """Build the model of a validated plan."""
    info = dict(data["plan"])
    info["last_reviewed"] = _date(info["last_reviewed"])
    contacts = tuple(
        Contact(**{**c, "verified_on": _date(c.get("verified_on"))}) for c in data["contacts"]
    )
    triage = data["triage"]
    listening = data.get("listening")
    comms = data["internal_comms"]
    guidelines = comms.get("employee_guidelines", {})
    review = data.get("after_action")
    return Plan(
        schema_version=data["schema_version"],
        plan=PlanInfo(**info),
        contacts=contacts,
        roles=tuple(
            Role(**{**_tuples(r), "rotation": build_rotation(r.get("rotation"))})
            for r in data["roles"]
        ),
        severity_levels=tuple(
            sorted((Level(**_tuples(lv)) for lv in data["severity_levels"]), key=lambda x: x.level)
        ),
        triage=Triage(
            start=triage["start"],
            when_unsure=triage.get("when_unsure"),
            questions=tuple(Question(**q) for q in triage["questions"]),
        ),
        listening=Listening(
            tool=listening.get("tool"),
            measure=listening["measure"],
            window_minutes=listening["window_minutes"],
            thresholds=tuple(Threshold(**_tuples(t)) for t in listening["thresholds"]),
        )
        if listening
        else None,
        internal_comms=InternalComms(
            trigger_level=comms["trigger_level"],
            protocol=tuple(comms["protocol"]),
            templates=tuple(Template(**t) for t in comms["templates"]),
            do=tuple(guidelines.get("do", ())),
            dont=tuple(guidelines.get("dont", ())),
        ),
        external_statements=tuple(
            Statement(**_tuples(s)) for s in data.get("external_statements", ())
        ),
        after_action=AfterAction(**_tuples(review)) if review else None,
        social_accounts=tuple(SocialAccount(**_tuples(a)) for a in data["social_accounts"]),
        scheduling_tools=tuple(
            SchedulingTool(**_tuples(t)) for t in data.get("scheduling_tools", ())
        ),
        credentials=Credentials(**_tuples(data["credentials"])),
        exercises=build_exercises(data.get("exercises", [])),
        playbooks=build_playbooks(data.get("playbooks", [])),
        channels=build_channels(data.get("channels", [])),
        platform_recovery=build_recovery(data.get("platform_recovery", [])),
        notes=build_notes(data.get("notes", [])),
    )
