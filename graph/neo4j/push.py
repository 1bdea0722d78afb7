"""Neo4j, the shared store for teams: push the canonical graph over Bolt and query it back.

The graph pushed is the embedded store's read model (``graph.build.from_store``):

- ``(:Document {key, symbol, type, ...})`` and ``(:Issuer {key, code, name, ...})``;
- ``IMPLEMENTS | BASED_ON | REPLACES | AMENDS | GUIDES | CITES`` between documents, each with
  ``relation``, ``count`` and ``evidence`` (JSON list of {file, start, end, text, context, stated});
  ``ISSUED_BY`` document -> issuer; ``PART_OF`` issuer -> issuer;
- one ``(:CitegraphMeta {key: "graph"})`` node: aliases and the id of the last push.

Writes are batched ``UNWIND $rows ... MERGE`` inside managed transactions (``execute_write``):
a failed batch rolls back whole.  Labels and relationship types come only from the closed
tables below; every value travels as a parameter.  Pushes are incremental: a sidecar table in
the SQLite store remembers, per target (URI + database), the content hash of every file and of
every node and relationship sent, so a push sends only what changed since the last one (and
deletes what disappeared).  See docs/neo4j.md.
"""
from __future__ import annotations

import gc
import hashlib
import itertools
import json
import marshal
import multiprocessing
import pickle
import queue
import threading
import time
import uuid
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import lru_cache
from enum import Enum
from typing import Any, Callable, Iterable, Iterator

import networkx as nx


# -- the closed vocabulary: nothing else is ever formatted into Cypher --------------------------
class Label(str, Enum):
    DOCUMENT = "Document"
    ISSUER = "Issuer"
    SOURCE_FILE = "SourceFile"
    META = "CitegraphMeta"


KIND_LABEL = {"document": Label.DOCUMENT, "issuer": Label.ISSUER}
ID_PROP = {Label.DOCUMENT: "key", Label.ISSUER: "id", Label.SOURCE_FILE: "path", Label.META: "key"}
GRAPH_LABELS = (Label.DOCUMENT, Label.ISSUER, Label.SOURCE_FILE)  # what a full sync reconciles

REL_TYPE = {  # graph relation -> relationship type
    "implements": "IMPLEMENTS", "based_on": "BASED_ON", "replaces": "REPLACES", "amends": "AMENDS",
    "guides": "GUIDES", "cites": "CITES", "issued_by": "ISSUED_BY", "part_of": "PART_OF",
    "describes": "DESCRIBES",  # (:SourceFile)-[:DESCRIBES]->(:Document): the file's own document
}
FALLBACK_REL_TYPE = "CITES"  # a relation outside the table is stored as CITES; ``relation`` keeps it
REL_TYPES = frozenset(REL_TYPE.values())
DOC_REL_TYPES = ("IMPLEMENTS", "BASED_ON", "REPLACES", "AMENDS", "GUIDES", "CITES")

SCHEMA = (  # Neo4j-5 syntax, accepted by Neo4j 5 and the ArcadeDB test server alike
    "CREATE CONSTRAINT document_key IF NOT EXISTS FOR (d:Document) REQUIRE d.key IS UNIQUE",
    "CREATE CONSTRAINT issuer_id IF NOT EXISTS FOR (i:Issuer) REQUIRE i.id IS UNIQUE",
    "CREATE CONSTRAINT source_file_path IF NOT EXISTS FOR (f:SourceFile) REQUIRE f.path IS UNIQUE",
    "CREATE CONSTRAINT citegraph_meta_key IF NOT EXISTS FOR (m:CitegraphMeta) REQUIRE m.key IS UNIQUE",
    "CREATE INDEX document_symbol IF NOT EXISTS FOR (d:Document) ON (d.symbol)",
    "CREATE INDEX document_year IF NOT EXISTS FOR (d:Document) ON (d.year)",
    "CREATE INDEX document_province IF NOT EXISTS FOR (d:Document) ON (d.province)",
)

DEFAULT_BATCH = 5000
META_KEY = "graph"
# Property bookkeeping so that what comes back equals what was sent (Neo4j stores no nulls and
# no maps): ``null_props`` lists the attributes that were None, ``json_props`` those sent as JSON.
NULL_PROPS, JSON_PROPS = "null_props", "json_props"


class Neo4jStoreError(Exception):
    """A user-facing Neo4j problem (unreachable, credentials, missing database ...): one clear line."""


# -- encoding graph elements as property maps ---------------------------------------------------
_SCALARS = (str, bool, int, float)


def _plain(value: Any) -> bool:
    t = type(value)
    if t is str or t is int or t is float or t is bool or value is None:
        return True
    if t is list or t is tuple:
        if all(type(v) is str for v in value):
            return True
        kinds = {type(v) for v in value}
        return all(isinstance(v, _SCALARS) for v in value) and len(kinds - {bool}) <= 1
    return False


_to_json = json.JSONEncoder(ensure_ascii=False, sort_keys=True, default=str).encode  # = json.dumps(...), built once


def encode_props(attrs: dict[str, Any], *, skip: Iterable[str] = ()) -> dict[str, Any]:
    """Attributes -> a Neo4j property map (no nulls, no maps); ``decode_props`` inverts it.

    >>> p = encode_props({"key": "k", "title": None, "evidence": [{"file": "a"}], "files": ["a"]})
    >>> p
    {'key': 'k', 'evidence': '[{"file": "a"}]', 'files': ['a'], 'null_props': ['title'], 'json_props': ['evidence']}
    >>> decode_props(p) == {"key": "k", "title": None, "evidence": [{"file": "a"}], "files": ["a"]}
    True
    """
    out: dict[str, Any] = {}
    nulls, jsons = [], []
    skipped = set(skip)
    for k, v in attrs.items():  # runs once per node and relationship: scalars first, no calls
        if k in skipped:
            continue
        t = type(v)
        if t is str or t is int or t is float or t is bool:
            out[k] = v
        elif v is None:
            nulls.append(k)
        elif _plain(v):
            out[k] = list(v) if t is tuple else v
        else:
            out[k] = _to_json(v)
            jsons.append(k)
    if nulls:
        out[NULL_PROPS] = nulls
    if jsons:
        out[JSON_PROPS] = jsons
    return out


def decode_props(props: dict[str, Any]) -> dict[str, Any]:
    props = dict(props)
    nulls = props.pop(NULL_PROPS, None) or []
    jsons = props.pop(JSON_PROPS, None) or []
    for k in jsons:
        if k in props:
            props[k] = json.loads(props[k])
    for k in nulls:
        props.setdefault(k, None)
    return props


