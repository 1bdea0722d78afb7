"""What every command shares: the Typer ``app`` the command modules register on, the options and
the output helpers, so every command follows the same conventions: ``--store PATH`` (else
$CITEGRAPH_STORE, else a per-user data dir) and ``--format table|json``.

Text from documents, file names and failure reasons reaches the terminal only through
:func:`clean` (control characters and terminal escapes dropped, undecodable bytes as ``\\xNN``)
and never as Rich markup: table cells are ``Text`` objects, other lines go through :func:`esc`.
"""
from __future__ import annotations

import json
import re
import sys
from enum import Enum
from typing import Any, Iterable, Optional, Sequence

import typer
from rich.console import Console
from rich.markup import escape
from rich.table import Table
from rich.text import Text

app = typer.Typer(
    name="citegraph",
    help="Vietnamese government and Party documents -> citation knowledge graph.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
console = Console(emoji=False)


@app.callback()
def _root() -> None:
    """Vietnamese government and Party documents -> citation knowledge graph."""

err_console = Console(stderr=True, emoji=False)

# C0 controls but tab and newline, DEL, C1 controls (0x9b is a one-byte CSI), and the bidi
# overrides that make a terminal show text in another order than it is
_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u200e\u200f\u202a-\u202e\u2066-\u2069]")
_SURROGATE = re.compile("[\ud800-\udfff]")
_JSON_UNSAFE = re.compile("[\x7f-\x9f\u2028\u2029\ud800-\udfff]")


def _surrogate(m: re.Match) -> str:
    code = ord(m.group())
    return f"\\x{code - 0xDC00:02x}" if 0xDC80 <= code <= 0xDCFF else f"\\u{code:04x}"


def clean(value: Any) -> str:
    """``value`` as text that is safe on a terminal: no control characters or escape sequences,
    an undecodable file-name byte shown as ``\\xNN``.

    >>> clean("a\x1b[2Jb\x07 [/x]")
    'a[2Jb [/x]'
    """
    text = "" if value is None else str(value)
    return _SURROGATE.sub(_surrogate, _CONTROL.sub("", text))


def esc(value: Any) -> str:
    """:func:`clean` text made literal for a Rich markup string (``[/x]`` prints as is)."""
    return escape(clean(value))


def cell(value: Any) -> Text:
    return Text(clean(value).replace("\t", " "))


def write_json(payload: Any, indent: int | None = 2) -> None:
    """JSON on stdout; C1 controls and lone surrogates written as \\u escapes (valid JSON, inert
    on a terminal; json already escapes C0)."""
    text = json.dumps(payload, ensure_ascii=False, indent=indent, default=str)
    sys.stdout.write(_JSON_UNSAFE.sub(lambda m: f"\\u{ord(m.group()):04x}", text) + "\n")

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
        write_json(records if json_payload is None else json_payload)
        return
    if not records:
        console.print(f"[dim]{esc(title) + ': ' if title else ''}no results[/dim]")
        return
    cols = list(columns or records[0].keys())
    table = Table(title=cell(title) if title else None, show_lines=False)
    for c in cols:
        table.add_column(cell(c), overflow="fold")
    for r in records:
        table.add_row(*[cell(r.get(c)) for c in cols])
    console.print(table)


def fail(message: str, code: int = 1) -> None:
    """A user-facing error: one clear line on stderr, no stack dump."""
    err_console.print(f"[bold red]error:[/bold red] {esc(message)}")
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
