"""Explorer speed: page-switch time on a synthetic 50k-document store (streamlit AppTest).

The store is shaped like the real one and written straight through ``graph.store`` (no
extraction): 300 central directives (NQ/KL/CT of TW, NĐ of CP), 63 provinces whose Tỉnh ủy and
UBND plans implement them, and district/department plans that implement the provincial ones.
Every file exists on disk with its text, so the document page highlights real offsets.

Measured in one process, as a user session sees it:

- cold: the first run (graph built from the store, caches empty) — paid once per server, not per user;
- switch: each page opened after another (``switch_page`` + ``run``), caches warm, ``--rounds``
  times; the heaviest views are used (the most-cited directive on the document and trace pages,
  with thousands of citing plans and the 500-node graph cap in play).

Prints a table, then ONE JSON object on the last line.  Usage:
``python benchmarks/app_speed.py [--docs 50000] [--rounds 3] [--store PATH]``
"""
from __future__ import annotations

import argparse
import json
import os
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from extract.jurisdiction import province_names  # noqa: E402
from extract.keys import slug  # noqa: E402
from graph.store import FileFacts, Store  # noqa: E402

PAGES = ("overview", "search", "document", "trace", "audit", "upload")
CENTRAL = [("NQ", "TW", "Nghị quyết", "Ban Chấp hành Trung ương"), ("KL", "TW", "Kết luận", "Ban Bí thư"),
           ("CT", "TW", "Chỉ thị", "Ban Bí thư"), ("NĐ", "CP", "Nghị định", "Chính phủ")]


def _doc(key, symbol, type_, code, number, date, issuer, issuer_code, province, title):
    return {"key": key, "symbol": symbol, "symbol_text": symbol, "type": type_, "type_code": code,
            "number": str(number), "date": date, "year": int(date[:4]), "place": province, "issuer": issuer,
            "issuer_code": issuer_code, "signer": None, "title": title, "province": province, "draft": 0}


def _cite(i, key, symbol, type_, code, issuer_code, relation, start, end, text):
    return {"ord": i, "key": key, "symbol": symbol, "original": symbol, "number": symbol.split("-")[0].split("/")[0],
            "family": "party" if "-" in symbol.split("/")[0] else "state", "type": type_, "type_code": code,
            "year": None, "issuer_code": issuer_code, "issuer": None, "date": None, "subject": None,
            "relation": relation, "start": start, "end": end, "text": text, "context": text,
            "repairs": "[]", "short_form": 0}


def build_store(path: str, n_docs: int, folder: Path, seed: int = 7) -> dict:
    """Write ``n_docs`` synthetic files (text on disk, facts in the store)."""
    rng = random.Random(seed)
    provinces = province_names()
    central = []
    for i in range(300):
        code, org, type_, issuer = CENTRAL[i % len(CENTRAL)]
        n = 100 + i
        symbol = f"{n}-{code}/{org}" if org == "TW" else f"{n}/{2000 + i % 25}/{code}-{org}"
        key = f"{n}|{'ND' if code == 'NĐ' else code}-{org}" if org == "TW" else f"{n}/{2000 + i % 25}|ND-CP"
        central.append((key, symbol, type_, code, org, issuer))
    hot = central[14]  # the most-cited directive: every provincial plan of one year implements it
    provincial: list[tuple] = []
    folder.mkdir(parents=True, exist_ok=True)
    t0 = time.perf_counter()
    with Store(path) as st:
        for i in range(n_docs):
            prov = provinces[i % len(provinces)]
            local = i < n_docs // 3
            issuer_code = rng.choice(["TU", "UBND"]) if local else rng.choice(["HU", "UBND"])
            number = i + 1
            symbol = f"{number}-KH/{issuer_code}" if issuer_code in ("TU", "HU") else f"{number}/KH-UBND"
            key = f"{number}|KH-{issuer_code}@{slug(prov)}"
            year = 2015 + i % 11
            date = f"{year}-{1 + i % 12:02d}-{1 + i % 28:02d}"
            if local:
                targets = [hot] if i % 5 == 0 else []
                targets += rng.sample(central, 2)
                targets = [(k, s, ty, c, o, "implements" if j == 0 else "cites") for j, (k, s, ty, c, o, _) in enumerate(targets)]
            else:
                same = [p for p in provincial[-400:] if p[0].endswith("@" + slug(prov))] or provincial[-5:]
                parent = rng.choice(same)
                targets = [(parent[0], parent[1], "Kế hoạch", "KH", None, "implements")]
                targets += [(k, s, ty, c, o, "cites") for k, s, ty, c, o, _ in rng.sample(central, 1)]
            head = (f"{'TỈNH ỦY' if issuer_code == 'TU' else 'ỦY BAN NHÂN DÂN'} {prov.upper()}\nSố: {symbol}\n"
                    f"{prov}, ngày {date[8:]} tháng {date[5:7]} năm {date[:4]}\n\nKẾ HOẠCH\n"
                    f"Triển khai công tác dân vận năm {year}\n\n")
            text, cites = head, []
            for j, (k, s, ty, c, o, rel) in enumerate(targets):
                lead = "Thực hiện " if rel == "implements" else "Căn cứ "
                start = len(text) + len(lead)
                phrase = f"{ty} số {s}"
                text += f"{lead}{phrase} về công tác dân vận; các cơ quan, đơn vị triển khai như sau.\n"
                cites.append(_cite(j, k, s, ty, c, o, rel, start, start + len(phrase), phrase))
            text += "\n".join(f"{n}. Nội dung nhiệm vụ thứ {n} của kế hoạch." for n in range(1, 8)) + "\n"
            file = folder / f"kh_{i:06d}.txt"
            file.write_text(text, encoding="utf-8")
            doc = _doc(key, symbol, "Kế hoạch", "KH", number, date,
                       ("Tỉnh ủy " if issuer_code == "TU" else "Ủy ban nhân dân tỉnh ") + prov, issuer_code, prov,
                       f"Kế hoạch triển khai công tác dân vận năm {year}")
            st.replace_file(FileFacts(path=str(file), sha256=f"{i:064x}", fingerprint="bench", size=len(text.encode()),
                                      doc=doc, citations=tuple(cites), province=prov, province_source="sidecar",
                                      encoding="utf-8", format="text", text_length=len(text)))
            if local:
                provincial.append((key, symbol))
    return {"docs": n_docs, "seconds": round(time.perf_counter() - t0, 1), "hot": hot[0]}


