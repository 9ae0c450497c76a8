"""What the MkDocs plugin does for a folder of plans (``plans: plans/``), hook by hook.

The plugin (``generator/mkdocs_plugin.py``) hands each of its hooks here when its
``plans`` folder holds more than one plan. Every plan goes under
``<section>/<stem>/``, with its own PDF and cards; the choose-a-plan page is the
section's ``index.md``. Printing is handed in as a function (the site stage does not
print): it runs on the bounded pool of ``FolderPlans`` while MkDocs renders the
pages, and the copies are written when every page is, before the service worker
lists the files.
"""

from __future__ import annotations

import os
import shutil
import tempfile
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from functools import partial
from pathlib import Path
from typing import Any

from mkdocs.structure.files import File, Files

from generator.plan.model import Plan
from generator.site.folder_site import (
    CHOOSER,
    NavSwitch,
    folder_nav,
    labelled_search_index,
    nav_switch,
    not_found_content,
    plan_label,
    render_chooser,
)
from generator.site.plan_units import FolderPlans, PlanUnit, load_unit, shown
from generator.site.plantext import PlanText
from generator.site.plugin_options import SiteOptions

PrintCopies = Callable[[Plan], Any]  # a plan -> its PrintedCopies (files, warnings)


def _print_to(folder: Path, print_copies: PrintCopies, plan: Plan) -> list[str]:
    """Print a plan's copies into ``folder`` (on the pool: the bytes are not kept in
    memory until MkDocs is done); their warnings."""
    copies = print_copies(plan)
    for path, data in copies.files.items():
        (folder / path).parent.mkdir(parents=True, exist_ok=True)
        (folder / path).write_bytes(data)
    return list(copies.warnings)


def _reported(job: Callable[[], list[str]], stem: str, say: Callable[[str], None]) -> None:
    """Run a late print job; say when its copies are in place, or why not."""
    started = time.perf_counter()
    try:
        warnings = job()
    except Exception as exc:  # a thread of its own: said, never raised
        say(f"runbook: {stem}: the PDF and cards could not be printed: {exc}")
        return
    for message in warnings:
        say(f"runbook: warning: {stem}: {message}")
    say(f"Printed the PDF and cards of {stem} in {time.perf_counter() - started:.1f} s")


def folder_plans_of(root: Path, option: str | None) -> list[Path]:
    """The plans of the ``plans`` folder (or of ``RUNBOOK_PLANS``, which `runbook serve`
    sets); none when ``plan`` is meant (``RUNBOOK_PLAN`` set, or no ``plans``)."""
    from mkdocs.exceptions import PluginError

    from generator.errors import RunbookError
    from generator.plan.folder import folder_plans
    from generator.site.build import PLAN_ENV, PLANS_ENV

    if os.environ.get(PLAN_ENV):
        return []
    given = os.environ.get(PLANS_ENV) or option
    if not given:
        return []
    try:
        return folder_plans((root / given).resolve())
    except RunbookError as exc:
        raise PluginError(f"runbook: plans: {exc}") from None


def _keep(file: File) -> File:
    """A file whose plan did not change: a dirty rebuild leaves it as it is on disk."""
    setattr(file, "is_modified", lambda: False)  # noqa: B010 (an instance's own answer)
    return file


