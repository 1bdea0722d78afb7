"""Canonical identity: which mentions name the same real document, and what we know of it.

The extractor folds spelling into keys (``436-QĐ-UBND`` and ``436/QĐ-UBND`` share
``436|QD-UBND@quang-ngai``).  Here we finish the job across files, over all mentions at once
(so the graph never depends on the order files were ingested in):

- a symbol without a year (``16/CT-TTg``, ``114-KL/TW``) names a different document each year:
  a mention that dates it gets the year in its key (``16|CT-TTG~2020``);
- a symbol without a type code (``71/2006/QH11``) is shared by a Luật and a Nghị quyết: the
  type word is part of the key (``71|2006-QH11~luat``);
- a mention that leaves one of these open (no date, no type word, a local symbol of unknown
  province ``…@?``) joins the one document that fits (same symbol, same province, not later than
  the citing document); with several that fit it stays apart and lists them as ``candidates``;
- every spelling seen is kept as a *variant* with its evidence (file, offsets, text);
- a document's attributes come from its own file when we have it, else from the most common
  value among citations (ties broken by value, so the result does not depend on file order).
"""
from __future__ import annotations

import re
from collections import defaultdict
from functools import lru_cache
from typing import Any, Iterable, NamedTuple

from extract.jurisdiction import province_names
from extract.keys import canonical_type_code, issuer_codes, issuer_info, slug, strip_diacritics

UNKNOWN_SCOPE = "@?"


@lru_cache(maxsize=1)
def _slug_to_province() -> dict[str, str]:
    return {slug(p): p for p in province_names()}


def province_of_key(key: str) -> str | None:
    """``116|KH-TU@phu-yen`` -> ``Phú Yên``; central and unknown-scope keys give None."""
    if "@" not in key or key.startswith("file:"):
        return None
    s = key.rsplit("@", 1)[1]
    return _slug_to_province().get(s) or (None if s == "?" else s)


def scope_of_key(key: str) -> str:
    """``central``, ``local``, ``unknown`` (local code, jurisdiction not known) or ``file``."""
    if key.startswith("file:"):
        return "file"
    if key.endswith(UNKNOWN_SCOPE):
        return "unknown"
    return "local" if "@" in key else "central"


# -- identity ------------------------------------------------------------------------------------
QUALIFIER = "~"  # ``16|CT-TTG~2020``, ``71|2006-QH11~luat``, ``116|KH-TU~2021@phu-yen``

# Type words that tell apart documents sharing a symbol without a type code ("Luật số 71/2006/QH11"
# and "Nghị quyết số 71/2006/QH11" are two documents), one class each.  Other words say nothing
# about identity: a "Công văn" shares no numbering, and a "Nghị định 61/2024/QH15" is a type the
# extractor took from a neighbouring phrase.
TYPE_CLASSES = {"luật": "luat", "bộ luật": "luat", "hiến pháp": "hien-phap", "nghị quyết": "nghi-quyet",
                "pháp lệnh": "phap-lenh"}

_YEAR_PART = re.compile(r"(?:19|20)\d\d")


class KeyParts(NamedTuple):
    """A key taken apart: ``116|KH-TU~2021@phu-yen`` -> base ``116|KH-TU``, year 2021, scope ``phu-yen``."""

    base: str
    year: int | None = None
    kind: str | None = None   # a TYPE_CLASSES value, for a symbol without type code
    scope: str | None = None  # province slug, "?" (local, province unknown) or None (central)


@lru_cache(maxsize=65536)
def split_key(key: str) -> KeyParts:
    """
    >>> split_key("116|KH-TU~2021@phu-yen"), split_key("71|2006-QH11~luat")
    (KeyParts(base='116|KH-TU', year=2021, kind=None, scope='phu-yen'), KeyParts(base='71|2006-QH11', year=None, kind='luat', scope=None))
    """
    head, at, scope = key.partition("@")
    base, *quals = head.split(QUALIFIER)
    year = kind = None
    for q in quals:
        if q.isdigit():
            year = int(q)
        else:
            kind = q
    return KeyParts(base, year, kind, scope if at else None)


def join_key(p: KeyParts) -> str:
    key = p.base + (f"{QUALIFIER}{p.year}" if p.year else "") + (f"{QUALIFIER}{p.kind}" if p.kind else "")
    return key + (f"@{p.scope}" if p.scope is not None else "")


