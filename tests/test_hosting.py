"""Where the site goes. The workflow `runbook init` writes publishes to GitHub Pages only
when GitHub's Pages API says the site is private (or the team opted in to a public
site): its publish step runs here against recorded answers of that API, served over
HTTP."""

from __future__ import annotations

import re
import subprocess
import sys
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest
import yaml

from tests.conftest import ROOT

ANSWERS = Path(__file__).resolve().parent / "data" / "pages-api"
OPT_IN = "RUNBOOK_PUBLIC_SITE_ANYONE_CAN_READ"


def _workflow() -> dict[str, Any]:
    from generator.scaffold import repository_files

    loaded: dict[str, Any] = yaml.safe_load(repository_files()[".github/workflows/runbook.yml"])
    return loaded


def _check_step() -> dict[str, Any]:
    step: dict[str, Any] = _workflow()["jobs"]["publish"]["steps"][0]
    return step


class _PagesApi(BaseHTTPRequestHandler):
    """Answers every request with one recorded answer, and remembers the requests."""

    answer: Path
    seen: list[tuple[str, str]]

    def do_GET(self) -> None:
        self.seen.append((self.path, self.headers.get("Authorization", "")))
        status = int(self.answer.name.split(".")[-2])
        kind = "application/json" if self.answer.suffix == ".json" else "text/html"
        body = self.answer.read_bytes()
        self.send_response(status)
        self.send_header("Content-Type", f"{kind}; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *_: Any) -> None:
        pass


@pytest.fixture
def pages_api() -> Iterator[tuple[ThreadingHTTPServer, list[tuple[str, str]]]]:
    seen: list[tuple[str, str]] = []
    handler = type("Handler", (_PagesApi,), {"seen": seen})
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield server, seen
    server.shutdown()
    server.server_close()


def _publish_step(tmp_path: Path, api_url: str, opt_in: str | None = None) -> tuple[int, str, str]:
    """Run the workflow's check step as GitHub would (``python3 {0}``, the step's env):
    its exit code, its job summary and what it printed."""
    step = _check_step()
    script = tmp_path / "step.py"
    script.write_text(step["run"])
    summary = tmp_path / "summary.md"
    env = {
        "PATH": "/usr/bin:/bin",
        "GITHUB_REPOSITORY": "acme/runbook",
        "GITHUB_API_URL": api_url,
        "GITHUB_SERVER_URL": "https://github.com",
        "GITHUB_STEP_SUMMARY": str(summary),
        "GH_TOKEN": "token-of-this-run",
        "HOSTING_DOCS": step["env"]["HOSTING_DOCS"],
        "PUBLIC_SITE_ALLOWED": opt_in or "",  # an unset variable expands to ""
    }
    done = subprocess.run(
        [sys.executable, str(script)], env=env, capture_output=True, text=True, timeout=60
    )
    assert "Traceback" not in done.stderr, done.stderr
    text = summary.read_text() if summary.exists() else ""
    return done.returncode, text, done.stdout


# (recorded answer, the opt-in variable's value) -> deploys?, what the summary says
CASES = [
    ("private.200.json", None, True, "The Pages site is private"),
    ("private.200.json", "true", True, "The Pages site is private"),
    ("public.200.json", None, False, "The Pages site is **public**"),
    ("public.200.json", "yes", False, "The Pages site is **public**"),  # only `true` opts in
    ("public.200.json", "true", True, "Deploying **publicly**"),
    ("not-found.404.json", None, False, "GitHub Pages is not enabled"),
    ("forbidden.403.json", None, False, "answered HTTP 403"),
    ("server-error.500.json", None, False, "answered HTTP 500"),
    ("no-visibility-field.200.json", None, False, "says `public: null`"),
    ("sign-in-page.200.html", None, False, "the Pages API's answer is not JSON"),
]


@pytest.mark.parametrize(
    ("answer", "opt_in", "deploys", "says"),
    CASES,
    ids=[f"{a.split('.')[0]}-{o or 'no-opt-in'}" for a, o, _, _ in CASES],
)
def test_publish_step_deploys_only_a_private_site(
    tmp_path: Path,
    pages_api: tuple[ThreadingHTTPServer, list[tuple[str, str]]],
    answer: str,
    opt_in: str | None,
    deploys: bool,
    says: str,
) -> None:
    server, seen = pages_api
    server.RequestHandlerClass.answer = ANSWERS / answer  # type: ignore[attr-defined]
    code, summary, printed = _publish_step(
        tmp_path, f"http://127.0.0.1:{server.server_address[1]}", opt_in
    )
    # it asked about this repository's site, with the run's own token
    assert seen == [("/repos/acme/runbook/pages", "Bearer token-of-this-run")]
    assert summary.startswith("## Publishing the runbook\n") and says in summary
    if deploys:
        assert code == 0 and "::error" not in printed
    else:
        # a failed step: the steps after it (the Pages upload and the deployment) never run
        assert code == 1
        assert printed.startswith("::error title=Runbook not published::")
        assert "settings/pages" in summary and OPT_IN in summary and "runbook-site" in summary
        assert "docs/hosting.md" in summary
    if answer.startswith("public") and not deploys:
        assert "Unpublish site" in summary, "a site already out there is taken down"


def test_publish_step_refuses_when_nothing_answers(tmp_path: Path) -> None:
    server = ThreadingHTTPServer(("127.0.0.1", 0), BaseHTTPRequestHandler)
    port = server.server_address[1]
    server.server_close()  # nothing listens there now
    code, summary, printed = _publish_step(tmp_path, f"http://127.0.0.1:{port}")
    assert code == 1 and "no answer from the Pages API (" in summary
    assert printed.startswith("::error")


def test_the_workflow_keeps_the_site_and_deploys_only_after_the_check() -> None:
    jobs = _workflow()["jobs"]
    site, publish = jobs["site"], jobs["publish"]
    # the build runs without the Pages token and always keeps the site for the members
    assert site["permissions"] == {"contents": "read"}
    upload = next(s for s in site["steps"] if "upload-artifact" in s.get("uses", ""))
    assert upload["with"]["name"] == "runbook-site" and upload["with"]["path"] == "site"
    assert "if" not in upload
    assert publish["needs"] == "site"
    check, *after = publish["steps"]
    assert check["shell"] == "python3 {0}" and "/pages" in check["run"]
    assert check["env"]["PUBLIC_SITE_ALLOWED"] == "${{ vars." + OPT_IN + " }}"
    assert check["env"]["GH_TOKEN"] == "${{ github.token }}"
    # nothing reaches Pages unless the check passed: no step after it runs on failure
    assert [s.get("uses", "").split("@")[0] for s in after] == [
        "actions/download-artifact",
        "actions/upload-pages-artifact",
        "actions/deploy-pages",
    ]
    assert all("if" not in s and "continue-on-error" not in s for s in after)


def documented_workflows() -> list[str]:
    """The generated workflow with its publish job replaced by each job docs/hosting.md
    shows (tests/test_repository.py runs actionlint on them)."""
    from generator.scaffold import repository_files

    text = (ROOT / "docs" / "hosting.md").read_text()
    init = repository_files()[".github/workflows/runbook.yml"]
    head = init[: init.index("  publish:\n")]
    return [head + job for job in re.findall(r"```yaml\n(  publish:\n.*?)```", text, re.DOTALL)]


def test_the_docs_show_a_publish_job_for_the_teams_own_server() -> None:
    (server,) = documented_workflows()
    job = yaml.safe_load(server)["jobs"]["publish"]
    assert job["needs"] == "site" and "rsync" in job["steps"][-1]["run"]
    assert "${{ secrets.RUNBOOK_SERVER_SSH_KEY }}" in server, "the key is a secret"
