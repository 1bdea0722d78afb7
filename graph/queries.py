"""Questions users ask of the graph, as plain functions over the MultiDiGraph (graph first).

* ``trace``: which documents implement X, transitively, where and through which chain
  (``up=True``: what a plan implements, up to the central directive); ``include_citing=True``
  adds, one hop deep, the documents that merely cite X (labelled ``citing``);
* ``show``: one document with its variants, issuer, cites / cited-by and evidence;
* ``most_cited``, ``per_year``, ``coverage`` (provinces without an implementing plan), ``stats``;
* ``search`` / ``resolve_symbol``: forgiving lookup ("114 KL TW", "kết luận 114").

Results are plain dataclasses / dicts (``to_dict()``), so another backend (Neo4j) can answer
the same calls and be compared for equality.  ``GraphBackend`` is that contract;
``MemoryBackend`` answers it from a graph built out of the SQLite store.

Trace follows ``implements`` and ``guides`` transitively (each document pair has one edge, of
its strongest relation, so a plan that both cites and implements X implements it); the other
relations are shown one hop deep, and only when asked (everything cites everything, two hops out).

>>> G = build.from_edges([("116|KH-TU@phu-yen", "implements", "114|KL-TW"),
...                       ("3|TT-TU@khanh-hoa", "implements", "114|KL-TW"),
...                       ("9|KH-HU@phu-yen", "implements", "116|KH-TU@phu-yen"),
...                       ("file:plan@1", "cites", "114|KL-TW")])
>>> [(i.symbol, i.depth, i.rel) for i in trace(G, "114|KL-TW").items]
[('3-TT/TU', 1, 'implements'), ('116-KH/TU', 1, 'implements'), ('9-KH/HU', 2, 'implements')]
>>> [(i.symbol, i.rel, i.citing) for i in trace(G, "114|KL-TW", include_citing=True).items if i.citing]
[('file:plan', 'cites', True)]
>>> trace(G, "9|KH-HU@phu-yen", up=True).items[-1].chain
('9-KH/HU', '116-KH/TU', '114-KL/TW')
>>> resolve_symbol(G, "114 KL TW"), resolve_symbol(G, "116-KH/TU")
('114|KL-TW', '116|KH-TU@phu-yen')
"""
from __future__ import annotations

import re
from collections import Counter, defaultdict
from dataclasses import asdict, dataclass, field
from typing import Any, Iterable, Protocol, Sequence, runtime_checkable

import networkx as nx

from extract.jurisdiction import province_names
from extract.keys import fold_symbol, fold_text, strip_diacritics
from extract.tables import type_words
from graph import build
from graph.resolve import split_key, type_class

__all__ = ["DocumentNotFound", "AmbiguousSymbol", "TraceItem", "TraceResult", "GraphBackend", "MemoryBackend",
           "resolve_symbol", "candidates", "trace", "show", "most_cited", "per_year", "coverage", "search",
           "stats", "same_symbol", "describe", "symbol_forms", "TRACE_RELATIONS", "LEAF_RELATIONS"]

TRACE_RELATIONS = ("implements", "guides")                  # implementing: followed transitively
LEAF_RELATIONS = ("replaces", "amends", "based_on", "cites")  # merely citing: one hop, on request


class DocumentNotFound(LookupError):
    """No document in the graph matches the query."""


class AmbiguousSymbol(LookupError):
    """A symbol names several documents: a local one (``116-KH/TU``) in several provinces, a
    yearless one (``16/CT-TTg``) in several years, ``71/2006/QH11`` as a Luật and a Nghị quyết.
    ``keys`` are the candidates; give a province, a year or a type word, or a key."""

    def __init__(self, query: str, keys: Sequence[str]) -> None:
        super().__init__(f"{query!r} matches {len(keys)} documents: {', '.join(keys)}; "
                         "give a province, a year or a type word, or one of these keys")
        self.query, self.keys = query, list(keys)


