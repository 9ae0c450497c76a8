"""Typst, through the ``typst`` wheel: a compiler per thread, the bundled fonts only.

Templates are ``templates/print/*.typ``; each is compiled after ``common.typ``
with the data as JSON (in ``sys.inputs``, or for a card an in-memory file beside the
template), so plan text is never Typst markup.
System fonts are ignored, so the output does not depend on the machine, and
the creation date comes from the plan, so the same plan gives the same bytes.
"""

from __future__ import annotations

import atexit
import contextlib
import datetime as dt
import json
import re
import threading
from dataclasses import dataclass, field
from typing import Any

from generator.errors import RunbookError
from generator.shared.resources import package_file, read_template_bytes

FONTS = (
    "NotoSans-Regular.ttf",
    "NotoSans-Bold.ttf",
    "NotoSansArabic-Regular.ttf",
    "NotoSansArabic-Bold.ttf",
    "NotoSansHebrew-Regular.ttf",
    "NotoSansHebrew-Bold.ttf",
)
RENEW_EVERY = 25  # documents per compiler: start-up is paid rarely, memory stays bounded
MANY = ("card.typ",)  # the templates a run prints many times
# the modules the templates import: they read no data, so Typst evaluates each once for
# all the documents a compiler prints
MODULES = ("base.typ", "cardparts.typ")


class PrintError(RunbookError):
    """Typst could not lay out a document (a bug in a template, most likely)."""

    exit_code = 3


@dataclass
class Printer:
    """Compiles the print templates; the fonts are found once per run, and each thread
    keeps a Typst compiler for its documents. Documents may be compiled on several threads
    at once, each through its own ``fork``."""

    font_paths: tuple[str, ...] = ()  # more fonts (``--font-path``), for scripts Noto lacks
    font_hint: str = "--font-path DIR"  # how the reader of a glyph warning adds a font
    warnings: list[str] = field(default_factory=list)
    _shared: _Shared = field(default_factory=lambda: _Shared())
    _warned: set[str] = field(default_factory=set)  # the scripts warned about this run
    _key_of: dict[str, str] = field(default_factory=dict)  # a script's warning -> its key

    def fork(self) -> Printer:
        """A printer for another thread: the same fonts and templates, its own warnings
        (which the caller adds to this printer's, in an order that does not depend on
        which thread finished first)."""
        return Printer(self.font_paths, self.font_hint, [], self._shared)

    def adopt(self, fork: Printer) -> None:
        """Add a fork's warnings to this printer's, a script only if not yet warned
        about (each script is said once a run, however many documents lack it)."""
        for message in fork.warnings:
            key = fork._key_of.get(message)
            if key is not None:
                if key in self._warned:
                    continue
                self._warned.add(key)
                self._key_of[message] = key
            self.warnings.append(message)

    def pdf(
        self,
        template: str,
        data: dict[str, Any],
        day: dt.date,
        flowchart_svg: str = "",
        tagged: bool = True,
    ) -> tuple[bytes, int]:
        """The PDF and its page count."""
        pdf, pages, _ = self.pdf_and_value(template, data, day, flowchart_svg, tagged)
        return pdf, pages

    def pdf_and_value(
        self,
        template: str,
        data: dict[str, Any],
        day: dt.date,
        flowchart_svg: str = "",
        tagged: bool = True,
        label: str | None = None,
    ) -> tuple[bytes, int, Any]:
        """The PDF, its page count, and the value of the template's ``metadata`` labelled
        ``label`` (None without a label): what the layout decided, such as a card's size.
        The value is read from the same layout as the PDF, so it costs next to nothing."""
        import typst

        from generator.printing.glyphs import missing_by_script

        fonts_bytes = self._shared.font_bytes(self.font_paths)
        missing = missing_by_script(data, fonts_bytes, self.font_hint)
        for key, message in missing:  # a script once per run, not once per document
            if key not in self._warned:
                self._warned.add(key)
                self._key_of[message] = key
                self.warnings.append(message)
        # PDF/UA refuses text no font can show; such a document is still tagged
        standards: typst.PDFStandards = ["ua-1"] if tagged and not missing else []
        data_json = json.dumps(data, ensure_ascii=False)
        stamp = int(dt.datetime.combine(day, dt.time(), dt.UTC).timestamp())
        source = self._shared.source(template)
        fonts = self._shared.fonts(self.font_paths)
        value = None
        compiler: Any  # (the wheel's stubs do not list its dict of in-memory files as input)
        try:
            if template in MANY:
                # the data as an in-memory file, the same name for every card (no sys.inputs,
                # whose every change rebuilds Typst's library): what Typst worked out for one
                # card, this thread's compiler reuses for the next
                files = {
                    **self._shared.modules(),
                    "main.typ": source,
                    "data.json": data_json.encode(),
                }
                if label is None:
                    compiler = self._shared.compiler(fonts)
                else:  # a query reads its document from the compiler's own input
                    compiler = typst.Compiler(
                        input=files, font_paths=fonts, ignore_system_fonts=True
                    )
                    # lays the document out; the PDF below reuses that layout
                    value = json.loads(compiler.query(f"<{label}>", field="value", one=True))
                # the warnings come back as a list (never through Python's warnings module,
                # whose filters are process-wide: this may run beside a MkDocs build's thread)
                pdf, found = compiler.compile_with_warnings(
                    input=files, format="pdf", timestamp=stamp, pdf_standards=standards
                )
            else:  # printed once a run: a compiler of its own (Typst parses files as markup)
                inputs = {"data": data_json, "flowchart": flowchart_svg}
                files = {**self._shared.modules(), "main.typ": source}
                compiler = typst.Compiler(
                    input=files, font_paths=fonts, ignore_system_fonts=True, sys_inputs=inputs
                )
                pdf, found = compiler.compile_with_warnings(
                    input=files, format="pdf", timestamp=stamp, pdf_standards=standards
                )
        except (typst.TypstError, RuntimeError) as exc:
            message = getattr(exc, "message", str(exc))
            raise PrintError(
                f"the print template {template} failed: {message}; this is a bug in "
                "runbook, please report it"
            ) from None
        for w in found:
            if "unknown font family" in w.message or "glyph" in w.message.lower():
                self.warnings.append(w.message)
        assert isinstance(pdf, bytes)
        return pdf, page_count(pdf), value


