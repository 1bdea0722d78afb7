"""Ingest files into the store: read, extract, scope, write; incremental and crash-safe.

Reading and extraction run in worker processes under hard limits (``graph.sandbox``: memory
and wall time per file; ``extract.limits``: decompressed bytes, pages, nesting, characters), so
a hostile file fails alone with a reason naming the limit.  Every write happens in the parent,
in file order, each file's rows together (a savepoint), committed in batches of files; the
write transaction is open only while a batch is written, never while files are extracted, so a
second writer (another ingest, an upload) waits its turn instead of failing.  The store is the
same whatever the worker count and whatever moment a run is killed at.  A file whose content
hash, extractor fingerprint and sidecar metadata are unchanged is skipped without being extracted.
"""
from __future__ import annotations

import hashlib
import json
import os
import time
from dataclasses import dataclass, field, replace
from functools import lru_cache
from pathlib import Path
from typing import Any, Callable, Iterable, Iterator, Sequence

from extract.jurisdiction import infer_province
from extract.keys import document_key, is_local
from extract.limits import LimitExceeded, Limits, check_chars, check_pdf_streams, how_to_raise
from extract.limits import active as active_limits
from extract.read import DEFAULT_MAX_BYTES, SUPPORTED_SUFFIXES, ReadError, ReadResult, read_bytes, read_file
from extract.sidecar import load_sidecar
from graph import sandbox, settings
from graph.store import FileFacts, Store, stored_path

FACTS_VERSION = "1"  # bump when the rows written for a file change meaning
_CONTEXT_CHARS = 240
# Folder walks skip these: a corpus's own notes are not documents (name them explicitly to ingest).
SKIP_NAMES = frozenset({"readme.md", "sources.md", "license.md", "changelog.md", "notes.md"})


# -- reading & extraction (the two seams to the extract package) ----------------------------------
def read_text(path: str, max_bytes: int = DEFAULT_MAX_BYTES, data: bytes | None = None,
              ocr_cache: str | None = None) -> ReadResult:
    """Read any supported file as text (``extract.read``); ReadError names the reason.

    ``data``: the file's bytes when the caller already has them (the worker hashes them first);
    ``ocr_cache``: the folder keeping OCR output of scanned pages by content hash.
    """
    if data is None:
        res = read_file(path, max_bytes, ocr_cache=ocr_cache)
    else:
        res = read_bytes(data, path, max_bytes, ocr_cache=ocr_cache)
    check_chars(len(res.text))
    return res


def _read_task(task: tuple[str, str | None]) -> ReadResult | ReadError:
    try:
        return read_text(task[0], ocr_cache=task[1])
    except ReadError as exc:
        return exc
    except LimitExceeded as exc:
        return ReadError(task[0], str(exc))
    except MemoryError:
        return ReadError(task[0], sandbox.memory_reason(active_limits()))
    except OSError as exc:
        return ReadError(task[0], f"cannot read: {exc.strerror or exc}")


def read_text_limited(path: str, *, ocr_cache: str | None = None, limits: Limits | None = None) -> ReadResult:
    """:func:`read_text` in a worker under the per-file limits (memory and time included), for a
    long-running process such as the explorer: a hostile file costs it one worker, not its
    memory.  Raises ReadError naming the reason or the limit."""
    [res] = sandbox.run(_read_task, [(path, ocr_cache)], workers=1, limits=limits or Limits.from_env(),
                        on_limit=lambda task, reason: ReadError(task[0], reason))
    if isinstance(res, ReadError):
        raise res
    return res


def ocr_cache_for(store_path: str | os.PathLike[str]) -> str:
    """The OCR cache folder beside a store file: ``<store>.ocr``."""
    return f"{store_path}.ocr"


def default_extractor(text: str, province: str | None):
    from extract import extract_text
    return extract_text(text, province=province)


