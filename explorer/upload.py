"""Nạp văn bản / Upload: drop files, ingest them with progress, see each result (or its error)."""
from __future__ import annotations

import streamlit as st

from explorer import data
from explorer.i18n import t

MAX_MB = data.UPLOAD_MAX_MB
MAX_FILES = data.UPLOAD_MAX_FILES

st.title(t("upload.title"))
st.caption(t("upload.limits", mb=MAX_MB, n=MAX_FILES))
files = st.file_uploader(t("upload.drop"), type=list(data.UPLOAD_TYPES), accept_multiple_files=True,
                         max_upload_size=MAX_MB, key="uploads")

if files and st.button(t("upload.button"), type="primary", key="upload_go"):
    if len(files) > MAX_FILES:
        st.warning(t("upload.too_many", n=MAX_FILES))
    saved, rejected = data.save_uploads([(f.name, f.getvalue()) for f in files[:MAX_FILES]])
    bar = st.progress(0.0)
    status = st.empty()
    names = {p: name for name, p in saved}

    def on_progress(i: int, n: int, path: str) -> None:
        bar.progress(i / max(n, 1))
        status.caption(t("upload.progress", i=i, n=n, name=names.get(path, "")))

    outcomes = data.ingest_uploads(saved, on_progress=on_progress)
    bar.progress(1.0)
    status.empty()
    st.session_state["upload_outcomes"] = rejected + outcomes

lang = st.session_state.get("lang")
outcomes = st.session_state.get("upload_outcomes") or []
if outcomes:
    ok = sum(1 for o in outcomes if o["status"] in ("ok", "unchanged"))
    st.success(t("upload.done", ok=ok, bad=len(outcomes) - ok)) if ok else None
    for o in outcomes:
        if o["status"] == "ok":
            st.page_link("explorer/document.py", icon=":material/check_circle:",
                         label=t("upload.file_ok", name=o["name"], symbol=o.get("symbol") or t("upload.no_symbol")),
                         query_params={"doc": o["key"], **({"lang": lang} if lang == "en" else {})})
        elif o["status"] == "unchanged":
            st.info(t("upload.file_unchanged", name=o["name"]))
        else:
            st.error(o["message"])
