"""Store and query commands: ingest, trace, show, top, years, search, stats, coverage, export.

Thin commands: parse options, call ``graph.ingest`` / ``graph.queries``, print.  Every command
takes ``--store`` (else $CITEGRAPH_STORE, else the per-user data dir); query commands print a
rich table by default and JSON with ``--format json``.
"""
from __future__ import annotations

import time
from pathlib import Path
from typing import Any, List, Optional

import typer
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn
from rich.table import Table

from graph.cli.common import (FormatOpt, OutputFormat, StoreOpt, app, clean, console, err_console, esc, fail,
                              print_records)
from graph.settings import is_bolt_uri, store_location


def _backend(store: Optional[str]):
    import sqlite3

    from graph.cli.common import open_backend
    from graph.store import StoreError

    location = store_location(store)
    if not is_bolt_uri(location) and not Path(location).exists():
        fail(f"no store at {location}; run `citegraph ingest PATH... --store {location}` first")
    try:
        return open_backend(location)
    except (StoreError, NotImplementedError) as exc:
        fail(str(exc))
    except sqlite3.DatabaseError as exc:  # damage past the first pages shows up while loading
        fail(f"{location} is not a usable citegraph store: {exc}")


def _key(backend, symbol: str, province: Optional[str], fmt=None) -> str:
    """The one key SYMBOL names; when it names several documents (another year, type or province)
    their list is printed with dates, and the command exits 1 without merging them."""
    from graph.queries import AmbiguousSymbol, DocumentNotFound

    try:
        return backend.resolve(symbol, province=province)
    except AmbiguousSymbol as exc:
        rows = []
        for k in exc.keys:
            d = backend.show(k)
            rows.append({"key": k, "symbol": d.get("symbol"), "type": d.get("type"), "date": d.get("date"),
                         "province": d.get("province"), "title": d.get("title")})
        if _is_json(fmt):
            print_records([], fmt=fmt, json_payload={"query": symbol, "ambiguous": True, "candidates": rows,
                                                     "items": []})
        else:
            print_records(rows, ["key", "symbol", "type", "date", "province", "title"],
                          title=f"{symbol!r} names {len(rows)} documents")
        fail(f"{symbol!r} names several documents: give the key, a year, a type word or --province")
    except DocumentNotFound as exc:
        fail(str(exc) + " (try `citegraph search`)")
    raise AssertionError  # fail() exits


def _is_json(fmt) -> bool:
    return str(getattr(fmt, "value", fmt)) == "json"


ProvinceOpt = typer.Option(None, "--province", "-p", help="Province of a local symbol (116-KH/TU is in several).")


