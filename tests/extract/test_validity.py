"""Tables of real sentences (vb_NNNNNN = ../shared/corpus file) and what extract.validity must say.

Statements: every document a sentence ends or changes, with the change and the scope (part: an
article, clause, annex, form or phrase).  Own validity: the document's effective date and how it
is stated.  Sentences run through the real extractor, as at ingest.
"""
from __future__ import annotations

import pytest

from extract import extract_text
from extract.validity import own_validity, states_validity, text_role, validity_statements


def statements(text, doc_type="Thông tư", symbol="20/2026/TT-BTC", date="2026-03-12", title=None):
    r = extract_text(text)
    return validity_statements(text, r.citations, doc_type=doc_type, title=title, symbol=symbol, doc_date=date)


def facts(text, **kw):
    return {(s.symbol, s.change, s.scope) for s in statements(text, **kw)}


CASES = [
    # vb_000532: "thay thế X; Y sửa đổi … X": both are items, the second mention of X is a description
    ("2. Nghị định này thay thế Nghị định số 40/2018/NĐ-CP ngày 12 tháng 3 năm 2018 của Chính phủ về quản lý hoạt "
     "động kinh doanh theo phương thức đa cấp; Nghị định số 18/2023/NĐ-CP ngày 28 tháng 4 năm 2023 của Chính phủ sửa "
     "đổi, bổ sung một số điều của Nghị định số 40/2018/NĐ-CP.", {"doc_type": "Nghị định", "symbol": "137/2026/NĐ-CP"},
     {("40/2018/NĐ-CP", "replaced", "whole"), ("18/2023/NĐ-CP", "replaced", "whole")}),
    # vb_000793: "thay thế: a) … b) …", the decree an item guides is no item
    ("6. Thông tư này thay thế:\na) Thông tư số 78/2014/TT-BTC ngày 18 tháng 6 năm 2014 của Bộ trưởng Bộ Tài chính "
     "hướng dẫn thi hành Nghị định số 218/2013/NĐ-CP ngày 26 tháng 12 năm 2013 của Chính phủ;\nb) Thông tư số "
     "96/2015/TT-BTC ngày 22 tháng 6 năm 2015 của Bộ trưởng Bộ Tài chính hướng dẫn về thuế thu nhập doanh nghiệp.", {},
     {("78/2014/TT-BTC", "replaced", "whole"), ("96/2015/TT-BTC", "replaced", "whole")}),
    # vb_000870: "X … và Thông tư số Y": a list joined by "và"
    ("2. Thông tư này thay thế Thông tư số 07/2014/TT-BKHĐT ngày 24/11/2014 của Bộ Kế hoạch và Đầu tư hướng dẫn một số "
     "nội dung về giám định tư pháp và Thông tư số 12/2015/TT-BKHĐT ngày 27/10/2015 của Bộ Kế hoạch và Đầu tư hướng "
     "dẫn về quy chuẩn chuyên môn.", {"symbol": "28/2024/TT-BKHĐT"},
     {("07/2014/TT-BKHĐT", "replaced", "whole"), ("12/2015/TT-BKHĐT", "replaced", "whole")}),
    # vb_000152: a law named "Luật sửa đổi, bổ sung …" (no number) inside an item is no amendment history
    ("Nghị định này thay thế Nghị định số 98/2010/NĐ-CP ngày 21 tháng 9 năm 2010 của Chính phủ quy định chi tiết thi "
     "hành một số điều của Luật Di sản văn hóa và Luật sửa đổi, bổ sung một số điều của Luật Di sản văn hóa và Nghị "
     "định số 61/2016/NĐ-CP ngày 01 tháng 7 năm 2016 của Chính phủ.", {"doc_type": "Nghị định", "symbol": "308/2025/NĐ-CP"},
     {("98/2010/NĐ-CP", "replaced", "whole"), ("61/2016/NĐ-CP", "replaced", "whole")}),
    # vb_000324: items "a) ….\n\nb) …" ending with a full stop
    ("2. Bãi bỏ các Quyết định sau:\n\na) Quyết định số 41/2023/QĐ-UBND ngày 11 tháng 12 năm 2023 của Ủy ban nhân dân "
     "tỉnh Đắk Lắk (cũ) quy định tỷ lệ % chất lượng còn lại của nhà.\n\nb) Quyết định số 50/2025/QĐ-UBND ngày 20 tháng 6 "
     "năm 2025 của Ủy ban nhân dân tỉnh Phú Yên (trước đây).\n\n3. Những trường hợp đã nộp hồ sơ",
     {"doc_type": "Quyết định", "symbol": "030/2025/QĐ-UBND"},
     {("41/2023/QĐ-UBND", "repealed", "whole"), ("50/2025/QĐ-UBND", "repealed", "whole")}),
    # vb_000382: "Các quyết định sau hết hiệu lực …: a) …"
    ("2. Các quyết định sau hết hiệu lực kể từ ngày Quyết định này có hiệu lực thi hành: a) Quyết định số "
     "08/2019/QĐ-UBND ngày 25 tháng 3 năm 2019 của UBND tỉnh Hòa Bình ban hành Quy định hành lang bảo vệ đê; b) Quyết "
     "định số 44/2023/QĐ-UBND ngày 12 tháng 6 năm 2023 của UBND tỉnh Phú Thọ.",
     {"doc_type": "Quyết định", "symbol": "103/2025/QĐ-UBND"},
     {("08/2019/QĐ-UBND", "expired", "whole"), ("44/2023/QĐ-UBND", "expired", "whole")}),
    # vb_000694: a plain "X hết hiệu lực từ ngày …"
    ("3. Nghị định số 39/2015/NĐ-CP của Chính phủ quy định chính sách hỗ trợ cho phụ nữ thuộc hộ nghèo hết hiệu lực từ "
     "ngày 01 tháng 7 năm 2026.", {"doc_type": "Nghị định", "symbol": "168/2026/NĐ-CP"},
     {("39/2015/NĐ-CP", "expired", "whole")}),
    # vb_000575: the subject names two circulars, the second amends the first
    ("2. Thông tư số 08/2017/TT-BLĐTBXH ngày 10 tháng 3 năm 2017 của Bộ trưởng quy định chuẩn về chuyên môn; Thông tư "
     "số 21/2020/TT-BLĐTBXH ngày 30 tháng 12 năm 2020 của Bộ trưởng sửa đổi, bổ sung một số điều của Thông tư số "
     "08/2017/TT-BLĐTBXH hết hiệu lực thi hành kể từ ngày Thông tư này có hiệu lực thi hành.",
     {"symbol": "05/2024/TT-BLĐTBXH"},
     {("08/2017/TT-BLĐTBXH", "expired", "whole"), ("21/2020/TT-BLĐTBXH", "expired", "whole")}),
    # vb_000562: an amendment history: the amenders do not end
    ("4. Luật Đầu tư số 61/2020/QH14 đã được sửa đổi, bổ sung một số điều theo Luật số 72/2020/QH14 và Luật số "
     "03/2022/QH15 hết hiệu lực kể từ ngày Luật này có hiệu lực thi hành.", {"doc_type": "Luật", "symbol": "143/2025/QH15"},
     {("61/2020/QH14", "expired", "whole"), ("61/2020/QH14", "amended", "part")}),
    # vb_000165: the effectivity sentence goes on "đồng thời thay thế"
    ("Quyết định này có hiệu lực thi hành kể từ ngày ký; đồng thời thay thế Quyết định số 899/QĐ-UBND ngày 20 tháng 8 "
     "năm 2025 của Chủ tịch Uỷ ban nhân dân thành phố về việc công bố thủ tục hành chính nội bộ.",
     {"doc_type": "Quyết định", "symbol": "2665/QĐ-UBND"}, {("899/QĐ-UBND", "replaced", "whole")}),
    # vb_000141: the heading "Hiệu lực thi hành" right before "Quyết định này … thay thế"
    ("Điều 3. Hiệu lực thi hành\n\nQuyết định này có hiệu lực thi\nhành kể từ ngày 01 tháng 12 năm 2025 và thay thế "
     "Quyết định số 26/2019/QĐ-UBND ngày 16 tháng 8 năm 2019 của Ủy ban nhân dân tỉnh Lai Châu.",
     {"doc_type": "Quyết định", "symbol": "88/2025/QĐ-UBND"}, {("26/2019/QĐ-UBND", "replaced", "whole")}),
    # vb_000217: "Quyết định có hiệu lực …" without "này", items joined by "," and "và"
    ("1. Quyết định có hiệu lực kể\ntừ ngày ký ban hành, đồng thời thay thế các quyết định: Quyết định 3526/QĐ-UBND "
     "ngày 18/12/2018 của UBND thành phố Hội An về việc thành lập Trung tâm Văn hóa, Quyết định số 800/QĐ-UBND ngày "
     "08/6/2011 của UBND thành phố Hội An và Quyết định số 1995/QĐ-UBND ngày 06/11/2024 về sửa đổi, bổ sung Quyết định "
     "số 800/QĐ-UBND.", {"doc_type": "Quyết định", "symbol": "2641/QĐ-UBND"},
     {("3526/QĐ-UBND", "replaced", "whole"), ("800/QĐ-UBND", "replaced", "whole"), ("1995/QĐ-UBND", "replaced", "whole")}),
    # vb_000302: "Bãi bỏ toàn bộ" opening a clause of a decision
    ("Điều 1. Bãi bỏ toàn bộ Quyết định số 14/2025/QĐ-UBND ngày 01/3/2025 của Ủy ban nhân dân tỉnh ban hành Quy định "
     "chức năng, nhiệm vụ của Sở Xây dựng.", {"doc_type": "Quyết định", "symbol": "75/2025/QĐ-UBND"},
     {("14/2025/QĐ-UBND", "repealed", "whole")}),
    # vb_000684: one article of a decree
    ("3. Bãi bỏ Điều 10 của Nghị định số 18/2026/NĐ-CP ngày 14 tháng 01 năm 2026 của Chính phủ sửa đổi, bổ sung một "
     "số nghị định.", {"doc_type": "Nghị định", "symbol": "151/2026/NĐ-CP"}, {("18/2026/NĐ-CP", "repealed", "part")}),
    # vb_000552: forms replaced by forms
    ("c) Thay thế Mẫu số 15, Mẫu số 16 Phụ lục II ban hành kèm theo Thông tư số 07/2026/TT-BNNMT bằng Mẫu số 15, Mẫu "
     "số 16 Phụ lục I ban hành kèm theo Thông tư này.", {"symbol": "22/2026/TT-BNNMT"},
     {("07/2026/TT-BNNMT", "replaced", "part")}),
    # vb_000815: "thay thế một số quy định tại Điều 9a"
    ("2. Thông tư này thay thế một số quy định tại Điều 9a Thông tư số 120/2020/TT-BTC ngày 30 tháng 12 năm 2020 của "
     "Bộ trưởng Bộ Tài chính.", {"symbol": "18/2025/TT-BTC"}, {("120/2020/TT-BTC", "replaced", "part")}),
    # vb_000563: "thay thế quy định về … tại các Nghị định sau: a) …"
    ("Nghị định này thay thế quy định về chính sách thuế thu nhập doanh nghiệp tại các Nghị định sau: a) Nghị định số "
     "218/2013/NĐ-CP ngày 26 tháng 12 năm 2013 của Chính phủ quy định chi tiết Luật Thuế thu nhập doanh nghiệp.",
     {"doc_type": "Nghị định", "symbol": "320/2025/NĐ-CP"}, {("218/2013/NĐ-CP", "replaced", "part")}),
    # vb_000470: "Bãi bỏ các điều, khoản của các văn bản sau đây: a) Các điều … của X; b) Khoản 5 Điều 4 của Y"
    ("Bãi bỏ các điều, khoản của các văn bản sau đây từ ngày 01 tháng 7 năm 2025: a) Các khoản 3 và 4 Điều 95 của "
     "Nghị định số 24/2024/NĐ-CP ngày 27 tháng 02 năm 2024 của Chính phủ; b) Khoản 5 Điều 4 của Nghị định số "
     "74/2025/NĐ-CP ngày 31 tháng 3 năm 2025 của Chính phủ.", {"doc_type": "Nghị định", "symbol": "188/2025/NĐ-CP"},
     {("24/2024/NĐ-CP", "repealed", "part"), ("74/2025/NĐ-CP", "repealed", "part")}),
    # vb_000839: what a circular sets, not the circular, ends
    ("Những chỉ tiêu phân công cho Tổng cục Thống kê chủ trì thu thập quy định tại Thông tư số 05/2017/TT-BKHĐT ngày "
     "30/11/2017 của Bộ trưởng Bộ Kế hoạch và Đầu tư hết hiệu lực kể từ khi Thông tư này có hiệu lực.",
     {"symbol": "06/2023/TT-BKHĐT"}, {("05/2017/TT-BKHĐT", "expired", "part")}),
    # vb_000363: procedures published in several decisions end, not the decisions
    ("Các thủ tục hành chính tương ứng đã công bố tại các Quyết định số 3684/QĐ-BVHTTDL ngày 27/12/2022; Quyết định "
     "số 682/QĐ-BVHTTDL ngày 14/3/2025 hết hiệu lực kể từ ngày Quyết định này có hiệu lực thi hành.",
     {"doc_type": "Quyết định", "symbol": "4508/QĐ-BVHTTDL"},
     {("3684/QĐ-BVHTTDL", "expired", "part"), ("682/QĐ-BVHTTDL", "expired", "part")}),
    # vb_000232: a phrase replaced, in a footnote
    ("[4] Cụm từ “Lao động - Thương binh và Xã hội” được thay thế bằng cụm từ “Nội vụ” theo quy định tại khoản 2 Điều "
     "4 của Quyết định số 22/2025/QĐ-TTg.", {"doc_type": "Quyết định", "symbol": "92/VBHN-BQP"}, set()),
    # vb_000173: a proposal (Tờ trình) is not the acting document
    ("Xét Tờ trình số 382/TTr-UBND ngày 12 tháng 11 năm 2025 của Ủy ban nhân dân Thành phố đề nghị ban hành Nghị quyết "
     "thay thế Nghị quyết số 32/2024/NQ-HĐND ngày 19 tháng 11 năm 2024 của Hội đồng nhân dân Thành phố;",
     {"doc_type": "Nghị quyết", "symbol": "83/2025/NQ-HĐND"}, set()),
    # vb_000028: a decree still to be drafted, in a letter
    ("Bộ Nội vụ được giao xây dựng Nghị định hướng dẫn việc lấy ý kiến Nhân dân (thay thế Nghị định số 54/2018/NĐ-CP "
     "ngày 16/4/2018).", {"doc_type": "Công văn", "symbol": "10988/BNV-CQĐP"}, set()),
]


