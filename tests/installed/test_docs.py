"""The documentation runs: every shell block of README.md and docs/*.md runs against
the installed wheel in a fresh folder, and a ``console`` block's output must be what
the text shows.

mktestdocs finds the blocks (``grab_code_blocks``); it runs bash but compares no
output and knows no working folder, so the blocks run here. Kinds of block:

- ``sh``, ``bash``, ``shell``: commands that must all succeed (``bash -e``);
- ``console``: ``$ command`` lines, each followed by the output it prints (standard
  output and error together), compared exactly;
- a shell block whose info string adds ``skip="why"`` cannot run here (a server,
  pipx, the network); it is skipped with that reason, and the count is printed.

The fresh folder holds ``plans/example.yaml`` and ``.venv`` (the installed
virtualenv), as a checkout of this repository would after ``make install``.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

import pytest
from mktestdocs import grab_code_blocks

from tests.conftest import EXAMPLE, ROOT
from tests.installed.conftest import TIMEOUT, Installed

DOCS = [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]
SHELLS = ("sh", "bash", "shell", "console")
_SHELL_FENCE = re.compile(r"^\s*```\s*(sh|bash|shell|console)\b(.*)$", re.MULTILINE)
_SKIP = re.compile(r'^\s*skip="([^"]+)"\s*$')


@dataclass(frozen=True)
class Block:
    """One shell block of one document."""

    doc: str
    lang: str
    code: str
    skip: str | None = None

    @property
    def id(self) -> str:
        first = self.code.strip().splitlines()[0] if self.code.strip() else ""
        return f"{self.doc}:{first[:40]}"


def _skipped(doc: Path) -> tuple[list[Block], list[str]]:
    """The blocks marked not to run, and fences with info strings that mean nothing."""
    skipped, unknown = [], []
    for match in _SHELL_FENCE.finditer(doc.read_text(encoding="utf-8")):
        extra = match.group(2)
        if not extra.strip():
            continue
        why = _SKIP.match(extra)
        if why:
            skipped.append(Block(doc.name, match.group(1), "", why.group(1)))
        else:
            unknown.append(match.group(0))
    return skipped, unknown


def doc_blocks() -> list[Block]:
    """Every shell block of the documents, those marked skip included."""
    out: list[Block] = []
    for doc in DOCS:
        text = doc.read_text(encoding="utf-8")
        for lang in SHELLS:
            out += [Block(doc.name, lang, code) for code in grab_code_blocks(text, lang=lang)]
        out += _skipped(doc)[0]
    return out


BLOCKS = doc_blocks()
RAN = [b for b in BLOCKS if b.skip is None]
SKIPPED = [b for b in BLOCKS if b.skip is not None]


def _console(code: str) -> tuple[str, str]:
    """A console block as a script (its ``$`` lines) and the output it shows."""
    commands, shown = [], []
    for line in code.splitlines():
        if line.startswith("$ "):
            commands.append(line[2:])
        else:
            shown.append(line)
    return "\n".join(commands), "\n".join(shown).strip("\n")


def _fresh_folder(installed: Installed, tmp_path: Path) -> Path:
    folder = tmp_path / "docs-run"
    (folder / "plans").mkdir(parents=True)
    shutil.copyfile(EXAMPLE, folder / "plans" / "example.yaml")
    (folder / ".venv").symlink_to(installed.venv)
    return folder


def run_block(block: Block, installed: Installed, tmp_path: Path) -> tuple[int, str, str]:
    """Run a block in a fresh folder: its exit code, its output and the output it shows."""
    folder = _fresh_folder(installed, tmp_path)
    env = {**os.environ, "NO_COLOR": "1", "NO_MKDOCS_2_WARNING": "1"}
    env["PATH"] = f"{installed.venv / 'bin'}{os.pathsep}{env['PATH']}"
    for name in ("SOURCE_DATE_EPOCH", "RUNBOOK_PLAN", "VIRTUAL_ENV"):
        env.pop(name, None)
    if block.lang == "console":
        script, shown = _console(block.code)
        flags = ["-u"]
    else:
        script, shown, flags = block.code, "", ["-e", "-u", "-o", "pipefail"]
    done = subprocess.run(
        ["bash", *flags, "-c", f"exec 2>&1\n{script}"],
        cwd=folder,
        env=env,
        capture_output=True,
        text=True,
        timeout=TIMEOUT,
        check=False,
    )
    return done.returncode, done.stdout.strip("\n"), shown


def test_every_document_has_its_blocks_found() -> None:
    for doc in DOCS:
        fences = len(_SHELL_FENCE.findall(doc.read_text(encoding="utf-8")))
        found = [b for b in BLOCKS if b.doc == doc.name]
        assert len(found) == fences, f"{doc.name}: a shell block was not picked up"
        assert not _skipped(doc)[1], f'{doc.name}: write skip="why" or nothing after the language'
    assert len(RAN) >= 5 and SKIPPED


@pytest.mark.parametrize("block", BLOCKS, ids=[b.id for b in BLOCKS])
def test_doc_block_runs(block: Block, installed: Installed, tmp_path: Path) -> None:
    if block.skip is not None:
        pytest.skip(f"{block.doc}: {block.skip}")
    code, output, shown = run_block(block, installed, tmp_path)
    if block.lang == "console":
        assert output == shown, f"{block.doc} shows\n{shown}\nbut the commands print\n{output}"
    else:
        assert code == 0, f"{block.doc}: the block exits {code}:\n{block.code}\n{output}"


def test_see_in_a_message_names_what_the_tool_shows(installed: Installed, tmp_path: Path) -> None:
    """Every "see ..." in the package points at a command of the installed tool (the
    wheel has no docs/ folder), and that command prints something."""
    sources = "\n".join(p.read_text(encoding="utf-8") for p in (ROOT / "generator").rglob("*.py"))
    pointers = re.findall(r"\bsee (docs/\S+|\S+\.md\b|`runbook [^`]+`)", sources)
    assert pointers, "no message points anywhere: the test would prove nothing"
    for pointer in pointers:
        assert pointer.startswith("`runbook "), f"a message says `see {pointer}`: not in the wheel"
        shown = installed.runbook(tmp_path, *pointer.strip("`").split()[1:])
        assert shown.returncode == 0 and shown.stdout.strip(), pointer


def test_help_format_prints_the_reference_from_the_wheel(
    installed: Installed, tmp_path: Path
) -> None:
    whole = installed.runbook(tmp_path, "help", "format")
    assert whole.returncode == 0
    assert whole.stdout == (ROOT / "docs" / "plan-format.md").read_text(encoding="utf-8")
    triage = installed.runbook(tmp_path, "help", "format", "triage")
    assert triage.returncode == 0
    assert triage.stdout.startswith("### triage") and "### listening" not in triage.stdout
    unknown = installed.runbook(tmp_path, "help", "format", "playbook-x")
    assert unknown.returncode == 2 and "`playbook-x`" in unknown.stderr
    assert "triage" in unknown.stderr and "social_accounts" in unknown.stderr
