"""Find every numbered reference in a document's text, with its date, issuer and subject.

``find_citations(text)`` is the scanning step; ``extract_text(text)`` (in ``extract.pipeline``)
adds the document's own identity, relations, edges, short forms and named references.

>>> [c.symbol for c in find_citations("Kết luận số 114-KL/TW, ngày 14/7/2015 của Ban Bí thư")]
['114-KL/TW']
>>> c = find_citations("Nghị quyết số 55/2022/QH 15, ngày 16/6/2022 của Quốc hội về thí điểm")[0]
>>> c.symbol, c.date, c.issuer, c.repairs
('55/2022/QH15', '2022-06-16', 'Quốc hội', ('space',))
>>> [c.symbol for c in find_citations("Kết luận số 187, 188-KL/TW của Bộ Chính trị")]
['187-KL/TW', '188-KL/TW']
"""
from __future__ import annotations

import datetime as _dt
import re
from functools import lru_cache
from dataclasses import replace

from extract import patterns as P
from extract.models import Citation
from extract.symbols import ParsedSymbol, codes_for_type_word, parse_symbol
from extract.tables import type_name

_LOOKBACK = 90

# Cyrillic letters that look Latin, as pasted into some web texts ("TT-BТС"); one char each way.
_HOMOGLYPHS = str.maketrans("АВСЕНКМОРТХІаеорсухі", "ABCEHKMOPTXIaeopcyxi")
_CYRILLIC_RE = re.compile("[АВСЕНКМОРТХІаеорсухі]")
# "Mẫu số 01/BK-STK", "theo mẫu 02/CNKD-TNCN-QTT": a form's code, not a document
_FORM_BEFORE_RE = re.compile(r"(?i)\bmẫu(?:\s+(?:biểu|tờ\s+khai))?\s*(?:số)?\s*[:.]?\s*$")


class _Shifted:
    """A symbol match found in a folded copy of ``text[offset:]``, answering with offsets in ``text``."""

    def __init__(self, m: re.Match[str], offset: int):
        self._m, self._offset = m, offset

    def group(self, *names: str | int):
        return self._m.group(*names)

    def start(self, name: str | int = 0) -> int:
        return self._m.start(name) + self._offset

    def end(self, name: str | int = 0) -> int:
        return self._m.end(name) + self._offset


def _refold(text: str, m: re.Match[str]):
    """Match the symbol again on a copy with Cyrillic look-alikes folded to Latin (same length)."""
    folded = fold_homoglyphs(text[m.start():m.end() + 40])
    m2 = P.SYMBOL_RE.match(folded)
    return _Shifted(m2, m.start()) if m2 and m2.end() > m.end() - m.start() else m


def fold_homoglyphs(text: str) -> str:
    """Latin look-alikes for Cyrillic letters; returns ``text`` itself when there are none.

    ``re.sub`` touches only the few look-alikes; ``str.translate`` walks every character."""
    if not _CYRILLIC_RE.search(text):
        return text
    return _CYRILLIC_RE.sub(lambda m: m.group(0).translate(_HOMOGLYPHS), text)




def _norm_ws(s: str) -> str:
    return " ".join(s.replace("*", "").replace("_", " ").split())


@lru_cache(maxsize=8192)
def iso_date(d: str | None, m: str | None, y: str | None) -> str | None:
    """ISO date from day/month/year strings; None if any part is missing or impossible.

    Cached: a document repeats the same few dates many times."""
    try:
        return _dt.date(int(y), int(m), int(d)).isoformat()  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return None


_TYPE_WORD_BY_LOWER = {w.lower(): w for w in P.TYPE_WORDS}


@lru_cache(maxsize=1024)
def _canonical_type_word(word: str) -> str:
    """``kết luận`` -> ``Kết luận``; ``Chương trình  hành động`` -> ``Chương trình hành động``."""
    w = " ".join(word.split())
    return _TYPE_WORD_BY_LOWER.get(w.lower()) or (w[:1].upper() + w[1:].lower())


