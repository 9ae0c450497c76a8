"""One site for a folder of plans: the choose-a-plan page, each plan's nav section, the
nav each page shows, the search index that names each hit's plan, and the 404 page.

Each plan's pages go under ``<prefix><plan file stem>/``. The work per page stays
constant however many plans there are: a plan's page shows the choose-a-plan page
and its own plan's section only, and every other page (the choose-a-plan page, a
host's pages, the 404 page) one link per plan. The search index is labelled in one
pass over it.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from generator.plan.model import Plan, PlanInfo
from generator.shared import escape, i18n
from generator.shared.i18n import _
from generator.shared.templates import reporting_missing_templates
from generator.site.plantext import PlanText, collecting

CHOOSER = "index.md"  # the choose-a-plan page, at the top of the runbook's section


@dataclass(frozen=True)
class Choice:
    """One plan as the choose-a-plan page shows it."""

    stem: str
    label: str
    info: PlanInfo


def plan_label(plan: Plan) -> str:
    """How the site names a plan (nav, choose-a-plan page, search results): its title,
    with the organisation unless the title names it."""
    from generator.site.render import site_title

    return site_title(plan)


def render_chooser(
    plans: Iterable[tuple[str, Plan]],
    texts: PlanText,
    templates_dir: str | None = None,
    language: str = "en",
) -> str:
    """The choose-a-plan page as Markdown holding placeholders of ``texts`` only, in
    ``language`` (the one the plans share)."""
    from generator.site import catalog
    from generator.site.render import _environment

    choices = [Choice(stem, plan_label(plan), plan.plan) for stem, plan in plans]
    env = _environment(templates_dir)
    with collecting(texts), reporting_missing_templates(templates_dir), i18n.using(language):
        return env.get_template("plans.md.j2").render(
            plans=choices, review_due=lambda day: catalog.due(day, "runbook-review-due")
        )


def folder_nav(
    sections: Iterable[tuple[str, list[Any]]], prefix: str, texts: PlanText, language: str = "en"
) -> list[Any]:
    """The runbook's nav: the choose-a-plan page, then one section per plan, titled by
    the plan's label (a placeholder of ``texts``)."""
    with i18n.using(language):
        chooser_title = _("Choose a plan")
    return [
        {chooser_title: prefix + CHOOSER},
        *({texts.token(label): nav} for label, nav in sections),
    ]


class NavSwitch:
    """Shows each page the part of the runbook's nav it needs: a plan's page, the
    choose-a-plan page and that plan's section; any other page, one link per plan.
    ``container`` is the list that holds the runbook's nav items (the site's top level,
    or the host's runbook section), changed in place before each page is rendered."""

    def __init__(self, container: list[Any], chooser: Any, sections: dict[str, Any]) -> None:
        from mkdocs.structure.nav import Link

        self.container = container
        self.chooser = chooser
        self.sections = sections  # plan prefix -> its Section
        self.overview = [chooser]
        for section in sections.values():
            first = _first_page(section)
            if first is not None:
                self.overview.append(Link(section.title, first.url))
        self.show(None)

    def show(self, plan_prefix: str | None) -> None:
        """The nav for a page of the plan at ``plan_prefix`` (None: any other page)."""
        section = self.sections.get(plan_prefix or "")
        self.container[:] = [self.chooser, section] if section is not None else self.overview


def _first_page(item: Any) -> Any:
    from mkdocs.structure.pages import Page

    if isinstance(item, Page):
        return item
    for child in getattr(item, "children", None) or []:
        found = _first_page(child)
        if found is not None:
            return found
    return None


def nav_switch(nav: Any, prefix: str, plan_prefixes: Iterable[str]) -> NavSwitch | None:
    """The ``NavSwitch`` of a built nav, or None when the runbook's pages are not found
    in it as ``folder_nav`` laid them out (a host's own nav for them)."""
    from mkdocs.structure.pages import Page

    def find(items: list[Any]) -> list[Any] | None:
        for i, item in enumerate(items):
            if isinstance(item, Page) and item.file.src_uri == prefix + CHOOSER:
                return items if i == 0 else None
            children = getattr(item, "children", None)
            if children:
                found = find(children)
                if found is not None:
                    return found
        return None

    container = find(nav.items)
    if container is None:
        return None
    sections: dict[str, Any] = {}
    for plan_prefix in plan_prefixes:
        for item in container[1:]:
            first = _first_page(item)
            if first is not None and first.file.src_uri.startswith(plan_prefix):
                sections[plan_prefix] = item
    return NavSwitch(container, container[0], sections)


def labelled_search_index(
    text: str, prefix: str, labels: dict[str, str], dirty: bool = False
) -> str:
    """The search index (JSON) with each plan page's own entry titled "label: title",
    so a hit says which plan it is in (``labels``: plan file stem -> plan label; the
    plans are under ``prefix``, each entry's plan found by its path in one step).
    ``dirty`` (a serve that rebuilt some pages): a page indexed twice keeps its newest
    entries, the last ones (Material's search appends a rebuilt page's entries)."""
    data = json.loads(text)
    docs = data.get("docs", [])
    if dirty:
        docs = _newest_entries(docs)
    for doc in docs:
        location = str(doc.get("location", ""))
        if "#" in location or not location.startswith(prefix):
            continue
        stem, slash, _ = location.removeprefix(prefix).partition("/")
        label = labels.get(stem) if slash else None
        if label is not None:
            doc["title"] = f"{escape.html(label)}: {doc.get('title', '')}"
    data["docs"] = docs
    return json.dumps(data, separators=(",", ":"), default=str)


def _newest_entries(docs: list[dict[str, Any]]) -> list[dict[str, Any]]:
    groups: list[tuple[str, list[dict[str, Any]]]] = []
    for doc in docs:
        page = str(doc.get("location", "")).split("#", 1)[0]
        if groups and groups[-1][0] == page:
            groups[-1][1].append(doc)
        else:
            groups.append((page, [doc]))
    last = {page: i for i, (page, _) in enumerate(groups)}
    return [doc for i, (page, group) in enumerate(groups) if last[page] == i for doc in group]


def not_found_content(
    entries: Iterable[tuple[str, str]], root_url: str, language: str = "en"
) -> str:
    """The 404 page's content for a folder site (HTML): the choose-a-plan page, and each
    plan's crisis box. ``entries``: (plan label, URL of the plan's home page); URLs are
    relative to the site's root (the page's links are made to work from any address)."""
    marker = "%(plan)s"  # kept as it is, filled in after the message is escaped
    with i18n.using(language):
        item = escape.html(_("%(plan)s: in a crisis now?", plan=marker))
        title, choose = escape.html(_("Page not found")), escape.html(_("Choose a plan"))
        rest = escape.html(_(", or go straight to a plan's crisis box:"))
    items = "".join(
        f'<li><a href="./{escape.html(url)}#in-a-crisis-now">'
        f"{item.replace(marker, escape.html(label))}</a></li>"
        for label, url in entries
    )
    chooser = escape.html(root_url)
    return f'<h1>{title}</h1>\n<p><a href="./{chooser}">{choose}</a>{rest}</p>\n<ul>{items}</ul>'
