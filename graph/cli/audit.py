"""``citegraph audit`` and ``citegraph status``: validity facts, and outdated and inconsistent
citations, each with its evidence.

Thin commands over ``graph.audit``; ``audit --format json`` prints a list of findings, each with at
least kind, code, severity, file, symbol, document, citation, reason, evidence and source;
``status --format json`` a list of facts in the contract of the shared spec status-output.md.
"""
from __future__ import annotations

import csv
import sys
from enum import Enum
from pathlib import Path
from typing import Optional

import typer

from graph.cli.common import StoreOpt, app, clean, fail, print_records, write_json
from graph.settings import is_bolt_uri, store_location


class AuditFormat(str, Enum):
    table = "table"
    csv = "csv"
    json = "json"


CSV_COLUMNS = ("kind", "code", "severity", "document", "citation", "reason", "evidence", "source", "file",
               "symbol", "key", "start", "end", "explanation_vi", "explanation_en")
TABLE_COLUMNS = ("severity", "kind", "document", "citation", "reason", "source")


def _oneline(v: object, limit: int | None = None) -> str:
    s = " ".join(clean(v).split())  # CSV on a terminal: no control characters either
    return s if limit is None or len(s) <= limit else s[: limit - 1] + "…"


@app.command()
def audit(
    store: Optional[str] = StoreOpt,
    as_of: Optional[str] = typer.Option(None, "--as-of", help="Judge 'outdated' as of this day (YYYY-MM-DD or DD/MM/YYYY; default today)."),
    kind: Optional[str] = typer.Option(None, "--kind", "-k", help="Comma-separated kinds: outdated,anachronism,conflict,malformed,draft,unresolved (default all)."),
    fmt: AuditFormat = typer.Option(AuditFormat.table, "--format", "-f", help="table (default), csv or json."),
    registry: Optional[Path] = typer.Option(None, "--registry", help="Your own status CSV (symbol,date,province,status,by,by_date,effective,source,note)."),
    severity: Optional[str] = typer.Option(None, "--min-severity", help="Only findings at least this severe: high, medium, low, info."),
    everything: bool = typer.Option(False, "--all", help="Also show what is noise by default (symbols repaired only for PDF line breaks or spaces)."),
) -> None:
    """List outdated and inconsistent citations with the fact, its source and the evidence sentence.

    Each citation is judged at its own document's date of issue: `outdated/replaced` means the cited
    document had already ended as a whole then; a later change is `replaced-since` (info)."""
    from graph import audit as A
    from graph.audit.registry import RegistryError
    from graph.store import StoreError

    source = _source(store)
    if registry is not None and not registry.is_file():
        fail(f"--registry {registry}: no such file")
    if severity and severity not in A.SEVERITIES:
        fail(f"--min-severity {severity!r}: choose from {', '.join(A.SEVERITIES)}")
    try:
        kinds = A.parse_kinds(kind)
        day = A.parse_as_of(as_of)
        findings = A.audit(source, as_of=day, kinds=kinds, registry_csv=str(registry) if registry else None,
                           everything=everything)
    except (ValueError, RegistryError, StoreError) as exc:
        fail(str(exc))
        return
    if severity:
        cut = A.SEVERITIES.index(severity)
        findings = [f for f in findings if A.SEVERITIES.index(f.severity) <= cut]
    records = A.to_records(findings)
    if fmt == AuditFormat.json:
        write_json(records)
    elif fmt == AuditFormat.csv:
        w = csv.DictWriter(sys.stdout, fieldnames=CSV_COLUMNS, extrasaction="ignore", lineterminator="\n")
        w.writeheader()
        for r in records:
            w.writerow({k: _oneline(r.get(k)) for k in CSV_COLUMNS})
    else:
        groups = A.group_outdated(records)
        for g in groups:
            rows = [{"citing": c["document"], "date": c["date"] or "?", "severity": c["severity"],
                     "evidence": _oneline(c["evidence"], 140)} for c in g["citing"]]
            print_records(rows, ("citing", "date", "severity", "evidence"),
                          title=f"{g['symbol']} ended {g['effective'] or '?'}; successor {g['successor'] or '?'} "
                                f"({_oneline(g['source'], 80)}): cited by {len(rows)} document(s) signed on or after that day")
        rest = [r for r in records if not (r["kind"] == "outdated" and r["code"] == "replaced")]
        rows = [{"severity": r["severity"], "kind": f"{r['kind']}/{r['code']}", "document": r["document"],
                 "citation": _oneline(r["citation"], 60), "reason": _oneline(r["reason"], 160),
                 "source": _oneline(r["source"], 80)} for r in rest]
        print_records(rows, TABLE_COLUMNS, title=f"audit as of {day}: {len(records)} finding(s)"
                      + (f", {len(records) - len(rest)} outdated grouped above" if groups else ""))


