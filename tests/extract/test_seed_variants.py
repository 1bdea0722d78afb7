"""The seed plans re-typeset and damaged in ways real copies are, scored against the same gold.

Each variant keeps the words and changes only what offices, PDF converters and web captures change:
line layout, date spelling, and symbol damage (line break after a hyphen, stray space after "/",
lost Đ, lost hyphen, upper-case TTG).  Citations, dates, what the plan implements and the edges
must come out exactly as from the original.
"""
from __future__ import annotations

import json
import random
import re
import textwrap

import pytest

from extract import extract_text
from extract import patterns as P
from extract.keys import fold_symbol

def _collapse_blank_lines(t: str) -> str:
    return re.sub(r"\n\s*\n", "\n", t)


def _rewrap_70(t: str) -> str:
    paras = [" ".join(p.split()) for p in re.split(r"\n\s*\n", t)]
    return "\n\n".join("\n".join(textwrap.wrap(p, 70)) for p in paras)


def _one_line_per_paragraph(t: str) -> str:
    return "\n".join(" ".join(p.split()) for p in re.split(r"\n\s*\n", t))


def _dates_in_words(t: str) -> str:
    return re.sub(r"(?<!\d)(\d{1,2})/(\d{1,2})/((?:19|20)\d\d)", r"\1 tháng \2 năm \3", t)


def _dates_with_hyphens(t: str) -> str:
    return re.sub(r"(?<!\d)(\d{1,2})/(\d{1,2})/((?:19|20)\d\d)", r"\1-\2-\3", t)


def _damaged_symbols(t: str) -> str:
    rnd = random.Random(7)
    out, last = [], 0
    for m in P.SYMBOL_RE.finditer(t):
        sym, r = m.group(0), rnd.random()
        if r < 0.2 and "-" in sym:
            sym = sym.replace("-", "-\n", 1)
        elif r < 0.4 and "/" in sym:
            sym = sym.replace("/", "/ ", 1)
        elif r < 0.55:
            sym = sym.replace("QĐ", "QD").replace("ĐA", "DA")
        elif r < 0.7 and re.match(r"\d+-", sym):
            sym = sym.replace("-", "", 1)
        elif r < 0.8:
            sym = sym.replace("TTg", "TTG")
        out += [t[last:m.start()], sym]
        last = m.end()
    return "".join(out + [t[last:]])


VARIANTS = [_collapse_blank_lines, _rewrap_70, _one_line_per_paragraph, _dates_in_words, _dates_with_hyphens,
            _damaged_symbols]


@pytest.mark.parametrize("variant", VARIANTS, ids=[v.__name__.strip("_") for v in VARIANTS])
def test_seed_variants_score_like_the_originals(variant, shared, seeds_dir):
    golds = json.loads((shared / "gold" / "seeds.json").read_text(encoding="utf-8"))["documents"]
    for name, gold in golds.items():
        text = variant((seeds_dir / name).read_text(encoding="utf-8"))
        res = extract_text(text)
        got: dict[str, str | None] = {}
        for c in res.citations:
            k = fold_symbol(c.symbol)
            if k not in got or (got[k] is None and c.date):
                got[k] = c.date
        want = {fold_symbol(c["symbol"]): c["date"] for c in gold["citations"]}
        assert set(got) == set(want), f"{name}: missed {set(want) - set(got)}, extra {set(got) - set(want)}"
        assert {k: got[k] for k, d in want.items() if d} == {k: d for k, d in want.items() if d}, name
        implements = {fold_symbol(c.symbol) for c in res.citations if c.relation == "implements"}
        assert implements == {fold_symbol(s) for s in gold["implements"]}, name
        edges = {(fold_symbol(e.source), fold_symbol(e.target)) for e in res.edges if e.rel == "implements"}
        assert {(fold_symbol(e["from"]), fold_symbol(e["to"])) for e in gold["edges"]} <= edges, name