@app.command()
def ingest(
    paths: List[Path] = typer.Argument(..., help="Files and folders (walked recursively)."),
    store: Optional[str] = StoreOpt,
    workers: int = typer.Option(0, "--workers", "-w", help="Worker processes (default: the cores available)."),
    max_mb: Optional[float] = typer.Option(None, "--max-mb", help="Refuse files larger than this (MB; default 50)."),
    max_unzipped_mb: Optional[float] = typer.Option(
        None, "--max-unzipped-mb", help="Refuse a .docx or PDF stream that inflates past this (MB; default 200)."),
    max_pages: Optional[int] = typer.Option(None, "--max-pages", help="Refuse PDFs with more pages (default 2000)."),
    max_depth: Optional[int] = typer.Option(None, "--max-depth", help="Refuse HTML nested deeper (default 1000)."),
    max_chars: Optional[int] = typer.Option(None, "--max-chars", help="Refuse files with more text (default 10,000,000)."),
    timeout: Optional[float] = typer.Option(None, "--timeout", help="Seconds to read and extract one file (default 300)."),
    max_memory_mb: Optional[float] = typer.Option(
        None, "--max-memory-mb", help="Memory one file may take to read and extract (MB; default 1024)."),
    force: bool = typer.Option(False, "--force", help="Re-extract files even when unchanged."),
    fmt: OutputFormat = FormatOpt,
) -> None:
    """Read, extract and store PATHS; unchanged files are skipped, changed ones replaced atomically.

    Each file is read in a worker under the limits above (also set by CITEGRAPH_MAX_MB,
    CITEGRAPH_TIMEOUT ...; see docs/security.md); a file over a limit fails alone, naming it."""
    import sqlite3

    from extract.limits import MB, Limits
    from graph.ingest import default_workers, ingest as run

    location = store_location(store)
    if is_bolt_uri(location):
        fail("ingest writes the SQLite store; push to Neo4j with the neo4j command")
    n_workers = workers or default_workers()
    try:
        limits = Limits.from_env(
            max_bytes=None if max_mb is None else int(max_mb * MB),
            max_unzipped=None if max_unzipped_mb is None else int(max_unzipped_mb * MB),
            max_pages=max_pages, max_depth=max_depth, max_chars=max_chars, timeout=timeout,
            max_memory=None if max_memory_mb is None else int(max_memory_mb * MB))
    except ValueError as exc:
        fail(str(exc))
    progress = Progress(TextColumn("[bold]ingest"), BarColumn(), MofNCompleteColumn(), TimeRemainingColumn(),
                        TextColumn("{task.fields[name]}", markup=False), console=err_console, transient=False,
                        disable=_is_json(fmt), auto_refresh=False)
    # refreshed from here, not by Rich's thread: a process without threads forks its workers
    # directly (graph.sandbox), keeping the patterns the parent compiled
    shown = [0.0]
    task = None

    def on_start(total: int) -> None:
        nonlocal task
        task = progress.add_task("ingest", total=total, name="")

    def on_result(res: Any) -> None:
        from graph.ingest import Failed

        if isinstance(res, Failed):
            progress.console.print(f"[red]failed[/red] {esc(res.path)}: {esc(res.reason)}")
        progress.update(task, advance=1, name=clean(Path(res.path).name))
        now = time.monotonic()
        if now - shown[0] >= 0.1:
            progress.refresh()
            shown[0] = now

    def on_wait(message: str) -> None:
        err_console.print(f"[yellow]waiting:[/yellow] {esc(message)}")

    def on_ocr_page(done: int, total: int) -> None:
        progress.update(task, name=f"OCR {done}/{total} scanned pages")

    from graph.store import StoreError

    try:
        with progress:
            report = run([str(p) for p in paths], location, workers=n_workers, limits=limits,
                         force=force, on_start=on_start, on_result=on_result, on_wait=on_wait,
                         on_ocr_page=on_ocr_page)
    except StoreError as exc:
        fail(str(exc))
    except sqlite3.DatabaseError as exc:
        fail(f"{location} is not a usable citegraph store: {exc}")
    if _is_json(fmt):
        print_records([], fmt=fmt, json_payload={"store": location, **report.to_dict()})
    else:
        t = Table(title=f"ingest into {esc(location)}")
        for col in ("ingested", "unchanged", "failed", "seconds", "workers"):
            t.add_column(col, justify="right")
        d = report.to_dict()
        t.add_row(*[str(d[c]) for c in ("ingested", "unchanged", "failed", "seconds", "workers")])
        console.print(t)
        if report.failed:
            print_records([{"file": p, "reason": r} for p, r in report.failed], title="failed files")
    total = len(report.ingested) + len(report.unchanged) + len(report.failed)
    if total and len(report.failed) == total:
        raise typer.Exit(1)


@app.command()
def trace(
    symbol: str = typer.Argument(..., help='A số hiệu or forgiving text: "114-KL/TW", "114 KL TW".'),
    up: bool = typer.Option(False, "--up", help="What SYMBOL rests on (default: who implements it)."),
    depth: Optional[int] = typer.Option(None, "--depth", help="Stop after this many hops."),
    citing: bool = typer.Option(False, "--citing", help="Also list documents that merely cite it (one hop)."),
    province: Optional[str] = ProvinceOpt,
    store: Optional[str] = StoreOpt,
    fmt: OutputFormat = FormatOpt,
) -> None:
    """Documents implementing SYMBOL, directly or down the chain, grouped by province and issuer
    (--up: what it implements, up to the central directive; --citing: also those that only cite it)."""
    b = _backend(store)
    res = b.trace(_key(b, symbol, province, fmt), up=up, max_depth=depth, include_citing=citing)
    if _is_json(fmt):
        print_records([], fmt=fmt, json_payload=res.to_dict())
        return
    root = res.root
    console.print(f"[bold]{esc(root['symbol'])}[/bold] {esc(root.get('type') or '')} {esc(root.get('date') or '')} "
                  f"{('— ' + esc(root['province'])) if root.get('province') else ''}")
    rows = [{"province": i.province or "(central/unknown)", "issuer": i.issuer, "depth": i.depth,
             "rel": f"{i.rel} (citing only)" if i.citing else i.rel, "document": i.symbol, "date": i.date,
             "chain": " → ".join(i.chain)}
            for i in sorted(res.items, key=lambda i: (i.citing, i.province or "~", i.issuer or "~", i.depth, i.symbol))]
    n_citing = sum(1 for i in res.items if i.citing)
    print_records(rows, title=f"trace {'up' if up else 'down'}: {len(rows) - n_citing} implementing"
                              + (f", {n_citing} citing only" if citing else ""))


