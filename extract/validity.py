"""Validity stated by a text: when the document itself takes effect, and which documents it ends.

Two readings of one text and its citations (``extract_text``'s result):

- ``own_validity`` - the document's own effective date ("Quyết định này có hiệu lực thi hành kể từ
  ngày 01 tháng 7 năm 2026", "... kể từ ngày ký", "... sau 45 ngày kể từ ngày ký") and an expiry
  if stated ("Nghị quyết này hết hiệu lực kể từ ngày 31/12/2026"), each with its evidence.
- ``validity_statements`` - what the document does to others: "Thông tư này thay thế: a) …; b) …",
  "Bãi bỏ Quyết định số …", "Các quyết định sau hết hiệu lực …: a) …", "Nghị định số … hết hiệu lực
  kể từ ngày …", and its title "Sửa đổi, bổ sung một số điều của Nghị định số …".  Each affected
  document is its own statement, with the change (replaced | repealed | expired | amended), the
  scope (whole, or part with the part as written) and the date the text gives for the change.

The acting document is always the text itself: a cue counts only when the text is its subject
("<Loại> này thay thế …", "kể từ ngày <Loại> này có hiệu lực, … hết hiệu lực") or the cue opens a
clause of a normative act ("2. Bãi bỏ Quyết định số …").  Proposals (Tờ trình), reports, registers
of expired documents and consolidated texts state nothing of their own (``states_validity``).
Patterns are data with examples; tests/extract/test_validity.py holds the real sentences.
"""
from __future__ import annotations

import datetime as _dt
import re
from dataclasses import asdict, dataclass
from typing import Any, Iterable, Sequence

# -- the text, cleaned without moving offsets ------------------------------------------------------
_MARKUP = re.compile(r"[*_|#>`\[\]]")
_PAGE_HEAD = re.compile(r"công\s+báo\s*/\s*số\s*[\d +]+/\s*ngày\s*\d{1,2}\s*-\s*\d{1,2}\s*-\s*\d{4}(?:\s+\d{1,4}\b)?")


def clean(text: str) -> str:
    """Lower-case, markdown and Công báo page headers blanked, offsets unchanged."""
    low = "".join(c if len(c.lower()) != 1 else c.lower() for c in text)
    low = _MARKUP.sub(" ", low)
    return _PAGE_HEAD.sub(lambda m: " " * len(m.group(0)), low)


# -- dates -------------------------------------------------------------------------------------------
_DATE = re.compile(r"ngày\s*(\d{1,2})\s*(?:tháng\s*(\d{1,2})\s*năm\s*|[/.-]\s*(\d{1,2})\s*[/.-]\s*)((?:19|20)\d{2})")
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
_TYPES = "|".join(w.replace(" ", r"\s+") for w in sorted(TYPE_WORDS, key=len, reverse=True))
SELF = re.compile(r"\b(?:" + _TYPES + r")\s+này\b")
# "Quyết định này có hiệu lực thi hành kể từ ngày ký" / "... kể từ ngày 01 tháng 7 năm 2026"
_OWN_EFFECT = re.compile(r"\b(?P<self>(?:" + _TYPES + r")\s+này)\b(?P<mid>[^.;]{0,300}?)\bcó\s+hiệu\s+lực"
                         r"(?P<tail>[^;]{0,160})")
_SIGNING = re.compile(r"^\s*(?:thi\s+hành\s*)?,?\s*(?:kể\s+)?từ\s+(?:ngày|khi)\s+(?:ký|ban\s+hành|được\s+thông\s+qua|"
                      r"thông\s+qua|công\s+bố)")
_DELAY = re.compile(r"^\s*(?:thi\s+hành\s*)?,?\s*(?:sau|kể\s+từ\s+sau)\s+(?P<n>\d{1,3}|[a-zà-ỹ ]{3,15}?)\s+ngày,?\s*"
                    r"(?:kể\s+)?từ\s+ngày\s+(?:ký|ban\s+hành|công\s+bố)")
