"""Build the networkx MultiDiGraph from the store's per-file facts.

Nodes: ``document`` (id = canonical key from ``graph.resolve``: ``16|CT-TTG~2020``,
``71|2006-QH11~luat``, ``116|KH-TU~2021@phu-yen``; ``file:<stem>@<sha8>`` for an ingested file
without a number) and ``issuer`` (``issuer:TU@phu-yen``, ``issuer:TTg``).  Edges:

- document -> document: ONE edge per pair, keyed by the strongest relation any mention states
  (``RELATION_RANK``: implements > replaces > repeals > amends > guides > based_on > cites), with
  ``count``, ``rels`` ({relation: mentions}) and ``evidence`` (per mention {rel, file, start, end,
  text, context, stated}, the strongest mention first); from a file's own document to what it
  cites (by number, or by a name some text ties to a number), and between two other documents
  when the text states it (``stated=True``);
- document -> issuer: ``issued_by``;  issuer -> issuer: ``part_of``.

The graph is a read model: rebuild it after ingest (it takes well under a second for the
bundled corpus); never write it back.
"""
from __future__ import annotations

import gc
from collections import defaultdict
from contextlib import contextmanager
from functools import lru_cache
from typing import Any, Iterable, Iterator, NamedTuple

import networkx as nx

from graph import resolve
from graph.store import Store

MAX_EVIDENCE = 20  # per edge; ``count`` keeps the full number

# One edge per (citing, cited) pair carries the strongest relation any of its mentions states.
RELATION_RANK = ("implements", "replaces", "repeals", "amends", "guides", "based_on", "cites")
_RANK = {r: i for i, r in enumerate(RELATION_RANK)}


class DocRow(NamedTuple):
    """A file's own document as ``_build`` reads it: ``resolve.OwnRow`` and the file it came from."""

    key: str
    symbol: str | None
    type: str | None
    type_code: str | None
    number: str | None
    date: str | None
    year: int | None
    issuer: str | None
    symbol_text: str | None
    issuer_code: str | None
    title: str | None
    province: str | None
    path: str | None
    file: Any


class CiteRow(NamedTuple):
    """A citation: ``resolve.CitedRow`` (``file`` = the citing file), then the edge's fields."""

    key: str
    symbol: str | None
    type: str | None
    type_code: str | None
    number: str | None
    date: str | None
    year: int | None
    issuer: str | None
    original: str | None
    family: str | None
    subject: str | None
    text: str | None
    context: str | None
    file: Any
    relation: str
    start: int | None
    end: int | None
    ord: int | None


# Citation rows stay the tuples SQLite returns (no object per row: there are tens of thousands);
# ``C`` names their positions: ``row[C.relation]``.
C = CiteRow(*range(len(CiteRow._fields)))


class StatedRow(NamedTuple):
    """A relation the citing ``file`` states between two other documents."""

    source_key: str
    target_key: str
    rel: str
    file: Any
    start: int | None
    end: int | None
    context: str | None


class NamedRow(NamedTuple):
    """A reference by name only (``Luật Đất đai``) in ``file``."""

    file: Any
    text: str
    relation: str | None
    start: int | None
    end: int | None


assert DocRow._fields[:-1] == resolve.OwnRow._fields and CiteRow._fields[:len(resolve.CitedRow._fields)] == resolve.CitedRow._fields


def _select(row: type, table: str, renamed: dict[str, str]) -> str:
    return ", ".join(renamed.get(c, f'{table}."{c}"') for c in row._fields)


_DOCS_SQL = (f"SELECT {_select(DocRow, 'd', {'path': 'f.path', 'file': 'd.file_id'})} FROM docs d"
             " JOIN files f ON f.id = d.file_id ORDER BY f.path")
_CITES_SQL = (f"SELECT {_select(CiteRow, 'c', {'file': 'c.file_id'})} FROM citations c"
              " JOIN files f ON f.id = c.file_id JOIN docs d ON d.file_id = c.file_id ORDER BY f.path, c.ord")
_STATED_SQL = (f"SELECT {_select(StatedRow, 's', {'file': 's.file_id'})} FROM stated s"
               " JOIN files f ON f.id = s.file_id ORDER BY f.path, s.ord")
