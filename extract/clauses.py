"""Reading validity sentences: dates, a document's own effectivity, clauses and the items of an
enumeration.  The building blocks of ``extract.validity`` (which documents a text ends or amends).

- ``clean`` lower-cases a text and blanks markdown and Công báo page headers without moving offsets;
- ``parse_date`` / ``own_validity``: "có hiệu lực (thi hành) (kể) từ ngày D", "kể từ ngày ký",
  "sau N ngày kể từ ngày ký", "… đến hết ngày D";
- clauses (``clause_start`` / ``clause_end``) break at sentence ends, numbered clauses, articles,
  "Căn cứ", "Theo đề nghị", "QUYẾT ĐỊNH:";
- ``read_items`` reads the documents an enumeration names, each whole or with its part as written.
"""
from __future__ import annotations

import datetime as _dt
import re
from bisect import bisect_left, bisect_right
from dataclasses import asdict, dataclass
from functools import lru_cache
from typing import Any, Iterable, Iterator, Sequence

from extract.models import Citation


class Cue:
    """A pattern that can only match where one of its first words starts ("thay" for "thay\\s+thế"):
    ``finditer`` finds exactly what ``pattern.finditer`` finds, but runs the regex only where
    ``str.find`` sees a first word, which is several times cheaper than the regex engine stepping
    through every position of a long text."""

    __slots__ = ("pattern", "firsts")

    def __init__(self, pattern: str, firsts: tuple[str, ...]) -> None:
        self.pattern, self.firsts = re.compile(pattern), firsts

    def finditer(self, s: str, lo: int = 0, hi: int | None = None) -> Iterator[re.Match[str]]:
        hi = len(s) if hi is None else hi
        starts = []
        for w in self.firsts:
            i = s.find(w, lo, hi)
            while i >= 0:
                starts.append(i)
                i = s.find(w, i + 1, hi)
        end = lo
        for i in sorted(starts):
            if i >= end and (m := self.pattern.match(s, i, hi)):
                end = m.end()
                yield m


# -- the text, cleaned without moving offsets ------------------------------------------------------
_MARKUP = re.compile(r"[*_|#>`\[\]]")
_PAGE_HEAD = re.compile(r"công\s+báo\s*/\s*số\s*[\d +]+/\s*ngày\s*\d{1,2}\s*-\s*\d{1,2}\s*-\s*\d{4}(?:\s+\d{1,4}\b)?")


def clean(text: str) -> str:
    """Lower-case, markdown and Công báo page headers blanked, offsets unchanged."""
    low = text.lower()
    if len(low) != len(text):  # a character whose lower case is longer ("İ"): keep it as it is
        low = "".join(c if len(c.lower()) != 1 else c.lower() for c in text)
    low = _MARKUP.sub(" ", low)
    return _PAGE_HEAD.sub(lambda m: " " * len(m.group(0)), low)


# -- dates -------------------------------------------------------------------------------------------
_DATE = re.compile(r"ngày\s*(\d{1,2})\s*(?:tháng\s*(\d{1,2})[\s.,]*năm\s*|[/.-]\s*(\d{1,2})\s*[/.-]\s*)((?:19|20)\d{2})")
_NUM_WORDS = {"mười lăm": 15, "mười": 10, "bốn mươi lăm": 45, "ba mươi": 30, "sáu mươi": 60, "năm": 5, "bảy": 7}


def parse_date(s: str) -> str | None:
    """The first "ngày 01 tháng 7 năm 2026" / "ngày 01/7/2026" in ``s`` as ISO, else None.

    >>> parse_date("kể từ ngày 01 tháng 7 năm 2026"), parse_date("từ ngày 15/02/2024")
    ('2026-07-01', '2024-02-15')
    """
    m = _DATE.search(s)
    if not m:
        return None
    d, mo, y = int(m.group(1)), int(m.group(2) or m.group(3)), int(m.group(4))
    try:
        return _dt.date(y, mo, d).isoformat()
    except ValueError:
        return None