def _type_before(text: str, start: int) -> tuple[int, str | None, bool]:
    """Start offset and type word of the phrase right before a number ("Kết luận số ").

    The type word must end where "số:" (if any) begins, so the last 40 characters (the longest
    type word plus "số:") are matched backwards, once, instead of trying a type-word pattern at
    every offset.  A law named before "số" ("Luật Doanh nghiệp số 59/2020/QH14") is looked for
    further back.
    """
    near = max(0, start - 40)
    m = P.TYPE_BEFORE_REVERSED_RE.match(text[near:start][::-1])
    if m:
        return start - m.end("tw"), _canonical_type_word(m.group("tw")[::-1]), True
    lo = max(0, start - _LOOKBACK)
    window = text[lo:start]
    lower = window.lower()
    if "số" in lower:
        for i in _candidates_named(lower):
            m = P.NAMED_TYPE_BEFORE_RE.match(window, i)
            if m:
                return lo + i, _canonical_type_word(m.group("tw")), False
        m = P.SO_BEFORE_RE.search(window, max(0, len(window) - 12))
        if m:
            return lo + m.start(), None, False
    return start, None, False


def _candidates_named(lower: str) -> list[int]:
    out = []
    for w in ("bộ luật", "luật", "pháp lệnh", "nghị quyết", "nghị định", "thông tư", "quyết định"):
        i = lower.find(w)
        while i >= 0:
            out.append(i)
            i = lower.find(w, i + 1)
    return sorted(set(out))


_ISSUER_BEFORE_RE = re.compile(r"(?:của|CỦA)\s+(?P<iss>[^;:.,()\n]{3,90}?)\s+tại(?:\s+các)?[\s*_]*$")


def _issuer_before(text: str, start: int) -> str | None:
    """"Theo đề nghị của Bộ trưởng Bộ Y tế tại Tờ trình số 609/TTr-BYT": the issuer stands before."""
    if text.find("tại", max(0, start - 12), start) < 0:  # cheap test first: most references have no "tại"
        return None
    m = _ISSUER_BEFORE_RE.search(text[max(0, start - 120):start])
    return _norm_ws(m.group("iss")) if m else None


def _date_of(m: re.Match[str] | None) -> str | None:
    """ISO date of a ``DATE_AFTER_RE`` match (numeric or "ngày .. tháng .. năm .." form)."""
    if m is None:
        return None
    d, mo, y, d2, mo2, y2 = m.group("d", "m", "y", "d2", "m2", "y2")
    return iso_date(d or d2, mo or mo2, y or y2)


def _tail(text: str, pos: int) -> tuple[int, str | None, str | None, str | None]:
    """Parse date, issuer and subject after a symbol ending at ``pos``.

    Returns (core_end, date, issuer, subject); the subject is not part of the reference's span.
    """
    date = issuer = subject = None
    core_end = pos
    m = P.DATE_AFTER_RE.match(text, pos, pos + 60)
    date = _date_of(m)
    if date:
        core_end = m.end()
    m = P.ISSUER_AFTER_RE.match(text, core_end, core_end + 320)
    if m:
        issuer = _norm_ws(m.group("iss"))
        core_end = m.end("term") if m.group("term") else m.end("iss")
        if date is None:
            m2 = P.DATE_AFTER_RE.match(text, core_end, core_end + 60)
            date = _date_of(m2)
            if date:
                core_end = m2.end()
    m = P.SUBJECT_AFTER_RE.match(text, core_end, core_end + 420)
    if m:
        subject = _norm_ws(m.group("subj"))
    return core_end, date, issuer, subject