# -- lookup --------------------------------------------------------------------------------------
def _docs(G: nx.MultiDiGraph) -> Iterable[tuple[str, dict[str, Any]]]:
    return ((n, d) for n, d in G.nodes(data=True) if d.get("kind") == "document")


def _mentions_only(d: dict[str, Any]) -> bool:
    """A node standing for ambiguous mentions (candidates listed instead), not for a document
    held as a file."""
    return bool(d.get("ambiguous")) and not d.get("has_file")


def _fold_index(G: nx.MultiDiGraph) -> dict[str, list[str]]:
    """folded symbol (a key's base) -> keys, cached on the graph (the graph is read-only)."""
    idx = G.graph.get("_fold_index")
    if idx is None:
        idx = defaultdict(list)
        for n, d in _docs(G):
            if n.startswith("file:"):
                idx[n].append(n)
                idx[n.split("@", 1)[0]].append(n)
            else:
                idx[split_key(n).base].append(n)
        G.graph["_fold_index"] = idx = {k: sorted(set(v)) for k, v in idx.items()}
    return idx


_SYMBOL_IN_QUERY = re.compile(r"\d[^\s,;]*[/-][^\s,;]*")
_YEAR_IN_QUERY = re.compile(r"(?<!\d)((?:19|20)\d\d)(?!\d)")


def _narrow(G: nx.MultiDiGraph, keys: list[str], rest: str) -> list[str]:
    """Keep the keys the rest of the query speaks for: a year ("16/CT-TTg 2020", "… ngày
    31/3/2020") or a type word ("Luật 71/2006/QH11"); unchanged when it speaks for none."""
    years = {int(y) for y in _YEAR_IN_QUERY.findall(rest)}
    if years:
        keys = [k for k in keys if G.nodes[k].get("year") in years] or keys
    words = fold_text(rest)
    kinds = {type_class(w) for w in TYPE_WORDS_IN_QUERY if re.search(rf"\b{fold_text(w)}\b", words)} - {None}
    if kinds:
        keys = [k for k in keys if split_key(k).kind in kinds] or keys
    return keys


TYPE_WORDS_IN_QUERY = ("bộ luật", "luật", "hiến pháp", "nghị quyết", "pháp lệnh")


def symbol_forms(query: str) -> list[tuple[str, str]]:
    """(folded symbol, the rest of the query) pairs a query may name, most literal first:
    the query itself, folded, its first symbol-like token ("Luật 71/2006/QH11"), spaces for
    separators ("114 KL TW")."""
    forms = [(query, ""), (fold_symbol(query), "")]
    m = _SYMBOL_IN_QUERY.search(query)
    if m:
        forms.append((fold_symbol(m.group()), query[:m.start()] + " " + query[m.end():]))
    spaced = re.sub(r"\s+", "-", query.strip())
    forms.append((fold_symbol(re.sub(r"^(\d+)-", r"\1-", spaced)), ""))
    return forms


def candidates(G: nx.MultiDiGraph, query: str, *, province: str | None = None) -> list[str]:
    """Keys whose symbol matches ``query`` after folding (all provinces, years and types unless
    the query or ``province`` says which).  Nodes that stand for ambiguous mentions are left out."""
    if query in G and G.nodes[query].get("kind") == "document":
        return [query]
    alias = G.graph.get("aliases", {}).get(query)
    if alias:
        return [alias]
    idx = _fold_index(G)
    keys, rest = [], ""
    for form, rest in symbol_forms(query):
        keys = list(idx.get(form, ()))
        if keys:
            break
    keys = [k for k in keys if not _mentions_only(G.nodes[k])] or keys
    if rest.strip():
        keys = _narrow(G, keys, rest)
    if province:
        want = strip_diacritics(province).lower().replace(" ", "-")
        keys = [k for k in keys if "@" not in k or k.endswith("@" + want)] or keys
    return keys


