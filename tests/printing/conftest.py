"""The four plans every printed copy is read back from: the example, the large benchmark
plan, a plan of 90-character one-word names, and a plan whose support manager has 15
steps across three levels (no level over the per-level limit)."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
import yaml

from generator.plan.loader import parse_plan_text
from generator.plan.model import Plan
from generator.plan.validate import load_valid_plan
from tests.conftest import EXAMPLE, ROOT, TODAY

LONG = "Z" + "x" * 89  # one word of 90 characters
FOUR = ("example", "large", "long-names", "fifteen-steps")


def _large_plan(tmp: Path) -> Path:
    sys.path.insert(0, str(ROOT / "benchmarks"))
    try:
        from large_plan import write_large_plan
    finally:
        sys.path.remove(str(ROOT / "benchmarks"))
    return Path(write_large_plan(tmp / "large.yaml"))


def _example_data() -> dict:  # type: ignore[type-arg]
    data = parse_plan_text(EXAMPLE.read_text(), "example.yaml").data  # YAML 1.2: "yes" stays
    assert isinstance(data, dict)
    return data


def _write(data: dict, path: Path) -> Path:  # type: ignore[type-arg]
    path.write_text(yaml.safe_dump(data, sort_keys=False, allow_unicode=True))
    return path


def _long_names_plan(tmp: Path) -> Path:
    data = _example_data()
    for role in data["roles"]:
        role["title"] = LONG
    for contact in data["contacts"][:3]:
        contact["name"] = LONG
    data["severity_levels"][0]["name"] = LONG
    return _write(data, tmp / "long.yaml")


def _fifteen_steps_plan(tmp: Path) -> Path:
    """The support manager owns levels 1 to 3: five steps at each, fifteen in all."""
    data = _example_data()
    for level in data["severity_levels"][:3]:
        assert level["accountable"] == "support-manager"
        level["actions"] = [
            f"Step {i + 1} at level {level['level']}: check the queue and answer in the "
            "channel where the question was asked"
            for i in range(5)
        ]
    return _write(data, tmp / "fifteen.yaml")


@pytest.fixture(scope="session")
def plan_files(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    tmp = tmp_path_factory.mktemp("plans")
    return {
        "example": EXAMPLE,
        "large": _large_plan(tmp),
        "long-names": _long_names_plan(tmp),
        "fifteen-steps": _fifteen_steps_plan(tmp),
    }


@pytest.fixture(scope="session")
def plans(plan_files: dict[str, Path]) -> dict[str, Plan]:
    return {name: load_valid_plan(path, TODAY) for name, path in plan_files.items()}
