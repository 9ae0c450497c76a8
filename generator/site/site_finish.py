"""The built site finished by the MkDocs plugin once MkDocs has written it
(``on_post_build``): plan text in the search index, the marker that makes the folder
the runbook's output, the 404 page that works at any address, and the service worker,
written last, which lists every file of the site."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

from generator.plan.model import Plan
from generator.site.plantext import PlanText
from generator.site.plugin_options import SiteOptions

if TYPE_CHECKING:
    from generator.site.folder_hooks import FolderSite


def finish_site(
    site_dir: Path,
    site_url: str | None,
    options: SiteOptions,
    write_copies: Callable[[], None],
    folder: FolderSite | None,
    plan: Plan | None,
    urls: dict[str, str],
) -> None:
    """Finish the written site: a standalone site's marker, the copies a folder's plans
    print while MkDocs writes (``write_copies``), a standalone site's 404 page (the
    ``folder``'s, else the ``plan``'s; ``urls``: each runbook page's source path -> its
    URL) and last, as it lists every file, an installable site's service worker."""
    if options.standalone:  # a guest writes nothing outside its section
        mark_as_runbook_output(site_dir)
    write_copies()
    if options.standalone:
        content = not_found_content(folder, plan, urls, options.templates_dir)
        write_not_found(site_dir, site_url, content)
    if options.installable:
        from generator.site.offline import write_service_worker

        write_service_worker(site_dir)  # last: it lists every file written


def search_index_as_text(site_dir: Path, texts: PlanText, folder: FolderSite | None) -> None:
    """The search index with the escaped plan text in place of a placeholder (a title
    can reach it some other way: a tags page) and, for a folder, each hit labelled by
    its plan."""
    index = site_dir / "search" / "search_index.json"
    if index.is_file():
        text = index.read_text("utf-8")
        if folder is not None:
            index.write_text(folder.search_index(text), "utf-8")
        elif texts.has(text):
            index.write_text(texts.json(text), "utf-8")


def mark_as_runbook_output(site_dir: Path) -> None:
    """Mark a standalone site's folder as runbook's, so ``runbook build`` may replace it
    later (a guest writes nothing outside its section)."""
    from generator.files import OUTPUT_MARKER, OUTPUT_MARKER_TEXT

    (site_dir / OUTPUT_MARKER).write_text(OUTPUT_MARKER_TEXT)


def not_found_content(
    folder: FolderSite | None, plan: Plan | None, urls: dict[str, str], templates_dir: str | None
) -> str | None:
    """The 404 page's content: the folder's, else the plan's (``urls``: each runbook
    page's source path -> its URL); None without either."""
    if folder is not None:
        return folder.not_found()
    if plan is None:
        return None
    from generator.site.render import render_not_found

    return render_not_found(plan, urls, templates_dir)


def write_not_found(site_dir: Path, site_url: str | None, content: str | None) -> None:
    """Rewrite the 404 page with ``content``, to work at any address under the path of
    ``site_url`` (nothing without content)."""
    if content is None:
        return
    from generator.site.not_found import rewrite_not_found_page

    root = urlsplit(site_url or "").path or "/"
    rewrite_not_found_page(site_dir / "404.html", content, root)
