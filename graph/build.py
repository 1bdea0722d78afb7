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

from collections import defaultdict
from typing import Any, Iterable

import networkx as nx

from graph import resolve
from graph.store import Store

MAX_EVIDENCE = 20  # per edge; ``count`` keeps the full number


def from_store(store: Store | str) -> nx.MultiDiGraph:
    """Read every fact from ``store`` (a Store or a path) and build the canonical graph."""
    own = not isinstance(store, Store)
    st = Store(store, readonly=True) if own else store
    try:
        docs = st.rows("SELECT d.*, f.path AS path, f.province AS file_province FROM docs d"
                       " JOIN files f ON f.id = d.file_id ORDER BY f.path")
        cites = st.rows("SELECT c.*, f.path AS path, d.key AS source_key FROM citations c"
                        " JOIN files f ON f.id = c.file_id JOIN docs d ON d.file_id = c.file_id"
                        " ORDER BY f.path, c.ord")
        stated = st.rows("SELECT s.*, f.path AS path FROM stated s JOIN files f ON f.id = s.file_id"
                         " ORDER BY f.path, s.ord")
        meta = {"store": st.path, **st.counts()}
    finally:
        if own:
            st.close()
    return from_rows(docs, cites, stated, meta=meta)


def from_rows(docs: list[dict[str, Any]], cites: list[dict[str, Any]], stated: list[dict[str, Any]],
              meta: dict[str, Any] | None = None) -> nx.MultiDiGraph:
    """The graph from plain rows (as stored); the seam tests and other backends can reuse."""
    all_keys = {d["key"] for d in docs} | {c["key"] for c in cites} | \
               {s["source_key"] for s in stated} | {s["target_key"] for s in stated}
    alias = resolve.merge_unknown(all_keys)
    canon = lambda k: alias.get(k, k)  # noqa: E731

    own_by: dict[str, list] = defaultdict(list)
    cited_by: dict[str, list] = defaultdict(list)
    for d in docs:
        own_by[canon(d["key"])].append(d)
    for c in cites:
        cited_by[canon(c["key"])].append(c)
    for s in stated:  # a stated edge is also evidence that both documents exist
        for side in ("source", "target"):
            cited_by.setdefault(canon(s[f"{side}_key"]), [])

    G = nx.MultiDiGraph(**(meta or {}))
    G.graph["aliases"] = alias
    for key in sorted(set(own_by) | set(cited_by)):
        rec = resolve.document_record(key, own_by.get(key, []), cited_by.get(key, []))
        G.add_node(key, **rec)
        prov = rec["province"]
        for code in rec["issuer_codes"]:
            _add_issuer(G, code, prov)
            G.add_edge(key, resolve.issuer_node_id(code, prov), key="issued_by", rel="issued_by")

    def add(src: str, rel: str, dst: str, ev: dict[str, Any]) -> None:
        if src == dst:
            return
        if G.has_edge(src, dst, key=rel):
            data = G.edges[src, dst, rel]
            data["count"] += 1
            if len(data["evidence"]) < MAX_EVIDENCE:
                data["evidence"].append(ev)
        else:
            G.add_edge(src, dst, key=rel, rel=rel, count=1, evidence=[ev])

    for c in cites:
        add(canon(c["source_key"]), c["relation"], canon(c["key"]),
            {"file": c["path"], "start": c["start"], "end": c["end"], "text": c["text"],
             "context": c["context"], "stated": False})
    for s in stated:
        add(canon(s["source_key"]), s["rel"], canon(s["target_key"]),
            {"file": s["path"], "start": s["start"], "end": s["end"], "text": None,
             "context": s["context"], "stated": True})
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
