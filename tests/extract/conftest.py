"""Fixtures of the extractor's tests: the shared scorer, reached through ``shared`` (tests/conftest.py)."""
from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest


def _citegraph() -> str:
    """The installed ``citegraph`` command (the scorer runs it as a user would)."""
    exe = shutil.which("citegraph") or str(Path(sys.executable).with_name("citegraph"))
    if not Path(exe).exists():
        pytest.fail("no 'citegraph' command: install the project first (pip install -e .)")
    return exe


@pytest.fixture(scope="session")
def score(shared):
    """``score(gold, docs, {"--min-f1": "0.99", ...})``: run ../shared/tools/score_extract.py over
    ``citegraph extract`` and return ``(passed, summary line, full output)``."""
    scorer = shared / "tools" / "score_extract.py"

    def run(gold: Path, docs: Path, thresholds: dict[str, str]) -> tuple[bool, str, str]:
        args = [sys.executable, str(scorer), str(gold), str(docs), "--cli", _citegraph(), "--verbose"]
        for k, v in thresholds.items():
            args += [k, v]
        r = subprocess.run(args, capture_output=True, text=True, timeout=600)
        summary = (r.stdout.strip().splitlines() or [""])[-1]
        return r.returncode == 0, summary, r.stdout + r.stderr

    return run