# -- the document itself ---------------------------------------------------------------------------
TYPE_WORDS = ("nghị định", "nghị quyết", "thông tư liên tịch", "thông tư", "quyết định", "bộ luật", "luật",
              "pháp lệnh", "chỉ thị", "kế hoạch", "quy định", "quy chế", "hướng dẫn", "văn bản", "lệnh",
              "thông báo", "chương trình", "đề án", "công văn", "thông tri", "kết luận", "hiến pháp")
TYPE_ALTERNATION = "|".join(w.replace(" ", r"\s+") for w in sorted(TYPE_WORDS, key=len, reverse=True))
SELF = re.compile(r"\b(?:" + TYPE_ALTERNATION + r")\s+này\b")
# "Quyết định này có hiệu lực thi hành kể từ ngày ký" / "... kể từ ngày 01 tháng 7 năm 2026"
_EFFECT_WORDS = Cue(r"\bcó\s+hiệu\s+lực", ("có",))
_BARE_SELF = re.compile(r"(?:^|\n)[ \t*]*(?:\d{1,2}\.\s*)?(?:" + TYPE_ALTERNATION + r")\s+$")
_SIGNING = re.compile(r"^\s*(?:thi\s+hành\s*)?,?\s*(?:kể\s+)?từ\s+(?:ngày|khi)\s+(?:ký|ban\s+hành|được\s+thông\s+qua|"
                      r"thông\s+qua|công\s+bố)")
_DELAY = re.compile(r"^\s*(?:thi\s+hành\s*)?,?\s*(?:sau|kể\s+từ\s+sau)\s+(?P<n>\d{1,3}|[a-zà-ỹ ]{3,15}?)\s+ngày,?\s*"
                    r"(?:kể\s+)?từ\s+ngày\s+(?:ký|ban\s+hành|công\s+bố)")
_AT_DATE = re.compile(r"^\s*(?:thi\s+hành\s*)?,?\s*(?:kể\s+)?(?:từ|vào)\s+(?:ngày\s*)?(?=\d|ngày)")
_EXPIRY_WORDS = Cue(r"\b(?:hết\s+hiệu\s+lực|có\s+hiệu\s+lực\s+đến(?:\s+hết)?|được\s+thực\s+hiện\s+đến(?:\s+hết)?)",
                    ("hết", "có", "được"))


@dataclass(frozen=True, slots=True)
class OwnValidity:
    """When the document takes effect (and ends), as it says."""

    effective: str | None = None
    effective_from: str = "unknown"  # stated | signing | unknown
    evidence: str | None = None
    expiry: str | None = None
    expiry_evidence: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


def _sentence(text: str, start: int, end: int, limit: int = 400) -> str:
    lo = max(0, start - limit)
    cut = max(text.rfind(". ", lo, start), text.rfind(".\n", lo, start), text.rfind(";", lo, start),
              text.rfind("\n\n", lo, start))
    lo = cut + 1 if cut >= 0 else lo
    hi = min(len(text), end + limit)
    stops = [i for i in (text.find(". ", end, hi), text.find(".\n", end, hi), text.find(";", end, hi)) if i >= 0]
    hi = min(stops) + 1 if stops else hi
    return " ".join(text[lo:hi].split())


def _add_days(iso: str | None, n: int) -> str | None:
    return (_dt.date.fromisoformat(iso) + _dt.timedelta(days=n)).isoformat() if iso else None