@lru_cache(maxsize=65536)
def symbol_shape(base: str) -> tuple[bool, bool]:
    """(the symbol carries no year, the symbol carries no type code) for a folded base.

    >>> symbol_shape("16|CT-TTG"), symbol_shape("71|2006-QH11"), symbol_shape("30|2020-ND-CP")
    ((True, False), (False, True), (False, False))
    """
    parts = base.partition("|")[2].split("-")
    yearless = not any(_YEAR_PART.fullmatch(x) for x in parts)
    codes = [x for x in parts if not _YEAR_PART.fullmatch(x)]
    return yearless, not (codes and canonical_type_code(codes[0]))


@lru_cache(maxsize=1024)
def type_class(type_word: str | None) -> str | None:
    """``Bộ luật`` -> ``luat``; words outside TYPE_CLASSES -> None."""
    return TYPE_CLASSES.get(" ".join(type_word.lower().split())) if type_word else None


@lru_cache(maxsize=65536)
def qualify(key: str, year: int | None, type_word: str | None) -> str:
    """The key of one mention: ``key`` plus what the mention says of its year and type, where the
    symbol leaves them open.

    >>> qualify("16|CT-TTG", 2020, "Chỉ thị"), qualify("71|2006-QH11", 2006, "Luật"), qualify("30|2020-ND-CP", 2020, None)
    ('16|CT-TTG~2020', '71|2006-QH11~luat', '30|2020-ND-CP')
    >>> qualify("116|KH-TU@phu-yen", 2021, None), qualify("file:plan@1a2b", 2020, None)
    ('116|KH-TU~2021@phu-yen', 'file:plan@1a2b')
    """
    if key.startswith("file:"):
        return key
    p = split_key(key)
    yearless, typeless = symbol_shape(p.base)
    year = p.year or (year if yearless else None)
    kind = p.kind or (type_class(type_word) if typeless else None)
    if year == p.year and kind == p.kind:
        return key
    return join_key(p._replace(year=year, kind=kind))


def _not_later(first: str | None, year: int | None, citing: str | None) -> bool:
    """A document first dated ``first`` (or of ``year``) can be cited by one dated ``citing``."""
    if not citing:
        return True
    if first:
        return first[:10] <= citing[:10]
    return year is None or year <= int(citing[:4])


class Identities:
    """Which document each mention names, decided against every mention in the store.

    Built from ``(key, date)`` pairs: each mention's qualified key (``qualify``) and the date it
    gives the document, if any.  A key with every part it needs (a year for a yearless symbol, a
    known province for a local one) is an *identity*; ``resolve`` maps a mention that leaves a
    part open onto the one identity that fits, else leaves it as it is (with the candidates when
    several fit).

    >>> ids = Identities([("16|CT-TTG~2016", "2016-05-16"), ("16|CT-TTG~2020", "2020-03-31"), ("16|CT-TTG", None)])
    >>> ids.resolve("16|CT-TTG", "2018-01-05"), ids.resolve("16|CT-TTG", "2021-01-05")
    (('16|CT-TTG~2016', ()), ('16|CT-TTG', ('16|CT-TTG~2016', '16|CT-TTG~2020')))
    """

    def __init__(self, mentions: Iterable[tuple[str, str | None]]) -> None:
        first: dict[str, str | None] = {}
        for key, date in mentions:
            if key.startswith("file:"):
                continue
            if key not in first or (date and (first[key] is None or date < first[key])):
                first[key] = date or first.get(key)
        self.by_base: dict[str, list[tuple[str, KeyParts, str | None]]] = defaultdict(list)
        for key in sorted(first):
            p = split_key(key)
            if p.scope != "?" and (p.year or not symbol_shape(p.base)[0]):
                self.by_base[p.base].append((key, p, first[key]))
        self._cache: dict[tuple[str, str | None], tuple[str, tuple[str, ...]]] = {}
        self._closed: dict[str, tuple[str, tuple[str, ...]]] = {}

    def resolve(self, key: str, citing_date: str | None = None) -> tuple[str, tuple[str, ...]]:
        """(the key this mention resolves to, the candidates when it stays ambiguous)."""
        hit = self._closed.get(key) or self._cache.get((key, citing_date))
        if hit is not None:
            return hit
        p = split_key(key)
        yearless, typeless = symbol_shape(p.base)
        open_year = yearless and not p.year
        open_kind = typeless and not p.kind
        if key.startswith("file:") or not (open_year or open_kind or p.scope == "?"):
            hit = self._closed[key] = (key, ())  # nothing left open: the key is the document's
            return hit
        memo = (key, citing_date if open_year else None)
        hit = self._cache.get(memo)
        if hit is None:
            fits = [(k, c) for k, c, first in self.by_base.get(p.base, ())
                    if (p.scope == "?" or c.scope == p.scope)
                    and (c.year == p.year if p.year else not open_year or _not_later(first, c.year, citing_date))
                    and (p.kind is None or c.kind == p.kind)]
            if open_kind and any(c.kind for _, c in fits):  # a typed identity beats the untyped mentions
                fits = [(k, c) for k, c in fits if c.kind]
            keys = tuple(k for k, _ in fits)
            hit = self._cache[memo] = (keys[0], ()) if len(keys) == 1 else (key, keys if len(keys) > 1 else ())
        self._cache[key, citing_date] = hit
        return hit


