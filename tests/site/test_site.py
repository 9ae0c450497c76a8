"""Building the site: safe output, determinism, offline, plugin integration, render --out."""

from __future__ import annotations

import hashlib
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from generator.cli import main
from generator.files import OUTPUT_MARKER as MARKER
from tests.conftest import EXAMPLE, MINIMAL, ROOT, edited

CONFIG = ROOT / "mkdocs.yml"


@pytest.fixture(autouse=True)
def _restore_env(monkeypatch: pytest.MonkeyPatch) -> None:
    # the plugin sets SOURCE_DATE_EPOCH from the plan; keep each test's environment its own
    monkeypatch.setenv("NO_MKDOCS_2_WARNING", "1")
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    monkeypatch.delenv("RUNBOOK_PLAN", raising=False)


def build(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(main, ["build", "--config", str(CONFIG), *args])
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    return result.exit_code, result.output


def tree(folder: Path) -> dict[str, str]:
    return {
        str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def test_build_writes_the_site_with_its_marker(tmp_path: Path) -> None:
    code, out = build("--plan", str(MINIMAL), "--site-dir", str(tmp_path / "site"))
    assert code == 0, out
    site = tmp_path / "site"
    assert (site / MARKER).exists()
    for page in (
        "index.html",
        "triage.html",
        "levels/level-3.html",
        "contacts.html",
        "credentials.html",
    ):
        assert (site / page).exists(), page
    assert "Ann Lee" in (site / "contacts.html").read_text()
    assert not list(tmp_path.glob(".site.*")), "no temporary folder is left behind"


def test_invalid_plan_leaves_the_previous_site_byte_for_byte(tmp_path: Path) -> None:
    site = tmp_path / "site"
    assert build("--plan", str(MINIMAL), "--site-dir", str(site))[0] == 0
    before = tree(site)
    bad = tmp_path / "bad.yaml"
    bad.write_text(edited(("    accountable: lead\n", "    accountable: nobody\n")))
    code, out = build("--plan", str(bad), "--site-dir", str(site))
    assert code == 1 and "no role has the id `nobody`" in out
    assert tree(site) == before


def test_failed_build_leaves_the_previous_site(tmp_path: Path) -> None:
    site = tmp_path / "site"
    assert build("--plan", str(MINIMAL), "--site-dir", str(site))[0] == 0
    before = tree(site)
    broken = tmp_path / "templates"
    broken.mkdir()
    (broken / "index.md.j2").write_text("{{ no_such_variable }}")
    config = tmp_path / "mkdocs.yml"
    config.write_text(
        CONFIG.read_text()
        .replace("docs_dir: docs/runbook-pages", f"docs_dir: {ROOT / 'docs' / 'runbook-pages'}")
        .replace("plan: plans/example.yaml", f"plan: {MINIMAL}\n      templates_dir: {broken}")
    )
    result = CliRunner().invoke(
        main, ["build", "--config", str(config), "--plan", str(MINIMAL), "--site-dir", str(site)]
    )
    assert result.exit_code != 0 and "Traceback" not in result.output
    assert tree(site) == before
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".site.")]


