"""citegraph's extractor: text in, typed citations out.  Pure: no store, network or UI.

The package is the pipeline; its verbs:

* ``extract_text(text)``   -> ``ExtractionResult`` (document identity, citations, edges, named refs)
* ``find_citations(text)`` -> the numbered references alone
* ``document_key(symbol, province)`` -> the graph's canonical id of a cited document
"""
from extract.find import find_citations
from extract.keys import document_key, fold_symbol
from extract.models import Citation, DocumentInfo, Edge, ExtractionResult, NamedReference
from extract.pipeline import extract_text

__all__ = ["extract_text", "find_citations", "document_key", "fold_symbol", "Citation", "DocumentInfo", "Edge",
           "ExtractionResult", "NamedReference"]
