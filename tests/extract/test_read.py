"""extract.read and extract.sidecar on real files the tests write themselves.

Fixtures: docx from python-docx, PDF from the small writer below (Type0 font with a
ToUnicode map, optional RC4 encryption), TCVN3/VNI/cp1258/UTF-16 bytes converted
from the seed texts. Each must read back to the seed text and, once the extractor
exists, give the same citations as the UTF-8 original.
"""

from __future__ import annotations

import functools
import hashlib
import io
import json
import pickle
import re
import shutil
import subprocess
import textwrap
import unicodedata
import zipfile
from pathlib import Path

import pytest

from tests.conftest import SHARED
from extract.read import DEFAULT_MAX_BYTES, SUPPORTED_SUFFIXES, ReadError, ReadResult, detect_legacy, read_file
from extract.sidecar import SIDECAR_COLUMNS, SidecarError, load_sidecar

# Parametrised at collection time; test_seeds_are_there fails under CI=true if they are missing.
SEEDS = sorted((SHARED / "seeds").glob("*.txt"))


def test_seeds_are_there(seeds_dir):
    assert len(sorted(seeds_dir.glob("*.txt"))) == len(SEEDS) >= 4


def seed_text(path: Path) -> str:
    return unicodedata.normalize("NFC", path.read_text(encoding="utf-8")).replace("\r\n", "\n")


# ------------------------------------------------------------------ legacy encoders
# Built from viparse's decoding tables, reversed; iconv cross-checks TCVN3 below.


def _reverse(name: str) -> dict[str, str]:
    from viparse.normalize.encodings import get_charmap

    return {uni: legacy for legacy, uni in get_charmap(name).pairs}


def to_tcvn3(text: str) -> tuple[str, str]:
    """(TCVN3 surface text, what reading it must give back).

    TCVN3 has no upper-case accented letters: the .VnTimeH font draws the lower-case
    bytes as capitals. The reader puts capitals back in all-caps headings ("NGHỊ
    QUYẾT"), but a title-case word whose capital is accented ("Ủy ban") cannot be
    told from "ủy ban", so that one letter comes back lower-case.
    """
    rev = _reverse("tcvn3")
    surface = "".join(rev.get(ch, rev.get(ch.lower(), ch)) for ch in text)

    def lost(m):
        w = m.group()
        if len(w) > 1 and w[0].isupper() and w[0] not in rev and not w[0].isascii() and any(c.islower() for c in w[1:]):
            return w[0].lower() + w[1:]
        return w

    return surface, re.sub(r"[^\W\d_]+", lost, text)


def to_vni(text: str) -> str:
    rev = _reverse("vni")
    return "".join(rev.get(ch, ch) for ch in text)


_TONES = "\u0300\u0301\u0303\u0309\u0323"


def to_cp1258(text: str) -> bytes:
    """Windows-1258 stores precomposed base vowels (â ơ ư …) plus a combining tone mark."""
    out = []
    for ch in text:
        try:
            out.append(ch.encode("cp1258"))
        except UnicodeEncodeError:
            d = unicodedata.normalize("NFD", ch)
            base = unicodedata.normalize("NFC", "".join(c for c in d if c not in _TONES))
            out.append((base + "".join(c for c in d if c in _TONES)).encode("cp1258"))
    return b"".join(out)


# ------------------------------------------------------------------ docx and pdf writers


def make_docx(header_rows: list[list[str]], paragraphs: list[str]) -> bytes:
    """A .docx with a header table (Quốc hiệu, Số: …) followed by body paragraphs."""
    import docx

    doc = docx.Document()
    if header_rows:
        table = doc.add_table(rows=len(header_rows), cols=len(header_rows[0]))
        for r, row in enumerate(header_rows):
            for c, cell in enumerate(row):
                table.cell(r, c).text = cell
    for para in paragraphs:
        doc.add_paragraph(para)
    buf = io.BytesIO()
    doc.save(buf)
    return buf.getvalue()


def _rc4(key: bytes, data: bytes) -> bytes:
    s = list(range(256))
    j = 0
    for i in range(256):
        j = (j + s[i] + key[i % len(key)]) % 256
        s[i], s[j] = s[j], s[i]
    out, i, j = bytearray(), 0, 0
    for byte in data:
        i = (i + 1) % 256
        j = (j + s[i]) % 256
        s[i], s[j] = s[j], s[i]
        out.append(byte ^ s[(s[i] + s[j]) % 256])
    return bytes(out)


