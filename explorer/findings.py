"""Audit findings for people: each finding's reason said in the UI language (from its kind, code
and the status fact behind it, not from the library's English sentence), severities in order
high → info, and findings grouped by the cited document they are about.
"""
from __future__ import annotations

import re
from collections import OrderedDict
from typing import Any

from explorer.ui import fmt_date

SEVERITY_ORDER = ("high", "medium", "low", "info")
_MD = re.compile(r"(?m)\*\*|__|^[ \t]*[#*|>-]+[ \t]+|[|]")

STATUS = {  # registry status -> (vi, en) past participle
    "replaced": ("bị thay thế", "replaced"), "repealed": ("bị bãi bỏ", "repealed"),
    "annulled": ("bị bãi bỏ", "annulled"), "expired": ("hết hiệu lực", "expired"),
    "amended": ("được sửa đổi", "amended"), "suspended": ("bị đình chỉ", "suspended"),
    "partially_replaced": ("bị thay thế một phần", "partly replaced"),
}
ORIGIN = {"bundled": ("danh mục kèm theo", "bundled registry"), "user": ("danh mục tải lên", "uploaded registry"),
          "corpus": ("nêu trong văn bản", "stated in a document")}

# (kind, code) -> (vi, en); fields: sym (the citation), by, eff, when (before/after …), doc_date
REASONS = {
    ("outdated", "replaced"): ("Dẫn {sym}, đã {status}{by} từ ngày {eff}{when}.",
                               "Cites {sym}, {status}{by} on {eff}{when}."),
    ("outdated", "replaced-since"): ("Dẫn {sym}, văn bản đã {status}{by} từ ngày {eff}{when}.",
                                     "Cites {sym}, {status}{by} on {eff}{when}."),
    ("outdated", "amended"): ("Dẫn {sym}, đã được sửa đổi{by} từ ngày {eff}; cần đối chiếu văn bản hiện hành.",
                              "Cites {sym}, amended{by} on {eff}; check the current text."),
    ("outdated", "stale-chain"): ("Triển khai theo chuỗi dẫn tới {sym}, văn bản đã {status}{by} từ ngày {eff}.",
                                  "Implements a chain leading to {sym}, {status}{by} on {eff}."),
    ("anachronism", "date"): ("Dẫn {sym} với ngày muộn hơn ngày ban hành của văn bản này.",
                              "Cites {sym} with a date later than this document's."),
    ("conflict", "date"): ("{sym} được ghi với những ngày ban hành khác nhau.", "{sym} is given different dates."),
    ("conflict", "issuer"): ("{sym} được ghi với những cơ quan ban hành khác nhau.", "{sym} is given different issuers."),
    ("conflict", "type"): ("{sym} được gọi bằng những loại văn bản khác nhau.", "{sym} is given different types."),
    ("conflict", "parent"): ("Văn bản nêu triển khai một văn bản nhưng sau đó ghi căn cứ khác ({sym}).",
                             "The document says it implements one document, later another ({sym})."),
    ("malformed", "repaired"): ("Số hiệu viết sai thể thức, đọc thành {sym}.", "Irregular số hiệu, read as {sym}."),
    ("malformed", "own-symbol"): ("Số hiệu của chính văn bản viết sai thể thức.", "The document's own số hiệu is irregular."),
    ("malformed", "type-code"): ("Tên loại văn bản không khớp chữ viết tắt trong {sym}.",
                                 "The type word does not match the type code in {sym}."),
    ("malformed", "party-style-state-issuer"): ("{sym} viết theo thể thức văn bản Đảng nhưng cơ quan ban hành là cơ quan Nhà nước.",
                                                "{sym} is written Party-style but its issuer is a State body."),
    ("malformed", "state-style-party-issuer"): ("{sym} viết theo thể thức văn bản Nhà nước nhưng cơ quan ban hành là cơ quan Đảng.",
                                                "{sym} is written State-style but its issuer is a Party body."),
    ("malformed", "issuer-level"): ("Ký hiệu cơ quan trong {sym} không khớp cấp của cơ quan ban hành.",
                                    "The issuer code in {sym} does not match the issuer's level."),
    ("draft", "blank"): ("Văn bản chưa điền số hoặc ngày ban hành.", "The number or day of issue is blank."),
    ("draft", "no-identity"): ("Không thấy số hiệu và ngày ban hành ở phần đầu văn bản.",
                               "No số hiệu and no date of issue in the header."),
    ("unresolved", "jurisdiction"): ("{sym} mang ký hiệu địa phương nhưng không xác định được tỉnh/thành.",
                                     "{sym} has a local issuer code but no province could be determined."),
}


