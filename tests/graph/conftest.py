"""Fixtures for graph tests: a store ingested from the five seeds (built once per session)."""
from pathlib import Path

import pytest

SEEDS = Path("/work/shared/seeds")
CORPUS = Path("/work/shared/corpus")


@pytest.fixture(scope="session")
def seed_store(tmp_path_factory):
    if not SEEDS.exists():
        pytest.skip("shared seeds not mounted")
    from graph.ingest import ingest

    path = tmp_path_factory.mktemp("seeds") / "store.sqlite"
    report = ingest([SEEDS], path, workers=1)
    assert not report.failed
    return path


@pytest.fixture(scope="session")
def seed_graph(seed_store):
    from graph.build import from_store

    return from_store(seed_store)
