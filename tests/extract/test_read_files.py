"""Files as offices publish them, made by the tests: a signed form with its number typed into the
blank, a scanned page (text rendered to an image, nothing else in the PDF), a legacy TCVN3 text
layer, a .docx named .doc, junk bytes before %PDF-; each read, then its identity extracted.

Needs poppler-utils, tesseract-ocr and tesseract-ocr-vie (scripts/test.sh installs them); without
them the OCR tests skip on a developer's machine and fail under CI=true.
"""
from __future__ import annotations

import os
import re
import shutil
import subprocess
import zlib

import pytest

from extract import extract_text
from extract.read import ReadError, read_bytes
from tests.extract.test_read import make_docx, make_pdf, to_tcvn3

HEADER_LEFT = ["ỦY BAN NHÂN DÂN", "TỈNH LÂM ĐỒNG"]
HEADER_RIGHT = ["CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc"]
BODY = ["Thực hiện Công văn số 4625/BNV-CCHC ngày 02/7/2025 của Bộ Nội vụ",
        "về xây dựng kế hoạch cải cách hành chính, Ủy ban nhân dân tỉnh báo cáo như sau:"]


def needs(*tools: str) -> None:
    missing = [t for t in tools if shutil.which(t) is None]
    if missing:
        reason = f"{', '.join(missing)} not installed (apt-get install poppler-utils tesseract-ocr tesseract-ocr-vie)"
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail(reason)
        pytest.skip(reason)


def form(number_line, day: str, number: str | None = None) -> bytes:
    """A two-column header as Word sets it; the number typed in as its own text object."""
    lines = [(60, 800, HEADER_LEFT[0]), (300, 800, HEADER_RIGHT[0]),
             (66, 786, HEADER_LEFT[1]), (320, 786, HEADER_RIGHT[1]),
             (60, 766, "Số:"), (110, 766, "/BC-UBND"), (300, 766, "Lâm Đồng, ngày"),
             (420, 766, "tháng 12 năm 2025"), (240, 730, "BÁO CÁO"),
             (40, 700, BODY[0]), (40, 686, BODY[1])]
    if number is not None:
        lines.append((*number_line, number))
    lines.append((395, 766, day))
    return make_pdf([lines])


@pytest.mark.parametrize("where", [(82, 766), (85, 776)], ids=["in-the-blank", "above-the-line"])
def test_number_typed_into_the_blank_is_the_own_number(where):
    needs("pdftotext")
    res = read_bytes(form(where, "19", "329"), "bc.pdf")
    doc = extract_text(res.text).document
    assert (doc.symbol, doc.date, doc.draft) == ("329/BC-UBND", "2025-12-19", False)
    assert [c.symbol for c in extract_text(res.text).citations] == ["4625/BNV-CCHC"]


def test_header_columns_stay_together():
    needs("pdftotext")
    lines = read_bytes(form((82, 766), "19", "329"), "bc.pdf").text.split("\n")
    left = lines.index(HEADER_LEFT[0])
    assert lines[left:left + 3] == [*HEADER_LEFT, "Số: 329 /BC-UBND"]
    right = lines.index(HEADER_RIGHT[0])
    assert lines[right:right + 3] == [*HEADER_RIGHT, "Lâm Đồng, ngày 19 tháng 12 năm 2025"]


def test_blank_number_is_a_draft_with_no_date():
    needs("pdftotext")
    doc = extract_text(read_bytes(form(None, ""), "draft.pdf").text).document
    assert (doc.symbol, doc.number, doc.date, doc.draft) == ("/BC-UBND", None, None, True)


