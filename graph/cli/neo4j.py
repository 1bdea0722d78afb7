"""``citegraph push`` (sync the store to Neo4j) and ``citegraph export-neo4j`` (neo4j-admin CSVs).

Thin commands over ``graph.neo4j.push.push`` and ``graph.neo4j.admin_csv.export_neo4j_import``;
every Neo4j problem (unreachable, credentials, missing database, rejected batch) is one line on
stderr and exit code 1, never a stack dump.
"""
from __future__ import annotations

import os
from pathlib import Path
from typing import Optional

import typer

from graph.cli.common import FormatOpt, OutputFormat, StoreOpt, app, console, esc, fail, print_records
from graph.settings import is_bolt_uri, store_location


def _sqlite_store(store: Optional[str]) -> str:
    location = store_location(store)
    if is_bolt_uri(location):
        fail("--store must be the SQLite store to read from (the Neo4j target goes in --neo4j)")
    if not Path(location).exists():
        fail(f"no store at {location}; run `citegraph ingest PATH... --store {location}` first")
    return location


@app.command()
def push(
    neo4j: str = typer.Option(..., "--neo4j", help="Neo4j URI: neo4j://host:7687, bolt://..., neo4j+s://..."),
    user: Optional[str] = typer.Option(None, "--user", "-u", help="Neo4j user (else $CITEGRAPH_NEO4J_USER, else neo4j)."),
    password_env: str = typer.Option("CITEGRAPH_NEO4J_PASSWORD", "--password-env",
                                     help="Name of the environment variable holding the password."),
    database: Optional[str] = typer.Option(None, "--database", "-d",
                                           help="Database name (else $CITEGRAPH_NEO4J_DATABASE, else neo4j)."),
    store: Optional[str] = StoreOpt,
    full: bool = typer.Option(False, "--full", help="Resend everything and remove strays, even if nothing changed."),
    batch_size: int = typer.Option(5000, "--batch-size", min=1, help="Rows per UNWIND transaction."),
    fmt: OutputFormat = FormatOpt,
) -> None:
    """Push the store to Neo4j: idempotent, incremental, batched UNWIND + MERGE transactions."""
    from graph.neo4j.push import push as run
    from graph.neo4j.schema import Neo4jStoreError, connect, translate_errors
    from graph.neo4j.state import target_id
    from graph.store import StoreError

    location = _sqlite_store(store)
    if not is_bolt_uri(neo4j):
        fail(f"--neo4j {neo4j!r} is not a Neo4j URI (neo4j://, neo4j+s://, bolt://, bolt+s://)")
    password = os.environ.get(password_env)
    if password is None:
        fail(f"the password variable ${password_env} is not set (--password-env names it)")
    user = user or os.environ.get("CITEGRAPH_NEO4J_USER") or "neo4j"
    database = database or os.environ.get("CITEGRAPH_NEO4J_DATABASE") or "neo4j"
    try:
        driver = connect(neo4j, user, password, database=database)
    except Neo4jStoreError as exc:
        fail(str(exc))
    try:
        with translate_errors(neo4j, database):
            report = run(location, driver, database, target=target_id(neo4j, database), full=full,
                         batch_size=batch_size)
    except (Neo4jStoreError, StoreError) as exc:
        fail(str(exc))
    finally:
        driver.close()
    d = report.to_dict()
    if str(getattr(fmt, "value", fmt)) == "json":
        print_records([d], fmt=fmt, json_payload=d)
        return
    print_records([{"what": k, "value": v} for k, v in d.items()], ["what", "value"],
                  title=f"pushed {location} -> {neo4j} ({database})")


@app.command("export-neo4j")
def export_neo4j(
    out_dir: Path = typer.Argument(..., help="Folder for the CSV files and import.sh."),
    store: Optional[str] = StoreOpt,
    database: str = typer.Option("neo4j", "--database", "-d", help="Database name used in import.sh."),
) -> None:
    """CSV files (with headers) for `neo4j-admin database import full`, plus import.sh."""
    from graph.neo4j.admin_csv import export_neo4j_import
    from graph.store import StoreError

    location = _sqlite_store(store)
    if out_dir.exists() and not out_dir.is_dir():
        fail(f"{out_dir} exists and is not a folder")
    try:
        res = export_neo4j_import(location, out_dir, database=database)
    except (StoreError, OSError) as exc:
        fail(str(exc))
    for name in res["files"]:
        console.print(f"wrote {esc(Path(res['dir']) / name)}")
    console.print(esc(", ".join(f"{k}: {v}" for k, v in res["counts"].items())))
