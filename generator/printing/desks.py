"""Where Typst reads a document's files: a private folder holding the templates, written
once, and the data of the document being printed, rewritten for each.

Typst's compiler (the ``typst`` wheel) parses every file handed to it in memory again at
each compile, the data's JSON included (as if it were markup): about a sixth of a
pocket card's time. Files it reads from a folder are parsed once and only read again,
by content, when they change (the wheel forgets what it read after every compile and
query, a failed one too). So each desk keeps one compiler per template and set of
fonts, reused from document to document; a document's data is ``data.json`` (and the
runbook's flowchart ``flowchart.svg``) in the desk's folder, read by the templates as
data, never as markup.

A desk serves one document at a time: a printer hands out a free desk per document
(``Desks.desk``) and makes another only when all are busy, so there are as many as
documents printed at once, whichever threads print them.
"""

from __future__ import annotations

import contextlib
import shutil
import tempfile
import threading
import weakref
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

from generator.errors import UsageError

RENEW_EVERY = 25  # documents per compiler: start-up is paid rarely, memory stays bounded
MAIN = "main-{}"  # a template's main file in a desk (common.typ, then the template)


class Desk:
    """One folder of Typst's files and the compilers that read it."""

    def __init__(self, folder: Path, modules: dict[str, bytes]) -> None:
        self.folder = folder
        self._written: dict[str, bytes] = {}
        self._compilers: dict[tuple[str, Any], tuple[int, Any]] = {}
        for name, text in modules.items():
            self.put(name, text)

    def compiler(self, template: str, source: bytes, fonts: Any, key: Any) -> Any:
        """This desk's compiler of ``template`` (whose main file is ``source``) for the
        fonts ``fonts`` (``key`` names them), renewed every ``RENEW_EVERY`` documents:
        Typst's caches grow with every document, and memory stays bounded."""
        import typst

        main = MAIN.format(template)
        self.put(main, source)
        used, compiler = self._compilers.get((template, key), (0, None))
        used += 1
        if compiler is None or used % RENEW_EVERY == 1:
            compiler = typst.Compiler(
                input=str(self.folder / main),
                root=str(self.folder),
                font_paths=fonts,
                ignore_system_fonts=True,
            )
        self._compilers[template, key] = (used, compiler)
        return compiler

    def put(self, name: str, data: bytes) -> None:
        """Write a file the templates read (skipped when it holds ``data`` already)."""
        if self._written.get(name) == data:
            return
        try:
            (self.folder / name).write_bytes(data)
        except OSError as exc:
            raise UsageError(_cannot_write(self.folder, exc)) from None
        self._written[name] = data


class Desks:
    """A printer's desks: one per document printed at once, each reused for the next
    document. Their folders go when the printer does, or at exit."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._free: list[Desk] = []
        self._made = 0
        self._root: Path | None = None

    @contextlib.contextmanager
    def desk(self, modules: Callable[[], dict[str, bytes]]) -> Iterator[Desk]:
        """A desk of one's own for one document (``modules``: the files every template
        may import, written into a new desk)."""
        with self._lock:
            desk = self._free.pop() if self._free else None
            if desk is None:
                self._made += 1
                folder = self._folder() / str(self._made)
        if desk is None:
            try:
                folder.mkdir()
            except OSError as exc:
                raise UsageError(_cannot_write(folder, exc)) from None
            desk = Desk(folder, modules())
        try:
            yield desk
        finally:
            with self._lock:
                self._free.append(desk)

    def _folder(self) -> Path:
        if self._root is None:
            try:
                self._root = Path(tempfile.mkdtemp(prefix="runbook-print-"))
            except OSError as exc:  # (gettempdir itself fails when no folder will do)
                raise UsageError(_cannot_write("the temporary folder", exc)) from None
            weakref.finalize(self, shutil.rmtree, self._root, ignore_errors=True)
        return self._root


def _cannot_write(folder: Path | str, exc: OSError) -> str:
    return (
        f"cannot write the files Typst prints from in {folder} ({exc.strerror or exc}); "
        "make room there, or set TMPDIR to a folder you can write to"
    )
