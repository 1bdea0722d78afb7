"""Truy vết / Trace: the documents that implement a directive (citing ones behind a toggle), as a
graph whose nodes open their documents, beside counts by province; full table and exports."""
from __future__ import annotations

import streamlit as st

from explorer import data
from explorer.i18n import t, tm
from explorer.graphview import GRAPH_NODE_CAP
from explorer.text import doc_href
from explorer.uploads import safe_filename
from explorer.ui import Col, esc, fmt_int, html_table, md_escape, to_csv, to_xlsx

st.title(t("trace.title"))
G = data.guard_graph()
path, version = data.graph_key()
lang = st.session_state.get("lang") or "vi"

if "trace_q" not in st.session_state:
    start = data.selected_doc()
    start = G.graph.get("aliases", {}).get(start, start) if start else None
    st.session_state["trace_q"] = data.label_of(G.nodes[start]) if start in G else ""
c1, c2, c3, c4 = st.columns([3, 1, 2, 2])
typed = c1.text_input(t("trace.pick"), key="trace_q", placeholder="114-KL/TW")
depth = c2.selectbox(t("trace.depth"), [1, 2, 3, 4, None], index=4, key="trace_depth",
                     format_func=lambda v: t("trace.all_levels") if v is None else str(v))
colour = c3.radio(t("trace.colour"), ["level", "province"], key="trace_colour", horizontal=True,
                  format_func=lambda v: t(f"trace.colour_{v}"))
citing = c4.toggle(t("trace.citing"), key="trace_citing", help=t("trace.citing_help"))
if not typed.strip():
    st.info(t("trace.prompt"))
    st.stop()

start = data.selected_doc()
start = G.graph.get("aliases", {}).get(start, start) if start else None
key, alternatives = (start, []) if start in G and data.label_of(G.nodes[start]) == typed.strip() else data.resolve(G, typed)
if key is None and alternatives:
    key = data.choose_among(G, alternatives, "trace_alt")
if key is None:
    st.warning(tm("doc.not_found", key=typed))
    st.stop()
if st.query_params.get("doc") != key:
    st.query_params["doc"] = key

view = data.trace(path, version, key, depth, citing)
items = view["result"].items
root = G.nodes[key]
st.subheader(md_escape(f"{root.get('type') or ''} {data.label_of(root)}".strip()))
st.page_link("explorer/document.py", label=tm("trace.open_doc", symbol=data.label_of(root)), icon=":material/description:",
             query_params={"doc": key, **({"lang": lang} if lang == "en" else {})})
summary = t("trace.summary", n=fmt_int(view["n"], lang), p=fmt_int(view["provinces"], lang))
if citing and view["citing"]:
    summary += " " + t("trace.summary_citing", c=fmt_int(view["citing"], lang))
st.markdown(f"**{summary}**")
if not items:
    st.info(t("trace.none"))
    st.stop()

left, right = st.columns([3, 2])
with left:
    svg, legend, shown = data.trace_graph(path, version, key, depth, citing, colour, lang)
    if shown < len(items) + 1:
        st.warning(t("trace.capped", shown=fmt_int(shown, lang), n=fmt_int(len(items) + 1, lang), cap=GRAPH_NODE_CAP))
    else:
        st.caption(t("trace.cap_note"))
    st.html('<div class="cg-legend">' + " · ".join(
        f'<span style="color:{c}">●</span> {esc(name)}' for name, c in legend[:16]) + "</div>")
    # st.html's sanitiser drops SVG; the markup is ours, every text in it escaped (graphview)
    st.markdown(svg, unsafe_allow_html=True)

with right:
    st.markdown(f"**{t('trace.table')}**")
    st.html(html_table([{"province": p or t("central", lang), "n": n} for p, n in view["by_province"]],
                       [Col("province", t("col.province")), Col("n", t("col.documents"), "int")],
                       lang=lang, test_id="by-province"))

frame = data.trace_frame(view["result"], G, lang)
name = safe_filename(data.label_of(root))
d1, d2 = st.columns(2)
d1.download_button(t("trace.download"), lambda: to_csv(frame.drop(columns=["key"])), file_name=f"truy_vet_{name}.csv",
                   mime="text/csv", key="trace_csv")
d2.download_button(t("trace.download_xlsx"), lambda: to_xlsx(frame.drop(columns=["key"])), file_name=f"truy_vet_{name}.xlsx",
                   mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", key="trace_xlsx")
rows = frame.head(data.TABLE_ROWS).to_dict("records")
for r in rows:
    r["href"] = doc_href(r["key"], lang)
if len(frame) > data.TABLE_ROWS:
    st.caption(t("search.more", shown=fmt_int(data.TABLE_ROWS, lang), n=fmt_int(len(frame), lang)))
st.html(html_table(rows, [
    Col("symbol", t("col.open"), "open", link_label=t("col.open")), Col("province", t("col.province")),
    Col("symbol", t("col.symbol"), "link"), Col("type", t("col.type")), Col("date", t("col.date")),
    Col("issuer", t("col.issuer")), Col("rel", t("col.relation")), Col("depth", t("col.depth"), "int"),
    Col("chain", t("col.chain"))], lang=lang, test_id="trace-table"))