def _digest(obj: Any) -> str:
    """Content hash of plain data (marshal: fast, and stable for the same values in the same order)."""
    return _digest_sized(obj)[0]


def _digest_sized(obj: Any) -> tuple[str, int]:
    """(content hash, encoded size in bytes): the size caps batches, and comes free with the hash."""
    try:
        data = marshal.dumps(obj, 0)  # version 0: no object references or interning flags
    except ValueError:
        data = json.dumps(obj, ensure_ascii=False, sort_keys=True, default=str).encode()
    return hashlib.blake2b(data, digest_size=12).hexdigest(), len(data)


def _node_kind(label: Label) -> str:
    """``node:Document``: how the push state names a kind of node (``_split_kind`` reads it back)."""
    return f"node:{label.value}"


def _rel_kind(spec: tuple[str, Label, Label]) -> str:
    """``rel:CITES:Document:Document`` for (type, start label, end label)."""
    return f"rel:{spec[0]}:{spec[1].value}:{spec[2].value}"


@dataclass
class GraphRows:
    """The graph as push rows: nodes per label, relationships per (type, start label, end label)."""

    nodes: dict[Label, list[dict[str, Any]]] = field(default_factory=dict)
    rels: dict[tuple[str, Label, Label], list[dict[str, Any]]] = field(default_factory=dict)
    meta: dict[str, Any] = field(default_factory=dict)

    def count(self) -> int:
        return sum(map(len, self.nodes.values())) + sum(map(len, self.rels.values()))

    def hashes(self) -> dict[tuple[str, str], str]:
        """(kind, id) -> content hash; kind is ``node:<Label>`` or ``rel:<TYPE>:<Start>:<End>``."""
        out = {}
        for label, rows in self.nodes.items():
            for r in rows:
                out[(_node_kind(label), r["key"])] = r["hash"]
        for spec, rows in self.rels.items():
            for r in rows:
                out[(_rel_kind(spec), r["id"])] = r["hash"]
        return out


def node_row(key: str, attrs: dict[str, Any]) -> tuple[Label, dict[str, Any]]:
    """(label, push row) of one graph node."""
    label = KIND_LABEL.get(attrs.get("kind", "document"), Label.DOCUMENT)
    props = encode_props({**attrs, ID_PROP[label]: key})
    digest, size = _digest_sized(props)
    return label, {"key": key, "props": props, "hash": digest, "size": size}


def rel_row(src: str, dst: str, rel: str, attrs: dict[str, Any],
            label_of: dict[str, Label]) -> tuple[tuple[str, Label, Label], dict[str, Any]]:
    """((type, start label, end label), push row) of one graph edge."""
    relation = attrs.get("rel", rel)
    props = encode_props({**attrs, "relation": relation}, skip=("rel",))
    spec = (REL_TYPE.get(relation, FALLBACK_REL_TYPE), label_of[src], label_of[dst])
    digest, size = _digest_sized(props)
    return spec, {"id": f"{src}\t{relation}\t{dst}", "src": src, "dst": dst, "props": props, "hash": digest,
                  "size": size}


def graph_meta(G: nx.MultiDiGraph) -> dict[str, Any]:
    aliases = G.graph.get("aliases") or {}
    return {"alias_from": sorted(aliases), "alias_to": [aliases[k] for k in sorted(aliases)],
            "files": G.graph.get("files"), "failures": G.graph.get("failures")}


def graph_rows(G: nx.MultiDiGraph) -> GraphRows:
    """Push rows for every node and relationship of ``G`` (a ``graph.build`` graph), hashed."""
    rows = GraphRows()
    label_of: dict[str, Label] = {}
    for key, attrs in G.nodes(data=True):
        label, row = node_row(key, attrs)
        label_of[key] = label
        rows.nodes.setdefault(label, []).append(row)
    for src, dst, rel, attrs in G.edges(keys=True, data=True):
        spec, row = rel_row(src, dst, rel, attrs, label_of)
        rows.rels.setdefault(spec, []).append(row)
    rows.meta = graph_meta(G)
    return rows


# -- per-file facts: (:SourceFile) nodes, so that the audit can run on Neo4j too -----------------
FILE_COLUMNS = ("path", "name", "sha256", "fingerprint", "size", "encoding", "format", "warnings", "province",
                "province_source", "doc_key", "text_length")


def file_rows(st) -> list[dict[str, Any]]:
    """One row per stored file, hashed on its ``files`` row; ``props`` (its facts) loaded on demand."""
    out = []
    for r in st.rows(f"SELECT id, {', '.join(FILE_COLUMNS)} FROM files ORDER BY path"):
        fid = r.pop("id")
        out.append({"key": r["path"], "props": None, "hash": _digest([r[c] for c in FILE_COLUMNS]),
                    "file": r, "file_id": fid})
    return out


def describes_map(G: nx.MultiDiGraph) -> dict[str, str]:
    """What ``describes_rows`` reads: stored key -> document key (``aliases``) and file path ->
    its own document's key (``file_keys``: a yearless stored key can name several documents)."""
    return {**(G.graph.get("aliases") or {}), **(G.graph.get("file_keys") or {})}


def describes_rows(frows: list[dict[str, Any]], aliases: dict[str, str]) -> list[dict[str, Any]]:
    """(:SourceFile)-[:DESCRIBES]->(:Document) rows: each file to its own (canonical) document;
    ``aliases`` maps a file path or a stored key to the document key (``describes_map``)."""
    out = []
    for r in frows:
        dk = aliases.get(r["key"]) or aliases.get(r["file"]["doc_key"], r["file"]["doc_key"])
        out.append({"id": f"{r['key']}\tdescribes\t{dk}", "src": r["key"], "dst": dk,
                    "props": {"relation": "describes"}, "hash": _digest(["describes", r["hash"], dk])})
    return out


# Every key ``graph.build.from_store`` reads (its documents are these keys, canonicalised).
_GRAPH_KEYS_SQL = (
    "SELECT d.key FROM docs d JOIN files f ON f.id = d.file_id"
    " UNION SELECT c.key FROM citations c JOIN docs d ON d.file_id = c.file_id"
    " UNION SELECT s.source_key FROM stated s JOIN files f ON f.id = s.file_id"
    " UNION SELECT s.target_key FROM stated s JOIN files f ON f.id = s.file_id")