@pytest.mark.parametrize("text,doc,expected", CASES, ids=[f"case{i}" for i in range(len(CASES))])
def test_statements(text, doc, expected):
    assert facts(text, **doc) == expected


def test_a_clause_that_amends():
    (s,) = statements("1. Sửa đổi, bổ sung khoản 2 Điều 5 của Thông tư số 52/2025/TT-BTC như sau:", symbol="56/2026/TT-BTC")
    assert (s.symbol, s.change, s.scope, s.part) == ("52/2025/TT-BTC", "amended", "part", "khoản 2 Điều 5")


def test_the_part_is_kept_as_written():
    (s,) = statements("3. Bãi bỏ Điều 10 của Nghị định số 18/2026/NĐ-CP ngày 14 tháng 01 năm 2026 của Chính phủ.",
                      doc_type="Nghị định", symbol="151/2026/NĐ-CP")
    assert (s.scope, s.part) == ("part", "Điều 10")


@pytest.mark.parametrize("text,date,effective,how", [
    # the change takes effect with the acting document ("kể từ ngày Thông tư này có hiệu lực")
    ("Thông tư này có hiệu lực thi hành kể từ ngày 25 tháng 6 năm 2024.\n2. Thông tư số 08/2017/TT-BLĐTBXH ngày 10 "
     "tháng 3 năm 2017 hết hiệu lực thi hành kể từ ngày Thông tư này có hiệu lực thi hành.", "2024-05-10", "2024-06-25", "stated"),
    # on signing (vb_000472)
    ("Nghị định này có hiệu lực thi hành kể từ ngày ký ban hành.\n4. Quyết định số 60/2015/QĐ-TTg hết hiệu lực thi hành "
     "kể từ ngày Nghị định này có hiệu lực thi hành.", "2025-08-26", "2025-08-26", "signing"),
    # the change's own date wins over the act's (vb_000694)
    ("Nghị định này có hiệu lực thi hành kể từ ngày 01 tháng 6 năm 2026.\n3. Nghị định số 39/2015/NĐ-CP hết hiệu lực "
     "từ ngày 01 tháng 7 năm 2026.", "2026-05-15", "2026-07-01", "stated"),
    # the date leads the sentence (vb_000830): "Kể từ ngày D, X … hết hiệu lực thi hành"
    ("1. Thông tư này có hiệu lực thi hành kể từ ngày ký.\n2. Kể từ ngày 01 tháng 01 năm 2024, Thông tư 08/2022/TT-BKHĐT "
     "ngày 31 tháng 5 năm 2022 của Bộ trưởng Bộ Kế hoạch và Đầu tư quy định chi tiết việc cung cấp, đăng tải thông tin về "
     "đấu thầu hết hiệu lực thi hành.", "2024-02-15", "2024-01-01", "stated"),
    # no effectivity clause (a truncated file, vb_000792)
    ("Điều 1. Bãi bỏ Thông tư số 338/2016/TT-BTC ngày 28 tháng 12 năm 2016 của Bộ trưởng Bộ Tài chính.", "2026-03-10", None,
     "unknown"),
])
def test_the_change_takes_effect(text, date, effective, how):
    (s,) = [s for s in statements(text, symbol="1/2026/TT-BTC", date=date, doc_type="Nghị định") if s.scope == "whole"]
    assert (s.effective, s.effective_from) == (effective, how)


