"""The runbook as a guest in hosts configured like real sites (tests/site/hosts.py): its
plan text stays text under every Markdown extension and template plugin the host enables,
every link it writes resolves without JavaScript, and it leaves no trace in the host
outside its section."""

from __future__ import annotations

import html
import os
import re
import time
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest
from mkdocs.exceptions import Abort

from generator.plan.validate import load_valid_plan
from generator.site.plantext import TOKEN
from tests.site.hosts import SECTION, build_host, write_host
from tests.site.injection import HOST_MARKUP

THEMES = ["material", "mkdocs", "readthedocs"]
HOST_DATE = "2025-01-02"  # the host's own SOURCE_DATE_EPOCH, in the dir-urls builds
HOST_EPOCH = "1735776000"


def _target(site: Path, page: Path, url: str) -> Path | None:
    """The file a relative link from ``page`` reaches (None: not a relative link)."""
    parts = urlsplit(url)
    if parts.scheme or parts.netloc or not parts.path:
        return None
    path = (page.parent / unquote(parts.path)).resolve()
    return path / "index.html" if url.split("#")[0].endswith("/") or path.is_dir() else path


def _links(text: str) -> list[str]:
    return re.findall(r'\s(?:href|src|xlink:href)="([^"]*)"', text)


HOSTS = [(theme, directory_urls) for theme in THEMES for directory_urls in (True, False)]


