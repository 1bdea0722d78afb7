"""Named references: documents cited by name without a number ("Luật Tiếp công dân",
"Hiến pháp 2013", "Nghị quyết Đại hội đại biểu toàn quốc lần thứ XIII của Đảng").

>>> [(n.type, n.text) for n in named_references("Căn cứ Hiến pháp năm 2013; Luật Tổ chức chính quyền địa phương;", [])]
[('Hiến pháp', 'Hiến pháp năm 2013'), ('Luật', 'Luật Tổ chức chính quyền địa phương')]
"""
from __future__ import annotations

import re

from extract import patterns as P
from extract.models import Citation, NamedReference
from extract.spans import Spans

_NUMBER_AFTER_RE = re.compile(r"\s*(?:số|Số)\s*:?\s*\d")


def named_references(text: str, cits: list[Citation]) -> list[NamedReference]:
    """Named references in ``text``, in text order, outside the spans of ``cits``.

    A name followed by "số <number>" is the head of a numbered citation, not a named reference;
    where two patterns match the same words, the one listed first in
    ``patterns.NAMED_REFERENCE_PATTERNS`` keeps them."""
    taken = Spans([(c.start, c.end) for c in cits])
    out: list[NamedReference] = []
    for pattern in P.NAMED_REFERENCE_PATTERNS:
        for m in pattern.regex.finditer(text):
            s, e = m.start(), m.end()
            frag = m.group(0)
            if len(frag.split()) < 2 or _NUMBER_AFTER_RE.match(text, e, e + 12):
                continue  # numbered: already a citation
            if taken.overlaps(s, e):
                continue
            taken.add(s, e)
            out.append(NamedReference(start=s, end=e, text=frag, type=pattern.type))
    out.sort(key=lambda n: n.start)
    return out
