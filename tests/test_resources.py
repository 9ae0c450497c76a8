"""Package data: a missing template is a broken install (exit 3) or the user's own
template folder's fault (exit 2), and says which; progress output stays short."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from click.testing import CliRunner

from generator.cli import main
from generator.errors import PackageDataMissing
from generator.shared import resources
from generator.shared.progress import Progress
from generator.site import render
from tests.conftest import MINIMAL


def _render(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(main, ["render", "--plan", str(MINIMAL), *args])
    assert result.exception is None or isinstance(result.exception, SystemExit)
    return result.exit_code, result.output


def test_a_template_missing_from_the_package_says_reinstall(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    real = resources.package_file

    def without_level(package: str, *parts: str):  # type: ignore[no-untyped-def]
        if parts and parts[-1] == "level.md.j2":
            return real(package, "no-such-file")
        return real(package, *parts)

    monkeypatch.setattr(resources, "package_file", without_level)
    render._environment.cache_clear()  # templates loaded by earlier tests stay cached
    try:
        code, out = _render("--out", str(tmp_path / "out"))
    finally:
        render._environment.cache_clear()
    assert code == 3
    assert "templates/level.md.j2 is missing from the installed crisis-runbook package" in out
    assert "reinstall crisis-runbook" in out
    assert "check the path and permissions" not in out


def test_a_users_template_naming_a_missing_one_is_a_usage_error(tmp_path: Path) -> None:
    mine = tmp_path / "mine"
    mine.mkdir()
    (mine / "index.md.j2").write_text('{% include "my-footer.md.j2" %}\n')
    code, out = _render("--out", str(tmp_path / "out"), "--templates-dir", str(mine))
    assert code == 2
    assert "template `my-footer.md.j2`" in out and str(mine) in out


def test_a_missing_asset_is_a_broken_install() -> None:
    with pytest.raises(PackageDataMissing) as caught:
        resources.read_template_bytes("assets", "gone.css")
    assert caught.value.exit_code == 3 and "reinstall" in str(caught.value)


def test_progress_on_a_terminal_names_stages_and_one_summary(
    capsys: pytest.CaptureFixture[str],
) -> None:
    stream = io.StringIO()
    progress = Progress(quiet=False, terminal=True, stream=stream)
    with progress.stage("Laying out the cards"):
        pass
    progress.done("Wrote 3 cards to cards/")
    assert stream.getvalue() == "Laying out the cards...\n"
    out = capsys.readouterr().out
    assert out.startswith("Wrote 3 cards to cards/ (") and out.endswith(" s)\n")


def test_progress_piped_is_silent_but_verbose_times_each_stage() -> None:
    piped = io.StringIO()
    with Progress(quiet=False, terminal=False, stream=piped).stage("Checking the plan"):
        pass
    assert piped.getvalue() == ""
    verbose = io.StringIO()
    with Progress(quiet=False, verbose=True, stream=verbose).stage("Checking the plan"):
        pass
    assert verbose.getvalue().startswith("Checking the plan: 0.")
