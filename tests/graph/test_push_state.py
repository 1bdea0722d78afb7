"""The push state kept in the SQLite store: one JSON list of row hashes per target, and the
per-row table of earlier versions still read (so the first push after an upgrade stays incremental)."""
from __future__ import annotations

import sqlite3

from graph.neo4j.push import PushState


def _state() -> PushState:
    return PushState(sqlite3.connect(":memory:", isolation_level=None))


def test_hashes_round_trip_per_target():
    st = _state()
    hashes = {("node:Document", "114|KL-TW"): "a1", ("rel:CITES:Document:Document", "x\tcites\ty"): "b2"}
    st.save("bolt://h#db", "p1", {"/a.txt": ("sha", "fp")}, hashes)
    st.save("bolt://other#db", "p2", {}, {("node:Issuer", "issuer:TW"): "c3"})
    assert st.rows("bolt://h#db") == hashes
    assert st.push_id("bolt://h#db") == "p1" and st.files("bolt://h#db") == {"/a.txt": ("sha", "fp")}
    assert st.rows("bolt://other#db") == {("node:Issuer", "issuer:TW"): "c3"}
    st.forget("bolt://h#db")
    assert st.rows("bolt://h#db") == {} and st.push_id("bolt://h#db") is None


def test_state_of_an_earlier_version_is_read_then_replaced():
    st = _state()
    st.conn.executemany("INSERT INTO neo4j_push_rows VALUES (?,?,?,?)",
                        [("t", "node:Document", "k1", "h1"), ("t", "node:Document", "k2", "h2")])
    assert st.rows("t") == {("node:Document", "k1"): "h1", ("node:Document", "k2"): "h2"}
    st.save("t", "p", {}, {("node:Document", "k1"): "h9"})
    assert st.rows("t") == {("node:Document", "k1"): "h9"}
    assert st.conn.execute("SELECT count(*) FROM neo4j_push_rows").fetchone()[0] == 0


def test_a_staged_state_rolls_back():
    st = _state()
    st.save("t", "p1", {}, {("node:Document", "k1"): "h1"})
    st.stage("t", "p2", {}, {("node:Document", "k2"): "h2"})
    st.rollback()
    assert st.push_id("t") == "p1" and st.rows("t") == {("node:Document", "k1"): "h1"}


def test_a_list_left_stale_by_an_earlier_version_is_not_used():
    """New push (list), then an earlier citegraph pushes (per-row table, new push id): the
    per-row state is the one that counts."""
    st = _state()
    st.save("t", "p-new", {}, {("node:Document", "gone"): "h1"})
    c = st.conn  # what an earlier version's stage() writes: meta and per-row hashes, list untouched
    c.execute("DELETE FROM neo4j_push_meta WHERE target = 't'")
    c.execute("INSERT INTO neo4j_push_meta VALUES ('t', 'p-old-version', 0, 1)")
    c.execute("INSERT INTO neo4j_push_rows VALUES ('t', 'node:Document', 'k2', 'h2')")
    assert st.rows("t") == {("node:Document", "k2"): "h2"}


def test_a_list_without_its_push_id_is_upgraded_in_place():
    """A store whose list table has no push id column (written by a build of this version before
    it had one) keeps its state: the column is added and filled from the meta row."""
    conn = sqlite3.connect(":memory:", isolation_level=None)
    conn.execute("CREATE TABLE neo4j_push_hashes (target TEXT PRIMARY KEY, hashes TEXT NOT NULL)")
    conn.execute("CREATE TABLE neo4j_push_meta (target TEXT PRIMARY KEY, push_id TEXT NOT NULL,"
                 " pushed_at REAL NOT NULL, rows INTEGER NOT NULL)")
    conn.execute("INSERT INTO neo4j_push_meta VALUES ('t', 'p1', 0, 1)")
    conn.execute("""INSERT INTO neo4j_push_hashes VALUES ('t', '[["node:Document", "k", "h"]]')""")
    st = PushState(conn)
    assert st.rows("t") == {("node:Document", "k"): "h"}
    st.save("t", "p2", {}, {("node:Document", "k2"): "h2"})
    assert st.rows("t") == {("node:Document", "k2"): "h2"}
    assert PushState(conn).rows("t") == {("node:Document", "k2"): "h2"}  # opening again changes nothing
