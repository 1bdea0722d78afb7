"""One node per real document: identity of yearless symbols, undated mentions, one symbol naming
two documents, the strongest relation per pair, stated edges.  Tables of small real cases, built
through ``graph.build.from_rows`` (the rows a store holds) and asked through ``graph.queries``."""
from __future__ import annotations

import pytest
from hypothesis import given, strategies as st

from graph import build, queries as q


def _doc(path, symbol, key, date, province=None, type_="Kế hoạch"):
    return {"path": path, "key": key, "symbol": symbol, "symbol_text": symbol, "type": type_, "date": date,
            "year": int(date[:4]) if date else None, "province": province}


def _cite(path, key, symbol, *, date=None, type_="Chỉ thị", relation="cites", subject=None, text=None,
          context=None, ord_=0):
    return {"path": path, "ord": ord_, "key": key, "symbol": symbol, "original": symbol, "type": type_,
            "date": date, "year": int(date[:4]) if date else None, "relation": relation, "subject": subject,
            "text": text or f"{type_} số {symbol}", "context": context or f"Thực hiện {type_} số {symbol};"}


# Citing plans of four provinces and years; their own documents.
PLANS = {
    "py2018": _doc("py2018.txt", "12/KH-UBND", "12|KH-UBND@phu-yen", "2018-03-05", "Phú Yên"),
    "kh2021": _doc("kh2021.txt", "45/KH-UBND", "45|KH-UBND@khanh-hoa", "2021-04-02", "Khánh Hòa"),
    "ht2022": _doc("ht2022.txt", "7/KH-UBND", "7|KH-UBND@ha-tinh", "2022-01-10", "Hà Tĩnh"),
    "qn2019": _doc("qn2019.txt", "9/KH-UBND", "9|KH-UBND@quang-ngai", "2019-06-10", "Quảng Ngãi"),
    "hn2026": _doc("hn2026.txt", "80/KH-UBND", "80|KH-UBND@ha-noi", "2026-01-12", "Hà Nội"),
    "undated": _doc("undated.txt", "3/KH-UBND", "3|KH-UBND@ha-tinh", None, "Hà Tĩnh"),
}

# 16/CT-TTg names three documents: of 16/5/2016 (dân vận), 31/3/2020 (COVID-19) and 23/4/2026.
CT16_2016 = _cite("py2018.txt", "16|CT-TTG", "16/CT-TTg", date="2016-05-16", relation="implements")
CT16_2020 = _cite("kh2021.txt", "16|CT-TTG", "16/CT-TTg", date="2020-03-31", relation="based_on")


def _graph(plans, cites, stated=()):
    return build.from_rows([PLANS[p] for p in plans], list(cites), list(stated))


def _target(G, path, ord_=0):
    return G.graph["mention_keys"][path, ord_]


IDENTITY_CASES = [
    # (what, citing plan of the undated mention, expected key of the undated mention)
    ("dated mentions: one document per year", None, None),
    ("undated, only the 2016 directive is not later than a 2019 plan", "qn2019", "16|CT-TTG~2016"),
    ("undated, both are earlier than a 2022 plan: ambiguous", "ht2022", "16|CT-TTG"),
    ("undated plan: any year could be meant: ambiguous", "undated", "16|CT-TTG"),
]


