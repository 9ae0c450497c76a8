"""Files at the edges: outputs written all or nothing, inputs read only when they are
regular files and never past a size cap."""

from __future__ import annotations

import os
import shutil
import signal
import stat
import sys
import tempfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import BinaryIO

from generator.errors import OutputRefused, UsageError


def write_atomically(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` through a temporary file and a rename."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def _kind(mode: int) -> str:
    kinds = {
        stat.S_ISDIR: "a folder",
        stat.S_ISFIFO: "a named pipe (FIFO)",
        stat.S_ISCHR: "a character device",
        stat.S_ISBLK: "a block device",
        stat.S_ISSOCK: "a socket",
    }
    return next((name for test, name in kinds.items() if test(mode)), "not a regular file")


def open_regular(path: Path, what: str) -> BinaryIO:
    """Open ``path`` for reading only if it is a regular file. A pipe, device or socket
    is refused before anything is read (``NotRegularFile``), and opening never blocks."""
    fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    try:
        mode = os.fstat(fd).st_mode
        if not stat.S_ISREG(mode):
            raise NotRegularFile(f"{path}: is {_kind(mode)}, not a file; give the path of {what}")
        if hasattr(os, "set_blocking"):
            os.set_blocking(fd, True)
        return os.fdopen(fd, "rb")
    except BaseException:
        os.close(fd)
        raise


def read_capped(path: Path, cap: int, what: str) -> bytes:
    """At most ``cap + 1`` bytes of a regular file, whatever size it claims: one byte
    more than the cap tells the caller the file is too large."""
    with open_regular(path, what) as handle:
        return handle.read(cap + 1)


class NotRegularFile(OSError):
    """A path that exists but is not a regular file (a FIFO, a device, a socket)."""


OWN_FILE_CAP = 64 * 1024 * 1024  # a file larger than this at the path is not one we wrote


def check_own_file(path: Path, is_ours: Callable[[bytes], bool], option: str = "-o") -> None:
    """Refuse ``path`` as an output when a file is there that ``is_ours`` does not
    recognise as one runbook wrote: a plan, notes or someone else's PDF is never
    overwritten."""
    if path.exists() or path.is_symlink():
        try:
            content = read_capped(path, OWN_FILE_CAP, "a file runbook wrote")
        except NotRegularFile:
            raise OutputRefused(
                f"{path} is not a regular file; choose another path with {option}"
            ) from None
        if len(content) > OWN_FILE_CAP or not is_ours(content):
            raise OutputRefused(
                f"{path} exists and runbook did not write it, so it is left alone; choose "
                f"another path with {option}, or move that file away first"
            )


STDOUT = "-"  # as an output path: standard output


def write_binary_stdout(data: bytes, what: str) -> None:
    """Write a binary output to standard output, for a pipe or a file; a terminal is
    refused, since the bytes would garble it."""
    if sys.stdout.isatty():
        raise UsageError(
            f"{what} is binary and would garble the terminal; pipe it (-o - | lp) or give -o FILE"
        )
    sys.stdout.buffer.write(data)
    sys.stdout.buffer.flush()


OUTPUT_MARKER = ".runbook-site"
OUTPUT_MARKER_TEXT = "Built by runbook. This folder is replaced as a whole on every build.\n"
TEMP_MARKER = ".runbook-temporary"  # in a folder being built: safe to delete when left over


def refuse_link(target: Path, option: str) -> None:
    """Refuse an output folder that is a symbolic link (dangling or not): the build would
    write into wherever it leads, and the swap would move the link, not the folder."""
    if target.is_symlink():
        raise OutputRefused(
            f"{target} is a symbolic link; runbook never writes an output folder through a "
            f"link: give the folder itself (or a new one) with {option}"
        )


def check_replaceable(target: Path, option: str) -> None:
    """Refuse an output folder that is a link, or exists and holds files runbook did not
    make."""
    refuse_link(target, option)
    if target.exists() and not target.is_dir():
        raise OutputRefused(f"{target} is a file, not a folder; choose another {option}")
    if target.is_dir() and any(target.iterdir()) and not (target / OUTPUT_MARKER).exists():
        raise OutputRefused(
            f"{target} holds files that runbook did not make; it will not replace them. "
            f"Choose an empty or new folder with {option}"
        )


def remove_leftovers(target: Path) -> None:
    """Delete temporary folders that an interrupted run left beside ``target`` (only
    those that carry runbook's temporary marker)."""
    for pattern in (f".{target.name}.new-*", f".{target.name}.old-*"):
        for leftover in target.parent.glob(pattern):
            if (leftover / TEMP_MARKER).exists():
                shutil.rmtree(leftover, ignore_errors=True)


@contextmanager
def _terminate_as_interrupt() -> Iterator[None]:
    """SIGTERM unwinds like Ctrl+C, so ``finally`` blocks clean up (main thread only)."""

    def stop(_signum: int, _frame: object) -> None:
        raise KeyboardInterrupt

    try:
        previous = signal.signal(signal.SIGTERM, stop)
    except ValueError:  # not the main thread: leave signals alone
        yield
        return
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous)


def replace_folder(target: Path, fill: Callable[[Path], None], option: str) -> None:
    """Fill a new folder beside ``target`` and swap it in only when ``fill`` succeeds: a
    failure, Ctrl+C or SIGTERM leaves ``target`` as it was and nothing behind."""
    check_replaceable(target, option)
    target.parent.mkdir(parents=True, exist_ok=True)
    remove_leftovers(target)
    with _terminate_as_interrupt():
        # absolute: MkDocs reads a relative site_dir from its config file's folder
        building = Path(tempfile.mkdtemp(prefix=f".{target.name}.new-", dir=target.parent))
        building = building.resolve()
        try:
            (building / TEMP_MARKER).write_text("")
            fill(building)
            (building / OUTPUT_MARKER).write_text(OUTPUT_MARKER_TEXT)
            (building / TEMP_MARKER).unlink()
            _swap(building, target)
        except BaseException:
            shutil.rmtree(building, ignore_errors=True)
            raise


def _swap(built: Path, target: Path) -> None:
    """Put ``built`` in place of ``target`` with renames, restoring the old one on failure."""
    old = None
    if target.exists():
        old = Path(tempfile.mkdtemp(prefix=f".{target.name}.old-", dir=target.parent))
        old.rmdir()  # a fresh unique name for the rename below
        target.rename(old)
    try:
        built.rename(target)
    except OSError:
        if old is not None:
            old.rename(target)
        raise
    if old is not None:
        (old / TEMP_MARKER).write_text("")  # a leftover is recognised and removed next time
        shutil.rmtree(old, ignore_errors=True)
        if old.exists():
            raise OutputRefused(
                f"the new output is in place at {target}, but the previous one, moved to "
                f"{old}, could not be deleted; remove it by hand"
            )
