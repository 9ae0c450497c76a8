"""Every link in README.md, CHANGELOG.md and docs/*.md resolves: relative files exist,
and an ``#anchor`` names a heading of its page by Python-Markdown's slug rule (MkDocs)
and by GitHub's. The package's own URLs point at files that exist, and the shipped
plan format reference is the docs page."""

from __future__ import annotations

import os
import re
import tomllib
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

import markdown
import pytest
from markdown.extensions.toc import slugify

from generator import __version__
from generator.shared.reference import REFERENCE_FILE
from tests.conftest import ROOT, compare_golden

DOCS = [ROOT / "README.md", ROOT / "CHANGELOG.md", *sorted((ROOT / "docs").glob("*.md"))]


class _Links(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.targets: list[str] = []
        self.ids: set[str] = set()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = dict(attrs)
        for key in ("href", "src"):
            if found.get(key) and tag in ("a", "img"):
                self.targets.append(str(found[key]))
        if found.get("id"):
            self.ids.add(str(found["id"]))


def _parse(doc: Path) -> _Links:
    html = markdown.markdown(
        doc.read_text(encoding="utf-8"), extensions=["toc", "tables", "fenced_code"]
    )
    links = _Links()
    links.feed(html)
    return links


def github_slug(heading: str) -> str:
    """GitHub's anchor for a heading: lower case, punctuation but ``-`` and ``_``
    dropped, each space a hyphen."""
    return re.sub(r"[^\w\- ]", "", heading.strip().lower()).replace(" ", "-")


def anchors(doc: Path) -> set[str]:
    """The anchors both MkDocs (Python-Markdown's toc) and GitHub give the page."""
    headings, fenced = [], False
    for line in doc.read_text(encoding="utf-8").splitlines():
        if line.lstrip().startswith("```"):
            fenced = not fenced
        elif not fenced and (m := re.match(r"^#{1,6} (.+?)\s*$", line)):
            headings.append(m.group(1).replace("`", ""))
    mkdocs = _parse(doc).ids
    return {github_slug(h) for h in headings} & mkdocs


def broken_links(doc: Path) -> list[str]:
    """The links of one document that lead nowhere."""
    out = []
    for target in _parse(doc).targets:
        parts = urlsplit(target)
        if parts.scheme or parts.netloc or target.startswith("mailto:"):
            continue  # the network is not reached from tests
        path = doc.parent / unquote(parts.path) if parts.path else doc
        if not path.exists():
            out.append(f"{target}: no file {os.path.relpath(path, ROOT)}")
        elif parts.fragment and path.suffix == ".md" and parts.fragment not in anchors(path):
            out.append(f"{target}: no heading #{parts.fragment} in {os.path.relpath(path, ROOT)}")
    return out


@pytest.mark.parametrize("doc", DOCS, ids=[d.name for d in DOCS])
def test_every_link_resolves(doc: Path) -> None:
    assert not broken_links(doc)


def test_a_broken_link_and_anchor_are_found(tmp_path: Path) -> None:
    (tmp_path / "a.md").write_text("## Some `key`, and more\n\nText.\n", encoding="utf-8")
    doc = tmp_path / "b.md"
    doc.write_text(
        "[ok](a.md#some-key-and-more) [bad](a.md#some-key) [gone](c.md) [self](#nowhere)\n",
        encoding="utf-8",
    )
    found = "\n".join(broken_links(doc)).replace(str(tmp_path), "")
    assert "a.md#some-key:" in found and "c.md:" in found and "#nowhere" in found
    assert "some-key-and-more" not in found
    assert slugify("Some key, and more", "-") == github_slug("Some key, and more")


def test_project_urls_lead_to_files_that_exist() -> None:
    urls = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]["urls"]
    for name, url in urls.items():
        if "/blob/main/" in url:
            assert (ROOT / url.split("/blob/main/", 1)[1]).is_file(), f"{name}: {url}"
    assert "/blob/main/CHANGELOG.md" in urls["Changelog"]


def test_changelog_has_this_version_and_calls_out_the_plan_format() -> None:
    text = (ROOT / "CHANGELOG.md").read_text(encoding="utf-8")
    releases = re.findall(r"^## \[([^\]]+)\]", text, flags=re.MULTILINE)
    assert releases[0] == "Unreleased" and __version__ in releases
    for release in re.split(r"^## ", text, flags=re.MULTILINE)[1:]:
        assert "### Plan format" in release, release.splitlines()[0]


def test_golden_shipped_reference_is_the_docs_page() -> None:
    """`runbook help format` prints generator/plan/plan-format.md, a copy of the page that
    people edit: ``make golden`` copies docs/plan-format.md over it."""
    compare_golden(
        ROOT / "generator" / "plan" / REFERENCE_FILE,
        (ROOT / "docs" / "plan-format.md").read_text(encoding="utf-8"),
    )
