"""Tổng quan / Overview: counts, most-cited documents, documents per year, issuers by level."""
from __future__ import annotations

import streamlit as st

from explorer import data
from explorer.i18n import t
from explorer.text import doc_href
from explorer.ui import Col, columns_chart, fmt_int, html_table

st.title(t("overview.title"))
path, version = data.graph_key()
lang = st.session_state.get("lang")
ov = data.overview(path, version)
s = ov["stats"]
if not s.get("documents"):
    st.info(t("app.empty_store"))
    st.stop()

cols = st.columns(5)
links = sum(s.get("edges", {}).get(r, 0) for r in ("implements", "based_on", "replaces", "amends", "guides", "cites"))
for col, label, value in zip(cols, ("overview.m_documents", "overview.m_files", "overview.m_edges", "overview.m_issuers",
                                    "search.province"),
                             (s["documents"], s.get("with_file"), links, s.get("issuers"), s.get("provinces"))):
    col.metric(t(label), fmt_int(value or 0, lang))
if s.get("failures"):
    st.caption(t("overview.failures", n=fmt_int(s["failures"], lang)))

left, right = st.columns([3, 2])
with left:
    st.subheader(t("overview.most_cited"))
    rows = [{**r, "href": doc_href(r["key"], lang)} for r in ov["most_cited"]]
    if not rows:
        st.caption(t("doc.none"))
    else:
        st.html(html_table(rows, [Col("symbol", t("col.open"), "open", link_label=t("col.open")),
                                  Col("symbol", t("col.symbol"), "link"), Col("type", t("col.type")),
                                  Col("date", t("col.date"), "date"), Col("province", t("col.province")),
                                  Col("cited_by", t("col.cited_by"), "int")], lang=lang, test_id="most-cited"))
with right:
    st.subheader(t("overview.per_year"))
    years = [y for y in ov["per_year"] if 1945 <= y["year"] <= 2100]
    if years:
        st.html(columns_chart([(str(y["year"]), (y["with_file"], y["cited_only"])) for y in years],
                              [(t("overview.with_file"), "#1971c2"), (t("overview.cited_only"), "#a5d8ff")], lang,
                              test_id="per-year"))
    st.subheader(t("overview.issuers_by_level"))
    levels = [{**lv, "level": t(f"level.{lv['level']}")} for lv in ov["issuers_by_level"]]
    if levels:
        st.html(html_table(levels, [Col("level", t("col.level")), Col("issuers", t("overview.m_issuers"), "int"),
                                    Col("documents", t("col.documents"), "int")], lang=lang, test_id="levels"))
