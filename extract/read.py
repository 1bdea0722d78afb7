"""Read one document file into NFC text, or fail with one clear reason.

Offices keep documents as .txt in whatever encoding the machine had, .docx, PDFs
with a text layer, saved web pages and the odd Word 97 .doc. Everything after this
module works on a single ``str``, so this is the one place that knows about bytes.

>>> import pathlib, tempfile
>>> p = pathlib.Path(tempfile.mkdtemp()) / "a.txt"
>>> _ = p.write_bytes("Số: 18-NQ/TW".encode("utf-16"))
>>> read_file(p)
ReadResult(text='Số: 18-NQ/TW', encoding='utf-16', format='txt', warnings=())

Contract
--------
- ``read_file(path)`` returns a :class:`ReadResult` whose ``text`` is NFC with
  ``\\n`` line ends (``\\r\\n``/``\\r`` become ``\\n``; PDF page breaks become a blank line).
- Any file that cannot be read raises :class:`ReadError` ``(path, reason)``; nothing
  else escapes (the fuzz tests hold us to that). A batch loop prints the reason
  and moves on. Nothing half-read is ever returned.
- ``encoding`` names how the bytes became text: ``utf-8``, ``utf-8-sig``, ``utf-16``,
  ``utf-16-le``/``-be`` (no BOM), ``utf-32``, ``cp1258``, ``tcvn3``, ``vni``, a
  charset-normalizer guess (with a warning), ``docx``, ``antiword``/``catdoc`` (.doc), ``pdf``
  (text layer), ``ocr`` (every page OCRed) or ``pdf+ocr`` (some); a ``+tcvn3``/``+vni``
  suffix means the decoded text was legacy-font mojibake ("Céng hoµ") and was converted.

Legacy Vietnamese (TCVN3/ABC, VNI) goes through :mod:`extract.legacy`; PDFs through
:mod:`extract.pdf` (poppler's text layer, OCR of scanned pages).
"""

from __future__ import annotations

import codecs
import io
import os
import re
import shutil
import subprocess
import unicodedata
import zipfile
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

import regex

from extract import limits
from extract.legacy import SAMPLE_CHARS, convert_legacy, detect_legacy, legacy_in_sample, pick

__all__ = [
    "DEFAULT_MAX_BYTES",
    "SUPPORTED_SUFFIXES",
    "ReadError",
    "ReadResult",
    "convert_legacy",
    "detect_legacy",
    "read_bytes",
    "read_file",
]

DEFAULT_MAX_BYTES = limits.Limits().max_bytes
"""Files above this are refused before being read (a stray video in the folder)."""

SUPPORTED_SUFFIXES = (".txt", ".md", ".docx", ".pdf", ".html", ".htm", ".doc")

class ReadError(Exception):
    """A file that cannot become text, told as ``"{path}: {reason}"``.

    Keeps ``args == (path, reason)`` so it pickles across worker processes.
    """

    def __init__(self, path: str | os.PathLike[str], reason: str) -> None:
        super().__init__(path, reason)
        self.path = path
        self.reason = reason

    def __str__(self) -> str:
        return f"{self.path}: {self.reason}"


@dataclass(frozen=True, slots=True)
class ReadResult:
    """Text of one file plus how it was obtained (for the ingest report)."""

    text: str
    encoding: str
    format: str
    warnings: tuple[str, ...] = ()


# --------------------------------------------------------------------------- bytes


def _cp1252_surface(data: bytes) -> str:
    """Bytes as a Windows-1252 editor shows them (undefined bytes as Latin-1)."""
    return data.decode("cp1252", errors="latin1_fallback")


def _latin1_fallback(err: UnicodeDecodeError) -> tuple[str, int]:
    return err.object[err.start : err.end].decode("latin-1"), err.end


codecs.register_error("latin1_fallback", _latin1_fallback)


