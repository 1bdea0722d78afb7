"""``GraphBackend`` over Neo4j: the same calls as ``graph.queries.MemoryBackend``, through Cypher.

``--store neo4j://host:7687`` (or ``bolt://...``) selects it; credentials come from
``$CITEGRAPH_NEO4J_USER`` / ``$CITEGRAPH_NEO4J_PASSWORD`` and the database from
``$CITEGRAPH_NEO4J_DATABASE``, a ``?database=NAME`` suffix, or a ``/NAME`` path on the URI
(default ``neo4j``).  The graph must have been pushed with ``citegraph push``.

How each call runs:

- ``trace``: breadth-first, one parameterised Cypher query per level (``UNWIND $frontier``
  over the relationship types of the closed table), ordered on the client exactly as the
  in-memory trace orders them, so results are identical.  (A variable-length ``*1..`` match
  enumerates every path and cannot give "each document once, at its shortest depth, through
  the first chain" cheaply.)
- ``show``, ``most_cited``, ``per_year``, ``stats``, ``coverage``: Cypher matches and
  aggregations; ``resolve`` looks keys up by prefix on the unique ``Document.key`` index.
- ``search`` scores on the client (the same function as the embedded store) over the document
  fields fetched with one Cypher query.
- ``audit``: the per-file facts pushed as ``(:SourceFile)`` nodes are read back and audited
  by ``graph.audit`` exactly as the SQLite store's are.
"""
from __future__ import annotations

import os
from collections import defaultdict
from typing import Any, Iterable
from urllib.parse import parse_qs, urlsplit, urlunsplit

import networkx as nx

from graph import queries as Q
from graph.resolve import QUALIFIER, split_key
from graph.neo4j.schema import (DOC_REL_TYPES, META_KEY, REL_TYPE, Label, Neo4jStoreError, connect,
                                decode_props, translate_errors)
from graph.store import StoreError

ENV_USER = "CITEGRAPH_NEO4J_USER"
ENV_PASSWORD = "CITEGRAPH_NEO4J_PASSWORD"
ENV_DATABASE = "CITEGRAPH_NEO4J_DATABASE"
DEFAULT_DATABASE = "neo4j"

_FOLLOWED = tuple(dict.fromkeys(REL_TYPE[r] for r in Q.TRACE_RELATIONS + Q.LEAF_RELATIONS))


class Neo4jBackendError(Neo4jStoreError, StoreError):
    """A Neo4j store that cannot be used; the CLI prints it as one line."""


def split_store_uri(uri: str) -> tuple[str, str | None]:
    """``bolt://h:7687/citegraph`` or ``...?database=citegraph`` -> (driver URI, database).

    >>> split_store_uri("neo4j://db.example:7687/provinces")
    ('neo4j://db.example:7687', 'provinces')
    >>> split_store_uri("bolt://127.0.0.1:7687?database=citegraph")
    ('bolt://127.0.0.1:7687', 'citegraph')
    >>> split_store_uri("neo4j+s://x.databases.neo4j.io")
    ('neo4j+s://x.databases.neo4j.io', None)
    """
    parts = urlsplit(uri)
    query = parse_qs(parts.query)
    database = (query.pop("database", [None])[0]) or (parts.path.strip("/") or None)
    rest = "&".join(f"{k}={v}" for k, vs in query.items() for v in vs)
    return urlunsplit((parts.scheme, parts.netloc, "", rest, "")), database


