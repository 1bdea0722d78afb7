"""Cached loaders and rendering helpers shared by the explorer pages.

- The store path comes from ``$CITEGRAPH_STORE`` (``citegraph app --store`` sets it), else the
  per-user default (``graph.settings.store_location``).
- ``ensure_ingested`` fills an empty store from the bundled ``data/`` once per process, so a
  first start needs no manual step.
- ``load_graph`` is an ``st.cache_resource``: one networkx graph per (store, version) shared by
  every session, treated as read-only.  ``store_version`` (file count + last ingest time) is
  cheap, so an upload in one tab shows up in every tab on its next rerun.
- ``highlight`` renders a document's text as HTML with every citation a link to the cited
  document; all document text is HTML-escaped (a document can never inject markup or script).

Queries themselves live in ``graph/`` (``graph.queries``); helpers here only adapt their
results for display.
"""
from __future__ import annotations

import html
import os
import sqlite3
import time
from collections import Counter
from pathlib import Path
from typing import Any, Iterable
from urllib.parse import urlencode

import streamlit as st

from graph import queries, settings
from graph.store import Store, StoreError

GRAPH_NODE_CAP = 500  # drawn subgraphs are capped here (see docs/explorer.md)


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
        conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
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
        hits = queries.search(G, query, limit=len(G))
        if not hits:  # words that are not in a symbol: look in titles
            hits = filter_documents(G, words=query)
        keys = [h["key"] for h in hits]
    else:
        keys = [h["key"] for h in filter_documents(G)]
    keys = [k for k in keys if _keep(G.nodes[k], type_code, issuer, province, year)]
    rows = [_row(G, k) for k in keys]
    return rows[:limit], len(rows)


TABLE_ROWS = 1000  # rows drawn in a page table; exports carry everything


@st.cache_resource(show_spinner=False, max_entries=32)
def show(path: str, version: tuple[int, float], key: str) -> dict[str, Any]:
    """``graph.queries.show`` plus both implementing chains, computed once per document (read-only)."""
    G = _graph(path, version)
    return {"doc": queries.show(G, key), "up": queries.trace(G, key, up=True, include_citing=False),
            "down": queries.trace(G, key, include_citing=False)}


@st.cache_resource(show_spinner=False, max_entries=32)
def trace(path: str, version: tuple[int, float], key: str, depth: int | None, lang: str) -> dict[str, Any]:
    """``graph.queries.trace`` with its display table, per-province counts and CSV, computed once
    per (document, depth, language) and shared read-only."""
    import pandas as pd

    from explorer.i18n import rel_label, t

    G = _graph(path, version)
    result = queries.trace(G, key, max_depth=depth)
    table = pd.DataFrame([{
        "province": i.province or t("central", lang), "symbol": label_of(G.nodes[i.key]), "type": i.type,
        "date": i.date, "issuer": i.issuer, "rel": rel_label(i.rel, lang), "depth": i.depth,
        "chain": " → ".join(i.chain), "evidence": i.evidence, "key": i.key} for i in result.items],
        columns=["province", "symbol", "type", "date", "issuer", "rel", "depth", "chain", "evidence", "key"]).fillna("")
    by_province = table.groupby("province", sort=True).size().reset_index(name="documents") \
        .sort_values(["documents", "province"], ascending=[False, True])
    table = table.sort_values(["province", "depth", "symbol"], kind="stable")
    csv = table.drop(columns=["key"]).to_csv(index=False).encode("utf-8-sig")
    return {"result": result, "table": table, "by_province": by_province, "csv": csv,
            "provinces": int((by_province["province"] != t("central", lang)).sum())}


@st.cache_resource(show_spinner=False, max_entries=32)
def trace_graph(path: str, version: tuple[int, float], key: str, depth: int | None, colour_by: str, lang: str):
    """The drawn (capped) subgraph of a trace, built once per view."""
    G = _graph(path, version)
    return trace_elements(G, trace(path, version, key, depth, lang)["result"], colour_by=colour_by, lang=lang)


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
            hay = fold(" ".join(str(d.get(f) or "") for f in ("title", "issuer", "symbol", "type")))
            if not all(w in hay for w in want):
                continue
        hits.append({"key": n, "mentions": d.get("mentions", 0), "date": d.get("date") or ""})
    hits.sort(key=lambda h: (-h["mentions"], h["date"], h["key"]))
    return hits


