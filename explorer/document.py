"""Văn bản / Document: validity first, then what implements it, metadata, the text with every
citation a link (``?at=OFFSET`` marks and scrolls to that sentence), cites and cited-by (each row
opens the exact sentence), and the implementing chain up and down."""
from __future__ import annotations

import streamlit as st

from explorer import data
from explorer.i18n import rel_label, t, tm
from explorer.text import HIGHLIGHT_CSS, doc_href, highlight, sentence_around
from explorer.ui import Col, esc, fmt_date, fmt_int, html_table, md_escape

ROWS = 40  # rows drawn per table at first: every row is HTML the browser must lay out
ROWS_ALL = 1000  # rows drawn once the user asks for all of them (the trace page exports everything)
TEXT_WINDOW = 20_000  # characters of a long text drawn at first (around the sentence asked for)

st.title(t("doc.title"))
G = data.guard_graph()
lang = st.session_state.get("lang")

typed = st.text_input(t("doc.pick"), key="doc_q", placeholder="114-KL/TW")
key = None
if typed.strip():
    key, alternatives = data.resolve(G, typed)
    if key is None and alternatives:
        key = data.choose_among(G, alternatives, "doc_alt")
    elif key is None:
        st.warning(tm("doc.not_found", key=typed))
        st.stop()
    if key and st.query_params.get("doc") != key:
        st.query_params["doc"] = key
        st.query_params.pop("at", None)
key = key or data.selected_doc()
if not key:
    st.info(t("doc.none_selected"))
    st.stop()
key = G.graph.get("aliases", {}).get(key, key)
if key not in G or G.nodes[key].get("kind") != "document":
    st.warning(tm("doc.not_found", key=key))
    st.stop()
path_, version = data.graph_key()
view = data.show(path_, version, key)
doc = view["doc"]
label = data.label_of(doc)
st.header(md_escape(f"{doc.get('type') or ''} {label}".strip()))
if doc.get("title"):
    st.markdown(f"*{md_escape(doc['title'])}*")

# -- validity first ----------------------------------------------------------------------------
val = data.validity(path_, version, key)
if val["ending"]:
    f = val["ending"][0]
    by = f.by or t("doc.unknown_successor")
    msg = tm(f"doc.status_{f.status}" if f"doc.status_{f.status}" in data.STATUS_KEYS else "doc.status_ended",
             by=by, date=fmt_date(f.effective) if f.effective else t("doc.date_unknown"), source=data.origin_word(f, lang))
    st.error(msg, icon=":material/block:")
    quote = f.evidence or data.fact_source(f, lang)
    if quote:  # the words of the text or registry row that state it: data, shown as a quotation
        st.html(f'<div class="cg-quote cg-data">{esc(t("doc.evidence_label"))} «{esc(data.plain(quote))}»</div>')
    succ = data.successor_key(G, f)
    if succ:
        st.page_link("explorer/document.py", label=tm("doc.open_successor", symbol=data.label_of(G.nodes[succ])),
                     icon=":material/arrow_forward:", query_params={"doc": succ, **({"lang": lang} if lang == "en" else {})})
else:
    st.success(t("doc.valid"), icon=":material/check_circle:")
for f in val["changed"][:3]:
    key_ = "doc.amended" if f.status == "amended" else "doc.part_changed"
    st.info(tm(key_, by=f.by or "—", date=fmt_date(f.effective) if f.effective else t("doc.date_unknown"),
               part=f.part or "—", status=data.status_word(f.status, lang)), icon=":material/edit_note:")

implementing = [i for i in view["down"].items if not i.citing]
own = data.own_validity(path_, version, key)
effective = own.get("effective") or min((f.effective for f in val["acts"] if f.effective), default=None)
c1, c2, c3 = st.columns(3)
c1.metric(t("doc.effective"), fmt_date(effective), help=plain_help if (plain_help := data.plain(own.get("evidence"))) else None)
c2.metric(t("doc.implemented_by"), fmt_int(len(implementing), lang))
c3.metric(t("col.cited_by"), fmt_int(len({r["key"] for r in doc.get("cited_by", [])}), lang))
if own.get("expiry"):
    st.caption(tm("doc.expiry", date=fmt_date(own["expiry"])))
st.page_link("explorer/trace.py", label=t("doc.open_trace"), icon=":material/account_tree:",
             query_params={"doc": key, **({"lang": lang} if lang == "en" else {})})

# -- metadata ------------------------------------------------------------------------------------
issuer = doc.get("issuer") or ", ".join(i.get("name") or i["id"] for i in doc.get("issuers", []))
meta = [(t("col.symbol"), label), (t("col.type"), doc.get("type")), (t("col.date"), fmt_date(doc.get("date"))),
        (t("col.issuer"), issuer), (t("col.province"), doc.get("province") or (t("central") if doc.get("scope") == "central" else None)),
        (t("doc.variants"), ", ".join(doc.get("variants") or [])), (t("doc.mentions"), fmt_int(doc.get("mentions"), lang))]
if len(doc.get("dates_seen") or []) > 1:
    meta.append((t("doc.dates_seen"), ", ".join(fmt_date(d) for d in doc["dates_seen"])))
with st.expander(t("doc.metadata"), expanded=False):
    st.html(html_table([{"k": k, "v": v} for k, v in meta], [Col("k", t("doc.field")), Col("v", t("doc.value"))],
                       test_id="metadata"))

# -- the text ------------------------------------------------------------------------------------
at = st.query_params.get("at")
at = int(at) if at and at.isdigit() else None
files = doc.get("files") or []
if not files:
    st.info(t("doc.no_file", n=fmt_int(doc.get("mentions", 0), lang)))
