"""Push speed against the Bolt test server: citegraph's push vs a bare UNWIND MERGE vs row by row.

One run, one server, started exactly like the test fixture (``tests.neo4j.server.start_server``
with its defaults: ArcadeDB + Bolt, 1 GB heap, ParallelGC):

1. ``push``: ``graph.neo4j.push.push`` of the store built from ../shared/corpus into an empty
   database, end to end (reads the store, builds the graph, hashes, sends, records push state);
2. ``raw UNWIND``: the same rows, prepared in memory beforehand, sent with the push's own
   statements as bare batched ``UNWIND $rows AS r MERGE ... SET x = r.props`` (one managed
   transaction per batch, nothing else running): the server's own limit for these statements;
   ``plain UNWIND`` is the same with one plain statement per kind of row (no file + ``DESCRIBES``
   statement), for reference;
3. ``row by row``: one ``MERGE`` statement per row, three ways: every row in one managed
   transaction (``one_tx``, timed over all rows), one managed transaction per row
   (``tx_per_row``) and autocommit ``session.run`` per row (``autocommit``), the last two on a
   proportional subset of nodes and relationships, rows/s extrapolated to the full mix.  The
   ratio uses the fastest of the three (the most conservative baseline); the JSON also gives the
   ratio to each.

The server's JIT needs a few pushes to settle (the first push of a fresh server takes 2-3x
longer), so ``--warmup`` untimed rounds of raw + push (and 1,000 untimed row-by-row statements)
come first: every method is timed on a warm server.  Push and raw then alternate (``--reps``
each, best kept, range shown) to even out a busy machine.  Prints a table and, as the last line,
one JSON object.  ``--store`` reuses an existing store (else one is built or refreshed
incrementally under ``--cache``).
"""
from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from graph.neo4j import push as ns  # noqa: E402
from tests.neo4j.server import start_server  # noqa: E402

CORPUS = ROOT.parent / "shared" / "corpus"


def build_store(corpus: Path, cache: Path) -> str:
    from graph.ingest import ingest

    cache.mkdir(parents=True, exist_ok=True)
    path = cache / "corpus.sqlite"
    t = time.perf_counter()
    rep = ingest([str(corpus)], str(path))
    print(f"store: {path} ({len(rep.ingested)} ingested, {len(rep.unchanged)} unchanged, "
          f"{time.perf_counter() - t:.1f}s)", file=sys.stderr)
    return str(path)


def all_rows(store: str) -> ns.GraphRows:
    """Exactly the rows a full push sends."""
    from graph.build import from_store
    from graph.store import Store

    with Store(store) as st:
        G = from_store(st)
        rows = ns.graph_rows(G)
        frows = ns.file_rows(st)
        ns.load_file_props(st, frows)
        describes = ns.describes_rows(frows, G.graph.get("aliases") or {})
    rows.nodes[ns.Label.SOURCE_FILE] = frows
    rows.rels[("DESCRIBES", ns.Label.SOURCE_FILE, ns.Label.DOCUMENT)] = describes
    return rows


def wipe(driver, db: str) -> None:
    while True:  # in slices: one huge DETACH DELETE is slow on the test server
        recs, _, _ = driver.execute_query("MATCH (n) WITH n LIMIT 5000 DETACH DELETE n RETURN count(*) AS c",
                                          database_=db)
        if not recs or recs[0]["c"] == 0:
            return


def plain_queries(rows: ns.GraphRows):
    """(statement, rows, kind) with one plain ``UNWIND ... MERGE`` statement per kind of row."""
    for label, items in rows.nodes.items():
        yield ns.node_merge_query(label), [{"key": r["key"], "props": r["props"]} for r in items], "node"
    for spec, items in rows.rels.items():
        yield ns.rel_merge_query(*spec), [{"src": r["src"], "dst": r["dst"], "props": r["props"]} for r in items], "rel"


DESCRIBES = ("DESCRIBES", ns.Label.SOURCE_FILE, ns.Label.DOCUMENT)


def raw_queries(rows: ns.GraphRows):
    """The statements a full push sends, on the prepared rows, without the push's machinery.

    Nodes, then each file with its ``DESCRIBES`` edge in one statement (``file_describes_query``,
    as the push does), then the other relationships: the same rows, the same Cypher.
    """
    for label, items in rows.nodes.items():
        if label is not ns.Label.SOURCE_FILE:
            yield ns.node_merge_query(label), [{"key": r["key"], "props": r["props"]} for r in items], "node"
    dst = {r["src"]: r for r in rows.rels.get(DESCRIBES, [])}
    files = rows.nodes.get(ns.Label.SOURCE_FILE, [])
    yield ns.node_merge_query(ns.Label.SOURCE_FILE), [{"key": r["key"], "props": r["props"]}
                                                     for r in files if r["key"] not in dst], "node"
    yield ns.file_describes_query(), [{"key": r["key"], "props": r["props"], "doc": dst[r["key"]]["dst"],
                                       "rel": dst[r["key"]]["props"]} for r in files if r["key"] in dst], "node"
    for spec, items in rows.rels.items():
        if spec != DESCRIBES:
            yield ns.rel_merge_query(*spec), [{"src": r["src"], "dst": r["dst"], "props": r["props"]}
                                              for r in items], "rel"