class Neo4jBackend:
    """Answers ``graph.queries.GraphBackend`` from a Neo4j database filled by ``citegraph push``."""

    def __init__(self, uri: str, *, user: str | None = None, password: str | None = None,
                 database: str | None = None, driver: Any = None) -> None:
        base, db_in_uri = split_store_uri(uri)
        self.uri = base
        self.database = database or db_in_uri or os.environ.get(ENV_DATABASE) or DEFAULT_DATABASE
        if driver is None:
            user = user if user is not None else os.environ.get(ENV_USER, "neo4j")
            password = password if password is not None else os.environ.get(ENV_PASSWORD)
            if password is None:
                raise Neo4jBackendError(f"set ${ENV_PASSWORD} (and ${ENV_USER}) to use the Neo4j store {base}")
            try:
                driver = connect(base, user, password, database=self.database)
            except Neo4jStoreError as exc:
                raise Neo4jBackendError(str(exc)) from None
            self._own_driver = True
        else:
            self._own_driver = False
        self.driver = driver
        meta = self._q(f"MATCH (m:{Label.META.value} {{key: $key}}) RETURN properties(m) AS m", key=META_KEY)
        if not meta:
            self.close()
            raise Neo4jBackendError(f"database {self.database!r} on {base} holds no citegraph graph; "
                                    "run `citegraph push --neo4j ...` first")
        m = meta[0]["m"]
        self.aliases = dict(zip(m.get("alias_from") or [], m.get("alias_to") or []))
        self.meta = m
        self._nodes: dict[str, dict[str, Any]] = {}

    # -- plumbing --------------------------------------------------------------------------------
    def close(self) -> None:
        if self._own_driver:
            self.driver.close()

    def __enter__(self) -> "Neo4jBackend":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def _q(self, cypher: str, **params: Any) -> list[dict[str, Any]]:
        """Run a read query (managed read transaction) and return plain dicts."""
        def work(tx):
            return [r.data() for r in tx.run(cypher, params)]
        with translate_errors(self.uri, self.database):
            with self.driver.session(database=self.database) as session:
                return session.execute_read(work)

    def _node_props(self, keys: Iterable[str]) -> dict[str, dict[str, Any]]:
        """Decoded attributes of documents/issuers by key (cached: the backend is read-only)."""
        want = sorted({k for k in keys if k not in self._nodes})
        if want:
            rows = self._q("UNWIND $keys AS k MATCH (n:Document {key: k}) RETURN k, properties(n) AS p "
                           "UNION ALL UNWIND $keys AS k MATCH (n:Issuer {id: k}) RETURN k, properties(n) AS p",
                           keys=want)
            for r in rows:
                self._nodes[r["k"]] = decode_props(r["p"])
        return {k: self._nodes[k] for k in keys if k in self._nodes}

    def _require(self, key: str) -> dict[str, Any]:
        found = self._node_props([key])
        if key not in found:
            raise Q.DocumentNotFound(f"no document {key!r}")
        return found[key]

    @staticmethod
    def _label(key: str, attrs: dict[str, Any]) -> str:
        return attrs.get("symbol") or key.split("@", 1)[0]

    # -- lookup ----------------------------------------------------------------------------------
    def _by_base(self, base: str) -> list[str]:
        if not base:
            return []
        rows = self._q("MATCH (d:Document) WHERE d.key = $b OR d.key STARTS WITH $p OR d.key STARTS WITH $y"
                       " RETURN d.key AS k", b=base, p=base + "@", y=base + QUALIFIER)
        return sorted({r["k"] for r in rows if split_key(r["k"]).base == base or r["k"] == base})

    def _documents(self, keys: Iterable[str]) -> nx.MultiDiGraph:
        """A graph of just these documents (their attributes), for the shared query code."""
        H = nx.MultiDiGraph(aliases=self.aliases)
        for k, d in self._node_props(keys).items():
            H.add_node(k, **d)
        return H

    def candidates(self, query: str, *, province: str | None = None) -> list[str]:
        if self._q("MATCH (d:Document {key: $k}) RETURN d.key AS k", k=query):
            return [query]
        if query in self.aliases:
            return [self.aliases[query]]
        keys = {k for form, _ in Q.symbol_forms(query) for k in self._by_base(form)}
        return Q.candidates(self._documents(keys), query, province=province)

    def resolve(self, query: str, *, province: str | None = None) -> str:
        keys = self.candidates(query, province=province)
        scoped = [k for k in keys if not k.endswith("@?")] or keys
        if len(scoped) == 1:
            return scoped[0]
        if len(scoped) > 1:
            raise Q.AmbiguousSymbol(query, scoped)
        hits = self.search(query, limit=2)
        if hits and (len(hits) == 1 or hits[0]["score"] > hits[1]["score"]):
            return hits[0]["key"]
        if hits:
            raise Q.AmbiguousSymbol(query, [h["key"] for h in hits])
        raise Q.DocumentNotFound(f"no document matches {query!r}")

    # -- trace -----------------------------------------------------------------------------------
    def _level(self, frontier: list[str], up: bool) -> dict[str, list[tuple[str, str, str | None]]]:
        """node -> sorted [(neighbour, relation, evidence JSON)] over the traced relationship types."""
        types = "|".join(_FOLLOWED)  # from the closed table
        pattern = f"(n)-[e:{types}]->(m:Document)" if up else f"(n)<-[e:{types}]-(m:Document)"
        rows = self._q(f"UNWIND $keys AS k MATCH (n:Document {{key: k}}) MATCH {pattern} "
                       "WHERE e.relation IN $rels RETURN k, m.key AS nbr, e.relation AS rel, e.evidence AS ev",
                       keys=frontier, rels=list(Q.TRACE_RELATIONS + Q.LEAF_RELATIONS))
        out: dict[str, list] = defaultdict(list)
        for r in rows:
            out[r["k"]].append((r["nbr"], r["rel"], r["ev"]))
        for k in out:
            out[k].sort(key=lambda x: (x[0], x[1]))
        return out

    def _summary(self, key: str, d: dict[str, Any]) -> dict[str, Any]:
        return {"key": key, "symbol": self._label(key, d), "type": d.get("type"), "date": d.get("date"),
                "province": d.get("province"), "issuer": d.get("issuer"), "title": d.get("title"),
                "files": list(d.get("files") or [])}

    def trace(self, key: str, *, up: bool = False, max_depth: int | None = None,
              include_citing: bool = False, relations=Q.TRACE_RELATIONS) -> Q.TraceResult:
        import json
        root = self._require(key)
        described: dict[str, tuple] = {}

        def neighbours(frontier: list[str]) -> dict[str, list[tuple]]:
            adj = self._level(frontier, up)
            for n, d in self._node_props({n for v in adj.values() for n, _, _ in v} - set(described)).items():
                described[n] = (self._label(n, d), d.get("type"), d.get("date"), d.get("province"), d.get("issuer"))
            out = {}
            for node, rows in adj.items():
                out[node] = []
                for nbr, rel, ev in rows:
                    first = (json.loads(ev) if ev else None) or [None]
                    first = first[0]
                    out[node].append((nbr, rel, first.get("context") if first else None,
                                      first.get("file") if first else None))
            return out

        items = Q.trace_levels(key, self._label(key, root), neighbours, described.__getitem__,
                               max_depth=max_depth, include_citing=include_citing, relations=relations)
        return Q.TraceResult(self._summary(key, root), "up" if up else "down", items)

    # -- show ------------------------------------------------------------------------------------
    def show(self, key: str, *, evidence_per_edge: int = 3) -> dict[str, Any]:
        import json
        d = dict(self._require(key))
        issuers = self._q("MATCH (:Document {key: $k})-[:ISSUED_BY]->(i:Issuer) RETURN properties(i) AS p", k=key)
        types = "|".join(DOC_REL_TYPES)
        out_rows = self._q(f"MATCH (:Document {{key: $k}})-[e:{types}]->(o:Document) "
                           "RETURN o.key AS other, e.relation AS rel, e.count AS count, e.evidence AS ev, "
                           "e.rels AS rels", k=key)
        in_rows = self._q(f"MATCH (:Document {{key: $k}})<-[e:{types}]-(o:Document) "
                          "RETURN o.key AS other, e.relation AS rel, e.count AS count, e.evidence AS ev, "
                          "e.rels AS rels", k=key)
        others = self._node_props({r["other"] for r in out_rows + in_rows})

        def edges(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
            out = []
            for r in rows:
                o = others[r["other"]]
                ev = json.loads(r["ev"]) if r["ev"] else []
                out.append({"rel": r["rel"], "key": r["other"], "symbol": self._label(r["other"], o),
                            "type": o.get("type"), "date": o.get("date"), "province": o.get("province"),
                            "count": r["count"] if r["count"] is not None else 1,
                            "rels": json.loads(r["rels"]) if r["rels"] else {r["rel"]: r["count"] or 1},
                            "evidence": [{"rel": e.get("rel", r["rel"]), "file": e["file"], "context": e["context"],
                                          "stated": e["stated"]} for e in ev[:evidence_per_edge]]})
            return sorted(out, key=lambda x: (x["rel"], x["symbol"], x["key"]))

        d["issuers"] = sorted((decode_props(r["p"]) for r in issuers), key=lambda r: r["id"])
        d["cites"] = edges(out_rows)
        d["cited_by"] = edges(in_rows)
        d["conflicts"] = (["different dates: " + ", ".join(d["dates_seen"])]
                          if len(d.get("dates_seen") or []) > 1 else [])
        base = key.split("@", 1)[0] if key.startswith("file:") else split_key(key).base
        same = self._documents(set(self._by_base(base)) | set(d.get("candidates") or ()) | {key})
        d["candidates"] = Q.describe(same, d.get("candidates") or ())
        d["same_symbol"] = Q.describe(same, Q.same_symbol(same, key))
        return d

    # -- aggregates ------------------------------------------------------------------------------
    def most_cited(self, limit: int = 20, *, type_code: str | None = None,
                   province: str | None = None) -> list[dict[str, Any]]:
        types = "|".join(DOC_REL_TYPES)
        rows = self._q(
            f"MATCH (n:Document)<-[:{types}]-(m:Document) "
            "WHERE ($tc IS NULL OR toUpper(coalesce(n.type_code, '')) = toUpper($tc)) "
            "AND ($p IS NULL OR n.province = $p) "
            "RETURN n.key AS key, n.symbol AS symbol, n.type AS type, n.date AS date, n.province AS province, "
            "count(DISTINCT m) AS cited_by, coalesce(n.mentions, 0) AS mentions",
            tc=type_code or None, p=province or None)
        out = [{"key": r["key"], "symbol": r["symbol"] or r["key"].split("@", 1)[0], "type": r["type"],
                "date": r["date"], "province": r["province"], "cited_by": r["cited_by"], "mentions": r["mentions"]}
               for r in rows]
        out.sort(key=lambda r: (-r["cited_by"], -r["mentions"], r["symbol"], r["key"]))
        return out[:limit]

    def per_year(self) -> list[dict[str, Any]]:
        rows = self._q("MATCH (d:Document) WHERE d.year IS NOT NULL AND d.year <> 0 "
                       "RETURN d.year AS year, count(*) AS documents, "
                       "sum(CASE WHEN d.has_file THEN 1 ELSE 0 END) AS with_file")
        return [{"year": r["year"], "documents": r["documents"], "with_file": r["with_file"],
                 "cited_only": r["documents"] - r["with_file"]} for r in sorted(rows, key=lambda r: r["year"])]

    def coverage(self, key: str) -> dict[str, Any]:
        from extract.jurisdiction import province_names
        t = self.trace(key, include_citing=False)
        covered: dict[str, list[str]] = defaultdict(list)
        for it in t.items:
            if it.province:
                covered[it.province].append(it.symbol)
        known = {r["p"] for r in self._q("MATCH (d:Document) WHERE d.province IS NOT NULL "
                                         "RETURN DISTINCT d.province AS p") if r["p"]}
        return {"root": t.root,
                "covered": [{"province": p, "documents": sorted(v)} for p, v in sorted(covered.items())],
                "missing_in_store": sorted(known - set(covered)),
                "missing": sorted(set(province_names()) - set(covered))}

    def search(self, query: str, *, limit: int = 20) -> list[dict[str, Any]]:
        rows = self._q("MATCH (d:Document) RETURN d.key AS key, d.symbol AS symbol, d.year AS year, "
                       "d.province AS province, d.type AS type, d.type_code AS type_code, d.date AS date, "
                       "d.title AS title, d.names AS names, coalesce(d.ambiguous, false) AS ambiguous, "
                       "coalesce(d.has_file, false) AS has_file, "
                       "coalesce(d.mentions, 0) AS mentions")
        H = nx.MultiDiGraph(aliases=self.aliases)
        for r in rows:
            H.add_node(r["key"], kind="document", **{k: v for k, v in r.items() if k != "key"})
        return Q.search(H, query, limit=limit)

    def stats(self) -> dict[str, Any]:
        docs = self._q("MATCH (d:Document) RETURN count(d) AS documents, "
                       "sum(CASE WHEN d.has_file THEN 1 ELSE 0 END) AS with_file, "
                       "sum(CASE WHEN d.scope = 'unknown' THEN 1 ELSE 0 END) AS unknown_scope")[0]
        provinces = self._q("MATCH (d:Document) WHERE d.province IS NOT NULL AND d.province <> '' "
                            "RETURN count(DISTINCT d.province) AS n")[0]["n"]
        issuers = self._q("MATCH (i:Issuer) RETURN count(i) AS n")[0]["n"]
        types = "|".join(t for t in REL_TYPE.values() if t != "DESCRIBES")
        rels = self._q(f"MATCH ()-[e:{types}]->() "
                       "RETURN e.relation AS rel, count(*) AS n")
        return {"documents": docs["documents"], "issuers": issuers, "with_file": docs["with_file"] or 0,
                "unknown_scope": docs["unknown_scope"] or 0, "provinces": provinces,
                "edges": dict(sorted((r["rel"], r["n"]) for r in rels)),
                "files": self.meta.get("files"), "failures": self.meta.get("failures")}

    # -- audit -----------------------------------------------------------------------------------
    def facts(self):
        """The audit's records (``graph.audit.Facts``), rebuilt from the pushed ``(:SourceFile)`` nodes."""
        from graph.audit import load_facts
        from graph.store import FileFacts, Store

        rows = self._q("MATCH (f:SourceFile) RETURN properties(f) AS p")
        files = sorted((decode_props(r["p"]) for r in rows), key=lambda f: f["path"])
        st = Store(":memory:")
        try:
            for f in files:
                st.replace_file(FileFacts(
                    path=f["path"], sha256=f["sha256"], fingerprint=f["fingerprint"], size=f["size"],
                    doc=f.get("doc") or {"key": f["doc_key"]}, citations=tuple(f.get("citations") or ()),
                    stated=tuple(f.get("stated") or ()), named=tuple(f.get("named") or ()),
                    validity=f.get("validity"), changes=tuple(f.get("changes") or ()),
                    province=f.get("province"), province_source=f.get("province_source") or "none",
                    encoding=f.get("encoding"), format=f.get("format"),
                    warnings=tuple(_json_list(f.get("warnings"))), text_length=f.get("text_length") or 0))
            return load_facts(st)
        finally:
            st.close()

    def audit(self, as_of=None, kinds=None, **kwargs):
        from graph.audit import audit
        return audit(self.facts(), as_of=as_of, kinds=kinds, **kwargs)


def _json_list(v: Any) -> list:
    import json
    if isinstance(v, str):
        try:
            return list(json.loads(v))
        except ValueError:
            return [v]
    return list(v or ())


__all__ = ["Neo4jBackend", "Neo4jBackendError", "split_store_uri", "ENV_USER", "ENV_PASSWORD", "ENV_DATABASE"]
