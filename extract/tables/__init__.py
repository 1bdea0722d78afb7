"""Data tables of the extractor: type codes, issuer codes and relation cue phrases.

They live in JSON next to this file so that adding a type, an issuer or a cue is one entry.
Tables are validated at load; a bad table fails here, naming the expected keys.  Lookups that
forgive case and diacritics (``canonical_type_code``, ``issuer_info``) live in ``extract.keys``,
beside the fold they use: this module loads data and imports nothing of the project.
"""
from __future__ import annotations

import json
from functools import lru_cache
from importlib import resources
from typing import Any


class TableError(ValueError):
    """A bundled or user table is malformed."""


def _load(name: str) -> dict[str, Any]:
    with resources.files(__package__).joinpath(name).open(encoding="utf-8") as fh:
        return json.load(fh)


@lru_cache(maxsize=None)
def doc_types() -> list[dict[str, Any]]:
    """Rows of doc_types.json: each has code, families, names, examples."""
    rows = _load("doc_types.json")["types"]
    for row in rows:
        missing = {"code", "families", "names", "examples"} - set(row)
        if missing:
            raise TableError(f"doc_types.json row {row!r} lacks {sorted(missing)}")
    return rows


@lru_cache(maxsize=None)
def untyped_names() -> tuple[str, ...]:
    return tuple(_load("doc_types.json")["untyped"]["names"])


@lru_cache(maxsize=None)
def type_codes() -> frozenset[str]:
    """Every known type code, e.g. ``{"NQ", "QĐ", "QĐi", "CTr", ...}``."""
    return frozenset(r["code"] for r in doc_types())


def type_name(code: str | None, family: str) -> str | None:
    """Canonical Vietnamese name of a type code within a symbol family (TT: Thông tri/Thông tư)."""
    if not code:
        return None
    fallback = None
    for r in doc_types():
        if r["code"] == code:
            if family in r["families"]:
                return r["names"][-1] if r["code"] == "CTr" else r["names"][0]
            fallback = fallback or r["names"][0]
    return fallback


@lru_cache(maxsize=None)
def type_words() -> dict[str, set[str]]:
    """Type word (lower-case) -> the codes it may carry (``"quy định"`` -> ``{"QĐi", "QyĐ"}``)."""
    out: dict[str, set[str]] = {}
    for r in doc_types():
        for n in r["names"]:
            out.setdefault(n.lower(), set()).add(r["code"])
    for n in untyped_names():
        out.setdefault(n.lower(), set())
    return out


@lru_cache(maxsize=None)
def issuers() -> dict[str, Any]:
    data = _load("issuers.json")
    for code, row in data["codes"].items():
        missing = {"name", "scope", "level"} - set(row)
        if missing:
            raise TableError(f"issuers.json code {code!r} lacks {sorted(missing)}")
    return data


@lru_cache(maxsize=None)
def relation_cues() -> dict[str, Any]:
    data = _load("relation_cues.json")
    missing = {"opening", "between", "status", "not_edge_after"} - set(data)
    if missing:
        raise TableError(f"relation_cues.json lacks {sorted(missing)}")
    return data
