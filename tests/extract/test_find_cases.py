"""Table of real snippets (../shared/corpus and ../shared/seeds) and what find_citations must say.

One row per phenomenon, one comment per row naming what it exercises and where it comes from
(vb_NNNNNN = ../shared/corpus file, seed NNN = ../shared/seeds file).  Expected values are what is
RIGHT, not what the extractor says today: rows it still gets wrong are marked
``xfail(strict=True, reason=...)`` so the suite stays green, and a fix turns them into XPASS
failures that tell you to drop the mark.

``cite(symbol, **fields)`` lists the fields a row cares about; fields left out are not compared.
Issuers are compared after collapsing whitespace (the text may break a name over lines).
"""
from __future__ import annotations

import re
import unicodedata
from pathlib import Path

import pytest

from extract import extract_text, find_citations


def cite(symbol, **fields):
    return {"symbol": symbol, **fields}


def _norm(v):
    if isinstance(v, str):
        return re.sub(r"\s+", " ", unicodedata.normalize("NFC", v)).strip()
    return v


def comparable(found, expected):
    """Project found citations onto the fields the expected rows name."""
    out = []
    for i, c in enumerate(found):
        keys = expected[i].keys() if i < len(expected) else ("symbol",)
        out.append({k: _norm(getattr(c, k)) for k in keys})
    return out


def _text(case):
    """The snippet of a row, whether a plain tuple or a pytest.param (itself a namedtuple)."""
    return case.values[0] if hasattr(case, "marks") else case[0]


def _case_id(case):
    return re.sub(r"\s+", " ", _text(case))[:40]


def xfail(text, expected, reason):
    return pytest.param(text, expected, marks=pytest.mark.xfail(strict=True, reason=reason))