_AT_DATE = re.compile(r"^\s*(?:thi\s+hành\s*)?,?\s*(?:kể\s+)?(?:từ|vào)\s+(?:ngày\s*)?(?=\d|ngày)")
_OWN_EXPIRY = re.compile(r"\b(?:" + _TYPES + r")\s+này\b[^.;]{0,200}?\b(?:hết\s+hiệu\s+lực|có\s+hiệu\s+lực\s+đến"
                         r"(?:\s+hết)?|được\s+thực\s+hiện\s+đến(?:\s+hết)?)(?P<tail>[^.;]{0,60})")


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


def own_validity(text: str, doc_date: str | None, *, low: str | None = None) -> OwnValidity:
    """The document's own effective date and expiry, from its first effectivity sentence.

    >>> own_validity("Điều 3. Quyết định này có hiệu lực thi hành kể từ ngày ký.", "2025-11-20").effective
    '2025-11-20'
    >>> own_validity("Thông tư này có hiệu lực kể từ ngày 01 tháng 4 năm 2026.", None).effective
    '2026-04-01'
    """
    low = clean(text) if low is None else low
    eff, how, ev = None, "unknown", None
    for m in _OWN_EFFECT.finditer(low):
        before = low[max(0, m.start() - 16):m.start()]
        if re.search(r"(?:ngày|khi|thời\s+điểm)\s*$", before) or "hết hiệu lực" in m.group("mid") \
                or re.search(r"\b(?:điều|khoản|điểm)\s+\d", m.group("mid")):
            continue  # "kể từ ngày Thông tư này có hiệu lực": a reference to it, not its own clause
        tail = m.group("tail")
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
        ev = _sentence(text, m.start(), m.end())
        break
    exp, exp_ev = None, None
    for m in _OWN_EXPIRY.finditer(low):
        if re.search(r"(?:ngày|khi)\s*$", low[max(0, m.start() - 16):m.start()]):
            continue
        iso = parse_date(m.group("tail"))
        if iso:
            exp, exp_ev = iso, _sentence(text, m.start(), m.end())
            break
    return OwnValidity(eff, how if eff or how == "signing" else "unknown", ev, exp, exp_ev)


# -- what the document does to others ------------------------------------------------------------------
CHANGES = ("replaced", "repealed", "expired", "amended")
# active cues: the document acts on what follows ("Thông tư này thay thế …", "2. Bãi bỏ Quyết định số …")
_ACTIVE = re.compile(r"\b(?P<cue>thay\s+thế|bãi\s+bỏ|hủy\s+bỏ|huỷ\s+bỏ|chấm\s+dứt\s+hiệu\s+lực(?:\s+(?:thi\s+hành\s+)?của)?)\b")
_ACTIVE_CHANGE = {"thay": "replaced", "bãi": "repealed", "hủy": "repealed", "huỷ": "repealed", "chấm": "expired"}
# passive cue: what precedes it (or the list after it) ends
_PASSIVE = re.compile(r"\b(?:hết|chấm\s+dứt)\s+hiệu\s+lực(?:\s+thi\s+hành)?(?P<scope>\s+(?:toàn\s+bộ|một\s+phần))?")
# words before an active cue that make it no act of this text ("đề nghị bãi bỏ", "được thay thế bằng")
_NOT_ACT = re.compile(r"(?:được|bị|đề\s+nghị|việc|sẽ|dự\s+kiến|để|nhằm|xem\s+xét|trình|phải|cần|"
                      r"nghiên\s+cứu|xây\s+dựng|(?:" + _TYPES + r"))\s*$")
