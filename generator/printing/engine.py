"""Typst, through the ``typst`` wheel: compilers reused from document to document, the
bundled fonts only.

Templates are ``templates/print/*.typ``; each is compiled after ``common.typ``
with the data as a JSON file beside it (``desks.py``), so plan text is never Typst
markup.
System fonts are ignored, so the output does not depend on the machine, and
the creation date comes from the plan, so the same plan gives the same bytes. A document
is given the bundled fonts it needs (``fontsets.py``) and every ``--font-path`` font.
"""

from __future__ import annotations

import datetime as dt
import json
import re
import threading
from dataclasses import dataclass, field
from typing import Any

from generator.errors import RunbookError
from generator.printing.desks import Desks
from generator.printing.fontsets import FontSet, choose, families, font_folder
from generator.shared.resources import read_template_bytes

READS_FLOWCHART = ("runbook.typ",)  # the templates that draw the flowchart (flowchart.svg)
# the modules the templates import: they read no data, so Typst evaluates each once for
# all the documents a desk prints
MODULES = ("base.typ", "cardparts.typ")


class PrintError(RunbookError):
    """Typst could not lay out a document (a bug in a template, most likely)."""

    exit_code = 3


@dataclass
class Printer:
    """Compiles the print templates; each set of fonts is found once per run, and each
    document is printed at a free desk, whose compilers the next document reuses.
    Documents may be compiled on several threads at once, each through its own ``fork``."""

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

        sets, missing = choose(data, self._shared.font_bytes, self.font_paths, self.font_hint)
        for key, message in missing:  # a script once per run, not once per document
            if key not in self._warned:
                self._warned.add(key)
                self._key_of[message] = key
                self.warnings.append(message)
        # PDF/UA refuses text no font can show; such a document is still tagged
        standards: typst.PDFStandards = ["ua-1"] if tagged and not missing else []
        data_json = json.dumps({**data, "fonts": families(sets)}, ensure_ascii=False)
        stamp = int(dt.datetime.combine(day, dt.time(), dt.UTC).timestamp())
        fonts = self._shared.fonts(sets, self.font_paths)
        value = None
        fonts_key = (sets, self.font_paths)
        try:
            with self._shared.desks.desk(self._shared.modules) as desk:
                source = self._shared.source(template)
                compiler = desk.compiler(template, source, fonts, fonts_key)
                desk.put("data.json", data_json.encode())
                if template in READS_FLOWCHART:
                    desk.put("flowchart.svg", flowchart_svg.encode())
                if label is not None:  # lays the document out; the PDF reuses that layout
                    value = json.loads(compiler.query(f"<{label}>", field="value", one=True))
                # the warnings come back as a list (never through Python's warnings module,
                # whose filters are process-wide: this may run beside a MkDocs build's thread)
                pdf, found = compiler.compile_with_warnings(
                    format="pdf", timestamp=stamp, pdf_standards=standards
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
    """What the forks of a printer share: the fonts, found once per set, and the
    templates. Any thread may call it (a lock guards what it keeps)."""

    _lock: threading.Lock = field(default_factory=threading.Lock)
    _fonts: dict[tuple[FontSet, ...], Any] = field(default_factory=dict)
    _font_bytes: dict[str, list[bytes]] = field(default_factory=dict)  # by folder
    _sources: dict[str, bytes] = field(default_factory=dict)
    _modules: dict[str, bytes] = field(default_factory=dict)
    desks: Desks = field(default_factory=Desks)

    def fonts(self, sets: tuple[FontSet, ...], font_paths: tuple[str, ...]) -> Any:
        """The fonts Typst may use: the bundled ``sets`` and ``font_paths``, never the
        system's (one object per set of fonts, found once)."""
        with self._lock:
            if sets not in self._fonts:
                import typst

                self._fonts[sets] = typst.Fonts(
                    include_system_fonts=False,
                    include_embedded_fonts=False,
                    font_paths=[*(font_folder(s) for s in sets), *font_paths],
                )
            return self._fonts[sets]

    def font_bytes(self, folders: tuple[str, ...]) -> list[bytes]:
        """The font files of ``folders`` (each read once), for the check of which
        characters they can draw."""
        from generator.printing.glyphs import font_files

        with self._lock:
            for folder in folders:
                if folder not in self._font_bytes:
                    self._font_bytes[folder] = font_files([folder])
            return [font for folder in folders for font in self._font_bytes[folder]]

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


def page_count(pdf: bytes) -> int:
    """Pages in a PDF that Typst wrote (its page tree has one /Count)."""
    counts = re.findall(rb"/Type\s*/Pages\b[^>]*?/Count\s+(\d+)", pdf)
    counts += re.findall(rb"/Count\s+(\d+)[^>]*?/Type\s*/Pages\b", pdf)
    return max((int(c) for c in counts), default=0)
