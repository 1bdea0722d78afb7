"""A file over a per-file limit fails alone, with a reason naming the limit; the batch goes on.

Each case builds one hostile file (small, against a low limit) beside two good plans and
ingests the folder; the good plans are stored, the hostile file is named with its reason.
"""
from __future__ import annotations

import os
import signal
import time

import pytest

from extract.limits import MB, Limits
from graph.ingest import default_extractor, ingest
from graph.store import Store
from tests.security.hostile_files import deep_html, docx_bomb, pdf_pages, pdf_stream_bomb, plan_text


def _slow(text, province):
    if "CHẬM" in text:
        time.sleep(60)
    return default_extractor(text, province)


def _greedy(text, province):
    if "THAM" in text:
        hog = [bytearray(64 * MB) for _ in range(64)]  # 4 GB, far over the limit
        return hog
    return default_extractor(text, province)


def _crash(text, province):
    if "SẬP" in text:
        os.kill(os.getpid(), signal.SIGSEGV)
    return default_extractor(text, province)


def _txt(folder, name, text):
    (folder / name).write_text(text, encoding="utf-8")
    return folder / name


CASES = [
    # (what, make the hostile file, limits, extractor, words the reason must hold)
    ("PDF stream bomb", lambda d: pdf_stream_bomb(d, 40 * MB), Limits(max_unzipped=4 * MB), None,
     ["a PDF stream inflates to more than 4 MB", "max_unzipped", "--max-unzipped-mb"]),
    ("honest .docx zip bomb", lambda d: docx_bomb(d, 40 * MB), Limits(max_unzipped=4 * MB), None,
     [".docx inflates to more than 4 MB", "max_unzipped"]),
    ("paragraph .docx", lambda d: docx_bomb(d, 12 * MB, "paragraphs.docx"), Limits(), None,
     ["the XML of the .docx inflates to more than 10 MB", "a 20th of the limit", "max_unzipped"]),
    ("deep HTML", lambda d: deep_html(d, 3_000), Limits(), None,
     ["HTML nested more than 1,000 deep", "max_depth", "--max-depth"]),
    ("too many PDF pages", lambda d: pdf_pages(d, 30), Limits(max_pages=20), None,
     ["more than 20 pages", "max_pages", "--max-pages"]),
    ("too much text", lambda d: _txt(d, "long.txt", plan_text(7) + "Nội dung. " * 5_000), Limits(max_chars=20_000),
     None, ["over the 20,000-character limit", "max_chars"]),
    ("too big a file", lambda d: _txt(d, "big.txt", plan_text(7) + "x" * 300_000), Limits(max_bytes=100_000), None,
     ["over the 100,000-byte limit", "max_bytes", "--max-mb"]),
    ("too slow", lambda d: _txt(d, "slow.txt", plan_text(7, "CHẬM")), Limits(timeout=2), _slow,
     ["took longer than the 2-second time limit", "timeout", "--timeout"]),
    ("too much memory", lambda d: _txt(d, "greedy.txt", plan_text(7, "THAM")), Limits(max_memory=300 * MB), _greedy,
     ["ran out of memory", "300 MB", "max_memory", "--max-memory-mb"]),
    ("crashing reader", lambda d: _txt(d, "crash.txt", plan_text(7, "SẬP")), Limits(), _crash,
     ["crashed (SIGSEGV)"]),
]


@pytest.mark.parametrize("what,make,limits,extractor,words", CASES, ids=[c[0] for c in CASES])
@pytest.mark.parametrize("workers", [1, 2])
def test_a_file_over_a_limit_fails_alone(tmp_path, what, make, limits, extractor, words, workers):
    docs = tmp_path / "docs"
    docs.mkdir()
    _txt(docs, "a_good.txt", plan_text(1))
    bad = make(docs)
    _txt(docs, "z_good.txt", plan_text(2))
    report = ingest([docs], tmp_path / "s.sqlite", workers=workers, limits=limits,
                    extractor=extractor or default_extractor)
    assert [os.path.basename(p) for p in report.ingested] == ["a_good.txt", "z_good.txt"]
    assert len(report.failed) == 1
    path, reason = report.failed[0]
    assert path == str(bad)
    for w in words:
        assert w in reason, (w, reason)
    with Store(tmp_path / "s.sqlite", readonly=True) as st:
        assert st.counts()["files"] == 2
        assert [r["reason"] for r in st.rows("SELECT reason FROM failures")] == [reason]


def test_real_sized_inputs_pass_the_defaults(tmp_path):
    """The defaults sit above real documents: a 55-page PDF and HTML 40 deep read fine."""
    docs = tmp_path / "docs"
    docs.mkdir()
    pdf_pages(docs, 60)
    deep_html(docs, 40)
    report = ingest([docs], tmp_path / "s.sqlite", workers=1)
    assert report.failed == [] and len(report.ingested) == 2


def test_a_huge_size_limit_allocates_nothing_up_front(tmp_path):
    """--max-mb 100000 used to make every read allocate 100 GB (MemoryError on every file)."""
    _txt(tmp_path, "plan.txt", plan_text(3))
    report = ingest([tmp_path / "plan.txt"], tmp_path / "s.sqlite", workers=1, max_bytes=100_000 * 10**6)
    assert report.failed == [] and len(report.ingested) == 1


def test_limits_from_the_environment():
    env = {"CITEGRAPH_MAX_PAGES": "50", "CITEGRAPH_MAX_MB": "1.5", "CITEGRAPH_TIMEOUT": "2.5"}
    lim = Limits.from_env(env, max_depth=7)
    assert (lim.max_pages, lim.max_bytes, lim.timeout, lim.max_depth) == (50, int(1.5 * MB), 2.5, 7)
    with pytest.raises(ValueError, match="CITEGRAPH_MAX_PAGES='many' is not a number"):
        Limits.from_env({"CITEGRAPH_MAX_PAGES": "many"})


def test_a_long_running_process_reads_one_file_under_the_limits(tmp_path):
    """What the explorer's document page calls: the text, or a ReadError naming the limit."""
    from extract.read import ReadError
    from graph.ingest import read_text_limited

    good = _txt(tmp_path, "plan.txt", plan_text(8))
    assert "8/KH-UBND" in read_text_limited(str(good)).text
    bomb = pdf_stream_bomb(tmp_path, 40 * MB)
    with pytest.raises(ReadError, match="max_unzipped"):
        read_text_limited(str(bomb), limits=Limits(max_unzipped=4 * MB))
    with pytest.raises(ReadError, match="max_chars"):
        read_text_limited(str(good), limits=Limits(max_chars=50))


def test_a_pdf_bomb_never_reaches_poppler(tmp_path, monkeypatch, forked_workers):
    """The OCR pre-pass checks the streams before pdftotext inflates them (2 GB took 88 s)."""
    import extract.pdf

    marker = tmp_path / "poppler-ran"
    real = extract.pdf.pages_to_ocr

    def spy(data):
        marker.write_text("x")
        return real(data)

    monkeypatch.setattr(extract.pdf, "pages_to_ocr", spy)  # forked workers inherit the spy
    docs = tmp_path / "docs"
    docs.mkdir()
    pdf_stream_bomb(docs, 40 * MB)
    report = ingest([docs], tmp_path / "s.sqlite", workers=1, limits=Limits(max_unzipped=4 * MB))
    assert "max_unzipped" in report.failed[0][1]
    assert not marker.exists()
    pdf_pages(docs, 2)  # a good PDF still goes through the pre-pass
    ingest([docs], tmp_path / "s.sqlite", workers=1, limits=Limits(max_unzipped=4 * MB))
    assert marker.exists()