def resolve_symbol(G: nx.MultiDiGraph, query: str, *, province: str | None = None) -> str:
    """The one key ``query`` names; falls back to ``search``'s best hit when it clearly wins.
    Raises ``AmbiguousSymbol`` (with the candidate keys) rather than pick among documents."""
    keys = candidates(G, query, province=province)
    scoped = [k for k in keys if not k.endswith("@?")] or keys
    if len(scoped) == 1:
        return scoped[0]
    if len(scoped) > 1:
        raise AmbiguousSymbol(query, scoped)
    hits = search(G, query, limit=2)
    if hits and (len(hits) == 1 or hits[0]["score"] > hits[1]["score"]):
        return hits[0]["key"]
    if hits:
        raise AmbiguousSymbol(query, [h["key"] for h in hits])
    raise DocumentNotFound(f"no document matches {query!r}")


def describe(G: nx.MultiDiGraph, keys: Iterable[str]) -> list[dict[str, Any]]:
    """Rows for a list of keys (a candidates list): key, symbol, type, date, province, title."""
    return [{k: v for k, v in _summary(G, key).items() if k != "files"} for key in keys if key in G]


def same_symbol(G: nx.MultiDiGraph, key: str) -> list[str]:
    """The other documents with the same symbol as ``key`` (another year, type or province):
    "a different document with the same number"."""
    base = key.split("@", 1)[0] if key.startswith("file:") else split_key(key).base
    return [k for k in _fold_index(G).get(base, ()) if k != key and not _mentions_only(G.nodes[k])]


# -- trace ---------------------------------------------------------------------------------------
@dataclass(frozen=True, slots=True)
class TraceItem:
    """One document reached by a trace; ``chain`` runs from the traced document to this one."""

    key: str
    symbol: str
    type: str | None
    date: str | None
    province: str | None
    issuer: str | None
    depth: int
    rel: str
    via: str
    chain: tuple[str, ...]
    evidence: str | None = None
    file: str | None = None
    citing: bool = False  # reached by a citing relation (one hop, ``include_citing``), not implementing

    def to_dict(self) -> dict[str, Any]:
        d = asdict(self)
        d["chain"] = list(self.chain)
        return d


@dataclass(frozen=True, slots=True)
class TraceResult:
    root: dict[str, Any]
    direction: str  # "down" (who implements it) or "up" (what it rests on)
    items: tuple[TraceItem, ...] = field(default_factory=tuple)

    def groups(self) -> list[dict[str, Any]]:
        """Items grouped by province, then issuer (``None`` sorts last as "central/unknown")."""
        out: dict[tuple, list[TraceItem]] = defaultdict(list)
        for it in self.items:
            out[(it.province or "", it.issuer or "")].append(it)
        return [{"province": p or None, "issuer": i or None, "count": len(v),
                 "items": [x.key for x in v]}
                for (p, i), v in sorted(out.items(), key=lambda kv: (kv[0][0] == "", kv[0]))]

    def to_dict(self) -> dict[str, Any]:
        return {"root": self.root, "direction": self.direction,
                "items": [i.to_dict() for i in self.items], "groups": self.groups()}


def _label(G: nx.MultiDiGraph, key: str) -> str:
    d = G.nodes[key]
    return d.get("symbol") or key.split("@", 1)[0]


def _summary(G: nx.MultiDiGraph, key: str) -> dict[str, Any]:
    d = G.nodes[key]
    return {"key": key, "symbol": _label(G, key), "type": d.get("type"), "date": d.get("date"),
            "province": d.get("province"), "issuer": d.get("issuer"), "title": d.get("title"),
            "files": list(d.get("files") or [])}


def _adjacency(G: nx.MultiDiGraph, up: bool) -> dict[str, tuple[tuple[str, str, str | None, str | None], ...]]:
    """key -> ((neighbour, rel, evidence context, evidence file), ...) over document relations,
    sorted by (neighbour, rel); cached on the graph, so a trace never looks edges up again."""
    name = "_adj_up" if up else "_adj_down"
    adj = G.graph.get(name)
    if adj is None:
        tmp: dict[str, dict[tuple[str, str], tuple[str | None, str | None]]] = defaultdict(dict)
        for u, v, k, data in G.edges(keys=True, data=True):
            if k not in ("issued_by", "part_of"):
                ev = (data.get("evidence") or [None])[0]
                item = (ev.get("context"), ev.get("file")) if ev else (None, None)
                if up:
                    tmp[u][(v, k)] = item
                else:
                    tmp[v][(u, k)] = item
        adj = G.graph[name] = {n: tuple((nb, rel, *x[(nb, rel)]) for nb, rel in sorted(x)) for n, x in tmp.items()}
    return adj


