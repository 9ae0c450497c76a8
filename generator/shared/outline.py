"""The runbook's outline: its pages, in order. The site's navigation and the PDF's
chapters both follow it."""

from __future__ import annotations

from generator.plan.model import Plan


def page_paths(plan: Plan, offline: bool = False) -> list[tuple[str, str]]:
    """Every page as (path, title), in navigation order (``offline``: with the page
    that links the PDF and the pocket cards)."""
    pages = [("index.md", "Home"), ("triage.md", "Severity flowchart")]
    pages += [
        (f"levels/level-{lv.level}.md", f"Level {lv.level}: {lv.name}")
        for lv in plan.severity_levels
    ]
    pages += [(f"playbooks/{p.id}.md", p.title) for p in plan.playbooks]
    pages += [("roles.md", "Roles and chain of command"), ("contacts.md", "Contacts")]
    if plan.listening:
        pages.append(("thresholds.md", "Escalation thresholds"))
    pages.append(("internal-comms.md", "Internal comms"))
    if plan.external_statements:
        pages.append(("statements.md", "External statements"))
    if plan.after_action:
        pages.append(("after-action.md", "After-action review"))
    pages.append(("exercises.md", "Exercises"))
    pages.append(("credentials.md", "Credentials"))
    pages += [(f"notes/{n.id}.md", n.title) for n in plan.notes]
    if offline:
        pages.append(("offline.md", "Offline copies"))
    return pages
