"""``citegraph extract FILE...``: the extractor's output, per shared/spec/extract-output.md.

One JSON object per file (jsonl), in the order given; a file that cannot be read yields
``{"source", "error"}`` and the others go on; the exit status is non-zero only when every file failed.
"""
from __future__ import annotations

import csv
import sys
from enum import Enum
from pathlib import Path
from typing import Any, Iterator, List

import typer
from rich.table import Table

from extract import extract_text
from graph.cli.common import cell, app, console, err_console, esc, write_json


class ExtractFormat(str, Enum):
    jsonl = "jsonl"
    json = "json"
    table = "table"
    csv = "csv"


def _ocr_cache() -> str:
    """The OCR cache of the store in use (beside it), so extract and ingest OCR a scan once."""
    from graph.ingest import ocr_cache_for
    from graph.settings import default_store_path, is_bolt_uri, store_location

    loc = store_location()
    return ocr_cache_for(default_store_path() if is_bolt_uri(loc) else loc)


def _ocr_progress(path: str):
    def on_page(done: int, total: int) -> None:
        if total > 1:
            err_console.print(f"{esc(path)}: OCR {done}/{total} pages", highlight=False)
    return on_page


def extract_file(path: str, *, province: str | None = None) -> dict[str, Any]:
    """Read and extract one file; ``{"source", "error"}`` when it cannot be read."""
    from extract.limits import LimitExceeded, check_chars
    from extract.read import ReadError, read_file

    try:
        res = read_file(path, ocr_cache=_ocr_cache(), on_page=_ocr_progress(path))
        check_chars(len(res.text))
    except ReadError as exc:
        return {"source": path, "error": exc.reason}
    except LimitExceeded as exc:
        return {"source": path, "error": str(exc)}
    except OSError as exc:
        return {"source": path, "error": exc.strerror or str(exc)}
    out = extract_text(res.text, province=province).to_dict(source=path)
    out["encoding"] = res.encoding
    return out


def _extract_task(task: tuple[str, str | None]) -> dict[str, Any]:
    return extract_file(task[0], province=task[1])


def _over_limit(task: tuple[str, str | None], reason: str) -> dict[str, Any]:
    return {"source": task[0], "error": reason}


def extract_files(paths: list[str], *, province: str | None = None) -> Iterator[dict[str, Any]]:
    """:func:`extract_file` for each path, in order, each in a worker under the per-file limits."""
    from extract.limits import Limits
    from graph import sandbox

    yield from sandbox.run(_extract_task, [(p, province) for p in paths], workers=1,
                           limits=Limits.from_env(), on_limit=_over_limit)


@app.command()
def extract(
    files: List[Path] = typer.Argument(..., help="Files to read (txt, md, docx, doc, pdf incl. scans, html)."),
    fmt: ExtractFormat = typer.Option(ExtractFormat.jsonl, "--format", "-f", help="jsonl (default), json, table or csv."),
    province: str = typer.Option(None, "--province", help="Jurisdiction of the files, if their header lacks it."),
) -> None:
    """Extract every citation (type, number, symbol, issuer, date, subject, relation) from FILES."""
    results = []
    failed = 0
    for f, r in zip(files, extract_files([str(f) for f in files], province=province)):
        if "error" in r:
            failed += 1
            err_console.print(f"[red]{esc(f)}[/red]: {esc(r['error'])}")
        if fmt == ExtractFormat.jsonl:
            write_json(r, indent=None)
            sys.stdout.flush()
        else:
            results.append(r)
    if fmt == ExtractFormat.json:
        write_json(results)
    elif fmt == ExtractFormat.csv:
        w = csv.writer(sys.stdout)
        w.writerow(["source", "start", "end", "symbol", "type", "date", "issuer", "relation", "key", "text"])
        for r in results:
            for c in r.get("citations", []):
                w.writerow([r["source"], c["start"], c["end"], c["symbol"], c["type"], c["date"], c["issuer"],
                            c["relation"], c["key"], " ".join(c["text"].split())])
    elif fmt == ExtractFormat.table:
        for r in results:
            if "error" in r:
                continue
            d = r["document"]
            t = Table(title=cell(f"{r['source']} — {d.get('type') or '?'} {d.get('symbol') or ''} {d.get('date') or ''}"))
            for col in ("symbol", "type", "date", "issuer", "relation", "repairs"):
                t.add_column(col, overflow="fold")
            for c in r["citations"]:
                t.add_row(*map(cell, (c["symbol"], c["type"] or "", c["date"] or "", c["issuer"] or "",
                                       c["relation"], ",".join(c["repairs"]))))
            console.print(t)
    if files and failed == len(files):
        raise typer.Exit(1)
