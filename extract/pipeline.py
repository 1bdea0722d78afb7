"""``extract_text``: from the text of one document to an ``ExtractionResult``.

The steps, each a small function: cut site chrome, find citations, read the header, drop the
document's own symbol, assign relations (opening cues, "Căn cứ", "... này thay thế ..."),
find edges between two cited documents, resolve short forms ("Đề án 04"), find named
references, and give every cited document its canonical key.
"""
from __future__ import annotations

import os
import re
from bisect import bisect_left
from functools import lru_cache

try:  # the regex parser, to read the literal a pattern opens with
    from re import _parser as _sre_parse
except ImportError:  # Python 3.10
    import sre_parse as _sre_parse  # type: ignore[no-redef]

from extract import patterns as P
from extract.patterns import case_variants
from extract.find import find_citations
from extract.header import Header, read_header
from extract.keys import document_key, fold_symbol
from extract.models import Citation, DocumentInfo, Edge, ExtractionResult, NamedReference
from extract.symbols import codes_for_type_word
from extract.tables import relation_cues

OPENING_MAX = 6000


def _gap(s: str) -> str:
    """Normalise the text between two things for cue comparison."""
    s = s.replace("*", " ").replace("_", " ").replace("\xa0", " ")
    return " ".join(s.split()).strip(" ,;:-–").lower()


@lru_cache(maxsize=1)
def _between_cues() -> dict[str, str]:
    """Every accepted gap text -> relation, e.g. ``"về tiếp tục thực hiện" -> "implements"``."""
    cues = relation_cues()
    out: dict[str, str] = {}
    for rel, phrases in cues["between"].items():
        for p in phrases:
            out.setdefault(p, rel)
            for pre in cues["between_prefixes"]:
                out.setdefault(f"{pre} {p}", rel)
    return out


@lru_cache(maxsize=1)
def _opening_cue_re() -> re.Pattern[str]:
    """Opening cues in any of their three casings; clause starts are checked by ``_opening_cues``."""
    cues = relation_cues()["opening"]
    core = {p for ps in cues.values() for p in ps}
    alts = sorted(core | {f"{pre} {c}" for pre in relation_cues()["opening_prefixes"] for c in cues["implements"]},
                  key=len, reverse=True)
    return re.compile(
        r"(?P<cue>" + "|".join(case_variants(a) for a in alts) + r")(?=[\s*_,:])"
        r"(?![\s*_]*(?:số|Số)\b|[\s*_]*\d)")  # "Hướng dẫn số 7886/HD-BNV" is a citation, not a cue


@lru_cache(maxsize=1)
def _opening_first_words() -> frozenset[str]:
    cues = relation_cues()
    alts = {p for ps in cues["opening"].values() for p in ps} | set(cues["opening_prefixes"])
    return frozenset(a.split()[0].lower() for a in alts)


@lru_cache(maxsize=1)
def _clause_cue_start_re() -> re.Pattern[str]:
    """Where a clause starts (after ". ; : \\n # * >" and any bullets or markup) with a word that
    can begin an opening cue.  Position 0 is checked apart: an "^|" alternative would cost the scan
    its fast first-character test."""
    words = "|".join(case_variants(w) for w in sorted(_opening_first_words(), key=len, reverse=True))
    return re.compile(r"[.;:\n#*>][ \t\xa0*_\-–+•]*(?=(?:" + words + r")(?!\w))")


_WORD_RE = re.compile(r"\w+")


def _opening_cues(text: str, end: int) -> list[re.Match[str]]:
    """Opening cues that start a clause (after start of text, ". ; : ! ?", a heading mark or a line
    break that really ends a line), longest cue first at each position.

    The cue pattern is tried only at clause starts whose first word can begin a cue: running its
    long alternation at every offset cost more than the rest of the opening analysis."""
    rx = _opening_cue_re()
    first = _WORD_RE.match(text, 0, end)
    starts = [0] if first and first.group().lower() in _opening_first_words() else []
    starts += [cs.end() for cs in _clause_cue_start_re().finditer(text, 0, end)]
    out: list[re.Match[str]] = []
    last_end = -1
    for p in starts:
        if p < last_end or p >= end:
            continue
        m = rx.match(text, p, end)
        if m and (p == 0 or not text[p - 1].isalnum()) and _at_clause_start(text, p) and _starts_clause(text, p):
            out.append(m)
            last_end = m.end()
    return out


@lru_cache(maxsize=1024)  # a few dozen spellings of the cues
def _opening_relation(cue: str) -> str:
    cue = " ".join(cue.split()).lower()
    for pre in sorted(relation_cues()["opening_prefixes"], key=len, reverse=True):
        if cue.startswith(pre + " ") and cue[len(pre) + 1:] in relation_cues()["opening"]["implements"]:
            return "implements"
    for rel, phrases in relation_cues()["opening"].items():
        if cue in phrases:
            return rel
    return "cites"


