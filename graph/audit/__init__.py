"""Audit: which citations are outdated, inconsistent or malformed, each with its evidence.

``facts`` reads the records (and the validity facts the files state), ``registry`` holds the
status facts (bundled CSV, a user's CSV, corpus facts), ``checks`` the consistency checks and
``outdated`` the judgement of each citation at its document's own date.  The entry points are here.
"""
from __future__ import annotations

import datetime as _dt
from typing import Any, Iterable

from graph.audit.checks import (CHECKS, EXPLANATIONS, KINDS, SEVERITIES, Finding, _Ctx, parse_as_of, parse_kinds,
                                to_records)
from graph.audit.facts import Facts, corpus_facts, load_facts, status_records
from graph.audit.outdated import check_outdated, group_outdated
from graph.audit.registry import Registry, load_registry

__all__ = ["EXPLANATIONS", "KINDS", "SEVERITIES", "Facts", "Finding", "audit", "audit_facts", "group_outdated",
           "load_facts", "load_status", "parse_as_of", "parse_kinds", "status_records", "to_records"]

_SEV_RANK = {s: i for i, s in enumerate(SEVERITIES)}
_KIND_RANK = {k: i for i, k in enumerate(KINDS)}


def load_status(facts: Facts, *, registry_csv: str | None = None, bundled: bool = True) -> Registry:
    """The merged registry: the bundled table, the user's CSV and the facts the files state."""
    return load_registry(user_csv=registry_csv, bundled=bundled, corpus=corpus_facts(facts))


def audit_facts(facts: Facts, *, as_of: str | _dt.date | None = None, kinds: str | Iterable[str] | None = None,
                registry: Registry | None = None, registry_csv: str | None = None, everything: bool = False) -> list[Finding]:
    """Run the checks over plain records; findings sorted by severity, kind, document, position.

    ``everything`` also reports what is noise by default (repairs of PDF line breaks and spaces).
    """
    day = parse_as_of(as_of)
    wanted = parse_kinds(kinds)
    if registry is None:
        registry = load_status(facts, registry_csv=registry_csv)
    ctx = _Ctx(facts, registry, day, everything)
    checks = {**CHECKS, "outdated": check_outdated}
    out: list[Finding] = []
    for k in wanted:
        out.extend(checks[k](ctx))
    out.sort(key=lambda f: (_SEV_RANK.get(f.severity, 9), _KIND_RANK.get(f.kind, 9), f.file, f.start or -1, f.code))
    return out


def audit(store: Any, as_of: str | _dt.date | None = None, kinds: str | Iterable[str] | None = None, *,
          registry_csv: str | None = None, registry: Registry | None = None, everything: bool = False) -> list[Finding]:
    """Audit a store (a ``graph.store.Store``, a path to one, or ready ``Facts``).

    ``as_of`` (ISO date, DD/MM/YYYY, a ``date``; default today) is the last day a change may take
    effect to count; each citation is judged at its own document's date.  ``kinds`` limits the
    checks (``"outdated,conflict"`` or a list); ``registry_csv`` adds the user's status CSV to the
    bundled and corpus-stated facts; ``everything`` keeps the findings that are noise by default.
    """
    facts = store if isinstance(store, Facts) else load_facts(store)
    return audit_facts(facts, as_of=as_of, kinds=kinds, registry=registry, registry_csv=registry_csv,
                       everything=everything)