# What binary data decodes to: controls (but tab, newlines, form feed, vertical tab, DOS EOF), C1
# controls, U+FFFD, private use and surrogates, scanned by the standard ``re`` engine (several times
# faster than a Unicode-category scan), plus unassigned code points counted on a sample.
_BAD_FAST_RE = re.compile("[\x00-\x08\x0e-\x19\x1b-\x1f\x7f-\x9f\ufffd\ue000-\uf8ff\ud800-\udfff]")
_UNASSIGNED_RE = regex.compile(r"\p{Cn}")
_SAMPLE_BAD = 65536


# Characters that are surely fine in a text (none of them is "bad" or unassigned): tab and line
# breaks, printable ASCII, Latin-1 and Latin Extended-A/B, combining marks, Latin Extended
# Additional (all of Vietnamese) and general punctuation.  Only the rest needs a closer look.
_PLAIN_RE = re.compile("[^\t\n\x0b\x0c\r\x1a -~\xa0-\u024f\u0300-\u036f\u1e00-\u1eff\u2000-\u2064]")
_FEW_UNUSUAL = 4096


def _bad_chars(text: str) -> int:
    """Number of characters that do not belong in text; unassigned code points are counted in the
    first 64K characters and scaled to the whole text.

    One scan finds the unusual characters (in Vietnamese text: a handful) and only those are
    classified; a text full of them (another script, binary data) is counted by two full scans."""
    n = unassigned = 0
    for k, m in enumerate(_PLAIN_RE.finditer(text)):
        if k == _FEW_UNUSUAL:
            return _bad_chars_scan(text)
        ch = m.group()
        if _BAD_FAST_RE.match(ch):
            n += 1
        elif m.start() < _SAMPLE_BAD and _UNASSIGNED_RE.match(ch):
            unassigned += 1
    if len(text) <= _SAMPLE_BAD:
        return n + unassigned
    return n + unassigned * len(text) // _SAMPLE_BAD


def _bad_chars_scan(text: str) -> int:
    n = len(_BAD_FAST_RE.findall(text))
    if len(text) <= _SAMPLE_BAD:
        return n + len(_UNASSIGNED_RE.findall(text))
    return n + len(_UNASSIGNED_RE.findall(text, 0, _SAMPLE_BAD)) * len(text) // _SAMPLE_BAD


def _looks_like_text(text: str) -> bool:
    return _bad_chars(text) * 200 <= len(text)


def _utf16_without_bom(data: bytes) -> tuple[str, str] | None:
    """UTF-16 saved without BOM: NULs on one parity only (ASCII-heavy text)."""
    if len(data) < 4 or len(data) % 2:
        return None
    even, odd = data[0::2].count(0), data[1::2].count(0)
    half = len(data) // 2
    for codec, zeros, other in (("utf-16-le", odd, even), ("utf-16-be", even, odd)):
        if zeros >= 0.3 * half and other == 0:
            try:
                text = data.decode(codec)
            except UnicodeDecodeError:
                continue
            if _looks_like_text(text):
                return text, codec
    return None


_BOMS = (
    (b"\xff\xfe\x00\x00", "utf-32"),
    (b"\x00\x00\xfe\xff", "utf-32"),
    (b"\xef\xbb\xbf", "utf-8-sig"),
    (b"\xff\xfe", "utf-16"),
    (b"\xfe\xff", "utf-16"),
)