@pytest.mark.parametrize("text,date,effective,how", [
    ("Điều 3. Quyết định này có hiệu lực thi hành kể từ ngày ký.", "2025-11-20", "2025-11-20", "signing"),
    ("1. Thông tư này có hiệu lực thi hành kể từ ngày 01 tháng 4 năm 2025 và thay thế Thông tư số 19/2022/TT-BKHĐT.",
     None, "2025-04-01", "stated"),
    ("Nghị quyết này đã được Hội đồng nhân dân thành phố Hà Nội khóa XVI, kỳ họp thứ 28 thông qua ngày 26 tháng 11 năm "
     "2025 và có hiệu lực từ ngày 01 tháng 01 năm 2026.", "2025-11-26", "2026-01-01", "stated"),
    ("Quyết định này có hiệu lực thi hành sau 10 ngày kể từ ngày ký.", "2025-11-20", "2025-11-30", "stated"),
    ("1. Nghị quyết có hiệu lực thi hành kể từ ngày ký ban hành.", "2025-11-27", "2025-11-27", "signing"),
    ("Thông tư này có hiệu lực kể từ ngày 15/02/2024.", None, "2024-02-15", "stated"),
    # a reference to the document's effect, not its own clause
    ("Quyết định số 12/2018/QĐ-UBND hết hiệu lực kể từ ngày Quyết định này có hiệu lực thi hành.", None, None, "unknown"),
])
def test_own_effective_date(text, date, effective, how):
    v = own_validity(text, date)
    assert (v.effective, v.effective_from) == (effective, how)
    assert (v.evidence is not None) == (effective is not None)


