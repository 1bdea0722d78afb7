"""The forked process that builds the graph for a push: its errors reach the parent as they are,
and it never outlives a parent that died (no stray writer behind a dead push). No server needed."""
from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from graph.neo4j import push as ns

ROOT = Path(__file__).resolve().parents[2]
pytestmark = pytest.mark.skipif("fork" not in __import__("multiprocessing").get_all_start_methods(),
                                reason="the graph is built in a forked process only where fork exists")


def _failing_build(store):
    raise ValueError("the store is unreadable here")


@pytest.mark.parametrize("mode", ["items", "send"])
def test_an_error_in_the_child_is_raised_as_itself(seed_store, monkeypatch, mode):
    monkeypatch.setattr("graph.build.from_store", _failing_build)  # inherited by the fork
    producer = ns._GraphProducer(seed_store, None, connect=lambda: None)
    try:
        producer.proc.join(30)  # the child has failed and closed its end before the parent asks
        assert not producer.proc.is_alive()
        with pytest.raises(ValueError, match="the store is unreadable here"):
            list(producer) if mode == "items" else producer.send_all()
    finally:
        producer.close()


def _state(pid: int) -> str | None:
    try:
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return None


@pytest.mark.skipif(not Path("/proc").is_dir(), reason="reads process states from /proc")
def test_the_child_stops_when_its_parent_is_killed(seed_store):
    code = ("import os, signal, sys, time; from graph.neo4j import push as ns; "
            f"p = ns._GraphProducer({str(seed_store)!r}, None, connect=lambda: None); "
            "print(p.proc.pid, flush=True); time.sleep(0.5); os.kill(os.getpid(), signal.SIGKILL)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60, cwd=ROOT)
    assert out.stdout.strip(), out.stderr[-800:]
    child = int(out.stdout.split()[0])
    deadline = time.monotonic() + 30
    while _state(child) not in (None, "Z") and time.monotonic() < deadline:
        time.sleep(0.1)
    state = _state(child)
    if state not in (None, "Z"):
        os.kill(child, signal.SIGKILL)
    assert state in (None, "Z"), f"the graph process {child} outlived its parent (state {state})"