def _node_info(G: nx.MultiDiGraph) -> dict[str, tuple[str, str | None, str | None, str | None, str | None]]:
    """Per-graph cache of (label, type, date, province, issuer), filled as traces reach nodes."""
    info = G.graph.get("_node_info")
    if info is None:
        info = G.graph["_node_info"] = {}
    return info


def _info_of(G: nx.MultiDiGraph, info: dict, key: str) -> tuple[str, str | None, str | None, str | None, str | None]:
    d = G.nodes[key]
    info[key] = row = (_label(G, key), d.get("type"), d.get("date"), d.get("province"), d.get("issuer"))
    return row


def trace(G: nx.MultiDiGraph, key: str, *, up: bool = False, max_depth: int | None = None,
          include_citing: bool = False, relations: Sequence[str] = TRACE_RELATIONS) -> TraceResult:
    """Breadth-first over implementing relations; each document once, at its shortest depth.

    Down: documents that implement ``key``, directly or down the chain (edges a third document
    states count as well); with ``include_citing``, also those that merely cite it, one hop deep,
    as ``citing`` items after the implementing ones.
    Up: what ``key`` implements, up to documents that implement nothing stored.
    Order: depth, then province, then symbol, so results are the same on every backend.
    """
    if key not in G:
        raise DocumentNotFound(f"no document {key!r}")
    adj, info = _adjacency(G, up), _node_info(G)
    items = trace_levels(key, _label(G, key), lambda frontier: {n: adj.get(n, ()) for n in frontier},
                         lambda n: info.get(n) or _info_of(G, info, n),
                         max_depth=max_depth, include_citing=include_citing, relations=relations)
    return TraceResult(_summary(G, key), "up" if up else "down", items)


def trace_levels(key: str, root_label: str, neighbours, describe, *, max_depth: int | None = None,
                 include_citing: bool = False, relations: Sequence[str] = TRACE_RELATIONS) -> tuple[TraceItem, ...]:
    """The breadth-first walk shared by every backend.

    ``neighbours(frontier)`` returns ``{node: [(neighbour, rel, evidence context, evidence file), ...]}``
    for one level (one Cypher query on Neo4j, the cached adjacency in memory); ``describe(key)``
    returns ``(label, type, date, province, issuer)``.
    """
    follow = set(relations)
    seen = {key}
    chains = {key: (root_label,)}
    frontier, items, depth, at_root = [key], [], 0, ()
    while frontier and (max_depth is None or depth < max_depth):
        depth += 1
        adj = neighbours(frontier)
        if depth == 1:
            at_root = adj.get(key, ())
        nxt: list[str] = []
        level: list[TraceItem] = []
        for node in frontier:
            for nbr, rel, ctx, file in adj.get(node, ()):
                if nbr in seen or rel not in follow:
                    continue
                seen.add(nbr)
                label, typ, date, province, issuer = describe(nbr)
                chains[nbr] = chains[node] + (label,)
                level.append(TraceItem(nbr, label, typ, date, province, issuer, depth, rel, node, chains[nbr],
                                       ctx, file))
                nxt.append(nbr)
        level.sort(key=lambda i: (i.province or "~", i.symbol, i.key))
        items.extend(level)
        frontier = sorted(nxt)
    if include_citing:  # after the walk: a document that implements down the chain is not "citing"
        level = []
        for nbr, rel, ctx, file in at_root:
            if nbr not in seen:
                seen.add(nbr)
                label, typ, date, province, issuer = describe(nbr)
                level.append(TraceItem(nbr, label, typ, date, province, issuer, 1, rel, key, (root_label, label),
                                       ctx, file, True))
        items.extend(sorted(level, key=lambda i: (i.province or "~", i.symbol, i.key)))
    return tuple(items)


