"""The embedded store: one SQLite file (WAL) holding what each ingested file says.

The store keeps *facts per file* (its own document, its citations, the relations it states, its
named references); canonical documents, issuers and edges are derived from them by
``graph.resolve`` / ``graph.build``.  Keeping only per-file facts is what makes ingest simple
and safe: replacing a file is "delete its rows, insert the new ones" inside one transaction,
so a run killed at any point leaves every file either fully old or fully new.

Schema (version ``SCHEMA_VERSION``, also in ``PRAGMA user_version``); see docs/graph.md:

- ``files``      one row per ingested path: content hash, fingerprint, province and its source
- ``docs``       the file's own document (``file_id`` primary key)
- ``citations``  every numbered reference, with offsets, relation, key and evidence sentence
- ``stated``     relations the text states between two other documents
- ``named``      references by name without a number
- ``validity``   the file's own effective date and expiry as it states them, with the evidence
- ``changes``    the documents the file replaces, repeals, ends or amends (``extract.validity``)
- ``failures``   the last read/extract error per path (facts of that path are left untouched)
- ``meta``       schema version and creation time

A path is stored as text.  A name that is not UTF-8 (a cp1258/TCVN3 name from an old archive)
is stored readably, its undecodable bytes written ``\\xNN`` (:func:`stored_path`), and
losslessly, its exact bytes in ``files.raw_path``.

Opening never changes a file that is not a citegraph store: an empty file, a damaged one or
another program's SQLite database is refused with one line (:class:`StoreError`) before
anything is written.  Writers take turns: a transaction that finds another process writing
waits for it (telling ``on_wait``) instead of failing with "database is locked".
"""
from __future__ import annotations

import json
import os
import sqlite3
import time
import urllib.parse
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable, Iterator

SCHEMA_VERSION = 2  # a store of another version is refused with a clear line (no upgrades: nothing shipped)
# A writer that finds the store busy waits this long (another ingest's batch commits within a
# second; an explorer upload waits for a running ingest's next commit, not for its end).
WRITE_WAIT_SECONDS = 900.0
_BUSY_SLICE = 2.0
_SQLITE_HEADER = b"SQLite format 3\x00"
_OWN_TABLES = frozenset({"meta", "files", "docs", "citations", "stated", "named", "validity", "changes", "failures"})

