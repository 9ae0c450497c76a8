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
section, each under ``<plan file stem>/``, after a page to choose the plan; the
plugin hands those hooks to ``generator/site/folder_hooks.py``.

Plain ``mkdocs build`` and ``mkdocs serve`` work. Serve re-reads the plan on
every rebuild; while a saved plan is invalid, it keeps serving the last valid
version under a banner that lists the problems (never in a built site).

Plan text reaches the pages as placeholders (``generator/site/plantext.py``): the
plugin puts the escaped text in after every Markdown extension and template plugin
of the host has run (``on_page_content``, late), in titles and the nav
(``on_post_page``, ``on_post_template``) and in the search index. A guest (no
``standalone``) touches nothing of the host outside its section: no environment
variable, no site-wide setting, no file at the top of the built site.
"""

from __future__ import annotations

import logging
import os
import re
import sys
import time
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

from mkdocs.config import base
from mkdocs.config import config_options as c
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, CombinedEvent, event_priority
from mkdocs.structure.files import File, Files
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page
from mkdocs.utils import get_relative_url

from generator.errors import PlanInvalid, RunbookError
from generator.plan.model import Plan
from generator.site.build import PLUGIN_LOGGER
from generator.site.plantext import PlanText

if TYPE_CHECKING:
    from concurrent.futures import Future

    from generator.printing.copies import PrintedCopies
    from generator.shared.flowchart import PendingFlowchart
    from generator.site.folder_hooks import FolderSite


class RunbookConfig(base.Config):
    """Options of the ``runbook`` plugin."""

    plan = c.Type(str, default="plans/example.yaml")
    plans = c.Optional(c.Type(str))  # a folder of plans: one section per plan
    section = c.Optional(c.Type(str))
    templates_dir = c.Optional(c.Type(str))
    offline_copies = c.Type(bool, default=False)
    font_paths = c.ListOfItems(c.Type(str), default=[])
    standalone = c.Type(bool, default=False)


log = logging.getLogger(PLUGIN_LOGGER)
# what the runbook's pages use; MkDocs always has toc and tables
MARKDOWN_EXTENSIONS = ("admonition", "attr_list", "md_in_html")
# the shim Material's offline plugin loads from a CDN unless a polyfill names iframe-worker
CDN_WORKER_SHIM = "https://unpkg.com/iframe-worker/shim"


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-") or "runbook"


class RunbookPlugin(BasePlugin[RunbookConfig]):
    """Validate the plan, render its pages and add them to the site."""

    def __init__(self) -> None:
        self.plan: Plan | None = None
        self.handed_plan: Plan | None = None  # `runbook build` hands over the plan it checked
        self.problems: PlanInvalid | None = None  # serve: the saved plan is invalid
        self.started = 0.0
        self.first_build = True
        self.flowchart: PendingFlowchart | None = None
        self.print_flowchart: PendingFlowchart | None = None
        self.copies: Future[PrintedCopies] | None = None  # the PDF and cards, being printed
        self.copy_files: dict[str, File] = {}
        self.failure: RunbookError | None = None  # why this build failed, for its exit code
        # Typst's font warnings. A MkDocs log warning (which --strict turns into a failed
        # build), unless `runbook build` reports them itself, as `runbook pdf` does.
        self.print_warnings: list[str] = []
        self.log_print_warnings = True
        self.own_pages: set[str] = set()
        self.plan_path = Path()
        self.templates_dir: str | None = None
        self.prefix = ""
        self.serving = False
        self.texts = PlanText()  # this build's placeholders for plan text
        self.page_date = ""  # the runbook's pages are dated by the plan (sitemap lastmod)
        self.auto_nav = False  # the host has no nav: MkDocs lists files, we order ours
        self.placeholder_title: str | None = None  # the title of the page being written
        self.urls: dict[str, str] = {}  # each runbook page's source path -> its URL
        self.folder: FolderSite | None = None  # a folder of plans (generator/site/folder_hooks.py)
        self.dirty = False  # serve rebuilds only the pages whose plan changed

    def on_startup(self, *, command: str, dirty: bool) -> None:
        self.serving = command == "serve"
        self.dirty = dirty

    def on_pre_build(self, *, config: Any) -> None:
        self.started = time.perf_counter()

    def _load(self) -> Plan:
        """This build's plan: the one handed over, else read from disk now. While serving,
        an invalid plan is reported and the last valid one is served instead."""
        from generator.plan.report import format_text
        from generator.plan.validate import load_plan_and_warnings

        if self.handed_plan is not None:  # `runbook build` prints the plan's warnings itself
            plan, self.handed_plan = self.handed_plan, None
            return plan
        try:
            plan, warnings = load_plan_and_warnings(_shown(self.plan_path))
        except PlanInvalid as exc:
            if not (self.serving and self.plan is not None):
                raise PluginError("\n" + format_text(exc.file, exc.diagnostics)) from None
            self.problems = exc
            _say(format_text(exc.file, exc.diagnostics, colour=sys.stderr.isatty()))
            _say("Still serving the last valid version")
            return self.plan
        except RunbookError as exc:
            if not (self.serving and self.plan is not None):
                raise PluginError(str(exc)) from None
            self.problems = PlanInvalid(str(self.plan_path), [])
            _say(f"runbook: {exc}\nStill serving the last valid version")
            return self.plan
        self.problems = None
        # the warnings `runbook validate` prints: MkDocs warnings (--strict fails on them)
        for line in format_text(_shown(self.plan_path), warnings).splitlines()[:-1]:
            if self.serving:
                _say(f"runbook: {line}")
            else:
                log.warning("runbook: %s", line)
        return plan

    @property
    def offline(self) -> bool:
        """Whether this build writes the PDF and the pocket cards (serve too: they take
        a fraction of a second)."""
        return bool(self.config.offline_copies)

    def on_config(self, config: Any) -> Any:
        from generator.plan.status import source_date_epoch
        from generator.site.build import PLAN_ENV

        if not self.config.standalone and not self.config.section:
            # without a section a guest's index.md would take the host's home page
            raise PluginError(
                "runbook: a guest in a site needs a section: add `section: Crisis runbook` "
                "under `- runbook:` in mkdocs.yml (its pages go under that nav section and "
                "folder), or `standalone: true` if the runbook is the whole site"
            )

        self.failure = None  # MkDocs keeps this object from build to build: start afresh
        self.print_warnings = []
        root = Path(config.config_file_path or ".").resolve().parent
        self.plan_path = (root / os.environ.get(PLAN_ENV, self.config.plan)).resolve()
        td = self.config.templates_dir
        self.templates_dir = str((root / td).resolve()) if td else None
        section = self.config.section
        self.prefix = f"{_slug(section)}/" if section else ""
        from generator.site.folder_hooks import folder_plans_of

        plans = folder_plans_of(root, self.config.plans)
        if len(plans) == 1:
            self.plan_path = plans[0]  # one plan alone: built exactly as with `plan:`
        if len(plans) > 1:
            return self._configure_folder(config, root, plans)
        self.folder = None
        self.plan = plan = self._load()
        # Reproducible output without touching the environment: the runbook's pages carry
        # the plan's review date (on_pre_page), which is what the sitemap shows for them.
        epoch = int(source_date_epoch(plan))
        self.page_date = time.strftime("%Y-%m-%d", time.gmtime(epoch))
        from generator.site.render import site_nav, site_title

        self.texts = PlanText()
        nav = site_nav(plan, self.prefix, offline=self.offline, texts=self.texts)
        if self.config.standalone:  # the runbook is the whole site: its name and language
            config.site_name = site_title(plan)
            from generator.site.languages import follow_plan_language

            follow_plan_language(config, plan.plan.language)  # Material's and search's
        self._place(config, nav)

        from generator.shared.flowchart import start_flowchart

        self.flowchart = start_flowchart(plan)  # D2 draws while MkDocs loads the theme
        self.print_flowchart = start_flowchart(plan, for_print=True) if self.offline else None
        self.copies = self._start_printing(plan, root) if self.offline else None
        return config

    def _place(self, config: Any, nav: list[Any]) -> None:
        """The runbook's nav and style in the site, the Markdown extensions its pages need,
        and the vendored worker shim."""
        self.auto_nav = False
        if self.config.standalone:  # the runbook is the whole site: nav, every page's style
            if config.nav is None:
                config.nav = nav
            config.extra_css.append(f"{self.prefix}assets/runbook.css")
            config.extra_javascript.append(f"{self.prefix}assets/runbook.js")
        elif config.nav is not None:  # a guest: one section of the host's nav, nothing else
            config.nav.append({self.config.section: nav})
        else:
            self.auto_nav = True
        missing = [e for e in MARKDOWN_EXTENSIONS if e not in config.markdown_extensions]
        if missing:
            config.markdown_extensions.extend(missing)
            log.info(
                "runbook: enabled the Markdown extensions %s, which the runbook's pages need",
                ", ".join(missing),
            )
        plugins = set(config.plugins)
        if self.config.standalone and plugins & {"offline", "material/offline"}:
            # Material's offline plugin loads its worker shim from a CDN unless a
            # polyfill named iframe-worker is configured: use the vendored copy.
            # (A guest swaps the CDN's shim on its own pages only: on_post_page.)
            extra = config.extra.get("polyfills", [])
            polyfills = [p for p in extra if "iframe-worker" not in str(p)]
            config.extra["polyfills"] = [*polyfills, f"{self.prefix}assets/iframe-worker-shim.js"]

    def _fonts(self, root: Path) -> tuple[str, ...]:
        fonts = tuple(str(root / folder) for folder in self.config.font_paths)
        missing = [folder for folder in fonts if not Path(folder).is_dir()]
        if missing:
            raise PluginError(f"runbook: font_paths: {missing[0]} is not a folder")
        return fonts

    def _configure_folder(self, config: Any, root: Path, plans: list[Path]) -> Any:
        """``on_config`` for a folder of plans: each plan's section under the runbook's."""
        from functools import partial

        from generator.plan.report import format_text
        from generator.printing.site_copies import print_plan_copies
        from generator.site.folder_hooks import FolderOptions, FolderSite

        self.plan = self.copies = None
        folder = self.folder if self.folder is not None else FolderSite()
        self.folder = folder
        options = FolderOptions(
            self.prefix, self.templates_dir, self.offline, self.serving, self.dirty
        )
        hint = "--font-path DIR (runbook build) or the plugin's font_paths option"
        printing = partial(print_plan_copies, font_paths=self._fonts(root), font_hint=hint)
        try:
            nav, warnings, reports = folder.configure(plans[0].parent, plans, options, printing)
        except PlanInvalid as exc:
            raise PluginError("\n" + format_text(exc.file, exc.diagnostics)) from None
        except RunbookError as exc:
            raise PluginError(str(exc)) from None
        for line in warnings:
            if self.serving:
                _say(f"runbook: {line}")
            else:
                log.warning("runbook: %s", line)
        for report in reports:
            _say(report)
            _say("Still serving the last valid version")
        self.texts = folder.texts
        if self.config.standalone:  # the plans' language, when they share one
            from generator.site.languages import follow_plan_language

            follow_plan_language(config, folder.plans.language())
        self._place(config, nav)
        return config

    def _start_printing(self, plan: Plan, root: Path) -> Future[PrintedCopies]:
        """Print the PDF and the cards on a thread while MkDocs renders the pages: Typst
        lets go of the GIL while it lays out, so on two cores the copies cost little time.
        ``on_env`` collects them, before MkDocs writes any file."""
        from concurrent.futures import ThreadPoolExecutor

        from generator.printing.copies import offline_copies
        from generator.printing.engine import Printer

        assert self.print_flowchart is not None
        chart = self.print_flowchart
        fonts = self._fonts(root)
        hint = "--font-path DIR (runbook build) or the plugin's font_paths option"
        printer = Printer(fonts, font_hint=hint)
        pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="runbook-print")
        future = pool.submit(offline_copies, plan, "a4", chart.result, printer)
        pool.shutdown(wait=False)  # the thread ends with the job; on_env waits for it
        return future

    def on_env(self, env: Any, /, *, config: Any, files: Files) -> Any:
        from generator.site.render import bytecode_cache

        env.bytecode_cache = env.bytecode_cache or bytecode_cache()
        if self.copies is not None:  # every page is read; MkDocs writes the files next
            try:
                copies = self.copies.result()
            except RunbookError as exc:
                self.failure = exc
                raise PluginError(str(exc)) from None
            finally:
                self.copies = None
            for path, file in self.copy_files.items():
                file.content_bytes = copies.files[path]
            self._tell_print_warnings(list(copies.warnings))
        return env

    def _tell_print_warnings(self, messages: list[str]) -> None:
        self.print_warnings = messages
        for message in messages:
            if self.serving:  # for the person editing, who can act on it now
                _say(f"runbook: warning: {message}")
            elif self.log_print_warnings:
                log.warning("runbook: %s", message)  # an empty box in print is a defect

    def on_files(self, files: Files, /, *, config: Any) -> Files:
        if self.folder is not None:
            self._folder_files(files, config)
        else:
            self._plan_files(files, config)
        self._shared_files(files, config)
        return files

    def _folder_files(self, files: Files, config: Any) -> None:
        from generator.printing.copies import offline_paths

        assert self.folder is not None
        try:
            self.own_pages = self.folder.add_files(files, config, offline_paths)
        except RunbookError as exc:
            self.failure = exc
            self.folder.cancel()
            raise PluginError(str(exc)) from None
        except ValueError as exc:
            self.folder.cancel()
            raise PluginError(
                f"runbook: the site already has {exc}; the runbook will not replace a "
                "page it did not make. Choose another `section:` for the runbook"
            ) from None

    def _plan_files(self, files: Files, config: Any) -> None:
        from generator.site.render import render_opaque

        assert self.plan is not None and self.flowchart is not None
        try:
            svg = self.flowchart.result()
            pages, _ = render_opaque(
                self.plan, svg, self.templates_dir, offline=self.offline, texts=self.texts
            )
        except RunbookError as exc:
            self.failure = exc
            raise PluginError(str(exc)) from None
        if self.copies is not None:  # filled in by on_env, once printed
            from generator.printing.copies import offline_paths

            self.copy_files = {
                path: File.generated(config, self.prefix + path, content=b"")
                for path in offline_paths(self.plan)
            }
            for file in self.copy_files.values():
                files.append(file)
        self.own_pages = {self.prefix + path for path in pages}
        taken = sorted(path for path in self.own_pages if files.get_file_from_path(path))
        if taken:
            raise PluginError(
                f"runbook: the site already has {taken[0]}; the runbook will not replace a "
                "page it did not make. Choose another `section:` for the runbook"
            )
        for path, markdown in pages.items():
            files.append(File.generated(config, self.prefix + path, content=markdown))

    def _shared_files(self, files: Files, config: Any) -> None:
        """The assets, the web app's manifest and icon, the schema and robots.txt."""
        from generator.shared.resources import read_template_bytes
        from generator.site.render import ASSETS

        for name in ASSETS:
            content = read_template_bytes("assets", name)
            files.append(File.generated(config, f"{self.prefix}assets/{name}", content=content))
        if self.installable:
            from generator.site.offline import ICON, MANIFEST, icon_svg, manifest
            from generator.site.render import site_title

            name = site_title(self.plan) if self.plan is not None else config.site_name
            files.append(File.generated(config, MANIFEST, content=manifest(name, name)))
            files.append(File.generated(config, ICON, content=icon_svg()))
        from generator.plan.schema import SCHEMA_PATH, schema_text

        # the plan format's schema, at a stable address editors and CI can point at
        files.append(File.generated(config, self.prefix + SCHEMA_PATH, content=schema_text()))
        if self.config.standalone and files.get_file_from_path("robots.txt") is None:
            from generator.site.unlisted import ROBOTS_TXT

            # the whole site is the runbook: no crawler may index it (a guest writes none)
            files.append(File.generated(config, "robots.txt", content=ROBOTS_TXT))

    def on_pre_page(self, page: Page, /, *, config: Any, files: Files) -> Page:
        if page.file.src_uri in self.own_pages:
            page.update_date = self.page_date  # the sitemap's lastmod: the plan's review date
            if self.folder is not None:
                page.update_date = self.folder.page_date(page.file.src_uri) or page.update_date
        return page

    @event_priority(-100)  # after every other plugin's Markdown and HTML work on the page
    def on_page_content(self, content: str, /, *, page: Page, config: Any, files: Files) -> str:
        if page.file.src_uri not in self.own_pages:
            return content
        from generator.site import guest

        content = self.texts.html(content)
        prefix = self.prefix
        if self.folder is not None:
            unit = self.folder.unit_for(page.file.src_uri)
            prefix = unit.prefix if unit is not None else prefix
        if page.file.src_uri == prefix + "triage.md":
            content = guest.link_levels(content, page, files, prefix)
        guest.fill_in_toc(page.toc, self.texts)  # the search index reads it next
        if not self.config.standalone:  # inside the content, so instant navigation loads them
            css = self._asset(page.url, "runbook.css")
            js = self._asset(page.url, "runbook.js")
            content = guest.in_plan_language(content, self._plan_lang(config))
            content = f'<link rel="stylesheet" href="{css}">\n{content}\n'
            content += f'<script src="{js}"></script>'
        return content

    # A title that holds plan text is a placeholder until the page is written: themes print
    # it raw or through `striptags`, which would unescape it. The search index, though,
    # reads the title as HTML: it gets the escaped text, and the theme the placeholder.
    @event_priority(100)  # before the search plugin
    def _title_as_text(self, context: Any, /, *, page: Page, config: Any, nav: Any) -> Any:
        if self.folder is not None:
            self.folder.show_nav_for(page.file.src_uri)
        title = page.title or ""
        if self.texts.has(title):
            self.placeholder_title = title
            setattr(page, "title", self.texts.html(title))  # noqa: B010 (a weak property)
        return context

    @event_priority(-100)  # after every other plugin
    def _title_as_placeholder(self, context: Any, /, *, page: Page, config: Any, nav: Any) -> Any:
        if self.placeholder_title is not None:
            setattr(page, "title", self.placeholder_title)  # noqa: B010
            self.placeholder_title = None
        return context

    on_page_context = CombinedEvent(_title_as_text, _title_as_placeholder)

    @property
    def installable(self) -> bool:
        """Whether the site installs on a phone and works offline: a built site that is the
        runbook alone (a host's site is the host's to make so; `serve` is for editing)."""
        return bool(self.config.standalone) and not self.serving

    def on_post_page(self, output: str, /, *, page: Any, config: Any) -> str:
        from generator.site.unlisted import mark_unlisted

        if page.file.src_uri in self.own_pages:
            self.urls[page.file.src_uri.removeprefix(self.prefix)] = page.url
        output = self.texts.html(output)  # nav titles: on every page of the site
        if self.installable:
            from generator.site.offline import with_manifest

            output = with_manifest(output, page.url)
        guest_page = not self.config.standalone and page.file.src_uri in self.own_pages
        if guest_page:
            shim = self._asset(page.url, "iframe-worker-shim.js")
            output = output.replace(f'"{CDN_WORKER_SHIM}"', f'"{shim}"')  # its own pages only
            from generator.site.guest import html_lang

            output = html_lang(output, self._plan_lang(config))  # the host's pages keep theirs
        if self.config.standalone or guest_page:  # and keeps the host's out of search alone
            output = mark_unlisted(output, self._classification(page.file.src_uri))
        problems = self.problems
        if self.folder is not None:
            unit = self.folder.unit_for(page.file.src_uri)
            problems = unit.problems if unit is not None else None
        if not (self.serving and problems is not None):
            return output
        banner = _banner(problems)
        return re.sub(r"(<body[^>]*>)", lambda m: m.group(1) + banner, output, count=1)

    def _plan_lang(self, config: Any) -> str | None:
        """The plan's language tag where a guest's pages must say it (the host's theme
        speaks another), else None."""
        tag = self.plan.plan.language if self.plan is not None else "en"
        host = str(config.theme.get("language") or "en")
        return None if tag.split("-")[0].lower() == host.split("-")[0].lower() else tag

    def on_post_template(self, output: str, /, *, template_name: str, config: Any) -> str:
        from generator.site.unlisted import mark_unlisted

        output = self.texts.html(output)  # the 404 page's nav
        if not self.config.standalone:
            return output  # the host's 404 page and sitemap are the host's
        if template_name == "sitemap.xml":
            return ""  # MkDocs writes no sitemap: a runbook lists its pages for no crawler
        if template_name.endswith(".html"):  # the 404 page
            output = mark_unlisted(output, self._classification())
        return output

    def _classification(self, src_uri: str | None = None) -> str | None:
        if self.folder is not None:
            return self.folder.classification(src_uri)
        return self.plan.plan.classification if self.plan is not None else None

    def _asset(self, page_url: str, name: str) -> str:
        return get_relative_url(f"{self.prefix}assets/{name}", page_url)

    def on_nav(self, nav: Navigation, /, *, config: Any, files: Files) -> Navigation:
        if self.folder is not None:
            self.folder.arrange_nav(nav, files)
        if self.auto_nav and self.plan is not None:  # MkDocs listed the files by name
            from generator.site.guest import runbook_order

            runbook_order(nav, self.prefix, self.plan, self.offline)
        return nav

    def on_serve(self, server: Any, /, *, config: Any, builder: Any) -> Any:
        from generator.site.serving import guard_server

        guard_server(server)  # no DNS rebinding: only requests for this address are answered
        watched = self.folder.plans.folder if self.folder is not None else self.plan_path
        server.watch(str(watched))
        if self.templates_dir:
            server.watch(self.templates_dir)
        url = server.url.rstrip("/") + "/" + self.prefix
        _say(f"Serving the runbook for {_shown(watched)} on {url} (Ctrl+C to stop)")
        return server

    @event_priority(-50)  # after the search plugin writes its index, before Material's
    # offline plugin copies it into search_index.js
    def _search_index_as_text(self, *, config: Any) -> None:
        index = Path(config.site_dir) / "search" / "search_index.json"
        if index.is_file():  # a title that reached the index some other way (a tags page)
            text = index.read_text("utf-8")
            if self.folder is not None:  # and each hit says which plan it is in
                index.write_text(self.folder.search_index(text), "utf-8")
            elif self.texts.has(text):
                index.write_text(self.texts.json(text), "utf-8")

    # last of every plugin's (Material's offline plugin writes its search index at -100),
    # so the service worker's list holds every file of the site
    @event_priority(-200)
    def _finish_site(self, *, config: Any) -> None:
        from generator.files import OUTPUT_MARKER, OUTPUT_MARKER_TEXT

        if self.config.standalone:
            # marks the folder as runbook's, so `runbook build` may replace it later (a
            # guest writes nothing outside its section)
            (Path(config.site_dir) / OUTPUT_MARKER).write_text(OUTPUT_MARKER_TEXT)
        if self.folder is not None:
            self._finish_folder(config)
        if self.config.standalone and self.plan is not None:
            from generator.site.not_found import rewrite_not_found_page
            from generator.site.render import render_not_found

            content = render_not_found(self.plan, self.urls, self.templates_dir)
            root = urlsplit(config.site_url or "").path or "/"
            rewrite_not_found_page(Path(config.site_dir) / "404.html", content, root)
        if self.installable:
            from generator.site.offline import write_service_worker

            write_service_worker(Path(config.site_dir))  # last: it lists every file written
        if self.serving and not self.first_build:
            _say(f"Rebuilt in {time.perf_counter() - self.started:.1f} s")
        self.first_build = False

    on_post_build = CombinedEvent(_search_index_as_text, _finish_site)

    def _finish_folder(self, config: Any) -> None:
        """A folder's copies, written now that every page is, and its 404 page."""
        assert self.folder is not None
        try:
            self._tell_print_warnings(self.folder.write_copies(Path(config.site_dir), _say))
        except RunbookError as exc:
            self.failure = exc
            self.folder.cancel()
            raise PluginError(str(exc)) from None
        if self.config.standalone:
            from generator.site.not_found import rewrite_not_found_page

            root = urlsplit(config.site_url or "").path or "/"
            page = Path(config.site_dir) / "404.html"
            rewrite_not_found_page(page, self.folder.not_found(), root)

    def on_shutdown(self) -> None:
        if self.folder is not None:
            self.folder.shut_down()

    def on_build_error(self, *, error: Exception) -> None:
        if self.folder is not None:
            self.folder.cancel()


