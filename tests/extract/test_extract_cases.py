"""Tables of small cases for what ``extract_text`` adds to ``find_citations``: relations stated
about the document itself, edges between two cited documents, short forms, named references,
site chrome and the document's province.

One row per behaviour, with a comment naming it; the texts are shaped on the corpus's documents.
"""
from __future__ import annotations

import pytest

from extract import extract_text
from extract.jurisdiction import infer_province

FAR = "x" * 700  # further than any sentence reaches

# text -> {symbol: relation} for the numbered citations (short forms left out)
STATUS_CASES = [
    # the document replaces another, in the same sentence as "<Type> này"
    ("Quyết định này thay thế Quyết định số 12/QĐ-UBND ngày 2/3/2020 của UBND tỉnh.", {"12/QĐ-UBND": "replaces"}),
    # cue and "<Type> này" hundreds of characters apart, still one sentence
    ("Thay thế Quyết định số 13/QĐ-UBND " + "x" * 500 + " kể từ ngày Quyết định này có hiệu lực.",
     {"13/QĐ-UBND": "replaces"}),
    # the sentence with the cue does not mention the document itself: a plain citation
    ("Thay thế Quyết định số 13/QĐ-UBND. " + FAR + " Quyết định này có hiệu lực.", {"13/QĐ-UBND": "cites"}),
    # "X hết hiệu lực kể từ ngày Quyết định này có hiệu lực": the object stands before the cue
    ("Quyết định số 1234/QĐ-UBND ngày 5/6/2019 hết hiệu lực kể từ ngày Quyết định này có hiệu lực thi hành.",
     {"1234/QĐ-UBND": "replaces"}),
    # "văn bản này" speaks of the document as well as "<Type> này"
    ("Văn bản này thay thế Công văn số 12/UBND-VX.", {"12/UBND-VX": "replaces"}),
    # repeal
    ("Điều 3. Bãi bỏ Quyết định số 45/2015/QĐ-UBND ngày 3/4/2015 của UBND tỉnh kể từ ngày Quyết định này có hiệu lực.",
     {"45/2015/QĐ-UBND": "replaces"}),
    # a title that amends another document
    ("NGHỊ ĐỊNH\nSửa đổi, bổ sung một số điều của Nghị định số 15/2018/NĐ-CP ngày 02 tháng 02 năm 2018 của Chính phủ\n",
     {"15/2018/NĐ-CP": "amends"}),
    # a title that guides another document
    ("THÔNG TƯ\nHướng dẫn thi hành Nghị định số 30/2020/NĐ-CP ngày 5/3/2020 của Chính phủ về công tác văn thư\n",
     {"30/2020/NĐ-CP": "guides"}),
    # "Căn cứ" then an opening cue: each clause gives its own relation
    ("Căn cứ Luật số 77/2015/QH13; Thực hiện Kết luận số 114-KL/TW của Ban Bí thư; UBND tỉnh ban hành Kế hoạch.",
     {"77/2015/QH13": "based_on", "114-KL/TW": "implements"}),
    # "Trên cơ sở X" opens a clause like "Căn cứ": a basis, not something the document carries out
    ("Trên cơ sở công văn số 1447/TCHQ-TXNK ngày 04/4/2024 của Tổng cục Hải quan về việc phân loại Thiết bị đeo tay"
     " thông minh; Cục Hải quan thông báo kết quả phân loại như sau:", {"1447/TCHQ-TXNK": "based_on"}),
    # "Thực hiện sự chỉ đạo của X tại Công văn số ...": the letter is what the document carries out
    ("Thực hiện sự chỉ đạo của Ban Thường vụ Tỉnh ủy tại Công văn số 123-CV/TU ngày 5/3/2024; UBND tỉnh ban hành"
     " Kế hoạch như sau:", {"123-CV/TU": "implements"}),
    # "Thực hiện nhiệm vụ được giao tại Quyết định số ..."
    ("Thực hiện nhiệm vụ được giao tại Quyết định số 12/QĐ-UBND ngày 3/1/2024 của UBND tỉnh, Sở Y tế ban hành"
     " Kế hoạch như sau:", {"12/QĐ-UBND": "implements"}),
    # "Quán triệt và thực hiện X"
    ("Quán triệt và thực hiện Nghị quyết số 57-NQ/TW ngày 22/12/2024 của Bộ Chính trị, Tỉnh ủy ban hành Kế hoạch"
     " như sau:", {"57-NQ/TW": "implements"}),
    # "hướng dẫn thực hiện" inside the subject of the letter carried out: the letter guides, not this document
    ("Thực hiện Công văn số 1234/BYT-KCB ngày 5/5/2025 của Bộ Y tế về việc hướng dẫn thực hiện Thông tư số"
     " 12/2024/TT-BYT, Sở Y tế đề nghị:", {"1234/BYT-KCB": "implements", "12/2024/TT-BYT": "cites"}),
]


