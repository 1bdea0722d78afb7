"""Fixtures for the Neo4j tests: a real Bolt server (ArcadeDB + Bolt plugin) for the session.

Under ``CI=true`` a server that cannot start FAILS every test that needs it, with the reason;
elsewhere those tests are skipped with the reason (e.g. a machine without the ``test`` extra).
"""
from __future__ import annotations

import os
from pathlib import Path

import pytest

from graph.settings import REPO_ROOT
from tests.neo4j.server import ServerUnavailable, external_from_env, start_server


def _in_ci() -> bool:
    return os.environ.get("CI", "").strip().lower() in {"1", "true", "yes"}


@pytest.fixture(scope="session")
def bolt_server():
    external = external_from_env()  # a real Neo4j 5, when $CITEGRAPH_TEST_NEO4J_URI is set
    if external is not None:
        yield external
        return
    try:
        server = start_server()
    except ServerUnavailable as exc:
        message = f"the Bolt test server (ArcadeDB) could not start: {exc.reason}"
        if _in_ci():
            pytest.fail(message, pytrace=False)
        pytest.skip(message)
    try:
        yield server
    finally:
        server.stop()


@pytest.fixture(scope="session")
def bolt_driver(bolt_server):
    driver = bolt_server.driver()
    try:
        yield driver
    finally:
        driver.close()


@pytest.fixture
def clean_db(bolt_server, bolt_driver):
    """The session database, emptied before the test (data only; constraints stay)."""
    bolt_driver.execute_query("MATCH (n) DETACH DELETE n", database_=bolt_server.database)
    return bolt_server


SEEDS = Path("/work/shared/seeds")
BUNDLED = REPO_ROOT / "data"


def _ingest(src, dest):
    from graph.ingest import ingest

    report = ingest([str(src)], str(dest))
    assert not report.failed, report.failed
    return str(dest)


@pytest.fixture(scope="session")
def seeds_store(tmp_path_factory):
    """A SQLite store of the shared seeds (or the bundled copy when the shared folder is absent)."""
    src = SEEDS if SEEDS.is_dir() else BUNDLED / "seeds"
    return _ingest(src, tmp_path_factory.mktemp("seeds") / "seeds.sqlite")


@pytest.fixture(scope="session")
def bundled_store(tmp_path_factory):
    """A SQLite store of the bundled data/ corpus (seeds + corpus)."""
    if not BUNDLED.is_dir():
        pytest.fail(f"the bundled corpus {BUNDLED} is missing", pytrace=False)
    return _ingest(BUNDLED, tmp_path_factory.mktemp("bundled") / "bundled.sqlite")


def remote_dump(driver, database):
    """Every node and relationship on the server, as sorted plain tuples (ids left out)."""
    nodes = driver.execute_query("MATCH (n) RETURN labels(n) AS l, properties(n) AS p", database_=database).records
    rels = driver.execute_query(
        "MATCH (a)-[e]->(b) RETURN type(e) AS t, coalesce(a.key, a.id, a.path) AS s, "
        "coalesce(b.key, b.id, b.path) AS d, properties(e) AS p", database_=database).records
    canon = lambda p: repr(sorted((k, v) for k, v in p.items() if k not in ("pushed_at", "push_id")))  # noqa: E731
    return (sorted((tuple(sorted(r["l"])), canon(r["p"])) for r in nodes),
            sorted((r["t"], r["s"], r["d"], canon(r["p"])) for r in rels))


@pytest.fixture
def dump(bolt_server, bolt_driver):
    """``dump()``: the whole database as sorted plain tuples (see ``remote_dump``)."""
    return lambda: remote_dump(bolt_driver, bolt_server.database)
