"""The document status registry: which documents were replaced, repealed, expired or amended, when,
by what, and who says so.

Three sources, merged (every fact keeps its origin and its source):

1. ``bundled`` - ``data/status_registry.csv``: a small curated table of well-sourced facts about
   documents the sample plans cite.  No row without a ``source``; a test enforces it.
2. ``user``    - the analyst's own CSV in the same format (``citegraph audit --registry FILE``).
3. ``corpus``  - facts the ingested documents state themselves ("Quyết định này thay thế Quyết định
   số 15/2014/QĐ-UBND"), read at ingest by ``extract.validity`` and turned into facts by
   ``graph.audit.facts.corpus_facts``.

CSV columns (header required, UTF-8)::

    symbol,date,province,status,by,by_date,effective,source,note

``symbol``/``date`` name the affected document (``date`` disambiguates yearless numbers:
16/CT-TTg of 2016 is not 16/CT-TTg of 2020); ``province`` scopes local symbols (TU, UBND ...);
``status`` is ``replaced | repealed | expired | amended``; ``by``/``by_date`` name the acting
document; ``effective`` is the ISO date the change took effect; ``source`` is where the fact
comes from (required).

>>> reg = Registry.from_rows([{"symbol": "16/CT-TTg", "date": "2016-05-16", "status": "replaced",
...     "by": "33/CT-TTg", "effective": "2021-11-26", "source": "Chỉ thị 33/CT-TTg"}], origin="user")
>>> [f.by for f, quality in reg.lookup("16|CT-TTG", date="2016-05-16")]
['33/CT-TTg']
>>> reg.lookup("16|CT-TTG", date="2020-03-31")
[]
"""
from __future__ import annotations

import csv
import io
import re
from collections import defaultdict
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any, Iterable

from extract.keys import document_key

BUNDLED_PATH = Path(__file__).resolve().parents[2] / "data" / "status_registry.csv"
COLUMNS = ("symbol", "date", "province", "status", "by", "by_date", "effective", "source", "note")
REQUIRED = ("symbol", "status", "source")
STATUSES = ("replaced", "repealed", "expired", "amended")
ENDING = ("replaced", "repealed", "expired")  # changes after which citing the document is outdated
_ISO = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_YEAR_IN_SYMBOL = re.compile(r"/(?:19|20)\d{2}/")


class RegistryError(ValueError):
    """A registry CSV is malformed; the message names the file, the row and what is expected."""


@dataclass(frozen=True, slots=True)
class StatusFact:
    """One status change of one document, with where the fact comes from."""

    key: str
    symbol: str
    status: str
    source: str
    origin: str  # bundled | user | corpus
    date: str | None = None
    province: str | None = None
    by: str | None = None
    by_key: str | None = None
    by_date: str | None = None
    effective: str | None = None
    evidence: str | None = None  # the sentence that states it (corpus facts)
    note: str | None = None
    scope: str = "whole"  # whole | part (an article, clause, annex, form or phrase: ``part``)
    part: str | None = None
    effective_from: str = "unknown"  # stated | signing | unknown
    file: str | None = None  # the file that states it (corpus facts)
    doc_type: str | None = None  # the affected document's type word and subject where the fact names it
    subject: str | None = None

    @property
    def ends_validity(self) -> bool:
        """The document as a whole stopped being in force (a part or an amendment does not count)."""
        return self.status in ENDING and self.scope == "whole"

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


def _clean(v: Any) -> str | None:
    if v is None:
        return None
    v = str(v).strip()
    return v or None


def _check_date(v: str | None, what: str, where: str) -> str | None:
    if v is not None and not _ISO.match(v):
        raise RegistryError(f"{where}: {what} {v!r} is not an ISO date (YYYY-MM-DD)")
    return v


