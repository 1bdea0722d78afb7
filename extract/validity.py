"""Validity stated by a text: when the document itself takes effect, and which documents it ends.

Two readings of one text and its citations (``extract_text``'s result):

- ``own_validity`` - the document's own effective date ("Quyết định này có hiệu lực thi hành kể từ
  ngày 01 tháng 7 năm 2026", "... kể từ ngày ký", "... sau 45 ngày kể từ ngày ký") and an expiry
  if stated ("Nghị quyết này hết hiệu lực kể từ ngày 31/12/2026"), each with its evidence.
- ``validity_statements`` - what the document does to others: "Thông tư này thay thế: a) …; b) …",
  "Bãi bỏ Quyết định số …", "Các quyết định sau hết hiệu lực …: a) …", "Nghị định số … hết hiệu lực
  kể từ ngày …", "Sửa đổi, bổ sung một số điều của Nghị định số …" (its title or a clause).  Each affected
  document is its own statement, with the change (replaced | repealed | expired | amended), the
  scope (whole, or part with the part as written) and the date the text gives for the change.

The acting document is always the text itself: a cue counts only when the text is its subject
("<Loại> này thay thế …", "kể từ ngày <Loại> này có hiệu lực, … hết hiệu lực") or the cue opens a
clause of a normative act ("2. Bãi bỏ Quyết định số …").  Proposals (Tờ trình), reports, registers
of expired documents state nothing of their own (``states_validity``; a register row that names the
replacing act is a fact by that act), and a consolidated text speaks for the acts it reproduces.
Patterns are data with examples; tests/extract/test_validity.py holds the real sentences.
"""
from __future__ import annotations

import datetime as _dt
import re
from bisect import bisect_left, bisect_right
from typing import Any, Iterable, Sequence

from extract.clauses import (PART, TYPE_ALTERNATION, Cue, OwnValidity, Statement, clause_end, clause_start, clean,
                             clean_gap, own_effects, own_validity, parse_date, part_text, read_items, self_subject,
                             states_validity, symbol_at, text_after, type_of)

# -- what the document does to others ------------------------------------------------------------------
# "1. Nghị quyết có hiệu lực thi hành kể từ ngày ký": "này" may be left out right after a clause number
_BARE_SELF_EFFECT = re.compile(r"[\s*]*(?:điều\s+\d+\.\s*)?(?:\d{1,2}\.\s*)?(?P<tw>" + TYPE_ALTERNATION
                               + r")\s+có\s+hiệu\s+lực")
CHANGES = ("replaced", "repealed", "expired", "amended")
# active cues: the document acts on what follows ("Thông tư này thay thế …", "2. Bãi bỏ Quyết định số …")
_ACTIVE = Cue(r"\b(?P<cue>thay\s+thế|bãi\s+bỏ|hủy\s+bỏ|huỷ\s+bỏ|chấm\s+dứt\s+hiệu\s+lực(?:\s+(?:thi\s+hành\s+)?của)?"
               r"|sửa\s+đổi,?\s+bổ\s+sung)\b", ("thay", "bãi", "hủy", "huỷ", "chấm", "sửa"))
_ACTIVE_CHANGE = {"thay": "replaced", "bãi": "repealed", "hủy": "repealed", "huỷ": "repealed", "chấm": "expired",
                  "sửa": "amended"}
# passive cue: what precedes it (or the list after it) ends
_PASSIVE = Cue(r"\b(?:hết|chấm\s+dứt)\s+hiệu\s+lực(?:\s+thi\s+hành)?(?P<scope>\s+(?:toàn\s+bộ|một\s+phần))?",
               ("hết", "chấm"))
# words before an active cue that make it no act of this text ("đề nghị bãi bỏ", "được thay thế bằng")
_NOT_ACT = re.compile(r"(?:được|bị|đề\s+nghị|việc|sẽ|dự\s+kiến|để|nhằm|xem\s+xét|trình|phải|cần|"
                      r"nghiên\s+cứu|xây\s+dựng|(?:" + TYPE_ALTERNATION + r"))\s*$")