def test_own_expiry():
    v = own_validity("Nghị quyết này có hiệu lực từ ngày 01 tháng 01 năm 2026 đến hết ngày 31 tháng 12 năm 2026.", None)
    assert (v.effective, v.expiry) == ("2026-01-01", "2026-12-31")


@pytest.mark.parametrize("doc_type,title,symbol,states", [
    ("Quyết định", "Về việc công bố Danh mục văn bản quy phạm pháp luật hết hiệu lực toàn bộ hoặc một phần", None, False),
    ("Quyết định", "Về việc công bố kết quả hệ thống hóa văn bản quy phạm pháp luật kỳ 2019 - 2023", None, False),
    ("Tờ trình", "Về việc ban hành Nghị quyết", "382/TTr-UBND", False),
    ("Thông tư", "Quy định chi tiết một số điều của Luật Thuế thu nhập doanh nghiệp", "20/2026/TT-BTC", True),
])
def test_who_states_validity(doc_type, title, symbol, states):
    assert states_validity(doc_type, title, symbol, "") is states


def test_a_register_states_nothing_of_its_own():
    text = ("15 Thông tư số 36/2021/TT-BLĐTBXH ngày 31/12/2021 của Bộ trưởng Bộ Lao động - Thương binh và Xã hội quy "
            "định mức điều chỉnh tiền lương hết hiệu lực thi hành kể từ ngày Thông tư này có hiệu lực thi hành.")
    title = "Về việc công bố Danh mục văn bản quy phạm pháp luật hết hiệu lực toàn bộ hoặc một phần"
    assert facts(text, doc_type="Quyết định", symbol="135/QĐ-BLĐTBXH", title=title) == set()
    assert text_role("Quyết định", title, "135/QĐ-BLĐTBXH", text.lower()) == "register"