def _source(store: Optional[str]):
    """The store path, or the per-file facts `citegraph push` wrote to Neo4j (graph/neo4j/backend.py)."""
    from graph.store import StoreError

    location = store_location(store)
    if is_bolt_uri(location):
        from graph.cli.common import open_backend
        try:
            return open_backend(location).facts()
        except StoreError as exc:
            fail(str(exc))
    elif not Path(location).exists():
        fail(f"no store at {location}; run `citegraph ingest PATH... --store {location}` first")
    return location


STATUS_COLUMNS = ("symbol", "date", "change", "scope", "by", "effective", "evidence", "file")


@app.command()
def status(
    symbol: Optional[str] = typer.Argument(None, help="Only the facts about this document (số hiệu, e.g. 62/2022/NĐ-CP)."),
    store: Optional[str] = StoreOpt,
    province: Optional[str] = typer.Option(None, "--province", "-p", help="Province of a local symbol (UBND, HĐND, TU ...)."),
    fmt: AuditFormat = typer.Option(AuditFormat.table, "--format", "-f", help="table (default), csv or json."),
    registry: Optional[Path] = typer.Option(None, "--registry", help="Your own status CSV, added to the facts."),
) -> None:
    """Validity facts: what replaced, repealed, ended or amended which document, from when, and the
    sentence that says so (stated by the ingested files, the bundled registry or your CSV)."""
    from graph import audit as A
    from graph.audit.registry import RegistryError
    from graph.store import StoreError

    source = _source(store)
    if registry is not None and not registry.is_file():
        fail(f"--registry {registry}: no such file")
    try:
        facts = source if isinstance(source, A.Facts) else A.load_facts(source)
        reg = A.load_status(facts, registry_csv=str(registry) if registry else None)
    except (RegistryError, StoreError) as exc:
        fail(str(exc))
        return
    records = A.status_records(reg, symbol, province)
    if symbol and not records and fmt != AuditFormat.json:
        print(f"no validity fact about {clean(symbol)}")
        return
    if fmt == AuditFormat.json:
        write_json(records)
    elif fmt == AuditFormat.csv:
        cols = tuple(records[0]) if records else STATUS_COLUMNS
        w = csv.DictWriter(sys.stdout, fieldnames=cols, extrasaction="ignore", lineterminator="\n")
        w.writeheader()
        for r in records:
            w.writerow({k: _oneline(r.get(k)) for k in cols})
    else:
        rows = [{"symbol": r["symbol"] + (f" ({r['province']})" if r["province"] else ""), "date": r["date"] or "",
                 "change": r["change"], "scope": r["scope"] + (f": {r['part']}" if r["part"] else ""),
                 "by": (r["by"] or "?") + (f" ({r['by_date']})" if r["by_date"] else ""),
                 "effective": f"{r['effective'] or '?'} ({r['effective_from']})",
                 "evidence": _oneline(r["evidence"], 140), "file": Path(r["file"]).name if r["file"] else r["origin"]}
                for r in records]
        print_records(rows, STATUS_COLUMNS, title=f"{len(rows)} validity fact(s)" + (f" about {symbol}" if symbol else ""))
