"""The outdated check: which citations rest on a document no longer in force when the citing
document was signed.

Each citation is judged at the citing document's own date of issue D (the last day of its month
for a draft with a blank day; the as-of day when it has no date at all):

- ``replaced`` (high when the document implements or is based on it, else medium): a fact ends the
  cited document *as a whole* with effect on or before D.
- ``replaced-since`` (info): it ended after D, by the as-of day (default today).
- ``amended`` (info): amended after D, by the as-of day.
- ``stale-chain`` (medium): a plan this document implements itself implements an ended document.

A fact counts only for the same document: a citation dated differently from the fact's document
is another document with the same number.  Not findings: citations in the texts that state the
change (the acting document and its copies), in registers of expired documents and consolidated
texts, inside an amendment history ("… được sửa đổi, bổ sung bởi Luật số …") or a statement of
validity, and transitional references ("giấy phép đã được cấp theo …").
"""
from __future__ import annotations

import datetime as _dt
import re
from collections import defaultdict
from typing import Any, Iterable

from extract.keys import strip_diacritics
from graph.audit.checks import Finding, _before, _Ctx, _finding, _parse_date, doc_date_bound

# in the clause before the citation: it is part of an amendment history or of a validity statement
_HISTORY_BEFORE = re.compile(r"(?:sửa\s+đổi|bổ\s+sung|hợp\s+nhất|đính\s+chính|thay\s+thế|bãi\s+bỏ|hủy\s+bỏ|huỷ\s+bỏ|"
                             r"hết\s+hiệu\s+lực|ngưng\s+hiệu\s+lực|chấm\s+dứt\s+hiệu\s+lực)[^;]*$", re.IGNORECASE)
# right before the citation: a transitional reference to what was done under the old document
_TRANSITIONAL_BEFORE = re.compile(
    r"(?:đã\s+(?:được\s+)?(?:cấp|kê\s+khai|khai|phê\s+duyệt|thẩm\s+định|đăng\s+ký|công\s+nhận|ký\s+kết|thực\s+hiện|"
    r"tiếp\s+nhận|ban\s+hành|quyết\s+toán|xác\s+nhận)|được\s+cấp|cấp\s+ngày|(?:đổi|chuyển)\s+từ|"
    r"trước\s+(?:ngày|khi|thời\s+điểm))[^;]{0,160}$",
    re.IGNORECASE)
# after the citation, in its sentence: the old rules apply to what was under way
_TRANSITIONAL_AFTER = re.compile(
    r"^[^.;]{0,200}?(?:cho\s+kỳ\s+tính\s+thuế|trước\s+ngày|trước\s+thời\s+điểm|tiếp\s+tục\s+(?:thực\s+hiện|áp\s+dụng|"
    r"được)|chưa\s+giải\s+quyết\s+xong|đến\s+hết\s+(?:ngày|thời\s+hạn)|hết\s+hiệu\s+lực|được\s+thay\s+thế|bị\s+bãi\s+bỏ)",
    re.IGNORECASE)
# "giai đoạn năm 2018-2022": a period over before the citing document, under the rules of its time
_PAST_PERIOD = re.compile(r"giai\s+đoạn(?:\s+năm)?\s+(?:19|20)\d{2}\s*[-–]\s*((?:19|20)\d{2})", re.IGNORECASE)
_CLAUSE_HEAD = re.compile(r"(?is).*(?:căn\s+cứ|;|\n\s*\n)")


def _window(ctx: _Ctx, d: dict[str, Any], c: dict[str, Any]) -> tuple[str, str]:
    """(text before, text after) the citation in its file, re-read (the stored evidence sentence is
    cut at any ". "); the evidence sentence when the file is gone."""
    cache = ctx.__dict__.setdefault("texts", {})
    path = d.get("path")
    if path not in cache:
        try:
            from graph.ingest import read_text

            cache[path] = read_text(path).text if path else None
        except Exception:  # the file moved or changed: judge on the stored sentence
            cache[path] = None
    text = cache[path]
    if text is not None and c.get("start") is not None and text[c["start"]:c["end"]] == c.get("text"):
        return text[max(0, c["start"] - 500):c["start"]], text[c["end"]:c["end"] + 300]
    ctxt, t = c.get("context") or "", " ".join((c.get("text") or "").split())
    i = ctxt.find(t[:40]) if t else -1
    return _before(c, 500), (ctxt[i + len(t):] if i >= 0 else "")


def not_a_reliance(ctx: _Ctx, d: dict[str, Any], c: dict[str, Any], year: int | None) -> bool:
    """The citation names the document without resting on it (history, validity, transitional)."""
    before, after = _window(ctx, d, c)
    m = _CLAUSE_HEAD.match(before)
    clause = before[m.end():] if m else before
    sentence_after = re.split(r"\.\s|;", after, maxsplit=1)[0]
    past = [int(p) for p in _PAST_PERIOD.findall(clause + " " + sentence_after)]
    return bool(_HISTORY_BEFORE.search(clause) or _TRANSITIONAL_BEFORE.search(clause)
                or _TRANSITIONAL_AFTER.search(after) or (year and past and max(past) < year))


