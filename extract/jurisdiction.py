"""Which province a document belongs to: the jurisdiction that scopes its local citations.

Local issuer codes (TU, UBND, HĐND ...) only name a document inside one province, so the graph
needs each file's province.  Evidence, strongest first:

1. the header or issuer line: ``TỈNH ỦY PHÚ YÊN``, ``UBND TỈNH HÀ TĨNH``, ``UBND THỊ XÃ HỒNG LĨNH``;
2. the place/date line: ``Khánh Hòa, ngày 06 tháng 7 năm 2021``, where a town or district
   (``Hồng Lĩnh``) is mapped to its province;
3. the province most mentioned in the text (``tỉnh Khánh Hòa``), when it clearly leads.

Names are the pre-2025 (63-province) names that documents use; the province and district lists
come from ``vietnamadminunits``' legacy data (its SQLite dataset), not from a hand-written list.  Pure and cached:
the tables are built once per process.

>>> infer_province("TỈNH ỦY PHÚ YÊN\\nSố 116-KH/TU")
'Phú Yên'
>>> infer_province("\\nHồng Lĩnh, ngày 10 tháng 02 năm 2023\\nKẾ HOẠCH")
'Hà Tĩnh'
>>> province_of_place("Thị xã Hồng Lĩnh"), province_of_place("TP. Nha Trang"), province_of_place("Mars")
('Hà Tĩnh', 'Khánh Hòa', None)
"""
from __future__ import annotations

import importlib.util
import re
import sqlite3
from collections import Counter
from contextlib import closing
from functools import lru_cache
from pathlib import Path

from extract.keys import fold_text, strip_diacritics

__all__ = ["infer_province", "province_of_place", "province_names"]

# Legacy short names that documents spell differently (the package says "Huế" for the 2024
# centrally-run city; pre-2025 documents say "Thừa Thiên Huế").
_DISPLAY = {"Huế": "Thừa Thiên Huế"}
_ALIASES = {"thua thien hue": "Thừa Thiên Huế", "tp hcm": "Hồ Chí Minh", "tphcm": "Hồ Chí Minh",
            "hcm": "Hồ Chí Minh", "sai gon": "Hồ Chí Minh", "ba ria vung tau": "Bà Rịa - Vũng Tàu"}
_HEADER_CHARS = 1500        # header region when no place/date line is found
_PLACE_SEARCH_CHARS = 6000  # the place/date line must appear this early to count
_MENTION_CHARS = 40_000     # provinces are counted in the opening pages, where a document names its own


def _space(s: str) -> str:
    """Hyphens and runs of white space as one space (plain string methods: this runs per mention)."""
    return " ".join(s.replace("-", " ").replace("–", " ").split())


def _dataset_path() -> Path:
    """``vietnamadminunits``' SQLite dataset, found WITHOUT importing the package: its ``__init__``
    compiles an address parser (seconds at every start) that we do not use."""
    spec = importlib.util.find_spec("vietnamadminunits")  # locates the package, runs none of it
    for folder in (spec.submodule_search_locations or []) if spec else []:
        path = Path(folder) / "data" / "dataset.db"
        if path.is_file():
            return path
    raise RuntimeError("vietnamadminunits' data/dataset.db not found: install the project's dependencies "
                       "(pip install -e .)")


@lru_cache(maxsize=1)
def _tables() -> tuple[dict[str, str], dict[str, frozenset[str]]]:
    """(folded province name -> display name, folded district name -> provinces), from the
    dataset's legacy (pre-2025) admin units in one query."""
    uri = f"{_dataset_path().as_uri()}?mode=ro&immutable=1"
    with closing(sqlite3.connect(uri, uri=True)) as conn:
        rows = conn.execute("SELECT DISTINCT provinceShort, districtShort FROM admin_units_legacy").fetchall()
    return _build_tables(rows)


def _build_tables(rows) -> tuple[dict[str, str], dict[str, frozenset[str]]]:
    """The tables from (provinceShort, districtShort or None) pairs."""
    provinces: dict[str, str] = {}
    districts: dict[str, set[str]] = {}
    for province_short, district_short in rows:
        name = _DISPLAY.get(province_short, province_short)
        provinces[_space(fold_text(province_short))] = name
        provinces[_space(fold_text(name))] = name
        if district_short:
            districts.setdefault(_space(fold_text(district_short)), set()).add(name)
    for alias, name in _ALIASES.items():
        provinces[alias] = name
    return provinces, {k: frozenset(v) for k, v in districts.items()}


def province_names() -> list[str]:
    """The 63 pre-2025 province names, as documents write them."""
    return sorted(set(_tables()[0].values()))


def _alt(names) -> str:
    return "|".join(re.escape(n).replace(r"\ ", r"\s+") for n in sorted(names, key=len, reverse=True))