CASES = [
    # ---- party family -------------------------------------------------------------------------
    xfail("iếp tục thực hiện Kết luận số 114-KL/TW, ngày 14/7/2015 của Ban Bí thư Trung ương Đảng (khóa XI) về",
          [cite("114-KL/TW", type="Kết luận", date="2015-07-14", issuer="Ban Bí thư Trung ương Đảng (khóa XI)")],
          "issuer drops the trailing '(khóa XI)', which belongs to the issuer's name"),  # seed 003: party + d/m/yyyy + issuer with (khóa XI)
    xfail("Kết luận số 120-KL/TW của Bộ Chính trị (khóa XI); Pháp lệnh t",
          [cite("120-KL/TW", date=None, issuer="Bộ Chính trị (khóa XI)")],
          "issuer drops the trailing '(khóa XI)'"),  # seed 001: no date, issuer with term
    xfail("Nghị quyết số 25-NQ/TW, ngày 03/6/2013 của Ban Chấp hành Trung ương Đảng (khóa XI) về *tăng cường và đ",
          [cite("25-NQ/TW", type="Nghị quyết", date="2013-06-03", issuer="Ban Chấp hành Trung ương Đảng (khóa XI)")],
          "issuer drops the trailing '(khóa XI)'"),  # seed 003: markdown * after issuer
    ("Thông tri số 03-TT/TU, ngày 31/3/2016 của Ban Thường vụ Tỉnh ủy *triển khai thực hiện Kết l",
     [cite("03-TT/TU", type="Thông tri", date="2016-03-31", issuer="Ban Thường vụ Tỉnh ủy")]),  # seed 003: Thông tri (TT party code)
    ("Thông tri số\n02-TT/TU ngày 03 tháng 10 năm 2025 của Thành ủy Thành phố Hồ Chí Minh",
     [cite("02-TT/TU", type="Thông tri", date="2025-10-03")]),  # vb_000093: number on the line after "số", long date
    ("Thông tri số 07-TT/TC ngày 21 tháng 3 năm 1979 \ncủa Ban Tổ chức Trung ương ",
     [cite("07-TT/TC", date="1979-03-21", issuer="Ban Tổ chức Trung ương")]),  # vb_000610: old (1979) party circular, issuer on next line
    ("Quy định số 11-QĐi/TW, ngày 18/02/2019 của Bộ Chính\n\ntrị về trách nhiệm của ng",
     [cite("11-QĐi/TW", type="Quy định", date="2019-02-18", issuer="Bộ Chính trị")]),  # seed 000: QĐi code, issuer split by a blank line
    ("Quy định số 5530-QĐ/TU, ngày 12/11/2019 của Ban Thường vụ Tỉnh ủy về trách nhiệm của c",
     [cite("5530-QĐ/TU", date="2019-11-12", issuer="Ban Thường vụ Tỉnh ủy")]),  # seed 001: type word Quy định with QĐ code, symbol kept
    ("Hướng dẫn số 56-HD/VPTW\nngày 27/10/2015 về mức chi tiền thưởng kè",
     [cite("56-HD/VPTW", type="Hướng dẫn", date="2015-10-27")]),  # vb_000007: Hướng dẫn, VPTW issuer code, date on next line
    (" Chính phủ và Chương trình hành động số 10-CTr/TU\nngày 13/8/2025 của Ban Thường vụ Tỉnh uỷ về thực hiện Nghị ",
     [cite("10-CTr/TU", type="Chương trình hành động", date="2025-08-13", issuer="Ban Thường vụ Tỉnh uỷ")]),  # vb_000245: CTr + old-style "uỷ"
    ("hiện Chương trình phối hợp số 26-CTr/BDVTU-BCSDUBND ngày 13/02/2017 giữa Ban Dân vận Tỉnh ủy và Ban Cán sự đảng Ủy ban nhâ",
     [cite("26-CTr/BDVTU-BCSDUBND", type="Chương trình phối hợp", date="2017-02-13")]),  # seed 002: joint party issuers
    ("Kết luận số 213-KL/TW ngày 21 tháng 11 năm 2025 của Ban Bí \nthư về tiếp tục thực hiện Chỉ thị số 42-CT/TW ngày 24 tháng 3 năm 2020 của \nBan Bí thư về tăng cường",
     [cite("213-KL/TW", date="2025-11-21", issuer="Ban Bí thư"),
      cite("42-CT/TW", date="2020-03-24", issuer="Ban Bí thư")]),  # vb_000705: PDF breaks inside issuer; chain of two
    ("Kết luận số 01-KL/TW ngày 15/8/2021 của\nBộ Chính trị khóa XIII về tiếp tục thực hiện Chỉ thị số 05-CT/TW về đẩy mạnh học",
     [cite("01-KL/TW", date="2021-08-15"), cite("05-CT/TW", date=None)]),  # vb_000155: second citation has no date of its own
    ("Chỉ thị số 41-CT/TW ngày\n26/12/2024 của Bộ Chính trị về tăng cường",
     [cite("41-CT/TW", date="2024-12-26", issuer="Bộ Chính trị")]),  # vb_000155: date after a line break
    ("Căn cứ Nghị quyết số 02-NQ/TW ngày 17 tháng 3 năm 2026 của Bộ    \nChính trị về xây dựng và phát triển Thủ đô",
     [cite("02-NQ/TW", date="2026-03-17", issuer="Bộ Chính trị")]),  # vb_000707: PDF padding spaces inside the issuer
    # ---- party damage ---------------------------------------------------------------------------
    ("023 của Ban chỉ đạo thực hiện Đề án số 0\n\n4-ĐA/TU. Sở Tài nguyên và Môi trường x",
     [cite("04-ĐA/TU", type="Đề án")]),  # seed 000: line break inside the number
    ("ình hình mới; Chương trình hành động số 18-\n\nCTr/TU, ngày 09/12/2013 của Ban Chấp hành Đảng bộ tỉnh thực hiện Nghị",
     [cite("18-CTr/TU", date="2013-12-09", issuer="Ban Chấp hành Đảng bộ tỉnh")]),  # seed 000: break after the hyphen
    ("iển khai Chỉ thị số 49-\nNQ/TW, đồng thờ",
     [cite("49-NQ/TW")]),  # vb_000541: break after hyphen (type word disagrees with code; symbol wins)
    ("t, thực hiện Kết luận số 210-\nKL/TW; tiế",
     [cite("210-KL/TW", type="Kết luận")]),  # vb_000542: PDF break after hyphen
    ("iểm y tế toàn dân trong giai đoạn mới (sau đây gọi tắt là Chỉ thị số 52-\nCT/TW).  \n2. Xác",
     [cite("52-CT/TW")]),  # vb_000480: break after hyphen, closing parenthesis
    ("013 của Ban Chấp hành Đảng bộ tỉnh thực hiện Nghị quyết số\n\n25NQ/TW; Quyết định số 338-QD/TU, ngày 21/12/2021 của Ban Thường vụ Tinh\n\nủy ",
     [cite("25-NQ/TW"), cite("338-QĐ/TU", date="2021-12-21")]),  # seed 000: lost hyphen 25NQ; lost diacritic QD
    ("trị tại\nThông báo Kết luận số 99- TB/TW ngày 21 tháng 11 năm 2025.\n\nđ) Khuyến k",
     [cite("99-TB/TW", date="2025-11-21")]),  # vb_000304: stray space after hyphen "99- TB/TW"
    (" hiện Nghị quyết số 57- NQ/TW ngày\n22/12/2024 của Bộ Chính trị.\n\nd) Chủ động xâ",
     [cite("57-NQ/TW", date="2024-12-22", issuer="Bộ Chính trị")]),  # vb_000317: "57- NQ/TW" + date on next line
    ("hiếu nại, tố cáo.\n\n- Tổ chức quán triệt, triển khai thực hiện Chỉ thị\nso 41-CT/TW ngày 26/12/2024 của Bộ Chính trị, Kế hoạch số 319-KH/TU ngày\n10/4/2025 của Tỉnh ủy về tăng cường",
     [cite("41-CT/TW", date="2024-12-26"), cite("319-KH/TU", date="2025-04-10", issuer="Tỉnh ủy")]),  # vb_000278: "so" without diacritics
    ("ận, nhất là Chỉ thị 18-CT/TTg của Thủ tướng Chính phủ, Chỉ thị 29-CT/UBND của UBND tỉnh về tiếp\n\ntục đẩy mạnh, nâng cao hiệu quả công tác dân vận chí",
     [cite("18-CT/TTg", issuer="Thủ tướng Chính phủ"), cite("29-CT/UBND", issuer="UBND tỉnh")]),  # seed 004: party hyphen style with state issuers, no "số"
    ("ật; Chỉ thị số 31-CT/TU ngày 06/6/2023, Kế hoạch số 134-KH/TU ngày\n29/12/2023 của Ban Thường vụ Tỉnh ủy; Chỉ",
          [cite("31-CT/TU", date="2023-06-06", issuer="Ban Thường vụ Tỉnh ủy"),
           cite("134-KH/TU", date="2023-12-29", issuer="Ban Thường vụ Tỉnh ủy")]),  # vb_000140
    # ---- state family -------------------------------------------------------------------------
    ("Thực hiện Chỉ thị số 32/CT-TTg ngày 21/10/2025 của\nThủ tướng Chính phủ “về tăng cường công tác bảo vệ bí mật nhà nước",
     [cite("32/CT-TTg", type="Chỉ thị", date="2025-10-21", issuer="Thủ tướng Chính phủ")]),  # vb_000023: state symbol, issuer on next line
    ("TRIỂN KHAI THỰC HIỆN\nCHỈ THỊ SỐ 32/CT-TTG NGÀY 21/10/2025 CỦA THỦ TƯỚNG CHÍNH PHỦ “VỀ TĂNG ",
     [cite("32/CT-TTg")]),  # vb_000023: upper-case title "CT-TTG" repaired to TTg
    xfail("TRIỂN KHAI THỰC HIỆN\nCHỈ THỊ SỐ 32/CT-TTG NGÀY 21/10/2025 CỦA THỦ TƯỚNG CHÍNH PHỦ “VỀ TĂNG ",
          [cite("32/CT-TTg", date="2025-10-21", issuer="Thủ tướng Chính phủ")],
          "upper-case title: 'NGÀY 21/10/2025 CỦA THỦ TƯỚNG CHÍNH PHỦ' gives no date/issuer"),  # vb_000023
    (" Quyết định số 436-QĐ-UBND ngày 11/6/2019 của UBND tỉnh về ban hành *Quy địn",
     [cite("436/QĐ-UBND", date="2019-06-11", issuer="UBND tỉnh")]),  # seed 002: mixed separators 436-QĐ-UBND
    ("ăm 2021-2025 và Quyết định số 227/QĐ- TTg ngày 12/3/2024 về điều c",
     [cite("227/QĐ-TTg", date="2024-03-12")]),  # vb_000120: stray space "QĐ- TTg"
    ("ong QĐ số 270/QD- TTg ngày 02/4/2024\n|\n|\n3\n|\nX",
     [cite("270/QĐ-TTg", date="2024-04-02")]),  # vb_000362: abbreviation "QĐ số", lost diacritic + stray space, in a table cell
    (" Quyết định số 1127/QĐ- UBND ngày 06 tháng 5 năm\n2025 của Chủ tịch Ủ",
     [cite("1127/QĐ-UBND", date="2025-05-06")]),  # vb_000110: stray space + year pushed to the next line
    (" theo Quyết định số\n1002/QĐ-TTg ngày 24-5-2025 phê duyệt Đề án đào tạo ",
     [cite("1002/QĐ-TTg", date="2025-05-24")]),  # vb_000434: date d-m-yyyy
    ("khai thực hiện\ncông tác bảo vệ bí mật nhà nước năm 2025; Công văn số 574/UBND-NC ngày\n23/9/2024 của UBND tỉnh về việc nâng cao hiệ",
     [cite("574/UBND-NC", type="Công văn", date="2024-09-23", issuer="UBND tỉnh")]),  # vb_000023: Công văn NUMBER/ISSUER-UNIT
    ("chính tại Công văn số 15564/BTC-KTN ngày 08/10/2025 về việc tham gia ý kiến",
     [cite("15564/BTC-KTN", type="Công văn", date="2025-10-08")]),  # vb_000360: ministry Công văn (BTC-KTN)
    (" Pháp chế Hội đồng nhân dân Thành phố; Văn bản\ngiải trình, tiếp thu số 6253/UBND-SNV ngày 25 tháng 11 năm 2025 của Ủy ban nhân\ndân Thà",
     [cite("6253/UBND-SNV", date="2025-11-25")]),  # vb_000070: văn bản NUMBER/UBND-UNIT after a free phrase
    ("Phương án số 728/PA-UBND ngày 28/02/2025 của UBND tỉnh, và để nâng cao",
     [cite("728/PA-UBND", type="Phương án", date="2025-02-28", issuer="UBND tỉnh")]),  # vb_000140: Phương án (PA)
    (";\n\nCăn cứ Quy chế phối hợp số\n49/QCPH-UBND-UBMT-HCTĐ ngày 24/01/2025 về thực hiện",
          [cite("49/QCPH-UBND-UBMT-HCTĐ", date="2025-01-24")]),  # vb_000180: joint state issuers (three units)
    ("Mục II Tờ trình số 215/TTr- NHNN ngày 28 tháng 11 năm\n2025 của Ngân hàng Nhà nước Việt Nam.",
     [cite("215/TTr-NHNN", type="Tờ trình", date="2025-11-28")]),  # vb_000012: stray space + year on next line
    ("ẵng tại Tờ trình số 409\n/TTr-SVHTTDL ngày 22 tháng 10 năm 2025.*\n\n**QUYẾT ĐỊNH",
     [cite("409/TTr-SVHTTDL", date="2025-10-22")]),  # vb_000217: line break before the slash
    ("ét Tờ trình số 429/TTr-UBND ngày 21 tháng 11\nnăm 2025 của Ủy ban nhân dân Thành phố về việc đề nghị ban hàn",
     [cite("429/TTr-UBND", date="2025-11-21", issuer="Ủy ban nhân dân Thành phố")]),  # vb_000007: "năm" on the next line
    ("ại Tờ trình số 376/TTr-CP và Đề án số 377/ĐA-CP **ngày 09 tháng 5 năm 2025, Báo cáo t",
     [cite("376/TTr-CP"), cite("377/ĐA-CP", date="2025-05-09")]),  # vb_000073: markdown ** before the date
    ("các văn \nbản: Số 202/TTr-BVHTTDL ngày 11 tháng 5 năm 2026, số 192/TTr-BVHTTDL \nngày 06 tháng 5 năm 2026, số 201/BC-BVHTTDL ngày 11 tháng 5 năm 2026, số \n191/BC-BVHTTDL ngày 06 tháng 5 năm 2026; của",
     [cite("202/TTr-BVHTTDL", date="2026-05-11"), cite("192/TTr-BVHTTDL", date="2026-05-06"),
      cite("201/BC-BVHTTDL", date="2026-05-11"), cite("191/BC-BVHTTDL", date="2026-05-06")]),  # vb_000707: several numbers after one "các văn bản:"
    ("Bộ Công Thương tại các Tờ trình số 2138/TTr-BCT               \nngày 30 tháng 3 năm 2026, số 3390/TTr-BCT ngày 14 tháng 5 năm 2026 và          \nsố 374/BC-BCT ngày 30 tháng 5 năm 2026 về chính sách",
          [cite("2138/TTr-BCT", date="2026-03-30"), cite("3390/TTr-BCT", date="2026-05-14"),
           cite("374/BC-BCT", date="2026-05-30")]),  # vb_000708: numbers sharing one type word, PDF padding
    ("\nNghị quyết số 246/NQ-HĐND ngày 10 tháng 9 năm 2025 của Hội đồng nhân dân tỉnh\nVĩnh Lo",
     [cite("246/NQ-HĐND", date="2025-09-10")]),  # vb_000389: individual HĐND resolution (no year in symbol)
    (" Nghị quyết số 13/NQ-HĐND\nngày 14/7/2025 của HĐND tỉnh Bắc Ninh về việc áp dụng, bãi bỏ VBQPPL lĩnh vực\ntài chính do HĐND tỉn",
     [cite("13/NQ-HĐND", date="2025-07-14", issuer="HĐND tỉnh Bắc Ninh")]),  # vb_000428: abbreviated issuer HĐND tỉnh X
    ("Thành viên Chính phủ tại Phiếu lấy ý kiến Thành viên Chính phủ số\n1025/PLYK/2025 ngày 23 tháng 11 năm 2025, ý kiến của N",
          [cite("1025/PLYK/2025", date="2025-11-23")]),  # vb_000012
    # ---- normative family ---------------------------------------------------------------------
    ("n đến năm 2045; Nghị quyết số 55/2022/QH 15, ngày\n\n16/6/2022 của Quốc hội về thí điểm một số ",
     [cite("55/2022/QH15", type="Nghị quyết", date="2022-06-16", issuer="Quốc hội")]),  # seed 000: "QH 15" stray space, date after blank line
    ("*Căn cứ Luật Tổ chức chính quyền địa phương số\n72/2025/QH15; *",
     [cite("72/2025/QH15")]),  # vb_000089: law number on the next line
    ("*Căn cứ Luật Tổ chức\nchính quyền địa phương số 72/2025/QH15;*\n\n*Căn cứ Luật Ban\n",
          [cite("72/2025/QH15", type="Luật")]),  # vb_000044
    (" Luật số 90/2025/QH15);\n- Nghị định số 214/2025/NĐ-CP ngày 04 tháng 8 năm\n2025 của Chính phủ;\n- Nghị định số 115/2024/NĐ-CP ngày",
     [cite("90/2025/QH15"), cite("214/2025/NĐ-CP", date="2025-08-04", issuer="Chính phủ"), cite("115/2024/NĐ-CP")]),  # vb_000009: year on next line
    ("c định chi tiết thi hành một số điều của Luật Nuôi con nuôi được sửa đổi, bổ\nsung bởi Nghị định số 24/2019/NĐ-CP, Nghị định số 06/2025/NĐ-CP;*",
     [cite("24/2019/NĐ-CP"), cite("06/2025/NĐ-CP")]),  # vb_000058: two decrees, no dates
    ("định, chứng nhận theo quy định tại khoản 4 Điều 67 Nghị định số 22/2026/NĐ-\nCP ngày 16 tháng 01 năm 2026 của Chính phủ quy định",
     [cite("22/2026/NĐ-CP", date="2026-01-16", issuer="Chính phủ")]),  # vb_000544: normative symbol split after "NĐ-"
    ("ngày 25/5/2023 và Thông tư số 94/2024/TT- BTC ngày 31/12/2024;*\n\n*Căn cứ Th",
     [cite("94/2024/TT-BTC", type="Thông tư", date="2024-12-31")]),  # vb_000056: "TT- BTC" stray space
    ("ứ\nhàng hóa (sau đây gọi là Nghị định số 31/2018/NĐ- CP) hoặ",
     [cite("31/2018/NĐ-CP")]),  # vb_000067: "NĐ- CP" stray space before ")"
    ("n hành kèm theo Quyết định số 52/2024/QĐ- UBND ngày 30 tháng 10 năm\n2024 của Uỷ ban nh",
     [cite("52/2024/QĐ-UBND", date="2024-10-30")]),  # vb_000126: normative QĐ-UBND, stray space, year on next line
    ("Nghị định so 126/2020/NĐ-CP và khoản 3 Điều\n42 Nghị định số 103/2024/NĐ-CP nêu trên.",
     [cite("126/2020/NĐ-CP"), cite("103/2024/NĐ-CP")]),  # vb_000091: "so" without diacritics; "Điều\n42" is no citation
    (" (ngày Nghị định số 103/2024/ND-CP có hiệu lực\nthi hàn",
     [cite("103/2024/NĐ-CP")]),  # vb_000091: lost diacritic "ND-CP"
    ("ại Thông tư liên tịch số 07/2013/TTLT-BGDĐT-BNV-BTC ngày 08 tháng 03 năm 2013",
     [cite("07/2013/TTLT-BGDĐT-BNV-BTC", type="Thông tư liên tịch", date="2013-03-08")]),  # vb_000139: joint issuers (3 ministries)
    (" 5 Thông tư liên tịch số 22/2016/TTLT-BNNPTNT-BTNMT\n|",
     [cite("22/2016/TTLT-BNNPTNT-BTNMT")]),  # vb_000042: joint circular in a table cell
    ("quyết số 70/2025/UBTVQH15 và ban hành Quyết định quy định định mức phân bổ vốn",
     [cite("70/2025/UBTVQH15")]),  # vb_000274: UBTVQH15 resolution, type word split earlier
    ("ố 46/2026/NĐ-CP \nngày 26 tháng 01 năm 2026 và Nghị quyết số 66.13/2026/NQ-CP \nngày 27 tháng 01 năm 2026 của Chính ph",
          [cite("46/2026/NĐ-CP", date="2026-01-26"), cite("66.13/2026/NQ-CP", date="2026-01-27")]),  # vb_000544
    ("Quyết định số 15/2021/QĐ-UBND ngày 08/7/2021 của UBND tỉnh Nghệ An về ban hành\nquy chế bảo vệ bí mật nhà nước trên địa bàn tỉnh Nghệ An; Quyết định số 46/2002/QĐ-UBND\nngày 12/09/2022 của UBND tỉnh quy định",
     [cite("15/2021/QĐ-UBND", date="2021-07-08", issuer="UBND tỉnh Nghệ An"),
      cite("46/2002/QĐ-UBND", date="2022-09-12")]),  # vb_000023: year in symbol kept even when the date disagrees; 12/09 zero-padded month
    ("Thông tư số 06/2022/TT-B\u0422\u0421 ngày 08 tháng 02 năm 2022 của Bộ trưởng Bộ Tài \nchính hướng dẫn",
          [cite("06/2022/TT-BTC", date="2022-02-08")]),  # vb_000779 (U+0422 U+0421 in the source)
    # ---- issuer boundaries ----------------------------------------------------------------------
    (" thế Nghị \nquyết số 09/2026/NQ-CP ngày 04 tháng 02 năm 2026 của Chính phủ tạm ngưng hiệu \nlực và điều chỉnh thời hạn áp dụng Nghị định số 46/2026/NĐ-CP",
          [cite("09/2026/NQ-CP", date="2026-02-04", issuer="Chính phủ"), cite("46/2026/NĐ-CP")]),  # vb_000544
    (" theo Nghị Quyết số 282/NQ-CP ngày \n15/9/2025 của Chính phủ Ban hành Chương trình hành động của Chính phủ thực \nhiện Nghị quyết số 72-NQ/TW ngày 09/9/2025 của Bộ Chính trị về một số giải",
          [cite("282/NQ-CP", date="2025-09-15", issuer="Chính phủ"),
           cite("72-NQ/TW", date="2025-09-09", issuer="Bộ Chính trị")]),  # vb_000480 (also "Nghị Quyết" capital Q)
    ("206/QĐ-LĐTBXH ngày\n11/3/2022 của Bộ trưởng Bộ Lao động - Thương binh và Xã hội chưa thay đổi. Vì vậy,",
          [cite("206/QĐ-LĐTBXH", date="2022-03-11", issuer="Bộ trưởng Bộ Lao động - Thương binh và Xã hội")]),  # vb_000360
    xfail("*Căn cứ Thông tư số 02/2017/TT-VPCP ngày 31 tháng\n10 năm 2017 của Bộ trưởng, Chủ nhiệm Văn phòng Chính phủ hướng dẫn về nghiệp vụ",
          [cite("02/2017/TT-VPCP", date="2017-10-31", issuer="Bộ trưởng, Chủ nhiệm Văn phòng Chính phủ")],
          "issuer cut at the comma of a double title 'Bộ trưởng, Chủ nhiệm ...'"),  # vb_000022
    # ---- not citations --------------------------------------------------------------------------
    ("CÔNG BÁO/Số 271/Ngày 12-05-2026 \n84 \n \n \nCHÍNH PHỦ \n", []),  # vb_000474: Công báo page header
    ("Ký bởi: CÔNG BÁO NƯỚC CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nCơ quan: VĂN PHÒNG CHÍNH PHỦ\nNgày ký: 2026-05-08 16:42:06 +07:00\n", []),  # vb_000474: signature stamp
    ("Số: /KH-UBND\n\nHồng Lĩnh, ngày tháng 02 năm 2023", []),  # seed 004: blank draft number is no citation
    ("kê khai theo Mẫu số 01/BK-STK ban hành kèm theo Thông tư này", []),  # vb_000809: a form's code is no citation
    ("Tờ khai theo mẫu số 02/CNKD-TNCN-QTT và", []),  # vb_000809: lower-case "mẫu"
    ("Số: /TB-…. | CỘNG H", []),  # vb_000349: blank draft number with placeholder unit
    ("Các tổ chức, cá nhân trong và ngoài nước tham quan di tích tại Đền Bạch\nMã số 76 Hàng Buồm, Đình Kim Ngân số 42-44 Hàng Bạc, Di tích số 28 Hàng Buồm,", []),  # vb_000044: street addresses
    ("lũ lịch sử trên diện rộng sau bão số 12 và bão số 13 với sức\ngió mạnh “lũ chồng", []),  # vb_000304: storm numbers
    ("- Báo và Phát thanh, Truyền hình Đắk Lắk;\n- Lưu: VT, NV (V-10b).\n|", []),  # vb_000155: filing code in "Nơi nhận"
    ("các nhiệm vụ phát triển kinh tế - xã hội năm 2025 và giai đoạn 2021 - 2025, lập", []),  # vb_000155: year ranges
]


