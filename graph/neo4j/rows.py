"""The embedded store as push rows: one row per node and relationship, each with its identity and
a content hash (what the push state compares), and the per-file facts as ``(:SourceFile)`` rows.

An identity is a tuple of the strings that name the element on the server, never one string
cut apart again, so a key or a path may hold any character (tab, newline, ``\\x`` escapes):

- a node: ``("node", label, key)``;
- a relationship: ``("rel", type, start label, end label, src, relation, dst)``.

>>> node_ident(Label.SOURCE_FILE, "/d/a\\tb.txt")
('node', 'SourceFile', '/d/a\\tb.txt')
"""
from __future__ import annotations

import hashlib
import json
import marshal
from dataclasses import dataclass, field
from typing import Any

import networkx as nx

from graph.neo4j.schema import (FALLBACK_REL_TYPE, ID_PROP, JSON_PROPS, KIND_LABEL, REL_TYPE, Label,
                                encode_props)

Ident = tuple[str, ...]
RelSpec = tuple[str, Label, Label]  # (type, start label, end label)
DESCRIBES: RelSpec = ("DESCRIBES", Label.SOURCE_FILE, Label.DOCUMENT)


def node_ident(label: Label, key: str) -> Ident:
    return ("node", label.value, key)


def rel_ident(spec: RelSpec, src: str, relation: str, dst: str) -> Ident:
    return ("rel", spec[0], spec[1].value, spec[2].value, src, relation, dst)


def digest(obj: Any) -> tuple[str, int]:
    """(content hash, encoded size in bytes) of plain data; the size caps batches."""
    try:
        data = marshal.dumps(obj, 0)  # version 0: no object references or interning flags
    except ValueError:
        data = json.dumps(obj, ensure_ascii=False, sort_keys=True, default=str).encode("utf-8", "surrogatepass")
    return hashlib.blake2b(data, digest_size=12).hexdigest(), len(data)


@dataclass
class GraphRows:
    """Push rows: nodes per label, relationships per (type, start label, end label), the graph's meta."""

    nodes: dict[Label, list[dict[str, Any]]] = field(default_factory=dict)
    rels: dict[RelSpec, list[dict[str, Any]]] = field(default_factory=dict)
    meta: dict[str, Any] = field(default_factory=dict)

    def count(self) -> int:
        return sum(map(len, self.nodes.values())) + sum(map(len, self.rels.values()))

    def hashes(self) -> dict[Ident, str]:
        """identity -> content hash, for every row."""
        out = {}
        for groups in (self.nodes, self.rels):
            for rows in groups.values():
                for r in rows:
                    out[r["ident"]] = r["hash"]
        return out


def node_row(key: str, attrs: dict[str, Any]) -> tuple[Label, dict[str, Any]]:
    """(label, push row) of one graph node."""
    label = KIND_LABEL.get(attrs.get("kind", "document"), Label.DOCUMENT)
    props = encode_props({**attrs, ID_PROP[label]: key})
    h, size = digest(props)
    return label, {"ident": node_ident(label, key), "key": key, "props": props, "hash": h, "size": size}


def rel_row(src: str, dst: str, rel: str, attrs: dict[str, Any],
            label_of: dict[str, Label]) -> tuple[RelSpec, dict[str, Any]]:
    """((type, start label, end label), push row) of one graph edge."""
    relation = attrs.get("rel", rel)
    props = encode_props({**attrs, "relation": relation}, skip=("rel",))
    spec = (REL_TYPE.get(relation, FALLBACK_REL_TYPE), label_of[src], label_of[dst])
    h, size = digest(props)
    return spec, {"ident": rel_ident(spec, src, relation, dst), "src": src, "dst": dst, "relation": relation,
                  "props": props, "hash": h, "size": size}


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
        out.append({"ident": node_ident(Label.SOURCE_FILE, r["path"]), "key": r["path"], "props": None,
                    "hash": digest([r[c] for c in FILE_COLUMNS])[0], "file": r, "file_id": fid, "size": 0})
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
        if dk is None:
            continue
        out.append({"ident": rel_ident(DESCRIBES, r["key"], "describes", dk), "src": r["key"], "dst": dk,
                    "relation": "describes", "props": {"relation": "describes"},
                    "hash": digest(["describes", r["hash"], dk])[0], "size": len(r["key"]) + len(dk) + 20})
    return out


def store_rows(st, G: nx.MultiDiGraph) -> GraphRows:
    """Every row a full push sends: the graph's, the files' (facts not loaded yet) and ``DESCRIBES``."""
    rows = graph_rows(G)
    frows = file_rows(st)
    rows.nodes[Label.SOURCE_FILE] = frows
    rows.rels[DESCRIBES] = describes_rows(frows, describes_map(G))
    return rows


def load_file_props(st, rows: list[dict[str, Any]], chunk: int = 400) -> None:
    """Fill ``props`` of the given file rows with every fact the store holds for those files only.

    The facts travel as JSON strings (``doc``, ``validity``, ``citations``, ``stated``, ``named``,
    ``changes``), built by
    SQLite's JSON functions: one object per stored row, keys in the store's column order.
    ``size`` becomes the row's size in characters (what caps a batch).
    """
    from graph.store import (CHANGE_COLUMNS, CITATION_COLUMNS, DOC_COLUMNS, NAMED_COLUMNS, STATED_COLUMNS,
                             VALIDITY_COLUMNS)

    def obj(cols: tuple[str, ...]) -> str:
        return "json_object(" + ", ".join(f"'{c}', \"{c}\"" for c in cols) + ")"

    todo = [r for r in rows if r["props"] is None]
    lists = (("citations", CITATION_COLUMNS), ("stated", STATED_COLUMNS), ("named", NAMED_COLUMNS),
             ("changes", CHANGE_COLUMNS))
    singles = (("doc", "docs", DOC_COLUMNS), ("validity", "validity", VALIDITY_COLUMNS))
    for i in range(0, len(todo), chunk):
        part = {r["file_id"]: r for r in todo[i:i + chunk]}
        ids = tuple(part)
        marks = ",".join("?" * len(ids))
        facts: dict[int, dict[str, str]] = {fid: {**{n: "null" for n, _, _ in singles}, **{n: "[]" for n, _ in lists}}
                                            for fid in ids}
        for name, table, cols in singles:
            for fid, one in st.conn.execute(f"SELECT file_id, {obj(cols)} FROM {table} WHERE file_id IN ({marks})", ids):
                facts[fid][name] = one
        for name, cols in lists:  # rows fed in (file_id, ord) order; the readers sort by ord anyway
            for fid, arr in st.conn.execute(
                    f"SELECT file_id, json_group_array({obj(cols)}) FROM (SELECT * FROM {name} "
                    f"WHERE file_id IN ({marks}) ORDER BY file_id, ord) GROUP BY file_id", ids):
                facts[fid][name] = arr
        for fid, r in part.items():
            props = encode_props(r["file"])
            props.update(facts[fid])
            props[JSON_PROPS] = list(props.get(JSON_PROPS, ())) + list(facts[fid])
            r["props"] = props
            r["size"] = sum(len(v) if type(v) is str else 8 for v in props.values())
