"""Truy vết: implementing plans by province, CSV export, the 500-node cap."""


def texts(elements) -> list[str]:
    return [e.value for e in elements]


def test_trace_directive(app):
    at = app("trace", doc="114|KL-TW~2015")
    assert at.text_input(key="trace_q").value == "114-KL/TW"
    summary = next(m for m in texts(at.markdown) if "văn bản triển khai tại" in m)
    assert summary.startswith("3 ")  # 116-KH/TU and 03-TT/TU (stated in seeds), 77/KH-UBND: those that implement it
    by_province = at.dataframe[0].value
    assert {"Phú Yên", "Khánh Hòa"} <= set(by_province["province"])
    table = at.dataframe[1].value
    assert {"116-KH/TU", "77/KH-UBND"} <= set(table["symbol"])
    assert at.download_button(key="trace_csv") is not None
    assert any("tối đa 500 nút" in c for c in texts(at.caption))


def test_trace_colour_by_province_and_depth(app):
    at = app("trace", doc="114|KL-TW~2015")
    at.radio(key="trace_colour").set_value("province").run()
    at.selectbox(key="trace_depth").set_value(1).run()
    assert not at.exception
    assert any("Phú Yên" in c for c in texts(at.caption))


def test_trace_unknown(app):
    at = app("trace")
    assert any("Chọn một văn bản" in i for i in texts(at.info))
    at.text_input(key="trace_q").input("999-XX/YY").run()
    assert any("Không tìm thấy" in w for w in texts(at.warning))


def test_graph_is_capped_and_escaped():
    from explorer import data
    from graph import build, queries

    triples = [(f"{i}|KH-TU@phu-yen", "implements", "114|KL-TW") for i in range(1, 1200)]
    G = build.from_edges(triples)
    G.nodes["1|KH-TU@phu-yen"]["symbol"] = "0<b>1</b>"  # a hostile symbol
    elements, styles, keys, legend = data.trace_elements(G, queries.trace(G, "114|KL-TW"))
    assert len(elements["nodes"]) == len(keys) == data.GRAPH_NODE_CAP
    assert all(e["data"]["target"] == "n0" for e in elements["edges"])
    names = {n["data"]["name"] for n in elements["nodes"]}
    assert "0&lt;b&gt;1&lt;/b&gt;" in names and "0<b>1</b>" not in names
    assert data.clicked_key({"action": "clicked_node", "data": {"target_id": "n0"}}, keys) == "114|KL-TW"