_SENTENCE_END_RE = re.compile(r"\.(?=[\s*_]*(?:\n|$|[A-ZĐÂĂÊÔƠƯ]))|:[ \t]*\n|\n[ \t]*\n[ \t]*[\-+•]")
@lru_cache(maxsize=1)
def _filler_re() -> re.Pattern[str]:
    """Words that may stand between an opening cue and its object ("Thực hiện tốt các ...")."""
    words = sorted(relation_cues()["opening_fillers"], key=len, reverse=True)
    return re.compile(r"^(?:(?:" + "|".join(re.escape(w) for w in words) + r")\s*)*$")


def find_opening_end(text: str) -> int:
    """Where the opening ends: the first section heading ("I. MỤC ĐÍCH", "Điều 1.", "QUYẾT ĐỊNH:")."""
    for m in P.OPENING_END_RE.finditer(text, 0, min(len(text), OPENING_MAX)):
        if m.start() > 40:
            return m.start()
    return min(len(text), 3000)


@lru_cache(maxsize=1)
def _chrome_marker_tails() -> dict[str, str]:
    """Marker -> the ending it shares with other markers (" liên quan"); markers alone are left out."""
    by_word: dict[str, list[str]] = {}
    for marker in P.CHROME_MARKERS:
        by_word.setdefault(marker.split()[-1], []).append(marker)
    out = {}
    for group in by_word.values():
        if len(group) > 1:
            tail = os.path.commonprefix([m[::-1] for m in group])[::-1]
            out.update(dict.fromkeys(group, tail))
    return out


def _first_with_tail(text: str, tail: str, markers: list[str], lo: int, hi: int) -> dict[str, int]:
    """``{m: text.find(m, lo, hi)}`` for markers ending in ``tail``, with one scan for ``tail``
    (the two characters before it are tested first: " liên quan" is a common phrase)."""
    first = dict.fromkeys(markers, -1)
    todo = list(markers)
    heads = {m[:len(m) - len(tail)][-2:] for m in markers}
    if min(map(len, heads)) < 2:
        heads = None
    pos = text.find(tail, lo, hi)
    while pos >= 0 and todo:
        if heads is None or text[pos - 2:pos] in heads:
            for m in todo:
                at = pos + len(tail) - len(m)
                if at >= lo and text.startswith(m, at):
                    first[m] = at
            todo = [m for m in todo if first[m] < 0]
        pos = text.find(tail, pos + 1, hi)
    return first


def find_chrome_start(text: str) -> int:
    """Where a web capture's site chrome (related documents, cookie notices) begins.

    The first occurrence of each marker is what counts; the markers ending in " liên quan" are
    found by one scan for that ending (a text scan is most of the cost)."""
    best = len(text)
    lo = min(len(text), 1500)
    tails = _chrome_marker_tails()
    shared: dict[str, int] = {}
    for marker in P.CHROME_MARKERS:
        tail = tails.get(marker)
        if tail is None:
            i = text.find(marker, lo, best)
        else:
            if marker not in shared:  # markers fitting before ``best`` now (it only shrinks)
                shared.update(_first_with_tail(text, tail, [m for m, t in tails.items() if t == tail], lo, best))
            i = shared[marker] if shared[marker] + len(marker) <= best else -1
        if i >= 0:
            m = P.CHROME_START_RE.match(text, text.rfind("\n", 0, i) + 1)
            if m:
                best = m.start()
    return best


def _tail_end(c: Citation, text: str) -> int:
    """End of a citation including its subject (trích yếu), for object chaining."""
    m = P.SUBJECT_AFTER_RE.match(text, c.end, min(len(text), c.end + 420))
    return m.end("subj") if m else c.end


# A title "(Ban hành|Về) Kế hoạch (hành động) (của X) triển khai/thực hiện ...": found by its head
# word in three casings (fast), then the rest is matched where it stands and the lead-in behind it.
_TITLE_HEAD_RE = re.compile(case_variants("kế hoạch") + "|" + case_variants("chương trình"))
_TITLE_REST_RE = re.compile(
    r"(?:\s+hành\s+động)?(?:\s+của\s+[^\n;.,]{2,40}?)?[\s#*_]+"
    r"(?:(?:triển\s+khai|tổ\s+chức)(?:\s+thực\s+hiện|\s+thi\s+hành)?|thực\s+hiện)[\s*_]+", re.IGNORECASE)
_TITLE_LEAD_RE = re.compile(r"(?:(?:về\s+việc\s+)?(?:ban\s+hành|phê\s+duyệt|(?:cập\s+nhật|sửa\s+đổi),?\s+bổ\s+sung"
                            r"(?:,?\s+cập\s+nhật)?)|về)\s+$", re.IGNORECASE)


def _title_implements(text: str, end: int):
    """Yield (start, end) of each implementing title phrase that starts a clause."""
    for head in _TITLE_HEAD_RE.finditer(text, 0, end):
        rest = _TITLE_REST_RE.match(text, head.end())
        if not rest:
            continue
        lead = _TITLE_LEAD_RE.search(text, max(0, head.start() - 30), head.start())
        start = lead.start() if lead else head.start()
        if _at_clause_start(text, start):
            yield start, rest.end()
_TYPE_WORD_AT_RE = re.compile(r"[\s*_]*(?P<tw>" + "|".join(re.escape(w) for w in P.TYPE_WORDS) + r")(?![\s*_]*(?:số|\d))",
                              re.IGNORECASE)