def predicted_documents(st) -> tuple[dict[str, str], list[str]]:
    """(aliases, document keys) the graph will have, from the stored keys alone (one SQL query).

    A full push uses them to write the files with their ``DESCRIBES`` edges (and the keys of the
    documents they describe) while the graph is still being built; ``_stream_full`` checks them
    against the built graph and repairs any difference, so a wrong guess costs time, never
    correctness.  The keys are those ``graph.build.from_store`` reads, aliased the way it does.
    """
    from graph.resolve import merge_unknown

    keys = {k for (k,) in st.conn.execute(_GRAPH_KEYS_SQL) if k is not None}
    aliases = merge_unknown(keys)
    return aliases, sorted({aliases.get(k, k) for k in keys})


def load_file_props(st, rows: list[dict[str, Any]], chunk: int = 400) -> None:
    """Fill ``props`` of the given file rows with every fact the store holds for those files only.

    The facts travel as JSON strings (``doc``, ``citations``, ``stated``, ``named``), built by
    SQLite's JSON functions in C: one object per stored row, keys in the store's column order.
    """
    from graph.store import CITATION_COLUMNS, DOC_COLUMNS, NAMED_COLUMNS, STATED_COLUMNS

    def obj(cols: tuple[str, ...]) -> str:
        return "json_object(" + ", ".join(f"'{c}', \"{c}\"" for c in cols) + ")"

    todo = [r for r in rows if r["props"] is None]
    lists = (("citations", CITATION_COLUMNS), ("stated", STATED_COLUMNS), ("named", NAMED_COLUMNS))
    for i in range(0, len(todo), chunk):
        part = {r["file_id"]: r for r in todo[i:i + chunk]}
        ids = tuple(part)
        marks = ",".join("?" * len(ids))
        facts: dict[int, dict[str, str]] = {fid: {"doc": "null", "citations": "[]", "stated": "[]", "named": "[]"}
                                            for fid in ids}
        for fid, doc in st.conn.execute(
                f"SELECT file_id, {obj(DOC_COLUMNS)} FROM docs WHERE file_id IN ({marks})", ids):
            facts[fid]["doc"] = doc
        for name, cols in lists:  # rows fed in (file_id, ord) order; the readers sort by ord anyway
            for fid, arr in st.conn.execute(
                    f"SELECT file_id, json_group_array({obj(cols)}) FROM (SELECT * FROM {name} "
                    f"WHERE file_id IN ({marks}) ORDER BY file_id, ord) GROUP BY file_id", ids):
                facts[fid][name] = arr
        for fid, r in part.items():
            props = encode_props(r["file"])
            props.update(facts[fid])
            props[JSON_PROPS] = list(props.get(JSON_PROPS, ())) + ["doc", "citations", "stated", "named"]
            r["props"] = props


# -- Cypher (labels/types from the closed tables only) ------------------------------------------
def _check_rel(rtype: str, start: Label, end: Label) -> tuple[str, str, str]:
    if rtype not in REL_TYPES or not isinstance(start, Label) or not isinstance(end, Label):
        raise ValueError(f"not in the closed vocabulary: {rtype} {start} {end}")
    return rtype, Label(start).value, Label(end).value


@lru_cache(maxsize=None)  # built once per label/type: the push asks for it per row
def node_merge_query(label: Label) -> str:
    label = Label(label)
    return f"UNWIND $rows AS r MERGE (n:{label.value} {{{ID_PROP[label]}: r.key}}) SET n = r.props"


@lru_cache(maxsize=None)  # built once per label/type: the push asks for it per row
def rel_merge_query(rtype: str, start: Label, end: Label) -> str:
    t, a, b = _check_rel(rtype, start, end)
    ia, ib = ID_PROP[Label(start)], ID_PROP[Label(end)]
    return (f"UNWIND $rows AS r MATCH (a:{a} {{{ia}: r.src}}) MATCH (b:{b} {{{ib}: r.dst}}) "
            f"MERGE (a)-[e:{t}]->(b) SET e = r.props")


def document_stub_query() -> str:
    """Create a Document node that is not there yet with its key alone (``SET n = r.props`` later fills it)."""
    return f"UNWIND $keys AS k MERGE (n:{Label.DOCUMENT.value} {{{ID_PROP[Label.DOCUMENT]}: k}})"


def file_describes_query() -> str:
    """A SourceFile and its ``DESCRIBES`` edge in one statement (rows ``{key, props, doc, rel}``).

    Adding the edge while the file's node is written in the same transaction costs far less than
    adding it afterwards: the node carries the file's facts (23 KB on average for the corpus), and
    a later edge rewrites that whole record on the test server (0.55 s for 871 files).
    """
    f, d = Label.SOURCE_FILE, Label.DOCUMENT
    return (f"UNWIND $rows AS r MERGE (f:{f.value} {{{ID_PROP[f]}: r.key}}) SET f = r.props "
            f"WITH f, r MATCH (d:{d.value} {{{ID_PROP[d]}: r.doc}}) MERGE (f)-[e:DESCRIBES]->(d) SET e = r.rel")


def node_delete_query(label: Label) -> str:
    label = Label(label)
    return f"UNWIND $keys AS k MATCH (n:{label.value} {{{ID_PROP[label]}: k}}) DETACH DELETE n"


def rel_delete_query(rtype: str, start: Label, end: Label) -> str:
    t, a, b = _check_rel(rtype, start, end)
    ia, ib = ID_PROP[Label(start)], ID_PROP[Label(end)]
    return (f"UNWIND $rows AS r MATCH (a:{a} {{{ia}: r.src}})-[e:{t}]->(b:{b} {{{ib}: r.dst}}) "
            f"WHERE coalesce(e.relation, '') = r.relation DELETE e")


# -- connecting, with clear errors ---------------------------------------------------------------
def explain_error(exc: BaseException, uri: str, database: str | None) -> str:
    """One readable line for a driver error (no stack dump)."""
    from neo4j import exceptions as ne
    code = getattr(exc, "code", None) or ""
    msg = (getattr(exc, "message", None) or str(exc) or type(exc).__name__).strip().splitlines()[0]
    if isinstance(exc, ne.AuthError) or "Security.Unauthorized" in code or "Authentication" in code:
        return f"Neo4j at {uri} refused the credentials (wrong user or password): {msg}"
    if "DatabaseNotFound" in code or "database not found" in msg.lower() or "does not exist" in msg.lower() \
            and "database" in msg.lower():
        return f"database {database!r} does not exist on {uri}: {msg}"
    if isinstance(exc, (ne.ServiceUnavailable, ne.SessionExpired)) or isinstance(exc, OSError):
        return f"cannot reach Neo4j at {uri}: {msg}"
    if isinstance(exc, ne.ConfigurationError) or isinstance(exc, ValueError):
        return f"bad Neo4j address {uri!r}: {msg}"
    if isinstance(exc, ne.ConstraintError):
        return f"Neo4j rejected the batch (constraint violated, batch rolled back): {msg}"
    if code:
        return f"Neo4j error {code}: {msg}"
    return f"Neo4j error ({type(exc).__name__}): {msg}"


