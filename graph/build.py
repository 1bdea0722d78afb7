"""Build the networkx MultiDiGraph from the store's per-file facts.

Nodes: ``document`` (id = canonical key; ``file:<stem>@<sha8>`` for an ingested file without a
number) and ``issuer`` (``issuer:TU@phu-yen``, ``issuer:TTg``).  Edges, keyed by relation:

- document -> document: ``implements | based_on | replaces | amends | guides | cites`` with
  ``count`` and ``evidence`` (list of {file, start, end, text, context, stated});
  from a file's own document to what it cites, and between two cited documents when the text
  states it (``stated=True``);
- document -> issuer: ``issued_by``;  issuer -> issuer: ``part_of``.

The graph is a read model: rebuild it after ingest (it takes well under a second for the
bundled corpus); never write it back.
"""
from __future__ import annotations

import gc
from collections import defaultdict
from contextlib import contextmanager
from typing import Any, Iterable, Iterator

import networkx as nx

from graph import resolve
from graph.store import Store

MAX_EVIDENCE = 20  # per edge; ``count`` keeps the full number


# Tuple layouts of the rows ``_build`` reads: a citation row is the fields document_record_rows
# reads, then the edge's; selecting only these (no dicts) is most of from_store's reading time.
# A citation names its citing file by ``file``, which ``sources`` maps to (source_key, path):
# a file id from the store, rather than two strings repeated on every row.
DOC_COLUMNS = resolve.OWN_COLUMNS
CITE_COLUMNS = resolve.CITED_COLUMNS + ("file", "relation", "start", "end", "text", "context")
STATED_COLUMNS = ("source_key", "target_key", "rel", "path", "start", "end", "context")
_EDGE = len(resolve.CITED_COLUMNS)  # where a citation row's edge fields start


def _select(columns: tuple[str, ...], table: str, renamed: dict[str, str]) -> str:
    return ", ".join(renamed.get(c, f'{table}."{c}"') for c in columns)


_DOCS_SQL = (f"SELECT {_select(DOC_COLUMNS, 'd', {'path': 'f.path'})} FROM docs d"
             " JOIN files f ON f.id = d.file_id ORDER BY f.path")
_SOURCES_SQL = "SELECT d.file_id, d.key, f.path FROM docs d JOIN files f ON f.id = d.file_id"
_CITES_SQL = (f"SELECT {_select(CITE_COLUMNS, 'c', {'file': 'c.file_id'})} FROM citations c"
              " JOIN files f ON f.id = c.file_id JOIN docs d ON d.file_id = c.file_id ORDER BY f.path, c.ord")
_STATED_SQL = (f"SELECT {_select(STATED_COLUMNS, 's', {'path': 'f.path'})} FROM stated s"
               " JOIN files f ON f.id = s.file_id ORDER BY f.path, s.ord")


def from_store(store: Store | str) -> nx.MultiDiGraph:
    """Read every fact from ``store`` (a Store or a path) and build the canonical graph."""
    own = not isinstance(store, Store)
    st = Store(store, readonly=True) if own else store
    try:
        with _gc_paused():  # the rows are freed (with _build's arguments) before the collector is back
            return _build(*_read(st))
    finally:
        if own:
            st.close()


def _read(st: Store) -> tuple[list[tuple], list[tuple], dict[int, tuple[str, str]], list[tuple], dict[str, Any]]:
    """The rows ``_build`` reads, as plain tuples of the needed columns only."""
    cur = st.conn.cursor()
    cur.row_factory = None
    try:
        docs = cur.execute(_DOCS_SQL).fetchall()
        sources = {file_id: (key, path) for file_id, key, path in cur.execute(_SOURCES_SQL)}
        cites = cur.execute(_CITES_SQL).fetchall()
        stated = cur.execute(_STATED_SQL).fetchall()
    finally:
        cur.close()
    return docs, cites, sources, stated, {"store": st.path, **st.counts()}