@lru_cache(maxsize=1)
def extractor_fingerprint() -> str:
    """Hash of the extract package's code and tables: facts are redone when the extractor changes."""
    import extract
    root = Path(extract.__file__).parent
    h = hashlib.sha256(FACTS_VERSION.encode())
    for p in sorted(root.rglob("*")):
        if p.suffix in {".py", ".json"} and "__pycache__" not in p.parts:
            h.update(p.relative_to(root).as_posix().encode())
            h.update(p.read_bytes())
    return h.hexdigest()[:16]


def _sidecar_for(folder: Path, cache: dict[Path, dict[str, dict]]) -> dict[str, dict]:
    if folder not in cache:
        try:
            cache[folder] = load_sidecar(folder) or {}
        except Exception as exc:  # a broken sidecar must not stop the batch
            cache[folder] = {"__error__": {"reason": f"{type(exc).__name__}: {exc}"}}
    return cache[folder]


# -- discovery ----------------------------------------------------------------------------------
def discover(paths: Iterable[str | os.PathLike[str]], suffixes: Sequence[str] | None = None) -> tuple[list[Path], list[tuple[str, str]]]:
    """Files to ingest (folders walked recursively, sorted, de-duplicated) and inputs refused:
    missing ones, and links inside a folder to a file outside it (never followed: a link
    in a shared folder must not read someone's private file)."""
    suffixes = tuple(s.lower() for s in (suffixes or SUPPORTED_SUFFIXES))
    found: dict[str, Path] = {}
    missing: list[tuple[str, str]] = []
    outside: dict[str, str] = {}  # target -> the link that points there
    for raw in paths:
        p = Path(raw).expanduser()
        if p.is_dir():
            root = p.resolve()
            for entry in _files_under(root):
                name = entry.name
                if (Path(name).suffix.lower() in suffixes and not name.startswith(".")
                        and name.lower() not in SKIP_NAMES):
                    # the walk starts from a resolved folder and never enters a linked one, so
                    # only a linked file needs resolving (one lstat per path part)
                    f = Path(entry.path)
                    if entry.is_symlink():
                        f = f.resolve()
                        if not f.is_relative_to(root):
                            outside.setdefault(str(f), entry.path)
                            continue
                    found.setdefault(str(f), f)
        elif p.is_file():
            found.setdefault(str(p.resolve()), p.resolve())
        else:
            missing.append((str(raw), "no such file or directory"))
    # a link out of one folder is fine when its target is ingested anyway (named, or in another folder)
    missing += [(link, "link to a file outside the folder: not followed")
                for target, link in outside.items() if target not in found]
    return [found[k] for k in sorted(found)], missing


def _files_under(root: Path) -> Iterator[os.DirEntry]:
    """Every file below ``root`` (as ``Path.rglob`` walks: into real folders, not into linked
    ones; unreadable folders skipped), with the file types ``os.scandir`` already knows."""
    stack = [str(root)]
    while stack:
        try:
            it = os.scandir(stack.pop())
        except OSError:
            continue
        with it:
            for entry in it:
                try:
                    if entry.is_dir(follow_symlinks=False):
                        stack.append(entry.path)
                    elif entry.is_file():
                        yield entry
                except OSError:
                    continue


# -- the worker ---------------------------------------------------------------------------------
@dataclass(frozen=True, slots=True)
class Task:
    path: str
    known: tuple[str, str] | None  # (sha256, fingerprint) already stored
    meta: dict[str, Any]           # sidecar metadata for this file ({} if none)
    fingerprint: str
    max_bytes: int
    force: bool = False
    ocr_cache: str | None = None


@dataclass(frozen=True, slots=True)
class Unchanged:
    path: str


@dataclass(frozen=True, slots=True)
class Failed:
    path: str
    reason: str
    sha256: str | None = None


def _context(text: str, start: int, end: int) -> str:
    """The sentence around a mention (bounded), as evidence for an edge."""
    lo = max(0, start - _CONTEXT_CHARS)
    cut = max(text.rfind(". ", lo, start), text.rfind(";", lo, start), text.rfind("\n\n", lo, start))
    if cut >= 0:
        lo = cut + 1
    hi = min(len(text), end + _CONTEXT_CHARS)
    stops = [i for i in (text.find(". ", end, hi), text.find(";", end, hi), text.find("\n\n", end, hi)) if i >= 0]
    if stops:
        hi = min(stops) + 1
    return " ".join(text[lo:hi].split())


