"""Canonical forms: the project's one ASCII fold, forgiving code lookups and document keys.

``strip_diacritics`` / ``fold_text`` are the only folds in the project (extract, graph, audit
and queries all compare names through them).  ``canonical_type_code`` and ``issuer_info`` look
codes up in the data tables whatever their case and diacritics.

Canonical document keys: one key per real document, whatever the spelling.

A key folds case, diacritics (Đ -> D), separators and leading zeros of the number, and keeps
the year (``44/2002/QĐ-TTg`` is not ``44/2025/QĐ-TTg``).  Codes of *local* issuers (TU, UBND,
HĐND, ThU, HU, ĐUK ...) are only unique inside a jurisdiction, so their keys carry the
province slug: ``116-KH/TU`` cited by a Phú Yên document is ``116|KH-TU@phu-yen``.  A local
symbol whose jurisdiction is unknown gets ``@?``.

>>> fold_symbol("338-QD/TU") == fold_symbol("338-QĐ/TU")
True
>>> fold_symbol("436-QĐ-UBND") == fold_symbol("436/QĐ-UBND")
True
>>> document_key("116-KH/TU", "Phú Yên")
'116|KH-TU@phu-yen'
>>> document_key("114-KL/TW", "Phú Yên")
'114|KL-TW'
"""
from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from typing import Any

from extract.tables import doc_types, issuers, type_codes

_SEP = re.compile(r"[-/.–—_\s]+")
# Runs of characters that are neither ASCII nor a Vietnamese combining mark (quotes, dashes, CJK):
# kept as they are, but for any combining mark of another block among them.
_OTHER_RUN = re.compile("([^\x00-\x7f\u0300-\u036f]+)")


@lru_cache(maxsize=4096)
def _without_marks(run: str) -> str:
    return "".join(c for c in run if unicodedata.category(c) != "Mn")


def strip_diacritics(s: str) -> str:
    """The project's one ASCII fold: ``Đề án`` -> ``De an``, ``Hồng Lĩnh`` -> ``Hong Linh``.

    Đ/đ become D/d and every combining mark (Unicode category Mn) is dropped after NFD; any other
    character stays.  Vietnamese marks (U+0300-U+036F) are dropped by an ASCII encode, so a
    header-sized text folds at C speed; only the rare other runs are looked at one by one.

    >>> strip_diacritics("Quyết định “số 5” – Đà Nẵng")
    'Quyet dinh “so 5” – Da Nang'
    """
    s = unicodedata.normalize("NFD", s.replace("Đ", "D").replace("đ", "d"))
    if s.isascii():
        return s
    if _OTHER_RUN.search(s) is None:
        return s.encode("ascii", "ignore").decode("ascii")
    parts = _OTHER_RUN.split(s)  # ASCII-and-marks pieces at even indexes, other runs at odd ones
    parts[::2] = [p.encode("ascii", "ignore").decode("ascii") for p in parts[::2]]
    parts[1::2] = [_without_marks(p) for p in parts[1::2]]
    return "".join(parts)


@lru_cache(maxsize=65536)
def fold_text(s: str | None) -> str:
    """Names compared regardless of case, diacritics and spacing: ``" Phú  Yên"`` -> ``"phu yen"``."""
    return " ".join(strip_diacritics(s or "").lower().split())


def slug(s: str) -> str:
    """``Phú Yên`` -> ``phu-yen``."""
    return re.sub(r"[^a-z0-9]+", "-", strip_diacritics(s).lower()).strip("-")


@lru_cache(maxsize=65536)
def fold_symbol(symbol: str) -> str:
    """Spelling-independent form of a số hiệu: ``"04-ĐA/TU"`` -> ``"4|DA-TU"``."""
    s = "".join(strip_diacritics(symbol).upper().split())
    m = re.match(r"^(\d*)(.*)$", s)
    assert m is not None
    digits, rest = m.group(1), m.group(2)
    num = digits.lstrip("0") or ("0" if digits else "")
    parts = [p for p in _SEP.split(rest) if p]
    return num + "|" + "-".join(parts)


@lru_cache(maxsize=None)
def _code_index() -> dict[str, str]:
    """ASCII-folded upper code -> canonical code (``"QD"`` -> ``"QĐ"``, ``"CTR"`` -> ``"CTr"``)."""
    out: dict[str, str] = {}
    for r in doc_types():
        out.setdefault(strip_diacritics(r["code"]).upper(), r["code"])
    return out


@lru_cache(maxsize=4096)
def canonical_type_code(code: str) -> str | None:
    """Repair a type code's case and diacritics: ``QD`` -> ``QĐ``, ``QDI`` -> ``QĐi``."""
    if code in type_codes():
        return code
    return _code_index().get(strip_diacritics(code).upper())


@lru_cache(maxsize=4096)
def issuer_info(code: str) -> dict[str, Any] | None:
    """Row for an issuer code (exact, then case/diacritic-folded, then patterns), or None."""
    data = issuers()
    if code in data["codes"]:
        return {"code": code, **data["codes"][code]}
    folded = strip_diacritics(code).upper()
    for k, row in data["codes"].items():
        if strip_diacritics(k).upper() == folded:
            return {"code": k, **row}
    for p in data["patterns"]:
        if re.fullmatch(p["regex"], code):
            return {"code": code, "name": p["name"], "scope": p["scope"], "level": p["level"]}
    return None


def issuer_scope(code: str) -> str:
    """``central`` or ``local``; unknown codes count as central (no jurisdiction is guessed)."""
    info = issuer_info(code)
    return info["scope"] if info else "central"


def issuer_codes(symbol: str) -> list[str]:
    """The issuer part of a symbol, split on joint issuers.

    >>> issuer_codes("26-CTr/BDVTU-BCSDUBND"), issuer_codes("33/CT-TTg"), issuer_codes("55/2022/QH15")
    (['BDVTU', 'BCSDUBND'], ['TTg'], ['QH15'])
    """
    if "/" not in symbol:
        return []
    head, tail = symbol.split("/", 1)[0], symbol.rsplit("/", 1)[1]
    parts = [p for p in tail.split("-") if p]
    if "-" in head:  # party style NUMBER-TYPE/ISSUER[-ISSUER]
        return parts
    if len(parts) > 1 and canonical_type_code(parts[0]):  # state style NUMBER[/YEAR]/TYPE-ISSUER
        return parts[1:]
    return parts  # 55/2022/QH15, or a Công văn 1234/UBND-VX with no type code


@lru_cache(maxsize=65536)
def is_local(symbol: str) -> bool:
    """True when the symbol's issuer code only makes sense inside one province."""
    return any(issuer_scope(code) == "local" for code in issuer_codes(symbol))


@lru_cache(maxsize=65536)
def document_key(symbol: str, province: str | None = None) -> str:
    """The graph's canonical id of the document with this symbol, cited from ``province``."""
    base = fold_symbol(symbol)
    if is_local(symbol):
        return f"{base}@{slug(province) if province else '?'}"
    return base
