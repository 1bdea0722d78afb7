"""The fast searches of extract.header and extract.jurisdiction give exactly what the plain
searches they replace give (the plain forms are written out here as the reference).

Checked on the bundled documents, on edge cases, and on seeded random "token soup" that piles up
line breaks, markup, bars, commas, "ngày", "Số", prefixes and cues in every order.
"""
from __future__ import annotations

import random
import re
import unicodedata
from collections import Counter
from pathlib import Path

import pytest

from extract import header as H
from extract import jurisdiction as J
from extract import patterns as P

ROOT = Path(__file__).resolve().parents[2]
DOCS = sorted(p for d in ("data/corpus", "data/seeds", "tests/extract/corpus_docs", "tests/extract/corpus_docs2",
                          "tests/extract/corpus_docs3", "tests/extract/corpus_docs4")
              for p in (ROOT / d).glob("*") if p.suffix in (".txt", ".md"))

TOKENS = ["\n", "\n", "\n", " ", "  ", "|", "*", "**", "_", "-", "---", "===", "=", "#", ">", "\t", "\xa0", ",", ", ",
          ";", ":", ".", "Số", "SỐ", "số", "Số:", "hiệu", "ngày", "Ngày", "NGÀY", "tháng", "năm", "2021", "06", "Hà Nội",
          "Khánh Hòa", "HỒNG LĨNH", "Hồng Lĩnh", "tỉnh", "Tỉnh", "TỈNH", "thành phố", "Thành\xa0phố", "THÀNH PHỐ", "Tp.",
          "TP.", "tp.", "tP.", "ủy", "Ủy", "uy", "UBND", "xây dựng", "ban hành", "đề ra", "kế hoạch", "Kế hoạch",
          "Ủy ban nhân dân", "TM.", "KT.", "T/M", "TUQ.", "Q.", "CHỦ TỊCH", "PHÓ", "Nguyễn Văn An", "KẾ HOẠCH",
          "QUYẾT ĐỊNH", "NGHỊ QUYẾT", "139-KH/TU", "/KH-UBND", "a", "x", "1", "Đ", "đ", "–", "İ", "ı", "ſ", "K", "\r",
          "\u2028", "`", "\\", "Phú Yên", "Đắk Lắk", "huyện", "quận", "thị xã", "Chính phủ", "CHÍNH PHỦ", "ỉnh", "chỉ",
          "phố", "PHỐ", "CỘNG HÒA", "Thực hiện", "TỈNH ỦY PHÚ YÊN", "ĐẢNG BỘ"]
EDGES = [
    "", "\n", "Số", "\nSố: 5", "---Số: 5", "x---Số", "|Số", "x|\n\nSố: 1", "\n\n**Số: 12-KH/TU",
    "Hà Nội, ngày 1 tháng 2 năm 2024", "|\n*Hà Nội, ngày 02\ntháng 12 năm 2025", "> \n> Hà Nội, ngày 1 tháng 2 năm 2024",
    "a\n\n\nKhánh Hòa, ngày 06 tháng 7 năm 2021", "Hà Nội,\nngày 1 tháng 2 năm 2024", "X, ngày 1, Y, ngày 2 tháng 3 năm 2020",
    "Tỉnh ủy xây dựng kế hoạch", "; \nỦy ban nhân dân xây dựng kế hoạch", "a. " + "B" * 150 + " xây dựng kế hoạch",
    "a. " + "B" * 140 + " xây dựng kế hoạch", "a. " + "B" * 141 + " xây dựng kế hoạch",  # the longest issuer
    "a:\t \n " + "B" * 141 + " \n  ban hành Kế hoạch", "a:" + "B" * 141 + "\n xây dựng kế hoạch",
    "TM. ỦY BAN\nCHỦ TỊCH\nNguyễn Văn An", "\n  TM.\n\n KT.", "TUQ.Q.", "tỉnh Phú Yên, thành phố Huế, Tp.HCM, TP. Hà Nội",
    "xtỉnh Phú Yên _tỉnh Khánh Hòa 1thành phố Huế", "KẾ HOẠCH\nabc", "\nKẾ HOẠCHX\n  NGHỊ QUYẾT số 5",
]


def soup(rnd: random.Random) -> str:
    return "".join(rnd.choice(TOKENS) for _ in range(rnd.randint(1, 120)))


def texts() -> list[str]:
    rnd = random.Random(20240611)
    out = list(EDGES) + [soup(rnd) for _ in range(400)]
    for p in DOCS:
        t = p.read_text(encoding="utf-8", errors="replace")
        out += [t, t[rnd.randrange(len(t) or 1):][:3000]]
    return out


TEXTS = texts()


def spans(matches) -> list:
    return [(m.span(), m.groups()) for m in matches]


def test_enough_material():
    assert len(DOCS) > 50


