"""OCR of scanned PDF pages: poppler renders a page, Tesseract's Vietnamese model reads it.

Both are Debian packages (``apt-get install tesseract-ocr tesseract-ocr-vie poppler-utils``);
without them a scan fails with a message naming the packages (:func:`ocr_missing`).

A page is rendered at 300 dpi in grey (what Tesseract is trained on) and read with word
confidences (TSV).  Numbers and days filled into a form's blanks by hand are where OCR goes
wrong ("Số: 233 /TTr-…" for a handwritten 289): a number Tesseract is unsure of is left out, so
the document gets a blank (null) own number rather than a wrong one.

Tesseract's output (words, boxes, confidences) is kept in an optional cache folder, one file per
page, named by the PDF's content hash, the page and the OCR settings: a re-ingest of the same file never OCRs it again.  The
functions hold no state; each call runs its own processes (safe in a worker with limits).
"""
from __future__ import annotations

import hashlib
import os
import re
import shutil
import subprocess
import tempfile
from pathlib import Path

__all__ = ["OCR_PACKAGES", "OcrError", "cache_path", "ocr_missing", "ocr_page"]

OCR_PACKAGES = "tesseract-ocr tesseract-ocr-vie poppler-utils"
DPI = 300
LANG = "vie"
# The OCR settings, part of a cached page's name (the text is made from the cached output on
# every read, so a change to that step needs no new OCR).
_SETTINGS = f"{LANG}-{DPI}"
# A word with a digit that Tesseract reads with less confidence than this is dropped: printed
# symbols and dates score 60-97, handwritten fill-ins below 50 (measured on scans of forms).
_MIN_DIGIT_CONFIDENCE = 55.0
_PAGE_TIMEOUT = 300
# A printed word with a handwritten number glued to it ("ngày99"): the number is a fill-in.
_GLUED_FILL_IN = re.compile(r"^(ngày|Ngày|Số:?|số:?)(\d{1,5})$")
# Right after a form's label the number is usually written by hand ("Số: 289 /TTr-…", "ngày 22
# tháng"): there a number must be read with near certainty (printed dates score 93-97).
_FILL_IN_LABELS = frozenset(("Số:", "Số", "ngày", "Ngày"))
_MIN_FILL_IN_CONFIDENCE = 90.0


class OcrError(Exception):
    """OCR could not run or failed on a page; ``str()`` is the reason."""


def ocr_missing() -> str | None:
    """None when OCR can run, else the reason, naming the Debian packages to install."""
    missing = [exe for exe in ("tesseract", "pdftoppm") if shutil.which(exe) is None]
    if missing:
        return (f"scanned PDF needs OCR, but {' and '.join(missing)} is not installed: "
                f"apt-get install {OCR_PACKAGES}")
    try:
        langs = subprocess.run(["tesseract", "--list-langs"], capture_output=True, text=True, timeout=30).stdout
    except (OSError, subprocess.SubprocessError) as e:
        return f"scanned PDF needs OCR, but tesseract does not run ({e}): apt-get install {OCR_PACKAGES}"
    if LANG not in langs.split():
        return f"scanned PDF needs OCR, but Tesseract's Vietnamese model is not installed: apt-get install {OCR_PACKAGES}"
    return None


def cache_path(cache_dir: str | os.PathLike[str], sha256: str, page: int) -> Path:
    """Where the text of ``page`` (1-based) of the PDF with content hash ``sha256`` is kept."""
    return Path(cache_dir) / sha256[:2] / f"{sha256}-p{page}-{_SETTINGS}.tsv"