_SCHEMA = """
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS files (
    id INTEGER PRIMARY KEY,
    path TEXT NOT NULL UNIQUE,        -- absolute path as ingested
    name TEXT NOT NULL,               -- file name, for display
    sha256 TEXT NOT NULL,             -- content hash: unchanged files are skipped
    fingerprint TEXT NOT NULL,        -- extractor/facts version + sidecar metadata hash
    size INTEGER NOT NULL,
    encoding TEXT, format TEXT, warnings TEXT NOT NULL DEFAULT '[]',
    province TEXT,                    -- jurisdiction used to scope local symbols
    province_source TEXT,             -- sidecar | extractor | none
    doc_key TEXT NOT NULL,            -- key of the file's own document
    text_length INTEGER NOT NULL DEFAULT 0,
    ingested_at REAL NOT NULL,
    raw_path BLOB                     -- the path's exact bytes when they are not UTF-8, else NULL
);
CREATE TABLE IF NOT EXISTS docs (
    file_id INTEGER PRIMARY KEY REFERENCES files(id) ON DELETE CASCADE,
    key TEXT NOT NULL, symbol TEXT, symbol_text TEXT, type TEXT, type_code TEXT, number TEXT,
    date TEXT, year INTEGER, place TEXT, issuer TEXT, issuer_code TEXT, signer TEXT, title TEXT,
    province TEXT, draft INTEGER NOT NULL DEFAULT 0
);
CREATE TABLE IF NOT EXISTS citations (
    file_id INTEGER NOT NULL REFERENCES files(id) ON DELETE CASCADE,
    ord INTEGER NOT NULL,
    key TEXT NOT NULL, symbol TEXT NOT NULL, original TEXT, number TEXT, family TEXT,
    type TEXT, type_code TEXT, year INTEGER, issuer_code TEXT, issuer TEXT, date TEXT,
    subject TEXT, relation TEXT NOT NULL, start INTEGER, end INTEGER, text TEXT,
    context TEXT, repairs TEXT NOT NULL DEFAULT '[]', short_form INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (file_id, ord)
);
CREATE TABLE IF NOT EXISTS stated (
    file_id INTEGER NOT NULL REFERENCES files(id) ON DELETE CASCADE,
    ord INTEGER NOT NULL,
    source_key TEXT NOT NULL, source TEXT, rel TEXT NOT NULL, target_key TEXT NOT NULL,
    target TEXT, start INTEGER, end INTEGER, context TEXT,
    PRIMARY KEY (file_id, ord)
);
CREATE TABLE IF NOT EXISTS named (
    file_id INTEGER NOT NULL REFERENCES files(id) ON DELETE CASCADE,
    ord INTEGER NOT NULL, text TEXT NOT NULL, type TEXT, relation TEXT, start INTEGER, end INTEGER,
    PRIMARY KEY (file_id, ord)
);
CREATE TABLE IF NOT EXISTS validity (
    file_id INTEGER PRIMARY KEY REFERENCES files(id) ON DELETE CASCADE,
    effective TEXT, effective_from TEXT NOT NULL DEFAULT 'unknown', evidence TEXT,
    expiry TEXT, expiry_evidence TEXT,
    role TEXT NOT NULL DEFAULT 'act'  -- act | consolidated | register | proposal (extract.validity.text_role)
);
CREATE TABLE IF NOT EXISTS changes (
    file_id INTEGER NOT NULL REFERENCES files(id) ON DELETE CASCADE,
    ord INTEGER NOT NULL,
    key TEXT NOT NULL, symbol TEXT NOT NULL, change TEXT NOT NULL, scope TEXT NOT NULL, part TEXT,
    date TEXT, issuer TEXT, province TEXT, effective TEXT, effective_from TEXT NOT NULL DEFAULT 'unknown',
    evidence TEXT, start INTEGER, end INTEGER,
    by TEXT, by_date TEXT,            -- the acting document when not the file's own (a consolidated text)
    type TEXT, subject TEXT,          -- the affected document's type word and subject, as written there
    PRIMARY KEY (file_id, ord)
);
CREATE TABLE IF NOT EXISTS failures (
    path TEXT PRIMARY KEY, reason TEXT NOT NULL, sha256 TEXT, at REAL NOT NULL
);
"""

DOC_COLUMNS = ("key", "symbol", "symbol_text", "type", "type_code", "number", "date", "year", "place",
               "issuer", "issuer_code", "signer", "title", "province", "draft")
CITATION_COLUMNS = ("ord", "key", "symbol", "original", "number", "family", "type", "type_code", "year",
                    "issuer_code", "issuer", "date", "subject", "relation", "start", "end", "text",
                    "context", "repairs", "short_form")
STATED_COLUMNS = ("ord", "source_key", "source", "rel", "target_key", "target", "start", "end", "context")
NAMED_COLUMNS = ("ord", "text", "type", "relation", "start", "end")
VALIDITY_COLUMNS = ("effective", "effective_from", "evidence", "expiry", "expiry_evidence", "role")
CHANGE_COLUMNS = ("ord", "key", "symbol", "change", "scope", "part", "date", "issuer", "province", "effective",
                  "effective_from", "evidence", "start", "end", "by", "by_date", "type", "subject")


class StoreError(Exception):
    """The store file cannot be used (newer schema, not a citegraph store, unreadable)."""


def _path_bytes(path: str) -> bytes:
    try:
        return os.fsencode(path)
    except UnicodeEncodeError:  # a lone surrogate that did not come from the file system
        return path.encode("utf-8", "surrogatepass")


def stored_path(path: str) -> str:
    r"""The text a path is stored and shown as: itself, or with each byte that is not UTF-8 as ``\xNN``.

    >>> stored_path("/d/kế hoạch.txt")
    '/d/kế hoạch.txt'
    >>> stored_path(os.fsdecode(b"/d/k\xd5 ho\xb9ch.txt"))
    '/d/k\\xd5 ho\\xb9ch.txt'
    """
    try:
        path.encode("utf-8")
        return path
    except UnicodeEncodeError:
        return _path_bytes(path).decode("utf-8", "backslashreplace")