@pytest.mark.parametrize("pattern,locator", [
    (P.OWN_NUMBER_RE, H._OWN_NUMBER_AT), (P.SIGNATURE_CUE_RE, H._SIGNATURE_CUE_AT),
    (H._TYPE_HEADING_RE, H._TYPE_HEADING_AT),
], ids=["own-number", "signature", "type-heading"])
def test_finditer_at_is_finditer(pattern, locator):
    assert locator is not None  # the fast path is on for the current patterns
    rnd = random.Random(7)
    for t in TEXTS:
        for pos, endpos in ((0, None), (rnd.randint(0, len(t)), None), (0, rnd.randint(0, len(t)))):
            plain = pattern.finditer(t, pos, len(t) if endpos is None else endpos)
            assert spans(H._finditer_at(pattern, locator, t, pos, endpos)) == spans(plain), (t[:200], pos, endpos)


def test_place_date_is_search():
    assert H._PLACE_DATE_ANCHOR is not None
    for t in TEXTS:
        assert spans([H._place_date(t)] if H._place_date(t) else []) == spans(
            [P.PLACE_DATE_RE.search(t)] if P.PLACE_DATE_RE.search(t) else []), t[:200]


def test_own_issuer_is_search():
    for t in TEXTS:
        fast, plain = H._own_issuer_match(t), H._OWN_ISSUER_RE.search(t)
        assert (fast and (fast.span(), fast.groups())) == (plain and (plain.span(), plain.groups())), t[:200]


# --- jurisdiction: the plain forms -------------------------------------------------------------

def prefix_ends_plain(text: str):
    for tail, heads in (("ỉnh", ("t", "T")), ("ỈNH", ("T",)),
                        ("phố", ("thành ", "Thành ", "THÀNH ", "thành\xa0", "Thành\xa0")), ("PHỐ", ("THÀNH ",)),
                        ("p.", ("T", "t")), ("P.", ("T", "t"))):
        i = text.find(tail)
        while i >= 0:
            for head in heads:
                start = i - len(head)
                if start >= 0 and text.startswith(head, start) and not (start and text[start - 1].isalnum()):
                    yield start, i + len(tail)
                    break
            i = text.find(tail, i + 1)


def header_region_plain(text: str):
    flat = lambda s: J._space(re.sub(r"[*|#_>`\\]+", " ", s))  # noqa: E731
    head = flat(text[:6000])
    for m in J._DATE_COMMA.finditer(head):
        place = J._place_from_chunk(J._CHUNK_STOP.split(head[max(0, m.start() - 80): m.start()])[-1])
        if place:
            return head[: m.end()], place
    return flat(text[:1500]), None


def mentions_plain(text: str) -> list:
    provinces, anchored = J._tables()[0], J._patterns()["anchored"]
    out: Counter[str] = Counter()
    for _start, end in prefix_ends_plain(text):
        window = J._space(J.strip_diacritics(text[end: end + 45]).lower())
        hit = anchored.match(window, J._UY.match(window).end())
        if hit:
            out[provinces[J._space(hit.group(1))]] += 1
    return list(out.items())  # insertion order breaks ties


def test_prefix_ends_and_mentions():
    for t in TEXTS:
        assert J._prefix_ends(t) == list(prefix_ends_plain(t)), t[:200]
        assert list(J._mentions(t).items()) == mentions_plain(t), t[:200]


def test_header_region():
    for t in TEXTS:
        assert J._header_region(t) == header_region_plain(t), t[:200]


def test_word_start_patterns():
    provinces, districts = J._tables()
    prov, dist = J._alt([p for p in provinces if len(p) > 3]), J._alt(districts)
    plain = {
        "province": re.compile(rf"\b(?:tinh\s+uy|thanh\s+uy|tinh|thanh\s+pho|tp\.?)\s*({prov})\b"),
        "district": re.compile(rf"\b(?:thi\s+xa|huyen|quan|thanh\s+pho|tp\.?|thi\s+uy|huyen\s+uy|"
                               rf"quan\s+uy|thanh\s+uy)\s*({dist})\b"),
    }
    for t in TEXTS:
        folded = J.strip_diacritics(t).lower()
        for name, pattern in plain.items():
            assert spans(J._patterns()[name].finditer(folded)) == spans(pattern.finditer(folded)), folded[:200]


def test_class_equivalences():
    """The look-behinds use [^\\W_] for str.isalnum and \\s for str.isspace."""
    for cp in list(range(0x3000)) + [0x1680, 0x2028, 0x3000, 0xFEFF, 0x1D7CE]:
        c = chr(cp)
        assert bool(re.match(r"[^\W_]", c)) == c.isalnum()
        assert bool(re.match(r"\s", c)) == c.isspace()
    assert unicodedata.normalize("NFD", "ỉ") != "ỉ"  # the fold really decomposes
