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
"""
from __future__ import annotations

import json
import sqlite3
import time
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable, Iterator

SCHEMA_VERSION = 2  # 2: validity and changes tables (added to a version-1 store in place)

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
    ingested_at REAL NOT NULL
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
    ...     st.schema_version()
    2
    """

    def __init__(self, path: str | Path, *, readonly: bool = False) -> None:
        self.path = str(path)
        if readonly:
            if not Path(self.path).exists():
                raise StoreError(f"no store at {self.path} (run `citegraph ingest` first)")
            self.conn = sqlite3.connect(f"file:{self.path}?mode=ro", uri=True)
        else:
            Path(self.path).parent.mkdir(parents=True, exist_ok=True)
            self.conn = sqlite3.connect(self.path, isolation_level=None)
        self.conn.row_factory = sqlite3.Row
        try:
            self.conn.execute("PRAGMA foreign_keys = ON")
            if not readonly:
                self.conn.execute("PRAGMA journal_mode = WAL")
                self.conn.execute("PRAGMA synchronous = NORMAL")
                self._migrate()
            else:
                self._check_version()
        except sqlite3.DatabaseError as exc:
            self.conn.close()
            raise StoreError(f"{self.path} is not a usable citegraph store: {exc}") from exc

    # -- lifecycle -------------------------------------------------------------------------
    def __enter__(self) -> "Store":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        self.conn.close()

    def _check_version(self) -> int:
        version = self.conn.execute("PRAGMA user_version").fetchone()[0]
        if version > SCHEMA_VERSION:
            raise StoreError(f"{self.path} has schema {version}; this citegraph reads up to {SCHEMA_VERSION}")
        return version

    def _migrate(self) -> None:
        """Create or upgrade the schema (one transaction; future versions add steps here)."""
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
        self.conn.execute("BEGIN IMMEDIATE")
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
                self.conn.execute("BEGIN IMMEDIATE")
                pending, since = 0, time.perf_counter()

        self.conn.execute("BEGIN IMMEDIATE")
        try:
            yield done
        except BaseException:
            self.conn.execute("ROLLBACK")
            raise
        self.conn.execute("COMMIT")

    # -- writes ----------------------------------------------------------------------------
    def known(self) -> dict[str, tuple[str, str]]:
        """path -> (sha256, fingerprint) of every stored file: what ingest may skip."""
        return {r["path"]: (r["sha256"], r["fingerprint"])
                for r in self.conn.execute("SELECT path, sha256, fingerprint FROM files")}

    def replace_file(self, facts: FileFacts) -> None:
        """Atomically replace everything stored for ``facts.path`` (one transaction, or a savepoint
        inside :meth:`batches`)."""
        with self.transaction() as c:
            c.execute("DELETE FROM files WHERE path = ?", (facts.path,))  # cascades to facts
            cur = c.execute(
                "INSERT INTO files (path, name, sha256, fingerprint, size, encoding, format, warnings,"
                " province, province_source, doc_key, text_length, ingested_at)"
                " VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)",
                (facts.path, Path(facts.path).name, facts.sha256, facts.fingerprint, facts.size,
                 facts.encoding, facts.format, json.dumps(list(facts.warnings), ensure_ascii=False),
                 facts.province, facts.province_source, facts.doc["key"], facts.text_length, time.time()))
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
            c.execute("DELETE FROM failures WHERE path = ?", (facts.path,))

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
            c.execute("INSERT OR REPLACE INTO failures VALUES (?,?,?,?)", (path, reason, sha256, time.time()))

    def remove_file(self, path: str) -> bool:
        with self.transaction() as c:
            return c.execute("DELETE FROM files WHERE path = ?", (path,)).rowcount > 0

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
