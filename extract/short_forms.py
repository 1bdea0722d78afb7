"""Short forms: "Đề án 04", "Kết luận số 114" standing for a full reference cited in the same text.

A short form is kept only when the document also cites the full reference with that type and
number (``04-ĐA/TU``); it then carries the full reference's symbol and key, with
``short_form=True`` and the repair ``short-form``.

>>> from extract.find import find_citations
>>> text = "Đề án số 04-ĐA/TU của Tỉnh ủy ... Triển khai Đề án 04 trong năm 2025."
>>> [(c.text, c.symbol) for c in short_forms(text, find_citations(text))]
[('Đề án 04', '04-ĐA/TU')]
"""
from __future__ import annotations

import re
from functools import lru_cache

from extract import patterns as P
from extract.models import Citation
from extract.spans import Spans
from extract.symbols import codes_for_type_word


@lru_cache(maxsize=None)
def _short_form_re(word: str) -> re.Pattern[str]:
    """"Đề án 04", "Kết luận số 114": one type word, then a number that is not part of a symbol."""
    return re.compile("(?P<tw>" + re.escape(word).replace(r"\ ", r"\s+") + r")[ \t\xa0]+(?:số[ \t\xa0]+)?"
                      r"(?P<num>\d{1,5})(?![\d/\-–]|[ \t]*[-/–][ \t]*[A-ZĐ0-9]|[.,]\d)")


def _short_form_matches(text: str, words: frozenset[str], limit: int) -> list[re.Match[str]]:
    """What ``finditer`` of one alternation over ``words`` (longest first) would yield.

    One small pattern per type word (at most a few dozen, compiled once) scanned with its literal
    head is faster than the alternation, which would also be compiled anew for each document's
    own set of words."""
    order = sorted(words, key=len, reverse=True)
    found = sorted(((m.start(), rank, m) for rank, w in enumerate(order)
                    for m in _short_form_re(w).finditer(text, 0, limit)), key=lambda t: t[:2])
    out, free_from = [], 0
    for start, _rank, m in found:
        if start >= free_from:  # leftmost first, then the longest word; no overlaps
            out.append(m)
            free_from = m.end()
    return out


@lru_cache(maxsize=1)
def _type_words_by_code() -> dict[str, tuple[str, ...]]:
    """Type code -> the type words that may carry it (``"CTr"`` -> ``("chương trình", ...)``)."""
    out: dict[str, list[str]] = {}
    for w in P.TYPE_WORDS:
        for code in codes_for_type_word(w) or ():
            out.setdefault(code, []).append(w.lower())
    return {k: tuple(v) for k, v in out.items()}


@lru_cache(maxsize=1)
def _type_words_by_lower() -> dict[str, tuple[str, ...]]:
    """Lower-cased type word -> its spellings in ``P.TYPE_WORDS``."""
    out: dict[str, list[str]] = {}
    for w in P.TYPE_WORDS:
        out.setdefault(w.lower(), []).append(w)
    return {k: tuple(v) for k, v in out.items()}



def short_forms(text: str, cits: list[Citation]) -> list[Citation]:
    """"Đề án 04" -> the full reference 04-ĐA/TU of the same document, when one is cited."""
    limit = len(text)
    taken = Spans([(c.start, c.end) for c in cits])
    words_by_code = _type_words_by_code()
    by_type_num: dict[tuple[str, str], Citation] = {}
    for c in cits:
        if c.type_code and not c.short_form:
            for w in words_by_code.get(c.type_code, ()):
                by_type_num.setdefault((w, c.number.lstrip("0") or "0"), c)
    out = []
    if not by_type_num:
        return out
    spellings = _type_words_by_lower()
    words = frozenset(w for lw in {lw for lw, _ in by_type_num} for w in spellings.get(lw, ()))
    for m in _short_form_matches(text, words, limit):
        tw = " ".join(m.group("tw").split()).lower()
        full = by_type_num.get((tw, m.group("num").lstrip("0") or "0"))
        if full is None or taken.overlaps(m.start(), m.end()):
            continue
        out.append(full._replace(start=m.start(), end=m.end(), text=m.group(0), original=m.group(0),
                                 symbol_start=m.start("num"), symbol_end=m.end("num"), date=None, issuer=None,
                                 subject=None, short_form=True, relation="cites", repairs=("short-form",)))
    return out