@contextmanager
def translate_errors(uri: str, database: str | None) -> Iterator[None]:
    """Turn driver/network errors into Neo4jStoreError with a clear message."""
    from neo4j.exceptions import DriverError, Neo4jError
    try:
        yield
    except Neo4jStoreError:
        raise
    except (Neo4jError, DriverError, OSError, ValueError) as exc:
        raise Neo4jStoreError(explain_error(exc, uri, database)) from exc


def connect(uri: str, user: str | None, password: str | None, *, database: str = "neo4j",
            timeout: float = 10.0):
    """A verified driver: reachable, credentials accepted, ``database`` present."""
    from neo4j import GraphDatabase
    with translate_errors(uri, database):
        driver = GraphDatabase.driver(uri, auth=(user or "neo4j", password or ""),
                                      connection_timeout=timeout, max_transaction_retry_time=15.0)
        try:
            with driver.session(database=database) as session:
                session.execute_read(lambda tx: tx.run("RETURN 1 AS one").consume())
        except BaseException:
            driver.close()
            raise
    return driver


def ensure_schema(driver, database: str) -> None:
    """Constraints and indexes first (IF NOT EXISTS: safe to repeat)."""
    for stmt in SCHEMA:
        driver.execute_query(stmt, database_=database)


MAX_BATCH_CHARS = 2_000_000  # the test server refuses Bolt messages over 16 MB; stay well below
# (graph rows give their size in encoded bytes instead, which is more than their characters)


def _row_chars(row: Any) -> int:
    """A cheap upper-bound-ish size of a row in characters (strings dominate the payload).

    Rows are flat maps whose values are scalars, lists of scalars or one more such map (props):
    one loop per level, no recursion into list items (this runs once per row sent).
    """
    t = type(row)
    if t is str:
        return len(row)
    if t is not dict:
        return sum(map(_row_chars, row)) + 2 if t is list or t is tuple else 8
    n = 0
    for k, v in row.items():
        t = type(v)
        if t is str:
            n += len(k) + len(v)
        elif t is dict:
            n += len(k) + _row_chars(v)
        elif t is list or t is tuple:
            n += len(k) + 2 + sum(len(x) if type(x) is str else _row_chars(x) for x in v)
        else:
            n += len(k) + 8
    return n


def _batches(rows: list[dict], batch_size: int, max_chars: int = MAX_BATCH_CHARS) -> Iterator[list[dict]]:
    """At most ``batch_size`` rows and about ``max_chars`` characters per batch (at least one row).

    >>> [len(b) for b in _batches([{"t": "x" * 10}] * 5, 3, max_chars=25)]
    [2, 2, 1]
    >>> [len(b) for b in _batches([{"t": 1}] * 7, 3)]
    [3, 3, 1]
    """
    batch: list[dict] = []
    size = 0
    for r in rows:
        n = _row_chars(r)
        if batch and (len(batch) >= batch_size or size + n > max_chars):
            yield batch
            batch, size = [], 0
        batch.append(r)
        size += n
    if batch:
        yield batch


class _Rows(list):
    """A batch of rows that prints short.

    The driver (neo4j 5 and 6) formats every RUN message's parameters for a debug log line even
    when debug logging is off: ``repr`` of each batch, 40 MB of text and 0.5-0.6 s of CPU for the
    corpus.  It sends this list like any other.
    """

    __slots__ = ()

    def __repr__(self) -> str:
        return f"<{len(self)} rows>"


def _send_batch(session, query: str, param: str, batch: list[dict]) -> None:
    """One batch, one managed transaction (retried by the driver on transient errors)."""
    rows = batch if type(batch) is _Rows else _Rows(batch)
    session.execute_write(lambda tx: tx.run(query, {param: rows}).consume())


def _write_batches(driver, database: str, query: str, rows: list[dict], batch_size: int, param: str = "rows",
                   strip: Callable[[dict], dict] | None = None) -> int:
    """Send ``rows`` in batches, one managed transaction each (a failed batch rolls back whole)."""
    if not rows:
        return 0
    if strip:
        rows = [strip(r) for r in rows]
    with driver.session(database=database) as session:
        for batch in _batches(rows, batch_size):
            _send_batch(session, query, param, batch)
    return len(rows)


class _Pipeline:
    """Sends batches in order on a background thread while the caller prepares the next ones.

    The server works (and the driver waits on the socket, without the GIL) while Python reads
    the store and encodes rows.  The first failed batch stops the sending (it rolled back whole);
    its error is raised by the next ``put`` or by ``close``.
    """

    def __init__(self, driver, database: str, batch_size: int, depth: int = 4) -> None:
        self.batch_size = batch_size
        self.error: BaseException | None = None
        self._q: queue.Queue = queue.Queue(maxsize=depth)
        self._buffers: dict[str, tuple[list[dict], list[int]]] = {}
        self._aborted = False
        self._thread = threading.Thread(target=self._run, args=(driver, database), daemon=True,
                                        name="citegraph-neo4j-push")
        self._thread.start()

    def _run(self, driver, database: str) -> None:
        try:
            with driver.session(database=database) as session:
                while (item := self._q.get()) is not None:
                    if self.error is None and not self._aborted:
                        try:
                            _send_batch(session, *item)
                        except BaseException as exc:  # noqa: BLE001 - handed to the producer
                            self.error = exc
        except BaseException as exc:  # noqa: BLE001
            self.error = self.error or exc
            while self._q.get() is not None:  # keep draining so the producer never blocks
                pass

    def put(self, query: str, batch: list[dict], param: str = "rows") -> None:
        if self.error is not None:
            raise self.error
        self._q.put((query, param, batch))

    def add(self, query: str, row: dict, limit: int | None = None, size: int | None = None) -> None:
        """Buffer ``row`` for ``query``; a full buffer (rows or characters) goes out as one batch.

        ``limit`` caps this query's batches below ``batch_size`` (e.g. to start the server sooner);
        ``size``: the row's size when known (graph rows carry it), else it is estimated here.
        """
        n = _row_chars(row) if size is None else size
        rows, total = self._buffers.setdefault(query, ([], [0]))
        cap = min(limit, self.batch_size) if limit else self.batch_size
        if rows and (len(rows) >= cap or total[0] + n > MAX_BATCH_CHARS):
            self.put(query, rows[:])
            rows.clear()
            total[0] = 0
        rows.append(row)
        total[0] += n

    def flush(self) -> None:
        for query, (rows, size) in self._buffers.items():
            if rows:
                self.put(query, rows[:])
                rows.clear()
                size[0] = 0

    def close(self, *, abort: bool = False) -> None:
        if abort:
            self._aborted = True  # batches still queued are dropped, not sent
        else:
            self.flush()
        self._q.put(None)
        self._thread.join()
        if self.error is not None and not abort:
            raise self.error