_STOP = set("quy dinh chi tiet va cua ve cac mot so dieu huong dan thi hanh bien phap nhung viec tai theo "
            "trong doi voi ban hanh nam ngay thang so".split())


def _content(s: str | None) -> set[str]:
    return {w for w in re.findall(r"[a-z0-9]+", strip_diacritics(s or "").lower()) if len(w) > 1 and w not in _STOP}


_HISTORY_TAIL = re.compile(r"(?i)\b(?:đã\s+được|được|và\s+được)\s+(?:sửa\s+đổi|bổ\s+sung|hợp\s+nhất).*$|[;.].*$", re.S)


def _subject(s: str | None) -> str:
    """A document's subject without its amendment history ("…, được sửa đổi, bổ sung bởi …")."""
    return _HISTORY_TAIL.sub("", s or "")[:250]


def same_document(c: dict[str, Any], f: Any, after: str = "") -> bool:
    """Whether a fact is about the cited document: the same number named with another type word
    ("Nghị quyết số 71/2006/QH11" is not "Luật Bảo hiểm xã hội số 71/2006/QH11") or about an
    unrelated subject is another document.  ``after`` (the text after the citation) stands in
    for a subject the extractor did not read."""
    ct, ft = (" ".join(strip_diacritics(t or "").lower().split()) for t in (c.get("type"), f.doc_type))
    if ct and ft and not (ct.startswith(ft) or ft.startswith(ct)):  # "thông tư" / "thông tư liên tịch"
        return False
    a, b = _content(_subject(c.get("subject") or after)), _content(_subject(f.subject))
    return not (len(a) >= 3 and len(b) >= 3 and len(a & b) / min(len(a), len(b)) < 0.3)


def _fmt_fact(f: Any) -> str:
    by = f" by {f.by}" + (f" ({f.by_date})" if f.by_date else "") if f.by else ""
    return f"{f.status}{by}, effective {f.effective or 'date unknown'}"


def _listing(d: dict[str, Any]) -> bool:
    """A register of expired documents or a consolidated text: its citations are records, not reliance."""
    return (d.get("role") or "act") in ("register", "consolidated")


def check_outdated(ctx: _Ctx) -> Iterable[Finding]:
    reg = ctx.registry
    if not len(reg):
        return
    stating: dict[int, set[str]] = defaultdict(set)  # file -> keys it changes itself (not a history it reports)
    for ch in ctx.facts.changes:
        if not ch.get("by"):
            stating[ch["file_id"]].add(ctx.canon(ch["key"]))
    acted_on: dict[str, set[str]] = defaultdict(set)  # acting key -> keys it acts on
    for f in reg.facts:
        if f.by_key:
            acted_on[f.by_key].add(f.key)
    for fid, cits in ctx.by_file.items():
        d = ctx.docs[fid]
        if _listing(d):
            continue
        bound, exact = doc_date_bound(d)
        own_key = ctx.canon(d["key"]) if d.get("key") else None
        seen: set[str] = set()
        for c in cits:
            key = ctx.canon(c["key"])
            if c.get("short_form") or key in seen or key in stating[fid] or key in acted_on.get(own_key or "", ()):
                continue
            hits = reg.lookup(key, date=c.get("date"), year=c.get("year"))
            if not hits or not_a_reliance(ctx, d, c, bound.year if bound else None):
                continue
            after = _window(ctx, d, c)[1]
            hits = [(f, q) for f, q in hits if same_document(c, f, after)]
            if not hits:
                continue
            f = _judge(ctx, d, c, hits, bound, exact, own_key)
            if f is not None:
                seen.add(key)
                yield f
        yield from _stale_chain(ctx, d, cits, own_key)