@app.command()
def show(
    symbol: str = typer.Argument(..., help="A số hiệu, a key, or forgiving text."),
    province: Optional[str] = ProvinceOpt,
    store: Optional[str] = StoreOpt,
    fmt: OutputFormat = FormatOpt,
) -> None:
    """Metadata, variants, issuer, cites and cited-by (with evidence sentences) of one document."""
    b = _backend(store)
    d = b.show(_key(b, symbol, province, fmt))
    if _is_json(fmt):
        print_records([], fmt=fmt, json_payload=d)
        return
    meta = [{"field": k, "value": ", ".join(map(str, v)) if isinstance(v, list) else v}
            for k, v in d.items()
            if k not in ("cites", "cited_by", "issuers", "kind", "candidates", "same_symbol") and v not in (None, [], "")]
    meta.append({"field": "issuers", "value": "; ".join(f"{i['name']} ({i['level']})" for i in d["issuers"])})
    print_records(meta, ["field", "value"], title=d.get("symbol") or d["key"])
    for name, title in (("candidates", "may be any of"), ("same_symbol", "other documents with this number")):
        if d.get(name):
            print_records(d[name], ["key", "symbol", "type", "date", "province", "title"], title=title)
    for name in ("cites", "cited_by"):
        rows = [{"rel": r["rel"], "document": r["symbol"], "date": r["date"], "province": r["province"],
                 "n": r["count"], "mentions": ", ".join(f"{k} {v}" for k, v in (r.get("rels") or {}).items()),
                 "evidence": (r["evidence"][0]["context"] if r["evidence"] else "")}
                for r in d[name]]
        print_records(rows, title=name.replace("_", " "))


@app.command()
def top(
    limit: int = typer.Option(20, "--limit", "-n"),
    type_code: Optional[str] = typer.Option(None, "--type", help="Only this type code (KL, NQ, QĐ ...)."),
    province: Optional[str] = typer.Option(None, "--province", "-p"),
    store: Optional[str] = StoreOpt,
    fmt: OutputFormat = FormatOpt,
) -> None:
    """Most-cited documents (by distinct citing documents)."""
    print_records(_backend(store).most_cited(limit, type_code=type_code, province=province), fmt=fmt,
                  title="most cited")


@app.command()
def years(store: Optional[str] = StoreOpt, fmt: OutputFormat = FormatOpt) -> None:
    """Documents per year of issue (held as files / only cited)."""
    print_records(_backend(store).per_year(), fmt=fmt, title="documents per year")


@app.command()
def search(
    query: List[str] = typer.Argument(..., help='Forgiving text: "114 KL TW", "kết luận 114", "KH TU Phú Yên".'),
    limit: int = typer.Option(20, "--limit", "-n"),
    store: Optional[str] = StoreOpt,
    fmt: OutputFormat = FormatOpt,
) -> None:
    """Find documents from loose input: a symbol lists every document it names (each year, type and
    province); otherwise numbers must match and words (of the symbol, province, title or name) add score."""
    hits = _backend(store).search(" ".join(query), limit=limit)
    if not _is_json(fmt):
        hits = [{**h, "title": _short(h.get("title"))} for h in hits]
    print_records(hits, fmt=fmt, title="search")


def _short(text: Optional[str], width: int = 70) -> Optional[str]:
    return text if not text or len(text) <= width else text[:width - 1] + "…"


@app.command()
def stats(store: Optional[str] = StoreOpt, fmt: OutputFormat = FormatOpt) -> None:
    """Counts of documents, issuers, edges by relation, files and failures."""
    s = _backend(store).stats()
    if _is_json(fmt):
        print_records([], fmt=fmt, json_payload=s)
        return
    rows = [{"what": k, "count": v} for k, v in s.items() if k != "edges"]
    rows += [{"what": f"edges: {k}", "count": v} for k, v in s["edges"].items()]
    print_records(rows, ["what", "count"], title="store")


@app.command()
def coverage(
    symbol: str = typer.Argument(...),
    all_provinces: bool = typer.Option(False, "--all", help="List missing provinces among all 63, not only those in the store."),
    province: Optional[str] = ProvinceOpt,
    store: Optional[str] = StoreOpt,
    fmt: OutputFormat = FormatOpt,
) -> None:
    """Which provinces have a plan implementing SYMBOL (the documents `trace SYMBOL` lists), and which have none."""
    b = _backend(store)
    c = b.coverage(_key(b, symbol, province, fmt))
    if _is_json(fmt):
        print_records([], fmt=fmt, json_payload=c)
        return
    rows = [{"province": r["province"], "status": "covered", "documents": ", ".join(r["documents"])}
            for r in c["covered"]]
    rows += [{"province": p, "status": "missing", "documents": ""}
             for p in (c["missing"] if all_provinces else c["missing_in_store"])]
    print_records(rows, ["province", "status", "documents"], title=f"coverage of {c['root']['symbol']}")


@app.command()
def export(
    out: Path = typer.Argument(..., help="Output file (graphml, json) or folder (csv)."),
    to: str = typer.Option("graphml", "--to", help="graphml | json | csv"),
    store: Optional[str] = StoreOpt,
) -> None:
    """Export the graph for Gephi / Cytoscape (GraphML, JSON node-link) or as CSV nodes + edges."""
    from graph.export import FORMATS, export as run

    if to not in FORMATS:
        fail(f"unknown format {to!r}; expected one of {', '.join(FORMATS)}")
    b = _backend(store)
    graph = getattr(b, "graph", None)
    if graph is None:
        fail("export reads the SQLite store")
    for p in run(graph, to, out):
        console.print(f"wrote {esc(p)}")