def strip_markdown(text: Any) -> str:
    """Evidence as plain words: Markdown markers and table pipes of converted files removed.

    >>> strip_markdown("* *Căn cứ **Luật** | số 1*")
    'Căn cứ Luật số 1'
    """
    s = _MD.sub(" ", str(text or ""))
    s = re.sub(r"(?<!\w)[*_]+|[*_]+(?!\w)", " ", s)
    return " ".join(s.split())


def reason(f: dict[str, Any], lang: str | None) -> str:
    """The finding's reason in ``lang``; the kind's explanation when its code is not known here."""
    i = 1 if lang == "en" else 0
    pair = REASONS.get((f.get("kind"), f.get("code")))
    if not pair:
        from graph.audit import EXPLANATIONS

        ex = EXPLANATIONS.get(f.get("kind") or "")
        return ex[i] if ex else ""
    fact = (f.get("details") or {}).get("fact") or {}
    status = STATUS.get(fact.get("status") or "", (fact.get("status") or "", fact.get("status") or ""))[i]
    by = fact.get("by")
    eff = fmt_date(fact.get("effective")) if fact.get("effective") else ("ngày chưa rõ", "an unknown date")[i]
    own = f.get("doc_date")
    when = ""
    if fact.get("effective") and own:
        before = fact["effective"] <= own
        when = ((", trước ngày ban hành văn bản này ({d})", ", sau ngày ban hành văn bản này ({d})"),
                (", before this document ({d})", ", after this document ({d})"))[i][0 if before else 1].format(d=fmt_date(own))
    if by and fact.get("status") == "expired":
        by_text = (f" (thay bằng {by})", f" (succeeded by {by})")[i]
    else:
        by_text = ((" bởi ", " by ")[i] + by) if by else ""
    return pair[i].format(sym=f.get("symbol") or f.get("citation") or "—", status=status, by=by_text, eff=eff, when=when)


def source(f: dict[str, Any], lang: str | None) -> str:
    """Where the fact behind a finding comes from, in ``lang``."""
    i = 1 if lang == "en" else 0
    fact = (f.get("details") or {}).get("fact") or {}
    if not fact:
        return ("nội dung văn bản", "the document's text")[i]
    origin = ORIGIN.get(fact.get("origin") or "", ("", ""))[i]
    src = str(fact.get("source") or "")
    src = re.sub(r"^(?:corpus|bundled|user):\s*", "", src)
    src = re.sub(r"\s*\bstates it\b", "", src).strip()
    if fact.get("origin") == "corpus" and src:
        return src
    return f"{origin}: {src}" if origin and src else origin or src


def group_key(f: dict[str, Any]) -> tuple[str, str]:
    """Findings about one cited document (or one document's own header) form one group."""
    return (f.get("kind") or "", f.get("key") or f.get("doc_key") or f.get("document") or "")


def grouped(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Groups of rows (already sorted by severity), each led by its most severe finding."""
    groups: "OrderedDict[tuple[str, str], dict[str, Any]]" = OrderedDict()
    for r in rows:
        g = groups.get(group_key(r))
        if g is None:
            groups[group_key(r)] = {"lead": r, "rows": [r]}
        else:
            g["rows"].append(r)
    out = list(groups.values())
    out.sort(key=lambda g: (SEVERITY_ORDER.index(g["lead"]["severity"]) if g["lead"]["severity"] in SEVERITY_ORDER else 9,
                            -len(g["rows"]), g["lead"].get("symbol") or ""))
    return out
