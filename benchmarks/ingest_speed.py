"""Ingest throughput on shared/corpus with 1 and 2 worker processes.

Baseline (same run): reading every file with the project's reader, no extraction, no store.
Last line: JSON with docs_per_s_1, docs_per_s_2, mb_per_s_1 (and the baseline).

    python benchmarks/ingest_speed.py [--limit N]
"""
from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from _common import corpus_files, fresh_store, peak_rss_mb, report  # noqa: E402
from graph.ingest import ingest, read_text  # noqa: E402


def main(argv: list[str] | None = None) -> dict:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--limit", type=int, default=None, help="only the first N files")
    args = ap.parse_args(argv)
    files = corpus_files(limit=args.limit)
    mb = sum(f.stat().st_size for f in files) / 1e6
    t = time.perf_counter()
    for f in files:
        read_text(str(f))
    read_s = time.perf_counter() - t
    out: dict = {"files": len(files), "corpus_mb": round(mb, 2), "read_only_docs_per_s": round(len(files) / read_s, 1)}
    with tempfile.TemporaryDirectory() as tmp:
        for w in (1, 2):
            rep = ingest(files, fresh_store(tmp, f"w{w}"), workers=w)
            assert not rep.failed, rep.failed[:3]
            out[f"docs_per_s_{w}"] = round(len(files) / rep.seconds, 1)
            out[f"mb_per_s_{w}"] = round(mb / rep.seconds, 3)
            out[f"seconds_{w}"] = round(rep.seconds, 2)
        rep = ingest(files, fresh_store(tmp, "w2"), workers=2)  # unchanged: hashes only
        out["unchanged_docs_per_s"] = round(len(files) / rep.seconds, 1)
    out["speedup_2_vs_1"] = round(out["docs_per_s_2"] / out["docs_per_s_1"], 2)
    out["peak_rss_mb"] = round(peak_rss_mb(), 1)
    base = out["read_only_docs_per_s"]
    rows = [("files / MB", f"{len(files)} / {mb:.1f}", ""),
            ("read only (baseline)", f"{base} docs/s", "1.00"),
            ("ingest, 1 worker", f"{out['docs_per_s_1']} docs/s, {out['mb_per_s_1']} MB/s", f"{out['docs_per_s_1'] / base:.2f}"),
            ("ingest, 2 workers", f"{out['docs_per_s_2']} docs/s, {out['mb_per_s_2']} MB/s", f"{out['docs_per_s_2'] / base:.2f}"),
            ("re-ingest unchanged", f"{out['unchanged_docs_per_s']} docs/s", f"{out['unchanged_docs_per_s'] / base:.2f}"),
            ("speedup 2 vs 1 worker", f"{out['speedup_2_vs_1']}x", ""),
            ("peak RSS (parent)", f"{out['peak_rss_mb']} MB", "")]
    report("ingest speed", rows, out)
    return out


if __name__ == "__main__":
    main()