# -- show ----------------------------------------------------------------------------------------
def show(G: nx.MultiDiGraph, key: str, *, evidence_per_edge: int = 3) -> dict[str, Any]:
    """Everything known about one document: metadata, variants, issuers, cites and cited-by."""
    if key not in G:
        raise DocumentNotFound(f"no document {key!r}")
    d = dict(G.nodes[key])
    issuers = [dict(G.nodes[v]) for _, v, k in G.out_edges(key, keys=True) if k == "issued_by"]

    def edges(items, outgoing: bool) -> list[dict[str, Any]]:
        rows = []
        for u, v, k, data in items:
            if k in ("issued_by", "part_of"):
                continue
            other = v if outgoing else u
            rows.append({"rel": k, "key": other, "symbol": _label(G, other), "type": G.nodes[other].get("type"),
                         "date": G.nodes[other].get("date"), "province": G.nodes[other].get("province"),
                         "count": data.get("count", 1), "rels": dict(data.get("rels") or {k: data.get("count", 1)}),
                         "evidence": [{"rel": e.get("rel", k), "file": e["file"], "context": e["context"],
                                       "stated": e["stated"]}
                                      for e in (data.get("evidence") or [])[:evidence_per_edge]]})
        return sorted(rows, key=lambda r: (r["rel"], r["symbol"], r["key"]))

    d["issuers"] = sorted(issuers, key=lambda r: r["id"])
    d["cites"] = edges(G.out_edges(key, keys=True, data=True), True)
    d["cited_by"] = edges(G.in_edges(key, keys=True, data=True), False)
    d["conflicts"] = ["different dates: " + ", ".join(d["dates_seen"])] if len(d.get("dates_seen") or []) > 1 else []
    d["candidates"] = describe(G, d.get("candidates") or ())  # an ambiguous mention: which documents it may name
    d["same_symbol"] = describe(G, same_symbol(G, key))       # other documents with this number
    return d


# -- aggregates ----------------------------------------------------------------------------------
def most_cited(G: nx.MultiDiGraph, limit: int = 20, *, type_code: str | None = None,
               province: str | None = None) -> list[dict[str, Any]]:
    """Documents by number of distinct citing documents (then mentions, then symbol)."""
    rows = []
    for n, d in _docs(G):
        if type_code and (d.get("type_code") or "").upper() != type_code.upper():
            continue
        if province and d.get("province") != province:
            continue
        citing = {u for u, _, k in G.in_edges(n, keys=True) if k not in ("issued_by", "part_of")}
        if citing:
            rows.append({"key": n, "symbol": _label(G, n), "type": d.get("type"), "date": d.get("date"),
                         "province": d.get("province"), "cited_by": len(citing), "mentions": d.get("mentions", 0)})
    rows.sort(key=lambda r: (-r["cited_by"], -r["mentions"], r["symbol"], r["key"]))
    return rows[:limit]


def per_year(G: nx.MultiDiGraph) -> list[dict[str, Any]]:
    """Documents per year of issue: how many we hold as files and how many are only cited."""
    c: dict[int, Counter] = defaultdict(Counter)
    for _, d in _docs(G):
        if d.get("year"):
            c[d["year"]]["documents"] += 1
            c[d["year"]]["with_file" if d.get("has_file") else "cited_only"] += 1
    return [{"year": y, "documents": v["documents"], "with_file": v["with_file"], "cited_only": v["cited_only"]}
            for y, v in sorted(c.items())]


def coverage(G: nx.MultiDiGraph, key: str) -> dict[str, Any]:
    """Which provinces have a document implementing ``key`` (transitively), and which do not.

    ``missing_in_store`` lists provinces the store knows documents of but where none implements
    ``key``: those are the gaps worth chasing.  ``missing`` is against all 63 provinces.
    """
    t = trace(G, key, include_citing=False)
    covered: dict[str, list[str]] = defaultdict(list)
    for it in t.items:
        if it.province:
            covered[it.province].append(it.symbol)
    known = {d.get("province") for _, d in _docs(G) if d.get("province")}
    return {"root": t.root,
            "covered": [{"province": p, "documents": sorted(v)} for p, v in sorted(covered.items())],
            "missing_in_store": sorted(known - set(covered)),
            "missing": sorted(set(province_names()) - set(covered))}