def _banner(problems: PlanInvalid) -> str:
    """The served pages' warning while the saved plan is invalid (HTML, escaped, with
    hidden characters shown as the other outputs show them)."""
    from generator.shared import escape

    errors = [d for d in problems.diagnostics if d.severity == "error"]
    items = "".join(f"<li>{escape.html(str(d))}</li>" for d in errors[:5])
    more = f"<p>and {len(errors) - 5} more.</p>" if len(errors) > 5 else ""
    count = f"{len(errors)} error{'s' if len(errors) != 1 else ''}" if errors else "a problem"
    return (
        '<div class="runbook-invalid" role="alert" style="background:#b00020;color:#fff;'
        'padding:.8rem 1rem;font:16px/1.4 sans-serif;position:relative;z-index:10">'
        f"<strong>The saved plan has {count}; showing the last valid version.</strong>"
        f"<ul>{items}</ul>{more}<p>Fix the plan and save: this page reloads by itself.</p>"
        "</div>"
    )


def _say(text: str) -> None:
    """A line for the person running ``serve`` (MkDocs' own chatter is hidden)."""
    print(text, file=sys.stderr, flush=True)


def _shown(path: Path) -> str:
    """The plan's path as the person typed it: relative to here where it can be."""
    try:
        return str(path.relative_to(Path.cwd()))
    except ValueError:
        return str(path)
