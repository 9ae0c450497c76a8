"""`runbook assess`: hand-computed replays of listening data against thresholds."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from generator.cli import main
from generator.listening.replay import read_counts
from tests.conftest import EXAMPLE, MINIMAL, edited


def run(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(main, ["assess", "--today", "2026-11-24", *args])
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    return result.exit_code, result.output


def csv_file(tmp_path: Path, text: str, name: str = "data.csv") -> str:
    path = tmp_path / name
    path.write_text(text)
    return str(path)


def replay_json(plan: Path | str, data: str, *extra: str) -> dict:  # type: ignore[type-arg]
    code, out = run("--plan", str(plan), "--format", "json", *extra, data)
    assert code == 0, out
    return json.loads(out)  # type: ignore[no-any-return]


def hourly(counts: list[int], start_hour: int = 0) -> str:
    rows = [f"2026-11-02T{start_hour + i:02d}:00:00Z,{n}" for i, n in enumerate(counts)]
    return "timestamp,count\n" + "\n".join(rows) + "\n"


def test_sports_apparel_thresholds(tmp_path: Path) -> None:
    # example plan: any mention -> level 1; > 5 an hour -> level 2;
    # > 10 an hour for 4 consecutive hours ("more than 3") -> level 3
    data = csv_file(tmp_path, hourly([3, 6, 11, 12, 13, 9, 11, 12, 14, 15, 4], start_hour=8))
    out = replay_json(EXAMPLE, data)
    assert out["events"] == [
        {
            "time": "2026-11-02T08:00:00+00:00",
            "rule": "keep-monitoring",
            "level": 1,
            "change": "start",
        },
        {
            "time": "2026-11-02T09:00:00+00:00",
            "rule": "assign-to-pr",
            "level": 2,
            "change": "start",
        },
        # 10:00-12:00 is only three hours above 10, then 13:00 drops to 9
        {
            "time": "2026-11-02T17:00:00+00:00",
            "rule": "activate-plan",
            "level": 3,
            "change": "start",
        },
        {"time": "2026-11-02T18:00:00+00:00", "rule": "assign-to-pr", "level": 2, "change": "stop"},
        {
            "time": "2026-11-02T18:00:00+00:00",
            "rule": "activate-plan",
            "level": 3,
            "change": "stop",
        },
    ]
    assert out["peak"] == {"level": 3, "time": "2026-11-02T17:00:00+00:00"}
    assert (out["rows"], out["windows"], out["window_minutes"]) == (11, 11, 60)


def test_text_timeline_names_roles_contacts_and_actions(tmp_path: Path) -> None:
    data = csv_file(tmp_path, hourly([11, 11, 11, 11]))
    code, out = run(data)
    assert code == 0
    assert "2026-11-02T03:00:00+00:00 rule activate-plan starts (level 3)" in out
    assert "notify Chief Marketing Officer (Dana Kim, +1 555 010 0100)" in out
    assert "do: Call the CMO on her mobile" in out
    assert out.strip().endswith(
        "Peak: level 3 (Several angry customers), first at 2026-11-02T03:00:00+00:00"
    )


def test_window_boundaries(tmp_path: Path) -> None:
    text = "timestamp\n" + "2026-11-02T09:59:59Z\n" * 6 + "2026-11-02T10:00:00Z\n" * 6
    counts = read_counts(text.splitlines(), "d.csv", 60)
    assert sorted(counts.per_window.values()) == [6, 6]
    # minimal plan: watch is above 5 -> level 2; both hours match, no gap between them
    out = replay_json(MINIMAL, csv_file(tmp_path, text))
    assert [e["change"] for e in out["events"]] == ["start"]


def test_gaps_count_as_zero_and_break_runs(tmp_path: Path) -> None:
    # minimal plan: alarm is above 10 for 3 windows. 11:00 is missing (zero).
    data = csv_file(
        tmp_path,
        "timestamp,count\n"
        + "\n".join(f"2026-11-02T{h:02d}:00:00Z,20" for h in (9, 10, 12, 13))
        + "\n",
    )
    out = replay_json(MINIMAL, data)
    assert all(e["rule"] != "alarm" for e in out["events"])
    assert out["windows"] == 5
    assert [(e["time"][11:16], e["change"]) for e in out["events"]] == [
        ("09:00", "start"),
        ("11:00", "stop"),
        ("12:00", "start"),
    ]


def test_unsorted_rows_give_the_same_replay(tmp_path: Path) -> None:
    rows = hourly([3, 6, 11, 12, 13, 14, 2]).splitlines()
    shuffled = [rows[0], *reversed(rows[1:])]
    a = replay_json(EXAMPLE, csv_file(tmp_path, "\n".join(rows) + "\n", "a.csv"))
    b = replay_json(EXAMPLE, csv_file(tmp_path, "\n".join(shuffled) + "\n", "b.csv"))
    assert a == b and a["peak"]["level"] == 3


def test_daylight_saving_change_keeps_hours_apart(tmp_path: Path) -> None:
    # US clocks fall back on 2026-11-01: 01:30 happens twice, at -04:00 then at -05:00.
    text = "timestamp\n" + "2026-11-01T01:30:00-04:00\n" * 6 + "2026-11-01T01:30:00-05:00\n" * 6
    out = replay_json(MINIMAL, csv_file(tmp_path, text))
    assert out["windows"] == 2  # 05:00Z and 06:00Z, not one local hour with 12
    assert out["events"][0]["time"] == "2026-11-01T05:00:00+00:00"
    assert out["peak"] == {"level": 2, "time": "2026-11-01T05:00:00+00:00"}


def test_mentions_with_sentiment_count_only_negative(tmp_path: Path) -> None:
    rows = ["timestamp,author,sentiment"]
    rows += [f"2026-11-02T09:{m:02d}:00Z,a{m},negative" for m in range(6)]
    rows += [f"2026-11-02T09:{m:02d}:00Z,b{m},positive" for m in range(10, 40)]
    out = replay_json(MINIMAL, csv_file(tmp_path, "\n".join(rows) + "\n"))
    assert out["events"][0]["rule"] == "watch"  # 6 negative > 5
    assert all(e["rule"] != "alarm" for e in out["events"])
    rows = ["timestamp,sentiment"] + [f"2026-11-02T09:{m:02d}:00Z,NEUTRAL" for m in range(50)]
    assert replay_json(MINIMAL, csv_file(tmp_path, "\n".join(rows) + "\n", "n.csv"))["events"] == []


def test_mentions_without_sentiment_all_count(tmp_path: Path) -> None:
    text = "timestamp\n" + "2026-11-02T09:00:00Z\n" * 6
    assert replay_json(MINIMAL, csv_file(tmp_path, text))["peak"]["level"] == 2


def test_naive_timestamps_are_utc_and_said_so(tmp_path: Path) -> None:
    data = csv_file(tmp_path, "timestamp,count\n2026-11-02T09:00:00,6\n")
    out = replay_json(MINIMAL, data)
    assert out["naive_timestamps_as_utc"] == 1
    assert out["events"][0]["time"] == "2026-11-02T09:00:00+00:00"
    _, text = run("--plan", str(MINIMAL), data)
    assert "1 timestamps had no offset and were taken as UTC" in text


def test_bad_row_names_the_csv_line(tmp_path: Path) -> None:
    data = csv_file(tmp_path, "timestamp,count\n2026-11-02T09:00:00Z,6\n\nyesterday,4\n")
    code, out = run("--plan", str(MINIMAL), data)
    assert code == 1
    assert f"{data}:4: bad row 'yesterday,4'" in out and "--skip-bad-rows" in out


@pytest.mark.parametrize(
    "row", ["2026-11-02T09:00:00Z,many", "2026-11-02T09:00:00Z,-3", "2026-11-02T09:00:00Z"]
)
def test_bad_counts(tmp_path: Path, row: str) -> None:
    code, out = run("--plan", str(MINIMAL), csv_file(tmp_path, f"timestamp,count\n{row}\n"))
    assert code == 1 and ":2: bad row" in out and "Traceback" not in out


def test_skip_bad_rows_reports_how_many(tmp_path: Path) -> None:
    data = csv_file(tmp_path, "timestamp,count\nx,1\n2026-11-02T09:00:00Z,6\ny,2\n")
    out = replay_json(MINIMAL, data, "--skip-bad-rows")
    assert out["skipped_rows"] == 2 and out["rows"] == 1
    _, text = run("--plan", str(MINIMAL), "--skip-bad-rows", data)
    assert "skipped 2 bad rows (CSV lines 2, 4)" in text


def test_at_shows_the_window_containing_the_time(tmp_path: Path) -> None:
    data = csv_file(tmp_path, hourly([11, 11, 11, 2]))
    out = replay_json(MINIMAL, data, "--at", "2026-11-02T02:59:00Z")
    assert out == {
        "time": "2026-11-02T02:00:00+00:00",
        "count": 11,
        "level": 3,
        "rules": ["watch", "alarm"],
    }
    out = replay_json(MINIMAL, data, "--at", "2026-11-02T04:10:00+01:00")  # 03:10Z
    assert out == {"time": "2026-11-02T03:00:00+00:00", "count": 2, "level": None, "rules": []}
    out = replay_json(MINIMAL, data, "--at", "2030-01-01T00:00:00Z")
    assert out["level"] is None and out["count"] == 0


def test_bad_at_is_a_usage_error(tmp_path: Path) -> None:
    code, out = run("--plan", str(MINIMAL), "--at", "noon", csv_file(tmp_path, hourly([1])))
    assert code == 2 and "ISO 8601" in out


def test_other_window_lengths(tmp_path: Path) -> None:
    plan = tmp_path / "p.yaml"
    plan.write_text(edited(("  window_minutes: 60\n", "  window_minutes: 15\n")))
    text = "timestamp\n" + "2026-11-02T09:14:00Z\n" * 6 + "2026-11-02T09:15:00Z\n"
    out = replay_json(plan, csv_file(tmp_path, text))
    assert out["windows"] == 2
    assert [e["change"] for e in out["events"]] == ["start", "stop"]
    assert out["events"][1]["time"] == "2026-11-02T09:15:00+00:00"


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("", "is empty"),
        ("time,count\n1,2\n", "no `timestamp` column"),
        ("timestamp,count\n", "no data rows"),
    ],
)
def test_unusable_files(tmp_path: Path, text: str, message: str) -> None:
    code, out = run("--plan", str(MINIMAL), csv_file(tmp_path, text))
    assert code == 1 and message in out


def test_missing_data_file_is_exit_2(tmp_path: Path) -> None:
    code, out = run("--plan", str(MINIMAL), str(tmp_path / "none.csv"))
    assert code == 2 and "no such file" in out


def test_plan_without_listening(tmp_path: Path) -> None:
    text = MINIMAL.read_text()
    start, end = text.index("listening:"), text.index("internal_comms:")
    plan = tmp_path / "p.yaml"
    plan.write_text(text[:start] + text[end:])
    code, out = run("--plan", str(plan), csv_file(tmp_path, hourly([1])))
    assert code == 1 and "no `listening` section" in out


def test_invalid_plan_reports_diagnostics(tmp_path: Path) -> None:
    plan = tmp_path / "p.yaml"
    plan.write_text(edited(("      level: 2\n", "      level: 9\n")))
    code, out = run("--plan", str(plan), csv_file(tmp_path, hourly([1])))
    assert (
        code == 1
        and "p.yaml:60:14: error: listening.thresholds[0].level: level 9 does not exist" in out
    )


def test_markdown_escapes_plan_text(tmp_path: Path) -> None:
    plan = tmp_path / "p.yaml"
    plan.write_text(edited(("    title: Comms Lead\n", "    title: <b>Lead</b> **now**\n")))
    code, out = run(
        "--plan", str(plan), "--format", "markdown", csv_file(tmp_path, hourly([11, 11, 11]))
    )
    assert code == 0
    assert "<b>" not in out and "**now**" not in out
    assert "&#60;b&#62;Lead&#60;/b&#62; &#42;&#42;now&#42;&#42;" in out
    assert out.startswith("## Listening replay")


def test_minute_cache_still_rejects_bad_seconds(tmp_path: Path) -> None:
    text = "timestamp\n2026-11-02T09:15:00Z\n2026-11-02T09:15:61Z\n"
    code, out = run("--plan", str(MINIMAL), csv_file(tmp_path, text))
    assert code == 1 and ":3: bad row '2026-11-02T09:15:61Z'" in out


def test_minute_cache_keeps_offsets_apart() -> None:
    lines = [
        "timestamp",
        "2026-11-02T09:15:00+00:00",
        "2026-11-02T09:15:30+01:00",  # same local minute, an hour earlier in UTC
        "2026-11-02T09:15:45Z",
        "2026-11-02T09:15:50",  # no offset: UTC
    ]
    counts = read_counts(lines, "d.csv", 60)
    assert sorted(counts.per_window.values()) == [1, 3]
    assert counts.naive == 1


def test_other_iso_shapes_are_accepted() -> None:
    lines = [
        "timestamp",
        "2026-11-02T09:15:00.250Z",
        "2026-11-02 09:16:00+00:00",
        "2026-11-02T09:17Z",
    ]
    counts = read_counts(lines, "d.csv", 60)
    assert list(counts.per_window.values()) == [3]