LEVELS = ("central_party", "central_state", "province", "department", "district", "commune", "other")


def doc_level(G, key: str) -> str:
    """The level of a document's issuer (``central_party`` … ``commune``), else its key's scope."""
    levels = [G.nodes[v].get("level") for _, v, k in G.out_edges(key, keys=True) if k == "issued_by"]
    levels = [lv for lv in levels if lv]
    if levels:
        return min(levels, key=lambda lv: LEVELS.index(lv) if lv in LEVELS else len(LEVELS))
    scope = G.nodes[key].get("scope") if key in G else None
    return {"central": "central_state", "local": "province"}.get(scope or "", "other")


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
    """The text of an ingested file, read exactly as ingest read it (same offsets)."""
    from graph.ingest import read_text

    return read_text(path).text


def document_text(path: str) -> str:
    """Text of a file named by the *store* (never a user-typed path); raises OSError/ReadError."""
    return read_document_text(path, os.path.getmtime(path))


def doc_href(key: str, lang: str | None = None, page: str = "document") -> str:
    """A relative link that opens ``key`` on ``page`` in the same tab (keeps the language)."""
    params = {"doc": key}
    if lang and lang != "vi":
        params["lang"] = lang
    return f"./{page}?{urlencode(params)}"


HIGHLIGHT_CSS = """
<style>
.cg-text {white-space: pre-wrap; font-family: inherit; line-height: 1.6; max-height: 70vh;
          overflow-y: auto; padding: .75rem 1rem; border: 1px solid rgba(128,128,128,.3); border-radius: .5rem;}
.cg-text a.cg-cite {background: #fff3bf; color: #1c3d7a; border-radius: .2rem; padding: 0 .1rem;
                    text-decoration: none; border-bottom: 2px solid #f0b400;}
.cg-text a.cg-cite:hover {background: #ffe066;}
.cg-text a.cg-cite.rel-implements {border-bottom-color: #d9480f;}
.cg-text a.cg-cite.rel-based_on {border-bottom-color: #2b8a3e;}
</style>
"""


def highlight(text: str, citations: Iterable[dict[str, Any]], *, lang: str | None = None,
              resolve_key=lambda k: k) -> str:
    """HTML for ``text`` with each citation span a link to its document; everything escaped.

    Overlapping or out-of-range spans are skipped (the text is still shown whole).

    >>> highlight("Theo <b>114-KL/TW</b>.", [{"start": 8, "end": 17, "key": "114|KL-TW", "relation": "cites"}])
    '<div class="cg-text">Theo &lt;b&gt;<a class="cg-cite rel-cites" href="./document?doc=114%7CKL-TW" target="_self" title="114|KL-TW">114-KL/TW</a>&lt;/b&gt;.</div>'
    """
    out: list[str] = []
    pos = 0
    for c in sorted(citations, key=lambda c: (c.get("start") or 0, -(c.get("end") or 0))):
        s, e = c.get("start"), c.get("end")
        if s is None or e is None or s < pos or e > len(text) or e <= s:
            continue
        key = resolve_key(c["key"])
        rel = "".join(ch for ch in str(c.get("relation") or "cites") if ch.isalnum() or ch == "_")
        out.append(html.escape(text[pos:s]))
        out.append(f'<a class="cg-cite rel-{rel}" href="{html.escape(doc_href(key, lang))}" target="_self"'
                   f' title="{html.escape(key)}">{html.escape(text[s:e])}</a>')
        pos = e
    out.append(html.escape(text[pos:]))
    return '<div class="cg-text">' + "".join(out) + "</div>"


# -- the graph component (st-link-analysis: cytoscape.js bundled in the wheel, no CDN) -----------------
PALETTE = ("#d9480f", "#1971c2", "#2f9e44", "#ae3ec9", "#f08c00", "#0c8599", "#e03131", "#5c940d",
           "#6741d9", "#c2255c", "#495057", "#087f5b", "#364fc7", "#a61e4d", "#74b816", "#862e9c")
