"""Cached loaders and rendering helpers shared by the explorer pages.

- The store path comes from ``$CITEGRAPH_STORE`` (``citegraph app --store`` sets it), else the
  per-user default (``graph.settings.store_location``).
- ``ensure_ingested`` fills an empty store from the bundled ``data/`` once per process, so a
  first start needs no manual step.
- ``load_graph`` is an ``st.cache_resource``: one networkx graph per (store, version) shared by
  every session, treated as read-only.  ``store_version`` (file count + last ingest time) is
  cheap, so an upload in one tab shows up in every tab on its next rerun.
- Rendering lives beside: ``ui`` (escaping, tables, dates, exports), ``text`` (a document's
  text with its citations), ``graphview`` (the trace drawing), ``findings`` (audit wording),
  ``uploads``.

Queries themselves live in ``graph/`` (``graph.queries``); helpers here only adapt their
results for display.
"""
from __future__ import annotations

import os
import sqlite3
from collections import Counter
from pathlib import Path
from typing import Any

import streamlit as st

from graph import queries, settings
from graph.store import Store, StoreError



# -- the store -------------------------------------------------------------------------------
def store_path() -> str:
    return settings.store_location(None)


from graph.ingest import ensure_ingested  # noqa: E402


@st.cache_resource(show_spinner=False)
def _first_start(path: str) -> dict | None:
    return ensure_ingested(path)


def store_version(path: str) -> tuple[int, float]:
    """(files, last ingest time): changes whenever anything is ingested or removed."""
    try:
        conn = sqlite3.connect(Path(path).resolve().as_uri() + "?mode=ro", uri=True)
        try:
            n, last = conn.execute("SELECT count(*), coalesce(max(ingested_at), 0) FROM files").fetchone()
        finally:
            conn.close()
    except sqlite3.Error:
        return (0, 0.0)
    return (int(n), float(last))


@st.cache_resource(show_spinner=False, max_entries=2)
def _graph(path: str, version: tuple[int, float]):
    import gc

    from graph.build import from_store

    G = from_store(path)
    gc.collect()
    gc.freeze()  # the graph lives for the whole server: keep the cyclic GC from re-scanning it on every rerun
    return G


def load_graph():
    """The canonical graph of the session's store (built once per store version, shared)."""
    from explorer.i18n import t

    path = store_path()
    if "_first_start_done" not in st.session_state:
        with st.spinner(t("app.first_ingest")):
            _first_start(path)
        st.session_state["_first_start_done"] = True
    version = store_version(path)
    with st.spinner(t("app.loading_graph")):
        return _graph(path, version)


def open_store() -> Store:
    """A read-only connection for one page run (SQLite connections are per thread)."""
    return Store(store_path(), readonly=True)


def guard_graph():
    """``load_graph()`` or an ``st.error`` and ``st.stop()`` when the store cannot be used."""
    from explorer.i18n import t

    try:
        return load_graph()
    except StoreError as exc:
        st.error(t("app.store_error", reason=str(exc)))
        st.stop()


def graph_key() -> tuple[str, tuple[int, float]]:
    """(store path, version): the cache key of everything derived from the graph."""
    load_graph()  # first start and spinner
    path = store_path()
    return path, store_version(path)


# -- queries (graph.queries does the work; results cached per store version) ----------------------
@st.cache_data(show_spinner=False, max_entries=4)
def overview(path: str, version: tuple[int, float], limit: int = 20) -> dict[str, Any]:
    """Counts, most-cited documents, documents per year and issuers by level, in one cached dict."""
    G = _graph(path, version)
    return {"stats": queries.stats(G), "most_cited": queries.most_cited(G, limit),
            "per_year": queries.per_year(G), "issuers_by_level": issuers_by_level(G)}


@st.cache_data(show_spinner=False, max_entries=64)
def search(path: str, version: tuple[int, float], query: str, type_code: str | None, issuer: str | None,
           province: str | None, year: int | None, limit: int = 200) -> tuple[list[dict[str, Any]], int]:
    """``graph.queries.search`` for symbols, plus filters and title words (see ``filter_documents``)."""
    G = _graph(path, version)
    query = (query or "").strip()
    if query:
        keys = [h["key"] for h in queries.search(G, query, limit=len(G))]
        seen = set(keys)
        keys += [h["key"] for h in filter_documents(G, words=query) if h["key"] not in seen]  # titles and names
    else:
        keys = [h["key"] for h in filter_documents(G)]
    keys = [k for k in keys if _keep(G.nodes[k], type_code, issuer, province, year)]
    rows = [_row(G, k) for k in keys[:limit]]
    return rows, len(keys)


