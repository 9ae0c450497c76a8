"""The MkDocs plugin ``runbook``: adds the runbook's pages to a MkDocs site in memory.

Configured in ``mkdocs.yml``::

    plugins:
      - search
      - offline
      - runbook:
          plan: plans/example.yaml
          section: Crisis runbook   # optional: pages go under this nav section
          templates_dir: overrides  # optional: templates here override the defaults
          offline_copies: true      # optional: the PDF and the pocket cards too
          font_paths: [fonts]       # optional: folders of fonts for scripts Noto Sans lacks

Plain ``mkdocs build`` and ``mkdocs serve`` work. Serve re-reads the plan on
every rebuild; while a saved plan is invalid, it keeps serving the last valid
version under a banner that lists the problems (never in a built site).
"""

from __future__ import annotations

import html
import logging
import os
import re
import sys
import time
from pathlib import Path
from typing import TYPE_CHECKING, Any

from mkdocs.config import base
from mkdocs.config import config_options as c
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin
from mkdocs.structure.files import File, Files

from generator.errors import PlanInvalid, RunbookError
from generator.plan.model import Plan
from generator.site.build import PLUGIN_LOGGER

if TYPE_CHECKING:
    from concurrent.futures import Future

    from generator.printing.pdf import PrintedCopies
    from generator.shared.flowchart import PendingFlowchart


class RunbookConfig(base.Config):
    """Options of the ``runbook`` plugin."""

    plan = c.Type(str, default="plans/example.yaml")
    section = c.Optional(c.Type(str))
    templates_dir = c.Optional(c.Type(str))
    offline_copies = c.Type(bool, default=False)
    font_paths = c.ListOfItems(c.Type(str), default=[])
    standalone = c.Type(bool, default=False)