# -- push state: a sidecar table in the SQLite store ---------------------------------------------
_STATE_SCHEMA = (
    "CREATE TABLE IF NOT EXISTS neo4j_push_meta (target TEXT PRIMARY KEY, push_id TEXT NOT NULL,"
    " pushed_at REAL NOT NULL, rows INTEGER NOT NULL)",
    "CREATE TABLE IF NOT EXISTS neo4j_push_files (target TEXT NOT NULL, path TEXT NOT NULL,"
    " sha256 TEXT NOT NULL, fingerprint TEXT NOT NULL, PRIMARY KEY (target, path))",
    # the hash of every row sent, as one JSON list of [kind, id, hash] per target: one write
    # instead of ~20,000 indexed inserts at the end of every push; valid for its push id only
    "CREATE TABLE IF NOT EXISTS neo4j_push_hashes (target TEXT PRIMARY KEY, push_id TEXT NOT NULL,"
    " hashes TEXT NOT NULL)",
    # the same as one row per hash, as earlier versions wrote it: still read, never written
    "CREATE TABLE IF NOT EXISTS neo4j_push_rows (target TEXT NOT NULL, kind TEXT NOT NULL, id TEXT NOT NULL,"
    " hash TEXT NOT NULL, PRIMARY KEY (target, kind, id))",
)
_STATE_TABLES = ("neo4j_push_meta", "neo4j_push_files", "neo4j_push_hashes", "neo4j_push_rows")


def target_id(uri: str, database: str) -> str:
    return f"{uri.rstrip('/')}#{database}"


class PushState:
    """What was last pushed to each target: file hashes, row hashes, push id (in the store file)."""

    def __init__(self, conn) -> None:
        self.conn = conn
        for stmt in _STATE_SCHEMA:
            conn.execute(stmt)
        if "push_id" not in {r[1] for r in conn.execute("PRAGMA table_info(neo4j_push_hashes)")}:
            # a list written before it carried its push id: it was written with the meta row
            conn.execute("ALTER TABLE neo4j_push_hashes ADD COLUMN push_id TEXT NOT NULL DEFAULT ''")
            conn.execute("UPDATE neo4j_push_hashes SET push_id = coalesce((SELECT m.push_id FROM neo4j_push_meta m"
                         " WHERE m.target = neo4j_push_hashes.target), '')")

    def push_id(self, target: str) -> str | None:
        row = self.conn.execute("SELECT push_id FROM neo4j_push_meta WHERE target = ?", (target,)).fetchone()
        return row[0] if row else None

    def files(self, target: str) -> dict[str, tuple[str, str]]:
        return {p: (s, f) for p, s, f in self.conn.execute(
            "SELECT path, sha256, fingerprint FROM neo4j_push_files WHERE target = ?", (target,))}

    def rows(self, target: str) -> dict[tuple[str, str], str]:
        # the list counts only if it belongs to the last push recorded (an earlier version of
        # citegraph pushing in between writes the per-row table and leaves the list stale)
        row = self.conn.execute(
            "SELECT h.hashes FROM neo4j_push_hashes h JOIN neo4j_push_meta m"
            " ON m.target = h.target AND m.push_id = h.push_id WHERE h.target = ?", (target,)).fetchone()
        if row is not None:
            return {(k, i): h for k, i, h in json.loads(row[0])}
        return {(k, i): h for k, i, h in self.conn.execute(  # a state written by an earlier version
            "SELECT kind, id, hash FROM neo4j_push_rows WHERE target = ?", (target,))}

    def stage(self, target: str, push_id: str, files: dict[str, tuple[str, str]],
              hashes: dict[tuple[str, str], str]) -> None:
        """Write the new state inside an open transaction; ``commit()`` once the server has it all."""
        c = self.conn
        c.execute("BEGIN IMMEDIATE")
        try:
            for table in _STATE_TABLES:
                c.execute(f"DELETE FROM {table} WHERE target = ?", (target,))
            c.execute("INSERT INTO neo4j_push_meta VALUES (?,?,?,?)", (target, push_id, time.time(), len(hashes)))
            c.executemany("INSERT INTO neo4j_push_files VALUES (?,?,?,?)",
                          [(target, p, s, f) for p, (s, f) in files.items()])
            c.execute("INSERT INTO neo4j_push_hashes (target, push_id, hashes) VALUES (?,?,?)",
                      (target, push_id, json.dumps([[k, i, h] for (k, i), h in hashes.items()], ensure_ascii=False)))
        except BaseException:
            c.execute("ROLLBACK")
            raise

    def commit(self) -> None:
        self.conn.execute("COMMIT")

    def rollback(self) -> None:
        if self.conn.in_transaction:
            self.conn.execute("ROLLBACK")

    def save(self, target: str, push_id: str, files: dict[str, tuple[str, str]],
             hashes: dict[tuple[str, str], str]) -> None:
        self.stage(target, push_id, files, hashes)
        self.commit()

    def forget(self, target: str) -> None:
        for table in _STATE_TABLES:
            self.conn.execute(f"DELETE FROM {table} WHERE target = ?", (target,))


# -- push ----------------------------------------------------------------------------------------
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
    sent_ids: list[tuple[str, str]] = field(default_factory=list, repr=False)

    @property
    def rows_sent(self) -> int:
        return self.nodes_sent + self.rels_sent

    def to_dict(self) -> dict[str, Any]:
        return {"target": self.target, "full": self.full, "files_added": len(self.files_added),
                "files_changed": len(self.files_changed), "files_removed": len(self.files_removed),
                "nodes_sent": self.nodes_sent, "rels_sent": self.rels_sent,
                "nodes_deleted": self.nodes_deleted, "rels_deleted": self.rels_deleted,
                "rows_total": self.rows_total, "seconds": round(self.seconds, 3)}