_PROPOSAL = re.compile(r"\b(?:tờ\s+trình|đề\s+nghị|dự\s+thảo|báo\s+cáo\s+thẩm\s+tra)\b")
# where a clause starts: a sentence end, a numbered clause, an article
_CLAUSE_BREAK = re.compile(r"(?<!\btp)(?<!\btt)\.\s+(?![a-zđ]\)|[-–+•]\s)|\n\s*\d{1,2}(?:\.\d{1,2})*\.\s|\bđiều\s+\d+[a-zđ]?\s*\.\s"
                           r"|\bchương\s+[ivxl]+\b|\bcăn\s+cứ\b|\btheo\s+đề\s+nghị\b|\b(?:quyết\s+định|quyết\s+nghị)\s*:")
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
_PART = re.compile(r"\b(?:điều\s+\d|khoản\s+\d|các\s+khoản|điểm\s+[a-zđ0-9]|các\s+điểm|mẫu(?:\s+số)?\b|phụ\s+lục|"
                   r"cụm\s+từ|số\s+thứ\s+tự|mục\s+[ivxl\d]|chương\s+[ivxl\d]|tiết\s+\d|biểu\b|danh\s+mục|"
                   r"một\s+số\s+(?:quy\s+định|điều|nội\s+dung)|các\s+quy\s+định|quy\s+định\s+(?:về|liên\s+quan|tại)|"
                   r"nội\s+dung|chỉ\s+tiêu|một\s+phần)")
_CHANGE_DATE = re.compile(r"^[\s,]*(?:thi\s+hành\s*)?(?:toàn\s+bộ\s*)?(?:kể\s+)?(?:từ|vào)\s+ngày\s*(?=\d)")
_NORMATIVE = {"luật", "bộ luật", "pháp lệnh", "nghị định", "nghị quyết", "thông tư", "thông tư liên tịch",
              "quyết định", "chỉ thị", "quy định", "quy chế", "kết luận"}


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
    documents (a consolidated text speaks for the acts it reproduces: see ``_Consolidated``).

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


def text_role(doc_type: str | None, title: str | None, symbol: str | None, low: str, citations: Iterable[Any] = ()) -> str:
    """``act`` | ``consolidated`` (a VBHN) | ``register`` (a list of expired documents, a
    systematisation) | ``proposal`` (Tờ trình, report): how the text's citations are to be read."""
    t = (doc_type or "").lower()
    if t.startswith("văn bản hợp nhất") or "VBHN" in (symbol or "").upper() or _Consolidated.of(low, citations):
        return "consolidated"
    if states_validity(doc_type, title, symbol, low[:3000]):
        return "act"
    return "proposal" if t.startswith(("tờ trình", "báo cáo")) or re.search(r"/(?:TTr|BC)-", symbol or "") else "register"


def _self_subject(s: str, doc_type: str | None, referred: bool = False) -> bool:
    """"<Loại> này" naming this document as the one that acts ("Nghị định này thay thế"), not "thi
    hành Luật này"; ``referred`` also accepts "kể từ ngày <Loại> này có hiệu lực"."""
    t = (doc_type or "").lower()
    for m in SELF.finditer(s):
        word = " ".join(m.group(0).split()[:-1])
        if not (word == "văn bản" or (t and (t.startswith(word) or word.startswith(t)))
                or (t == "quyết định" and word in ("quy định", "quy chế"))):
            continue
        pre = s[max(0, m.start() - 20):m.start()]
        if re.search(r"(?:ngày|khi|thời\s+điểm)\s*$", pre):
            if referred:
                return True
            continue
        if re.search(r"(?:thi\s+hành|theo|tại|của|với|trong|thực\s+hiện|triển\s+khai)\s*$", pre):
            continue
        return True
    return False


def _clause_start(low: str, pos: int, floor: int = 2500) -> int:
    lo = max(0, pos - floor)
    last = lo
    for m in _CLAUSE_BREAK.finditer(low, lo, pos):
        last = m.end()
    return last


def _clause_end(low: str, pos: int, cap: int = 4000) -> int:
    m = _CLAUSE_BREAK.search(low, pos, min(len(low), pos + cap))
    return m.start() if m else min(len(low), pos + cap)


def _words(s: str) -> list[str]:
    return re.findall(r"[a-zà-ỹđ]+", s)


_LABEL = re.compile(r"(?:^|(?<=[\s(;:]))[a-zđ]\)|\b[ivxl]+\.")
_LAW_NAME = re.compile(r"\b(?:bộ\s+)?luật\s+(?!số)[^;:()]{1,90}?\s+số\s*$")


def _clean_gap(gap: str) -> bool:
    """Only fillers ("các", "Thông tư số", "toàn bộ", "Luật Đầu tư số") between a separator and a document."""
    gap = _LABEL.sub(" ", _LAW_NAME.sub(" ", gap))
    return all(w in _FILLER for w in _words(gap))


