"""spaCy integration: the same engine as the CLI, as a pipeline component.

    >>> import spacy
    >>> nlp = spacy.blank("vi", config={"nlp": {"tokenizer": {"use_pyvi": False}}})
    >>> _ = nlp.add_pipe("vn_citations")
    >>> doc = nlp("Thực hiện Kết luận số 114-KL/TW, ngày 14/7/2015 của Ban Bí thư.")
    >>> [(s._.citation.symbol, s._.citation.relation) for s in doc.spans["citations"]]
    [('114-KL/TW', 'implements')]

spaCy's Vietnamese tokenizer wants pyvi (word segmentation, +230 MB) by default; citegraph does
not need it: pass ``use_pyvi=False`` (whitespace tokens) or use ``spacy.blank("xx")``.  Token
boundaries then may not fall on citation boundaries ("114-KL/TW,"), so spans are aligned with
``alignment_mode="expand"`` and the exact offsets are on ``span._.citation`` (start/end).
"""
from __future__ import annotations

from typing import Any

from spacy.language import Language
from spacy.tokens import Doc, Span

from extract.pipeline import extract_text

DEFAULT_CONFIG: dict[str, Any] = {"spans_key": "citations", "named_spans_key": "named_references",
                                  "province": None}


@Language.factory("vn_citations", assigns=["doc.spans", "doc._.citegraph"], default_config=DEFAULT_CONFIG)
def make_citation_finder(nlp: Language, name: str, spans_key: str, named_spans_key: str,
                         province: str | None) -> "CitationFinder":
    """Factory of the ``vn_citations`` component (settings are JSON-able, so configs round-trip)."""
    return CitationFinder(name, spans_key=spans_key, named_spans_key=named_spans_key, province=province)


class CitationFinder:
    """Adds ``doc.spans[spans_key]`` (one span per citation, label = type code or ``SYMBOL``) with
    ``span._.citation`` set to the ``extract.models.Citation``, the named references under
    ``named_spans_key``, and the whole ``ExtractionResult`` on ``doc._.citegraph``."""

    def __init__(self, name: str, *, spans_key: str, named_spans_key: str, province: str | None):
        self.name = name
        self.spans_key = spans_key
        self.named_spans_key = named_spans_key
        self.province = province
        for ext, target in (("citation", Span), ("named_reference", Span), ("citegraph", Doc)):
            if not target.has_extension(ext):
                target.set_extension(ext, default=None)

    def __call__(self, doc: Doc) -> Doc:
        result = extract_text(doc.text, province=self.province)
        spans = []
        for cite in result.citations:
            span = doc.char_span(cite.start, cite.end, label=cite.type_code or "SYMBOL", alignment_mode="expand")
            if span is not None:
                span._.citation = cite
                spans.append(span)
        named = []
        for ref in result.named_references:
            span = doc.char_span(ref.start, ref.end, label=ref.type, alignment_mode="expand")
            if span is not None:
                span._.named_reference = ref
                named.append(span)
        doc.spans[self.spans_key] = spans
        doc.spans[self.named_spans_key] = named
        doc._.citegraph = result
        return doc

    # spaCy serialisation hooks: the component has no weights; its config is the whole state.
    def to_bytes(self, *, exclude: tuple = ()) -> bytes:
        return b""

    def from_bytes(self, data: bytes, *, exclude: tuple = ()) -> "CitationFinder":
        return self

    def to_disk(self, path, *, exclude: tuple = ()) -> None:  # noqa: ANN001
        return None

    def from_disk(self, path, *, exclude: tuple = ()) -> "CitationFinder":  # noqa: ANN001
        return self


__all__ = ["make_citation_finder", "CitationFinder"]
