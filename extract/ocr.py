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

__all__ = ["OCR_PACKAGES", "OcrError", "cache_path", "cached_text", "ocr_missing", "ocr_page", "text_from_tsv"]

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
# A symbol that Tesseract cut at its hyphen, with a space (and the hyphen doubled, at times):
# "18/2026/TT -BQP", "86/2016/TT- -BQP".
_SYMBOL_HEAD = re.compile(r"\d/[\w/.]*[A-ZĐ]-?$")
_SYMBOL_TAIL = re.compile(r"-[A-ZĐ]")
# A gap wider than this many letter heights inside a line of Tesseract's is a gap between columns.
_COLUMN_GAP = 2


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


def cached_text(cache_dir: str | os.PathLike[str], sha256: str, page: int) -> str | None:
    """The text of a page OCRed before (None when the cache does not hold it)."""
    try:
        return text_from_tsv(cache_path(cache_dir, sha256, page).read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError):
        return None


def ocr_page(pdf: bytes, page: int, cache_dir: str | os.PathLike[str] | None = None,
             sha256: str | None = None) -> str:
    """Text of ``page`` (1-based) of the PDF ``pdf``, read by Tesseract; OcrError on failure."""
    cached = None
    if cache_dir is not None:
        sha256 = sha256 or hashlib.sha256(pdf).hexdigest()
        text = cached_text(cache_dir, sha256, page)
        if text is not None:
            return text
        cached = cache_path(cache_dir, sha256, page)
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
    r"""Lines of words from Tesseract's TSV; a blank line between blocks; unsure numbers left out.

    A wide gap inside one of Tesseract's lines separates two columns (the header's "Số: … /
    Quảng Ngãi, ngày …"): each goes on its own line, as in the document.

    >>> head = "level page_num block_num par_num line_num word_num left top width height conf text"
    >>> rows = [(1, 0, 60, 96, "Số:"), (1, 80, 60, 93, "233"), (1, 160, 300, 73, "/TTr-CAT"),
    ...         (1, 900, 90, 95, "Huế,"), (2, 0, 90, 80, "ngày99")]
    >>> rows += [(3, 0, 90, 96, "số"), (3, 100, 200, 96, "86/2016/TT-"), (3, 310, 90, 96, "-BQP")]
    >>> tsv = [head] + [f"5 1 {b} 1 1 1 {x} 0 {w} 50 {c} {t}" for b, x, w, c, t in rows]
    >>> print(text_from_tsv("\n".join(line.replace(" ", "\t") for line in tsv)))
    Số: /TTr-CAT
    Huế,
    <BLANKLINE>
    ngày
    <BLANKLINE>
    số 86/2016/TT-BQP
    """
    lines: list[str] = []
    words: list[tuple[str, float]] = []
    key = block = None
    right = last_height = 0
    for row in tsv.splitlines()[1:]:
        cols = row.split("\t")
        if len(cols) < 12 or cols[0] != "5" or not cols[11].strip():
            continue
        try:
            left, width, height, conf = int(cols[6]), int(cols[8]), int(cols[9]), float(cols[10])
        except ValueError:
            continue
        line_key = (cols[2], cols[3], cols[4])
        if line_key != key or (words and left - right > _COLUMN_GAP * min(height, last_height)):
            if words:
                lines.append(_line(words))
            if block is not None and cols[2] != block:
                lines.append("")
            words, key, block = [], line_key, cols[2]
        right, last_height = left + width, height
        words.append((cols[11].strip(), conf))
    if words:
        lines.append(_line(words))
    return "\n".join(line for line in lines if line is not None).strip()


def _line(words: list[tuple[str, float]]) -> str:
    """One line's words, without the numbers OCR cannot vouch for."""
    out: list[str] = []
    for i, (word, conf) in enumerate(words):
        glued = _GLUED_FILL_IN.match(word)
        if glued:
            word = glued.group(1)
        elif any(c.isdigit() for c in word):
            after_label = bool(out) and out[-1] in _FILL_IN_LABELS
            if after_label and out[-1].startswith("Số") and i + 1 < len(words) and words[i + 1][0].startswith("/"):
                continue  # "Số: 289 /TTr-…": a number written into the blank, by hand on a scan
            if conf < (_MIN_FILL_IN_CONFIDENCE if after_label else _MIN_DIGIT_CONFIDENCE):
                continue
        if out and _SYMBOL_HEAD.search(out[-1]) and _SYMBOL_TAIL.match(word):
            out[-1] = out[-1].rstrip("-") + word  # "18/2026/TT -BQP", "86/2016/TT- -BQP"
            continue
        out.append(word)
    return " ".join(out)


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