def merge_unknown(keys: Iterable[str]) -> dict[str, str]:
    """Map each ``@?`` key to its unique scoped twin, when there is exactly one.

    >>> merge_unknown(["116|KH-TU@?", "116|KH-TU@phu-yen", "3|CT-UBND@?", "3|CT-UBND@ha-tinh", "3|CT-UBND@cao-bang"])
    {'116|KH-TU@?': '116|KH-TU@phu-yen'}
    """
    keys = set(keys)
    scoped: dict[str, list[str]] = defaultdict(list)
    for k in keys:
        if "@" in k and not k.endswith(UNKNOWN_SCOPE) and not k.startswith("file:"):
            scoped[k.rsplit("@", 1)[0]].append(k)
    out = {}
    for k in sorted(keys):
        if k.endswith(UNKNOWN_SCOPE):
            twins = scoped.get(k[: -len(UNKNOWN_SCOPE)], [])
            if len(twins) == 1:
                out[k] = twins[0]
    return out


def _mode(values: Iterable[Any]) -> Any:
    """Most common non-empty value; ties go to the smallest (order-independent).

    Called ~40k times per build, nearly always with zero or one distinct value: those cases
    return without counting (a Counter per call was most of the graph build's time).

    >>> _mode([None, "", "b", "a", "b", "a"]), _mode(["x", None, "x"]), _mode([None, ""])
    ('a', 'x', None)
    """
    if not isinstance(values, (tuple, list)):
        values = list(values)
    if len(values) == 1:  # most documents are cited once
        v = values[0]
        return None if v is None or v == "" else v
    distinct = set(values)
    distinct.discard(None)
    distinct.discard("")
    if len(distinct) <= 1:  # the set keeps the first of equal values, as a Counter did
        return distinct.pop() if distinct else None
    counts: dict[Any, int] = {}
    for v in values:
        if v is not None and v != "":
            counts[v] = counts.get(v, 0) + 1
    best = max(counts.values())
    return min(v for v, n in counts.items() if n == best)


def issuer_node_id(code: str, province: str | None) -> str:
    info = issuer_info(code)
    if info and info["scope"] == "local":
        return f"issuer:{info['code']}@{slug(province) if province else '?'}"
    return f"issuer:{info['code'] if info else code}"


_PARTY_WORDS = ("ủy", "đảng", "dân vận", "tuyên giáo", "tổ chức", "kiểm tra")


def issuer_parent(code: str, province: str | None) -> str | None:
    """The body an issuer answers to: department -> Tỉnh ủy/UBND, ministry -> CP, TU -> TW ..."""
    info = issuer_info(code)
    if not info:
        return None
    c, level, name = info["code"], info["level"], (info.get("name") or "").lower()
    if info["scope"] == "central":
        if c in {"TW", "CP", "QH", "CTN"}:
            return None
        if c.startswith("UBTVQH") or c.startswith("QH"):
            return "issuer:QH" if c != "QH" else None
        return "issuer:TW" if level == "central_party" else "issuer:CP"
    p = f"@{slug(province) if province else '?'}"
    if c in {"TU", "TP"}:
        return "issuer:TW"
    if c == "UBND":
        return "issuer:CP"
    if c == "HĐND":
        return "issuer:QH"
    if level == "district" or c in {"ĐU"}:
        return f"issuer:TU{p}"
    if any(w in name for w in _PARTY_WORDS) and not name.startswith("sở"):
        return f"issuer:TU{p}"
    return f"issuer:UBND{p}"


def issuer_record(code: str, province: str | None) -> dict[str, Any]:
    info = issuer_info(code) or {"code": code, "name": None, "scope": "central", "level": "other"}
    local = info["scope"] == "local"
    name = info.get("name") or code
    return {"id": issuer_node_id(code, province), "kind": "issuer", "code": info["code"],
            "name": _local_name(name, info["code"], province) if local else name, "level": info["level"],
            "scope": info["scope"], "province": province if local else None,
            "parent": issuer_parent(code, province)}


