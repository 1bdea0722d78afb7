"""Parse and repair one số hiệu (document symbol) found by ``patterns.SYMBOL_RE``.

Three families:

* party      ``114-KL/TW``, ``26-CTr/BDVTU-BCSDUBND``   NUMBER-TYPE/ISSUER[-ISSUER]
* state      ``33/CT-TTg``, ``436/QĐ-UBND``, ``1234/UBND-KT`` (Công văn: no type code)
* normative  ``55/2022/QH15``, ``30/2020/NĐ-CP``        NUMBER/YEAR/[TYPE-]ISSUER

Damage is repaired and named in ``repairs``: ``line-break`` (``18-\\nCTr/TU``), ``hyphen``
(``25NQ/TW``, ``27/CTTg``), ``diacritics`` (``338-QD/TU``), ``space`` (``QH 15``, ``66- NQ/TW``),
``separator`` (``436-QĐ-UBND``), ``case`` (``CT-TTG``), ``footnote`` (``114-KL/TW3``).

>>> parse_symbol("25", "", "NQ/TW").symbol
'25-NQ/TW'
>>> s = parse_symbol("338", "-", "QD/TU"); s.symbol, s.repairs
('338-QĐ/TU', ('diacritics',))
>>> parse_symbol("436", "-", "QĐ-UBND").symbol
'436/QĐ-UBND'
>>> parse_symbol("55", "/", "2022/QH 15").symbol
'55/2022/QH15'
>>> parse_symbol("27", "/", "CTTg").symbol
'27/CT-TTg'
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from extract.keys import canonical_type_code, issuer_info, strip_diacritics
from extract.tables import type_words

_SEP_CHARS = re.compile(r"[-/–]")
_SEP_RE = re.compile(r"[ \t\xa0]{0,2}(?:\n[ \t\xa0]*){0,3}[-/–][ \t\xa0]{0,2}(?:\n[ \t\xa0]*){0,3}")
_QH_RE = re.compile(r"(QH|UBTVQH)(\d{1,2})", re.IGNORECASE)
_YEAR_RE = re.compile(r"(?:19|20)\d{2}")
_PARTY_ISSUERS = {"TW", "TU", "ThU", "HU", "QU", "ĐU", "ĐUK", "BDVTU", "BTGTU", "BTCTU", "UBKTTU", "VPTU",
                  "VPTW", "BTGTW", "BDVTW", "BTCTW", "UBKTTW", "BCSĐ", "ĐBSLĐTBXH", "ĐUCA"}


@dataclass(frozen=True, slots=True)
class ParsedSymbol:
    symbol: str
    family: str
    number: str
    type_code: str | None
    issuer_codes: tuple[str, ...]
    year: int | None
    repairs: tuple[str, ...]
    trim_end: int = 0  # characters to drop from the matched text (a glued footnote digit)


def _split(first: str, codes: str) -> tuple[list[str], list[str]]:
    """Return (separators, tokens); separators[0] sits between the number and tokens[0]."""
    seps = [first]
    tokens: list[str] = []
    pos = 0
    for m in _SEP_RE.finditer(codes):
        tokens.append(codes[pos:m.start()])
        seps.append(m.group(0))
        pos = m.end()
    tokens.append(codes[pos:])
    return seps, tokens


def _sep_char(sep: str) -> str:
    m = _SEP_CHARS.search(sep)
    return "" if m is None else ("-" if m.group(0) in "-–" else "/")


def _difference(written: str, canonical: str) -> str:
    """Name the repair between two spellings of a code: ``diacritics`` (QD/QĐ) or ``case`` (TTG/TTg)."""
    return "diacritics" if strip_diacritics(canonical) == written or strip_diacritics(written) != written \
        and strip_diacritics(written) == strip_diacritics(canonical) else "case"


def _type_code(token: str, hint: set[str] | None) -> tuple[str | None, list[str]]:
    """Canonical type code for a token, preferring the codes the preceding type word allows."""
    repairs: list[str] = []
    if hint:
        folded = strip_diacritics(token).upper()
        for code in hint:
            if strip_diacritics(code).upper() == folded:
                if code != token:
                    repairs.append(_difference(token, code))
                return code, repairs
    code = canonical_type_code(token)
    if code and code != token:
        repairs.append(_difference(token, code))
    return code, repairs


@lru_cache(maxsize=8192)
def _issuer(token: str) -> tuple[str | None, tuple[str, ...]]:
    """Canonical issuer code, repairing case/diacritics, a stray space (QH 15), a glued footnote digit."""
    repairs: list[str] = []
    if " " in token or "\xa0" in token:
        token = "".join(token.split())
        repairs.append("space")
    m = _QH_RE.fullmatch(token)
    if m:
        return m.group(1).upper() + m.group(2), tuple(repairs)
    info = issuer_info(token)
    if info is None or (info.get("name") is None and token[-1:].isdigit()):
        base = re.sub(r"\d{1,2}$", "", token)
        if base != token and base and issuer_info(base) and issuer_info(base).get("name"):
            return issuer_info(base)["code"], (*repairs, "footnote")
    if info is None:
        return token, tuple(repairs)
    code = info["code"]
    if info.get("name") and code != token:
        repairs.append(_difference(token, code))
        return code, tuple(repairs)
    return token, tuple(repairs)


def _split_glued_type(token: str, hint: set[str] | None) -> tuple[str, str] | None:
    """``CTTTg`` -> (``CT``, ``TTg``): a state TYPE-ISSUER pair whose hyphen was lost.

    Typists also drop the hyphen together with a doubled letter (``27/CTTg`` for ``27/CT-TTg``),
    so a tail is tried with the head's last letter shared as well.
    """
    for i in range(len(token) - 1, 0, -1):
        head, tail = token[:i], token[i:]
        code, _ = _type_code(head, hint)
        if not code:
            continue
        for candidate in (tail, head[-1] + tail):
            info = issuer_info(candidate)
            if info and info.get("name") and len(candidate) > 1:
                return code, info["code"]
    return None


@lru_cache(maxsize=32768)
def parse_symbol(num: str, first: str, codes: str, type_hint: frozenset[str] | None = None,
                 strong: bool = False) -> ParsedSymbol | None:
    """Classify and repair a matched symbol; None when it is not a document symbol (cached: symbols repeat).

    ``strong`` says a type word or "số" stands right before the number: then unusual but real shapes
    are accepted too (``1025/PLYK/2025``, ``49/QCPH-UBND-UBMT-HCTĐ``, ``34/SL``).
    """
    parsed = _parse(num, first, codes, type_hint)
    if parsed is None and strong:
        parsed = _parse_unusual(num, first, codes, type_hint)
    return parsed


def _parse_unusual(num: str, first: str, codes: str, type_hint: frozenset[str] | None) -> ParsedSymbol | None:
    seps, tokens = _split(first, codes)
    chars = [_sep_char(x) for x in seps]
    if not tokens or not tokens[0] or not tokens[0][0].isalpha():
        return None
    repairs = ["line-break"] if "\n" in first + codes else []
    tokens = ["".join(t.split()) for t in tokens]
    if chars[0] in ("-", "") and len(chars) >= 2 and chars[1] == "/" and all(c == "-" for c in chars[2:]):
        # 459-KHHĐ/TU: a party symbol whose type code is not in the official tables
        iss = [_issuer(t)[0] for t in tokens[1:]]
        return ParsedSymbol(symbol=f"{num}-{tokens[0]}/{'-'.join(iss)}", family="party", number=num,
                            type_code=tokens[0], issuer_codes=tuple(iss), year=None, repairs=tuple(repairs))
    if chars[0] != "/":
        return None
    if len(tokens) == 2 and chars[1] == "/" and _YEAR_RE.fullmatch(tokens[1]):  # 1025/PLYK/2025
        return ParsedSymbol(symbol=f"{num}/{tokens[0]}/{tokens[1]}", family="state", number=num,
                            type_code=None, issuer_codes=(), year=int(tokens[1]), repairs=tuple(repairs))
    if any(c != "-" for c in chars[1:]):
        return None
    code, rep = _type_code(tokens[0], type_hint)
    if len(tokens) == 1:  # 34/SL: a type code alone; 6006/BGDĐT: a ministry letter with no unit
        if code:
            return ParsedSymbol(symbol=f"{num}/{code}", family="state", number=num,
                                type_code=code, issuer_codes=(), year=None, repairs=tuple(repairs + rep))
        info = issuer_info(tokens[0])
        if info and info.get("name"):
            return ParsedSymbol(symbol=f"{num}/{info['code']}", family="state", number=num,
                                type_code=None, issuer_codes=(info["code"],), year=None, repairs=tuple(repairs))
        return None
    return ParsedSymbol(symbol=f"{num}/{'-'.join(tokens)}", family="state", number=num,
                        type_code=None, issuer_codes=tuple(tokens[1:]), year=None, repairs=tuple(repairs))


def _parse(num: str, first: str, codes: str, type_hint: frozenset[str] | None) -> ParsedSymbol | None:
    seps, tokens = _split(first, codes)
    repairs: list[str] = []
    raw = num + first + codes
    if "\n" in raw:
        repairs.append("line-break")
    if (" " in raw or "\t" in raw or "\xa0" in raw) and not any(raw[i + 1:i + 2].isdigit() for i, ch in enumerate(raw) if ch in " \t\xa0"):
        repairs.append("space")
    chars = [_sep_char(s) for s in seps]
    if not tokens or not tokens[0]:
        return None

    # normative: NUMBER/YEAR/[TYPE-]ISSUER...
    if _YEAR_RE.fullmatch(tokens[0]):
        if chars[0] != "/" or len(tokens) < 2 or len(chars) < 2 or chars[1] != "/":
            return None
        year = int(tokens[0])
        rest = tokens[1:]
        code, rep = _type_code(rest[0], type_hint) if len(rest) > 1 else (None, [])
        if code and len(rest) > 1:
            issuers = rest[1:]
            repairs += rep
        else:
            code = None
            issuers = rest
            if len(rest) == 1:
                glued = _split_glued_type(rest[0], type_hint)
                if glued:
                    code, iss = glued
                    issuers = [iss]
                    repairs.append("hyphen")
        canon_iss = []
        for t in issuers:
            c, rep = _issuer(t)
            if c is None:
                return None
            canon_iss.append(c)
            repairs += rep
        body = (f"{code}-" if code else "") + "-".join(canon_iss)
        return ParsedSymbol(symbol=f"{num}/{year}/{body}", family="normative", number=num,
                            type_code=code, issuer_codes=tuple(canon_iss), year=year, repairs=_uniq(repairs))

    # party: NUMBER-TYPE/ISSUER[-ISSUER]  (also 25NQ/TW with the hyphen lost, "40 KH/..." with a space)
    if chars[0] in ("-", "") and len(tokens) >= 2 and chars[1] == "/":
        code, rep = _type_code(tokens[0], type_hint)
        if code is None:
            return None
        if chars[0] == "" and not seps[0].strip(" \t\xa0"):
            repairs.append("hyphen")
        repairs += rep
        canon_iss = []
        for t, ch in zip(tokens[1:], chars[2:] + [""]):
            c, rep2 = _issuer(t)
            canon_iss.append(c)
            repairs += rep2
        if any(ch == "/" for ch in chars[2:]):
            return None
        return ParsedSymbol(symbol=f"{num}-{code}/{'-'.join(canon_iss)}", family="party", number=num,
                            type_code=code, issuer_codes=tuple(canon_iss), year=None, repairs=_uniq(repairs))

    # mixed separators: 436-QĐ-UBND (state or party by the issuer)
    if chars[0] == "-" and len(tokens) >= 2 and all(c == "-" for c in chars[1:]):
        code, rep = _type_code(tokens[0], type_hint)
        iss = [_issuer(t) for t in tokens[1:]]
        if code is None or any(issuer_info(c) is None or not issuer_info(c).get("name") for c, _ in iss):
            return None
        canon_iss = [c for c, _ in iss]
        repairs += rep + ["separator"] + [r for _, rr in iss for r in rr]
        if canon_iss[0] in _PARTY_ISSUERS:
            return ParsedSymbol(symbol=f"{num}-{code}/{'-'.join(canon_iss)}", family="party", number=num,
                                type_code=code, issuer_codes=tuple(canon_iss), year=None, repairs=_uniq(repairs))
        return ParsedSymbol(symbol=f"{num}/{code}-{'-'.join(canon_iss)}", family="state", number=num,
                            type_code=code, issuer_codes=tuple(canon_iss), year=None, repairs=_uniq(repairs))

    # state: NUMBER/TYPE-ISSUER[-ISSUER], NUMBER/ISSUER-UNIT (Công văn), NUMBER/CTTg (hyphen lost)
    if chars[0] == "/" and all(c == "-" for c in chars[1:]):
        if len(tokens) == 1:
            glued = _split_glued_type(tokens[0], type_hint)
            if glued is None:
                return None
            code, iss = glued
            return ParsedSymbol(symbol=f"{num}/{code}-{iss}", family="state", number=num,
                                type_code=code, issuer_codes=(iss,), year=None, repairs=_uniq(repairs + ["hyphen"]))
        code, rep = _type_code(tokens[0], type_hint)
        if code is not None:
            repairs += rep
            canon_iss = []
            for t in tokens[1:]:
                c, rep2 = _issuer(t)
                canon_iss.append(c)
                repairs += rep2
            return ParsedSymbol(symbol=f"{num}/{code}-{'-'.join(canon_iss)}", family="state", number=num,
                                type_code=code, issuer_codes=tuple(canon_iss), year=None, repairs=_uniq(repairs))
        head = issuer_info(tokens[0])
        if head is None or not head.get("name"):
            return None
        canon = [head["code"]] + ["".join(t.split()) for t in tokens[1:]]
        return ParsedSymbol(symbol=f"{num}/{'-'.join(canon)}", family="state", number=num,
                            type_code=None, issuer_codes=tuple(canon), year=None, repairs=_uniq(repairs))
    return None


def _uniq(items: list[str]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(items))


@lru_cache(maxsize=1024)
def codes_for_type_word(word: str | None) -> frozenset[str] | None:
    """The codes a type word allows: ``Quy định`` -> ``{"QĐi", "QyĐ"}``; None if unknown."""
    if not word:
        return None
    codes = type_words().get(" ".join(word.split()).lower())
    return None if codes is None else frozenset(codes)
