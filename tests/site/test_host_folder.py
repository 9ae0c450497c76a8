"""The plugin with `plans: plans/` in a host site: the choose-a-plan page and each plan
under the runbook's section, in the host's nav, with --strict; the host's pages keep
their own nav and show one link per plan."""

from __future__ import annotations

import json
import logging
import re
import shutil
from pathlib import Path

import pytest

from tests.site.hosts import Collect
from tests.site.test_folder_site import PORTFOLIO, STEMS


def _host(tmp: Path, theme: str, nav: bool) -> Path:
    (tmp / "docs").mkdir(parents=True)
    (tmp / "docs" / "index.md").write_text("# Team handbook\n\nWelcome.\n")
    (tmp / "docs" / "onboarding.md").write_text("# Onboarding\n\nRead the runbook.\n")
    shutil.copytree(PORTFOLIO, tmp / "plans")
    (tmp / "mkdocs.yml").write_text(
        f"site_name: Team handbook\ntheme:\n  name: {theme}\n"
        + ("  font: false\n" if theme == "material" else "")
        + "use_directory_urls: false\nstrict: true\n"
        + (
            "nav:\n  - Home: index.md\n  - Handbook:\n      - Onboarding: onboarding.md\n"
            if nav
            else ""
        )
        + "plugins:\n  - search\n  - runbook:\n      plans: plans/\n"
        "      section: Crisis runbook\n      offline_copies: true\n"
    )
    return tmp


@pytest.mark.parametrize("nav", [True, False], ids=["host-nav", "no-nav"])
@pytest.mark.parametrize("theme", ["mkdocs", "material"])
def test_a_folder_of_plans_in_a_host_site(
    tmp_path: Path, theme: str, nav: bool, monkeypatch: pytest.MonkeyPatch
) -> None:
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    monkeypatch.setenv("NO_MKDOCS_2_WARNING", "1")
    monkeypatch.delenv("RUNBOOK_PLAN", raising=False)
    monkeypatch.delenv("RUNBOOK_PLANS", raising=False)
    host = _host(tmp_path, theme, nav)
    collect = Collect(logging.WARNING)
    logger = logging.getLogger("mkdocs")
    logger.addHandler(collect)
    try:
        build(load_config(str(host / "mkdocs.yml")))  # strict: a warning fails the build
    finally:
        logger.removeHandler(collect)
    unexpected = [m for m in collect.lines if ": warning: " not in m]
    assert unexpected == []
    site = host / "site" / "crisis-runbook"
    chooser = (site / "index.html").read_text()
    for stem in STEMS:
        assert f'href="{stem}/index.html#in-a-crisis-now"' in chooser
        assert (site / stem / "levels" / "level-4.html").is_file()
        assert (site / stem / "runbook.pdf").read_bytes().startswith(b"%PDF")
    assert not (host / "site" / "robots.txt").exists(), "a guest writes nothing at the top"
    home = (host / "site" / "index.html").read_text()
    assert "Onboarding" in home
    index = json.loads((host / "site" / "search" / "search_index.json").read_text())
    titles = {d["location"]: d["title"] for d in index["docs"]}
    assert titles["crisis-runbook/fabrikam/contacts.html"].startswith(
        "Social Media Crisis Runbook - Fabrikam Outdoor: "
    )
    if nav:  # a plan's page shows its own plan's pages, and the host's nav
        page = (site / "northwind" / "contacts.html").read_text()
        assert "Onboarding" in page
        links = re.findall(r'href="([^"#]+)', page)
        assert any(link.endswith("roles.html") for link in links)
        assert not any("fabrikam/" in link for link in links)
