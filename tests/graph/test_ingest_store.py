"""Ingest: idempotent, atomic replacement, errors that never lose data, same store for any worker count."""
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from graph.ingest import ingest
from graph.store import SCHEMA_VERSION, Store, StoreError



@pytest.fixture
def folder(tmp_path, seeds_dir):
    d = tmp_path / "docs"
    d.mkdir()
    for f in sorted(seeds_dir.glob("*.txt"))[:3]:
        shutil.copy(f, d / f.name)
    return d


def dump(path):
    with Store(path, readonly=True) as s:
        return s.dump()


def test_reingest_is_a_noop(folder, tmp_path):
    store = tmp_path / "s.sqlite"
    first = ingest([folder], store, workers=1)
    before = dump(store)
    again = ingest([folder], store, workers=1)
    assert (len(first.ingested), len(again.ingested), len(again.unchanged)) == (3, 0, 3)
    assert dump(store) == before


def test_changed_file_is_replaced(folder, tmp_path):
    store = tmp_path / "s.sqlite"
    ingest([folder], store, workers=1)
    target = sorted(folder.iterdir())[0]
    target.write_text("Kế hoạch\nThực hiện Chỉ thị số 99/CT-TTg ngày 01/02/2020 của Thủ tướng Chính phủ.", encoding="utf-8")
    report = ingest([folder], store, workers=1)
    assert report.ingested == [str(target)]
    with Store(store, readonly=True) as s:
        rows = s.rows("SELECT c.symbol FROM citations c JOIN files f ON f.id = c.file_id WHERE f.path = ?", (str(target),))
        assert [r["symbol"] for r in rows] == ["99/CT-TTg"]
        assert s.counts()["files"] == 3


def test_bad_file_is_reported_and_old_facts_survive(folder, tmp_path):
    store = tmp_path / "s.sqlite"
    ingest([folder], store, workers=1)
    before = dump(store)
    victim = sorted(folder.iterdir())[1]
    victim.write_bytes(b"\x00\x01\x02binary\xff\xfe" * 50)      # a binary file renamed .txt
    (folder / "empty.txt").write_bytes(b"")                     # an empty file
    report = ingest([folder, tmp_path / "missing"], store, workers=1)
    failed = dict(report.failed)
    assert str(victim) in failed and failed[str(victim)]
    assert str(tmp_path / "missing") in failed
    after = dump(store)
    for table in ("docs", "citations", "stated"):   # the victim's previous facts are untouched
        assert [r for r in after[table] if r[0] == str(victim)] == [r for r in before[table] if r[0] == str(victim)]
    assert {r[0] for r in after["failures"]} >= {str(victim)}


def test_worker_count_does_not_change_the_store(tmp_path, seeds_dir, corpus_dir):
    files = sorted(corpus_dir.glob("*.txt"))[:24] + sorted(seeds_dir.glob("*.txt"))
    one, two = tmp_path / "one.sqlite", tmp_path / "two.sqlite"
    ingest(files, one, workers=1)
    ingest(files, two, workers=2)
    assert dump(one) == dump(two)


def test_newer_schema_is_refused(tmp_path):
    path = tmp_path / "s.sqlite"
    with Store(path) as s:
        assert s.schema_version() == SCHEMA_VERSION
        s.conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    with pytest.raises(StoreError):
        Store(path)


def test_not_a_store_is_refused(tmp_path):
    path = tmp_path / "junk.sqlite"
    path.write_bytes(b"this is not sqlite" * 100)
    with pytest.raises(StoreError):
        Store(path)


KILL_SCRIPT = """
import sys
from graph.ingest import ingest
ingest(sys.argv[2:], sys.argv[1], workers=2)
"""


