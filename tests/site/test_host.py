"""The plugin as a guest in someone else's MkDocs site: every theme, both URL styles, the
runbook nested in an existing nav. It builds with --strict, shows no raw markup, every
anchor it links to exists, and it changes nothing of the host but its own section."""

from __future__ import annotations

import logging
import os
import re
from pathlib import Path

import pytest

from tests.conftest import MINIMAL

THEMES = ["mkdocs", "readthedocs", "material"]


class _Collect(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.DEBUG)
        self.lines: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.lines.append(record.getMessage())


def _host(tmp: Path, theme: str, directory_urls: bool) -> Path:
    (tmp / "docs").mkdir(parents=True)
    (tmp / "docs" / "index.md").write_text("# Team handbook\n\nWelcome.\n")
    (tmp / "docs" / "onboarding.md").write_text("# Onboarding\n\nRead the runbook.\n")
    (tmp / "docs" / "extra.css").write_text("body { margin: 0; }\n")
    (tmp / "mkdocs.yml").write_text(
        f"site_name: Team handbook\ntheme:\n  name: {theme}\n"
        + ("  font: false\n" if theme == "material" else "")
        + f"use_directory_urls: {str(directory_urls).lower()}\n"
        "strict: true\n"
        "extra_css: [extra.css]\n"
        "extra:\n  team: comms\n"
        "validation:\n  anchors: info\n"
        "nav:\n  - Home: index.md\n  - Handbook:\n      - Onboarding: onboarding.md\n"
        f"plugins:\n  - search\n  - runbook:\n      plan: {MINIMAL}\n"
        "      section: Crisis runbook\n"
    )
    return tmp


@pytest.mark.parametrize("directory_urls", [True, False], ids=["dir-urls", "file-urls"])
@pytest.mark.parametrize("theme", THEMES)
def test_runbook_in_a_host_site(
    tmp_path: Path, theme: str, directory_urls: bool, monkeypatch: pytest.MonkeyPatch
) -> None:
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    monkeypatch.setenv("NO_MKDOCS_2_WARNING", "1")
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    monkeypatch.delenv("RUNBOOK_PLAN", raising=False)
    host = _host(tmp_path, theme, directory_urls)
    collect = _Collect()
    logger = logging.getLogger("mkdocs")
    logger.addHandler(collect)
    level = logger.level
    logger.setLevel(logging.DEBUG)
    try:
        config = load_config(str(host / "mkdocs.yml"))
        build(config)  # strict: any warning fails the build
    finally:
        logger.removeHandler(collect)
        logger.setLevel(level)
    site = host / "site"
    anchors = [line for line in collect.lines if "anchor" in line and "crisis-runbook" in line]
    assert anchors == [], "every in-page anchor the runbook links to exists"
    pages = sorted((site / "crisis-runbook").rglob("*.html"))
    assert len(pages) >= 8
    for page in pages:
        html = page.read_text()
        assert "!!!" not in html and "{:" not in html, f"raw markup in {page.name}"
        assert "runbook.css" in html, f"no runbook style on {page.name}"
        for target in re.findall(r'href="#([^"]+)"', html):
            assert f'id="{target}"' in html, f"{page.name} links to a missing #{target}"
    # the host is untouched: its name, its own pages (no runbook style), its nav and extra
    host_index = (site / "index.html").read_text()
    assert "Team handbook" in host_index
    assert "runbook.css" not in host_index and "runbook.js" not in host_index
    onboarding = site / ("onboarding/index.html" if directory_urls else "onboarding.html")
    assert "Crisis runbook" in onboarding.read_text(), "the runbook is a section of the nav"
    assert config.extra["team"] == "comms" and "polyfills" not in config.extra
    assert not (site / "crisis-runbook" / "runbook.pdf").exists(), "offline copies are opt-in"
    assert os.path.exists(site / "extra.css")


def test_a_host_site_warns_of_the_plans_warnings_and_a_card_on_a_larger_paper(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    from tests.conftest import edited

    monkeypatch.setenv("NO_MKDOCS_2_WARNING", "1")
    monkeypatch.delenv("RUNBOOK_PLAN", raising=False)
    steps = ", ".join(f"Step {i} of a procedure written out in full, at length" for i in range(60))
    plan = tmp_path / "plan.yaml"
    plan.write_text(
        edited(
            ("    mfa: hardware-key", "    mfa: sms"),
            ("    actions: [Start the plan.]", f"    actions: [{steps}]"),
        )
    )
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "index.md").write_text("# Handbook\n")
    (tmp_path / "mkdocs.yml").write_text(
        "site_name: Handbook\nplugins:\n  - runbook:\n"
        f"      plan: {plan}\n      section: Runbook\n      offline_copies: true\n"
    )
    collect = _Collect()
    logger = logging.getLogger("mkdocs")
    logger.addHandler(collect)
    try:
        build(load_config(str(tmp_path / "mkdocs.yml")))
    finally:
        logger.removeHandler(collect)
    assert (
        f"runbook: {plan}:97:10: warning: social_accounts[0].mfa: @acme uses SMS codes"
        in "\n".join(collect.lines)
    )
    assert any(
        line.startswith("runbook: the card of role `lead` (Comms Lead) does not fit A6")
        for line in collect.lines
    )