def raw_unwind(driver, db: str, prepared, batch: int) -> float:
    """Bare batched UNWIND MERGE; batches cut beforehand (same row and size caps as the push).

    The batches are the push's own ``_Rows`` lists, which spare the driver formatting them for
    its debug log: the raw send gets every client-side saving the push has.
    """
    cut = [(q, [ns._Rows(b) for b in ns._batches(items, batch)]) for q, items, _ in prepared]
    t = time.perf_counter()
    with driver.session(database=db) as s:
        for q, batches in cut:
            for b in batches:
                s.execute_write(lambda tx, b=b: tx.run(q, rows=b).consume())
    return time.perf_counter() - t


ROW_BY_ROW = ("one_tx", "tx_per_row", "autocommit")


def row_by_row(driver, db: str, prepared, sample: int, variant: str) -> tuple[float, float, int, int]:
    """Seconds per node row and per relationship row with one MERGE statement per row.

    ``one_tx``: every row of the sample in one managed transaction; ``tx_per_row``: one managed
    transaction per row; ``autocommit``: ``session.run`` per row (the driver README's loop).
    """
    def one_by_one(q: str, items: list[dict]) -> float:
        single = q.replace("UNWIND $rows AS r ", "WITH $r AS r ", 1)
        t = time.perf_counter()
        with driver.session(database=db) as s:
            if variant == "one_tx":
                def work(tx):
                    for it in items:
                        tx.run(single, r=it).consume()
                s.execute_write(work)
            elif variant == "tx_per_row":
                for it in items:
                    s.execute_write(lambda tx, it=it: tx.run(single, r=it).consume())
            else:
                for it in items:
                    s.run(single, r=it).consume()
        return time.perf_counter() - t

    nodes = [(q, it) for q, it, kind in prepared if kind == "node"]
    rels = [(q, it) for q, it, kind in prepared if kind == "rel"]
    n_total = sum(len(it) for _, it in nodes)
    r_total = sum(len(it) for _, it in rels)
    wipe(driver, db)
    t_nodes = n_done = 0
    for q, items in nodes:  # a proportional slice of every label
        take = items[:max(1, len(items) * sample // max(n_total, 1))]
        t_nodes += one_by_one(q, take)
        n_done += len(take)
    for q, items in nodes:  # endpoints for the relationship sample (not timed; size-capped batches)
        for b in ns._batches(items, 5000):
            driver.execute_query(q, rows=b, database_=db)
    t_rels = r_done = 0
    for q, items in rels:
        take = items[:max(1, len(items) * sample // max(r_total, 1))]
        t_rels += one_by_one(q, take)
        r_done += len(take)
    return t_nodes / n_done, t_rels / r_done, n_done, r_done


def spread(xs: list[float]) -> str:
    return f"{min(xs):.2f}-{max(xs):.2f}" if len(xs) > 1 else f"{xs[0]:.2f}"


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--store", help="an existing store (default: build from --corpus into --cache)")
    ap.add_argument("--corpus", default=str(CORPUS))
    ap.add_argument("--cache", default=str(ROOT / ".citegraph" / "bench"))
    ap.add_argument("--batch", type=int, default=ns.DEFAULT_BATCH)
    ap.add_argument("--reps", type=int, default=3)
    ap.add_argument("--warmup", type=int, default=3, help="untimed rounds of raw + push before the timed ones")
    ap.add_argument("--sample", type=int, default=500,
                    help="rows of each kind for the per-row-transaction and autocommit runs")
    args = ap.parse_args()

    store = args.store or build_store(Path(args.corpus), Path(args.cache))
    server = start_server()  # the test fixture's server, JVM flags and heap included
    try:
        driver = server.driver()
        db = server.database
        rows = all_rows(store)
        prepared = list(raw_queries(rows))
        plain = list(plain_queries(rows))
        n_rows = rows.count()
        n_nodes = sum(len(v) for v in rows.nodes.values())
        assert sum(len(items) for _, items, _ in prepared) + len(rows.rels.get(DESCRIBES, [])) == n_rows
        ns.ensure_schema(driver, db)
        push_times, raw_times = [], []

        def run_push(rep: int, times: list[float]) -> None:
            wipe(driver, db)
            t = time.perf_counter()
            rep_ = ns.push(store, driver, db, target=f"bench-{rep}-{time.time()}", full=True,
                           batch_size=args.batch, connect=server.driver)
            times.append(time.perf_counter() - t)
            assert rep_.rows_sent == n_rows, (rep_.rows_sent, n_rows)

        def run_raw(times: list[float]) -> None:
            wipe(driver, db)
            times.append(raw_unwind(driver, db, prepared, args.batch))

        # The server compiles its hot paths (JIT) over the first few pushes: time a warm server, as
        # the row-by-row runs (which come last) are.
        warm: list[float] = []
        for rep in range(args.warmup):
            run_raw(warm)
            run_push(-rep - 1, warm)
        for rep in range(args.reps):  # alternate the order so neither always runs on a fresher server
            if rep % 2 == 0:
                run_raw(raw_times)
                run_push(rep, push_times)
            else:
                run_push(rep, push_times)
                run_raw(raw_times)
        plain_times: list[float] = []
        for rep in range(args.reps):
            wipe(driver, db)
            plain_times.append(raw_unwind(driver, db, plain, args.batch))
        row_by_row(driver, db, plain, 1000, "one_tx")  # warm-up of the one-statement-per-row paths
        variants = {}
        for v in ROW_BY_ROW:
            sample = n_rows if v == "one_tx" else args.sample
            per_node, per_rel, n_s, r_s = row_by_row(driver, db, plain, sample, v)
            variants[v] = {"s_extrapolated": per_node * n_nodes + per_rel * (n_rows - n_nodes),
                           "sample_nodes": n_s, "sample_relationships": r_s}
        driver.close()
    finally:
        server.stop()

    push_s, raw_s = min(push_times), min(raw_times)
    fastest = min(variants, key=lambda v: variants[v]["s_extrapolated"])  # the most conservative baseline
    rbr_s = variants[fastest]["s_extrapolated"]
    res = {
        "rows": n_rows, "nodes": n_nodes, "relationships": n_rows - n_nodes, "batch": args.batch,
        "push_s": round(push_s, 3), "raw_unwind_s": round(raw_s, 3), "row_by_row_s_extrapolated": round(rbr_s, 3),
        "push_rows_per_s": round(n_rows / push_s, 1),
        "raw_unwind_rows_per_s": round(n_rows / raw_s, 1),
        "row_by_row_rows_per_s": round(n_rows / rbr_s, 1),
        "row_by_row_variant": fastest,
        "row_by_row_variants": {v: {"rows_per_s": round(n_rows / d["s_extrapolated"], 1), **{
            k: (round(x, 3) if isinstance(x, float) else x) for k, x in d.items()}} for v, d in variants.items()},
        "ratio_to_raw": round(raw_s / push_s, 3),
        "ratio_to_row_by_row": round(rbr_s / push_s, 2),
        "ratio_to_row_by_row_variants": {v: round(d["s_extrapolated"] / push_s, 2) for v, d in variants.items()},
        "raw_to_row_by_row": round(rbr_s / raw_s, 2),
        "plain_unwind_s": round(min(plain_times), 3),
        "push_times": [round(x, 3) for x in push_times], "raw_times": [round(x, 3) for x in raw_times],
        "plain_unwind_times": [round(x, 3) for x in plain_times],
        "warmup_times": [round(x, 3) for x in warm],
        "server": "ArcadeDB 26.10.2 + Bolt (arcadedb-embedded), 127.0.0.1, started as the test fixture does",
    }
    print(f"{'method':<36}{'seconds (best)':>15}{'rows/s':>10}{'  all runs':<20}")
    print(f"{'citegraph push (end to end)':<36}{push_s:>15.2f}{res['push_rows_per_s']:>10,.0f}  {spread(push_times)}")
    print(f"{'bare batched UNWIND MERGE':<36}{raw_s:>15.2f}{res['raw_unwind_rows_per_s']:>10,.0f}  {spread(raw_times)}")
    print(f"{'  same, plain statements':<36}{min(plain_times):>15.2f}{n_rows / min(plain_times):>10,.0f}  "
          f"{spread(plain_times)}")
    for v, d in variants.items():
        label = f"row-by-row MERGE, {v}" + (" *" if v == fastest else "")
        print(f"{label:<36}{d['s_extrapolated']:>15.2f}{n_rows / d['s_extrapolated']:>10,.0f}  "
              f"push = {d['s_extrapolated'] / push_s:.1f}x")
    print(f"{n_rows} rows ({n_nodes} nodes, {n_rows - n_nodes} relationships), batch {args.batch}, "
          f"{args.warmup} warm-up rounds; push = {res['ratio_to_raw']}x raw (target >= 0.7), "
          f"{res['ratio_to_row_by_row']}x row-by-row (target >= 10; * = fastest row-by-row variant, "
          "used for the ratio)")
    print(json.dumps(res, ensure_ascii=False))


if __name__ == "__main__":
    main()
