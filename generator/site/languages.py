"""The runbook's own site speaks the plan's language: Material's ``theme.language`` (its
labels, the page's ``lang``), the search plugin's ``lang`` (lunr's stemmer), and the
colour toggle's titles. Where Material or lunr has no such language, English.
"""

from __future__ import annotations

from functools import cache
from importlib import resources
from typing import Any

from generator.shared import i18n
from generator.shared.i18n import _


@cache
def material_languages() -> tuple[str, ...]:
    """The languages Material for MkDocs has labels for (``de``, ``pt-BR``, ...)."""
    return _names("templates/partials/languages", ".html")


@cache
def search_languages() -> tuple[str, ...]:
    """The languages Material's search (lunr) can stem, English included."""
    return ("en", *_names("templates/assets/javascripts/lunr/min", ".min.js", "lunr."))


def _names(folder: str, suffix: str, prefix: str = "") -> tuple[str, ...]:
    try:
        node = resources.files("material")
        for part in folder.split("/"):
            node = node / part
        names = [n.name for n in node.iterdir()]
    except (ModuleNotFoundError, OSError):
        return ()
    return tuple(
        sorted(
            n.removeprefix(prefix).removesuffix(suffix)
            for n in names
            if n.startswith(prefix) and n.endswith(suffix)
        )
    )


def theme_language(tag: str) -> str:
    """Material's ``theme.language`` for a plan's language tag."""
    return i18n.ui_language(tag, material_languages())


def search_language(tag: str) -> str:
    """The search plugin's ``lang`` for a plan's language tag."""
    return i18n.ui_language(tag, search_languages())


def palette_names() -> tuple[str, str]:
    """The colour toggle's titles: to dark mode, to light mode (current language)."""
    return _("Switch to dark mode"), _("Switch to light mode")


def follow_plan_language(config: Any, tag: str) -> None:
    """Make a site that is the runbook (``standalone``) speak the plan's language:
    Material's language, the search language and the palette toggle's titles."""
    theme = config.theme
    if theme.name != "material":
        return
    language = theme_language(tag)
    theme["language"] = language
    with i18n.using(tag):
        to_dark, to_light = palette_names()
    for entry in theme.get("palette") or []:
        toggle = entry.get("toggle") if isinstance(entry, dict) else None
        if isinstance(toggle, dict) and toggle.get("name") == "Switch to dark mode":
            toggle["name"] = to_dark
        elif isinstance(toggle, dict) and toggle.get("name") == "Switch to light mode":
            toggle["name"] = to_light
    for name in ("search", "material/search"):
        search = config.plugins.get(name)
        if search is None:
            continue
        lang = [search_language(tag)]
        search.config.lang = lang
        # Material's search copies its settings into its index when it is configured
        # (before this plugin, where mkdocs.yml lists it first)
        settings = getattr(getattr(search, "search_index", None), "config", None)
        if isinstance(settings, dict):
            settings["lang"] = lang