def test_e_signature_box_and_stamp_line_are_not_text():
    needs("pdftotext")
    lines = [(330, 820, "Ký bởi: Sở Nội vụ"), (330, 808, "Thời gian ký: 22/12/2025 18:56:39"),
             (200, 790, "Số: 666/TTr-SNV; 22/12/2025; 18:56:39; +07:00"),
             (40, 760, "PHỤ LỤC"), (40, 740, BODY[0])]
    text = read_bytes(make_pdf([lines]), "pl.pdf").text
    assert "Ký bởi" not in text and "Thời gian ký" not in text and "666/TTr-SNV" not in text
    assert [c.symbol for c in extract_text(text).citations] == ["4625/BNV-CCHC"]


def test_tcvn3_text_layer_is_repaired():
    needs("pdftotext")
    text = "\n".join([*HEADER_LEFT, "Số: 12/KH-UBND", "Lâm Đồng, ngày 03 tháng 4 năm 2024", "KẾ HOẠCH", *BODY])
    surface, expected = to_tcvn3(text)
    res = read_bytes(make_pdf([surface.split("\n")]), "tcvn3.pdf")
    assert res.encoding == "pdf+tcvn3"
    assert res.text.split() == expected.split()
    doc = extract_text(res.text).document
    assert (doc.symbol, doc.date) == ("12/KH-UBND", "2024-04-03")


def test_junk_before_pdf_header_is_skipped():
    needs("pdftotext")
    res = read_bytes(b"\r\n<junk from a mail gateway>\r\n" + form((82, 766), "19", "329"), "junk.pdf")
    assert "junk bytes before %PDF-" in " ".join(res.warnings)
    assert extract_text(res.text).document.symbol == "329/BC-UBND"


