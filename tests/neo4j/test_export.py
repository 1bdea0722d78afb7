"""export-neo4j: CSVs in the neo4j-admin import format that load back into the pushed graph."""
from __future__ import annotations

import csv
import re

import pytest
from typer.testing import CliRunner

from graph.neo4j import push as ns
from graph.cli.common import app
from graph.neo4j.admin_csv import export_neo4j_import

pytestmark = pytest.mark.neo4j

HEADER = re.compile(r"^(?P<name>[^:]*)(?::(?P<type>ID|START_ID|END_ID|LABEL|TYPE|string|long|double|boolean|"
                    r"string\[\]|long\[\]|double\[\]|boolean\[\]))?(?:\((?P<space>\w+)\))?$")


def _value(cell: str, typ: str | None, delim: str):
    """What neo4j-admin makes of a cell (the subset of types the export writes)."""
    if cell == "":
        return None
    if typ and typ.endswith("[]"):
        return [_value(x, typ[:-2], delim) for x in cell.split(delim)]
    return {"long": int, "double": float, "boolean": lambda s: s == "true"}.get(typ or "string", str)(cell)


def read_admin_csv(path, delim):
    """Parse a file by neo4j-admin's header rules: (id/start/end/label/type fields, properties)."""
    with open(path, newline="", encoding="utf-8") as fh:
        rows = list(csv.reader(fh))
    header = [HEADER.match(h) for h in rows[0]]
    assert all(header), rows[0]
    out = []
    for row in rows[1:]:
        rec = {"props": {}}
        for m, cell in zip(header, row):
            typ, name = m["type"], m["name"]
            if typ in ("ID", "START_ID", "END_ID"):
                rec[typ] = (m["space"], cell)
                if typ == "ID" and name:
                    rec["props"][name] = cell
            elif typ in ("LABEL", "TYPE"):
                rec[typ] = cell
            else:
                v = _value(cell, typ, delim)
                if v is not None:
                    rec["props"][name] = v
        out.append(rec)
    return rows[0], out


def test_export_headers_and_values_match_push_rows(seeds_store, tmp_path):
    res = export_neo4j_import(seeds_store, tmp_path)
    delim = res["array_delimiter"]
    header, docs = read_admin_csv(tmp_path / "nodes_document.csv", delim)
    assert header[:2] == ["key:ID(Document)", ":LABEL"]
    header, rels = read_admin_csv(tmp_path / "rels_document_document.csv", delim)
    assert header[:3] == [":START_ID(Document)", ":END_ID(Document)", ":TYPE"]
    assert read_admin_csv(tmp_path / "nodes_issuer.csv", delim)[0][0] == "id:ID(Issuer)"
    assert read_admin_csv(tmp_path / "rels_document_issuer.csv", delim)[0][:2] == [
        ":START_ID(Document)", ":END_ID(Issuer)"]
    assert "neo4j-admin database import full" in (tmp_path / "import.sh").read_text()

    from graph.build import from_store
    rows = ns.graph_rows(from_store(seeds_store))
    strip = lambda p: {k: v for k, v in p.items() if v != []}  # noqa: E731  (CSV has no empty arrays)
    want = {r["key"]: strip(r["props"]) for r in rows.nodes[ns.Label.DOCUMENT]}
    assert {d["ID"][1]: d["props"] for d in docs} == want
    assert {d["LABEL"] for d in docs} == {"Document"}
    want_rels = {(r["src"], r["dst"], t): strip(r["props"])
                 for (t, a, b), items in rows.rels.items() if (a, b) == (ns.Label.DOCUMENT,) * 2 for r in items}
    assert {(r["START_ID"][1], r["END_ID"][1], r["TYPE"]): r["props"] for r in rels} == want_rels


def test_loaded_export_then_push_equals_a_push(dump, clean_db, bolt_driver, seeds_store, tmp_path):
    """Load the CSVs as neo4j-admin would (one UNWIND per file), push once: same graph as a push."""
    db = clean_db.database
    res = export_neo4j_import(seeds_store, tmp_path)
    for name in res["files"]:
        if not name.startswith("nodes_"):
            continue
        _, recs = read_admin_csv(tmp_path / name, res["array_delimiter"])
        label = ns.Label(recs[0]["LABEL"])
        bolt_driver.execute_query(f"UNWIND $rows AS r CREATE (n:{label.value}) SET n = r",
                                  rows=[r["props"] for r in recs], database_=db)
    for name in res["files"]:
        if not name.startswith("rels_"):
            continue
        _, recs = read_admin_csv(tmp_path / name, res["array_delimiter"])
        by_type = {}
        for r in recs:
            by_type.setdefault((r["TYPE"], r["START_ID"][0], r["END_ID"][0]), []).append(r)
        for (t, a, b), items in by_type.items():
            q = ns.rel_merge_query(t, ns.Label(a), ns.Label(b)).replace("MERGE", "CREATE")
            bolt_driver.execute_query(q, rows=[{"src": r["START_ID"][1], "dst": r["END_ID"][1], "props": r["props"]}
                                               for r in items], database_=db)
    report = ns.push(seeds_store, bolt_driver, db, target="t-export")
    assert report.full and report.nodes_deleted == 0 and report.rels_deleted == 0
    imported_then_pushed = dump()
    bolt_driver.execute_query("MATCH (n) DETACH DELETE n", database_=db)
    ns.push(seeds_store, bolt_driver, db, target="t-export-fresh", full=True)
    assert dump() == imported_then_pushed


def test_export_command(seeds_store, tmp_path):
    result = CliRunner().invoke(app, ["export-neo4j", str(tmp_path / "out"), "--store", seeds_store])
    assert result.exit_code == 0, result.output
    assert (tmp_path / "out" / "nodes_document.csv").is_file() and (tmp_path / "out" / "import.sh").is_file()