_JOINT_GUIDANCE_RE = re.compile(r"(?:^|\s)và\s+(?:các\s+)?(?:văn bản\s+)?(?:hướng dẫn|chỉ đạo|ý kiến chỉ đạo|ý kiến)"
                                r"\s+của\s+[^;.]{1,80}?\s+tại$")


# "Thực hiện chỉ đạo của Ban Thường vụ Tỉnh ủy tại Công văn số ...": the object is the letter.
_DIRECTION_RE = re.compile(r"^(?:(?:ý kiến|nội dung)\s+)?(?:chỉ đạo|hướng dẫn|ý kiến|yêu cầu|kết luận)"
                           r"(?:\s+của\s+[^;.]{1,100}?)?\s+(?:tại|theo)(?:\s+các)?$")
# "Thực hiện các văn bản chỉ đạo của cấp trên: Chỉ thị số ..., Kết luận số ...": a lead-in, then the list.
_LIST_LEAD_RE = re.compile(r"^(?:các|những)\s+[^;.]{0,100}?:$")
_BULLETS_RE = re.compile(r"(?:[ \t]*\n[ \t]*[-+•*][^\n]*)+")
# "Trên cơ sở đề nghị của Bộ Tài chính tại văn bản số ...": a proposal the document rests on.
_PROPOSAL_RE = re.compile(r"^(?:đề nghị|đề xuất|tờ trình|báo cáo)(?:\s+của\s+[^;.]{1,100}?)?\s+(?:tại|theo)(?:\s+các)?$")


def _starts_clause(text: str, pos: int) -> bool:
    """A cue after a line break starts a clause only when capitalised or when the line above ends
    one: PDF text wraps mid-sentence ("trong quá trình\ntriển khai thực hiện Kết luận ...")."""
    i = pos - 1
    while i >= 0 and text[i] in " \t\xa0*_#>-–+•":
        i -= 1
    if i < 0 or text[i] != "\n" or text[pos].isupper():
        return True
    j = i - 1
    while j >= 0 and text[j] in " \t\xa0*_":
        j -= 1
    return j < 0 or text[j] in "\n.;:!?#>|)"


def _joins_list(raw_gap: str) -> bool:
    """True when the text between two references joins them in one list ("; ", ", ", " và ",
    " và hướng dẫn của Bộ Nội vụ tại ")."""
    g = " ".join(raw_gap.replace("*", " ").replace("_", " ").split()).rstrip(" -+•")  # list bullets
    low = g.lower()
    return g == "" or g.endswith((";", ",")) or low in relation_cues()["object_connectors"] or \
        low.endswith((", và", "; và", " và", " và các")) or bool(_JOINT_GUIDANCE_RE.search(low))


def _assign_opening(text: str, cits: list[Citation], opening_end: int, rel_of: dict[int, str]) -> None:
    """Opening sentences "Thực hiện X; Y và Z ..." make the document implement X, Y, Z.

    Also the title "Kế hoạch (hành động) thực hiện X" and "Thực hiện <named document>; X; Y".
    """
    starts_all = [c.start for c in cits]
    cue_matches = _opening_cues(text, opening_end)
    for i, m in enumerate(cue_matches):
        rel = _opening_relation(m.group("cue"))
        if rel == "based_on":
            continue  # "Căn cứ" is handled everywhere, not only in the opening
        nxt = cue_matches[i + 1].start() if i + 1 < len(cue_matches) else opening_end
        se = _SENTENCE_END_RE.search(text, m.end(), min(nxt, m.end() + 1500))
        end = se.start() if se else min(nxt, m.end() + 1500)
        if se and text[end] == ":" and _LIST_LEAD_RE.match(" ".join(text[m.end():end + 1].split()).lower()):
            # "Thực hiện các văn bản sau:\n- Chỉ thị số ...;\n- Kết luận số ...": the bullets are the objects
            bullets = _BULLETS_RE.match(text, end + 1)
            end = bullets.end() if bullets else end
        in_sentence = [(k, cits[k]) for k in _in_range(starts_all, m.end(), end)]
        if not in_sentence:
            continue
        k0, c0 = in_sentence[0]
        raw_gap = text[m.end():c0.start]
        objects: list[int] = []
        named_first = _TYPE_WORD_AT_RE.match(raw_gap) is not None and _joins_list(raw_gap)
        if _PROPOSAL_RE.match(_gap(raw_gap)):
            rel = "based_on"
            objects.append(k0)
        elif _filler_re().match(_gap(raw_gap)) or _DIRECTION_RE.match(_gap(raw_gap)) or named_first \
                or _LIST_LEAD_RE.match(" ".join(raw_gap.replace("*", " ").split()).lower().rstrip(" -+•")):
            # "Thực hiện X; Y và Z", also "Thực hiện Nghị quyết Đại hội XIII; Chỉ thị số 45-CT/TW; ..."
            objects.append(k0)
            prev_k, prev, prev_tail = k0, c0, _tail_end(c0, text)
            for k, c in in_sentence[1:]:
                joined = _joins_list(text[prev.end:c.start]) if k == prev_k + 1 else False
                if c.start < prev_tail and not joined:
                    continue  # inside the previous object's subject ("... về thực hiện Nghị quyết số 71/NQ-CP")
                if joined or _joins_list(text[prev_tail:c.start]):
                    objects.append(k)
                    prev_k, prev, prev_tail = k, c, _tail_end(c, text)
                else:
                    break
        else:
            # "Triển khai thực hiện Đề án <tên> ... Đề án số 04-ĐA/TU": a type named without its number
            tm = _TYPE_WORD_AT_RE.match(text, m.end(), min(len(text), m.end() + 60))
            codes = codes_for_type_word(tm.group("tw")) if tm else None
            if codes:
                for k, c in in_sentence:
                    if c.type_code in codes:
                        objects.append(k)
                        break
        for k in objects:
            rel_of.setdefault(k, rel)
    # the title: "Kế hoạch (hành động) thực hiện Chỉ thị số 52-CT/TW", "Về Kế hoạch thực hiện Kết luận số ..."
    # ("... của Thủ tướng ban hành Kế hoạch triển khai Y" mid-clause describes another document)
    for _t_start, t_end in _title_implements(text, opening_end):
        for k in _in_range(starts_all, t_end, t_end + 240):
            gap = text[t_end:cits[k].start]
            named_first = _TYPE_WORD_AT_RE.match(gap) is not None and _joins_list(gap) and ";" not in gap
            if _filler_re().match(_gap(gap)) or named_first:
                rel_of.setdefault(k, "implements")
                # "... TRIỂN KHAI QUYẾT ĐỊNH SỐ 06/QĐ-TTG ... VÀ QUYẾT ĐỊNH SỐ 3103/QĐ-BTC"
                prev = cits[k]
                for j in range(k + 1, len(cits)):
                    if cits[j].start < prev.end or not _joins_list(text[prev.end:cits[j].start]) \
                            or ";" in text[prev.end:cits[j].start]:
                        break
                    rel_of.setdefault(j, "implements")
                    prev = cits[j]
            break


