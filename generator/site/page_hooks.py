"""What the MkDocs plugin does to each page as MkDocs renders and writes it.

Plan text reaches a page as placeholders (``plantext.py``). ``PageHooks`` puts the
escaped text in their place after every Markdown extension and template plugin of the
host has run: in the runbook's content and table of contents (``on_page_content``,
late), in a title around the search plugin (``on_page_context``), in the nav of every
written page and the 404 page (``on_post_page``, ``on_post_template``). A written page
of the runbook is marked unlisted (``unlisted.py``), a guest's own pages are finished
(``guest.py``), and while serving an invalid save's banner is shown.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page

from generator.errors import PlanInvalid
from generator.plan.model import Plan
from generator.site import guest
from generator.site.plantext import PlanText
from generator.site.plugin_messages import with_banner
from generator.site.plugin_options import SiteOptions
from generator.site.unlisted import mark_unlisted

if TYPE_CHECKING:
    from generator.site.folder_hooks import FolderSite
    from generator.site.plan_hooks import PlanSite


@dataclass(frozen=True)
class PagePlan:
    """What a page needs of its plan (of a folder's, the page's own)."""

    prefix: str  # where the plan's pages are
    problems: PlanInvalid | None  # serve: why its saved file is invalid
    classification: str | None  # what the page's title carries
    date: str  # the sitemap's lastmod: the plan's review date


def page_plan(
    src_uri: str | None, prefix: str, one: PlanSite, folder: FolderSite | None
) -> PagePlan:
    """The plan of a page (``src_uri``; None for the 404 page, whose title carries every
    plan's classification) in the site of ``one`` plan, or of a ``folder``'s."""
    plan = one.plan
    if folder is None:
        classification = plan.plan.classification if plan is not None else None
        return PagePlan(prefix, one.problems, classification, one.page_date)
    unit = folder.unit_for(src_uri) if src_uri is not None else None
    date = (folder.page_date(src_uri) if src_uri is not None else None) or one.page_date
    classification = folder.classification(src_uri)
    if unit is None:
        return PagePlan(prefix, None, classification, date)
    return PagePlan(unit.prefix, unit.problems, classification, date)


def plan_lang(plan: Plan | None, config: Any) -> str | None:
    """The plan's language tag where a guest's pages must say it (the host's theme
    speaks another), else None."""
    tag = plan.plan.language if plan is not None else "en"
    host = str(config.theme.get("language") or "en")
    return None if tag.split("-")[0].lower() == host.split("-")[0].lower() else tag


# a guest page's language: the plan's tag where the host's theme speaks another, else None
Lang = Callable[[], str | None]


class PageHooks:
    """The runbook's pages of a build and the plan text put back into them."""

    def __init__(self) -> None:
        self.texts = PlanText()  # this build's placeholders for plan text
        self.own: set[str] = set()  # the runbook's pages (source paths)
        self.urls: dict[str, str] = {}  # each runbook page's source path -> its URL
        self.placeholder_title: str | None = None  # the title of the page being written

    def content(
        self, content: str, page: Page, of: PagePlan, files: Files, options: SiteOptions, lang: Lang
    ) -> str:
        """A runbook page's HTML with plan text in place (``of``: its plan) and, for a
        guest, the runbook's style and script inside, in the plan's language."""
        content = self.texts.html(content)
        if page.file.src_uri == of.prefix + "triage.md":
            content = guest.link_levels(content, page, files, of.prefix)
        guest.fill_in_toc(page.toc, self.texts)  # the search index reads it next
        if not options.standalone:  # inside the content, so instant navigation loads them
            content = guest.guest_content(content, page.url, options.prefix, lang())
        return content

    # A title that holds plan text is a placeholder until the page is written: themes print
    # it raw or through `striptags`, which would unescape it. The search index, though,
    # reads the title as HTML: it gets the escaped text, and the theme the placeholder.

    def title_as_text(self, page: Page) -> None:
        """Before the search plugin: the page's title as escaped text."""
        title = page.title or ""
        if self.texts.has(title):
            self.placeholder_title = title
            setattr(page, "title", self.texts.html(title))  # noqa: B010 (a weak property)

    def title_as_placeholder(self, page: Page) -> None:
        """After every other plugin: the page's title as its placeholder again."""
        if self.placeholder_title is not None:
            setattr(page, "title", self.placeholder_title)  # noqa: B010
            self.placeholder_title = None

    def written(
        self, output: str, page: Any, of: PagePlan, options: SiteOptions, lang: Lang
    ) -> str:
        """A page as it is written: plan text in the nav on every page of the site, the
        manifest of an installable site, a guest's own pages finished, the runbook's
        pages marked unlisted with their plan's classification and, while serving, the
        banner of an invalid save."""
        prefix, own = options.prefix, page.file.src_uri in self.own
        if own:
            self.urls[page.file.src_uri.removeprefix(prefix)] = page.url
        output = self.texts.html(output)  # nav titles: on every page of the site
        if options.installable:
            from generator.site.offline import with_manifest

            output = with_manifest(output, page.url)
        guest_page = not options.standalone and own
        if guest_page:  # the shim and language of its own pages only: the host's keep theirs
            output = guest.guest_page(output, page.url, prefix, lang())
        if options.standalone or guest_page:  # and keeps the host's out of search alone
            output = mark_unlisted(output, of.classification)
        if not (options.serving and of.problems is not None):
            return output
        return with_banner(output, of.problems)

    def template(self, output: str, template_name: str, options: SiteOptions, of: PagePlan) -> str:
        """A page made from a template alone: the 404 page's nav; a standalone site's
        404 page is unlisted and its sitemap empty (no crawler is told of a page)."""
        output = self.texts.html(output)  # the 404 page's nav
        if not options.standalone:
            return output  # the host's 404 page and sitemap are the host's
        if template_name == "sitemap.xml":
            return ""  # MkDocs writes no sitemap: a runbook lists its pages for no crawler
        if template_name.endswith(".html"):  # the 404 page
            output = mark_unlisted(output, of.classification)
        return output