TABLE_ROWS = 1000  # rows drawn in a page table; exports carry everything


@st.cache_resource(show_spinner=False, max_entries=32)
def show(path: str, version: tuple[int, float], key: str) -> dict[str, Any]:
    """``graph.queries.show`` plus both implementing chains, computed once per document (read-only)."""
    G = _graph(path, version)
    return {"doc": queries.show(G, key), "up": queries.trace(G, key, up=True, include_citing=False),
            "down": queries.trace(G, key, include_citing=False)}


@st.cache_resource(show_spinner=False, max_entries=32)
def trace(path: str, version: tuple[int, float], key: str, depth: int | None, citing: bool) -> dict[str, Any]:
    """``graph.queries.trace`` (implementing documents; citing ones too when ``citing``), with the
    counts the CLI's ``trace`` and ``coverage`` print: computed once per view, shared read-only."""
    G = _graph(path, version)
    result = queries.trace(G, key, max_depth=depth, include_citing=citing)
    implementing = [i for i in result.items if not i.citing]
    provinces = sorted({i.province for i in implementing if i.province})
    by_province = Counter(i.province or "" for i in result.items)
    return {"result": result, "n": len(implementing), "provinces": len(provinces),
            "citing": len(result.items) - len(implementing),
            "by_province": sorted(by_province.items(), key=lambda kv: (-kv[1], kv[0] == "", kv[0]))}


def trace_frame(result, G, lang: str | None):
    """The trace as a table (for the page and the exports)."""
    import pandas as pd

    from explorer.i18n import rel_label, t
    from explorer.ui import fmt_date

    return pd.DataFrame([{
        "province": i.province or t("central", lang), "symbol": label_of(G.nodes[i.key]), "type": i.type,
        "date": fmt_date(i.date), "issuer": i.issuer, "rel": rel_label(i.rel, lang), "depth": i.depth,
        "chain": " → ".join(i.chain), "evidence": i.evidence, "key": i.key} for i in result.items],
        columns=["province", "symbol", "type", "date", "issuer", "rel", "depth", "chain", "evidence", "key"])


@st.cache_resource(show_spinner=False, max_entries=32)
def trace_graph(path: str, version: tuple[int, float], key: str, depth: int | None, citing: bool, colour_by: str,
                lang: str):
    """The drawn (capped) trace as SVG, built once per view."""
    from explorer.graphview import trace_svg

    G = _graph(path, version)
    return trace_svg(G, trace(path, version, key, depth, citing)["result"], colour_by=colour_by, lang=lang)


@st.cache_data(show_spinner=False, max_entries=8)
def facets(path: str, version: tuple[int, float]) -> dict[str, list]:
    """The values the search filters offer (types, issuers, provinces, years)."""
    G = _graph(path, version)
    types: dict[str, str] = {}
    issuers_, provinces, years = set(), set(), set()
    for _, d in G.nodes(data=True):
        if d.get("kind") != "document":
            continue
        if d.get("type_code"):
            types.setdefault(d["type_code"], d.get("type") or d["type_code"])
        if d.get("issuer"):
            issuers_.add(d["issuer"])
        if d.get("province"):
            provinces.add(d["province"])
        if d.get("year"):
            years.add(int(d["year"]))
    return {"types": sorted(types.items(), key=lambda kv: kv[1]), "issuers": sorted(issuers_),
            "provinces": sorted(provinces), "years": sorted(years, reverse=True)}


def _keep(d: dict[str, Any], type_code, issuer, province, year) -> bool:
    return ((not type_code or d.get("type_code") == type_code) and (not issuer or d.get("issuer") == issuer)
            and (not province or d.get("province") == province) and (not year or d.get("year") == year))


