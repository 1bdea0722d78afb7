"""Per-file metadata supplied by hand, for files whose header lacks it.

A scanned plan may have lost its "Số:" line, a web page its issuer; the office that
collected the files usually knows them. They go in one sidecar file in the same
folder as the documents, named exactly ``citegraph.csv`` or ``citegraph.json``
(not both). Columns (``SIDECAR_COLUMNS``):

- ``file``: required; the document's file name, relative to the folder (``vb1.txt``
  or ``2023/vb1.pdf``, ``/`` separators, no ``..``), unique.
- ``province``: province or city as written (``Hà Giang``).
- ``issuer``: issuing body (``Tỉnh ủy Hà Giang``).
- ``date``: issue date, ISO ``YYYY-MM-DD`` only (so 04/05 cannot be read two ways).
- ``symbol``: số hiệu (``116-KH/TU``).
- ``type``: document type, name or code (``Kế hoạch`` or ``KH``).
- ``title``: trích yếu.

All but ``file`` are optional and may be left out or empty; empty values are dropped.
Other column names are refused (a typo such as ``provence`` would otherwise vanish).

CSV: UTF-8 (Excel's BOM is fine), header row first, comma- or semicolon-separated
(the first line decides). JSON: an object ``{"vb1.txt": {"symbol": "116-KH/TU"}}``
or a list ``[{"file": "vb1.txt", "symbol": "116-KH/TU"}]``; values strings or null.

>>> import pathlib, tempfile
>>> d = pathlib.Path(tempfile.mkdtemp())
>>> _ = (d / "citegraph.csv").write_text("file,symbol,date\\nvb1.txt,116-KH/TU,2023-04-04\\n", encoding="utf-8")
>>> load_sidecar(d)
{'vb1.txt': {'date': '2023-04-04', 'symbol': '116-KH/TU'}}

Any problem raises :class:`SidecarError` naming the sidecar file and the bad row
(CSV line number; JSON key or list index).
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import os
import unicodedata
from pathlib import Path, PurePosixPath

from extract.read import ReadError

__all__ = ["SIDECAR_COLUMNS", "SIDECAR_NAMES", "SidecarError", "load_sidecar"]

SIDECAR_NAMES = ("citegraph.csv", "citegraph.json")
SIDECAR_COLUMNS = ("file", "province", "issuer", "date", "symbol", "type", "title")
_MAX_BYTES = 50 * 1024 * 1024


class SidecarError(ReadError):
    """A sidecar that cannot be trusted; ``str(err)`` is ``"{path}: {reason}"``."""


def load_sidecar(folder_or_file: str | os.PathLike[str]) -> dict[str, dict[str, str]]:
    """Return ``{file name: {column: value}}`` from a folder's sidecar, ``{}`` if none.

    Given a folder, looks for the names in ``SIDECAR_NAMES``; given a file, reads it.
    """
    target = Path(folder_or_file)
    if target.is_dir():
        found = [target / n for n in SIDECAR_NAMES if (target / n).is_file()]
        if not found:
            return {}
        if len(found) > 1:
            raise SidecarError(target, f"both {SIDECAR_NAMES[0]} and {SIDECAR_NAMES[1]} are present; keep one")
        target = found[0]
    if target.suffix.lower() not in (".csv", ".json"):
        raise SidecarError(target, "sidecar must be a .csv or .json file")
    try:
        data = target.read_bytes()
    except OSError as e:
        raise SidecarError(target, f"cannot read: {e.strerror or e}") from None
    if len(data) > _MAX_BYTES:
        raise SidecarError(target, f"over the {_MAX_BYTES:,}-byte limit")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as e:
        raise SidecarError(target, f"not UTF-8 (byte {e.start}); save it as UTF-8 (Excel: 'CSV UTF-8')") from None
    text = unicodedata.normalize("NFC", text)
    if not text.strip():
        raise SidecarError(target, "empty sidecar: expected a header row (CSV) or an object (JSON)")
    rows = _csv_rows(target, text) if target.suffix.lower() == ".csv" else _json_rows(target, text)
    out: dict[str, dict[str, str]] = {}
    where_seen: dict[str, str] = {}
    for where, row in rows:
        name, fields = _validate(target, where, row)
        if name in out:
            raise SidecarError(target, f"{where}: duplicate file {name!r} (first at {where_seen[name]})")
        out[name] = fields
        where_seen[name] = where
    return out


def _csv_rows(path: Path, text: str):
    first = text.split("\n", 1)[0]
    delimiter = ";" if first.count(";") > first.count(",") else ","
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    try:
        header = [h.strip().lower() for h in next(reader)]
        _check_columns(path, "header (row 1)", header)
        for row in reader:
            where = f"row {reader.line_num}"
            if not any(cell.strip() for cell in row):
                continue
            if len(row) != len(header):
                raise SidecarError(path, f"{where}: has {len(row)} fields, the header has {len(header)}")
            yield where, dict(zip(header, row))
    except csv.Error as e:
        raise SidecarError(path, f"row {reader.line_num}: bad CSV ({e})") from None


def _json_rows(path: Path, text: str):
    try:
        data = json.loads(text)
    except (json.JSONDecodeError, RecursionError) as e:
        raise SidecarError(path, f"not valid JSON ({e})") from None
    if isinstance(data, dict):
        for key, value in data.items():
            where = f"entry {key!r}"
            if not isinstance(value, dict):
                raise SidecarError(path, f"{where}: expected an object of columns, got {type(value).__name__}")
            if "file" in value and value["file"] != key:
                raise SidecarError(path, f"{where}: 'file' is {value['file']!r}, not the key")
            _check_columns(path, where, ["file", *value])
            yield where, {**value, "file": key}
    elif isinstance(data, list):
        for i, value in enumerate(data):
            where = f"entry {i}"
            if not isinstance(value, dict):
                raise SidecarError(path, f"{where}: expected an object with a 'file' key, got {type(value).__name__}")
            _check_columns(path, where, list(value))
            yield where, value
    else:
        raise SidecarError(path, f"expected an object or a list at the top, got {type(data).__name__}")


def _check_columns(path: Path, where: str, columns: list[str]) -> None:
    unknown = [c for c in columns if c not in SIDECAR_COLUMNS]
    if unknown:
        raise SidecarError(path, f"{where}: unknown column {unknown[0]!r}; expected {', '.join(SIDECAR_COLUMNS)}")
    if "file" not in columns:
        raise SidecarError(path, f"{where}: missing column 'file'; expected {', '.join(SIDECAR_COLUMNS)}")
    dupes = sorted({c for c in columns if columns.count(c) > 1})
    if dupes:
        raise SidecarError(path, f"{where}: column {dupes[0]!r} appears twice")


def _validate(path: Path, where: str, row: dict) -> tuple[str, dict[str, str]]:
    fields: dict[str, str] = {}
    for col in SIDECAR_COLUMNS:
        value = row.get(col)
        if value is None:
            continue
        if not isinstance(value, str):
            raise SidecarError(path, f"{where}: {col} must be a string, got {type(value).__name__} {value!r}")
        value = unicodedata.normalize("NFC", value.strip())
        if "\n" in value or "\r" in value:
            raise SidecarError(path, f"{where}: {col} spans several lines")
        if value:
            fields[col] = value
    name = fields.pop("file", "")
    if not name:
        raise SidecarError(path, f"{where}: empty file name")
    pure = PurePosixPath(name.replace("\\", "/"))
    if pure.is_absolute() or ".." in pure.parts or name.startswith(("/", "\\")) or ":" in name:
        raise SidecarError(path, f"{where}: file {name!r} must be a name relative to the folder, without '..'")
    if "date" in fields:
        try:
            dt.date.fromisoformat(fields["date"])
            if len(fields["date"]) != 10:
                raise ValueError
        except ValueError:
            raise SidecarError(path, f"{where}: date {fields['date']!r} is not YYYY-MM-DD") from None
    return str(pure), fields
