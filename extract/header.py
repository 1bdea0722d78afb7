"""The document's own identity: số hiệu, place and date line, type, trích yếu, issuer, signer.

Read from the header block ("Số: 139-KH/ĐBSLĐTBXH", "Khánh Hòa, ngày 06 tháng 7 năm 2021",
"KẾ HOẠCH ..."), from a web capture's metadata block ("Số hiệu: ... Ngày ban hành: ..."), from a
title line that is itself a full reference ("Nghị quyết số 06-NQ/TW, ngày 02/7/2021 của ..."),
and from the signature block.  Blank draft numbers (``Số: /KH-UBND``) and blank days
(``ngày  tháng 02 năm 2023``) give ``draft=True`` and a null date.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from extract import patterns as P
from extract.find import _canonical_type_word, iso_date
from extract.models import Citation
from extract.symbols import parse_symbol
from extract.tables import type_name

HEADER_WINDOW = 6000

_TYPE_HEADING_RE = re.compile(
    r"(?m)^[ \t#*_>|]*(?P<tw>" + "|".join(re.escape(w.upper()).replace(r"\ ", r"\s+") for w in P.TYPE_WORDS)
    + r")(?![A-ZĐÀ-Ỹa-zđà-ỹ])[ \t*_]*(?P<rest>[^\n]*)$"
)
_META_RE = {
    "symbol": re.compile(r"Số hiệu:?\**[\s|*]*([^\n|*]{2,40})"),
    "type": re.compile(r"Loại văn bản:?\**[\s|*]*([^\n|*]{2,40})"),
    "issuer": re.compile(r"Nơi ban hành:?\**[\s|*]*([^\n|*]{2,80})"),
    "signer": re.compile(r"Người ký:?\**[\s|*]*([^\n|*]{2,60})"),
    "date": re.compile(r"Ngày ban hành:?\**[\s|*]*(\d{1,2})/(\d{1,2})/(\d{4})"),
}
# "<issuer> xây dựng kế hoạch": the tail alone is searched first (see _own_issuer_match)
_OWN_ISSUER_TAIL = (
    r"(?:xây dựng|ban hành|đề ra)\s+"
    r"(?:kế hoạch|chương trình|nghị quyết|quyết định|chỉ thị|đề án|hướng dẫn|Kế hoạch|Chương trình|Nghị quyết)"
)
_OWN_ISSUER_RE = re.compile(r"(?:^|[;.:]\s+|\n)(?P<iss>[" + P.UPPER + r"][^;.:\n]{2,140}?)\s+" + _OWN_ISSUER_TAIL)
_OWN_ISSUER_TAIL_RE = re.compile(_OWN_ISSUER_TAIL)
_OWN_ISSUER_MAX = 141  # the longest "iss" group above
_ISSUER_SUFFIX_NEEDS_PLACE = re.compile(r"(?:thị xã|huyện|tỉnh|thành phố|quận|thị trấn|xã|phường)$")
_DIGIT = re.compile(r"\d")


@dataclass(frozen=True, slots=True)
class Header:
    type: str | None
    type_code: str | None
    symbol: str | None
    symbol_text: str | None
    number: str | None
    issuer_code: str | None
    date: str | None
    date_text: str | None
    place: str | None
    issuer: str | None
    signer: str | None
    title: str | None
    draft: bool
    own_spans: tuple[tuple[int, int], ...]  # spans of the text that name the document itself


_PARENT_BODIES = ("ĐẢNG BỘ", "BỘ ", "TỈNH ỦY", "THÀNH ỦY", "HUYỆN ỦY", "ĐẢNG ỦY")
_PLACE_MARKERS = ("tỉnh", "thành phố", "huyện", "quận", "thị xã", "thị trấn", "xã", "phường", "tp.")
# Bodies and names that keep their capitals inside a sentence-cased issuer.
_PROPER_NAMES = (("chính phủ", "Chính phủ"), ("quốc hội", "Quốc hội"), ("bộ chính trị", "Bộ Chính trị"),
                 ("ban bí thư", "Ban Bí thư"), ("trung ương", "Trung ương"), ("cục thuế", "Cục Thuế"),
                 ("hải quan", "Hải quan"), ("đảng", "Đảng"), ("việt nam", "Việt Nam"), ("nhà nước", "Nhà nước"))
_ACRONYMS = {"UBND", "HĐND", "MTTQ", "VN", "TW", "TƯ", "CP", "BCH", "HĐTP"}
_PROPER_NAME_RES = tuple((re.compile(rf"(?<![\w]){low}(?![\w])", re.IGNORECASE), proper)
                         for low, proper in _PROPER_NAMES)
_LOWER_UY = re.compile(r"\b(Tỉnh|tỉnh|Thành|thành|Huyện|huyện|Thị|thị|Quận|quận|Đảng|đảng) Ủy\b")


@lru_cache(maxsize=1024)  # issuers repeat from document to document
def _cap(s: str) -> str:
    """Sentence case for an issuer set in capitals, keeping place names and acronyms:
    ``ỦY BAN NHÂN DÂN TỈNH ĐẮK LẮK`` -> ``Ủy ban nhân dân tỉnh Đắk Lắk``; ``UBND`` stays."""
    s = " ".join(s.split()).strip(" *_|#")
    if not s.isupper():
        return s
    words = s.split(" ")
    out: list[str] = []
    in_place = False
    for i, w in enumerate(words):
        low = w.lower()
        if w in _ACRONYMS:
            out.append(w)
        elif in_place:
            out.append(low[:1].upper() + low[1:])
        else:
            out.append(low[:1].upper() + low[1:] if i == 0 else low)
        joined = " ".join(x.lower() for x in words[max(0, i - 1):i + 1])
        if low in _PLACE_MARKERS or joined in _PLACE_MARKERS:
            in_place = True
    text = " ".join(out)
    for name, proper in _PROPER_NAME_RES:
        text = name.sub(proper, text)
    text = _LOWER_UY.sub(r"\1 ủy", text)  # Tỉnh ủy X
    return text[:1].upper() + text[1:]


class _Meta(dict):
    """The web-capture metadata fields, each searched for only when first asked for (most
    documents never need them)."""

    def __init__(self, head: str) -> None:
        super().__init__()
        self.head = head

    def __missing__(self, key: str) -> re.Match[str] | None:
        self[key] = found = _META_RE[key].search(self.head)
        return found


@dataclass(slots=True)
class _Own:
    """The identity as the five steps of :func:`read_header` fill it in."""

    symbol: str | None = None
    symbol_text: str | None = None
    number: str | None = None
    type_code: str | None = None
    issuer_code: str | None = None
    draft: bool = False
    date: str | None = None
    date_text: str | None = None
    place: str | None = None
    type: str | None = None
    title: str | None = None
    title_cit: Citation | None = None
    own_spans: list[tuple[int, int]] = field(default_factory=list)

    def take(self, parsed, symbol_text: str, span: tuple[int, int] | None) -> None:
        self.symbol, self.symbol_text, self.number = parsed.symbol, symbol_text, parsed.number
        self.type_code, self.issuer_code = parsed.type_code, "-".join(parsed.issuer_codes)
        self.draft = False
        if span:
            self.own_spans.append(span)


def read_header(text: str, citations: list[Citation], body_start: int) -> Header:
    """Identify the document itself; ``body_start`` is where the opening ends (first heading)."""
    head = text[:HEADER_WINDOW]
    meta = _Meta(head)
    own = _Own()
    _own_number(text, head, meta, own)
    _own_date(text, head, meta, own, body_start)
    if own.symbol is None or own.draft:
        _consolidation_block(text, own)
    if own.symbol is None:
        _title_reference(text, citations, body_start, own)
    _type_and_title(text, body_start, meta, own)
    issuer, signer = _issuer_and_signer(text, head, body_start, meta, own)
    return Header(type=own.type, type_code=own.type_code, symbol=own.symbol, symbol_text=own.symbol_text,
                  number=own.number, issuer_code=own.issuer_code or None, date=own.date, date_text=own.date_text,
                  place=own.place, issuer=issuer, signer=signer, title=own.title, draft=own.draft,
                  own_spans=tuple(own.own_spans))


# A number alone on its line: what an e-office system typed into the blank of "Số: /BNV-CCHC",
# set a little above or below the line.
_TYPED_NUMBER_LINE = re.compile(r"[ \t*_|]*(\d{1,6})[ \t*_|]*")


# What OCR makes of a handwritten number: a few characters, not a symbol, before the blank's "/".
_UNREADABLE_NUMBER = re.compile(r"(?:[^\s/]{1,4}(?=[ \t]+/))?")


def _own_number(text: str, head: str, meta: "_Meta", own: _Own) -> None:
    """1. "Số: 139-KH/ĐBSLĐTBXH"; a blank "Số: /KH-UBND" is a draft unless the number was typed
    in as a separate line next to it; else the web capture's "Số hiệu"."""
    for m in _finditer_at(P.OWN_NUMBER_RE, _OWN_NUMBER_AT, head):
        rest_start = m.start("rest")
        rest = m.group("rest")
        sm = P.SYMBOL_RE.search(text, rest_start, rest_start + len(rest) + 40)
        if sm and sm.start() - rest_start <= 3:
            # "Số:" vouches for the number: a letter's "644/TTXT-ĐTDN" (no type code) counts too
            parsed = parse_symbol(sm.group("num"), sm.group("first"), sm.group("codes"), strong=True)
            if parsed:
                own.take(parsed, sm.group(0), (sm.start(), sm.end()))
                return
        # a blank, or a number nobody can read ("Số:ổ0 /BC-UBND", "Số: # /CT-UBND" from a scan)
        dm = P.DRAFT_NUMBER_RE.match(rest[_UNREADABLE_NUMBER.match(rest).end():])
        if dm:
            blank = re.sub(r"\s+", "", dm.group("sym"))
            typed = _typed_number(head, m.start(), m.end())
            sm = P.SYMBOL_RE.fullmatch(f"{typed}{blank}") if typed else None
            parsed = parse_symbol(sm.group("num"), sm.group("first"), sm.group("codes"), strong=True) if sm else None
            if parsed:
                own.take(parsed, sm.group(0), None)
                return
            own.symbol = own.symbol_text = blank
            own.draft = True
            parts = re.split(r"[-/]", blank.strip("/-"))
            if parts:
                own.type_code = parts[0] if blank.startswith("/") else None
                own.issuer_code = "-".join(parts[1:]) or None
            return
    if meta["symbol"]:
        sm = P.SYMBOL_RE.search(meta["symbol"].group(1))
        if sm:
            parsed = parse_symbol(sm.group("num"), sm.group("first"), sm.group("codes"))
            if parsed:
                own.take(parsed, sm.group(0), None)