def raw_path(path: str) -> bytes | None:
    """The exact bytes of a path that is not UTF-8 (None for every other path)."""
    try:
        path.encode("utf-8")
        return None
    except UnicodeEncodeError:
        return _path_bytes(path)


def _is_busy(exc: sqlite3.OperationalError) -> bool:
    msg = str(exc).lower()
    return "locked" in msg or "busy" in msg


def _check_file(path: Path) -> bool:
    """True if ``path`` exists and starts like an SQLite database; StoreError for any other file."""
    try:
        with open(path, "rb") as fh:
            head = fh.read(len(_SQLITE_HEADER))
    except FileNotFoundError:
        return False
    except IsADirectoryError:
        raise StoreError(f"{path} is a folder, not a citegraph store file") from None
    except OSError as exc:
        raise StoreError(f"cannot open the store {path}: {exc.strerror or exc}") from None
    if not head:
        raise StoreError(f"{path} is an empty file, not a citegraph store (remove it or choose another --store)")
    if head != _SQLITE_HEADER:
        raise StoreError(f"{path} is not a citegraph store (not an SQLite database; damaged, or another kind of file)")
    return True


@dataclass(frozen=True, slots=True)
class FileFacts:
    """Everything one file contributes to the store; built in a worker, written by the parent."""

    path: str
    sha256: str
    fingerprint: str
    size: int
    doc: dict[str, Any]
    # rows: tuples in the column order of CITATION_COLUMNS / STATED_COLUMNS / NAMED_COLUMNS (what
    # ingest sends: cheap to pickle and insert), or dicts by column name
    citations: tuple[tuple | dict[str, Any], ...] = ()
    stated: tuple[tuple | dict[str, Any], ...] = ()
    named: tuple[tuple | dict[str, Any], ...] = ()
    validity: dict[str, Any] | None = None  # VALIDITY_COLUMNS: the file's own effective date and expiry
    changes: tuple[tuple | dict[str, Any], ...] = ()  # CHANGE_COLUMNS rows
    province: str | None = None
    province_source: str = "none"
    encoding: str | None = None
    format: str | None = None
    warnings: tuple[str, ...] = ()
    text_length: int = 0
    extra: dict[str, Any] = field(default_factory=dict)


