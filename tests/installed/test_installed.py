"""What users get: the sdist and wheel built from this tree, installed (not editable) into
a fresh virtualenv outside the checkout, and every command run in a folder that holds
only a plan. A test that passes only from the checkout would hide a broken release."""

from __future__ import annotations

import hashlib
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import tarfile
import time
import urllib.request
import zipfile
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.conftest import EXAMPLE, ROOT
from tests.installed.conftest import Installed, _run


def _tracked(folder: str) -> list[str]:
    out = subprocess.run(
        ["git", "ls-files", folder], cwd=ROOT, capture_output=True, text=True, check=True
    ).stdout.split()
    if not out:  # not a git checkout (an unpacked sdist): every file on disk
        out = [str(p.relative_to(ROOT)) for p in (ROOT / folder).rglob("*") if p.is_file()]
    return [f for f in out if "__pycache__" not in f]


def test_wheel_and_sdist_carry_every_file_the_code_reads(installed: Installed) -> None:
    names = set(zipfile.ZipFile(installed.wheel).namelist())
    expected = {f"generator/{f.removeprefix('generator/')}" for f in _tracked("generator")}
    expected |= {f"generator/{f}" for f in _tracked("templates")}
    expected.add("generator/plans/example.yaml")
    missing = sorted(expected - names)
    assert not missing, f"the wheel lacks {missing}: add them to package-data in pyproject.toml"
    with tarfile.open(installed.sdist) as sdist:
        inside = {n.split("/", 1)[1] for n in sdist.getnames() if "/" in n}
    wanted = {*_tracked("generator"), *_tracked("templates"), "plans/example.yaml", "LICENSE"}
    assert not sorted(wanted - inside), "the sdist lacks files the wheel is built from"


def test_build_has_no_setuptools_warnings(installed: Installed) -> None:
    warnings = [
        line
        for line in installed.build_log.splitlines()
        if re.search(r"Setuptools\w*Warning|is absent from the `packages`|deprecated", line)
    ]
    assert not warnings, "\n".join(warnings)


def test_metadata_for_a_release(installed: Installed) -> None:
    with zipfile.ZipFile(installed.wheel) as wheel:
        meta = next(
            wheel.read(n).decode() for n in wheel.namelist() if n.endswith(".dist-info/METADATA")
        )
    assert "License-Expression: MIT" in meta
    for version in ("3.11", "3.12", "3.13"):
        assert f"Programming Language :: Python :: {version}" in meta
    assert "Project-URL: Source," in meta
    from generator import __version__

    assert f"Version: {__version__}\n" in meta
    for flag in ("--version", "-V"):
        shown = installed.runbook(ROOT, flag)
        assert shown.returncode == 0 and shown.stdout.strip() == f"runbook, version {__version__}"


@pytest.fixture(scope="module")
def plan_folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A folder that holds one plan, as a comms team's repository does."""
    folder = tmp_path_factory.mktemp("team")
    (folder / "plans").mkdir()
    shutil.copy(EXAMPLE, folder / "plans" / "northwind.yaml")
    return folder