def test_a_title_that_amends():
    text = ("NGHỊ ĐỊNH\nSửa đổi, bổ sung một số điều của Nghị định số 17/2023/NĐ-CP ngày 26 tháng 4 năm 2023 của Chính "
            "phủ quy định chi tiết một số điều của Luật Điện ảnh\n\nCăn cứ Luật Điện ảnh số 05/2022/QH15 đã được sửa đổi, "
            "bổ sung bởi Luật số 07/2022/QH15;")
    title = "Sửa đổi, bổ sung một số điều của Nghị định số 17/2023/NĐ-CP ngày 26 tháng 4 năm 2023 của Chính phủ"
    got = statements(text, doc_type="Nghị định", symbol="134/2026/NĐ-CP", title=title)
    assert ("17/2023/NĐ-CP", "amended", None) in {(s.symbol, s.change, s.by) for s in got}
    # the history in the basis is no act of this decree: the amending law acts there
    assert {(s.symbol, s.by) for s in got if s.symbol.endswith("QH15")} == {("05/2022/QH15", "07/2022/QH15")}


def test_a_register_row_names_the_replacing_act():
    # vb_000570: a row of the published list of expired documents
    text = ("A. VĂN BẢN HẾT HIỆU LỰC TOÀN BỘ\n15 \nThông tư số 36/2021/TT-BLĐTBXH ngày 31/12/2021 \ncủa Bộ trưởng Bộ Lao "
            "động - Thương binh và Xã hội \nquy định mức điều chỉnh tiền lương \nĐược thay thế bởi Thông tư số "
            "01/2023/TT-\nBLĐTBXH ngày 03/01/2023 của Bộ trưởng Bộ \nLao động - Thương binh và Xã hội. \n20/02/2023 \n"
            "16 \n")
    title = "Về việc công bố Danh mục văn bản quy phạm pháp luật hết hiệu lực toàn bộ hoặc một phần"
    (s,) = statements(text, doc_type="Quyết định", symbol="135/QĐ-BLĐTBXH", title=title)
    assert (s.symbol, s.change, s.scope, s.by, s.effective) == (
        "36/2021/TT-BLĐTBXH", "replaced", "whole", "01/2023/TT-BLĐTBXH", "2023-02-20")


