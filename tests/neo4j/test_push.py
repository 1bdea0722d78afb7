"""citegraph push: idempotent, incremental by file content hash, batches all-or-nothing."""
from __future__ import annotations

import shutil

import pytest

from graph.neo4j import push as ns
from graph.neo4j.schema import REL_TYPES, Label, Neo4jStoreError, node_merge_query, translate_errors
from graph.ingest import ingest
from graph.neo4j.backend import Neo4jBackend
from graph.queries import MemoryBackend

pytestmark = pytest.mark.neo4j


def _counts(driver, database):
    n = driver.execute_query("MATCH (n) RETURN count(n) AS c", database_=database).records[0]["c"]
    r = driver.execute_query("MATCH ()-[e]->() RETURN count(e) AS c", database_=database).records[0]["c"]
    return n, r


def test_push_creates_labels_types_and_evidence(clean_db, bolt_driver, seeds_store):
    db = clean_db.database
    report = ns.push(seeds_store, bolt_driver, db, target="t-labels", full=True)
    assert report.full and report.rows_sent == report.rows_total > 0
    labels = {r["l"] for r in bolt_driver.execute_query(
        "MATCH (n) UNWIND labels(n) AS l RETURN DISTINCT l", database_=db).records}
    assert labels == {"Document", "Issuer", "SourceFile", "CitegraphMeta"}
    types = {r["t"] for r in bolt_driver.execute_query(
        "MATCH ()-[e]->() RETURN DISTINCT type(e) AS t", database_=db).records}
    assert {"IMPLEMENTS", "CITES", "ISSUED_BY", "PART_OF", "DESCRIBES"} <= types <= REL_TYPES
    missing = bolt_driver.execute_query(
        "MATCH ()-[e:IMPLEMENTS|CITES|BASED_ON|REPLACES|AMENDS|GUIDES]->() "
        "WHERE e.evidence IS NULL OR e.relation IS NULL RETURN count(e) AS c", database_=db).records[0]["c"]
    assert missing == 0  # every citation relationship carries its relation and evidence
    constraints = {r["name"] for r in bolt_driver.execute_query("SHOW CONSTRAINTS", database_=db).records}
    assert {"document_key", "issuer_id", "source_file_path"} <= constraints


def test_repush_is_idempotent(dump, clean_db, bolt_driver, seeds_store):
    db = clean_db.database
    ns.push(seeds_store, bolt_driver, db, target="t-idem", full=True)
    before = dump()
    again = ns.push(seeds_store, bolt_driver, db, target="t-idem")
    assert not again.full and again.rows_sent == 0 and again.nodes_deleted == again.rels_deleted == 0
    assert dump() == before
    forced = ns.push(seeds_store, bolt_driver, db, target="t-idem", full=True)  # MERGE over itself
    assert forced.rows_sent == forced.rows_total and forced.nodes_deleted == forced.rels_deleted == 0
    assert dump() == before


def test_incremental_push_sends_only_changed_files(dump, clean_db, bolt_driver, tmp_path, seeds_dir):
    db = clean_db.database
    src = tmp_path / "docs"
    shutil.copytree(seeds_dir, src)
    store = str(tmp_path / "s.sqlite")
    ingest([str(src)], store)
    first = ns.push(store, bolt_driver, db, target="t-inc")
    assert first.full and len(first.files_added) == 5

    victim = sorted(src.iterdir())[0]
    victim.write_text(victim.read_text(encoding="utf-8") +
                      "\nCăn cứ Nghị quyết số 99-NQ/TW ngày 01/02/2020 của Bộ Chính trị.\n", encoding="utf-8")
    ingest([str(src)], store)
    second = ns.push(store, bolt_driver, db, target="t-inc")
    assert not second.full
    assert second.files_changed == [str(victim)] and not second.files_added and not second.files_removed
    sent_files = [i[2] for i in second.sent_ids if i[:2] == ("node", "SourceFile")]
    assert sent_files == [str(victim)]  # the other four files' facts are not sent again
    assert 0 < second.rows_sent < first.rows_sent / 4
    assert ("node", "Document", "99|NQ-TW~2020") in second.sent_ids  # dated: its year

    removed = sorted(src.iterdir())[-1]
    removed.unlink()
    from graph.store import Store
    with Store(store) as st:
        st.remove_file(str(removed))
    third = ns.push(store, bolt_driver, db, target="t-inc")
    assert third.files_removed == [str(removed)] and third.nodes_deleted >= 1

    # after the increments, the server answers exactly like a fresh full push of the same store
    mem, neo = MemoryBackend.from_store(store), Neo4jBackend(clean_db.uri, driver=bolt_driver, database=db)
    assert neo.stats() == mem.stats()
    for key in sorted(n for n, d in mem.graph.nodes(data=True) if d.get("kind") == "document"):
        assert neo.show(key) == mem.show(key)
    incremental = dump()
    bolt_driver.execute_query("MATCH (n) DETACH DELETE n", database_=db)
    ns.push(store, bolt_driver, db, target="t-inc-fresh", full=True)
    assert dump() == incremental


