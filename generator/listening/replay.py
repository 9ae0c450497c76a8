"""Replay listening data against the plan's thresholds.

The CSV is read as a stream: only one counter per window is kept, so memory
grows with the time span covered, not with the number of rows, and rows may
come in any order. Windows are aligned on UTC (a 60-minute window starts on
the hour); timestamps with an offset are converted to UTC, so daylight-saving
changes cannot double or drop a window.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any, Literal, TextIO

from generator.errors import DataFileError, InputError
from generator.files import NotRegularFile, open_regular
from generator.plan.model import Listening, Plan, Threshold

UTC = dt.UTC
EPOCH = dt.datetime(1970, 1, 1, tzinfo=UTC)
MAX_FIELDS = 1_000  # columns in one row before it is a bad row
MAX_WINDOWS = 1_000_000  # 114 years of hourly windows, 23 months of one-minute ones
# YYYY-MM-DDTHH:MM:SS, then nothing, Z, or +HH:MM
_PLAIN_LENGTHS = frozenset((19, 20, 25))
_SECONDS = frozenset(f"{n:02d}" for n in range(60))
_COUNTS, _NEGATIVE, _ALL = 0, 1, 2
OUT_OF_RANGE = "the time is out of range: it falls before the year 1 or after 9999 in UTC"
NOT_A_COUNT = "the count is not a whole number written with the digits 0 to 9"
_MINUTE_CACHE_SIZE = 4_096  # stamps of distinct minutes remembered; memory stays flat
_SHOWN_HEADER = 200  # characters of a header quoted in a message


@dataclass(frozen=True)
class Event:
    """A rule starting or stopping to match, at the start of a window."""

    time: dt.datetime
    rule: str
    level: int
    change: Literal["start", "stop"]


@dataclass(frozen=True)
class WindowState:
    """The rules that match one window, and the level they indicate."""

    time: dt.datetime
    count: int
    rules: tuple[str, ...]
    level: int | None


@dataclass
class Counts:
    """Mentions per window, with what reading the CSV found along the way."""

    window_minutes: int
    per_window: dict[int, int] = field(default_factory=dict)
    rows: int = 0
    skipped: list[int] = field(default_factory=list)  # CSV line numbers
    naive: int = 0  # timestamps without an offset, taken as UTC
    kind: Literal["counts", "mentions"] = "counts"

    def window_start(self, index: int) -> dt.datetime:
        """The start time of window ``index``."""
        return EPOCH + dt.timedelta(minutes=index * self.window_minutes)

    def window_of(self, time: dt.datetime) -> int:
        """The index of the window that contains ``time``."""
        return int((time - EPOCH) // dt.timedelta(minutes=self.window_minutes))


@dataclass(frozen=True)
class Replay:
    """What the plan would have done over the data."""

    counts: Counts
    events: tuple[Event, ...]
    windows: tuple[WindowState, ...]

    @property
    def peak(self) -> WindowState | None:
        """The first window at the highest level reached, or ``None`` if no rule matched."""
        best: WindowState | None = None
        for w in self.windows:
            if w.level is not None and (best is None or w.level > (best.level or 0)):
                best = w
        return best

    def at(self, time: dt.datetime) -> WindowState:
        """The state of the window that contains ``time`` (empty outside the data)."""
        index = self.counts.window_of(time)
        first = min(self.counts.per_window)
        if first <= index < first + len(self.windows):
            return self.windows[index - first]
        return WindowState(self.counts.window_start(index), 0, (), None)


def parse_time(text: str) -> tuple[dt.datetime, bool]:
    """An ISO 8601 timestamp in UTC, and whether it had no offset (taken as UTC).
    ``ValueError`` for text that is not one, or a time UTC cannot hold (year 1 at
    +14:00 is still year 0 in UTC)."""
    value = dt.datetime.fromisoformat(text.strip())
    if value.tzinfo is None:
        return value.replace(tzinfo=UTC), True
    try:
        return value.astimezone(UTC), False
    except OverflowError:
        raise ValueError(OUT_OF_RANGE) from None


def read_counts(
    lines: Iterable[str], source: str, window_minutes: int, *, skip_bad_rows: bool = False
) -> Counts:
    """Count negative mentions per window from CSV text.

    Two shapes are accepted: ``timestamp,count`` (counts per time), or one
    mention per row with ``timestamp`` and an optional ``sentiment`` column
    (then only ``negative`` rows count). Other columns are ignored.
    """
    reader = csv.reader(lines)
    header = next(reader, None)
    if header is None:
        raise InputError(
            f"{source}: the file is empty; it needs a header row such as timestamp,count"
        )
    names = [h.strip().lower() for h in header]
    if "timestamp" not in names:
        found = ", ".join(names)
        if len(found) > _SHOWN_HEADER:
            found = f"{found[:_SHOWN_HEADER]}... ({len(names):,} columns)"
        raise InputError(
            f"{source}:1: no `timestamp` column (found: {found or 'nothing'}); "
            "the header must name `timestamp` and either `count` or, optionally, `sentiment`"
        )
    t_col = names.index("timestamp")
    c_col = names.index("count") if "count" in names else None
    s_col = names.index("sentiment") if "sentiment" in names and c_col is None else None
    counts = Counts(window_minutes, kind="counts" if c_col is not None else "mentions")
    mode = _COUNTS if c_col is not None else _NEGATIVE if s_col is not None else _ALL
    value_col = c_col if c_col is not None else s_col if s_col is not None else 0
    # This loop runs once per row, millions of times: locals only, no helper call
    # on the common path. A stamp enters minute_cache only after a full parse of
    # the plain shape, and the seconds never change a window (windows are whole
    # minutes), so a hit with valid seconds is a valid stamp.
    per_window: dict[int, int] = {}
    low = high = 0  # the first and last window seen, once there is one
    minute_cache: dict[str, tuple[int, bool, frozenset[str]]] = {}
    moods: dict[str, int] = {}
    seconds = window_minutes * 60
    seen = blank = naive = 0
    refused: list[int] = []  # rows the csv module itself could not read
    for seen, row in enumerate(_rows(reader, source, skip_bad_rows, refused), 1):  # noqa: B007
        if not row:
            blank += 1
            continue
        try:
            stamp = row[t_col]
            try:
                index, is_naive, tails = minute_cache[stamp[:16]]
                if stamp[16:] not in tails:
                    raise KeyError(stamp)
            except KeyError:
                index, is_naive = _parse_window(stamp, seconds, minute_cache)
            if mode == _NEGATIVE:
                try:
                    n = moods[row[value_col]]
                except KeyError:
                    mood = row[value_col]
                    n = moods[mood] = int(mood.strip().lower() == "negative")
            elif mode == _COUNTS:
                value = row[value_col]
                n = int(value)
                if n < 0:
                    raise ValueError("a count cannot be negative")
                if not (value.isascii() and value.strip().isdigit()):  # 1_000, ١٢, +5
                    raise ValueError(NOT_A_COUNT)
            else:
                n = 1
        except (ValueError, IndexError) as exc:
            if not "".join(row).strip():
                blank += 1
                continue
            if not skip_bad_rows:
                raise InputError(
                    f"{source}:{reader.line_num}: bad row {_shorten(','.join(row))} "
                    f"({_why(exc)}); fix it, or pass --skip-bad-rows to skip such rows"
                ) from None
            counts.skipped.append(reader.line_num)
            continue
        if is_naive:
            naive += 1
        try:
            per_window[index] += n
        except KeyError:  # a new window: the span is checked as it grows, not at the end
            if not per_window:
                low = high = index
            low, high = min(low, index), max(high, index)
            if high - low > MAX_WINDOWS:
                raise InputError(
                    f"{source}:{reader.line_num}: the data spans more than {MAX_WINDOWS:,} "
                    "windows; check the timestamps"
                ) from None
            per_window[index] = n
    counts.rows, counts.naive = seen - blank - len(counts.skipped), naive
    counts.skipped = sorted(counts.skipped + refused)
    counts.per_window = per_window
    if not counts.per_window:
        raise InputError(f"{source}: no data rows to replay")
    return counts


def _parse_window(
    stamp: str, seconds: int, cache: dict[str, tuple[int, bool, frozenset[str]]]
) -> tuple[int, bool]:
    """The window index of a timestamp and whether it had no offset.

    A stamp of the plain shape (``YYYY-MM-DDTHH:MM:SS`` then nothing, ``Z`` or
    ``+HH:MM``) is cached by its minute: windows are whole minutes, so any
    other stamp of that minute with valid seconds and the same ending is valid
    and falls in the same window.
    """
    time, naive = parse_time(stamp)
    index = int(time.timestamp() // seconds)
    if len(stamp) in _PLAIN_LENGTHS and stamp[16] == ":" and stamp[17:19] in _SECONDS:
        if len(cache) >= _MINUTE_CACHE_SIZE:  # data of many distinct minutes
            cache.clear()
        cache[stamp[:16]] = (index, naive, _valid_tails(stamp[19:]))
    return index, naive


@cache
def _valid_tails(suffix: str) -> frozenset[str]:
    """``:00`` to ``:59`` followed by ``suffix``: the ends of valid stamps in one minute."""
    return frozenset(f":{n:02d}{suffix}" for n in range(60))


def _shorten(text: str, limit: int = 200) -> str:
    """A row as quoted in a message: at most ``limit`` characters, so a huge bad row
    cannot flood the terminal."""
    shown = repr(text[: limit + 1])
    return shown if len(text) <= limit else f"{text[:limit]!r}... ({len(text):,} characters)"


def _rows(reader: Any, source: str, skip_bad_rows: bool, refused: list[int]) -> Iterator[list[str]]:
    """The CSV rows; a row the csv module itself refuses (a field over the size limit,
    a stray quote) is a bad row like any other, with its line number."""
    while True:
        try:
            row = next(reader)
        except StopIteration:
            return
        except csv.Error as exc:
            if not skip_bad_rows:
                raise InputError(
                    f"{source}:{reader.line_num}: bad row ({exc}); fix it, or pass "
                    "--skip-bad-rows to skip such rows"
                ) from None
            refused.append(reader.line_num)
            continue
        if len(row) > MAX_FIELDS:
            if not skip_bad_rows:
                raise InputError(
                    f"{source}:{reader.line_num}: bad row ({len(row):,} fields; a listening "
                    "export has a few): fix it, or pass --skip-bad-rows to skip such rows"
                )
            refused.append(reader.line_num)
            continue
        yield row


def _why(exc: Exception) -> str:
    if isinstance(exc, IndexError):
        return "a column is missing"
    text = str(exc)
    if "isoformat" in text or "Invalid isoformat" in text:
        return "the timestamp is not ISO 8601, such as 2026-11-02T09:15:00+01:00"
    if "invalid literal for int" in text:
        return NOT_A_COUNT
    return text


def evaluate(listening: Listening, counts: Counts) -> Replay:
    """Run every threshold over every window, gaps counted as zero."""
    first, last = min(counts.per_window), max(counts.per_window)
    runs = {rule.id: 0 for rule in listening.thresholds}
    matching: set[str] = set()
    events: list[Event] = []
    windows: list[WindowState] = []
    for index in range(first, last + 1):
        count = counts.per_window.get(index, 0)
        time = counts.window_start(index)
        now: list[Threshold] = []
        for rule in listening.thresholds:
            runs[rule.id] = runs[rule.id] + 1 if count > rule.above else 0
            if runs[rule.id] >= rule.for_windows:
                now.append(rule)
        ids = {r.id for r in now}
        for rule in listening.thresholds:  # plan order keeps events stable
            if rule.id in ids and rule.id not in matching:
                events.append(Event(time, rule.id, rule.level, "start"))
            elif rule.id not in ids and rule.id in matching:
                events.append(Event(time, rule.id, rule.level, "stop"))
        matching = ids
        level = max((r.level for r in now), default=None)
        windows.append(WindowState(time, count, tuple(r.id for r in now), level))
    return Replay(counts, tuple(events), tuple(windows))


@contextmanager
def open_csv(path: str | Path) -> Iterator[TextIO]:
    """Open a CSV file as UTF-8 text; unreadable files are usage errors (exit 2)."""
    p = Path(path)
    try:
        handle = io.TextIOWrapper(open_regular(p, "a CSV file"), encoding="utf-8-sig", newline="")
    except NotRegularFile as exc:
        raise DataFileError(str(exc)) from None
    except FileNotFoundError:
        raise DataFileError(f"{p}: no such file; give the path of a CSV export") from None
    except IsADirectoryError:
        raise DataFileError(f"{p}: is a folder; give the path of a CSV file") from None
    except OSError as exc:
        raise DataFileError(f"{p}: cannot be read ({exc.strerror})") from None
    with handle:
        try:
            yield handle
        except UnicodeDecodeError:
            raise InputError(f"{p}: the file is not UTF-8 text; export it as UTF-8 CSV") from None


def assess(plan: Plan, plan_file: str, data: str | Path, *, skip_bad_rows: bool = False) -> Replay:
    """Replay a CSV file against a plan's thresholds."""
    if plan.listening is None:
        raise InputError(
            f"{plan_file}: the plan has no `listening` section, so there are no thresholds "
            "to replay; add one (see docs/plan-format.md)"
        )
    with open_csv(data) as lines:
        counts = read_counts(
            lines, str(data), plan.listening.window_minutes, skip_bad_rows=skip_bad_rows
        )
    return evaluate(plan.listening, counts)


def replay_file(
    plan_path: str,
    data: str | Path,
    *,
    skip_bad_rows: bool = False,
    today: dt.date | None = None,
) -> tuple[Plan, Replay]:
    """The listening stage's entry point: validate the plan, then replay the CSV."""
    from generator.plan.validate import load_valid_plan

    plan = load_valid_plan(plan_path, today)
    return plan, assess(plan, plan_path, data, skip_bad_rows=skip_bad_rows)