def _row(G, key: str) -> dict[str, Any]:
    d = G.nodes[key]
    return {"key": key, "symbol": label_of(d), "type": d.get("type"), "date": d.get("date"),
            "issuer": d.get("issuer"), "province": d.get("province"), "title": d.get("title"),
            "mentions": d.get("mentions", 0), "has_file": d.get("has_file", False)}


def filter_documents(G, *, words: str | None = None) -> list[dict[str, Any]]:
    """Documents whose title or issuer holds every word (accents and case ignored); all if no words.

    Missing from graph.queries (its ``search`` matches symbols, years and provinces only).
    """
    from extract.keys import strip_diacritics

    fold = lambda s: strip_diacritics(s or "").lower()  # noqa: E731
    want = fold(words).split() if words else []
    hits = []
    for n, d in G.nodes(data=True):
        if d.get("kind") != "document":
            continue
        if want:
            hay = fold(" ".join(str(d.get(f) or "") for f in ("title", "name", "issuer", "symbol", "type")))
            if not all(w in hay for w in want):
                continue
        hits.append({"key": n, "mentions": d.get("mentions", 0), "date": d.get("date") or ""})
    hits.sort(key=lambda h: (-h["mentions"], h["date"], h["key"]))
    return hits


from explorer.graphview import LEVELS  # noqa: E402
from explorer.ui import label_of  # noqa: E402,F401  (pages call data.label_of)


def issuers_by_level(G) -> list[dict[str, Any]]:
    """Issuer nodes counted by level, and how many documents each level issued.

    Missing from graph.queries (``stats`` counts issuers without levels).
    """
    issuers_, docs = Counter(), Counter()
    for n, d in G.nodes(data=True):
        if d.get("kind") == "issuer":
            issuers_[d.get("level") or "other"] += 1
            docs[d.get("level") or "other"] += sum(1 for _, _, k in G.in_edges(n, keys=True) if k == "issued_by")
    order = {lv: i for i, lv in enumerate(LEVELS)}
    return [{"level": lv, "issuers": issuers_[lv], "documents": docs[lv]}
            for lv in sorted(issuers_, key=lambda lv: order.get(lv, 99))]


def resolve(G, query: str) -> tuple[str | None, list[str]]:
    """(key, alternatives): ``graph.queries.resolve_symbol`` that never raises."""
    try:
        return queries.resolve_symbol(G, query), []
    except queries.AmbiguousSymbol as exc:
        return None, exc.keys
    except queries.DocumentNotFound:
        return None, []


def file_citations(path: str) -> list[dict[str, Any]]:
    """The citations stored for one ingested file, with offsets into its text.

    Missing from graph.queries (the graph keeps at most 20 evidence spans per edge).
    """
    with open_store() as s:
        return s.rows("SELECT c.ord, c.key, c.symbol, c.relation, c.start, c.end FROM citations c"
                      " JOIN files f ON f.id = c.file_id WHERE f.path = ? ORDER BY c.start", (path,))


# -- document text -----------------------------------------------------------------------------
@st.cache_data(show_spinner=False, max_entries=64)
def read_document_text(path: str, mtime: float) -> str:
    """The text of an ingested file, read exactly as ingest read it (same offsets): scanned pages
    come from the store's OCR cache, and the read runs under the per-file limits in a worker, so
    a file changed since it was ingested cannot take the server's memory or time."""
    from graph.ingest import ocr_cache_for, read_text_limited

    return read_text_limited(path, ocr_cache=ocr_cache_for(store_path())).text


def document_text(path: str) -> str:
    """Text of a file named by the *store* (never a user-typed path); raises OSError/ReadError."""
    return read_document_text(path, os.path.getmtime(path))


# -- validity and audit -------------------------------------------------------------------------------
@st.cache_resource(show_spinner=False, max_entries=2)
def registry(path: str, version: tuple[int, float]):
    """The status facts (bundled table + facts stated in the store's texts), once per store version."""
    from graph import audit

    return audit.load_status(audit.load_facts(path))