def _decode(data: bytes) -> tuple[str, str, list[str]]:
    """Bytes to text: BOM, UTF-8, 8-bit Vietnamese candidates, then a guess.

    Raises ``_Fail(reason)``; legacy mojibake inside UTF-8 is handled later, in
    :func:`_finish`, because docx/pdf/html text can carry it too.
    """
    for bom, codec in _BOMS:
        if data.startswith(bom):
            try:
                return data.decode(codec), codec, []
            except UnicodeDecodeError as e:
                raise _Fail(f"starts with a {codec} byte-order mark but is not valid {codec} ({e.reason} at byte {e.start})") from None
    if b"\x00" in data:
        found = _utf16_without_bom(data)
        if found:
            return found[0], found[1], [f"no byte-order mark; decoded as {found[1]}"]
        raise _Fail("contains NUL bytes: a binary file, not text")
    try:
        return data.decode("utf-8"), "utf-8", []
    except UnicodeDecodeError:
        pass
    # 8-bit: Windows-1258, or TCVN3/VNI bytes shown through Windows-1252.
    surface = _cp1252_surface(data)
    sample = surface[:SAMPLE_CHARS]
    candidates = {name: convert_legacy(sample, name) for name in ("tcvn3", "vni")}
    try:
        cp1258 = unicodedata.normalize("NFC", data.decode("cp1258"))
    except UnicodeDecodeError:
        cp1258 = None
    else:
        candidates["cp1258"] = cp1258[:SAMPLE_CHARS]
    name = pick(candidates, sample)
    if name == "cp1258" and cp1258 is not None:
        return cp1258, "cp1258", []
    if name in ("tcvn3", "vni"):
        return convert_legacy(surface, name), name, []
    return _guess(data)


def _guess(data: bytes) -> tuple[str, str, list[str]]:
    """Last resort: charset-normalizer, accepted only if the result looks like text."""
    try:
        from charset_normalizer import from_bytes

        best = from_bytes(data).best()
    except Exception:  # noqa: BLE001 - a detector bug must not escape as a crash
        best = None
    if best is not None:
        text = str(best)
        # A guess may only touch a few characters: mostly-ASCII text (English, a stray
        # "©") is safe to take; mostly 8-bit text in an unknown table would be garbage.
        ascii_share = sum(c.isascii() for c in text) / max(len(text), 1)
        if text.strip() and ascii_share >= 0.95 and _looks_like_text(text):
            return text, best.encoding, [f"encoding guessed as {best.encoding}; not UTF-8, UTF-16, Windows-1258, TCVN3 or VNI"]
    raise _Fail("unknown encoding: not UTF-8, UTF-16, Windows-1258, TCVN3 or VNI")


class _Fail(Exception):
    """Internal: a reason without a path; read_file adds the path."""


# --------------------------------------------------------------------------- formats


def _read_txt(data: bytes, max_bytes: int) -> tuple[str, str, list[str]]:
    return _decode(data)


_META_CHARSET = re.compile(rb"""<meta[^>]{0,200}?charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]{1,40})""", re.I)
_HTML_DROP = ("script", "style", "noscript", "template", "nav", "footer", "aside", "form", "iframe", "svg", "button", "select")
_HTML_BLOCK = frozenset(
    "address article blockquote body br dd details div dl dt fieldset figcaption figure h1 h2 h3 h4 h5 h6 "
    "header hr li main ol p pre section summary table tbody thead tfoot tr ul caption title".split()
)
_HTML_CELL = frozenset(("td", "th"))
# Where legal-document sites keep the text itself, inside their page chrome (tabs, menus, the
# "Thuộc tính" panel): vbpl.vn (current and older layout), thuvienphapluat.vn.  The first that
# holds some text wins; a page from another site falls back to <main>/<article>/<body>.
_HTML_CONTENT_SELECTORS = (".preview-content", "#toanvancontent", ".toanvancontent", ".fulltext",
                           ".content1", "#divContentDoc", ".cldivContentDocVn")
_MIN_CONTENT_CHARS = 200


def _html_text_bytes(data: bytes) -> tuple[str, str, list[str]]:
    """Honour a <meta charset> (first 4 KB) when it decodes cleanly, else sniff."""
    if not any(data.startswith(bom) for bom, _ in _BOMS):
        m = _META_CHARSET.search(data[:4096])
        if m:
            name = m.group(1).decode("ascii").lower()
            try:
                codecs.lookup(name)
                return data.decode(name), name, []
            except (LookupError, UnicodeDecodeError, ValueError):
                pass
    return _decode(data)


