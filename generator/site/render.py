"""Render a plan into Markdown pages through the Jinja templates in ``templates/``.

``render_pages`` is pure: a plan (and its flowchart SVG) in, ``{path:
Markdown}`` out. Every ``{{ value }}`` in a template passes through one
escaping step (the environment's ``finalize``), so plan text can never turn
into Markdown, HTML or template syntax, whatever it holds. Only the markup
that the filters below build from escaped parts is trusted (``Markup``).
"""

from __future__ import annotations

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

from generator.plan.model import Contact, Plan, Template
from generator.plan.placeholders import split_template
from generator.plan.status import WEAK_MFA, contact_status, exercise_status, open_follow_ups
from generator.shared import escape
from generator.shared.outline import page_paths
from generator.shared.templates import PackageTemplateLoader, reporting_missing_templates

# files of templates/assets that every site needs beside the pages
ASSETS = ("runbook.css", "runbook.js", "iframe-worker-shim.js")


def _finalize(value: Any) -> str:
    if isinstance(value, Markup):
        return str(value)
    return escape.markdown("" if value is None else str(value))


def _html(value: Any) -> Markup:
    return Markup(escape.html(str(value)))


def tel_link(phone: str) -> Markup:
    """A ``tel:`` link that shows the number in full."""
    digits = re.sub(r"[^0-9+]", "", phone)
    return Markup(f'<a href="tel:{escape.html(digits)}">{escape.markdown(phone)}</a>')


def mailto_link(email: str) -> Markup:
    """A ``mailto:`` link that shows the address in full."""
    url = escape.safe_url(f"mailto:{email}")
    if url is None:
        return Markup(escape.markdown(email))
    return Markup(f'<a href="{escape.html(url)}">{escape.markdown(email)}</a>')


def web_link(url: str, text: str | None = None) -> Markup:
    """A link for http(s) addresses only; anything else is shown as text."""
    shown = escape.markdown(text or url)
    safe = escape.safe_url(url)
    if safe is None or not safe.lower().startswith(("http://", "https://")):
        return Markup(shown)
    return Markup(f'<a href="{escape.html(safe)}">{shown}</a>')


def template_html(text: str, element_id: str) -> Markup:
    """A message template as one HTML block: placeholders marked, newlines as ``&#10;``.

    One line, so every Markdown engine keeps it as a single raw HTML block,
    and the copy button copies exactly the template text.
    """
    pieces, _ = split_template(text)
    parts = []
    for piece in pieces:
        if piece.placeholder:
            parts.append(f'<mark class="runbook-placeholder">{{{escape.html(piece.text)}}}</mark>')
        else:
            parts.append(escape.html(piece.text))
    body = "".join(parts).rstrip("\n").replace("\n", "&#10;")
    return Markup(f'<pre class="runbook-template-text" id="{escape.html(element_id)}">{body}</pre>')


_LIST_ITEM = re.compile(r"^\s*(?:[-*\u2022]|\d+[.)])\s")


def ready_message(body: str, subject: str | None = None) -> str:
    """A template as it is sent: the subject as the first line, then the body with its
    hard-wrapped lines joined into paragraphs (list items keep their own lines)."""
    paragraphs = []
    for block in re.split(r"\n\s*\n", body.strip("\n")):
        lines = [line.strip() for line in block.splitlines() if line.strip()]
        out: list[str] = []
        for line in lines:
            if out and not _LIST_ITEM.match(line):
                out[-1] += " " + line
            else:
                out.append(line)
        paragraphs.append("\n".join(out))
    text = "\n\n".join(paragraphs)
    return f"{subject}\n\n{text}" if subject else text


def copy_button(body: str, element_id: str, subject: str | None = None) -> Markup:
    """A copy button, the ready-to-send message it copies (hidden), and the template."""
    message_id = f"message-{element_id}"
    message = escape.html(ready_message(body, subject)).replace("\n", "&#10;")
    return Markup(
        '<div class="runbook-template">'
        f'<button type="button" class="runbook-copy md-button" '
        f'data-runbook-copy="{escape.html(message_id)}">Copy the message</button>'
        f'<pre hidden id="{escape.html(message_id)}">{message}</pre>'
        f"{template_html(body, element_id)}</div>"
    )