@lru_cache(maxsize=256)
def _repairs_json(repairs: tuple[str, ...]) -> str:
    """``("line-break",)`` -> ``'["line-break"]'`` (a handful of distinct tuples: computed once each)."""
    return json.dumps(list(repairs), ensure_ascii=False)


def _rekey(key: str, symbol: str | None, province: str | None) -> str:
    if province and key.endswith("@?") and symbol:
        return document_key(symbol, province)
    return key


def build_facts(path: str, data: bytes, read: ReadResult, meta: dict[str, Any], fingerprint: str,
                extractor: Callable = default_extractor, sha: str | None = None) -> FileFacts:
    """Run the extractor on one file's text and turn its result into store rows."""
    sha = sha or hashlib.sha256(data).hexdigest()
    text = read.text
    province = meta.get("province") or None
    source = "sidecar" if province else "none"
    result = extractor(text, province)
    d = result.document
    if not province:  # extract_text already inferred it from the header, place line and text
        province = d.province
        source = "extractor" if province else "none"
    symbol = d.symbol or meta.get("symbol") or None
    if symbol and (d.draft or not symbol[:1].isdigit()):  # "Số: /KH-UBND": a draft has no identity yet
        symbol = meta.get("symbol") or None
    if symbol:
        key = (_rekey(d.key or document_key(symbol, province), symbol, province)
               if symbol == d.symbol else document_key(symbol, province))
    else:
        key = f"file:{Path(stored_path(path)).stem}@{sha[:8]}"  # a name in any bytes, as stored
    date = d.date or meta.get("date") or None
    doc = {"key": key, "symbol": symbol, "symbol_text": d.symbol_text, "type": d.type or meta.get("type"),
           "type_code": d.type_code, "number": d.number, "date": date,
           "year": int(date[:4]) if date and date[:4].isdigit() else None, "place": d.place,
           "issuer": d.issuer or meta.get("issuer"), "issuer_code": d.issuer_code, "signer": d.signer,
           "title": d.title or meta.get("title"), "province": d.province or province, "draft": int(bool(d.draft))}
    # rows as tuples in the store's column order (CITATION_COLUMNS ...): cheaper to build, to send
    # from the worker and to insert than dicts
    citations = tuple((
        i, _rekey(c.key or document_key(c.symbol, province), c.symbol, province),
        c.symbol, c.original, c.number, c.family, c.type, c.type_code, c.year, c.issuer_code, c.issuer,
        c.date, c.subject, c.relation, c.start, c.end, c.text, _context(text, c.start, c.end),
        _repairs_json(tuple(c.repairs)), int(c.short_form),
    ) for i, c in enumerate(result.citations))
    stated = tuple((
        i, _rekey(e.source_key or document_key(e.source, province), e.source, province), e.source, e.rel,
        _rekey(e.target_key or document_key(e.target, province), e.target, province),
        e.target, e.start, e.end, _context(text, e.start, e.end),
    ) for i, e in enumerate(result.edges))
    named = tuple((i, n.text, n.type, n.relation, n.start, n.end) for i, n in enumerate(result.named_references))
    validity, changes = _validity_rows(text, result, doc, province)
    return FileFacts(path=path, sha256=sha, fingerprint=fingerprint, size=len(data), doc=doc,
                     citations=citations, stated=stated, named=named, validity=validity, changes=changes,
                     province=province,
                     province_source=source, encoding=read.encoding, format=read.format,
                     warnings=read.warnings, text_length=len(text))