def _typed_number(head: str, start: int, end: int) -> str | None:
    """The number alone on the line just above or below the "Số:" line [start, end), if any."""
    line_start = head.rfind("\n", 0, start) + 1
    line_end = head.find("\n", end)
    line_end = len(head) if line_end < 0 else line_end
    above_start = head.rfind("\n", 0, max(line_start - 1, 0)) + 1
    above = head[above_start:max(line_start - 1, 0)] if line_start else ""
    below_end = head.find("\n", line_end + 1)
    below = head[line_end + 1:len(head) if below_end < 0 else below_end]
    for line in (above, below):
        m = _TYPED_NUMBER_LINE.fullmatch(line)
        if m:
            return m.group(1)
    return None


# "ngày 15 tháng 12 năm 2025", a whole header line without a place name before it (a line that
# goes on, "ngày … năm 2019, được sửa đổi" or "… năm 2025;", is the tail of a sentence).
_BARE_DATE_LINE = re.compile(
    r"(?m)^[ \t*_|]*(?:[Nn]gày)[ \t]+(?P<d>\d{1,2})[ \t]+tháng[ \t]+(?P<m>\d{1,2})[ \t]+năm[ \t]+"
    r"(?P<y>(?:19|20)\d{2})[ \t*_|]*$")


def _own_date(text: str, head: str, meta: "_Meta", own: _Own, body_start: int) -> None:
    """2. "Khánh Hòa, ngày 06 tháng 7 năm 2021"; a header line "Ngày 06 tháng 7 năm 2021"; the
    capture's "Ngày ban hành"; a law's "thông qua ngày …" after its articles."""
    pm = _place_date(head)
    if pm:
        own.place = _whole_place(head, pm.start("place"), " ".join(pm.group("place").split()).strip(" *_"))
        own.date_text = pm.group(0).strip(" \n*_|#")
        own.date = iso_date(pm.group("d"), pm.group("m"), pm.group("y"))
        if own.date is None:
            own.draft = True
        return
    bare = _BARE_DATE_LINE.search(head, 0, body_start if body_start > 0 else 1500)
    if bare:
        own.date_text = bare.group(0).strip(" \n*_|#")
        own.date = iso_date(bare.group("d"), bare.group("m"), bare.group("y"))
        return
    if meta["date"]:
        own.date = iso_date(*meta["date"].groups())
        return
    passed = None
    for passed in P.PASSED_ON_RE.finditer(text, max(0, len(text) - 8000)):
        pass  # the last one: the law's own adoption, after its articles
    if passed:
        own.date = iso_date(passed.group("d"), passed.group("m"), passed.group("y"))


