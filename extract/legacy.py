"""Legacy Vietnamese fonts' text (TCVN3/ABC, VNI) detected and converted to Unicode.

Offices typed in .VnTime (TCVN3) and VNI fonts for years; their bytes come back as mojibake
("Céng hoµ x· héi") in .txt files, .docx runs and PDF text layers alike.  :func:`detect_legacy`
and :func:`convert_legacy` are thin wrappers over viparse (pinned; young, so nothing else imports
it).  Detection is conservative: text that already holds Vietnamese-only Unicode letters (ă đ ơ ư
ĩ ũ, U+1EA0-1EF9) is never converted, so a correct UTF-8 file cannot be damaged by a wrong guess.
"""
from __future__ import annotations

import bisect
import re
import unicodedata

__all__ = ["SAMPLE_CHARS", "convert_legacy", "detect_legacy", "legacy_in_sample", "pick"]

# Detection looks at a prefix only: the scores settle within a few thousand
# characters, and scoring 50 MB four times would dominate the ingest.
SAMPLE_CHARS = 65_536
# A legacy table wins only if it beats the text as it stands by this much (mean
# log-probability per char; measured: right table ~+0.3, Spanish/German fail the
# word checks below) and beats the next table by _SEPARATION.
_MARGIN = 0.15
_SEPARATION = 0.05

_ALIEN = frozenset("fjwzFJWZ")
_WORD = re.compile(r"[^\W\d_]{2,}")


_VN_ONLY_RE = re.compile("[ăđơưĩũĂĐƠƯĨŨ\u1ea0-\u1ef9]")
_LETTER_RE = re.compile(r"[^\W\d_]")
_LATIN1_RE = re.compile("[\x80-\xff]")


def _at_least(pattern: re.Pattern[str], text: str, n: int) -> bool:
    """True once ``pattern`` has matched ``n`` times (stops there instead of listing every match)."""
    for i, _ in enumerate(pattern.finditer(text), 1):
        if i >= n:
            return True
    return False


def _vn_rate(text: str) -> float:
    """Share of letters that exist only in Vietnamese Unicode (never in legacy mojibake)."""
    letters = len(_LETTER_RE.findall(text))
    return len(_VN_ONLY_RE.findall(text)) / letters if letters else 0.0


def _reads_as_vietnamese(text: str) -> bool:
    """Vietnamese has one-syllable words and no f/j/w/z; European text fails both.

    All-capital words are codes (TW, UBND, HĐND in số hiệu) and are not counted.
    """
    words = [w for w in _WORD.findall(text) if not w.isupper()]
    if not words:
        return False
    alien = sum(1 for w in words if _ALIEN.intersection(w)) / len(words)
    long_ = sum(1 for w in words if len(w) > 7) / len(words)
    return alien <= 0.05 and long_ <= 0.04


def convert_legacy(text: str, encoding: str) -> str:
    """Convert TCVN3 (``"tcvn3"``) or VNI (``"vni"``) mojibake to NFC Unicode.

    The only call into viparse's tables, so a change in that young API breaks here.

    >>> convert_legacy("Céng hoµ x· héi chñ nghÜa ViÖt Nam", "tcvn3")
    'Cộng hoà xã hội chủ nghĩa Việt Nam'
    >>> convert_legacy("Coäng hoøa xaõ hoäi chuû nghóa Vieät Nam", "vni")
    'Cộng hòa xã hội chủ nghĩa Việt Nam'
    """
    from viparse.normalize.encodings import get_charmap
    from viparse.normalize.tables import convert

    charmap = get_charmap(encoding)
    if charmap is None or encoding not in ("tcvn3", "vni"):
        raise ValueError(f"unknown legacy encoding {encoding!r}; expected 'tcvn3' or 'vni'")
    converted = convert(text, charmap, "NFC")
    if encoding == "tcvn3" and len(converted) == len(text):
        converted = _restore_tcvn3_case(text, converted)
    return converted


_LETTERS = re.compile(r"[^\W\d_]+")


