"""Host sites configured like real ones: the Markdown extensions and plugins that act on
text (pymdownx.magiclink, mark, keys, smartsymbols, caret, tilde, mdx_gh_links,
mkdocs-macros), Material's offline plugin and instant navigation, with the injection plan
as a guest in its own section."""

from __future__ import annotations

import logging
import os
import re
from pathlib import Path

from tests.site.injection import injection_yaml

SECTION = "crisis-runbook"
# what the host's own page says: every extension above turns part of it into markup
HOST_PAGE = (
    "# Team handbook\n\n"
    "Ping @dana about #12, ==marked==, ++ctrl+alt+del++ (c), {{ 6*7 }}.\n\n"
    "Open the [severity flowchart](crisis-runbook/triage.md) or the "
    "[internal comms](crisis-runbook/internal-comms.md).\n"
)
EXTENSIONS = """markdown_extensions:
  - pymdownx.magiclink:
      repo_url_shorthand: true
      social_url_shorthand: true
      repo_url_shortener: true
      provider: github
      user: acme
      repo: handbook
  - pymdownx.mark
  - pymdownx.keys
  - pymdownx.smartsymbols
  - pymdownx.caret
  - pymdownx.tilde
  - mdx_gh_links:
      user: acme
      repo: handbook
"""


def write_host(
    folder: Path,
    theme: str,
    *,
    directory_urls: bool,
    site_url: str = "https://handbook.example/",
    runbook: bool = True,
    nav: bool = True,
    plan: str | None = None,
) -> Path:
    """A host site in ``folder``. With directory URLs it cannot have Material's offline
    plugin (which turns them off); with file URLs it has it, in every theme. ``plan``: the
    plan's YAML (else the injection plan)."""
    docs = folder / "docs"
    docs.mkdir(parents=True)
    (docs / "index.md").write_text(HOST_PAGE if runbook else "# Team handbook\n")
    (docs / "onboarding.md").write_text("# Onboarding\n\nRead the runbook.\n")
    (docs / "host-polyfill.js").write_text("window.hostPolyfill = true;\n")
    (folder / "plan.yaml").write_text(plan if plan is not None else injection_yaml())
    offline = "offline" if theme == "material" else "material/offline"
    plugins = ["search", "macros", *([] if directory_urls else [offline])]
    if runbook:
        plugins.append("runbook:\n      plan: plan.yaml\n      section: Crisis runbook")
    features = "  features: [navigation.instant]\n  font: false\n" if theme == "material" else ""
    (folder / "mkdocs.yml").write_text(
        f"site_name: Team handbook\nsite_url: {site_url}\n"
        f"theme:\n  name: {theme}\n{features}"
        f"use_directory_urls: {str(directory_urls).lower()}\n"
        "extra:\n  polyfills: [host-polyfill.js]\n"
        + EXTENSIONS
        + (
            "nav:\n  - Home: index.md\n  - Handbook:\n      - Onboarding: onboarding.md\n"
            if nav
            else ""
        )
        + "plugins:\n"
        + "".join(f"  - {p}\n" for p in plugins)
    )
    return folder


# The warnings a guest may give: the plan's own (as `runbook validate` prints them) and a
# card printed on a larger paper. The injection plan's long texts give both; anything
# else (a broken link, a missing page) fails the build's test as strict mode would.
PLAN_WARNING = re.compile(r"runbook: (.+:\d+:\d+: warning: |the card of role )")


class Collect(logging.Handler):
    """Every message logged at ``level`` or above, as text."""

    def __init__(self, level: int = logging.DEBUG) -> None:
        super().__init__(level)
        self.lines: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.lines.append(record.getMessage())


def build_host(folder: Path) -> None:
    """``mkdocs build`` of the host: no warning but the plan's own; MkDocs' log quiet."""
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
    logger = logging.getLogger("mkdocs")
    level = logger.level
    logger.setLevel(logging.WARNING)
    warnings = Collect(logging.WARNING)
    logger.addHandler(warnings)
    try:
        build(load_config(str(folder / "mkdocs.yml")))
    finally:
        logger.setLevel(level)
        logger.removeHandler(warnings)
    unexpected = [m for m in warnings.lines if not PLAN_WARNING.match(m)]
    assert unexpected == [], unexpected
