"""Explorer speed as a person feels it: navigation-to-content time of every page in a real
browser (Playwright driving Debian's Chromium, no browser download).

Two stores, each ingested fresh through ``graph.ingest``: the bundled ``data/`` corpus and the
871 documents of ``../shared/corpus``.  For each, the explorer is served by ``streamlit run
app.py`` on 127.0.0.1; every page is opened once to fill the server's shared caches (reported as
"first visit"), then ``--rounds`` times by URL, as a user following a link would.  The time runs
from the start of the navigation until the page's own content is drawn (its table, text, graph or
findings) and Streamlit has finished the run.

Baseline, measured in the same run on the same server: the upload page, which reads no graph
(Streamlit's own load cost).  Prints a table, then ONE JSON object on the last line with
``browser_corpus_p95_s`` (and ``browser_bundled_p95_s``).

Usage: ``python benchmarks/app_speed.py [--rounds 5] [--corpus ../shared/corpus] [--chromium PATH]``
"""
from __future__ import annotations

import argparse
import json
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path
from urllib.parse import quote

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from benchmarks._common import CORPUS, pct  # noqa: E402

READY = '[data-testid="stApp"][data-test-script-state="notRunning"]'
# page -> (path with query, selector of its own content)
CONTENT = {
    "overview": '[data-testid="most-cited"]',
    "search": '[data-testid="search-results"]',
    "document": '.cg-text, [data-testid="cited-by"]',
    "trace": '[data-testid="cg-trace-graph"]',
    "audit": '[data-testid="audit-groups"]',
    "upload": '[data-testid="stFileUploader"]',
}


def ingest(folder: Path, store: Path) -> float:
    from graph.ingest import ingest as run

    t = time.perf_counter()
    report = run([folder], store)
    if not report.ingested:
        raise SystemExit(f"nothing ingested from {folder}")
    return time.perf_counter() - t


def pages_for(store: Path) -> dict[str, str]:
    """The heaviest views: the most-cited document (document page), the directive with the most
    implementing documents (trace page), a search for its symbol."""
    from graph import queries
    from graph.build import from_store

    G = from_store(str(store))
    top = queries.most_cited(G, 1)[0]["key"]
    best, best_n = top, -1
    for r in queries.most_cited(G, 30):
        n = len(queries.trace(G, r["key"], include_citing=False).items)
        if n > best_n:
            best, best_n = r["key"], n
    symbol = G.nodes[best].get("symbol") or best
    with_file = max((n for n, d in G.nodes(data=True) if d.get("kind") == "document" and d.get("files")),
                    key=lambda n: len(list(G.in_edges(n))))
    return {"overview": "/overview", "search": f"/search?q={quote(symbol)}", "document": f"/document?doc={quote(top)}",
            "document_text": f"/document?doc={quote(with_file)}", "trace": f"/trace?doc={quote(best)}",
            "audit": "/audit", "upload": "/upload"}


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def serve(store: Path, log: Path) -> tuple[subprocess.Popen, str]:
    from graph.cli.serve import streamlit_command

    port = _free_port()
    argv, env = streamlit_command(str(store), port=port, address="127.0.0.1", headless=True,
                                  extra=["--server.fileWatcherType=none"])
    proc = subprocess.Popen(argv, env=env, cwd=REPO, stdout=log.open("wb"), stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 90
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as r:
                if r.read().strip() == b"ok":
                    return proc, url
        except OSError:
            time.sleep(0.2)
    proc.terminate()
    raise SystemExit(f"the explorer did not start: {log.read_text(errors='replace')[-2000:]}")


def visit(page, url: str, selector: str) -> float:
    t = time.perf_counter()
    page.goto(url, wait_until="commit")
    page.wait_for_selector(selector, timeout=120_000)
    page.wait_for_selector(READY, timeout=120_000)
    return time.perf_counter() - t


def measure(browser, store: Path, rounds: int, log: Path) -> dict:
    paths = pages_for(store)
    proc, base = serve(store, log)
    try:
        ctx = browser.new_context(viewport={"width": 1400, "height": 1000}, locale="vi-VN")
        page = ctx.new_page()
        first = {name: visit(page, base + p, CONTENT[name.split("_")[0]]) for name, p in paths.items()}
        times: dict[str, list[float]] = {name: [] for name in paths}
        for _ in range(rounds):
            for name, p in paths.items():
                times[name].append(visit(page, base + p, CONTENT[name.split("_")[0]]))
        ctx.close()
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=15)
        except subprocess.TimeoutExpired:
            proc.kill()
    return {"first": first, "times": times, "paths": paths}


def main(argv: list[str] | None = None) -> dict:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--rounds", type=int, default=5)
    ap.add_argument("--corpus", type=Path, default=CORPUS)
    ap.add_argument("--chromium", default=shutil.which("chromium") or "/usr/bin/chromium")
    args = ap.parse_args(argv)
    from playwright.sync_api import sync_playwright

    tmp = Path(tempfile.mkdtemp(prefix="cg-app-speed-"))
    stores = {"bundled": REPO / "data", "corpus": args.corpus}
    results, built = {}, {}
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=args.chromium, args=["--disable-gpu", "--disable-dev-shm-usage"])
        try:
            for name, folder in stores.items():
                store = tmp / f"{name}.sqlite"
                built[name] = ingest(folder, store)
                results[name] = measure(browser, store, args.rounds, tmp / f"{name}.log")
        finally:
            browser.close()
    shutil.rmtree(tmp, ignore_errors=True)

    from rich.console import Console
    from rich.table import Table

    figures: dict = {"benchmark": "app_speed", "rounds": args.rounds}
    for name, res in results.items():
        base = sorted(res["times"]["upload"])[len(res["times"]["upload"]) // 2]
        table = Table(title=f"{name} store: navigation to content in Chromium (s), {args.rounds} rounds; "
                            f"baseline = upload page (no graph), median {base:.2f} s")
        for c in ("page", "first visit", "median", "p95", "max", "median / baseline"):
            table.add_column(c)
        everything = []
        for page, ts in res["times"].items():
            everything += ts
            med = sorted(ts)[len(ts) // 2]
            table.add_row(page, f"{res['first'][page]:.2f}", f"{med:.2f}", f"{pct(ts, 95):.2f}", f"{max(ts):.2f}",
                          f"{med / base:.2f}")
        Console().print(table)
        figures[f"browser_{name}_p95_s"] = round(pct(everything, 95), 3)
        figures[f"browser_{name}_median_s"] = round(sorted(everything)[len(everything) // 2], 3)
        figures[f"browser_{name}_baseline_s"] = round(base, 3)
        figures[f"{name}_first_visit_s"] = {k: round(v, 2) for k, v in res["first"].items()}
        figures[f"{name}_p95_by_page_s"] = {k: round(pct(v, 95), 3) for k, v in res["times"].items()}
        figures[f"{name}_ingest_s"] = round(built[name], 1)
    print(json.dumps(figures, ensure_ascii=False))
    return figures


if __name__ == "__main__":
    main()