@pytest.mark.parametrize("what, plan, expected", IDENTITY_CASES, ids=[c[0] for c in IDENTITY_CASES])
def test_yearless_symbol_names_a_document_per_year(what, plan, expected):
    cites = [CT16_2016, CT16_2020]
    if plan:
        cites.append(_cite(PLANS[plan]["path"], "16|CT-TTG", "16/CT-TTg", relation="implements"))
    G = _graph(["py2018", "kh2021"] + ([plan] if plan else []), cites)
    assert _target(G, "py2018.txt") == "16|CT-TTG~2016" and _target(G, "kh2021.txt") == "16|CT-TTG~2020"
    assert G.nodes["16|CT-TTG~2016"]["date"] == "2016-05-16" and G.nodes["16|CT-TTG~2020"]["date"] == "2020-03-31"
    if plan:
        assert _target(G, PLANS[plan]["path"]) == expected
    if expected == "16|CT-TTG":
        node = G.nodes["16|CT-TTG"]
        assert node["ambiguous"] and node["candidates"] == ["16|CT-TTG~2016", "16|CT-TTG~2020"]
        assert [c["date"] for c in q.show(G, "16|CT-TTG")["candidates"]] == ["2016-05-16", "2020-03-31"]
    # search lists the documents apart, with their dates, never the ambiguous mentions
    assert [h["date"] for h in q.search(G, "16/CT-TTg")] == ["2016-05-16", "2020-03-31"]
    with pytest.raises(q.AmbiguousSymbol) as exc:
        q.resolve_symbol(G, "16/CT-TTg")
    assert exc.value.keys == ["16|CT-TTG~2016", "16|CT-TTG~2020"]
    assert q.resolve_symbol(G, "16/CT-TTg ngày 31/3/2020") == "16|CT-TTG~2020"


def test_trace_of_one_year_never_lists_the_plans_of_another():
    cites = [CT16_2016, CT16_2020, _cite("ht2022.txt", "16|CT-TTG", "16/CT-TTg", relation="implements")]
    G = _graph(["py2018", "kh2021", "ht2022"], cites)
    assert [i.symbol for i in q.trace(G, "16|CT-TTG~2016").items] == ["12/KH-UBND"]
    assert q.trace(G, "16|CT-TTG~2020").items == ()  # kh2021 rests on it ("Căn cứ"): citing, not implementing
    assert [i.symbol for i in q.trace(G, "16|CT-TTG~2020", include_citing=True).items] == ["45/KH-UBND"]


def test_same_file_dates_its_other_mentions():
    """"Chỉ thị số 16/CT-TTg ngày 31/3/2020 …" then "Chỉ thị 16/CT-TTg" in one text: one document."""
    cites = [CT16_2016, CT16_2020, _cite("kh2021.txt", "16|CT-TTG", "16/CT-TTg", relation="implements", ord_=1)]
    G = _graph(["py2018", "kh2021"], cites)
    assert _target(G, "kh2021.txt", 1) == "16|CT-TTG~2020"
    assert G["45|KH-UBND~2021@khanh-hoa"]["16|CT-TTG~2020"].keys() == {"implements"}


LOCAL_CASES = [
    # (citing plan, stored key of its undated mention of 116-KH/TU, expected key)
    ("kh2021", "116|KH-TU@khanh-hoa", "116|KH-TU@khanh-hoa"),   # another province: another document
    ("ht2022", "116|KH-TU@?", "116|KH-TU~2015@phu-yen"),          # province unknown: the one that fits
]


@pytest.mark.parametrize("plan, stored, expected", LOCAL_CASES)
def test_local_symbols_stay_in_their_province(plan, stored, expected):
    dated = _cite("py2018.txt", "116|KH-TU@phu-yen", "116-KH/TU", date="2015-10-01", type_="Kế hoạch")
    G = _graph(["py2018", plan], [dated, _cite(PLANS[plan]["path"], stored, "116-KH/TU", type_="Kế hoạch")])
    assert _target(G, "py2018.txt") == "116|KH-TU~2015@phu-yen"
    assert _target(G, PLANS[plan]["path"]) == expected


TYPE_WORD_CASES = [
    # (type words of the mentions of 71/2006/QH11, expected keys of each mention)
    (["Luật", "Nghị quyết"], ["71|2006-QH11~luat", "71|2006-QH11~nghi-quyet"]),       # two documents
    (["Luật", "Nghị quyết", None], ["71|2006-QH11~luat", "71|2006-QH11~nghi-quyet", "71|2006-QH11"]),
    (["Luật", None], ["71|2006-QH11~luat", "71|2006-QH11~luat"]),                       # the one that fits
    (["Bộ luật", "Luật"], ["71|2006-QH11~luat", "71|2006-QH11~luat"]),                  # one class
    (["Luật", "Hợp đồng"], ["71|2006-QH11~luat", "71|2006-QH11~luat"]),  # a word from a neighbouring phrase
]