def _at_clause_start(text: str, pos: int) -> bool:
    """True when only bullets/markup separate ``pos`` from the start of a line or clause."""
    i = pos - 1
    while i >= 0 and pos - i <= 8 and text[i] in " \t\xa0*_-–+•":
        i -= 1
    return i < 0 or text[i] in ".;:\n#*>"


_CLAUSE_END_RE = re.compile(r";|\.(?=[\s*_]*(?:\n|$))|\n[ \t]*\n")


def _assign_based_on(text: str, cits: list[Citation], limit: int, rel_of: dict[int, str]) -> None:
    """Every citation inside a "Căn cứ ..." clause is a legal basis of the document."""
    starts = [c.start for c in cits]
    for cue_start, cue_end, _ in _find_phrases(text, ["căn cứ", "CĂN CỨ"], limit):
        if not _at_clause_start(text, cue_start) or cue_end < len(text) and text[cue_end] not in " \t\n\xa0*_:":
            continue
        ce = _CLAUSE_END_RE.search(text, cue_end, min(limit, cue_end + 1200))
        end = ce.start() if ce else min(limit, cue_end + 1200)
        for k in _in_range(starts, cue_end, end):
            rel_of.setdefault(k, "based_on")


_SELF_WORDS = tuple({w.lower() for w in P.TYPE_WORDS} | {"văn bản"})
# "... Quyết định" right before " này", read backwards (as TYPE_BEFORE_REVERSED_RE): one anchored match
_SELF_WORD_REVERSED_RE = re.compile(r"\s*(?:" + P.reversed_alternation(list(_SELF_WORDS)) + ")", re.IGNORECASE)


def _self_word_before(text: str, s: int, i: int) -> bool:
    """True when ``text[s:i]`` ends with a type word or "văn bản" (any case, any spacing)."""
    return _SELF_WORD_REVERSED_RE.match(text[s:i][::-1]) is not None


def _mentions_itself(text: str, s: int, e: int) -> bool:
    """True when text[s:e] says "<Type> này" ("Quyết định này", "Thông tư này", "văn bản này")."""
    i = text.find(" này", s, e)
    while i >= 0:
        if _self_word_before(text, max(s, i - 30), i):
            return True
        i = text.find(" này", i + 4, e)
    return False


def _in_range(starts: list[int], lo: int, hi: int) -> range:
    """Indexes of the citations whose start lies in [lo, hi) (``starts`` is sorted)."""
    return range(bisect_left(starts, lo), bisect_left(starts, hi))


