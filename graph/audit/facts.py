"""What the audit reads: per-file records from the store, and the validity facts the files state.

``load_facts(store)`` returns ``Facts`` (docs, citations, stated edges, each file's own validity and
the changes it states, as plain dicts), so any backend that can list those can be audited.
``corpus_facts(facts)`` turns the stored changes into registry facts (``StatusFact``), keeping only
those the acting document can make: a lower-ranked act does not replace, repeal or amend a
higher-ranked one, and a State act does not end a Party document or the reverse (``can_act``).
``status_records`` prints facts in the contract of ``citegraph status`` (shared spec:
status-output.md).
"""
from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from typing import Any

from extract.keys import document_key, fold_symbol
from graph.audit.registry import Registry, StatusFact


@dataclass
class Facts:
    """Plain records the audit reads: one dict per file's document, citation and stated edge.

    docs: file_id, name, path, key, symbol, symbol_text, type, type_code, date, date_text?, issuer,
    issuer_code, province, draft, title, effective, effective_from, effective_evidence, expiry.
    citations: file_id, ord, key, symbol, original, family, type, type_code, year, issuer_code,
    issuer, date, relation, start, end, text, context, repairs (list), short_form.  stated: file_id,
    source_key, source, rel, target_key, target, context.  changes: file_id, key, symbol, change,
    scope, part, date, issuer, province, effective, effective_from, evidence, by, by_date.
    """

    docs: list[dict[str, Any]]
    citations: list[dict[str, Any]]
    stated: list[dict[str, Any]] = field(default_factory=list)
    changes: list[dict[str, Any]] = field(default_factory=list)


def _has_table(st: Any, name: str) -> bool:
    return bool(st.rows("SELECT name FROM sqlite_master WHERE type = 'table' AND name = ?", (name,)))


def load_facts(store: Any) -> Facts:
    """Read the audit's records from a ``graph.store.Store`` (or a path to one)."""
    from graph.store import Store

    own = not hasattr(store, "rows")
    st = Store(store, readonly=True) if own else store
    try:
        validity = _has_table(st, "validity")  # a version-1 store opened read-only has none
        docs = st.rows("SELECT d.*, f.id AS file_id, f.name AS name, f.path AS path, f.province AS file_province"
                       + (", v.effective AS effective, v.effective_from AS effective_from,"
                          " v.evidence AS effective_evidence, v.expiry AS expiry, v.role AS role" if validity else "")
                       + " FROM docs d JOIN files f ON f.id = d.file_id"
                       + (" LEFT JOIN validity v ON v.file_id = f.id" if validity else "") + " ORDER BY f.path")
        cits = st.rows("SELECT c.* FROM citations c JOIN files f ON f.id = c.file_id ORDER BY f.path, c.ord")
        stated = st.rows("SELECT s.* FROM stated s JOIN files f ON f.id = s.file_id ORDER BY f.path, s.ord")
        changes = st.rows("SELECT c.* FROM changes c JOIN files f ON f.id = c.file_id ORDER BY f.path, c.ord") \
            if _has_table(st, "changes") else []
    finally:
        if own:
            st.close()
    for c in cits:
        r = c.get("repairs")
        c["repairs"] = json.loads(r) if isinstance(r, str) else list(r or ())
        c["short_form"] = bool(c.get("short_form"))
    for d in docs:
        d["draft"] = bool(d.get("draft"))
        d["province"] = d.get("province") or d.get("file_province")
        if d["draft"] and not d.get("date_text"):
            d["date_text"] = _reread_date_text(d.get("path"))
    return Facts(docs, cits, stated, changes)


def _reread_date_text(path: str | None) -> str | None:
    """The header's date line as written, for a draft (the store keeps no ``date_text``): re-read it."""
    from pathlib import Path

    if not path or not Path(path).is_file():
        return None
    try:
        from extract import extract_text
        from graph.ingest import read_text

        return extract_text(read_text(path).text).document.date_text
    except Exception:  # evidence only: a file that changed or vanished must not break the audit
        return None


