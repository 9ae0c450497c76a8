"""Typst, through the ``typst`` wheel: one compiler per run, the bundled fonts only.

Templates are ``templates/print/*.typ``; each is compiled after ``common.typ``
with the data as JSON in ``sys.inputs``, so plan text is never Typst markup.
System fonts are ignored, so the output does not depend on the machine, and
the creation date comes from the plan, so the same plan gives the same bytes.
"""

from __future__ import annotations

import atexit
import contextlib
import datetime as dt
import json
import re
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


class PrintError(RunbookError):
    """Typst could not lay out a document (a bug in a template, most likely)."""

    exit_code = 3


@dataclass
class Printer:
    """Compiles the print templates; keeps one Typst compiler for all documents of a run."""

    font_paths: tuple[str, ...] = ()  # more fonts (``--font-path``), for scripts Noto lacks
    font_hint: str = "--font-path DIR"  # how the reader of a glyph warning adds a font
    warnings: list[str] = field(default_factory=list)
    _compiler: Any = None
    _sources: dict[str, bytes] = field(default_factory=dict)
    _fonts: list[bytes] | None = None
    _used: int = 0
    _warned: set[str] = field(default_factory=set)

    def _get_compiler(self) -> Any:
        self._used += 1
        if self._used % RENEW_EVERY == 0:
            self._compiler = None  # Typst's caches grow with every document: bound memory
        if self._compiler is None:
            import typst

            fonts = [_font_folder()]
            self._compiler = typst.Compiler(
                font_paths=typst.Fonts(
                    include_system_fonts=False,
                    include_embedded_fonts=False,
                    font_paths=[*fonts, *self.font_paths],
                ),
                ignore_system_fonts=True,
            )
        return self._compiler

    def _source(self, template: str) -> bytes:
        if template not in self._sources:
            cards = template in ("card.typ", "sheet.typ")
            parts = ["common.typ", *(["cardparts.typ"] if cards else [])]
            text = b"\n".join(read_template_bytes("print", p) for p in [*parts, template])
            self._sources[template] = text
        return self._sources[template]

    def pdf(
        self,
        template: str,
        data: dict[str, Any],
        day: dt.date,
        flowchart_svg: str = "",
        tagged: bool = True,
    ) -> tuple[bytes, int]:
        """The PDF and its page count."""
        import typst

        from generator.printing.glyphs import font_files, missing_by_script

        if self._fonts is None:
            self._fonts = font_files([_font_folder(), *self.font_paths])
        missing = missing_by_script(data, self._fonts, self.font_hint)
        for key, message in missing:  # a script once per run, not once per document
            if key not in self._warned:
                self._warned.add(key)
                self.warnings.append(message)
        # PDF/UA refuses text no font can show; such a document is still tagged
        standards = ["ua-1"] if tagged and not missing else []
        inputs = {"data": json.dumps(data, ensure_ascii=False), "flowchart": flowchart_svg}
        stamp = int(dt.datetime.combine(day, dt.time(), dt.UTC).timestamp())
        try:
            # the warnings come back as a list (never through Python's warnings module,
            # whose filters are process-wide: this may run beside a MkDocs build's thread)
            pdf, found = self._get_compiler().compile_with_warnings(
                input=self._source(template),
                format="pdf",
                sys_inputs=inputs,
                timestamp=stamp,
                pdf_standards=standards,
            )
        except typst.TypstError as exc:
            raise PrintError(
                f"the print template {template} failed: {exc.message}; this is a bug in "
                "runbook, please report it"
            ) from None
        for w in found:
            if "unknown font family" in w.message or "glyph" in w.message.lower():
                self.warnings.append(w.message)
        assert isinstance(pdf, bytes)
        return pdf, page_count(pdf)


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
