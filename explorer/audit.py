"""Kiểm tra / Audit: findings as of a date (optionally with the user's status registry CSV),
grouped by the cited document, severity legend high → info, filters, a chart, CSV and XLSX."""
from __future__ import annotations

import datetime as dt
import hashlib

import pandas as pd
import streamlit as st

from explorer import data, findings
from explorer.i18n import t, tm
from explorer.text import doc_href
from explorer.ui import esc, fmt_date, fmt_int, hbars, to_csv, to_xlsx
from explorer.uploads import upload_root

GROUPS_SHOWN = 20  # groups drawn at first (a button adds more); the exports carry every finding
ROWS_PER_GROUP = 12
SEV_COLOURS = {"high": "#c92a2a", "medium": "#e8590c", "low": "#1971c2", "info": "#868e96"}

st.title(t("audit.title"))
path, version = data.graph_key()
lang = st.session_state.get("lang") or "vi"

c1, c2 = st.columns([1, 2])
as_of = c1.date_input(t("audit.as_of"), value=dt.date.today(), format="DD/MM/YYYY", key="a_asof",
                      help=t("audit.as_of_help"))
reg = c2.file_uploader(t("audit.registry"), type=["csv"], key="a_registry", help=t("audit.registry_help"))
user_csv = None
if reg is not None:
    payload = reg.getvalue()
    folder = upload_root(path) / "registry"
    folder.mkdir(parents=True, exist_ok=True)
    target = folder / f"{hashlib.sha256(payload).hexdigest()[:16]}.csv"
    if not target.exists():
        target.write_bytes(payload)
    user_csv = str(target)
try:
    rows = data.audit_findings(path, version, as_of.isoformat(), user_csv)
except ValueError as exc:  # a malformed registry CSV names the row and what is expected
    st.error(tm("audit.registry_error", reason=str(exc)))
    st.stop()
if not rows:
    st.success(t("audit.none"))
    st.stop()

# -- legend and filters -------------------------------------------------------------------------
st.html('<div class="cg-legend">' + " ".join(
    f'<span class="cg-sev cg-sev-{s}">{esc(t(f"sev.{s}"))}</span> {esc(t(f"sev.{s}_help"))}&nbsp;&nbsp;'
    for s in findings.SEVERITY_ORDER) + "</div>")
kinds_present = [k for k in ("outdated", "anachronism", "conflict", "malformed", "draft", "unresolved")
                 if any(r["kind"] == k for r in rows)]
sev = st.pills(t("audit.severity"), list(findings.SEVERITY_ORDER), selection_mode="multi", key="a_sev",
               format_func=lambda s: t(f"sev.{s}"))
kinds = st.pills(t("audit.kind"), kinds_present, selection_mode="multi", key="a_kind",
                 format_func=lambda k: t(f"kind.{k}"))
f3, f4 = st.columns(2)
provinces = sorted({r["province"] for r in rows if r.get("province")})
years = sorted({int(r["year"]) for r in rows if r.get("year")}, reverse=True)
prov = f3.selectbox(t("audit.province"), [None, *provinces], key="a_prov",
                    format_func=lambda v: t("search.all") if v is None else v)
year = f4.selectbox(t("audit.year"), [None, *years], key="a_year", format_func=lambda v: t("search.all") if v is None else str(v))
view = [r for r in rows if (not sev or r["severity"] in sev) and (not kinds or r["kind"] in kinds)
        and (not prov or r.get("province") == prov) and (not year or r.get("year") == year)]
groups = findings.grouped(view)
st.markdown("**" + t("audit.count", n=fmt_int(len(view), lang), g=fmt_int(len(groups), lang)) + "**")
for k in kinds or []:
    st.caption(tm("audit.explain", kind=t(f"kind.{k}"), text=data.audit_explanation(k, lang)))

# -- exports --------------------------------------------------------------------------------------
def export_frame() -> pd.DataFrame:
    return pd.DataFrame([{
        t("col.severity"): t(f"sev.{r['severity']}"), t("col.kind"): t(f"kind.{r['kind']}"),
        t("col.document"): r.get("document_label"), t("col.date"): fmt_date(r.get("doc_date")),
        t("col.province"): r.get("province") or "", t("col.citation"): r.get("cited_label"),
        t("audit.successor"): r.get("successor") or "", t("audit.effective"): fmt_date(r.get("effective")) if r.get("effective") else "",
        t("col.reason"): findings.reason(r, lang), t("col.evidence"): findings.strip_markdown(r.get("evidence")),
        t("col.source"): findings.source(r, lang), t("col.file"): r.get("file")} for r in view])


e1, e2 = st.columns(2)
e1.download_button(t("audit.download"), lambda: to_csv(export_frame()), file_name="kiem_tra.csv", mime="text/csv",
                   key="audit_csv")
