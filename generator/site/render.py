"""Render a plan into Markdown pages through the Jinja templates in ``templates/``.

``render_pages`` is pure: a plan (and its flowchart SVG) in, ``{path:
Markdown}`` out. Every ``{{ value }}`` in a template, and every piece of plan
text the filters below put in a link or an HTML element, passes through one step
(the environment's ``finalize``, ``_line`` and ``_attr``): it becomes a placeholder
of a ``PlanText`` (``generator/site/plantext.py``), so the Markdown holds no plan
text at all. ``render_opaque`` gives those pages and their ``PlanText``, which the
plugin substitutes after the site engine has rendered them; ``render_pages`` gives
the same pages with the text escaped for Markdown in place (``render --out``).
Only the markup built here from placeholders is trusted (``Markup``).
"""

from __future__ import annotations

import json
import posixpath
import re
from functools import cache
from typing import Any

from jinja2 import (
    BaseLoader,
    ChoiceLoader,
    Environment,
    FileSystemBytecodeCache,
    FileSystemLoader,
    StrictUndefined,
)
from markupsafe import Markup

from generator.plan.model import Contact, Plan
from generator.plan.placeholders import split_template
from generator.plan.status import WEAK_MFA, contact_status, exercise_status, open_follow_ups
from generator.shared import escape, i18n
from generator.shared.i18n import _
from generator.shared.languages import groups
from generator.shared.outline import page_paths
from generator.shared.places import posting_order
from generator.shared.templates import PackageTemplateLoader, reporting_missing_templates
from generator.site import catalog
from generator.site.catalog import finalize as _finalize
from generator.site.messages import copy_button, template_html
from generator.site.plantext import PlanText, collecting
from generator.site.plantext import in_html as _attr
from generator.site.plantext import in_markdown as _line
from generator.site.sections import (
    INTERNAL_KINDS,
    SectionLinks,
    rota_attribute,
    rota_dict,
    rota_html,
)
from generator.site.translations import text_id, translation_block
from generator.site.words import words_element

# files of templates/assets that every site needs beside the pages
ASSETS = ("runbook.css", "runbook.js", "iframe-worker-shim.js")


def _html(value: Any) -> Markup:
    return Markup(_attr(str(value)))


_SLUG = re.compile(r"[a-z0-9][a-z0-9-]*")


def _path_part(value: Any) -> Markup:
    """A plan id in a file's path, as it is: the site engine must see the real path to find
    the file. Ids are slugs (the schema says so); anything else is refused."""
    text = str(value)
    if not _SLUG.fullmatch(text):
        raise ValueError(f"not a plan id: {text!r}")
    return Markup(text)


def tel_digits(phone: str) -> str:
    """A phone number as a ``tel:`` URL dials it: digits and the plus sign only."""
    return re.sub(r"[^0-9+]", "", phone)


def tel_link(phone: str) -> Markup:
    """A ``tel:`` link that shows the number in full."""
    return Markup(f'<a href="tel:{_attr(tel_digits(phone))}">{_line(phone)}</a>')


def mailto_link(email: str) -> Markup:
    """A ``mailto:`` link that shows the address in full."""
    url = escape.safe_url(f"mailto:{email}")
    if url is None:
        return Markup(_line(email))
    return Markup(f'<a href="{_attr(url)}">{_line(email)}</a>')


def web_link(url: str, text: str | None = None) -> Markup:
    """A link for http(s) addresses only; anything else is shown as text."""
    shown = _line(text or url)
    safe = escape.safe_url(url)
    if safe is None or not safe.lower().startswith(("http://", "https://")):
        return Markup(shown)
    return Markup(f'<a href="{_attr(safe)}">{shown}</a>')


def check_item(text: str) -> Markup:
    """A checklist step: a real checkbox wrapped in a label with the step's text."""
    return Markup(
        '<label class="runbook-check"><input type="checkbox" class="runbook-action"> '
        f"{_line(text)}</label>"
    )


