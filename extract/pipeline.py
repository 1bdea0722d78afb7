"""``extract_text``: from the text of one document to an ``ExtractionResult``.

The steps, in order: cut site chrome, find citations (``extract.find``), read the header
(``extract.header``), drop the document's own symbol, assign relations and find edges
(``extract.relations``), resolve short forms (``extract.short_forms``), find named references
(``extract.named``), and give every cited document its canonical key (``extract.keys``) in the
document's province (``extract.jurisdiction``).
"""
from __future__ import annotations

from extract import patterns as P
from extract.find import find_citations
from extract.header import read_header
from extract.jurisdiction import infer_province
from extract.keys import document_key, fold_symbol
from extract.models import DocumentInfo, ExtractionResult
from extract.named import named_references
from extract.relations import assign_relations, find_edges
from extract.short_forms import short_forms

OPENING_MAX = 6000


def find_opening_end(text: str) -> int:
    """Where the opening ends: the first section heading ("I. MỤC ĐÍCH", "Điều 1.", "QUYẾT ĐỊNH:")."""
    for m in P.OPENING_END_RE.finditer(text, 0, min(len(text), OPENING_MAX)):
        if m.start() > 40:
            return m.start()
    return min(len(text), 3000)


def find_chrome_start(text: str) -> int:
    """Where a web capture's site chrome (related documents, cookie notices) begins: the start of
    the line holding the earliest marker.  Markers are looked for after the first 1500 characters
    only: the document itself comes first."""
    best = len(text)
    lo = min(len(text), 1500)
    for marker in P.CHROME_MARKERS:
        i = text.find(marker, lo, best)
        if i >= 0:
            m = P.CHROME_START_RE.match(text, text.rfind("\n", 0, i) + 1)
            if m:
                best = m.start()
    return best


def extract_text(text: str, *, province: str | None = None) -> ExtractionResult:
    """Extract the document's identity, citations, edges and named references from ``text``.

    ``province`` supplies the jurisdiction (sidecar metadata); otherwise it is inferred from the
    header, place line and text.  Never raises on messy text.

    >>> r = extract_text("Thực hiện Kết luận số 114-KL/TW, ngày 14/7/2015 của Ban Bí thư; Tỉnh ủy xây dựng kế hoạch.")
    >>> [(c.symbol, c.relation) for c in r.citations]
    [('114-KL/TW', 'implements')]
    """
    chrome = find_chrome_start(text)
    body = text[:chrome]
    cits = find_citations(body)
    opening_end = find_opening_end(body)
    header = read_header(body, cits, opening_end)

    own = fold_symbol(header.symbol) if header.symbol and header.number else None
    own_at = {i for s, e in header.own_spans for i in range(s, e)}  # a symbol or two: a set test per citation
    cits = [c for c in cits if c.start not in own_at and not (own and fold_symbol(c.symbol) == own)]

    rel_of = assign_relations(body, cits, opening_end)
    edges, issuer_fix = find_edges(body, cits)
    prov = province or infer_province(body, place=header.place, issuer=header.issuer)
    cits = [c._replace(relation=rel_of.get(k, "cites"), issuer=issuer_fix.get(k, c.issuer),
                       key=document_key(c.symbol, prov))
            for k, c in enumerate(cits)]
    cits += short_forms(body, cits)
    cits.sort(key=lambda c: (c.start, c.end))
    keyed = {c.symbol: c.key for c in cits}
    edges = [e._replace(source_key=keyed.get(e.source, document_key(e.source, prov)),
                        target_key=keyed.get(e.target, document_key(e.target, prov))) for e in edges]
    named = named_references(body, cits)
    doc = DocumentInfo(
        type=header.type, type_code=header.type_code, symbol=header.symbol, number=header.number,
        date=header.date, place=header.place, issuer=header.issuer, issuer_code=header.issuer_code,
        signer=header.signer, title=header.title, province=prov,
        key=document_key(header.symbol, prov) if header.symbol and not header.draft else None,
        draft=header.draft, symbol_text=header.symbol_text, date_text=header.date_text,
    )
    return ExtractionResult(document=doc, citations=tuple(cits), edges=tuple(edges),
                            named_references=tuple(named), text_length=len(text),
                            meta={"opening_end": opening_end, "chrome_start": chrome})
