"""The site stage: plan -> Markdown pages -> MkDocs.

Takes a valid ``Plan`` and gives the runbook's pages (``render_pages``: a pure
``{path: Markdown}``), a built site folder (``build_site``, all or nothing), a
served site (``serve_site``) or a Markdown tree for other engines
(``render_markdown``); for a folder of plans, one site for them all
(``build_any`` in ``folder_build.py``).

It imports ``generator.plan`` and ``generator.shared``, never ``printing``,
``review`` or ``listening``. The MkDocs plugin, which puts the printed copies
into the site, sits above both stages in ``generator/mkdocs_plugin.py``.
"""

from generator.site.build import build_site, render_markdown, serve_site

__all__ = ["build_site", "render_markdown", "serve_site"]