_PAD = bytes.fromhex("28BF4E5E4E758A4164004E56FFFA01082E2E00B6D0683E802F0CA9FE6453697A")


def make_pdf(pages: list[list], *, user_password: str | None = None, owner_password: str = "owner",
             glyph_width: int = 500, font: str = "DejaVuSans") -> bytes:
    """A minimal valid PDF whose text layer is exactly ``pages`` (one string per line).

    A line may also be ``(x, y, text)``: set at that point, as a form's typed-in number is.
    ``glyph_width`` (thousandths of the 10-pt size) spaces the glyphs when the page is rendered:
    with ``font="DejaVuSansMono"`` and 602 they sit as the (substituted, monospaced) font draws them.

    Each code point is one CID of an Identity-H Type0 font, and the ToUnicode CMap maps
    it back, so decomposed (NFD) input stays decomposed in the file, as some producers
    write it. The font is not embedded: extraction needs only the ToUnicode map.
    ``user_password`` adds RC4-40 (Standard handler, R2); ``""`` means anyone may open it.
    """
    def text_of(line) -> str:
        return line if isinstance(line, str) else line[2]

    codes = sorted({ord(c) for page in pages for line in page for c in text_of(line) if ord(c) <= 0xFFFF})
    cmap_lines = []
    for i in range(0, len(codes), 100):
        chunk = codes[i : i + 100]
        cmap_lines.append(f"{len(chunk)} beginbfchar")
        cmap_lines += [f"<{c:04X}> <{c:04X}>" for c in chunk]
        cmap_lines.append("endbfchar")
    tounicode = (
        "/CIDInit /ProcSet findresource begin 12 dict begin begincmap\n"
        "/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def\n"
        "/CMapName /Adobe-Identity-UCS def /CMapType 2 def\n"
        "1 begincodespacerange <0000> <FFFF> endcodespacerange\n"
        + "\n".join(cmap_lines)
        + "\nendcmap CMapName currentdict /CMap defineresource pop end end\n"
    ).encode("ascii")
    objs: list[bytes | tuple[str, bytes]] = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"",  # Pages, filled below
        f"<< /Type /Font /Subtype /Type0 /BaseFont /{font} /Encoding /Identity-H "
        f"/DescendantFonts [4 0 R] /ToUnicode 6 0 R >>".encode("ascii"),
        f"<< /Type /Font /Subtype /CIDFontType2 /BaseFont /{font} "
        f"/CIDSystemInfo << /Registry (Adobe) /Ordering (Identity) /Supplement 0 >> "
        f"/FontDescriptor 5 0 R /DW {glyph_width} /CIDToGIDMap /Identity >>".encode("ascii"),
        f"<< /Type /FontDescriptor /FontName /{font} /Flags 32 /FontBBox [-1021 -463 1793 1232] "
        f"/ItalicAngle 0 /Ascent 928 /Descent -236 /CapHeight 700 /StemV 80 >>".encode("ascii"),
        ("stream", tounicode),
    ]
    kids = []
    for page in pages:
        ops = []
        y = 800
        for line in page:
            x, at = (40, y) if isinstance(line, str) else line[:2]
            hexed = "".join(f"{ord(c):04X}" for c in text_of(line) if ord(c) <= 0xFFFF)
            ops.append(f"BT /F1 10 Tf 1 0 0 1 {x} {at} Tm <{hexed}> Tj ET")
            if isinstance(line, str):
                y -= 14
        content = "\n".join(ops).encode("ascii")
        page_num = len(objs) + 1
        kids.append(page_num)
        objs.append(
            f"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 3 0 R >> >> "
            f"/Contents {page_num + 1} 0 R >>".encode("ascii")
        )
        objs.append(("stream", content))
    objs[1] = f"<< /Type /Pages /Kids [{' '.join(f'{k} 0 R' for k in kids)}] /Count {len(kids)} >>".encode("ascii")

    file_id = hashlib.md5(repr(pages).encode()).digest()
    key = None
    trailer_extra = b""
    if user_password is not None:
        perms = -44
        upad = (user_password.encode("latin-1") + _PAD)[:32]
        opad = (owner_password.encode("latin-1") + _PAD)[:32]
        o_entry = _rc4(hashlib.md5(opad).digest()[:5], upad)
        key = hashlib.md5(upad + o_entry + perms.to_bytes(4, "little", signed=True) + file_id).digest()[:5]
        u_entry = _rc4(key, _PAD)
        objs.append(
            f"<< /Filter /Standard /V 1 /R 2 /O <{o_entry.hex()}> /U <{u_entry.hex()}> /P {perms} >>".encode("ascii")
        )
        trailer_extra = f" /Encrypt {len(objs)} 0 R".encode("ascii")

    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for num, obj in enumerate(objs, start=1):
        offsets.append(len(out))
        if isinstance(obj, tuple):
            data = obj[1]
            if key is not None:
                objkey = hashlib.md5(key + num.to_bytes(3, "little") + (0).to_bytes(2, "little")).digest()[:10]
                data = _rc4(objkey, data)
            out += f"{num} 0 obj\n<< /Length {len(data)} >>\nstream\n".encode("ascii") + data + b"\nendstream\nendobj\n"
        else:
            out += f"{num} 0 obj\n".encode("ascii") + obj + b"\nendobj\n"
    xref = len(out)
    out += f"xref\n0 {len(objs) + 1}\n0000000000 65535 f \n".encode("ascii")
    out += b"".join(f"{o:010d} 00000 n \n".encode("ascii") for o in offsets)
    out += (
        f"trailer\n<< /Size {len(objs) + 1} /Root 1 0 R /ID [<{file_id.hex()}> <{file_id.hex()}>]".encode("ascii")
        + trailer_extra
        + f" >>\nstartxref\n{xref}\n%%EOF\n".encode("ascii")
    )
    return bytes(out)


