"""Implements relations a policy officer reads in real documents reach ``trace``; what the text does
not state as implementing ("Căn cứ", "Trên cơ sở", "tình hình thực hiện", a list after "quy định
chi tiết ... thi hành Luật X") does not.  The cases (implements_judged_corpus.json) were judged by
reading ~40 documents of ../shared/corpus; they are checked on a store of exactly those files."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from graph import queries as q

CASES = json.loads((Path(__file__).with_name("implements_judged_corpus.json")).read_text(encoding="utf-8"))["cases"]


@pytest.fixture(scope="module")
def judged_graph(tmp_path_factory, corpus_dir):
    from graph.build import from_store
    from graph.ingest import ingest

    store = tmp_path_factory.mktemp("judged") / "store.sqlite"
    report = ingest([corpus_dir / c["file"] for c in CASES], store, workers=1)
    assert not report.failed
    return from_store(store)


def _own_keys(G, file: str) -> set[str]:
    return {n for n, d in G.nodes(data=True) if any(Path(f).name == file for f in d.get("files") or ())}


def _stated(G, case: dict, pair: list[str]) -> bool:
    """True when ``trace`` of the target lists the source as an implementing item (one hop)."""
    src, dst = pair
    sources = _own_keys(G, case["file"]) if src == "" else set(q.candidates(G, src))
    for key in q.candidates(G, dst):
        if any(i.rel == "implements" and i.key in sources for i in q.trace(G, key, max_depth=1).items):
            return True
    return False


@pytest.mark.parametrize("case", CASES, ids=[c["file"] for c in CASES])
def test_stated_implements_reach_trace(judged_graph, case):
    missing = [p for p in case["implements"] if not _stated(judged_graph, case, p)]
    assert not missing, f"{case['file']}: stated implements not in trace: {missing}"


@pytest.mark.parametrize("case", [c for c in CASES if c.get("not_implements")],
                         ids=[c["file"] for c in CASES if c.get("not_implements")])
def test_unstated_implements_stay_out_of_trace(judged_graph, case):
    wrong = [p for p in case["not_implements"] if _stated(judged_graph, case, p)]
    assert not wrong, f"{case['file']}: shown as implementing, text does not say so: {wrong}"


def test_trace_up_of_a_plan_reaches_what_its_parent_implements(judged_graph):
    # vb_000245: "Thực hiện Kế hoạch số 283/KH-UBND ... về thực hiện Nghị quyết số 71/NQ-CP ... và Chương
    # trình hành động số 10-CTr/TU ... về thực hiện Nghị quyết số 57-NQ/TW"
    own = _own_keys(judged_graph, "vb_000245.txt")
    assert len(own) == 1
    up = {i.symbol: i for i in q.trace(judged_graph, own.pop(), up=True).items}
    assert {"283/KH-UBND", "71/NQ-CP", "10-CTr/TU", "57-NQ/TW"} <= set(up)
    assert up["57-NQ/TW"].chain[-2:] == ("10-CTr/TU", "57-NQ/TW")