_PROPOSAL = re.compile(r"\b(?:tờ\s+trình|đề\s+nghị|dự\s+thảo|báo\s+cáo\s+thẩm\s+tra)\b")
_CHANGE_DATE = re.compile(r"^[\s,]*(?:thi\s+hành\s*)?(?:toàn\s+bộ\s*)?(?:kể\s+)?(?:từ|vào)\s+ngày\s*(?=\d)")
_DATED = re.compile(r"(?:kể\s+)?từ\s+ngày\s*\d{1,2}\s*(?:tháng\s*\d{1,2}\s*năm\s*\d{4}|[/.-]\s*\d{1,2}\s*[/.-]\s*\d{4})")
_NORMATIVE = {"luật", "bộ luật", "pháp lệnh", "nghị định", "nghị quyết", "thông tư", "thông tư liên tịch",
              "quyết định", "chỉ thị", "quy định", "quy chế", "kết luận"}


def text_role(doc_type: str | None, title: str | None, symbol: str | None, low: str, citations: Iterable[Any] = ()) -> str:
    """``act`` | ``consolidated`` (a VBHN) | ``register`` (a list of expired documents, a
    systematisation) | ``proposal`` (Tờ trình, report): how the text's citations are to be read."""
    t = (doc_type or "").lower()
    if t.startswith("văn bản hợp nhất") or "VBHN" in (symbol or "").upper() or _Consolidated.of(low, citations):
        return "consolidated"
    if states_validity(doc_type, title, symbol, low[:3000]):
        return "act"
    return "proposal" if t.startswith(("tờ trình", "báo cáo")) or re.search(r"/(?:TTr|BC)-", symbol or "") else "register"


_PAGE_BREAK = re.compile(r"công\s+báo\s*/\s*số\s*[\d +]+/\s*ngày", re.IGNORECASE)
_AMENDING = Cue(r"được\s+sửa\s+đổi", ("được",))
_ITEM_START = re.compile(r"\n[ \t]*\d{1,2}\.\s")


def _after_blank_line(s: str) -> bool:
    """``s`` ends with a paragraph that opens right before a document ("\\n\\nLuật số ")."""
    m = re.search(r"\n[ \t\r]*\n([^\n]*)$", s)
    return bool(m and clean_gap(m.group(1)))


def _dangling(text: str, low: str, cits: Sequence[Any]) -> list[tuple[Any, int, int]]:
    """Items of a quoted article cut by a Công báo page break in the middle of an amendment history
    ("4. Luật Đầu tư số 61/2020/QH14 đã được sửa đổi, bổ sung một số điều theo Luật số …, Luật số …,"
    | page header | the next page's body | "Luật số … (sau đây gọi là …) hết hiệu lực …"): (head, where
    the item starts, where the page breaks).  The footnote goes on after the next page's body."""
    out: list[tuple[Any, int, int]] = []
    first = next(_AMENDING.finditer(low), None)
    if first is None:  # no history anywhere: nothing to cut
        return out
    # a break that cuts a history comes after its first one (a page header cannot start inside another)
    for h in _PAGE_BREAK.finditer(text, first.end()):
        lo = max(0, h.start() - 1500)
        if not _AMENDING.pattern.search(low, lo, h.start()):
            continue
        starts = [m.end() for m in _ITEM_START.finditer(low, lo, h.start())]
        if not starts:
            continue
        seg = low[starts[-1]:h.start()]
        if re.search(r"[.;:”]\s*$", seg) or not _AMENDING.pattern.search(seg) or re.search(r"hiệu\s+lực", seg):
            continue
        head = next((c for c in cits if starts[-1] <= symbol_at(c) < h.start()), None)
        if head is not None and clean_gap(low[starts[-1]:symbol_at(head)]):
            out.append((head, starts[-1] - 1, h.start()))
    return out


