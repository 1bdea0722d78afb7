"""Tra cứu / Search: forgiving symbol lookup ("114 KL TW"), words in titles and names, filters."""
from __future__ import annotations

import streamlit as st

from explorer import data
from explorer.i18n import t, tm
from explorer.text import doc_href
from explorer.ui import Col, fmt_int, html_table

st.title(t("search.title"))
path, version = data.graph_key()
lang = st.session_state.get("lang")
f = data.facets(path, version)
if "q" not in st.session_state and st.query_params.get("q"):
    st.session_state["q"] = st.query_params["q"]

query = st.text_input(t("search.query"), key="q", help=t("search.query_help"), placeholder="114 KL TW")
c1, c2, c3, c4 = st.columns(4)
types = dict(f["types"])
type_code = c1.selectbox(t("search.type"), [None, *types], key="f_type",
                         format_func=lambda v: t("search.all") if v is None else f"{types[v]} ({v})")
issuer = c2.selectbox(t("search.issuer"), [None, *f["issuers"]], key="f_issuer",
                      format_func=lambda v: t("search.all") if v is None else v)
province = c3.selectbox(t("search.province"), [None, *f["provinces"]], key="f_province",
                        format_func=lambda v: t("search.all") if v is None else v)
year = c4.selectbox(t("search.year"), [None, *f["years"]], key="f_year",
                    format_func=lambda v: t("search.all") if v is None else str(v))

if not (query.strip() or type_code or issuer or province or year):
    st.info(t("search.prompt"))
    st.stop()
if st.query_params.get("q") != query.strip() and query.strip():
    st.query_params["q"] = query.strip()

rows, total = data.search(path, version, query, type_code, issuer, province, year)
if not rows:
    st.warning(t("search.none"))
    st.stop()
n = fmt_int(total, lang)
st.caption(t("search.results", n=n) if total == len(rows) else t("search.more", shown=fmt_int(len(rows), lang), n=n))

best = rows[0]
st.page_link("explorer/document.py", label=tm("search.open_best", symbol=best["symbol"]), icon=":material/description:",
             query_params={"doc": best["key"], **({"lang": lang} if lang == "en" else {})})
st.html(html_table([{**r, "href": doc_href(r["key"], lang)} for r in rows], [
    Col("symbol", t("col.open"), "open", link_label=t("col.open")), Col("symbol", t("col.symbol"), "link"),
    Col("type", t("col.type")), Col("date", t("col.date"), "date"), Col("issuer", t("col.issuer")),
    Col("province", t("col.province")), Col("title", t("col.title"), "data"), Col("mentions", t("doc.mentions"), "int")],
    lang=lang, test_id="search-results"))
