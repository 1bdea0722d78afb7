"""Ingest throughput on shared/corpus with 1 and 2 worker processes, and where the CPU goes.

Baseline (same run): reading every file with the project's reader, no extraction, no store.
Phases (one process, CPU ms per file): read+decode, extract, the rest of the worker's facts
(evidence sentences, rows), the pickle round trip to the parent, the parent's SQLite writes.
Their sum over two cores bounds what 2 workers can reach.
Last line: JSON with docs_per_s_1, docs_per_s_2, mb_per_s_1, phase_ms (and the baseline).

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
from graph.ingest import build_facts, default_extractor, ingest, read_text  # noqa: E402
from graph.store import Store  # noqa: E402


def phases(files) -> dict[str, float]:
    """CPU milliseconds per file of each ingest step, run one after the other in this process."""
    import hashlib
    import pickle

    ms = dict.fromkeys(("read", "extract", "facts", "pickle", "store"), 0.0)
    clock = time.process_time
    with tempfile.TemporaryDirectory() as tmp, Store(fresh_store(tmp, "phases")) as st, st.batches() as written:
        for f in files:
            t0 = clock()
            data = f.read_bytes()
            sha = hashlib.sha256(data).hexdigest()
            read = read_text(str(f), data=data)
            t1 = clock()
            result = default_extractor(read.text, None)
            t2 = clock()
            facts = build_facts(str(f), data, read, {}, "bench", lambda _t, _p: result, sha)
            t3 = clock()
            facts = pickle.loads(pickle.dumps(facts, protocol=pickle.HIGHEST_PROTOCOL))
            t4 = clock()
            st.replace_file(facts)
            written()
            t5 = clock()
            for k, a, b in (("read", t0, t1), ("extract", t1, t2), ("facts", t2, t3), ("pickle", t3, t4),
                            ("store", t4, t5)):
                ms[k] += (b - a) * 1000
    return {k: round(v / len(files), 2) for k, v in ms.items()}


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
        for w in (2, 1):  # 2 first: its workers fork from a parent whose per-symbol caches are still cold
            rep = ingest(files, fresh_store(tmp, f"w{w}"), workers=w)
            assert not rep.failed, rep.failed[:3]
            out[f"docs_per_s_{w}"] = round(len(files) / rep.seconds, 1)
            out[f"mb_per_s_{w}"] = round(mb / rep.seconds, 3)
            out[f"seconds_{w}"] = round(rep.seconds, 2)
        rep = ingest(files, fresh_store(tmp, "w2"), workers=2)  # unchanged: hashes only
        out["unchanged_docs_per_s"] = round(len(files) / rep.seconds, 1)
    out["speedup_2_vs_1"] = round(out["docs_per_s_2"] / out["docs_per_s_1"], 2)
    out["phase_ms"] = phases(files)
    total_ms = sum(out["phase_ms"].values())
    out["phase_bound_docs_per_s_2"] = round(2000 / total_ms, 1)
    out["peak_rss_mb"] = round(peak_rss_mb(), 1)
    base = out["read_only_docs_per_s"]
    rows = [("files / MB", f"{len(files)} / {mb:.1f}", ""),
            ("read only (baseline)", f"{base} docs/s", "1.00"),
            ("ingest, 1 worker", f"{out['docs_per_s_1']} docs/s, {out['mb_per_s_1']} MB/s", f"{out['docs_per_s_1'] / base:.2f}"),
            ("ingest, 2 workers", f"{out['docs_per_s_2']} docs/s, {out['mb_per_s_2']} MB/s", f"{out['docs_per_s_2'] / base:.2f}"),
            ("re-ingest unchanged", f"{out['unchanged_docs_per_s']} docs/s", f"{out['unchanged_docs_per_s'] / base:.2f}"),
            ("speedup 2 vs 1 worker", f"{out['speedup_2_vs_1']}x", ""),
            *[(f"  CPU per file: {k}", f"{v} ms", f"{v / total_ms:.0%}") for k, v in out["phase_ms"].items()],
            ("  all phases / 2 cores (bound)", f"{out['phase_bound_docs_per_s_2']} docs/s", ""),
            ("peak RSS (parent)", f"{out['peak_rss_mb']} MB", "")]
    report("ingest speed", rows, out)
    return out


if __name__ == "__main__":
    main()
