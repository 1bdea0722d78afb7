"""The document's own identity: số hiệu, place and date line, type, trích yếu, issuer, signer.

Read from the header block ("Số: 139-KH/ĐBSLĐTBXH", "Khánh Hòa, ngày 06 tháng 7 năm 2021",
"KẾ HOẠCH ..."), from a web capture's metadata block ("Số hiệu: ... Ngày ban hành: ..."), from a
title line that is itself a full reference ("Nghị quyết số 06-NQ/TW, ngày 02/7/2021 của ..."),
and from the signature block.  Blank draft numbers (``Số: /KH-UBND``) and blank days
(``ngày  tháng 02 năm 2023``) give ``draft=True`` and a null date.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

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
_OWN_ISSUER_RE = re.compile(
    r"(?:^|[;.:]\s+|\n)(?P<iss>[" + P.UPPER + r"][^;.:\n]{2,140}?)\s+(?:xây dựng|ban hành|đề ra)\s+"
    r"(?:kế hoạch|chương trình|nghị quyết|quyết định|chỉ thị|đề án|hướng dẫn|Kế hoạch|Chương trình|Nghị quyết)"
)
_ISSUER_SUFFIX_NEEDS_PLACE = re.compile(r"(?:thị xã|huyện|tỉnh|thành phố|quận|thị trấn|xã|phường)$")


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


def _cap(s: str) -> str:
    """Sentence case for an issuer set in capitals, keeping place names and acronyms:
    ``ỦY BAN NHÂN DÂN TỈNH ĐẮK LẮK`` -> ``Ủy ban nhân dân tỉnh Đắk Lắk``; ``UBND`` stays."""
    s = re.sub(r"\s+", " ", s).strip(" *_|#")
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
    for low, proper in _PROPER_NAMES:
        text = re.sub(rf"(?<![\w]){low}(?![\w])", proper, text, flags=re.IGNORECASE)
    text = re.sub(r"\b(Tỉnh|tỉnh|Thành|thành|Huyện|huyện|Thị|thị|Quận|quận|Đảng|đảng) Ủy\b", r"\1 ủy", text)  # Tỉnh ủy X
    return text[:1].upper() + text[1:]


def read_header(text: str, citations: list[Citation], body_start: int) -> Header:
    """Identify the document itself; ``body_start`` is where the opening ends (first heading)."""
    head = text[:HEADER_WINDOW]
    meta = {k: r.search(head) for k, r in _META_RE.items()}
    symbol = symbol_text = number = type_code = issuer_code = None
    draft = False
    own_spans: list[tuple[int, int]] = []

    # 1. "Số: 139-KH/ĐBSLĐTBXH" / "Số: /KH-UBND"
    for m in P.OWN_NUMBER_RE.finditer(head):
        rest_start = m.start("rest")
        rest = m.group("rest")
        sm = P.SYMBOL_RE.search(text, rest_start, rest_start + len(rest) + 40)
        if sm and sm.start() - rest_start <= 3:
            parsed = parse_symbol(sm.group("num"), sm.group("first"), sm.group("codes"))
            if parsed:
                symbol, symbol_text, number = parsed.symbol, sm.group(0), parsed.number
                type_code, issuer_code = parsed.type_code, "-".join(parsed.issuer_codes)
                own_spans.append((sm.start(), sm.end()))
                break
        dm = P.DRAFT_NUMBER_RE.match(rest)
        if dm:
            symbol = symbol_text = re.sub(r"\s+", "", dm.group("sym"))
            draft = True
            parts = re.split(r"[-/]", symbol.strip("/-"))
            if parts:
                type_code = parts[0] if symbol.startswith("/") else None
                issuer_code = "-".join(parts[1:]) or None
            break
    if symbol is None and meta["symbol"]:
        sm = P.SYMBOL_RE.search(meta["symbol"].group(1))
        if sm:
            parsed = parse_symbol(sm.group("num"), sm.group("first"), sm.group("codes"))
            if parsed:
                symbol, symbol_text, number = parsed.symbol, sm.group(0), parsed.number
                type_code, issuer_code = parsed.type_code, "-".join(parsed.issuer_codes)

    # 2. "Khánh Hòa, ngày 06 tháng 7 năm 2021"
    date = date_text = place = None
    pm = P.PLACE_DATE_RE.search(head)
    if pm:
        place = _whole_place(head, pm.start("place"), re.sub(r"\s+", " ", pm.group("place")).strip(" *_"))
        date_text = pm.group(0).strip(" \n*_|#")
        date = iso_date(pm.group("d"), pm.group("m"), pm.group("y"))
        if date is None:
            draft = True
    elif meta["date"]:
        date = iso_date(*meta["date"].groups())
    else:
        passed = None
        for passed in P.PASSED_ON_RE.finditer(text, max(0, len(text) - 8000)):
            pass  # the last one: the law's own adoption, after its articles
        if passed:
            date = iso_date(passed.group("d"), passed.group("m"), passed.group("y"))

    # 3. A title line that is a full reference to the document itself, before the body starts:
    #    "Nghị quyết số 06-NQ/TW, ngày 02/7/2021 của Ban Thường vụ Tỉnh ủy" (a web page title).
    title_cit = None
    if symbol is None:
        for c in citations:
            if c.start >= min(body_start, 1500):
                break
            line_start = text.rfind("\n", 0, c.start) + 1
            line_end = text.find("\n", c.end)
            line_end = len(text) if line_end < 0 else line_end
            if text[line_start:c.start].strip(" *#_|") == "":
                # only when the document's own type heading follows ("NGHỊ QUYẾT" under the line);
                # the rest of the line may be its trích yếu, even one naming other documents
                hm = _TYPE_HEADING_RE.search(text, line_end, min(len(text), line_end + 300))
                if hm and c.type and _canonical_type_word(hm.group("tw")).lower() == c.type.lower():
                    title_cit = c
                break
        if title_cit:
            symbol, symbol_text, number = title_cit.symbol, title_cit.original, title_cit.number
            type_code, issuer_code = title_cit.type_code, title_cit.issuer_code
            date = date or title_cit.date
            own_spans.append((title_cit.start, title_cit.end))

    # 4. Type and trích yếu: the heading "KẾ HOẠCH ...", else the metadata, the symbol, "<Type> này".
    doc_type = title = None
    for hm in _TYPE_HEADING_RE.finditer(text, 0, min(len(text), max(body_start, 200) + 200)):
        if hm.start() > body_start and body_start > 0:
            break
        doc_type = _canonical_type_word(hm.group("tw"))
        rest = hm.group("rest").strip(" *_:")
        own = re.match(r"(?:SỐ|Số|số)[ \t:]*", rest)
        sm = P.SYMBOL_RE.match(rest, own.end()) if own else None
        if sm and symbol is None:  # "NGHỊ ĐỊNH SỐ 80/2021/ND-CP": the heading carries the number
            parsed = parse_symbol(sm.group("num"), sm.group("first"), sm.group("codes"))
            if parsed:
                symbol, symbol_text, number = parsed.symbol, sm.group(0), parsed.number
                type_code, issuer_code = parsed.type_code, "-".join(parsed.issuer_codes)
                start = hm.start("rest") + (len(hm.group("rest")) - len(hm.group("rest").lstrip(" *_:")))
                own_spans.append((start + sm.start(), start + sm.end()))
                rest = rest[sm.end():].strip(" *_:,")
        title = _title_after(text, hm.end(), rest)
        break
    if doc_type is None and title_cit is not None:
        doc_type = title_cit.type
    if doc_type is None and meta["type"]:
        doc_type = _cap(meta["type"].group(1))
    if doc_type is None and type_code:
        family = "party" if symbol and "-" in symbol.split("/")[0] else "state"
        doc_type = type_name(type_code, family)
    if doc_type is None:
        doc_type = _type_from_self_mentions(text)
    if title is None and title_cit is not None and title_cit.subject:
        title = title_cit.subject

    # 5. Issuer: header capitals, "<issuer> xây dựng kế hoạch", the metadata block.
    issuer = _issuer_from_body(text[:max(body_start, 0) + 400] if body_start > 0 else text[:3000])
    if issuer and place and _ISSUER_SUFFIX_NEEDS_PLACE.search(issuer):
        issuer = f"{issuer} {place}"
    if issuer is None and title_cit is not None:
        issuer = title_cit.issuer
    if issuer is None and meta["issuer"]:
        issuer = _cap(meta["issuer"].group(1))
    if issuer is None:
        issuer = _issuer_from_capitals(head)

    signer = _signer(text)
    if signer is None and meta["signer"]:
        signer = meta["signer"].group(1).strip()
    return Header(doc_type, type_code, symbol, symbol_text, number, issuer_code or None, date, date_text, place,
                  issuer, signer, title, draft, tuple(own_spans))


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
        return re.sub(r"\s+", " ", rest).strip(" *_")
    lines = []
    for line in text[pos:pos + 600].split("\n"):
        s = line.strip(" *_#>|")
        if not s:
            if lines:
                break
            continue
        if re.match(r"^[-=_–]{3,}$", s) or re.match(r"^(Căn cứ|Thực hiện|Triển khai|Kính gửi)", s):
            break
        if s.isupper() and s.startswith(("CỦA ", "CUA ")):
            continue
        lines.append(s)
        if len(" ".join(lines)) > 300:
            break
    return re.sub(r"\s+", " ", " ".join(lines)).strip() or None


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
    m = _OWN_ISSUER_RE.search(opening)
    if not m:
        return None
    iss = re.sub(r"\s+", " ", m.group("iss")).strip(" *_")
    # keep the last clause: "Thực hiện ...; Ủy ban nhân dân thị xã" -> "Ủy ban nhân dân thị xã"
    iss = re.split(r"[;,]\s*", iss)[-1]
    if len(iss.split()) > 16 or iss.lower().startswith(("thực hiện", "căn cứ", "triển khai")):
        return None
    return iss


def _issuer_from_capitals(head: str) -> str | None:
    """The last all-capitals line of the header block before the national motto/Party name."""
    lines = [l.strip(" *_|#") for l in head[:1500].split("\n")]
    caps = []
    for l in lines:
        if not l:
            continue
        if l.startswith(("CỘNG HÒA", "CỘNG HOÀ", "ĐẢNG CỘNG SẢN", "Độc lập", "Số", "KẾ HOẠCH", "NGHỊ QUYẾT", "QUYẾT ĐỊNH")):
            break
        if l.isupper() and 1 < len(l) < 90 and not re.search(r"\d", l):
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
    for m in P.SIGNATURE_CUE_RE.finditer(text, tail_start):
        for line in text[m.end():m.end() + 400].split("\n")[1:8]:
            nm = P.NAME_LINE_RE.match(line)
            if nm:
                name = re.sub(r"\s+", " ", nm.group("name")).strip()
                if name not in names and not name.isupper():
                    names.append(name)
                break
    return "; ".join(names[:3]) if names else None
