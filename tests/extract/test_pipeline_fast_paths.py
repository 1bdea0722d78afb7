"""The pipeline's fast paths agree with their straightforward definitions.

* ``_assign_status`` looks for status cues only near a "<Type> này" (``_find_phrases`` with
  windows); the reference checks every cue of the whole text.
* ``_finditer_each`` scans once for the patterns sharing a literal prefix; the reference is one
  ``finditer`` per pattern.

Texts are generated from the pieces the fast paths care about, with long fillers so that the
600-character windows both merge and stay apart.
"""
from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from extract import patterns as P
from extract import pipeline as PL
from extract.find import find_citations
from extract.tables import relation_cues


def _status_reference(text, cits, limit, title_zone):
    """``_assign_status`` as first written: every cue in the text, no "<Type> này" prefilter."""
    rel_of: dict[int, str] = {}
    status = relation_cues()["status"]
    rel_by_cue = {p: rel for rel, ps in status.items() for p in ps}
    starts = [c.start for c in cits]
    phrases = sorted({p for rel, ps in status.items() if rel != "guides" for p in ps}, key=len, reverse=True)
    for cue_start, cue_end, phrase in PL._find_phrases(text, phrases, limit):
        s, e = PL._sentence_bounds(text, cue_start, limit)
        if not PL._mentions_itself(text, s, e):
            continue
        if rel_by_cue[phrase] == "expires":
            for k in PL._in_range(starts, s, cue_start):
                rel_of.setdefault(k, "replaces")
        else:
            for k in PL._in_range(starts, cue_end, e):
                rel_of.setdefault(k, rel_by_cue[phrase])
    zone = text[:title_zone].lower()
    for rel, phrases in (("amends", status["amends"]), ("guides", status["guides"])):
        for p in phrases:
            for at in PL._find_all(zone, p, len(zone), overlapping=False):
                end = at + len(p)
                if "căn cứ" in zone[max(0, at - 200):at].split("\n")[-1]:
                    continue
                for k in PL._in_range(starts, end, end + 251):
                    if PL._STATUS_OBJECT_GAP_RE.match(PL._gap(text[end:cits[k].start])):
                        rel_of.setdefault(k, rel)
                    break
    return rel_of


_CUES = sorted({p for ps in relation_cues()["status"].values() for p in ps})
_STATUS_PIECES = st.one_of(
    st.sampled_from(_CUES + [c.capitalize() for c in _CUES] + [
        " này", "Quyết định", "Thông tư", "văn bản", "Nghị định số 15/2018/NĐ-CP", "Quyết định số 12/QĐ-UBND",
        "Kế hoạch số 5-KH/TU", " ", "  ", "\n", ". ", ".\n", ";", ",", "kể từ ngày", "có hiệu lực", "căn cứ",
        "một số điều của", "thi hành", " Quyết định này", " Thông tư này"]),
    st.integers(1, 700).map(lambda n: " " + "x" * n + " "))  # fillers: cue and "<Type> này" far apart


# one sentence of a status cue, a citation and "<Type> này", in any order, spread apart
_STATUS_SENTENCE = st.permutations([
    " bãi bỏ ", " hết hiệu lực ", " Quyết định số 12/QĐ-UBND ", " Quyết định này ", "x" * 150, "y" * 250,
    "z" * 400]).map("".join)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.one_of(_STATUS_PIECES, _STATUS_SENTENCE), max_size=40), st.integers(0, 3000))
def test_status_windows_match_every_cue(pieces, title_zone):
    text = "".join(pieces)
    cits = find_citations(text)
    rel_of: dict[int, str] = {}
    PL._assign_status(text, cits, len(text), title_zone, rel_of)
    assert rel_of == _status_reference(text, cits, len(text), title_zone)