def _local_name(name: str, code: str, province: str | None) -> str:
    """``Tỉnh ủy Phú Yên``; other local bodies get the province in brackets."""
    if not province:
        return f"{name} (?)"
    return f"{name} {province}" if code in {"TU", "TP"} else f"{name} ({province})"


# -- titles ---------------------------------------------------------------------------------------
_SENTENCE_END = re.compile(
    r";|\.\s+(?=[A-ZĐÀ-Ỹ*])|\s\|\s|\*\*"
    r"|\(sau đây"                                                  # "(sau đây viết tắt là …)"
    r"|(?:,|\bvà)\s+(?:Luật|Bộ luật|Nghị định|Nghị quyết|Quyết định|Thông tư|Chỉ thị|Kết luận|Kế hoạch"
    r"|Công văn|Thông báo|Hướng dẫn|Chương trình|Đề án)\s+(?:số\s+)?\d")  # the next reference of a list
_TRIM = " \t\n*_\"“”'‘’,;:.-–"
_NAME = re.compile(r"^((?:Bộ luật|Luật|Pháp lệnh|Hiến pháp)\s+(?!số\b)[^\d;:()]{3,}?)\s*(?:\bsố\s*(?=\d)|\d)", re.I)


def clean_title(subject: str | None) -> str | None:
    """A trích yếu up to the end of its sentence, without markup.

    >>> clean_title("về tăng cường công tác dân vận; Điều 2. Các sở ...")
    'về tăng cường công tác dân vận'
    >>> clean_title("về Quỹ quốc gia về việc làm và Quyết định số 15/2008/QĐ-TTg về sửa đổi")
    'về Quỹ quốc gia về việc làm'
    >>> clean_title("về Điều 1 Thông tư số 151/2014/TT-BTC)") is None
    True
    """
    if not subject:
        return None
    s = " ".join(subject.split())
    m = _SENTENCE_END.search(s)
    s = (s[:m.start()] if m else s).strip(_TRIM)
    if s.count(")") > s.count("(") or len(s) <= 3:  # begins inside a bracket: not a trích yếu
        return None
    return s


def ends_sentence(subject: str, context: str | None) -> bool:
    """The trích yếu ends where its sentence does in the evidence (nothing runs on after it).

    >>> ends_sentence("về công tác dân vận", "Căn cứ Chỉ thị số 16/CT-TTg của Thủ tướng về công tác dân vận;")
    True
    >>> ends_sentence("về X) chỉ định", "Nghị định số 140/2018/NĐ-CP (về X) chỉ định lựa chọn đơn vị")
    False
    """
    s, c = " ".join(subject.split()), " ".join((context or "").split())
    i = c.find(s)
    if not s or i < 0:
        return False
    rest = c[i + len(s):].lstrip(" *_\"”’)»")
    return not rest or rest[0] in ";." or rest.startswith("|")


def best_title(subjects: Iterable[str | None], contexts: Iterable[str | None], files: Iterable[Any]) -> str | None:
    """The trích yếu most citing documents give, among those that end at the sentence end
    (ties: the smallest, so the answer does not depend on file order)."""
    by_title: dict[str, set] = defaultdict(set)
    for subject, context, file in zip(subjects, contexts, files):
        if subject and ends_sentence(subject, context):
            t = clean_title(subject)
            if t:
                by_title[t].add(file)
    if not by_title:
        return None
    best = max(len(v) for v in by_title.values())
    return min(t for t, v in by_title.items() if len(v) == best)


def name_of(text: str | None) -> str | None:
    """The name a reference gives before its number: ``Luật Đất đai số 31/2024/QH15`` -> ``Luật Đất đai``.

    >>> name_of("Luật Tổ chức chính quyền địa phương số 72/2025/QH15"), name_of("Luật số 64/2020/QH14")
    ('Luật Tổ chức chính quyền địa phương', None)
    >>> name_of("Luật Tần số vô tuyến điện số 42/2009/QH12")
    'Luật Tần số vô tuyến điện'

    """
    if not text or text[0] not in "LlBbPpHh":
        return None
    m = _NAME.match(" ".join(text.split()))
    return m.group(1).strip(_TRIM) if m else None


@lru_cache(maxsize=16384)
def fold_name(name: str) -> str:
    """``Luật Đất  đai**`` -> ``luat dat dai``: the form names are compared in."""
    return " ".join(re.findall(r"[a-z0-9]+", strip_diacritics(name).lower()))