def _validity_rows(text: str, result: Any, doc: dict[str, Any], province: str | None) -> tuple[dict[str, Any], tuple]:
    """The file's own effective date and the documents it acts on (``extract.validity``), as store rows."""
    from extract.validity import province_named, read_validity

    own, rows, role = read_validity(text, result.citations, doc_type=doc["type"], title=doc["title"],
                                    symbol=doc["symbol"], doc_date=doc["date"])
    changes = tuple((
        i, _rekey(s.key or document_key(s.symbol, province), s.symbol, province), s.symbol, s.change, s.scope,
        s.part, s.date, s.issuer, (province_named(s.issuer) or province) if is_local(s.symbol) else None,
        s.effective, s.effective_from, s.evidence, s.start, s.end, s.by, s.by_date, s.type, s.subject,
    ) for i, s in enumerate(rows))
    return {**own.to_dict(), "role": role}, changes


_EXTRACTOR: Callable = default_extractor


def _init_worker(extractor: Callable) -> None:
    global _EXTRACTOR
    _EXTRACTOR = extractor


def _over_size(size: int, limit: int) -> str:
    return f"file is {size:,} bytes, over the {limit:,}-byte limit ({how_to_raise('max_bytes')})"


def _file_bytes(path: str, max_bytes: int) -> bytes | int:
    """The file's bytes, or its size when it is over ``max_bytes``.  Reads what the file holds,
    never ``max_bytes`` up front (a huge ``--max-mb`` must not allocate anything)."""
    with open(path, "rb") as fh:
        size = os.fstat(fh.fileno()).st_size
        if size > max_bytes:
            return size
        data = fh.read(size + 1)
        if len(data) > size:  # growing while read: take the rest, up to the limit
            data += fh.read(max_bytes + 1 - len(data))
    return len(data) if len(data) > max_bytes else data


def process(task: Task, extractor: Callable | None = None) -> FileFacts | Unchanged | Failed:
    """Read, hash and extract one file; never raises (a failure is a value)."""
    sha = None
    try:
        data = _file_bytes(task.path, task.max_bytes)
        if isinstance(data, int):
            return Failed(task.path, _over_size(data, task.max_bytes))
        sha = hashlib.sha256(data).hexdigest()
        if not task.force and task.known == (sha, task.fingerprint):
            return Unchanged(task.path)
        read = read_text(task.path, task.max_bytes, data, task.ocr_cache)
        return build_facts(task.path, data, read, task.meta, task.fingerprint, extractor or _EXTRACTOR, sha)
    except ReadError as exc:
        return Failed(task.path, exc.reason, sha)
    except LimitExceeded as exc:
        return Failed(task.path, str(exc), sha)
    except MemoryError:
        return Failed(task.path, sandbox.memory_reason(active_limits()), sha)
    except OSError as exc:
        return Failed(task.path, f"cannot read: {exc.strerror or exc}", sha)
    except Exception as exc:  # an extractor bug must not stop the batch
        return Failed(task.path, f"extraction failed: {type(exc).__name__}: {exc}", sha)


# -- the batch ----------------------------------------------------------------------------------
@dataclass
class IngestReport:
    """What a run did; ``failed`` holds (path, reason) in file order."""

    ingested: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    failed: list[tuple[str, str]] = field(default_factory=list)
    seconds: float = 0.0
    bytes: int = 0
    workers: int = 1

    def to_dict(self) -> dict[str, Any]:
        return {"ingested": len(self.ingested), "unchanged": len(self.unchanged), "failed": len(self.failed),
                "failures": [{"source": stored_path(p), "error": r} for p, r in self.failed],
                "seconds": round(self.seconds, 3), "workers": self.workers}


def default_workers() -> int:
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not Linux
        return max(1, os.cpu_count() or 1)


_WARM_TEXT = ("UBND TỈNH HÀ TĨNH\nSố: 1/KH-UBND\nHồng Lĩnh, ngày 1 tháng 2 năm 2023\nKẾ HOẠCH\n"
              "Thực hiện Kết luận số 114-KL/TW ngày 14/7/2015 của Ban Bí thư; Luật số 1/2020/QH14.")


