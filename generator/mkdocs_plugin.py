"""The MkDocs plugin ``runbook``: adds the runbook's pages to a MkDocs site in memory.

Configured in ``mkdocs.yml``::

    plugins:
      - search
      - offline
      - runbook:
          plan: plans/example.yaml
          section: Crisis runbook   # a guest's pages go under this nav section (and folder)
          templates_dir: overrides  # optional: templates here override the defaults
          offline_copies: true      # optional: the PDF and the pocket cards too
          font_paths: [fonts]       # optional: folders of fonts for scripts Noto Sans lacks

``plans: plans/`` in place of ``plan:`` builds every plan of a folder under the
section, each under ``<plan file stem>/``, after a page to choose the plan. While a
saved plan is invalid, ``mkdocs serve`` serves the last valid version under a banner.

The hooks are here, with what joins the site to the printed copies (the site stage
does not print); the work is in ``generator/site/``: ``plan_hooks.py`` (one plan),
``folder_hooks.py`` (a folder), ``site_setup.py`` (the runbook's place in the site),
``page_hooks.py`` (each page), ``site_finish.py`` (the written site) and
``plugin_messages.py`` (what it tells people).
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from contextlib import contextmanager
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Any

from mkdocs.config import base
from mkdocs.config import config_options as c
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, CombinedEvent, event_priority
from mkdocs.structure.files import Files
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page

from generator.errors import PlanInvalid, RunbookError
from generator.plan.model import Plan
from generator.site import site_finish, site_setup
from generator.site.guest import runbook_order
from generator.site.page_hooks import PageHooks, PagePlan, page_plan, plan_lang
from generator.site.plan_hooks import PlanSite, PrintJob
from generator.site.plugin_messages import say, tell_print_warnings
from generator.site.plugin_options import SiteOptions
from generator.site.serving import serve_runbook

if TYPE_CHECKING:
    from generator.site.folder_hooks import FolderSite

FONT_HINT = "--font-path DIR (runbook build) or the plugin's font_paths option"


class RunbookConfig(base.Config):
    """Options of the ``runbook`` plugin."""

    plan = c.Type(str, default="plans/example.yaml")
    plans = c.Optional(c.Type(str))  # a folder of plans: one section per plan
    section = c.Optional(c.Type(str))
    templates_dir = c.Optional(c.Type(str))
    offline_copies = c.Type(bool, default=False)
    font_paths = c.ListOfItems(c.Type(str), default=[])
    standalone = c.Type(bool, default=False)


def _copy_paths(plan: Plan) -> list[str]:
    """Where a plan's offline copies go, relative to its section."""
    from generator.printing.copies import offline_paths

    return offline_paths(plan)