def own_effects(low: str, lo: int = 0, hi: int | None = None, *, words: Cue = _EFFECT_WORDS,
                 bare: bool = True) -> Iterable[tuple[int, int, str]]:
    """(start, end, what follows) of each "<Loại> này … có hiệu lực" the document says of itself in
    ``low[lo:hi]``; not "kể từ ngày Thông tư này có hiệu lực", a reference to it."""
    hi = len(low) if hi is None else hi
    for w in words.finditer(low, lo, hi):
        seg_lo = max(lo, w.start() - 300)
        seg = low[seg_lo:w.start()]
        cut = max(seg.rfind("."), seg.rfind(";"))
        seg, seg_lo = (seg[cut + 1:], seg_lo + cut + 1) if cut >= 0 else (seg, seg_lo)
        selfs = list(SELF.finditer(seg))
        m = selfs[-1] if selfs else None
        if m is not None:
            mid = seg[m.end():]
            if re.search(r"(?:ngày|khi|thời\s+điểm)\s*$", seg[max(0, m.start() - 16):m.start()]) \
                    or "hết hiệu lực" in mid or re.search(r"\b(?:điều|khoản|điểm)\s+\d", mid):
                continue
            start = seg_lo + m.start()
        elif bare and (b := _BARE_SELF.search(seg)):
            start = seg_lo + b.start()
        else:
            continue
        tail = low[w.end():min(hi, w.end() + 160)]
        yield start, w.end(), re.split(r";|\.(?=\s|$)", tail, maxsplit=1)[0]


def own_validity(text: str, doc_date: str | None, *, low: str | None = None) -> OwnValidity:
    """The document's own effective date and expiry, from its first effectivity sentence.

    >>> own_validity("Điều 3. Quyết định này có hiệu lực thi hành kể từ ngày ký.", "2025-11-20").effective
    '2025-11-20'
    >>> own_validity("Thông tư này có hiệu lực kể từ ngày 01 tháng 4 năm 2026.", None).effective
    '2026-04-01'
    """
    low = clean(text) if low is None else low
    eff, how, ev, ev_at = None, "unknown", None, 0
    for start, end, tail in own_effects(low):
        if _SIGNING.match(tail):
            eff, how = doc_date, "signing"
        elif (d := _DELAY.match(tail)):
            n = d.group("n")
            days = int(n) if n.isdigit() else _NUM_WORDS.get(n.strip())
            if days is None:
                continue
            eff, how = _add_days(doc_date, days), "stated"
        elif _AT_DATE.match(tail) and (iso := parse_date(tail[:60])):
            eff, how = iso, "stated"
        else:
            continue
        ev, ev_at = _sentence(text, start, end), end
        break
    exp, exp_ev = None, None
    until = re.search(r"\bđến\s+(?:hết\s+)?ngày\s*\d", low[ev_at:ev_at + 400]) if ev else None
    if until and (iso := parse_date(low[ev_at + until.start():ev_at + until.end() + 40])):
        return OwnValidity(eff, how, ev, iso, ev)  # "có hiệu lực từ ngày … đến hết ngày 31/12/2026"
    for start, end, tail in own_effects(low, words=_EXPIRY_WORDS, bare=False):
        iso = parse_date(tail[:60])
        if iso:
            exp, exp_ev = iso, _sentence(text, start, end)
            break
    return OwnValidity(eff, how if eff or how == "signing" else "unknown", ev, exp, exp_ev)


# where a clause starts: a sentence end, a numbered clause, an article.  Every alternative opens with a
# literal character (the word boundary comes after it: "đ(?<!\wđ)iều" is "\bđiều"), so the regex
# engine skips straight to those characters instead of trying the pattern at every position.
_CLAUSE_BREAK = re.compile(r"\.(?<!\btp\.)(?<!\btt\.)\s++(?![a-zđ]\)|[-–+•]\s)|\n\s*\d{1,2}(?:\.\d{1,2})*\.\s"
                           r"|đ(?<!\wđ)iều\s+\d+[a-zđ]?\s*\.\s|c(?<!\wc)hương\s+[ivxl]+\b|c(?<!\wc)ăn\s+cứ\b"
                           r"|t(?<!\wt)heo\s+đề\s+nghị\b|\n[ \t*]*(?:quyết\s+định|quyết\s+nghị)[ \t*]*:")
