"""``citegraph push``: write the embedded store's graph to Neo4j, then keep it in sync.

A push builds the graph (``graph.build.from_store``), turns it and the stored files into rows
with content hashes (``graph.neo4j.rows``), compares the hashes with those recorded for the
target at the last push (``graph.neo4j.state``), and sends what differs as batched
``UNWIND $rows ... MERGE`` statements, one managed transaction (``execute_write``) per batch: a
failed batch rolls back whole.  Rows that disappeared are deleted.  A full push (first push,
``--full``, or a server whose push id is not the one this store recorded: wiped, filled from
another store, or left half-way by a push that died) sends every row and deletes everything
of citegraph's labels on the server that the store does not have.  See docs/neo4j.md.
"""
from __future__ import annotations

import time
import uuid
from dataclasses import dataclass, field
from typing import Any, Iterable, Iterator

import networkx as nx

from graph.neo4j.rows import GraphRows, Ident, load_file_props, store_rows
from graph.neo4j.schema import (GRAPH_LABELS, ID_PROP, META_KEY, REL_TYPES, Label, ensure_schema,
                                node_delete_query, node_merge_query, rel_delete_query, rel_merge_query)
from graph.neo4j.state import PushState

DEFAULT_BATCH = 5000
# About this many characters per batch at most: one file's facts run to ~1 MB, and a transaction
# of a few MB keeps the server's memory per batch small whatever the row count.
MAX_BATCH_CHARS = 4_000_000


@dataclass
class PushReport:
    target: str
    full: bool = False
    files_added: list[str] = field(default_factory=list)
    files_changed: list[str] = field(default_factory=list)
    files_removed: list[str] = field(default_factory=list)
    nodes_sent: int = 0
    rels_sent: int = 0
    nodes_deleted: int = 0
    rels_deleted: int = 0
    rows_total: int = 0
    seconds: float = 0.0
    sent_ids: list[Ident] = field(default_factory=list, repr=False)

    @property
    def rows_sent(self) -> int:
        return self.nodes_sent + self.rels_sent

    def to_dict(self) -> dict[str, Any]:
        return {"target": self.target, "full": self.full, "files_added": len(self.files_added),
                "files_changed": len(self.files_changed), "files_removed": len(self.files_removed),
                "nodes_sent": self.nodes_sent, "rels_sent": self.rels_sent,
                "nodes_deleted": self.nodes_deleted, "rels_deleted": self.rels_deleted,
                "rows_total": self.rows_total, "seconds": round(self.seconds, 3)}


# -- batches --------------------------------------------------------------------------------------
def batches(rows: list[dict], sizes: list[int], batch_size: int, max_chars: int = MAX_BATCH_CHARS
            ) -> Iterator[list[dict]]:
    """At most ``batch_size`` rows and about ``max_chars`` characters (``sizes``) per batch, at least one row.

    >>> [len(b) for b in batches(["r"] * 5, [10] * 5, 3, max_chars=25)]
    [2, 2, 1]
    >>> [len(b) for b in batches(["r"] * 7, [1] * 7, 3)]
    [3, 3, 1]
    """
    batch: list[dict] = []
    total = 0
    for r, n in zip(rows, sizes):
        if batch and (len(batch) >= batch_size or total + n > max_chars):
            yield batch
            batch, total = [], 0
        batch.append(r)
        total += n
    if batch:
        yield batch


class Rows(list):
    """A batch of rows that prints short.

    The driver formats every RUN message's parameters for a debug log line even when debug
    logging is off: ``repr`` of each batch, tens of MB of text for the corpus.  It sends this
    list like any other.
    """

    __slots__ = ()

    def __repr__(self) -> str:
        return f"<{len(self)} rows>"


def write_batches(driver, database: str, query: str, rows: list[dict], batch_size: int,
                  sizes: list[int] | None = None) -> int:
    """Send ``rows`` as ``$rows`` in batches, one managed transaction each (a failed batch rolls back whole).

    ``sizes``: each row's size in characters (default: small rows, cut by ``batch_size`` alone).
    """
    if not rows:
        return 0
    with driver.session(database=database) as session:
        for batch in batches(rows, sizes or [1] * len(rows), batch_size):
            payload = Rows(batch)
            session.execute_write(lambda tx: tx.run(query, rows=payload).consume())
    return len(rows)


# -- the server side --------------------------------------------------------------------------------
def _remote_push_id(driver, database: str) -> str | None:
    recs, _, _ = driver.execute_query(
        f"MATCH (m:{Label.META.value} {{key: $key}}) RETURN m.push_id AS id", {"key": META_KEY},
        database_=database)
    return recs[0]["id"] if recs else None


