"""Typed, immutable records produced by the extractor.

Every record carries character offsets into the text *as read* (after decoding, before any
repair), so ``text[c.start:c.end] == c.text`` always holds.  Later stages (graph, audit,
explorer) build new objects from these; nothing mutates them.
"""
from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any, NamedTuple

RELATIONS = ("implements", "based_on", "replaces", "amends", "guides", "cites")


class Citation(NamedTuple):
    """One numbered reference, e.g. ``Kết luận số 114-KL/TW, ngày 14/7/2015 của Ban Bí thư``.

    ``symbol`` is the canonical, repaired số hiệu (``25NQ/TW`` -> ``25-NQ/TW``); ``original``
    is the symbol exactly as written; ``repairs`` names each fix applied.

    A ``NamedTuple`` rather than a frozen dataclass: as immutable and typed, and cheaper to build
    and to copy with ``_replace`` (a corpus makes tens of thousands).  Always built by keyword.
    """

    start: int
    end: int
    text: str
    symbol: str
    original: str
    number: str
    family: str  # party | state | normative
    type: str | None = None
    type_code: str | None = None
    year: int | None = None
    issuer_code: str | None = None
    issuer: str | None = None
    date: str | None = None
    subject: str | None = None
    relation: str = "cites"  # one of RELATIONS
    key: str = ""
    repairs: tuple[str, ...] = ()
    symbol_start: int = 0
    symbol_end: int = 0
    short_form: bool = False  # "Đề án 04" resolved to the full reference of the same document
    type_word: str | None = None  # the type word as written before the number ("Quy định" for 5530-QĐ/TU)

    @property
    def span(self) -> tuple[int, int]:
        return (self.start, self.end)

    def to_dict(self) -> dict[str, Any]:
        d = self._asdict()
        d["repairs"] = list(self.repairs)
        return d


class Edge(NamedTuple):
    """A relation the text states between two *other* documents.

    ``Kế hoạch số 116-KH/TU ... thực hiện Kết luận số 114-KL/TW`` gives
    ``Edge(source="116-KH/TU", rel="implements", target="114-KL/TW", ...)``.
    """

    source: str
    rel: str
    target: str
    start: int
    end: int
    source_key: str = ""
    target_key: str = ""

    def to_dict(self) -> dict[str, Any]:
        return {"from": self.source, "rel": self.rel, "to": self.target, "start": self.start,
                "end": self.end, "from_key": self.source_key, "to_key": self.target_key}


class NamedReference(NamedTuple):
    """A document cited by name without a number: ``Luật Tiếp công dân``, ``Hiến pháp 2013``."""

    start: int
    end: int
    text: str
    type: str
    relation: str = "cites"

    def to_dict(self) -> dict[str, Any]:
        return self._asdict()


@dataclass(frozen=True, slots=True)
class DocumentInfo:
    """The identity of the file's own document, from its header and signature block."""

    type: str | None = None
    type_code: str | None = None
    symbol: str | None = None
    number: str | None = None
    date: str | None = None
    place: str | None = None
    issuer: str | None = None
    issuer_code: str | None = None
    signer: str | None = None
    title: str | None = None
    province: str | None = None
    key: str | None = None
    draft: bool = False  # blank number or blank day in the header ("Số: /KH-UBND")
    symbol_text: str | None = None  # the số hiệu exactly as written
    date_text: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(frozen=True, slots=True)
class ExtractionResult:
    """Everything extracted from one document's text."""

    document: DocumentInfo
    citations: tuple[Citation, ...] = ()
    edges: tuple[Edge, ...] = ()
    named_references: tuple[NamedReference, ...] = ()
    text_length: int = 0
    meta: dict[str, Any] = field(default_factory=dict)

    def to_dict(self, source: str | None = None) -> dict[str, Any]:
        """The JSON shape of ``citegraph extract`` (shared/spec/extract-output.md)."""
        out: dict[str, Any] = {}
        if source is not None:
            out["source"] = source
        out["document"] = self.document.to_dict()
        out["citations"] = [c.to_dict() for c in self.citations]
        out["edges"] = [e.to_dict() for e in self.edges]
        out["named_references"] = [n.to_dict() for n in self.named_references]
        return out