def _read_html(data: bytes, max_bytes: int) -> tuple[str, str, list[str]]:
    """Main text only: a legal site's content block, else <main>/<article>, minus scripts, menus and footers."""
    from selectolax.lexbor import LexborHTMLParser

    html, encoding, warnings = _html_text_bytes(data)
    html = html.replace("\x00", "")
    limits.check_html_depth(html)  # the parser slows down more than linearly with depth
    tree = LexborHTMLParser(html)
    root = next((node for sel in _HTML_CONTENT_SELECTORS for node in tree.css(sel)
                 if len(node.text(strip=True)) >= _MIN_CONTENT_CHARS), None)
    if root is None:
        root = tree.css_first("main") or tree.css_first('[role="main"]')
    if root is None:
        articles = tree.css("article")
        root = articles[0] if len(articles) == 1 else tree.body
    if root is None:
        return "", encoding, warnings
    drop = _HTML_DROP if root.tag != "body" else (*_HTML_DROP, "header")
    for node in root.css(", ".join(drop)):
        node.decompose()
    return _node_text(root), encoding, warnings


def _node_text(root) -> str:
    """Text with line breaks at block elements and tabs between cells; iterative (deep DOMs)."""
    out: list[str] = []
    stack = [(root, False)]
    while stack:
        node, closing = stack.pop()
        tag = node.tag
        if closing:
            if tag in _HTML_BLOCK:
                out.append("\n")
            elif tag in _HTML_CELL:
                out.append("\t")
            continue
        if tag == "-text":
            out.append(node.text_content or "")
            continue
        if tag in ("-comment", "!doctype"):
            continue
        if tag in _HTML_BLOCK:
            out.append("\n")
        stack.append((node, True))
        children = []
        child = node.child
        while child is not None:
            children.append(child)
            child = child.next
        stack.extend((c, False) for c in reversed(children))
    text = "".join(out).replace("\xa0", " ")
    lines = (re.sub(r"[ \t]+", lambda m: "\t" if "\t" in m.group() else " ", ln).strip() for ln in text.split("\n"))
    return re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip()


def _check_zip(data: bytes, max_bytes: int, what: str) -> zipfile.ZipFile:
    try:
        zf = zipfile.ZipFile(io.BytesIO(data))
        names = set(zf.namelist())
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, ValueError, EOFError):
        raise _Fail(f"not a valid {what} (not a complete ZIP archive; truncated or corrupt?)") from None
    if "word/document.xml" not in names:
        raise _Fail(f"not a valid {what} (ZIP archive without word/document.xml)")
    # zipfile refuses to inflate a member past its declared size, so the declared sizes bound it
    limits.check_unzipped(sum(i.file_size for i in zf.infolist()), what)
    limits.check_unzipped(sum(i.file_size for i in zf.infolist() if i.filename.endswith((".xml", ".rels"))),
                          f"the XML of the {what}", share=limits.XML_SHARE)
    try:
        bad = zf.testzip()
    except Exception:  # noqa: BLE001 - zipfile raises many types on corrupt members
        bad = "?"
    if bad is not None:
        raise _Fail(f"corrupt {what}: damaged ZIP member {bad}")
    return zf


_DOCX_MARKERS = re.compile(r"----(?:media/[^\n]*?|Image alt text---->[^\n]*?<|)----")


def _read_docx(data: bytes, max_bytes: int) -> tuple[str, str, list[str]]:
    """Page headers, then body paragraphs and table cells in document order, footers, notes."""
    from docx2python import docx2python
    from docx2python.iterators import iter_at_depth

    _check_zip(data, max_bytes, ".docx")
    try:
        with docx2python(io.BytesIO(data)) as doc:
            # One line per paragraph (table cells too), as Word's "plain text" export
            # does; docx2python's own .text puts a blank line between paragraphs.
            text = "\n".join(iter_at_depth(doc.document, 4))
    except Exception as e:  # noqa: BLE001 - docx2python/lxml raise anything on bad XML
        raise _Fail(f"corrupt .docx: {type(e).__name__}: {_short(e)}") from None
    return _DOCX_MARKERS.sub("", text), "docx", []