def _judge(ctx: _Ctx, d: dict[str, Any], c: dict[str, Any], hits: list, bound: _dt.date | None, exact: bool,
           own_key: str | None) -> Finding | None:
    ending = [(f, q) for f, q in hits if f.ends_validity and f.by_key != own_key]
    dated = [(f, q, _parse_date(f.effective)) for f, q in ending]
    known = [(f, q, e) for f, q, e in dated if e is not None and e <= ctx.as_of]
    day = bound or ctx.as_of
    if known:
        f, q, eff = min(known, key=lambda t: (t[2], t[0].origin != "bundled"))
        when_doc = (d.get("date") or (f"{d.get('date_text')} (day blank)" if bound else None))
        if eff <= day and bound is not None:
            sev = "high" if c.get("relation") in ("implements", "based_on") else "medium"
            code, when = "replaced", f"on {f.effective}, on or before this document ({when_doc})"
        else:
            sev, code = "info", "replaced-since"
            when = f"on {f.effective}, after this document ({when_doc})" if when_doc else f"on {f.effective}"
        if q == "assumed" and sev != "info":
            sev = "low"
        succ = f"; successor: {f.by}" if f.by else ""
        assumed = " (the citation gives no date; assumed to be the registry's document)" if q == "assumed" else ""
        return _finding("outdated", code, d, cit=c, severity=sev,
                        reason=f"cites {c['symbol']}, {f.status} {when}{succ}{assumed}",
                        evidence=c.get("context") or "", source=f"{f.origin}: {f.source}" if f.origin != "corpus"
                        else f.source, fact=f.to_dict(), match=q, successor=f.by, effective=f.effective,
                        citing_date=d.get("date"))
    amended = [(f, q) for f, q in hits if f.status == "amended" and f.by_key != own_key and q != "assumed"
               and _parse_date(f.effective) and _parse_date(f.effective) <= ctx.as_of
               and (not bound or _parse_date(f.effective) > bound)]
    if amended:
        f, q = amended[0]
        return _finding("outdated", "amended", d, cit=c, severity="info",
                        reason=f"cites {c['symbol']}, amended since ({_fmt_fact(f)}); check the current text",
                        evidence=c.get("context") or "", source=f.source, fact=f.to_dict(), match=q)
    return None


def _parents_of(ctx: _Ctx, key: str) -> list[tuple[str, str, str, str | None]]:
    """(target_key, target_symbol, evidence, target date) that the document ``key`` implements, from
    its own file and from sentences of other files that state it."""
    out = []
    d = ctx.doc_by_key.get(key)
    if d:
        for c in ctx.by_file.get(d["file_id"], ()):
            if c.get("relation") == "implements" and not c.get("short_form"):
                out.append((ctx.canon(c["key"]), c["symbol"], f"{d.get('name')}: {c.get('context') or ''}", c.get("date")))
    for e in ctx.stated_by_source.get(key, ()):
        out.append((ctx.canon(e["target_key"]), e.get("target") or e["target_key"], e.get("context") or "", None))
    return out


def _stale_chain(ctx: _Ctx, d: dict[str, Any], cits: list[dict[str, Any]], own_key: str | None) -> Iterable[Finding]:
    if not hasattr(ctx, "stated_by_source"):
        idx: dict[str, list[dict[str, Any]]] = defaultdict(list)
        for e in ctx.facts.stated:
            if e.get("rel") == "implements":
                idx[ctx.canon(e["source_key"])].append(e)
        ctx.stated_by_source = idx  # type: ignore[attr-defined]
    bound, _ = doc_date_bound(d)
    day = bound or ctx.as_of
    done: set[str] = set()
    for c in cits:
        if c.get("relation") != "implements" or c.get("short_form"):
            continue
        parent = ctx.canon(c["key"])
        frontier = [(parent, [c["symbol"]], [c.get("context") or ""])]
        seen = {parent, own_key}
        for _depth in range(3):
            nxt = []
            for key, path, ev in frontier:
                for tkey, tsym, tev, tdate in _parents_of(ctx, key):
                    if tkey in seen:
                        continue
                    seen.add(tkey)
                    chain, evs = path + [tsym], ev + [tev]
                    facts = [f for f, q in ctx.registry.lookup(tkey, date=tdate) if f.ends_validity and q != "assumed"
                             and _parse_date(f.effective) and _parse_date(f.effective) <= day]
                    if facts and tkey not in done:
                        done.add(tkey)
                        f = facts[0]
                        yield _finding("outdated", "stale-chain", d, cit=c, severity="medium",
                                       reason=f"implements {' → '.join(chain)}; {tsym} was {_fmt_fact(f)} "
                                              f"(on or before {day}): the parent plan rests on a replaced document",
                                       evidence=" || ".join(x for x in evs if x), source=f"{f.origin}: {f.source}",
                                       chain=chain, fact=f.to_dict())
                    nxt.append((tkey, chain, evs))
            frontier = nxt


def group_outdated(records: Iterable[dict[str, Any]]) -> list[dict[str, Any]]:
    """``replaced`` findings grouped by cited document: its successor, the date it ended, and the
    citing documents with their dates and evidence (most cited first)."""
    groups: dict[str, dict[str, Any]] = {}
    for r in records:
        if r.get("kind") != "outdated" or r.get("code") != "replaced":
            continue
        det = r.get("details") or {}
        g = groups.setdefault(r.get("key") or r["symbol"], {
            "symbol": r["symbol"], "successor": det.get("successor"), "effective": det.get("effective"),
            "source": r.get("source"), "citing": []})
        g["citing"].append({"document": r["document"], "date": det.get("citing_date"), "severity": r["severity"],
                            "evidence": r["evidence"]})
    return sorted(groups.values(), key=lambda g: (-len(g["citing"]), g["symbol"]))
