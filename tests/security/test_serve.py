"""``citegraph app``: listens on this machine only unless told otherwise, and never leaves its
Streamlit server running when it is stopped (SIGTERM, SIGINT, SIGHUP)."""
from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from typer.testing import CliRunner

import graph.cli.serve as serve
from graph.cli.common import app

runner = CliRunner()
REPO = Path(__file__).resolve().parents[2]


@pytest.mark.parametrize("extra,address,warned", [
    ([], "127.0.0.1", False),
    (["--address", "localhost"], "localhost", False),
    (["--address", "0.0.0.0"], "0.0.0.0", True),
])
def test_app_listens_locally_unless_told(tmp_path, monkeypatch, extra, address, warned):
    seen = {}
    monkeypatch.setattr(serve, "first_start", lambda store: None)
    monkeypatch.setattr(serve, "run_child", lambda argv, env, cwd: seen.setdefault("argv", argv) and 0)
    r = runner.invoke(app, ["app", "--store", str(tmp_path / "s.sqlite"), "--headless", *extra])
    assert r.exit_code == 0, r.output
    assert f"--server.address={address}" in seen["argv"]
    assert ("anyone who can reach this machine" in " ".join(r.output.split())) == warned


_WRAPPER = """
import sys
from graph.cli.serve import run_child
child = [sys.executable, "-c", "import os, sys, time; open(sys.argv[1], 'w').write(str(os.getpid())); time.sleep(120)",
         sys.argv[1]]
sys.exit(run_child(child, env=dict(__import__('os').environ), cwd='.'))
"""


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    with open(f"/proc/{pid}/stat") as fh:  # a zombie is gone for our purpose
        return fh.read().rsplit(")", 1)[1].split()[0] != "Z"


@pytest.mark.parametrize("sig", [signal.SIGTERM, signal.SIGINT, signal.SIGHUP])
def test_stopping_the_app_stops_its_server(tmp_path, sig):
    marker = tmp_path / "child.pid"
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    wrapper = subprocess.Popen([sys.executable, "-c", _WRAPPER, str(marker)], env=env)
    deadline = time.monotonic() + 30
    while not (marker.exists() and marker.read_text()) and time.monotonic() < deadline:
        time.sleep(0.05)
    child = int(marker.read_text())
    wrapper.send_signal(sig)
    wrapper.wait(20)
    deadline = time.monotonic() + 10
    while _alive(child) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert not _alive(child)
