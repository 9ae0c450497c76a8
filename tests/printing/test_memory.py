"""The allocator setting that keeps the runbook PDF's peak memory steady (see
printing/memory.py; the figures are in benchmarks/bench_pdf.py)."""

from __future__ import annotations

import platform
from pathlib import Path

import pytest
from click.testing import CliRunner

from generator.cli import main
from generator.printing import memory
from tests.conftest import EXAMPLE


def test_large_blocks_are_mapped_on_glibc(monkeypatch: pytest.MonkeyPatch) -> None:
    memory.map_large_blocks.cache_clear()
    calls: list[tuple[int, int]] = []

    class FakeLibc:
        def mallopt(self, param: int, value: int) -> int:
            calls.append((param, value))
            return 1

    monkeypatch.setattr(platform, "system", lambda: "Linux")
    monkeypatch.setattr(platform, "libc_ver", lambda: ("glibc", "2.36"))
    monkeypatch.setattr(memory.ctypes, "CDLL", lambda _name: FakeLibc())
    assert memory.map_large_blocks() is True
    assert memory.map_large_blocks() is True  # once per process
    assert calls == [(-3, 256 * 1024)]
    memory.map_large_blocks.cache_clear()


@pytest.mark.parametrize(("system", "libc"), [("Darwin", ""), ("Linux", "musl"), ("Windows", "")])
def test_other_c_libraries_are_left_alone(
    monkeypatch: pytest.MonkeyPatch, system: str, libc: str
) -> None:
    memory.map_large_blocks.cache_clear()
    monkeypatch.setattr(platform, "system", lambda: system)
    monkeypatch.setattr(platform, "libc_ver", lambda: (libc, ""))
    monkeypatch.setattr(memory.ctypes, "CDLL", lambda _name: pytest.fail("no C call"))
    assert memory.map_large_blocks() is False
    memory.map_large_blocks.cache_clear()


@pytest.mark.skipif(platform.libc_ver()[0] != "glibc", reason="glibc only")
def test_the_real_call_takes_on_this_machine() -> None:
    memory.map_large_blocks.cache_clear()
    assert memory.map_large_blocks() is True


@pytest.mark.parametrize(
    ("command", "steadied"),
    [(("pdf",), True), (("card", "--all"), True), (("card", "--general"), False)],
)
def test_the_commands_that_print_much_in_one_process_steady_its_memory(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, command: tuple[str, ...], steadied: bool
) -> None:
    """`runbook pdf` and `card --all` set it; one card is too small to need it (and a
    site build prints beside the pages, faster without it)."""
    from generator.printing import output

    calls: list[bool] = []
    monkeypatch.setattr(output, "map_large_blocks", lambda: calls.append(True) or True)
    monkeypatch.chdir(tmp_path)
    args = [*command, "--plan", str(EXAMPLE), "-o", str(tmp_path / "out"), "-q"]
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 0, result.output
    assert calls == ([True] if steadied else [])
