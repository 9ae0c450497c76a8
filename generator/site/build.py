"""Build, serve and export the runbook site (the I/O edge around MkDocs).

``build_site`` validates first, builds into a fresh folder beside the target,
and only then swaps it in: an invalid plan or a failed build leaves the
previous site exactly as it was. It refuses to replace a folder that holds
files it did not make (it looks for the marker file every build writes).
"""

from __future__ import annotations

import logging
import os
import sys
import tempfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any

import yaml

from generator.errors import RunbookError, UsageError
from generator.files import replace_folder
from generator.plan.model import Plan
from generator.shared.progress import SILENT, Progress

if TYPE_CHECKING:
    from generator.plan.diagnostics import Diagnostic

PLAN_ENV = "RUNBOOK_PLAN"  # `runbook serve --plan` reaches the plugin through this
PLANS_ENV = "RUNBOOK_PLANS"  # and `runbook serve` on a folder of plans, through this
PLUGIN_LOGGER = "mkdocs.plugins.runbook"  # what the runbook plugin logs under


class SiteBuildError(RunbookError):
    """MkDocs could not build the site."""


class _Collect(logging.Handler):
    """Keeps MkDocs' warnings and errors, to put them in our own message. The runbook
    plugin's own say so ("runbook: ..."); MkDocs' others are marked "mkdocs: ..."."""

    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        text = record.getMessage().strip()
        if record.name == PLUGIN_LOGGER:
            self.messages.append(text.removeprefix("runbook: "))
        else:
            self.messages.append(f"mkdocs: {text}")


@contextmanager
def _quiet_mkdocs(verbose: bool = False) -> Any:
    """MkDocs' progress lines are noise here (shown with ``verbose``); its warnings and
    errors are collected."""
    logger = logging.getLogger("mkdocs")
    level, propagate, handlers = logger.level, logger.propagate, list(logger.handlers)
    collect = _Collect()
    logger.setLevel(logging.INFO if verbose else logging.WARNING)
    logger.propagate = False
    logger.addHandler(collect)
    if verbose:
        chatter = logging.StreamHandler(sys.stderr)
        chatter.setFormatter(logging.Formatter("mkdocs: %(message)s"))
        logger.addHandler(chatter)
    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
    try:
        yield collect
    finally:
        logger.handlers = handlers
        logger.setLevel(level)
        logger.propagate = propagate


# light and dark, following the reader's system setting, with a toggle
PALETTE: list[dict[str, Any]] = [
    {
        "media": "(prefers-color-scheme: light)",
        "scheme": "default",
        "primary": "custom",
        "accent": "custom",
        "toggle": {"icon": "material/weather-night", "name": "Switch to dark mode"},
    },
    {
        "media": "(prefers-color-scheme: dark)",
        "scheme": "slate",
        "primary": "custom",
        "accent": "custom",
        "toggle": {"icon": "material/weather-sunny", "name": "Switch to light mode"},
    },
]


def _theme(language: str = "en") -> dict[str, Any]:
    palette = PALETTE
    if language != "en":  # the toggle's titles in the plan's language
        from generator.shared import i18n
        from generator.site.languages import palette_names

        with i18n.using(language):
            names = palette_names()
        palette = [
            {**p, "toggle": {**p["toggle"], "name": n}} for p, n in zip(PALETTE, names, strict=True)
        ]
    return {
        "name": "material",
        "font": False,  # no Google Fonts: the site must work offline
        "language": language,
        "features": ["navigation.sections", "navigation.top", "search.highlight", "toc.follow"],
        "palette": palette,
    }


MARKDOWN_EXTENSIONS: list[Any] = [
    "admonition",
    "attr_list",
    "md_in_html",
    "tables",
    {"toc": {"permalink": False}},
]


def default_mkdocs_config(plan_path: Path) -> dict[str, Any]:
    """The MkDocs config used where the folder has no ``mkdocs.yml``: Material, search,
    offline and the runbook plugin. The checkout's ``mkdocs.yml`` says the same."""
    return {
        "site_name": "Crisis Runbook",
        "docs_dir": "docs",
        "use_directory_urls": False,  # pages work when opened from file://
        "strict": True,
        "theme": _theme(),
        "plugins": [
            "search",
            "offline",
            {
                "runbook": {
                    ("plans" if plan_path.is_dir() else "plan"): str(plan_path.resolve()),
                    "standalone": True,
                    "offline_copies": True,
                }
            },
        ],
        "markdown_extensions": MARKDOWN_EXTENSIONS,
    }


