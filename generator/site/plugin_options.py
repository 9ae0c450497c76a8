"""The MkDocs plugin's settings for one build, as its helpers in ``generator/site/``
read them (``plan_hooks.py``, ``folder_hooks.py``, ``site_setup.py``,
``page_hooks.py``, ``site_finish.py``). The plugin makes them afresh from its options
and state whenever it hands a hook on, so a helper never reads a stale setting."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class SiteOptions:
    """The plugin's settings that its helpers need."""

    prefix: str  # the runbook's section's folder ("crisis-runbook/"): "" for a standalone site
    templates_dir: str | None
    offline: bool  # the PDF and the pocket cards too
    serving: bool
    dirty: bool = False  # a serve that rebuilds only the changed pages
    standalone: bool = False  # the runbook is the whole site, not a guest in a host's
    section: str | None = None  # the nav section of a guest's pages

    @property
    def installable(self) -> bool:
        """Whether the site installs on a phone and works offline: a built site that is
        the runbook alone (a host's site is the host's to make so; `serve` is for
        editing)."""
        return self.standalone and not self.serving