LEVEL_COLOURS = {"central_party": "#c92a2a", "central_state": "#e8590c", "province": "#1971c2",
                 "department": "#0c8599", "district": "#2f9e44", "commune": "#74b816", "other": "#868e96"}


def trace_elements(G, result, *, colour_by: str = "level", cap: int = GRAPH_NODE_CAP, lang: str | None = None):
    """Cytoscape elements for a trace: root plus the nearest ``cap - 1`` items (depth order).

    Node ids are positions (``n0`` …), never keys or text, and every string shown in the
    component's info panel is HTML-escaped (that panel writes node data with innerHTML).
    Returns (elements, styles, keys drawn (``n<i>`` is ``keys[i]``), legend [(name, colour)]).
    """
    from explorer.i18n import t

    keys = [result.root["key"]] + [i.key for i in result.items[: cap - 1]]
    ids = {k: f"n{i}" for i, k in enumerate(keys)}
    vias = {i.key: (i.via, i.rel) for i in result.items[: cap - 1]}
    groups: dict[str, str] = {}

    def group(k: str) -> str:
        d = G.nodes[k]
        if colour_by == "province":
            name = d.get("province") or t("central", lang)
        else:
            name = t(f"level.{doc_level(G, k)}", lang)
        if name not in groups:
            groups[name] = f"g{len(groups)}"
        return name

    cited = {k: len({u for u, _, r in G.in_edges(k, keys=True) if r not in ("issued_by", "part_of")}) for k in keys}
    top = max(cited.values()) or 1
    nodes, legend_names = [], {}
    for k in keys:
        d = G.nodes[k]
        name = group(k)
        legend_names[name] = groups[name]
        nodes.append({"data": {
            "id": ids[k], "label": groups[name], "name": html.escape(label_of(d)),
            "type": html.escape(d.get("type") or ""), "date": html.escape(d.get("date") or ""),
            "province": html.escape(d.get("province") or ""), "cited_by": cited[k],
            "size": round(14 + 34 * (cited[k] / top) ** 0.5, 1) if k != keys[0] else 52}})
    edges = [{"data": {"id": f"e{i}", "source": ids[k], "target": ids[via], "label": rel.upper(),
                       "rel": html.escape(rel)}}
             for i, (k, (via, rel)) in enumerate(vias.items()) if via in ids]
    if colour_by == "province":
        colours = {g: PALETTE[i % len(PALETTE)] for i, g in enumerate(sorted(set(groups.values()), key=lambda g: int(g[1:])))}
    else:
        rev = {t(f"level.{lv}", lang): lv for lv in LEVEL_COLOURS}
        colours = {gid: LEVEL_COLOURS.get(rev.get(name, "other"), "#868e96") for name, gid in groups.items()}
    styles = [_Style(gid, colours[gid]) for gid in groups.values()]
    legend = [(name, colours[gid]) for name, gid in groups.items()]
    return {"nodes": nodes, "edges": edges}, styles, keys, legend


def _Style(label: str, colour: str):
    from st_link_analysis import NodeStyle

    return NodeStyle(label, colour, "name")


class _RawStyle:
    """A cytoscape style rule that NodeStyle cannot express (size from data)."""

    def __init__(self, selector: str, style: dict[str, Any]) -> None:
        self.selector, self.style = selector, style

    def dump(self) -> dict[str, Any]:
        return {"selector": self.selector, "style": self.style}


def graph_component(elements: dict[str, Any], styles: list, *, key: str, height: int = 560):
    """Draw with st-link-analysis (fcose layout); returns the last click event, if any."""
    from st_link_analysis import EdgeStyle, Event, st_link_analysis

    import warnings

    rels = sorted({e["data"]["label"] for e in elements["edges"]})
    with warnings.catch_warnings():  # 0.4.0 warns about its own deprecated default
        warnings.simplefilter("ignore")
        edge_styles = [EdgeStyle(r, caption=None, directed=True) for r in rels]
    sized = _RawStyle("node[size]", {"width": "data(size)", "height": "data(size)", "font-size": 6})
    return st_link_analysis(elements, layout="fcose", node_styles=[*styles, sized], edge_styles=edge_styles,
                            height=height, key=key, events=[Event("clicked_node", "click tap", "node")])


