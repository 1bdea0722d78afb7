"""The audit's checks: inconsistent, malformed and draft citations, each with its evidence.

``graph.audit.audit(store, as_of=None, kinds=None)`` returns a list of ``Finding`` records, one per problem:
the citing document, the citation as written, what is wrong (``reason``), why the tool believes
it (``source``: the registry fact and its source, or "text") and the evidence sentence.

Kinds (``KINDS``) and their sub-codes:

- ``outdated``     (``graph.audit.outdated``) ``replaced`` the cited document had ended as a whole
                   on or before the citing document's own date; ``replaced-since`` (info) it ended
                   later; ``stale-chain`` a document the plan implements itself implements a
                   replaced one; ``amended`` (info) amended since.
- ``anachronism``  ``date`` a cited date later than the citing document's own date.
- ``conflict``     ``date`` / ``issuer`` / ``type`` the same canonical document given different
                   dates, issuers or type words, within one document or across the corpus;
                   ``parent`` a plan that opens implementing one plan and later says it was built
                   "Trên cơ sở" another of the same issuer and type.
- ``malformed``    ``repaired`` symbol repaired at extraction (original and repaired shown; a repair
                   that only joined a line break or removed spaces is shown with ``all`` only);
                   ``own-symbol`` the document's own số hiệu written irregularly;
                   ``type-code`` type word that does not match the code ("Quy định số 5530-QĐ/TU");
                   ``party-style-state-issuer`` / ``state-style-party-issuer`` ("18-CT/TTg");
                   ``issuer-level`` issuer code that does not fit the issuer named ("06-NQ/TW" of a
                   provincial standing committee).
- ``draft``        ``blank`` blank number or day in the document's own header; ``no-identity`` no
                   own number and no date at all.
- ``unresolved``   ``jurisdiction`` a local symbol whose province could not be determined.

The checks run over plain records (``graph.audit.facts.Facts``), so any backend that can list
those can be audited.
"""
from __future__ import annotations

import calendar
import datetime as _dt
import re
from collections import Counter, defaultdict
from dataclasses import asdict, dataclass, field
from functools import lru_cache
from typing import Any, Iterable

from extract.keys import fold_text, issuer_codes, issuer_info
from extract.tables import issuers, type_words
from graph.audit.facts import Facts
from graph.audit.registry import Registry

KINDS = ("outdated", "anachronism", "conflict", "malformed", "draft", "unresolved")
SEVERITIES = ("high", "medium", "low", "info")

EXPLANATIONS: dict[str, tuple[str, str]] = {  # kind -> (vi, en)
    "outdated": ("Văn bản được dẫn đã bị thay thế, bãi bỏ hoặc hết hiệu lực tính đến ngày đối chiếu; "
                 "cần dẫn văn bản thay thế.",
                 "The cited document was replaced, annulled or expired by the as-of date; cite its successor."),
    "anachronism": ("Ngày của văn bản được dẫn muộn hơn ngày ban hành của văn bản dẫn: sai ngày hoặc sai số hiệu.",
                    "The cited document is dated after the citing document: a wrong date or a wrong number."),
    "conflict": ("Cùng một văn bản (hoặc cùng một căn cứ) được ghi không thống nhất: khác ngày, khác cơ quan "
                 "ban hành, khác loại văn bản hoặc khác số hiệu.",
                 "The same document (or the same basis) is written inconsistently: different dates, issuers, "
                 "types or numbers."),
    "malformed": ("Số hiệu viết sai thể thức: đã phải sửa khi trích xuất, chữ viết tắt loại văn bản không khớp "
                  "tên loại, hoặc ký hiệu cơ quan ban hành không khớp cơ quan.",
                  "The số hiệu is irregular: it had to be repaired, its type code does not match the type word, "
                  "or its issuer code does not fit the issuer."),
    "draft": ("Văn bản chưa có số hoặc ngày ban hành (dự thảo hoặc bản sao thiếu thông tin).",
              "The document has no number or no day of issue in its header (a draft or an incomplete copy)."),
    "unresolved": ("Không xác định được địa bàn/cơ quan ban hành của văn bản được dẫn, nên không nối được vào đồ thị.",
                   "The cited document's jurisdiction or issuer could not be determined, so it cannot be linked."),
}

