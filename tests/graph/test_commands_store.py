"""CLI: every query command prints a table by default and JSON with --format json."""
import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from graph.cli.common import app


runner = CliRunner()


@pytest.fixture(scope="module")
def store(seed_store):
    return str(seed_store)


@pytest.mark.parametrize("args", [
    ["trace", "114-KL/TW"], ["trace", "004_451a622c8ac5c20b", "--up"], ["show", "436-QĐ-UBND"],
    ["top", "-n", "5"], ["years"], ["search", "kết", "luận", "114"], ["stats"], ["coverage", "114 KL TW"],
])
def test_table_and_json(store, args):
    table = runner.invoke(app, [*args, "--store", store])
    assert table.exit_code == 0, table.output
    out = runner.invoke(app, [*args, "--store", store, "--format", "json"])
    assert out.exit_code == 0, out.output
    json.loads(out.stdout)


def test_unknown_symbol_fails_clearly(store):
    r = runner.invoke(app, ["trace", "99999-XX/YY", "--store", store])
    assert r.exit_code == 1 and "no document" in r.output


def test_missing_store_fails_clearly(tmp_path):
    r = runner.invoke(app, ["stats", "--store", str(tmp_path / "none.sqlite")])
    assert r.exit_code == 1 and "no store" in r.output


def test_ingest_summary_json(tmp_path, seeds_dir):
    r = runner.invoke(app, ["ingest", str(seeds_dir), str(tmp_path / "nope"), "--store", str(tmp_path / "s.sqlite"),
                            "--format", "json", "--workers", "1"])
    assert r.exit_code == 0, r.output
    d = json.loads(r.stdout)
    assert (d["ingested"], d["failed"]) == (5, 1)
    assert d["failures"][0]["error"] == "no such file or directory"


@pytest.mark.parametrize("fmt,name", [("graphml", "g.graphml"), ("json", "g.json"), ("csv", "csvdir")])
def test_export(store, tmp_path, fmt, name):
    r = runner.invoke(app, ["export", str(tmp_path / name), "--to", fmt, "--store", store])
    assert r.exit_code == 0, r.output
    if fmt == "graphml":
        import networkx as nx
        G = nx.read_graphml(tmp_path / name)
        assert "114|KL-TW~2015" in G  # a yearless symbol's key carries the year its mentions give
    elif fmt == "json":
        d = json.loads((tmp_path / name).read_text(encoding="utf-8"))
        assert any(n["id"] == "114|KL-TW~2015" for n in d["nodes"]) and d["edges"]
    else:
        assert (tmp_path / name / "nodes.csv").read_text(encoding="utf-8").count("\n") > 50
        assert "implements" in (tmp_path / name / "edges.csv").read_text(encoding="utf-8")