@pytest.mark.parametrize("text,expected", [
    # vb_000562: a law amended by several laws; the history does not say the amenders end
    ("4. Luật Đầu tư số 61/2020/QH14 đã được sửa đổi, bổ sung một số điều theo Luật số 72/2020/QH14, Luật số "
     "03/2022/QH15 và Luật số 05/2022/QH15 hết hiệu lực kể từ ngày Luật này có hiệu lực thi hành.",
     {("61/2020/QH14", "72/2020/QH14"), ("61/2020/QH14", "03/2022/QH15"), ("61/2020/QH14", "05/2022/QH15")}),
    # vb_000812: "X …, được sửa đổi, bổ sung bởi Y" in a basis: Y amends X, never the reverse
    ("Căn cứ Nghị định số 02/2025/NĐ-CP quy định chức năng, nhiệm vụ, quyền hạn và cơ cấu tổ chức của Bộ Công an, "
     "được sửa đổi, bổ sung bởi Nghị định số 11/2025/NĐ-CP;", {("02/2025/NĐ-CP", "11/2025/NĐ-CP")}),
])
def test_amendment_histories_keep_their_direction(text, expected):
    got = {(s.symbol, s.by) for s in statements(text, doc_type="Luật", symbol="143/2025/QH15") if s.change == "amended"}
    assert got == expected



def test_read_validity_gives_what_ingest_stores():
    from extract.validity import read_validity

    text = ("2. Nghị định này thay thế Nghị định số 40/2018/NĐ-CP ngày 12 tháng 3 năm 2018 của Chính phủ. Nghị định "
            "này có hiệu lực thi hành kể từ ngày 01 tháng 7 năm 2026.")
    own, found, role = read_validity(text, extract_text(text).citations, doc_type="Nghị định", symbol="137/2026/NĐ-CP",
                                     doc_date="2026-04-07")
    assert own.effective == "2026-07-01" and role == "act"
    assert [(s.symbol, s.change, s.scope, s.effective) for s in found] == [("40/2018/NĐ-CP", "replaced", "whole", "2026-07-01")]