def _warm_up(extractor: Callable) -> None:
    """Load tables and compile patterns once in the parent, before workers fork."""
    try:
        extractor(_WARM_TEXT, None)
        infer_province(_WARM_TEXT)
    except Exception:  # a broken extractor shows up per file, with its path
        pass


def _limit_failure(task: Task, reason: str) -> Failed:
    return Failed(task.path, reason)


def _results(tasks: list[Task], workers: int, extractor: Callable, limits: Limits,
             on_ocr_page: Callable[[int, int], None] | None = None) -> Iterator[FileFacts | Unchanged | Failed]:
    """Each file read and extracted in a limited worker process, results in file order."""
    _warm_up(extractor)  # forked workers inherit compiled patterns and loaded tables
    scans = [t for t in tasks if t.ocr_cache and t.path.lower().endswith(".pdf")]
    if scans:
        # Scanned pages first, one page per job, so a long scan keeps every worker busy; the
        # file jobs then find their pages in the OCR cache.
        pages = [job for jobs in sandbox.run(_pages_to_ocr, scans, workers=workers, limits=limits,
                                             on_limit=_nothing) for job in jobs]
        for done, _ in enumerate(sandbox.run(_ocr_one_page, pages, workers=workers, limits=limits,
                                             on_limit=_nothing), 1):
            if on_ocr_page:
                on_ocr_page(done, len(pages))
    yield from sandbox.run(process, tasks, workers=workers, limits=limits, on_limit=_limit_failure,
                           initializer=_init_worker, initargs=(extractor,))


def _nothing(_job, _reason: str) -> list:
    """An OCR pre-pass job over a limit: the file's own job meets the limit again and reports it."""
    return []


_BATCH_FILES, _BATCH_SECONDS = 64, 0.5


def _pages_to_ocr(task: Task) -> list[tuple[str, int, str, str]]:
    """(path, page, sha256, cache) of the pages of one PDF still to OCR; [] on any problem (the
    file job then reports it)."""
    from extract.ocr import cache_path
    from extract.pdf import pages_to_ocr

    try:
        data = _file_bytes(task.path, task.max_bytes)
        if isinstance(data, int):
            return []
        if not task.force and task.known == (hashlib.sha256(data).hexdigest(), task.fingerprint):
            return []
        pdf = data[max(data.find(b"%PDF-", 0, 1024), 0):]  # the bytes extract.pdf hashes
        check_pdf_streams(pdf)  # before poppler inflates a bomb; the file job names the limit
        sha = hashlib.sha256(pdf).hexdigest()
        return [(task.path, page, sha, task.ocr_cache) for page in pages_to_ocr(pdf)
                if not cache_path(task.ocr_cache, sha, page).exists()]
    except Exception:  # noqa: BLE001 - the file job reads the file again and names the problem
        return []


def _ocr_one_page(job: tuple[str, int, str, str]) -> None:
    """OCR one page into the cache; a failure is reported by the file job."""
    from extract.ocr import OcrError, ocr_page

    path, page, sha, cache = job
    try:
        with open(path, "rb") as fh:
            data = fh.read()
        start = data.find(b"%PDF-", 0, 1024)
        ocr_page(data[max(start, 0):], page, cache, sha)
    except (OSError, OcrError):
        pass


