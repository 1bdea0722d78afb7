"""Ingesting the same files in any order gives the same graph: identity is decided over every
mention at once (a later file may date, type or place an earlier file's mention)."""
from __future__ import annotations

from hypothesis import HealthCheck, given, settings, strategies as st

from graph import build
from graph.ingest import ingest

HEAD = "ỦY BAN NHÂN DÂN\nTỈNH {P}\nSố: {n}/KH-UBND\n{p}, ngày {d}\n\nKẾ HOẠCH\n{t}\n\n"
TEXTS = {
    "py2018.txt": HEAD.format(P="PHÚ YÊN", p="Phú Yên", n=12, d="05 tháng 3 năm 2018", t="Công tác dân vận năm 2018")
    + "Thực hiện Chỉ thị số 16/CT-TTg ngày 16/5/2016 của Thủ tướng Chính phủ về tăng cường và đổi mới công tác dân "
      "vận trong cơ quan hành chính nhà nước, chính quyền các cấp trong tình hình mới; Ủy ban nhân dân tỉnh ban hành "
      "Kế hoạch như sau.\n",
    "kh2021.txt": HEAD.format(P="KHÁNH HÒA", p="Khánh Hòa", n=45, d="02 tháng 4 năm 2021", t="Phòng, chống dịch")
    + "Căn cứ Chỉ thị số 16/CT-TTg ngày 31/3/2020 của Thủ tướng Chính phủ về thực hiện các biện pháp cấp bách "
      "phòng, chống dịch COVID-19; Căn cứ Luật Tổ chức chính quyền địa phương số 77/2015/QH13; Ủy ban nhân dân "
      "tỉnh ban hành Kế hoạch như sau.\n",
    "ht2022.txt": HEAD.format(P="HÀ TĨNH", p="Hà Tĩnh", n=7, d="10 tháng 1 năm 2022", t="Công tác năm 2022")
    + "Căn cứ Luật Tổ chức chính quyền địa phương; Tiếp tục thực hiện Chỉ thị số 16/CT-TTg của Thủ tướng Chính "
      "phủ, Ủy ban nhân dân tỉnh ban hành Kế hoạch như sau.\n",
    "qn2019.txt": HEAD.format(P="QUẢNG NGÃI", p="Quảng Ngãi", n=9, d="10 tháng 6 năm 2019", t="Công tác dân vận")
    + "Thực hiện Chỉ thị số 16/CT-TTg của Thủ tướng Chính phủ về tăng cường và đổi mới công tác dân vận, Ủy ban "
      "nhân dân tỉnh ban hành Kế hoạch như sau.\n",
}


def _graph_of(folder, order, store):
    for name in order:  # one ingest per file: the store grows in this order
        assert not ingest([folder / name], store, workers=1).failed
    G = build.from_store(store)
    return (sorted(G.nodes(data=True), key=lambda n: n[0]),
            sorted(G.edges(keys=True, data=True), key=lambda e: e[:3]),
            {k: v for k, v in G.graph.items() if k != "store"})


@settings(max_examples=6, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(order=st.permutations(sorted(TEXTS)))
def test_same_graph_in_any_ingest_order(tmp_path_factory, order):
    folder = tmp_path_factory.mktemp("docs")
    for name, text in TEXTS.items():
        (folder / name).write_text(text, encoding="utf-8")
    reference = _graph_of(folder, sorted(TEXTS), tmp_path_factory.mktemp("a") / "s.sqlite")
    assert _graph_of(folder, order, tmp_path_factory.mktemp("b") / "s.sqlite") == reference
    nodes = dict(reference[0])
    assert nodes["16|CT-TTG"]["candidates"] == ["16|CT-TTG~2016", "16|CT-TTG~2020"]  # the 2022 plan's mention
    assert {k for k in nodes if k.startswith("16|CT-TTG~")} == {"16|CT-TTG~2016", "16|CT-TTG~2020"}