def _remote_push_id(driver, database: str) -> str | None:
    recs, _, _ = driver.execute_query(
        f"MATCH (m:{Label.META.value} {{key: $key}}) RETURN m.push_id AS id", {"key": META_KEY},
        database_=database)
    return recs[0]["id"] if recs else None


def _remote_ids(driver, database: str) -> dict[tuple[str, str], None]:
    """Every node and relationship of our vocabulary on the server, as push-state ids."""
    out: dict[tuple[str, str], None] = {}
    for label in GRAPH_LABELS:
        recs, _, _ = driver.execute_query(f"MATCH (n:{label.value}) RETURN n.{ID_PROP[label]} AS key",
                                          database_=database)
        out.update(((_node_kind(label), r["key"]), None) for r in recs)
    for label in GRAPH_LABELS:
        recs, _, _ = driver.execute_query(
            f"MATCH (a:{label.value})-[e]->(b) RETURN type(e) AS t, labels(b) AS lb, a.{ID_PROP[label]} AS src, "
            "coalesce(b.key, b.id, b.path) AS dst, e.relation AS relation", database_=database)
        for r in recs:
            lb = next((x for x in GRAPH_LABELS if x.value in r["lb"]), None)
            if r["t"] not in REL_TYPES or lb is None:
                continue
            out[(_rel_kind((r["t"], label, lb)), f"{r['src']}\t{r['relation'] or ''}\t{r['dst']}")] = None
    return out


def _split_kind(kind: str) -> tuple[str, Any]:
    parts = kind.split(":")
    if parts[0] == "node":
        return "node", Label(parts[1])
    return "rel", (parts[1], Label(parts[2]), Label(parts[3]))


def _send_changed(driver, database: str, rows: GraphRows, previous: dict[tuple[str, str], str],
                  batch_size: int, report: PushReport) -> None:
    """Send the rows whose hash differs from ``previous``: nodes first, then relationships."""
    for label, items in rows.nodes.items():
        kind = _node_kind(label)
        todo = [r for r in items if previous.get((kind, r["key"])) != r["hash"]]
        report.nodes_sent += _write_batches(driver, database, node_merge_query(label),
                                            [{"key": r["key"], "props": r["props"]} for r in todo], batch_size)
        report.sent_ids.extend((kind, r["key"]) for r in todo)
    for spec, items in rows.rels.items():
        kind = _rel_kind(spec)
        todo = [r for r in items if previous.get((kind, r["id"])) != r["hash"]]
        report.rels_sent += _write_batches(driver, database, rel_merge_query(*spec),
                                           [{"src": r["src"], "dst": r["dst"], "props": r["props"]} for r in todo],
                                           batch_size)
        report.sent_ids.extend((kind, r["id"]) for r in todo)


def _write_meta(driver, database: str, meta: dict[str, Any], push_id: str) -> None:
    props = {"key": META_KEY, "push_id": push_id, "pushed_at": time.time(), **meta}
    driver.execute_query(f"MERGE (m:{Label.META.value} {{key: $key}}) SET m = $props",
                         {"key": META_KEY, "props": props}, database_=database)


def _delete_stale(driver, database: str, stale: Iterable[tuple[str, str]], batch_size: int,
                  report: PushReport) -> None:
    """Delete relationships, then nodes, that the store no longer has."""
    del_rels: dict[tuple, list[dict]] = {}
    del_nodes: dict[Label, list[str]] = {}
    for kind, ident in sorted(stale):
        what, spec = _split_kind(kind)
        if what == "node":
            del_nodes.setdefault(spec, []).append(ident)
        else:
            src, relation, dst = ident.split("\t")
            del_rels.setdefault(spec, []).append({"src": src, "relation": relation, "dst": dst})
    for spec, items in del_rels.items():
        report.rels_deleted += _write_batches(driver, database, rel_delete_query(*spec), items, batch_size)
    for label, keys in del_nodes.items():
        report.nodes_deleted += _write_batches(driver, database, node_delete_query(label), keys, batch_size,
                                               param="keys")


def _graph_items(G: nx.MultiDiGraph) -> Iterator[tuple]:
    """("meta", meta, aliases), then ("node", label, row) for every node, then ("rel", spec, row)."""
    yield ("meta", graph_meta(G), describes_map(G))
    label_of: dict[str, Label] = {}
    for key, attrs in G.nodes(data=True):
        label, row = node_row(key, attrs)
        label_of[key] = label
        yield ("node", label, row)
    for u, v, k, attrs in G.edges(keys=True, data=True):
        spec, row = rel_row(u, v, k, attrs, label_of)
        yield ("rel", spec, row)


@dataclass
class _GraphSent:
    """What sending the graph's rows did: row hashes, ids, document keys, the graph's meta."""

    hashes: dict[tuple[str, str], str] = field(default_factory=dict)
    sent_ids: list[tuple[str, str]] = field(default_factory=list)
    doc_keys: set[str] = field(default_factory=set)
    meta: dict[str, Any] = field(default_factory=dict)
    aliases: dict[str, str] = field(default_factory=dict)
    nodes: int = 0
    rels: int = 0


def _send_graph(items: Iterable[tuple], pipe: "_Pipeline") -> _GraphSent:
    """Queue the graph's rows on ``pipe``: every node batch before the first relationship batch."""
    out = _GraphSent()
    nodes_done = False
    for what, spec, row in items:
        if what == "meta":
            out.meta, out.aliases = spec, row
        elif what == "node":
            kind = _node_kind(spec)
            # small batches (250, then 1,000): the server starts on the first documents while
            # the rest are still being encoded
            pipe.add(node_merge_query(spec), {"key": row["key"], "props": row["props"]},
                     limit=250 if out.nodes <= 250 else 1000, size=row["size"])
            out.hashes[(kind, row["key"])] = row["hash"]
            out.sent_ids.append((kind, row["key"]))
            out.nodes += 1
            if spec is Label.DOCUMENT:
                out.doc_keys.add(row["key"])
        else:
            if not nodes_done:
                pipe.flush()  # every node batch is queued before the first relationship batch
                nodes_done = True
            kind = _rel_kind(spec)
            pipe.add(rel_merge_query(*spec), {"src": row["src"], "dst": row["dst"], "props": row["props"]},
                     size=row["size"])
            out.hashes[(kind, row["id"])] = row["hash"]
            out.sent_ids.append((kind, row["id"]))
            out.rels += 1
    pipe.flush()
    return out