def clicked_key(event: Any, keys: list[str]) -> str | None:
    """The document key of a clicked node (the component returns our ``n<i>`` id).

    >>> clicked_key({"action": "clicked_node", "data": {"target_id": "n1"}}, ["a", "b"])
    'b'
    >>> clicked_key(None, ["a"]) is None
    True
    """
    if not isinstance(event, dict) or event.get("action") != "clicked_node":
        return None
    node_id = (event.get("data") or {}).get("target_id")
    idx = int(node_id[1:]) if isinstance(node_id, str) and node_id[1:].isdigit() else -1
    return keys[idx] if 0 <= idx < len(keys) else None


def safe_filename(name: str) -> str:
    """A file name made of letters, digits, ``-`` and ``_`` only.

    >>> safe_filename("114-KL/TW ../x")
    '114-KL_TW_.._x'
    """
    import re

    return re.sub(r"[^\w.-]+", "_", name, flags=re.UNICODE).strip("._")[:80] or "file"


# -- audit ---------------------------------------------------------------------------------------
FINDING_COLUMNS = ["severity", "kind", "code", "document", "citation", "province", "year", "reason", "evidence",
                   "source", "file", "key"]


@st.cache_data(show_spinner=False, max_entries=4)
def audit_findings(path: str, version: tuple[int, float]) -> list[dict[str, Any]] | None:
    """``graph.audit.audit(store)`` as flat rows, with the citing document's province and year
    from the graph (None when the audit module is not installed)."""
    try:
        from graph import audit
    except ImportError:
        return None
    G = _graph(path, version)
    aliases = G.graph.get("aliases", {})
    rows = []
    for f in audit.to_records(audit.audit(path)):
        key = aliases.get(f.get("doc_key") or "", f.get("doc_key") or "")
        node = G.nodes[key] if key in G else {}
        rows.append({"severity": f.get("severity"), "kind": f.get("kind"), "code": f.get("code"),
                     "document": f.get("document"), "citation": f.get("citation"),
                     "province": node.get("province"), "year": node.get("year"), "reason": f.get("reason"),
                     "evidence": f.get("evidence"), "source": f.get("source"),
                     "file": Path(f.get("file") or "").name, "key": key if node else None})
    return rows


def audit_explanation(kind: str, lang: str | None) -> str:
    """The audit module's own explanation of a finding kind, in the UI language."""
    from graph import audit

    pair = audit.EXPLANATIONS.get(kind)
    return (pair[1] if lang == "en" else pair[0]) if pair else ""


# -- uploads -----------------------------------------------------------------------------------
UPLOAD_TYPES = ("txt", "md", "docx", "doc", "pdf", "html", "htm")
UPLOAD_MAX_MB = 20
UPLOAD_MAX_FILES = 50
_MAGIC = {"pdf": (b"%PDF",), "docx": (b"PK\x03\x04",)}


def upload_dir() -> Path:
    """A fresh folder for one batch, inside the store's own ``uploads/`` (kept: the document page
    reads the text from there later)."""
    import tempfile

    root = Path(store_path()).parent / "uploads"
    root.mkdir(parents=True, exist_ok=True)
    return Path(tempfile.mkdtemp(prefix=time.strftime("%Y%m%d-%H%M%S-"), dir=root))


def check_upload(name: str, payload: bytes) -> str | None:
    """Why an uploaded file is refused (type, size, empty, wrong content), or None.

    >>> check_upload("a.exe", b"x"), check_upload("a.pdf", b"hello"), check_upload("a.txt", b"")
    ('upload.bad_type', 'upload.bad_type', 'upload.empty')
    """
    ext = name.rsplit(".", 1)[-1].lower() if "." in name else ""
    if ext not in UPLOAD_TYPES:
        return "upload.bad_type"
    if not payload:
        return "upload.empty"
    if len(payload) > UPLOAD_MAX_MB * 1024 * 1024:
        return "upload.too_big"
    if ext in _MAGIC and not payload.startswith(_MAGIC[ext]):
        return "upload.bad_type"
    return None