# A consolidated text (văn bản hợp nhất) is numbered and dated in its authentication block at the
# end ("XÁC THỰC VĂN BẢN HỢP NHẤT … Số: 46/VBHN-BQP … Hà Nội, ngày 04 tháng 5 năm 2026").
_CONSOLIDATED_SYMBOL = re.compile(r"/\s*VBHN\s*-")
_AUTH_BLOCK_CHARS = 4000


def _consolidation_block(text: str, own: _Own) -> None:
    """The number and date of a consolidated text, from its authentication block (end of text)."""
    tail_start = max(0, len(text) - _AUTH_BLOCK_CHARS)
    tail = text[tail_start:]
    for m in P.OWN_NUMBER_RE.finditer(tail):
        sm = P.SYMBOL_RE.search(tail, m.start("rest"), m.end("rest") + 40)
        if not sm or sm.start() - m.start("rest") > 3 or not _CONSOLIDATED_SYMBOL.search(sm.group(0)):
            continue
        parsed = parse_symbol(sm.group("num"), sm.group("first"), sm.group("codes"))
        if not parsed:
            continue
        own.take(parsed, sm.group(0), (tail_start + sm.start(), tail_start + sm.end()))
        pm = _place_date(tail[m.start():m.start() + 400])
        if pm:
            date = iso_date(pm.group("d"), pm.group("m"), pm.group("y"))
            if date:
                own.date, own.date_text = date, pm.group(0).strip(" \n*_|#")
                own.place = " ".join(pm.group("place").split()).strip(" *_")
        return


