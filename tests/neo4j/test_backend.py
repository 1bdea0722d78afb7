"""trace/show/audit (and the other GraphBackend calls) over Bolt equal the embedded store's answers."""
from __future__ import annotations

import pytest

from graph.neo4j import push as ns
from graph.audit import audit, to_records
from graph.neo4j.backend import Neo4jBackend
from graph.queries import MemoryBackend

pytestmark = pytest.mark.neo4j

QUERIES = [  # resolve/search inputs: exact, folded, spaced, words, unknown
    "114-KL/TW", "114 KL TW", "kết luận 114", "116-KH/TU", "25-NQ/TW", "KH TU Phú Yên", "9999-XX/YY",
]


def _pair(server, driver, store):
    ns.push(store, driver, server.database, target=f"{server.uri}#{store}", full=True)
    return MemoryBackend.from_store(store), Neo4jBackend(server.uri, driver=driver, database=server.database)


def _doc_keys(mem, sample_every=1):
    keys = sorted(n for n, d in mem.graph.nodes(data=True) if d.get("kind") == "document")
    with_file = [k for k in keys if mem.graph.nodes[k].get("has_file")]
    return sorted(set(with_file) | set(keys[::sample_every]))


def _same(mem, neo, keys):
    for key in keys:
        for up in (False, True):
            assert neo.trace(key, up=up).to_dict() == mem.trace(key, up=up).to_dict(), (key, up)
        assert neo.show(key) == mem.show(key), key
    assert neo.trace(keys[0], max_depth=1, include_citing=False) == mem.trace(keys[0], max_depth=1,
                                                                               include_citing=False)


def _same_aggregates(mem, neo):
    assert neo.stats() == mem.stats()
    assert neo.per_year() == mem.per_year()
    assert neo.most_cited(50) == mem.most_cited(50)
    assert neo.most_cited(10, type_code="kh") == mem.most_cited(10, type_code="kh")
    for q in QUERIES:
        assert neo.search(q) == mem.search(q), q
        outcomes = []
        for b in (mem, neo):
            try:
                outcomes.append(b.resolve(q))
            except LookupError as exc:
                outcomes.append((type(exc).__name__, str(exc)))
        assert outcomes[0] == outcomes[1], q
    top = [r["key"] for r in mem.most_cited(5)]
    for key in top:
        assert neo.coverage(key) == mem.coverage(key), key


def test_seeds_over_bolt_equal_embedded(clean_db, bolt_driver, seeds_store):
    mem, neo = _pair(clean_db, bolt_driver, seeds_store)
    _same(mem, neo, _doc_keys(mem))
    _same_aggregates(mem, neo)
    assert to_records(neo.audit(as_of="2026-01-01")) == to_records(audit(seeds_store, as_of="2026-01-01"))


def test_shared_corpus_over_bolt_equal_embedded(clean_db, bolt_driver, corpus_store):
    mem, neo = _pair(clean_db, bolt_driver, corpus_store)
    keys = _doc_keys(mem, sample_every=7)  # every document held as a file, and every 7th other one
    assert len(keys) > 100
    _same(mem, neo, keys)
    _same_aggregates(mem, neo)
    assert to_records(neo.audit(as_of="2026-01-01")) == to_records(audit(corpus_store, as_of="2026-01-01"))


def test_unknown_document_raises_the_same(clean_db, bolt_driver, seeds_store):
    from graph.queries import DocumentNotFound

    mem, neo = _pair(clean_db, bolt_driver, seeds_store)
    for backend in (mem, neo):
        with pytest.raises(DocumentNotFound):
            backend.trace("0|XX-YY")
        with pytest.raises(DocumentNotFound):
            backend.show("0|XX-YY")


def test_plain_cypher_reaches_what_trace_reaches(clean_db, bolt_driver, seeds_store):
    """The graph is usable without citegraph: a variable-length match (docs/neo4j.md) finds the
    documents ``trace`` lists, for every document of the seeds."""
    mem, _ = _pair(clean_db, bolt_driver, seeds_store)
    query = ("MATCH (d:Document {key: $key})<-[:IMPLEMENTS|GUIDES*1..]-(plan:Document) "
             "RETURN collect(DISTINCT plan.key) AS keys")
    for key in _doc_keys(mem):
        (rec,) = bolt_driver.execute_query(query, key=key, database_=clean_db.database).records
        assert sorted(rec["keys"]) == sorted(i.key for i in mem.trace(key).items), key