@pytest.mark.parametrize("text,expected", CASES, ids=[_case_id(c) for c in CASES])
def test_find(text, expected):
    found = find_citations(text)
    assert comparable(found, expected) == [{k: _norm(v) for k, v in e.items()} for e in expected]


def test_offsets_point_into_the_text():
    for case in CASES:
        text = _text(case)
        for c in find_citations(text):
            assert text[c.start:c.end] == c.text
            assert c.start <= c.symbol_start < c.symbol_end <= c.end


# Document-level behaviour that needs the whole pipeline (relations, site chrome, own identity).
DOC_CASES = [
    # opening cue with a lead-in ("Để tổ chức triển khai thực hiện có hiệu quả ...")
    ("Để tổ chức triển khai thực hiện có hiệu quả Chỉ thị số 05-CT/TW ngày 15/5/2016 của Bộ Chính trị, Ban Thường vụ"
     " Tỉnh ủy xây dựng kế hoạch như sau:\nI. MỤC ĐÍCH", {"05-CT/TW": "implements"}),
    ("Nhằm tiếp tục triển khai thực hiện Kết luận số 01-KL/TW ngày 18/5/2021 của Bộ Chính trị; Huyện ủy ban hành kế"
     " hoạch.\nI. MỤC ĐÍCH", {"01-KL/TW": "implements"}),
    # "Thực hiện các văn bản ... : X; Y": a lead-in before the list of implemented documents
    ("Thực hiện các văn bản chỉ đạo của cấp trên: Chỉ thị số 05-CT/TW ngày 15/5/2016 của Bộ Chính trị; Kết luận số"
     " 01-KL/TW ngày 18/5/2021 của Bộ Chính trị, Huyện ủy xây dựng kế hoạch như sau:\nI. MỤC ĐÍCH",
     {"05-CT/TW": "implements", "01-KL/TW": "implements"}),
    # ... and the same list as bullets under "sau:"
    ("Thực hiện các văn bản sau:\n- Chỉ thị số 05-CT/TW ngày 15/5/2016 của Bộ Chính trị;\n- Kết luận số 01-KL/TW"
     " ngày 18/5/2021 của Bộ Chính trị.\nHuyện ủy xây dựng kế hoạch như sau:\nI. MỤC ĐÍCH\nTheo Quyết định số 12-QĐ/TU",
     {"05-CT/TW": "implements", "01-KL/TW": "implements", "12-QĐ/TU": "cites"}),
    # a proposal is a basis, not something implemented
    ("Trên cơ sở đề nghị của Bộ Tài chính tại văn bản số 18345/BTC-NSNN ngày 3/12/2025, Thủ tướng quyết định:\n"
     "Điều 1. Bổ sung kinh phí", {"18345/BTC-NSNN": "based_on"}),
    # vb_000087: opening "Thực hiện" -> implements
    ("Thực hiện Quyết định số\n1850/QĐ-TTg ngày 27 tháng 8 năm 2025 của Thủ tướng Chính phủ về ban hành Kế hoạch\ntriển khai thi hành Luật Việc làm;\n\nỦy ban nhân dân Thành phố ban\nhành Kế hoạch",
     {"1850/QĐ-TTg": "implements"}),
    # vb_000022: "Căn cứ" preamble -> based_on
    ("*Căn cứ Nghị định số 118/2025/NĐ-CP ngày 09 tháng\n6 năm 2025 của Chính phủ về thực hiện thủ tục hành chính theo cơ chế một cửa;*\n\n**QUYẾT ĐỊNH:**",
     {"118/2025/NĐ-CP": "based_on"}),
    # vb_000544: "thay thế Nghị quyết số ..." -> replaces
    ("1. Nghị quyết này có hiệu lực thi hành kể từ ngày ký ban hành và thay thế Nghị \nquyết số 09/2026/NQ-CP ngày 04 tháng 02 năm 2026 của Chính phủ.",
     {"09/2026/NQ-CP": "replaces"}),
    # vb_000278: "Thực hiện" list that starts with a named reference, items after ";"
    pytest.param("Thực hiện Nghị quyết Đại hội đại biểu toàn quốc lần\nthứ XIII của Đảng; Chỉ thị số 45-CT/TW ngày 14 tháng 4 năm 2025 của Bộ Chính trị\nvề Đại hội đảng bộ các cấp tiến tới Đại hội đại biểu toàn quốc lần thứ XIV của\nĐảng; Quyết định số 2437/QĐ-TTg ngày 04 tháng 11 năm 2025 của Thủ tướng Chính\nphủ ban hành Kế hoạch triển khai Đợt thi đua;\n\nỦy ban nhân dân tỉnh Nghệ An triển khai Đợt thi đua",
                 {"45-CT/TW": "implements", "2437/QĐ-TTg": "implements"}),
    # vb_000257: every ';'-separated item of the opening "Thực hiện" list is implemented
    pytest.param("Thực hiện Nghị quyết số\n214/NQ-CP ngày 23/7/2025 của Chính phủ ban hành Kế hoạch hành động của Chính phủ\nvề thúc đẩy tạo lập dữ liệu phục vụ chuyển đổi số toàn diện; Nghị định số\n278/2025/NĐ-CP ngày 22/10/2025 của Chính phủ quy định về kết nối, chia sẻ dữ liệu\nbắt buộc giữa các cơ quan thuộc hệ thống chính trị; UBND thành phố Hà Nội ban hành Kế hoạch",
                 {"214/NQ-CP": "implements", "278/2025/NĐ-CP": "implements"}),
    # vb_000480: title "Ban hành Kế hoạch hành động thực hiện X" wins over the "Căn cứ X" preamble
    pytest.param("THỦ TƯỚNG CHÍNH PHỦ\n\nSố: 844/QĐ-TTg \nHà Nội, ngày 13 tháng 5 năm 2026 \nQUYẾT ĐỊNH \nBan hành Kế hoạch hành động thực hiện  \nChỉ thị số 52-CT/TW ngày 03 tháng 10 năm 2025 của Ban Bí thư  \nvề thực hiện bảo hiểm y tế toàn dân trong giai đoạn mới  \n–––––– \n\nTHỦ TƯỚNG CHÍNH PHỦ \n\nCăn cứ Chỉ thị số 52-CT/TW ngày 03 tháng 10 năm 2025 của Ban Bí thư về \nthực hiện bảo hiểm y tế toàn dân trong giai đoạn mới;  \n",
                 {"52-CT/TW": "implements"}),
]