def _title_reference(text: str, citations: list[Citation], body_start: int, own: _Own) -> None:
    """3. A title line that is a full reference to the document itself, before the body starts:
    "Nghị quyết số 06-NQ/TW, ngày 02/7/2021 của Ban Thường vụ Tỉnh ủy" (a web page title)."""
    for c in citations:
        if c.start >= min(body_start, 1500):
            break
        line_start = text.rfind("\n", 0, c.start) + 1
        line_end = text.find("\n", c.end)
        line_end = len(text) if line_end < 0 else line_end
        if text[line_start:c.start].strip(" *#_|") == "":
            # only when the document's own type heading follows ("NGHỊ QUYẾT" under the line);
            # the rest of the line may be its trích yếu, even one naming other documents
            hm = _search_at(_TYPE_HEADING_RE, _TYPE_HEADING_AT, text, line_end, line_end + 300)
            if hm and c.type and _canonical_type_word(hm.group("tw")).lower() == c.type.lower():
                own.title_cit = c
            break
    c = own.title_cit
    if c:
        own.symbol, own.symbol_text, own.number = c.symbol, c.original, c.number
        own.type_code, own.issuer_code = c.type_code, c.issuer_code
        own.date = own.date or c.date
        own.own_spans.append((c.start, c.end))


_ABOUT_LINE = re.compile(r"(?m)^[ \t*_|]*V/v[ \t]")