def check_item(text: str) -> Markup:
    """A checklist step: a real checkbox wrapped in a label with the step's text."""
    return Markup(
        '<label class="runbook-check"><input type="checkbox" class="runbook-action"> '
        f"{escape.markdown(text)}</label>"
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
    env.filters.update(
        check=check_item,
        tel=tel_link,
        mailto=mailto_link,
        web=web_link,
        html=_html,
        template_html=template_html,
        copy_button=copy_button,
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
        parts = [escape.markdown(c.name)]
        if c.phone:
            parts.append(tel_link(c.phone))
        if c.email and (email or not c.phone):
            parts.append(mailto_link(c.email))
        return Markup(", ".join(parts))

    def role(self, role_id: str) -> Markup:
        """A role's title, linked to its call list, with the primary contact."""
        r = self.plan.role(role_id)
        primary = self.person(self.plan.contact(r.contacts[0]))
        return Markup(
            f"[{escape.markdown(r.title)}]({self.rel('roles.md')}#role-{r.id}) ({primary})"
        )

    def action(self, text: str) -> Markup:
        """A checklist step; where it names a section of the runbook by its name (the
        internal communications protocol, the holding statements, the credentials), that
        name links there. Exact names only, never a guess."""
        escaped = escape.markdown(text)
        for pattern, page in SECTION_NAMES:
            if page == "statements.md" and not self.plan.external_statements:
                continue
            if page == "after-action.md" and not self.plan.after_action:
                continue
            m = pattern.search(escaped)
            if m:
                link = f"[{m.group()}]({self.rel(page)})"
                escaped = escaped[: m.start()] + link + escaped[m.end() :]
                break
        return Markup(
            '<label class="runbook-check"><input type="checkbox" class="runbook-action"> '
            f"{escaped}</label>"
        )

    def level(self, n: int) -> Markup:
        """A link to a level's page."""
        name = escape.markdown(self.plan.level(n).name)
        return Markup(f"[Level {n}: {name}]({self.rel(f'levels/level-{n}.md')})")


def site_nav(plan: Plan, prefix: str = "", offline: bool = False) -> list[Any]:
    """The MkDocs nav for the pages, levels grouped; titles safe for any theme."""
    entries = [
        (path, {escape.plain_label(title): prefix + path})
        for path, title in page_paths(plan, offline)
    ]
    levels = [entry for path, entry in entries if path.startswith("levels/")]
    others = [entry for path, entry in entries if not path.startswith("levels/")]
    return [*others[:2], {"Severity levels": levels}, *others[2:]]


def triage_data(plan: Plan) -> str:
    """The flowchart as data for the page's one-question-at-a-time finder (JSON, escaped
    for an HTML attribute): questions, answers, and each level's owner and phone."""
    import json

    numbers = {q.id: i for i, q in enumerate(plan.triage.questions, 1)}
    levels = {}
    for lv in plan.severity_levels:
        owner = plan.role(lv.accountable)
        person = plan.contact(owner.contacts[0])
        levels[str(lv.level)] = {
            "name": lv.name,
            "crisis": lv.crisis,
            "owner": owner.title,
            "person": person.name,
            "phone": person.phone or "",
            "tel": re.sub(r"[^0-9+]", "", person.phone or ""),
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
    return escape.html(json.dumps(data, ensure_ascii=False, sort_keys=True))


def render_pages(
    plan: Plan, flowchart_svg: str, templates_dir: str | None = None, offline: bool = False
) -> dict[str, str]:
    """Every page of the runbook as Markdown, keyed by its path (``offline``: with the
    page that links runbook.pdf and cards/*.pdf, which the site build writes)."""
    env = _environment(templates_dir)
    context: dict[str, Any] = {
        "plan": plan,
        "info": plan.plan,
        "offline": offline,
        "cards": [("general", "General card"), *((r.id, r.title) for r in plan.roles)],
        "flowchart": Markup(flowchart_svg),
        "status": lambda c: contact_status(plan, c),
        "role": plan.role,
        "contact": plan.contact,
        "primary": plan.primary_contact,
        "level": plan.level,
        "tools": {t.id: t for t in plan.scheduling_tools},
        "weak_mfa": WEAK_MFA,
        "exercise_status": exercise_status(plan),
        "open_follow_ups": open_follow_ups(plan),
        "text_id": lambda t: (
            f"text-template-{t.id}" if isinstance(t, Template) else f"text-statement-{t.id}"
        ),
    }
    out: dict[str, str] = {}
    for path, _title in page_paths(plan, offline):
        name = "level.md.j2" if path.startswith("levels/") else path + ".j2"
        extra: dict[str, Any] = (
            {"lv": plan.level(int(path.split("-")[1][:-3]))} if path.startswith("levels/") else {}
        )
        links = Links(plan, path)
        if path == "triage.md":
            extra = {"triage_data": Markup(triage_data(plan))}
        with reporting_missing_templates(templates_dir):
            out[path] = env.get_template(name).render(
                **context, **extra, page=path, rel=links.rel, link=links
            )
    return out