def paginate(text: str, per_page: int = 50, width: int = 50) -> list[list[str]]:
    """Lines wrapped to fit the page (the font has no widths: 10 pt a glyph, 515 pt of line),
    since a reader keeps only what lies on the page; words and symbols are never broken."""
    lines = [part for ln in text.split("\n") if ln.strip()
             for part in textwrap.wrap(ln, width, break_long_words=False, break_on_hyphens=False)]
    return [lines[i : i + per_page] for i in range(0, len(lines), per_page)] or [[]]


def squash(text: str) -> str:
    """Whitespace-insensitive form, for layouts (PDF, HTML) that re-flow blank lines."""
    return " ".join(text.split())


def citations(text: str) -> list[str]:
    import extract

    if not hasattr(extract, "extract_text"):
        pytest.skip("extract.extract_text not there yet (extractor being written in extract/find.py)")
    return list(_citations(text))


@functools.lru_cache(maxsize=64)
def _citations(text: str) -> tuple[str, ...]:
    import extract

    return tuple(sorted(c.symbol for c in extract.extract_text(text).citations))


def write(tmp_path: Path, name: str, data: bytes) -> Path:
    p = tmp_path / name
    p.write_bytes(data)
    return p


# ------------------------------------------------------------------ plain text, every encoding

# (id, how to turn the seed into bytes, encoding read_file must report, expected text)
ENCODINGS = [
    ("utf-8", lambda t: t.encode("utf-8"), "utf-8", lambda t: t),
    ("utf-8-bom", lambda t: t.encode("utf-8-sig"), "utf-8-sig", lambda t: t),
    ("utf-16", lambda t: t.encode("utf-16"), "utf-16", lambda t: t),  # BOM, little-endian
    ("utf-16-be-bom", lambda t: b"\xfe\xff" + t.encode("utf-16-be"), "utf-16", lambda t: t),
    ("utf-16-le-nobom", lambda t: t.encode("utf-16-le"), "utf-16-le", lambda t: t),  # warned
    ("cp1258", to_cp1258, "cp1258", lambda t: t),
    ("cp1258-crlf", lambda t: to_cp1258(t.replace("\n", "\r\n")), "cp1258", lambda t: t),  # DOS line ends
    ("tcvn3-bytes", lambda t: to_tcvn3(t)[0].encode("cp1252"), "tcvn3", lambda t: to_tcvn3(t)[1]),
    ("vni-bytes", lambda t: to_vni(t).encode("cp1252"), "vni", lambda t: t),
    # legacy text already pushed through a cp1252->UTF-8 conversion: "Céng hoµ" mojibake
    ("tcvn3-in-utf8", lambda t: to_tcvn3(t)[0].encode("utf-8"), "utf-8+tcvn3", lambda t: to_tcvn3(t)[1]),
    ("vni-in-utf8", lambda t: to_vni(t).encode("utf-8"), "utf-8+vni", lambda t: t),
    ("vni-in-utf16", lambda t: to_vni(t).encode("utf-16"), "utf-16+vni", lambda t: t),
]


