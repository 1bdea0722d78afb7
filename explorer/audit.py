"""Kiểm tra / Audit: the audit findings, filtered by kind, severity, province and year; CSV export."""
from __future__ import annotations

import pandas as pd
import streamlit as st

from explorer import data
from explorer.i18n import t

st.title(t("audit.title"))
path, version = data.graph_key()
findings = data.audit_findings(path, version)
if findings is None:
    st.info(t("audit.unavailable"))
    st.stop()
df = pd.DataFrame(findings, columns=data.FINDING_COLUMNS)
df["year"] = df["year"].astype("Int64")
if df.empty:
    st.success(t("audit.none"))
    st.stop()


def pick(col, label: str, column: str, key: str):
    values = sorted(v for v in df[column].dropna().unique())
    return col.multiselect(label, values, key=key, placeholder=t("search.all"))


c1, c2, c3, c4 = st.columns(4)
kinds = pick(c1, t("audit.kind"), "kind", "a_kind")
severities = pick(c2, t("audit.severity"), "severity", "a_sev")
provinces = pick(c3, t("audit.province"), "province", "a_prov")
years = pick(c4, t("audit.year"), "year", "a_year")
view = df
for column, chosen in (("kind", kinds), ("severity", severities), ("province", provinces), ("year", years)):
    if chosen:
        view = view[view[column].isin(chosen)]

st.caption(t("audit.count", n=len(view)))
for kind in kinds or []:
    st.caption(f"**{kind}**: {data.audit_explanation(kind, st.session_state.get('lang'))}")
st.download_button(t("audit.download"), view.drop(columns=["key"]).to_csv(index=False).encode("utf-8-sig"),
                   file_name="citegraph_audit.csv", mime="text/csv", key="audit_csv")
lang = st.session_state.get("lang")
shown = view.copy()
shown["open"] = [data.doc_href(k, lang) if k else None for k in shown["key"]]
st.dataframe(shown.drop(columns=["key"]), hide_index=True, width="stretch", column_config={
    "kind": t("col.kind"), "code": t("audit.code"), "file": t("col.file"), "severity": t("col.severity"), "document": t("col.document"),
    "citation": t("col.citation"), "province": t("col.province"), "year": t("col.year"),
    "reason": st.column_config.TextColumn(t("col.reason"), width="large"),
    "evidence": st.column_config.TextColumn(t("audit.evidence"), width="large"), "source": t("col.source"),
    "open": st.column_config.LinkColumn(t("col.open"), display_text="↗")})