def _graph_child(store_path: str, conn, parent_end, connect: Callable[[], Any] | None, database: str,
                 batch_size: int) -> None:
    """Child process: build the graph and encode its rows, then do what the parent says:
    ``"items"`` (send the rows back in chunks) or ``"send"`` (write them to Neo4j itself, on a
    connection of its own, and report what was sent): the rows then never cross to the parent.

    If the parent dies, the pipe reads end-of-file: the child stops (also between the batches it
    writes), so no stray writer outlives its push."""
    parent_end.close()  # the parent's end, inherited by the fork: else the pipe never reads EOF
    gc.disable()  # a short-lived process whose objects all live to its end: collections only cost time
    try:
        from graph.build import from_store
        items = _graph_items(from_store(store_path))
        ahead: list[tuple] = []
        for item in items:  # encode ahead until the parent has decided
            ahead.append(item)
            if len(ahead) % 256 == 0 and conn.poll():
                break
        order = conn.recv()
        rest = _unless_parent_gone(itertools.chain(ahead, items), conn)
        if order == "items":
            chunk: list[tuple] = []
            size = 250  # a small first chunk gets the server going sooner
            for item in rest:
                chunk.append(item)
                if len(chunk) >= size:
                    conn.send(("items", chunk))
                    chunk, size = [], 2000
            conn.send(("items", chunk))
            conn.send(("end", None))
        elif order == "send" and connect is not None:
            driver = connect()
            try:
                pipe = _Pipeline(driver, database, batch_size)
                try:
                    sent = _send_graph(rest, pipe)
                except BaseException:
                    pipe.close(abort=True)
                    raise
                conn.send(("queued", sent))  # the parent prepares its part while the last batches go
                pipe.close()
            finally:
                driver.close()
            conn.send(("done", None))
    except BaseException as exc:  # noqa: BLE001 - reported to the parent, which raises it
        try:
            pickle.loads(pickle.dumps(exc))
        except Exception:  # noqa: BLE001 - an exception that does not travel: its text does
            exc = RuntimeError(f"building or sending the graph failed: {type(exc).__name__}: {exc}")
        try:
            conn.send(("error", exc))
        except OSError:
            pass
    finally:
        conn.close()


def _unless_parent_gone(items: Iterable[tuple], conn) -> Iterator[tuple]:
    """``items``, checking every 256 that the parent has not gone (it sends nothing meanwhile:
    anything readable is end-of-file)."""
    for n, item in enumerate(items, 1):
        if n % 256 == 0 and conn.poll():
            raise RuntimeError("the push stopped: its process is gone")
        yield item


class _GraphProducer:
    """The graph's push rows, built in a forked child process while the parent reads and sends
    the files' facts; in-process when a graph is given or fork is absent.

    A full push with ``connect`` (a function returning a new driver) lets the child write the
    graph itself (:meth:`send_all`): no rows are pickled to the parent and back.  Otherwise the
    rows come to the parent (iterate the producer)."""

    def __init__(self, store_path: str, graph: nx.MultiDiGraph | None, connect: Callable[[], Any] | None = None,
                 database: str = "neo4j", batch_size: int = DEFAULT_BATCH) -> None:
        self.store_path, self.graph, self.proc, self.conn = store_path, graph, None, None
        self.connect = connect
        if graph is None and "fork" in multiprocessing.get_all_start_methods():
            ctx = multiprocessing.get_context("fork")
            self.conn, child_end = ctx.Pipe()
            self.proc = ctx.Process(target=_graph_child,
                                    args=(store_path, child_end, self.conn, connect, database, batch_size),
                                    daemon=True, name="citegraph-graph-rows")
            self.proc.start()
            child_end.close()

    @property
    def can_send(self) -> bool:
        return self.proc is not None and self.connect is not None

    def _order(self, order: str) -> None:
        try:
            self.conn.send(order)
        except OSError:  # the child has ended (its error, if any, is waiting to be read)
            pass

    def _recv(self) -> tuple[str, Any]:
        try:
            kind, payload = self.conn.recv()
        except EOFError:
            self.proc.join(5)
            raise RuntimeError(f"the graph builder process died (exit code {self.proc.exitcode})") from None
        if kind == "error":
            raise payload
        return kind, payload

    def __iter__(self) -> Iterator[tuple]:
        if self.proc is None:
            from graph.build import from_store
            yield from _graph_items(self.graph if self.graph is not None else from_store(self.store_path))
            return
        self._order("items")
        while True:
            kind, payload = self._recv()
            if kind == "end":
                return
            yield from payload

    def send_all(self) -> _GraphSent:
        """Let the child write every graph row to Neo4j (call once nothing else is writing);
        returns what it sends once all of it is queued: call :meth:`wait_sent` before writing more."""
        self._order("send")
        kind, sent = self._recv()
        return sent

    def wait_sent(self) -> None:
        """Until the child's last batch is written (raises its error if one failed)."""
        self._recv()

    def close(self) -> None:
        if self.proc is not None:
            if self.proc.is_alive():
                self.proc.terminate()
            self.proc.join(10)
            self.conn.close()
            self.proc = None