class FolderSite:
    """The plugin's state for a folder of plans, kept from build to build while serving."""

    def __init__(self) -> None:
        self.plans = FolderPlans()
        self.texts = PlanText()
        self.handed: dict[str, Plan] = {}  # `runbook build` hands over the plans it checked
        self.options = SiteOptions("", None, False, False)
        self.switch: NavSwitch | None = None
        self.index_urls: dict[str, str] = {}
        self.chooser_url = "index.html"
        self.built = False
        self.staging: Path | None = None  # where the copies wait for the site to be written
        self.late = False  # this build prints after its pages are written (serve)
        self.late_pool: ThreadPoolExecutor | None = None
        self.print_copies: PrintCopies | None = None

    # -- on_config --------------------------------------------------------------------

    def configure(
        self, folder: Path, plans: list[Path], options: SiteOptions, print_copies: PrintCopies
    ) -> tuple[list[Any], list[str], list[str]]:
        """Load the changed plans and start their flowcharts and copies: (the runbook's
        nav, the plans' warnings as `validate` words them, serve's reports of invalid
        saves). Raises the first invalid plan's error when there is nothing to keep."""
        from generator.plan.report import format_text
        from generator.shared.flowchart import draw_flowchart
        from generator.site.render import site_nav

        keep = options.serving and self.built
        if not keep:
            self.texts = PlanText()
        self.options = options
        self.plans.refresh(folder, plans, options.prefix, keep)
        warnings: list[str] = []
        reports: list[str] = []
        changed = self.plans.changed()
        for unit in changed:
            found, report = load_unit(unit, self.handed, options.serving)
            warnings += format_text(shown(unit.path), found).splitlines()[:-1] if found else []
            if report:
                reports.append(report)
        pool = self.plans.executor()
        for unit in changed:
            unit.svg = pool.submit(draw_flowchart, unit.label_plan)
        self._remove_staging()
        # a serve's later build shows the pages first, then prints (see write_copies)
        self.late = options.serving and self.built and options.offline
        self.print_copies = print_copies
        if options.offline and changed and not self.late:
            self.staging = Path(tempfile.mkdtemp(prefix="runbook-copies-"))
        for unit in changed:
            unit.copies = None
            if self.staging is not None:
                folder_of = self.staging / unit.stem
                unit.copies = pool.submit(_print_to, folder_of, print_copies, unit.label_plan)
        self.handed = {}
        nav = folder_nav(
            (
                (
                    plan_label(u.label_plan),
                    site_nav(u.label_plan, u.prefix, offline=options.offline, texts=self.texts),
                )
                for u in self.plans.units.values()
            ),
            options.prefix,
            self.texts,
            self.plans.language(),
        )
        return nav, warnings, reports

    # -- on_files, on_nav ---------------------------------------------------------------

    def add_files(
        self, files: Files, config: Any, offline_paths: Callable[[Plan], list[str]]
    ) -> set[str]:
        """Add the choose-a-plan page and every plan's pages and copies; the paths of the
        pages (for the plugin's checks). A serve's later build marks the unchanged
        plans' files as unchanged."""
        from generator.site.render import render_opaque

        opts = self.options
        units = list(self.plans.units.values())
        chooser = render_chooser(
            ((u.stem, u.label_plan) for u in units),
            self.texts,
            opts.templates_dir,
            self.plans.language(),
        )
        new: list[File] = [File.generated(config, opts.prefix + CHOOSER, content=chooser)]
        pages = {opts.prefix + CHOOSER}
        for unit in units:
            if unit.changed:
                assert unit.svg is not None
                svg = unit.svg.result()
                unit.pages, _ = render_opaque(
                    unit.label_plan, svg, opts.templates_dir, offline=opts.offline, texts=self.texts
                )
                unit.svg = None
            unit.own_pages = {unit.prefix + path for path in unit.pages}
            pages |= unit.own_pages
            for path, markdown in unit.pages.items():
                file = File.generated(config, unit.prefix + path, content=markdown)
                new.append(file if unit.changed else _keep(file))
            unit.copy_paths = offline_paths(unit.label_plan) if opts.offline else []
            for path in unit.copy_paths:  # written when printed (write_copies)
                file = File.generated(config, unit.prefix + path, content=b"")
                new.append(file if unit.changed and not self.late else _keep(file))
        taken = sorted(f.src_uri for f in new if files.get_file_from_path(f.src_uri))
        if taken:
            raise ValueError(taken[0])
        for file in new:
            files.append(file)
        return pages

    def arrange_nav(self, nav: Any, files: Files) -> None:
        """Find the runbook's nav items, so each page shows only what it needs."""
        opts = self.options
        units = self.plans.units.values()
        self.switch = nav_switch(nav, opts.prefix, [u.prefix for u in units])
        self.index_urls = {}
        for unit in units:
            home = files.get_file_from_path(unit.prefix + "index.md")
            if home is not None:
                self.index_urls[unit.stem] = home.url
        chooser = files.get_file_from_path(opts.prefix + CHOOSER)
        self.chooser_url = chooser.url if chooser is not None else "index.html"

    # -- pages --------------------------------------------------------------------------

    def unit_for(self, src_uri: str) -> PlanUnit | None:
        """The plan a page belongs to."""
        return self.plans.unit_for(src_uri)

    def show_nav_for(self, src_uri: str) -> None:
        """Before a page is rendered: its part of the nav."""
        if self.switch is not None:
            unit = self.unit_for(src_uri)
            self.switch.show(unit.prefix if unit is not None else None)

    def page_date(self, src_uri: str) -> str | None:
        """A plan page's date for the sitemap: its plan's review date."""
        unit = self.unit_for(src_uri)
        return unit.label_plan.plan.last_reviewed.isoformat() if unit else None

    def classification(self, src_uri: str | None) -> str | None:
        """The classification a page's title carries: its plan's, else every plan's."""
        unit = self.unit_for(src_uri) if src_uri is not None else None
        if unit is not None:
            return unit.label_plan.plan.classification
        labels = [u.label_plan.plan.classification for u in self.plans.units.values()]
        return " / ".join(dict.fromkeys(label for label in labels if label)) or None

    # -- on_post_build ------------------------------------------------------------------

    def search_index(self, text: str) -> str:
        """The search index with plan text in place and each plan page's entry titled by
        its plan."""
        labels = {u.stem: plan_label(u.label_plan) for u in self.plans.units.values()}
        text = self.texts.json(text)
        return labelled_search_index(text, self.options.prefix, labels, self.options.dirty)

    def write_copies(self, site_dir: Path, say: Callable[[str], None]) -> list[str]:
        """Wait for the changed plans' copies and write them; their warnings, each
        named by its plan's file stem. Raises the first printing error. A serve's later
        build prints its changed plans' copies now, after its pages, one plan after
        another on one thread, and ``say``s when each is done: the page shows a save
        as soon as it can, and the copies follow."""
        if self.late:
            self._print_late(site_dir, say)
            return []
        warnings: list[str] = []
        try:
            for unit in self.plans.changed():
                if unit.copies is None or self.staging is None:
                    continue
                said = unit.copies.result()
                unit.copies = None
                for path in unit.copy_paths:
                    target = site_dir / unit.prefix / path
                    target.parent.mkdir(parents=True, exist_ok=True)
                    shutil.move(self.staging / unit.stem / path, target)
                warnings += [f"{unit.stem}: {message}" for message in said]
        finally:
            self._remove_staging()
            if not self.options.serving:
                self.plans.close()
        self.built = True
        return warnings

    def _print_late(self, site_dir: Path, say: Callable[[str], None]) -> None:
        if self.late_pool is None:  # one thread: saves are printed in the order made
            self.late_pool = ThreadPoolExecutor(1, thread_name_prefix="runbook-late-print")
        assert self.print_copies is not None
        for unit in self.plans.changed():
            job = partial(_print_to, site_dir / unit.prefix, self.print_copies, unit.label_plan)
            self.late_pool.submit(_reported, job, unit.stem, say)

    def not_found(self) -> str:
        """The 404 page's content."""
        entries = [
            (plan_label(u.label_plan), self.index_urls.get(u.stem, u.prefix + "index.html"))
            for u in self.plans.units.values()
        ]
        return not_found_content(entries, self.chooser_url, self.plans.language())

    def cancel(self) -> None:
        """A failed build: stop waiting for its copies."""
        for unit in self.plans.units.values():
            if unit.copies is not None:
                unit.copies.cancel()
                unit.copies = None
        if not self.options.serving:
            self.plans.close()
        self._remove_staging()

    def shut_down(self) -> None:
        """Serve stops: drop the prints not started yet (a running one ends by itself)."""
        for pool in (self.late_pool, self.plans.pool):
            if pool is not None:
                pool.shutdown(wait=False, cancel_futures=True)
        self.late_pool = self.plans.pool = None
        self._remove_staging()

    def _remove_staging(self) -> None:
        if self.staging is not None:
            shutil.rmtree(self.staging, ignore_errors=True)
            self.staging = None