# Severity by (kind, code); outdated is decided per finding.
_SEVERITY = {
    ("anachronism", "date"): "medium",
    ("conflict", "parent"): "medium",
    ("conflict", "date"): "medium",
    ("conflict", "issuer"): "low",
    ("conflict", "type"): "low",
    ("malformed", "repaired"): "low",
    ("malformed", "own-symbol"): "low",
    ("malformed", "type-code"): "medium",
    ("malformed", "party-style-state-issuer"): "medium",
    ("malformed", "state-style-party-issuer"): "medium",
    ("malformed", "issuer-level"): "high",
    ("draft", "blank"): "medium",
    ("draft", "no-identity"): "low",
    ("unresolved", "jurisdiction"): "info",
}
_SEV_RANK = {s: i for i, s in enumerate(SEVERITIES)}
_KIND_RANK = {k: i for i, k in enumerate(KINDS)}


@dataclass(frozen=True, slots=True)
class Finding:
    """One problem found by the audit, with its evidence.

    ``document`` is the citing document (own số hiệu, else the file name); ``citation`` is the
    reference as written (empty for findings about the document itself); ``reason`` says what is
    wrong; ``source`` why the tool believes it (a registry fact and its source, or ``text``);
    ``evidence`` is the sentence (or sentences) of the text.
    """

    kind: str
    code: str
    severity: str
    document: str
    citation: str
    reason: str
    evidence: str
    source: str
    file: str = ""
    doc_key: str = ""
    symbol: str = ""
    key: str = ""
    start: int | None = None
    end: int | None = None
    details: dict[str, Any] = field(default_factory=dict)

    @property
    def explanation_vi(self) -> str:
        return EXPLANATIONS[self.kind][0]

    @property
    def explanation_en(self) -> str:
        return EXPLANATIONS[self.kind][1]

    def to_dict(self) -> dict[str, Any]:
        d = asdict(self)
        d["explanation_vi"], d["explanation_en"] = self.explanation_vi, self.explanation_en
        return d


# -- small helpers ------------------------------------------------------------------------------
def _parse_date(s: str | None) -> _dt.date | None:
    if not s:
        return None
    try:
        return _dt.date.fromisoformat(s[:10])
    except ValueError:
        return None


_PARTIAL_DATE = re.compile(r"tháng\s*(\d{1,2})\s*năm\s*(\d{4})", re.IGNORECASE)


def doc_date_bound(doc: dict[str, Any]) -> tuple[_dt.date | None, bool]:
    """The citing document's date, or for a draft with a blank day the last day of its month.

    Returns (date, exact).
    """
    d = _parse_date(doc.get("date"))
    if d:
        return d, True
    m = _PARTIAL_DATE.search(doc.get("date_text") or "")
    if m:
        month, year = int(m.group(1)), int(m.group(2))
        if 1 <= month <= 12:
            return _dt.date(year, month, calendar.monthrange(year, month)[1]), False
    return None, False


def _label(doc: dict[str, Any]) -> str:
    own = doc.get("symbol") if not doc.get("draft") else None
    name = doc.get("name") or doc.get("path") or "?"
    return f"{name} ({own})" if own else name


_MARKUP = re.compile(r"[*_#|>]")
_SO_TAIL = re.compile(r"(?i)\b(?:số|so)\b\s*:?\s*$")
_WS = re.compile(r"\s+")


def type_word_as_written(c: dict[str, Any]) -> str | None:
    """``"Quy định số 5530-QĐ/TU, ngày ..."`` -> ``"Quy định"``; None if the text opens with the symbol."""
    if "_type_word" in c:
        return c["_type_word"]
    text, orig = c.get("text") or "", c.get("original") or c.get("symbol") or ""
    i = text.find(orig)
    word = None
    if i > 0:
        head = _SO_TAIL.sub("", _MARKUP.sub(" ", text[:i]).strip()).strip(" :,.-–")
        word = _WS.sub(" ", head) or None
    c["_type_word"] = word
    return word


_UNTYPED_WORDS = {"công văn", "văn bản", "tờ trình"}  # their symbols rarely carry a type code


@lru_cache(maxsize=4096)
def _codes_for_word(word: str) -> set[str] | None:
    w = word.lower()
    tw = type_words()
    if w in tw:
        return tw[w] or None
    return None