def _stream_full(st, producer: "_GraphProducer", driver, database: str, batch_size: int, report: PushReport,
                 on_queued: Callable[[dict, dict], None] | None = None
                 ) -> tuple[dict[tuple[str, str], str], dict[str, Any]]:
    """Send everything, preparing rows while earlier batches are written; returns (hashes, meta).

    Work overlaps: a child process builds the graph and encodes its rows while this process reads
    the store and queues batches, which a thread sends in order on one session.  While the graph
    is being built the server already gets what needs no graph: the files (facts and
    ``DESCRIBES`` edge in one statement), after the keys of the documents they describe, predicted
    by ``predicted_documents``.  Then the graph's nodes (every node batch before the first
    relationship batch) and relationships, written by the child itself on its own session once
    the files are in (when the producer can send; else they come here and go out on this
    process's session); last, repairs for any wrong prediction.
    """
    hashes: dict[tuple[str, str], str] = {}
    pipe = _Pipeline(driver, database, batch_size)
    meta: dict[str, Any] = {}
    try:
        early_aliases, _ = predicted_documents(st)
        frows = file_rows(st)
        early_docs = sorted({d["dst"] for d in describes_rows(frows, early_aliases) if d["dst"] is not None})
        for i in range(0, len(early_docs), batch_size):  # the files' own documents, keys only
            pipe.put(document_stub_query(), early_docs[i:i + batch_size], param="keys")
        early_dst: dict[str, str | None] = {}
        fq, fdq = node_merge_query(Label.SOURCE_FILE), file_describes_query()
        fkind = _node_kind(Label.SOURCE_FILE)
        for i in range(0, len(frows), 100):
            chunk = frows[i:i + 100]
            load_file_props(st, chunk)
            for r, d in zip(chunk, describes_rows(chunk, early_aliases)):
                dst = d["dst"]
                early_dst[r["key"]] = dst
                if dst is None:
                    pipe.add(fq, {"key": r["key"], "props": r["props"]})
                else:
                    pipe.add(fdq, {"key": r["key"], "props": r["props"], "doc": dst, "rel": d["props"]})
                hashes[(fkind, r["key"])] = r["hash"]
                report.sent_ids.append((fkind, r["key"]))
                r["props"] = None
        report.nodes_sent += len(frows)
        if producer.can_send:
            files_pipe, pipe = pipe, None
            files_pipe.close()  # every file written before the child's own session starts writing
            sent = producer.send_all()
        else:
            pipe.flush()
            sent = _send_graph(producer, pipe)
        meta, aliases, doc_keys = sent.meta, sent.aliases, sent.doc_keys
        hashes.update(sent.hashes)
        report.sent_ids.extend(sent.sent_ids)
        report.nodes_sent += sent.nodes
        report.rels_sent += sent.rels
        # The files' DESCRIBES edges went out with the files, to the predicted documents: record
        # the real ones, and repair where the built graph differs from the prediction.
        spec = ("DESCRIBES", Label.SOURCE_FILE, Label.DOCUMENT)
        kind = _rel_kind(spec)
        wrong_edges, fixes = [], []
        stubbed = set(early_docs)
        for row in describes_rows(frows, aliases):
            hashes[(kind, row["id"])] = row["hash"]
            report.sent_ids.append((kind, row["id"]))
            report.rels_sent += 1
            early = early_dst[row["src"]]
            # wrong document, or one the graph does not have, or one not created beforehand
            if early != row["dst"] or (early is not None and (early not in doc_keys or early not in stubbed)):
                if early is not None:
                    wrong_edges.append({"src": row["src"], "relation": "describes", "dst": early})
                fixes.append({"src": row["src"], "dst": row["dst"], "props": row["props"]})
        stray_docs = [k for k in early_docs if k not in doc_keys]  # created early, not in the graph
        if on_queued:
            on_queued(hashes, meta)  # e.g. stage the push state while the last batches are written
        if pipe is None:  # the child is writing: the repairs come after its last batch
            producer.wait_sent()
            pipe = _Pipeline(driver, database, batch_size)
        for b in _batches(wrong_edges, batch_size):
            pipe.put(rel_delete_query(*spec), b)
        for b in _batches(stray_docs, batch_size):
            pipe.put(node_delete_query(Label.DOCUMENT), b, param="keys")
        for b in _batches(fixes, batch_size):
            pipe.put(rel_merge_query(*spec), b)
    except BaseException:
        if pipe is not None:
            pipe.close(abort=True)
        raise
    pipe.close()
    return hashes, meta


def push(store_path: str, driver, database: str, *, target: str | None = None, full: bool = False,
         batch_size: int = DEFAULT_BATCH, graph: nx.MultiDiGraph | None = None,
         connect: Callable[[], Any] | None = None) -> PushReport:
    """Push the store at ``store_path`` to Neo4j, incrementally unless ``full``.

    Incremental means: the facts of a file unchanged since the last push to this target (same
    content hash and extractor fingerprint) are not read or sent again, and of the canonical
    graph only nodes/relationships whose content changed are sent; what disappeared is deleted.
    The push falls back to a full sync (which also removes strays on the server) when the
    server's push id is not the one this store recorded: first push, a wiped or foreign
    database, a push that died half-way, or one from another store.

    ``connect``: a function returning a new driver to the same server and credentials.  Given
    it, a full push lets the process that builds the graph write it on a connection of its own
    (a driver cannot be shared across processes): the rows never travel between processes.
    """
    from graph.store import Store

    t0 = time.perf_counter()
    target = target or database
    # starts building the graph rows right away
    producer = _GraphProducer(store_path, graph, connect, database, batch_size)
    try:
        with Store(store_path) as st:
            state = PushState(st.conn)
            files_now = st.known()
            files_before = state.files(target)
            report = PushReport(target=target)
            report.files_added = sorted(set(files_now) - set(files_before))
            report.files_removed = sorted(set(files_before) - set(files_now))
            report.files_changed = sorted(p for p in set(files_now) & set(files_before)
                                          if files_now[p] != files_before[p])
            ensure_schema(driver, database)
            local_id = state.push_id(target)
            remote_id = _remote_push_id(driver, database)
            report.full = full or local_id is None or remote_id != local_id
            new_id = uuid.uuid4().hex
            if report.full:
                # Mark the server "push in progress": if this push dies half-way, the next one
                # sees a push id it does not know and falls back to a full sync again.
                _write_meta(driver, database, {}, "pending-" + new_id)
                remote = _remote_ids(driver, database)
                try:
                    hashes, meta = _stream_full(
                        st, producer, driver, database, batch_size, report,
                        on_queued=lambda h, m: state.stage(target, new_id, files_now, h))
                    report.rows_total = len(hashes)
                    _delete_stale(driver, database, set(remote) - set(hashes), batch_size, report)
                    _write_meta(driver, database, meta, new_id)
                except BaseException:
                    state.rollback()
                    raise
                state.commit()
            else:
                rows = GraphRows()
                aliases: dict[str, str] = {}
                for what, spec, row in producer:
                    if what == "meta":
                        rows.meta, aliases = spec, row
                    elif what == "node":
                        rows.nodes.setdefault(spec, []).append(row)
                    else:
                        rows.rels.setdefault(spec, []).append(row)
                frows = file_rows(st)
                rows.nodes[Label.SOURCE_FILE] = frows
                rows.rels[("DESCRIBES", Label.SOURCE_FILE, Label.DOCUMENT)] = describes_rows(frows, aliases)
                previous = state.rows(target)
                hashes = rows.hashes()
                report.rows_total = len(hashes)
                if previous != hashes:
                    kind = _node_kind(Label.SOURCE_FILE)
                    load_file_props(st, [r for r in frows if previous.get((kind, r["key"])) != r["hash"]])
                    _write_meta(driver, database, rows.meta, "pending-" + new_id)
                    _delete_stale(driver, database, set(previous) - set(hashes), batch_size, report)
                    _send_changed(driver, database, rows, previous, batch_size, report)
                    _write_meta(driver, database, rows.meta, new_id)
                    state.save(target, new_id, files_now, hashes)
                # else: nothing changed since the last push, nothing sent
    finally:
        producer.close()
    report.seconds = time.perf_counter() - t0
    return report