@pytest.mark.parametrize("text,relations", DOC_CASES, ids=[_case_id(c) for c in DOC_CASES])
def test_relations(text, relations):
    res = extract_text(text)
    got = {}
    for c in res.citations:   # a document is 'implements' when any mention is (as the scorer reads it)
        if c.symbol in relations and got.get(c.symbol) != "implements":
            got[c.symbol] = c.relation
    assert got == relations


FOOTER = (
    "Nghị định 13/2023/NĐ-CP về Bảo vệ dữ liệu cá nhân (hiệu lực từ ngày 01/07/2023) yêu cầu xác nhận sự "
    "đồng ý của thành viên khi thu thập, lưu trữ, sử dụng thông tin mà quý khách đã cung cấp trong quá trình "
    "đăng ký, sử dụng sản phẩm, dịch vụ của **THƯ VIỆN PHÁP LUẬT**.\n\nThực hiện Nghị định 13/2023/NĐ-CP, "
    "chúng tôi cập nhật Quy chế và Thỏa thuận Bảo về Dữ liệu cá nhân bên dưới.\n"
)


def test_site_footer_is_not_a_citation():
    """tnt305 captures end with thuvienphapluat's notice on Nghị định 13/2023/NĐ-CP (vb_000012):
    in a whole captured page neither the footer nor the title repeated after the signature is cited."""
    path = Path(__file__).parent / "evaluation" / "cross_section" / "vb_000012.txt"
    text = path.read_text(encoding="utf-8")
    assert FOOTER.splitlines()[0][:60] in text
    syms = [c.symbol for c in extract_text(text).citations]
    assert "13/2023/NĐ-CP" not in syms and "388/NQ-CP" not in syms