_REPLACED_BY = Cue(r"được\s+thay\s+thế\s+bởi\s", ("được",))
_ROW = re.compile(r"\n[ \t]*\d{1,3}[ \t]*\r?\n")
_ROW_DATE = re.compile(r"\n[ \t]*(\d{1,2})/(\d{1,2})/((?:19|20)\d{2})[ \t]*\r?(?=\n|$)")
_SECTION = re.compile(r"hết\s+hiệu\s+lực\s+(toàn\s+bộ|một\s+phần)(?!\s+hoặc)")


def register_rows(text: str, low: str, citations: Iterable[Any]) -> list[Statement]:
    """The rows of a register of expired documents that name the replacing act ("1 | Thông tư số X
    … | Được thay thế bởi Thông tư số Y … | 30/7/2023"): X replaced by Y (not by the register),
    from the row's date; a part when the row sits in the register's "hết hiệu lực một phần" section."""
    cits = sorted((c for c in citations if not c.short_form), key=symbol_at)
    out: list[Statement] = []
    for m in _REPLACED_BY.finditer(low):
        rows = [r.end() for r in _ROW.finditer(low, max(0, m.start() - 1500), m.start())]
        if not rows:
            continue
        row = rows[-1]
        x = next((c for c in cits if row <= symbol_at(c) < m.start()), None)
        y = next((c for c in cits if m.end() <= symbol_at(c) < m.end() + 60), None)
        if x is None or y is None or not clean_gap(low[row:symbol_at(x)]) or not clean_gap(low[m.end():symbol_at(y)]):
            continue
        nxt = _ROW.search(low, y.end)
        when = None
        for d in _ROW_DATE.finditer(low, y.end, nxt.start() + 1 if nxt else min(len(low), y.end + 800)):
            try:
                when = _dt.date(int(d.group(3)), int(d.group(2)), int(d.group(1))).isoformat()
            except ValueError:
                continue
        sections = list(_SECTION.finditer(low, 0, row))
        part = "một phần" if sections and sections[-1].group(1).startswith("một") else None
        out.append(Statement(symbol=x.symbol, key=x.key, change="replaced", scope="part" if part else "whole",
                             part=part, date=x.date, issuer=x.issuer, effective=when,
                             effective_from="stated" if when else "unknown",
                             evidence=" ".join(text[row:nxt.start() if nxt else y.end].split())[:1500],
                             start=x.start, end=x.end, by=y.symbol, by_date=y.date, type=x.type,
                             subject=x.subject or text_after(text, x.end)))
    return out


def _fold(s: str) -> str:
    """Letters and digits only: a title compares with the text whatever its line breaks and markup."""
    return re.sub(r"[\W_]+", "", s)


_BY_CLAUSE = re.compile(r"được\s+sửa\s+đổi,?\s+bổ\s+sung\s+bởi\s*:")
_INTRO = re.compile(r"quy\s+định\s+như\s+sau\s*:")
_EFFECT_AFTER = re.compile(r"có\s+hiệu\s+lực(?:\s+thi\s+hành)?\s+(?:kể\s+)?từ\s+ngày\s*\d")


