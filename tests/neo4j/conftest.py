"""Fixtures for the Neo4j tests: a real Bolt server (ArcadeDB + Bolt plugin) for the session.

Under ``CI=true`` a server that cannot start FAILS every test that needs it, with the reason;
elsewhere those tests are skipped with the reason (e.g. a machine without the ``test`` extra).
"""
from __future__ import annotations

import os

import pytest

from graph.testing_server import ServerUnavailable, start_server


def _in_ci() -> bool:
    return os.environ.get("CI", "").strip().lower() in {"1", "true", "yes"}


@pytest.fixture(scope="session")
def bolt_server():
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
