"""PDF to text: poppler's text layer in reading order, OCR for pages without a usable one.

Offices' PDFs come in three kinds: Word exports (a clean text layer), the same signed by an
e-office system (the number and day typed into the form's blanks as separate objects, and an
e-signature box), and scans (no text layer, a stamp line only, or a garbled OCR layer without
diacritics).  ``pdftotext -layout`` (poppler) reads the first two quickly and keeps what the
signing system typed into the blanks; its layout is turned into reading order here:

- A run of lines set in two columns (the header "ỦY BAN NHÂN DÂN … / CỘNG HÒA …", "Số: … /
  Quảng Ngãi, ngày …", a signature block, a table) is read column by column, so each column's
  lines stay together and each starts a line, as in the Word original.
- E-signature boxes ("Ký bởi: …", "Thời gian ký: …") and e-office stamp lines ("Số: 666/TTr-SNV;
  22/12/2025; 18:56:39") are dropped: they are neither the document's text nor citations.
- A page whose text layer is missing or unusable (fewer than a stamp's worth of letters, or
  letters without any Vietnamese diacritic and not legacy-font text either) is OCRed
  (:mod:`extract.ocr`), when the page holds an image.

Without poppler, pdfminer (a pure-Python reader, much slower, and blind to typed-in numbers)
reads the text layer, with a warning.
"""
from __future__ import annotations

import hashlib
import io
import logging
import re
import shutil
import subprocess
from typing import Callable

from extract import limits, ocr
from extract.legacy import detect_legacy

__all__ = ["PdfError", "pdf_text"]

# Below this many letters a page holds at most a stamp line or a page number.
_MIN_LETTERS = 200
_USABLE_SAMPLE = 4000
# Letters that only Vietnamese Unicode has; a real Vietnamese page has 5-15% of them.
_VN_ONLY = re.compile("[ăâđêôơưĂÂĐÊÔƠƯ\u0300-\u0323\u1ea0-\u1ef9àáảãạèéẻẽẹìíỉĩịòóỏõọùúủũụỳýỷỹỵ]")
_LETTER = re.compile(r"[^\W\d_]")
# Two spaces or more inside a layout line separate two cells (pdftotext sets words one space apart).
_GAP = re.compile(r" {2,}")
# A line that stands alone is split into columns only at a gap this wide; narrower gaps are the
# blanks a number was typed into ("Số: 779     /QĐ-UBND", "ngày   23 tháng    3").
_WIDE_GAP = 8
_SIGNATURE_LABEL = re.compile(r"^(?:Ký bởi|Người ký|Thời gian ký|Giờ ký|Ngày ký|Cơ quan|Email|E-mail)\s*:", re.I)
# "Số: 666/TTr-SNV; 22/12/2025; 18:56:39; +07:00", "SAO Y; CÔNG AN TỈNH …; 25/12/2025; 09:27:28"
_STAMP_LINE = re.compile(r"^[^\n]{0,80};\s*\d{1,2}/\d{1,2}/\d{4};\s*\d{1,2}:\d{2}(?::\d{2})?;?")
_TIMEOUT = 300


class PdfError(Exception):
    """A PDF that cannot become text; ``str()`` is the reason."""


def pdf_text(data: bytes, *, ocr_cache: str | None = None,
             on_page: Callable[[int, int], None] | None = None) -> tuple[str, list[str], str]:
    """Text of a PDF (pages joined by a blank line), warnings, and how it was read.

    The last item is ``"pdf"`` (text layer only), ``"pdf+ocr"`` (some pages OCRed) or
    ``"ocr"`` (every page OCRed).  ``on_page(done, total)`` reports OCR progress.
    """
    start = data.find(b"%PDF-", 0, 1024)
    if start < 0:
        raise PdfError("not a PDF (no %PDF- header)")
    warnings = [f"{start} junk bytes before %PDF- skipped"] if start else []
    data = data[start:]
    if shutil.which("pdftotext") is None:
        text = _pdfminer_text(data)
        warnings.append("poppler-utils is not installed: PDF read with pdfminer (slower; misses "
                        "numbers typed into a signed form); apt-get install poppler-utils")
        pages = text.split("\f")
    else:
        pages = _poppler_pages(data)
    pages = [_reading_order(p) for p in pages]
    if len(pages) > 1 and not pages[-1]:
        pages.pop()  # pdftotext ends the last page with a form feed too
    need = [i for i, p in enumerate(pages) if not _usable(p)]
    how = "pdf"
    if need:
        need = _with_images(data, need)
    if need:
        sha = hashlib.sha256(data).hexdigest()
        # pages OCRed before come from the cache: no OCR tools needed for them
        done = {i: ocr.cached_text(ocr_cache, sha, i + 1) for i in need} if ocr_cache else {}
        todo = [i for i in need if done.get(i) is None]
        missing = ocr.ocr_missing() if todo else None
        if missing and len(todo) == len(pages):
            raise PdfError(missing.replace("scanned PDF", "PDF without a usable text layer (scanned?)"))
        if missing:
            warnings.append(f"{len(todo)} scanned page(s) left unread: {missing}")
            todo = []
        for n, i in enumerate(need, 1):
            if done.get(i) is not None:
                pages[i] = done[i]
            elif i in todo:
                try:
                    pages[i] = ocr.ocr_page(data, i + 1, ocr_cache, sha)
                except ocr.OcrError as e:
                    raise PdfError(f"OCR of page {i + 1} failed: {e}") from None
            else:
                continue
            if on_page:
                on_page(n, len(need))
        read = [i for i in need if done.get(i) is not None or i in todo]
        if read:
            how = "ocr" if len(read) == len(pages) else "pdf+ocr"
            warnings.append(f"{len(read)} of {len(pages)} page(s) read by OCR (Tesseract, Vietnamese)")
    text = "\n\n".join(p.strip("\n") for p in pages if p.strip())
    if not text.strip():
        raise PdfError("PDF has no text: no text layer and no page image to OCR")
    return text, warnings, how