@lru_cache(maxsize=1)
def _patterns() -> dict[str, re.Pattern[str]]:
    provinces, districts = _tables()
    prov, dist = _alt([p for p in provinces if len(p) > 3]), _alt(districts)
    return {
        # "tinh phu yen", "tinh uy phu yen", "thanh pho ho chi minh", "tp. ha noi", "ubnd tinh ..."
        "province": re.compile(rf"\b(?:tinh\s+uy|thanh\s+uy|tinh|thanh\s+pho|tp\.?)\s*({prov})\b"),
        "district": re.compile(rf"\b(?:thi\s+xa|huyen|quan|thanh\s+pho|tp\.?|thi\s+uy|huyen\s+uy|quan\s+uy|"
                               rf"thanh\s+uy)\s*({dist})\b"),
        "bare": re.compile(rf"\b({prov})\b"),
        "anchored": re.compile(rf"({prov})\b"),
        "central": re.compile(r"\b(?:chinh\s+phu|quoc\s+hoi|thu\s+tuong|bo\s+chinh\s+tri|ban\s+bi\s+thu|"
                              r"trung\s+uong|tong\s+cuc|ngan\s+hang\s+nha\s+nuoc|bo\s+(?!tinh|thi|huyen)[a-z]+)\b"),
    }


_DATE_COMMA = re.compile(r",\s*ngày\b", re.IGNORECASE)
_CHUNK_STOP = re.compile(r"[\n,;:|*#()\[\]]")
_MARKUP_CHARS = "*|#_>`\\"  # flattened to spaces in the header
# Every ``,\s*ngày`` of the flattened header is one of these in the raw text (markup, dashes and
# white space between the comma and the word all flatten to at most one space).
_SEPARATOR_CLASS = r"[\s*|#_>`\\\-–]"
_RAW_DATE_COMMA = re.compile(r",%s*ngày" % _SEPARATOR_CLASS, re.IGNORECASE)
_SEPARATOR = re.compile(_SEPARATOR_CLASS)
_PREFIX = re.compile(r"^(?:tinh|thanh\s+pho|tp\.?|thi\s+xa|thi\s+tran|huyen|quan|xa|phuong)\s*")


@lru_cache(maxsize=4096)
def province_of_place(name: str | None) -> str | None:
    """The province of a place name: a province itself, or a district/town in it (if unique)."""
    if not name:
        return None
    provinces, districts = _tables()
    folded = _space(fold_text(name)).strip(" .")
    for candidate in (folded, _PREFIX.sub("", folded)):
        candidate = candidate.replace(".", " ").strip() if candidate.startswith("tp") else candidate
        if candidate in provinces:
            return provinces[candidate]
    bare = _PREFIX.sub("", folded)
    if bare in provinces:
        return provinces[bare]
    owners = districts.get(bare)
    if owners and len(owners) == 1:
        return next(iter(owners))
    return None


def _district_owners(name: str) -> frozenset[str]:
    return _tables()[1].get(_space(name), frozenset())


def _flatten(s: str) -> str:
    """Markup characters as spaces, then ``_space``.  Plain ``str.replace`` per character: a run of
    markup becomes several spaces rather than one, which ``_space`` collapses all the same, and
    it is far faster than a regex substitution over the 6000-character header."""
    for ch in _MARKUP_CHARS:
        s = s.replace(ch, " ")
    return _space(s)


def _header_region(text: str) -> tuple[str, str | None]:
    """The header (markup and line breaks flattened) and the place named on its date line."""
    head = text[:_PLACE_SEARCH_CHARS]
    first = _RAW_DATE_COMMA.search(head)
    if first is None:  # no ", ngày" anywhere in the header: flattening all of it would find none
        return _flatten(text[:_HEADER_CHARS]), None
    # Fast path: flatten only up to the first raw ", ngày" (cut at a separator, so the result is a
    # prefix of the whole flattened header) -- usually the document's own date line.
    cut = _SEPARATOR.search(head, first.end())
    found = _date_place(_flatten(head[:cut.start()])) if cut else None
    if found is None:
        found = _date_place(_flatten(head))
    return found or (_flatten(text[:_HEADER_CHARS]), None)


def _date_place(head: str) -> tuple[str, str] | None:
    """The header up to the first ``, ngày`` whose preceding words name a place, and that place."""
    for m in _DATE_COMMA.finditer(head):
        chunk = head[max(0, m.start() - 80): m.start()]
        place = _place_from_chunk(_CHUNK_STOP.split(chunk)[-1])
        if place:
            return head[: m.end()], place
    return None


def _place_from_chunk(chunk: str) -> str | None:
    """``Số: /KH-UBND Hồng Lĩnh`` -> ``Hồng Lĩnh``: the longest trailing capitalised run that resolves."""
    words = chunk.split()
    run: list[str] = []
    for w in reversed(words[-6:]):
        if not w[:1].isupper() and fold_text(w) not in {"pho", "xa", "tran"}:
            break
        run.insert(0, w)
    for i in range(len(run)):
        candidate = " ".join(run[i:])
        if province_of_place(candidate) or _district_owners(fold_text(candidate)):
            return candidate
    return None