def ingest(paths: Iterable[str | os.PathLike[str]], store: Store | str | os.PathLike[str], *,
           workers: int | None = None, max_bytes: int | None = None, limits: Limits | None = None,
           force: bool = False, extractor: Callable = default_extractor,
           on_result: Callable[[FileFacts | Unchanged | Failed], None] | None = None,
           on_start: Callable[[int], None] | None = None,
           on_wait: Callable[[str], None] | None = None,
           on_ocr_page: Callable[[int, int], None] | None = None) -> IngestReport:
    """Ingest files and folders into ``store``; returns counts and per-file failures.

    ``limits`` (default: ``Limits.from_env()``; ``max_bytes`` overrides its file size) bound
    each file's read and extraction.  ``on_start(total)`` and ``on_result(result)`` drive a
    progress bar, ``on_ocr_page(done, total)`` one over the scanned pages OCRed first; ``on_wait(message)`` is told when another process is writing to the store
    and this run waits for it.  ``extractor(text, province)`` must be a module-level function.
    """
    t0 = time.perf_counter()
    limits = limits or Limits.from_env()
    if max_bytes is not None:
        limits = replace(limits, max_bytes=max_bytes)
    own = not isinstance(store, Store)
    st = Store(store, on_wait=on_wait) if own else store
    if on_wait is not None:
        st.on_wait = on_wait
    ocr_cache = ocr_cache_for(st.path) if st.path != ":memory:" else None
    try:
        files, missing = discover(paths)
        report = IngestReport(workers=workers or default_workers())
        fp = extractor_fingerprint()
        known = st.known()
        sidecars: dict[Path, dict[str, dict]] = {}
        tasks = []
        for f in files:
            side = _sidecar_for(f.parent, sidecars)
            meta = side.get(f.name) or {}
            meta_fp = fp if not meta else fp + ":" + hashlib.sha256(
                json.dumps(meta, sort_keys=True, ensure_ascii=False).encode()).hexdigest()[:8]
            tasks.append(Task(str(f), known.get(stored_path(str(f))), meta, meta_fp, limits.max_bytes, force,
                              ocr_cache))
        for path, reason in missing:
            report.failed.append((path, reason))
        for folder, side in sidecars.items():
            if "__error__" in side:
                report.failed.append((str(folder), "sidecar: " + side["__error__"]["reason"]))
        if on_start:
            on_start(len(tasks))
        pending: list[FileFacts | Failed] = []
        since = time.perf_counter()
        for res in _results(tasks, report.workers, extractor, limits, on_ocr_page):
            if isinstance(res, FileFacts):
                pending.append(res)
                report.ingested.append(res.path)
                report.bytes += res.size
            elif isinstance(res, Unchanged):
                report.unchanged.append(res.path)
            else:
                pending.append(res)
                report.failed.append((res.path, res.reason))
            if pending and (len(pending) >= _BATCH_FILES or time.perf_counter() - since >= _BATCH_SECONDS):
                _write(st, pending)
                pending, since = [], time.perf_counter()
            if on_result:
                on_result(res)
        _write(st, pending)
        report.seconds = time.perf_counter() - t0
        return report
    finally:
        if own:
            st.close()


def _write(st: Store, results: list[FileFacts | Failed]) -> None:
    """One transaction for a batch of files, each file's rows in a savepoint: a run killed here
    loses only this batch, which the next run redoes."""
    if not results:
        return
    with st.transaction():
        for res in results:
            if isinstance(res, FileFacts):
                st.replace_file(res)
            else:
                st.record_failure(res.path, res.reason, res.sha256)


# First start: the explorer and `citegraph app` fill an empty store from the bundled data/.

def _bundled_files(root: Path) -> bool:
    return root.is_dir() and any(p.is_file() and not p.name.startswith(".") for p in root.rglob("*"))


def store_is_empty(path: str) -> bool:
    """True when ``path`` does not exist or holds no ingested file."""
    if not Path(path).exists():
        return True
    with Store(path, readonly=True) as s:
        return s.conn.execute("SELECT count(*) FROM files").fetchone()[0] == 0


def ensure_ingested(path: str, data_dir: Path | None = None, *, on_start=None, on_result=None) -> dict | None:
    """Ingest ``data_dir`` (default: the bundled ``data/``) into ``path`` when the store is empty.

    Returns the ingest report, or None when nothing had to be done (an empty store is still
    created, so the explorer opens on it and offers the upload page).
    """
    data_dir = Path(data_dir or settings.BUNDLED_DATA)
    if not store_is_empty(path) or not _bundled_files(data_dir):
        if not Path(path).exists():
            Store(path).close()
        return None
    return ingest([str(data_dir)], path, on_start=on_start, on_result=on_result).to_dict()