@contextmanager
def mkdocs_config_file(config_file: Path | None, plan_path: Path) -> Iterator[Path]:
    """The MkDocs config to use: ``config_file``, else ``./mkdocs.yml`` where it exists,
    else the built-in default, written to a temporary folder for the duration."""
    if config_file is not None:
        if not config_file.is_file():
            raise UsageError(f"{config_file}: no such MkDocs config; check the --config path")
        yield config_file
        return
    if Path("mkdocs.yml").is_file():
        yield Path("mkdocs.yml")
        return
    with tempfile.TemporaryDirectory(prefix="runbook-config-") as folder:
        (Path(folder) / "docs").mkdir()
        config = Path(folder) / "mkdocs.yml"
        config.write_text(yaml.safe_dump(default_mkdocs_config(plan_path), sort_keys=False))
        yield config


def _load_config(config_file: Path, plan_path: Path, site_dir: Path) -> tuple[Any, Any]:
    from mkdocs.config import load_config

    config = load_config(config_file=str(config_file), site_dir=str(site_dir))
    plugin = config.plugins.get("runbook")
    if plugin is None:
        raise UsageError(f"{config_file} does not enable the `runbook` plugin under `plugins:`")
    if plan_path.is_dir():
        plugin.config.plans = str(plan_path.resolve())
    else:
        plugin.config.plan = str(plan_path.resolve())
        plugin.config.plans = None
    return config, plugin


def build_site(
    plan_path: Path,
    site_dir: Path,
    config_file: Path | None = None,
    offline_copies: bool = True,
    progress: Progress = SILENT,
    font_paths: tuple[str, ...] = (),
) -> tuple[Plan, list[Diagnostic], list[str]]:
    """Validate the plan, then build the site into ``site_dir`` (all or nothing): the plan,
    its warnings (as ``validate`` gives them), and the warnings of a build that still
    succeeded. ``font_paths`` are added to the plugin's own, for the offline copies."""
    from generator.plan.validate import load_plan_and_warnings

    with progress.stage("Checking the plan"):
        # diagnostics before any file is touched
        plan, plan_warnings = load_plan_and_warnings(plan_path)

    def fill(building: Path) -> None:
        warnings.extend(
            mkdocs_build(
                plan_path,
                building,
                config_file,
                offline_copies,
                progress,
                font_paths,
                lambda plugin: setattr(plugin, "handed_plan", plan),
            )
        )

    warnings: list[str] = []
    replace_folder(site_dir, fill, "--site-dir")
    return plan, plan_warnings, warnings


def mkdocs_build(
    source: Path,
    building: Path,
    config_file: Path | None,
    offline_copies: bool,
    progress: Progress,
    font_paths: tuple[str, ...],
    hand: Callable[[Any], None],
) -> list[str]:
    """Build the site of ``source`` (a plan, or a folder of plans) into ``building`` with
    MkDocs; the warnings of a build that succeeded. ``hand`` gives the plugin what the
    caller validated, so it need not do it again."""
    from mkdocs.commands.build import build
    from mkdocs.exceptions import MkDocsException

    with _quiet_mkdocs() as log, mkdocs_config_file(config_file, source) as config_path:
        config, plugin = _load_config(config_path, source, building)
        hand(plugin)
        plugin.config.offline_copies = offline_copies  # the command decides, not the config
        plugin.config.font_paths = [
            *plugin.config.font_paths,
            *(str(Path(p).resolve()) for p in font_paths),
        ]
        label = "PDF and pocket cards" if plugin.config.offline_copies else "no offline copies"
        # MkDocs keeps one plugin object per process: set for this build only
        plugin.log_print_warnings = False  # reported below, as `runbook pdf` does
        try:
            with progress.stage(f"Building the site ({label})"), _quick_handover():
                build(config)
        except MkDocsException as exc:
            if plugin.failure is not None:  # runbook's own error, with its exit code
                raise plugin.failure from None
            reasons = "; ".join(log.messages) or str(exc)
            raise SiteBuildError(f"the site could not be built: {reasons}") from None
        finally:
            plugin.log_print_warnings = True
    return [*log.messages, *plugin.print_warnings]


# How long a thread may hold the GIL while another waits for it (Python's default: 5 ms)
HANDOVER_S = 0.001