def _restore_tcvn3_case(surface: str, converted: str) -> str:
    """Put capitals back in headings: TCVN3 has no upper-case accented letters.

    Offices typed headings in a ``.VnTimeH`` font, which draws the lower-case bytes as
    capitals, so "NGHỊ QUYẾT" arrives as "NGHị QUYếT" and the extractor misses it.
    A converted letter is raised when its word's own letters are capitals (at least
    two); a run of words like "Bộ" or "VỤ VÀ" with one or no typed capital is raised
    when the words around it on the line are (codes such as ``KH`` in ``/KH-UBND``
    do not count).
    ``surface`` and ``converted`` align one character to one (TCVN3 is single-byte).

    >>> _restore_tcvn3_case("NGHÞ QUYÕT", "NGHị QUYếT")
    'NGHỊ QUYẾT'
    >>> _restore_tcvn3_case("Bé CHÝNH TRÞ", "Bộ CHíNH TRị")
    'BỘ CHÍNH TRỊ'
    >>> _restore_tcvn3_case("Bé ChÝnh trÞ", "Bộ Chính trị")
    'Bộ Chính trị'
    """
    words = list(_LETTERS.finditer(converted))

    def kind(m: re.Match) -> str:
        """'upper' (>=2 typed capitals, no typed lower case), 'initial', 'lower' or 'none'."""
        typed = [c for i, c in zip(range(m.start(), m.end()), m.group()) if surface[i] == c]
        if any(c.islower() for c in typed):
            return "lower"
        caps = sum(c.isupper() for c in typed)
        return "upper" if caps >= 2 else "initial" if caps == 1 else "none"

    def _in_symbol(text: str, m: re.Match) -> bool:
        """KH in "Số: /KH-UBND" is a code, not a capitalised heading word."""
        return text[m.start() - 1 : m.start()] in ("/", "-") or text[m.end() : m.end() + 1] in ("/", "-")

    kinds = [kind(m) for m in words]
    breaks = [i for i, c in enumerate(converted) if c == "\n"]
    line_of = [bisect.bisect(breaks, m.start()) for m in words]
    raise_ = [k == "upper" for k in kinds]
    n = 0
    while n < len(words):  # runs of one-capital/no-capital words take their bounds' case
        if kinds[n] in ("upper", "lower"):
            n += 1
            continue
        end = n
        while end + 1 < len(words) and kinds[end + 1] not in ("upper", "lower") and line_of[end + 1] == line_of[n]:
            end += 1
        bounds = [kinds[j] for j in (n - 1, end + 1)
                  if 0 <= j < len(words) and line_of[j] == line_of[n] and not _in_symbol(converted, words[j])]
        if bounds and all(k == "upper" for k in bounds):
            for j in range(n, end + 1):
                raise_[j] = True
        n = end + 1
    out = list(converted)
    for m, up in zip(words, raise_):
        if up:
            for i in range(m.start(), m.end()):
                if surface[i] != converted[i]:
                    out[i] = converted[i].upper()
    return "".join(out)


def _score(text: str) -> float:
    from viparse.normalize.frequency import vietnamese_score

    return vietnamese_score(text)


def pick(candidates: dict[str, str], baseline: str) -> str | None:
    """Name of the candidate decoding that clearly reads as Vietnamese, else None."""
    base = _score(baseline)
    ranked = sorted(((_score(t) - base, name) for name, t in candidates.items()), reverse=True)
    if not ranked:
        return None
    gain, name = ranked[0]
    runner_up = ranked[1][0] if len(ranked) > 1 else 0.0
    if gain < _MARGIN or gain - runner_up < _SEPARATION:
        return None
    if not _reads_as_vietnamese(candidates[name]) or _vn_rate(candidates[name]) < 0.02:
        return None
    return name


def detect_legacy(text: str) -> str | None:
    """Return ``"tcvn3"`` or ``"vni"`` if ``text`` is legacy-font mojibake, else None.

    Never fires on text that already contains Vietnamese-only Unicode letters, nor on
    text without Latin-1 letters (ASCII, other scripts): both are left as they are.

    >>> detect_legacy("Céng hoµ x· héi chñ nghÜa ViÖt Nam")
    'tcvn3'
    >>> detect_legacy("Cộng hoà xã hội chủ nghĩa Việt Nam") is None
    True
    """
    return legacy_in_sample(unicodedata.normalize("NFC", text[:SAMPLE_CHARS]))


def legacy_in_sample(sample: str) -> str | None:
    """:func:`detect_legacy` on an NFC sample (a text already normalised needs no second pass)."""
    if not _LATIN1_RE.search(sample) or _at_least(_VN_ONLY_RE, sample, int(0.005 * len(sample)) + 1) \
            or _vn_rate(sample) >= 0.005:
        return None
    candidates = {name: convert_legacy(sample, name) for name in ("tcvn3", "vni")}
    return pick(candidates, sample)