class _Consolidated:
    """A consolidated text (VBHN): its articles speak for the original act, its footnotes that quote
    an amending act ("Điều 51 của Luật Đầu tư số 143/2025/QH15, có hiệu lực kể từ ngày 01 tháng 3
    năm 2026 có quy định như sau: “…”") for that act."""

    def __init__(self, base: tuple, intros: list[tuple[int, int, tuple]], low: str) -> None:
        self.base, self.intros, self.low = base, intros, low

    @staticmethod
    def _act(low: str, c: Any, stop: int) -> tuple[str, str | None, str | None, str]:
        tail = low[c.end:min(stop, c.end + 400)]
        m = _EFFECT_AFTER.search(tail)
        eff = parse_date(tail[m.start():m.end() + 40]) if m else None
        return c.symbol, c.date, eff, type_of(c.type, c.symbol)

    @classmethod
    def of(cls, low: str, citations: Iterable[Any]) -> "_Consolidated | None":
        head = _BY_CLAUSE.search(low, 0, 6000)
        if not head:
            return None
        cits = sorted(citations, key=symbol_at)
        first = next((c for c in cits if c.end <= head.start() and head.start() - c.end < 400), None)
        if first is None:
            return None
        intros = []
        for m in _INTRO.finditer(low, head.end()):
            c = next((c for c in reversed(cits) if c.end <= m.start()), None)
            quote = re.match(r"\s*[“\"]", low[m.end():m.end() + 12])
            if c is None or not quote or m.start() - c.end > 400 or re.search(r"[“\"]", low[c.end:m.start()]):
                continue
            close = re.compile(r"[”\"]\s*\.").search(low, m.end() + quote.end())
            intros.append((m.end(), close.start() if close else len(low), cls._act(low, c, m.start())))
        # the act's effective date closes its title, after any document the title names ("Thông tư số 195/2019/TT-BQP
        # … thi hành Nghị định số 18/2019/NĐ-CP …, có hiệu lực kể từ ngày 11 tháng 02 năm 2020, được sửa đổi, bổ sung bởi:")
        return cls(cls._act(low, first, head.start()), intros, low)

    def actor(self, pos: int) -> tuple[str, str | None, str | None, str]:
        # "1. Thông tư này có hiệu lực kể từ ngày 15 tháng 02 năm 2021. 2. Thông tư này thay thế …":
        # the article's own effective date names the act it belongs to (page breaks interleave a
        # quoted footnote with the body, so the quote's extent alone can mislead)
        said = None
        for at, _, tail in own_effects(self.low, max(0, pos - 1500), pos):
            # a footnote's quote that closed before ``pos`` speaks for its own act, not for this clause
            if not any(lo <= at <= hi < pos for lo, hi, _ in self.intros):
                said = parse_date(tail[:80]) or said
        if said:
            for act in [self.base] + [a for _, _, a in self.intros]:
                if act[2] == said:
                    return act
            if self.base[2] is None:  # the original act's own article gives its date: "… có hiệu lực từ ngày D và thay thế …"
                return self.base[:2] + (self._article_date(pos) or said,) + self.base[3:]
        for lo, hi, act in reversed(self.intros):
            if lo <= pos <= hi:
                return act
        return self.base

    def _article_date(self, pos: int) -> str | None:
        """The first date the article around ``pos`` takes effect from ("Điều 124. Hiệu lực thi hành 1. Luật
        này có hiệu lực thi hành từ ngày 01 tháng 01 năm 2016, trừ … thì có hiệu lực … từ ngày 01/01/2018")."""
        lo = max(0, pos - 1500)
        heads = list(re.finditer(r"\bđiều\s+\d+[a-zđ]?\s*\.", self.low[lo:pos]))
        lo = lo + heads[-1].start() if heads else lo
        for _, _, tail in own_effects(self.low, lo, pos):
            if (iso := parse_date(tail[:80])):
                return iso
        return None

    def type_at(self, pos: int) -> str:
        return self.actor(pos)[3]