def test_wiped_server_triggers_full_sync(clean_db, bolt_driver, seeds_store):
    db = clean_db.database
    ns.push(seeds_store, bolt_driver, db, target="t-wipe", full=True)
    bolt_driver.execute_query("MATCH (n) DETACH DELETE n", database_=db)
    report = ns.push(seeds_store, bolt_driver, db, target="t-wipe")
    assert report.full and report.rows_sent == report.rows_total


def test_failed_batch_rolls_back_whole(dump, clean_db, bolt_driver, seeds_store):
    db = clean_db.database
    ns.push(seeds_store, bolt_driver, db, target="t-poison", full=True)
    before = dump()
    counts = _counts(bolt_driver, db)
    existing = bolt_driver.execute_query("MATCH (d:Document) RETURN d.key AS k LIMIT 1",
                                         database_=db).records[0]["k"]
    good = [{"key": f"new-{i}", "props": {"key": f"new-{i}", "title": "mới"}} for i in range(50)]
    poison = {"key": "new-poison", "props": {"key": existing}}  # SET n = props breaks the unique key
    with pytest.raises(Neo4jStoreError, match="constraint|rolled back|Constraint"):
        with translate_errors(clean_db.uri, db):
            ns.write_batches(bolt_driver, db, node_merge_query(Label.DOCUMENT), good + [poison], 1000)
    assert _counts(bolt_driver, db) == counts
    assert dump() == before  # not one of the 50 good rows was written


def test_push_dying_half_way_leaves_marker_and_next_push_repairs(clean_db, bolt_driver, seeds_store,
                                                                 monkeypatch):
    db = clean_db.database
    calls = {"n": 0}
    real = ns.write_batches

    def flaky(*args, **kwargs):
        calls["n"] += 1
        if calls["n"] == 3:
            raise RuntimeError("connection lost")
        return real(*args, **kwargs)

    monkeypatch.setattr(ns, "write_batches", flaky)
    with pytest.raises(RuntimeError):
        ns.push(seeds_store, bolt_driver, db, target="t-half", full=True, batch_size=20)
    monkeypatch.setattr(ns, "write_batches", real)
    marker = bolt_driver.execute_query("MATCH (m:CitegraphMeta) RETURN m.push_id AS id", database_=db).records
    assert marker[0]["id"].startswith("pending-")
    report = ns.push(seeds_store, bolt_driver, db, target="t-half")
    assert report.full
    mem, neo = MemoryBackend.from_store(seeds_store), Neo4jBackend(clean_db.uri, driver=bolt_driver, database=db)
    assert neo.stats() == mem.stats()


NAMES = [  # file names that once broke a push for good: any character must survive
    "tab\there.txt", "new\nline.txt", "back\\slash and \"quotes\".txt", "[x] markup; a,b.txt",
]


def test_paths_with_any_character_push_and_sync(dump, clean_db, bolt_driver, tmp_path, seeds_dir):
    db = clean_db.database
    src = tmp_path / "odd"
    src.mkdir()
    seeds = sorted(seeds_dir.glob("*.txt"))
    for name, seed in zip(NAMES, seeds):
        (src / name).write_bytes(seed.read_bytes())
    store = str(tmp_path / "odd.sqlite")
    ingest([str(src)], store)
    first = ns.push(store, bolt_driver, db, target="t-odd")
    assert first.full and len(first.files_added) == len(NAMES)
    paths = {r["p"] for r in bolt_driver.execute_query("MATCH (f:SourceFile) RETURN f.path AS p", database_=db).records}
    assert {p.rsplit("/", 1)[-1] for p in paths} == set(NAMES)

    from graph.store import Store
    with Store(store) as st:  # the file with a tab goes: its node and DESCRIBES edge are deleted
        assert st.remove_file(str(src / NAMES[0]))
    second = ns.push(store, bolt_driver, db, target="t-odd")
    assert not second.full and second.files_removed == [str(src / NAMES[0])]
    assert second.nodes_deleted >= 1 and second.rels_deleted >= 1
    assert ns.push(store, bolt_driver, db, target="t-odd").rows_sent == 0
    synced = dump()
    bolt_driver.execute_query("MATCH (n) DETACH DELETE n", database_=db)
    ns.push(store, bolt_driver, db, target="t-odd-fresh", full=True)
    assert dump() == synced
    again = ns.push(store, bolt_driver, db, target="t-odd", full=True)  # strays found by identity
    assert again.nodes_deleted == again.rels_deleted == 0 and dump() == synced
