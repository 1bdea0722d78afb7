"""The backwards type-word match (``_type_before``) agrees with the plain forward pattern.

``_type_before`` reads the 40 characters before a number backwards (one anchored match) for speed;
the reference below is the obvious forward regex anchored at the number.  They must agree on the
type word and where it starts, on hand-picked phrases and on generated ones.
"""
from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from extract import patterns as P
from extract.find import _canonical_type_word, _type_before

_FORWARD_RE = re.compile(
    r"(?P<tw>" + "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in P.TYPE_WORDS) + r")"
    r"[\s*_]{0,4}(?:(?:số|Số|SỐ)[\s*_]{0,3}:?[\s*_]{0,3})?$", re.IGNORECASE)


def _forward(text: str, start: int) -> tuple[int, str] | None:
    near = max(0, start - 40)
    window = text[near:start]
    for i in range(len(window)):  # earliest start wins (= the longest type word)
        m = _FORWARD_RE.match(window, i)
        if m:
            return near + i, _canonical_type_word(m.group("tw"))
    return None


CASES = [
    ("Kết luận số 114-KL/TW", "Kết luận", 0),
    ("Chương trình hành động số 26-CTr/TU", "Chương trình hành động", 0),
    ("theo Chương trình  hành động số: 5", "Chương trình hành động", 5),
    ("(Kèm theo Thông tư số      \n86/2024/TT-BTC", "Thông tư", 10),
    ("Bộ luật số 45/2019/QH14", "Bộ luật", 0),
    ("Chỉ thị 16/CT-TTg", "Chỉ thị", 0),
    ("QUYẾT ĐỊNH SỐ 06/QĐ-TTG", "Quyết định", 0),
    ("**Nghị quyết** số 55/2022/QH15", "Nghị quyết", 2),
]


def test_cases():
    for text, word, start in CASES:
        num = re.search(r"\d", text).start()
        assert _type_before(text, num)[:2] == (start, word), text
        assert _forward(text, num) == (start, word), text


def test_no_type_word_and_start_of_text():
    assert _type_before("12/CT-TTg", 0) == (0, None, False)
    assert _type_before("trong đó 12/CT-TTg", 9)[1] is None


_PIECES = st.sampled_from(P.TYPE_WORDS + [w.upper() for w in P.TYPE_WORDS[:8]] + [
    "số", "Số", "SỐ", ":", " ", "  ", "\n", "*", "_", "x", "và", "của", "Bộ", "lệnh", "án", "trình"])


@settings(max_examples=400, deadline=None)
@given(st.lists(_PIECES, max_size=8))
def test_agrees_with_the_forward_pattern(pieces):
    text = "".join(pieces) + "12/KH-UBND"
    num = len(text) - len("12/KH-UBND")
    got = _type_before(text, num)
    want = _forward(text, num)
    if want is None:
        assert not got[2]  # no adjacent type word (the "số"/named-law fallbacks may still answer)
    else:
        assert got[:2] == want and got[2]


@settings(max_examples=400, deadline=None)
@given(st.lists(_PIECES, max_size=6), st.sampled_from(["", " ", "\n", "  \t"]))
def test_self_word_before_agrees_with_normalised_endswith(pieces, gap):
    """"<Type> này": the backwards match equals "the 30 characters before, spaces collapsed and
    lower-cased, end with a type word or 'văn bản'"."""
    from extract.pipeline import _SELF_WORDS, _self_word_before

    text = "".join(pieces) + gap + " này"
    i = len(text) - len(" này")
    s = max(0, i - 30)
    assert _self_word_before(text, s, i) == " ".join(text[s:i].split()).lower().endswith(_SELF_WORDS)
