"""Store handling: a path with any character works; an empty, damaged or foreign file is refused
with one line and left byte for byte as it was; a second writer waits instead of failing."""
from __future__ import annotations

import sqlite3
import threading
import time

import pytest
from typer.testing import CliRunner

from graph.cli.common import app
from graph.ingest import ingest
from graph.store import Store, StoreError
from tests.security.hostile_files import plan_text

runner = CliRunner()


@pytest.mark.parametrize("name", ["a#b.sqlite", "a?mode=rw.sqlite", "a%20b.sqlite", "kế [/x] hoạch\t1.sqlite"])
def test_store_paths_with_any_character(tmp_path, name):
    plan = tmp_path / "plan.txt"
    plan.write_text(plan_text(1), encoding="utf-8")
    store = tmp_path / "stores" / name  # "[/x]": a folder "kế [" holding "x] hoạch\t1.sqlite"
    assert ingest([plan], store, workers=1).failed == []
    with Store(store, readonly=True) as st:
        assert st.counts()["files"] == 1
    assert [p.name for p in store.parent.iterdir() if not p.name.startswith(store.name)] == []  # no stray file
    r = runner.invoke(app, ["stats", "--store", str(store)])
    assert r.exit_code == 0, r.output


def _foreign(path):
    con = sqlite3.connect(path)
    con.execute("CREATE TABLE invoices (id INTEGER PRIMARY KEY, total REAL)")
    con.execute("INSERT INTO invoices VALUES (1, 9.5)")
    con.commit()
    con.close()


def _damaged(path):
    (path.parent / "ok.txt").write_text(plan_text(2), encoding="utf-8")
    ingest([path.parent / "ok.txt"], path, workers=1)
    data = bytearray(path.read_bytes())
    data[100:4096] = b"\xff" * (4096 - 100)  # page 1 past the header: the schema is unreadable
    path.write_bytes(bytes(data))


BAD_STORES = [  # (what, make the file, words of the one-line error)
    ("empty", lambda p: p.write_bytes(b""), "is an empty file, not a citegraph store"),
    ("text file", lambda p: p.write_text("hello", encoding="utf-8"), "not an SQLite database"),
    ("foreign database", _foreign, "not a citegraph store (it holds tables invoices)"),
    ("damaged database", _damaged, "not a usable citegraph store"),
]


@pytest.mark.parametrize("what,make,words", BAD_STORES, ids=[c[0] for c in BAD_STORES])
@pytest.mark.parametrize("command", [["stats"], ["ingest", "PLAN"], ["show", "114-KL/TW"]])
def test_a_bad_store_is_refused_and_never_modified(tmp_path, what, make, words, command):
    store = tmp_path / "s.sqlite"
    make(store)
    before = store.read_bytes()
    (tmp_path / "plan.txt").write_text(plan_text(3), encoding="utf-8")
    args = [str(tmp_path / "plan.txt") if a == "PLAN" else a for a in command]
    r = runner.invoke(app, [*args, "--store", str(store)])
    assert r.exit_code == 1
    assert words in " ".join(r.output.split())
    assert "Traceback" not in r.output and len(r.output.strip().splitlines()) <= 3
    assert store.read_bytes() == before
    assert not (tmp_path / "s.sqlite-wal").exists() or what == "damaged database"
    with pytest.raises(StoreError):
        Store(store)


def test_a_second_writer_waits_with_a_message(tmp_path):
    store = tmp_path / "s.sqlite"
    Store(store).close()
    (tmp_path / "plan.txt").write_text(plan_text(4), encoding="utf-8")
    holder = sqlite3.connect(store, isolation_level=None, check_same_thread=False)
    holder.execute("BEGIN IMMEDIATE")  # another process's write transaction
    release = threading.Timer(6.0, lambda: holder.execute("COMMIT"))
    release.start()
    messages = []
    t0 = time.monotonic()
    report = ingest([tmp_path / "plan.txt"], store, workers=1, on_wait=messages.append)
    release.join()
    holder.close()
    assert report.failed == [] and len(report.ingested) == 1
    assert time.monotonic() - t0 >= 5.5
    assert messages == [f"another process is writing to {store}; waiting for it"]


def test_reads_go_on_while_a_writer_holds_the_store(tmp_path):
    (tmp_path / "plan.txt").write_text(plan_text(5), encoding="utf-8")
    store = tmp_path / "s.sqlite"
    ingest([tmp_path / "plan.txt"], store, workers=1)
    holder = sqlite3.connect(store, isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")
    try:
        r = runner.invoke(app, ["stats", "--store", str(store)])
        assert r.exit_code == 0, r.output
    finally:
        holder.execute("ROLLBACK")
        holder.close()
