"""Reading speed on shared/files: pages/s per format, the PDF reader and OCR against their tools.

Baselines (same run, same inputs):
- PDF text layer: poppler's bare ``pdftotext -layout`` on the same text-layer PDFs, file by file,
  alternating with the project's reader (best of ``--repeat`` each); the reader adds the size
  limits' stream check, the reading order, the scan check and NFC.  Ratio = pdftotext time /
  reader time.
- OCR: the bare ``tesseract IMAGE stdout -l vie`` CLI on the same page images (rendered once,
  300 dpi grey); the project's OCR renders the page itself and reads Tesseract's TSV, without
  cache.  Ratio = tesseract time / project time.
Other formats (.doc, .docx, .html) are timed as files/s (they have no pages).
Last line: JSON with pdf_ratio_to_pdftotext, ocr_ratio_to_tesseract, pages_per_s, peak_rss_mb.

    python benchmarks/read_speed.py [--files DIR] [--ocr-pages N] [--repeat N]
"""
from __future__ import annotations

import argparse
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from _common import children_peak_rss_mb, peak_rss_mb, report  # noqa: E402
from extract.ocr import ocr_page  # noqa: E402
from extract.pdf import pages_to_ocr  # noqa: E402
from extract.read import ReadError, read_bytes  # noqa: E402

FILES = Path(__file__).resolve().parents[1].parent / "shared" / "files"


def page_count(data: bytes) -> int:
    out = subprocess.run(["pdfinfo", "-"], input=data, capture_output=True, check=False).stdout.decode("utf-8", "replace")
    m = re.search(r"^Pages:\s+(\d+)", out, re.M)
    return int(m.group(1)) if m else 0


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--files", type=Path, default=FILES)
    ap.add_argument("--ocr-pages", type=int, default=4, help="scanned pages to OCR (first page of each scan)")
    ap.add_argument("--repeat", type=int, default=3)
    a = ap.parse_args()

    files = sorted(p for p in a.files.iterdir() if p.suffix.lower() in (".pdf", ".doc", ".docx", ".html", ".htm"))
    blobs = {p: p.read_bytes() for p in files}
    pdfs = [p for p in files if p.suffix.lower() == ".pdf"]
    scans = {p: pages_to_ocr(blobs[p][max(blobs[p].find(b"%PDF-"), 0):]) for p in pdfs}
    text_pdfs = [p for p in pdfs if not scans[p]]
    pages = sum(page_count(blobs[p]) for p in text_pdfs)

    # PDF text layer: the reader against bare pdftotext, file by file, each timed alternately
    # and its best run kept, so both see the same machine load.
    t_pop = t_ours = 0.0
    for p in text_pdfs:
        pop = ours = float("inf")
        for _ in range(a.repeat):
            t0 = time.perf_counter()
            subprocess.run(["pdftotext", "-layout", "-", "-"], input=blobs[p], capture_output=True, check=True)
            t1 = time.perf_counter()
            read_bytes(blobs[p], p.name)
            t2 = time.perf_counter()
            pop, ours = min(pop, t1 - t0), min(ours, t2 - t1)
        t_pop += pop
        t_ours += ours

    # Other formats: files/s (and every file reads or fails with a reason).
    per_format: dict[str, tuple[int, float]] = {}
    failures = []
    for suffix in (".doc", ".docx", ".html"):
        group = [p for p in files if p.suffix.lower() == suffix]
        t0 = time.perf_counter()
        for p in group:
            try:
                read_bytes(blobs[p], p.name)
            except ReadError as e:
                failures.append(f"{p.name}: {e.reason}")
        per_format[suffix] = (len(group), time.perf_counter() - t0)

    # OCR: the first scanned page of the first N scans, rendered once for the bare CLI.
    jobs = [(p, pages[0]) for p, pages in scans.items() if pages][: a.ocr_pages]
    t_tess = t_ocr = 0.0
    with tempfile.TemporaryDirectory() as tmp:
        images = []
        for p, page in jobs:
            img = Path(tmp) / f"{p.stem}-{page}.pgm"
            img.write_bytes(subprocess.run(["pdftoppm", "-r", "300", "-gray", "-f", str(page), "-l", str(page), "-"],
                                           input=blobs[p], capture_output=True, check=True).stdout)
            images.append(img)
        for (p, page), img in zip(jobs, images):  # interleaved, so both see the same machine load
            pdf = blobs[p][max(blobs[p].find(b"%PDF-"), 0):]
            t0 = time.perf_counter()
            subprocess.run(["tesseract", str(img), "stdout", "-l", "vie"], capture_output=True, check=True)
            t1 = time.perf_counter()
            ocr_page(pdf, page)
            t2 = time.perf_counter()
            t_tess += t1 - t0
            t_ocr += t2 - t1

    pdf_ratio = t_pop / t_ours if t_ours else 0.0
    ocr_ratio = t_tess / t_ocr if t_ocr else 0.0
    rows = [
        ("text-layer PDFs", f"{len(text_pdfs)} files, {pages} pages", ""),
        ("reader (pages/s)", f"{pages / t_ours:.0f}", f"{pdf_ratio:.2f}x pdftotext ({pages / t_pop:.0f} pages/s)"),
        ("OCR (s/page)", f"{t_ocr / max(len(jobs), 1):.2f}", f"{ocr_ratio:.2f}x bare tesseract ({t_tess / max(len(jobs), 1):.2f} s/page)"),
    ]
    rows += [(f"{s} (files/s)", f"{n / t:.1f}" if t else "-", f"{n} files") for s, (n, t) in per_format.items()]
    rows.append(("peak memory (MB)", f"{peak_rss_mb():.0f}", f"children {children_peak_rss_mb():.0f}"))
    rows += [("failed", f, "") for f in failures]
    report("Reading speed on shared/files", rows, {
        "pdf_ratio_to_pdftotext": round(pdf_ratio, 3),
        "ocr_ratio_to_tesseract": round(ocr_ratio, 3),
        "pdf_pages_per_s": round(pages / t_ours, 1),
        "pdftotext_pages_per_s": round(pages / t_pop, 1),
        "ocr_s_per_page": round(t_ocr / max(len(jobs), 1), 2),
        "tesseract_s_per_page": round(t_tess / max(len(jobs), 1), 2),
        "files_per_s": {s.lstrip("."): round(n / t, 1) if t else None for s, (n, t) in per_format.items()},
        "ocr_pages": len(jobs),
        "peak_rss_mb": round(peak_rss_mb(), 1),
        "children_peak_rss_mb": round(children_peak_rss_mb(), 1),
    })


if __name__ == "__main__":
    main()
