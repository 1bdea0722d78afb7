"""Văn bản / Document: metadata and variants, the text with clickable citations, cites and
cited-by with evidence, and the implementing chain up to the directive and down to local plans."""
from __future__ import annotations

import pandas as pd
import streamlit as st

from explorer import data
from explorer.i18n import rel_label, t

CHAIN_ROWS = 500  # rows shown per chain table (the trace page has the full export)

st.title(t("doc.title"))
G = data.guard_graph()
lang = st.session_state.get("lang")

typed = st.text_input(t("doc.pick"), key="doc_q", placeholder="114-KL/TW")
key = None
if typed.strip():
    key, alternatives = data.resolve(G, typed)
    if key is None and alternatives:
        key = data.choose_among(G, alternatives, "doc_alt")
    elif key is None:
        st.warning(t("doc.not_found", key=typed))
        st.stop()
    if key and st.query_params.get("doc") != key:
        st.query_params["doc"] = key
key = key or data.selected_doc()
if not key:
    st.info(t("doc.none_selected"))
    st.stop()
key = G.graph.get("aliases", {}).get(key, key)
if key not in G or G.nodes[key].get("kind") != "document":
    st.warning(t("doc.not_found", key=key))
    st.stop()
path_, version = data.graph_key()
view = data.show(path_, version, key)
doc = view["doc"]

label = data.label_of(doc)
st.header(f"{doc.get('type') or ''} {label}".strip())
if doc.get("title"):
    st.markdown(f"*{data.md_escape(doc['title'])}*")

meta, side = st.columns([3, 2])
with meta:
    st.subheader(t("doc.metadata"))
    rows = [(t("col.symbol"), label), (t("col.type"), doc.get("type")), (t("col.date"), doc.get("date")),
            (t("col.issuer"), doc.get("issuer") or ", ".join(i.get("name") or i["id"] for i in doc.get("issuers", []))),
            (t("col.province"), doc.get("province") or (t("central") if doc.get("scope") == "central" else None)),
            (t("doc.scope"), t(f"level.{doc.get('scope')}") if doc.get("scope") else None),
            (t("doc.mentions"), doc.get("mentions")), (t("col.key"), key)]
    st.dataframe(pd.DataFrame([(k, "" if v is None else str(v)) for k, v in rows],
                              columns=[t("doc.field"), t("doc.value")]), hide_index=True, width="stretch")
with side:
    st.subheader(t("doc.variants"))
    st.write(", ".join(f"`{v}`" for v in doc.get("variants") or []) or t("doc.none"))
    if len(doc.get("dates_seen") or []) > 1:
        st.warning(f"{t('doc.dates_seen')}: {', '.join(doc['dates_seen'])}")
    st.page_link("explorer/trace.py", label=t("doc.open_trace"), icon=":material/account_tree:",
                 query_params={"doc": key, **({"lang": lang} if lang == "en" else {})})

# -- the text ----------------------------------------------------------------------------------
files = doc.get("files") or []
if not files:
    st.info(t("doc.no_file", n=doc.get("mentions", 0)))
aliases = G.graph.get("aliases", {})
st.html(data.HIGHLIGHT_CSS)
for path in files:
    with st.expander(f"{t('doc.text')} — {path.rsplit('/', 1)[-1]}", expanded=len(files) == 1):
        try:
            text = data.document_text(path)
        except Exception as exc:  # file moved or unreadable: say so, keep the rest of the page
            st.warning(t("doc.text_unreadable", reason=getattr(exc, "reason", None) or str(exc)))
            continue
        st.html(data.highlight(text, data.file_citations(path), lang=lang,
                               resolve_key=lambda k: aliases.get(k, k)))


# -- cites / cited-by ----------------------------------------------------------------------------
def edge_table(rows: list[dict]) -> None:
    if not rows:
        st.caption(t("doc.none"))
        return
    if len(rows) > data.TABLE_ROWS:
        st.caption(t("search.more", shown=data.TABLE_ROWS, n=len(rows)))
        rows = rows[: data.TABLE_ROWS]
    df = pd.DataFrame([{
        "rel": rel_label(r["rel"]), "symbol": data.label_of(G.nodes[r["key"]]), "type": r.get("type"), "date": r.get("date"),
        "province": r.get("province"), "count": r.get("count"),
        "evidence": " … ".join(e.get("context") or "" for e in r.get("evidence", [])[:1]),
        "open": data.doc_href(r["key"], lang)} for r in rows]).fillna("")
    st.dataframe(df, hide_index=True, width="stretch", column_config={
        "rel": t("col.relation"), "symbol": t("col.symbol"), "type": t("col.type"), "date": t("col.date"),
        "province": t("col.province"), "count": t("col.count"),
        "evidence": st.column_config.TextColumn(t("col.evidence"), width="large"),
        "open": st.column_config.LinkColumn(t("col.open"), display_text="↗")})


st.subheader(t("doc.cites"))
edge_table(doc.get("cites", []))
st.subheader(t("doc.cited_by"))
edge_table(doc.get("cited_by", []))


# -- implementing chain --------------------------------------------------------------------------
def chain_table(result) -> None:
    items = result.items[:CHAIN_ROWS]
    if not items:
        st.caption(t("doc.none"))
        return
    df = pd.DataFrame([{"depth": i.depth, "rel": rel_label(i.rel), "symbol": data.label_of(G.nodes[i.key]), "type": i.type,
                        "date": i.date, "province": i.province, "chain": " → ".join(i.chain),
                        "open": data.doc_href(i.key, lang)} for i in items]).fillna("")
    st.dataframe(df, hide_index=True, width="stretch", column_config={
        "depth": t("col.depth"), "rel": t("col.relation"), "symbol": t("col.symbol"), "type": t("col.type"),
        "date": t("col.date"), "province": t("col.province"), "chain": "Chuỗi / Chain",
        "open": st.column_config.LinkColumn(t("col.open"), display_text="↗")})
    if len(result.items) > CHAIN_ROWS:
        st.caption(t("search.more", shown=CHAIN_ROWS, n=len(result.items)))


c1, c2 = st.columns(2)
with c1:
    st.subheader(t("doc.chain_up"))
    chain_table(view["up"])
with c2:
    st.subheader(t("doc.chain_down"))
    chain_table(view["down"])
