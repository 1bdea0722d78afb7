"""Shared helpers for the benchmarks: corpus discovery, timing, tables, peak memory."""
from __future__ import annotations

import json
import resource
import statistics
import tempfile
from pathlib import Path

from rich.console import Console
from rich.table import Table

CORPUS = Path(__file__).resolve().parents[1].parent / "shared" / "corpus"
if not CORPUS.exists():
    CORPUS = Path("/work/shared/corpus")


def corpus_files(folder: Path = CORPUS, limit: int | None = None) -> list[Path]:
    files = sorted(p for p in folder.glob("*.txt"))
    return files[:limit] if limit else files


def fresh_store(tmp: str, name: str) -> str:
    return str(Path(tmp) / f"{name}.sqlite")


def pct(values: list[float], q: float) -> float:
    if not values:
        return float("nan")
    s = sorted(values)
    return s[min(len(s) - 1, int(round(q / 100 * (len(s) - 1))))]


def peak_rss_mb() -> float:
    """Peak resident memory of this process (and of finished children, reported separately)."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def children_peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024


def report(title: str, rows: list[tuple[str, str, str]], figures: dict) -> None:
    """A readable table, then the figures as ONE JSON object on the last line."""
    t = Table(title=title)
    for c in ("measure", "value", "vs baseline"):
        t.add_column(c)
    for r in rows:
        t.add_row(*r)
    Console(stderr=False).print(t)
    print(json.dumps(figures, ensure_ascii=False))


__all__ = ["corpus_files", "fresh_store", "pct", "peak_rss_mb", "children_peak_rss_mb", "report",
           "statistics", "tempfile"]
