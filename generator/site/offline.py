"""The site on a phone with no network: a web app manifest, its icon, and a service worker
whose precache list and version are written at build time.

Pure functions, but for the two at the edge that read a built site and write the worker
into it: the same site gives byte-identical files. The worker's cache
version is a hash of every file's path and contents, so a new build is a new cache
(which replaces the old one) and an unchanged build changes nothing.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Iterator, Mapping
from pathlib import Path

from generator.shared.resources import read_template_bytes

MANIFEST = "manifest.webmanifest"
ICON = "assets/runbook-icon.svg"
WORKER = "runbook-sw.js"
THEME_COLOUR = "#a4161a"  # the site's primary colour (runbook.css)
BACKGROUND = "#ffffff"


def icon_svg(colour: str = THEME_COLOUR) -> str:
    """The home-screen icon: a white warning mark on the site's red, full bleed (so any
    mask a phone applies keeps it whole). Shapes only: no font, the same everywhere."""
    return (
        '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 512 512">'
        f'<rect width="512" height="512" fill="{colour}"/>'
        '<path d="M256 96 L424 388 H88 Z" fill="none" stroke="#fff" stroke-width="36" '
        'stroke-linejoin="round"/>'
        '<rect x="238" y="196" width="36" height="110" rx="14" fill="#fff"/>'
        '<circle cx="256" cy="340" r="20" fill="#fff"/>'
        "</svg>\n"
    )


def manifest(name: str, short_name: str, colour: str = THEME_COLOUR) -> str:
    """The web app manifest (JSON): the site installs on a home screen and opens at its
    home page. Addresses are relative to the manifest, which sits at the site's root."""
    data = {
        "name": name,
        "short_name": short_name,
        "start_url": "./index.html",
        "scope": "./",
        "display": "standalone",
        "background_color": BACKGROUND,
        "theme_color": colour,
        "icons": [
            {"src": ICON, "sizes": "any", "type": "image/svg+xml", "purpose": "any"},
            {"src": ICON, "sizes": "any", "type": "image/svg+xml", "purpose": "maskable"},
        ],
    }
    return json.dumps(data, ensure_ascii=False, indent=2, sort_keys=True) + "\n"


def precache_paths(paths: Iterable[str]) -> list[str]:
    """The addresses the worker saves: every file of the site (not the worker itself),
    and each folder's index.html by its folder's address too."""
    out = []
    for path in sorted(paths):
        if path == WORKER:
            continue
        out.append(path)
        if path == "index.html":
            out.append("./")
        elif path.endswith("/index.html"):
            out.append(path.removesuffix("index.html"))
    return sorted(set(out))


def cache_version(files: Mapping[str, bytes]) -> str:
    """A hash of every file's path and contents: it changes with any change to the site."""
    digest = hashlib.sha256()
    for path in sorted(files):
        if path == WORKER:
            continue
        digest.update(path.encode("utf-8") + b"\0")
        digest.update(hashlib.sha256(files[path]).digest())
    return digest.hexdigest()[:16]


def service_worker(files: Mapping[str, bytes]) -> str:
    """The service worker's source for a site made of ``files`` (path -> contents)."""
    template = read_template_bytes("assets", WORKER).decode("utf-8")
    listed = json.dumps(precache_paths(files), ensure_ascii=True, indent=1)
    return template.replace("__RUNBOOK_VERSION__", cache_version(files)).replace(
        "__RUNBOOK_FILES__", listed.replace("</", "<\\/")
    )


class SiteFiles(Mapping[str, bytes]):
    """The files of a built site by path, each read when asked for: a site of many plans
    is hashed one file at a time, never held in memory whole."""

    def __init__(self, site_dir: Path, paths: list[str]) -> None:
        self.site_dir = site_dir
        self.paths = paths
        self.known = frozenset(paths)

    def __getitem__(self, path: str) -> bytes:
        if path not in self.known:
            raise KeyError(path)
        return (self.site_dir / path).read_bytes()

    def __iter__(self) -> Iterator[str]:
        return iter(self.paths)

    def __len__(self) -> int:
        return len(self.paths)


def site_files(site_dir: Path) -> Mapping[str, bytes]:
    """Every file of a built site, by its path from the root (``/`` separators); hidden
    files (the build's own marks, which no server shows) are not the site's."""
    paths = []
    for p in sorted(site_dir.rglob("*")):
        path = p.relative_to(site_dir).as_posix()
        if p.is_file() and not any(part.startswith(".") for part in path.split("/")):
            paths.append(path)
    return SiteFiles(site_dir, paths)


def write_service_worker(site_dir: Path) -> None:
    """Write the worker into a built site, listing every file the build wrote."""
    (site_dir / WORKER).write_text(service_worker(site_files(site_dir)), "utf-8")


def with_manifest(output: str, page_url: str) -> str:
    """The web app manifest and the theme colour, in a page's head (the script registers
    the service worker it finds beside the manifest)."""
    from mkdocs.utils import get_relative_url

    href = get_relative_url(MANIFEST, page_url)
    tags = (
        f'<link rel="manifest" href="{href}">\n<meta name="theme-color" content="{THEME_COLOUR}">\n'
    )
    return output.replace("</head>", tags + "</head>", 1)