aliases = G.graph.get("aliases", {})
st.html(HIGHLIGHT_CSS)
for path in files:
    st.subheader(tm("doc.text_of", name=path.rsplit("/", 1)[-1]))
    try:
        text = data.document_text(path)
    except Exception as exc:  # noqa: BLE001 - file moved or unreadable: say so, keep the rest of the page
        st.warning(tm("doc.text_unreadable", reason=getattr(exc, "reason", None) or str(exc)))
        continue
    focus = at if at is not None and at < len(text) and path == files[0] else None
    if focus is not None:
        s, e = sentence_around(text, focus)
        st.html(f'<div class="cg-quote" data-testid="cg-quote">{esc(text[s:e])}</div>')
    cits = data.file_citations(path)
    a, b = 0, len(text)
    if len(text) > TEXT_WINDOW and not st.session_state.get(f"full_{path}"):  # draw the part that is read
        a = max(0, (focus or 0) - TEXT_WINDOW // 4)
        b = min(len(text), a + TEXT_WINDOW)
        a = text.rfind("\n", 0, a) + 1 if a else 0
        st.caption(t("doc.window", a=fmt_int(a + 1, lang), b=fmt_int(b, lang), n=fmt_int(len(text), lang)))
        st.button(t("doc.show_all"), key=f"full_{path}_btn", on_click=st.session_state.__setitem__, args=(f"full_{path}", True))
        cits = [{**c, "start": c["start"] - a, "end": c["end"] - a} for c in cits
                if c.get("start") is not None and a <= c["start"] and c["end"] <= b]
    st.html(highlight(text[a:b], cits, lang=lang, resolve_key=lambda k: aliases.get(k, k),
                      focus=None if focus is None else focus - a))
    if focus is not None:
        data.scroll_to("at")


# -- cites / cited-by ----------------------------------------------------------------------------
def shown(test_id: str, n: int) -> int:
    """How many rows of table ``test_id`` to draw: ``ROWS``, or all (up to ``ROWS_ALL``) once asked."""
    flag = f"all_{test_id}"
    if n > ROWS and not st.session_state.get(flag):
        st.button(tm("doc.show_rows", n=fmt_int(n, lang)), key=f"{flag}_btn", on_click=st.session_state.__setitem__,
                  args=(flag, True))
        return ROWS
    return ROWS_ALL


def edge_rows(rows: list[dict], outgoing: bool) -> list[dict]:
    here = data.citation_offsets(path_, version, key, outgoing)
    out = []
    for r in rows:
        ev = (r.get("evidence") or [{}])[0]
        where = here.get(r["key"])  # (document key, offset) of the sentence
        out.append({"rel": rel_label(r["rel"]), "symbol": data.label_of(G.nodes[r["key"]]), "type": r.get("type"),
                    "date": r.get("date"), "province": r.get("province"), "count": r.get("count"),
                    "evidence": data.plain(ev.get("context")), "href": doc_href(r["key"], lang),
                    "at_href": doc_href(where[0], lang, at=where[1]) if where else None})
    return out


def edge_table(rows: list[dict], outgoing: bool, test_id: str) -> None:
    if not rows:
        st.caption(t("doc.none"))
        return
    limit = shown(test_id, len(rows))
    if len(rows) > limit:
        st.caption(t("search.more", shown=fmt_int(limit, lang), n=fmt_int(len(rows), lang)))
    st.html(html_table(edge_rows(rows[:limit], outgoing), [
        Col("symbol", t("col.open"), "open", link_label=t("col.open")),
        Col("symbol", t("doc.sentence"), "open", link="at_href", link_label=t("doc.to_sentence")),
        Col("rel", t("col.relation")), Col("symbol", t("col.symbol"), "link"), Col("type", t("col.type")),
        Col("date", t("col.date"), "date"), Col("province", t("col.province")), Col("count", t("col.count"), "int"),
        Col("evidence", t("col.evidence"), "data")], lang=lang, test_id=test_id))


st.subheader(t("doc.cites"))
edge_table(doc.get("cites", []), True, "cites")
st.subheader(t("doc.cited_by"))
edge_table(doc.get("cited_by", []), False, "cited-by")


# -- implementing chain --------------------------------------------------------------------------
def chain_table(result, test_id: str) -> None:
    if not result.items:
        st.caption(t("doc.none"))
        return
    limit = shown(test_id, len(result.items))
    items = result.items[:limit]
    st.html(html_table([{"depth": i.depth, "rel": rel_label(i.rel), "symbol": data.label_of(G.nodes[i.key]),
                         "type": i.type, "date": i.date, "province": i.province, "chain": " → ".join(i.chain),
                         "href": doc_href(i.key, lang)} for i in items], [
        Col("symbol", t("col.open"), "open", link_label=t("col.open")), Col("depth", t("col.depth"), "int"),
        Col("rel", t("col.relation")), Col("symbol", t("col.symbol"), "link"), Col("type", t("col.type")),
        Col("date", t("col.date"), "date"), Col("province", t("col.province")), Col("chain", t("col.chain"))],
        lang=lang, test_id=test_id))
    if len(result.items) > limit:
        st.caption(t("search.more", shown=fmt_int(limit, lang), n=fmt_int(len(result.items), lang)))


st.subheader(t("doc.chain_up"))
chain_table(view["up"], "chain-up")
st.subheader(t("doc.chain_down"))
chain_table(view["down"], "chain-down")
