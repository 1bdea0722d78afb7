"""``ingest.discover`` finds exactly what walking with ``Path.rglob`` finds (the plain definition,
written out here), including hidden names, linked files and folders and skipped names; a link in
a folder to a file outside it is not followed unless that file is ingested anyway."""
from __future__ import annotations

import os
from pathlib import Path

from extract.read import SUPPORTED_SUFFIXES
from graph.ingest import SKIP_NAMES, discover


def _plain(paths):
    suffixes = tuple(s.lower() for s in SUPPORTED_SUFFIXES)
    found, missing, outside = {}, [], {}
    for raw in paths:
        p = Path(raw).expanduser()
        if p.is_dir():
            for f in sorted(p.rglob("*")):
                if (f.is_file() and f.suffix.lower() in suffixes and not f.name.startswith(".")
                        and f.name.lower() not in SKIP_NAMES):
                    if not f.resolve().is_relative_to(p.resolve()):
                        outside.setdefault(str(f.resolve()), str(f))
                        continue
                    found.setdefault(str(f.resolve()), f.resolve())
        elif p.is_file():
            found.setdefault(str(p.resolve()), p.resolve())
        else:
            missing.append((str(raw), "no such file or directory"))
    missing += [(link, "link to a file outside the folder: not followed")
                for target, link in outside.items() if target not in found]
    return [found[k] for k in sorted(found)], missing


def test_same_files_as_rglob(tmp_path):
    root = tmp_path / "docs"
    (root / "a" / "b").mkdir(parents=True)
    (root / ".hidden").mkdir()
    outside = tmp_path / "outside"
    outside.mkdir()
    for rel in ("one.txt", "Two.TXT", "a/three.md", "a/b/four.txt", "a/b/x.csv", ".dot.txt", ".hidden/five.txt",
                "a/b/" + sorted(SKIP_NAMES)[0]):
        (root / rel).write_text("x", encoding="utf-8")
    (outside / "six.txt").write_text("x", encoding="utf-8")
    (outside / "seven.txt").write_text("x", encoding="utf-8")
    os.symlink(outside / "six.txt", root / "linked.txt")            # a link out: only as named below
    os.symlink(outside, root / "a" / "linked_dir")                  # a linked folder: not entered
    os.symlink(tmp_path / "nowhere.txt", root / "broken.txt")       # a broken link: not a file
    os.symlink(root / "one.txt", root / "a" / "again.txt")          # the same file twice: once
    inputs = [root, root / "a", outside / "seven.txt", tmp_path / "missing.txt", root / "linked.txt"]
    got = discover(inputs)
    assert got == _plain(inputs)
    names = {p.name for p in got[0]}
    assert {"one.txt", "Two.TXT", "three.md", "four.txt", "five.txt", "six.txt", "seven.txt"} <= names
    assert "x.csv" not in names and ".dot.txt" not in names and "broken.txt" not in names
    assert got[1] == [(str(tmp_path / "missing.txt"), "no such file or directory")]


def test_same_files_on_the_bundled_data():
    data = Path(__file__).resolve().parents[2] / "data"
    assert discover([data]) == _plain([data])


def test_a_link_out_of_the_folder_is_not_followed(tmp_path):
    root, private = tmp_path / "shared", tmp_path / "private"
    root.mkdir()
    private.mkdir()
    (root / "plan.txt").write_text("x", encoding="utf-8")
    (private / "secret.txt").write_text("x", encoding="utf-8")
    os.symlink(private / "secret.txt", root / "innocent.txt")
    files, refused = discover([root])
    assert [f.name for f in files] == ["plan.txt"]
    assert refused == [(str(root.resolve() / "innocent.txt"), "link to a file outside the folder: not followed")]
