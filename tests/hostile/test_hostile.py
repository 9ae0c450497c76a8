"""Hostile and careless input: every case is refused with one clear message and the
right exit code, nothing runs, nothing is lost and nothing is left behind.

Each folder under tests/hostile/cases holds ``args`` (the command line, shell
words), optional input files, an optional ``setup`` (one directive a line, for
inputs that cannot be committed: pipes, huge files, stale folders) and
``expected.txt``: what runbook printed, the exit code, and the files left in the
folder afterwards. ``make golden`` regenerates the expected files.
"""

from __future__ import annotations

import codecs
import os
import shlex
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from generator.cli import main
from tests.conftest import TODAY, compare_golden

CASES = Path(__file__).resolve().parent / "cases"
CASE_DIRS = sorted(p for p in CASES.iterdir() if (p / "args").exists())


def _setup(work: Path, line: str) -> None:
    """One setup directive: ``fifo NAME``, ``keys NAME COUNT``, ``csv-field NAME SIZE``,
    ``csv-wide NAME FIELDS``, ``csv-long-row NAME SIZE``, ``leftover NAME``, ``text NAME WORDS``,
    ``copy NAME SOURCE`` (NAME may hold ``\\n`` or ``\\x1b``: file names no repository holds),
    ``csv-span NAME ROWS`` (a span too long, then ROWS rows), ``csv-header NAME FIELDS``,
    ``long-scenario NAME COUNT TEXT`` (plan.yaml with TEXT repeated COUNT times as a scenario)."""
    verb, name, *rest = line.split(maxsplit=2)
    path = work / _unescaped(name)
    path.parent.mkdir(parents=True, exist_ok=True)
    if verb == "fifo":
        os.mkfifo(path)
    elif verb == "keys":
        rows = "".join(f"k{i}: 1\n" for i in range(int(rest[0])))
        path.write_text("schema_version: 1\n" + rows)
    elif verb == "csv-field":
        path.write_text("timestamp,count\n2026-11-02T08:00:00Z," + "x" * int(rest[0]) + "\n")
    elif verb == "csv-wide":
        path.write_text("timestamp,count\n" + ",".join(["1"] * int(rest[0])) + "\n")
    elif verb == "csv-long-row":
        path.write_text("timestamp,count\n" + "y" * int(rest[0]) + ",5\n")
    elif verb == "leftover":  # what a build killed with kill -9 leaves beside the site
        path.mkdir()
        (path / ".runbook-temporary").write_text("")
        (path / "index.html").write_text("half a site")
    elif verb == "copy":
        shutil.copyfile(work / rest[0], path)
    elif verb == "csv-span":  # two rows 130 years apart, then many more
        rows = "".join(f"2026-11-02T{h % 24:02d}:00:00Z,1\n" for h in range(int(rest[0])))
        path.write_text("timestamp,count\n1970-01-01T00:00:00Z,1\n2100-01-01T00:00:00Z,1\n" + rows)
    elif verb == "csv-header":  # escape sequences and bells in a header of FIELDS columns
        path.write_text(",".join(["\x1b[31m\x07x"] * int(rest[0])) + "\n1,2\n")
    elif verb == "long-scenario":
        count, text = rest[0].split(maxsplit=1)
        plan = (work / "plan.yaml").read_text("utf-8")
        value = '    scenario: "' + text * int(count) + '"\n'
        path.write_text(plan.replace("    scenario: An outage trends on X.\n", value))
    elif verb == "text":
        path.write_text(rest[0] + "\n")
    elif verb == "folder":  # folder NAME
        path.mkdir()
    elif verb == "link":  # link NAME TARGET: a symbolic link, dangling or not
        path.symlink_to(rest[0])
    else:
        raise AssertionError(f"unknown setup directive {verb!r}")


def _unescaped(word: str) -> str:
    """A command-line word or file name with ``\\n``, ``\\x1b`` and the like decoded."""
    return codecs.decode(word, "unicode_escape") if "\\" in word else word


def _listing(work: Path, before: set[str]) -> list[str]:
    """Files in the folder after the run, with their sizes; large inputs by name only."""
    out = []
    for p in sorted(q for q in work.rglob("*") if not q.is_symlink()):
        rel = str(p.relative_to(work))
        if not rel.isprintable():
            rel = repr(rel)
        if p.is_dir() or rel in ("args", "setup", "expected.txt"):
            continue
        kind = "fifo" if p.is_fifo() else f"{p.stat().st_size} bytes"
        tag = "" if rel in before else " (new)"
        if rel.startswith(("site/", "out/docs/")) and rel not in before:
            continue  # a successful build's pages: counted, not listed
        out.append(f"{rel}: {kind}{tag}")
    links = sorted(p for p in work.rglob("*") if p.is_symlink())
    return out + [f"{p.relative_to(work)}: link to {os.readlink(p)}" for p in links]


@pytest.mark.parametrize("case", CASE_DIRS, ids=[p.name for p in CASE_DIRS])
def test_golden_hostile_case(case: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    work = tmp_path / "work"
    shutil.copytree(case, work, ignore=shutil.ignore_patterns("expected.txt"))
    if (work / "setup").exists():
        for line in (work / "setup").read_text().splitlines():
            if line.strip():
                _setup(work, line)
    before = {str(p.relative_to(work)) for p in work.rglob("*")}
    monkeypatch.chdir(work)
    monkeypatch.setenv("NO_COLOR", "1")
    monkeypatch.setenv("NO_MKDOCS_2_WARNING", "1")
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    args = [_unescaped(a) for a in shlex.split((work / "args").read_text())]
    if args[0] == "validate":
        args[1:1] = ["--today", TODAY.isoformat()]
    result = CliRunner().invoke(main, args)
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    assert "Traceback" not in result.output
    files = "\n".join(_listing(work, before))
    compare_golden(case / "expected.txt", f"{result.output}exit: {result.exit_code}\n--\n{files}\n")


def test_corpus_covers_the_issue() -> None:
    assert len(CASE_DIRS) >= 25
