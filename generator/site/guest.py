"""What the plugin does to the runbook's own pages as a guest in a host site, after the
host's Markdown extensions and plugins: the table of contents filled in, the flowchart's
level links for the page's URL, the runbook's style, script and language on its own
pages, the runbook's order in a nav MkDocs made from files."""

from __future__ import annotations

import html
import re
from typing import Any

from mkdocs.structure.files import Files
from mkdocs.structure.nav import Navigation, Section
from mkdocs.structure.pages import Page
from mkdocs.utils import get_relative_url

from generator.plan.model import Plan
from generator.shared import i18n
from generator.shared.i18n import _
from generator.shared.outline import page_paths
from generator.site.plantext import PlanText

# the shim Material's offline plugin loads from a CDN unless a polyfill names iframe-worker
CDN_WORKER_SHIM = "https://unpkg.com/iframe-worker/shim"
# the flowchart's level boxes, as D2 writes their links (generator/shared/flowchart.py)
_SVG_LEVEL_LINK = re.compile(r'((?:xlink:)?href)="\./levels/level-(\d+)\.html"')


def link_levels(content: str, page: Page, files: Files, prefix: str) -> str:
    """The flowchart's level boxes link to the level pages' real URLs, relative to this
    page: right in every theme and URL style, without JavaScript."""

    def link(m: re.Match[str]) -> str:
        level = files.get_file_from_path(f"{prefix}levels/level-{m.group(2)}.md")
        if level is None:
            return m.group()
        return f'{m.group(1)}="{html.escape(get_relative_url(level.url, page.url))}"'

    return _SVG_LEVEL_LINK.sub(link, content)


def fill_in_toc(toc: Any, texts: PlanText) -> None:
    """The table of contents' titles and anchors with the text in place of placeholders
    (themes print these titles as HTML)."""
    for item in _toc_entries(toc):
        item.title = texts.html(item.title)
        item.id = texts.html(item.id)


def _toc_entries(toc: Any) -> Any:
    """Every entry of a page's table of contents, depth first."""
    for item in toc:
        yield item
        yield from _toc_entries(item.children)


def in_plan_language(content: str, tag: str | None) -> str:
    """A runbook page's content marked with the plan's language where the host's differs
    (Material's instant navigation swaps the content, not the page's ``<html lang>``)."""
    return content if tag is None else f'<div lang="{html.escape(tag)}">\n{content}\n</div>'


_HTML_LANG = re.compile(r'(<html\b[^>]*?\blang=")[^"]*(")', re.IGNORECASE)


def html_lang(page: str, tag: str | None) -> str:
    """A runbook page of a host site with the plan's language on ``<html>`` (where the
    host's differs); the host's own pages are never touched."""
    if tag is None:
        return page
    return _HTML_LANG.sub(lambda m: m.group(1) + html.escape(tag) + m.group(2), page, count=1)


def asset_url(prefix: str, page_url: str, name: str) -> str:
    """The URL of one of the runbook's assets, relative to a page."""
    return get_relative_url(f"{prefix}assets/{name}", page_url)


def guest_content(content: str, page_url: str, prefix: str, tag: str | None) -> str:
    """A guest page's content with the runbook's stylesheet and script inside it (so
    Material's instant navigation loads them), in the plan's language (``tag``, where
    the host's differs)."""
    css = asset_url(prefix, page_url, "runbook.css")
    js = asset_url(prefix, page_url, "runbook.js")
    content = in_plan_language(content, tag)
    content = f'<link rel="stylesheet" href="{css}">\n{content}\n'
    return content + f'<script src="{js}"></script>'


def guest_page(output: str, page_url: str, prefix: str, tag: str | None) -> str:
    """A guest's written page: the vendored worker shim in place of the CDN's (its own
    pages only) and the plan's language on ``<html>``, where the host's differs (the
    host's pages keep theirs)."""
    shim = asset_url(prefix, page_url, "iframe-worker-shim.js")
    output = output.replace(f'"{CDN_WORKER_SHIM}"', f'"{shim}"')
    return html_lang(output, tag)


def runbook_order(nav: Navigation, prefix: str, plan: Plan, offline: bool) -> None:
    """In a nav MkDocs made from the files (the host has no ``nav:``), the runbook's
    section lists its pages in the runbook's order, its levels as "Severity levels"."""
    order = {prefix + path: i for i, (path, _) in enumerate(page_paths(plan, offline))}

    def rank(item: Any) -> int:
        if isinstance(item, Page):
            return order.get(item.file.src_uri, -1)
        firsts = [rank(child) for child in item.children]
        return min(firsts) if firsts else -1

    def visit(items: list[Any]) -> None:
        for item in items:
            if not isinstance(item, Section):
                continue
            pages = [child for child in item.children if rank(child) >= 0]
            if pages and len(pages) == len(item.children):
                item.children.sort(key=rank)
                if all(isinstance(c, Page) and "/levels/" in "/" + c.file.src_uri for c in pages):
                    with i18n.using(plan.plan.language):
                        item.title = _("Severity levels")
            visit(item.children)

    visit(nav.items)
    pages = list(_pages(nav.items))
    for before, page in zip([None, *pages], pages, strict=False):
        page.previous_page = before
        if before is not None:
            before.next_page = page
    if pages:
        pages[-1].next_page = None
    nav.pages = pages


def _pages(items: list[Any]) -> Any:
    for item in items:
        if isinstance(item, Page):
            yield item
        elif isinstance(item, Section):
            yield from _pages(item.children)
