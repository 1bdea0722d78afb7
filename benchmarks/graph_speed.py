"""Graph speed: ingest of the whole corpus, and trace latency on a synthetic 100k-document /
1M-edge graph against a plain BFS baseline in the same run.

The synthetic graph is shaped like the real one: central directives, provincial plans that
implement them, district plans that implement provincial ones, and random ``cites`` edges for
the rest.  ``trace`` answers the full question (chains, evidence, TraceItems); the baseline is a
plain BFS over ``G.in_edges`` filtering relations, which returns only the reached keys.
Ingest runs ``--ingest-runs`` times into fresh stores (best kept: one run of a few seconds is at
the mercy of whatever else the machine does).
Last line: JSON with ingest_docs_per_s, trace_p50_ms, trace_p95_ms, bfs_p95_ms, peak_rss_mb.

    python benchmarks/graph_speed.py [--docs 100000] [--edges 1000000] [--limit N] [--skip-ingest]
                                     [--ingest-runs 2]
"""
from __future__ import annotations

import argparse
import random
import sys
import tempfile
import time
from collections import deque
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
sys.path.insert(0, str(Path(__file__).resolve().parent))

import networkx as nx  # noqa: E402

from _common import corpus_files, fresh_store, pct, peak_rss_mb, report  # noqa: E402
from graph import queries  # noqa: E402
from graph.ingest import ingest  # noqa: E402


def synthetic(n_docs: int, n_edges: int, seed: int = 7) -> nx.MultiDiGraph:
    rnd = random.Random(seed)
    provinces = [f"p{i:02d}" for i in range(63)]
    n_central = max(10, n_docs // 500)
    n_prov = n_docs // 5
    G = nx.MultiDiGraph()
    central = [f"{i}|NQ-TW" for i in range(n_central)]
    prov = [f"{i}|KH-TU@{provinces[i % 63]}" for i in range(n_prov)]
    dist = [f"{i}|KH-HU@{provinces[i % 63]}" for i in range(n_docs - n_central - n_prov)]
    for k in central:
        G.add_node(k, kind="document", symbol=k, province=None)
    for k in prov + dist:
        G.add_node(k, kind="document", symbol=k, province=k.rsplit("@", 1)[1])
    by_prov: dict[str, list[str]] = {}
    for k in prov:
        by_prov.setdefault(k.rsplit("@", 1)[1], []).append(k)
    edges = 0
    for k in prov:
        for t in rnd.sample(central, 2):
            G.add_edge(k, t, key="implements", rel="implements"); edges += 1
    for k in dist:
        for t in rnd.sample(by_prov[k.rsplit("@", 1)[1]], 2):
            G.add_edge(k, t, key="implements", rel="implements"); edges += 1
    nodes = central + prov + dist
    while edges < n_edges:
        s, t = rnd.choice(nodes), rnd.choice(nodes)
        if s != t and not G.has_edge(s, t, key="cites"):
            G.add_edge(s, t, key="cites", rel="cites"); edges += 1
    return G


def plain_bfs(G: nx.MultiDiGraph, key: str, up: bool) -> list[str]:
    """The baseline: textbook BFS over networkx edges, the relations trace follows by default
    (implementing; no citing hop), no chains or evidence."""
    follow = set(queries.TRACE_RELATIONS)
    seen, out, dq = {key}, [], deque([key])
    while dq:
        node = dq.popleft()
        edges = G.out_edges(node, keys=True) if up else G.in_edges(node, keys=True)
        for u, v, k in edges:
            nbr = v if up else u
            if nbr in seen:
                continue
            if k in follow:
                seen.add(nbr); out.append(nbr); dq.append(nbr)
    return out


def main(argv: list[str] | None = None) -> dict:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--docs", type=int, default=100_000)
    ap.add_argument("--edges", type=int, default=1_000_000)
    ap.add_argument("--queries", type=int, default=300)
    ap.add_argument("--limit", type=int, default=None, help="ingest only the first N corpus files")
    ap.add_argument("--skip-ingest", action="store_true")
    ap.add_argument("--ingest-runs", type=int, default=2, help="fresh-store ingests of the corpus; the best is kept")
    args = ap.parse_args(argv)
    out: dict = {}
    rows = []
    if not args.skip_ingest:
        files = corpus_files(limit=args.limit)
        with tempfile.TemporaryDirectory() as tmp:
            runs = [ingest(files, fresh_store(tmp, f"corpus{i}")) for i in range(args.ingest_runs)]
            rep = min(runs, key=lambda r: r.seconds)  # a fresh store each time; best run kept
            out["ingest_docs_per_s"] = round(len(files) / rep.seconds, 1)
            out["ingest_runs_docs_per_s"] = [round(len(files) / r.seconds, 1) for r in runs]
            out["ingest_workers"] = rep.workers
            rep2 = ingest(files, fresh_store(tmp, "corpus0"))
            out["reingest_unchanged_docs_per_s"] = round(len(files) / rep2.seconds, 1)
        rows += [("ingest corpus", f"{len(files)} files, {out['ingest_docs_per_s']} docs/s ({rep.workers} workers)", ""),
                 ("re-ingest unchanged", f"{out['reingest_unchanged_docs_per_s']} docs/s", "")]
    t = time.perf_counter()
    G = synthetic(args.docs, args.edges)
    out["synthetic_build_s"] = round(time.perf_counter() - t, 1)
    out["synthetic_nodes"], out["synthetic_edges"] = G.number_of_nodes(), G.number_of_edges()
    rnd = random.Random(11)
    nodes = list(G.nodes)
    tiers = [[n for n in nodes if "TW" in n], [n for n in nodes if "-TU@" in n], [n for n in nodes if "-HU@" in n]]
    sample = [(rnd.choice(tiers[i % 3]), rnd.random() < 0.5) for i in range(args.queries)]  # every level
    t = time.perf_counter()
    queries.trace(G, sample[0][0], up=True)
    queries.trace(G, sample[0][0])  # first call builds the adjacency index (cached on the graph)
    out["index_build_s"] = round(time.perf_counter() - t, 2)
    trace_ms, bfs_ms = [], []
    for key, up in sample:
        t = time.perf_counter(); res = queries.trace(G, key, up=up); trace_ms.append((time.perf_counter() - t) * 1000)
        t = time.perf_counter(); base = plain_bfs(G, key, up); bfs_ms.append((time.perf_counter() - t) * 1000)
        assert {i.key for i in res.items} == set(base), key  # same answer
    out.update({"trace_p50_ms": round(pct(trace_ms, 50), 3), "trace_p95_ms": round(pct(trace_ms, 95), 3),
                "bfs_p50_ms": round(pct(bfs_ms, 50), 3), "bfs_p95_ms": round(pct(bfs_ms, 95), 3),
                "peak_rss_mb": round(peak_rss_mb(), 1)})
    ratio = out["bfs_p95_ms"] / out["trace_p95_ms"] if out["trace_p95_ms"] else float("nan")
    rows += [("synthetic graph", f"{out['synthetic_nodes']} nodes, {out['synthetic_edges']} edges "
              f"(built in {out['synthetic_build_s']} s, index {out['index_build_s']} s)", ""),
             ("plain BFS p50 / p95 (baseline)", f"{out['bfs_p50_ms']} / {out['bfs_p95_ms']} ms", "1.00"),
             ("trace p50 / p95", f"{out['trace_p50_ms']} / {out['trace_p95_ms']} ms", f"{ratio:.2f} (baseline p95 / trace p95)"),
             ("peak RSS", f"{out['peak_rss_mb']} MB", "")]
    report("graph speed", rows, out)
    return out


if __name__ == "__main__":
    main()
