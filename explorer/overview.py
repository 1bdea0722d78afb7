"""Tổng quan / Overview: counts, most-cited documents, documents per year, issuers by level."""
from __future__ import annotations

import pandas as pd
import streamlit as st

from explorer import data
from explorer.i18n import t

st.title(t("overview.title"))
path, version = data.graph_key()
ov = data.overview(path, version)
s = ov["stats"]
if not s.get("documents"):
    st.info(t("app.empty_store"))
    st.stop()

cols = st.columns(5)
cols[0].metric(t("overview.m_documents"), f"{s['documents']:,}".replace(",", "."))
cols[1].metric(t("overview.m_files"), f"{s.get('with_file') or 0:,}".replace(",", "."))
cols[2].metric(t("overview.m_edges"), f"{sum(s.get('edges', {}).get(r, 0) for r in ('implements', 'based_on', 'replaces', 'amends', 'guides', 'cites')):,}".replace(",", "."))
cols[3].metric(t("overview.m_issuers"), f"{s.get('issuers') or 0:,}".replace(",", "."))
cols[4].metric(t("search.province"), s.get("provinces") or 0)
if s.get("failures"):
    st.caption(t("overview.failures", n=s["failures"]))

left, right = st.columns([3, 2])
with left:
    st.subheader(t("overview.most_cited"))
    top = pd.DataFrame(ov["most_cited"])
    if top.empty:
        st.caption(t("doc.none"))
    else:
        top["province"] = top["province"].fillna("—")
        top["open"] = [data.doc_href(k, st.session_state.get("lang")) for k in top["key"]]
        st.dataframe(
            top[["symbol", "type", "date", "province", "cited_by", "open"]],
            hide_index=True, width="stretch",
            column_config={
                "symbol": t("col.symbol"), "type": t("col.type"), "date": t("col.date"),
                "province": t("col.province"), "cited_by": t("col.cited_by"), "mentions": t("doc.mentions"),
                "open": st.column_config.LinkColumn(t("col.open"), display_text="↗"),
            })
with right:
    st.subheader(t("overview.per_year"))
    years = pd.DataFrame(ov["per_year"])
    if not years.empty:
        years = years[years["year"].between(1945, 2100)]
        chart = years.rename(columns={"with_file": t("overview.with_file"), "cited_only": t("overview.cited_only")})
        st.bar_chart(chart.set_index("year")[[t("overview.with_file"), t("overview.cited_only")]], height=260)
    st.subheader(t("overview.issuers_by_level"))
    levels = pd.DataFrame(ov["issuers_by_level"])
    if not levels.empty:
        levels["level"] = [t(f"level.{lv}") for lv in levels["level"]]
        st.dataframe(levels, hide_index=True, width="stretch",
                     column_config={"level": t("col.level"), "issuers": t("overview.m_issuers"),
                                    "documents": t("col.documents")})
