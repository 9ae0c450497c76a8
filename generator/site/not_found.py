"""The 404 page of a built site, made to work at any address (the I/O edge of a build)."""

from __future__ import annotations

import json
import re
from pathlib import Path


def rewrite_not_found_page(page: Path, content: str, root: str) -> None:
    """A 404 page that works at any address. A server returns it for any missing path,
    however deep, so its links and styles are written relative to the site's root ("./")
    and, over HTTP, a ``<base>`` set before anything loads points them there (the root is
    the path of ``site_url``, else "/"). From file:// the page sits at the root itself.
    Its content leads back to what matters: home, the finder, each level's call block."""
    if not page.is_file():
        return
    text = re.sub(r'\b(href|src)="/(?!/)', r'\1="./', page.read_text("utf-8"))
    text = text.replace('"base": "/"', '"base": "."')
    base = json.dumps(root).replace("<", "\\u003c")
    script = (
        '<script>if (location.protocol !== "file:") {'
        ' var b = document.createElement("base"); b.href = ' + base + ";"
        " document.head.appendChild(b); }</script>"
    )
    text = re.sub(r"<head>", lambda m: m.group() + script, text, count=1)
    # Material finds its search index from its config's "base", against the address
    fix = (
        '<script>if (location.protocol !== "file:") {'
        ' var c = document.getElementById("__config");'
        ' c.textContent = c.textContent.replace(\'"base": "."\', \'"base": \' + '
        "JSON.stringify(document.baseURI)); }</script>"
    )
    text = re.sub(
        r'<script id="__config"[^>]*>.*?</script>', lambda m: m.group() + fix, text, count=1
    )
    text = re.sub(r"<h1>404 - Not found</h1>", lambda m: content, text, count=1)
    page.write_text(text, "utf-8")
