"""The Host check of ``runbook serve`` (and ``mkdocs serve`` with the runbook plugin),
and what the plugin has the live-reload server watch.

MkDocs' live-reload server answers any ``Host`` header. A web page on another site
can then rebind its own name to 127.0.0.1 (DNS rebinding) and read the plan while
it is served. Browsers always send the name they resolved, so the server answers
only requests addressed to where it listens: its own address and port, or
``localhost``, ``127.0.0.1`` and ``[::1]`` on that port. When it listens on every
interface (``0.0.0.0`` or ``::``), any IP address on that port is accepted too, so
a phone on the same network can open it by address: rebinding needs a name.
"""

from __future__ import annotations

import ipaddress
import re
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from generator.site.plugin_options import SiteOptions

LOOPBACK_NAMES = frozenset({"localhost", "127.0.0.1", "::1"})
ANY_INTERFACE = frozenset({"", "0.0.0.0", "::"})
_PORT = re.compile(r":([0-9]{1,5})")
REFUSED = (
    b"runbook serve answers only requests for the address it listens on, or localhost: "
    b"open the address it printed when it started.\n"
)

WsgiApp = Callable[[dict[str, Any], Callable[..., Any]], Iterable[bytes]]


def split_host(header: str) -> tuple[str, int | None] | None:
    """The name and port of a ``Host`` header (``[::1]:8000`` -> ``("::1", 8000)``), or
    None when it is not one."""
    header = header.strip().lower()
    if header.startswith("["):
        name, bracket, rest = header[1:].partition("]")
        if not bracket:
            return None
    else:
        name, colon, port = header.partition(":")
        rest = colon + port
    port_match = _PORT.fullmatch(rest)
    if rest and not port_match:
        return None
    return name.rstrip("."), int(port_match.group(1)) if port_match else None


def _is_ip_address(name: str) -> bool:
    try:
        ipaddress.ip_address(name)
    except ValueError:
        return False
    return True


def host_allowed(header: str, bound_host: str, bound_port: int) -> bool:
    """Whether a request with this ``Host`` header is for the server bound there."""
    parsed = split_host(header)
    if parsed is None:
        return False
    name, port = parsed
    if (80 if port is None else port) != bound_port:
        return False
    if name in LOOPBACK_NAMES or name == bound_host.lower():
        return True
    return bound_host in ANY_INTERFACE and _is_ip_address(name)


def checking_host(app: WsgiApp, address: Callable[[], tuple[str, int]]) -> WsgiApp:
    """``app`` answering only requests whose ``Host`` is allowed at ``address()`` (the
    server's bound address, read at each request); others get 403 Forbidden."""

    def guarded(environ: dict[str, Any], start_response: Callable[..., Any]) -> Iterable[bytes]:
        host, port = address()
        if host_allowed(environ.get("HTTP_HOST", ""), host, port):
            return app(environ, start_response)
        start_response(
            "403 Forbidden",
            [("Content-Type", "text/plain; charset=utf-8"), ("Content-Length", str(len(REFUSED)))],
        )
        return [REFUSED]

    return guarded


def guard_server(server: Any) -> None:
    """Put the Host check in front of a MkDocs ``LiveReloadServer`` (a WSGI server)."""
    server.set_app(
        checking_host(
            server.get_app(),
            lambda: (str(server.server_address[0]), int(server.server_address[1])),
        )
    )


def serve_runbook(server: Any, watched: Path, options: SiteOptions) -> None:
    """Guard a MkDocs ``LiveReloadServer`` (no DNS rebinding: only requests for its
    address are answered), have it watch the plan (or folder of plans) and the
    templates, and say where the runbook is served."""
    from generator.site.plan_units import shown
    from generator.site.plugin_messages import say

    guard_server(server)
    server.watch(str(watched))
    if options.templates_dir:
        server.watch(options.templates_dir)
    url = server.url.rstrip("/") + "/" + options.prefix
    say(f"Serving the runbook for {shown(watched)} on {url} (Ctrl+C to stop)")