def _at(c: Any) -> int:
    """Where the số hiệu itself starts (the type word before it may be shared or missing)."""
    return getattr(c, "symbol_start", 0) or c.start


def _last_sep(low: str, lo: int, hi: int) -> int:
    last = lo
    for m in _SEP.finditer(low, lo, hi):
        last = m.end()
    return last


def _items(low: str, cits: Sequence[Any], lo: int, hi: int, stop: int | None = None) -> list[tuple[Any, str | None]]:
    """Documents an enumeration in ``low[lo:hi]`` names, each with its part (None: as a whole).

    An item opens at the range start, after ";", ":", "a)", "-", or after "và"/"," following a
    whole item of the same type outside an amendment history; documents inside an item's
    description ("hướng dẫn thi hành Nghị định số …") are not items.
    """
    out: list[tuple[Any, str | None]] = []
    prev_end, prev_head = lo, None
    for c in cits:
        at = _at(c)
        if at < lo or at >= hi or (stop is not None and at >= stop):
            continue
        sep = _last_sep(low, max(lo, prev_end), at)
        gap = low[sep:at]
        if sep == prev_end and prev_head is not None and at > prev_end:
            # no separator since the previous document: "… và Thông tư số …" continues the list only
            # right after a whole item of the same type, outside a history of amendments
            between = low[prev_head.end:at]
            tail = None
            for tail in re.finditer(r"(?:\s|^)(?:và|,)\s", between):
                pass
            same = (getattr(prev_head, "type_code", None) or "") == (getattr(c, "type_code", None) or "")
            if tail and same and not _HISTORY.search(between[:tail.start()]) and _clean_gap(between[tail.end():]):
                out.append((c, None))
                prev_head = c
            prev_end = c.end
            continue
        if prev_end > sep:  # a document already named in this item: a description
            prev_end = c.end
            continue
        if _clean_gap(gap):
            out.append((c, None))
            prev_head = c
        else:
            pm = _PART.search(gap)
            if pm:
                part = re.sub(r"\s+(?:của|tại|thuộc|ban\s+hành\s+kèm\s+theo|kèm\s+theo)\s*(?:các\s+)?$", "",
                              gap[pm.start():].strip(" ,:*")).strip()
                out.append((c, part or gap.strip()))
            prev_head = None
        prev_end = c.end
    return out


_BY_CLAUSE = re.compile(r"được\s+sửa\s+đổi,?\s+bổ\s+sung\s+bởi\s*:")
_INTRO = re.compile(r"quy\s+định\s+như\s+sau\s*:")
_EFFECT_AFTER = re.compile(r"có\s+hiệu\s+lực(?:\s+thi\s+hành)?\s+(?:kể\s+)?từ\s+ngày\s*\d")


class _Consolidated:
    """A consolidated text (VBHN): its articles speak for the original act, its footnotes that quote
    an amending act ("Điều 51 của Luật Đầu tư số 143/2025/QH15, có hiệu lực kể từ ngày 01 tháng 3
    năm 2026 có quy định như sau: “…”") for that act."""

    def __init__(self, base: tuple, intros: list[tuple[int, int, tuple]]) -> None:
        self.base, self.intros = base, intros

    @staticmethod
    def _act(low: str, c: Any) -> tuple[str, str | None, str | None, str]:
        tail = low[c.end:c.end + 300]
        m = _EFFECT_AFTER.search(tail)
        eff = parse_date(tail[m.start():m.end() + 40]) if m else None
        return c.symbol, getattr(c, "date", None), eff, type_of(getattr(c, "type", None), c.symbol)

    @classmethod
    def of(cls, low: str, citations: Iterable[Any]) -> "_Consolidated | None":
        head = _BY_CLAUSE.search(low, 0, 6000)
        if not head:
            return None
        cits = sorted(citations, key=_at)
        first = next((c for c in cits if c.end <= head.start() and head.start() - c.end < 400), None)
        if first is None:
            return None
        intros = []
        for m in _INTRO.finditer(low, head.end()):
            c = next((c for c in reversed(cits) if c.end <= m.start()), None)
            if c is None or m.start() - c.end > 400 or re.search(r"[“\"]", low[c.end:m.start()]):
                continue
            close = re.compile(r"[”\"]\s*\.").search(low, m.end())
            intros.append((m.end(), close.start() if close else len(low), cls._act(low, c)))
        return cls(cls._act(low, first), intros)

    def actor(self, pos: int) -> tuple[str, str | None, str | None, str]:
        for lo, hi, act in reversed(self.intros):
            if lo <= pos <= hi:
                return act
        return self.base

    def type_at(self, pos: int) -> str:
        return self.actor(pos)[3]


