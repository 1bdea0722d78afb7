"""Exports for other tools: GraphML (Gephi, Cytoscape), JSON node-link, CSV nodes + edges.

GraphML only takes scalar attributes, so lists (variants, files, evidence) become JSON strings;
the JSON node-link export keeps them as they are.
"""
from __future__ import annotations

import csv
import json
from pathlib import Path
from typing import Any

import networkx as nx

FORMATS = ("graphml", "json", "csv")
NODE_FIELDS = ("id", "kind", "symbol", "type", "type_code", "date", "year", "province", "scope", "issuer",
               "title", "names", "has_file", "mentions", "variants", "ambiguous", "candidates", "code", "name",
               "level", "parent")
EDGE_FIELDS = ("source", "target", "rel", "count", "rels", "evidence")


def _scalar(v: Any) -> Any:
    if v is None:
        return ""
    if isinstance(v, (list, tuple, dict, set)):
        return json.dumps(sorted(v) if isinstance(v, set) else v, ensure_ascii=False)
    return v


def _public(G: nx.MultiDiGraph) -> nx.MultiDiGraph:
    """A copy without private caches (keys starting with ``_``) and with scalar attributes."""
    H = nx.MultiDiGraph()
    H.graph.update({k: _scalar(v) for k, v in G.graph.items() if not k.startswith("_") and k not in ("aliases", "file_keys", "mention_keys")})
    for n, d in G.nodes(data=True):
        H.add_node(n, **{k: _scalar(v) for k, v in d.items()})
    for u, v, k, d in G.edges(keys=True, data=True):
        H.add_edge(u, v, key=k, **{a: _scalar(x) for a, x in d.items()})
    return H


def to_graphml(G: nx.MultiDiGraph, path: str | Path) -> Path:
    nx.write_graphml(_public(G), str(path))
    return Path(path)


def to_node_link(G: nx.MultiDiGraph) -> dict[str, Any]:
    """JSON-ready node-link data (``nodes``, ``edges``), lists kept as lists."""
    H = G.copy()
    H.graph.clear()
    return nx.node_link_data(H, edges="edges")


def to_json(G: nx.MultiDiGraph, path: str | Path) -> Path:
    with open(path, "w", encoding="utf-8") as fh:
        json.dump(to_node_link(G), fh, ensure_ascii=False, indent=1, default=str)
    return Path(path)


def to_csv(G: nx.MultiDiGraph, folder: str | Path) -> tuple[Path, Path]:
    """``nodes.csv`` and ``edges.csv`` in ``folder``."""
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    nodes, edges = folder / "nodes.csv", folder / "edges.csv"
    with open(nodes, "w", newline="", encoding="utf-8") as fh:
        w = csv.writer(fh)
        w.writerow(NODE_FIELDS)
        for n, d in sorted(G.nodes(data=True)):
            w.writerow([n] + [_scalar(d.get(f)) for f in NODE_FIELDS[1:]])
    with open(edges, "w", newline="", encoding="utf-8") as fh:
        w = csv.writer(fh)
        w.writerow(EDGE_FIELDS)
        for u, v, k, d in sorted(G.edges(keys=True, data=True), key=lambda e: e[:3]):
            w.writerow([u, v, k, d.get("count", 1), _scalar(d.get("rels")), _scalar(d.get("evidence"))])
    return nodes, edges


def export(G: nx.MultiDiGraph, fmt: str, out: str | Path) -> list[Path]:
    """Write ``G`` as ``fmt`` (graphml | json | csv) to ``out`` (a file, or a folder for csv)."""
    if fmt == "graphml":
        return [to_graphml(G, out)]
    if fmt == "json":
        return [to_json(G, out)]
    if fmt == "csv":
        return list(to_csv(G, out))
    raise ValueError(f"unknown export format {fmt!r}; expected one of {', '.join(FORMATS)}")