@contextmanager
def _gc_paused() -> Iterator[None]:
    """No cyclic garbage collection while the graph grows: the collector's repeated passes over
    tens of thousands of new rows and dicts (all still alive) cost ~15% of the build."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def from_rows(docs: list[dict[str, Any]], cites: list[dict[str, Any]], stated: list[dict[str, Any]],
              meta: dict[str, Any] | None = None) -> nx.MultiDiGraph:
    """The graph from plain rows (as stored); the seam tests and other backends can reuse."""
    with _gc_paused():
        required = ("key",) + CITE_COLUMNS[_EDGE:]
        cite_rows = [_row({**c, "file": (c["source_key"], c["path"])}, CITE_COLUMNS, required) for c in cites]
        sources = {r[_EDGE]: r[_EDGE] for r in cite_rows}  # here a file is named by its (source_key, path)
        return _build([_row(d, DOC_COLUMNS, ("key", "path")) for d in docs], cite_rows, sources,
                      [_row(s, STATED_COLUMNS, STATED_COLUMNS) for s in stated], meta)


def _row(d: dict[str, Any], columns: tuple[str, ...], required: tuple[str, ...]) -> tuple:
    """A dict row as the tuple _build reads; a missing required field fails as it always did."""
    return tuple(d[c] if c in required else d.get(c) for c in columns)


def _build(docs: list[tuple], cites: list[tuple], sources: dict[Any, tuple[str, str]], stated: list[tuple],
           meta: dict[str, Any] | None) -> nx.MultiDiGraph:
    """from_rows over tuple rows laid out as DOC_COLUMNS, CITE_COLUMNS and STATED_COLUMNS;
    ``sources`` maps a citation's ``file`` to the (source_key, path) of the citing file."""
    all_keys = {d[0] for d in docs} | {c[0] for c in cites} | {s[0] for s in stated} | {s[1] for s in stated}
    alias = resolve.merge_unknown(all_keys)
    canon = alias.get
    sources = {f: (canon(key, key), path) for f, (key, path) in sources.items()}

    # Edges are counted in a dict and added to G after the nodes, in order of first appearance:
    # the same graph as adding each one as it comes, without networkx look-ups per citation.
    edges: dict[tuple[str, str, str], list] = {}

    def add(src: str, rel: str, dst: str) -> list | None:
        """The evidence list of edge src -rel-> dst, counted once more; None when it is full."""
        if src == dst:
            return None
        e = edges.get((src, dst, rel))
        if e is None:
            e = edges[src, dst, rel] = [0, []]
        e[0] += 1
        return e[1] if len(e[1]) < MAX_EVIDENCE else None

    own_by: dict[str, list] = defaultdict(list)
    cited_by: dict[str, list] = defaultdict(list)
    for d in docs:
        own_by[canon(d[0], d[0])].append(d)
    for c in cites:
        target = canon(c[0], c[0])
        cited_by[target].append(c)
        file, rel, start, end, text, context = c[_EDGE:]
        source, path = sources[file]
        ev = add(source, rel, target)
        if ev is not None:
            ev.append({"file": path, "start": start, "end": end, "text": text, "context": context,
                       "stated": False})
    for source, target, rel, path, start, end, context in stated:
        source, target = canon(source, source), canon(target, target)
        cited_by.setdefault(source, [])  # a stated edge is also evidence that both documents exist
        cited_by.setdefault(target, [])
        ev = add(source, rel, target)
        if ev is not None:
            ev.append({"file": path, "start": start, "end": end, "text": None, "context": context,
                       "stated": True})

    G = nx.MultiDiGraph(**(meta or {}))
    G.graph["aliases"] = alias
    issuer_ids: dict[tuple[str, str | None], str] = {}  # (code, province) -> node, added with its parents
    no_rows: list[tuple] = []
    for key in sorted(set(own_by) | set(cited_by)):
        rec = resolve.document_record_rows(key, own_by.get(key, no_rows), cited_by.get(key, no_rows))
        G.add_node(key, **rec)
        prov = rec["province"]
        for code in rec["issuer_codes"]:
            issuer = issuer_ids.get((code, prov))
            if issuer is None:
                _add_issuer(G, code, prov)
                issuer = issuer_ids[code, prov] = resolve.issuer_node_id(code, prov)
            G.add_edge(key, issuer, key="issued_by", rel="issued_by")
    for (src, dst, rel), (count, evidence) in edges.items():
        G.add_edge(src, dst, key=rel, rel=rel, count=count, evidence=evidence)
    return G


def _add_issuer(G: nx.MultiDiGraph, code: str, province: str | None) -> None:
    _add_issuer_record(G, resolve.issuer_record(code, province))


def _add_issuer_record(G: nx.MultiDiGraph, rec: dict[str, Any]) -> None:
    """Add an issuer node and, once, its chain of parents (Sở -> UBND tỉnh -> CP)."""
    if rec["id"] in G:
        return
    G.add_node(rec["id"], **rec)
    if rec["parent"]:
        pcode, _, pscope = rec["parent"].removeprefix("issuer:").partition("@")
        parent = resolve.issuer_record(pcode, resolve.province_of_key("x@" + pscope) if pscope else None)
        _add_issuer_record(G, parent)
        G.add_edge(rec["id"], parent["id"], key="part_of", rel="part_of")


def from_edges(triples: Iterable[tuple[str, str, str]],
               nodes: dict[str, dict[str, Any]] | None = None) -> nx.MultiDiGraph:
    """A small graph from ``(source, rel, target)`` keys, for examples, tests and benchmarks.

    ``nodes`` maps a key to extra node attributes (province, type, date ...).

    >>> G = from_edges([("116|KH-TU@phu-yen", "implements", "114|KL-TW")])
    >>> G.nodes["116|KH-TU@phu-yen"]["province"], G.nodes["114|KL-TW"]["symbol"]
    ('Phú Yên', '114-KL/TW')
    """
    G = nx.MultiDiGraph()
    node_attrs = nodes or {}
    for s, rel, t in triples:
        for k in (s, t):
            if k not in G:
                G.add_node(k, **_synthetic_record(k), **node_attrs.get(k, {}))
        G.add_edge(s, t, key=rel, rel=rel, count=1, evidence=[])
    return G


def _synthetic_record(key: str) -> dict[str, Any]:
    """Plausible node attributes from a key alone (``114|KL-TW`` -> symbol ``114-KL/TW``)."""
    base = key.split("@", 1)[0]
    num, _, rest = base.partition("|")
    parts = rest.split("-")
    symbol = f"{num}-{parts[0]}/{'-'.join(parts[1:])}" if len(parts) > 1 else base
    return {"key": key, "kind": "document", "symbol": symbol, "type": None, "type_code": parts[0] or None,
            "number": num, "date": None, "year": None, "family": None, "issuer": None,
            "issuer_codes": parts[1:], "province": resolve.province_of_key(key),
            "scope": resolve.scope_of_key(key), "title": None, "files": [], "has_file": False,
            "mentions": 0, "variants": [], "dates_seen": []}
