"""What every command shares: the Typer ``app`` the command modules register on, the options and
the output helpers, so every command follows the same conventions: ``--store PATH`` (else
$CITEGRAPH_STORE, else a per-user data dir) and ``--format table|json``.
"""
from __future__ import annotations

import json
import sys
from enum import Enum
from typing import Any, Iterable, Optional, Sequence

import typer
from rich.console import Console
from rich.table import Table

app = typer.Typer(
    name="citegraph",
    help="Vietnamese government and Party documents -> citation knowledge graph.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
console = Console()


@app.callback()
def _root() -> None:
    """Vietnamese government and Party documents -> citation knowledge graph."""

err_console = Console(stderr=True)

StoreOpt = typer.Option(None, "--store", help="Store path or neo4j:// URI (else $CITEGRAPH_STORE, else a per-user data dir).")


class OutputFormat(str, Enum):
    table = "table"
    json = "json"


FormatOpt = typer.Option(OutputFormat.table, "--format", "-f", help="table (default) or json.")


def print_records(records: Sequence[dict[str, Any]], columns: Sequence[str] | None = None, *,
                  fmt: OutputFormat | str = OutputFormat.table, title: str | None = None,
                  json_payload: Any = None) -> None:
    """Print query results as a rich table (default) or JSON (``json_payload`` if given)."""
    if str(getattr(fmt, "value", fmt)) == "json":
        payload = records if json_payload is None else json_payload
        sys.stdout.write(json.dumps(payload, ensure_ascii=False, indent=2, default=str) + "\n")
        return
    if not records:
        console.print(f"[dim]{title + ': ' if title else ''}no results[/dim]")
        return
    cols = list(columns or records[0].keys())
    table = Table(title=title, show_lines=False)
    for c in cols:
        table.add_column(c, overflow="fold")
    for r in records:
        table.add_row(*["" if r.get(c) is None else str(r.get(c)) for c in cols])
    console.print(table)


def fail(message: str, code: int = 1) -> None:
    """A user-facing error: one clear line on stderr, no stack dump."""
    err_console.print(f"[bold red]error:[/bold red] {message}")
    raise typer.Exit(code)


def main(argv: Optional[Iterable[str]] = None) -> None:
    app(args=list(argv) if argv is not None else None)


def open_backend(location: str):
    """The query backend for a store location: a Bolt URI goes to Neo4j, anything else is SQLite."""
    from graph.queries import MemoryBackend
    from graph.settings import is_bolt_uri

    if is_bolt_uri(location):
        from graph.neo4j.backend import Neo4jBackend

        return Neo4jBackend(location)
    return MemoryBackend.from_store(location)
