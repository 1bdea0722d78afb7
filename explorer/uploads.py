"""Uploads: checked, saved beside the store (one folder per store, under a size quota), ingested
through ``graph.ingest.ingest`` and removable again.

Only the uploaded bytes and the bare file name are used; nothing the user types is opened as a
path.  The folder is ``<store file>.uploads/`` next to the store, so two stores in one directory
(``/tmp`` …) never share uploads.
"""
from __future__ import annotations

import hashlib
import shutil
import sqlite3
import time
from pathlib import Path
from typing import Any, Callable

from explorer.ui import clean

UPLOAD_TYPES = ("txt", "md", "doc", "docx", "pdf", "html", "htm")
UPLOAD_MAX_MB = 20
UPLOAD_MAX_FILES = 50
UPLOAD_QUOTA_MB = 500  # all uploads of one store together
BUSY_WAIT_S = 300  # how long an upload waits for another writer before giving up
_MAGIC = {"pdf": (b"%PDF",), "docx": (b"PK\x03\x04",), "doc": (b"\xd0\xcf\x11\xe0",)}


def upload_root(store: str) -> Path:
    """``/data/citegraph.sqlite`` -> ``/data/citegraph.sqlite.uploads``."""
    p = Path(store)
    return p.with_name(p.name + ".uploads")


def used_bytes(store: str) -> int:
    root = upload_root(store)
    return sum(f.stat().st_size for f in root.rglob("*") if f.is_file()) if root.is_dir() else 0


def display_name(name: Any) -> str:
    """The bare name of an uploaded file, readable: no folders, no control characters (NUL …).

    >>> display_name("../../etc/a\\x00b.txt"), display_name("C:\\\\x\\\\y.pdf"), display_name("")
    ('ab.txt', 'y.pdf', 'file')
    """
    return clean(Path(str(name).replace("\\", "/")).name).strip() or "file"


def safe_filename(name: str) -> str:
    """A file name made of letters, digits, ``-``, ``.`` and ``_`` only.

    >>> safe_filename("114-KL/TW ../x")
    '114-KL_TW_.._x'
    """
    import re

    return re.sub(r"[^\w.-]+", "_", name, flags=re.UNICODE).strip("._")[:80] or "file"


def check_upload(name: str, payload: bytes) -> str | None:
    """Why an uploaded file is refused (type, size, empty, wrong content), or None.

    >>> check_upload("a.exe", b"x"), check_upload("a.pdf", b"hello"), check_upload("a.txt", b"")
    ('upload.bad_type', 'upload.bad_type', 'upload.empty')
    """
    ext = name.rsplit(".", 1)[-1].lower() if "." in name else ""
    if ext not in UPLOAD_TYPES:
        return "upload.bad_type"
    if not payload:
        return "upload.empty"
    if len(payload) > UPLOAD_MAX_MB * 1024 * 1024:
        return "upload.too_big"
    if ext in _MAGIC and not payload.startswith(_MAGIC[ext]):
        return "upload.bad_type"
    return None


def known_sha(store: str) -> dict[str, str]:
    """sha256 -> stored path of every file already in the store."""
    try:
        conn = sqlite3.connect(Path(store).as_uri() + "?mode=ro", uri=True)
        try:
            return {sha: path for sha, path in conn.execute("SELECT sha256, path FROM files")}
        finally:
            conn.close()
    except sqlite3.Error:
        return {}


def save_uploads(store: str, files: list[tuple[str, bytes]]) -> tuple[list[tuple[str, str]], list[dict[str, Any]]]:
    """Write accepted uploads under ``upload_root(store)`` with sanitised names.

    Returns ([(display name, saved path)], [outcomes of files not saved: refused, duplicate,
    over the quota]).
    """
    from explorer.i18n import t

    saved, other = [], []
    folder: Path | None = None
    shas = known_sha(store)
    room = UPLOAD_QUOTA_MB * 2**20 - used_bytes(store)
    for i, (name, payload) in enumerate(files):
        base = display_name(name)
        why = check_upload(base, payload)
        if why:
            other.append({"name": base, "status": "error",
                          "message": t(why, name=base, size=round(len(payload) / 2**20, 1), mb=UPLOAD_MAX_MB)})
            continue
        sha = hashlib.sha256(payload).hexdigest()
        if sha in shas:
            other.append({"name": base, "status": "duplicate", "path": shas[sha]})
            continue
        if len(payload) > room:
            other.append({"name": base, "status": "error", "message": t("upload.quota", name=base, mb=UPLOAD_QUOTA_MB)})
            continue
        if folder is None:
            root = upload_root(store)
            root.mkdir(parents=True, exist_ok=True)
            folder = root / time.strftime("%Y%m%d-%H%M%S")
            n = 0
            while folder.exists():
                n += 1
                folder = root / f"{time.strftime('%Y%m%d-%H%M%S')}-{n}"
            folder.mkdir()
        stem, _, ext = base.rpartition(".")
        target = folder / f"{i:03d}_{safe_filename(stem)}.{ext.lower()}"
        target.write_bytes(payload)
        room -= len(payload)
        shas[sha] = str(target)
        saved.append((base, str(target)))
    return saved, other


