"""Tra cứu / Search: forgiving symbol lookup ("114 KL TW"), words, and filters."""
from __future__ import annotations

import pandas as pd
import streamlit as st

from explorer import data
from explorer.i18n import t

st.title(t("search.title"))
path, version = data.graph_key()
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

rows, total = data.search(path, version, query, type_code, issuer, province, year)
if not rows:
    st.warning(t("search.none"))
    st.stop()
st.caption(t("search.results", n=total) if total == len(rows) else t("search.more", shown=len(rows), n=total))

lang = st.session_state.get("lang")
best = rows[0]
st.page_link("explorer/document.py", label=f"{t('search.open')}: {best['symbol']}", icon=":material/description:",
             query_params={"doc": best["key"], **({"lang": lang} if lang == "en" else {})})
df = pd.DataFrame(rows)
df[["type", "date", "issuer", "province", "title"]] = df[["type", "date", "issuer", "province", "title"]].fillna("")
df["open"] = [data.doc_href(k, lang) for k in df["key"]]
st.dataframe(
    df[["symbol", "type", "date", "issuer", "province", "title", "mentions", "open"]],
    hide_index=True, width="stretch",
    column_config={
        "symbol": t("col.symbol"), "type": t("col.type"), "date": t("col.date"), "issuer": t("col.issuer"),
        "province": t("col.province"), "title": st.column_config.TextColumn(t("col.title"), width="large"),
        "mentions": t("doc.mentions"), "open": st.column_config.LinkColumn(t("col.open"), display_text="↗"),
    })
