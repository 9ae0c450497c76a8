"""The bundled fonts, in sets: Noto Sans for every document, Noto Sans Arabic and Hebrew
only for a document that holds text only they draw.

Typst holds every font it is given in memory while it lays a document out, so a
document is given only the sets it needs. The output does not change: a PDF embeds only
the fonts its text uses, and a character takes the first family that has it (the
families are listed in this order, a ``--font-path`` font after them), so a document
with no character that Noto Sans lacks and Arabic or Hebrew has never used those fonts.
The families reach the templates as data (``data.fonts``): a family Typst was not given
would be an "unknown font family" warning.
"""

from __future__ import annotations

import atexit
import contextlib
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from typing import Any

from generator.shared.resources import package_file, read_template_bytes


@dataclass(frozen=True)
class FontSet:
    """Bundled fonts given to Typst together: a folder of ``templates/fonts`` (a package
    of its own in the wheel) and the families its files hold."""

    folder: str
    families: tuple[str, ...]
    files: tuple[str, ...]


NOTO_SANS = FontSet("noto_sans", ("Noto Sans",), ("NotoSans-Regular.ttf", "NotoSans-Bold.ttf"))
ARABIC_HEBREW = FontSet(
    "arabic_hebrew",
    ("Noto Sans Arabic", "Noto Sans Hebrew"),
    (
        "NotoSansArabic-Regular.ttf",
        "NotoSansArabic-Bold.ttf",
        "NotoSansHebrew-Regular.ttf",
        "NotoSansHebrew-Bold.ttf",
    ),
)
PLAIN = (NOTO_SANS,)  # Latin, Greek and Cyrillic: most documents
EVERY = (NOTO_SANS, ARABIC_HEBREW)  # in the order Typst tries them


def families(sets: tuple[FontSet, ...]) -> list[str]:
    """The font families of ``sets``, for the templates' ``set text(font: ...)``."""
    return [family for font_set in sets for family in font_set.families]


FontBytes = Callable[[tuple[str, ...]], list[bytes]]  # the font files in folders (cached)


def choose(
    data: Any, read: FontBytes, font_paths: tuple[str, ...], hint: str
) -> tuple[tuple[FontSet, ...], list[tuple[str, str]]]:
    """The sets a document of ``data`` needs, and (key, warning) for each script (or
    other character) no font has, Arabic and Hebrew included, nor one in ``font_paths``
    (``hint`` says how to add one). One walk over the data's strings, against Noto Sans:
    the characters it lacks, if any, are looked up in the other fonts."""
    from generator.printing.glyphs import by_script, draws, draws_any, lacking

    lacked = lacking(data, read((font_folder(NOTO_SANS),)))
    if not lacked:
        return PLAIN, []
    sets = EVERY if draws_any(read((font_folder(ARABIC_HEBREW),)), lacked) else PLAIN
    every = read((*(font_folder(s) for s in EVERY), *font_paths))
    missing = {ch: text for ch, text in lacked.items() if not draws(every, ch)}
    return sets, by_script(missing, hint)


_FOLDERS = contextlib.ExitStack()  # closed at exit: removes the extracted copies


@cache
def font_folder(font_set: FontSet) -> str:
    """A set's folder, as a path for Typst (which reads folders, not bytes): the
    package's own folder, or a temporary copy when the package is zipped."""
    import tempfile
    from pathlib import Path

    node = package_file("generator.templates", "fonts", font_set.folder)
    if isinstance(node, Path) and all((node / name).is_file() for name in font_set.files):
        return str(node)
    prefix = f"runbook-fonts-{font_set.folder}-"
    folder = Path(_FOLDERS.enter_context(tempfile.TemporaryDirectory(prefix=prefix)))
    for name in font_set.files:
        (folder / name).write_bytes(read_template_bytes("fonts", font_set.folder, name))
    return str(folder)


atexit.register(_FOLDERS.close)