# -- document records -----------------------------------------------------------------------------
class OwnRow(NamedTuple):
    """What a file says of its own document (``graph.build`` selects these columns)."""

    key: str
    symbol: str | None = None
    type: str | None = None
    type_code: str | None = None
    number: str | None = None
    date: str | None = None
    year: int | None = None
    issuer: str | None = None
    symbol_text: str | None = None
    issuer_code: str | None = None
    title: str | None = None
    province: str | None = None
    path: str | None = None


class CitedRow(NamedTuple):
    """What one citation says of the document it names; ``file`` names the citing file.  Rows may
    carry more fields after these (``graph.build.CiteRow`` adds the edge's)."""

    key: str
    symbol: str | None = None
    type: str | None = None
    type_code: str | None = None
    number: str | None = None
    date: str | None = None
    year: int | None = None
    issuer: str | None = None
    original: str | None = None
    family: str | None = None
    subject: str | None = None
    text: str | None = None
    context: str | None = None
    file: Any = None


@lru_cache(maxsize=8192)
def _is_name(issuer: str) -> bool:
    """At most 12 words: a longer "issuer" is the extractor running on into the sentence."""
    return issuer.count(" ") < 12

_N_OWN, _N_CITED = len(OwnRow._fields), len(CitedRow._fields)
_NO_OWN = OwnRow(*(None,) * _N_OWN)
_NO_CITED = CitedRow(*[()] * _N_CITED)


def document_record(key: str, own: list[dict[str, Any]], cited: list[dict[str, Any]], **extra: Any) -> dict[str, Any]:
    """Canonical attributes of one document from its own file rows and the citations of it."""
    return document_record_rows(key, [OwnRow(**{f: r.get(f) for f in OwnRow._fields}) for r in own],
                                [CitedRow(**{f: r.get(f) for f in CitedRow._fields}) for r in cited], **extra)


def document_record_rows(key: str, own: list[tuple], cited: list[tuple], *, names: Iterable[str] = (),
                         candidates: Iterable[str] = ()) -> dict[str, Any]:
    """``document_record`` over rows laid out as OwnRow / CitedRow (longer rows are fine).
    The graph build calls it per document: no dict per row, each column gathered once.

    ``names`` are the names texts give it (``Luật Đất đai``); ``candidates`` the documents an
    ambiguous mention may name (then this node stands for the mentions, not for one document)."""
    cols = CitedRow._make(list(zip(*cited))[:_N_CITED]) if cited else _NO_CITED
    if own:
        first = own[0]
        ocols = OwnRow._make(list(zip(*own))[:_N_OWN])

        def pick(f: str) -> Any:
            return getattr(first, f) or _mode(getattr(ocols, f) + getattr(cols, f))
    else:
        first, ocols = _NO_OWN, None

        def pick(f: str) -> Any:
            return _mode(getattr(cols, f))
    parts = split_key(key)
    symbol = first.symbol or _mode(cols.symbol)
    date = pick("date")
    year = parts.year or pick("year") or (int(date[:4]) if date else None)
    scope = scope_of_key(key)
    province = province_of_key(key) or (first.province if scope == "file" else None)
    variants = set(filter(None, [o or s for o, s in zip(cols.original, cols.symbol)]))
    dates = set(filter(None, cols.date))
    if ocols:
        variants.update(filter(None, ocols.symbol_text))
        dates.update(filter(None, ocols.date))
    codes = issuer_codes(symbol) if symbol else ([first.issuer_code] if first.issuer_code else [])
    names = sorted(set(names))
    title = (first.title or (any(cols.subject) and best_title(cols.subject, cols.context, cols.file))
             or (min(names, key=lambda n: (-len(n), n)) if names else None))
    typ = pick("type")
    if parts.kind and type_class(typ) != parts.kind:  # "Luật" / "Nghị quyết": the key says which
        typ = _mode([t for t in cols.type if type_class(t) == parts.kind])
    return {
        "key": key, "kind": "document", "symbol": symbol, "type": typ, "type_code": pick("type_code"),
        "number": pick("number"), "date": date, "year": year, "family": _mode(cols.family),
        "issuer": first.issuer or _mode([i for i in cols.issuer if i and _is_name(i)]),
        "issuer_codes": codes, "province": province, "scope": scope,
        "title": title, "names": names,
        "files": sorted(set(ocols.path)) if ocols else [], "has_file": bool(own), "mentions": len(cited),
        "variants": sorted(variants), "dates_seen": sorted(dates),
        "ambiguous": bool(candidates), "candidates": sorted(set(candidates)),
    }
