"""The push state in the SQLite store: identities made of any text round-trip exactly (no server)."""
from __future__ import annotations

import sqlite3

import pytest

from graph.neo4j.rows import DESCRIBES, describes_rows, node_ident, rel_ident
from graph.neo4j.schema import Label
from graph.neo4j.state import PushState

# non-UTF-8 names reach the push as the store keeps them: with \xNN escapes (graph.store)
ODD = ["/d/tab\there.txt", "/d/new\nline.txt", "/d/k\\xd5 ho\\xb9ch.txt", "/d/[/x].txt", "/d/\"q\" ; ,.txt",
       "/d/kế hoạch số 16/CT-TTg.txt", ""]


def _state() -> PushState:
    return PushState(sqlite3.connect(":memory:", isolation_level=None))


@pytest.mark.parametrize("path", ODD, ids=range(len(ODD)))
def test_identities_of_any_path_round_trip(path):
    st = _state()
    file_row = {"key": path, "hash": "h", "file": {"doc_key": "16|CT-TTg"}}
    (edge,) = describes_rows([file_row], {})
    assert edge["ident"] == rel_ident(DESCRIBES, path, "describes", "16|CT-TTg")
    hashes = {node_ident(Label.SOURCE_FILE, path): "h1", edge["ident"]: "h2",
              rel_ident(("CITES", Label.DOCUMENT, Label.DOCUMENT), path, "x\ty", path + "\n"): "h3"}
    st.save("bolt://h:7687#neo4j", "p1", {path: ("sha", "fp")}, hashes)
    assert st.rows("bolt://h:7687#neo4j") == hashes
    assert st.files("bolt://h:7687#neo4j") == {path: ("sha", "fp")}


def test_each_target_keeps_its_own_state():
    st = _state()
    st.save("a#neo4j", "p1", {}, {node_ident(Label.DOCUMENT, "k1"): "h1"})
    st.save("b#neo4j", "p2", {}, {node_ident(Label.ISSUER, "i"): "h2"})
    assert st.push_id("a#neo4j") == "p1" and st.rows("b#neo4j") == {("node", "Issuer", "i"): "h2"}
    st.save("a#neo4j", "p3", {}, {})
    assert st.rows("a#neo4j") == {} and st.push_id("a#neo4j") == "p3"
    st.forget("b#neo4j")
    assert st.push_id("b#neo4j") is None and st.rows("b#neo4j") == {}
