"""Canonical identity: which stored keys name the same real document, and what we know of it.

The extractor already folds spelling into keys (``436-QĐ-UBND`` and ``436/QĐ-UBND`` share
``436|QD-UBND@quang-ngai``).  Here we finish the job across files, cautiously:

- a local key with unknown jurisdiction (``…@?``) is merged into the one scoped key with the
  same symbol when exactly one exists; otherwise it stays apart (never guess between provinces);
- every spelling seen is kept as a *variant* with its evidence (file, offsets, text);
- a document's attributes come from its own file when we have it, else from the most common
  value among citations (ties broken by value, so the result does not depend on file order).
"""
from __future__ import annotations

from collections import defaultdict
from functools import lru_cache
from typing import Any, Iterable

from extract.jurisdiction import province_names
from extract.keys import issuer_codes, issuer_info, slug

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


# Tuple layouts of the rows ``document_record_rows`` reads (``graph.build`` selects exactly these
# columns): the fields a document takes from its own file, else from citations, share positions.
SHARED_COLUMNS = ("key", "symbol", "type", "type_code", "number", "date", "year", "issuer")
OWN_COLUMNS = SHARED_COLUMNS + ("symbol_text", "issuer_code", "title", "province", "path")
CITED_COLUMNS = SHARED_COLUMNS + ("original", "family", "subject")
(_SYMBOL, _TYPE, _TYPE_CODE, _NUMBER, _DATE, _YEAR, _ISSUER) = range(1, 8)
_SYMBOL_TEXT, _ISSUER_CODE, _TITLE, _PROVINCE, _PATH = range(8, 13)
_ORIGINAL, _FAMILY, _SUBJECT = range(8, 11)
_NO_OWN = (None,) * len(OWN_COLUMNS)
_NO_CITED = [()] * len(CITED_COLUMNS)


def document_record(key: str, own: list[dict[str, Any]], cited: list[dict[str, Any]]) -> dict[str, Any]:
    """Canonical attributes of one document from its own file rows and the citations of it."""
    own_rows = [tuple(r["path"] if c == "path" else r.get(c) for c in OWN_COLUMNS) for r in own]
    return document_record_rows(key, own_rows, [tuple(r.get(c) for c in CITED_COLUMNS) for r in cited])


def document_record_rows(key: str, own: list[tuple], cited: list[tuple]) -> dict[str, Any]:
    """``document_record`` over tuple rows laid out as OWN_COLUMNS / CITED_COLUMNS (longer rows are
    fine).  The graph build calls it per document: no dict per row, each column gathered once."""
    cols = list(zip(*cited)) or _NO_CITED
    if own:
        first = own[0]
        ocols = list(zip(*own))

        def pick(i: int) -> Any:
            return first[i] or _mode(ocols[i] + cols[i])
    else:
        first, ocols = _NO_OWN, None

        def pick(i: int) -> Any:
            return _mode(cols[i])
    symbol = first[_SYMBOL] or _mode(cols[_SYMBOL])
    date = pick(_DATE)
    year = pick(_YEAR) or (int(date[:4]) if date else None)
    scope = scope_of_key(key)
    province = province_of_key(key) or (first[_PROVINCE] if scope == "file" else None)
    variants = set(filter(None, [o or s for o, s in zip(cols[_ORIGINAL], cols[_SYMBOL])]))
    dates = set(filter(None, cols[_DATE]))
    if ocols:
        variants.update(filter(None, ocols[_SYMBOL_TEXT]))
        dates.update(filter(None, ocols[_DATE]))
    codes = issuer_codes(symbol) if symbol else ([first[_ISSUER_CODE]] if first[_ISSUER_CODE] else [])
    return {
        "key": key, "kind": "document", "symbol": symbol, "type": pick(_TYPE), "type_code": pick(_TYPE_CODE),
        "number": pick(_NUMBER), "date": date, "year": year, "family": _mode(cols[_FAMILY]),
        "issuer": pick(_ISSUER), "issuer_codes": codes, "province": province, "scope": scope,
        "title": first[_TITLE] or _mode(cols[_SUBJECT]),
        "files": sorted(set(ocols[_PATH])) if ocols else [], "has_file": bool(own), "mentions": len(cited),
        "variants": sorted(variants), "dates_seen": sorted(dates),
    }
