"""Nothing a file carries stops a batch or reaches the terminal as markup or escapes: names in
any bytes (cp1258, ``[/x]``, a tab) are stored losslessly and shown readably; evidence holding
Rich markup and terminal escapes prints as plain text in ``show``/``trace``."""
from __future__ import annotations

import json
import os

import pytest
from typer.testing import CliRunner

from graph.cli.common import app, clean
from graph.store import Store, stored_path
from tests.security.hostile_files import cp1258_name, plan_text, write_named

runner = CliRunner()

NAMES = [  # (file name as bytes or text, what the store shows)
    (cp1258_name("Kế hoạch số 5.txt"), "K\\xea\\xec hoa\\xf2ch s\\xf4\\xec 5.txt"),
    ("kế hoạch [/x] [bold]6.txt", "x] [bold]6.txt"),  # a folder "kế hoạch [" holding "x] [bold]6.txt"
    ("kế hoạch\t7.txt", "kế hoạch\t7.txt"),
]
HOSTILE_TEXT = ("Căn cứ Kết luận số 114-KL/TW [/x] [link=http://evil]bấm[/link] \x1b[2J\x1b]8;;http://evil\x07 \x9b31m đỏ"
                + "\n\nNội dung của kế hoạch." * 100)


@pytest.fixture(scope="module")
def hostile_store(tmp_path_factory):
    root = tmp_path_factory.mktemp("names")
    docs = root / "docs"
    docs.mkdir()
    paths = [write_named(docs, name, plan_text(5 + i, HOSTILE_TEXT)) for i, (name, _) in enumerate(NAMES)]
    write_named(docs, "[/x]hỏng.pdf", "not a pdf")
    # no số hiệu of its own: the document is keyed by its file name, in whatever bytes it came
    write_named(docs, cp1258_name("Ghi chú.txt"), "Ghi chú họp giao ban, căn cứ Kết luận số 114-KL/TW.")
    store = str(root / "s [/x] #1?%20.sqlite")
    r = runner.invoke(app, ["ingest", str(docs), "--store", store, "--workers", "1"])
    return store, paths, r


def test_the_batch_goes_on_and_names_the_bad_file(hostile_store):
    store, paths, r = hostile_store
    assert r.exit_code == 0, r.output
    assert "[/x]hỏng.pdf" in "".join(r.output.split()) and "not a PDF" in r.output
    assert "\x1b[2J" not in r.output


def test_a_document_without_a_number_keyed_by_a_name_in_any_bytes(hostile_store):
    store, _, _ = hostile_store
    with Store(store, readonly=True) as st:
        keys = [r["key"] for r in st.rows("SELECT d.key FROM docs d JOIN files f ON f.id = d.file_id"
                                          " WHERE f.name LIKE 'Ghi ch%'")]
    assert len(keys) == 1 and keys[0].startswith("file:Ghi ch\\xfa@"), keys


@pytest.mark.parametrize("raw,shown", NAMES)
def test_names_stored_losslessly_and_readably(hostile_store, raw, shown):
    store, paths, _ = hostile_store
    with Store(store, readonly=True) as st:
        rows = {r["name"]: r for r in st.rows("SELECT name, path, raw_path FROM files")}
    assert shown in rows
    row = rows[shown]
    path = next(p for p in paths if os.fsencode(p).endswith(raw if isinstance(raw, bytes) else os.fsencode(raw)))
    assert row["path"] == stored_path(path)
    assert (row["raw_path"] or os.fsencode(row["path"])) == os.fsencode(path)  # the exact bytes come back


@pytest.mark.parametrize("args", [["show", "5/KH-UBND", "-p", "Hà Tĩnh"], ["trace", "114-KL/TW"], ["stats"],
                                  ["search", "kế hoạch"]])
def test_queries_print_document_text_as_plain_text(hostile_store, args):
    store, _, _ = hostile_store
    r = runner.invoke(app, [*args, "--store", store])
    assert r.exit_code == 0, r.output
    assert "\x1b" not in r.output and "\x9b" not in r.output and "\x07" not in r.output
    j = runner.invoke(app, [*args, "--store", store, "--format", "json"])
    assert j.exit_code == 0, j.output
    assert "\x1b" not in j.stdout and "\x9b" not in j.stdout
    data = json.loads(j.stdout)
    if args[0] == "show":  # the hostile sentence is there, as data
        contexts = [e["context"] for c in data["cites"] for e in c["evidence"]]
        assert any("[/x] [link=http://evil]bấm[/link] \x1b[2J" in c for c in contexts), contexts


@pytest.mark.parametrize("text,shown", [
    ("a\x1b[2Jb", "a[2Jb"), ("x\x9b31my", "x31my"), ("t\x07\x08\x7f", "t"), ("rtl\u202eevil", "rtlevil"),
    (os.fsdecode(b"k\xd5.txt"), "k\\xd5.txt"), ("[/x] [bold]", "[/x] [bold]"), ("a\tb\nc", "a\tb\nc"),
])
def test_clean(text, shown):
    assert clean(text) == shown
