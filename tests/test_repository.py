"""The repository's own integration files: pre-commit hook and GitHub workflow."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml

from tests.conftest import MINIMAL, ROOT, compare_golden


def test_pre_commit_hooks_validate_and_optionally_fail_on_due_reviews() -> None:
    hook, due = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text())
    assert hook["id"] == "runbook-validate"
    # a review falling due never blocks a commit; YAML files that are not plans are skipped
    assert hook["entry"] == "runbook validate --only-plans"
    assert due["id"] == "runbook-review-due"
    assert due["entry"] == "runbook validate --strict --only-plans"
    assert hook["files"] == due["files"] == r"\.ya?ml$"
    assert hook["language"] == due["language"] == "python"
    # the entry works as pre-commit calls it: the command, then the changed files
    entry = hook["entry"].split()
    runbook = [sys.executable, "-m", "generator", *entry[1:]]
    ok = subprocess.run([*runbook, "--today", "2026-11-24", str(MINIMAL)], capture_output=True)
    assert ok.returncode == 0
    workflow = ROOT / ".github" / "workflows" / "ci.yml"  # YAML, but not a plan: skipped
    skipped = subprocess.run([*runbook, str(workflow)], capture_output=True, text=True)
    assert skipped.returncode == 0 and skipped.stdout == ""
    bad = subprocess.run([*runbook, str(workflow), "/no/such/plan.yaml"], capture_output=True)
    assert bad.returncode == 2, "a file that cannot be read is still reported"


WORKFLOW = ROOT / ".github" / "workflows" / "runbook.yml"
INIT_WORKFLOW = ".github/workflows/runbook.yml"


def _repo_workflow_text() -> str:
    from generator.scaffold import render_init_template, workflow_values

    values = workflow_values("make install", ".venv/bin/runbook", "plans/example.yaml")
    return render_init_template("workflow.yml.j2", **values)


def test_repository_workflow_is_the_template_init_writes() -> None:
    # one source for both: `make golden` rewrites this project's copy
    compare_golden(WORKFLOW, _repo_workflow_text())


def _steps_text(job: dict[str, Any]) -> str:
    return "\n".join(str(step.get("run", "")) for step in job["steps"])


@pytest.mark.parametrize("source", ["repository", "init"])
def test_workflow_is_safe_for_forks_and_publishes_only_from_main(source: str) -> None:
    if source == "repository":
        text = WORKFLOW.read_text()
    else:
        from generator.scaffold import repository_files

        text = repository_files()[".github/workflows/runbook.yml"]
    workflow = yaml.safe_load(text)
    triggers = workflow[True]  # YAML 1.1 reads the key `on` as true
    assert set(triggers) == {"pull_request", "push"} and triggers["push"]["branches"] == ["main"]
    assert workflow["permissions"] == {"contents": "read"}
    assert "${{ secrets." not in text, "no job needs a secret"
    review, comment, publish = (workflow["jobs"][j] for j in ("review", "comment", "publish"))
    # the job that runs the pull request's plan can read and nothing more
    assert review["permissions"] == {"contents": "read"}
    runs = _steps_text(review)
    assert "validate --format github plans/*.yaml plans/*.yml" in runs
    assert "build --plan" in runs and "GITHUB_STEP_SUMMARY" in runs
    assert 'diff --format markdown --base "origin/${GITHUB_BASE_REF}"' in runs
    # the comment: only for this repository's branches, never empty, one updated in place
    assert "head.repo.full_name == github.repository" in comment["if"]
    assert comment["permissions"] == {"pull-requests": "write"}
    assert not any("checkout" in str(s.get("uses", "")) for s in comment["steps"])
    script = next(s for s in comment["steps"] if "github-script" in s.get("uses", ""))
    assert "if (!diff) return;" in script["with"]["script"]
    assert "updateComment" in script["with"]["script"]
    # Pages: only from main, one deployment at a time
    assert "refs/heads/main" in publish["if"] and "push" in publish["if"]
    assert publish["concurrency"]["group"] == "pages"
    assert publish["permissions"]["pages"] == "write"
    uses = [s["uses"] for job in workflow["jobs"].values() for s in job["steps"] if "uses" in s]
    assert all(re.search(r"@v\d+\.\d+\.\d+$", u) for u in uses), f"unpinned: {uses}"
    assert any(u.startswith("actions/deploy-pages@") for u in uses)


# Runs the comment job's github-script as the action does (an async function body given
# require, github and context), against a stub that returns recorded comment lists.
NODE_RUNNER = """
const fs = require('fs');
const script = fs.readFileSync(process.argv[2], 'utf8');
const comments = JSON.parse(fs.readFileSync(process.argv[3], 'utf8'));
const calls = [];
const github = {
  paginate: async (method, args) => (method === github.rest.issues.listComments ? comments : []),
  rest: { issues: {
    listComments: async () => ({ data: comments }),
    updateComment: async (a) => { calls.push(['update', a.comment_id, a.body]); },
    createComment: async (a) => { calls.push(['create', a.issue_number, a.body]); },
  } },
};
const context = { repo: { owner: 'acme', repo: 'plans' }, issue: { number: 7 } };
const AsyncFunction = Object.getPrototypeOf(async function () {}).constructor;
new AsyncFunction('require', 'github', 'context', script)(require, github, context)
  .then(() => console.log(JSON.stringify(calls)));