def _find_phrases(text: str, phrases: list[str], limit: int, windows=None):
    """Return (start, end, phrase) of each phrase, first letter in either case, in text order;
    with ``windows`` (ascending, disjoint, inclusive (lo, hi) ranges) only phrases starting in one.

    ``str.find`` on the phrase's tail is far faster than a case-insensitive regex alternation; a
    phrase that extends another ("sửa đổi, bổ sung" / "sửa đổi") is checked where the shorter one
    was found, so the text is scanned once per root phrase.
    """
    hits = []
    roots = _phrase_roots(tuple(phrases))
    for lo, hi in windows if windows is not None else ((0, limit),):
        found = []
        for root, longer in roots:
            tail, first = root[1:], {root[0], root[0].upper()}
            stop = min(limit, hi + 1 + len(tail))
            pos = text.find(tail, max(1, lo + 1), stop)
            while pos >= 0:
                if text[pos - 1] in first:
                    found.append((pos - 1, pos + len(tail), root))
                    for p in longer:
                        if text.startswith(p[1:], pos) and pos + len(p) - 1 <= limit:
                            found.append((pos - 1, pos + len(p) - 1, p))
                pos = text.find(tail, pos + 1, stop)
        found.sort()
        hits += found
    return hits


def _windows(points: list[int], radius: int) -> list[tuple[int, int]]:
    """The union of [p - radius, p + radius] over ascending ``points``, as disjoint ascending ranges."""
    out: list[tuple[int, int]] = []
    for p in points:
        if out and p - radius <= out[-1][1] + 1:
            out[-1] = (out[-1][0], p + radius)
        else:
            out.append((p - radius, p + radius))
    return out


@lru_cache(maxsize=64)
def _phrase_roots(phrases: tuple[str, ...]) -> list[tuple[str, list[str]]]:
    """Group phrases under the shortest one they start with (same first letter)."""
    roots: list[tuple[str, list[str]]] = []
    for p in sorted(set(phrases), key=len):
        for root, longer in roots:
            if p.startswith(root):
                longer.append(p)
                break
        else:
            roots.append((p, []))
    return roots


def _find_all(text: str, needle: str, limit: int, overlapping: bool = True) -> list[int]:
    """Every offset of ``needle`` in ``text[:limit]``, ascending (``overlapping=False``: as
    ``re.finditer`` of the literal would find them)."""
    out = []
    step = 1 if overlapping else len(needle)
    i = text.find(needle, 0, limit)
    while i >= 0:
        out.append(i)
        i = text.find(needle, i + step, limit)
    return out


_SENTENCE_STOP_RE = re.compile(r"\.(?=\s)|;")


def _sentence_bounds(text: str, pos: int, limit: int) -> tuple[int, int]:
    """The sentence around ``pos``: back to the previous ". "/";"/blank line, on to the next."""
    floor = max(0, pos - 600)
    lo = max(text.rfind(". ", floor, pos), text.rfind(";", floor, pos), text.rfind(".\n", floor, pos), floor - 1)
    m = _SENTENCE_STOP_RE.search(text, pos, min(limit, pos + 600))
    return max(lo + 1, 0), (m.start() if m else min(limit, pos + 600))


# What may stand between "sửa đổi, bổ sung" / "hướng dẫn" / "quy định chi tiết" and the document it
# acts on: "một số điều của", "thi hành", nothing.  ("hướng dẫn của Bộ Nội vụ tại Công văn ..." is a noun.)
_STATUS_OBJECT_GAP_RE = re.compile(
    r"^(?:(?:một số điều|một số nội dung|điều \d+|khoản \d+)(?: và biện pháp thi hành)?(?: của)?|thi hành|thực hiện|việc thực hiện|)$")


def _assign_status(text: str, cits: list[Citation], limit: int, title_zone: int, rel_of: dict[int, str]) -> None:
    """"Quyết định này thay thế ...", "... hết hiệu lực kể từ ngày Thông tư này ...", and titles that
    amend or guide another document."""
    status = relation_cues()["status"]
    rel_by_cue = {p: rel for rel, ps in status.items() for p in ps}
    starts = [c.start for c in cits]
    phrases = sorted({p for rel, ps in status.items() if rel != "guides" for p in ps}, key=len, reverse=True)
    # "<Type> này" anywhere (the sentence check below is stricter): without one near, a cue cannot be
    # about this document
    self_marks = [i for i in _find_all(text, " này", limit) if _self_word_before(text, max(0, i - 30), i)]
    # cues are looked for only within 600 characters of one: the sentence (at most 600 characters
    # either side of the cue) could not mention the document itself
    for cue_start, cue_end, phrase in _find_phrases(text, phrases, limit, _windows(self_marks, 600)):
        rel = rel_by_cue[phrase]
        s, e = _sentence_bounds(text, cue_start, limit)
        if not _mentions_itself(text, s, e):
            continue
        if rel == "expires":  # "Quyết định số X hết hiệu lực kể từ ngày Quyết định này có hiệu lực"
            for k in _in_range(starts, s, cue_start):
                rel_of.setdefault(k, "replaces")
        else:
            for k in _in_range(starts, cue_end, e):
                rel_of.setdefault(k, rel)
    # the title: "Nghị định sửa đổi, bổ sung ... Nghị định số 15/2018/NĐ-CP", "Thông tư hướng dẫn ..."
    zone = text[:title_zone].lower()
    for rel, phrases in (("amends", status["amends"]), ("guides", status["guides"])):
        for p in phrases:
            for at in _find_all(zone, p, len(zone), overlapping=False):
                end = at + len(p)
                if "căn cứ" in zone[max(0, at - 200):at].split("\n")[-1]:
                    continue
                for k in _in_range(starts, end, end + 251):
                    if _STATUS_OBJECT_GAP_RE.match(_gap(text[end:cits[k].start])):
                        rel_of.setdefault(k, rel)
                    break


