"""Fixtures for the Neo4j tests: a real Neo4j 5 (tests/neo4j/server.py) for the whole session.

The server starts once, when the collected tests include any ``@pytest.mark.neo4j`` test, and
the line after "collected N items" names it as the server itself reports it
(``CALL dbms.components()``).  It stops when the session ends.  Under ``CI=true`` a server that
cannot start FAILS every test that needs it, with the reason; elsewhere those tests are skipped
with the reason (e.g. a machine without Maven or Java).
"""
from __future__ import annotations

import os
from dataclasses import dataclass

import pytest

from tests.neo4j.server import ServerUnavailable, components, external_from_env, start_server


def _in_ci() -> bool:
    return os.environ.get("CI", "").strip().lower() in {"1", "true", "yes"}


@dataclass
class _Session:
    server: object = None
    error: str | None = None
    header: str = ""


_STATE = pytest.StashKey[_Session]()


def _session_server(config) -> _Session:
    """Start (once) the session's server; remember it, or why it could not start."""
    state = config.stash.get(_STATE, None)
    if state is not None:
        return state
    state = config.stash[_STATE] = _Session()
    server = external_from_env()  # a Neo4j someone runs, when $CITEGRAPH_TEST_NEO4J_URI is set
    try:
        if server is None:
            server = start_server()
        with server.driver() as driver:
            version = components(driver)
    except ServerUnavailable as exc:
        state.error = f"the Neo4j test server could not start: {exc.reason}"
        state.header = "neo4j: " + state.error.splitlines()[0]
        return state
    except Exception as exc:  # noqa: BLE001 - an external server that does not answer
        server.stop()
        state.error = f"the Neo4j test server does not answer: {type(exc).__name__}: {exc}"
        state.header = "neo4j: " + state.error
        return state
    state.server = server
    state.header = f"neo4j: {version} at {server.uri} (database {server.database}, ready in {server.started_in_s:.1f} s)"
    return state


def pytest_report_collectionfinish(config, start_path, items):
    if not config.option.collectonly and any(item.get_closest_marker("neo4j") for item in items):
        return _session_server(config).header
    return None


def pytest_unconfigure(config):
    state = config.stash.get(_STATE, None)
    if state is not None and state.server is not None:
        state.server.stop()
        state.server = None


@pytest.fixture(scope="session")
def bolt_server(pytestconfig):
    state = _session_server(pytestconfig)
    if state.server is None:
        if _in_ci():
            pytest.fail(state.error, pytrace=False)
        pytest.skip(state.error)
    return state.server


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


def _ingest(src, dest):
    from graph.ingest import ingest

    report = ingest([str(src)], str(dest))
    assert not report.failed, report.failed
    return str(dest)


@pytest.fixture(scope="session")
def seeds_store(tmp_path_factory, seeds_dir):
    """A SQLite store of ../shared/seeds (the five annotated plans)."""
    return _ingest(seeds_dir, tmp_path_factory.mktemp("seeds") / "seeds.sqlite")


@pytest.fixture(scope="session")
def corpus_store(tmp_path_factory, corpus_dir):
    """A SQLite store of ../shared/corpus (871 real documents)."""
    return _ingest(corpus_dir, tmp_path_factory.mktemp("corpus") / "corpus.sqlite")


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