def validity_statements(text: str, citations: Iterable[Any], *, doc_type: str | None = None,
                        title: str | None = None, symbol: str | None = None, doc_date: str | None = None,
                        own: OwnValidity | None = None, low: str | None = None) -> list[Statement]:
    """Every document this text replaces, repeals, ends or amends (see the module docstring)."""
    low = clean(text) if low is None else low
    if not states_validity(doc_type, title, symbol, low[:3000]):
        return register_rows(text, low, citations)
    own = own or own_validity(text, doc_date, low=low)
    vbhn = _Consolidated.of(low, citations)
    cits = sorted((c for c in citations if not c.short_form), key=symbol_at)
    doc_type = type_of(doc_type, symbol)
    normative = doc_type in _NORMATIVE or vbhn is not None  # a consolidated text reproduces normative acts
    # the title's opening up to the first document it names: "Bãi bỏ toàn bộ Quyết định số 22/2025" is the
    # title, "… Tờ trình … về việc bãi bỏ toàn bộ Quyết định số 17/2025" in the preamble is not
    title_key = _fold((title or "").lower())[:40]
    out: dict[tuple[str, str, str | None], Statement] = {}

    def emit(c: Any, change: str, part: str | None, cue_at: int, after: str, evid_lo: int, evid_hi: int) -> None:
        actor = vbhn.actor(cue_at) if vbhn else None
        if actor is not None and actor[0] == c.symbol or symbol and c.symbol == symbol:
            return
        m = _CHANGE_DATE.match(after) or _DATED.match(after)
        when = parse_date(after[:m.end() + 40]) if m else None
        if when:
            eff, how = when, "stated"
        elif actor is not None:
            eff, how = actor[2], "stated" if actor[2] else "unknown"
        else:
            eff, how = own.effective, own.effective_from
        ev = " ".join(text[evid_lo:evid_hi].split())
        if change == "amended":  # an amendment changes a part ("một số điều", "khoản 2 Điều 5")
            part = part or "một số điều"
        k = (c.key or c.symbol, change, part)
        if k not in out:
            out[k] = Statement(symbol=c.symbol, key=c.key, change=change, scope="part" if part else "whole",
                               part=part, date=c.date, issuer=c.issuer, effective=eff, effective_from=how,
                               evidence=ev[:1500], start=c.start, end=c.end,
                               by=actor[0] if actor else None, by_date=actor[1] if actor else None,
                               type=c.type, subject=c.subject or text_after(text, c.end))

    spans = sorted((symbol_at(c), c.symbol_end or c.end) for c in cits)
    span_starts = [s for s, _ in spans]

    def in_citation(pos: int) -> bool:  # inside a số hiệu ("… /QĐ-UBND thay thế" cannot be a cue there)
        i = bisect_right(span_starts, pos) - 1
        return i >= 0 and pos < spans[i][1]

    for m in _ACTIVE.finditer(low):
        if in_citation(m.start()):
            continue
        cs, ce = clause_start(low, m.start()), clause_end(low, m.end())
        before = low[cs:m.start()]
        titled = m.start() < 4000 and bool(title_key) and _fold(low[m.start():m.start() + 160])[:len(title_key)] == title_key
        if not titled and (_NOT_ACT.search(before[-40:]) or _PROPOSAL.search(before)):
            continue
        self_end = self_subject(before, vbhn.type_at(m.start()) if vbhn else doc_type)
        bare = _BARE_SELF_EFFECT.match(before)
        if not self_end and bare and (doc_type or "").startswith(" ".join(bare.group("tw").split())):
            self_end = bare.end("tw")  # "Quyết định có hiệu lực kể từ ngày ký, đồng thời thay thế …"
        # the subject of this very cue: no other document named between "<Loại> này" and the cue
        selfm = titled or (self_end and not any(cs + self_end <= symbol_at(c) < m.start() for c in cits))
        opening = clean_gap(re.sub(r"^[\s\d.)a-zđ]{0,4}\)?", "", before)) and not before.strip().startswith(("và", ","))
        if not (selfm or (opening and normative)):
            continue
        if re.search(r"^\s+(?:bằng|cho|thành)\b", low[m.end():m.end() + 8]):
            continue  # "thay thế bằng", "thay thế cho": what follows is the new text
        rest = low[m.end():ce]
        first = next((c for c in cits if m.end() <= symbol_at(c) < ce), None)
        if first is None:
            continue
        lead = low[m.end():symbol_at(first)]
        colon = lead.find(":")
        pre = lead[:colon] if colon >= 0 else lead  # "Bãi bỏ các điều, khoản của các văn bản sau đây:" / the object
        head_part = None
        if not clean_gap(_DATED.sub(" ", pre)):
            pm = PART.search(pre)
            if not pm:
                continue
            head_part = part_text(text, m.end() + pm.start(), m.end() + len(pre))
            head_part = re.sub(r"(?i)\s*(?:của|tại)?\s*(?:các\s+)?(?:văn\s+bản|\S+)?\s*sau(?:\s+đây)?\s*$", "",
                               _DATED.sub("", head_part)).strip(" ,") or head_part
        dated = _DATED.search(pre)
        stop = None
        bm = re.search(r"\sbằng\s", rest)
        if bm:
            stop = m.end() + bm.start()
        change = _ACTIVE_CHANGE[m.group("cue").split()[0]]
        for c, part in read_items(low, cits, m.end(), ce, stop, text):
            emit(c, change, part or head_part, m.start(), dated.group(0) if dated else rest, cs, ce)

    dangling = _dangling(text, low, cits)
    for m in _PASSIVE.finditer(low):
        if in_citation(m.start()):
            continue
        cs, ce = clause_start(low, m.start()), clause_end(low, m.end())
        before = low[cs:m.start()]
        if _PROPOSAL.search(before) or re.search(r"(?:đã|chưa|không|sẽ|khi|nếu|còn)\s*$", before[-12:]):
            continue
        whole_clause = low[cs:ce]
        selfm = self_subject(whole_clause, vbhn.type_at(m.start()) if vbhn else doc_type, referred=True)
        after = low[m.end():ce]
        partial = (m.group("scope") or "").strip().startswith("một")
        lead_in = re.match(r"\s*kể\s+từ\s+(?:ngày|khi)\s[^,;:]{0,80}?(?:có\s+hiệu\s+lực(?:\s+thi\s+hành)?|\d{4})\s*,", before)
        items = read_items(low, cits, cs + (lead_in.end() if lead_in else 0), m.start(), text=text)
        cut = next((d for d in dangling if d[2] < m.start() < d[2] + 8000 and items
                    and _after_blank_line(low[max(d[2], symbol_at(items[0][0]) - 300):symbol_at(items[0][0])])), None)
        if cut is not None:  # the end of a history cut by a page break: the ending is the head's
            items = [(cut[0], None)]
            cs = cut[1]
        if not items:
            lead = low[m.end():]
            items = read_items(low, cits, m.end(), ce, text=text) if re.match(r"[^.;]{0,200}:", lead) else []
        if not items or not (selfm or normative):  # a letter or a page that reports an ending does not act
            continue
        if lead_in and not _CHANGE_DATE.match(after) and _DATED.match(lead_in.group(0).strip()):
            after = lead_in.group(0)  # "Kể từ ngày 01 tháng 01 năm 2024, Thông tư … hết hiệu lực thi hành."
        for c, part in items:
            emit(c, "expired", part or ("một phần" if partial else None), m.start(), after, cs, ce)

    for st in _histories(text, low, cits):  # "X đã được sửa đổi, bổ sung bởi Y": Y amends X
        out.setdefault((st.key or st.symbol, "amended", st.by), st)
    return sorted(out.values(), key=lambda s: s.start)