@cache
def bytecode_cache() -> FileSystemBytecodeCache | None:
    """Jinja's per-user compiled-template cache (a private 0700 folder, keyed by the
    template's source); builds after the first skip compiling the templates."""
    try:
        return FileSystemBytecodeCache()
    except (OSError, RuntimeError):
        return None


@cache
def _environment(templates_dir: str | None) -> Environment:
    loaders: list[BaseLoader] = [FileSystemLoader(templates_dir)] if templates_dir else []
    loaders.append(PackageTemplateLoader())
    env = Environment(
        loader=ChoiceLoader(loaders),
        bytecode_cache=bytecode_cache(),
        undefined=StrictUndefined,
        autoescape=False,  # Markdown output: escaping is done by finalize, for every value
        finalize=_finalize,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    # the words come from the catalog of the language being rendered (i18n.using)
    catalog.install(env)
    env.filters.update(
        check=check_item,
        tel=tel_link,
        mailto=mailto_link,
        web=web_link,
        html=_html,
        path_part=_path_part,
        template_html=template_html,
        copy_button=copy_button,
        tel_digits=tel_digits,
        placeholders=lambda t: [p.text for p in split_template(t)[0] if p.placeholder],
    )
    return env


# The runbook's own section names, as plan authors write them in a step: exact phrases
SECTION_NAMES = [
    (re.compile(rf"(?i)\b{phrase}\b"), page)
    for phrase, page in (
        (r"internal comm(?:unication)?s protocol", "internal-comms.md"),
        (r"internal comm(?:unication)?s", "internal-comms.md"),
        (r"(?:holding|external) statements?", "statements.md"),
        (r"credential(?:s| checklist| rotation checklist)", "credentials.md"),
        (r"severity flowchart", "triage.md"),
        (r"after-action review", "after-action.md"),
    )
]


class Links:
    """Trusted Markdown built from escaped plan text, for one page (links are relative)."""

    def __init__(self, plan: Plan, page: str) -> None:
        self.plan = plan
        self.page = page

    def rel(self, target: str) -> Markup:
        """A relative link from this page to another page of the runbook."""
        return Markup(posixpath.relpath(target, posixpath.dirname(self.page) or "."))

    def person(self, c: Contact, *, email: bool = True) -> Markup:
        """A name with its phone link, and its email link unless ``email`` is false."""
        parts = [_line(c.name)]
        if c.phone:
            parts.append(tel_link(c.phone))
        if c.email and (email or not c.phone):
            parts.append(mailto_link(c.email))
        if c.url and not (c.phone or c.email):
            parts.append(web_link(c.url, _("web form")))
        return Markup(", ".join(parts))

    def role(self, role_id: str) -> Markup:
        """A role's title, linked to its call list, with the primary contact."""
        r = self.plan.role(role_id)
        primary = self.person(self.plan.contact(r.contacts[0]))
        return Markup(f"[{_line(r.title)}]({self.rel('roles.md')}#role-{_attr(r.id)}) ({primary})")

    def roles(self, role_ids: list[str]) -> Markup:
        """Roles with their primary contacts, comma-separated."""
        return Markup(", ".join(self.role(r) for r in role_ids))

    def action(self, text: str) -> Markup:
        """A checklist step; where it names a section of the runbook by its name (the
        internal communications protocol, the holding statements, the credentials), that
        name links there. Exact names only, never a guess."""
        line = " ".join(text.split())
        shown = _line(line)
        for pattern, page in SECTION_NAMES:
            if page == "statements.md" and not self.plan.external_statements:
                continue
            if page == "after-action.md" and not self.plan.after_action:
                continue
            m = pattern.search(line)
            if m:
                before, after = line[: m.start()], line[m.end() :]
                link = f"[{_line(m.group())}]({self.rel(page)})"
                shown = _words(before) + link + _words(after)
                break
        return Markup(
            '<label class="runbook-check"><input type="checkbox" class="runbook-action"> '
            f"{shown}</label>"
        )

    def level(self, n: int) -> Markup:
        """A link to a level's page."""
        name = _line(self.plan.level(n).name)
        shown = _("Level %(n)s: %(name)s", n=n, name=name)
        return Markup(f"[{shown}]({self.rel(f'levels/level-{n}.md')})")


def site_title(plan: Plan) -> str:
    """The site's name in the header: the plan's title, with the organisation unless the
    title already names it ("Bluefin Air Social Crisis Runbook", not "... - Bluefin Air")."""
    title, org = plan.plan.title, plan.plan.organization
    named = org.casefold() in title.casefold()
    return escape.plain_label(title if named else f"{title} - {org}")


def _words(part: str) -> str:
    """Part of a line around a link: its text, and the spaces that part it from the link."""
    if not part.strip():
        return part
    lead = " " if part[0] == " " else ""
    trail = " " if part[-1] == " " else ""
    return lead + _line(part.strip()) + trail


def site_nav(
    plan: Plan, prefix: str = "", offline: bool = False, texts: PlanText | None = None
) -> list[Any]:
    """The MkDocs nav for the pages, levels grouped. Titles are placeholders of
    ``texts`` (which the plugin replaces in the built pages), else plain labels."""

    def title(text: str) -> str:
        return texts.token(text) if texts is not None else escape.plain_label(text)

    with i18n.using(plan.plan.language):
        return _nav(plan, prefix, offline, title)


def _nav(plan: Plan, prefix: str, offline: bool, title: Any) -> list[Any]:
    entries = [(path, {title(name): prefix + path}) for path, name in page_paths(plan, offline)]
    levels = [entry for path, entry in entries if path.startswith("levels/")]
    playbooks = [entry for path, entry in entries if path.startswith("playbooks/")]
    others = [entry for path, entry in entries if not path.startswith(("levels/", "playbooks/"))]
    grouped: list[Any] = [{_("Playbooks"): playbooks}] if playbooks else []
    return [*others[:2], {_("Severity levels"): levels}, *grouped, *others[2:]]


def triage_data(plan: Plan) -> str:
    """The flowchart as data for the page's one-question-at-a-time finder (JSON, for an
    HTML attribute): questions, answers, and each level's owner and phone."""

    numbers = {q.id: i for i, q in enumerate(plan.triage.questions, 1)}
    levels = {}
    for lv in plan.severity_levels:
        owner = plan.role(lv.accountable)
        person = plan.contact(owner.contacts[0])
        people = [plan.contact(c) for c in owner.contacts]
        levels[str(lv.level)] = {
            "name": lv.name,
            # the call block: the accountable role's call list, primary first
            "call": [
                {
                    "name": c.name,
                    "phone": c.phone or "",
                    "tel": tel_digits(c.phone or ""),
                    "email": c.email or "",
                }
                for c in people
            ],
            "rota": rota_dict(plan, owner),  # today's person first, in the browser
            "crisis": lv.crisis,
            "owner": owner.title,
            "person": person.name,
            "phone": person.phone or "",
            "tel": tel_digits(person.phone or ""),
            "email": person.email or "",
            # the page's own link to the level (MkDocs writes its URL) is found by this
            "page": f"level-{lv.level}",
        }
    data = {
        "start": plan.triage.start,
        "when_unsure": plan.triage.when_unsure or "",
        "questions": {
            q.id: {"n": numbers[q.id], "ask": q.ask, "yes": q.yes, "no": q.no}
            for q in plan.triage.questions
        },
        "levels": levels,
    }
    return _attr(json.dumps(data, ensure_ascii=False, sort_keys=True))


def _page_template(plan: Plan, path: str) -> tuple[str, dict[str, Any]]:
    """The template of a page and what it needs beyond the common context."""
    folder, _, stem = path.removesuffix(".md").rpartition("/")
    if folder == "levels":
        return "level.md.j2", {"lv": plan.level(int(stem.split("-")[1]))}
    if folder == "playbooks":
        return "playbook.md.j2", {"pb": next(p for p in plan.playbooks if p.id == stem)}
    if folder == "notes":
        return "note.md.j2", {"note": next(n for n in plan.notes if n.id == stem)}
    return path + ".j2", {}


def render_pages(
    plan: Plan, flowchart_svg: str, templates_dir: str | None = None, offline: bool = False
) -> dict[str, str]:
    """Every page of the runbook as Markdown, keyed by its path, plan text escaped in
    place (``offline``: with the page that links runbook.pdf and cards/*.pdf, which the
    site build writes)."""
    pages, texts = render_opaque(plan, flowchart_svg, templates_dir, offline)
    return {path: texts.inline(markdown) for path, markdown in pages.items()}


def render_opaque(
    plan: Plan,
    flowchart_svg: str,
    templates_dir: str | None = None,
    offline: bool = False,
    texts: PlanText | None = None,
) -> tuple[dict[str, str], PlanText]:
    """Every page of the runbook as Markdown that holds no plan text, only placeholders
    of ``texts`` (a new one unless given), and ``texts``, which says what each stands for."""
    texts = texts if texts is not None else PlanText()
    with collecting(texts), i18n.using(plan.plan.language):
        return _render(plan, flowchart_svg, templates_dir, offline, texts), texts


def _render(
    plan: Plan, flowchart_svg: str, templates_dir: str | None, offline: bool, texts: PlanText
) -> dict[str, str]:
    env = _environment(templates_dir)
    language = plan.plan.language
    context: dict[str, Any] = {
        "plan": plan,
        "info": plan.plan,
        "offline": offline,
        "cards": [("general", _("General card")), *((r.id, r.title) for r in plan.roles)],
        "flowchart": Markup(texts.token(flowchart_svg, "raw")),
        "status": lambda c: contact_status(plan, c),
        "role": plan.role,
        "contact": plan.contact,
        "primary": plan.primary_contact,
        "level": plan.level,
        "tools": {t.id: t for t in plan.scheduling_tools},
        "weak_mfa": WEAK_MFA,
        "exercise_status": exercise_status(plan),
        "open_follow_ups": open_follow_ups(plan),
        "recovery": plan.recovery_for,
        "posting_order": lambda channels: posting_order(plan, channels),
        "rota": lambda r: rota_html(plan, r),
        "rota_data": lambda r: rota_attribute(plan, r),
        "internal_kinds": INTERNAL_KINDS,
        "words": words_element(),
        "due": catalog.due,
        "span": lambda css, text: Markup(f'<span class="{css}">{_finalize(text)}</span>'),
        "review_due": lambda day: catalog.due(day, "runbook-review-due"),
        "exercise_due": lambda ex: catalog.due(
            ex.due, f"runbook-exercise-status runbook-{ex.label}"
        ),
        "text_id": text_id,
        "statement_groups": groups(plan.external_statements, language),
        "template_groups": groups(plan.internal_comms.templates, language),
        "translations": lambda g: translation_block(g, language),
    }
    out: dict[str, str] = {}
    for path, _title in page_paths(plan, offline):
        name, extra = _page_template(plan, path)
        links = Links(plan, path)
        if path == "triage.md":
            extra = {"triage_data": Markup(triage_data(plan))}
        with reporting_missing_templates(templates_dir):
            out[path] = env.get_template(name).render(
                **context,
                **extra,
                page=path,
                rel=links.rel,
                link=links,
                more=SectionLinks(plan, links),
                roles_list=links.roles,
            )
    return out


def render_not_found(plan: Plan, urls: dict[str, str], templates_dir: str | None = None) -> str:
    """The 404 page's content (HTML): links home, to the finder and to each level's call
    block. ``urls`` maps each runbook page's source path to the URL MkDocs gave it."""
    env = _environment(templates_dir)
    with reporting_missing_templates(templates_dir), i18n.using(plan.plan.language):
        return env.get_template("_404.html.j2").render(
            plan=plan, urls=urls, primary=plan.primary_contact
        )