def validity(path: str, version: tuple[int, float], key: str) -> dict[str, Any]:
    """What the status facts say about ``key``: the facts that end it as a whole (earliest
    first), those that change a part of it or amend it after its date, and the facts it states
    itself about other documents (their effective date is its own)."""
    from graph.resolve import split_key

    G = _graph(path, version)
    d = G.nodes[key]
    reg = registry(path, version)
    parts = split_key(key)  # the registry names documents without the year qualifier of graph keys
    plain_key = parts.base + (f"@{parts.scope}" if parts.scope else "")
    hits = [f for k in dict.fromkeys((key, plain_key)) for f, q in reg.lookup(k, date=d.get("date"), year=d.get("year"))
            if q != "assumed" or not d.get("date")]
    ending = sorted((f for f in hits if f.ends_validity), key=lambda f: f.effective or "9999")
    changed = sorted((f for f in hits if not f.ends_validity and (not d.get("date") or (f.effective or "9999") > d["date"])),
                     key=lambda f: f.effective or "9999")
    acts = [f for f in reg.facts if f.by_key and f.by_key in (key, plain_key)]
    return {"ending": ending, "changed": changed, "acts": acts}


@st.cache_data(show_spinner=False, max_entries=256)
def own_validity(path: str, version: tuple[int, float], key: str) -> dict[str, Any]:
    """The document's own effective and expiry dates as its text states them (``validity`` table)."""
    G = _graph(path, version)
    files = list(G.nodes[key].get("files") or [])
    if not files:
        return {}
    with open_store() as s:
        rows = s.rows("SELECT v.effective, v.effective_from, v.evidence, v.expiry, v.expiry_evidence FROM validity v"
                      f" JOIN files f ON f.id = v.file_id WHERE f.path IN ({','.join('?' * len(files))})", tuple(files))
    return next((r for r in rows if r.get("effective") or r.get("expiry")), rows[0] if rows else {})


def successor_key(G, fact) -> str | None:
    """The graph key of the document a status fact names as the successor, if the graph has it."""
    aliases = G.graph.get("aliases", {})
    if fact.by_key and aliases.get(fact.by_key, fact.by_key) in G:
        return aliases.get(fact.by_key, fact.by_key)
    if fact.by:
        key, _ = resolve(G, fact.by)
        return key
    return None


def _registry_for(path: str, version: tuple[int, float], user_csv: str | None):
    if not user_csv:
        return registry(path, version)
    from graph import audit

    return audit.load_status(audit.load_facts(path), registry_csv=user_csv)


@st.cache_resource(show_spinner=False, max_entries=8)
def audit_findings(path: str, version: tuple[int, float], as_of: str, user_csv: str | None = None) -> list[dict[str, Any]]:
    """``graph.audit.audit(store)`` as flat records, canonical keys for the citing and cited
    documents, the citing document's date, province and year from the graph; computed once per
    (store version, as-of date, registry file) and shared read-only."""
    from graph import audit

    G = _graph(path, version)
    aliases = G.graph.get("aliases", {})
    rows = []
    for f in audit.to_records(audit.audit(path, as_of=as_of, registry=_registry_for(path, version, user_csv))):
        doc_key = aliases.get(f.get("doc_key") or "", f.get("doc_key") or "")
        node = G.nodes[doc_key] if doc_key in G else {}
        cited = aliases.get(f.get("key") or "", f.get("key") or "")
        fact = (f.get("details") or {}).get("fact") or {}
        succ = aliases.get(fact.get("by_key") or "", fact.get("by_key") or "")
        if succ not in G and fact.get("by"):
            succ = resolve(G, fact["by"])[0] or ""
        rows.append({**f, "doc_key": doc_key if node else None, "key": cited if cited in G else None,
                     "doc_date": node.get("date"), "province": node.get("province"), "year": node.get("year"),
                     "cited_label": label_of(G.nodes[cited]) if cited in G else f.get("symbol") or f.get("citation"),
                     "document_label": label_of(node) if node else f.get("document"),
                     "successor": fact.get("by"), "successor_key": succ if succ in G else None,
                     "effective": fact.get("effective"), "file": Path(f.get("file") or "").name})
    return rows


def audit_explanation(kind: str, lang: str | None) -> str:
    """The audit module's own explanation of a finding kind, in the UI language."""
    from graph import audit

    pair = audit.EXPLANATIONS.get(kind)
    return (pair[1] if lang == "en" else pair[0]) if pair else ""


STATUS_KEYS = {"doc.status_replaced", "doc.status_repealed", "doc.status_annulled", "doc.status_expired"}


