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
from tests.site.hosts import Collect

THEMES = ["mkdocs", "readthedocs", "material"]


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
    collect = Collect()
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


def _build_host(folder: Path, config: str) -> Path:
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    (folder / "mkdocs.yml").write_text(config)
    build(load_config(str(folder / "mkdocs.yml")))
    return folder / "site"


def _changed_blocks(before: str, after: str) -> list[str]:
    """The lines ``after`` adds or rewrites in ``before``; none may simply be removed."""
    import difflib

    a, b = before.splitlines(), after.splitlines()
    changed = []
    for op, i1, i2, j1, j2 in difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        assert op != "delete", f"removed: {a[i1:i2]}"
        if op != "equal":
            changed.append("\n".join(b[j1:j2]))
    return changed


@pytest.mark.parametrize("theme", THEMES)
def test_only_the_runbooks_section_is_unlisted_and_the_host_is_untouched(
    tmp_path: Path, theme: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    from generator.site.unlisted import NOINDEX
    from tests.conftest import edited

    monkeypatch.setenv("NO_MKDOCS_2_WARNING", "1")
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1767225600")  # the host's own, for both builds
    monkeypatch.delenv("RUNBOOK_PLAN", raising=False)
    plan = tmp_path / "plan.yaml"
    plan.write_text(edited(("  owner: lead\n", "  owner: lead\n  classification: Internal\n")))
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "index.md").write_text("# Team handbook\n\nWelcome.\n")
    (docs / "onboarding.md").write_text("# Onboarding\n\nRead the runbook.\n")
    (docs / "robots.txt").write_text("User-agent: *\nAllow: /\n")  # the host's own
    overrides = tmp_path / "overrides"
    overrides.mkdir()
    (overrides / "sitemap.xml").write_text(_sitemap_override_from_the_docs())
    host = (
        "site_name: Team handbook\nsite_url: https://handbook.example/\n"
        f"docs_dir: {docs}\ntheme:\n  name: {theme}\n  custom_dir: {overrides}\n"
        "nav:\n  - Home: index.md\n  - Handbook:\n      - Onboarding: onboarding.md\n"
        "plugins:\n  - search\n"
    )
    (tmp_path / "bare").mkdir()
    (tmp_path / "guest").mkdir()
    guest = _build_host(
        tmp_path / "guest",
        f"{host}  - runbook:\n      plan: {plan}\n      section: Crisis runbook\n",
    )
    bare = _build_host(tmp_path / "bare", host)
    host_pages = sorted(p.relative_to(bare) for p in bare.rglob("*.html"))
    added_at_root = {p.name for p in guest.glob("*")} - {p.name for p in bare.glob("*")}
    assert added_at_root == {"crisis-runbook"}, "no robots.txt or marker of the runbook's"
    assert (guest / "robots.txt").read_text() == "User-agent: *\nAllow: /\n"
    for page in host_pages:
        # the host's own pages change only where the nav links to the runbook's section
        for block in _changed_blocks((bare / page).read_text(), (guest / page).read_text()):
            assert "crisis-runbook" in block, f"{page}: {block!r}"
        assert NOINDEX not in (guest / page).read_text()
    runbook_pages = sorted((guest / "crisis-runbook").rglob("*.html"))
    assert len(runbook_pages) >= 8
    for page in runbook_pages:
        head = page.read_text().split("</head>")[0]
        assert head.count(NOINDEX) == 1, page.name
        assert re.search(r"<title>[^<]* \(Internal\)</title>", head), page.name
    # the docs' sitemap override keeps the section out of the host's sitemap
    sitemap = (guest / "sitemap.xml").read_text()
    assert "https://handbook.example/onboarding/" in sitemap
    assert "crisis-runbook" not in sitemap


def _sitemap_override_from_the_docs() -> str:
    from tests.conftest import ROOT

    text = (ROOT / "docs" / "hosting.md").read_text()
    found = re.search(r"```xml\n(<\?xml.*?)```", text, re.DOTALL)
    assert found, "docs/hosting.md shows the sitemap.xml override"
    return found.group(1)


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
    collect = Collect()
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