@lru_cache(maxsize=1)
def _between_re() -> re.Pattern[str]:
    """The looser gap grammar: [về] [verb] [document it issues ...] CUE [named document và]."""
    cues = relation_cues()
    alt = "|".join(re.escape(p) for p in sorted({p for ps in cues["between"].values() for p in ps}, key=len, reverse=True))
    docs = "|".join(re.escape(w) for w in cues["between_doc_words"])
    verbs = "|".join(re.escape(w) for w in sorted(cues["between_verbs"], key=len, reverse=True))
    named = "|".join(re.escape(w.lower()) for w in P.TYPE_WORDS)
    return re.compile(
        r"^(?:(?:về việc|về|để|nhằm)\s+)?(?:(?:" + verbs + r")\s+)?"
        r"(?:[“\"]?(?:" + docs + r")\b[^;.]{0,160}?\s+|(?<=về )[^;.]{0,200}?\s+)?(?P<cue>" + alt + r")"
        r"(?:\s+(?:" + named + r")\b[^;.\d]{0,120}?\s*(?:và|,))?$")


@lru_cache(maxsize=1)
def _between_endings() -> tuple[str, ...]:
    """How a gap with a relation ends: the last word of a cue (a cue ends every key of
    ``_between_cues`` and, but for a trailing "và", every match of ``_between_re``)."""
    return tuple({p.split()[-1] for ps in relation_cues()["between"].values() for p in ps} | {"và"})


def _ends_like_cue(raw: str) -> bool:
    """False when ``_gap(raw)`` cannot end in a cue's last word: the test on the raw text (its end,
    markup and punctuation trimmed as ``_gap`` trims them) is much cheaper than normalising it."""
    end = None
    while end != raw:
        end = raw
        raw = raw.rstrip().rstrip(",;:-–*_")
    return raw.lower().endswith(_between_endings())


def _between_relation(gap: str) -> str | None:
    """"ban hành Chương trình hành động của Chính phủ thực hiện", "về việc phê duyệt “Chiến lược ...
    triển khai thực hiện", "thực hiện Nghị quyết Đại hội XIV và": a document of the first
    reference carries out the second."""
    if len(gap) > 260:
        return None
    m = _between_re().match(gap)
    return _between_cues().get(m.group("cue")) if m else None


_PARENTHESES_RE = re.compile(r"\([^()]{0,80}\)")


def _edges(text: str, cits: list[Citation]) -> tuple[list[Edge], dict[int, str]]:
    """"A ... của X thực hiện B (và C)": A implements B (and C).  Returns edges and issuer extensions."""
    cues = _between_cues()
    not_after = tuple(relation_cues()["not_edge_after"])
    edges: list[Edge] = []
    issuer_fix: dict[int, str] = {}
    for k in range(len(cits) - 1):
        a, b = cits[k], cits[k + 1]
        if b.start < a.end or b.start - a.end > 300:
            continue
        raw = text[a.end:b.start]
        if ";" in raw:
            continue  # another item of a list, not something A says about B
        bare = _PARENTHESES_RE.sub(" ", raw)  # "(nay là tỉnh Đồng Tháp)" between issuer and cue
        if not _ends_like_cue(bare):
            continue
        gap = _gap(bare)
        rel = cues.get(gap) or _between_relation(gap)
        if rel is None:
            continue
        if a.issuer and a.issuer.lower().endswith(not_after):
            # "của Ban chỉ đạo thực hiện Đề án số 04-ĐA/TU": the cue belongs to the issuer's name
            issuer_fix[k] = " ".join(f"{a.issuer} {raw.strip()} {b.type + ' số ' if b.type else ''}{b.symbol}"
                                     .replace("*", " ").split())
            continue
        if a.symbol == b.symbol:
            continue
        edges.append(Edge(a.symbol, rel, b.symbol, a.start, b.end))
        # "A ... thực hiện B ... và C": the same relation to every item joined to B
        prev = b
        for c in cits[k + 2:]:
            joint = text[prev.end:c.start] if c.start >= prev.end else ";"
            if ";" in joint or _gap(joint) not in ("và", "và các", "cùng", "") or c.symbol == a.symbol:
                break
            edges.append(Edge(a.symbol, rel, c.symbol, a.start, c.end))
            prev = c
    return edges, issuer_fix


@lru_cache(maxsize=None)
def _short_form_re(word: str) -> re.Pattern[str]:
    """"Đề án 04", "Kết luận số 114": one type word, then a number that is not part of a symbol."""
    return re.compile("(?P<tw>" + re.escape(word).replace(r"\ ", r"\s+") + r")[ \t\xa0]+(?:số[ \t\xa0]+)?"
                      r"(?P<num>\d{1,5})(?![\d/\-–]|[ \t]*[-/–][ \t]*[A-ZĐ0-9]|[.,]\d)")