def pages_to_ocr(data: bytes) -> list[int]:
    """1-based numbers of the pages :func:`pdf_text` would OCR (for spreading them over workers)."""
    start = data.find(b"%PDF-", 0, 1024)
    if start < 0 or shutil.which("pdftotext") is None:
        return []
    data = data[start:]
    try:
        pages = [_reading_order(p) for p in _poppler_pages(data)]
    except PdfError:
        return []
    if len(pages) > 1 and not pages[-1]:
        pages.pop()
    need = [i for i, p in enumerate(pages) if not _usable(p)]
    return [i + 1 for i in (_with_images(data, need) if need else [])]


def _poppler_pages(data: bytes) -> list[str]:
    max_pages = limits.active().max_pages
    last = ["-l", str(max_pages + 1)] if max_pages else []  # one page over the limit is enough to refuse
    try:
        proc = subprocess.run(["pdftotext", "-layout", "-enc", "UTF-8", *last, "-", "-"], input=data,
                              capture_output=True, timeout=_TIMEOUT, check=False)
    except subprocess.TimeoutExpired:
        raise PdfError(f"pdftotext took over {_TIMEOUT} s") from None
    except OSError as e:
        raise PdfError(f"pdftotext failed to start: {e}") from None
    err = proc.stderr.decode("utf-8", "replace")
    if proc.returncode != 0:
        if "password" in err.lower():
            raise PdfError("password-protected PDF: cannot read without the password")
        reason = " ".join(err.split())[:160] or f"exit status {proc.returncode}"
        raise PdfError(f"corrupt or truncated PDF: {reason}")
    pages = proc.stdout.decode("utf-8", errors="replace").split("\f")
    limits.check_pages(len(pages) - 1 if len(pages) > 1 and not pages[-1] else len(pages))
    return pages


def _pdfminer_text(data: bytes) -> str:
    from pdfminer.high_level import extract_text
    from pdfminer.pdfdocument import PDFEncryptionError, PDFPasswordIncorrect

    # pdfminer logs every oddity of a damaged file at WARNING; our verdict is the error.
    logging.getLogger("pdfminer").setLevel(logging.ERROR)
    max_pages = limits.active().max_pages
    try:
        text = extract_text(io.BytesIO(data), maxpages=max_pages + 1 if max_pages else 0)
    except PDFPasswordIncorrect:
        raise PdfError("password-protected PDF: cannot read without the password") from None
    except PDFEncryptionError as e:
        raise PdfError(f"encrypted PDF that cannot be decrypted ({e})") from None
    except Exception as e:  # noqa: BLE001 - pdfminer raises many types on corrupt input
        raise PdfError(f"corrupt or truncated PDF: {type(e).__name__}: {str(e)[:160]}") from None
    limits.check_pages(text.count("\f"))  # pdfminer ends every page with a form feed
    cids = len(re.findall(r"\(cid:\d+\)", text))
    if cids * 3 > sum(c.isalpha() for c in text):
        raise PdfError(f"PDF text layer has no Unicode mapping ({cids} glyphs show as (cid:N)); install poppler-utils")
    return re.sub(r"\(cid:\d+\)", "\ufffd", text)


def _usable(page: str) -> bool:
    """A text layer worth keeping: enough letters, and Vietnamese (or legacy-font) letters.

    Judged on the page's first few thousand characters: a page of text shows it long before;
    most pages already in their first thousand, which hold dozens of Vietnamese letters."""
    if len(page) >= 1000 and len(_VN_ONLY.findall(page, 0, 1000)) >= 20:
        return True
    sample = page[:_USABLE_SAMPLE]
    letters = len(_LETTER.findall(sample))
    if letters < _MIN_LETTERS:
        return False
    if len(_VN_ONLY.findall(sample)) >= 0.02 * letters:
        return True
    return detect_legacy(sample) is not None