def _finding(kind: str, code: str, doc: dict[str, Any], *, reason: str, evidence: str, source: str = "text",
             cit: dict[str, Any] | None = None, severity: str | None = None, **details: Any) -> Finding:
    return Finding(
        kind=kind, code=code, severity=severity or _SEVERITY.get((kind, code), "low"), document=_label(doc),
        citation=(cit.get("text") or cit.get("symbol") or "") if cit else "", reason=reason,
        evidence=" ".join((evidence or "").split()), source=source, file=doc.get("name") or "",
        doc_key=doc.get("key") or "", symbol=(cit or {}).get("symbol") or "", key=(cit or {}).get("key") or "",
        start=(cit or {}).get("start"), end=(cit or {}).get("end"), details=details)


# -- issuer classification ----------------------------------------------------------------------
def _known_code(code: str) -> dict[str, Any] | None:
    """Issuer row for a code listed in the issuers table (not matched by a pattern only)."""
    info = issuer_info(code)
    if info and info["code"] in issuers()["codes"]:
        return info
    return None


_STATE_NAME = ("thu tuong", "chinh phu", "quoc hoi", "bo ", "uy ban nhan dan", "hoi dong nhan dan", "so ",
               "van phong chinh phu", "cong an", "toa an", "vien kiem sat", "kiem toan", "ngan hang")


@lru_cache(maxsize=4096)
def issuer_family(code: str) -> str | None:
    """``party`` / ``state`` for a known issuer code, None when unknown or neither (MTTQ, BCĐ)."""
    info = _known_code(code)
    if not info:
        return None
    if info["level"] == "central_party":
        return "party"
    name = " " + fold_text(info.get("name")) + " "
    if "dang" in name.split() or any(w in name for w in (" tinh uy", " thi uy", " huyen uy", " quan uy",
                                                         " thanh uy", " dang uy", " ban can su")):
        return "party"
    if info["level"] == "central_state" or any((" " + w) in name for w in _STATE_NAME):
        return "state"
    return None


_LEVEL_WORDS = (  # issuer text (folded) -> level of the Party committee it names
    ("central", re.compile(r"trung uong|bo chinh tri|ban bi thu")),
    ("province", re.compile(r"\btinh uy\b|dang bo tinh\b")),
    ("district", re.compile(r"\bthi uy\b|dang bo thi xa\b|\bhuyen uy\b|dang bo huyen\b|\bquan uy\b|dang bo quan\b")),
)
_CODE_LEVEL = {"TW": "central", "TU": "province", "ThU": "district", "HU": "district", "QU": "district"}
_EXPECTED = {"central": "TW", "province": "TU", "district": "ThU/HU/QU"}


@lru_cache(maxsize=65536)
def issuer_text_level(issuer: str | None) -> str | None:
    """The Party committee level an issuer text names, when exactly one is named."""
    f = fold_text(issuer)
    if not f:
        return None
    levels = {lvl for lvl, rx in _LEVEL_WORDS if rx.search(f)}
    return levels.pop() if len(levels) == 1 else None


_ISSUER_CLASSES = (  # (class, regex over the folded issuer text); first match wins
    ("Chủ tịch UBND", re.compile(r"^(?:pho )?chu tich (?:uy ban nhan dan|ubnd)")),
    ("UBND", re.compile(r"^(?:uy ban nhan dan|ubnd)\b")),
    ("HĐND", re.compile(r"^(?:thuong truc )?(?:hoi dong nhan dan|hdnd)\b")),
    ("Thủ tướng", re.compile(r"^(?:pho )?thu tuong\b")),
    ("Chính phủ", re.compile(r"^chinh phu\b")),
    ("UBTVQH", re.compile(r"^(?:uy ban thuong vu quoc hoi|ubtvqh)\b")),
    ("Quốc hội", re.compile(r"^quoc hoi\b")),
    ("Bộ Chính trị", re.compile(r"^bo chinh tri\b")),
    ("Ban Bí thư", re.compile(r"^ban bi thu\b")),
    ("BCH Trung ương", re.compile(r"^(?:ban chap hanh )?trung uong(?: dang)?\b|^ban chap hanh trung uong\b")),
    ("Tỉnh ủy", re.compile(r"^(?:ban thuong vu |ban chap hanh |thuong truc )?(?:tinh uy|dang bo tinh)\b")),
    ("Thị ủy", re.compile(r"^(?:ban thuong vu |ban chap hanh |thuong truc )?(?:thi uy|dang bo thi xa)\b")),
    ("Huyện ủy", re.compile(r"^(?:ban thuong vu |ban chap hanh |thuong truc )?(?:huyen uy|dang bo huyen)\b")),
)
_MINISTRY = re.compile(r"^(?:bo truong (?:bo )?|bo )((?!chinh tri)[a-z ,\-]+)")
_GENERIC = re.compile(r"\bcap (?:tinh|huyen|xa)\b|\bcac (?:bo|cap)\b")