def find_citations(text: str) -> list[Citation]:
    """Every numbered reference in ``text``, in order, one item per mention.

    Never raises on messy text; damage shows up in ``Citation.repairs``.
    """
    found: list[Citation] = []
    for m in P.SYMBOL_RE.finditer(text):
        if _CYRILLIC_RE.search(text, m.end(), m.end() + 8):
            m = _refold(text, m)  # "06/2022/TT-BТС": Cyrillic Т and С pasted into a Latin symbol
        num_start = m.start("num")
        type_start, type_word, adjacent = _type_before(text, num_start)
        hint = codes_for_type_word(type_word) if type_word else None
        strong = adjacent or (type_start < num_start and type_word is None)  # "Kết luận số", or "số"
        num, first, codes, suffix = m.group("num", "first", "codes", "suffix")
        parsed = parse_symbol(num, first, codes, hint or None, strong)
        if parsed is None:
            continue
        sym_start, sym_end = num_start, m.end()
        if _FORM_BEFORE_RE.search(text, max(0, num_start - 24), num_start):
            continue
        number = parsed.number
        repairs = list(parsed.repairs)
        # "Đề án số 0\n4-ĐA/TU": a number split by a line break
        split = P.SPLIT_NUMBER_RE.search(text, max(0, num_start - 12), num_start) \
            if text[num_start - 1:num_start] in ("\n", " ", "\t") and "\n" in text[max(0, num_start - 7):num_start] \
            else None
        if split and split.end() == num_start and len(split.group(1) + number) <= 4:
            sym_start = split.start(1)
            number = split.group(1) + number
            parsed = replace(parsed, symbol=number + parsed.symbol[len(parsed.number):], number=number)
            repairs.append("line-break")
            type_start, type_word, adjacent = _type_before(text, sym_start)
        if suffix:
            parsed = replace(parsed, symbol=parsed.symbol + suffix.lower())
        listed = bool(found) and 0 <= sym_start - found[-1].end <= 8 and _continues_list(text, found, sym_start)
        if parsed.family == "state" and parsed.type_code is None and type_word is None and not listed and \
                not P.SO_BEFORE_RE.search(text[max(0, sym_start - 8):sym_start]):
            continue  # "1234/UBND-KT" with neither a type word nor "số" is too weak

        core_end, date, issuer, subject = _tail(text, sym_end)
        year = parsed.year or (int(date[:4]) if date else None)
        # the type the text gives wins ("Quy định số 5530-QĐ/TU" is a Quy định with a wrong code: audit flags it)
        ctype = type_word or (type_name(parsed.type_code, parsed.family) if parsed.type_code else None)
        if ctype is None and listed and found[-1].family == parsed.family:
            ctype = found[-1].type  # "văn bản số 1552/BTTTT-TTH và 708/BTTTT-CATTT"
        if ctype == "Văn bản" and parsed.type_code is None and parsed.family == "state":
            ctype = "Công văn"  # "văn bản số 3816/VPCP-CN": an administrative letter
        if issuer is None:
            issuer = _issuer_before(text, type_start)
        start = type_start if (type_word or type_start < sym_start) else sym_start
        end = max(core_end, sym_end)
        cit = Citation(
            start=start, end=end, text=text[start:end], symbol=parsed.symbol, original=text[sym_start:sym_end],
            number=number, family=parsed.family, type=ctype, type_code=parsed.type_code, year=year,
            issuer_code="-".join(parsed.issuer_codes) or None, issuer=issuer, date=date, subject=subject,
            repairs=tuple(dict.fromkeys(repairs)), symbol_start=sym_start, symbol_end=sym_end,
            type_word=type_word if adjacent else None,
        )
        if text[max(0, sym_start - 4):sym_start].rstrip().endswith(_LIST_ENDS):
            found.extend(_shared_numbers(text, cit, parsed))  # "Kết luận số 187, 188-KL/TW"
        found.append(cit)
    return _consistent_dates(_shared_tails(text, found))


_SYMBOL_YEAR_RE = re.compile(r"^\d[\d.]*/((?:19|20)\d{2})/")


