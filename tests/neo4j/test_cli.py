"""The commands over a real Bolt server: push, --store bolt://..., and clear one-line errors."""
from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from graph.cli.common import app
from tests.neo4j.server import free_port

pytestmark = pytest.mark.neo4j
runner = CliRunner()


def _run(args, env=None):
    result = runner.invoke(app, args, env=env, catch_exceptions=True)
    text = result.output + (result.stderr if result.stderr_bytes is not None else "")
    return result, text


def _env(server, **extra):
    return {"CITEGRAPH_NEO4J_USER": server.auth[0], "CITEGRAPH_NEO4J_PASSWORD": server.auth[1],
            "CITEGRAPH_NEO4J_DATABASE": server.database, **extra}


def test_push_then_query_through_store_uri(clean_db, seeds_store):
    env = _env(clean_db, PUSHPW=clean_db.auth[1])
    res, out = _run(["push", "--neo4j", clean_db.uri, "--user", clean_db.auth[0], "--password-env", "PUSHPW",
                     "--database", clean_db.database, "--store", seeds_store, "--format", "json"], env)
    assert res.exit_code == 0, out
    report = json.loads(res.stdout)
    assert report["nodes_sent"] > 0 and report["rels_sent"] > 0
    res, out = _run(["push", "--neo4j", clean_db.uri, "--user", clean_db.auth[0], "--password-env", "PUSHPW",
                     "--database", clean_db.database, "--store", seeds_store, "--format", "json"], env)
    assert res.exit_code == 0 and json.loads(res.stdout)["nodes_sent"] == 0, out

    for cmd in (["trace", "114-KL/TW"], ["trace", "116-KH/TU", "--up"], ["show", "114-KL/TW"], ["stats"],
                ["top", "-n", "5"], ["years"], ["search", "kết", "luận", "114"],
                ["coverage", "114-KL/TW"], ["audit", "--as-of", "2026-01-01"]):
        local, lout = _run([*cmd, "--store", seeds_store, "--format", "json"], env)
        remote, rout = _run([*cmd, "--store", clean_db.uri, "--format", "json"], env)
        assert local.exit_code == 0, lout
        assert remote.exit_code == 0, rout
        assert json.loads(remote.stdout) == json.loads(local.stdout), cmd


@pytest.mark.parametrize("case,expect", [
    ("unreachable", "cannot reach"),
    ("password", "refused the credentials"),
    ("database", "does not exist"),
], ids=["unreachable server", "wrong password", "missing database"])
def test_push_errors_are_one_clear_line(bolt_server, seeds_store, case, expect):
    uri = f"bolt://127.0.0.1:{free_port()}" if case == "unreachable" else bolt_server.uri
    env = {"PW": "wrong-password" if case == "password" else bolt_server.auth[1]}
    db = "no_such_db" if case == "database" else bolt_server.database
    res, out = _run(["push", "--neo4j", uri, "--user", bolt_server.auth[0], "--password-env", "PW", "--database", db,
                     "--store", seeds_store], env)
    assert res.exit_code == 1, out
    assert expect in out, out
    assert "Traceback" not in out


@pytest.mark.parametrize("case,expect", [
    ("unreachable", "cannot reach"),
    ("password", "refused the credentials"),
    ("database", "does not exist"),
    ("no-password", "CITEGRAPH_NEO4J_PASSWORD"),
], ids=["unreachable server", "wrong password", "missing database", "password not set"])
def test_store_uri_errors_are_one_clear_line(bolt_server, case, expect):
    uri = f"bolt://127.0.0.1:{free_port()}" if case == "unreachable" else bolt_server.uri
    env = _env(bolt_server)
    if case == "password":
        env["CITEGRAPH_NEO4J_PASSWORD"] = "wrong-password"
    if case == "database":
        env["CITEGRAPH_NEO4J_DATABASE"] = "no_such_db"
    if case == "no-password":
        env["CITEGRAPH_NEO4J_PASSWORD"] = None
    res, out = _run(["trace", "114-KL/TW", "--store", uri], env)
    assert res.exit_code == 1, out
    assert expect in out, out
    assert "Traceback" not in out


def test_password_env_not_set(seeds_store):
    res, out = _run(["push", "--neo4j", "bolt://127.0.0.1:1", "--password-env", "NOPE_NOT_SET",
                     "--store", seeds_store], {"NOPE_NOT_SET": None})
    assert res.exit_code == 1 and "NOPE_NOT_SET" in out and "Traceback" not in out