@pytest.mark.parametrize("types, expected", TYPE_WORD_CASES)
def test_type_word_is_identity_where_the_symbol_has_no_type_code(types, expected):
    plans = ["py2018", "kh2021", "ht2022"][:len(types)]
    cites = [_cite(PLANS[p]["path"], "71|2006-QH11", "71/2006/QH11", type_=t, date=None) for p, t in zip(plans, types)]
    for c in cites:
        c["year"] = 2006  # the year is in the symbol
    G = _graph(plans, cites)
    assert [_target(G, PLANS[p]["path"]) for p in plans] == expected
    apart = sorted(set(expected) - {"71|2006-QH11"})
    assert [h["key"] for h in q.search(G, "71/2006/QH11")] == apart
    if len(apart) == 2:
        assert q.resolve_symbol(G, "Luật 71/2006/QH11") == "71|2006-QH11~luat"
        assert G.nodes["71|2006-QH11~nghi-quyet"]["type"] == "Nghị quyết"


STRONGEST_CASES = [
    # (relations of a plan's mentions of one document, the edge's relation)
    (["cites", "implements", "based_on"], "implements"),
    (["based_on", "cites"], "based_on"),
    (["cites", "amends", "replaces"], "replaces"),
    (["guides", "amends"], "amends"),
    (["cites"], "cites"),
]


@pytest.mark.parametrize("rels, strongest", STRONGEST_CASES)
def test_one_edge_per_pair_with_the_strongest_relation(rels, strongest):
    cites = [_cite("py2018.txt", "114|KL-TW", "114-KL/TW", type_="Kết luận", date="2015-07-14", relation=r, ord_=i,
                   context=f"mention {i}: {r}") for i, r in enumerate(rels)]
    G = _graph(["py2018"], cites)
    edges = G["12|KH-UBND~2018@phu-yen"]["114|KL-TW~2015"]
    assert list(edges) == [strongest]
    e = edges[strongest]
    assert e["count"] == len(rels) and e["evidence"][0]["rel"] == strongest
    assert e["evidence"][0]["context"] == f"mention {rels.index(strongest)}: {strongest}"
    assert sum(e["rels"].values()) == len(rels)
    shown = q.show(G, "114|KL-TW~2015")["cited_by"]
    assert [r["rel"] for r in shown] == [strongest] and len(shown[0]["evidence"]) == min(3, len(rels))


def test_seed_002_implements_the_programme_it_also_cites():
    """Seed 002 opens "Thực hiện Chương trình phối hợp số 26-CTr/BDVTU-BCSDUBND" and cites it again later."""
    cites = [_cite("py2018.txt", "26|CTR-BDVTU-BCSDUBND@phu-yen", "26-CTr/BDVTU-BCSDUBND", type_="Chương trình",
                   date="2017-10-27", relation=r, ord_=i) for i, r in enumerate(["implements", "cites", "cites"])]
    G = _graph(["py2018"], cites)
    items = q.trace(G, "26|CTR-BDVTU-BCSDUBND~2017@phu-yen").items
    assert [(i.symbol, i.rel, i.citing) for i in items] == [("12/KH-UBND", "implements", False)]


# "Kế hoạch số 116-KH/TU ngày 01/10/2015 của Tỉnh ủy thực hiện Kết luận số 114-KL/TW" written in a plan
STATED = {"path": "kh2021.txt", "source_key": "116|KH-TU@khanh-hoa", "target_key": "114|KL-TW", "rel": "implements",
          "start": 10, "end": 90, "context": "Thực hiện Kế hoạch số 116-KH/TU ngày 01/10/2015 của Tỉnh ủy thực hiện "
                                              "Kết luận số 114-KL/TW ngày 14/7/2015 của Ban Bí thư;"}