@lru_cache(maxsize=65536)
def issuer_class(issuer: str | None) -> str | None:
    """The body an issuer text names, coarsely, for comparing mentions of the same document.

    A person's title is a different issuer from the collective body (a Quyết định of the Chủ tịch
    UBND is not one of the UBND); the Standing and the Executive committee of a Party committee
    count as one; a minister counts as the ministry.  None when the text is not recognised or is
    too long to be a name (the extractor sometimes runs on into the subject).

    >>> issuer_class("Ban Bí thư Trung ương Đảng") == issuer_class("Ban Bí thư")
    True
    >>> issuer_class("UBND tỉnh"), issuer_class("Chủ tịch UBND tỉnh")
    ('UBND', 'Chủ tịch UBND')
    """
    f = fold_text(issuer)
    if not f or len(f.split()) > 10 or _GENERIC.search(f):
        return None  # too long to be a name, or a class of bodies ("UBND cấp tỉnh")
    for name, rx in _ISSUER_CLASSES:
        if rx.search(f):
            return name
    m = _MINISTRY.match(f)
    if m:
        words = [w for w in re.split(r"[^a-z]+", m.group(1)) if w and w not in {"va"}]
        return "Bộ " + " ".join(words[:2]) if len(words) >= 2 else None  # two words name a ministry
    return None


# -- checks -------------------------------------------------------------------------------------
class _Ctx:
    def __init__(self, facts: Facts, registry: Registry, as_of: _dt.date, everything: bool = False) -> None:
        from graph.resolve import merge_unknown

        self.facts, self.registry, self.as_of, self.everything = facts, registry, as_of, everything
        self.docs = {d["file_id"]: d for d in facts.docs}
        keys = {c["key"] for c in facts.citations} | {d["key"] for d in facts.docs if d.get("key")}
        self.merge = merge_unknown(keys)
        self.by_file: dict[int, list[dict[str, Any]]] = defaultdict(list)
        for c in facts.citations:
            self.by_file[c["file_id"]].append(c)
        self.doc_by_key: dict[str, dict[str, Any]] = {}
        for d in facts.docs:
            if d.get("key") and not d.get("draft"):
                self.doc_by_key.setdefault(self.canon(d["key"]), d)

    def canon(self, key: str) -> str:
        return self.merge.get(key, key)


_LAYOUT_REPAIRS = {"line-break", "space"}