e2.download_button(t("audit.download_xlsx"), lambda: to_xlsx(export_frame(), "kiem_tra"), file_name="kiem_tra.xlsx",
                   mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", key="audit_xlsx")


# -- grouped findings -----------------------------------------------------------------------------
def link(text, key, at=None) -> str:
    return f'<a href="{esc(doc_href(key, lang, at=at))}" target="_self">{esc(text)}</a>' if key else esc(text)


def group_html(g: dict) -> str:
    lead = g["lead"]
    head = [f'<span class="cg-sev cg-sev-{esc(lead["severity"])}">{esc(t("sev." + lead["severity"]))}</span>',
            f'<b>{esc(t("kind." + lead["kind"]))}</b>', link(lead.get("cited_label") or lead.get("document_label"),
                                                             lead.get("key") or lead.get("doc_key"))]
    if lead.get("successor"):
        head.append(esc(t("audit.replaced_by")) + " " + link(lead["successor"], lead.get("successor_key")))
    if lead.get("effective"):
        head.append(esc(t("audit.from_date", date=fmt_date(lead["effective"]))))
    head.append(esc(t("audit.n_citing", n=fmt_int(len(g["rows"]), lang))))
    body = []
    for r in g["rows"][:ROWS_PER_GROUP]:
        at = r.get("start") if r.get("doc_key") else None
        body.append("<tr>" + "".join([
            f'<td class="nowrap"><a class="cg-open" href="{esc(doc_href(r["doc_key"], lang, at=at))}" target="_self">'
            f'{esc(t("doc.to_sentence"))}</a></td>' if r.get("doc_key") else "<td>—</td>",
            f"<td>{link(r.get('document_label'), r.get('doc_key'))}</td>", f'<td class="nowrap">{esc(fmt_date(r.get("doc_date")))}</td>',
            f"<td>{esc(r.get('province'))}</td>", f"<td>{esc(findings.reason(r, lang))}</td>",
            f'<td class="cg-data">{esc(findings.strip_markdown(r.get("evidence"))[:400])}</td>',
            f'<td class="cg-data">{esc(findings.source(r, lang))}</td>']) + "</tr>")
    more = (f"<p>{esc(t('search.more', shown=ROWS_PER_GROUP, n=len(g['rows'])))}</p>" if len(g["rows"]) > ROWS_PER_GROUP else "")
    cols = "".join(f"<th>{esc(t(c))}</th>" for c in ("col.open", "col.document", "col.date", "col.province", "col.reason",
                                                       "col.evidence", "col.source"))
    return (f'<details class="cg-group"><summary>{" · ".join(head)}</summary><div class="cg-wrap"><table class="cg-table">'
            f"<thead><tr>{cols}</tr></thead><tbody>{''.join(body)}</tbody></table></div>{more}</details>")


@st.cache_resource(show_spinner=False, max_entries=64)
def groups_markup(_groups: list, shown: int, *view_key) -> str:
    """The first ``shown`` groups, built once per (store version, as-of, registry, filters, language)."""
    return ('<style>details.cg-group{border:1px solid rgba(128,128,128,.25);border-radius:.4rem;padding:.3rem .6rem;'
            'margin:.3rem 0}details.cg-group summary{cursor:pointer}</style><div data-testid="audit-groups">'
            + "".join(group_html(g) for g in _groups[:shown]) + "</div>")


view_key = (path, version, as_of.isoformat(), user_csv, tuple(sev or ()), tuple(kinds or ()), prov, year, lang)
if st.session_state.get("a_shown_for") != view_key:  # another view starts again from the first groups
    st.session_state["a_shown_for"], st.session_state["a_shown"] = view_key, GROUPS_SHOWN
shown = st.session_state["a_shown"]
if len(groups) > shown:
    st.caption(t("audit.groups_capped", shown=fmt_int(shown, lang), n=fmt_int(len(groups), lang)))
st.html(groups_markup(groups, shown, *view_key))
if len(groups) > shown:
    st.button(t("audit.more_groups", n=fmt_int(min(GROUPS_SHOWN, len(groups) - shown), lang)), key="a_more",
              on_click=st.session_state.__setitem__, args=("a_shown", shown + GROUPS_SHOWN))


# -- chart (after the findings: the findings come first) -----------------------------------------
def x_of(r: dict, dim: str) -> str:
    if dim == "province":
        return r.get("province") or t("central")
    return str(r.get("year") or "—") if dim == "year" else t(f"kind.{r['kind']}")


if view:
    with st.expander(t("audit.chart"), expanded=False):
        dim = st.radio(t("audit.chart_by"), ["province", "year", "kind"], horizontal=True, key="a_chart",
                       format_func=lambda v: t(f"audit.by_{v}"))
        tally: dict[str, list[int]] = {}
        for r in view:
            tally.setdefault(x_of(r, dim), [0] * len(findings.SEVERITY_ORDER))[findings.SEVERITY_ORDER.index(r["severity"])] += 1
        order = sorted(tally, reverse=True) if dim == "year" else sorted(tally, key=lambda x: (-sum(tally[x]), x))
        st.html(hbars([(x, tally[x]) for x in order[:40]], [(t(f"sev.{s}"), SEV_COLOURS[s]) for s in findings.SEVERITY_ORDER],
                      lang, test_id="audit-chart"))