def _tree(folder: Path) -> dict[str, str]:
    return {
        str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def test_every_command_works_in_a_folder_with_only_a_plan(
    installed: Installed, plan_folder: Path, tmp_path: Path
) -> None:
    run = installed.runbook
    work = plan_folder
    checked = run(work, "validate")
    assert checked.returncode == 0, checked.stderr
    assert checked.stdout.startswith("plans/northwind.yaml: valid")

    schema = run(work, "schema")
    assert schema.returncode == 0 and '"$schema"' in schema.stdout

    built = run(work, "build", "-q")
    assert built.returncode == 0, built.stderr
    assert built.stdout == "" and built.stderr == "", "--quiet prints nothing on success"
    for page in ("index.html", "triage.html", "levels/level-4.html", "runbook.pdf"):
        assert (work / "site" / page).is_file(), page

    pdf = run(work, "pdf", "-o", str(tmp_path / "runbook.pdf"))
    assert pdf.returncode == 0, pdf.stderr
    assert (tmp_path / "runbook.pdf").read_bytes().startswith(b"%PDF")

    cards = run(work, "card", "--all", "-o", str(tmp_path / "cards"))
    assert cards.returncode == 0, cards.stderr
    count = len(list((tmp_path / "cards").glob("*.pdf")))
    assert count >= 2
    assert re.fullmatch(
        rf"Wrote {count} cards to {re.escape(str(tmp_path / 'cards'))}/ \(\d+\.\d s\)\n",
        cards.stdout,
    ), "one summary line, never every file name"

    rendered = run(work, "render", "--out", str(tmp_path / "md"))
    assert rendered.returncode == 0, rendered.stderr
    assert (tmp_path / "md" / "mkdocs.yml").is_file()
    assert (tmp_path / "md" / "docs" / "assets" / "runbook.css").is_file()

    changed = tmp_path / "changed.yaml"
    original = (work / "plans" / "northwind.yaml").read_text()
    changed.write_text(original.replace('version: "2026.11"', 'version: "X"'))
    diffed = run(work, "diff", "plans/northwind.yaml", str(changed))
    assert diffed.returncode == 0 and "version" in diffed.stdout

    data = tmp_path / "mentions.csv"
    data.write_text("timestamp,count\n2026-11-02T08:00:00Z,12\n2026-11-02T09:00:00Z,3\n")
    assessed = run(work, "assess", str(data))
    assert assessed.returncode == 0, assessed.stderr
    assert "2026-11-02" in assessed.stdout


def test_every_addition_from_the_installed_wheel(
    installed: Installed, plan_folder: Path, tmp_path: Path
) -> None:
    """Playbooks, notes, recovery pages and rotas reach the site, the PDF, the drill
    and the diff when the tool is installed, not only in the checkout."""
    run = installed.runbook
    site = tmp_path / "site"
    built = run(plan_folder, "build", "-q", "--site-dir", str(site))
    assert built.returncode == 0, built.stderr
    home = (site / "index.html").read_text()
    assert 'href="playbooks/account-compromised.html"' in home and "What is happening?" in home
    assert "data-runbook-rota" in (site / "roles.html").read_text()
    assert (site / "notes" / "principles.html").is_file()
    assert "https://www.facebook.com/hacked" in (site / "credentials.html").read_text()
    drill = run(plan_folder, "drill", "--playbook", "offensive-post", "--format", "markdown")
    assert drill.returncode == 0 and "**Playbook:** One of our posts offends people" in drill.stdout
    changed = tmp_path / "changed.yaml"
    original = (plan_folder / "plans" / "northwind.yaml").read_text()
    changed.write_text(
        original.replace("https://www.facebook.com/hacked", "https://facebook-help.example/")
    )
    diffed = run(plan_folder, "diff", "--format", "text", "plans/northwind.yaml", str(changed))
    assert "Recovery page for facebook changed" in diffed.stdout, diffed.stdout


def test_a_folder_of_plans_sharing_people(installed: Installed, tmp_path: Path) -> None:
    """The test portfolio: two brands and a regional plan sharing one people.yaml."""
    work = tmp_path / "agency"
    shutil.copytree(ROOT / "tests" / "data" / "portfolio", work / "plans")
    run = installed.runbook
    checked = run(work, "validate", "--today", "2026-11-24")
    assert checked.returncode == 0, checked.stdout + checked.stderr
    assert checked.stdout == "plans/ (3 plans and people.yaml): valid, 0 errors, 0 warnings\n"
    one = run(work, "validate", "--today", "2026-11-24", "--plan", "plans/northwind-eu.yaml")
    assert one.returncode == 0 and "plans/people.yaml: valid" in one.stdout
    # the regional plan's own person and the shared ones, in one call list
    kit = run(
        work, "drill", "--format", "markdown", "--level", "4", "--plan", "plans/northwind-eu.yaml"
    )
    assert kit.returncode == 0, kit.stderr
    assert "Ines Moreau +33 1 55 01 01 00, Priya Shah +1 555 010 0102" in kit.stdout
    # one number changed in people.yaml changes it in every plan
    people = work / "plans" / "people.yaml"
    people.write_text(people.read_text().replace("+1 555 010 0102", "+1 555 010 0999"))
    for name in ("northwind", "northwind-eu", "fabrikam"):
        kit = run(
            work, "drill", "--format", "markdown", "--level", "4", "--plan", f"plans/{name}.yaml"
        )
        assert "Priya Shah +1 555 010 0999" in kit.stdout, name
    # a command that needs one plan names them and asks; nothing written
    asked = run(work, "pdf")
    assert asked.returncode == 2 and "choose one with --plan" in asked.stderr
    assert "plans/fabrikam.yaml" in asked.stderr and not (work / "runbook.pdf").exists()
    # an id in both places: an error at both lines, exit 1
    eu = work / "plans" / "northwind-eu.yaml"
    eu.write_text(eu.read_text().replace("id: ines-moreau", "id: dana-kim", 1))
    both = run(work, "validate", "--today", "2026-11-24")
    assert both.returncode == 1
    assert "plans/northwind-eu.yaml:19:9: error" in both.stdout
    assert "plans/people.yaml:6:9: error" in both.stdout


def test_installed_build_is_byte_identical_to_the_checkout_build(
    installed: Installed, plan_folder: Path, tmp_path: Path
) -> None:
    ours = installed.runbook(plan_folder, "build", "--site-dir", str(tmp_path / "installed"))
    assert ours.returncode == 0, ours.stderr
    checkout = _run(
        [
            sys.executable,
            "-m",
            "generator",
            "build",
            "--plan",
            str(plan_folder / "plans" / "northwind.yaml"),
            "--site-dir",
            str(tmp_path / "checkout"),
        ],
        ROOT,
    )
    assert checkout.returncode == 0, checkout.stderr
    assert _tree(tmp_path / "installed") == _tree(tmp_path / "checkout")


def test_init_starts_a_repository_that_builds(installed: Installed, tmp_path: Path) -> None:
    made = installed.runbook(tmp_path, "init", "repo")
    assert made.returncode == 0, made.stderr
    repo = tmp_path / "repo"
    plan = repo / "plans" / "plan.yaml"
    assert plan.read_text().splitlines()[0] == "# yaml-language-server: $schema=../plan.schema.json"
    assert (repo / "plan.schema.json").read_text() == installed.runbook(repo, "schema").stdout
    for name in (".pre-commit-config.yaml", ".github/workflows/runbook.yml", "README.md"):
        assert (repo / name).is_file(), name
    assert "/site/" in (repo / ".gitignore").read_text()
    assert installed.runbook(repo, "validate").returncode == 0
    built = installed.runbook(repo, "build", "--no-offline-copies")
    assert built.returncode == 0, built.stderr
    assert (repo / "site" / "index.html").is_file()
    # never overwrites: names what it would clobber, exit 2, nothing changed
    before = plan.read_text()
    again = installed.runbook(tmp_path, "init", "repo")
    assert again.returncode == 2 and "plans/plan.yaml" in again.stderr
    assert plan.read_text() == before
    refreshed = installed.runbook(repo, "schema", "--output", "plan.schema.json")
    assert refreshed.returncode == 0
    (repo / "notes.json").write_text("{}")
    refused = installed.runbook(repo, "schema", "--output", "notes.json")
    assert refused.returncode == 2 and (repo / "notes.json").read_text() == "{}"


def test_mkdocs_plugin_in_a_host_site(installed: Installed, tmp_path: Path) -> None:
    host = tmp_path / "host"
    (host / "docs").mkdir(parents=True)
    (host / "docs" / "index.md").write_text("# Our docs\n")
    shutil.copy(EXAMPLE, host / "crisis.yaml")
    (host / "mkdocs.yml").write_text(
        "site_name: Our docs\ntheme:\n  name: material\n  font: false\n"
        "nav:\n  - Home: index.md\n"
        "plugins:\n  - search\n  - runbook:\n      plan: crisis.yaml\n"
        "      section: Crisis runbook\n      offline_copies: false\n"
        "markdown_extensions: [admonition, attr_list, md_in_html, tables]\n"
    )
    built = _run([installed.bin("mkdocs"), "build", "--strict"], host, NO_MKDOCS_2_WARNING="1")
    assert built.returncode == 0, built.stderr
    assert (host / "site" / "crisis-runbook" / "triage" / "index.html").is_file()


def _git(cwd: Path, *args: str) -> None:
    subprocess.run(["git", *args], cwd=cwd, check=True, capture_output=True, timeout=60)


def test_pre_commit_hook_from_this_repository(installed: Installed, tmp_path: Path) -> None:
    team = tmp_path / "team"
    (team / "plans").mkdir(parents=True)
    good = team / "plans" / "good.yaml"
    shutil.copy(EXAMPLE, good)
    bad = team / "plans" / "bad.yaml"
    bad.write_text(EXAMPLE.read_text().replace("accountable: comms-director", "accountable: x", 1))
    (team / "other.yml").write_text("name: not a plan\n")
    _git(team, "init", "-q")
    _git(team, "add", ".")
    pre_commit = [sys.executable, "-m", "pre_commit", "try-repo", str(ROOT), "runbook-validate"]
    env = {
        "PRE_COMMIT_HOME": str(tmp_path / "cache"),
        "GIT_AUTHOR_NAME": "t",
        "GIT_AUTHOR_EMAIL": "t@t.invalid",
        "GIT_COMMITTER_NAME": "t",
        "GIT_COMMITTER_EMAIL": "t@t.invalid",
    }
    ok = _run([*pre_commit, "--files", "plans/good.yaml", "other.yml"], team, **env)
    assert ok.returncode == 0, ok.stdout + ok.stderr
    failed = _run([*pre_commit, "--files", "plans/bad.yaml"], team, **env)
    assert failed.returncode == 1, failed.stdout + failed.stderr
    assert "plans/bad.yaml:" in failed.stdout and "no role has the id `x`" in failed.stdout


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture
def serving(installed: Installed, plan_folder: Path) -> Iterator[tuple[str, subprocess.Popen[str]]]:
    port = _free_port()
    process = subprocess.Popen(
        [installed.bin("runbook"), "serve", "--dev-addr", f"127.0.0.1:{port}"],
        cwd=plan_folder,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
    )
    try:
        yield f"http://127.0.0.1:{port}/", process
    finally:
        if process.poll() is None:
            process.send_signal(signal.SIGINT)
            try:
                process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                process.kill()


def test_serve_works_without_a_mkdocs_yml(serving: tuple[str, subprocess.Popen[str]]) -> None:
    url, process = serving
    deadline = time.monotonic() + 120
    page = ""
    while time.monotonic() < deadline and process.poll() is None:
        try:
            with urllib.request.urlopen(url + "index.html", timeout=5) as response:
                page = response.read().decode()
                break
        except OSError:
            time.sleep(0.2)
    assert "Northwind" in page, process.stdout.read() if process.poll() is not None else ""