_AMENDED_BY = Cue(r"(?:đã\s+)?được\s+sửa\s+đổi,?\s+bổ\s+sung(?:\s+một\s+số\s+điều)?\s+(?:theo|bởi|tại)\s*:?\s*",
                  ("đã", "được"))


def _histories(text: str, low: str, cits: Sequence[Any]) -> list[Statement]:
    """Amendment histories: "Luật Đầu tư số 61/2020/QH14 đã được sửa đổi, bổ sung một số điều theo Luật
    số 72/2020/QH14, Luật số 03/2022/QH15 và …" states that each amender amends the head (never the
    reverse).  The amenders run while only separators and type words stand between them."""
    out = []
    ats = [symbol_at(c) for c in cits]
    for m in _AMENDED_BY.finditer(low):
        # a reference ending before the cue starts before it: only those need looking at
        head = next((c for c in reversed(cits[:bisect_left(ats, m.start())]) if c.end <= m.start()), None)
        if head is None or m.start() - head.end > 250 or re.search(r"[;:]|\.\s", low[head.end:m.start()]):
            continue
        prev = m.end()
        for c in cits[bisect_left(ats, m.end()):]:
            at = symbol_at(c)
            gap = low[prev:at]
            if not clean_gap(re.sub(r"[,;]|\bvà\b", " ", gap)) or ";" in gap:
                break
            out.append(Statement(symbol=head.symbol, key=head.key, change="amended", scope="part",
                                 part="một số điều", date=head.date, issuer=head.issuer, effective=None,
                                 effective_from="unknown", evidence=" ".join(text[head.start:c.end].split())[:1500],
                                 start=head.start, end=head.end, by=c.symbol, by_date=c.date, type=head.type,
                                 subject=head.subject))
            prev = _tail_end(low, c)
    return out


