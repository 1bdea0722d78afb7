"""Push speed and query latency against a real Neo4j 5: citegraph's push vs the bare batched UNWIND.

One run, one server (``tests.neo4j.server.start_server``, as the test fixture starts it; or the
server named by ``$CITEGRAPH_TEST_NEO4J_URI``, whose database is emptied), one store built from
../shared/corpus:

1. ``full push``: ``graph.neo4j.push.push(..., full=True)`` into an empty database, end to end
   (reads the store, builds the graph, hashes, sends, records the push state);
2. ``bare UNWIND``: the same rows, prepared in memory beforehand, sent with the push's own
   statements as bare batched ``UNWIND $rows AS r MERGE ... SET x = r.props``, one managed
   transaction per batch, nothing else running: the server's own speed for these rows.  The
   target is push >= 0.7x of it;
3. ``incremental push``: after one file changed (a citation appended, re-ingested untimed), and
   with nothing changed;
4. ``trace`` latency through Bolt (``graph.neo4j.backend.Neo4jBackend``) on a fixed sample of
   documents, p50/p95, beside the embedded store's (``graph.queries.MemoryBackend``) in the same run.

The server compiles its hot paths over the first pushes, so ``--warmup`` untimed rounds of bare
UNWIND + push come first; then the two alternate (``--reps`` each, best kept, range shown).
Prints a table and, as the LAST line, one JSON object.
"""
from __future__ import annotations

import argparse
import json
import shutil
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from graph.neo4j import push as ns  # noqa: E402
from graph.neo4j.rows import Label, load_file_props, store_rows  # noqa: E402
from graph.neo4j.schema import ensure_schema, node_merge_query, rel_merge_query  # noqa: E402
from tests.neo4j.server import components, external_from_env, start_server  # noqa: E402

CORPUS = ROOT.parent / "shared" / "corpus"
APPENDED = "\nCăn cứ Nghị quyết số 99-NQ/TW ngày 01/02/2020 của Bộ Chính trị.\n"


def build_store(corpus: Path, cache: Path) -> tuple[str, Path]:
    """A store of a copy of ``corpus`` under ``cache`` (the copy is what the incremental run edits)."""
    from graph.ingest import ingest
    from graph.store import StoreError

    cache.mkdir(parents=True, exist_ok=True)
    docs = cache / "corpus"
    if not docs.is_dir():
        shutil.copytree(corpus, docs)
    path = cache / "corpus.sqlite"
    t = time.perf_counter()
    try:
        rep = ingest([str(docs)], str(path))
    except StoreError:  # a cached store of another citegraph version: build it again
        path.unlink()
        rep = ingest([str(docs)], str(path))
    print(f"store: {path} ({len(rep.ingested)} ingested, {len(rep.unchanged)} unchanged, "
          f"{time.perf_counter() - t:.1f}s)", file=sys.stderr)
    return str(path), docs


def prepared_statements(store: str) -> list[tuple[str, list[list[dict]]]]:
    """Exactly what a full push sends, as (statement, batches), built before the clock starts."""
    from graph.build import from_store
    from graph.store import Store

    with Store(store) as st:
        rows = store_rows(st, from_store(st))
        load_file_props(st, rows.nodes[Label.SOURCE_FILE])
    out = []
    for label, items in rows.nodes.items():
        payload = [{"key": r["key"], "props": r["props"]} for r in items]
        cut = ns.batches(payload, [r["size"] for r in items], ns.DEFAULT_BATCH)
        out.append((node_merge_query(label), [ns.Rows(b) for b in cut]))
    for spec, items in rows.rels.items():
        payload = [{"src": r["src"], "dst": r["dst"], "relation": r["relation"], "props": r["props"]} for r in items]
        cut = ns.batches(payload, [r["size"] for r in items], ns.DEFAULT_BATCH)
        out.append((rel_merge_query(*spec), [ns.Rows(b) for b in cut]))
    return out


def bare_unwind(driver, db: str, prepared) -> float:
    t = time.perf_counter()
    with driver.session(database=db) as s:
        for q, batches in prepared:
            for b in batches:
                s.execute_write(lambda tx, b=b: tx.run(q, rows=b).consume())
    return time.perf_counter() - t


def wipe(driver, db: str) -> None:
    with driver.session(database=db) as s:  # CALL ... IN TRANSACTIONS runs in an implicit transaction
        s.run("MATCH (n) CALL (n) { DETACH DELETE n } IN TRANSACTIONS OF 2000 ROWS").consume()


def percentile(xs: list[float], p: float) -> float:
    xs = sorted(xs)
    return xs[min(len(xs) - 1, int(round(p / 100 * (len(xs) - 1))))]


def trace_latency(backend, keys: list[str]) -> list[float]:
    out = []
    for key in keys:
        t = time.perf_counter()
        backend.trace(key)
        out.append(time.perf_counter() - t)
    return out


