"""A judged sample of validity facts from corpus files the dev gold does not use (validity_sample.json),
scored through ingest and the status records as ``citegraph status --format json`` prints them.

Facts: whole-document endings with the acting document and the effective date; non-facts: partial
changes, phrases, a Tờ trình in a preamble, amendment histories and inverted directions that must
not become ending (or, for ``naive_change: amended``, amended) facts.
"""
from __future__ import annotations

import json
import re
import unicodedata
from pathlib import Path

import pytest

from graph import audit as A
from graph.ingest import ingest

SAMPLE = json.loads((Path(__file__).parent / "validity_sample.json").read_text(encoding="utf-8"))
ENDING = {"replaced", "repealed", "expired"}


def fold(s):
    """Symbols and provinces compare without marks, case, spaces or separators ("Đ" is "D")."""
    s = unicodedata.normalize("NFD", (s or "").replace("Đ", "D").replace("đ", "d"))
    return re.sub(r"[\W_]+", "", "".join(c for c in s if unicodedata.category(c) != "Mn")).upper().lstrip("0")


@pytest.fixture(scope="module")
def records(corpus_dir, tmp_path_factory):
    files = sorted({x["file"] for x in SAMPLE["facts"] + SAMPLE["non_facts"]})
    store = tmp_path_factory.mktemp("sample") / "s.db"
    report = ingest([corpus_dir / f for f in files], store, workers=1)
    assert not report.failed
    return A.status_records(A.load_status(A.load_facts(store), bundled=False))


def _file(r):
    return Path(r.get("file") or "").name


def _found(g, records):
    return [r for r in records if _file(r) == g["file"] and fold(r["symbol"]) == fold(g["symbol"])
            and r["change"] in ENDING and r["scope"] == "whole" and fold(r["by"]) == fold(g["by"])
            and (not g.get("province") or fold(r["province"]) == fold(g["province"]))]


@pytest.mark.parametrize("g", SAMPLE["facts"], ids=[f"{x['file']}:{x['symbol']}" for x in SAMPLE["facts"]])
def test_a_judged_fact_is_found_with_its_effective_date(g, records):
    found = _found(g, records)
    assert found, f"{g['symbol']} {g['change']} by {g['by']} not stated for {g['file']}"
    assert g["effective"] in {r["effective"] for r in found}


@pytest.mark.parametrize("g", SAMPLE["non_facts"], ids=[f"{x['file']}:{x['symbol']}" for x in SAMPLE["non_facts"]])
def test_a_judged_non_fact_is_not_asserted(g, records):
    kinds = {"amended"} if g["naive_change"] == "amended" else ENDING
    asserted = [r for r in records if _file(r) == g["file"] and fold(r["symbol"]) == fold(g["symbol"])
                and r["change"] in kinds and (r["change"] == "amended" or r["scope"] == "whole")
                and (g["by"] is None or fold(r["by"]) == fold(g["by"]))]
    assert not asserted, asserted[0]["evidence"][:200]