def _tail_end(low: str, c: Any) -> int:
    """The end of a reference with its date and issuer ("Luật số 03/2022/QH15 ngày … của Quốc hội")."""
    m = re.match(r"(?:\s*ngày\s*\d{1,2}(?:\s*tháng\s*\d{1,2}\s*năm\s*\d{4}|[/.-]\d{1,2}[/.-]\d{4}))?"
                 r"(?:\s*của\s+(?:chính\s+phủ|quốc\s+hội|thủ\s+tướng\s+chính\s+phủ|bộ\s+trưởng\s+bộ\s+[^,;.]{2,40}?|"
                 r"ủy\s+ban\s+thường\s+vụ\s+quốc\s+hội))?", low[c.end:c.end + 120])
    return c.end + (m.end() if m else 0)


_PROVINCE = re.compile(r"\b(?:tỉnh|thành\s+phố|TP\.?)\s+((?:[A-ZĐÀ-Ỹ][\wÀ-ỹ]*)(?:(?:\s+|\s*-\s*)[A-ZĐÀ-Ỹ][\wÀ-ỹ]*){0,3})")


def province_named(issuer: str | None) -> str | None:
    """The province an issuer text names ("Ủy ban nhân dân tỉnh Hòa Bình" -> "Hòa Bình"), else None.

    >>> province_named("Ủy ban nhân dân tỉnh Hòa Bình"), province_named("HĐND Thành phố Hà Nội"), province_named("UBND tỉnh")
    ('Hòa Bình', 'Hà Nội', None)
    >>> province_named("Ủy ban nhân dân tỉnh Bà Rịa - Vũng Tàu")
    'Bà Rịa - Vũng Tàu'
    """
    m = _PROVINCE.search(issuer or "") or re.search(r"\b(?:Tỉnh|Thành\s+phố)\s+((?:[A-ZĐÀ-Ỹ][\wÀ-ỹ]*)(?:\s+[A-ZĐÀ-Ỹ][\wÀ-ỹ]*){0,3})", issuer or "")
    return " ".join(m.group(1).split()) if m else None


def read_validity(text: str, citations: Sequence[Any], *, doc_type: str | None = None, title: str | None = None,
                  symbol: str | None = None, doc_date: str | None = None) -> tuple[OwnValidity, list[Statement], str]:
    """The document's own validity, the documents it acts on and its role (``text_role``), as ingest
    stores them (``text`` as the reader gives it: NFC)."""
    low = clean(text)
    own = own_validity(text, doc_date, low=low)
    found = validity_statements(text, citations, doc_type=doc_type, title=title, symbol=symbol, doc_date=doc_date,
                                own=own, low=low)
    return own, found, text_role(doc_type, title, symbol, low, citations)