@contextmanager
def _quick_handover() -> Iterator[None]:
    """Hand the GIL on sooner for the build: MkDocs renders the pages in Python on one
    thread while the copies print on others, in Typst, which lets go of the GIL. Each
    time a printing thread comes back from Typst it waits for the GIL, up to the switch
    interval; at 1 ms a folder of 50 plans builds about 5% faster (benchmarks/
    bench_portfolio_build.py). The interval is the process's: set back afterwards."""
    before = sys.getswitchinterval()
    sys.setswitchinterval(min(before, HANDOVER_S))
    try:
        yield
    finally:
        sys.setswitchinterval(before)


class _NoDirtyWarning(logging.Filter):
    """MkDocs warns of every dirty rebuild (a strict config would stop on it): a folder's
    serve rebuilds only the changed plans' pages on purpose, each with its own nav."""

    def filter(self, record: logging.LogRecord) -> bool:
        return "'dirty' build" not in record.getMessage()


def serve_site(
    plan_path: Path, config_file: Path | None, dev_addr: str | None, verbose: bool = False
) -> None:
    """Serve the site with live reload; the plan file is watched too. SIGTERM stops it
    as Ctrl+C does, so MkDocs removes its temporary folder either way."""
    import signal

    from mkdocs.commands.serve import serve

    from generator.plan.validate import load_valid_plan

    build_type = None
    if plan_path.is_dir():
        from generator.plan.folder import folder_plans
        from generator.site.folder_build import load_folder

        plans = folder_plans(plan_path)
        if len(plans) == 1:
            plan_path = plans[0]
        else:
            load_folder(plan_path)  # every plan must be valid at first
            os.environ[PLANS_ENV] = str(plan_path.resolve())
            build_type = "dirty"  # a save rebuilds only the pages of the plans it changed
    if not plan_path.is_dir():
        load_valid_plan(plan_path)  # the first version must be valid: nothing to fall back on
        os.environ[PLAN_ENV] = str(plan_path.resolve())

    def stop(_signum: int, _frame: Any) -> None:
        raise KeyboardInterrupt

    previous = signal.signal(signal.SIGTERM, stop)
    if build_type == "dirty":
        logging.getLogger("mkdocs.commands.build").addFilter(_NoDirtyWarning())
    try:
        with _quiet_mkdocs(verbose), mkdocs_config_file(config_file, plan_path) as config_path:
            serve(
                config_file=str(config_path),
                dev_addr=dev_addr,
                livereload=True,
                build_type=build_type,
            )
    except KeyboardInterrupt:
        pass  # Ctrl+C or SIGTERM while building: a normal way to stop
    finally:
        signal.signal(signal.SIGTERM, previous)


def export_mkdocs_config(plan: Plan) -> dict[str, Any]:
    """A plain mkdocs.yml (no runbook plugin) for the Markdown that ``render`` writes."""
    from generator.site.languages import search_language, theme_language
    from generator.site.render import site_nav, site_title

    tag = plan.plan.language
    search = "search" if tag == "en" else {"search": {"lang": [search_language(tag)]}}
    return {
        "site_name": site_title(plan),
        "docs_dir": "docs",
        "use_directory_urls": False,
        "theme": _theme(theme_language(tag)),
        "plugins": [search, "offline"],
        "extra": {"polyfills": ["assets/iframe-worker-shim.js"]},
        "extra_css": ["assets/runbook.css"],
        "extra_javascript": ["assets/runbook.js"],
        "markdown_extensions": MARKDOWN_EXTENSIONS,
        "nav": site_nav(plan),
    }


def render_markdown(plan_path: Path, out: Path, templates_dir: str | None) -> int:
    """Write the runbook as Markdown plus a mkdocs.yml into ``out`` (replaced as a whole,
    and only if runbook made it); the page count."""
    from generator.plan.validate import load_valid_plan
    from generator.shared.flowchart import draw_flowchart
    from generator.shared.resources import read_template_bytes
    from generator.site.render import ASSETS, render_pages

    plan = load_valid_plan(plan_path)
    pages = render_pages(plan, draw_flowchart(plan), templates_dir)

    def fill(folder: Path) -> None:
        docs = folder / "docs"
        for path, markdown in pages.items():
            (docs / path).parent.mkdir(parents=True, exist_ok=True)
            (docs / path).write_text(markdown, "utf-8")
        (docs / "assets").mkdir(parents=True, exist_ok=True)
        for name in ASSETS:
            (docs / "assets" / name).write_bytes(read_template_bytes("assets", name))
        config = export_mkdocs_config(plan)
        (folder / "mkdocs.yml").write_text(yaml.safe_dump(config, sort_keys=False), "utf-8")

    replace_folder(out, fill, "--out")
    return len(pages)


# END
