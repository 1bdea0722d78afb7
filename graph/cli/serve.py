"""``citegraph app [--store PATH] [--port N]``: open the explorer (same as ``streamlit run app.py``).

The store is passed to the app through ``$CITEGRAPH_STORE``.  An empty (or missing) store is
first filled from the bundled ``data/`` with a progress line, so the first start needs no server
and no manual step; later starts open at once.
"""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path
from typing import Optional

import typer

from graph.cli.common import StoreOpt, app, err_console, fail
from graph.ingest import ensure_ingested
from graph.settings import ENV_STORE, REPO_ROOT, is_bolt_uri, store_location

APP_FILE = REPO_ROOT / "app.py"


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
        err_console.print(f"citegraph: first start, ingesting {n} bundled files into {store} …")

    def on_result(_res) -> None:
        total["i"] += 1
        if total["i"] % 100 == 0 or total["i"] == total["n"]:
            err_console.print(f"  {total['i']}/{total['n']}")

    return ensure_ingested(store, on_start=on_start, on_result=on_result)


@app.command("app")
def app_command(
    store: Optional[str] = StoreOpt,
    port: Optional[int] = typer.Option(None, "--port", help="Port to serve on (default: Streamlit's 8501)."),
    address: Optional[str] = typer.Option(None, "--address", help="Address to bind (default: Streamlit's)."),
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
    if report:
        err_console.print(f"citegraph: ingested {report['ingested']} files"
                          + (f", {report['failed']} failed" if report["failed"] else ""))
    argv, env = streamlit_command(location, port=port, address=address, headless=headless)
    try:
        code = subprocess.call(argv, env=env, cwd=str(Path(APP_FILE).parent))
    except KeyboardInterrupt:
        code = 0
    raise typer.Exit(code)