# between two affected documents of one enumeration
_SEP = re.compile(r";|:|(?:^|[\s(])[a-zđ]\)\s|\n\s*[-–+•]\s|\n\s*\d{1,2}\.\s")
_AND = re.compile(r"\s(?:và|,)\s*$")
# an amendment history or description: documents named after it are not items ("… sửa đổi, bổ sung
# một số điều của Nghị định số …", "… đã được sửa đổi, bổ sung theo Luật số …")
_HISTORY = re.compile(r"sửa\s+đổi|bổ\s+sung|hợp\s+nhất|đính\s+chính")
# what may stand between a separator (or the cue) and a whole affected document
_FILLER = {"các", "những", "toàn", "bộ", "đồng", "thời", "sau", "đây", "văn", "bản", "quy", "phạm", "pháp", "luật",
           "bãi", "bỏ", "và", "số", "thi", "hành", "gồm", "cụ", "thể", "như", "cả",
           # type words ("Thông tư liên tịch số", "Kế hoạch số"); not "hướng dẫn", a describing verb too
           "nghị", "định", "quyết", "thông", "tư", "liên", "tịch", "chỉ", "thị", "kế", "hoạch", "chế", "lệnh",
           "báo", "chương", "trình", "đề", "án", "công", "kết", "luận", "hiến", "tri"}
# the part of a document a change acts on ("Điều 10 của", "Mẫu số 15 … kèm theo", "một số quy định tại")
PART = re.compile(r"\b(?:điều\s+\d|khoản\s+\d|các\s+khoản|các\s+điều|điều,?\s+khoản|điểm\s+[a-zđ0-9]|các\s+điểm|mẫu(?:\s+số)?\b|phụ\s+lục|"
                   r"cụm\s+từ|số\s+thứ\s+tự|mục\s+[ivxl\d]|chương\s+[ivxl\d]|tiết\s+\d|biểu\b|danh\s+mục|"
                   r"một\s+số\s+(?:quy\s+định|điều|nội\s+dung)|các\s+quy\s+định|quy\s+định\s+(?:về|liên\s+quan|tại)|"
                   r"nội\s+dung|chỉ\s+tiêu|một\s+phần|thủ\s+tục\s+hành\s+chính)")


@dataclass(frozen=True, slots=True)
class Statement:
    """One document the text acts on: ``change`` of ``symbol`` by the text itself."""

    symbol: str
    key: str
    change: str  # replaced | repealed | expired | amended
    scope: str  # whole | part
    part: str | None
    date: str | None  # the affected document's date as given next to it
    issuer: str | None
    effective: str | None
    effective_from: str  # stated | signing | unknown
    evidence: str
    start: int
    end: int
    by: str | None = None  # the acting document when not the text itself (an act a consolidated text reproduces)
    by_date: str | None = None
    type: str | None = None  # the affected document's type word and subject as the text gives them: two
    subject: str | None = None  # documents with one number ("Luật … 71/2006/QH11", "Nghị quyết 71/2006/QH11") differ

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


def states_validity(doc_type: str | None, title: str | None, symbol: str | None, head: str) -> bool:
    """False for texts that state no change of their own: proposals, reports, registers of expired
    documents (a consolidated text speaks for the acts it reproduces: see ``extract.validity``).

    >>> states_validity("Quyết định", "Về việc công bố Danh mục văn bản quy phạm pháp luật hết hiệu lực", None, "")
    False
    >>> states_validity("Tờ trình", "", "382/TTr-UBND", ""), states_validity("Thông tư", "", "1/2026/TT-BTC", "")
    (False, True)
    """
    t = (doc_type or "").lower()
    s = (symbol or "").upper()
    if t.startswith(("tờ trình", "báo cáo")) or any(c in s for c in ("/TTR", "/BC-", "-BC/")):
        return False
    words = " ".join((title or head[:1200]).lower().split())
    if "danh mục" in words and ("hết hiệu lực" in words or re.search(r"hệ thống h(?:óa|oá)", words)):
        return False
    return not re.search(r"\bhệ\s+thống\s+h(?:óa|oá|oa)\b.{0,80}\bvăn\s+bản", words)