@pytest.mark.parametrize("text,relations", STATUS_CASES, ids=[t[:40] for t, _ in STATUS_CASES])
def test_relations_about_the_document(text, relations):
    got = {c.symbol: c.relation for c in extract_text(text).citations if not c.short_form}
    assert got == relations


EDGE_CASES = [
    # "A ... của X thực hiện B và C": A implements B and C
    ("Kế hoạch số 116-KH/TU ngày 3/5/2023 của Tỉnh ủy thực hiện Kết luận số 114-KL/TW ngày 14/7/2015 của Ban Bí thư"
     " và Chỉ thị số 05-CT/TW ngày 15/5/2016 của Bộ Chính trị.",
     [("116-KH/TU", "implements", "114-KL/TW"), ("116-KH/TU", "implements", "05-CT/TW")]),
    # "ban hành Kế hoạch thực hiện": the looser gap grammar
    ("Quyết định số 10/QĐ-UBND ngày 1/1/2020 của UBND tỉnh ban hành Kế hoạch thực hiện Chỉ thị số 16/CT-TTg"
     " ngày 2/2/2019", [("10/QĐ-UBND", "implements", "16/CT-TTg")]),
    # items of a ";" list say nothing about each other
    ("Quyết định số 12/QĐ-UBND; Kế hoạch số 5-KH/TU", []),
    # "của Ban Chỉ đạo thực hiện Đề án ...": the cue belongs to the issuer's name, not an edge
    ("Kế hoạch số 7-KH/BCĐ ngày 1/2/2021 của Ban Chỉ đạo thực hiện Đề án số 04-ĐA/TU của Tỉnh ủy", []),
    # a date broken by markup stays in the gap, then issuer and "về việc tổ chức triển khai thực hiện"
    ("*Căn cứ Công văn số\n2350/BDTTG-VPQGDTMN ngày 19 tháng 10 năm* *2025 của Bộ trưởng Bộ Dân tộc\nvà Tôn giáo về"
     " việc tổ chức triển khai thực hiện* *Nghị định số\n272/2025/NĐ-CP ngày 16/10/2025 của Chính phủ;*",
     [("2350/BDTTG-VPQGDTMN", "implements", "272/2025/NĐ-CP")]),
    # an adverb between the cue and the document it carries out
    ("Căn cứ Kế hoạch số 204/KH-UBND ngày 22/8/2025 của UBND tỉnh triển khai thực hiện có hiệu quả Nghị quyết số"
     " 71/NQ-CP ngày 01/4/2025 của Chính phủ;", [("204/KH-UBND", "implements", "71/NQ-CP")]),
    # "về tình hình thực hiện": a report on the implementation, not an act of it
    ("Thông báo số 4387/TB-VPQH ngày 14/11/2025 của Văn phòng Quốc hội về tình hình thực hiện Nghị quyết số"
     " 66/2013/QH13 ngày 29/11/2013 của Quốc hội khóa XIII", []),
    # "quy định chi tiết ... thi hành Luật X và Nghị định số B": the law is detailed, B is the next item
    ("Nghị định số 59/2019/NĐ-CP ngày 01 tháng 7 năm 2019 của Chính phủ quy định chi tiết một số điều và biện pháp"
     " thi hành Luật Phòng, chống tham nhũng và Nghị định số 134/2021/NĐ-CP ngày 30 tháng 12 năm 2021 của Chính phủ", []),
    # "quy định chi tiết ... tổ chức thi hành B": details (guides), not implements
    ("Nghị định số 31/2019/NĐ-CP ngày 10 tháng 4 năm 2019 của Chính phủ quy định chi tiết một số điều và biện pháp"
     " tổ chức thi hành Nghị quyết số 12/2018/QH14", [("31/2019/NĐ-CP", "guides", "12/2018/QH14")]),
]


@pytest.mark.parametrize("text,edges", EDGE_CASES, ids=[t[:40] for t, _ in EDGE_CASES])
def test_edges(text, edges):
    assert [(e.source, e.rel, e.target) for e in extract_text(text).edges] == edges


