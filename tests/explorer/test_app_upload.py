"""Nạp văn bản: uploads beside the store, per-file results, duplicates, hostile names, quota,
removal, and a busy store that makes the upload wait instead of failing."""
import sqlite3
import threading
import time
from pathlib import Path

import pytest


def texts(elements) -> list[str]:
    return [e.value for e in elements]


def page_text(at) -> str:
    return "\n".join(texts(at.markdown) + texts(at.caption) + texts(at.success) + texts(at.error) + texts(at.info)
                     + [p.label for p in at.page_link])


def upload(at, files):
    at.file_uploader(key="uploads").set_value(files).run()
    at.button(key="upload_go").click().run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def test_upload_ingests_and_reports_each_file(app, fresh_store, hostile):
    at = app("upload", store=fresh_store)
    assert texts(at.title) == ["Nạp văn bản"]
    good = hostile["text"].replace("77/KH-UBND", "88/KH-UBND").encode()
    upload(at, [("../../etc/kế hoạch 88.txt", good, "text/plain"), ("fake.pdf", b"not a pdf at all", "application/pdf"),
                ("empty.txt", b"", "text/plain")])
    errors = texts(at.error)
    assert any("fake\\.pdf" in e for e in errors) and any("empty\\.txt" in e for e in errors)
    assert any("88\\/KH\\-UBND" in p.label for p in at.page_link)
    assert "DeltaGenerator" not in page_text(at) and "st.success" not in page_text(at)
    root = Path(fresh_store + ".uploads")
    saved = list(root.rglob("*.txt"))
    assert len(saved) == 1 and saved[0].name == "000_kế_hoạch_88.txt"  # beside this store, never outside
    # the new document is in the graph on the next page
    at.switch_page("explorer/search.py").run()
    at.text_input(key="q").input("88 KH UBND").run()
    assert "88/KH-UBND" in "".join(h.proto.body for h in at.html)


def test_same_file_again_says_so_and_adds_nothing(app, fresh_store, hostile):
    payload = hostile["text"].replace("77/KH-UBND", "89/KH-UBND").encode()
    at = upload(app("upload", store=fresh_store), [("a.txt", payload, "text/plain")])
    files = sqlite3.connect(fresh_store).execute("SELECT count(*) FROM files").fetchone()[0]
    at = upload(at, [("b.txt", payload, "text/plain")])
    assert any("đã có trong kho" in p.label for p in at.page_link)
    assert sqlite3.connect(fresh_store).execute("SELECT count(*) FROM files").fetchone()[0] == files


def test_uploaded_document_can_be_removed(app, fresh_store, hostile):
    payload = hostile["text"].replace("77/KH-UBND", "90/KH-UBND").encode()
    at = upload(app("upload", store=fresh_store), [("c.txt", payload, "text/plain")])
    assert any("90\\/KH\\-UBND" in p.label for p in at.page_link)
    at.button(key="rm_0").click().run()
    assert not at.exception
    assert not list(Path(fresh_store + ".uploads").rglob("*.txt"))
    paths = [p for (p,) in sqlite3.connect(fresh_store).execute("SELECT path FROM files")]
    assert not any(".uploads" in p for p in paths)


def test_quota_refuses_with_a_reason(app, fresh_store, hostile, monkeypatch):
    from explorer import uploads

    monkeypatch.setattr(uploads, "UPLOAD_QUOTA_MB", 0)
    at = upload(app("upload", store=fresh_store), [("d.txt", hostile["text"].replace("77/", "92/").encode(), "text/plain")])
    assert any("hạn mức" in e for e in texts(at.error))


def test_busy_store_queues_then_ingests(fresh_store, hostile, monkeypatch):
    """Another writer holds the store: the upload waits (saying so), then goes in."""
    from explorer import uploads

    monkeypatch.setattr(uploads, "BUSY_WAIT_S", 60)
    saved, _ = uploads.save_uploads(fresh_store, [("e.txt", hostile["text"].replace("77/", "91/").encode())])
    holder = sqlite3.connect(fresh_store, isolation_level=None, timeout=1, check_same_thread=False)
    holder.execute("BEGIN IMMEDIATE")
    waits = []
    threading.Timer(7, holder.rollback).start()
    t0 = time.monotonic()
    out = uploads.ingest_uploads(fresh_store, saved, on_wait=waits.append)
    assert [o["status"] for o in out] == ["ok"], out
    assert waits and time.monotonic() - t0 >= 5


def test_hostile_names_are_saved_safely(fresh_store):
    """NUL, control characters, folders and Markdown in a name: shown readably, saved sanitised."""
    from explorer.uploads import save_uploads, upload_root

    saved, other = save_uploads(fresh_store, [("../x/cu\x00oi\x1b[2J [a](e.vn).txt", "Số: 1/KH-UBND\n".encode())])
    assert [n for n, _ in saved] == ["cuoi[2J [a](e.vn).txt"]
    path = Path(saved[0][1])
    assert upload_root(fresh_store) in path.parents and "\x00" not in str(path) and "(" not in path.name


@pytest.mark.parametrize("name,payload,why", [("a.exe", b"x", "upload.bad_type"), ("a.docx", b"%PDF", "upload.bad_type"),
                                              ("a.doc", b"PK\x03\x04", "upload.bad_type"), ("a.txt", b"", "upload.empty"),
                                              ("a.pdf", b"%PDF-1.7 ...", None), ("a.doc", b"\xd0\xcf\x11\xe0rest", None)])
def test_upload_checks(name, payload, why):
    from explorer.uploads import check_upload

    assert check_upload(name, payload) == why