def fact_from_row(row: dict[str, Any], *, origin: str, where: str = "row") -> StatusFact:
    """Validate one CSV row and turn it into a fact (``RegistryError`` names what is wrong)."""
    r = {k: _clean(row.get(k)) for k in COLUMNS}
    missing = [k for k in REQUIRED if not r[k]]
    if missing:
        raise RegistryError(f"{where}: missing {', '.join(missing)} (columns: {', '.join(COLUMNS)})")
    status = r["status"].lower()
    if status not in STATUSES:
        raise RegistryError(f"{where}: status {r['status']!r} is not one of {', '.join(STATUSES)}")
    for k in ("date", "by_date", "effective"):
        _check_date(r[k], k, where)
    return StatusFact(
        key=document_key(r["symbol"], r["province"]), symbol=r["symbol"], status=status, source=r["source"],
        origin=origin, date=r["date"], province=r["province"], by=r["by"],
        by_key=document_key(r["by"], r["province"]) if r["by"] else None, by_date=r["by_date"],
        effective=r["effective"] or (r["by_date"] if status != "expired" else None), note=r["note"],
        effective_from="stated" if r["effective"] else "signing" if r["by_date"] and status != "expired" else "unknown")


def read_csv(path: str | Path, *, origin: str) -> list[StatusFact]:
    """Read a registry CSV (bundled or the user's); raise ``RegistryError`` on any bad row."""
    p = Path(path)
    try:
        text = p.read_text(encoding="utf-8-sig")
    except OSError as exc:
        raise RegistryError(f"{p}: cannot read ({exc.strerror or exc})") from None
    reader = csv.DictReader(io.StringIO(text))
    header = reader.fieldnames or []
    absent = [c for c in REQUIRED if c not in header]
    if absent:
        raise RegistryError(f"{p}: header lacks {', '.join(absent)} (expected: {', '.join(COLUMNS)})")
    return [fact_from_row(row, origin=origin, where=f"{p.name} line {i}") for i, row in enumerate(reader, start=2)]


class Registry:
    """Status facts indexed by canonical document key."""

    def __init__(self, facts: Iterable[StatusFact] = ()) -> None:
        self.facts: list[StatusFact] = []
        self._by_key: dict[str, list[StatusFact]] = defaultdict(list)
        for f in facts:
            self.add(f)

    def add(self, fact: StatusFact) -> None:
        self.facts.append(fact)
        self._by_key[fact.key].append(fact)

    @classmethod
    def from_rows(cls, rows: Iterable[dict[str, Any]], *, origin: str = "user") -> "Registry":
        return cls(fact_from_row(r, origin=origin, where=f"row {i}") for i, r in enumerate(rows, start=1))

    def __len__(self) -> int:
        return len(self.facts)

    def keys(self) -> set[str]:
        return set(self._by_key)

    def lookup(self, key: str, *, date: str | None = None, year: int | None = None) -> list[tuple[StatusFact, str]]:
        """Facts about the document ``key`` cited with ``date``/``year``, each with a match quality.

        ``symbol`` (the số hiệu carries its year), ``exact`` (same date of issue), ``year`` (same year), ``assumed`` (the citation gives no date
        or year, or the fact none); a fact whose date contradicts the citation's is left out, since
        many numbers restart every year or term (16/CT-TTg of 2016 and of 2020).
        """
        out = []
        for f in self._by_key.get(key, ()):
            if _YEAR_IN_SYMBOL.search(f.symbol):
                # 55/2022/QH15: the year is part of the number; two different dates still mean two
                # documents (the same local number in two provinces, a typo'd year)
                if not (f.date and date and f.date != date):
                    out.append((f, "symbol"))
                continue
            if f.date and date:
                if f.date == date:
                    out.append((f, "exact"))
                elif f.date[:4] == date[:4] and f.origin != "corpus":
                    out.append((f, "year"))  # same year, different day: a typo more likely than a twin
                continue
            y = int(date[:4]) if date else year
            if f.date and y is not None:
                if int(f.date[:4]) == y:
                    out.append((f, "year"))
                continue
            out.append((f, "assumed"))
        return out

    def to_records(self) -> list[dict[str, Any]]:
        return [f.to_dict() for f in self.facts]


def load_registry(*, user_csv: str | Path | None = None, bundled: bool = True,
                  corpus: Iterable[StatusFact] = ()) -> Registry:
    """The merged registry: bundled table, the user's CSV and corpus-stated facts."""
    reg = Registry()
    if bundled and BUNDLED_PATH.exists():
        for f in read_csv(BUNDLED_PATH, origin="bundled"):
            reg.add(f)
    if user_csv:
        for f in read_csv(user_csv, origin="user"):
            reg.add(f)
    for f in corpus:
        reg.add(f)
    return reg