def _type_and_title(text: str, body_start: int, meta: "_Meta", own: _Own) -> None:
    """4. Type and trích yếu: the heading "KẾ HOẠCH ...", else the metadata, the symbol, "<Type> này"."""
    for hm in _finditer_at(_TYPE_HEADING_RE, _TYPE_HEADING_AT, text, 0, max(body_start, 200) + 200):
        if hm.start() > body_start and body_start > 0:
            break
        own.type = _canonical_type_word(hm.group("tw"))
        rest = hm.group("rest").strip(" *_:")
        so = re.match(r"(?:SỐ|Số|số)[ \t:]*", rest)
        sm = P.SYMBOL_RE.match(rest, so.end()) if so else None
        if sm and own.symbol is None:  # "NGHỊ ĐỊNH SỐ 80/2021/ND-CP": the heading carries the number
            parsed = parse_symbol(sm.group("num"), sm.group("first"), sm.group("codes"))
            if parsed:
                start = hm.start("rest") + (len(hm.group("rest")) - len(hm.group("rest").lstrip(" *_:")))
                own.take(parsed, sm.group(0), (start + sm.start(), start + sm.end()))
                rest = rest[sm.end():].strip(" *_:,")
        own.title = _title_after(text, hm.end(), rest)
        break
    c = own.title_cit
    if own.type is None and c is not None:
        own.type = c.type
    if own.type is None and meta["type"]:
        own.type = _cap(meta["type"].group(1))
    if own.type is None and _ABOUT_LINE.search(text, 0, max(body_start, 0) or 1500):
        own.type = "Công văn"  # a letter has no type heading, only its "V/v …" (về việc) line
    if own.type is None and own.type_code:
        family = "party" if own.symbol and "-" in own.symbol.split("/")[0] else "state"
        own.type = type_name(own.type_code, family)
    if own.type is None:
        own.type = _type_from_self_mentions(text)
    if own.title is None and c is not None and c.subject:
        own.title = c.subject


def _issuer_and_signer(text: str, head: str, body_start: int, meta: "_Meta", own: _Own) -> tuple[str | None, str | None]:
    """5. Issuer: header capitals, "<issuer> xây dựng kế hoạch", the metadata block; signer."""
    issuer = _issuer_from_body(text[:max(body_start, 0) + 400] if body_start > 0 else text[:3000])
    if issuer and own.place and _ISSUER_SUFFIX_NEEDS_PLACE.search(issuer):
        issuer = f"{issuer} {own.place}"
    if issuer is None and own.title_cit is not None:
        issuer = own.title_cit.issuer
    if issuer is None and meta["issuer"]:
        issuer = _cap(meta["issuer"].group(1))
    if issuer is None:
        issuer = _issuer_from_capitals(head)
    signer = _signer(text)
    if signer is None and meta["signer"]:
        signer = meta["signer"].group(1).strip()
    return issuer, signer


def _whole_place(head: str, start: int, place: str) -> str:
    """"Thành phố Hồ\nChí Minh, ngày ...": a place name broken over two lines starts on the line above."""
    line_start = head.rfind("\n", 0, start)
    if line_start < 0 or head[line_start + 1:start].strip(" *_|#>"):
        return place
    prev_start = head.rfind("\n", 0, line_start) + 1
    prev = head[prev_start:line_start].strip(" *_|#>")
    if not prev or len(prev) > 30 or re.search(r"[\d,.:;]", prev) or not prev[:1].isupper():
        return place
    from extract.jurisdiction import province_of_place

    joined = f"{prev} {place}"
    return joined if province_of_place(joined) and not province_of_place(place) else place


def _title_after(text: str, pos: int, rest: str) -> str | None:
    """Trích yếu: the rest of the heading line, else the next non-empty lines up to a rule or cue."""
    if rest and len(rest) > 3:
        return " ".join(rest.split()).strip(" *_")
    lines = []
    for line in text[pos:pos + 600].split("\n"):
        s = line.strip(" *_#>|")
        if not s:
            if lines:
                break
            continue
        if _RULE_LINE.match(s) or _CUE_LINE.match(s):
            break
        if s.isupper() and s.startswith(("CỦA ", "CUA ")):
            continue
        lines.append(s)
        if len(" ".join(lines)) > 300:
            break
    return " ".join(" ".join(lines).split()) or None


_RULE_LINE = re.compile(r"^[-=_–]{3,}$")
_CUE_LINE = re.compile(r"^(Căn cứ|Thực hiện|Triển khai|Kính gửi)")
_LOWER_TYPE_WORDS = {w.lower(): w for w in P.TYPE_WORDS}


def _type_from_self_mentions(text: str) -> str | None:
    """"Kế hoạch này", "xây dựng kế hoạch": the type the document calls itself most."""
    counts: dict[str, int] = {}
    lower = text.lower()
    for cue, after in ((" này", False), ("xây dựng ", True)):
        i = lower.find(cue)
        while i >= 0:
            if after:
                snippet = " ".join(lower[i + len(cue):i + len(cue) + 30].split())
                hits = [w for w in _LOWER_TYPE_WORDS if snippet.startswith(w)]
            else:
                snippet = " ".join(lower[max(0, i - 30):i].split())
                hits = [w for w in _LOWER_TYPE_WORDS if snippet.endswith(w)]
            if hits:
                w = max(hits, key=len)
                counts[w] = counts.get(w, 0) + 1
            i = lower.find(cue, i + 1)
    return _LOWER_TYPE_WORDS[max(counts, key=lambda k: counts[k])] if counts else None