def test_killed_ingest_resumes_to_the_same_store(tmp_path, corpus_dir):
    files = [str(p) for p in sorted(corpus_dir.glob("*.txt"))[:150]]
    reference = tmp_path / "ref.sqlite"
    ingest(files, reference, workers=2)
    killed = tmp_path / "killed.sqlite"
    proc = subprocess.Popen([sys.executable, "-c", KILL_SCRIPT, str(killed), *files],
                            cwd=Path(__file__).resolve().parents[2], start_new_session=True)
    deadline = time.time() + 120
    n = 0
    while time.time() < deadline and proc.poll() is None:
        if killed.exists():
            try:
                with Store(killed, readonly=True) as s:
                    n = s.counts()["files"]
            except Exception:
                n = 0
            if n >= 20:
                break
        time.sleep(0.05)
    os.killpg(proc.pid, signal.SIGKILL)  # the ingest and its workers, mid-batch
    proc.wait()
    assert 0 < n < len(files), "the kill did not land mid-batch"
    with Store(killed, readonly=True) as s:  # consistent: every stored file has its own document
        assert s.counts()["files"] == s.counts()["docs"]
    report = ingest(files, killed, workers=2)
    assert len(report.unchanged) >= n - 1
    assert dump(killed) == dump(reference)


def _facts(path: str) -> "FileFacts":
    from graph.store import FileFacts

    return FileFacts(path=path, sha256="0" * 64, fingerprint="fp", size=1, doc={"key": f"doc:{path}", "draft": 0},
                     citations=({"ord": 0, "key": "114-KL/TW", "symbol": "114-KL/TW", "relation": "implements",
                                 "repairs": "[]", "short_form": 0},))


def test_a_failed_file_inside_a_batch_leaves_its_neighbours(tmp_path):
    """Files are committed in batches, but each file's rows still go in or out together."""
    with Store(tmp_path / "s.sqlite") as st:
        with st.batches(max_files=10) as written:
            st.replace_file(_facts("/a.txt"))
            written()
            with pytest.raises(RuntimeError):
                with st.transaction() as c:  # a file whose write breaks half-way
                    c.execute("INSERT INTO files (path, name, sha256, fingerprint, size, doc_key, ingested_at)"
                              " VALUES ('/b.txt', 'b', 'x', 'fp', 1, 'k', 0)")
                    raise RuntimeError("disk full")
            written()
            st.replace_file(_facts("/c.txt"))
            written()
        paths = [r["path"] for r in st.rows("SELECT path FROM files ORDER BY path")]
        assert paths == ["/a.txt", "/c.txt"]
        assert st.counts()["citations"] == 2


def test_batches_commit_as_they_go(tmp_path):
    """A reader sees committed batches while the writer goes on (what a killed run keeps)."""
    path = tmp_path / "s.sqlite"
    with Store(path) as st:
        with st.batches(max_files=2) as written:
            for name in ("/a.txt", "/b.txt", "/c.txt"):
                st.replace_file(_facts(name))
                written()
            with Store(path, readonly=True) as reader:
                assert reader.counts()["files"] == 2  # the third is not committed yet
        with Store(path, readonly=True) as reader:
            assert reader.counts()["files"] == 3


def test_fact_rows_as_tuples_follow_the_column_order(tmp_path, seeds_dir):
    """Ingest sends rows as tuples in the store's column order; dict rows (other callers) store the same."""
    from graph.ingest import build_facts, read_text
    from graph.store import CITATION_COLUMNS, NAMED_COLUMNS, STATED_COLUMNS, FileFacts

    seed = sorted(seeds_dir.glob("*.txt"))[0]
    data = seed.read_bytes()
    facts = build_facts(str(seed), data, read_text(str(seed), data=data), {}, "fp")
    assert facts.citations and facts.stated and facts.named
    for rows, cols in ((facts.citations, CITATION_COLUMNS), (facts.stated, STATED_COLUMNS),
                       (facts.named, NAMED_COLUMNS)):
        assert all(type(r) is tuple and len(r) == len(cols) for r in rows)
    as_dicts = FileFacts(**{f: getattr(facts, f) for f in FileFacts.__dataclass_fields__} | {
        "citations": tuple(dict(zip(CITATION_COLUMNS, r)) for r in facts.citations),
        "stated": tuple(dict(zip(STATED_COLUMNS, r)) for r in facts.stated),
        "named": tuple(dict(zip(NAMED_COLUMNS, r)) for r in facts.named)})
    dumps = []
    for name, f in (("t", facts), ("d", as_dicts)):
        with Store(tmp_path / f"{name}.sqlite") as st:
            st.replace_file(f)
            dumps.append(st.dump())
    assert dumps[0] == dumps[1]
    cit = dict(zip(CITATION_COLUMNS, facts.citations[0]))
    assert cit["ord"] == 0 and cit["symbol"] and cit["relation"] and facts.citations[0][17] == cit["context"]

