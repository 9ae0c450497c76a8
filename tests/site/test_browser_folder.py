"""The folder's one site in Chromium: the choose-a-plan page and a plan's pages load
with no error and no accessibility violation, in both colour schemes."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import pytest

from generator.site.folder_build import build_any
from tests.site.test_folder_site import PORTFOLIO

PAGES = ["index.html", "404.html", "northwind-eu/index.html", "fabrikam/levels/level-5.html"]


@pytest.fixture(scope="module")
def folder_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    top = tmp_path_factory.mktemp("folder-site")
    shutil.copytree(PORTFOLIO, top / "plans")
    build_any(top / "plans", top / "site", offline_copies=False)
    return top / "site"


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_no_error_and_no_accessibility_violation(
    browser: Any, folder_site: Path, scheme: str
) -> None:
    from axe_playwright_python.sync_playwright import Axe

    axe = Axe()
    found: dict[str, list[str]] = {}
    errors: list[str] = []
    context = browser.new_context(color_scheme=scheme)
    page = context.new_page()
    page.on("pageerror", lambda error: errors.append(str(error)))
    for name in PAGES:
        page.goto((folder_site / name).as_uri())
        violations = axe.run(page).response["violations"]
        if violations:
            found[name] = [
                f"{v['id']} ({v['impact']}): {v['nodes'][0]['target']}" for v in violations
            ]
    context.close()
    assert errors == []
    assert found == {}