def _consistent_dates(cits: list[Citation]) -> list[Citation]:
    """A date whose year contradicts the year in the symbol ("163/2024/QH15 ngày 27 tháng 11 năm
    2025") gives way to another mention's date that agrees with it (a typo, not a second document)."""
    years = [(m.group(1) if (m := _SYMBOL_YEAR_RE.match(c.symbol)) else None) if c.date else None for c in cits]
    agreeing: dict[str, str] = {}
    for c, y in zip(cits, years):
        if y and c.date[:4] == y:
            agreeing.setdefault(c.symbol, c.date)
    if not agreeing:
        return cits
    return [c._replace(date=agreeing[c.symbol], repairs=c.repairs + ("date-year",))
            if y and c.date[:4] != y and c.symbol in agreeing else c
            for c, y in zip(cits, years)]


def _continues_list(text: str, found: list[Citation], start: int) -> bool:
    """True when a symbol directly follows the previous reference in a list ("…, 8008/BNNMT-ĐCKS
    ngày … và 8796/BNNMT-ĐCKS"): such items carry no "số" of their own."""
    if not found or found[-1].end > start or start - found[-1].end > 8:
        return False
    return " ".join(text[found[-1].end:start].split()) in (",", "và", ", và", ";")


def _shared_tails(text: str, cits: list[Citation]) -> list[Citation]:
    """A date or issuer written once after a list belongs to the items before it.

    "Chỉ thị số 31-CT/TU ngày 06/6/2023, Kế hoạch số 134-KH/TU ngày 29/12/2023 của Ban Thường vụ
    Tỉnh ủy": the issuer is both items'.  "Công điện số 008/CĐ-UBND và số 009/CĐ-UBND ngày
    19/11/2025": the date is both items' (only for items of the same type and issuer codes).
    """
    out = list(cits)
    for k in range(len(out) - 2, -1, -1):
        a, b = out[k], out[k + 1]
        if b.start < a.end or b.start - a.end > 12 or a.family != b.family:
            continue
        if " ".join(text[a.end:b.start].replace("*", " ").split()).lower() not in (",", "và", ", và"):
            continue
        if not a.issuer and b.issuer:
            a = a._replace(issuer=b.issuer)
        if not a.date and b.date and a.type_code == b.type_code and a.issuer_code == b.issuer_code:
            a = a._replace(date=b.date, year=a.year or b.year)
        out[k] = a
    return out


_LIST_ENDS = (",", ";", "và")


def _shared_numbers(text: str, cit: Citation, parsed: ParsedSymbol) -> list[Citation]:
    """``Kết luận số 187, 188-KL/TW``: one citation per extra number sharing the code.

    Called only when ``", "``, ``";"`` or ``"và"`` stands right before the symbol (the caller tests it)."""
    extra: list[Citation] = []
    end = cit.symbol_start
    while True:
        m = P.SHARED_NUMBERS_RE.search(text, max(0, end - 16), end)
        if not m or m.end() != end:
            break
        num = m.group(1)
        extra.append(cit._replace(
            start=m.start(1), end=m.end(1), text=text[m.start(1):m.end(1)], number=num,
            symbol=num + cit.symbol[len(cit.number):], original=text[m.start(1):m.end(1)],
            symbol_start=m.start(1), symbol_end=m.end(1), repairs=cit.repairs + ("shared-code",),
            subject=None,
        ))
        end = m.start(1)
    if not extra:
        return []
    extra.reverse()
    # the type word stands before the first number; move the main citation's start accordingly
    first = extra[0]
    type_start, type_word, _ = _type_before(text, first.symbol_start)
    if type_start == first.symbol_start:
        return []  # no "số" or type word before the list: "năm 2025, 8008/BNNMT-ĐCKS" is a date, then a symbol
    if type_word:
        extra[0] = first._replace(start=type_start, text=text[type_start:first.end])
    return extra
