"""What citegraph writes to Neo4j 5: labels, relationship types, constraints, property encoding,
the Cypher statements, and connecting with clear errors.

- ``(:Document {key, symbol, type, ...})``, ``(:Issuer {id, code, name, ...})`` and
  ``(:SourceFile {path, ...facts})``;
- ``IMPLEMENTS | BASED_ON | REPLACES | AMENDS | GUIDES | CITES`` between documents, each with
  ``relation``, ``count`` and ``evidence`` (JSON list of {file, start, end, text, context, stated});
  ``ISSUED_BY`` document -> issuer; ``PART_OF`` issuer -> issuer; ``DESCRIBES`` file -> document;
- one ``(:CitegraphMeta {key: "graph"})`` node: aliases and the id of the last push.

Labels and relationship types come only from the closed tables below; every value travels as a
parameter.
"""
from __future__ import annotations

import json
from contextlib import contextmanager
from enum import Enum
from functools import lru_cache
from typing import Any, Iterable, Iterator


class Label(str, Enum):
    DOCUMENT = "Document"
    ISSUER = "Issuer"
    SOURCE_FILE = "SourceFile"
    META = "CitegraphMeta"


KIND_LABEL = {"document": Label.DOCUMENT, "issuer": Label.ISSUER}
ID_PROP = {Label.DOCUMENT: "key", Label.ISSUER: "id", Label.SOURCE_FILE: "path", Label.META: "key"}
GRAPH_LABELS = (Label.DOCUMENT, Label.ISSUER, Label.SOURCE_FILE)  # what a full push reconciles

REL_TYPE = {  # graph relation -> relationship type
    "implements": "IMPLEMENTS", "based_on": "BASED_ON", "replaces": "REPLACES", "amends": "AMENDS",
    "guides": "GUIDES", "cites": "CITES", "issued_by": "ISSUED_BY", "part_of": "PART_OF",
    "describes": "DESCRIBES",  # (:SourceFile)-[:DESCRIBES]->(:Document): the file's own document
}
FALLBACK_REL_TYPE = "CITES"  # a relation outside the table is stored as CITES; ``relation`` keeps it
REL_TYPES = frozenset(REL_TYPE.values())
DOC_REL_TYPES = ("IMPLEMENTS", "BASED_ON", "REPLACES", "AMENDS", "GUIDES", "CITES")

SCHEMA = (  # Neo4j 5 syntax; IF NOT EXISTS: safe to repeat on every push
    "CREATE CONSTRAINT document_key IF NOT EXISTS FOR (d:Document) REQUIRE d.key IS UNIQUE",
    "CREATE CONSTRAINT issuer_id IF NOT EXISTS FOR (i:Issuer) REQUIRE i.id IS UNIQUE",
    "CREATE CONSTRAINT source_file_path IF NOT EXISTS FOR (f:SourceFile) REQUIRE f.path IS UNIQUE",
    "CREATE CONSTRAINT citegraph_meta_key IF NOT EXISTS FOR (m:CitegraphMeta) REQUIRE m.key IS UNIQUE",
    "CREATE INDEX document_symbol IF NOT EXISTS FOR (d:Document) ON (d.symbol)",
    "CREATE INDEX document_year IF NOT EXISTS FOR (d:Document) ON (d.year)",
    "CREATE INDEX document_province IF NOT EXISTS FOR (d:Document) ON (d.province)",
)

META_KEY = "graph"
# Property bookkeeping so that what comes back equals what was sent (Neo4j stores no nulls and
# no maps): ``null_props`` lists the attributes that were None, ``json_props`` those sent as JSON.
NULL_PROPS, JSON_PROPS = "null_props", "json_props"


class Neo4jStoreError(Exception):
    """A user-facing Neo4j problem (unreachable, credentials, missing database ...): one clear line."""


# -- encoding graph elements as property maps ---------------------------------------------------
_SCALAR_TYPES = frozenset({str, bool, int, float})


def _plain_list(value: list | tuple) -> bool:
    """A list Neo4j stores as it is: all strings, or scalars of one kind (bools aside)."""
    kinds = set(map(type, value))
    return kinds <= {str} or (kinds <= _SCALAR_TYPES and len(kinds - {bool}) <= 1)


# Keys in the order the builder made them (the same on every build, so hashes stay stable):
# sorting them cost a third of the encoding time.
to_json = json.JSONEncoder(ensure_ascii=False, default=str).encode


def encode_props(attrs: dict[str, Any], *, skip: Iterable[str] = ()) -> dict[str, Any]:
    """Attributes -> a Neo4j property map (no nulls, no maps); ``decode_props`` inverts it.

    >>> p = encode_props({"key": "k", "title": None, "evidence": [{"file": "a"}], "files": ["a"]})
    >>> p
    {'key': 'k', 'evidence': '[{"file": "a"}]', 'files': ['a'], 'null_props': ['title'], 'json_props': ['evidence']}
    >>> decode_props(p) == {"key": "k", "title": None, "evidence": [{"file": "a"}], "files": ["a"]}
    True
    """
    out: dict[str, Any] = {}
    nulls, jsons = [], []
    skipped = set(skip)
    for k, v in attrs.items():  # runs once per node and relationship: scalars first, no calls
        if k in skipped:
            continue
        t = type(v)
        if t is str or t is int or t is float or t is bool:
            out[k] = v
        elif v is None:
            nulls.append(k)
        elif (t is list or t is tuple) and _plain_list(v):
            out[k] = list(v) if t is tuple else v
        else:
            out[k] = to_json(v)
            jsons.append(k)
    if nulls:
        out[NULL_PROPS] = nulls
    if jsons:
        out[JSON_PROPS] = jsons
    return out