_CODE_TYPES = {"NĐ": "nghị định", "NQ": "nghị quyết", "TT": "thông tư", "TTLT": "thông tư liên tịch",
               "QĐ": "quyết định", "CT": "chỉ thị", "KH": "kế hoạch", "L": "luật", "PL": "pháp lệnh",
               "KL": "kết luận", "HD": "hướng dẫn", "TB": "thông báo", "CTr": "chương trình", "ĐA": "đề án"}


def type_of(doc_type: str | None, symbol: str | None) -> str:
    """The document's type word, lower-case; from its symbol's code when the header gave none.

    >>> type_of("Văn bản", "233/2025/NĐ-CP"), type_of(None, "143/2025/QH15"), type_of("Quyết định", None)
    ('nghị định', 'luật', 'quyết định')
    """
    t = " ".join((doc_type or "").lower().split())
    if t and t != "văn bản":
        return t
    sym = symbol or ""
    m = re.search(r"[/-]([A-ZĐa-z]+)[-/]", sym.replace("/", "/", 1))
    if m and m.group(1) in _CODE_TYPES:
        return _CODE_TYPES[m.group(1)]
    if re.search(r"/QH\d+$", sym):
        return "luật"
    return t


def self_subject(s: str, doc_type: str | None, referred: bool = False) -> int:
    """Where "<Loại> này" names this document as the one that acts ("Nghị định này thay thế", not "thi
    hành Luật này") ends in ``s``, else 0; ``referred`` also accepts "kể từ ngày <Loại> này có hiệu lực"."""
    t = (doc_type or "").lower()
    found = 0
    for m in SELF.finditer(s):
        word = " ".join(m.group(0).split()[:-1])
        if not (word == "văn bản" or (t and (t.startswith(word) or word.startswith(t)))
                or (t == "quyết định" and word in ("quy định", "quy chế"))):
            continue
        pre = s[max(0, m.start() - 20):m.start()]
        if re.search(r"(?:ngày|khi|thời\s+điểm)\s*$", pre) and not referred:
            continue
        if re.search(r"(?:thi\s+hành|theo|tại|của|với|trong|thực\s+hiện|triển\s+khai)\s*$", pre) \
                and not re.search(r"\n[ \t\r]*\n[ \t*]*$", pre):  # a heading ("Hiệu lực thi hành") ends there
            continue
        found = m.end()
    return found


@lru_cache(maxsize=8)
def _breaks(low: str) -> tuple[list[int], list[int]]:
    """Where clauses break in ``low``: (starts, ends) of every ``_CLAUSE_BREAK``, ascending."""
    ms = list(_CLAUSE_BREAK.finditer(low))
    return [m.start() for m in ms], [m.end() for m in ms]


def clause_start(low: str, pos: int, floor: int = 2500) -> int:
    starts, ends = _breaks(low)
    i = bisect_right(ends, pos) - 1  # the last break that ends at or before pos
    return max(ends[i], pos - floor, 0) if i >= 0 else max(0, pos - floor)


def clause_end(low: str, pos: int, cap: int = 4000) -> int:
    starts, _ = _breaks(low)
    i = bisect_left(starts, pos)
    return min(starts[i], pos + cap, len(low)) if i < len(starts) else min(len(low), pos + cap)


def _words(s: str) -> list[str]:
    return re.findall(r"[a-zà-ỹđ]+", s)


_LABEL = re.compile(r"(?:^|(?<=[\s(;:]))[a-zđ]\)|\b[ivxl]+\.")
_LAW_NAME = re.compile(r"\b(?:bộ\s+)?luật\s+(?!số)[^;:()]{1,90}?\s+số\s*$")


def clean_gap(gap: str) -> bool:
    """Only fillers ("các", "Thông tư số", "toàn bộ", "Luật Đầu tư số") between a separator and a document."""
    if len(gap) > 300:  # fillers and a law's name are short
        return False
    gap = _LABEL.sub(" ", _LAW_NAME.sub(" ", gap))
    return all(w in _FILLER for w in _words(gap))