def validity_statements(text: str, citations: Iterable[Any], *, doc_type: str | None = None,
                        title: str | None = None, symbol: str | None = None, doc_date: str | None = None,
                        own: OwnValidity | None = None, low: str | None = None) -> list[Statement]:
    """Every document this text replaces, repeals, ends or amends (see the module docstring)."""
    low = clean(text) if low is None else low
    if not states_validity(doc_type, title, symbol, low[:3000]):
        return []
    own = own or own_validity(text, doc_date, low=low)
    vbhn = _Consolidated.of(low, citations)
    cits = sorted((c for c in citations if not getattr(c, "short_form", False)), key=_at)
    doc_type = type_of(doc_type, symbol)
    normative = doc_type in _NORMATIVE
    title_low = " ".join((title or "").lower().split())
    out: dict[tuple[str, str, str | None], Statement] = {}

    def emit(c: Any, change: str, part: str | None, cue_at: int, after: str, evid_lo: int, evid_hi: int) -> None:
        actor = vbhn.actor(cue_at) if vbhn else None
        if actor is not None and actor[0] == c.symbol or symbol and c.symbol == symbol:
            return
        m = _CHANGE_DATE.match(after)
        when = parse_date(after[:m.end() + 40]) if m else None
        if when:
            eff, how = when, "stated"
        elif actor is not None:
            eff, how = actor[2], "stated" if actor[2] else "unknown"
        else:
            eff, how = own.effective, own.effective_from
        ev = " ".join(text[evid_lo:evid_hi].split())
        k = (c.key or c.symbol, change, part)
        if k not in out:
            out[k] = Statement(c.symbol, c.key, change, "part" if part else "whole", part, getattr(c, "date", None),
                               getattr(c, "issuer", None), eff, how, ev[:1500], c.start, c.end,
                               by=actor[0] if actor else None, by_date=actor[1] if actor else None,
                               type=getattr(c, "type", None), subject=getattr(c, "subject", None))

    inside = [(_at(c), getattr(c, "symbol_end", 0) or c.end) for c in cits]

    def in_citation(pos: int) -> bool:
        return any(s <= pos < e for s, e in inside)

    for m in _ACTIVE.finditer(low):
        if in_citation(m.start()):
            continue
        cs, ce = _clause_start(low, m.start()), _clause_end(low, m.end())
        before = low[cs:m.start()]
        titled = m.start() < 4000 and title_low and title_low.startswith(" ".join(low[m.start():m.end() + 40].split())[:20])
        if not titled and (_NOT_ACT.search(before[-40:]) or _PROPOSAL.search(before)):
            continue
        selfm = _self_subject(before, vbhn.type_at(m.start()) if vbhn else doc_type) or titled
        opening = _clean_gap(re.sub(r"^[\s\d.)a-zđ]{0,4}\)?", "", before)) and not before.strip().startswith(("và", ","))
        if not (selfm or (opening and normative)):
            continue
        if re.search(r"^\s+(?:bằng|cho|thành)\b", low[m.end():m.end() + 8]):
            continue  # "thay thế bằng", "thay thế cho": what follows is the new text
        rest = low[m.end():ce]
        first = next((c for c in cits if m.end() <= _at(c) < ce), None)
        if first is None:
            continue
        lead = low[m.end():_at(first)]
        head_part = None
        if not _clean_gap(re.sub(r"(?:kể\s+)?từ\s+ngày\s*\d{1,2}\s*(?:tháng\s*\d{1,2}\s*năm\s*\d{4}|[/.-]\d{1,2}[/.-]\d{4})", " ", lead)):
            pm = _PART.search(lead)
            if not pm:
                continue
            head_part = " ".join(text[m.end() + pm.start():first.start if first.start > m.end() + pm.start() else _at(first)].split()).strip(" ,:")
            head_part = re.sub(r"\s+(?:của|tại|thuộc|ban hành kèm theo|kèm theo)\s*(?:các\s+)?(?:\S+\s+)?(?:sau(?:\s+đây)?)?\s*:?\s*$",
                               "", head_part, flags=re.I) or head_part
        stop = None
        bm = re.search(r"\sbằng\s", rest)
        if bm:
            stop = m.end() + bm.start()
        change = _ACTIVE_CHANGE[m.group("cue").split()[0]]
        for c, part in _items(low, cits, m.end(), ce, stop):
            emit(c, change, head_part or part, m.start(), rest, cs, ce)

    for m in _PASSIVE.finditer(low):
        if in_citation(m.start()):
            continue
        cs, ce = _clause_start(low, m.start()), _clause_end(low, m.end())
        before = low[cs:m.start()]
        if _PROPOSAL.search(before) or re.search(r"(?:đã|chưa|không|sẽ|khi|nếu|còn)\s*$", before[-12:]):
            continue
        whole_clause = low[cs:ce]
        selfm = _self_subject(whole_clause, vbhn.type_at(m.start()) if vbhn else doc_type, referred=True)
        after = low[m.end():ce]
        dated = bool(_CHANGE_DATE.match(after))
        partial = (m.group("scope") or "").strip().startswith("một")
        lead_in = re.match(r"\s*kể\s+từ\s+(?:ngày|khi)\s[^,;:]{0,80}?(?:có\s+hiệu\s+lực(?:\s+thi\s+hành)?|\d{4})\s*,", before)
        items = _items(low, cits, cs + (lead_in.end() if lead_in else 0), m.start())
        if not items:
            lead = low[m.end():]
            items = _items(low, cits, m.end(), ce) if re.match(r"[^.;]{0,200}:", lead) else []
        if not items or not (selfm or dated or normative):
            continue
        for c, part in items:
            emit(c, "expired", part or ("một phần" if partial else None), m.start(), after, cs, ce)

    # the title: "Nghị định sửa đổi, bổ sung một số điều của Nghị định số …" (the extractor's relation)
    for c in cits:
        if getattr(c, "relation", None) == "amends" and c.start < 3000:
            k = (c.key or c.symbol, "amended", None)
            if k not in out and c.symbol != symbol:
                out[k] = Statement(c.symbol, c.key, "amended", "part", None, getattr(c, "date", None),
                                   getattr(c, "issuer", None), own.effective, own.effective_from,
                                   " ".join(text[max(0, c.start - 120):c.end].split()), c.start, c.end)
    return sorted(out.values(), key=lambda s: s.start)


_PROVINCE = re.compile(r"\b(?:tỉnh|thành\s+phố|TP\.?)\s+((?:[A-ZĐÀ-Ỹ][\wÀ-ỹ]*)(?:\s+[A-ZĐÀ-Ỹ][\wÀ-ỹ]*){0,3})")


def province_named(issuer: str | None) -> str | None:
    """The province an issuer text names ("Ủy ban nhân dân tỉnh Hòa Bình" -> "Hòa Bình"), else None.

    >>> province_named("Ủy ban nhân dân tỉnh Hòa Bình"), province_named("HĐND Thành phố Hà Nội"), province_named("UBND tỉnh")
    ('Hòa Bình', 'Hà Nội', None)
    """
    m = _PROVINCE.search(issuer or "") or re.search(r"\b(?:Tỉnh|Thành\s+phố)\s+((?:[A-ZĐÀ-Ỹ][\wÀ-ỹ]*)(?:\s+[A-ZĐÀ-Ỹ][\wÀ-ỹ]*){0,3})", issuer or "")
    return " ".join(m.group(1).split()) if m else None
