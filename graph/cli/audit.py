"""``citegraph audit``: outdated and inconsistent citations, each with its evidence.

A thin command over ``graph.audit.audit``; ``--format json`` prints a list of findings, each with
at least kind, severity, document, citation, reason, evidence and source.
"""
from __future__ import annotations

import csv
import json
import sys
from enum import Enum
from pathlib import Path
from typing import Optional

import typer

from graph.cli.common import StoreOpt, app, fail, print_records
from graph.settings import is_bolt_uri, store_location


class AuditFormat(str, Enum):
    table = "table"
    csv = "csv"
    json = "json"


CSV_COLUMNS = ("kind", "code", "severity", "document", "citation", "reason", "evidence", "source", "file",
               "symbol", "key", "start", "end", "explanation_vi", "explanation_en")
TABLE_COLUMNS = ("severity", "kind", "document", "citation", "reason", "source")


def _oneline(v: object, limit: int | None = None) -> str:
    s = " ".join(str(v if v is not None else "").split())
    return s if limit is None or len(s) <= limit else s[: limit - 1] + "…"


@app.command()
def audit(
    store: Optional[str] = StoreOpt,
    as_of: Optional[str] = typer.Option(None, "--as-of", help="Judge 'outdated' as of this day (YYYY-MM-DD or DD/MM/YYYY; default today)."),
    kind: Optional[str] = typer.Option(None, "--kind", "-k", help="Comma-separated kinds: outdated,anachronism,conflict,malformed,draft,unresolved (default all)."),
    fmt: AuditFormat = typer.Option(AuditFormat.table, "--format", "-f", help="table (default), csv or json."),
    registry: Optional[Path] = typer.Option(None, "--registry", help="Your own status CSV (symbol,date,province,status,by,by_date,effective,source,note)."),
    severity: Optional[str] = typer.Option(None, "--min-severity", help="Only findings at least this severe: high, medium, low, info."),
) -> None:
    """List outdated and inconsistent citations with the fact, its source and the evidence sentence."""
    from graph import audit as A
    from graph.audit.registry import RegistryError
    from graph.store import StoreError

    location = store_location(store)
    source = location
    if is_bolt_uri(location):  # the per-file facts `citegraph push` wrote to Neo4j (graph/neo4j/backend.py)
        from graph.cli.common import open_backend
        try:
            source = open_backend(location).facts()
        except StoreError as exc:
            fail(str(exc))
    elif not Path(location).exists():
        fail(f"no store at {location}; run `citegraph ingest PATH... --store {location}` first")
    if registry is not None and not registry.is_file():
        fail(f"--registry {registry}: no such file")
    if severity and severity not in A.SEVERITIES:
        fail(f"--min-severity {severity!r}: choose from {', '.join(A.SEVERITIES)}")
    try:
        kinds = A.parse_kinds(kind)
        day = A.parse_as_of(as_of)
        findings = A.audit(source, as_of=day, kinds=kinds, registry_csv=str(registry) if registry else None)
    except (ValueError, RegistryError, StoreError) as exc:
        fail(str(exc))
        return
    if severity:
        cut = A.SEVERITIES.index(severity)
        findings = [f for f in findings if A.SEVERITIES.index(f.severity) <= cut]
    records = A.to_records(findings)
    if fmt == AuditFormat.json:
        sys.stdout.write(json.dumps(records, ensure_ascii=False, indent=2, default=str) + "\n")
    elif fmt == AuditFormat.csv:
        w = csv.DictWriter(sys.stdout, fieldnames=CSV_COLUMNS, extrasaction="ignore", lineterminator="\n")
        w.writeheader()
        for r in records:
            w.writerow({k: _oneline(r.get(k)) for k in CSV_COLUMNS})
    else:
        rows = [{"severity": r["severity"], "kind": f"{r['kind']}/{r['code']}", "document": r["document"],
                 "citation": _oneline(r["citation"], 60), "reason": _oneline(r["reason"], 160),
                 "source": _oneline(r["source"], 80)} for r in records]
        print_records(rows, TABLE_COLUMNS, title=f"audit as of {day}: {len(rows)} finding(s)")