def check_malformed(ctx: _Ctx) -> Iterable[Finding]:
    for d in ctx.facts.docs:
        st, sym = d.get("symbol_text"), d.get("symbol")
        if st and sym and not d.get("draft") and re.sub(r"\s+", " ", st).strip() != sym:
            yield _finding("malformed", "own-symbol", d, reason=f"own số hiệu written '{st}' (canonical {sym})",
                           evidence=f"Số: {st}", written=st, repaired=sym)
        code, level = d.get("issuer_code"), issuer_text_level(d.get("issuer"))
        if sym and code in _CODE_LEVEL and level and _CODE_LEVEL[code] != level:
            yield _finding("malformed", "issuer-level", d,
                           reason=f"own symbol {sym} carries issuer code {code} ({_CODE_LEVEL[code]}) but the "
                                  f"issuer is '{d.get('issuer')}' ({level}; expected {_EXPECTED[level]})",
                           evidence=f"Số: {st or sym} … {d.get('issuer')}", issuer_code=code, issuer=d.get("issuer"))
    for c in ctx.facts.citations:
        d = ctx.docs[c["file_id"]]
        if c.get("short_form"):
            continue
        repairs = [r for r in c.get("repairs") or () if r != "short-form"]
        if repairs and not ctx.everything and (set(repairs) <= _LAYOUT_REPAIRS
                                              or "".join((c.get("original") or "").split()) == c["symbol"]):
            repairs = []  # PDF layout, not the author's spelling: shown with ``all`` only
        if repairs:
            yield _finding("malformed", "repaired", d, cit=c,
                           reason=f"symbol written {c.get('original')!r}, read as {c['symbol']} ({', '.join(repairs)})",
                           evidence=c.get("context") or c.get("text") or "", original=c.get("original"),
                           repaired=c["symbol"], repairs=repairs)
        word = type_word_as_written(c)
        codes = _codes_for_word(word) if word and word.lower() not in _UNTYPED_WORDS else None
        tc = c.get("type_code")
        if codes and tc and tc not in codes:
            when = c.get("date") or (str(c["year"]) if c.get("year") else None)
            # Before Hướng dẫn 36-HD/VPTW (2018) a Party "Quy định" was coded QĐ: only flag later ones.
            old_party_rule = word.lower() == "quy định" and tc == "QĐ" and (not when or when[:10] < "2018-04-03")
            if not old_party_rule:
                yield _finding("malformed", "type-code", d, cit=c,
                               reason=f"type word '{word}' does not match code {tc} in {c['symbol']} "
                                      f"(a {word} is coded {'/'.join(sorted(codes))})",
                               evidence=c.get("context") or "", type_word=word, type_code=tc, expected=sorted(codes))
        fam = c.get("family")
        codes_i = issuer_codes(c["symbol"])
        fams = {issuer_family(x) for x in codes_i}
        if fam == "party" and codes_i and fams == {"state"}:
            yield _finding("malformed", "party-style-state-issuer", d, cit=c,
                           reason=f"{c['symbol']} uses the Party style NUMBER-TYPE/ISSUER but {'/'.join(codes_i)} is "
                                  f"a State issuer (State style: {c.get('number') or c['symbol'].split('-')[0]}/"
                                  f"{tc or '?'}-{'-'.join(codes_i)})",
                           evidence=c.get("context") or "", issuer_codes=codes_i)
        elif fam == "state" and codes_i and fams == {"party"} and tc:
            yield _finding("malformed", "state-style-party-issuer", d, cit=c,
                           reason=f"{c['symbol']} uses the State style NUMBER/TYPE-ISSUER but {'/'.join(codes_i)} is "
                                  f"a Party issuer (Party style: NUMBER-{tc}/{'-'.join(codes_i)})",
                           evidence=c.get("context") or "", issuer_codes=codes_i)
        ic = c.get("issuer_code")
        level = issuer_text_level(c.get("issuer"))
        if ic in _CODE_LEVEL and level and _CODE_LEVEL[ic] != level:
            yield _finding("malformed", "issuer-level", d, cit=c,
                           reason=f"{c['symbol']} carries issuer code {ic} ({_CODE_LEVEL[ic]}) but is attributed to "
                                  f"'{c.get('issuer')}' ({level}; expected {_EXPECTED[level]})",
                           evidence=c.get("context") or "", issuer_code=ic, issuer=c.get("issuer"))


def check_draft(ctx: _Ctx) -> Iterable[Finding]:
    for d in ctx.facts.docs:
        if d.get("draft"):
            parts = []
            if d.get("symbol_text") is not None and not re.match(r"\s*\d", d.get("symbol_text") or ""):
                parts.append(f"number left blank ('Số: {d.get('symbol_text')}')")
            if not d.get("date"):
                parts.append(f"day left blank ('{d.get('date_text')}')" if d.get("date_text") else "no date")
            yield _finding("draft", "blank", d, reason="; ".join(parts) or "blank number or day in the header",
                           evidence=" | ".join(x for x in (f"Số: {d.get('symbol_text') or ''}", d.get("date_text")) if x))
        elif not d.get("symbol") and not d.get("date"):
            yield _finding("draft", "no-identity", d, reason="no own số hiệu and no date of issue found in the header",
                           evidence=f"type: {d.get('type') or '?'}; issuer: {d.get('issuer') or '?'}")


def check_unresolved(ctx: _Ctx) -> Iterable[Finding]:
    seen: set[tuple[int, str]] = set()
    for c in ctx.facts.citations:
        key = ctx.canon(c["key"])
        if key.endswith("@?") and (c["file_id"], key) not in seen:
            seen.add((c["file_id"], key))
            yield _finding("unresolved", "jurisdiction", ctx.docs[c["file_id"]], cit=c,
                           reason=f"{c['symbol']} has a local issuer code but its province could not be determined "
                                  f"(key {key})", evidence=c.get("context") or "")


_ANNOTATION = re.compile(r"(?:được|đã được|bị)\s+(?:sửa đổi|bổ sung|bãi bỏ|thay thế|hợp nhất|đính chính|"
                         r"hủy bỏ|ngưng hiệu lực)", re.IGNORECASE)


