"""citegraph explorer: the entry file only sets up the page and navigates (pages in explorer/).

Run with ``citegraph app`` (or ``streamlit run app.py``); the store comes from $CITEGRAPH_STORE.
"""
from __future__ import annotations

import streamlit as st

from explorer.i18n import LANG_NAMES, LANGS, t


def _language() -> None:
    """Vietnamese first; ``?lang=en`` (kept by citation links) or the sidebar switch changes it."""
    if "lang" not in st.session_state:
        st.session_state["lang"] = st.query_params.get("lang") if st.query_params.get("lang") in LANGS else "vi"
    st.sidebar.radio(t("app.language"), LANGS, key="lang", format_func=LANG_NAMES.get, horizontal=True)


def run() -> None:
    st.set_page_config(page_title="citegraph", page_icon=":material/hub:", layout="wide")
    _language()
    pages = [
        st.Page("explorer/overview.py", title=t("nav.overview"), icon=":material/dashboard:", url_path="overview", default=True),
        st.Page("explorer/search.py", title=t("nav.search"), icon=":material/search:", url_path="search"),
        st.Page("explorer/document.py", title=t("nav.document"), icon=":material/description:", url_path="document"),
        st.Page("explorer/trace.py", title=t("nav.trace"), icon=":material/account_tree:", url_path="trace"),
        st.Page("explorer/audit.py", title=t("nav.audit"), icon=":material/fact_check:", url_path="audit"),
        st.Page("explorer/upload.py", title=t("nav.upload"), icon=":material/upload_file:", url_path="upload"),
    ]
    st.navigation(pages).run()


run()