def test_a_proposal_in_the_preamble_is_not_the_title():
    # vb_000444: the title repeals one decision; the Tờ trình in the preamble proposes repealing another
    text = ("QUYẾT ĐỊNH\nBÃI BỎ TOÀN BỘ QUYẾT ĐỊNH SỐ 22/2025/QĐ-UBND NGÀY 28 THÁNG 02 NĂM 2025 CỦA ỦY BAN NHÂN DÂN "
            "THÀNH PHỐ HÀ NỘI\n*Theo đề nghị của Giám đốc Sở Văn hóa và Thể thao tại Tờ trình số 637/TTr- SVHTT ngày 23 "
            "tháng 10 năm 2025 và Giám đốc Sở Nội vụ tại Tờ trình số 6409/TTr- SNV ngày 27 tháng 10 năm 2025 về việc bãi "
            "bỏ toàn bộ Quyết định số 17/2025/QĐ-UBND ngày 28 tháng 02 năm 2025 của Ủy ban nhân dân thành phố Hà Nội.*\n"
            "**Điều 1**. Bãi bỏ toàn bộ Quyết định số 22/2025/QĐ-UBND ngày 28 tháng 02 năm 2025 của Ủy ban nhân dân thành "
            "phố Hà Nội.")
    title = "BÃI BỎ TOÀN BỘ QUYẾT ĐỊNH SỐ 22/2025/QĐ-UBND NGÀY 28 THÁNG 02 NĂM 2025"
    assert facts(text, doc_type="Quyết định", symbol="73/2025/QĐ-UBND", title=title) == {
        ("22/2025/QĐ-UBND", "repealed", "whole")}


@pytest.mark.parametrize("head,article,effective", [
    # vb_000201: the consolidated act's date closes its title, after the decree the title names
    ("Thông tư số 195/2019/TT-BQP ngày 23 tháng 12 năm 2019 của Bộ trưởng Bộ Quốc phòng quy định chi tiết một số điều "
     "và biện pháp thi hành Nghị định số 18/2019/NĐ-CP ngày 01 tháng 02 năm 2019 của Chính phủ về quản lý và thực hiện "
     "hoạt động khắc phục hậu quả bom mìn vật nổ sau chiến tranh, có hiệu lực kể từ ngày 11 tháng 02 năm 2020, được "
     "sửa đổi, bổ sung bởi:\n\nThông tư số 101/2025/TT-BQP ngày 13 tháng 9 năm 2025 của Bộ trưởng Bộ Quốc phòng, có "
     "hiệu lực kể từ ngày 01 tháng 11 năm 2025.",
     "Điều 36. Hiệu lực thi hành\n1. Thông tư này có hiệu lực từ ngày 11 tháng 02 năm 2020 và thay thế Thông tư số "
     "146/2007/TT-BQP ngày 11 tháng 9 năm 2007 của Bộ trưởng Bộ Quốc phòng.", "2020-02-11"),
    # vb_000515: the head gives no readable date ("kể từ ngày ngày 01 …"): the article's own first date holds
    ("Luật Bảo hiểm xã hội số 58/2014/QH13 ngày 20 tháng 11 năm 2014 của Quốc hội, có hiệu lực kể từ ngày ngày 01 tháng "
     "01 năm 2016, được sửa đổi, bổ sung bởi:\n1. Luật An toàn, vệ sinh lao động số 84/2015/QH13 ngày 25 tháng 6 năm "
     "2015 của Quốc hội, có hiệu lực kể từ ngày 01 tháng 7 năm 2016.",
     "Điều 124. Hiệu lực thi hành\n1. Luật này có hiệu lực thi hành từ ngày 01 tháng 01 năm 2016, trừ quy định tại "
     "điểm b khoản 1 và khoản 2 Điều 2 của Luật này thì có hiệu lực thi hành kể từ ngày 01 tháng 01 năm 2018.\n2. Luật "
     "Bảo hiểm xã hội số 71/2006/QH11 hết hiệu lực kể từ ngày Luật này có hiệu lực thi hành.", "2016-01-01"),
])
def test_a_consolidated_text_dates_the_change_by_the_original_act(head, article, effective):
    text = head + "\n\n" + article
    got = [s for s in statements(text, doc_type="Văn bản", symbol="94/VBHN-BQP", date="2025-11-24") if s.scope == "whole"]
    assert [(s.effective, s.effective_from) for s in got] == [(effective, "stated")]
    assert got[0].by in ("195/2019/TT-BQP", "58/2014/QH13")