def stats(G: nx.MultiDiGraph) -> dict[str, Any]:
    kinds = Counter(d.get("kind") for _, d in G.nodes(data=True))
    rels = Counter(k for _, _, k in G.edges(keys=True))
    docs = [d for _, d in _docs(G)]
    return {"documents": kinds.get("document", 0), "issuers": kinds.get("issuer", 0),
            "with_file": sum(1 for d in docs if d.get("has_file")),
            "unknown_scope": sum(1 for d in docs if d.get("scope") == "unknown"),
            "provinces": len({d["province"] for d in docs if d.get("province")}),
            "edges": dict(sorted(rels.items())),
            "files": G.graph.get("files"), "failures": G.graph.get("failures")}


# -- search --------------------------------------------------------------------------------------
def _type_phrases() -> list[tuple[str, set[str]]]:
    return sorted(((fold_text(w), {fold_text(c) for c in codes}) for w, codes in type_words().items()),
                  key=lambda x: -len(x[0]))


def _doc_tokens(G: nx.MultiDiGraph, n: str, d: dict[str, Any]) -> tuple[set[str], set[str]]:
    """(symbol, year and province tokens; title and name words), cached on the graph."""
    cache = G.graph.setdefault("_tokens", {})
    hit = cache.get(n)
    if hit is None:
        toks = set(re.findall(r"[a-z0-9]+", fold_text(d.get("symbol") or n.split("@")[0])))
        toks |= {t.lstrip("0") or "0" for t in toks if t.isdigit()}
        if d.get("year"):
            toks.add(str(d["year"]))
        if d.get("province"):
            toks |= set(re.findall(r"[a-z0-9]+", fold_text(d["province"])))
        words = set(re.findall(r"[a-z0-9]+", fold_text(" ".join([d.get("title") or "", *(d.get("names") or ())]))))
        hit = cache[n] = (toks, words - toks)
    return hit