def test_the_copies_print_with_a_quick_gil_handover_set_back_after(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The pages (Python) and the copies (Typst, on other threads) build at once: the
    GIL is handed on every 1 ms while they do, and the interval is set back after a
    build, a failed one too."""
    import generator.printing.copies
    from generator.site.build import HANDOVER_S

    seen: list[float] = []
    printing = generator.printing.copies.offline_copies
    fail = False

    def watched(*args: Any, **kwargs: Any) -> Any:
        seen.append(sys.getswitchinterval())
        if fail:
            raise RuntimeError("the printer jammed")
        return printing(*args, **kwargs)

    monkeypatch.setattr(generator.printing.copies, "offline_copies", watched)
    before = sys.getswitchinterval()
    assert before > HANDOVER_S
    assert build("--plan", str(MINIMAL), "--site-dir", str(tmp_path / "site"))[0] == 0
    assert seen == [HANDOVER_S]
    assert sys.getswitchinterval() == before
    seen.clear()
    fail = True
    assert build("--plan", str(MINIMAL), "--site-dir", str(tmp_path / "site"))[0] != 0
    assert seen == [HANDOVER_S]
    assert sys.getswitchinterval() == before


def test_refuses_a_folder_it_did_not_make(tmp_path: Path) -> None:
    precious = tmp_path / "project"
    precious.mkdir()
    (precious / "notes.txt").write_text("keep me")
    code, out = build("--plan", str(MINIMAL), "--site-dir", str(precious))
    assert code == 2 and "holds files that runbook did not make" in out
    assert (precious / "notes.txt").read_text() == "keep me"
    code, out = build("--plan", str(MINIMAL), "--site-dir", str(ROOT))
    assert code == 2


def test_same_plan_gives_byte_identical_sites(tmp_path: Path) -> None:
    first = tmp_path / "one" / "site"
    assert build("--plan", str(MINIMAL), "--site-dir", str(first))[0] == 0
    # another folder, another time, another working directory, a copy of the plan
    other = tmp_path / "elsewhere"
    other.mkdir()
    shutil.copy(MINIMAL, other / "plan.yaml")
    env = {**os.environ, "TZ": "Asia/Tokyo", "NO_MKDOCS_2_WARNING": "1"}
    env.pop("SOURCE_DATE_EPOCH", None)
    second = tmp_path / "two" / "site"
    subprocess.run(
        [
            sys.executable,
            "-m",
            "generator",
            "build",
            "--config",
            str(CONFIG),
            "--plan",
            "plan.yaml",
            "--site-dir",
            str(second),
        ],
        cwd=other,
        env=env,
        check=True,
        capture_output=True,
    )
    assert tree(first) == tree(second)


def test_built_site_requests_nothing_outside_itself(tmp_path: Path) -> None:
    site = tmp_path / "site"
    assert build("--plan", str(MINIMAL), "--site-dir", str(site))[0] == 0
    loads = re.compile(
        r"<(?:script|link|img|iframe|source|video|audio)\b[^>]*?(?:src|href)=\"([^\"]+)\""
    )
    for page in site.rglob("*.html"):
        for url in loads.findall(page.read_text()):
            assert not re.match(r"^(?:https?:)?//", url), f"{page.name} loads {url}"
    # Material's bundle keeps two dormant loaders (a ResizeObserver polyfill for browsers
    # without it, and Mermaid for pages with Mermaid diagrams); the browser tests check
    # that no request leaves the site. Here: the stylesheets and our own scripts.
    ours = [p for p in site.rglob("*.js") if "runbook" in p.name or "iframe-worker" in p.name]
    for asset in list(site.rglob("*.css")) + ours:
        text = asset.read_text(errors="replace")
        for host in (
            "fonts.googleapis",
            "fonts.gstatic",
            "unpkg.com",
            "jsdelivr",
            "polyfill.io",
            "cdnjs",
        ):
            assert host not in text, f"{asset.name} mentions {host}"
    assert (site / "search" / "search_index.js").exists()  # search works from file://


def test_plugin_adds_a_section_to_an_existing_site(tmp_path: Path) -> None:
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "index.md").write_text("# Our handbook\n")
    (tmp_path / "mkdocs.yml").write_text(
        "site_name: Handbook\nuse_directory_urls: false\ntheme:\n  name: material\n  font: false\n"
        "nav:\n  - Home: index.md\nplugins:\n  - search\n  - runbook:\n"
        f"      plan: {MINIMAL}\n      section: Crisis runbook\n"
        "markdown_extensions: [admonition, attr_list, md_in_html, tables]\n"
    )
    done = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "-q"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
    )
    assert done.returncode == 0, done.stderr
    site = tmp_path / "site"
    assert (site / "index.html").exists()
    runbook = site / "crisis-runbook"
    assert (runbook / "levels" / "level-3.html").exists()
    home = (site / "index.html").read_text()
    assert "Crisis runbook" in home and "crisis-runbook/triage.html" in home
    assert "Handbook" in home  # the host site keeps its own name


def test_render_writes_markdown_that_plain_mkdocs_builds(tmp_path: Path) -> None:
    out = tmp_path / "out"
    result = CliRunner().invoke(main, ["render", "--plan", str(MINIMAL), "--out", str(out)])
    assert result.exit_code == 0, result.output
    assert (out / "mkdocs.yml").exists() and (out / "docs" / "levels" / "level-1.md").exists()
    assert "<svg" in (out / "docs" / "triage.md").read_text()
    done = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "-q", "--strict"],
        cwd=out,
        capture_output=True,
        text=True,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
    )
    assert done.returncode == 0, done.stderr
    assert (out / "site" / "credentials.html").exists()


def test_build_without_a_config(tmp_path: Path) -> None:
    result = CliRunner().invoke(
        main,
        [
            "build",
            "--config",
            str(tmp_path / "none.yml"),
            "--plan",
            str(MINIMAL),
            "--site-dir",
            str(tmp_path / "s"),
        ],
    )
    assert result.exit_code == 2 and "no such MkDocs config" in result.output


def test_serve_watches_the_plan_and_templates(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from mkdocs.config import load_config

    monkeypatch.setenv("RUNBOOK_PLAN", str(MINIMAL))  # how `runbook serve --plan` reaches it
    config = load_config(config_file=str(CONFIG), site_dir=str(tmp_path / "s"))
    plugin = config.plugins["runbook"]
    plugin.config.templates_dir = str(tmp_path)
    config = plugin.on_config(config)
    assert plugin.plan is not None and plugin.plan.plan.organization == "Acme"

    class FakeServer:  # MkDocs' LiveReloadServer: a WSGI server that watches paths
        url = "http://127.0.0.1:8000/"
        server_address = ("127.0.0.1", 8000)

        def __init__(self) -> None:
            self.watched: list[str] = []
            self.app: Any = lambda environ, start_response: [b"page"]

        def watch(self, path: str) -> None:
            self.watched.append(path)

        def get_app(self) -> Any:
            return self.app

        def set_app(self, app: Any) -> None:
            self.app = app

    server = plugin.on_serve(FakeServer(), config=config, builder=None)
    statuses: list[str] = []
    assert server.app({"HTTP_HOST": "localhost:8000"}, lambda s, h: statuses.append(s)) == [b"page"]
    server.app({"HTTP_HOST": "rebind.example:8000"}, lambda s, h: statuses.append(s))
    assert statuses == ["403 Forbidden"], "the Host check is in front of the site"
    assert str(MINIMAL.resolve()) in server.watched
    assert str(tmp_path.resolve()) in server.watched
    assert plugin.one.flowchart is not None and plugin.one.flowchart.result().startswith("<svg")


def test_an_old_site_that_cannot_be_deleted_is_reported(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import generator.files

    site = tmp_path / "site"
    assert build("--plan", str(MINIMAL), "--site-dir", str(site), "--no-offline-copies")[0] == 0
    real_rmtree = shutil.rmtree

    def stubborn(path: Any, *args: Any, **kwargs: Any) -> None:
        if ".site.old-" in str(path):
            return  # as if a file in it were locked
        real_rmtree(path, *args, **kwargs)

    monkeypatch.setattr(generator.files.shutil, "rmtree", stubborn)
    (tmp_path / "plan.yaml").write_text(MINIMAL.read_text().replace("Ann Lee", "Ann Lea"))
    code, out = build(
        "--plan", str(tmp_path / "plan.yaml"), "--site-dir", str(site), "--no-offline-copies"
    )
    assert code == 2 and "could not be deleted; remove it by hand" in out
    assert "Ann Lea" in (site / "contacts.html").read_text(), "the new site is in place"


def test_sigterm_during_a_build_leaves_the_old_site_and_no_temporary_folder(
    tmp_path: Path,
) -> None:
    import signal
    import time

    site = tmp_path / "site"
    assert build("--plan", str(MINIMAL), "--site-dir", str(site), "--no-offline-copies")[0] == 0
    before = tree(site)
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    process = subprocess.Popen(
        [
            *(sys.executable, "-m", "generator", "build", "--config", str(CONFIG)),
            *("--plan", str(MINIMAL), "--site-dir", str(site)),
        ],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
    )
    deadline = time.monotonic() + 60
    while not list(tmp_path.glob(".site.new-*")) and time.monotonic() < deadline:
        time.sleep(0.02)
    assert list(tmp_path.glob(".site.new-*")), "the build started"
    process.send_signal(signal.SIGTERM)
    process.wait(timeout=60)
    assert process.returncode != 0
    assert not list(tmp_path.glob(".site.*")), "no temporary folder is left behind"
    assert tree(site) == before


def test_site_publishes_the_schema_at_its_id(tmp_path: Path) -> None:
    import json

    from generator.plan.schema import SCHEMA_ID, SCHEMA_PATH, schema_text

    site = tmp_path / "site"
    assert build("--plan", str(MINIMAL), "--site-dir", str(site), "--no-offline-copies")[0] == 0
    assert (site / SCHEMA_PATH).read_text() == schema_text()
    assert json.loads(schema_text())["$id"] == SCHEMA_ID and SCHEMA_ID.endswith(SCHEMA_PATH)


def test_every_page_asks_robots_to_stay_out_and_names_the_classification(
    tmp_path: Path,
) -> None:
    from generator.plan.validate import load_valid_plan
    from generator.site.unlisted import NOINDEX

    site = tmp_path / "site"
    assert build("--plan", str(EXAMPLE), "--site-dir", str(site), "--no-offline-copies")[0] == 0
    classification = load_valid_plan(EXAMPLE).plan.classification
    assert classification
    pages = sorted(site.rglob("*.html"))
    assert len(pages) >= 15 and site / "404.html" in pages
    for page in pages:
        head = page.read_text().split("</head>")[0]
        assert head.count(NOINDEX) == 1, f"{page.name}: no noindex tag in its head"
        title = re.findall(r"<title>(.*?)</title>", head)
        assert len(title) == 1 and title[0].endswith(f" ({classification})"), page.name
    # every crawler that reads robots.txt is turned away, and no sitemap lists the pages
    assert (site / "robots.txt").read_text() == "User-agent: *\nDisallow: /\n"
    assert not (site / "sitemap.xml").exists() and not (site / "sitemap.xml.gz").exists()


def test_a_sites_own_robots_txt_is_kept(tmp_path: Path) -> None:
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "robots.txt").write_text("User-agent: *\nDisallow: /private/\n")
    config = tmp_path / "mkdocs.yml"
    config.write_text(
        CONFIG.read_text().replace("docs_dir: docs/runbook-pages", f"docs_dir: {docs}")
    )
    site = tmp_path / "site"
    result = CliRunner().invoke(
        main,
        [
            "build",
            "--config",
            str(config),
            "--plan",
            str(MINIMAL),
            "--site-dir",
            str(site),
            "--no-offline-copies",
        ],
    )
    assert result.exit_code == 0, result.output
    assert (site / "robots.txt").read_text() == "User-agent: *\nDisallow: /private/\n"
    assert '<meta name="robots" content="noindex, nofollow">' in (site / "index.html").read_text()