def _scan(folded: str, districts: bool = True) -> tuple[list[str], list[frozenset[str]]]:
    """Provinces named with an admin prefix, and owner sets of districts named with one."""
    pats, (provinces, _) = _patterns(), _tables()
    provs = [provinces[_space(m.group(1))] for m in pats["province"].finditer(folded)]
    if not districts:
        return provs, []
    dists = [_district_owners(m.group(1)) for m in pats["district"].finditer(folded)]
    return provs, [d for d in dists if d]


_UY = re.compile(r"\s*(?:uy\b)?\s*")

# The admin prefixes before a province name, as (tail, heads): the tail is found with ``str.find``,
# then one of the heads must stand right before it.  Grouped by tail, each group in text order: the
# order ``_mentions`` counts in, so a tie between two provinces goes to the one counted first.
_PREFIX_FORMS = (
    ("ỉnh", ("t", "T")), ("ỈNH", ("T",)),
    ("phố", ("thành ", "Thành ", "THÀNH ", "thành\xa0", "Thành\xa0")), ("PHỐ", ("THÀNH ",)),
    ("p.", ("T", "t")), ("P.", ("T", "t")),
)


def _prefix_ends(text: str) -> list[tuple[int, int]]:
    """(start, end) of every ``tỉnh`` / ``thành phố`` / ``Tp.`` (any case) not glued to a word."""
    out: list[tuple[int, int]] = []
    for tail, heads in _PREFIX_FORMS:
        i = text.find(tail)
        while i >= 0:
            for head in heads:
                start = i - len(head)
                if start >= 0 and text.startswith(head, start) and not (start and text[start - 1].isalnum()):
                    out.append((start, i + len(tail)))
                    break
            i = text.find(tail, i + 1)
    return out


def _mentions(text: str) -> Counter[str]:
    """Provinces named as ``tỉnh X`` / ``thành phố X`` anywhere; only the few hits get folded."""
    provinces, anchored = _tables()[0], _patterns()["anchored"]
    out: Counter[str] = Counter()
    for _start, end in _prefix_ends(text):
        window = _space(strip_diacritics(text[end: end + 45]).lower())
        hit = anchored.match(window, _UY.match(window).end())
        if hit:
            out[provinces[_space(hit.group(1))]] += 1
    return out


def _pick(provs: list[str], dists: list[frozenset[str]], prior) -> str | None:
    """Most-named province, else the first district that names one (``prior()`` breaks ties)."""
    if provs:
        return Counter(provs).most_common(1)[0][0]
    for owners in dists:
        if len(owners) == 1:
            return next(iter(owners))
        ranked = [p for p, _ in prior().most_common() if p in owners]
        if ranked:
            return ranked[0]
    return None


def infer_province(text: str, *, place: str | None = None, issuer: str | None = None) -> str | None:
    """The pre-2025 province a document belongs to, or None when the text does not tell.

    ``place`` and ``issuer`` are what the header parser found (``DocumentInfo.place/issuer``);
    they are used first when given.

    >>> infer_province("UBND TỈNH HÀ TĨNH\\n...", place="Hà Nội")
    'Hà Tĩnh'
    >>> infer_province("CHÍNH PHỦ\\nHà Nội, ngày 1 tháng 2 năm 2024\\nNGHỊ ĐỊNH") is None
    True
    >>> infer_province("Kế hoạch ... tỉnh Khánh Hòa ... tỉnh Khánh Hòa ... tỉnh Phú Yên")
    'Khánh Hòa'
    """
    text = text or ""
    cache: list[Counter[str]] = []

    def mentions() -> Counter[str]:  # the whole-text scan is the costly part: only when needed
        if not cache:
            cache.append(_mentions(text[:_MENTION_CHARS]))
        return cache[0]

    # 1. issuer string and header
    if issuer:
        fi = fold_text(issuer)
        provs, dists = _scan(fi)
        if not provs and not dists:
            bare = [_tables()[0][_space(m.group(1))] for m in _patterns()["bare"].finditer(fi)]
            provs = bare
        found = _pick(provs, dists, mentions)
        if found:
            return found
    header, header_place = _header_region(text)
    fh = strip_diacritics(header).lower()  # flattened already; too long and unique to cache
    found = _pick(*_scan(fh), mentions)
    if found:
        return found
    # 2. the place/date line (a bare "Hà Nội" under a central header is the seat of government)
    central = bool(_patterns()["central"].search(fh))
    for candidate in (place, header_place):
        if not candidate:
            continue
        prov = province_of_place(candidate)
        if prov is None:
            owners = _district_owners(_PREFIX.sub("", _space(fold_text(candidate))))
            prov = _pick([], [owners], mentions) if owners else None
        if prov == "Hà Nội" and central and mentions().get("Hà Nội", 0) == 0:
            continue
        if prov:
            return prov
    # 3. the province the text mentions most, if it clearly leads
    if mentions():
        ranked = mentions().most_common(2)
        top, n = ranked[0]
        runner = ranked[1][1] if len(ranked) > 1 else 0
        if n > runner and (n >= 2 or runner == 0) and not (central and len(mentions()) > 3):
            return top
    return None
