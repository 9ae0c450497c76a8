"""The plans of a folder site while it is built and served: each plan's state, and
which plans a save changed.

``FolderPlans.refresh`` is called at the start of every build. A first build loads
every plan. While serving, a later build reloads only the plans whose file changed
(every plan when ``people.yaml`` changed, or when nothing of the folder did: a
template or the config), and keeps the rendered pages, the flowchart and the printed
copies of the others, so a save of one plan of fifty costs about one plan's work.
"""

from __future__ import annotations

import os
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from generator.errors import PlanInvalid, RunbookError
from generator.plan.model import Plan
from generator.plan.people import people_path

if TYPE_CHECKING:
    from generator.plan.diagnostics import Diagnostic

# D2 drawings and printing run on a bounded pool, not all plans at once: memory
# stays that of a few plans, whatever the folder holds
POOL_SIZE = max(1, min(2, os.cpu_count() or 1))


def shown(path: Path) -> str:
    """A path as the person typed it: relative to here where it can be."""
    try:
        return str(path.relative_to(Path.cwd()))
    except ValueError:
        return str(path)


def _signature(path: Path) -> tuple[int, int] | None:
    try:
        stat = path.stat()
    except OSError:
        return None
    return (stat.st_mtime_ns, stat.st_size)


@dataclass
class PlanUnit:
    """One plan of a folder site and what the current build made of it."""

    stem: str
    path: Path
    prefix: str  # where its pages go: "<section>/<stem>/"
    plan: Plan | None = None
    problems: PlanInvalid | None = None  # serve: its saved file is invalid
    signature: tuple[int, int] | None = None
    changed: bool = True  # rebuilt by this build
    svg: Future[str] | None = None
    pages: dict[str, str] = field(default_factory=dict)  # Markdown with placeholders
    own_pages: set[str] = field(default_factory=set)
    copies: Future[Any] | None = None  # the printed copies, being printed
    copy_paths: list[str] = field(default_factory=list)

    @property
    def label_plan(self) -> Plan:
        """The plan (this build's, or the last valid one while serving)."""
        assert self.plan is not None
        return self.plan


class FolderPlans:
    """Every plan of a folder site, kept from one build to the next while serving."""

    def __init__(self) -> None:
        self.units: dict[str, PlanUnit] = {}
        self.people_signature: tuple[int, int] | None = None
        self.stems: tuple[str, ...] = ()
        self.folder = Path()
        self.prefix = ""
        self.pool: ThreadPoolExecutor | None = None

    def refresh(self, folder: Path, plans: list[Path], prefix: str, keep: bool) -> None:
        """Take this build's plans. ``keep`` (a serve's later build): units whose file did
        not change keep what they made; else every unit is rebuilt."""
        stems = tuple(p.stem for p in plans)
        people = _signature(people_path(folder))
        same_layout = keep and folder == self.folder and prefix == self.prefix
        same_layout = same_layout and stems == self.stems and people == self.people_signature
        units: dict[str, PlanUnit] = {}
        for path in plans:
            old = self.units.get(path.stem) if same_layout else None
            unit = old or PlanUnit(path.stem, path, f"{prefix}{path.stem}/")
            signature = _signature(path)
            unit.changed = old is None or signature != old.signature
            unit.signature = signature
            units[path.stem] = unit
        if same_layout and not any(u.changed for u in units.values()):
            for unit in units.values():  # a template or the config changed: all of it
                unit.changed = True
        self.units, self.stems, self.people_signature = units, stems, people
        self.folder, self.prefix = folder, prefix

    def language(self) -> str:
        """The language the plans share (the choose-a-plan page and the theme speak it),
        else English."""
        tags = {u.plan.plan.language for u in self.units.values() if u.plan is not None}
        return tags.pop() if len(tags) == 1 else "en"

    def changed(self) -> list[PlanUnit]:
        """The units this build rebuilds."""
        return [u for u in self.units.values() if u.changed]

    def unit_for(self, src_uri: str) -> PlanUnit | None:
        """The plan a page or file belongs to, by its path."""
        rest = src_uri.removeprefix(self.prefix)
        if rest == src_uri and self.prefix:
            return None
        stem = rest.split("/", 1)[0]
        unit = self.units.get(stem)
        return unit if unit is not None and "/" in rest else None

    def executor(self) -> ThreadPoolExecutor:
        """The bounded pool that draws the flowcharts and prints the copies."""
        if self.pool is None:
            self.pool = ThreadPoolExecutor(POOL_SIZE, thread_name_prefix="runbook-folder")
        return self.pool

    def close(self) -> None:
        """Let the pool's threads end (after a build; a serve keeps it)."""
        if self.pool is not None:
            self.pool.shutdown(wait=False)
            self.pool = None


def load_unit(
    unit: PlanUnit, handed: dict[str, Plan], serving: bool
) -> tuple[list[Diagnostic], str | None]:
    """Load a changed unit's plan: the one ``runbook build`` handed over, else from disk.
    (its warnings, and while serving the report of an invalid save, which keeps the last
    valid plan). Raises ``PlanInvalid``/``RunbookError`` when there is nothing to keep."""
    from generator.plan.report import format_text
    from generator.plan.validate import load_plan_and_warnings

    if unit.stem in handed:
        unit.plan, unit.problems = handed.pop(unit.stem), None
        return [], None
    try:
        unit.plan, warnings = load_plan_and_warnings(shown(unit.path))
    except PlanInvalid as exc:
        if not (serving and unit.plan is not None):
            raise
        unit.problems = exc
        return [], format_text(exc.file, exc.diagnostics)
    except RunbookError as exc:
        if not (serving and unit.plan is not None):
            raise
        unit.problems = PlanInvalid(shown(unit.path), [])
        return [], f"runbook: {exc}"
    unit.problems = None
    return warnings, None
