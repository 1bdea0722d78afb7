"""Recall/precision on two samples of hand-annotated corpus documents.

* ``corpus_gold.json`` / ``corpus_docs/``: 21 documents (docs/extract-evaluation.md);
* ``corpus_gold2.json`` / ``corpus_docs2/``: 17 more, chosen to look like the hold-out
  (provincial plans and directives with long 'Căn cứ' / 'Thực hiện' openings citing Party
  documents, Government resolutions implementing Party documents in Công báo PDF text), with no
  file in common with the first (docs/extract-evaluation-2.md).

Each gold was written by reading the documents (copies of ../shared/corpus files, provenance in
``sources.csv``) before the extractor was run on them, following the conventions of
../shared/gold/seeds.json.  The shared scorer is run with thresholds a little under today's
figures, so a regression fails while a fix never does.
"""
from __future__ import annotations

import csv
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

HERE = Path(__file__).resolve().parent
SCORER = (HERE.parents[1] / ".." / "shared" / "tools" / "score_extract.py").resolve()

# (gold, documents, thresholds); today all four score F1 ≥ 0.997, dates ≥ 0.98, implements 1.00,
# self 1.00, edges ≥ 0.95, canon 1.00
SAMPLES = [
    pytest.param("corpus_gold.json", "corpus_docs", {"--min-edges": "0.95"}, id="sample1"),
    pytest.param("corpus_gold2.json", "corpus_docs2", {"--min-edges": "0.90"}, id="sample2"),
    pytest.param("corpus_gold3.json", "corpus_docs3", {"--min-date": "0.97", "--min-edges": "0.95"}, id="sample3"),
    pytest.param("corpus_gold4.json", "corpus_docs4", {"--min-edges": "0.95"}, id="sample4"),
]
THRESHOLDS = {"--min-f1": "0.99", "--min-date": "0.98", "--min-impl": "0.95", "--min-self": "0.95",
              "--min-canon": "0.98"}


@pytest.mark.parametrize("gold_name,docs_name,extra", SAMPLES)
def test_gold_is_well_formed(gold_name, docs_name, extra):
    docs = json.loads((HERE / gold_name).read_text(encoding="utf-8"))["documents"]
    docs_dir = HERE / docs_name
    assert 10 <= len(docs) <= 25
    files = [p for p in docs_dir.glob("vb_*.txt")]
    assert sorted(p.name for p in files) == sorted(docs), "corpus_docs/ and the gold must list the same files"
    assert sum(p.stat().st_size for p in docs_dir.iterdir()) <= 1_500_000
    with open(docs_dir / "sources.csv", encoding="utf-8") as fh:
        assert {r["file"] for r in csv.DictReader(fh)} == set(docs)
    for name, d in docs.items():
        syms = [c["symbol"] for c in d["citations"]]
        assert len(syms) == len(set(syms)), f"{name}: one entry per cited document"
        assert d["self"]["symbol"] not in syms, f"{name}: own symbol is not a citation"
        for s in d["implements"]:
            assert s in syms, f"{name}: implements {s} must be a cited document"
        for e in d["edges"]:
            assert e["from"] in syms and e["to"] in syms, f"{name}: edge {e} between cited documents"
        for c in d["citations"]:
            assert c["date"] is None or len(c["date"]) == 10


def _citegraph() -> str:
    exe = shutil.which("citegraph") or str(Path(sys.executable).with_name("citegraph"))
    if not Path(exe).exists():
        pytest.fail("no 'citegraph' command: install the project first (pip install -e .)")
    return exe


@pytest.mark.parametrize("gold_name,docs_name,extra", SAMPLES)
def test_corpus_sample_scores(gold_name, docs_name, extra):
    if not SCORER.exists():
        reason = f"shared scorer not found: {SCORER}"
        if os.environ.get("CI", "").lower() in ("1", "true", "yes"):
            pytest.fail(reason)
        pytest.skip(reason)
    args = [sys.executable, str(SCORER), str(HERE / gold_name), str(HERE / docs_name), "--cli", _citegraph(),
            "--verbose"]
    for k, v in {**THRESHOLDS, **extra}.items():
        args += [k, v]
    r = subprocess.run(args, capture_output=True, text=True, timeout=600)
    summary = (r.stdout.strip().splitlines() or [""])[-1]
    assert r.returncode == 0, f"corpus sample below thresholds: {summary}\n{r.stdout}\n{r.stderr}"


@pytest.mark.parametrize("path,own", [
    ("corpus_docs/vb_000335.txt", "432-TB/VPTW"),     # a Party notice with no citations
    ("corpus_docs2/vb_000356.txt", "980/KH-UBND"),    # own symbol repeated in annex headers
    ("corpus_docs2/vb_000249.txt", "72/2025/NQ-HĐND"),
    ("corpus_docs2/vb_000282.txt", "0204/KH-UBND"),
    ("corpus_docs2/vb_000542.txt", "105/NQ-CP"),
])
def test_site_chrome_and_own_symbol_are_not_cited(path, own):
    """Whole thuvienphapluat pages (metadata block, title after the body, related documents, the
    footer's 'Nghị định 13/2023/NĐ-CP') and the own symbol stay out of the citations."""
    from extract import extract_text

    syms = [c.symbol for c in extract_text((HERE / path).read_text(encoding="utf-8")).citations]
    assert "13/2023/NĐ-CP" not in syms
    assert own not in syms
