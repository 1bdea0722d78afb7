"""citegraph explorer: the entry file only sets up the page and navigates (pages in explorer/).

Run with ``citegraph app`` (or ``streamlit run app.py``); the store comes from $CITEGRAPH_STORE.
"""
from __future__ import annotations

from pathlib import Path

import streamlit as st

from explorer.i18n import LANG_NAMES, LANGS, t
from explorer.ui import TABLE_CSS

HERE = Path(__file__).resolve().parent
PAGES = ("overview", "search", "document", "trace", "audit", "upload")
ICONS = {"overview": ":material/dashboard:", "search": ":material/search:", "document": ":material/description:",
         "trace": ":material/account_tree:", "audit": ":material/fact_check:", "upload": ":material/upload_file:"}


def _language() -> str:
    """Vietnamese first; ``?lang=en`` (every link of ours carries it) or the sidebar switch changes it."""
    wanted = st.query_params.get("lang")
    if wanted in LANGS and st.session_state.get("_lang_from_url") != wanted:
        st.session_state["lang"] = st.session_state["_lang_from_url"] = wanted
    st.session_state.setdefault("lang", "vi")

    def switched() -> None:
        if st.session_state["lang"] == "vi":
            st.query_params.pop("lang", None)
        else:
            st.query_params["lang"] = st.session_state["lang"]
        st.session_state["_lang_from_url"] = st.session_state["lang"]

    st.sidebar.radio(t("app.language"), LANGS, key="lang", format_func=LANG_NAMES.get, horizontal=True,
                     on_change=switched)
    return st.session_state["lang"]


def widget_css(lang: str) -> str:
    """CSS that replaces Streamlit's fixed English widget texts by ours (display only; the
    original text is hidden, not removed, so the widget keeps working)."""
    drop, browse, limit = (t(k, lang) for k in ("upload.drop_here", "upload.browse", "upload.limit_note"))
    q = lambda s: '"' + s.replace("\\", "\\\\").replace('"', '\\"') + '"'  # noqa: E731
    return f"""<style>
[data-testid="InputInstructions"] {{display: none;}}
[data-testid="stFileUploaderDropzoneInstructions"] > div > span,
[data-testid="stFileUploaderDropzoneInstructions"] > div > small {{display: none;}}
[data-testid="stFileUploaderDropzoneInstructions"] > div::before {{content: {q(drop)}; display: block;}}
[data-testid="stFileUploaderDropzoneInstructions"] > div::after {{content: {q(limit)}; display: block; font-size: .8rem; opacity: .7;}}
[data-testid="stFileUploaderDropzone"] button[data-testid="stBaseButton-secondary"] {{font-size: 0;}}
[data-testid="stFileUploaderDropzone"] button[data-testid="stBaseButton-secondary"] > * {{display: none;}}
[data-testid="stFileUploaderDropzone"] button[data-testid="stBaseButton-secondary"]::after {{content: {q(browse)}; font-size: .9rem;}}
[data-testid="stStatusWidget"] {{visibility: hidden;}}
</style>"""


def _run_file(name: str):
    """The overview also answers at ``/overview`` (the default page itself lives at ``/``)."""
    def overview_alias() -> None:
        path = HERE / "explorer" / f"{name}.py"
        exec(compile(path.read_text(encoding="utf-8"), str(path), "exec"), {"__name__": "__main__", "__file__": str(path)})

    return overview_alias


def run() -> None:
    st.set_page_config(page_title="citegraph", page_icon=str(HERE / "explorer" / "icon.png"), layout="wide")
    lang = _language()
    st.html(widget_css(lang) + TABLE_CSS)
    pages = [st.Page(f"explorer/{p}.py", title=t(f"nav.{p}"), icon=ICONS[p], url_path=p if p != "overview" else "home",
                     default=p == "overview") for p in PAGES]
    pages.append(st.Page(_run_file("overview"), title=t("nav.overview"), url_path="overview", visibility="hidden"))
    st.navigation(pages).run()


run()