def _issuer_from_body(opening: str) -> str | None:
    m = _own_issuer_match(opening)
    if not m:
        return None
    iss = " ".join(m.group("iss").split()).strip(" *_")
    # keep the last clause: "Thực hiện ...; Ủy ban nhân dân thị xã" -> "Ủy ban nhân dân thị xã"
    iss = re.split(r"[;,]\s*", iss)[-1]
    if len(iss.split()) > 16 or iss.lower().startswith(("thực hiện", "căn cứ", "triển khai")):
        return None
    return iss


def _issuer_from_capitals(head: str) -> str | None:
    """The last all-capitals line of the header block before the national motto/Party name."""
    caps = []
    for l in head[:1500].split("\n"):
        l = l.strip(" *_|#")
        if not l:
            continue
        if l.startswith(("CỘNG HÒA", "CỘNG HOÀ", "ĐẢNG CỘNG SẢN", "Độc lập", "Số", "KẾ HOẠCH", "NGHỊ QUYẾT", "QUYẾT ĐỊNH")):
            break
        if l.isupper() and 1 < len(l) < 90 and not _DIGIT.search(l):
            caps.append(l)
    if not caps:
        return None
    parts = [caps[-1]]
    if parts[0].lower().startswith(_PLACE_MARKERS):
        # "ỦY BAN NHÂN (DÂN) / THÀNH PHỐ HỒ CHÍ MINH": the body's name sits on the line(s) above the place
        for line in reversed(caps[:-1]):
            if line.lower().startswith(_PLACE_MARKERS) or line.startswith(_PARENT_BODIES) or len(parts) > 2:
                break
            parts.insert(0, line)
    return _cap(" ".join(parts)) if len(" ".join(parts)) > 3 else None


def _signer(text: str) -> str | None:
    """Names after the signature block ("TM. ỦY BAN NHÂN DÂN / CHỦ TỊCH / Nguyễn Huy Hùng")."""
    tail_start = max(0, len(text) - 6000)
    names: list[str] = []
    for m in _finditer_at(P.SIGNATURE_CUE_RE, _SIGNATURE_CUE_AT, text, tail_start):
        for line in text[m.end():m.end() + 400].split("\n")[1:8]:
            nm = P.NAME_LINE_RE.match(line)
            if nm:
                name = " ".join(nm.group("name").split())
                if name not in names and not name.isupper():
                    names.append(name)
                break
    return "; ".join(names[:3]) if names else None


# Fast searches.  Patterns that can only start at a line start ("(?m)^...") or after a marker,
# searched as they are, are tried by the regex engine at every position of the text -- most of
# the cost of reading a header.  Each helper below gives exactly the pattern's own result (tests
# compare them on the corpus and on fuzzed text) while trying it only where it can match.


def _finditer_at(pattern: re.Pattern[str], locator: re.Pattern[str] | None, text: str, pos: int = 0,
                 endpos: int | None = None):
    """``pattern.finditer(text, pos, endpos)`` (non-empty matches), trying ``pattern`` only where
    ``locator`` matches: at the locator's start, or just after it when that is a line break.

    The locator opens with a character the engine skips to at C speed, and must match wherever
    the pattern does (it may match elsewhere too: such places are tried and dropped)."""
    end = len(text) if endpos is None else min(endpos, len(text))
    if locator is None:
        yield from pattern.finditer(text, pos, end)
        return
    if pos == 0:  # the one line start with no line break before it
        m = pattern.match(text, 0, end)
        if m:
            yield m
            pos = m.end()
    at = pos - 1 if pos and text[pos - 1] == "\n" else pos  # a line start at pos has its break before
    while True:
        hit = locator.search(text, at, end)
        if hit is None:
            return
        start = hit.start() + 1 if text[hit.start()] == "\n" else hit.start()
        m = pattern.match(text, start, end) if start >= pos else None
        if m:
            yield m
            pos = m.end()
            at = pos - 1 if text[pos - 1] == "\n" else pos
        else:
            at = hit.start() + 1


