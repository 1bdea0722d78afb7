"""Audit speed: seconds to audit a store of the whole shared corpus, against a baseline.

    python benchmarks/audit_speed.py [--store PATH] [--corpus DIR] [--repeat N]

Ingests the corpus into a temporary store once (or uses ``--store``), then times, in the same
process: the baseline (one plain pass over the store's citations: SELECT and touch every row),
loading the audit's records, and the full audit (all kinds).  Prints a table; the LAST line is
one JSON object with the figures.
"""
from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from graph.audit import audit_facts, load_facts  # noqa: E402
from graph.store import Store  # noqa: E402


def _best(fn, repeat: int) -> tuple[float, object]:
    times, out = [], None
    for _ in range(repeat):
        t0 = time.perf_counter()
        out = fn()
        times.append(time.perf_counter() - t0)
    return min(times), out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--store", help="an existing store of the corpus (default: ingest into a temp dir)")
    ap.add_argument("--corpus", default="/work/shared/corpus")
    ap.add_argument("--repeat", type=int, default=3)
    args = ap.parse_args()

    ingest_s = None
    if args.store:
        store_path = args.store
    else:
        from graph.ingest import ingest

        store_path = str(Path(tempfile.mkdtemp(prefix="audit-bench-")) / "corpus.sqlite")
        t0 = time.perf_counter()
        rep = ingest([args.corpus], store_path)
        ingest_s = time.perf_counter() - t0
        if rep.failed:
            print(f"{len(rep.failed)} file(s) failed to ingest", file=sys.stderr)

    with Store(store_path, readonly=True) as st:
        counts = st.counts()

        def baseline():
            n = 0
            for row in st.conn.execute("SELECT key, symbol, date, issuer, relation, context FROM citations"):
                n += len(row[0]) + (1 if row[2] else 0)
            return n

        base_s, _ = _best(baseline, args.repeat)
        load_s, facts = _best(lambda: load_facts(st), args.repeat)
        checks_s, findings = _best(lambda: audit_facts(facts), args.repeat)
        total_s, _ = _best(lambda: audit_facts(load_facts(st)), args.repeat)

    by_kind = Counter(f.kind for f in findings)
    rows = [("baseline: plain pass over citations", base_s), ("load records (docs, citations, stated)", load_s),
            ("checks only (all kinds)", checks_s), ("audit total (load + checks)", total_s)]
    print(f"store: {store_path}  files={counts['files']} citations={counts['citations']} stated={counts['stated']}")
    if ingest_s is not None:
        print(f"ingest (not timed in the audit figures): {ingest_s:.1f} s")
    print(f"{'step':<42}{'seconds':>10}{'x baseline':>12}")
    for name, s in rows:
        print(f"{name:<42}{s:>10.3f}{s / base_s if base_s else float('nan'):>12.1f}")
    print("findings: " + ", ".join(f"{k}={v}" for k, v in sorted(by_kind.items())) + f" (total {len(findings)})")
    print(json.dumps({"benchmark": "audit_speed", "files": counts["files"], "citations": counts["citations"],
                      "baseline_s": round(base_s, 4), "load_s": round(load_s, 4), "checks_s": round(checks_s, 4),
                      "audit_s": round(total_s, 4), "ratio_vs_baseline": round(total_s / base_s, 1) if base_s else None,
                      "findings": len(findings), "by_kind": dict(sorted(by_kind.items())),
                      "repeat": args.repeat, "python": sys.version.split()[0]}, ensure_ascii=False))


if __name__ == "__main__":
    main()