@pytest.fixture(
    scope="module", params=HOSTS, ids=[f"{t}-{'dir' if d else 'file'}-urls" for t, d in HOSTS]
)
def hostile_host(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> tuple[Path, str, bool]:
    """The host built once per theme and URL style: with directory URLs the host sets its
    own SOURCE_DATE_EPOCH, with file URLs (and Material's offline plugin) it sets none."""
    theme, directory_urls = request.param
    saved = {key: os.environ.pop(key, None) for key in ("SOURCE_DATE_EPOCH", "RUNBOOK_PLAN")}
    try:
        if directory_urls:
            os.environ["SOURCE_DATE_EPOCH"] = HOST_EPOCH
        host = write_host(
            tmp_path_factory.mktemp(theme) / "host", theme, directory_urls=directory_urls
        )
        build_host(host)
        assert os.environ.get("SOURCE_DATE_EPOCH") == (HOST_EPOCH if directory_urls else None), (
            "the guest leaves the environment as it found it"
        )
    finally:
        os.environ.pop("SOURCE_DATE_EPOCH", None)
        os.environ.update({key: value for key, value in saved.items() if value is not None})
    return host / "site", theme, directory_urls


def test_plan_text_is_shown_as_written_under_every_extension(
    hostile_host: tuple[Path, str, bool],
) -> None:
    site, _, _ = hostile_host
    host_page = (site / "index.html").read_text()
    # the host's extensions and macros are really on: its own page is turned into markup
    assert "<mark>marked</mark>" in host_page and "magiclink" in host_page
    assert "42." in host_page and "{{ 6*7 }}" not in host_page
    shown = html.escape(HOST_MARKUP, quote=False)
    pages = sorted((site / SECTION).rglob("*.html"))
    assert len(pages) >= 12
    for page in pages:
        text = page.read_text()
        name = page.relative_to(site)
        for markup in ("<mark>", "magiclink", "gh-link", 'class="keys"', "&copy;", "©", "<del>"):
            assert markup not in text, f"{name}: a host extension made {markup} of plan text"
        assert "<script>alert" not in text and "<img src=x" not in text, name
        if page.name != "offline.html":
            assert shown in text and "{{ 7*7 }}" in text and "{% if true %}" in text, (
                f"{name} does not show the plan's text as written"
            )
    for path in site.rglob("*"):
        if path.is_file() and path.suffix in {".html", ".json", ".js", ".xml"}:
            assert not TOKEN.search(path.read_text(errors="replace")), f"a placeholder in {path}"


def test_titles_and_nav_show_plan_text_as_written(hostile_host: tuple[Path, str, bool]) -> None:
    site, _, directory_urls = hostile_host
    level = site / SECTION / "levels" / ("level-1/index.html" if directory_urls else "level-1.html")
    title = re.search(r"<title>(.*?)</title>", level.read_text(), re.S)
    assert title is not None
    assert title.group(1).strip().startswith("Level 1: X")
    assert "&lt;script&gt;alert(" in title.group(1) and "{{ 7*7 }}" in title.group(1)
    # the host's own pages list the runbook's pages in their nav, titles escaped
    assert "&lt;script&gt;alert(" in (site / "index.html").read_text()


def test_every_relative_link_resolves_without_javascript(
    hostile_host: tuple[Path, str, bool],
) -> None:
    site, _, _ = hostile_host
    ids: dict[Path, set[str]] = {}
    for page in sorted((site / SECTION).rglob("*.html")):
        text = page.read_text()
        for url in _links(text):
            assert not url.lower().startswith("javascript:"), page
            target = _target(site, page, url)
            if target is None:
                if url.startswith("#") and len(url) > 1:
                    assert f'id="{unquote(url[1:])}"' in text, f"{page} links to a missing {url}"
                continue
            assert target.is_file(), f"{page.relative_to(site)} links to {url}: no such file"
            fragment = urlsplit(url).fragment
            if fragment and target.suffix == ".html":
                found = ids.setdefault(target, set(re.findall(r'id="([^"]+)"', target.read_text())))
                assert unquote(fragment) in found, f"{page} links to a missing {url}"
    triage = (site / SECTION).rglob("triage*")
    chart = next(p for p in triage if p.suffix == ".html" or p.is_dir())
    text = (chart / "index.html" if chart.is_dir() else chart).read_text()
    assert len(re.findall(r'xlink:href="[^"#]*level-\d', text)) >= 5, "level boxes link"


def test_no_trace_in_the_host(hostile_host: tuple[Path, str, bool], tmp_path: Path) -> None:
    site, theme, directory_urls = hostile_host
    assert not (site / ".runbook-site").exists(), "a guest writes nothing at the site's top"
    # the host alone, built the same way: the same files outside the runbook's section
    alone = write_host(tmp_path / "alone", theme, directory_urls=directory_urls, runbook=False)
    build_host(alone)

    def outside(root: Path) -> set[str]:
        return {
            str(p.relative_to(root))
            for p in root.rglob("*")
            if p.is_file() and not str(p.relative_to(root)).startswith(SECTION + "/")
        }

    assert outside(site) == outside(alone / "site")
    # sitemap: host pages keep the host's date, the runbook's pages carry the plan's
    plan = load_valid_plan(site.parent / "plan.yaml")
    host_day = HOST_DATE if directory_urls else time.strftime("%Y-%m-%d", time.gmtime())
    entries = re.findall(
        r"<loc>([^<]*)</loc>\s*<lastmod>([^<]*)</lastmod>", (site / "sitemap.xml").read_text()
    )
    assert entries
    for loc, day in entries:
        expected = str(plan.plan.last_reviewed) if f"/{SECTION}/" in loc else host_day
        assert day == expected, f"{loc} dated {day}"
    if theme == "material" and not directory_urls:  # Material prints the polyfills
        scripts = re.compile(r'<script src="([^"]*)"')
        host_scripts = scripts.findall((site / "index.html").read_text())
        assert "host-polyfill.js" in host_scripts
        assert "https://unpkg.com/iframe-worker/shim" in host_scripts, "host pages untouched"
        own = scripts.findall((site / SECTION / "triage.html").read_text())
        assert "../host-polyfill.js" in own and "assets/iframe-worker-shim.js" in own
        assert not any("unpkg" in s for s in own), "the runbook's pages load nothing remote"


def test_a_guest_needs_a_section(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    host = write_host(tmp_path, "mkdocs", directory_urls=True)
    config = host / "mkdocs.yml"
    config.write_text(config.read_text().replace("      section: Crisis runbook\n", ""))
    with pytest.raises(Abort):
        build_host(host)
    assert "a guest in a site needs a section" in caplog.text
    assert not (host / "site").exists(), "the host's home page is never replaced"


def test_a_guest_never_replaces_a_host_page(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    host = write_host(tmp_path, "mkdocs", directory_urls=True)
    (host / "docs" / SECTION).mkdir()
    (host / "docs" / SECTION / "contacts.md").write_text("# Our own contacts\n")
    with pytest.raises(Abort):
        build_host(host)
    assert f"the site already has {SECTION}/contacts.md" in caplog.text


def test_without_a_host_nav_the_pages_come_in_the_runbooks_order(tmp_path: Path) -> None:
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    from generator.shared.outline import page_paths

    host = write_host(tmp_path, "mkdocs", directory_urls=False, nav=False)
    config = load_config(str(host / "mkdocs.yml"))
    seen: list[str] = []

    class Spy:
        def on_nav(self, nav: object, /, **_: object) -> object:
            seen.extend(p.file.src_uri for p in nav.pages)  # type: ignore[attr-defined]
            return nav

    config.plugins["spy"] = Spy()  # type: ignore[index,assignment]
    build(config)
    plan = load_valid_plan(host / "plan.yaml")
    expected = [f"{SECTION}/{path}" for path, _ in page_paths(plan)]
    assert [p for p in seen if p.startswith(SECTION)] == expected
    assert "Severity levels" in (host / "site" / "onboarding.html").read_text()


def test_serve_prints_the_sections_address(capsys: pytest.CaptureFixture[str]) -> None:
    from generator.mkdocs_plugin import RunbookPlugin

    class Server:  # MkDocs' LiveReloadServer: a WSGI server that watches paths
        url = "http://127.0.0.1:8000/"
        server_address = ("127.0.0.1", 8000)
        app: object = None

        def watch(self, path: str) -> None:
            pass

        def get_app(self) -> object:
            return self.app

        def set_app(self, app: object) -> None:
            self.app = app

    plugin = RunbookPlugin()
    plugin.load_config({"plan": "p.yaml", "section": "Crisis runbook"})
    plugin.prefix = "crisis-runbook/"
    plugin.on_serve(Server(), config=None, builder=None)
    assert "on http://127.0.0.1:8000/crisis-runbook/ (Ctrl+C" in capsys.readouterr().err