@pytest.mark.xfail(strict=True, reason="chrome is only recognised in a whole page: the page tail alone cites the footer and the repeated title")
def test_site_tail_alone_is_not_cited():
    text = (Path(__file__).parent / "evaluation" / "cross_section" / "vb_000012.txt").read_text(encoding="utf-8")
    tail = text[text.index("TM. CHÍNH PHỦ"):]
    syms = [c.symbol for c in extract_text(tail).citations]
    assert "13/2023/NĐ-CP" not in syms and "388/NQ-CP" not in syms


OWN_CASES = [
    ("|\n|\nSố: 982/KH-UBND\n|\n*Nghệ An, ngày 19\ntháng 11 năm 2025*\n|\n\n**KẾ HOẠCH**\n", "982/KH-UBND", "2025-11-19"),  # vb_000278
    ("|\n|\nSố:\n66/2025/NQ-HĐND\n|\n*Hà Nội, ngày 27\ntháng 11 năm 2025 *\n|\n**NGHỊ QUYẾT**\n", "66/2025/NQ-HĐND", "2025-11-27"),  # vb_000044: number on next line
    ("CHÍNH PHỦ \n_______ \n \nSố:   15/2026/NQ-CP \nCỘNG HOÀ XÃ HỘI CHỦ NGHĨA VIỆT NAM \nĐộc lập - Tự do - Hạnh phúc \n ____ \nHà Nội, ngày 06  tháng 4 năm 2026 \n \nNGHỊ QUYẾT \n", "15/2026/NQ-CP", "2026-04-06"),  # vb_000544: padding spaces
    pytest.param("|\nSố 432-TB/VPTW\n|\n*Hà Nội, ngày\n26 tháng 11 năm 2025*\n|\n**THÔNG BÁO KẾT LUẬN**\n", "432-TB/VPTW", "2025-11-26"),  # vb_000335: Party, "Số" without colon
    pytest.param("BỘ TÀI CHÍNH \n \nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM \nĐộc lập - Tự do - Hạnh phúc  \nSố:  372 /QĐ-BTC \nHà Nội, ngày       tháng      năm 2026       \n  \n \nQUYẾT ĐỊNH \nVề việc đính chính Thông tư số 138/2025/TT-BTC sửa đổi",
                 "372/QĐ-BTC", None),  # vb_000779
    pytest.param("|\n|\nSố: 06/CT-UBND\n|\n*Quảng Trị, ngày\n25 tháng 11 năm 2025*\n|\n\n\n**CHỈ THỊ**\n", "06/CT-UBND", "2025-11-25"),  # vb_000140
    pytest.param("|\nSố: 36/2025/NQ-HĐND\n|\n*Thành phố Huế**, ngày 18 tháng 11 năm 2025*\n|\n\n\n**NGHỊ\nQUYẾT**\n", "36/2025/NQ-HĐND", "2025-11-18"),  # vb_000089
]


@pytest.mark.parametrize("text,symbol,date", OWN_CASES, ids=[_case_id(c) for c in OWN_CASES])
def test_own_identity(text, symbol, date):
    res = extract_text(text)
    assert (res.document.symbol, res.document.date) == (symbol, date)
    assert symbol not in [c.symbol for c in res.citations]