def _remote_ids(driver, database: str) -> set[Ident]:
    """Every node and relationship of citegraph's vocabulary on the server, as identities."""
    out: set[Ident] = set()
    for label in GRAPH_LABELS:
        recs, _, _ = driver.execute_query(f"MATCH (n:{label.value}) RETURN n.{ID_PROP[label]} AS key",
                                          database_=database)
        out.update(("node", label.value, r["key"]) for r in recs)
    by_value = {label.value: label for label in GRAPH_LABELS}
    for label in GRAPH_LABELS:
        recs, _, _ = driver.execute_query(
            f"MATCH (a:{label.value})-[e]->(b) RETURN type(e) AS t, labels(b) AS lb, a.{ID_PROP[label]} AS src, "
            f"b[CASE WHEN b:Issuer THEN 'id' WHEN b:SourceFile THEN 'path' ELSE 'key' END] AS dst, "
            "e.relation AS relation", database_=database)
        for r in recs:
            end = next((by_value[x] for x in r["lb"] if x in by_value), None)
            if r["t"] in REL_TYPES and end is not None:
                out.add(("rel", r["t"], label.value, end.value, r["src"], r["relation"] or "", r["dst"]))
    return out


def _write_meta(driver, database: str, meta: dict[str, Any], push_id: str) -> None:
    props = {"key": META_KEY, "push_id": push_id, "pushed_at": time.time(), **meta}
    driver.execute_query(f"MERGE (m:{Label.META.value} {{key: $key}}) SET m = $props",
                         {"key": META_KEY, "props": props}, database_=database)


def _delete(driver, database: str, stale: Iterable[Ident], batch_size: int, report: PushReport) -> None:
    """Delete relationships, then nodes, that the store no longer has."""
    rels: dict[tuple[str, Label, Label], list[dict]] = {}
    nodes: dict[Label, list[dict]] = {}
    for ident in sorted(stale):
        if ident[0] == "node":
            nodes.setdefault(Label(ident[1]), []).append({"key": ident[2]})
        else:
            _, rtype, start, end, src, relation, dst = ident
            rels.setdefault((rtype, Label(start), Label(end)), []).append(
                {"src": src, "relation": relation, "dst": dst})
    for spec, items in rels.items():
        report.rels_deleted += write_batches(driver, database, rel_delete_query(*spec), items, batch_size)
    for label, items in nodes.items():
        report.nodes_deleted += write_batches(driver, database, node_delete_query(label), items, batch_size)


def _send(driver, database: str, rows: GraphRows, previous: dict[Ident, str], batch_size: int,
          report: PushReport) -> None:
    """Send the rows whose hash differs from ``previous``: every node before any relationship."""
    for label, items in rows.nodes.items():
        todo = [r for r in items if previous.get(r["ident"]) != r["hash"]]
        report.nodes_sent += write_batches(driver, database, node_merge_query(label),
                                           [{"key": r["key"], "props": r["props"]} for r in todo], batch_size,
                                           [r["size"] for r in todo])
        report.sent_ids.extend(r["ident"] for r in todo)
    for spec, items in rows.rels.items():
        todo = [r for r in items if previous.get(r["ident"]) != r["hash"]]
        report.rels_sent += write_batches(
            driver, database, rel_merge_query(*spec),
            [{"src": r["src"], "dst": r["dst"], "relation": r["relation"], "props": r["props"]} for r in todo],
            batch_size, [r["size"] for r in todo])
        report.sent_ids.extend(r["ident"] for r in todo)


def push(store_path: str, driver, database: str, *, target: str | None = None, full: bool = False,
         batch_size: int = DEFAULT_BATCH, graph: nx.MultiDiGraph | None = None) -> PushReport:
    """Push the store at ``store_path`` to Neo4j, incrementally unless ``full`` (see the module doc).

    ``target`` names the server + database in the push state (default: ``database``); ``graph``:
    the store's graph when the caller already built it.
    """
    from graph.build import from_store
    from graph.store import Store

    t0 = time.perf_counter()
    target = target or database
    with Store(store_path) as st:
        state = PushState(st.conn)
        files_now = st.known()
        files_before = state.files(target)
        report = PushReport(target=target)
        report.files_added = sorted(set(files_now) - set(files_before))
        report.files_removed = sorted(set(files_before) - set(files_now))
        report.files_changed = sorted(p for p in set(files_now) & set(files_before) if files_now[p] != files_before[p])
        rows = store_rows(st, graph if graph is not None else from_store(st))
        hashes = rows.hashes()
        report.rows_total = len(hashes)
        ensure_schema(driver, database)
        local_id = state.push_id(target)
        report.full = full or local_id is None or _remote_push_id(driver, database) != local_id
        if report.full:
            previous: dict[Ident, str] = {}
            stale = _remote_ids(driver, database) - set(hashes)
        else:
            previous = state.rows(target)
            if previous == hashes:  # nothing changed since the last push: nothing to send
                report.seconds = time.perf_counter() - t0
                return report
            stale = set(previous) - set(hashes)
        load_file_props(st, [r for r in rows.nodes[Label.SOURCE_FILE] if previous.get(r["ident"]) != r["hash"]])
        new_id = uuid.uuid4().hex
        # "push in progress" on the server: if this push dies half-way, the next one sees an id
        # it does not know and does a full push
        _write_meta(driver, database, rows.meta, "pending-" + new_id)
        _delete(driver, database, stale, batch_size, report)
        _send(driver, database, rows, previous, batch_size, report)
        _write_meta(driver, database, rows.meta, new_id)
        state.save(target, new_id, files_now, hashes)
    report.seconds = time.perf_counter() - t0
    return report
