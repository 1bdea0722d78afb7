"""Truy vết: implementing documents by default (counts equal the library's trace and coverage),
citing ones behind a toggle, a drawn graph whose nodes open their documents."""
import re

from tests.explorer.conftest import cells


def texts(elements) -> list[str]:
    return [e.value for e in elements]


def summary(at) -> str:
    return next(m for m in texts(at.markdown) if "văn bản triển khai tại" in m)


def test_counts_equal_trace_and_coverage(app, explorer_store):
    from graph import queries
    from graph.build import from_store

    G = from_store(explorer_store)
    n = len(queries.trace(G, "114|KL-TW~2015", include_citing=False).items)
    p = len(queries.coverage(G, "114|KL-TW~2015")["covered"])
    at = app("trace", doc="114|KL-TW~2015")
    assert at.text_input(key="trace_q").value == "114-KL/TW"
    assert summary(at) == f"**{n} văn bản triển khai tại {p} tỉnh/thành**"
    assert {"116-KH/TU", "77/KH-UBND"} <= set(cells(at, "trace-table", 2))
    assert set(cells(at, "trace-table", 6)) == {"triển khai"}  # implementing only by default
    assert at.download_button(key="trace_csv") is not None and at.download_button(key="trace_xlsx") is not None


def test_citing_toggle_adds_citing_documents(app):
    at = app("trace", doc="114|KL-TW~2015")
    before = len(cells(at, "trace-table", 2))
    at.toggle(key="trace_citing").set_value(True).run()
    assert not at.exception
    assert len(cells(at, "trace-table", 2)) >= before


def test_graph_nodes_open_documents(app):
    at = app("trace", doc="114|KL-TW~2015")
    svg = next(m for m in texts(at.markdown) if m.startswith("<svg"))
    hrefs = re.findall(r'<a href="([^"]+)" target="_self" class="cg-node">', svg)
    assert "./document?doc=114%7CKL-TW~2015" in hrefs and len(hrefs) >= 3


def test_colour_by_province_and_depth(app):
    at = app("trace", doc="114|KL-TW~2015")
    at.radio(key="trace_colour").set_value("province").run()
    at.selectbox(key="trace_depth").set_value(1).run()
    assert not at.exception
    assert any("Phú Yên" in h.proto.body for h in at.html)


def test_trace_unknown(app):
    at = app("trace")
    assert any("Chọn một văn bản" in i for i in texts(at.info))
    at.text_input(key="trace_q").input("999-XX/YY").run()
    assert any("Không tìm thấy" in w for w in texts(at.warning))


def test_graph_is_capped_and_escaped_once():
    from explorer.graphview import GRAPH_NODE_CAP, doc_level, trace_svg
    from graph import build, queries

    triples = [(f"{i}|KH-TU@phu-yen", "implements", "114|KL-TW~2015") for i in range(1, 1200)]
    G = build.from_edges(triples)
    G.nodes["1|KH-TU@phu-yen"]["symbol"] = "0<b>1</b>"  # a hostile symbol
    svg, legend, shown = trace_svg(G, queries.trace(G, "114|KL-TW~2015"))
    assert shown == GRAPH_NODE_CAP and svg.count('class="cg-node"') == GRAPH_NODE_CAP
    assert "0&lt;b&gt;1&lt;/b&gt;" in svg and "<b>" not in svg and "&amp;lt;" not in svg
    assert doc_level(G, "114|KL-TW~2015") in ("central_party", "central_state")