def symbol_at(c: Citation) -> int:
    """Where the số hiệu itself starts (the type word before it may be shared or missing)."""
    return c.symbol_start or c.start


def _last_sep(low: str, lo: int, hi: int) -> int:
    last = lo
    for m in _SEP.finditer(low, lo, hi):
        last = m.end()
    return last


_PART_TAIL = re.compile(r"(?:\s+(?:của|tại|thuộc|ban\s+hành\s+kèm\s+theo|kèm\s+theo|quy\s+định\s+tại))*"
                        r"(?:\s+(?:các\s+)?(?:" + TYPE_ALTERNATION + r")(?:\s+số)?)?[\s,:]*$", re.IGNORECASE)


def part_text(text: str, lo: int, hi: int) -> str:
    """The part as written: "Mẫu số 04 Phụ lục II" out of "Mẫu số 04 Phụ lục II ban hành kèm theo Thông tư số"."""
    s = " ".join(text[lo:hi].split()).strip(" ,:;*")
    return _PART_TAIL.sub("", s).strip(" ,") or s


def text_after(text: str, end: int) -> str | None:
    """What follows a reference up to the end of its item: its issuer and subject, as written."""
    s = re.split(r"[;:]|\.\s|\n\s*[a-zđ]\)", text[end:end + 300], maxsplit=1)[0]
    return " ".join(s.split()) or None


def read_items(low: str, cits: Sequence[Any], lo: int, hi: int, stop: int | None = None,
           text: str | None = None) -> list[tuple[Any, str | None]]:
    """Documents an enumeration in ``low[lo:hi]`` names, each with its part (None: as a whole).

    An item opens at the range start, after ";", ":", "a)", "-", or after "và"/"," following a
    whole item of the same type outside an amendment history; documents inside an item's
    description ("hướng dẫn thi hành Nghị định số …") are not items.
    """
    out: list[tuple[Any, str | None]] = []
    prev_end, prev_head, named = lo, None, False
    for c in cits:
        at = symbol_at(c)
        if at < lo or at >= hi or (stop is not None and at >= stop):
            continue
        sep = _last_sep(low, max(lo, prev_end), at)
        gap = low[sep:at]
        if named and sep == prev_end and prev_head is None:  # inside the previous item's description
            prev_end = max(prev_end, c.end)
            continue
        named = True
        if sep == prev_end and prev_head is not None and at > prev_end:
            # no separator since the previous document: "… và Thông tư số …" continues the list only
            # right after a whole item of the same type, outside a history of amendments
            between = low[prev_head.end:at]
            tail = None
            for tail in re.finditer(r"(?:(?:\s|^)và|,)\s", between):
                pass
            same = (prev_head.type_code or "") == (c.type_code or "")
            # an amendment history names documents ("… sửa đổi, bổ sung … của Nghị định số A và Nghị định số B");
            # a law's name with those words and no number ("Luật sửa đổi, bổ sung … Luật Di sản văn hóa") does not
            history = tail is not None and _HISTORY.search(between[:tail.start()]) and any(
                prev_head.end <= symbol_at(x) < at for x in cits if x is not c and x is not prev_head)
            if tail and same and not history and clean_gap(between[tail.end():]):
                out.append((c, None))
                prev_head = c
            prev_end = c.end
            continue
        if prev_end > sep:  # a document already named in this item: a description
            prev_end = c.end
            continue
        if clean_gap(gap):
            # "… đã công bố tại các Quyết định số A; Quyết định số B": a list after a part shares it
            shared = out[-1][1] if out and out[-1][1] and low[sep - 1:sep] in (";", ",") else None
            out.append((c, shared))
            prev_head = None if shared else c
        else:
            pm = PART.search(gap)
            if pm:
                out.append((c, part_text(text if text is not None else low, sep + pm.start(), at)))
            elif not out:
                return []  # "Các thủ tục hành chính đã công bố tại các Quyết định số …; …": not documents
            prev_head = None
        prev_end = c.end
    return out