def measure(store: str, hot: str, rounds: int) -> dict:
    os.environ["CITEGRAPH_STORE"] = store
    from streamlit.testing.v1 import AppTest

    at = AppTest.from_file(str(REPO / "app.py"), default_timeout=900)
    at.query_params["doc"] = hot
    t = time.perf_counter()
    at.run()
    cold = {"overview": time.perf_counter() - t}
    for page in PAGES[1:]:  # first visit of each page fills its own caches
        t = time.perf_counter()
        at.switch_page(f"explorer/{page}.py").run()
        cold[page] = time.perf_counter() - t
    at.switch_page("explorer/search.py").run()
    at.text_input(key="q").set_value("114 CT TW")
    times: dict[str, list[float]] = {p: [] for p in PAGES}
    for _ in range(rounds):
        for page in PAGES:
            t = time.perf_counter()
            at.switch_page(f"explorer/{page}.py").run()
            times[page].append(time.perf_counter() - t)
            assert not at.exception, [e.value for e in at.exception]
    return {"cold": cold, "switch": times}


def main(argv: list[str] | None = None) -> dict:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--docs", type=int, default=50_000)
    ap.add_argument("--rounds", type=int, default=3)
    ap.add_argument("--store", help="reuse (or create) the synthetic store here")
    args = ap.parse_args(argv)

    tmp = tempfile.mkdtemp(prefix="cg-app-bench-")
    store = args.store or str(Path(tmp) / "store.sqlite")
    meta_file = Path(store + ".bench.json")
    if Path(store).exists() and meta_file.exists():
        built = json.loads(meta_file.read_text())
    else:
        built = build_store(store, args.docs, Path(store).parent / "bench_docs")
        meta_file.write_text(json.dumps(built))
    res = measure(store, built["hot"], args.rounds)

    from rich.console import Console
    from rich.table import Table

    table = Table(title=f"Explorer page switch, synthetic store of {built['docs']:,} documents (AppTest, warm caches)")
    for c in ("page", "first visit (s)", "switch median (s)", "switch max (s)"):
        table.add_column(c)
    for page in PAGES:
        sw = res["switch"][page]
        table.add_row(page, f"{res['cold'][page]:.2f}", f"{statistics.median(sw):.3f}", f"{max(sw):.3f}")
    Console().print(table)
    all_switch = [x for v in res["switch"].values() for x in v]
    figures = {"benchmark": "app_speed", "docs": built["docs"], "store_build_s": built["seconds"],
               "cold_start_s": round(res["cold"]["overview"], 2),
               "first_visit_s": {p: round(v, 2) for p, v in res["cold"].items()},
               "switch_median_s": {p: round(statistics.median(v), 3) for p, v in res["switch"].items()},
               "switch_max_s": round(max(all_switch), 3), "switch_median_all_s": round(statistics.median(all_switch), 3),
               "under_1s": max(all_switch) < 1.0, "rounds": args.rounds}
    print(json.dumps(figures, ensure_ascii=False))
    return figures


if __name__ == "__main__":
    main()
