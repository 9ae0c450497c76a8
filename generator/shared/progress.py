"""What long commands say while they work: a line per stage on a terminal, then one summary.

Stages take a ``Progress``; the CLI makes one from ``--quiet``/``--verbose``
and whether stderr is a terminal. Progress goes to stderr, so piping stdout
never mixes it in; with ``--quiet`` only errors are printed.
"""

from __future__ import annotations

import sys
import time
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import TextIO, TypeVar

T = TypeVar("T")


@dataclass
class Progress:
    """Reports stages and a closing summary; silent unless told otherwise."""

    quiet: bool = True
    verbose: bool = False
    terminal: bool = False
    stream: TextIO | None = None
    started: float = field(default_factory=time.perf_counter)

    @classmethod
    def for_cli(cls, quiet: bool, verbose: bool) -> Progress:
        """The reporter for a command run by a person (or a script)."""
        return cls(quiet=quiet, verbose=verbose and not quiet, terminal=sys.stderr.isatty())

    def _say(self, text: str) -> None:
        print(text, file=self.stream or sys.stderr, flush=True)

    @contextmanager
    def stage(self, label: str) -> Iterator[None]:
        """One step of the work: announced on a terminal, timed with ``--verbose``."""
        if not self.quiet and self.terminal and not self.verbose:
            self._say(f"{label}...")
        start = time.perf_counter()
        yield
        if self.verbose:
            self._say(f"{label}: {time.perf_counter() - start:.2f} s")

    def items(self, things: Iterable[T], label: str, length: int) -> Iterator[T]:
        """Iterate with a progress bar on a terminal, plainly otherwise."""
        if self.quiet or not self.terminal:
            yield from things
            return
        import click

        with click.progressbar(things, length=length, label=label, file=sys.stderr) as bar:
            yield from bar

    def elapsed(self) -> str:
        """Seconds since the command started, as ``2.1 s``."""
        return f"{time.perf_counter() - self.started:.1f} s"

    def done(self, message: str) -> None:
        """The one summary line (on stdout), with the time taken; nothing with ``--quiet``."""
        if not self.quiet:
            print(f"{message} ({self.elapsed()})", flush=True)


SILENT = Progress()
