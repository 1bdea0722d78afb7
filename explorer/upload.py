"""Nạp văn bản / Upload: drop files, ingest them with progress (waiting while another writer
holds the store), see each file's result, and remove uploaded documents again."""
from __future__ import annotations

import datetime as dt

import streamlit as st

from explorer import data, uploads
from explorer.i18n import t, tm
from explorer.ui import fmt_date, fmt_int, md_escape

st.title(t("upload.title"))
store = data.store_path()
lang = st.session_state.get("lang")
used = uploads.used_bytes(store)
st.caption(t("upload.limits", mb=uploads.UPLOAD_MAX_MB, n=uploads.UPLOAD_MAX_FILES, used=round(used / 2**20, 1),
             quota=uploads.UPLOAD_QUOTA_MB))
files = st.file_uploader(t("upload.drop"), type=list(uploads.UPLOAD_TYPES), accept_multiple_files=True,
                         max_upload_size=uploads.UPLOAD_MAX_MB, key="uploads")

if files and st.button(t("upload.button"), type="primary", key="upload_go"):
    if len(files) > uploads.UPLOAD_MAX_FILES:
        st.warning(t("upload.too_many", n=uploads.UPLOAD_MAX_FILES))
    try:
        saved, other = uploads.save_uploads(store, [(f.name, f.getvalue()) for f in files[: uploads.UPLOAD_MAX_FILES]])
    except OSError as exc:  # disk full, permissions: one sentence, never a traceback
        saved, other = [], [{"name": "", "status": "error", "message": tm("upload.save_failed", reason=str(exc))}]
    bar = st.progress(0.0)
    status = st.empty()
    names = {p: name for name, p in saved}

    def on_progress(i: int, n: int, path: str) -> None:
        bar.progress(min(1.0, i / max(n, 1)))
        status.caption(tm("upload.progress", i=i, n=n, name=names.get(path, "")))

    def on_wait(seconds: float) -> None:
        status.info(t("upload.busy", s=int(seconds)))

    outcomes = uploads.ingest_uploads(store, saved, on_progress=on_progress, on_wait=on_wait)
    bar.progress(1.0)
    status.empty()
    st.session_state["upload_outcomes"] = other + outcomes

outcomes = st.session_state.get("upload_outcomes") or []
if outcomes:
    ok = sum(1 for o in outcomes if o["status"] == "ok")
    bad = sum(1 for o in outcomes if o["status"] == "error")
    if ok:
        st.success(t("upload.done", ok=ok, bad=bad))
    elif bad:
        st.error(t("upload.done", ok=ok, bad=bad))
    G = data.guard_graph()
    file_docs = data.file_docs(G)
    for o in outcomes:
        if o["status"] == "ok":
            st.page_link("explorer/document.py", icon=":material/check_circle:",
                         label=tm("upload.file_ok", name=o["name"], symbol=o.get("symbol") or t("upload.no_symbol")),
                         query_params={"doc": o["key"], **({"lang": lang} if lang == "en" else {})})
        elif o["status"] in ("unchanged", "duplicate"):
            key = file_docs.get(o.get("path") or "")
            msg = tm("upload.file_duplicate", name=o["name"])
            if key:
                st.page_link("explorer/document.py", icon=":material/content_copy:", label=msg,
                             query_params={"doc": key, **({"lang": lang} if lang == "en" else {})})
            else:
                st.info(msg)
        else:
            st.error(md_escape(o.get("message") or ""))

# -- uploaded documents: open or remove --------------------------------------------------------------
listed = uploads.list_uploads(store)
st.subheader(t("upload.list", n=fmt_int(len(listed), lang)))
if not listed:
    st.caption(t("upload.list_empty"))
for i, u in enumerate(listed[:200]):
    c1, c2, c3 = st.columns([5, 2, 1])
    label = tm("upload.row", name=u["name"], symbol=u["symbol"] or t("upload.no_symbol"))
    if u["key"]:
        c1.page_link("explorer/document.py", label=label, icon=":material/description:",
                     query_params={"doc": u["key"], **({"lang": lang} if lang == "en" else {})})
    else:
        c1.markdown(label)
    c2.caption(t("upload.row_meta", kb=fmt_int(round((u["size"] or 0) / 1024), lang),
                 date=fmt_date(dt.date.fromtimestamp(u["at"] or 0).isoformat())))
    if c3.button(t("upload.remove"), key=f"rm_{i}", help=t("upload.remove_help")):
        try:
            uploads.remove_upload(store, u["path"])
        except Exception as exc:  # noqa: BLE001 - a busy store: say so, keep the page
            st.error(tm("upload.remove_failed", reason=str(exc)))
        else:
            st.session_state.pop("upload_outcomes", None)
            st.rerun()