class RunbookPlugin(BasePlugin[RunbookConfig]):
    """Validate the plan, render its pages and add them to the site."""

    def __init__(self) -> None:
        self.one = PlanSite()  # a single plan (generator/site/plan_hooks.py)
        self.folder: FolderSite | None = None  # a folder of plans (generator/site/folder_hooks.py)
        self.pages = PageHooks()  # the runbook's pages, and their plan text put back
        self.started = 0.0
        self.first_build = True
        self.failure: RunbookError | None = None  # why this build failed, for its exit code
        self.print_warnings: list[str] = []  # Typst's font warnings (plugin_messages.py)
        self.log_print_warnings = True  # False: `runbook build` reports them itself
        self.plan_path = Path()
        self.templates_dir: str | None = None
        self.prefix = ""
        self.serving = False
        self.dirty = False  # serve rebuilds only the pages whose plan changed
        self.auto_nav = False  # the host has no nav: MkDocs lists files, we order ours

    @property
    def plan(self) -> Plan | None:
        """This build's plan (while serving, the last valid one); None for a folder."""
        return self.one.plan

    @property
    def handed_plan(self) -> Plan | None:
        """The plan `runbook build` checked and hands over, for the next build."""
        return self.one.handed

    @handed_plan.setter
    def handed_plan(self, plan: Plan | None) -> None:
        self.one.handed = plan

    @property
    def problems(self) -> PlanInvalid | None:
        """While serving, why the saved plan is invalid (its last valid version is served)."""
        return self.one.problems

    @problems.setter
    def problems(self, problems: PlanInvalid | None) -> None:
        self.one.problems = problems

    @property
    def options(self) -> SiteOptions:
        """This build's settings, as the helpers in ``generator/site/`` read them (serve
        prints the PDF and the cards too: they take a fraction of a second)."""
        mine = self.config
        settings = (self.prefix, self.templates_dir, bool(mine.offline_copies), self.serving)
        return SiteOptions(*settings, self.dirty, bool(mine.standalone), mine.section)

    def on_startup(self, *, command: str, dirty: bool) -> None:
        self.serving = command == "serve"
        self.dirty = dirty

    def on_pre_build(self, *, config: Any) -> None:
        self.started = time.perf_counter()

    def on_config(self, config: Any) -> Any:
        from generator.site.folder_hooks import folder_plans_of

        mine = self.config
        standalone = bool(mine.standalone)
        where = site_setup.locate(config, mine.plan, mine.templates_dir, mine.section, standalone)
        self.failure = None  # MkDocs keeps this object from build to build: start afresh
        self.print_warnings = []
        self.plan_path, self.templates_dir = where.plan_path, where.templates_dir
        self.prefix = where.prefix
        plans = folder_plans_of(where.root, mine.plans)
        if len(plans) == 1:
            self.plan_path = plans[0]  # one plan alone: built exactly as with `plan:`
        if len(plans) > 1:
            return self._configure_folder(config, where.root, plans)
        self.folder = None
        options = self.options
        nav = self.one.configure(config, self.plan_path, options)
        self.pages.texts = self.one.texts
        self.auto_nav = site_setup.place(config, nav, options)
        self.one.start(partial(self._printing, where.root) if options.offline else None)
        return config

    def _configure_folder(self, config: Any, root: Path, plans: list[Path]) -> Any:
        """``on_config`` for a folder of plans: each plan's section under the runbook's."""
        from generator.printing.site_copies import print_plan_copies
        from generator.site.folder_hooks import FolderSite

        self.one.plan = self.one.copies = None
        folder = self.folder = self.folder if self.folder is not None else FolderSite()
        options = self.options
        fonts = site_setup.font_folders(root, self.config.font_paths)
        printing = partial(print_plan_copies, font_paths=fonts, font_hint=FONT_HINT)
        nav = site_setup.configure_folder(folder, config, plans, options, printing)
        self.pages.texts = folder.texts
        self.auto_nav = site_setup.place(config, nav, options)
        return config

    def _printing(self, root: Path) -> PrintJob:
        """The print job of a plan's PDF and cards (run by ``PlanSite``, on a thread)."""
        from generator.printing.copies import offline_copies
        from generator.printing.engine import Printer

        fonts = site_setup.font_folders(root, self.config.font_paths)
        printer = Printer(fonts, font_hint=FONT_HINT)
        return lambda plan, chart: offline_copies(plan, "a4", chart, printer)

    @contextmanager
    def _runbook_errors(self) -> Iterator[None]:
        """Runbook's errors as MkDocs' (kept for the exit code); a folder stops printing."""
        try:
            yield
        except RunbookError as exc:
            self.failure = exc
            if self.folder is not None:
                self.folder.cancel()
            raise PluginError(str(exc)) from None

    def on_env(self, env: Any, /, *, config: Any, files: Files) -> Any:
        from generator.site.render import bytecode_cache

        env.bytecode_cache = env.bytecode_cache or bytecode_cache()
        with self._runbook_errors():  # every page is read; MkDocs writes the files next
            warnings = self.one.collect_copies()
        if warnings is not None:
            self._tell_print_warnings(warnings)
        return env

    def _tell_print_warnings(self, messages: list[str]) -> None:
        self.print_warnings = messages
        tell_print_warnings(messages, self.serving, self.log_print_warnings)

    def on_files(self, files: Files, /, *, config: Any) -> Files:
        with self._runbook_errors():
            if self.folder is None:
                self.pages.own = self.one.add_files(files, config, _copy_paths)
            else:
                try:
                    self.pages.own = self.folder.add_files(files, config, _copy_paths)
                except ValueError as exc:  # a page the site already has
                    self.folder.cancel()
                    raise site_setup.page_taken(str(exc)) from None
        site_setup.add_shared_files(files, config, self.options, self.plan)
        return files

    def _page(self, src_uri: str | None = None) -> PagePlan:
        return page_plan(src_uri, self.prefix, self.one, self.folder)

    def on_pre_page(self, page: Page, /, *, config: Any, files: Files) -> Page:
        if page.file.src_uri in self.pages.own:  # the sitemap's lastmod: the plan's date
            page.update_date = self._page(page.file.src_uri).date
        return page

    @event_priority(-100)  # after every other plugin's Markdown and HTML work on the page
    def on_page_content(self, content: str, /, *, page: Page, config: Any, files: Files) -> str:
        if page.file.src_uri not in self.pages.own:
            return content
        of, lang = self._page(page.file.src_uri), partial(plan_lang, self.plan, config)
        return self.pages.content(content, page, of, files, self.options, lang)

    @event_priority(100)  # before the search plugin: it reads the title as HTML
    def _title_as_text(self, context: Any, /, *, page: Page, config: Any, nav: Any) -> Any:
        if self.folder is not None:
            self.folder.show_nav_for(page.file.src_uri)
        self.pages.title_as_text(page)
        return context

    @event_priority(-100)  # after every other plugin: the theme prints the placeholder
    def _title_as_placeholder(self, context: Any, /, *, page: Page, config: Any, nav: Any) -> Any:
        self.pages.title_as_placeholder(page)
        return context

    on_page_context = CombinedEvent(_title_as_text, _title_as_placeholder)

    def on_post_page(self, output: str, /, *, page: Any, config: Any) -> str:
        of, lang = self._page(page.file.src_uri), partial(plan_lang, self.plan, config)
        return self.pages.written(output, page, of, self.options, lang)

    def on_post_template(self, output: str, /, *, template_name: str, config: Any) -> str:
        return self.pages.template(output, template_name, self.options, self._page())

    def on_nav(self, nav: Navigation, /, *, config: Any, files: Files) -> Navigation:
        if self.folder is not None:
            self.folder.arrange_nav(nav, files)
        if self.auto_nav and self.plan is not None:  # MkDocs listed the files by name
            runbook_order(nav, self.prefix, self.plan, self.options.offline)
        return nav

    def on_serve(self, server: Any, /, *, config: Any, builder: Any) -> Any:
        watched = self.folder.plans.folder if self.folder is not None else self.plan_path
        serve_runbook(server, watched, self.options)
        return server

    @event_priority(-50)  # after the search plugin writes its index, before Material's
    # offline plugin copies it into search_index.js
    def _search_index_as_text(self, *, config: Any) -> None:
        site_finish.search_index_as_text(Path(config.site_dir), self.pages.texts, self.folder)

    # last of every plugin's (Material's offline plugin writes its search index at -100),
    # so the service worker's list holds every file of the site
    @event_priority(-200)
    def _finish_site(self, *, config: Any) -> None:
        site_dir = Path(config.site_dir)
        copies = partial(self._write_folder_copies, site_dir)
        site_finish.finish_site(
            site_dir, config.site_url, self.options, copies, self.folder, self.plan, self.pages.urls
        )
        if self.serving and not self.first_build:
            say(f"Rebuilt in {time.perf_counter() - self.started:.1f} s")
        self.first_build = False

    on_post_build = CombinedEvent(_search_index_as_text, _finish_site)

    def _write_folder_copies(self, site_dir: Path) -> None:
        """A folder's copies, written now that every page is."""
        if self.folder is not None:
            with self._runbook_errors():
                self._tell_print_warnings(self.folder.write_copies(site_dir, say))

    def on_shutdown(self) -> None:
        if self.folder is not None:
            self.folder.shut_down()

    def on_build_error(self, *, error: Exception) -> None:
        if self.folder is not None:
            self.folder.cancel()