def ocr_page(pdf: bytes, page: int, cache_dir: str | os.PathLike[str] | None = None,
             sha256: str | None = None) -> str:
    """Text of ``page`` (1-based) of the PDF ``pdf``, read by Tesseract; OcrError on failure."""
    cached = None
    if cache_dir is not None:
        cached = cache_path(cache_dir, sha256 or hashlib.sha256(pdf).hexdigest(), page)
        try:
            return text_from_tsv(cached.read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError):
            pass
    image = _run(["pdftoppm", "-r", str(DPI), "-gray", "-f", str(page), "-l", str(page), "-"], pdf, "pdftoppm")
    if not image:
        raise OcrError(f"pdftoppm rendered nothing for page {page}")
    tsv = _run(["tesseract", "stdin", "stdout", "-l", LANG, "tsv"], image, "tesseract").decode("utf-8", "replace")
    if cached is not None:
        _write_atomic(cached, tsv)
    return text_from_tsv(tsv)


def _run(cmd: list[str], data: bytes, name: str) -> bytes:
    # One thread per page: pages are spread over worker processes instead.
    env = {**os.environ, "OMP_THREAD_LIMIT": "1"}
    try:
        proc = subprocess.run(cmd, input=data, capture_output=True, timeout=_PAGE_TIMEOUT, env=env, check=False)
    except FileNotFoundError:
        raise OcrError(f"{name} is not installed: apt-get install {OCR_PACKAGES}") from None
    except subprocess.TimeoutExpired:
        raise OcrError(f"{name} took over {_PAGE_TIMEOUT} s on one page") from None
    except OSError as e:
        raise OcrError(f"{name} failed to start: {e}") from None
    if proc.returncode != 0:
        err = " ".join(proc.stderr.decode("utf-8", "replace").split())[:160]
        raise OcrError(f"{name} failed ({err or 'exit status ' + str(proc.returncode)})")
    return proc.stdout


def text_from_tsv(tsv: str) -> str:
    """Lines of words from Tesseract's TSV; a blank line between blocks; unsure numbers left out.

    >>> rows = ["level\\tpage_num\\tblock_num\\tpar_num\\tline_num\\tword_num\\tleft\\ttop\\twidth\\theight\\tconf\\ttext",
    ...         "5\\t1\\t1\\t1\\t1\\t1\\t0\\t0\\t9\\t9\\t96\\tSố:", "5\\t1\\t1\\t1\\t1\\t2\\t0\\t0\\t9\\t9\\t46\\t233",
    ...         "5\\t1\\t1\\t1\\t1\\t3\\t0\\t0\\t9\\t9\\t73\\t/TTr-CAT", "5\\t1\\t2\\t1\\t1\\t1\\t0\\t0\\t9\\t9\\t80\\tngày99"]
    >>> text_from_tsv("\\n".join(rows))
    'Số: /TTr-CAT\\n\\nngày'
    """
    lines: list[str] = []
    words: list[str] = []
    key = block = None
    for row in tsv.splitlines()[1:]:
        cols = row.split("\t")
        if len(cols) < 12 or cols[0] != "5":
            continue
        word = cols[11].strip()
        if not word:
            continue
        line_key = (cols[2], cols[3], cols[4])
        if line_key != key:
            if words:
                lines.append(" ".join(words))
            if block is not None and cols[2] != block:
                lines.append("")
            words, key, block = [], line_key, cols[2]
        try:
            conf = float(cols[10])
        except ValueError:
            conf = 0.0
        glued = _GLUED_FILL_IN.match(word)
        if glued:
            word = glued.group(1)
        elif any(c.isdigit() for c in word):
            after_label = bool(words) and words[-1] in _FILL_IN_LABELS
            if conf < (_MIN_FILL_IN_CONFIDENCE if after_label else _MIN_DIGIT_CONFIDENCE):
                continue
        words.append(word)
    if words:
        lines.append(" ".join(words))
    return "\n".join(lines).strip()


def _write_atomic(path: Path, text: str) -> None:
    """Write then rename, so a killed worker never leaves half a page in the cache."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, suffix=".tmp")
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            fh.write(text)
        os.replace(tmp, path)
    except OSError:
        pass  # a read-only cache only costs time