@pytest.mark.parametrize("seed", SEEDS, ids=[p.name[:3] for p in SEEDS])
@pytest.mark.parametrize("name,encode,encoding,expect", ENCODINGS, ids=[e[0] for e in ENCODINGS])
def test_seed_round_trips(tmp_path, seed, name, encode, encoding, expect):
    text = seed_text(seed)
    res = read_file(write(tmp_path, "vb.txt", encode(text)))
    assert res.encoding == encoding
    assert res.format == "txt"
    assert res.text == expect(text)


@pytest.mark.parametrize("name,encode,encoding,expect", ENCODINGS, ids=[e[0] for e in ENCODINGS])
def test_seed_same_citations(tmp_path, name, encode, encoding, expect):
    """Every encoding of every seed gives the citations of the UTF-8 original."""
    for seed in SEEDS:
        text = seed_text(seed)
        res = read_file(write(tmp_path, f"{seed.stem}.md", encode(text)))
        assert citations(res.text) == citations(text), seed.name


@pytest.mark.skipif(shutil.which("iconv") is None, reason="iconv not on PATH")
def test_tcvn3_bytes_agree_with_iconv(tmp_path):
    """Cross-check our TCVN3 fixture and reader against glibc's TCVN5712-1 decoder.

    glibc reads 0x80-0x9F as upper-case letters (VN1), so typographic quotes and dashes,
    which cp1252 puts there, are made ASCII first; iconv does not restore heading capitals.
    """
    text = seed_text(SEEDS[3]).translate(str.maketrans("“”‘’–—…\xa0", "\"\"''--. "))
    raw = to_tcvn3(text)[0].encode("cp1252")
    proc = subprocess.run(["iconv", "-f", "TCVN5712-1", "-t", "UTF-8"], input=raw, capture_output=True, check=True)
    ours = read_file(write(tmp_path, "a.txt", raw)).text
    assert ours.lower() == unicodedata.normalize("NFC", proc.stdout.decode()).lower()  # iconv keeps .VnTimeH lower-case


# Correct UTF-8 must come back untouched, whatever Latin-1 letters it holds.
UNTOUCHED = [
    "Cộng hoà xã hội chủ nghĩa Việt Nam\nSố: 18-NQ/TW",  # plain Vietnamese
    "Hà Nội, ngày 25 tháng 10 năm 2017. Căn cứ Luật số 63/2025/QH15;",  # à, á are also TCVN3 bytes
    "Bà Hoà, ông Hùng, cô Thảo: í, ì, ò, ó, ù, ú",  # many Latin-1 letters, few Vietnamese-only
    "Le président a déclaré que l'économie était forte; à Paris, où les élèves étudient.",  # French
    "Die Übergangsregelungen für größere Städte wurden geändert.",  # German
    "El niño comió piñas en la montaña; ¿qué más?",  # Spanish
    "µ-controller 5 µm ± 0,5 °C; © 2020 ® ¼ ½ ¾",  # symbols that are TCVN3 letters
    "Plain ASCII: Decision 18-NQ/TW of 25 Oct 2017",
    "Tiếng Việt NFD: " + unicodedata.normalize("NFD", "Nghị quyết số 18-NQ/TW"),  # becomes NFC
]


@pytest.mark.parametrize("text", UNTOUCHED, ids=[t[:20] for t in UNTOUCHED])
def test_correct_utf8_never_converted(tmp_path, text):
    res = read_file(write(tmp_path, "a.txt", text.encode("utf-8")))
    assert (res.text, res.encoding) == (unicodedata.normalize("NFC", text), "utf-8")


def test_short_tcvn3_header_detected(tmp_path):
    res = read_file(write(tmp_path, "a.txt", "Céng hoµ x· héi chñ nghÜa ViÖt Nam".encode("cp1252")))
    assert (res.text, res.encoding) == ("Cộng hoà xã hội chủ nghĩa Việt Nam", "tcvn3")