@dataclass
class _Shared:
    """What the forks of a printer share: the fonts, found once, and the templates."""

    _lock: threading.Lock = field(default_factory=threading.Lock)
    _fonts: Any = None
    _font_bytes: list[bytes] | None = None
    _sources: dict[str, bytes] = field(default_factory=dict)
    _modules: dict[str, bytes] = field(default_factory=dict)
    _threads: threading.local = field(default_factory=threading.local)

    def fonts(self, font_paths: tuple[str, ...]) -> Any:
        """The fonts Typst may use: the bundled ones and ``font_paths``, never the system's."""
        with self._lock:
            if self._fonts is None:
                import typst

                self._fonts = typst.Fonts(
                    include_system_fonts=False,
                    include_embedded_fonts=False,
                    font_paths=[_font_folder(), *font_paths],
                )
            return self._fonts

    def compiler(self, fonts: Any) -> Any:
        """This thread's Typst compiler, renewed every ``RENEW_EVERY`` documents: Typst's
        caches grow with every document, and memory stays bounded."""
        import typst

        mine = self._threads
        mine.used = getattr(mine, "used", 0) + 1
        if mine.used % RENEW_EVERY == 1:
            mine.compiler = typst.Compiler(font_paths=fonts, ignore_system_fonts=True)
        return mine.compiler

    def font_bytes(self, font_paths: tuple[str, ...]) -> list[bytes]:
        """The same fonts' files, for the check of which characters they can draw."""
        from generator.printing.glyphs import font_files

        with self._lock:
            if self._font_bytes is None:
                self._font_bytes = font_files([_font_folder(), *font_paths])
            return self._font_bytes

    def modules(self) -> dict[str, bytes]:
        """The modules the templates import, by the name they import them as."""
        with self._lock:
            if not self._modules:
                for name in MODULES:
                    self._modules[name] = read_template_bytes("print", name)
            return self._modules

    def source(self, template: str) -> bytes:
        """A template after ``common.typ`` (which reads the data)."""
        with self._lock:
            if template not in self._sources:
                parts = ("common.typ", template)
                text = b"\n".join(read_template_bytes("print", p) for p in parts)
                self._sources[template] = text
            return self._sources[template]


_FONT_FOLDER = contextlib.ExitStack()  # closed at exit: removes an extracted copy


def _font_folder() -> str:
    """The bundled fonts' folder, as a path for Typst (which reads folders, not bytes):
    the package's own folder, or a temporary copy when the package is zipped."""
    import tempfile
    from pathlib import Path

    node = package_file("generator.templates", "fonts")
    if isinstance(node, Path) and all((node / name).is_file() for name in FONTS):
        return str(node)
    folder = Path(_FONT_FOLDER.enter_context(tempfile.TemporaryDirectory(prefix="runbook-fonts-")))
    for name in FONTS:
        (folder / name).write_bytes(read_template_bytes("fonts", name))
    return str(folder)


atexit.register(_FONT_FOLDER.close)


def page_count(pdf: bytes) -> int:
    """Pages in a PDF that Typst wrote (its page tree has one /Count)."""
    counts = re.findall(rb"/Type\s*/Pages\b[^>]*?/Count\s+(\d+)", pdf)
    counts += re.findall(rb"/Count\s+(\d+)[^>]*?/Type\s*/Pages\b", pdf)
    return max((int(c) for c in counts), default=0)
