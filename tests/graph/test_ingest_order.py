"""Ingesting the same files in any order gives the same graph: identity is decided over every
mention at once (a later file may date, type or place an earlier file's mention)."""
from __future__ import annotations

from hypothesis import HealthCheck, given, settings, strategies as st

from graph import build
from graph.ingest import ingest
from tests.graph.sample_plans import TEXTS

def _graph_of(folder, order, store):
    for name in order:  # one ingest per file: the store grows in this order
        assert not ingest([folder / name], store, workers=1).failed
    G = build.from_store(store)
    return (sorted(G.nodes(data=True), key=lambda n: n[0]),
            sorted(G.edges(keys=True, data=True), key=lambda e: e[:3]),
            {k: v for k, v in G.graph.items() if k != "store"})


@settings(max_examples=6, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(order=st.permutations(sorted(TEXTS)))
def test_same_graph_in_any_ingest_order(tmp_path_factory, order):
    folder = tmp_path_factory.mktemp("docs")
    for name, text in TEXTS.items():
        (folder / name).write_text(text, encoding="utf-8")
    reference = _graph_of(folder, sorted(TEXTS), tmp_path_factory.mktemp("a") / "s.sqlite")
    assert _graph_of(folder, order, tmp_path_factory.mktemp("b") / "s.sqlite") == reference
    nodes = dict(reference[0])
    assert nodes["16|CT-TTG"]["candidates"] == ["16|CT-TTG~2016", "16|CT-TTG~2020"]  # the 2022 plan's mention
    assert {k for k in nodes if k.startswith("16|CT-TTG~")} == {"16|CT-TTG~2016", "16|CT-TTG~2020"}