def search(G: nx.MultiDiGraph, query: str, *, limit: int = 20) -> list[dict[str, Any]]:
    """Forgiving lookup: numbers must match; type words, codes, years, provinces and words of the
    title or name add score.  Without a number every word must match (a search by name).
    Nodes standing for ambiguous mentions are left out: their candidates are listed instead.

    >>> G = build.from_edges([("114|KL-TW", "cites", "25|NQ-TW"), ("116|KH-TU@phu-yen", "implements", "114|KL-TW")],
    ...                      {"25|NQ-TW": {"title": "Nghị quyết về công tác dân vận"}})
    >>> [h["symbol"] for h in search(G, "kết luận 114")], [h["symbol"] for h in search(G, "KH TU Phú Yên")]
    (['114-KL/TW'], ['116-KH/TU'])
    >>> [h["symbol"] for h in search(G, "công tác dân vận")]
    ['25-NQ/TW']
    """
    exact = [k for k in candidates(G, query) if not _mentions_only(G.nodes[k])]
    if exact:  # a symbol: the documents it names (every year, type and province), oldest first
        rows = [{"key": k, "symbol": _label(G, k), "type": G.nodes[k].get("type"), "date": G.nodes[k].get("date"),
                 "province": G.nodes[k].get("province"), "title": G.nodes[k].get("title"), "score": 10.0,
                 "mentions": G.nodes[k].get("mentions", 0)} for k in exact]
        return sorted(rows, key=lambda h: (h["date"] or "~", h["key"]))[:limit]
    q = fold_text(query)
    whole = " ".join(re.findall(r"[a-z0-9]+", q))
    wanted_codes: set[str] = set()
    wanted_types: set[str] = set()
    for phrase, codes in _type_phrases():
        if re.search(rf"\b{re.escape(phrase)}\b", q):
            wanted_codes |= codes
            wanted_types.add(phrase)
            q = re.sub(rf"\b{re.escape(phrase)}\b", " ", q)
    tokens = re.findall(r"[a-z0-9]+", q)
    numbers = {t.lstrip("0") or "0" for t in tokens if t.isdigit()}
    words = {t for t in tokens if not t.isdigit()}
    hits = []
    for n, d in _docs(G):
        if _mentions_only(d):
            continue
        toks, title_words = _doc_tokens(G, n, d)
        if not numbers <= toks:
            continue
        matched = sum(1 for w in words if w in toks) + sum(0.5 for w in words if w in title_words and w not in toks)
        if not numbers and (not words or any(w not in toks and w not in title_words for w in words)):
            if not (wanted_types and not words and fold_text(d.get("type") or "") in wanted_types):
                continue
        score = 3 * len(numbers) + matched
        if not numbers and any(" ".join(re.findall(r"[a-z0-9]+", fold_text(n))) == whole for n in d.get("names") or ()):
            score += 3  # the whole query is the document's name
        if wanted_codes:
            score += 2 if (fold_text(d.get("type_code") or "") in wanted_codes or wanted_codes & toks) else -2
        elif wanted_types:
            score += 2 if fold_text(d.get("type") or "") in wanted_types else -2
        if not numbers and score <= 0:
            continue
        hits.append({"key": n, "symbol": _label(G, n), "type": d.get("type"), "date": d.get("date"),
                     "province": d.get("province"), "title": d.get("title"), "score": score,
                     "mentions": d.get("mentions", 0)})
    hits.sort(key=lambda h: (-h["score"], -h["mentions"], h["symbol"], h["key"]))
    return hits[:limit]


# -- the backend contract ------------------------------------------------------------------------
@runtime_checkable
class GraphBackend(Protocol):
    """What the CLI and the explorer ask of a store; SQLite and Neo4j both answer it."""

    def resolve(self, query: str, *, province: str | None = None) -> str: ...
    def trace(self, key: str, *, up: bool = False, max_depth: int | None = None,
              include_citing: bool = False) -> TraceResult: ...
    def show(self, key: str) -> dict[str, Any]: ...
    def most_cited(self, limit: int = 20, *, type_code: str | None = None,
                   province: str | None = None) -> list[dict[str, Any]]: ...
    def per_year(self) -> list[dict[str, Any]]: ...
    def coverage(self, key: str) -> dict[str, Any]: ...
    def search(self, query: str, *, limit: int = 20) -> list[dict[str, Any]]: ...
    def stats(self) -> dict[str, Any]: ...


class MemoryBackend:
    """``GraphBackend`` over an in-memory MultiDiGraph (built from the SQLite store by default)."""

    def __init__(self, graph: nx.MultiDiGraph) -> None:
        self.graph = graph

    @classmethod
    def from_store(cls, path: str) -> "MemoryBackend":
        return cls(build.from_store(path))

    def resolve(self, query: str, *, province: str | None = None) -> str:
        return resolve_symbol(self.graph, query, province=province)

    def trace(self, key: str, *, up: bool = False, max_depth: int | None = None,
              include_citing: bool = False) -> TraceResult:
        return trace(self.graph, key, up=up, max_depth=max_depth, include_citing=include_citing)

    def show(self, key: str) -> dict[str, Any]:
        return show(self.graph, key)

    def most_cited(self, limit: int = 20, *, type_code: str | None = None,
                   province: str | None = None) -> list[dict[str, Any]]:
        return most_cited(self.graph, limit, type_code=type_code, province=province)

    def per_year(self) -> list[dict[str, Any]]:
        return per_year(self.graph)

    def coverage(self, key: str) -> dict[str, Any]:
        return coverage(self.graph, key)

    def search(self, query: str, *, limit: int = 20) -> list[dict[str, Any]]:
        return search(self.graph, query, limit=limit)

    def stats(self) -> dict[str, Any]:
        return stats(self.graph)