_NAMED_SQL = (f"SELECT {_select(NamedRow, 'n', {'file': 'n.file_id'})} FROM named n"
              " JOIN files f ON f.id = n.file_id ORDER BY f.path, n.ord")


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


def _read(st: Store) -> tuple[list[DocRow], list[tuple], list[StatedRow], list[NamedRow], dict[str, Any]]:
    """The rows ``_build`` reads, of the needed columns only (citations as plain CiteRow-laid tuples)."""
    cur = st.conn.cursor()
    cur.row_factory = None
    try:
        docs = list(map(DocRow._make, cur.execute(_DOCS_SQL)))
        cites = cur.execute(_CITES_SQL).fetchall()
        stated = list(map(StatedRow._make, cur.execute(_STATED_SQL)))
        named = list(map(NamedRow._make, cur.execute(_NAMED_SQL)))
    finally:
        cur.close()
    return docs, cites, stated, named, {"store": st.path, **st.counts()}


@contextmanager
def _gc_paused() -> Iterator[None]:
    """No cyclic garbage collection while the graph grows: the collector would walk tens of
    thousands of new rows and dicts, all still alive, again and again."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def from_rows(docs: list[dict[str, Any]], cites: list[dict[str, Any]], stated: list[dict[str, Any]],
              meta: dict[str, Any] | None = None, named: list[dict[str, Any]] = ()) -> nx.MultiDiGraph:
    """The graph from plain rows (as stored, naming the citing file by ``path``); the seam tests
    and other backends can reuse.  A citation may name its citing document by ``source_key``
    instead of a ``docs`` row."""
    with _gc_paused():
        doc_rows = [DocRow(**{**{f: d.get(f) for f in DocRow._fields}, "file": d["path"]}) for d in docs]
        known = {d.file for d in doc_rows}
        for c in cites:  # a citing document known only by its key
            if c["path"] not in known and c.get("source_key"):
                known.add(c["path"])
                doc_rows.append(DocRow(**{**dict.fromkeys(DocRow._fields), "key": c["source_key"],
                                          "path": c["path"], "file": c["path"]}))
        cite_rows = [tuple(CiteRow(**{**{f: c.get(f) for f in CiteRow._fields}, "key": c["key"], "file": c["path"],
                                      "relation": c["relation"]})) for c in cites]
        stated_rows = [StatedRow(s["source_key"], s["target_key"], s["rel"], s["path"], s.get("start"),
                                 s.get("end"), s.get("context")) for s in stated]
        named_rows = [NamedRow(n["path"], n["text"], n.get("relation"), n.get("start"), n.get("end")) for n in named]
        return _build(doc_rows, cite_rows, stated_rows, named_rows, meta)


def _file_keys(docs: list[DocRow], cites: list[tuple]) -> tuple[list[str], list[str], dict[Any, dict[str, str]]]:
    """Each mention's qualified key (``resolve.qualify``), and, per (file, stored key), the one
    qualified key the file's dated/typed mentions give, which its other mentions take: a text
    that writes "Chỉ thị số 16/CT-TTg ngày 31/3/2020" and later "Chỉ thị 16/CT-TTg" means one document."""
    own_q = [resolve.qualify(d.key, d.year or (int(d.date[:4]) if d.date else None), d.type) for d in docs]
    cite_q = [resolve.qualify(c[C.key], c[C.year], c[C.type]) for c in cites]
    seen: dict[tuple, set[str]] = defaultdict(set)
    for d, q in zip(docs, own_q):
        if q != d.key:
            seen[d.file, d.key].add(q)
    for c, q in zip(cites, cite_q):
        if q != c[C.key]:
            seen[c[C.file], c[C.key]].add(q)
    fill: dict[Any, dict[str, str]] = defaultdict(dict)  # file -> {stored key: its one qualified key}
    for (file, key), qs in seen.items():
        if len(qs) == 1:
            fill[file][key] = qs.pop()
    return own_q, cite_q, fill


def _build(docs: list[DocRow], cites: list[tuple], stated: list[StatedRow], named: list[NamedRow],
           meta: dict[str, Any] | None) -> nx.MultiDiGraph:
    """The graph from named-tuple rows: identities first (every mention at once), then nodes,
    then one edge per document pair."""
    own_q, cite_q, fill = _file_keys(docs, cites)
    none: dict[str, str] = {}
    own_q = [fill.get(d.file, none).get(d.key, q) if q == d.key else q for d, q in zip(docs, own_q)]
    i_key, i_file = C.key, C.file
    cite_q = [q if q != c[i_key] or c[i_file] not in fill else fill[c[i_file]].get(q, q) for c, q in zip(cites, cite_q)]
    stated_q = [(fill.get(s.file, none).get(s.source_key, s.source_key),
                 fill.get(s.file, none).get(s.target_key, s.target_key)) for s in stated]
    ids = resolve.Identities([*zip(own_q, (d.date for d in docs)), *zip(cite_q, (c[C.date] for c in cites)),
                              *((k, None) for pair in stated_q for k in pair)])
    ambiguous: dict[str, set[str]] = defaultdict(set)
    resolved: dict[str, str] = {}  # stored key -> the key its (first) mention resolved to
    split: set[str] = set()        # stored keys whose mentions resolved to several keys

    def canon(stored: str, key: str, citing_date: str | None) -> str:
        out, cands = ids.resolve(key, citing_date)
        if cands:
            ambiguous[out].update(cands)
        first = resolved.setdefault(stored, out)
        if first != out:
            split.add(stored)
        return out

    file_of: dict[Any, tuple[str, str | None, str | None]] = {}  # file -> (own key, path, date)
    own_by: dict[str, list[DocRow]] = defaultdict(list)
    for d, q in zip(docs, own_q):
        key = canon(d.key, q, None)
        own_by[key].append(d)
        file_of.setdefault(d.file, (key, d.path, d.date))

    edges: dict[tuple[str, str], list] = {}  # (src, dst) -> [count, best rank, evidence, {rel: count}]

    def add(src: str, dst: str, rel: str, ev: dict[str, Any]) -> None:
        if src == dst:
            return
        rank = _RANK.get(rel, len(_RANK))
        e = edges.get((src, dst))
        if e is None:
            edges[src, dst] = [1, rank, [ev], {rel: 1}]
            return
        e[0] += 1
        e[3][rel] = e[3].get(rel, 0) + 1
        if rank < e[1]:  # the strongest mention's evidence leads
            e[1] = rank
            e[2].insert(0, ev)
            del e[2][MAX_EVIDENCE:]
        elif len(e[2]) < MAX_EVIDENCE:
            e[2].append(ev)

    cited_by: dict[str, list[tuple]] = defaultdict(list)
    mention_keys: dict[tuple[str | None, int | None], str] = {}
    i_rel, i_start, i_end, i_text, i_context, i_ord = C.relation, C.start, C.end, C.text, C.context, C.ord
    for c, q in zip(cites, cite_q):
        source, path, date = file_of[c[i_file]]
        target = mention_keys[path, c[i_ord]] = canon(c[i_key], q, date)
        cited_by[target].append(c)
        add(source, target, c[i_rel], {"rel": c[i_rel], "file": path, "start": c[i_start], "end": c[i_end],
                                       "text": c[i_text], "context": c[i_context], "stated": False})
    for s, (sq, tq) in zip(stated, stated_q):
        _, path, date = file_of.get(s.file, (None, s.file, None))
        source, target = canon(s.source_key, sq, date), canon(s.target_key, tq, date)
        cited_by.setdefault(source, [])  # a stated edge is also evidence that both documents exist
        cited_by.setdefault(target, [])
        add(source, target, s.rel, {"rel": s.rel, "file": path, "start": s.start, "end": s.end, "text": None,
                                    "context": s.context, "stated": True})

    names = _names(docs, own_q, cites, cite_q, ids, file_of)
    for n in named:
        target = _by_name(names, n.text, file_of.get(n.file, (None, None, None))[2], ids)
        if target and n.file in file_of:
            source, path, _ = file_of[n.file]
            rel = n.relation or "cites"
            add(source, target, rel, {"rel": rel, "file": path, "start": n.start, "end": n.end, "text": n.text,
                                      "context": None, "stated": False})

    G = nx.MultiDiGraph(**(meta or {}))
    G.graph["aliases"] = {k: v for k, v in sorted(resolved.items()) if k != v and k not in split}
    G.graph["ambiguous"] = {k: sorted(v) for k, v in sorted(ambiguous.items())}
    G.graph["file_keys"] = {path: key for key, path, _ in file_of.values() if path}
    G.graph["mention_keys"] = mention_keys
    node_names: dict[str, set[str]] = defaultdict(set)
    for name, keys in names.items():
        for k in keys:
            node_names[k].add(keys[k])
    issuer_ids: dict[tuple[str, str | None], str] = {}  # (code, province) -> node, added with its parents
    for key in sorted(set(own_by) | set(cited_by)):
        rec = resolve.document_record_rows(key, own_by.get(key, []), cited_by.get(key, []),
                                           names=node_names.get(key, ()), candidates=ambiguous.get(key, ()))
        G.add_node(key, **rec)
        prov = rec["province"]
        for code in rec["issuer_codes"]:
            issuer = issuer_ids.get((code, prov))
            if issuer is None:
                _add_issuer(G, code, prov)
                issuer = issuer_ids[code, prov] = resolve.issuer_node_id(code, prov)
            G.add_edge(key, issuer, key="issued_by", rel="issued_by")
    for (src, dst), (count, _, evidence, rels) in edges.items():
        rel = evidence[0]["rel"]
        G.add_edge(src, dst, key=rel, rel=rel, count=count, evidence=evidence,
                   rels=rels if len(rels) == 1 else dict(sorted(rels.items())))
    return G


def _names(docs: list[DocRow], own_q: list[str], cites: list[tuple], cite_q: list[str], ids: resolve.Identities,
           file_of: dict) -> dict[str, dict[str, str]]:
    """folded name -> {document key: the name as written}, from every text that writes a name
    right before a number ("Luật Đất đai số 31/2024/QH15") and from own files of named types."""
    out: dict[str, dict[str, str]] = defaultdict(dict)
    i_text = C.text
    for c, q in zip(cites, cite_q):
        if not c[i_text] or c[i_text][0] not in "LlBbPpHh":  # a name starts Luật, Bộ luật, Pháp lệnh, Hiến pháp
            continue
        name = resolve.name_of(c[i_text])
        if name:
            key, cands = ids.resolve(q, file_of[c[C.file]][2])
            if not cands and resolve.split_key(key).kind in _NAMED_KINDS:  # a law's number: no type code
                out[resolve.fold_name(name)].setdefault(key, name)
    for d, q in zip(docs, own_q):
        if d.title and resolve.type_class(d.type) in _NAMED_KINDS:  # the file of a law: "Luật" + its title
            name = f"{d.type} {' '.join(d.title.split())}"
            key, cands = ids.resolve(q, None)
            if not cands and resolve.split_key(key).kind in _NAMED_KINDS:
                out[resolve.fold_name(name)].setdefault(key, name)
    return out


_NAMED_KINDS = frozenset({"luat", "phap-lenh", "hien-phap"})


def _by_name(names: dict[str, dict[str, str]], text: str, citing_date: str | None,
             ids: resolve.Identities) -> str | None:
    """The numbered document a name-only reference means: of the documents texts give that name,
    the latest not later than the citing document (a law replaces the earlier law of its name)."""
    keys = names.get(resolve.fold_name(text))
    if not keys:
        return None
    dated = []
    for k in keys:
        year = resolve.split_key(k).year or _symbol_year(k)
        if citing_date is None or year is None or year <= int(citing_date[:4]):
            dated.append((year or 0, k))
    return max(dated)[1] if dated else None


@lru_cache(maxsize=65536)
def _symbol_year(key: str) -> int | None:
    for part in resolve.split_key(key).base.partition("|")[2].split("-"):
        if part.isdigit() and len(part) == 4:
            return int(part)
    return None


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
    """A small graph from ``(source, rel, target)`` keys, for examples, tests and benchmarks
    (one edge per pair, of the strongest relation given).

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
                G.add_node(k, **{**_synthetic_record(k), **node_attrs.get(k, {})})
        old = next(iter(G[s][t]), None) if G.has_edge(s, t) else None
        if old is None or _RANK.get(rel, len(_RANK)) < _RANK.get(old, len(_RANK)):  # one edge per pair
            if old is not None:
                G.remove_edge(s, t, key=old)
            G.add_edge(s, t, key=rel, rel=rel, count=1, evidence=[], rels={rel: 1})
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
            "mentions": 0, "variants": [], "dates_seen": [], "names": [], "ambiguous": False, "candidates": []}