def _short_form_matches(text: str, words: frozenset[str], limit: int) -> list[re.Match[str]]:
    """What ``finditer`` of one alternation over ``words`` (longest first) would yield.

    One small pattern per type word (at most a few dozen, compiled once) scanned with its literal
    head is faster than the alternation, which would also be compiled anew for each document's
    own set of words."""
    order = sorted(words, key=len, reverse=True)
    found = sorted(((m.start(), rank, m) for rank, w in enumerate(order)
                    for m in _short_form_re(w).finditer(text, 0, limit)), key=lambda t: t[:2])
    out, free_from = [], 0
    for start, _rank, m in found:
        if start >= free_from:  # leftmost first, then the longest word; no overlaps
            out.append(m)
            free_from = m.end()
    return out


@lru_cache(maxsize=1)
def _type_words_by_code() -> dict[str, tuple[str, ...]]:
    """Type code -> the type words that may carry it (``"CTr"`` -> ``("chương trình", ...)``)."""
    out: dict[str, list[str]] = {}
    for w in P.TYPE_WORDS:
        for code in codes_for_type_word(w) or ():
            out.setdefault(code, []).append(w.lower())
    return {k: tuple(v) for k, v in out.items()}


@lru_cache(maxsize=1)
def _type_words_by_lower() -> dict[str, tuple[str, ...]]:
    """Lower-cased type word -> its spellings in ``P.TYPE_WORDS``."""
    out: dict[str, list[str]] = {}
    for w in P.TYPE_WORDS:
        out.setdefault(w.lower(), []).append(w)
    return {k: tuple(v) for k, v in out.items()}


class _Spans:
    """Sorted, mostly disjoint spans with an O(log n) overlap test."""

    def __init__(self, spans: list[tuple[int, int]]):
        self.spans = sorted(spans)
        self.starts = [s for s, _ in self.spans]
        self.max_len = max((e - s for s, e in self.spans), default=0)

    def overlaps(self, s: int, e: int) -> bool:
        i = bisect_left(self.starts, s - self.max_len)
        while i < len(self.spans) and self.spans[i][0] < e:
            a, b = self.spans[i]
            if a < e and s < b:
                return True
            i += 1
        return False

    def add(self, s: int, e: int) -> None:
        i = bisect_left(self.starts, s)
        self.starts.insert(i, s)
        self.spans.insert(i, (s, e))
        self.max_len = max(self.max_len, e - s)


def _short_forms(text: str, cits: list[Citation], limit: int) -> list[Citation]:
    """"Đề án 04" -> the full reference 04-ĐA/TU of the same document, when one is cited."""
    taken = _Spans([(c.start, c.end) for c in cits])
    words_by_code = _type_words_by_code()
    by_type_num: dict[tuple[str, str], Citation] = {}
    for c in cits:
        if c.type_code and not c.short_form:
            for w in words_by_code.get(c.type_code, ()):
                by_type_num.setdefault((w, c.number.lstrip("0") or "0"), c)
    out = []
    if not by_type_num:
        return out
    spellings = _type_words_by_lower()
    words = frozenset(w for lw in {lw for lw, _ in by_type_num} for w in spellings.get(lw, ()))
    for m in _short_form_matches(text, words, limit):
        tw = " ".join(m.group("tw").split()).lower()
        full = by_type_num.get((tw, m.group("num").lstrip("0") or "0"))
        if full is None or taken.overlaps(m.start(), m.end()):
            continue
        out.append(full._replace(start=m.start(), end=m.end(), text=m.group(0), original=m.group(0),
                           symbol_start=m.start("num"), symbol_end=m.end("num"), date=None, issuer=None,
                           subject=None, short_form=True, relation="cites", repairs=("short-form",)))
    return out


_NUMBER_AFTER_RE = re.compile(r"\s*(?:số|Số)\s*:?\s*\d")


@lru_cache(maxsize=None)
def _literal_prefix(rx: re.Pattern[str]) -> str:
    """The literal text every match of ``rx`` opens with ("" when there is none or case is ignored).

    Reads the standard library's (private) regex parser; should its shapes ever change, the answer
    is "" and the pattern simply scans on its own, as it would without this shortcut."""
    if rx.flags & re.IGNORECASE:
        return ""
    try:
        items = _sre_parse.parse(rx.pattern, rx.flags).data
        if items and items[0][0] is _sre_parse.SUBPATTERN and not any(items[0][1][1:3]):
            items = items[0][1][3].data  # a leading group without inline flags: its own opening literal
        prefix = []
        for op, av in items:
            if op is not _sre_parse.LITERAL:
                break
            prefix.append(chr(av))
        return "".join(prefix)
    except Exception:  # noqa: BLE001 - a private API: never let it break extraction
        return ""