def _search_at(pattern, locator, text: str, pos: int = 0, endpos: int | None = None) -> re.Match[str] | None:
    """``pattern.search(text, pos, endpos)`` through ``_finditer_at``."""
    return next(_finditer_at(pattern, locator, text, pos, endpos), None)


def _run_start(text: str, i: int, markup: str = "") -> int:
    """Start of the run of white space (and ``markup`` characters) that ends at ``i``."""
    while i > 0 and (text[i - 1].isspace() or text[i - 1] in markup):
        i -= 1
    return i


# Locators, written out (a line break, the markup a line may open with, a letter the match can
# start with): each matches wherever its pattern can start a match, and seldom elsewhere.
_TYPE_HEADING_AT = re.compile(r"\n[ \t#*_>|]*[" + "".join(sorted({w.upper()[0] for w in P.TYPE_WORDS})) + "]")
_SIGNATURE_CUE_AT = re.compile(r"\n[\s*_]*[BCGKPQT]")  # first letters of the cues: TM., KT., Q., CHỦ TỊCH, PHÓ …
# "Số: ..." starts at a line start, after "---" / "===" / "___" or at a table bar "|", and has only
# spaces and markup up to the word: a line break or one of those characters, such a run, the word.
# (Only for the pattern of that shape: another one is searched as it is.)
_OWN_NUMBER_AT = (re.compile(r"[\n\-_=|][\s*_|#>=\-]*(?:Số|SỐ)")
                  if P.OWN_NUMBER_RE.pattern.startswith(r"(?m)(?:^|[-_=]{3,}[ \t]*|\|[ \t]*)[\s*_|#>]*(?:Số|SỐ)")
                  else None)
# The place/date line: a line start or "|", markup, the place (on one line, no comma), then this.
_PLACE_DATE_TAIL = r",[ \t]*(?:\n[ \t*_|]*)?(?:ngày|Ngày)"
_PLACE_DATE_ANCHOR = (re.compile(_PLACE_DATE_TAIL) if P.PLACE_DATE_RE.pattern.startswith(
    r"(?m)(?:^|\|)[\s*_|#>]*(?P<place>[" + P.UPPER + r"][^\n,|*:;0-9]{1,40}?)[ \t*_]*" + _PLACE_DATE_TAIL) else None)
_LINE_OR_BAR = re.compile(r"[\n|]")


def _place_date(head: str) -> re.Match[str] | None:
    """``P.PLACE_DATE_RE.search(head)``, tried only on the lines of each ", ngày".

    A match holds one such comma and starts at a line start or a "|", no earlier than the run of
    markup and white space before the comma's line.  Trying those starts in order, comma by comma,
    finds the same leftmost match without running the pattern's place part (a lazy scan of up to
    40 characters) from every line of the header."""
    if _PLACE_DATE_ANCHOR is None:
        return P.PLACE_DATE_RE.search(head)
    done = 0  # every start before this has been tried
    for anchor in _PLACE_DATE_ANCHOR.finditer(head):
        comma = anchor.start()
        lo = max(done, _run_start(head, head.rfind("\n", 0, comma) + 1, "*_|#>"))
        starts = [0] if lo == 0 else []
        starts += [c.start() + 1 if c.group() == "\n" else c.start()
                   for c in _LINE_OR_BAR.finditer(head, max(0, lo - 1), comma)]
        for start in starts:
            m = P.PLACE_DATE_RE.match(head, start) if start >= lo else None
            if m:
                return m
        done = max(done, comma)
    return None


def _own_issuer_match(opening: str) -> re.Match[str] | None:
    """``_OWN_ISSUER_RE.search(opening)``, searched only before each "xây dựng kế hoạch" (the
    pattern's fixed tail), not from every line and sentence start of the opening.

    A match ends with a tail and starts at most ``_OWN_ISSUER_MAX`` characters, plus the white
    space on either side of the issuer and one delimiter, before it.  Searching that window up to
    the tail's end, tail by tail, gives the same leftmost match: a match found in a window ends at
    that tail, so it is what the whole opening gives at that start, and a match starting earlier
    would have been found in an earlier tail's window."""
    for tail in _OWN_ISSUER_TAIL_RE.finditer(opening):
        start = _run_start(opening, max(0, _run_start(opening, tail.start()) - _OWN_ISSUER_MAX)) - 1
        m = _OWN_ISSUER_RE.search(opening, max(0, start), tail.end())
        if m:
            return m
    return None
