"""Fixtures for graph tests: a store ingested from the five seeds (built once per session)."""
import pytest


@pytest.fixture(scope="session")
def seed_store(tmp_path_factory, seeds_dir):
    from graph.ingest import ingest

    path = tmp_path_factory.mktemp("seeds") / "store.sqlite"
    report = ingest([seeds_dir], path, workers=1)
    assert not report.failed
    return path


@pytest.fixture(scope="session")
def seed_graph(seed_store):
    from graph.build import from_store

    return from_store(seed_store)
