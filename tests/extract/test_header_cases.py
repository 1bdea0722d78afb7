"""The document's own identity from headers as real files give them, one case a row.

Each case is a header (and, for a consolidated text, its end) as it comes out of the readers:
text-layer PDFs in reading order, OCR of scans, Word files.  Expected: (symbol, date, draft, type).
"""
from __future__ import annotations

import pytest

from extract import extract_text

BODY = "\nThực hiện Công văn số 4625/BNV-CCHC ngày 02/7/2025 của Bộ Nội vụ về cải cách hành chính.\n"

CASES = [
    # an e-office system typed the number into the blank as its own object, a little above the line
    ("typed-above", "BỘ NỘI VỤ\n12094\nSố: /BNV-CCHC\nV/v hướng dẫn triển khai\n"
     "CỘNG HOÀ XÃ HỘI CHỦ NGHĨA VIỆT NAM\nHà Nội, ngày 15 tháng 12 năm 2025\nKính gửi: Các bộ" + BODY,
     ("12094/BNV-CCHC", "2025-12-15", False, "Công văn")),
    ("typed-below", "BỘ NỘI VỤ\nSố: /BNV-CCHC\n12094\nHà Nội, ngày 15 tháng 12 năm 2025" + BODY,
     ("12094/BNV-CCHC", "2025-12-15", False, None)),
    # typed into the blank on the same line, spaces left around it
    ("typed-in-line", "ỦY BAN NHÂN DÂN\nTỈNH LÂM ĐỒNG\nSố: 329 /BC-UBND\nLâm Đồng, ngày 19 tháng 12 năm 2025\nBÁO CÁO" + BODY,
     ("329/BC-UBND", "2025-12-19", False, "Báo cáo")),
    # a letter's number has no type code: "Số:" vouches for it
    ("letter-number", "UBND TỈNH LÂM ĐỒNG\nTRUNG TÂM XÚC TIẾN ĐẦU TƯ\nSố: 644 /TTXT-ĐTDN\nV/v báo cáo tình hình\n"
     "Lâm Đồng, ngày 06 tháng 11 năm 2025" + BODY, ("644/TTXT-ĐTDN", "2025-11-06", False, "Công văn")),
    # a Party guide: "Số 37-HD/TU" without a colon
    ("no-colon", "ĐẢNG BỘ TỈNH LÂM ĐỒNG\nTỈNH ỦY\nSố 37-HD/TU\nĐẢNG CỘNG SẢN VIỆT NAM\nLâm Đồng, ngày 03 tháng 4 năm 2024\n"
     "HƯỚNG DẪN" + BODY, ("37-HD/TU", "2024-04-03", False, "Hướng dẫn")),
    # a date line without a place name
    ("date-without-place", "BỘ TÀI CHÍNH\nSố: 12/2025/TT-BTC\nngày 05 tháng 3 năm 2025\nTHÔNG TƯ" + BODY,
     ("12/2025/TT-BTC", "2025-03-05", False, "Thông tư")),
    # a blank draft: no number, no day
    ("draft", "ỦY BAN NHÂN DÂN\nTỈNH LÂM ĐỒNG\nSố: /KH-UBND\nLâm Đồng, ngày tháng 02 năm 2026\nKẾ HOẠCH" + BODY,
     ("/KH-UBND", None, True, "Kế hoạch")),
    # OCR of a handwritten number: unreadable, so a blank, never a number found further down
    ("unreadable-number", "ỦY BAN NHÂN DÂN\nTỈNH QUẢNG NGÃI\nSố:ổ0 /BC-UBND\nQuảng Ngãi, ngày tháng 11 năm 2024\nBÁO CÁO"
     + BODY + "UBND tỉnh đã ban hành các Quyết định:\nSỐ, 728/QĐ-UBND ngày 13/11/2024 về việc điều chỉnh dự toán.\n",
     ("/BC-UBND", None, True, "Báo cáo")),
    # an incoming-document stamp and an e-signature box are not the identity
    ("stamp", "Ký bởi: Ủy ban nhân dân tỉnh\nThời gian ký: 18/03/2024 08:41:42\nỦY BAN NHÂN DÂN\nTỈNH QUẢNG NGÃI\n"
     "Số: /CT-UBND\nQuảng Ngãi, ngày tháng 3 năm 2024\nCHỈ THỊ\nĐẾN Số: 2352\nNgày: 21/3/2024" + BODY,
     ("/CT-UBND", None, True, "Chỉ thị")),
    # a consolidated text carries its number and date in the authentication block at its end
    ("consolidated", "BỘ QUỐC PHÒNG\nTHÔNG TƯ\nQuy định về lễ tang\nĐiều 1. Phạm vi điều chỉnh" + BODY
     + "Điều 37. Trách nhiệm thi hành\nXÁC THỰC VĂN BẢN HỢP NHẤT\nBỘ QUỐC PHÒNG\nSố: 46/VBHN-BQP\n"
     "Hà Nội, ngày 04 tháng 5 năm 2026\nKT. BỘ TRƯỞNG\nTHỨ TRƯỞNG\nNguyễn Văn A\n",
     ("46/VBHN-BQP", "2026-05-04", False, "Thông tư")),
]


@pytest.mark.parametrize("text, expected", [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_own_identity(text, expected):
    result = extract_text(text)
    doc = result.document
    symbol, date, draft, doc_type = expected
    assert (doc.symbol, doc.date, doc.draft) == (symbol, date, draft)
    if doc_type:
        assert doc.type == doc_type
    cited = {c.symbol for c in result.citations}
    assert "4625/BNV-CCHC" in cited and (symbol not in cited)


HEAD = "ỦY BAN NHÂN DÂN\nTỈNH LÂM ĐỒNG\nSố: 12/KH-UBND\nLâm Đồng, ngày 06 tháng 11 năm 2025\nKẾ HOẠCH" + BODY
SIGNERS = [  # the signature block as offices write it: the cue, the title, then the name
    ("TM. ỦY BAN NHÂN DÂN\nCHỦ TỊCH\n\nNguyễn Văn An", "Nguyễn Văn An"),
    ("KT. CHỦ TỊCH\nPHÓ CHỦ TỊCH\n\nTrần Thị Bình", "Trần Thị Bình"),
    ("T/M BAN THƯỜNG VỤ\nBÍ THƯ\n\nLê Văn Cường", "Lê Văn Cường"),
    ("**GIÁM ĐỐC**\n\n**Phạm Minh Dũng**", "Phạm Minh Dũng"),
    ("Q. CHÁNH VĂN PHÒNG\n\nHoàng Thị Em", "Hoàng Thị Em"),
    ("Nơi nhận:\n- Như trên;\n- Lưu: VT.", None),  # no signature block
]


@pytest.mark.parametrize("block,signer", SIGNERS, ids=[s[0][:12] for s in SIGNERS])
def test_signer(block, signer):
    assert extract_text(HEAD + "\n" + block + "\n").document.signer == signer