log = logging.getLogger(PLUGIN_LOGGER)
# what the runbook's pages use; MkDocs always has toc and tables
MARKDOWN_EXTENSIONS = ("admonition", "attr_list", "md_in_html")


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

    def on_startup(self, *, command: str, dirty: bool) -> None:
        self.serving = command == "serve"

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

        self.failure = None  # MkDocs keeps this object from build to build: start afresh
        self.print_warnings = []
        root = Path(config.config_file_path or ".").resolve().parent
        self.plan_path = (root / os.environ.get(PLAN_ENV, self.config.plan)).resolve()
        td = self.config.templates_dir
        self.templates_dir = str((root / td).resolve()) if td else None
        self.plan = plan = self._load()
        # Reproducible output: MkDocs dates the sitemap with SOURCE_DATE_EPOCH when set.
        os.environ["SOURCE_DATE_EPOCH"] = source_date_epoch(plan)  # dates come from the plan
        section = self.config.section
        self.prefix = f"{_slug(section)}/" if section else ""
        from generator.shared.escape import plain_label
        from generator.site.render import site_nav

        nav = site_nav(plan, self.prefix, offline=self.offline)
        if self.config.standalone:  # the runbook is the whole site: name, nav, every page's style
            if config.nav is None:
                config.nav = nav
            config.site_name = plain_label(f"{plan.plan.title} - {plan.plan.organization}")
            config.extra_css.append(f"{self.prefix}assets/runbook.css")
            config.extra_javascript.append(f"{self.prefix}assets/runbook.js")
        elif config.nav is not None:  # a guest: one section of the host's nav, nothing else
            config.nav.append({section or plain_label(plan.plan.title): nav})
        missing = [e for e in MARKDOWN_EXTENSIONS if e not in config.markdown_extensions]
        if missing:
            config.markdown_extensions.extend(missing)
            log.info(
                "runbook: enabled the Markdown extensions %s, which the runbook's pages need",
                ", ".join(missing),
            )
        plugins = set(config.plugins)
        if plugins & {"offline", "material/offline"}:
            # Material's offline plugin loads its worker shim from a CDN unless a
            # polyfill named iframe-worker is configured: use the vendored copy.
            extra = config.extra.get("polyfills", [])
            polyfills = [p for p in extra if "iframe-worker" not in str(p)]
            config.extra["polyfills"] = [*polyfills, f"{self.prefix}assets/iframe-worker-shim.js"]

        from generator.shared.flowchart import start_flowchart

        self.flowchart = start_flowchart(plan)  # D2 draws while MkDocs loads the theme
        self.print_flowchart = start_flowchart(plan, for_print=True) if self.offline else None
        self.copies = self._start_printing(plan, root) if self.offline else None
        return config

    def _start_printing(self, plan: Plan, root: Path) -> Future[PrintedCopies]:
        """Print the PDF and the cards on a thread while MkDocs renders the pages: Typst
        lets go of the GIL while it lays out, so on two cores the copies cost little time.
        ``on_env`` collects them, before MkDocs writes any file."""
        from concurrent.futures import ThreadPoolExecutor

        from generator.printing.engine import Printer
        from generator.printing.pdf import offline_copies

        assert self.print_flowchart is not None
        chart = self.print_flowchart
        fonts = tuple(str(root / folder) for folder in self.config.font_paths)
        missing = [folder for folder in fonts if not Path(folder).is_dir()]
        if missing:
            raise PluginError(f"runbook: font_paths: {missing[0]} is not a folder")
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
            self.print_warnings = list(copies.warnings)
            for message in copies.warnings:
                if self.serving:  # for the person editing, who can act on it now
                    _say(f"runbook: warning: {message}")
                elif self.log_print_warnings:
                    log.warning("runbook: %s", message)  # an empty box in print is a defect
        return env

    def on_files(self, files: Files, /, *, config: Any) -> Files:
        from generator.shared.resources import read_template_bytes
        from generator.site.render import ASSETS, render_pages

        assert self.plan is not None and self.flowchart is not None
        try:
            svg = self.flowchart.result()
            pages = render_pages(self.plan, svg, self.templates_dir, offline=self.offline)
        except RunbookError as exc:
            self.failure = exc
            raise PluginError(str(exc)) from None
        if self.copies is not None:  # filled in by on_env, once printed
            from generator.printing.pdf import offline_paths

            self.copy_files = {
                path: File.generated(config, self.prefix + path, content=b"")
                for path in offline_paths(self.plan)
            }
            for file in self.copy_files.values():
                files.append(file)
        self.own_pages = {self.prefix + path for path in pages}
        for path, markdown in pages.items():
            files.append(File.generated(config, self.prefix + path, content=markdown))
        for name in ASSETS:
            content = read_template_bytes("assets", name)
            files.append(File.generated(config, f"{self.prefix}assets/{name}", content=content))
        from generator.plan.schema import SCHEMA_PATH, schema_text

        # the plan format's schema, at a stable address editors and CI can point at
        files.append(File.generated(config, self.prefix + SCHEMA_PATH, content=schema_text()))
        return files

    def on_post_page(self, output: str, /, *, page: Any, config: Any) -> str:
        if not self.config.standalone and page.file.src_uri in self.own_pages:
            output = self._with_assets(output, page.url)  # a guest styles its own pages only
        if not (self.serving and self.problems is not None):
            return output
        return re.sub(r"(<body[^>]*>)", lambda m: m.group(1) + self._banner(), output, count=1)

    def _with_assets(self, output: str, page_url: str) -> str:
        """The runbook's stylesheet and script, on its own pages only."""
        from mkdocs.utils import get_relative_url

        css = get_relative_url(f"{self.prefix}assets/runbook.css", page_url)
        js = get_relative_url(f"{self.prefix}assets/runbook.js", page_url)
        output = output.replace("</head>", f'<link rel="stylesheet" href="{css}">\n</head>', 1)
        return output.replace("</body>", f'<script src="{js}"></script>\n</body>', 1)

    def _banner(self) -> str:
        """The served pages' warning while the saved plan is invalid (HTML, escaped)."""
        assert self.problems is not None
        errors = [d for d in self.problems.diagnostics if d.severity == "error"]
        items = "".join(f"<li>{html.escape(str(d))}</li>" for d in errors[:5])
        more = f"<p>and {len(errors) - 5} more.</p>" if len(errors) > 5 else ""
        count = f"{len(errors)} error{'s' if len(errors) != 1 else ''}" if errors else "a problem"
        return (
            '<div class="runbook-invalid" role="alert" style="background:#b00020;color:#fff;'
            'padding:.8rem 1rem;font:16px/1.4 sans-serif;position:relative;z-index:10">'
            f"<strong>The saved plan has {count}; showing the last valid version.</strong>"
            f"<ul>{items}</ul>{more}<p>Fix the plan and save: this page reloads by itself.</p>"
            "</div>"
        )

    def on_serve(self, server: Any, /, *, config: Any, builder: Any) -> Any:
        server.watch(str(self.plan_path))
        if self.templates_dir:
            server.watch(self.templates_dir)
        _say(f"Serving the runbook for {_shown(self.plan_path)} on {server.url} (Ctrl+C to stop)")
        return server

    def on_post_build(self, *, config: Any) -> None:
        from generator.files import OUTPUT_MARKER, OUTPUT_MARKER_TEXT

        # marks the folder as runbook's, so `runbook build` may replace it later
        (Path(config.site_dir) / OUTPUT_MARKER).write_text(OUTPUT_MARKER_TEXT)
        if self.config.standalone:
            _relative_404(Path(config.site_dir) / "404.html")
        if self.serving and not self.first_build:
            _say(f"Rebuilt in {time.perf_counter() - self.started:.1f} s")
        self.first_build = False


def _relative_404(page: Path) -> None:
    """MkDocs links the 404 page's styles and scripts from the site root ("/assets/..."),
    which is nothing when the site is opened from the disk. The page sits at the root, so
    "./" reaches the same files over HTTP and from file://."""
    if page.is_file():
        text = re.sub(r'\b(href|src)="/(?!/)', r'\1="./', page.read_text("utf-8"))
        page.write_text(text.replace('"base": "/"', '"base": "."'), "utf-8")


def _say(text: str) -> None:
    """A line for the person running ``serve`` (MkDocs' own chatter is hidden)."""
    print(text, file=sys.stderr, flush=True)


def _shown(path: Path) -> str:
    """The plan's path as the person typed it: relative to here where it can be."""
    try:
        return str(path.relative_to(Path.cwd()))
    except ValueError:
        return str(path)