# TCVN3 headings: capitals restored from the typed ASCII capitals around them.
TCVN3_CASE = [
    ("NGHÞ QUYÕT", "NGHỊ QUYẾT"),  # accented letters inside an all-caps word
    ("Bé CHÝNH TRÞ", "BỘ CHÍNH TRỊ"),  # "Bé" has one capital: its neighbour decides
    ("NHIÖM Vô Vµ GI¶I PH¸P", "NHIỆM VỤ VÀ GIẢI PHÁP"),  # a run of one-capital words
    ("Bé ChÝnh trÞ", "Bộ Chính trị"),  # title case stays
    ("Sè: /KH-UBND", "Số: /KH-UBND"),  # a symbol code is not a heading
    ("lÇn thø VIII ®Ò ra", "lần thứ VIII đề ra"),  # roman numeral, lower-case neighbour
]


@pytest.mark.parametrize("surface,expected", TCVN3_CASE, ids=[e for _, e in TCVN3_CASE])
def test_tcvn3_heading_capitals(surface, expected):
    from extract.read import convert_legacy

    assert convert_legacy(surface, "tcvn3") == expected


def test_mostly_ascii_8bit_is_guessed_with_a_warning(tmp_path):
    res = read_file(write(tmp_path, "a.txt", "Decision 18-NQ/TW of 25 Oct 2017 on the café budget, © 2017.".encode("cp1252")))
    assert "18-NQ/TW" in res.text and res.warnings and "guessed" in res.warnings[0]


def test_read_bytes_for_uploads():
    from extract.read import read_bytes

    res = read_bytes("Sè: 18-NQ/TW, Céng hoµ x· héi chñ nghÜa ViÖt Nam".encode("cp1252"), "upload.txt")
    assert (res.text, res.encoding) == ("Số: 18-NQ/TW, Cộng hoà xã hội chủ nghĩa Việt Nam", "tcvn3")
    with pytest.raises(ReadError, match="^upload.pdf: "):
        read_bytes(b"%PDF-1.4 garbage", "upload.pdf")


def test_detect_legacy_leaves_unicode_alone():
    assert detect_legacy(seed_text(SEEDS[0])) is None
    assert detect_legacy(to_tcvn3(seed_text(SEEDS[0]))[0]) == "tcvn3"
    assert detect_legacy(to_vni(seed_text(SEEDS[0]))) == "vni"


# ------------------------------------------------------------------ docx, pdf, html

HEADER = [["ĐẢNG CỘNG SẢN VIỆT NAM", "BAN CHẤP HÀNH TRUNG ƯƠNG"], ["Số: 18-NQ/TW", "Hà Nội, ngày 25 tháng 10 năm 2017"]]


def test_docx_header_table_and_paragraphs_in_order(tmp_path):
    paras = ["NGHỊ QUYẾT", "Căn cứ Kết luận số 114-KL/TW ngày 14/7/2015;", unicodedata.normalize("NFD", "Đoạn cuối.")]
    res = read_file(write(tmp_path, "nq.docx", make_docx(HEADER, paras)))
    assert (res.format, res.encoding) == ("docx", "docx")
    order = [res.text.index(s) for s in ("ĐẢNG CỘNG SẢN", "Số: 18-NQ/TW", "NGHỊ QUYẾT", "114-KL/TW", "Đoạn cuối.")]
    assert order == sorted(order)
    assert unicodedata.is_normalized("NFC", res.text)


@pytest.mark.parametrize("seed", SEEDS[:2], ids=[p.name[:3] for p in SEEDS[:2]])
def test_docx_seed_round_trip(tmp_path, seed):
    text = seed_text(seed)
    res = read_file(write(tmp_path, "a.docx", make_docx([], text.split("\n"))))
    assert squash(res.text) == squash(text)
    assert citations(res.text) == citations(text)


def test_docx_typed_in_vntime_is_converted(tmp_path):
    """Old .doc files saved as .docx keep TCVN3 runs: same repair as for .txt."""
    text = seed_text(SEEDS[1])
    surface, expected = to_tcvn3(text)
    res = read_file(write(tmp_path, "a.docx", make_docx([], surface.split("\n"))))
    assert res.encoding == "docx+tcvn3"
    assert squash(res.text) == squash(expected)


