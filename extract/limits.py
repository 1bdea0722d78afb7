"""Hard limits on reading one file: the caps no real document reaches, and the checks that apply them.

A hostile or broken file (a PDF whose stream inflates to gigabytes, a .docx zip bomb, HTML nested
60,000 deep, a 100,000-page PDF) must fail alone with a reason that names the limit it crossed,
while the batch goes on.  Two layers do that:

- *caps* checked here, before the expensive step: bytes after decompression (zip members, PDF
  Flate streams), HTML nesting depth, PDF pages, characters of text;
- *hard limits* applied by ``graph.sandbox`` to the worker process that reads and extracts the
  file: address space (``RLIMIT_AS``) and wall time.  They catch whatever slips past the caps.

The defaults sit far above the largest real documents (../shared: 1.4 MB of text, 55 PDF pages,
a .docx that inflates to 0.7 MB, HTML nested < 40 deep) and far below what hurts a shared
office machine.  Every limit is configurable: ``citegraph ingest --max-pages 5000`` or
``CITEGRAPH_MAX_PAGES=5000`` (see :data:`LIMITS`).

>>> check_html_depth("<div>" * 3, Limits(max_depth=5))
3
>>> try:
...     check_html_depth("<div>" * 9, Limits(max_depth=5))
... except LimitExceeded as exc:
...     print(exc)
HTML nested more than 5 deep (limit max_depth: --max-depth / CITEGRAPH_MAX_DEPTH)
"""
from __future__ import annotations

import os
import re
import zlib
from dataclasses import dataclass, fields, replace

MB = 1024 * 1024


class LimitExceeded(Exception):
    """A file crossed one of the limits; the message names the limit and how to raise it."""


@dataclass(frozen=True, slots=True)
class Limits:
    """Per-file limits (sizes in bytes, time in seconds); 0 switches a limit off."""

    max_bytes: int = 50 * MB          # the file itself, before it is read
    max_unzipped: int = 200 * MB      # zip members (.docx) / PDF streams after inflating
    max_pages: int = 2_000            # PDF pages
    max_depth: int = 1_000            # HTML element nesting
    max_chars: int = 10_000_000       # characters of text handed to the extractor
    timeout: float = 300.0            # wall time to read and extract one file (OCR included)
    max_memory: int = 1024 * MB       # address space the worker may add while reading one file

    @classmethod
    def from_env(cls, environ: dict[str, str] | None = None, **overrides) -> "Limits":
        """Defaults, then ``CITEGRAPH_<NAME>`` variables (MB for sizes, seconds), then non-None overrides."""
        env = os.environ if environ is None else environ
        values: dict[str, float] = {}
        for f in fields(cls):
            raw = env.get(ENV_NAMES[f.name])
            if raw:
                try:
                    number = float(raw)
                except ValueError:
                    raise ValueError(f"{ENV_NAMES[f.name]}={raw!r} is not a number") from None
                values[f.name] = _from_unit(f.name, number)
        values.update({k: v for k, v in overrides.items() if v is not None})
        return replace(cls(), **values)


# What the user types for each limit (CLI option / variable), and in which unit.
OPTIONS = {"max_bytes": "--max-mb", "max_unzipped": "--max-unzipped-mb", "max_pages": "--max-pages",
           "max_depth": "--max-depth", "max_chars": "--max-chars", "timeout": "--timeout",
           "max_memory": "--max-memory-mb"}
ENV_NAMES = {"max_bytes": "CITEGRAPH_MAX_MB", "max_unzipped": "CITEGRAPH_MAX_UNZIPPED_MB",
             "max_pages": "CITEGRAPH_MAX_PAGES", "max_depth": "CITEGRAPH_MAX_DEPTH",
             "max_chars": "CITEGRAPH_MAX_CHARS", "timeout": "CITEGRAPH_TIMEOUT",
             "max_memory": "CITEGRAPH_MAX_MEMORY_MB"}
_IN_MB = frozenset({"max_bytes", "max_unzipped", "max_memory"})


def _from_unit(name: str, number: float) -> int | float:
    if name in _IN_MB:
        return int(number * MB)
    return number if name == "timeout" else int(number)


def how_to_raise(name: str) -> str:
    """``"limit max_pages: --max-pages / CITEGRAPH_MAX_PAGES"``: what every limit message ends with."""
    return f"limit {name}: {OPTIONS[name]} / {ENV_NAMES[name]}"


def mb(n: int) -> str:
    return f"{n / MB:,.0f} MB" if n >= MB else f"{n:,} bytes"


# The limits of this process: the sandbox worker sets them from the ingest options; a plain
# ``read_file`` call outside a worker gets the defaults (and the variables).
_active: Limits | None = None


def active() -> Limits:
    global _active
    if _active is None:
        _active = Limits.from_env()
    return _active


def configure(limits: Limits | None) -> None:
    """Set the limits the readers of this process check (None: back to defaults + variables)."""
    global _active
    _active = limits


