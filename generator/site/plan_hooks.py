"""What the MkDocs plugin does for one plan (``plan:``), hook by hook.

The plugin (``generator/mkdocs_plugin.py``) hands these hooks to ``PlanSite`` unless
its ``plans`` folder holds more than one plan (``folder_hooks.py``). ``PlanSite`` keeps
the plan from build to build: while serving, an invalid save is reported and the last
valid plan is served. The flowchart is drawn while MkDocs loads the theme. Printing is
handed in as a function (the site stage does not print): the copies are printed on a
thread while MkDocs renders the pages, listed as empty files in ``on_files`` and filled
in (``collect_copies``) before MkDocs writes any file.
"""

from __future__ import annotations

import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, Files

from generator.errors import PlanInvalid, RunbookError
from generator.plan.model import Plan
from generator.site.plan_units import shown
from generator.site.plantext import PlanText
from generator.site.plugin_messages import say, tell_plan_warnings
from generator.site.plugin_options import SiteOptions

if TYPE_CHECKING:
    from concurrent.futures import Future

    from generator.shared.flowchart import PendingFlowchart

# prints a plan's copies with its flowchart drawn for print: -> PrintedCopies (files, warnings)
PrintJob = Callable[[Plan, Callable[[], str]], Any]


class PlanSite:
    """The plugin's state for one plan, kept from build to build while serving."""

    def __init__(self) -> None:
        self.plan: Plan | None = None  # this build's plan (serve: the last valid one)
        self.handed: Plan | None = None  # `runbook build` hands over the plan it checked
        self.problems: PlanInvalid | None = None  # serve: the saved plan is invalid
        self.page_date = ""  # the runbook's pages are dated by the plan (sitemap lastmod)
        self.flowchart: PendingFlowchart | None = None
        self.copies: Future[Any] | None = None  # the PDF and cards, being printed
        self.copy_files: dict[str, File] = {}
        self.options = SiteOptions("", None, False, False)
        self.texts = PlanText()  # this build's placeholders for plan text

    # -- on_config --------------------------------------------------------------------

    def load(self, path: Path, serving: bool) -> Plan:
        """This build's plan: the one handed over, else read from disk now. While serving,
        an invalid plan is reported and the last valid one is served instead."""
        from generator.plan.report import format_text
        from generator.plan.validate import load_plan_and_warnings

        if self.handed is not None:  # `runbook build` prints the plan's warnings itself
            plan, self.handed = self.handed, None
            return plan
        try:
            plan, warnings = load_plan_and_warnings(shown(path))
        except PlanInvalid as exc:
            if not (serving and self.plan is not None):
                raise PluginError("\n" + format_text(exc.file, exc.diagnostics)) from None
            self.problems = exc
            say(format_text(exc.file, exc.diagnostics, colour=sys.stderr.isatty()))
            say("Still serving the last valid version")
            return self.plan
        except RunbookError as exc:
            if not (serving and self.plan is not None):
                raise PluginError(str(exc)) from None
            self.problems = PlanInvalid(str(path), [])
            say(f"runbook: {exc}\nStill serving the last valid version")
            return self.plan
        self.problems = None
        # the warnings `runbook validate` prints: MkDocs warnings (--strict fails on them)
        tell_plan_warnings(format_text(shown(path), warnings).splitlines()[:-1], serving)
        return plan

    def configure(self, config: Any, path: Path, options: SiteOptions) -> list[Any]:
        """Load the plan and date its pages; the runbook's nav (its plan text in this
        build's ``texts``). A standalone site takes the plan's title and language."""
        from generator.plan.status import source_date_epoch
        from generator.site.render import site_nav, site_title

        self.plan = plan = self.load(path, options.serving)
        # Reproducible output without touching the environment: the runbook's pages carry
        # the plan's review date (on_pre_page), which is what the sitemap shows for them.
        epoch = int(source_date_epoch(plan))
        self.page_date = time.strftime("%Y-%m-%d", time.gmtime(epoch))
        self.options, self.texts = options, PlanText()
        nav = site_nav(plan, options.prefix, offline=options.offline, texts=self.texts)
        if options.standalone:  # the runbook is the whole site: its name and language
            config.site_name = site_title(plan)
            from generator.site.languages import follow_plan_language

            follow_plan_language(config, plan.plan.language)  # Material's and search's
        return nav

    def start(self, printing: Callable[[], PrintJob] | None) -> None:
        """Start drawing the flowchart (D2 draws while MkDocs loads the theme) and, with
        ``printing`` (which makes the print job), printing the copies on a thread while
        MkDocs renders the pages: Typst lets go of the GIL while it lays out, so on two
        cores the copies cost little time. ``collect_copies`` waits for them."""
        from concurrent.futures import ThreadPoolExecutor

        from generator.shared.flowchart import start_flowchart

        assert self.plan is not None
        self.flowchart = start_flowchart(self.plan)
        if printing is None:
            self.copies = None
            return
        chart = start_flowchart(self.plan, for_print=True)
        job = printing()
        pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="runbook-print")
        self.copies = pool.submit(job, self.plan, chart.result)
        pool.shutdown(wait=False)  # the thread ends with the job; collect_copies waits

    # -- on_files, on_env -------------------------------------------------------------

    def add_files(
        self, files: Files, config: Any, offline_paths: Callable[[Plan], list[str]]
    ) -> set[str]:
        """Add the plan's pages, and its copies as empty files while they are printed;
        the paths of the pages. Raises a rendering ``RunbookError``, and a
        ``PluginError`` when the site already has one of the pages."""
        from generator.site.render import render_opaque
        from generator.site.site_setup import page_taken

        assert self.plan is not None and self.flowchart is not None
        svg = self.flowchart.result()
        opts = self.options
        pages, _ = render_opaque(
            self.plan, svg, opts.templates_dir, offline=opts.offline, texts=self.texts
        )
        prefix = opts.prefix
        if self.copies is not None:  # filled in by collect_copies, once printed
            self.copy_files = {
                path: File.generated(config, prefix + path, content=b"")
                for path in offline_paths(self.plan)
            }
            for file in self.copy_files.values():
                files.append(file)
        own_pages = {prefix + path for path in pages}
        taken = sorted(path for path in own_pages if files.get_file_from_path(path))
        if taken:
            raise page_taken(taken[0])
        for path, markdown in pages.items():
            files.append(File.generated(config, prefix + path, content=markdown))
        return own_pages

    def collect_copies(self) -> list[str] | None:
        """Wait for the printed copies (every page is read; MkDocs writes the files next)
        and fill in their files; their warnings, or None when none are printed. Raises
        the printing's ``RunbookError``."""
        if self.copies is None:
            return None
        try:
            copies = self.copies.result()
        finally:
            self.copies = None
        for path, file in self.copy_files.items():
            file.content_bytes = copies.files[path]
        return list(copies.warnings)