def spread(xs: list[float]) -> str:
    return f"{min(xs):.2f}-{max(xs):.2f}" if len(xs) > 1 else f"{xs[0]:.2f}"


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--corpus", default=str(CORPUS))
    ap.add_argument("--cache", default=str(ROOT / ".citegraph" / "bench-push"))
    ap.add_argument("--reps", type=int, default=3)
    ap.add_argument("--warmup", type=int, default=2, help="untimed rounds of bare UNWIND + push first")
    ap.add_argument("--traces", type=int, default=200, help="documents in the trace latency sample")
    args = ap.parse_args()

    from graph.ingest import ingest
    from graph.neo4j.backend import Neo4jBackend
    from graph.queries import MemoryBackend

    store, docs = build_store(Path(args.corpus), Path(args.cache))
    victim = sorted(docs.glob("*.txt"))[0]
    original = victim.read_bytes()
    server = external_from_env() or start_server()
    try:
        driver = server.driver()
        db = server.database
        version = components(driver)
        prepared = prepared_statements(store)
        n_rows = sum(len(b) for _, batches in prepared for b in batches)
        ensure_schema(driver, db)
        push_times, bare_times, warm = [], [], []

        def run_push(times: list[float]) -> None:
            wipe(driver, db)
            t = time.perf_counter()
            rep = ns.push(store, driver, db, target=f"bench-{time.time()}", full=True)
            times.append(time.perf_counter() - t)
            assert rep.rows_sent == n_rows, (rep.rows_sent, n_rows)

        def run_bare(times: list[float]) -> None:
            wipe(driver, db)
            times.append(bare_unwind(driver, db, prepared))

        for _ in range(args.warmup):
            run_bare(warm)
            run_push(warm)
        for rep in range(args.reps):  # alternate so that neither always runs second
            if rep % 2 == 0:
                run_bare(bare_times)
                run_push(push_times)
            else:
                run_push(push_times)
                run_bare(bare_times)

        # incremental: the database now holds a full push to target "bench-inc"
        wipe(driver, db)
        ns.push(store, driver, db, target="bench-inc", full=True)
        incremental, unchanged = [], []
        try:
            for _ in range(args.reps):
                victim.write_bytes(original + APPENDED.encode() * (len(incremental) + 1))
                ingest([str(docs)], store)
                t = time.perf_counter()
                inc = ns.push(store, driver, db, target="bench-inc")
                incremental.append(time.perf_counter() - t)
                assert not inc.full and inc.files_changed == [str(victim)], inc.to_dict()
                t = time.perf_counter()
                same = ns.push(store, driver, db, target="bench-inc")
                unchanged.append(time.perf_counter() - t)
                assert same.rows_sent == 0
        finally:
            victim.write_bytes(original)
            ingest([str(docs)], store)
        inc_rows = inc.rows_sent

        mem = MemoryBackend.from_store(store)
        documents = sorted(n for n, d in mem.graph.nodes(data=True) if d.get("kind") == "document")
        step = max(1, len(documents) // args.traces)
        sample = documents[::step][:args.traces]
        neo = Neo4jBackend(server.uri, driver=driver, database=db)
        ns.push(store, driver, db, target="bench-inc")  # the restored file
        trace_latency(neo, sample[:20])  # warm-up
        bolt = trace_latency(neo, sample)
        local = trace_latency(mem, sample)
        driver.close()
    finally:
        server.stop()

    push_s, bare_s = min(push_times), min(bare_times)
    res = {
        "server": version, "rows": n_rows, "batch": ns.DEFAULT_BATCH,
        "full_push_s": round(push_s, 3), "bare_unwind_s": round(bare_s, 3),
        "push_rows_per_s": round(n_rows / push_s, 1), "bare_unwind_rows_per_s": round(n_rows / bare_s, 1),
        "ratio_to_bare_unwind": round(bare_s / push_s, 3),
        "incremental_one_file_s": round(min(incremental), 3), "incremental_one_file_rows": inc_rows,
        "incremental_unchanged_s": round(min(unchanged), 3),
        "trace_documents": len(sample),
        "trace_bolt_p50_ms": round(1000 * statistics.median(bolt), 1),
        "trace_bolt_p95_ms": round(1000 * percentile(bolt, 95), 1),
        "trace_embedded_p50_ms": round(1000 * statistics.median(local), 2),
        "trace_embedded_p95_ms": round(1000 * percentile(local, 95), 2),
        "push_times": [round(x, 3) for x in push_times], "bare_unwind_times": [round(x, 3) for x in bare_times],
        "incremental_times": [round(x, 3) for x in incremental], "warmup_times": [round(x, 3) for x in warm],
    }
    print(f"server: {version}; {n_rows} rows, batch {ns.DEFAULT_BATCH}, {args.warmup} warm-up rounds, "
          f"best of {args.reps}")
    print(f"{'method':<44}{'seconds (best)':>15}{'rows/s':>10}  all runs")
    print(f"{'full push (end to end)':<44}{push_s:>15.2f}{n_rows / push_s:>10,.0f}  {spread(push_times)}")
    print(f"{'bare batched UNWIND MERGE, same rows':<44}{bare_s:>15.2f}{n_rows / bare_s:>10,.0f}  {spread(bare_times)}")
    print(f"{'incremental push, one file changed':<44}{min(incremental):>15.2f}{'':>10}  {spread(incremental)} "
          f"({inc_rows} rows sent)")
    print(f"{'incremental push, nothing changed':<44}{min(unchanged):>15.2f}{'':>10}  {spread(unchanged)}")
    print(f"push = {res['ratio_to_bare_unwind']}x the bare UNWIND (target >= 0.7)")
    print(f"{'trace latency (ms)':<44}{'p50':>8}{'p95':>8}")
    print(f"{'  Neo4j through Bolt':<44}{res['trace_bolt_p50_ms']:>8}{res['trace_bolt_p95_ms']:>8}")
    print(f"{'  embedded store (in memory)':<44}{res['trace_embedded_p50_ms']:>8}{res['trace_embedded_p95_ms']:>8}")
    print(json.dumps(res, ensure_ascii=False))


if __name__ == "__main__":
    main()