def check_anachronism(ctx: _Ctx) -> Iterable[Finding]:
    for fid, cits in ctx.by_file.items():
        d = ctx.docs[fid]
        bound, exact = doc_date_bound(d)
        if not bound or fold_text(d.get("type")).startswith("van ban hop nhat"):
            continue
        for c in cits:
            if c.get("short_form") or c.get("relation") in ("replaces", "amends"):
                continue
            if _ANNOTATION.search(_before(c, 120)):
                continue  # "Khoản này được sửa đổi theo ...": an editor's note in a consolidated capture
            cd = _parse_date(c.get("date"))
            later = cd and cd > bound
            yr = c.get("year") if c["symbol"].count("/") >= 2 else None  # year written in the symbol
            later_year = not cd and yr and yr > bound.year
            if later or later_year:
                what = f"dated {c['date']}" if later else f"of year {yr}"
                own = f"{d['date']}" if exact else f"{d.get('date_text')} (day blank)"
                yield _finding("anachronism", "date", d, cit=c,
                               reason=f"cites {c['symbol']} {what}, later than the citing document ({own})",
                               evidence=c.get("context") or "", cited_date=c.get("date"), citing_date=d.get("date"))


_PARENT_CUE = re.compile(r"(?:trên cơ sở|thực hiện|triển khai(?: thực hiện)?)[\s*_,:]*$", re.IGNORECASE)
_BUILD_CUE = re.compile(r"\b(?:xây dựng|ban hành)\s+(?:\S+\s+){0,2}?(?P<tw>kế hoạch|chương trình|quyết định|"
                        r"nghị quyết|chỉ thị|hướng dẫn|đề án|phương án|báo cáo|quy chế)", re.IGNORECASE)
_PARENT_WINDOW_DAYS = 92


def _before(c: dict[str, Any], n: int = 60) -> str:
    ctxt, text = c.get("context") or "", " ".join((c.get("text") or "").split())
    i = ctxt.find(text[:40]) if text else -1
    return ctxt[max(0, i - n):i] if i > 0 else ""


def _after(c: dict[str, Any]) -> str:
    ctxt, text = c.get("context") or "", " ".join((c.get("text") or "").split())
    i = ctxt.find(text[:40]) if text else -1
    return ctxt[i + len(text):] if i >= 0 else ""


def check_conflict(ctx: _Ctx) -> Iterable[Finding]:
    yield from _parent_conflicts(ctx)
    groups: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for c in ctx.facts.citations:
        if not c.get("short_form"):
            groups[ctx.canon(c["key"])].append(c)
    for key, cits in groups.items():
        own = ctx.doc_by_key.get(key)
        yield from _date_conflicts(ctx, key, cits, own)
        yield from _issuer_conflicts(ctx, key, cits)
        yield from _type_conflicts(ctx, key, cits)


def _parent_conflicts(ctx: _Ctx) -> Iterable[Finding]:
    linked = {(ctx.canon(e["source_key"]), ctx.canon(e["target_key"])) for e in ctx.facts.stated}
    for fid, cits in ctx.by_file.items():
        parents = [c for c in cits if c.get("relation") == "implements" and not c.get("short_form") and c.get("type_code")]
        for p in parents:
            pkey, pcodes = ctx.canon(p["key"]), set(issuer_codes(p["symbol"]))
            for b in cits:
                bkey = ctx.canon(b["key"])
                if b is p or bkey == pkey or b.get("short_form") or b.get("relation") == "implements":
                    continue
                if b.get("type_code") != p.get("type_code") or set(issuer_codes(b["symbol"])) != pcodes:
                    continue
                if (pkey, bkey) in linked or (bkey, pkey) in linked:
                    continue
                if not _PARENT_CUE.search(_before(b)):
                    continue
                d = ctx.docs[fid]
                m = _BUILD_CUE.search(_after(b)[:200])
                if not m or (d.get("type") and m.group("tw").lower() != d["type"].lower()):
                    continue  # the sentence must say that THIS document was built on it
                pd_, bd_ = _parse_date(p.get("date")), _parse_date(b.get("date"))
                if pd_ and bd_ and abs((pd_ - bd_).days) > _PARENT_WINDOW_DAYS:
                    continue
                pd = f" of {p['date']}" if p.get("date") else ""
                bd = f" of {b['date']}" if b.get("date") else ""
                yield _finding("conflict", "parent", d, cit=b,
                               reason=f"opens implementing {p['symbol']}{pd} but later says it was built on "
                                      f"{b['symbol']}{bd}: two different parent documents ({p.get('type') or p.get('type_code')}, "
                                      f"same issuer) for the same purpose (likely a typo)",
                               evidence=f"{p.get('context') or ''} || {b.get('context') or ''}",
                               parent=p["symbol"], other=b["symbol"])


