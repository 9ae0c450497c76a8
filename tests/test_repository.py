"""The repository's own integration files: pre-commit hook and GitHub workflow."""

from __future__ import annotations

import subprocess
import sys

import yaml

from tests.conftest import MINIMAL, ROOT


def test_pre_commit_hooks_validate_and_optionally_fail_on_due_reviews() -> None:
    hook, due = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text())
    assert hook["id"] == "runbook-validate"
    assert hook["entry"] == "runbook validate"  # a review falling due never blocks a commit
    assert due["id"] == "runbook-review-due" and due["entry"] == "runbook validate --strict"
    assert hook["language"] == due["language"] == "python"
    # the entry works as pre-commit calls it: the command, then the changed files
    entry = hook["entry"].split()
    runbook = [sys.executable, "-m", "generator", *entry[1:]]
    ok = subprocess.run([*runbook, "--today", "2026-11-24", str(MINIMAL)], capture_output=True)
    assert ok.returncode == 0


def test_workflow_validates_diffs_and_publishes() -> None:
    workflow = yaml.safe_load((ROOT / ".github" / "workflows" / "runbook.yml").read_text())
    review = workflow["jobs"]["review"]
    assert review["permissions"]["pull-requests"] == "write"
    runs = "\n".join(step.get("run", "") for step in review["steps"])
    assert "runbook validate --strict --format github" in runs
    assert 'runbook diff --format markdown --base "origin/${GITHUB_BASE_REF}"' in runs
    script = next(s for s in review["steps"] if "github-script" in s.get("uses", ""))
    assert "updateComment" in script["with"]["script"]  # one comment, updated in place
    publish = workflow["jobs"]["publish"]
    uses = [s.get("uses", "") for s in publish["steps"]]
    assert any(u.startswith("actions/upload-pages-artifact") for u in uses)
    assert any(u.startswith("actions/deploy-pages") for u in uses)
    assert any(s.get("run") == "make site" for s in publish["steps"])
