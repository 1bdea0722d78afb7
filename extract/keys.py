"""Canonical document keys: one key per real document, whatever the spelling.

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

from extract.tables import canonical_type_code, issuer_scope

_SEP = re.compile(r"[-/.–—_\s]+")


@lru_cache(maxsize=65536)
def strip_diacritics(s: str) -> str:
    """ASCII-fold Vietnamese: ``Đề án`` -> ``De an``."""
    s = s.replace("Đ", "D").replace("đ", "d")
    s = unicodedata.normalize("NFD", s)
    return "".join(c for c in s if unicodedata.category(c) != "Mn")


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