# -- rank and competence -----------------------------------------------------------------------------
# (pattern over the folded symbol's code part, family, rank): the first match wins.  State: Luật and
# National Assembly resolutions > UBTVQH > Chính phủ > Thủ tướng > ministries > HĐND > UBND > local
# agencies.  Party: Trung ương > tỉnh ủy > huyện ủy and other local committees.
_RANKS = (
    (re.compile(r"(?:^|-)QH\d*$|^QH\d*$|-L-|^L-"), "state", 9),
    (re.compile(r"UBTVQH"), "state", 8),
    (re.compile(r"-CP$"), "state", 7),
    (re.compile(r"-TTG$"), "state", 6),
    (re.compile(r"^(?:TT|TTLT|QD|CT|NQ|VBHN)-(?:B[A-Z]+|NHNN|TTCP|KTNN|VPCP|UBDT|TANDTC|VKSNDTC)(?:-|$)"), "state", 5),
    (re.compile(r"HDND"), "state", 4),
    (re.compile(r"(?:^|-)(?:CT)?UBND"), "state", 3),
    (re.compile(r"-TW$"), "party", 9),
    (re.compile(r"-(?:TU|THU|DUK|DU)$"), "party", 6),
    (re.compile(r"-(?:HU|QU)$"), "party", 4),
)


def rank_of(symbol: str | None) -> tuple[str, int] | None:
    """(family, rank) of a số hiệu, None when its issuer is not ranked.

    >>> rank_of("25/2025/NĐ-CP"), rank_of("32/2024/NQ-HĐND"), rank_of("23-QĐ/TW")
    (('state', 7), ('state', 4), ('party', 9))
    """
    if not symbol:
        return None
    code = fold_symbol(symbol).split("|", 1)[-1]
    code = re.sub(r"^\d{4}-", "", code)
    for rx, family, rank in _RANKS:
        if rx.search(code):
            return family, rank
    return None


def can_act(by: str | None, affected: str | None, change: str) -> bool:
    """Whether the acting document can make this change to the affected one.

    >>> can_act("25/2025/NĐ-CP", "62/2022/NĐ-CP", "replaced"), can_act("15/2025/QĐ-UBND", "30/2020/NĐ-CP", "amended")
    (True, False)
    >>> can_act("5/2025/TT-BTC", "23-QĐ/TW", "repealed")
    False
    """
    a, b = rank_of(by), rank_of(affected)
    if a is None or b is None:
        return True
    if a[0] != b[0]:
        return False
    return a[1] >= b[1]


# -- facts the corpus states -------------------------------------------------------------------------
def corpus_facts(facts: Facts) -> list[StatusFact]:
    """The changes the ingested files state, as registry facts (``origin`` corpus)."""
    by_file = {d["file_id"]: d for d in facts.docs}
    out: list[StatusFact] = []
    for c in facts.changes:
        d = by_file.get(c["file_id"]) or {}
        by = c.get("by") or d.get("symbol")
        if not can_act(by, c["symbol"], c["change"]):
            continue
        by_key = document_key(c["by"], d.get("province")) if c.get("by") else d.get("key")
        out.append(StatusFact(
            key=c["key"], symbol=c["symbol"], status=c["change"], origin="corpus", date=c.get("date"),
            province=c.get("province"), by=by, by_key=by_key,
            by_date=c.get("by_date") if c.get("by") else d.get("date"), effective=c.get("effective"),
            effective_from=c.get("effective_from") or "unknown", scope=c.get("scope") or "whole", part=c.get("part"),
            source=f"corpus: {d.get('name', '?')} ({by or d.get('type') or '?'}) states it", evidence=c.get("evidence"),
            file=d.get("path") or d.get("name"), doc_type=c.get("type"), subject=c.get("subject")))
    return out


def status_records(registry: Registry, symbol: str | None = None, province: str | None = None) -> list[dict[str, Any]]:
    """Every fact (or those about ``symbol``) in the contract of ``citegraph status --format json``."""
    want = fold_symbol(symbol) if symbol else None
    out = []
    for f in registry.facts:
        if want and fold_symbol(f.symbol) != want:
            continue
        if province and f.province and _fold_place(f.province) != _fold_place(province):
            continue
        out.append({"symbol": f.symbol, "date": f.date, "province": f.province, "change": f.status,
                    "scope": f.scope, "part": f.part, "by": f.by, "by_date": f.by_date, "effective": f.effective,
                    "effective_from": f.effective_from, "evidence": f.evidence or f.source, "file": f.file,
                    "origin": f.origin, "source": f.source, "note": f.note, "key": f.key})
    out.sort(key=lambda r: (r["symbol"], r["effective"] or "", r["by"] or ""))
    return out


def _fold_place(s: str) -> str:
    from extract.keys import slug

    return slug(re.sub(r"(?i)^(?:tỉnh|thành phố|tp\.?)\s+", "", s.strip()))