def _with_images(data: bytes, pages: list[int]) -> list[int]:
    """The pages among ``pages`` (0-based) that hold an image large enough to be a scan."""
    try:
        proc = subprocess.run(["pdfimages", "-list", "-", ], input=data, capture_output=True,
                              timeout=_TIMEOUT, check=False)
    except (OSError, subprocess.SubprocessError):
        return pages  # cannot tell: OCR decides (a page without image comes back empty)
    scanned = set()
    for line in proc.stdout.decode("utf-8", "replace").splitlines()[2:]:
        cols = line.split()
        if len(cols) > 4 and cols[0].isdigit() and cols[3].isdigit() and cols[4].isdigit():
            if int(cols[3]) * int(cols[4]) >= 500_000:  # about A4 at 100 dpi or more
                scanned.add(int(cols[0]) - 1)
    return [p for p in pages if p in scanned]


# --------------------------------------------------------------------------- reading order


def _cells(line: str) -> list[tuple[int, int, str]]:
    """The column cells of a layout line: (start, end, text), split at gaps of 2+ spaces."""
    text = line.strip()
    if "  " not in text:  # most lines: one cell (only the indent to skip)
        return [(line.index(text[0]), len(line.rstrip()), text)] if text else []
    out = []
    pos = 0
    for gap in _GAP.finditer(line):
        if line[pos:gap.start()].strip():
            out.append((pos, gap.start(), line[pos:gap.start()]))
        pos = gap.end()
    if line[pos:].strip():
        out.append((pos, len(line), line[pos:]))
    return [(s + len(t) - len(t.lstrip()), e, t.strip()) for s, e, t in out]


def _reading_order(page: str) -> str:
    r"""Layout text to reading order: runs of lines set in columns are read column by column.

    A run grows while some gap (a "river") still separates its cells on every line; a line that
    would close the last river (a centred title, a body line) ends it.

    >>> print(_reading_order("  UBND TỈNH A        CỘNG HÒA XÃ HỘI\n"
    ...                      "  Số: 5    /KH-UBND  A, ngày 2 tháng 3 năm 2024\n"
    ...                      "\n          KẾ HOẠCH"))
    UBND TỈNH A
    Số: 5 /KH-UBND
    CỘNG HÒA XÃ HỘI
    A, ngày 2 tháng 3 năm 2024
    <BLANKLINE>
    KẾ HOẠCH
    """
    out: list[str] = []
    run: list[list[tuple[int, int, str]]] = []
    cover: list[list[int]] = []  # merged [start, end) intervals covered by the run's cells
    blanks = 0  # blank lines seen since the run's last line (kept only if the run ends there)

    def flush() -> None:
        if len(run) == 1:
            text = run[0][0][2]
            for (_s, end, _t), (start, _e, t) in zip(run[0], run[0][1:]):
                text += ("\n" if start - end >= _WIDE_GAP else " ") + t
            out.append(text)
        elif run:
            columns: list[list[str]] = [[] for _ in cover]
            for cells in run:
                parts: dict[int, list[str]] = {}
                for s, _e, t in cells:
                    k = next((i for i, (lo, hi) in enumerate(cover) if lo <= s < hi), len(cover) - 1)
                    parts.setdefault(k, []).append(t)
                for k, texts in parts.items():
                    columns[k].append(" ".join(texts))
            for col in columns:
                out.extend(col)
        run.clear()
        cover.clear()

    for line in page.split("\n"):
        cells = [c for c in _cells(line) if not _signature_cell(c[2])]
        if not cells:
            if line.strip():
                continue
            if run:
                blanks += 1
            else:
                out.append("")
            continue
        if run or len(cells) >= 2:
            merged = _merge(cover, cells)
            # after a blank line only another line of columns continues the run (a title does not)
            if run and len(merged) >= 2 and (len(cells) >= 2 or not blanks):
                run.append(cells)
                cover[:] = merged
                blanks = 0
                continue
            flush()
            out.extend([""] * blanks)
            blanks = 0
            if len(cells) >= 2:
                run.append(cells)
                cover[:] = _merge([], cells)
                continue
        out.append(cells[0][2])
    flush()
    out.extend([""] * blanks)
    return "\n".join(out)


def _merge(cover: list[list[int]], cells: list[tuple[int, int, str]]) -> list[list[int]]:
    """``cover`` with the cells' spans added, overlapping intervals merged (sorted)."""
    spans = sorted([*([lo, hi] for lo, hi in cover), *([s, e] for s, e, _t in cells)])
    merged: list[list[int]] = []
    for lo, hi in spans:
        if merged and lo <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], hi)
        else:
            merged.append([lo, hi])
    return merged


def _signature_cell(text: str) -> bool:
    return bool(_SIGNATURE_LABEL.match(text) or _STAMP_LINE.match(text))