def _read_pdf(data: bytes, max_bytes: int, ocr_cache=None, on_page=None) -> tuple[str, str, list[str]]:
    """Text layer in reading order, scanned pages through OCR (:mod:`extract.pdf`)."""
    from extract.pdf import PdfError, pdf_text

    limits.check_pdf_streams(data)  # a reader inflates a whole stream at once
    try:
        text, warnings, how = pdf_text(data, ocr_cache=ocr_cache, on_page=on_page)
    except PdfError as e:
        raise _Fail(str(e)) from None
    return text, how, warnings


def _read_doc(data: bytes, max_bytes: int) -> tuple[str, str, list[str]]:
    """Word 97-2003: antiword or catdoc if installed; .docx/RTF/HTML in disguise are sniffed."""
    head = data[:512].lstrip()
    if data.startswith(b"PK"):
        text, enc, warnings = _read_docx(data, max_bytes)
        return text, enc, [*warnings, "file named .doc is a .docx; read as .docx"]
    if head.startswith(b"{\\rtf"):
        raise _Fail("RTF document saved as .doc: not supported; save it as .docx")
    if head[:100].lower().startswith((b"<html", b"<!doctype html", b"<?xml")) or b"<html" in head[:200].lower():
        text, enc, warnings = _read_html(data, max_bytes)
        return text, enc, [*warnings, "file named .doc is a web page; read as HTML"]
    if not data.startswith(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"):
        raise _Fail("not a Word .doc file (no OLE2 signature)")
    for tool, args in (("antiword", ["-m", "UTF-8.txt", "-w", "0"]), ("catdoc", ["-d", "utf-8", "-w"])):
        exe = shutil.which(tool)
        if exe is None:
            continue
        try:
            proc = subprocess.run([exe, *args, "-"], input=data, capture_output=True, timeout=120, check=False)
        except (OSError, subprocess.SubprocessError) as e:
            raise _Fail(f"old Word .doc: {tool} failed ({_short(e)})") from None
        if proc.returncode != 0:
            raise _Fail(f"old Word .doc: {tool} could not read it ({_short(proc.stderr.decode('utf-8', 'replace'))})")
        return proc.stdout.decode("utf-8", errors="replace"), tool, [f"old Word .doc converted with {tool}"]
    raise _Fail("old Word 97-2003 .doc is not supported: save it as .docx, or install antiword or catdoc (neither is on PATH)")


_READERS = {
    ".txt": ("txt", _read_txt),
    ".md": ("md", _read_txt),
    ".html": ("html", _read_html),
    ".htm": ("html", _read_html),
    ".docx": ("docx", _read_docx),
    ".pdf": ("pdf", _read_pdf),
    ".doc": ("doc", _read_doc),
}


def _short(e: object, limit: int = 160) -> str:
    s = " ".join(str(e).split())
    return s if len(s) <= limit else s[: limit - 1] + "…"


def _finish(text: str, encoding: str, warnings: list[str]) -> tuple[str, str]:
    """NFC, \\n line ends, legacy mojibake repair, then the is-this-text checks."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if text.startswith("\ufeff"):
        text = text[1:]
    text = unicodedata.normalize("NFC", text)
    if encoding not in ("tcvn3", "vni", "ocr"):  # OCR writes Unicode
        legacy = legacy_in_sample(text[:SAMPLE_CHARS])  # the text is NFC already
        if legacy:
            text = convert_legacy(text, legacy)
            encoding = f"{encoding}+{legacy}"
    if encoding.endswith("tcvn3"):
        warnings.append("converted from TCVN3, which has no upper-case accented letters: headings set in a .VnTimeH font come back lower-case")
    if not text.strip():
        raise _Fail("no text (empty or only whitespace)")
    if not _looks_like_text(text):
        raise _Fail(f"not text: {_bad_chars(text)} control or invalid characters in {len(text)} (binary file?)")
    return text, encoding


def read_file(path: str | os.PathLike[str], max_bytes: int = DEFAULT_MAX_BYTES, *,
              ocr_cache: str | os.PathLike[str] | None = None,
              on_page: Callable[[int, int], None] | None = None) -> ReadResult:
    """Read ``path`` into NFC text, choosing the reader by suffix; ReadError otherwise.

    ``max_bytes`` guards the worker's memory: larger files are refused unread.  Scanned PDF pages
    are OCRed, their text kept in the folder ``ocr_cache`` (by content hash) when given;
    ``on_page(done, total)`` reports OCR progress.
    """
    _reader_for(path)  # an unsupported suffix fails before the file is opened
    try:
        with open(path, "rb") as f:
            size = os.fstat(f.fileno()).st_size
            if size > max_bytes:
                raise ReadError(path, f"file is {size:,} bytes, over the {max_bytes:,}-byte limit (max_bytes)")
            data = f.read(size + 1)  # not max_bytes + 1: a huge limit must not allocate up front
    except ReadError:
        raise
    except FileNotFoundError:
        raise ReadError(path, "file not found") from None
    except IsADirectoryError:
        raise ReadError(path, "is a directory, not a file") from None
    except PermissionError:
        raise ReadError(path, "permission denied") from None
    except OSError as e:
        raise ReadError(path, f"cannot open: {e.strerror or _short(e)}") from None
    return read_bytes(data, path, max_bytes, ocr_cache=ocr_cache, on_page=on_page)


def read_bytes(data: bytes, name: str | os.PathLike[str], max_bytes: int = DEFAULT_MAX_BYTES, *,
               ocr_cache: str | os.PathLike[str] | None = None,
               on_page: Callable[[int, int], None] | None = None) -> ReadResult:
    """Like :func:`read_file` for bytes already in memory (an upload); ``name`` gives the suffix.

    >>> read_bytes("Sè: 18-NQ/TW, Céng hoµ x· héi chñ nghÜa ViÖt Nam".encode("cp1252"), "old.txt").text
    'Số: 18-NQ/TW, Cộng hoà xã hội chủ nghĩa Việt Nam'
    """
    fmt, reader = _reader_for(name)
    if len(data) > max_bytes:
        raise ReadError(name, f"file is {len(data):,} bytes, over the {max_bytes:,}-byte limit (max_bytes)")
    if not data.strip():
        raise ReadError(name, "empty file" if not data else "no text (only whitespace)")
    warnings: list[str] = []
    try:
        if fmt == "pdf":
            text, encoding, warnings = reader(data, max_bytes, ocr_cache, on_page)
        else:
            text, encoding, warnings = reader(data, max_bytes)
        text, encoding = _finish(text, encoding, warnings)
    except (_Fail, limits.LimitExceeded) as e:
        raise ReadError(name, str(e)) from None
    except RecursionError:
        raise ReadError(name, f"structure too deeply nested to read as {fmt}") from None
    except MemoryError:
        lim = limits.active().max_memory
        raise ReadError(name, f"ran out of memory while reading (limit max_memory {lim // limits.MB:,} MB "
                              "in an ingest worker: --max-memory-mb / CITEGRAPH_MAX_MEMORY_MB)") from None
    except Exception as e:  # noqa: BLE001 - last line of the never-a-traceback promise
        raise ReadError(name, f"cannot read as {fmt}: {type(e).__name__}: {_short(e)}") from None
    return ReadResult(text=text, encoding=encoding, format=fmt, warnings=tuple(warnings))


def _reader_for(name: str | os.PathLike[str]):
    suffix = Path(name).suffix.lower()
    if suffix not in _READERS:
        raise ReadError(name, f"unsupported file type {suffix or '(no suffix)'!r}; supported: {', '.join(SUPPORTED_SUFFIXES)}")
    return _READERS[suffix]