# -- the caps ----------------------------------------------------------------------------------
def check_chars(n: int, limits: Limits | None = None) -> None:
    lim = limits or active()
    if lim.max_chars and n > lim.max_chars:
        raise LimitExceeded(f"text is {n:,} characters, over the {lim.max_chars:,}-character limit "
                            f"({how_to_raise('max_chars')})")


def check_pages(n: int, limits: Limits | None = None) -> None:
    lim = limits or active()
    if lim.max_pages and n > lim.max_pages:
        raise LimitExceeded(f"PDF has more than {lim.max_pages:,} pages ({how_to_raise('max_pages')})")


# Word's XML costs the .docx reader about 8 s per MB, so a .docx's XML parts get a twentieth of
# max_unzipped (10 MB by default; the largest real document.xml is 0.7 MB); images and the
# rest of the archive get all of it.
XML_SHARE = 20


def check_unzipped(total: int, what: str, limits: Limits | None = None, share: int = 1) -> None:
    lim = limits or active()
    cap = lim.max_unzipped // share
    if lim.max_unzipped and total > cap:
        of = f"; a {share}th of the limit" if share > 1 else ""
        raise LimitExceeded(f"{what} inflates to more than {mb(cap)} "
                            f"(decompression bomb?{of}; {how_to_raise('max_unzipped')})")


# Elements that never nest (void) or that the parser closes by itself when a sibling opens
# (a run of unclosed <p> or <li> is not a deep tree): skipped when counting depth.
_FLAT_TAGS = frozenset(
    "area base br col embed hr img input link meta param source track wbr "
    "p li dt dd tr td th option optgroup rb rt rp thead tbody tfoot colgroup caption".split())
_TAG = re.compile(r"<(/?)([A-Za-z][A-Za-z0-9:-]*)[^>]*?(/?)>")


def check_html_depth(html: str, limits: Limits | None = None) -> int:
    """Deepest element nesting, counted from the tags alone (no parse); fails past ``max_depth``.

    The HTML parser slows down more than linearly with depth (50,000 nested tags take seconds,
    a million never finish), so depth is checked before parsing.  Tags the parser closes on
    its own are not counted, so sloppy real pages stay shallow."""
    lim = limits or active()
    depth = deepest = 0
    for m in _TAG.finditer(html):
        name = m.group(2).lower()
        if name in _FLAT_TAGS or m.group(3):
            continue
        if m.group(1):
            depth = max(0, depth - 1)
            continue
        depth += 1
        if depth > deepest:
            deepest = depth
            if lim.max_depth and deepest > lim.max_depth:
                raise LimitExceeded(f"HTML nested more than {lim.max_depth:,} deep ({how_to_raise('max_depth')})")
    return deepest


_STREAM = re.compile(rb"stream\r?\n")
_CHUNK = 64 * 1024
_DEFLATE_MAX_RATIO = 1032  # the most a deflate stream can expand


def check_pdf_streams(data: bytes, limits: Limits | None = None) -> int:
    """Largest Flate stream of a PDF once inflated, inflating in bounded steps.

    A PDF reader inflates a whole stream in one go; a 2 MB file can hold a stream of 2 GB.
    This walk stops as soon as one stream crosses ``max_unzipped``, or all of them together
    cross ten times that (the largest real scan: 12 MB in one stream, 82 MB in all).  Streams
    that are not zlib data, or are damaged, are left to the reader.  Deflate expands at most
    1032-fold, so when the whole file cannot inflate past ten times the limit, a stream too short
    to cross the limit is not inflated (not counted in the result either)."""
    lim = limits or active()
    cap = lim.max_unzipped
    view = memoryview(data)
    largest = total = 0
    bounded = bool(cap) and len(data) * _DEFLATE_MAX_RATIO <= 10 * cap
    for m in _STREAM.finditer(data):
        pos = m.end()
        if data[pos:pos + 1] != b"x":  # zlib header 0x78
            continue
        if bounded:
            end = data.find(b"endstream", pos)
            if end > 0 and (end - pos) * _DEFLATE_MAX_RATIO <= cap:
                continue
        d = zlib.decompressobj()
        size = 0
        try:
            while not d.eof and pos < len(data):
                chunk = view[pos:pos + _CHUNK]
                pos += len(chunk)
                while chunk:
                    n = len(d.decompress(chunk, MB))
                    size += n
                    total += n
                    if cap and size > cap:
                        check_unzipped(size, "a PDF stream", lim)
                    if cap and total > 10 * cap:
                        raise LimitExceeded(f"PDF streams inflate to more than {mb(10 * cap)} in all "
                                            f"(ten times the {how_to_raise('max_unzipped')})")
                    chunk = d.unconsumed_tail
                    if d.eof:
                        break
        except zlib.error:
            pass
        largest = max(largest, size)
    return largest
