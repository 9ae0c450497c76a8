"""`runbook serve` for the people who edit the plan: every save shows up, an invalid save
is said in the terminal and on the page, and stopping leaves nothing behind.

Each step polls until a deadline; no sleep is tuned to this machine."""

from __future__ import annotations

import http.client
import os
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.request
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest

from tests.conftest import EXAMPLE

DEADLINE = 60.0


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _until(check: Callable[[], bool], what: str, seconds: float = DEADLINE) -> None:
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        if check():
            return
        time.sleep(0.1)
    raise AssertionError(f"gave up after {seconds:.0f} s waiting for {what}")


def start_serve(folder: Path, tmp: Path) -> tuple[subprocess.Popen[str], str, list[str]]:
    """`runbook serve` in ``folder``, its temporary files in ``tmp``: the process, its
    address, and the lines it prints (read on a thread as they come)."""
    port = _free_port()
    env = {**os.environ, "TMPDIR": str(tmp), "NO_COLOR": "1", "NO_MKDOCS_2_WARNING": "1"}
    env.pop("RUNBOOK_PLAN", None)
    env.pop("RUNBOOK_PLANS", None)
    process = subprocess.Popen(
        [sys.executable, "-m", "generator", "serve", "--dev-addr", f"127.0.0.1:{port}"],
        cwd=folder,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    lines: list[str] = []
    threading.Thread(
        target=lambda: lines.extend(iter(process.stdout.readline, "")),  # type: ignore[union-attr]
        daemon=True,
    ).start()
    return process, f"http://127.0.0.1:{port}/", lines


@dataclass
class Served:
    """A `runbook serve` subprocess in a folder that holds only a plan."""

    folder: Path
    tmp: Path
    url: str
    process: subprocess.Popen[str]
    lines: list[str] = field(default_factory=list)

    @property
    def plan(self) -> Path:
        return self.folder / "plans" / "crisis.yaml"

    def terminal(self) -> str:
        return "".join(self.lines)

    def page(self, path: str = "index.html") -> str:
        try:
            with urllib.request.urlopen(self.url + path, timeout=5) as response:
                return str(response.read().decode("utf-8", "replace"))
        except OSError:
            return ""

    def edit(self, old: str, new: str) -> None:
        text = self.plan.read_text()
        assert old in text
        self.plan.write_text(text.replace(old, new, 1))


@pytest.fixture
def served(tmp_path: Path) -> Iterator[Served]:
    folder, tmp = tmp_path / "team", tmp_path / "tmp"
    (folder / "plans").mkdir(parents=True)
    tmp.mkdir()
    (folder / "plans" / "crisis.yaml").write_text(EXAMPLE.read_text())
    process, url, lines = start_serve(folder, tmp)
    served = Served(folder, tmp, url, process, lines)
    try:
        _until(lambda: "Northwind" in served.page(), "the first page")
        yield served
    finally:
        if process.poll() is None:
            process.kill()
            process.wait(timeout=30)


def _temporary(served: Served) -> list[str]:
    """What serve keeps in the temporary folder, but Jinja's compiled-template cache,
    which is meant to outlive every run."""
    return [p.name for p in served.tmp.iterdir() if not p.name.startswith("_jinja2-cache")]


def _stop(served: Served, sig: int) -> None:
    served.process.send_signal(sig)
    served.process.wait(timeout=DEADLINE)
    assert _temporary(served) == [], "stopping leaves no temporary folder behind"


def test_edits_show_up_and_errors_show_up(served: Served) -> None:
    start = f"Serving the runbook for plans/crisis.yaml on {served.url} (Ctrl+C to stop)"
    assert served.terminal().splitlines()[0] == start
    assert "INFO" not in served.terminal(), "MkDocs' own chatter stays hidden"

    assert served.page("runbook.pdf").startswith("%PDF"), "serve writes the offline copies too"
    served.edit("organization: Northwind Outfitters", "organization: Southwind Outfitters")
    _until(lambda: "Southwind" in served.page(), "the edit to show up")
    _until(lambda: "Rebuilt in " in served.terminal(), "the rebuild line")

    # a character the print font lacks: said in the terminal, and the site still rebuilds
    served.edit("organization: Southwind Outfitters", "organization: Southwind 北風")
    _until(lambda: "北風" in served.page(), "a name the print font lacks to show up")
    _until(
        lambda: "runbook: warning: the print font has no character '北'" in served.terminal(),
        "the font warning",
    )

    served.edit("    accountable: comms-director\n", "    accountable: nobody\n")
    _until(lambda: "Still serving the last valid version" in served.terminal(), "the report")
    out = served.terminal()
    assert "plans/crisis.yaml:" in out and "no role has the id `nobody`" in out
    page = served.page("levels/level-4.html")
    assert "runbook-invalid" in page and "The saved plan has 1 error" in page
    assert "no role has the id `nobody`" in page
    assert "Southwind" in served.page(), "the last valid content stays beneath the banner"

    served.edit("    accountable: nobody\n", "    accountable: comms-director\n")
    _until(lambda: "runbook-invalid" not in served.page(), "the banner to go")
    _stop(served, signal.SIGINT)


def _status(served: Served, host: str | None) -> int:
    """The status of a request for the home page with this Host header (None: no Host)."""
    port = int(served.url.rsplit(":", 1)[1].strip("/"))
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    try:
        connection.putrequest("GET", "/index.html", skip_host=True)
        if host is not None:
            connection.putheader("Host", host)
        connection.endheaders()
        response = connection.getresponse()
        response.read()
        return response.status
    finally:
        connection.close()


def test_only_requests_for_this_address_are_answered(served: Served) -> None:
    port = served.url.rsplit(":", 1)[1].strip("/")
    for host in (f"127.0.0.1:{port}", f"localhost:{port}", f"LOCALHOST.:{port}", f"[::1]:{port}"):
        assert _status(served, host) == 200, host
    # DNS rebinding: a page of another site whose name now points here
    for host in (f"rebind.example:{port}", "rebind.example", f"127.0.0.1:{int(port) + 1}", None):
        assert _status(served, host) == 403, host
    _stop(served, signal.SIGINT)


@pytest.mark.parametrize(
    ("header", "bound", "allowed"),
    [
        ("localhost:8000", ("127.0.0.1", 8000), True),
        ("[::1]:8000", ("127.0.0.1", 8000), True),
        ("10.0.0.5:8000", ("10.0.0.5", 8000), True),
        ("192.168.1.9:8000", ("0.0.0.0", 8000), True),  # any interface: a phone on the LAN
        ("[fe80::1]:8000", ("::", 8000), True),
        ("localhost", ("127.0.0.1", 80), True),  # no port in Host: port 80
        ("localhost", ("127.0.0.1", 8000), False),
        ("localhost:8001", ("127.0.0.1", 8000), False),
        ("rebind.example:8000", ("0.0.0.0", 8000), False),  # a name, even on every interface
        ("10.0.0.6:8000", ("10.0.0.5", 8000), False),
        ("localhost:8000:1", ("127.0.0.1", 8000), False),
        ("localhost:٨٠٠٠", ("127.0.0.1", 8000), False),
        ("[::1:8000", ("127.0.0.1", 8000), False),
        ("", ("127.0.0.1", 8000), False),
    ],
)
def test_host_allowed(header: str, bound: tuple[str, int], allowed: bool) -> None:
    from generator.site.serving import host_allowed

    assert host_allowed(header, *bound) is allowed


def test_sigterm_leaves_no_temporary_folder(served: Served) -> None:
    assert _temporary(served), "serve works in a temporary folder while it runs"
    _stop(served, signal.SIGTERM)
    assert served.process.returncode == 0


def test_banner_only_while_serving_and_escaped() -> None:
    from generator.errors import PlanInvalid
    from generator.mkdocs_plugin import RunbookPlugin
    from generator.plan.diagnostics import Diagnostic

    plugin = RunbookPlugin()
    plugin.load_config({"plan": "p.yaml", "standalone": True})
    bad = Diagnostic("p.yaml", 3, 5, "plan.title", "error", "<script>alert(1)</script>")
    plugin.problems = PlanInvalid("p.yaml", [bad])
    page = "<html><body class='x'><p>content</p></body></html>"
    built = SimpleNamespace(file=SimpleNamespace(src_uri="index.md"), url="index.html")
    plugin.serving = False  # a build: never a banner, whatever happened before
    assert plugin.on_post_page(page, page=built, config=None) == page
    plugin.serving = True
    shown = plugin.on_post_page(page, page=built, config=None)
    assert shown.startswith("<html><body class='x'><div class=\"runbook-invalid\"")
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in shown and "<script>" not in shown
    assert shown.endswith("<p>content</p></body></html>")
    # hidden characters shown as the other outputs show them, never sent raw
    hidden = Diagnostic("p.yaml", 4, 1, "plan.owner", "error", "abc\u202edef")
    plugin.problems = PlanInvalid("p.yaml", [hidden])
    shown = plugin.on_post_page(page, page=built, config=None)
    assert "abc\u27e8U+202E\u27e9def" in shown and "\u202e" not in shown


def test_the_browser_reloads_by_itself(served: Served, browser: Any) -> None:
    page = browser.new_page()
    try:
        page.goto(served.url + "index.html")
        page.wait_for_selector("text=Northwind Outfitters")
        served.edit("organization: Northwind Outfitters", "organization: Eastwind Outfitters")
        # no page.reload(): MkDocs' live reload must bring the edit
        page.wait_for_selector("text=Eastwind Outfitters", timeout=DEADLINE * 1000)
    finally:
        page.close()
