"""The runbook's place in a MkDocs site, set up by the plugin: where its plan,
templates and section's folder are, its nav and style in the site's config, the
Markdown extensions its pages need, and the files beside its pages (assets, the web
app's manifest and icon, the plan format's schema, ``robots.txt``).

A guest (no ``standalone``) touches nothing of the host outside its section: no
environment variable, no site-wide setting, no file at the top of the built site. Its
nav is one section of the host's, and its style goes inside its own pages.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, Files

from generator.errors import RunbookError
from generator.plan.model import Plan
from generator.site.plugin_messages import log, plugin_error, tell_loaded
from generator.site.plugin_options import SiteOptions

if TYPE_CHECKING:
    from generator.site.folder_hooks import FolderSite, PrintCopies


# what the runbook's pages use; MkDocs always has toc and tables
MARKDOWN_EXTENSIONS = ("admonition", "attr_list", "md_in_html")


def slug(text: str) -> str:
    """The folder of a section's pages: ``Crisis runbook`` -> ``crisis-runbook``."""
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-") or "runbook"


@dataclass(frozen=True)
class Located:
    """Where the plugin's options point, resolved against the config file's folder."""

    root: Path  # the folder of mkdocs.yml
    plan_path: Path
    templates_dir: str | None
    prefix: str  # the section's folder ("crisis-runbook/"), "" for a standalone site


def locate(
    config: Any, plan: str, templates_dir: str | None, section: str | None, standalone: bool
) -> Located:
    """Resolve the plugin's options (``RUNBOOK_PLAN``, which `runbook serve --plan`
    sets, wins over ``plan``). A guest needs a section: without one its index.md would
    take the host's home page."""
    from generator.site.build import PLAN_ENV

    if not standalone and not section:
        raise PluginError(
            "runbook: a guest in a site needs a section: add `section: Crisis runbook` "
            "under `- runbook:` in mkdocs.yml (its pages go under that nav section and "
            "folder), or `standalone: true` if the runbook is the whole site"
        )
    root = Path(config.config_file_path or ".").resolve().parent
    plan_path = (root / os.environ.get(PLAN_ENV, plan)).resolve()
    templates = str((root / templates_dir).resolve()) if templates_dir else None
    return Located(root, plan_path, templates, f"{slug(section)}/" if section else "")


def font_folders(root: Path, font_paths: list[str]) -> tuple[str, ...]:
    """The ``font_paths`` option's folders, resolved against the config file's folder."""
    fonts = tuple(str(root / folder) for folder in font_paths)
    missing = [folder for folder in fonts if not Path(folder).is_dir()]
    if missing:
        raise PluginError(f"runbook: font_paths: {missing[0]} is not a folder")
    return fonts


def configure_folder(
    folder: FolderSite,
    config: Any,
    plans: list[Path],
    options: SiteOptions,
    printing: PrintCopies,
) -> list[Any]:
    """``on_config`` for a folder of plans: load them (an invalid one fails the build;
    serve keeps its last valid version) and tell their warnings; the runbook's nav, each
    plan's section under it. A standalone site speaks the plans' language, when they
    share one."""
    try:
        nav, warnings, reports = folder.configure(plans[0].parent, plans, options, printing)
    except RunbookError as exc:
        raise plugin_error(exc) from None
    tell_loaded(warnings, reports, options.serving)
    if options.standalone:
        from generator.site.languages import follow_plan_language

        follow_plan_language(config, folder.plans.language())
    return nav


def place(config: Any, nav: list[Any], options: SiteOptions) -> bool:
    """The runbook's nav and style in the site, the Markdown extensions its pages need,
    and the vendored worker shim; whether MkDocs makes the nav from the files (the host
    has no nav: the plugin orders the runbook's pages in it)."""
    auto_nav, prefix, standalone = False, options.prefix, options.standalone
    if standalone:  # the runbook is the whole site: nav, every page's style
        if config.nav is None:
            config.nav = nav
        config.extra_css.append(f"{prefix}assets/runbook.css")
        config.extra_javascript.append(f"{prefix}assets/runbook.js")
    elif config.nav is not None:  # a guest: one section of the host's nav, nothing else
        config.nav.append({options.section: nav})
    else:
        auto_nav = True
    missing = [e for e in MARKDOWN_EXTENSIONS if e not in config.markdown_extensions]
    if missing:
        config.markdown_extensions.extend(missing)
        log.info(
            "runbook: enabled the Markdown extensions %s, which the runbook's pages need",
            ", ".join(missing),
        )
    plugins = set(config.plugins)
    if standalone and plugins & {"offline", "material/offline"}:
        # Material's offline plugin loads its worker shim from a CDN unless a
        # polyfill named iframe-worker is configured: use the vendored copy.
        # (A guest swaps the CDN's shim on its own pages only: on_post_page.)
        extra = config.extra.get("polyfills", [])
        polyfills = [p for p in extra if "iframe-worker" not in str(p)]
        config.extra["polyfills"] = [*polyfills, f"{prefix}assets/iframe-worker-shim.js"]
    return auto_nav


def page_taken(path: str) -> PluginError:
    """The error for a page of the runbook that the site already has."""
    return PluginError(
        f"runbook: the site already has {path}; the runbook will not replace a "
        "page it did not make. Choose another `section:` for the runbook"
    )


def add_shared_files(files: Files, config: Any, options: SiteOptions, plan: Plan | None) -> None:
    """The assets, the web app's manifest and icon (an installable site's, named after
    ``plan``, else the site), the schema and robots.txt (a standalone site's)."""
    from generator.shared.resources import read_template_bytes
    from generator.site.render import ASSETS

    prefix = options.prefix
    for name in ASSETS:
        content = read_template_bytes("assets", name)
        files.append(File.generated(config, f"{prefix}assets/{name}", content=content))
    if options.installable:
        from generator.site.offline import ICON, MANIFEST, icon_svg, manifest
        from generator.site.render import site_title

        name = site_title(plan) if plan is not None else config.site_name
        files.append(File.generated(config, MANIFEST, content=manifest(name, name)))
        files.append(File.generated(config, ICON, content=icon_svg()))
    from generator.plan.schema import SCHEMA_PATH, schema_text

    # the plan format's schema, at a stable address editors and CI can point at
    files.append(File.generated(config, prefix + SCHEMA_PATH, content=schema_text()))
    if options.standalone and files.get_file_from_path("robots.txt") is None:
        from generator.site.unlisted import ROBOTS_TXT

        # the whole site is the runbook: no crawler may index it (a guest writes none)
        files.append(File.generated(config, "robots.txt", content=ROBOTS_TXT))