def save_uploads(files: list[tuple[str, bytes]]) -> tuple[list[tuple[str, str]], list[dict[str, Any]]]:
    """Write accepted uploads under ``upload_dir()`` with sanitised names.

    Only the *bytes* and the bare file name are used; nothing the user typed is opened as a path.
    Returns ([(display name, saved path)], [refusal outcomes]).
    """
    from explorer.i18n import t

    saved, rejected = [], []
    folder: Path | None = None
    for i, (name, payload) in enumerate(files):
        base = Path(str(name).replace("\\", "/")).name or "file"
        why = check_upload(base, payload)
        if why:
            rejected.append({"name": base, "status": "error",
                             "message": t(why, name=base, size=round(len(payload) / 2**20, 1), mb=UPLOAD_MAX_MB)})
            continue
        folder = folder or upload_dir()
        stem, _, ext = base.rpartition(".")
        target = folder / f"{i:03d}_{safe_filename(stem)}.{ext.lower()}"
        target.write_bytes(payload)
        saved.append((base, str(target)))
    return saved, rejected


def ingest_uploads(saved: list[tuple[str, str]], *, on_progress=None) -> list[dict[str, Any]]:
    """Ingest saved uploads through ``graph.ingest.ingest``; one outcome dict per file."""
    from explorer.i18n import t
    from graph.ingest import ingest
    from graph.store import FileFacts

    if not saved:
        return []
    names = {p: n for n, p in saved}
    outcomes: list[dict[str, Any]] = []
    done = {"i": 0, "n": len(saved)}

    def on_start(n: int) -> None:
        done["n"] = n

    def on_result(res) -> None:
        done["i"] += 1
        path = getattr(res, "path", "")
        name = names.get(path, Path(path).name)
        if isinstance(res, FileFacts):
            outcomes.append({"name": name, "status": "ok", "key": res.doc["key"], "symbol": res.doc.get("symbol")})
        elif type(res).__name__ == "Unchanged":
            outcomes.append({"name": name, "status": "unchanged"})
        else:
            outcomes.append({"name": name, "status": "error",
                             "message": t("upload.file_error", name=name, reason=getattr(res, "reason", str(res)))})
        if on_progress:
            on_progress(done["i"], done["n"], path)

    report = ingest([p for _, p in saved], store_path(), workers=1, on_start=on_start, on_result=on_result)
    for path, reason in report.failed:  # failures reported without a per-file result
        if not any(o["name"] == names.get(path) for o in outcomes):
            outcomes.append({"name": names.get(path, Path(path).name), "status": "error",
                             "message": t("upload.file_error", name=names.get(path, Path(path).name), reason=reason)})
    return outcomes


# -- small display helpers -------------------------------------------------------------------------
_MD_SPECIAL = "\\`*_{}[]<>()#+-.!|$~"


def md_escape(text: str) -> str:
    """Escape Markdown and HTML so document text shows literally in ``st.markdown``.

    >>> print(md_escape("<script>x</script> *a*"))
    \\<script\\>x\\</script\\> \\*a\\*
    """
    return "".join("\\" + ch if ch in _MD_SPECIAL else ch for ch in str(text))


def label_of(node: dict[str, Any]) -> str:
    """What a person calls a document: its symbol, else its name, else its file's name.

    >>> label_of({"key": "file:000_874d6f46@a008db6b", "symbol": None})
    '000_874d6f46'
    """
    key = node.get("key") or ""
    if not node.get("symbol") and key.startswith("file:"):
        return key[5:].rsplit("@", 1)[0]
    return node.get("symbol") or node.get("name") or node.get("title") or key or "?"


def choose_among(G, alternatives: list[str], widget_key: str) -> str:
    """Several documents match what was typed: let the user pick one ("symbol — province")."""
    from explorer.i18n import t

    return st.selectbox(t("doc.pick"), alternatives, key=widget_key,
                        format_func=lambda k: f"{label_of(G.nodes[k])} — {G.nodes[k].get('province') or t('central')}")


def selected_doc(param: str = "doc") -> str | None:
    """The document key from the URL (``?doc=``), if any."""
    value = st.query_params.get(param)
    return value or None