def test_issuer_name_running_into_a_cue_is_kept_whole():
    c = extract_text("Kế hoạch số 7-KH/BCĐ ngày 1/2/2021 của Ban Chỉ đạo thực hiện Đề án số 04-ĐA/TU của Tỉnh ủy"
                     ).citations[0]
    assert (c.symbol, c.issuer) == ("7-KH/BCĐ", "Ban Chỉ đạo thực hiện Đề án số 04-ĐA/TU")


SHORT_FORM_CASES = [
    # "Đề án 04" after the full reference: the same document
    ("Triển khai Đề án số 04-ĐA/TU ngày 1/2/2021 của Tỉnh ủy. Mục tiêu của Đề án 04 là ...", [("Đề án 04", "04-ĐA/TU")]),
    # "Kết luận số 114", leading zeros and "số" allowed
    ("Kết luận số 114-KL/TW ngày 14/7/2015 của Ban Bí thư. Thực hiện Kết luận số 114, các cấp ủy ...",
     [("Kết luận số 114", "114-KL/TW")]),
    # no full reference with that type and number: nothing
    ("Đề án 04 chưa được ban hành.", []),
    ("Đề án số 04-ĐA/TU của Tỉnh ủy; Kế hoạch 04 của Huyện ủy.", []),
]


@pytest.mark.parametrize("text,shorts", SHORT_FORM_CASES, ids=[t[:40] for t, _ in SHORT_FORM_CASES])
def test_short_forms(text, shorts):
    res = extract_text(text)
    got = [(c.text, c.symbol) for c in res.citations if c.short_form]
    assert got == shorts
    full = {c.symbol: c.key for c in res.citations if not c.short_form}
    assert all(c.key == full[c.symbol] and c.repairs == ("short-form",) for c in res.citations if c.short_form)


NAMED_CASES = [
    ("Căn cứ Hiến pháp năm 2013; Luật Tổ chức chính quyền địa phương ngày 19 tháng 6 năm 2015;",
     [("Hiến pháp", "Hiến pháp năm 2013"), ("Luật", "Luật Tổ chức chính quyền địa phương")]),
    # Party congress and plenum resolutions (two patterns opening with "Nghị quyết ")
    ("Quán triệt Nghị quyết Đại hội đại biểu toàn quốc lần thứ XIII của Đảng và Nghị quyết Trung ương 4 (khóa XII)"
     " về xây dựng Đảng.",
     [("Nghị quyết", "Nghị quyết Đại hội đại biểu toàn quốc lần thứ XIII của Đảng"),
      ("Nghị quyết", "Nghị quyết Trung ương 4 (khóa XII)")]),
    ("Chương trình tổng thể về thực hành tiết kiệm chống lãng phí giai đoạn 2021 - 2025",
     [("Chương trình", "Chương trình tổng thể về thực hành tiết kiệm chống lãng phí giai đoạn 2021 - 2025")]),
    # a law with its number is a citation, not a named reference
    ("Luật số 77/2015/QH13 ngày 19/6/2015.", []),
    ("Luật Doanh nghiệp số 59/2020/QH14 ngày 17/6/2020.", []),
]


@pytest.mark.parametrize("text,named", NAMED_CASES, ids=[t[:40] for t, _ in NAMED_CASES])
def test_named_references(text, named):
    assert [(n.type, n.text) for n in extract_text(text).named_references] == named


CHROME_CASES = [
    # a related-documents list after the document: cut, its references not cited
    ("Kế hoạch ... " + "x" * 1600 + "\nVăn bản liên quan\nQuyết định số 12/QĐ-UBND", "Văn bản liên quan", []),
    # a marker in the opening 1500 characters is the document's own words
    ("Kế hoạch ...\nTin liên quan\nQuyết định số 12/QĐ-UBND", None, ["12/QĐ-UBND"]),
    # the earliest of several markers wins, from the start of its line
    ("x" * 1600 + "\n## Tin liên quan\na\nVăn bản liên quan\nQuyết định số 12/QĐ-UBND", "## Tin liên quan", []),
]


@pytest.mark.parametrize("text,chrome,symbols", CHROME_CASES, ids=[f"chrome{i}" for i in range(len(CHROME_CASES))])
def test_site_chrome_is_cut(text, chrome, symbols):
    res = extract_text(text)
    assert res.meta["chrome_start"] == (len(text) if chrome is None else text.index("\n" + chrome) + 1)
    assert [c.symbol for c in res.citations] == symbols