@pytest.mark.parametrize("nfd", [False, True], ids=["nfc", "nfd"])
def test_pdf_seed_round_trip(tmp_path, nfd):
    text = seed_text(SEEDS[3])
    pdf_text = unicodedata.normalize("NFD", text) if nfd else text
    res = read_file(write(tmp_path, "a.pdf", make_pdf(paginate(pdf_text))))
    assert (res.format, res.encoding) == ("pdf", "pdf")
    assert squash(res.text) == squash(text)  # NFC again, pages and lines in order
    assert citations(res.text) == citations(text)


def test_pdf_pages_in_order(tmp_path):
    pages = [["Trang một", "Số: 18-NQ/TW"], ["Trang hai"], ["Trang ba: Luật số 63/2025/QH15"]]
    res = read_file(write(tmp_path, "a.pdf", make_pdf(pages)))
    assert res.text == "Trang một\nSố: 18-NQ/TW\n\nTrang hai\n\nTrang ba: Luật số 63/2025/QH15"


def test_pdf_owner_password_only_is_readable(tmp_path):
    """An empty user password is 'protected' only against editing; anyone can read it."""
    res = read_file(write(tmp_path, "a.pdf", make_pdf([["Số: 18-NQ/TW"]], user_password="")))
    assert res.text == "Số: 18-NQ/TW"


HTML = """<!doctype html><html><head><meta charset="utf-8"><title>Nghị quyết</title>
<style>p { color: red }</style><script>var x = "Số: 99-NQ/TW";</script></head>
<body><nav><a href="/">Trang chủ</a> | Văn bản mới</nav>
<main><h1>NGHỊ QUYẾT</h1><table><tr><td>ĐẢNG CỘNG SẢN VIỆT NAM</td><td>Số: <b>18-NQ/TW</b></td></tr></table>
<p>Căn cứ <a href="#">Kết luận số 114-KL/TW</a> ngày 14/7/2015;</p><p>Đoạn&nbsp;hai.</p></main>
<footer>Theo Nghị định 13/2023/NĐ-CP về bảo vệ dữ liệu</footer></body></html>"""


def test_html_main_text_only(tmp_path):
    res = read_file(write(tmp_path, "a.html", HTML.encode("utf-8")))
    assert res.format == "html"
    assert res.text == "NGHỊ QUYẾT\n\nĐẢNG CỘNG SẢN VIỆT NAM\tSố: 18-NQ/TW\n\nCăn cứ Kết luận số 114-KL/TW ngày 14/7/2015;\n\nĐoạn hai."


def test_html_without_main_drops_chrome_and_honours_meta_charset(tmp_path):
    html = HTML.replace("<main>", "<div>").replace("</main>", "</div>").replace('charset="utf-8"', 'charset="windows-1258"')
    html = html.replace("<body>", "<body><header>Cổng thông tin</header>")
    res = read_file(write(tmp_path, "a.htm", to_cp1258(html)))
    assert res.encoding == "windows-1258"
    assert "Số: 18-NQ/TW" in res.text and "99-NQ/TW" not in res.text
    assert "13/2023" not in res.text and "Trang chủ" not in res.text and "Cổng thông tin" not in res.text


@pytest.mark.parametrize("seed", SEEDS[:2], ids=[p.name[:3] for p in SEEDS[:2]])
def test_html_seed_round_trip(tmp_path, seed):
    import html as html_mod

    text = seed_text(seed)
    body = "".join(f"<p>{html_mod.escape(line)}</p>\n" for line in text.split("\n"))
    res = read_file(write(tmp_path, "a.html", f"<html><body>{body}</body></html>".encode("utf-8")))
    assert squash(res.text) == squash(text)
    assert citations(res.text) == citations(text)


def test_doc_disguised_docx_is_read(tmp_path):
    res = read_file(write(tmp_path, "a.doc", make_docx(HEADER, ["x"])))
    assert "Số: 18-NQ/TW" in res.text and res.warnings


# ------------------------------------------------------------------ bad input: one clear reason each


