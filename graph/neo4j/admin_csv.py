"""CSV files for ``neo4j-admin database import full``: the initial load of millions of nodes.

One node file per label and one relationship file per (start label, end label) pair, with the
headers ``neo4j-admin`` reads: ``key:ID(Document)``, ``id:ID(Issuer)``, ``path:ID(SourceFile)``,
``:LABEL``, typed properties (``year:long``, ``has_file:boolean``, ``files:string[]``),
``:START_ID(Document)``, ``:END_ID(Issuer)``, ``:TYPE``.  Properties are exactly those
``citegraph push`` writes (same labels, types, JSON evidence), so a later push continues from the
import.  ``import.sh`` in the output folder holds the ``neo4j-admin`` command line.

Caveat: a CSV field cannot hold an empty array, so empty lists are left out (a push writes ``[]``);
run one ``citegraph push --full`` after the import to make the two identical.
"""
from __future__ import annotations

import csv
import shlex
from pathlib import Path
from typing import Any, Iterable

import networkx as nx

from graph.neo4j.rows import load_file_props, store_rows
from graph.neo4j.schema import ID_PROP, META_KEY, Label, encode_props

ARRAY_DELIMITERS = (";", "\x1f")  # neo4j-admin's default first; the unit separator if ';' occurs in a value


def _type_of(v: Any) -> str:
    if isinstance(v, bool):
        return "boolean"
    if isinstance(v, int):
        return "long"
    if isinstance(v, float):
        return "double"
    if isinstance(v, list):
        inner = {_type_of(x) for x in v}
        return (inner.pop() if len(inner) == 1 else "string") + "[]"
    return "string"


def _columns(rows: list[dict[str, Any]], skip: Iterable[str]) -> list[tuple[str, str]]:
    """(property, neo4j-admin type) over every row; a property seen with several types is a string."""
    types: dict[str, set[str]] = {}
    for r in rows:
        for k, v in r.items():
            if k in skip or (isinstance(v, list) and not v):
                continue
            types.setdefault(k, set()).add(_type_of(v))
    out = []
    for k in sorted(types):
        t = types[k]
        if len(t) == 1:
            out.append((k, t.pop()))
        elif all(x.endswith("[]") for x in t):
            out.append((k, "string[]"))
        else:
            out.append((k, "string"))
    return out


def _cell(v: Any, typ: str, delim: str) -> str:
    if v is None or (isinstance(v, list) and not v):
        return ""
    if typ.endswith("[]"):
        items = v if isinstance(v, list) else [v]
        return delim.join("true" if x is True else "false" if x is False else str(x) for x in items)
    if typ == "boolean":
        return "true" if v else "false"
    return str(v)


def _pick_delimiter(values: Iterable[Any]) -> str:
    seen = set()
    for v in values:
        if isinstance(v, list):
            for x in v:
                if isinstance(x, str):
                    seen.update(c for c in ARRAY_DELIMITERS if c in x)
    for d in ARRAY_DELIMITERS:
        if d not in seen:
            return d
    raise ValueError("every array delimiter occurs in a value")


def export_neo4j_import(store_path: str, out_dir: str | Path, *, graph: nx.MultiDiGraph | None = None,
                        database: str = "neo4j") -> dict[str, Any]:
    """Write the CSVs and ``import.sh`` for ``store_path`` into ``out_dir``; returns counts and files."""
    from graph.build import from_store
    from graph.store import Store

    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    with Store(store_path, readonly=True) as st:
        rows = store_rows(st, graph if graph is not None else from_store(st))
        load_file_props(st, rows.nodes[Label.SOURCE_FILE])
    rows.rels = {spec: items for spec, items in rows.rels.items() if items}
    meta_props = encode_props({"key": META_KEY, "push_id": "neo4j-admin-import", **rows.meta})
    rows.nodes[Label.META] = [{"key": META_KEY, "props": meta_props}]

    all_values = [v for items in rows.nodes.values() for r in items for v in r["props"].values()]
    all_values += [v for items in rows.rels.values() for r in items for v in r["props"].values()]
    delim = _pick_delimiter(all_values)
    written: list[str] = []
    counts: dict[str, int] = {}
    node_files, rel_files = [], []
    for label, items in rows.nodes.items():
        idp = ID_PROP[label]
        props = [r["props"] for r in items]
        cols = _columns(props, skip={idp})
        name = f"nodes_{label.value.lower()}.csv"
        with open(out / name, "w", newline="", encoding="utf-8") as fh:
            w = csv.writer(fh)
            w.writerow([f"{idp}:ID({label.value})", ":LABEL"] + [f"{k}:{t}" for k, t in cols])
            for r, p in zip(items, props):
                w.writerow([r["key"], label.value] + [_cell(p.get(k), t, delim) for k, t in cols])
        counts[label.value] = len(items)
        node_files.append(name)
        written.append(name)
    for (rtype, a, b), items in rows.rels.items():
        name = f"rels_{a.value.lower()}_{b.value.lower()}.csv"
        new = name not in rel_files
        props = [r["props"] for r in items]
        cols = _columns([p for (t2, a2, b2), its in rows.rels.items() if (a2, b2) == (a, b)
                         for p in (r["props"] for r in its)], skip=())
        with open(out / name, "w" if new else "a", newline="", encoding="utf-8") as fh:
            w = csv.writer(fh)
            if new:
                w.writerow([f":START_ID({a.value})", f":END_ID({b.value})", ":TYPE"] + [f"{k}:{t}" for k, t in cols])
                rel_files.append(name)
                written.append(name)
            for r, p in zip(items, props):
                w.writerow([r["src"], r["dst"], rtype] + [_cell(p.get(k), t, delim) for k, t in cols])
        counts[rtype] = counts.get(rtype, 0) + len(items)
    cmd = ["neo4j-admin", "database", "import", "full", database, "--overwrite-destination=true",
           "--multiline-fields=true", f"--array-delimiter={delim if delim == ';' else 'U+001F'}"]
    cmd += [f"--nodes={n}" for n in node_files] + [f"--relationships={r}" for r in rel_files]
    script = out / "import.sh"
    script.write_text("#!/bin/sh\n# Initial load of a citegraph store into an empty (stopped) Neo4j database.\n"
                      "# Afterwards, create the constraints by running `citegraph push --neo4j ... --full` once.\n"
                      f'cd "$(dirname "$0")"\n{" ".join(shlex.quote(c) for c in cmd)}\n', encoding="utf-8")
    script.chmod(0o755)
    written.append("import.sh")
    return {"dir": str(out), "files": written, "counts": counts, "array_delimiter": delim}