"""
PR_COMMENTS = json.loads((ROOT / "tests" / "data" / "pr-comments.json").read_text())


@pytest.mark.skipif(shutil.which("node") is None, reason="node is not installed")
@pytest.mark.parametrize("source", ["repository", "init"])
@pytest.mark.parametrize("scenario", [k for k in PR_COMMENTS if not k.startswith("_")])
def test_comment_job_updates_only_the_bots_own_comment(
    source: str, scenario: str, tmp_path: Path
) -> None:
    from generator.scaffold import repository_files

    text = WORKFLOW.read_text() if source == "repository" else repository_files()[INIT_WORKFLOW]
    steps = yaml.safe_load(text)["jobs"]["comment"]["steps"]
    script = next(s for s in steps if "github-script" in s.get("uses", ""))["with"]["script"]
    (tmp_path / "script.js").write_text(script)
    (tmp_path / "runner.js").write_text(NODE_RUNNER)
    (tmp_path / "comments.json").write_text(json.dumps(PR_COMMENTS[scenario]["comments"]))
    (tmp_path / "diff.md").write_text("### Plan changes: 1 change\n")
    done = subprocess.run(
        ["node", "runner.js", "script.js", "comments.json"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    (call,) = json.loads(done.stdout)
    assert call[:2] == PR_COMMENTS[scenario]["expect"]
    assert call[2] == "<!-- runbook-diff -->\n### Plan changes: 1 change"


def test_workflows_pass_actionlint(tmp_path: Path) -> None:
    from generator.scaffold import repository_files

    actionlint = Path(sys.executable).parent / "actionlint"
    repo = tmp_path / "repo"
    (repo / ".github" / "workflows").mkdir(parents=True)
    subprocess.run(["git", "init", "-q"], cwd=repo, check=True)
    init_workflow = repository_files()[".github/workflows/runbook.yml"]
    (repo / ".github" / "workflows" / "init.yml").write_text(init_workflow)
    folder_workflow = repository_files(folder=True)[".github/workflows/runbook.yml"]
    (repo / ".github" / "workflows" / "init-folder.yml").write_text(folder_workflow)
    for name in ("runbook.yml", "ci.yml"):
        (repo / ".github" / "workflows" / name).write_text(
            (ROOT / ".github" / "workflows" / name).read_text()
        )
    from tests.test_hosting import documented_workflows  # docs/hosting.md's jobs

    for n, workflow in enumerate(documented_workflows()):
        (repo / ".github" / "workflows" / f"hosting-{n}.yml").write_text(workflow)
    done = subprocess.run(
        [str(actionlint), "-shellcheck=", "-pyflakes=", "-oneline"],
        cwd=repo,
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stdout + done.stderr