def fact_source(f, lang: str | None) -> str:
    """Where a status fact comes from, in the UI language."""
    from explorer.findings import source

    return source({"details": {"fact": f.to_dict()}}, lang)


def origin_word(f, lang: str | None) -> str:
    """Which list a status fact comes from (bundled registry, uploaded registry, a document's text)."""
    from explorer.findings import ORIGIN

    if f.origin == "corpus" and f.file:
        return Path(str(f.file)).name
    return ORIGIN.get(f.origin, (f.origin, f.origin))[1 if lang == "en" else 0]


def status_word(status: str, lang: str | None) -> str:
    """A registry status in the UI language (``replaced`` -> ``bị thay thế``)."""
    from explorer.findings import STATUS

    return STATUS.get(status, (status, status))[1 if lang == "en" else 0]


def plain(text: Any) -> str:
    """Evidence as plain words (Markdown markers of converted files removed)."""
    from explorer.findings import strip_markdown

    return strip_markdown(text)


def scroll_to(anchor: str) -> None:
    """Scroll the page to the element ``id=anchor`` once it is drawn (a script-only frame of our
    own: no network, no text)."""
    import json

    from streamlit.components.v1 import html as component

    component("<script>const id=" + json.dumps(anchor) + ";let n=0;const f=()=>{const e=parent.document.getElementById(id);"
              "if(e){e.scrollIntoView({block:'center'});}else if(n++<50){setTimeout(f,100);}};f();</script>", height=0)


def _reverse_aliases(G) -> dict[str, list[str]]:
    rev = G.graph.get("_rev_aliases")
    if rev is None:
        rev = {}
        for raw, canon in G.graph.get("aliases", {}).items():
            rev.setdefault(canon, []).append(raw)
        G.graph["_rev_aliases"] = rev
    return rev


def file_docs(G) -> dict[str, str]:
    """file path -> the document key it holds."""
    fd = G.graph.get("_file_docs")
    if fd is None:
        fd = {f: n for n, d in G.nodes(data=True) if d.get("kind") == "document" for f in d.get("files") or ()}
        G.graph["_file_docs"] = fd
    return fd


@st.cache_data(show_spinner=False, max_entries=64)
def citation_offsets(path: str, version: tuple[int, float], key: str, outgoing: bool) -> dict[str, tuple[str, int]]:
    """Other document -> (document holding the sentence, offset): for ``outgoing`` the first place
    ``key``'s own text cites it, else the first place its text cites ``key``."""
    G = _graph(path, version)
    aliases = G.graph.get("aliases", {})
    out: dict[str, tuple[str, int]] = {}
    with open_store() as s:
        if outgoing:
            files = list(G.nodes[key].get("files") or [])
            rows = s.rows("SELECT c.key, c.start FROM citations c JOIN files f ON f.id = c.file_id WHERE f.path IN"
                          f" ({','.join('?' * len(files))}) ORDER BY c.start", tuple(files)) if files else []
            for r in rows:
                out.setdefault(aliases.get(r["key"], r["key"]), (key, r["start"]))
        else:
            raw = [key, *_reverse_aliases(G).get(key, [])]
            fd = file_docs(G)
            for i in range(0, len(raw), 500):
                part = raw[i:i + 500]
                for r in s.rows("SELECT f.path, c.start FROM citations c JOIN files f ON f.id = c.file_id WHERE c.key IN"
                                f" ({','.join('?' * len(part))}) ORDER BY f.path, c.start", tuple(part)):
                    doc = fd.get(r["path"])
                    if doc:
                        out.setdefault(doc, (doc, r["start"]))
    return out


# -- small display helpers -------------------------------------------------------------------------
def choose_among(G, alternatives: list[str], widget_key: str) -> str:
    """Several documents match what was typed: let the user pick one ("symbol — province")."""
    from explorer.i18n import t

    return st.selectbox(t("doc.pick"), alternatives, key=widget_key,
                        format_func=lambda k: f"{label_of(G.nodes[k])} — {G.nodes[k].get('province') or t('central')}")


def selected_doc(param: str = "doc") -> str | None:
    """The document key from the URL (``?doc=``), if any."""
    value = st.query_params.get(param)
    return value or None
