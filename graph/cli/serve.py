"""``citegraph app [--store PATH] [--port N]``: open the explorer (same as ``streamlit run app.py``).

The store is passed to the app through ``$CITEGRAPH_STORE``.  An empty (or missing) store is
first filled from the bundled ``data/`` with a progress line, so the first start needs no server
and no manual step; later starts open at once.

The explorer listens on this machine only (127.0.0.1): it has no login and its upload page
writes to the store.  ``--address 0.0.0.0`` opens it to the network, with a warning (see
docs/security.md).  Ending ``citegraph app`` (Ctrl-C, SIGTERM, SIGHUP) ends the Streamlit server.
"""
from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path
from typing import Optional

import typer

from graph.cli.common import StoreOpt, app, err_console, esc, fail
from graph.ingest import ensure_ingested
from graph.settings import ENV_STORE, REPO_ROOT, is_bolt_uri, store_location

APP_FILE = REPO_ROOT / "app.py"
DEFAULT_ADDRESS = "127.0.0.1"
_LOCAL = {"127.0.0.1", "localhost", "::1"}


def streamlit_command(store: str, *, port: int | None = None, address: str | None = None,
                      headless: bool = False, extra: list[str] | None = None) -> tuple[list[str], dict[str, str]]:
    """The argv and environment that run the explorer on ``store`` (used by tests and benchmarks too)."""
    argv = [sys.executable, "-m", "streamlit", "run", str(APP_FILE),
            "--browser.gatherUsageStats=false", "--server.maxUploadSize=50",
            "--client.toolbarMode=minimal"]
    if port:
        argv.append(f"--server.port={port}")
    if address:
        argv.append(f"--server.address={address}")
    if headless:
        argv.append("--server.headless=true")
    argv += extra or []
    env = {**os.environ, ENV_STORE: store}
    return argv, env


def first_start(store: str) -> dict | None:
    """Ingest the bundled corpus into an empty store, printing progress; returns the report."""
    total = {"n": 0, "i": 0}

    def on_start(n: int) -> None:
        total["n"] = n
        err_console.print(f"citegraph: first start, ingesting {n} bundled files into {esc(store)} …")

    def on_result(_res) -> None:
        total["i"] += 1
        if total["i"] % 100 == 0 or total["i"] == total["n"]:
            err_console.print(f"  {total['i']}/{total['n']}")

    return ensure_ingested(store, on_start=on_start, on_result=on_result)


@app.command("app")
def app_command(
    store: Optional[str] = StoreOpt,
    port: Optional[int] = typer.Option(None, "--port", help="Port to serve on (default: Streamlit's 8501)."),
    address: str = typer.Option(
        DEFAULT_ADDRESS, "--address",
        help="Address to listen on (default 127.0.0.1: this machine only). 0.0.0.0 opens the explorer, "
             "upload page included and without a login, to everyone on the network."),
    headless: bool = typer.Option(False, "--headless", help="Do not open a browser window."),
) -> None:
    """Open the explorer in the browser (Vietnamese first; English in the sidebar)."""
    location = store_location(store)
    if is_bolt_uri(location):
        fail("the explorer reads the embedded SQLite store; pass --store PATH")
    if not APP_FILE.exists():
        fail(f"{APP_FILE} not found (run from a source checkout)")
    try:
        report = first_start(location)
    except Exception as exc:  # a broken store: say so plainly
        fail(f"cannot prepare the store {location}: {exc}")
    if address not in _LOCAL:
        err_console.print(f"[bold yellow]warning:[/bold yellow] listening on {esc(address)}: anyone who can reach "
                          "this machine can read the store and upload files (no login); see docs/security.md")
    if report:
        err_console.print(f"citegraph: ingested {report['ingested']} files"
                          + (f", {report['failed']} failed" if report["failed"] else ""))
    argv, env = streamlit_command(location, port=port, address=address, headless=headless)
    raise typer.Exit(run_child(argv, env=env, cwd=str(Path(APP_FILE).parent)))


def run_child(argv: list[str], *, env: dict[str, str], cwd: str, grace: float = 10.0) -> int:
    """Run the server as a child and wait; SIGTERM/SIGINT/SIGHUP to this process end the child too
    (a service manager or ``kill`` stops citegraph, not only its wrapper).  Returns its status."""
    child = subprocess.Popen(argv, env=env, cwd=cwd)

    def forward(signum, _frame) -> None:
        if child.poll() is None:
            child.send_signal(signal.SIGTERM if signum == getattr(signal, "SIGHUP", None) else signum)

    old = {}
    for name in ("SIGTERM", "SIGINT", "SIGHUP"):
        sig = getattr(signal, name, None)
        if sig is not None:
            old[sig] = signal.signal(sig, forward)
    try:
        while True:
            try:
                code = child.wait()
                break
            except KeyboardInterrupt:  # a handler was replaced meanwhile; keep waiting for the child
                forward(signal.SIGINT, None)
        if code is None:
            code = 0
    finally:
        for sig, handler in old.items():
            signal.signal(sig, handler)
        if child.poll() is None:  # wait() interrupted by something else: never leave it behind
            child.terminate()
            try:
                child.wait(grace)
            except subprocess.TimeoutExpired:
                child.kill()
                child.wait()
    return 0 if code in (-signal.SIGINT, -signal.SIGTERM) else code