def _busy(exc: BaseException) -> bool:
    return isinstance(exc, sqlite3.OperationalError) and any(w in str(exc).lower() for w in ("locked", "busy"))


def ingest_uploads(store: str, saved: list[tuple[str, str]], *, on_progress: Callable | None = None,
                   on_wait: Callable[[float], None] | None = None) -> list[dict[str, Any]]:
    """Ingest saved uploads; one outcome dict per file.  While another writer holds the store the
    batch waits (the store queues writers; ``on_wait(seconds waited)`` says so), and should the
    wait run out it tries again until ``BUSY_WAIT_S`` instead of failing."""
    from explorer.i18n import t
    from graph.ingest import ingest
    from graph.store import FileFacts

    if not saved:
        return []
    names = {p: n for n, p in saved}
    t0 = time.monotonic()
    while True:
        outcomes: list[dict[str, Any]] = []
        done = {"i": 0, "n": len(saved)}

        def on_start(n: int) -> None:
            done["n"] = n

        def on_result(res) -> None:
            done["i"] += 1
            path = getattr(res, "path", "")
            name = names.get(path, display_name(path))
            if isinstance(res, FileFacts):
                outcomes.append({"name": name, "status": "ok", "key": res.doc["key"], "symbol": res.doc.get("symbol"),
                                 "path": path})
            elif type(res).__name__ == "Unchanged":
                outcomes.append({"name": name, "status": "unchanged", "path": path})
            else:
                outcomes.append({"name": name, "status": "error", "message": t(
                    "upload.file_error", name=name, reason=clean(getattr(res, "reason", str(res))))})
            if on_progress:
                on_progress(done["i"], done["n"], path)

        try:
            report = ingest([p for _, p in saved], store, workers=1, on_start=on_start, on_result=on_result,
                            on_wait=(lambda _msg: on_wait(time.monotonic() - t0)) if on_wait else None)
            break
        except Exception as exc:  # noqa: BLE001 - the page shows a sentence, never a traceback
            if _busy(exc) and time.monotonic() - t0 < BUSY_WAIT_S:
                if on_wait:
                    on_wait(time.monotonic() - t0)
                time.sleep(2)
                continue
            reason = t("upload.busy_gave_up") if _busy(exc) else clean(exc)
            return [{"name": n, "status": "error", "message": t("upload.file_error", name=n, reason=reason)}
                    for n, _ in saved]
    for path, reason in report.failed:  # failures reported without a per-file result
        name = names.get(path, display_name(path))
        if not any(o["name"] == name for o in outcomes):
            outcomes.append({"name": name, "status": "error",
                             "message": t("upload.file_error", name=name, reason=clean(reason))})
    return outcomes


def list_uploads(store: str) -> list[dict[str, Any]]:
    """Uploaded files recorded in the store: path, display name, size, document key and symbol."""
    root = str(upload_root(store)) + "/"
    try:
        conn = sqlite3.connect(Path(store).as_uri() + "?mode=ro", uri=True)
        try:
            rows = conn.execute("SELECT f.path, f.size, f.ingested_at, d.key, d.symbol FROM files f"
                                " LEFT JOIN docs d ON d.file_id = f.id WHERE substr(f.path, 1, ?) = ?"
                                " ORDER BY f.ingested_at DESC", (len(root), root)).fetchall()
        finally:
            conn.close()
    except sqlite3.Error:
        return []
    return [{"path": p, "name": Path(p).name.split("_", 1)[-1], "size": size, "at": at, "key": key, "symbol": sym}
            for p, size, at, key, sym in rows]


def remove_upload(store: str, path: str) -> bool:
    """Forget an uploaded file (its facts leave the store) and delete it from the upload folder.
    Only paths inside this store's upload folder are ever touched."""
    from graph.store import Store

    root = upload_root(store).resolve()
    target = Path(path).resolve()
    if root not in target.parents:
        return False
    with Store(store) as s:
        removed = s.remove_file(path)
    target.unlink(missing_ok=True)
    if target.parent != root and not any(target.parent.iterdir()):
        shutil.rmtree(target.parent, ignore_errors=True)
    return removed
