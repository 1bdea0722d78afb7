"""Ingest of scanned PDFs: pages OCRed over the workers into the cache beside the store, and a
re-ingest that needs no OCR at all (Tesseract taken off the PATH in between)."""
from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

from graph.ingest import ingest, ocr_cache_for
from graph.store import Store
from tests.extract.test_read_files import image_pdf, needs
from tests.extract.test_read import make_pdf


def test_scans_are_ocred_once_over_the_workers(tmp_path, monkeypatch, forked_workers):
    needs("pdftotext", "pdftoppm", "pdfimages", "tesseract")

    folder = tmp_path / "in"
    folder.mkdir()
    for n, number in enumerate(("12", "13"), 1):
        printed = make_pdf([[(40, 800, "ỦY BAN NHÂN DÂN"), (40, 770, f"Số: {number}/BC-UBND"),
                             (40, 740, "Thực hiện Công văn số 4625/BNV-CCHC ngày 02/7/2025 của Bộ Nội vụ")]],
                           glyph_width=602, font="DejaVuSansMono")
        pgm = subprocess.run(["pdftoppm", "-r", "300", "-gray", "-"], input=printed, capture_output=True, check=True).stdout
        (folder / f"scan{n}.pdf").write_bytes(image_pdf(pgm))
    store = tmp_path / "store.sqlite"
    progress = []
    report = ingest([str(folder)], str(store), workers=2, on_ocr_page=lambda done, total: progress.append((done, total)))
    assert (len(report.ingested), report.failed) == (2, [])
    assert progress == [(1, 2), (2, 2)]
    cache = ocr_cache_for(store)
    assert len(list(Path(cache).rglob("*.tsv"))) == 2
    with Store(str(store), readonly=True) as st:
        read_as = {row[0] for row in st.conn.execute("SELECT encoding FROM files")}
    assert read_as == {"ocr"}

    # Tesseract gone: a forced re-ingest still reads both scans, from the cache
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    for tool in ("pdftotext", "pdfimages", "pdftoppm"):
        os.symlink(shutil.which(tool), bin_dir / tool)
    monkeypatch.setenv("PATH", str(bin_dir))
    again = ingest([str(folder)], str(store), workers=2, force=True)
    assert (len(again.ingested), again.failed) == (2, [])


def test_scan_without_ocr_fails_alone(tmp_path, monkeypatch, forked_workers):
    needs("pdftotext", "pdftoppm")

    folder = tmp_path / "in"
    folder.mkdir()
    printed = make_pdf([[(40, 800, "ỦY BAN NHÂN DÂN")]], glyph_width=602, font="DejaVuSansMono")
    pgm = subprocess.run(["pdftoppm", "-r", "300", "-gray", "-"], input=printed, capture_output=True, check=True).stdout
    (folder / "scan.pdf").write_bytes(image_pdf(pgm))
    (folder / "a.txt").write_text("Thực hiện Công văn số 4625/BNV-CCHC ngày 02/7/2025 của Bộ Nội vụ", encoding="utf-8")
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    os.symlink(shutil.which("pdftotext"), bin_dir / "pdftotext")
    monkeypatch.setenv("PATH", str(bin_dir))
    report = ingest([str(folder)], str(tmp_path / "s.sqlite"), workers=1)
    assert len(report.ingested) == 1
    [(path, reason)] = report.failed
    assert path.endswith("scan.pdf") and "tesseract-ocr tesseract-ocr-vie poppler-utils" in reason
