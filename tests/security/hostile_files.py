"""Hostile and broken files, generated on the spot (nothing of the kind is kept in the repository).

Each maker writes one file into ``folder`` and returns its path; sizes are parameters so unit
tests build small ones against low limits and ``benchmarks/hostile_ingest.py`` the full-size ones.
"""
from __future__ import annotations

import os
import unicodedata
import zipfile
import zlib
from pathlib import Path

_PLAN = ("UBND TỈNH HÀ TĨNH\nSố: {n}/KH-UBND\nHà Tĩnh, ngày 1 tháng 2 năm 2023\nKẾ HOẠCH\n"
         "Thực hiện Kết luận số 114-KL/TW ngày 14/7/2015 của Ban Bí thư. {extra}\n")


def plan_text(n: int, extra: str = "") -> str:
    """A small real-looking plan with its own symbol ``{n}/KH-UBND`` citing 114-KL/TW."""
    return _PLAN.format(n=n, extra=extra)


def pdf_stream_bomb(folder: Path, inflated: int, name: str = "bomb.pdf") -> Path:
    """A PDF with one content stream of ``inflated`` bytes of spaces, Flate-compressed (about 1:1000)."""
    comp = zlib.compressobj(9)
    chunk = b" " * (1 << 20)
    parts = [comp.compress(chunk) for _ in range(inflated // len(chunk))]
    parts.append(comp.compress(b" " * (inflated % len(chunk))))
    parts.append(comp.flush())
    stream = b"".join(parts)
    objs = [b"<< /Type /Catalog /Pages 2 0 R >>",
            b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R >>",
            b"<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(stream) + stream + b"\nendstream"]
    return _write_pdf(folder / name, objs)


def pdf_pages(folder: Path, pages: int, name: str = "pages.pdf") -> Path:
    """A PDF of ``pages`` pages, each saying "Trang N" in Helvetica (a text layer pdfminer reads)."""
    n = pages
    kids = b" ".join(b"%d 0 R" % (4 + 2 * i) for i in range(n))
    objs = [b"<< /Type /Catalog /Pages 2 0 R >>",
            b"<< /Type /Pages /Kids [" + kids + b"] /Count %d >>" % n,
            b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"]
    for i in range(n):
        content = b"BT /F1 12 Tf 72 720 Td (Trang %d) Tj ET" % (i + 1)
        objs.append(b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << /Font << /F1 3 0 R >> >>"
                    b" /Contents %d 0 R >>" % (5 + 2 * i))
        objs.append(b"<< /Length %d >>\nstream\n" % len(content) + content + b"\nendstream")
    return _write_pdf(folder / name, objs)


def _write_pdf(path: Path, objs: list[bytes]) -> Path:
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for i, body in enumerate(objs, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % i + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objs) + 1)
    out += b"".join(b"%010d 00000 n \n" % o for o in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objs) + 1, xref)
    path.write_bytes(bytes(out))
    return path


_DOCX_TYPES = ('<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/'
               'content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.'
               'relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/'
               'document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.'
               'main+xml"/></Types>')
_DOCX_RELS = ('<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/'
              '2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
              'relationships/officeDocument" Target="word/document.xml"/></Relationships>')
_W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def docx_bomb(folder: Path, inflated: int, name: str = "bomb.docx") -> Path:
    """An honest zip bomb: word/document.xml really holds ``inflated`` bytes of paragraphs (its
    declared size is true), compressed to a sliver."""
    para = "<w:p><w:r><w:t>Căn cứ Kết luận số 114-KL/TW ngày 14/7/2015 của Ban Bí thư;</w:t></w:r></w:p>".encode()
    head = (f'<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="{_W}" xmlns:r="http://schemas.'
            'openxmlformats.org/officeDocument/2006/relationships"><w:body>').encode()
    tail = b"</w:body></w:document>"
    block = para * max(1, (1 << 20) // len(para))
    path = folder / name
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("[Content_Types].xml", _DOCX_TYPES)
        zf.writestr("_rels/.rels", _DOCX_RELS)
        with zf.open("word/document.xml", "w", force_zip64=True) as fh:
            fh.write(head)
            written = len(head)
            while written < inflated:
                fh.write(block)
                written += len(block)
            fh.write(tail)
    return path


def deep_html(folder: Path, depth: int, name: str = "deep.html") -> Path:
    path = folder / name
    path.write_text("<html><body>" + "<div>" * depth + plan_text(9) + "</div>" * depth + "</body></html>",
                    encoding="utf-8")
    return path


def cp1258_name(text: str) -> bytes:
    """``text`` as a Windows-1258 file name (decomposed where cp1258 has no precomposed letter)."""
    out = bytearray()
    for ch in text:
        marks = unicodedata.normalize("NFD", ch)
        for k in range(len(marks), 0, -1):  # the longest precomposed head cp1258 has, then marks
            try:
                out += unicodedata.normalize("NFC", marks[:k]).encode("cp1258") + marks[k:].encode("cp1258")
                break
            except UnicodeEncodeError:
                continue
        else:
            raise UnicodeEncodeError("cp1258", ch, 0, 1, "no cp1258 form")
    return bytes(out)


def write_named(folder: Path, name: str | bytes, text: str) -> str:
    """Write ``text`` to a file whose name may be raw bytes; returns the path as Python sees it."""
    raw = os.path.join(os.fsencode(folder), name if isinstance(name, bytes) else os.fsencode(name))
    os.makedirs(os.path.dirname(raw), exist_ok=True)  # "a [/x] b": a folder "a [" holding "x] b"
    with open(raw, "wb") as fh:
        fh.write(text.encode("utf-8"))
    return os.fsdecode(raw)