def _where(c: dict[str, Any], ctx: _Ctx) -> str:
    return ctx.docs[c["file_id"]].get("name") or "?"


def _date_conflicts(ctx: _Ctx, key: str, cits: list[dict[str, Any]], own: dict[str, Any] | None) -> Iterable[Finding]:
    dated = [c for c in cits if c.get("date")]
    if not dated:
        return
    year_in_symbol = any(c["symbol"].count("/") >= 2 for c in cits)
    values = Counter(c["date"] for c in dated)
    own_date = own.get("date") if own else None
    if own_date:
        values[own_date] += 0
    if len(values) < 2:
        return
    by_file: dict[int, list[dict[str, Any]]] = defaultdict(list)
    for c in dated:
        by_file[c["file_id"]].append(c)
    for fid, mine in by_file.items():
        my_dates = {c["date"] for c in mine}
        d = ctx.docs[fid]
        if len(my_dates) > 1:  # within one document: always worth a look
            ev = " || ".join(c.get("context") or "" for c in mine)
            yield _finding("conflict", "date", d, cit=mine[0],
                           reason=f"{mine[0]['symbol']} is dated {' and '.join(sorted(my_dates))} in the same document",
                           evidence=ev, values=sorted(my_dates))
            continue
        mine_date = next(iter(my_dates))
        if own_date and own is not None and own["file_id"] != fid:
            if mine_date != own_date and (year_in_symbol or mine_date[:4] == own_date[:4]):
                yield _finding("conflict", "date", d, cit=mine[0],
                               reason=f"{mine[0]['symbol']} cited as of {mine_date}, but its own file "
                                      f"{own.get('name')} is dated {own_date}",
                               evidence=mine[0].get("context") or "", source=f"corpus: header of {own.get('name')}",
                               values=[mine_date, own_date])
            continue
        # across the corpus: numbers restart every year (State) or term (Party), so a different year
        # usually means a different document; only a same-year disagreement (or a symbol with its
        # year) is reported, and only for the minority spelling
        others = Counter(c["date"] for c in dated if c["file_id"] != fid)
        rivals = [v for v, n in others.items() if v != mine_date and (year_in_symbol or v[:4] == mine_date[:4])]
        if not rivals:
            continue
        best = max(rivals, key=lambda v: (others[v], v))
        mine_n = sum(1 for c in dated if c["date"] == mine_date)
        if others[best] >= mine_n:
            files = sorted({_where(c, ctx) for c in dated if c["date"] == best})
            yield _finding("conflict", "date", d, cit=mine[0], severity="low",
                           reason=f"{mine[0]['symbol']} cited as of {mine_date} here, as of {best} in "
                                  f"{len(files)} other file(s) ({', '.join(files[:3])})",
                           evidence=mine[0].get("context") or "", source="corpus", values=[mine_date, best])


def _issuer_conflicts(ctx: _Ctx, key: str, cits: list[dict[str, Any]]) -> Iterable[Finding]:
    named = [(c, issuer_class(c.get("issuer"))) for c in cits if c.get("issuer")]
    named = [(c, n) for c, n in named if n]
    if len({n for _, n in named}) < 2:
        return
    by_file: dict[int, list[tuple[dict[str, Any], str]]] = defaultdict(list)
    for c, n in named:
        by_file[c["file_id"]].append((c, n))
    for fid, mine in by_file.items():
        d = ctx.docs[fid]
        classes = {n for _, n in mine}
        if len(classes) > 1:
            a = mine[0]
            b = next(x for x in mine if x[1] != a[1])
            (a, _), (b, _) = a, b
            yield _finding("conflict", "issuer", d, cit=b, severity="medium",
                           reason=f"{a['symbol']} is attributed to '{a['issuer']}' and to '{b['issuer']}' in the same "
                                  f"document" + (f" (written '{a.get('original')}' and '{b.get('original')}')"
                                                 if a.get("original") != b.get("original") else ""),
                           evidence=f"{a.get('context') or ''} || {b.get('context') or ''}",
                           values=[a["issuer"], b["issuer"]])
            continue
        # across the corpus: report this file when at least two other mentions agree on another issuer
        mine_cls = next(iter(classes))
        others = Counter(n for c, n in named if c["file_id"] != fid)
        if mine_cls in others or not others:
            continue
        best, n = others.most_common(1)[0]
        if n < 2:
            continue
        yield _finding("conflict", "issuer", d, cit=mine[0][0],
                       reason=f"{mine[0][0]['symbol']} attributed to '{mine[0][0]['issuer']}' here, to {best} in "
                              f"{n} other mention(s)",
                       evidence=mine[0][0].get("context") or "", source="corpus", values=[mine[0][0]["issuer"], best])


