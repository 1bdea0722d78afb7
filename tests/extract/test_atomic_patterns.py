"""Atomic groups (``patterns.atomic``) only make the engine stop backtracking sooner: the symbol
pattern finds exactly what the same pattern with plain groups finds, on the bundled documents and on
seeded random "symbol soup" (digits, dots, separators, spaces, line breaks, codes, ``&``, letters)."""
from __future__ import annotations

import random
import re
import sys
from pathlib import Path

import pytest

from extract import patterns as P

ROOT = Path(__file__).resolve().parents[2]
DOCS = sorted(p for d in ("data/corpus", "data/seeds", "tests/extract/corpus_docs", "tests/extract/corpus_docs2")
              for p in (ROOT / d).glob("*") if p.suffix in (".txt", ".md"))
PIECES = ["1", "12", "114", "2015", "66.13", "1.2.3", ".", "-", "/", "–", " ", "  ", "\n", "\n \n", "\t", "\xa0",
          "KL", "TW", "QH", "QH 15", "15", "NĐ", "CP", "UBND", "TTg", "&", "ư", "a", "x", "số", "nb", "MT", ","]


def _plain(rx: re.Pattern[str]) -> re.Pattern[str]:
    return re.compile(rx.pattern.replace("(?>", "(?:"), rx.flags)


def _found(rx: re.Pattern[str], text: str) -> list[tuple]:
    return [(m.span(), m.group("num", "first", "codes", "suffix")) for m in rx.finditer(text)]


def test_atomic_is_really_used():
    if sys.version_info >= (3, 11):
        assert "(?>" in P.SYMBOL_RE.pattern


@pytest.mark.parametrize("path", DOCS, ids=lambda p: p.name)
def test_same_symbols_on_documents(path):
    text = path.read_text(encoding="utf-8")
    assert _found(P.SYMBOL_RE, text) == _found(_plain(P.SYMBOL_RE), text)


def test_same_symbols_on_random_soup():
    rng = random.Random(20261125)
    plain = _plain(P.SYMBOL_RE)
    for _ in range(4000):
        text = "".join(rng.choice(PIECES) for _ in range(rng.randint(1, 14)))
        assert _found(P.SYMBOL_RE, text) == _found(plain, text), repr(text)