def test_docx_named_doc_is_read_as_docx():
    data = make_docx([["ỦY BAN NHÂN DÂN TỈNH LÂM ĐỒNG", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"],
                      ["Số: 37-HD/TU", "Lâm Đồng, ngày 03 tháng 4 năm 2024"]], ["HƯỚNG DẪN", BODY[0]])
    res = read_bytes(data, "hd.doc")
    assert res.encoding == "docx" and "is a .docx" in " ".join(res.warnings)
    doc = extract_text(res.text).document
    assert (doc.symbol, doc.date) == ("37-HD/TU", "2024-04-03")


# --------------------------------------------------------------------------- scans


def image_pdf(pgm: bytes) -> bytes:
    """A one-page PDF holding nothing but a grey image (a scanner's output)."""
    m = re.match(rb"P5\s+(\d+)\s+(\d+)\s+255\s", pgm)
    width, height = int(m.group(1)), int(m.group(2))
    pixels = zlib.compress(pgm[m.end():])
    w_pt, h_pt = width * 72 // 300, height * 72 // 300
    content = f"q {w_pt} 0 0 {h_pt} 0 0 cm /Im1 Do Q".encode("ascii")
    objs = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        f"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 {w_pt} {h_pt}] /Resources << /XObject << /Im1 4 0 R >> >> "
        f"/Contents 5 0 R >>".encode("ascii"),
        (f"<< /Type /XObject /Subtype /Image /Width {width} /Height {height} /ColorSpace /DeviceGray "
         f"/BitsPerComponent 8 /Filter /FlateDecode /Length {len(pixels)} >>").encode("ascii"), pixels,
        f"<< /Length {len(content)} >>".encode("ascii"), content,
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    i = 0
    num = 0
    while i < len(objs):
        num += 1
        offsets.append(len(out))
        if objs[i].startswith(b"<< /Type /XObject") or objs[i].startswith(b"<< /Length"):
            out += f"{num} 0 obj\n".encode() + objs[i] + b"\nstream\n" + objs[i + 1] + b"\nendstream\nendobj\n"
            i += 2
        else:
            out += f"{num} 0 obj\n".encode() + objs[i] + b"\nendobj\n"
            i += 1
    xref = len(out)
    out += f"xref\n0 {num + 1}\n0000000000 65535 f \n".encode() + b"".join(f"{o:010d} 00000 n \n".encode() for o in offsets)
    out += f"trailer\n<< /Size {num + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode()
    return bytes(out)


@pytest.fixture(scope="module")
def scan() -> bytes:
    """The form, printed and scanned: its text rendered at 300 dpi into an image-only PDF."""
    needs("pdftotext", "pdftoppm", "tesseract")
    printed = make_pdf([[(40, 800, HEADER_LEFT[0]), (260, 800, HEADER_RIGHT[0]),
                         (46, 786, HEADER_LEFT[1]), (280, 786, HEADER_RIGHT[1]),
                         (40, 766, "Số: 329/BC-UBND"), (260, 766, "Lâm Đồng, ngày 19 tháng 12 năm 2025"),
                         (240, 730, "BÁO CÁO"), (40, 700, BODY[0]), (40, 686, BODY[1])]],
                       glyph_width=602, font="DejaVuSansMono")
    pgm = subprocess.run(["pdftoppm", "-r", "300", "-gray", "-"], input=printed, capture_output=True, check=True).stdout
    return image_pdf(pgm)


def test_scanned_page_is_read_by_ocr(scan, tmp_path):
    res = read_bytes(scan, "scan.pdf", ocr_cache=tmp_path)
    assert res.encoding == "ocr"
    result = extract_text(res.text)
    assert result.document.symbol in ("329/BC-UBND", None)  # never another number
    assert "4625/BNV-CCHC" in [c.symbol for c in result.citations]
    # the page's OCR output is cached by content hash: the second read runs no OCR at all
    assert list(tmp_path.rglob("*.tsv"))
    pages = []
    again = read_bytes(scan, "scan.pdf", ocr_cache=tmp_path, on_page=lambda done, total: pages.append(done))
    assert again.text == res.text and pages == [1]


def test_scan_without_ocr_fails_naming_the_packages(scan, monkeypatch):
    monkeypatch.setenv("PATH", "/nonexistent")
    with pytest.raises(ReadError) as err:
        read_bytes(scan, "scan.pdf")
    assert "poppler-utils" in err.value.reason or "tesseract-ocr" in err.value.reason


# --------------------------------------------------------------------------- saved web pages

DOC_HTML = ("<p>BỘ TÀI CHÍNH</p><p>Số: 12/2025/TT-BTC</p><p>Hà Nội, ngày 05 tháng 3 năm 2025</p>"
            "<p>THÔNG TƯ</p><p>Căn cứ Nghị định số 29/2025/NĐ-CP ngày 24/02/2025 của Chính phủ;</p>" + "<p>Điều 1. …</p>" * 30)
CHROME = ("<div class='menu'><a>Nội dung</a><a>Thuộc tính</a><a>Lược đồ</a><a>Tải về</a></div>"
          "<h1>Thông tư số 12/2025/TT-BTC hướng dẫn …</h1><div>Còn hiệu lực</div>"
          "<div class='related'>Văn bản liên quan: Quyết định số 99/QĐ-BTC ngày 01/01/2024</div>")


@pytest.mark.parametrize("page", [
    f"<html><body>{CHROME}<div class='tab'><div class='preview-content'>{DOC_HTML}</div></div>{CHROME}</body></html>",
    f"<html><body>{CHROME}<div id='divContentDoc'><div class='content1'>{DOC_HTML}</div></div>{CHROME}</body></html>",
    f"<html><body>{CHROME}<div class='fulltext'><div class='toanvancontent'>{DOC_HTML}</div></div>{CHROME}</body></html>",
], ids=["vbpl.vn", "thuvienphapluat.vn", "vbpl.vn-older"])
def test_legal_site_page_is_read_without_its_chrome(page):
    text = read_bytes(page.encode("utf-8"), "page.html").text
    assert text.startswith("BỘ TÀI CHÍNH") and "Thuộc tính" not in text
    result = extract_text(text)
    assert (result.document.symbol, result.document.date) == ("12/2025/TT-BTC", "2025-03-05")
    assert [c.symbol for c in result.citations] == ["29/2025/NĐ-CP"]