def test_stated_edge_reaches_trace_with_evidence_and_source_file():
    cites = [_cite("kh2021.txt", "116|KH-TU@khanh-hoa", "116-KH/TU", type_="Kế hoạch", date="2015-10-01",
                   relation="implements"),
             _cite("kh2021.txt", "114|KL-TW", "114-KL/TW", type_="Kết luận", date="2015-07-14", ord_=1)]
    G = _graph(["kh2021"], cites, [STATED])
    e = G["116|KH-TU~2015@khanh-hoa"]["114|KL-TW~2015"]["implements"]
    assert e["evidence"][0]["stated"] and e["evidence"][0]["file"] == "kh2021.txt"
    items = {i.symbol: i for i in q.trace(G, "114|KL-TW~2015").items}
    assert items["116-KH/TU"].rel == "implements" and items["116-KH/TU"].depth == 1
    assert items["45/KH-UBND"].rel == "implements" and items["45/KH-UBND"].chain == ("114-KL/TW", "116-KH/TU",
                                                                                     "45/KH-UBND")
    assert "Kết luận số 114-KL/TW" in items["116-KH/TU"].evidence
    cov = q.coverage(G, "114|KL-TW~2015")
    assert [r["province"] for r in cov["covered"]] == sorted({i.province for i in items.values() if i.province})


def test_a_plan_citing_the_root_and_implementing_it_down_the_chain_is_implementing():
    cites = [_cite("kh2021.txt", "116|KH-TU@khanh-hoa", "116-KH/TU", type_="Kế hoạch", date="2015-10-01",
                   relation="implements"),
             _cite("kh2021.txt", "114|KL-TW", "114-KL/TW", type_="Kết luận", date="2015-07-14", ord_=1)]
    G = _graph(["kh2021"], cites, [STATED])
    items = q.trace(G, "114|KL-TW~2015", include_citing=True).items
    assert [(i.symbol, i.citing) for i in items] == [("116-KH/TU", False), ("45/KH-UBND", False)]


TITLE_CASES = [
    # (subjects with the sentence each stands in, expected title)
    ([("về tăng cường công tác dân vận", "Thực hiện Chỉ thị số 16/CT-TTg về tăng cường công tác dân vận;")],
     "về tăng cường công tác dân vận"),
    ([("về X) chỉ định lựa chọn đơn vị", "Nghị định số 140/2018/NĐ-CP (về X) chỉ định lựa chọn đơn vị chủ trì")],
     None),                                                           # runs on past its sentence
    ([("về a", "Thực hiện Chỉ thị số 16/CT-TTg về a; và"), ("về công tác b", "Theo Chỉ thị số 16/CT-TTg về công tác b."),
      ("về công tác b", "Căn cứ Chỉ thị số 16/CT-TTg về công tác b;")], "về công tác b"),   # the mode across texts
]


@pytest.mark.parametrize("subjects, title", TITLE_CASES)
def test_title_comes_from_a_mention_that_ends_at_the_sentence_end(subjects, title):
    plans = ["py2018", "kh2021", "ht2022"][:len(subjects)]
    cites = [_cite(PLANS[p]["path"], "16|CT-TTG", "16/CT-TTg", date="2016-05-16", subject=s, context=c)
             for p, (s, c) in zip(plans, subjects)]
    G = _graph(plans, cites)
    assert G.nodes["16|CT-TTG~2016"]["title"] == title


def _law(path, number, year):
    c = _cite(path, f"{number}|{year}-QH{13 if year < 2016 else 15}", f"{number}/{year}/QH", type_="Luật",
              relation="based_on", text=f"Luật Tổ chức chính quyền địa phương số {number}/{year}/QH",
              context=f"Căn cứ Luật Tổ chức chính quyền địa phương số {number}/{year}/QH;")
    c["year"] = year
    return c


