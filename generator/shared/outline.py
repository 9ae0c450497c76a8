"""The runbook's outline: its pages, in order. The site's navigation and the PDF's
chapters both follow it."""

from __future__ import annotations

from generator.plan.model import Plan
from generator.shared.i18n import _


def page_paths(plan: Plan, offline: bool = False) -> list[tuple[str, str]]:
    """Every page as (path, title), in navigation order (``offline``: with the page
    that links the PDF and the pocket cards); titles in the language being rendered."""
    pages = [("index.md", _("Home")), ("triage.md", _("Severity flowchart"))]
    pages += [
        (f"levels/level-{lv.level}.md", _("Level %(n)s: %(name)s", n=lv.level, name=lv.name))
        for lv in plan.severity_levels
    ]
    pages += [(f"playbooks/{p.id}.md", p.title) for p in plan.playbooks]
    pages += [("roles.md", _("Roles and chain of command")), ("contacts.md", _("Contacts"))]
    if plan.listening:
        pages.append(("thresholds.md", _("Escalation thresholds")))
    pages.append(("internal-comms.md", _("Internal comms")))
    if plan.external_statements:
        pages.append(("statements.md", _("External statements")))
    if plan.after_action:
        pages.append(("after-action.md", _("After-action review")))
    pages.append(("exercises.md", _("Exercises")))
    pages.append(("credentials.md", _("Credentials")))
    pages += [(f"notes/{n.id}.md", n.title) for n in plan.notes]
    if offline:
        pages.append(("offline.md", _("Offline copies")))
    return pages