def decode_props(props: dict[str, Any]) -> dict[str, Any]:
    props = dict(props)
    nulls = props.pop(NULL_PROPS, None) or []
    jsons = props.pop(JSON_PROPS, None) or []
    for k in jsons:
        if k in props:
            props[k] = json.loads(props[k])
    for k in nulls:
        props.setdefault(k, None)
    return props


# -- Cypher (labels/types from the closed tables only) ------------------------------------------
def check_rel(rtype: str, start: Label, end: Label) -> tuple[str, str, str]:
    """(type, start label, end label) as text, or ValueError for anything outside the tables."""
    if rtype not in REL_TYPES or not isinstance(start, Label) or not isinstance(end, Label):
        raise ValueError(f"not in the closed vocabulary: {rtype} {start} {end}")
    return rtype, Label(start).value, Label(end).value


@lru_cache(maxsize=None)
def node_merge_query(label: Label) -> str:
    """Rows ``{key, props}``: create or overwrite whole nodes."""
    label = Label(label)
    return f"UNWIND $rows AS r MERGE (n:{label.value} {{{ID_PROP[label]}: r.key}}) SET n = r.props"


@lru_cache(maxsize=None)
def rel_merge_query(rtype: str, start: Label, end: Label) -> str:
    """Rows ``{src, dst, relation, props}``: one relationship per (ends, type, relation)."""
    t, a, b = check_rel(rtype, start, end)
    ia, ib = ID_PROP[Label(start)], ID_PROP[Label(end)]
    return (f"UNWIND $rows AS r MATCH (a:{a} {{{ia}: r.src}}) MATCH (b:{b} {{{ib}: r.dst}}) "
            f"MERGE (a)-[e:{t} {{relation: r.relation}}]->(b) SET e = r.props")


@lru_cache(maxsize=None)
def node_delete_query(label: Label) -> str:
    """Rows ``{key}``."""
    label = Label(label)
    return f"UNWIND $rows AS r MATCH (n:{label.value} {{{ID_PROP[label]}: r.key}}) DETACH DELETE n"


@lru_cache(maxsize=None)
def rel_delete_query(rtype: str, start: Label, end: Label) -> str:
    """Rows ``{src, dst, relation}``."""
    t, a, b = check_rel(rtype, start, end)
    ia, ib = ID_PROP[Label(start)], ID_PROP[Label(end)]
    return (f"UNWIND $rows AS r MATCH (a:{a} {{{ia}: r.src}})-[e:{t}]->(b:{b} {{{ib}: r.dst}}) "
            f"WHERE coalesce(e.relation, '') = r.relation DELETE e")


# -- connecting, with clear errors ---------------------------------------------------------------
def explain_error(exc: BaseException, uri: str, database: str | None) -> str:
    """One readable line for a driver error (no stack dump)."""
    from neo4j import exceptions as ne
    code = getattr(exc, "code", None) or ""
    msg = (getattr(exc, "message", None) or str(exc) or type(exc).__name__).strip().splitlines()[0]
    if isinstance(exc, ne.AuthError) or "Security.Unauthorized" in code or "Authentication" in code:
        return f"Neo4j at {uri} refused the credentials (wrong user or password): {msg}"
    if "DatabaseNotFound" in code or "database not found" in msg.lower() or "does not exist" in msg.lower() \
            and "database" in msg.lower():
        return f"database {database!r} does not exist on {uri}: {msg}"
    if isinstance(exc, (ne.ServiceUnavailable, ne.SessionExpired)) or isinstance(exc, OSError):
        return f"cannot reach Neo4j at {uri}: {msg}"
    if isinstance(exc, ne.ConfigurationError) or isinstance(exc, ValueError):
        return f"bad Neo4j address {uri!r}: {msg}"
    if isinstance(exc, ne.ConstraintError):
        return f"Neo4j rejected the batch (constraint violated, batch rolled back): {msg}"
    if code:
        return f"Neo4j error {code}: {msg}"
    return f"Neo4j error ({type(exc).__name__}): {msg}"


@contextmanager
def translate_errors(uri: str, database: str | None) -> Iterator[None]:
    """Turn driver/network errors into Neo4jStoreError with a clear message."""
    from neo4j.exceptions import DriverError, Neo4jError
    try:
        yield
    except Neo4jStoreError:
        raise
    except (Neo4jError, DriverError, OSError, ValueError) as exc:
        raise Neo4jStoreError(explain_error(exc, uri, database)) from exc


def connect(uri: str, user: str | None, password: str | None, *, database: str = "neo4j",
            timeout: float = 10.0):
    """A verified driver: reachable, credentials accepted, ``database`` present."""
    from neo4j import GraphDatabase
    with translate_errors(uri, database):
        driver = GraphDatabase.driver(uri, auth=(user or "neo4j", password or ""),
                                      connection_timeout=timeout, max_transaction_retry_time=15.0)
        try:
            with driver.session(database=database) as session:
                session.execute_read(lambda tx: tx.run("RETURN 1 AS one").consume())
        except BaseException:
            driver.close()
            raise
    return driver


def ensure_schema(driver, database: str) -> None:
    """Constraints and indexes first (IF NOT EXISTS: safe to repeat)."""
    for stmt in SCHEMA:
        driver.execute_query(stmt, database_=database)