def test_named_reference_resolves_to_the_numbered_law_and_search_finds_it_by_name():
    """"Căn cứ Luật Tổ chức chính quyền địa phương;" means the law of that name in force: the latest
    one some text ties the name to, not later than the citing document."""
    laws = [_law("kh2021.txt", 77, 2015), _law("hn2026.txt", 72, 2025)]
    named = [{"path": p, "text": "Luật Tổ chức chính quyền địa phương", "relation": "based_on"}
             for p in ("ht2022.txt", "py2018.txt", "hn2026.txt")]
    G = build.from_rows([PLANS[p] for p in ("kh2021", "hn2026", "ht2022", "py2018")], laws, [], named=named)
    old, new = "77|2015-QH13~luat", "72|2025-QH15~luat"
    assert G.nodes[old]["title"] == G.nodes[new]["title"] == "Luật Tổ chức chính quyền địa phương"
    assert {h["key"] for h in q.search(G, "Luật Tổ chức chính quyền địa phương")} == {old, new}
    assert G.has_edge("7|KH-UBND~2022@ha-tinh", old) and not G.has_edge("7|KH-UBND~2022@ha-tinh", new)
    assert G.has_edge("12|KH-UBND~2018@phu-yen", old)
    assert G.has_edge("80|KH-UBND~2026@ha-noi", new) and not G.has_edge("80|KH-UBND~2026@ha-noi", old)


def test_every_gold_implements_of_the_seeds_is_an_implements_item_of_trace(seed_graph, shared):
    """The acceptance of issue 14 through the API: own implements and stated edges of the gold."""
    import json
    import re

    from extract.keys import fold_symbol

    gold = json.loads((shared / "gold" / "seeds.json").read_text(encoding="utf-8"))["documents"]
    pairs = set()
    for g in gold.values():
        own = (g.get("self") or {}).get("symbol")
        if own and re.match(r"^\d", own):
            pairs |= {(own, p) for p in g.get("implements", [])}
        pairs |= {(e["from"], e["to"]) for e in g.get("edges", []) if e.get("rel") == "implements"}
    assert len(pairs) >= 9
    for child, parent in sorted(pairs):
        items = q.trace(seed_graph, q.resolve_symbol(seed_graph, parent)).items
        assert fold_symbol(child) in {fold_symbol(i.symbol) for i in items if i.rel == "implements"}, (child, parent)


def test_an_undated_file_of_a_symbol_of_two_documents_is_still_found():
    """A file "Số: 3/KH-UBND" whose date was not read, and two dated Kế hoạch 3/KH-UBND of Hà Tĩnh cited
    elsewhere: the file is not merged into either, and search still lists it with them."""
    cites = [_cite("ht2022.txt", "3|KH-UBND@ha-tinh", "3/KH-UBND", type_="Kế hoạch", date=d, ord_=i)
             for i, d in enumerate(["2020-02-03", "2021-03-04"])]
    G = _graph(["ht2022", "undated"], cites)
    own = G.graph["file_keys"]["undated.txt"]
    assert own == "3|KH-UBND@ha-tinh" and G.nodes[own]["has_file"] and G.nodes[own]["ambiguous"]
    assert [h["key"] for h in q.search(G, "3/KH-UBND")] == ["3|KH-UBND~2020@ha-tinh", "3|KH-UBND~2021@ha-tinh", own]


MENTIONS = [("16|CT-TTG~2016", "2016-05-16"), ("16|CT-TTG~2020", "2020-03-31"), ("16|CT-TTG", None),
            ("16|CT-TTG~2020", "2020-04-01"), ("71|2006-QH11~luat", None), ("71|2006-QH11", None),
            ("116|KH-TU~2015@phu-yen", "2015-10-01"), ("116|KH-TU@?", None), ("116|KH-TU@khanh-hoa", None)]


@given(order=st.permutations(MENTIONS))
def test_identities_do_not_depend_on_the_order_of_mentions(order):
    from graph.resolve import Identities

    ref, ids = Identities(MENTIONS), Identities(order)
    for key, _ in MENTIONS:
        for citing in (None, "2016-01-01", "2018-01-01", "2021-01-01"):
            assert ids.resolve(key, citing) == ref.resolve(key, citing)
    assert ref.resolve("16|CT-TTG", "2018-01-01") == ("16|CT-TTG~2016", ())
    assert ref.resolve("16|CT-TTG", "2016-01-01") == ("16|CT-TTG", ())  # earlier than both: a third one
    assert ref.resolve("116|KH-TU@?", None) == ("116|KH-TU~2015@phu-yen", ())
