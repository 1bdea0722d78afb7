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


def test_trace_json_keeps_rel_and_labels_citing_items(store):
    plain = json.loads(runner.invoke(app, ["trace", "114-KL/TW", "--store", store, "--format", "json"]).stdout)
    both = json.loads(runner.invoke(app, ["trace", "114-KL/TW", "--citing", "--store", store, "--format", "json"]).stdout)
    assert plain["items"] and all(i["rel"] == "implements" and not i["citing"] for i in plain["items"])
    citing = [i for i in both["items"] if i["citing"]]
    assert citing and all(i["rel"] != "implements" for i in citing)
    assert both["items"][:len(plain["items"])] == plain["items"]  # implementing first, then citing


@pytest.fixture(scope="module")
def two_directive_store(tmp_path_factory):
    """Plans citing 16/CT-TTg of 2016, of 2020, and (a 2022 plan, undated) either."""
    from graph.ingest import ingest
    from tests.graph.sample_plans import TEXTS

    folder = tmp_path_factory.mktemp("plans")
    for name, text in TEXTS.items():
        (folder / name).write_text(text, encoding="utf-8")
    path = tmp_path_factory.mktemp("store") / "s.sqlite"
    assert not ingest([folder], path, workers=1).failed
    return str(path)


@pytest.mark.parametrize("command", ["trace", "show", "coverage"])
def test_a_symbol_of_two_documents_lists_them_with_dates(two_directive_store, command):
    r = runner.invoke(app, [command, "16/CT-TTg", "--store", two_directive_store, "--format", "json"])
    assert r.exit_code == 1
    d = json.loads(r.stdout)
    assert d["ambiguous"] and [c["date"] for c in d["candidates"]] == ["2016-05-16", "2020-03-31"]
    table = runner.invoke(app, [command, "16/CT-TTg", "--store", two_directive_store])
    assert table.exit_code == 1 and "2016-05-16" in table.output and "2020-03-31" in table.output


def test_search_lists_the_documents_of_one_symbol_apart(two_directive_store):
    r = runner.invoke(app, ["search", "16/CT-TTg", "--store", two_directive_store, "--format", "json"])
    assert [h["date"] for h in json.loads(r.stdout)] == ["2016-05-16", "2020-03-31"]
    shown = json.loads(runner.invoke(app, ["show", "16|CT-TTG", "--store", two_directive_store,
                                           "--format", "json"]).stdout)
    assert [c["key"] for c in shown["candidates"]] == ["16|CT-TTG~2016", "16|CT-TTG~2020"]
    trace = json.loads(runner.invoke(app, ["trace", "16/CT-TTg 2016", "--store", two_directive_store,
                                           "--format", "json"]).stdout)
    assert [i["symbol"] for i in trace["items"]] == ["12/KH-UBND", "9/KH-UBND"]
