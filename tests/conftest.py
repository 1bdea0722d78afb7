"""The one way tests reach ``../shared`` (the seeds, corpus, real files and golds beside the repository).

``shared`` is a session fixture; ``shared_path(*parts)`` is the same lookup for helpers that need a
path before a fixture can run.  A missing folder skips the test on a developer's machine and fails
it under ``CI=true`` (CI always has ../shared: a silent skip there would hide lost coverage).
"""
from __future__ import annotations

import os
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"


def shared_path(*parts: str) -> Path:
    """``../shared/<parts>``, or skip (fail under CI=true) when it is not there."""
    path = SHARED.joinpath(*parts)
    if not path.exists():
        reason = f"{path} not found (../shared beside the repository)"
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail(reason)
        pytest.skip(reason)
    return path


@pytest.fixture(scope="session")
def shared() -> Path:
    """The ``../shared`` folder."""
    return shared_path()


@pytest.fixture(scope="session")
def seeds_dir() -> Path:
    """``../shared/seeds``: the five hand-annotated sample plans."""
    return shared_path("seeds")


@pytest.fixture(scope="session")
def corpus_dir() -> Path:
    """``../shared/corpus``: the 871 real documents as text."""
    return shared_path("corpus")


@pytest.fixture
def forked_workers(monkeypatch):
    """Ingest workers forked from this process, so they see the test's monkeypatches.

    Once other threads run in the test process (a driver, a browser), ``graph.sandbox`` starts
    workers from a fork server instead, a clean process that knows nothing of the patches.
    """
    import multiprocessing

    from graph import sandbox

    monkeypatch.setattr(sandbox, "_context", lambda: multiprocessing.get_context("fork"))