def test_status_cue_far_from_self_mention():
    near = "Quyết định này thay thế Quyết định số 12/QĐ-UBND."
    apart = "Thay thế Quyết định số 13/QĐ-UBND " + "x" * 500 + " kể từ ngày Quyết định này có hiệu lực."
    far = "Thay thế Quyết định số 13/QĐ-UBND. " + "x" * 700 + " Quyết định này có hiệu lực."
    for text in (near, apart, far, far + " " + near):
        cits = find_citations(text)
        rel_of: dict[int, str] = {}
        PL._assign_status(text, cits, len(text), 0, rel_of)
        assert rel_of == _status_reference(text, cits, len(text), 0)
    rel_of = {}
    PL._assign_status(near, find_citations(near), len(near), 0, rel_of)
    assert rel_of == {0: "replaces"}


@given(st.lists(st.integers(0, 5000), max_size=30), st.integers(0, 700))
def test_windows_are_the_union(points, radius):
    points.sort()
    wins = PL._windows(points, radius)
    covered = {x for p in points for x in range(p - radius, p + radius + 1)}
    assert {x for lo, hi in wins for x in range(lo, hi + 1)} == covered
    assert all(a[1] + 1 < b[0] for a, b in zip(wins, wins[1:]))  # disjoint, ascending


@given(st.text("ab c", max_size=60), st.integers(0, 60))
def test_find_phrases_windows_filter(text, limit):
    phrases = ["ab", "ab c", "b c", "c"]
    every = PL._find_phrases(text, phrases, limit)
    for wins in ([(0, 5)], [(-3, 2), (10, 20)], [(4, 4), (30, 70)]):
        assert PL._find_phrases(text, phrases, limit, wins) == \
            [h for h in every if any(lo <= h[0] <= hi for lo, hi in wins)]


def _spans(matches):
    return [(m.start(), m.end(), m.group(0)) for m in matches]


_TOY = [re.compile(p) for p in ("ab+", "abc", "a(?:b|c)", "(?P<g>ba)c*", "c", "(?i:ab)c", "b|c")]


def test_literal_prefix():
    assert [PL._literal_prefix(rx) for rx in _TOY] == ["a", "abc", "a", "ba", "c", "", ""]
    assert PL._literal_prefix(re.compile("Luật", re.IGNORECASE)) == ""
    for rx in PL._NAMED_PATTERNS:
        assert PL._literal_prefix(rx), rx.pattern  # else the shared scan does not apply


@given(st.text("abc ", max_size=80), st.integers(0, 80))
def test_finditer_each_toy(text, limit):
    got = PL._finditer_each(text, _TOY, limit)
    assert [_spans(ms) for ms in got] == [_spans(rx.finditer(text, 0, limit)) for rx in _TOY]


_NAMED_PIECES = st.sampled_from([
    "Nghị quyết ", "Đại hội", "đại hội", " lần thứ ", "XIII", " của Đảng", "Hội nghị ", "Trung ương ", "4",
    " (khóa XII)", "Luật", "Bộ luật", " Đất đai", " số", " và ", "Hiến pháp", " năm 2013", "Pháp lệnh",
    "Chương trình tổng thể", " 2021-2025", " ", "\n", ";", ".", ",", "Tổ chức"])


@settings(max_examples=300, deadline=None)
@given(st.lists(_NAMED_PIECES, max_size=30))
def test_finditer_each_named(pieces):
    text = "".join(pieces)
    got = PL._finditer_each(text, PL._NAMED_PATTERNS, len(text))
    assert [_spans(ms) for ms in got] == [_spans(rx.finditer(text)) for _t, rx in P.NAMED_REFERENCE_PATTERNS]


def _chrome_reference(text: str) -> int:
    """``find_chrome_start`` as first written: one scan per marker."""
    best = len(text)
    for marker in P.CHROME_MARKERS:
        i = text.find(marker, min(len(text), 1500), best)
        if i >= 0:
            m = P.CHROME_START_RE.match(text, text.rfind("\n", 0, i) + 1)
            if m:
                best = m.start()
    return best


