"""`runbook diff`: golden outputs per change scenario, git --base, pure helpers.

Each folder under tests/review/cases holds ``old.yaml`` and ``new.yaml``;
``expected.md`` and ``expected.txt`` are the Markdown and text outputs with
the exit code. ``make golden`` regenerates them.
"""

from __future__ import annotations

import difflib
import json
import random
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

import pytest
from click.testing import CliRunner

from generator.cli import main
from generator.plan.validate import load_valid_plan
from generator.review.changes import ItemChange, PlanDiff, Section
from generator.review.diff import diff_plans, field_changes, moved_items, word_diff, word_ops
from generator.review.format import format_markdown, format_text
from generator.review.sequences import DIRECT_CELLS, match
from tests.conftest import MINIMAL, TODAY, compare_golden, edited

CASES = Path(__file__).resolve().parent / "cases"
CASE_DIRS = sorted(p for p in CASES.iterdir() if (p / "old.yaml").exists())


@dataclass(frozen=True)
class Level:
    actions: tuple[str, ...]


@dataclass(frozen=True)
class Summary:
    summary: str


def invoke(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(main, ["diff", *args])
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    return result.exit_code, result.output


def test_enough_scenarios() -> None:
    assert len(CASE_DIRS) >= 15


@pytest.mark.parametrize("case", CASE_DIRS, ids=[p.name for p in CASE_DIRS])
@pytest.mark.parametrize("fmt", ["markdown", "text"])
def test_golden_diff(case: Path, fmt: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(case)
    monkeypatch.setenv("NO_COLOR", "1")
    code, out = invoke("--format", fmt, "old.yaml", "new.yaml")
    compare_golden(
        case / ("expected.md" if fmt == "markdown" else "expected.txt"), f"{out}exit: {code}\n"
    )
    assert "Traceback" not in out


def flags_of(old: str, new: str) -> list[str]:
    return list(diff_plans(_plan(old), _plan(new)).flags)


def _plan(text: str):  # type: ignore[no-untyped-def]
    import tempfile

    with tempfile.NamedTemporaryFile("w", suffix=".yaml", delete=False) as f:
        f.write(text)
    return load_valid_plan(f.name, TODAY)


def test_identical_plans_have_no_changes_and_exit_0() -> None:
    code, out = invoke(str(MINIMAL), str(MINIMAL))
    assert (code, out.strip()) == (0, "Plan changes: No changes")
    assert invoke("--exit-code", str(MINIMAL), str(MINIMAL))[0] == 0


def test_exit_code_flag_on_changes(tmp_path: Path) -> None:
    new = tmp_path / "new.yaml"
    new.write_text(edited(('  version: "1"\n', '  version: "2"\n')))
    assert invoke(str(MINIMAL), str(new))[0] == 0
    assert invoke("--exit-code", str(MINIMAL), str(new))[0] == 1


def test_json_output(tmp_path: Path) -> None:
    new = tmp_path / "new.yaml"
    new.write_text(edited(("contacts: [ann, bob]", "contacts: [ann]")))
    code, out = invoke("--format", "json", str(MINIMAL), str(new))
    data = json.loads(out)
    assert code == 0 and data["changed"] is True
    assert data["flags"][0] == "Role lead is left with no backup contact (only ann)"
    (roles,) = [s for s in data["sections"] if s["name"] == "Roles"]
    assert roles["changes"][0]["fields"][0]["ops"] == [["-", "bob"]]


def test_version_bump_alone_raises_no_flag() -> None:
    assert flags_of(MINIMAL.read_text(), edited(('  version: "1"\n', '  version: "2"\n'))) == []


def test_a_crisis_level_becoming_non_crisis_still_flags_owner_change() -> None:
    flags = flags_of(
        MINIMAL.read_text(),
        edited(
            ('  version: "1"\n', '  version: "2"\n'),
            ("    crisis: true\n    accountable: lead\n", "    accountable: agent\n"),
            ("contacts: [bob]", "contacts: [bob, ann]"),
        ),
    )
    assert flags == ["Accountable role for crisis level 3 (Crisis) changed: lead -> agent"]


def test_word_ops() -> None:
    assert word_ops("a quick brown fox", "a slow brown dog") == (
        ("=", "a"),
        ("-", "quick"),
        ("+", "slow"),
        ("=", "brown"),
        ("-", "fox"),
        ("+", "dog"),
    )


def test_moved_items_are_moves_not_removals() -> None:
    assert moved_items(["a", "b", "c", "d"], ["a", "c", "d", "b"]) == [("b", 2, 4)]
    assert moved_items(["a", "b"], ["a", "b", "c"]) == []
    assert moved_items(["a", "b", "c"], ["c", "b", "a"]) != []


def _reference(a: list[int], b: list[int]) -> list[tuple[int, int]]:
    blocks = difflib.SequenceMatcher(a=a, b=b, autojunk=False).get_matching_blocks()
    return [(m.a + k, m.b + k) for m in blocks for k in range(m.size)]


def test_match_is_difflib_on_small_inputs_and_a_common_subsequence_on_large() -> None:
    rng = random.Random(20)
    for size in (20, 150, 600):
        for _ in range(60):
            a = [rng.randrange(5) for _ in range(rng.randrange(size))]
            b = [rng.randrange(5) for _ in range(rng.randrange(size))]
            found = match(a, b)
            assert all(a[i] == b[j] for i, j in found.pairs)
            steps = zip(found.pairs, found.pairs[1:], strict=False)
            assert all(i < k and j < m for (i, j), (k, m) in steps)
            if len(a) * len(b) <= DIRECT_CELLS:  # what the review goldens were made with
                assert list(found.pairs) == _reference(a, b) and found.exact


def test_long_lists_keep_the_most_items_in_place() -> None:
    items = [f"step {i}" for i in range(40_000)]
    one_moved = [*items[:100], *items[101:30_000], items[100], *items[30_000:]]
    assert moved_items(items, one_moved) == [("step 100", 101, 30_000)]
    assert len(moved_items(items, items[::-1])) == 39_999
    change = field_changes(Level(tuple(items)), Level(tuple(one_moved)))[0]
    assert change.exact and change.moves == ("step 100 (from 101 to 30000)",)


def test_a_huge_text_change_is_shown_whole_and_says_so() -> None:
    words = [("call", "the", "desk")[i % 3] for i in range(270_000)]
    old = " ".join(words)
    new = " ".join("team" if i % 5_000 == 1_000 else w for i, w in enumerate(words))
    (change,) = field_changes(Summary(old), Summary(new))
    assert change.style == "words" and not change.exact
    assert change.ops[0] == ("=", " ".join(words[:1_000]))  # the common start and end stay
    assert [op for op, _ in change.ops] == ["=", "-", "+", "="]
    diff = PlanDiff("1", "2", (), (Section("S", (ItemChange("changed", "k", "k", (change,)),)),))
    marker = "summary: (too long to compare word by word: the changed part is shown whole)"
    assert marker in format_text(diff) and marker in format_markdown(diff)
    # a text of the usual size is compared word by word, with no marker
    assert word_diff("call the desk " * 30, "call the team " * 30).exact


def git(repo: Path, *args: str) -> None:
    subprocess.run(
        ["git", "-c", "user.name=t", "-c", "user.email=t@example.com", *args],
        cwd=repo,
        check=True,
        capture_output=True,
    )


@pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")
def test_base_reads_the_old_plan_from_git(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    repo = tmp_path / "repo"
    (repo / "plans").mkdir(parents=True)
    plan = repo / "plans" / "plan.yaml"
    plan.write_text(MINIMAL.read_text())
    git(repo, "init", "-q", "-b", "main")
    git(repo, "add", ".")
    git(repo, "commit", "-qm", "first")
    plan.write_text(
        edited(
            ("    accountable: lead\n", "    accountable: agent\n"),
            ("contacts: [bob]", "contacts: [bob, ann]"),
        )
    )
    monkeypatch.chdir(repo)
    code, out = invoke("--base", "main", "plans/plan.yaml")
    assert code == 0
    assert "Accountable role for crisis level 3 (Crisis) changed: lead -> agent" in out
    assert "Content changed but the plan version is still 1" in out
    code, out = invoke("--base", "HEAD", "--exit-code", "plans/plan.yaml")
    assert code == 1
    code, out = invoke("--base", "no-such-branch", "plans/plan.yaml")
    assert code == 2 and "cannot read plans/plan.yaml at `no-such-branch`" in out
    code, out = invoke("--base", "--upload-pack=evil", "plans/plan.yaml")
    assert code == 2 and "is not a git revision" in out
    # an invalid plan at the base is reported with its diagnostics
    plan.write_text("schema_version: 1\n")
    git(repo, "commit", "-qam", "broken")
    plan.write_text(MINIMAL.read_text())
    code, out = invoke("--base", "HEAD", "plans/plan.yaml")
    assert code == 1 and "HEAD:plans/plan.yaml:1:1: error: missing required key" in out


def test_usage_errors() -> None:
    assert invoke()[0] == 2
    assert invoke(str(MINIMAL))[0] == 2
    assert invoke("--base", "HEAD", str(MINIMAL), str(MINIMAL))[0] == 2
    code, out = invoke(str(MINIMAL), "/nonexistent.yaml")
    assert code == 2 and "no such file" in out
