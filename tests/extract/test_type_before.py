"""The type word written before a number: which type it gives, and where the reference starts.

A table of cases through ``find_citations``: (text, type, type word as written before the number or
None, where the citation's text starts).
"""
from __future__ import annotations

import pytest

from extract import find_citations

CASES = [
    ("Kết luận số 114-KL/TW", "Kết luận", "Kết luận", 0),                            # word + "số"
    ("Chương trình hành động số 26-CTr/TU", "Chương trình hành động", "Chương trình hành động", 0),  # longest word
    ("theo Chương trình  hành động số: 5-CTr/TU", "Chương trình hành động", "Chương trình hành động", 5),  # spaces, "số:"
    ("(Kèm theo Thông tư số      \n86/2024/TT-BTC", "Thông tư", "Thông tư", 10),     # number on the next line
    ("Bộ luật số 45/2019/QH14", "Bộ luật", "Bộ luật", 0),                            # "Bộ luật", not "luật"
    ("Chỉ thị 16/CT-TTg", "Chỉ thị", "Chỉ thị", 0),                                  # no "số"
    ("QUYẾT ĐỊNH SỐ 06/QĐ-TTG", "Quyết định", "Quyết định", 0),                       # upper case, canonical spelling
    ("**Nghị quyết** số 55/2022/QH15", "Nghị quyết", "Nghị quyết", 2),               # markup around the word
    ("Luật Doanh nghiệp số 59/2020/QH14", "Luật", None, 0),                           # a named law before "số"
    ("trong đó 12/CT-TTg", "Chỉ thị", None, 9),                                      # type from the code only
    ("12/CT-TTg", "Chỉ thị", None, 0),                                               # start of text
]


@pytest.mark.parametrize("text,type_,word,start", CASES, ids=[c[0][:30] for c in CASES])
def test_type_word_before_the_number(text, type_, word, start):
    (c,) = find_citations(text)
    assert (c.type, c.type_word, c.start) == (type_, word, start)