class Store:
    """A citegraph SQLite store.  Use as a context manager or call ``close()``.

    >>> import tempfile, os
    >>> with Store(os.path.join(tempfile.mkdtemp(), "s.sqlite")) as st:
    ...     st.schema_version() == SCHEMA_VERSION
    True
    """

    def __init__(self, path: str | Path, *, readonly: bool = False,
                 on_wait: Callable[[str], None] | None = None) -> None:
        self.path = str(path)
        self.on_wait = on_wait  # told once when a write has to wait for another process
        existed = _check_file(Path(self.path))
        if readonly:
            if not existed:
                raise StoreError(f"no store at {self.path} (run `citegraph ingest` first)")
            # a URI: the path is quoted, so '#', '?' and '%' in it are part of the name
            uri = "file:" + urllib.parse.quote(str(Path(self.path).absolute())) + "?mode=ro"
            self.conn = sqlite3.connect(uri, uri=True, timeout=_BUSY_SLICE)
        else:
            Path(self.path).parent.mkdir(parents=True, exist_ok=True)
            self.conn = sqlite3.connect(self.path, isolation_level=None, timeout=_BUSY_SLICE)
        self.conn.row_factory = sqlite3.Row
        try:
            if existed:
                self._check_identity()
            self.conn.execute("PRAGMA foreign_keys = ON")
            if not readonly:
                self.conn.execute("PRAGMA journal_mode = WAL")
                self.conn.execute("PRAGMA synchronous = NORMAL")
                self._migrate()
            else:
                self._check_version()
        except sqlite3.DatabaseError as exc:
            self.conn.close()
            raise StoreError(f"{self.path} is not a usable citegraph store: {exc}") from None
        except StoreError:
            self.conn.close()
            raise

    def _check_identity(self) -> None:
        """Refuse another program's database before anything is written to it."""
        tables = {r[0] for r in self.conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
        if tables and not {"meta", "files"} <= tables:
            foreign = ", ".join(sorted(tables - _OWN_TABLES)[:5])
            raise StoreError(f"{self.path} is an SQLite database but not a citegraph store "
                             f"(it holds tables {foreign}); choose another --store")

    # -- lifecycle -------------------------------------------------------------------------
    def __enter__(self) -> "Store":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        self.conn.close()

    def _check_version(self) -> int:
        version = self.conn.execute("PRAGMA user_version").fetchone()[0]
        if version not in (0, SCHEMA_VERSION):
            raise StoreError(f"{self.path} was made by another citegraph version (schema {version}, this one "
                             f"uses {SCHEMA_VERSION}); ingest again into a new --store")
        return version

    def _migrate(self) -> None:
        """Create the schema in a new store (one transaction)."""
        version = self._check_version()
        if version == SCHEMA_VERSION:
            return
        with self.transaction():
            for stmt in filter(str.strip, _SCHEMA.split(";")):  # executescript would COMMIT early
                self.conn.execute(stmt)
            self.conn.execute("INSERT OR IGNORE INTO meta VALUES ('created_at', ?)", (str(time.time()),))
            self.conn.execute("INSERT OR REPLACE INTO meta VALUES ('schema_version', ?)", (str(SCHEMA_VERSION),))
            self.conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")

    def schema_version(self) -> int:
        return self.conn.execute("PRAGMA user_version").fetchone()[0]

    @contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        """BEGIN IMMEDIATE ... COMMIT, rolled back on any exception.

        Inside a :meth:`batches` transaction this is a savepoint: the file's rows still go in
        or out together, and the batch commits them with its neighbours."""
        if self.conn.in_transaction:
            self.conn.execute("SAVEPOINT file")
            try:
                yield self.conn
            except BaseException:
                self.conn.execute("ROLLBACK TO file")
                self.conn.execute("RELEASE file")
                raise
            self.conn.execute("RELEASE file")
            return
        self._begin()
        try:
            yield self.conn
        except BaseException:
            self.conn.execute("ROLLBACK")
            raise
        self.conn.execute("COMMIT")

    @contextmanager
    def batches(self, max_files: int = 64, max_seconds: float = 0.5) -> Iterator[Callable[[], None]]:
        """Group many small writes into few commits; yields ``done()``, to call after each file.

        A commit costs about as much as writing a file's rows, so ingest commits every
        ``max_files`` files or ``max_seconds``, whichever comes first.  Each commit is atomic: a
        run killed mid-batch loses only that batch, which the next run redoes (unchanged files are
        recognised by their hash)."""
        pending, since = 0, time.perf_counter()

        def done() -> None:
            nonlocal pending, since
            pending += 1
            if pending >= max_files or time.perf_counter() - since >= max_seconds:
                self.conn.execute("COMMIT")
                self._begin()
                pending, since = 0, time.perf_counter()

        self._begin()
        try:
            yield done
        except BaseException:
            self.conn.execute("ROLLBACK")
            raise
        self.conn.execute("COMMIT")

    def _begin(self) -> None:
        """BEGIN IMMEDIATE, waiting (up to WRITE_WAIT_SECONDS, telling ``on_wait`` once) while
        another process writes."""
        deadline = None
        while True:
            try:
                self.conn.execute("BEGIN IMMEDIATE")
                return
            except sqlite3.OperationalError as exc:
                if not _is_busy(exc):
                    raise
                now = time.monotonic()
                if deadline is None:
                    deadline = now + WRITE_WAIT_SECONDS
                    if self.on_wait:
                        self.on_wait(f"another process is writing to {stored_path(self.path)}; waiting for it")
                elif now >= deadline:
                    raise StoreError(f"{self.path} stayed locked by another writer for "
                                     f"{WRITE_WAIT_SECONDS:g} s; try again later") from None

    # -- writes ----------------------------------------------------------------------------
    def known(self) -> dict[str, tuple[str, str]]:
        """path -> (sha256, fingerprint) of every stored file: what ingest may skip."""
        return {r["path"]: (r["sha256"], r["fingerprint"])
                for r in self.conn.execute("SELECT path, sha256, fingerprint FROM files")}

    def replace_file(self, facts: FileFacts) -> None:
        """Atomically replace everything stored for ``facts.path`` (one transaction, or a savepoint
        inside :meth:`batches`)."""
        path = stored_path(facts.path)
        with self.transaction() as c:
            c.execute("DELETE FROM files WHERE path = ?", (path,))  # cascades to facts
            cur = c.execute(
                "INSERT INTO files (path, name, sha256, fingerprint, size, encoding, format, warnings,"
                " province, province_source, doc_key, text_length, ingested_at, raw_path)"
                " VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
                (path, Path(path).name, facts.sha256, facts.fingerprint, facts.size,
                 facts.encoding, facts.format, json.dumps(list(facts.warnings), ensure_ascii=False),
                 facts.province, facts.province_source, facts.doc["key"], facts.text_length, time.time(),
                 raw_path(facts.path)))
            fid = cur.lastrowid
            c.execute(f"INSERT INTO docs (file_id, {', '.join(DOC_COLUMNS)}) VALUES (?{',?' * len(DOC_COLUMNS)})",
                      (fid, *[facts.doc.get(k) for k in DOC_COLUMNS]))
            self._insert_many(c, "citations", CITATION_COLUMNS, fid, facts.citations)
            self._insert_many(c, "stated", STATED_COLUMNS, fid, facts.stated)
            self._insert_many(c, "named", NAMED_COLUMNS, fid, facts.named)
            if facts.validity:
                c.execute(f"INSERT INTO validity (file_id, {', '.join(VALIDITY_COLUMNS)}) VALUES (?{',?' * len(VALIDITY_COLUMNS)})",
                          (fid, *[facts.validity.get(k) for k in VALIDITY_COLUMNS]))
            self._insert_many(c, "changes", CHANGE_COLUMNS, fid, facts.changes)
            c.execute("DELETE FROM failures WHERE path = ?", (path,))

    @staticmethod
    def _insert_many(c: sqlite3.Connection, table: str, cols: tuple[str, ...], fid: int, rows) -> None:
        if not rows:
            return
        quoted = ", ".join(f'"{k}"' for k in cols)
        c.executemany(f"INSERT INTO {table} (file_id, {quoted}) VALUES (?{',?' * len(cols)})",
                      [(fid, *r) if type(r) is tuple else (fid, *[r.get(k) for k in cols]) for r in rows])

    def record_failure(self, path: str, reason: str, sha256: str | None = None) -> None:
        """Remember why ``path`` failed; whatever was stored for it before stays as it was."""
        with self.transaction() as c:
            c.execute("INSERT OR REPLACE INTO failures VALUES (?,?,?,?)",
                      (stored_path(path), reason, sha256, time.time()))

    def remove_file(self, path: str) -> bool:
        with self.transaction() as c:
            return c.execute("DELETE FROM files WHERE path = ?", (stored_path(path),)).rowcount > 0

    # -- reads -----------------------------------------------------------------------------
    def rows(self, sql: str, params: tuple = ()) -> list[dict[str, Any]]:
        return [dict(r) for r in self.conn.execute(sql, params)]

    def counts(self) -> dict[str, int]:
        return {t: self.conn.execute(f"SELECT count(*) FROM {t}").fetchone()[0]
                for t in ("files", "docs", "citations", "stated", "named", "validity", "changes", "failures")}

    def dump(self) -> dict[str, list[tuple]]:
        """Every fact in a canonical order, without ids or timestamps: equal stores dump equal.

        The kill test compares an interrupted-then-resumed store with an uninterrupted one.
        """
        out: dict[str, list[tuple]] = {}
        out["files"] = [tuple(r) for r in self.conn.execute(
            "SELECT path, sha256, fingerprint, size, encoding, format, warnings, province, province_source,"
            " doc_key, text_length FROM files ORDER BY path")]
        for table, cols in (("docs", DOC_COLUMNS), ("citations", CITATION_COLUMNS),
                            ("stated", STATED_COLUMNS), ("named", NAMED_COLUMNS), ("validity", VALIDITY_COLUMNS),
                            ("changes", CHANGE_COLUMNS)):
            quoted = ", ".join(f't."{k}"' for k in cols)
            order = "f.path" + (", t.ord" if "ord" in cols else "")
            out[table] = [tuple(r) for r in self.conn.execute(
                f"SELECT f.path, {quoted} FROM {table} t JOIN files f ON f.id = t.file_id ORDER BY {order}")]
        out["failures"] = [tuple(r) for r in self.conn.execute("SELECT path, reason FROM failures ORDER BY path")]
        return out