def _truncated_docx():
    data = make_docx(HEADER, ["abc"] * 50)
    return data[: len(data) // 2]


def _docx_missing_body():
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        z.writestr("hello.txt", "not word")
    return buf.getvalue()


def _docx_bad_xml():
    src = zipfile.ZipFile(io.BytesIO(make_docx(HEADER, ["abc"])))
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        for item in src.infolist():
            data = src.read(item.filename)
            z.writestr(item, b"<w:document><w:body><w:p>" if item.filename == "word/document.xml" else data)
    return buf.getvalue()


OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 504

# (file name, bytes, words the reason must contain)
BAD = [
    ("empty.txt", b"", "empty file"),
    ("blank.md", b" \n\t\r\n", "no text"),
    ("bom-only.txt", b"\xef\xbb\xbf", "no text"),
    ("png.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)), "NUL bytes"),
    ("controls.txt", bytes(range(1, 32)) * 20, "not text"),
    ("half.docx", _truncated_docx(), "ZIP"),
    ("text.docx", "Số: 18-NQ/TW".encode(), "not a valid .docx"),
    ("nobody.docx", _docx_missing_body(), "word/document.xml"),
    ("badxml.docx", _docx_bad_xml(), "corrupt .docx"),
    ("half.pdf", make_pdf([["Số: 18-NQ/TW"] * 40])[:300], "PDF"),
    ("notpdf.pdf", b"hello world", "no %PDF- header"),
    ("scan.pdf", make_pdf([[]]), "no text layer"),
    ("locked.pdf", make_pdf([["Số: 18-NQ/TW"]], user_password="secret"), "password-protected"),
    ("old.doc", OLE, "antiword or catdoc"),
    ("rtf.doc", b"{\\rtf1\\ansi Hello}", "RTF"),
    ("junk.doc", b"junk junk", "not a Word .doc"),
    ("a.xlsx", b"x", "unsupported file type '.xlsx'"),
    ("README", b"x", "unsupported file type '(no suffix)'"),
    ("utf16-bad.txt", b"\xff\xfe\x00\xd8", "not valid utf-16"),
    ("russian-cp1251.txt", "Постановление правительства о бюджете. ".encode("cp1251") * 20, "unknown encoding"),
    ("random.txt", bytes((i * 37 + 11) % 256 for i in range(1, 4000) if (i * 37 + 11) % 256), "unknown encoding"),
]


@pytest.mark.parametrize("name,data,why", BAD, ids=[b[0] for b in BAD])
def test_bad_input_one_clear_reason(tmp_path, name, data, why):
    if name == "old.doc" and (shutil.which("antiword") or shutil.which("catdoc")):
        pytest.skip("antiword/catdoc installed: .doc is readable here")
    path = write(tmp_path, name, data)
    with pytest.raises(ReadError) as info:
        read_file(path)
    err = info.value
    assert err.path == path and why in err.reason
    assert str(err) == f"{path}: {err.reason}" and "\n" not in str(err)


def test_size_limit(tmp_path):
    path = write(tmp_path, "big.txt", b"a" * 1001)
    with pytest.raises(ReadError, match="over the 1,000-byte limit"):
        read_file(path, max_bytes=1000)
    assert read_file(path, max_bytes=1001).text == "a" * 1001
    assert DEFAULT_MAX_BYTES == 50 * 1024 * 1024


def test_missing_file_and_directory(tmp_path):
    with pytest.raises(ReadError, match="file not found"):
        read_file(tmp_path / "nope.txt")
    (tmp_path / "dir.txt").mkdir()
    with pytest.raises(ReadError, match="directory"):
        read_file(tmp_path / "dir.txt")


def test_read_error_pickles_for_worker_processes():
    err = pickle.loads(pickle.dumps(ReadError("a/b.pdf", "password-protected PDF")))
    assert (str(err), err.path, err.reason) == ("a/b.pdf: password-protected PDF", "a/b.pdf", "password-protected PDF")


def test_result_is_frozen_and_suffixes_documented():
    res = ReadResult("x", "utf-8", "txt")
    with pytest.raises(AttributeError):
        res.text = "y"
    assert set(SUPPORTED_SUFFIXES) == {".txt", ".md", ".docx", ".pdf", ".html", ".htm", ".doc"}


# ------------------------------------------------------------------ sidecar

CSV = """file,province,issuer,date,symbol,type,title
vb1.txt,Hà Giang,Tỉnh ủy Hà Giang,2023-04-04,116-KH/TU,KH,Kế hoạch thực hiện Kết luận 114-KL/TW
vb2.pdf,,Ban Chấp hành Trung ương,2017-10-25,18-NQ/TW,NQ,
"""


def test_sidecar_csv(tmp_path):
    (tmp_path / "citegraph.csv").write_bytes(CSV.encode("utf-8-sig"))  # Excel adds a BOM
    meta = load_sidecar(tmp_path)
    assert meta["vb1.txt"] == {
        "province": "Hà Giang", "issuer": "Tỉnh ủy Hà Giang", "date": "2023-04-04",
        "symbol": "116-KH/TU", "type": "KH", "title": "Kế hoạch thực hiện Kết luận 114-KL/TW",
    }
    assert meta["vb2.pdf"] == {"issuer": "Ban Chấp hành Trung ương", "date": "2017-10-25", "symbol": "18-NQ/TW", "type": "NQ"}
    assert load_sidecar(tmp_path / "citegraph.csv") == meta


def test_sidecar_csv_semicolons_and_partial_columns(tmp_path):
    (tmp_path / "citegraph.csv").write_text("file;symbol\nvb1.txt;116-KH/TU\n", encoding="utf-8")
    assert load_sidecar(tmp_path) == {"vb1.txt": {"symbol": "116-KH/TU"}}


def test_sidecar_json_both_shapes(tmp_path):
    (tmp_path / "citegraph.json").write_text(json.dumps({"vb1.txt": {"symbol": "116-KH/TU", "province": None}}), encoding="utf-8")
    assert load_sidecar(tmp_path) == {"vb1.txt": {"symbol": "116-KH/TU"}}
    (tmp_path / "citegraph.json").write_text(json.dumps([{"file": "vb1.txt", "date": "2023-04-04"}]), encoding="utf-8")
    assert load_sidecar(tmp_path) == {"vb1.txt": {"date": "2023-04-04"}}


def test_sidecar_absent_is_empty(tmp_path):
    assert load_sidecar(tmp_path) == {}


BAD_SIDECARS = [
    ("citegraph.csv", "file,provence\nvb1.txt,Hà Giang\n", "unknown column 'provence'"),
    ("citegraph.csv", "symbol\n18-NQ/TW\n", "missing column 'file'"),
    ("citegraph.csv", "file,date\nvb1.txt,25/10/2017\n", "row 2"),
    ("citegraph.csv", "file,date\nvb1.txt,2017-10-25,extra\n", "row 2"),
    ("citegraph.csv", "file,symbol\nvb1.txt,a\nvb1.txt,b\n", "duplicate"),
    ("citegraph.csv", "file,symbol\n../x.txt,a\n", "row 2"),
    ("citegraph.csv", "file,symbol\n,a\n", "row 2"),
    ("citegraph.csv", "", "empty"),
    ("citegraph.json", "{not json", "not valid JSON"),
    ("citegraph.json", '{"vb1.txt": {"symbol": 18}}', "'vb1.txt'"),
    ("citegraph.json", '{"vb1.txt": {"sybmol": "x"}}', "unknown column 'sybmol'"),
    ("citegraph.json", "[1, 2]", "entry 0"),
    ("citegraph.json", '"x"', "object or a list"),
]


@pytest.mark.parametrize("name,content,why", BAD_SIDECARS, ids=[f"{b[0][-4:]}-{b[2][:18]}" for b in BAD_SIDECARS])
def test_sidecar_errors_name_file_and_row(tmp_path, name, content, why):
    path = tmp_path / name
    path.write_text(content, encoding="utf-8")
    with pytest.raises(SidecarError) as info:
        load_sidecar(tmp_path)
    assert why in str(info.value) and str(path) in str(info.value)


def test_sidecar_not_utf8_and_both_present(tmp_path):
    (tmp_path / "citegraph.csv").write_bytes("file,title\na.txt,Nghị quyết\n".encode("utf-16"))
    with pytest.raises(SidecarError, match="UTF-8"):
        load_sidecar(tmp_path)
    (tmp_path / "citegraph.json").write_text("{}", encoding="utf-8")
    with pytest.raises(SidecarError, match="both"):
        load_sidecar(tmp_path)


def test_sidecar_columns_documented():
    import extract.sidecar as sidecar

    assert SIDECAR_COLUMNS == ("file", "province", "issuer", "date", "symbol", "type", "title")
    assert all(col in sidecar.__doc__ for col in SIDECAR_COLUMNS)
