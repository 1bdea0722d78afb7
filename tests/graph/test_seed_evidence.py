"""The evidence issue 4 asks for, on the five seed plans."""
from graph import queries as q

KL114 = "114|KL-TW~2015"  # a yearless symbol's key carries the year its mentions give


def test_436_spellings_are_one_node(seed_graph):
    keys = q.candidates(seed_graph, "436-QĐ-UBND")
    assert keys == q.candidates(seed_graph, "436/QĐ-UBND") == ["436|QD-UBND~2019@quang-ngai"]
    assert seed_graph.nodes[keys[0]]["variants"] == ["436-QĐ-UBND", "436/QĐ-UBND"]


def test_116_kh_tu_is_phu_yens(seed_graph):
    key = q.resolve_symbol(seed_graph, "116-KH/TU")
    assert key == "116|KH-TU~2015@phu-yen"
    assert seed_graph.nodes[key]["province"] == "Phú Yên"


def test_trace_114_lists_implementers_and_citing_plans(seed_graph):
    assert all(not i.citing for i in q.trace(seed_graph, KL114).items)  # implementing only by default
    res = q.trace(seed_graph, q.resolve_symbol(seed_graph, "114-KL/TW"), include_citing=True)
    by_symbol = {i.symbol: i for i in res.items}
    assert by_symbol["116-KH/TU"].rel == "implements" and by_symbol["116-KH/TU"].province == "Phú Yên"
    assert by_symbol["03-TT/TU"].rel == "implements" and by_symbol["03-TT/TU"].province == "Khánh Hòa"
    # the seed plans that cite it (own files), whether with a number or not
    files = {i.key for i in res.items if seed_graph.nodes[i.key]["has_file"]}
    assert {"139|KH-DBSLDTBXH~2021@khanh-hoa", "40|KH-BDVTU-BCSDUBND~2021@quang-ngai"} <= files
    assert any(k.startswith("file:000_") for k in files)
    assert by_symbol["116-KH/TU"].chain == ("114-KL/TW", "116-KH/TU")
    assert {g["province"] for g in res.groups()} >= {"Phú Yên", "Khánh Hòa", "Quảng Ngãi"}


def test_trace_up_from_hong_linh_plan_reaches_ha_tinh_directive(seed_graph):
    plan = q.resolve_symbol(seed_graph, "004_451a622c8ac5c20b")
    assert seed_graph.nodes[plan]["province"] == "Hà Tĩnh"
    reached = {i.key: i for i in q.trace(seed_graph, plan, up=True).items}
    assert "3|CT-UBND~2022@ha-tinh" in reached
    assert reached["3|CT-UBND~2022@ha-tinh"].symbol == "03/CT-UBND"


def test_issuers_have_level_and_parent(seed_graph):
    tu = seed_graph.nodes["issuer:TU@phu-yen"]
    assert (tu["level"], tu["parent"]) == ("province", "issuer:TW")
    assert seed_graph.has_edge("116|KH-TU~2015@phu-yen", "issuer:TU@phu-yen", key="issued_by")
    assert seed_graph.has_edge("issuer:TU@phu-yen", "issuer:TW", key="part_of")


def test_show_has_evidence_sentences(seed_graph):
    d = q.show(seed_graph, "116|KH-TU~2015@phu-yen")
    assert d["cited_by"] and all(r["evidence"] for r in d["cited_by"])
    assert any("116-KH/TU" in e["context"] for r in d["cited_by"] for e in r["evidence"])
    assert any(r["rel"] == "implements" and r["symbol"] == "114-KL/TW" for r in d["cites"])


SEARCHES = [
    ("114 KL TW", KL114),                # spaces for separators
    ("kết luận 114", KL114),             # type word + number
    ("ket luan 114", KL114),             # without diacritics
    ("114-KL/TW", KL114),                # exact
    ("114-KL/TW 2015", KL114),           # with its year
    ("436 QD UBND", "436|QD-UBND~2019@quang-ngai"),
]


def test_search_is_forgiving(seed_graph):
    for query, key in SEARCHES:
        assert q.search(seed_graph, query)[0]["key"] == key, query


def test_coverage_of_114(seed_graph):
    c = q.coverage(seed_graph, KL114)
    covered = {r["province"] for r in c["covered"]}
    assert {"Phú Yên", "Khánh Hòa"} <= covered
    assert "Hà Tĩnh" in c["missing_in_store"] and len(c["missing"]) == 63 - len(covered)


def test_backend_satisfies_protocol(seed_graph):
    b = q.MemoryBackend(seed_graph)
    assert isinstance(b, q.GraphBackend)
    assert b.trace(KL114).to_dict() == q.trace(seed_graph, KL114).to_dict()
    assert b.most_cited(3)[0]["symbol"] == "114-KL/TW"
    assert sum(r["documents"] for r in b.per_year()) > 10