def _finditer_each(text: str, patterns: list[re.Pattern[str]], limit: int) -> list[list[re.Match[str]]]:
    """``[list(rx.finditer(text, 0, limit)) for rx in patterns]`` with one text scan for all the
    patterns that open with the same literal ("Nghị quyết "): ``str.find`` locates the literal and
    each pattern is tried only there.  (For a literal of its own a pattern scans as fast itself.)"""
    out: list[list[re.Match[str]]] = [[] for _ in patterns]
    by_prefix: dict[str, list[int]] = {}
    for n, rx in enumerate(patterns):
        by_prefix.setdefault(_literal_prefix(rx), []).append(n)
    for prefix, ns in by_prefix.items():
        if not prefix or len(ns) == 1:
            for n in ns:
                out[n] = list(patterns[n].finditer(text, 0, limit))
            continue
        free = dict.fromkeys(ns, 0)  # where each pattern's next match may start (no overlaps)
        pos = text.find(prefix, 0, limit)
        while pos >= 0:
            for n in ns:
                if pos >= free[n]:
                    m = patterns[n].match(text, pos, limit)
                    if m:
                        out[n].append(m)
                        free[n] = m.end()  # > pos: a match holds the literal
            pos = text.find(prefix, max(pos + 1, min(free.values())), limit)
    return out


_NAMED_PATTERNS = [rx for _typ, rx in P.NAMED_REFERENCE_PATTERNS]


def _named_references(text: str, cits: list[Citation], limit: int) -> list[NamedReference]:
    """Documents cited by name without a number ("Luật Tiếp công dân", "Hiến pháp 2013")."""
    taken = _Spans([(c.start, c.end) for c in cits])
    out: list[NamedReference] = []
    found = _finditer_each(text, _NAMED_PATTERNS, limit)
    for (typ, _rx), matches in zip(P.NAMED_REFERENCE_PATTERNS, found):
        for m in matches:
            s, e = m.start(), m.end()
            frag = m.group(0)
            if len(frag.split()) < 2 or _NUMBER_AFTER_RE.match(text, e, e + 12):
                continue  # numbered: already a citation
            if taken.overlaps(s, e):
                continue
            taken.add(s, e)
            out.append(NamedReference(s, e, frag, typ))
    out.sort(key=lambda n: n.start)
    return out


def _infer_province(text: str, header: Header) -> str | None:
    from extract.jurisdiction import infer_province

    return infer_province(text, place=header.place, issuer=header.issuer)


_ISSUER, _RELATION, _KEY = (Citation._fields.index(f) for f in ("issuer", "relation", "key"))


def _with_relation(c: Citation, relation: str, issuer: str | None, key: str) -> Citation:
    """``c._replace(relation=relation, issuer=issuer, key=key)`` in half the time (``_replace``
    goes through a dict for every field), for each of the corpus's many citations."""
    fields = list(c)
    fields[_ISSUER], fields[_RELATION], fields[_KEY] = issuer, relation, key
    return Citation._make(fields)


def extract_text(text: str, *, province: str | None = None) -> ExtractionResult:
    """Extract the document's identity, citations, edges and named references from ``text``.

    ``province`` supplies the jurisdiction (sidecar metadata); otherwise it is inferred from the
    header, place line and text.  Never raises on messy text.

    >>> r = extract_text("Thực hiện Kết luận số 114-KL/TW, ngày 14/7/2015 của Ban Bí thư; Tỉnh ủy xây dựng kế hoạch.")
    >>> [(c.symbol, c.relation) for c in r.citations]
    [('114-KL/TW', 'implements')]
    """
    chrome = find_chrome_start(text)
    body = text[:chrome]
    cits = find_citations(body)
    opening_end = find_opening_end(body)
    header = read_header(body, cits, opening_end)

    own = fold_symbol(header.symbol) if header.symbol and header.number else None
    own_at = {i for s, e in header.own_spans for i in range(s, e)}  # a symbol or two: a set test per citation
    cits = [c for c in cits if c.start not in own_at and not (own and fold_symbol(c.symbol) == own)]

    rel_of: dict[int, str] = {}
    _assign_based_on(body, cits, len(body), rel_of)
    _assign_opening(body, cits, opening_end, rel_of)
    _assign_status(body, cits, len(body), min(opening_end, 2500), rel_of)
    edges, issuer_fix = _edges(body, cits)
    prov = province or _infer_province(body, header)
    cits = [_with_relation(c, rel_of.get(k, "cites"), issuer_fix.get(k, c.issuer), document_key(c.symbol, prov))
            for k, c in enumerate(cits)]
    cits += _short_forms(body, cits, len(body))
    cits.sort(key=lambda c: (c.start, c.end))
    keyed = {c.symbol: c.key for c in cits}
    edges = [e._replace(source_key=keyed.get(e.source, document_key(e.source, prov)),
                     target_key=keyed.get(e.target, document_key(e.target, prov))) for e in edges]
    named = _named_references(body, cits, len(body))
    doc = DocumentInfo(
        type=header.type, type_code=header.type_code, symbol=header.symbol, number=header.number,
        date=header.date, place=header.place, issuer=header.issuer, issuer_code=header.issuer_code,
        signer=header.signer, title=header.title, province=prov,
        key=document_key(header.symbol, prov) if header.symbol and not header.draft else None,
        draft=header.draft, symbol_text=header.symbol_text, date_text=header.date_text,
    )
    return ExtractionResult(doc, tuple(cits), tuple(edges), tuple(named), len(text),
                            {"opening_end": opening_end, "chrome_start": chrome})