BODY = "KẾ HOẠCH\n" + "nội dung kế hoạch. " * 100  # pushes mentions past the header region
MENTION_CASES = [
    (BODY + "Tp. Hồ Chí Minh và Tp. Hồ Chí Minh, tỉnh Phú Yên", "Hồ Chí Minh"),        # "Tp." prefix
    (BODY + "THÀNH PHỐ HÀ NỘI ... thành phố Hà Nội ... tỉnh Phú Yên", "Hà Nội"),        # upper and lower case
    (BODY + "xtỉnh Phú Yên xtỉnh Phú Yên tỉnh Khánh Hòa", "Khánh Hòa"),                 # glued to a word: no prefix
    (BODY + "Tỉnh Bà Rịa – Vũng Tàu; tỉnh Bà Rịa - Vũng Tàu", "Bà Rịa - Vũng Tàu"),     # en dash or hyphen
    (BODY + "tỉnh\xa0Phú Yên, tỉnh Phú Yên", "Phú Yên"),                               # no-break space
    (BODY + "Tỉnh ủy Khánh Hòa, tỉnh Khánh Hòa, tỉnh Phú Yên", "Khánh Hòa"),            # "Tỉnh ủy X" counts
]


@pytest.mark.parametrize("text,province", MENTION_CASES, ids=[t[len(BODY):][:30] for t, _ in MENTION_CASES])
def test_province_from_mentions(text, province):
    assert infer_province(text) == province
    assert extract_text(text).document.province == province


def test_province_given_by_the_caller_wins():
    text = "UBND TỈNH HÀ TĨNH\nSố: 12/KH-UBND\nThực hiện Kế hoạch số 5-KH/UBND của UBND tỉnh."
    assert extract_text(text).citations[0].key.endswith("@ha-tinh")
    res = extract_text(text, province="Phú Yên")
    assert res.document.province == "Phú Yên" and res.citations[0].key.endswith("@phu-yen")


HEADER_CASES = [
    # a provincial plan: number line, place/date line, type heading, signature block
    ("ỦY BAN NHÂN DÂN\nTỈNH KHÁNH HÒA\n---\nSố: 139/KH-UBND\n\nKhánh Hòa, ngày 06 tháng 7 năm 2021\n\nKẾ HOẠCH\n"
     "Thực hiện ...\n\nTM. ỦY BAN NHÂN DÂN\nKT. CHỦ TỊCH\nPHÓ CHỦ TỊCH\n\nNguyễn Văn An\n",
     {"type": "Kế hoạch", "symbol": "139/KH-UBND", "date": "2021-07-06", "place": "Khánh Hòa",
      "issuer": "Ủy ban nhân dân tỉnh Khánh Hòa", "signer": "Nguyễn Văn An", "province": "Khánh Hòa",
      "key": "139|KH-UBND@khanh-hoa"}),
    # table cells of a web capture: a bar and italics around a date broken over two lines
    ("|\n*Hà Nội, ngày 02\ntháng 12 năm 2025*\n|\n**NGHỊ QUYẾT**\n",
     {"type": "Nghị quyết", "date": "2025-12-02", "place": "Hà Nội", "symbol": None}),
    # a quoted (">") date line
    ("> \n> Hà Nội, ngày 1 tháng 2 năm 2024\n\nQUYẾT ĐỊNH\n", {"type": "Quyết định", "date": "2024-02-01"}),
    # a Party plan: "Số" without a colon, the issuer named in "... xây dựng kế hoạch"
    ("TỈNH ỦY PHÚ YÊN\n*\nSố 116-KH/TU\nPhú Yên, ngày 3 tháng 5 năm 2023\nKẾ HOẠCH\nthực hiện Kết luận số 114-KL/TW\n\n"
     "Ban Thường vụ Tỉnh ủy xây dựng kế hoạch như sau:\nI. MỤC ĐÍCH\n",
     {"symbol": "116-KH/TU", "date": "2023-05-03", "issuer": "Ban Thường vụ Tỉnh ủy", "key": "116|KH-TU@phu-yen"}),
    # a draft: blank number after a rule line, blank day
    ("UBND TỈNH HÀ TĨNH\n---Số: /KH-UBND\nHà Tĩnh, ngày    tháng 02 năm 2023\nKẾ HOẠCH\n",
     {"symbol": "/KH-UBND", "draft": True, "date": None, "key": None, "province": "Hà Tĩnh"}),
    # a site's metadata table ("Số hiệu:" cell)
    ("**Số hiệu:** | 5348/CT-CS\n", {"symbol": "5348/CT-CS", "type": "Chỉ thị"}),
]


@pytest.mark.parametrize("text,expected", HEADER_CASES, ids=[f"header{i}" for i in range(len(HEADER_CASES))])
def test_document_identity(text, expected):
    doc = extract_text(text).document.to_dict()
    assert {k: doc[k] for k in expected} == expected