def test_a_closed_footnote_quote_does_not_date_the_next_clause():
    # vb_000601: footnote 21 quotes the amending act's effectivity between clauses 1 and 2 of the original act
    text = ("Thông tư số 07/2023/TT-BLĐTBXH ngày 28 tháng 8 năm 2023 của Bộ trưởng Bộ Lao động - Thương binh và Xã hội "
            "quy định mã số, tiêu chuẩn chức danh nghề nghiệp, có hiệu lực kể từ ngày 15 tháng 10 năm 2023, được sửa "
            "đổi, bổ sung bởi:\nThông tư số 10/2024/TT-BLĐTBXH ngày 25 tháng 10 năm 2024 của Bộ trưởng Bộ Lao động - "
            "Thương binh và Xã hội, có hiệu lực kể từ ngày 10 tháng 12 năm 2024.\n\n"
            "Điều 22. Hiệu lực thi hành21\n1. Thông tư này có hiệu lực kể từ ngày 15 tháng 10 năm 2023.\n"
            "21 Khoản 2 Điều 2 của Thông tư số 10/2024/TT-BLĐTBXH ngày 25 tháng 10 năm 2024 của Bộ trưởng Bộ Lao động - "
            "Thương binh và Xã hội sửa đổi, bổ sung một số điều của Thông tư số 07/2023/TT-BLĐTBXH ngày 28 tháng 8 năm "
            "2023, có hiệu lực kể từ ngày 10 tháng 12 năm 2024 quy định như sau:\n“Điều 2. Điều khoản thi hành\n1. Thông "
            "tư này có hiệu lực thi hành kể từ ngày 10 tháng 12 năm 2024.”.\n\n"
            "2. Thông tư số 03/2018/TT-BLĐTBXH ngày 15 tháng 6 năm 2018 của Bộ trưởng Bộ Lao động - Thương binh và Xã "
            "hội quy định tiêu chuẩn chức danh nghề nghiệp hết hiệu lực kể từ ngày Thông tư này có hiệu lực.")
    got = [s for s in statements(text, doc_type="Văn bản", symbol="156/VBHN-BLĐTBXH", date="2025-01-10")
           if s.scope == "whole"]
    assert [(s.symbol, s.by, s.effective) for s in got] == [("03/2018/TT-BLĐTBXH", "07/2023/TT-BLĐTBXH", "2023-10-15")]


@pytest.mark.parametrize("text", [t for t, _, _ in CASES] + [
    # cue words inside other words and runs of cues: the first-word search must not skip or add any
    "Điều 3. Quyết định này có hiệu lực kể từ ngày ký và thay thế Quyết định số 12/2020/QĐ-UBND; "
    "thaythế, bãibỏ, xthay thế, hếthiệu lực, được được sửa đổi, bổ sung theo Luật số 03/2022/QH15.",
    "Nghị quyết số 05/2019/NQ-HĐND hết hiệu lực một phần; đã được sửa đổi, bổ sung bởi: Nghị quyết số 1/2020/NQ-HĐND; "
    "chấm dứt hiệu lực thi hành của Chỉ thị số 2/CT-UBND; Được thay thế bởi Thông tư số 9/2023/TT-BTC",
])
def test_cue_search_finds_what_the_pattern_finds(text):
    import extract.clauses as clauses
    import extract.validity as validity
    from extract.clauses import Cue, clean

    low = clean(text)
    cues = [v for m in (clauses, validity) for v in vars(m).values() if isinstance(v, Cue)]
    assert len(cues) >= 6
    for cue in cues:
        for lo, hi in ((0, len(low)), (7, len(low) - 9)):
            assert [m.span() for m in cue.finditer(low, lo, hi)] == [m.span() for m in cue.pattern.finditer(low, lo, hi)]
