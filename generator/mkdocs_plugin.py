"""The MkDocs plugin ``runbook``: adds the runbook's pages to a MkDocs site in memory.

Configured in ``mkdocs.yml``::

    plugins:
      - search
      - offline
      - runbook:
          plan: plans/example.yaml
          section: Crisis runbook   # optional: pages go under this nav section
          templates_dir: overrides  # optional: templates here override the defaults

Plain ``mkdocs build`` and ``mkdocs serve`` work; serve rebuilds when the
plan changes.
"""

from __future__ import annotations

import os
import re
from pathlib import Path
from typing import TYPE_CHECKING, Any

from mkdocs.config import base
from mkdocs.config import config_options as c
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin
from mkdocs.structure.files import File, Files

from generator.errors import PlanInvalid, RunbookError
from generator.plan.model import Plan

if TYPE_CHECKING:
    from generator.shared.flowchart import PendingFlowchart


class RunbookConfig(base.Config):
    """Options of the ``runbook`` plugin."""

    plan = c.Type(str, default="plans/example.yaml")
    section = c.Optional(c.Type(str))
    templates_dir = c.Optional(c.Type(str))
    offline_copies = c.Type(bool, default=True)


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-") or "runbook"


class RunbookPlugin(BasePlugin[RunbookConfig]):
    """Validate the plan, render its pages and add them to the site."""

    def __init__(self) -> None:
        self.plan: Plan | None = None
        self.flowchart: PendingFlowchart | None = None
        self.plan_path = Path()
        self.templates_dir: str | None = None
        self.prefix = ""
        self.serving = False

    def on_startup(self, *, command: str, dirty: bool) -> None:
        # the PDF and cards take seconds: `serve` rebuilds on every save and skips them
        self.serving = command == "serve"

    @property
    def offline(self) -> bool:
        """Whether this build writes the PDF and the pocket cards."""
        return bool(self.config.offline_copies) and not self.serving

    def on_config(self, config: Any) -> Any:
        from generator.plan.report import format_text
        from generator.plan.status import source_date_epoch
        from generator.plan.validate import load_valid_plan
        from generator.site.build import PLAN_ENV

        root = Path(config.config_file_path or ".").resolve().parent
        self.plan_path = (root / os.environ.get(PLAN_ENV, self.config.plan)).resolve()
        td = self.config.templates_dir
        self.templates_dir = str((root / td).resolve()) if td else None
        try:
            if self.plan is None:  # `runbook build` hands over the plan it validated
                self.plan = load_valid_plan(self.plan_path)
        except PlanInvalid as exc:
            raise PluginError("\n" + format_text(exc.file, exc.diagnostics)) from None
        except RunbookError as exc:
            raise PluginError(str(exc)) from None
        plan = self.plan
        # Reproducible output: MkDocs dates the sitemap with SOURCE_DATE_EPOCH when set.
        os.environ["SOURCE_DATE_EPOCH"] = source_date_epoch(plan)  # dates come from the plan
        section = self.config.section
        self.prefix = f"{_slug(section)}/" if section else ""
        from generator.shared.escape import plain_label
        from generator.site.render import site_nav

        nav = site_nav(plan, self.prefix, offline=self.offline)
        if section:
            if config.nav is not None:
                config.nav.append({section: nav})
        else:
            if config.nav is None:
                config.nav = nav
            config.site_name = plain_label(f"{plan.plan.title} - {plan.plan.organization}")
        # Material's offline plugin loads its worker shim from a CDN unless a
        # polyfill named iframe-worker is configured: use the vendored copy.
        polyfills = [p for p in config.extra.get("polyfills", []) if "iframe-worker" not in str(p)]
        config.extra["polyfills"] = [*polyfills, f"{self.prefix}assets/iframe-worker-shim.js"]
        config.extra_css.append(f"{self.prefix}assets/runbook.css")
        config.extra_javascript.append(f"{self.prefix}assets/runbook.js")

        from generator.shared.flowchart import start_flowchart

        self.flowchart = start_flowchart(plan)  # D2 draws while MkDocs loads the theme
        return config

    def on_env(self, env: Any, /, *, config: Any, files: Files) -> Any:
        from generator.site.render import bytecode_cache

        env.bytecode_cache = env.bytecode_cache or bytecode_cache()
        return env

    def on_files(self, files: Files, /, *, config: Any) -> Files:
        from generator.shared.resources import read_template_bytes
        from generator.site.render import ASSETS, render_pages

        assert self.plan is not None and self.flowchart is not None
        try:
            svg = self.flowchart.result()
            pages = render_pages(self.plan, svg, self.templates_dir, offline=self.offline)
            if self.offline:
                from generator.printing.pdf import offline_copies

                for path, data in offline_copies(self.plan, flowchart_svg=svg).items():
                    files.append(File.generated(config, self.prefix + path, content=data))
        except RunbookError as exc:
            raise PluginError(str(exc)) from None
        for path, markdown in pages.items():
            files.append(File.generated(config, self.prefix + path, content=markdown))
        for name in ASSETS:
            content = read_template_bytes("assets", name)
            files.append(File.generated(config, f"{self.prefix}assets/{name}", content=content))
        return files

    def on_serve(self, server: Any, /, *, config: Any, builder: Any) -> Any:
        server.watch(str(self.plan_path))
        if self.templates_dir:
            server.watch(self.templates_dir)
        return server

    def on_post_build(self, *, config: Any) -> None:
        from generator.site.build import MARKER, MARKER_TEXT

        # marks the folder as runbook's, so `runbook build` may replace it later
        (Path(config.site_dir) / MARKER).write_text(MARKER_TEXT)
