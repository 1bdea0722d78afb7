"""A document's text as HTML: every citation a link to its document, the sentence a link points
at marked and given an anchor, Markdown markers of converted files (``##``, ``**``) left out.

All document text is HTML-escaped; links are built from keys only.  Offsets always refer to the
text exactly as ingest read it, so removed markers never shift a citation.
"""
from __future__ import annotations

import html
import re
from typing import Any, Iterable
from urllib.parse import urlencode

from explorer.ui import clean

HIGHLIGHT_CSS = """
<style>
.cg-text {white-space: pre-wrap; font-family: inherit; line-height: 1.6; max-height: 70vh;
          overflow-y: auto; padding: .75rem 1rem; border: 1px solid rgba(128,128,128,.3); border-radius: .5rem;}
.cg-text a.cg-cite {background: #fff3bf; color: #1c3d7a; border-radius: .2rem; padding: 0 .1rem;
                    text-decoration: none; border-bottom: 2px solid #f0b400;}
.cg-text a.cg-cite:hover {background: #ffe066;}
.cg-text a.cg-cite.rel-implements {border-bottom-color: #d9480f;}
.cg-text a.cg-cite.rel-based_on {border-bottom-color: #2b8a3e;}
.cg-text mark.cg-focus {background: #d0ebff; outline: 2px solid #1c7ed6; border-radius: .2rem; scroll-margin-top: 6rem;}
.cg-quote {border-left: 4px solid #1c7ed6; background: #e7f5ff; padding: .5rem .8rem; border-radius: .3rem; margin-bottom: .5rem;}
</style>
"""

# Markdown left by converted files: heading marks at a line start, bold/italic runs, table rules.
_MARKERS = re.compile(r"(?m)^[ \t]{0,3}#{1,6}[ \t]+|\*\*|__|^[ \t]*\|?(?:[ \t]*:?-{3,}:?[ \t]*\|)+[ \t]*:?-*:?[ \t]*$")
_SENTENCE_END = re.compile(r"[.;:!?]\s|\n\s*\n|\n(?=\s*(?:[-–•+*]|\d+[.)]|[a-zđ]\)))")


def doc_href(key: str, lang: str | None = None, page: str = "document", at: int | None = None) -> str:
    """A relative link that opens ``key`` on ``page`` in the same tab (keeps the language);
    ``at`` (a character offset) opens the text at that sentence.

    >>> doc_href("114|KL-TW", "en", at=12)
    './document?doc=114%7CKL-TW&lang=en&at=12#at'
    """
    params: dict[str, Any] = {"doc": key}
    if lang and lang != "vi":
        params["lang"] = lang
    if at is not None:
        params["at"] = int(at)
    return f"./{page}?{urlencode(params)}" + ("#at" if at is not None else "")


def sentence_around(text: str, start: int, end: int | None = None) -> tuple[int, int]:
    """The sentence holding ``text[start:end]`` (bounded by . ; : ! ? a blank line or a list item).

    >>> t = "Căn cứ Luật A. Thực hiện Kết luận 114-KL/TW; các sở triển khai."
    >>> s, e = sentence_around(t, t.index("114")); t[s:e]
    'Thực hiện Kết luận 114-KL/TW;'
    """
    end = start if end is None else end
    lo = max(0, start - 600)
    s = lo
    for m in _SENTENCE_END.finditer(text, lo, start):
        s = m.end()
    m = _SENTENCE_END.search(text, end, min(len(text), end + 600))
    e = m.start() + 1 if m else min(len(text), end + 600)
    while s < start and text[s].isspace():
        s += 1
    return s, max(e, end)


def _plain(text: str, a: int, b: int, drop: list[tuple[int, int]]) -> str:
    """Escaped ``text[a:b]`` without the Markdown marker spans in ``drop``."""
    out, pos = [], a
    for s, e in drop:
        if e <= pos or s >= b:
            continue
        out.append(text[pos:max(s, pos)])
        pos = min(max(e, pos), b)
    out.append(text[pos:b])
    return html.escape(clean("".join(out)).replace("\x00", ""))


def highlight(text: str, citations: Iterable[dict[str, Any]], *, lang: str | None = None,
              resolve_key=lambda k: k, focus: int | None = None) -> str:
    """HTML for ``text`` with each citation a link to its document; the sentence at offset ``focus``
    marked (``id="at"``); everything escaped.  Overlapping or out-of-range spans are skipped.

    >>> highlight("## Theo <b>114-KL/TW</b>.", [{"start": 11, "end": 20, "key": "114|KL-TW", "relation": "cites"}])
    '<div class="cg-text">Theo &lt;b&gt;<a class="cg-cite rel-cites" href="./document?doc=114%7CKL-TW" target="_self" title="114|KL-TW">114-KL/TW</a>&lt;/b&gt;.</div>'
    """
    drop = [m.span() for m in _MARKERS.finditer(text)]
    fs, fe = sentence_around(text, focus) if focus is not None and 0 <= focus < len(text) else (None, None)
    spans = []
    pos = 0
    for c in sorted(citations, key=lambda c: (c.get("start") or 0, -(c.get("end") or 0))):
        s, e = c.get("start"), c.get("end")
        if s is None or e is None or s < pos or e > len(text) or e <= s:
            continue
        spans.append((s, e, c))
        pos = e
    return '<div class="cg-text">' + _build(text, spans, drop, lang, resolve_key, fs, fe) + "</div>"


def _build(text, spans, drop, lang, resolve_key, fs, fe) -> str:
    """The escaped body; with a focus, ``<mark id="at">`` opened at ``fs`` and closed at ``fe`` (citations
    that straddle a boundary widen the mark to keep the HTML well nested)."""
    if fs is None:
        fs = fe = None
    for s, e, _ in spans if fs is not None else ():
        if s < fs < e:
            fs = s
        if s < fe < e:
            fe = e
    out, pos = [], 0

    def plain(a, b):
        if a < b:
            out.append(_plain(text, a, b, drop))

    cuts = sorted({fs, fe}) if fs is not None else []
    for s, e, c in spans:
        for cut in cuts:
            if pos <= cut <= s:
                plain(pos, cut)
                pos = cut
                out.append('<mark class="cg-focus" id="at">' if cut == fs else "</mark>")
        plain(pos, s)
        key = resolve_key(c["key"])
        rel = "".join(ch for ch in str(c.get("relation") or "cites") if ch.isalnum() or ch == "_")
        out.append(f'<a class="cg-cite rel-{rel}" href="{html.escape(doc_href(key, lang))}" target="_self"'
                   f' title="{html.escape(clean(key))}">{_plain(text, s, e, drop)}</a>')
        pos = e
        cuts = [c_ for c_ in cuts if c_ >= pos]
    for cut in cuts:
        plain(pos, cut)
        pos = max(pos, cut)
        out.append('<mark class="cg-focus" id="at">' if cut == fs else "</mark>")
    plain(pos, len(text))
    return "".join(out)
