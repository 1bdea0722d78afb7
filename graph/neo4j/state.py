"""What was last pushed to each Neo4j target, kept in the SQLite store beside the facts.

Per target (URI + database): the push id (also written on the server's ``CitegraphMeta`` node),
the sha256/fingerprint of every file, and the content hash of every row sent, as one JSON list
of ``[*identity, hash]`` (one write per push instead of ~20,000 indexed rows).  JSON escapes
every character, so identities holding tabs, newlines or any other text round-trip exactly.
"""
from __future__ import annotations

import json
import time

from graph.neo4j.rows import Ident

_SCHEMA = (
    "CREATE TABLE IF NOT EXISTS neo4j_push_meta (target TEXT PRIMARY KEY, push_id TEXT NOT NULL,"
    " pushed_at REAL NOT NULL, rows INTEGER NOT NULL)",
    "CREATE TABLE IF NOT EXISTS neo4j_push_files (target TEXT NOT NULL, path TEXT NOT NULL,"
    " sha256 TEXT NOT NULL, fingerprint TEXT NOT NULL, PRIMARY KEY (target, path))",
    "CREATE TABLE IF NOT EXISTS neo4j_push_hashes (target TEXT PRIMARY KEY, push_id TEXT NOT NULL,"
    " hashes TEXT NOT NULL)",
)
_TABLES = ("neo4j_push_meta", "neo4j_push_files", "neo4j_push_hashes")


def target_id(uri: str, database: str) -> str:
    return f"{uri.rstrip('/')}#{database}"


class PushState:
    """The push state of one store (``conn``: its SQLite connection, in autocommit mode).

    >>> import sqlite3
    >>> st = PushState(sqlite3.connect(":memory:", isolation_level=None))
    >>> st.save("bolt://h#neo4j", "p1", {"/a\\tb.txt": ("sha", "fp")}, {("node", "SourceFile", "/a\\tb.txt"): "h1"})
    >>> st.rows("bolt://h#neo4j"), st.push_id("bolt://h#neo4j")
    ({('node', 'SourceFile', '/a\\tb.txt'): 'h1'}, 'p1')
    """

    def __init__(self, conn) -> None:
        self.conn = conn
        for stmt in _SCHEMA:
            conn.execute(stmt)

    def push_id(self, target: str) -> str | None:
        row = self.conn.execute("SELECT push_id FROM neo4j_push_meta WHERE target = ?", (target,)).fetchone()
        return row[0] if row else None

    def files(self, target: str) -> dict[str, tuple[str, str]]:
        return {p: (s, f) for p, s, f in self.conn.execute(
            "SELECT path, sha256, fingerprint FROM neo4j_push_files WHERE target = ?", (target,))}

    def rows(self, target: str) -> dict[Ident, str]:
        row = self.conn.execute(
            "SELECT h.hashes FROM neo4j_push_hashes h JOIN neo4j_push_meta m"
            " ON m.target = h.target AND m.push_id = h.push_id WHERE h.target = ?", (target,)).fetchone()
        return {tuple(item[:-1]): item[-1] for item in json.loads(row[0])} if row else {}

    def save(self, target: str, push_id: str, files: dict[str, tuple[str, str]], hashes: dict[Ident, str]) -> None:
        """Replace the target's state in one transaction (all of it or none)."""
        c = self.conn
        c.execute("BEGIN IMMEDIATE")
        try:
            for table in _TABLES:
                c.execute(f"DELETE FROM {table} WHERE target = ?", (target,))
            c.execute("INSERT INTO neo4j_push_meta (target, push_id, pushed_at, rows) VALUES (?,?,?,?)",
                      (target, push_id, time.time(), len(hashes)))
            c.executemany("INSERT INTO neo4j_push_files (target, path, sha256, fingerprint) VALUES (?,?,?,?)",
                          [(target, p, s, f) for p, (s, f) in files.items()])
            c.execute("INSERT INTO neo4j_push_hashes (target, push_id, hashes) VALUES (?,?,?)",
                      (target, push_id, json.dumps([[*ident, h] for ident, h in hashes.items()])))
        except BaseException:
            c.execute("ROLLBACK")
            raise
        c.execute("COMMIT")

    def forget(self, target: str) -> None:
        for table in _TABLES:
            self.conn.execute(f"DELETE FROM {table} WHERE target = ?", (target,))
