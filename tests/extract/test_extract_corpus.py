"""Recall and precision on the evaluation sets: real documents of ../shared/corpus annotated by hand.

Each folder of ``evaluation/`` is one set (docs/extract-evaluation.md says what each samples):
copies of the corpus files, ``sources.csv`` (provenance) and ``gold.json``, written by reading the
documents before the extractor was run on them, following the conventions of
../shared/gold/seeds.json.  The shared scorer is run with thresholds a little under today's
figures, so a regression fails while a fix never does.
"""
from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest

from extract import extract_text

EVALUATION = Path(__file__).resolve().parent / "evaluation"

# (set, thresholds beyond THRESHOLDS)
SETS = [
    pytest.param("cross_section", {"--min-edges": "0.95"}, id="cross_section"),
    pytest.param("party_citing_plans", {"--min-edges": "0.90"}, id="party_citing_plans"),
    pytest.param("basis_lists_and_annexes", {"--min-date": "0.97", "--min-edges": "0.95"}, id="basis_lists_and_annexes"),
    pytest.param("state_plans_on_party_documents", {"--min-edges": "0.95"}, id="state_plans_on_party_documents"),
]
THRESHOLDS = {"--min-f1": "0.99", "--min-date": "0.98", "--min-impl": "0.95", "--min-self": "0.95",
              "--min-canon": "0.98"}


@pytest.mark.parametrize("name,extra", SETS)
def test_gold_is_well_formed(name, extra):
    folder = EVALUATION / name
    docs = json.loads((folder / "gold.json").read_text(encoding="utf-8"))["documents"]
    assert 10 <= len(docs) <= 25
    files = [p for p in folder.glob("vb_*.txt")]
    assert sorted(p.name for p in files) == sorted(docs), "the folder and its gold must list the same files"
    assert sum(p.stat().st_size for p in folder.iterdir()) <= 1_500_000
    with open(folder / "sources.csv", encoding="utf-8") as fh:
        assert {r["file"] for r in csv.DictReader(fh)} == set(docs)
    for doc, d in docs.items():
        syms = [c["symbol"] for c in d["citations"]]
        assert len(syms) == len(set(syms)), f"{doc}: one entry per cited document"
        assert d["self"]["symbol"] not in syms, f"{doc}: own symbol is not a citation"
        for s in d["implements"]:
            assert s in syms, f"{doc}: implements {s} must be a cited document"
        for e in d["edges"]:
            assert e["from"] in syms and e["to"] in syms, f"{doc}: edge {e} between cited documents"
        for c in d["citations"]:
            assert c["date"] is None or len(c["date"]) == 10


def test_sets_do_not_overlap():
    seen: dict[str, str] = {}
    for folder in sorted(p for p in EVALUATION.iterdir() if p.is_dir()):
        for f in folder.glob("vb_*.txt"):
            assert f.name not in seen, f"{f.name} is in {seen.get(f.name)} and {folder.name}"
            seen[f.name] = folder.name


@pytest.mark.parametrize("name,extra", SETS)
def test_evaluation_set_scores(name, extra, score):
    passed, summary, output = score(EVALUATION / name / "gold.json", EVALUATION / name, {**THRESHOLDS, **extra})
    assert passed, f"{name} below thresholds: {summary}\n{output}"


@pytest.mark.parametrize("path,own", [
    ("cross_section/vb_000335.txt", "432-TB/VPTW"),              # a Party notice with no citations
    ("party_citing_plans/vb_000356.txt", "980/KH-UBND"),         # own symbol repeated in annex headers
    ("party_citing_plans/vb_000249.txt", "72/2025/NQ-HĐND"),
    ("party_citing_plans/vb_000282.txt", "0204/KH-UBND"),
    ("party_citing_plans/vb_000542.txt", "105/NQ-CP"),
])
def test_site_chrome_and_own_symbol_are_not_cited(path, own):
    """Whole thuvienphapluat pages (metadata block, title after the body, related documents, the
    footer's 'Nghị định 13/2023/NĐ-CP') and the own symbol stay out of the citations."""
    syms = [c.symbol for c in extract_text((EVALUATION / path).read_text(encoding="utf-8")).citations]
    assert "13/2023/NĐ-CP" not in syms
    assert own not in syms
