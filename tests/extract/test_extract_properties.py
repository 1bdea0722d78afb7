"""Properties of the extractor, checked with hypothesis.

- extraction never raises on arbitrary text;
- offsets always slice back: ``text[c.start:c.end] == c.text`` and the symbol span lies inside;
- a citation is found whatever text surrounds it.
Linear time on adversarial input is measured in benchmarks/extract_speed.py, not asserted here.
Example counts are kept modest so the suite stays fast.
"""
from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from extract import extract_text, find_citations

# Pieces of real citations and of their damage, so random text often looks like a citation.
ATOMS = [
    "số ", "Số: ", "so ", "ngày ", " tháng ", " năm ", "của ", "Ban Bí thư", "Bộ Chính trị", "(khóa XI)",
    "Kết luận ", "Nghị quyết ", "Chỉ thị ", "Quyết định ", "Thực hiện ", "Căn cứ ", "Luật ", "Công văn ",
    "114", "0", "4", "25", "2015", "14/7/2015", "14-7-2015", "/", "-", "- ", "\n", "\n\n", " ", ".", ",", ";",
    "KL", "NQ", "CT", "QĐ", "QD", "QĐi", "CTr", "TW", "TU", "TTg", "TTG", "UBND", "NĐ-CP", "QH", "QH 15",
    "/TW", "-KL/TW", "/QĐ-UBND", "/2022/QH15", "CÔNG BÁO/Số 271/Ngày 12-05-2026", "|", "**", "*", "[1]",
    "Đ", "đ", "ơ", "\u0300", "\u0323", "\u00a0", "\t", "Т", "С",
]
citationish = st.lists(st.sampled_from(ATOMS), max_size=60).map("".join)
texts = st.one_of(st.text(max_size=400), citationish, st.tuples(st.text(max_size=80), citationish).map("".join))

SETTINGS = dict(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def _check_offsets(text, cites):
    for c in cites:
        assert 0 <= c.start <= c.end <= len(text)
        assert text[c.start:c.end] == c.text
        assert c.start <= c.symbol_start <= c.symbol_end <= c.end


@settings(**SETTINGS)
@given(texts)
def test_find_never_raises_and_offsets_slice_back(text):
    _check_offsets(text, find_citations(text))


@settings(**SETTINGS)
@given(texts)
def test_extract_never_raises_and_offsets_slice_back(text):
    res = extract_text(text)
    _check_offsets(text, res.citations)
    for n in res.named_references:
        assert text[n.start:n.end] == n.text
    res.to_dict()  # serialisable


@settings(max_examples=40, deadline=None)
@given(st.sampled_from(["Kết luận số 114-KL/TW, ngày 14/7/2015 của Ban Bí thư",
                        "Nghị quyết số 55/2022/QH 15, ngày\n\n16/6/2022 của Quốc hội",
                        "Đề án số 0\n\n4-ĐA/TU", "Quyết định số 436-QĐ-UBND ngày 11/6/2019 của UBND tỉnh"]),
       st.text(max_size=60), st.text(max_size=60))
def test_a_citation_survives_any_surrounding_text(core, before, after):
    """The core citation is still found, and its span still slices back, whatever surrounds it
    (as long as the surroundings do not glue letters or digits onto it)."""
    text = before + " \n" + core + " \n" + after
    cites = find_citations(text)
    _check_offsets(text, cites)
    lo, hi = len(before) + 2, len(before) + 2 + len(core)
    assert any(lo <= c.symbol_start < hi for c in cites), (text, cites)