def _type_conflicts(ctx: _Ctx, key: str, cits: list[dict[str, Any]]) -> Iterable[Finding]:
    words = [(c, type_word_as_written(c)) for c in cits]
    words = [(c, w) for c, w in words if w and _codes_for_word(w)]
    if len({_codes_key(w) for _, w in words}) < 2:
        return
    by_file: dict[int, list[tuple[dict[str, Any], str]]] = defaultdict(list)
    for c, w in words:
        by_file[c["file_id"]].append((c, w))
    for fid, mine in by_file.items():
        kinds = {_codes_key(w) for _, w in mine}
        others = Counter(_codes_key(w) for c, w in words if c["file_id"] != fid)
        d = ctx.docs[fid]
        if len(kinds) > 1:
            ws = sorted({w for _, w in mine})
            yield _finding("conflict", "type", d, cit=mine[0][0], severity="medium",
                           reason=f"{mine[0][0]['symbol']} is called {' and '.join(repr(w) for w in ws)} in the same document",
                           evidence=" || ".join(c.get("context") or "" for c, _ in mine[:2]), values=ws)
        elif others and next(iter(kinds)) not in others and sum(others.values()) >= 2:
            alt = sorted({w for c, w in words if c["file_id"] != fid})
            yield _finding("conflict", "type", d, cit=mine[0][0],
                           reason=f"{mine[0][0]['symbol']} is called '{mine[0][1]}' here but "
                                  f"{', '.join(repr(w) for w in alt[:3])} in {sum(others.values())} other mention(s)",
                           evidence=mine[0][0].get("context") or "", source="corpus", values=[mine[0][1], *alt[:3]])


def _codes_key(word: str) -> frozenset[str]:
    return frozenset(_codes_for_word(word) or ())


CHECKS = {  # the outdated check lives in graph.audit.outdated
    "anachronism": check_anachronism,
    "conflict": check_conflict,
    "malformed": check_malformed,
    "draft": check_draft,
    "unresolved": check_unresolved,
}


# -- entry points -------------------------------------------------------------------------------
def parse_kinds(kinds: str | Iterable[str] | None) -> tuple[str, ...]:
    """``"outdated,conflict"`` -> ``("outdated", "conflict")``; ValueError names the valid kinds."""
    if kinds is None:
        return KINDS
    items = [k.strip().lower() for k in (kinds.split(",") if isinstance(kinds, str) else kinds) if k and k.strip()]
    bad = [k for k in items if k not in KINDS]
    if bad:
        raise ValueError(f"unknown kind(s) {', '.join(bad)}; choose from {', '.join(KINDS)}")
    return tuple(dict.fromkeys(items)) or KINDS


def parse_as_of(as_of: str | _dt.date | None) -> _dt.date:
    if as_of is None or as_of == "":
        return _dt.date.today()
    if isinstance(as_of, _dt.date):
        return as_of
    s = str(as_of).strip()
    if s.lower() == "today":
        return _dt.date.today()
    m = re.fullmatch(r"(\d{1,2})/(\d{1,2})/(\d{4})", s)
    try:
        return _dt.date(int(m.group(3)), int(m.group(2)), int(m.group(1))) if m else _dt.date.fromisoformat(s)
    except ValueError:
        raise ValueError(f"--as-of {s!r} is not a date (YYYY-MM-DD or DD/MM/YYYY)") from None


def to_records(findings: Iterable[Finding]) -> list[dict[str, Any]]:
    """Plain dicts (JSON-able) for the CLI, the explorer and other backends."""
    return [f.to_dict() for f in findings]
