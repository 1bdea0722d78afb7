"""What the document does to each document it cites, and what cited documents say of each other.

``assign_relations`` gives each citation its relation: ``based_on`` inside a "Căn cứ ..." clause,
``implements`` (and kin) after an opening cue ("Thực hiện X; Y và Z") or in the title ("Kế hoạch
thực hiện X"), ``replaces`` / ``amends`` / ``guides`` in sentences about the document itself
("Quyết định này thay thế ...").  ``find_edges`` reads relations stated between two cited
documents ("Kế hoạch số 116-KH/TU ... thực hiện Kết luận số 114-KL/TW").  The cue phrases are data
(tables/relation_cues.json).

>>> from extract.find import find_citations
>>> text = "Căn cứ Luật số 77/2015/QH13; Thực hiện Kết luận số 114-KL/TW của Ban Bí thư; UBND tỉnh ..."
>>> cits = find_citations(text)
>>> rel = assign_relations(text, cits, len(text))
>>> [(c.symbol, rel.get(k)) for k, c in enumerate(cits)]
[('77/2015/QH13', 'based_on'), ('114-KL/TW', 'implements')]
"""
from __future__ import annotations

import re
from bisect import bisect_left
from functools import lru_cache

from extract import patterns as P
from extract.models import Citation, Edge
from extract.patterns import case_variants
from extract.symbols import codes_for_type_word
from extract.tables import relation_cues


def assign_relations(text: str, cits: list[Citation], opening_end: int) -> dict[int, str]:
    """Index in ``cits`` -> relation, for the citations whose relation the text states (the rest cite).

    The first rule to claim a citation wins: "Căn cứ" clauses, then the opening, then status sentences."""
    rel_of: dict[int, str] = {}
    _assign_based_on(text, cits, len(text), rel_of)
    _assign_opening(text, cits, opening_end, rel_of)
    _assign_status(text, cits, len(text), min(opening_end, 2500), rel_of)
    return rel_of


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
# Also "sự chỉ đạo của ...", "nhiệm vụ được giao tại Quyết định số ...".
_DIRECTION_RE = re.compile(r"^(?:sự\s+)?(?:(?:ý kiến|nội dung)\s+)?(?:chỉ đạo|hướng dẫn|ý kiến|yêu cầu|kết luận"
                           r"|(?:các\s+)?nhiệm vụ(?:\s+được giao)?)"
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
        if rel == "based_on" and m.group("cue").lower().startswith("căn cứ"):
            continue  # "Căn cứ" is handled everywhere, not only in the opening ("Trên cơ sở X" is here)
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
                j = bisect_left(starts, at) - 1
                if j >= 0 and cits[j].end <= at < _tail_end(cits[j], text):
                    continue  # "Công văn số X về việc hướng dẫn thực hiện Y": X guides Y, not this document
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
    fillers = "|".join(re.escape(w) for w in sorted(cues["between_fillers"], key=len, reverse=True))
    return re.compile(
        # a date and issuer the reference did not take ("ngày 19 tháng 10 năm* *2025 của Bộ trưởng ... về việc")
        r"^(?:ngày\s+\d{1,2}(?:/\d{1,2}/\d{4}|\s+tháng\s+\d{1,2}\s+năm\s+\d{4})\s+)?(?:của\s+[^;.]{1,100}?\s+(?=về\s))?"
        r"(?:(?:về việc|về|để|nhằm)\s+)?(?:(?:" + verbs + r")\s+)?"
        r"(?:[“\"]?(?:" + docs + r")\b[^;.]{0,160}?\s+|(?<=về )[^;.]{0,200}?\s+)?(?P<cue>" + alt + r")(?:\s+(?:" + fillers + r"))*"
        r"(?P<named>\s+(?:" + named + r")\b[^;.\d]{0,120}?\s*(?:và|,))?$")


@lru_cache(maxsize=1)
def _review_before_cue_re() -> re.Pattern[str]:
    """Words that make the cue a review of the implementation, not the act ("về tình hình thực hiện")."""
    words = sorted(relation_cues()["not_edge_cue_after"], key=len, reverse=True)
    return re.compile(r"(?:^|\s)(?:" + "|".join(re.escape(w) for w in words) + r")(?:\s+việc)?\s*$")


def _between_relation(gap: str) -> str | None:
    """"ban hành Chương trình hành động của Chính phủ thực hiện", "về việc phê duyệt “Chiến lược ...
    triển khai thực hiện", "thực hiện Nghị quyết Đại hội XIV và": a document of the first
    reference carries out the second."""
    if len(gap) > 260:
        return None
    m = _between_re().match(gap)
    if not m or _review_before_cue_re().search(gap, 0, m.start("cue")):
        return None
    details = "quy định chi tiết" in gap[:m.start("cue")]
    if m.group("named") and details:
        # "A quy định chi tiết ... thi hành Luật X và B": A guides the law; B is the next item of a list
        return None
    rel = _between_cues().get(m.group("cue"))
    # "A quy định chi tiết một số điều và biện pháp tổ chức thi hành B": A details B, it does not carry it out
    return "guides" if details and rel == "implements" else rel


_PARENTHESES_RE = re.compile(r"\([^()]{0,80}\)")


def find_edges(text: str, cits: list[Citation]) -> tuple[list[Edge], dict[int, str]]:
    """"A ... của X thực hiện B (và C)": A implements B (and C).

    Returns the edges, and for the citations whose issuer's name runs on into a cue ("của Ban chỉ
    đạo thực hiện Đề án số 04-ĐA/TU"), index -> the issuer's full name."""
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
        gap = _gap(_PARENTHESES_RE.sub(" ", raw))  # "(nay là tỉnh Đồng Tháp)" between issuer and cue
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
        edges.append(Edge(source=a.symbol, rel=rel, target=b.symbol, start=a.start, end=b.end))
        # "A ... thực hiện B ... và C": the same relation to every item joined to B
        prev = b
        for c in cits[k + 2:]:
            joint = text[prev.end:c.start] if c.start >= prev.end else ";"
            if ";" in joint or _gap(joint) not in ("và", "và các", "cùng", "") or c.symbol == a.symbol:
                break
            edges.append(Edge(source=a.symbol, rel=rel, target=c.symbol, start=a.start, end=c.end))
            prev = c
    return edges, issuer_fix