_CHROME_PIECES = st.one_of(
    st.sampled_from(list(P.CHROME_MARKERS) + [
        "liên quan", " liên quan", "các cơ quan liên quan", "Tin", "Văn bản", "\n", "\n## ", "**", " ", "x"]),
    st.integers(1, 1600).map(lambda n: "y" * n))


# a page tail: lines opening with a marker, some in the middle of a line, around offset 1500
_CHROME_LINES = st.tuples(
    st.integers(1480, 1510).map(lambda n: "y" * n),
    st.lists(st.tuples(st.sampled_from(["", "## ", "x ", "**"]), st.sampled_from(list(P.CHROME_MARKERS) + ["z"]))
             .map("".join), max_size=8).map("\n".join)).map("".join)


@settings(max_examples=400, deadline=None)
@given(st.one_of(st.lists(_CHROME_PIECES, max_size=30).map("".join), _CHROME_LINES))
def test_chrome_start_one_scan_per_shared_ending(text):
    assert PL.find_chrome_start(text) == _chrome_reference(text)


def test_chrome_marker_tails():
    tails = PL._chrome_marker_tails()
    assert all(m.endswith(t) for m, t in tails.items())
    text = "x" * 1500 + "các đơn vị liên quan\nTin liên quan\nVăn bản liên quan"
    assert PL._first_with_tail(text, " liên quan", ["Tin liên quan", "Văn bản liên quan", "Bài viết liên quan"],
                               1500, len(text)) == {"Tin liên quan": 1521, "Văn bản liên quan": 1535,
                                                    "Bài viết liên quan": -1}
    assert PL.find_chrome_start(text) == _chrome_reference(text) == 1521


_BETWEEN = sorted({p for ps in relation_cues()["between"].values() for p in ps})
_GAP_PIECES = st.sampled_from(
    _BETWEEN + [p.upper() for p in _BETWEEN] + [p.capitalize() for p in _BETWEEN] + list(P.TYPE_WORDS[:12]) + [
        "về", "về việc", "ban hành", "Kế hoạch", "của Bộ Nội vụ", "và", "VÀ", ",", ";", ":", "-", "–", "*", "_",
        "\xa0", " ", "  ", "\n", "\u2003", "(nay là tỉnh Đồng Tháp)", "(", ")", "“", "x", "số", "12"])


@settings(max_examples=1000, deadline=None)
@given(st.lists(_GAP_PIECES, max_size=14).map(" ".join))
def test_gap_end_test_keeps_every_relation(raw):
    gap = PL._gap(raw)
    if PL._between_cues().get(gap) or PL._between_relation(gap):
        assert PL._ends_like_cue(raw), (raw, gap)
    else:
        assert PL._ends_like_cue(raw) == gap.endswith(PL._between_endings())


def _edges_reference(text, cits):
    """``_edges`` without the test on the gap's end."""
    saved = PL._ends_like_cue
    PL._ends_like_cue = lambda raw: True
    try:
        return PL._edges(text, cits)
    finally:
        PL._ends_like_cue = saved


_EDGE_PIECES = st.one_of(_GAP_PIECES, st.sampled_from([
    "Quyết định số 12/QĐ-UBND", "Kế hoạch số 5-KH/TU", "Nghị quyết số 18-NQ/TW", "Chỉ thị 16/CT-TTg",
    "của Ban chỉ đạo", "của Ban Thường vụ Tỉnh ủy", "ngày 14/7/2015"]))


@settings(max_examples=300, deadline=None)
@given(st.lists(_EDGE_PIECES, max_size=30).map(" ".join))
def test_edges_with_gap_end_test(text):
    cits = find_citations(text)
    assert PL._edges(text, cits) == _edges_reference(text, cits)


def test_with_relation_is_replace():
    for c in find_citations("Căn cứ Nghị định số 15/2018/NĐ-CP ngày 2/2/2018 của Chính phủ; Kế hoạch 5-KH/TU."):
        assert PL._with_relation(c, "based_on", "Bộ X", "k") == c._replace(relation="based_on", issuer="Bộ X", key="k")
