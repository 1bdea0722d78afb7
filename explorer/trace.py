"""Truy vết / Trace: the plans that implement a directive, as a graph beside a table by province."""
from __future__ import annotations

import html

import streamlit as st

from explorer import data
from explorer.i18n import t

st.title(t("trace.title"))
G = data.guard_graph()
path, version = data.graph_key()
lang = st.session_state.get("lang")

if "trace_q" not in st.session_state:
    start = data.selected_doc()
    st.session_state["trace_q"] = data.label_of(G.nodes[start]) if start in G else ""
c1, c2, c3 = st.columns([3, 1, 1])
typed = c1.text_input(t("trace.pick"), key="trace_q", placeholder="114-KL/TW")
depth = c2.selectbox(t("trace.depth"), [1, 2, 3, 4, None], index=4, key="trace_depth",
                     format_func=lambda v: "∞" if v is None else str(v))
colour = c3.radio(t("trace.colour"), ["level", "province"], key="trace_colour", horizontal=True,
                  format_func=lambda v: t(f"trace.colour_{v}"))
if not typed.strip():
    st.info(t("trace.prompt"))
    st.stop()

start = data.selected_doc()
key, alternatives = (start, []) if start in G and data.label_of(G.nodes[start]) == typed.strip() else data.resolve(G, typed)
if key is None and alternatives:
    key = data.choose_among(G, alternatives, "trace_alt")
if key is None:
    st.warning(t("doc.not_found", key=typed))
    st.stop()
if st.query_params.get("doc") != key:
    st.query_params["doc"] = key

view = data.trace(path, version, key, depth, lang or "vi")
items = view["result"].items
root = G.nodes[key]
st.subheader(f"{root.get('type') or ''} {data.label_of(root)}".strip())
st.page_link("explorer/document.py", label=f"{t('doc.title')}: {data.label_of(root)}", icon=":material/description:",
             query_params={"doc": key, **({"lang": lang} if lang == "en" else {})})
st.markdown(t("trace.summary", n=len(items), p=view["provinces"]))
if not items:
    st.info(t("trace.none"))
    st.stop()

left, right = st.columns([3, 2])
with left:
    elements, styles, drawn, legend = data.trace_graph(path, version, key, depth, colour, lang or "vi")
    shown = len(drawn)
    if shown < len(items) + 1:
        st.warning(t("trace.capped", shown=shown, n=len(items) + 1, cap=data.GRAPH_NODE_CAP))
    else:
        st.caption(t("trace.cap_note", cap=data.GRAPH_NODE_CAP))
    st.caption(" · ".join(f"<span style='color:{c}'>●</span> {html.escape(name)}" for name, c in legend[:16]),
               unsafe_allow_html=True)
    event = data.graph_component(elements, styles, key=f"trace_graph_{key}_{colour}_{depth}")
    clicked = data.clicked_key(event, drawn)
    if clicked and clicked in G:
        st.page_link("explorer/document.py", label=t("trace.clicked", label=data.label_of(G.nodes[clicked])),
                     icon=":material/description:", query_params={"doc": clicked, **({"lang": lang} if lang == "en" else {})})

with right:
    st.subheader(t("trace.table"))
    by_province = view["by_province"]
    st.dataframe(by_province, hide_index=True, width="stretch", height=min(400, 38 + 35 * len(by_province)),
                 column_config={"province": t("col.province"), "documents": t("col.documents")})
    st.download_button(t("trace.download"), view["csv"], file_name=f"trace_{data.safe_filename(data.label_of(root))}.csv",
                       mime="text/csv", key="trace_csv")

table = view["table"]
if len(table) > data.TABLE_ROWS:
    st.caption(t("search.more", shown=data.TABLE_ROWS, n=len(table)) + " " + t("trace.download") + ".")
    table = table.head(data.TABLE_ROWS)
table = table.assign(open=[data.doc_href(k, lang) for k in table["key"]])
st.dataframe(table.drop(columns=["key"]), hide_index=True, width="stretch", column_config={
    "province": t("col.province"), "symbol": t("col.symbol"), "type": t("col.type"), "date": t("col.date"),
    "issuer": t("col.issuer"), "rel": t("col.relation"), "depth": t("col.depth"), "chain": "Chuỗi / Chain",
    "evidence": st.column_config.TextColumn(t("col.evidence"), width="large"),
    "open": st.column_config.LinkColumn(t("col.open"), display_text="↗")})
