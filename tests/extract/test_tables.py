"""The data tables and patterns carry their own examples (as reporters-db's check_regexes does).

Every ``examples`` entry of extract/tables/doc_types.json must be found by ``find_citations`` with
the row's own type code, every named-reference pattern must find its examples whole, and every
table must load and validate.
"""
from __future__ import annotations

import json
import re
from importlib import resources

import pytest

from extract import find_citations
from extract import tables
from extract.keys import canonical_type_code, issuer_info, issuer_scope, strip_diacritics
from extract.named import named_references
from extract.patterns import NAMED_REFERENCE_PATTERNS

DOC_TYPES = json.loads(resources.files("extract.tables").joinpath("doc_types.json").read_text(encoding="utf-8"))
KNOWN_BAD = {  # examples the extractor does not find yet: fix the extractor, then drop the entry
}
EXAMPLES = [
    pytest.param(row, ex, id=f"{row['code']}:{ex}",
                 marks=[pytest.mark.xfail(strict=True, reason=KNOWN_BAD[ex])] if ex in KNOWN_BAD else [])
    for row in DOC_TYPES["types"] for ex in row["examples"]
]


def _fold(code):
    return strip_diacritics(code or "").upper()


@pytest.mark.parametrize("row,example", EXAMPLES)
def test_example_is_found_with_its_code(row, example):
    code = row["code"]
    found = find_citations(example)
    assert found, f"{example!r} ({code}) is not found"
    c = found[0]
    assert example[c.start:c.end] == c.text
    # the row's code is the citation's code; a normative symbol without a type code (55/2022/QH15)
    # has type_code None (spec) and takes its type from the word before it
    if c.type_code is None:
        assert c.type in row["names"], (example, c.type, row["names"])
    else:
        assert _fold(c.type_code) == _fold(code), (example, c.type_code, code)
    # the number of the example is in the symbol
    num = re.search(r"\d+", example[example.find("số") if "số" in example else 0:]).group()
    assert num.lstrip("0") in c.symbol


ROWS = [
    pytest.param(row, id=f"{row['code']}:{'/'.join(row['families'])}",
                 marks=[pytest.mark.xfail(strict=True, reason="row has no examples, so nothing checks it")]
                 if not row["examples"] else [])
    for row in DOC_TYPES["types"]
]


@pytest.mark.parametrize("row", ROWS)
def test_every_type_row_has_names_and_examples(row):
    assert row["names"], row
    assert set(row["families"]) <= {"party", "state", "normative"}, row
    assert row["examples"], f"{row['code']}: a row without examples cannot be checked"


def test_every_example_names_its_row():
    """An example starts with one of its row's names, so adding a name also adds a check."""
    for row in DOC_TYPES["types"]:
        for ex in row["examples"]:
            assert any(ex.lower().startswith(n.lower()) for n in row["names"]), (row["code"], ex)


def test_tables_load_and_validate():
    assert tables.doc_types()
    assert "NQ" in tables.type_codes() and "QĐi" in tables.type_codes()
    assert "luật" in tables.type_words()
    data = tables.issuers()
    for code, row in data["codes"].items():
        assert row["scope"] in ("central", "local"), code
    for p in data["patterns"]:
        re.compile(p["regex"])
    cues = tables.relation_cues()
    for rel in cues["opening"]:
        assert rel in {"implements", "based_on", "guides", "replaces", "amends", "cites"}, rel
    for phrases in list(cues["opening"].values()) + list(cues["between"].values()):
        for ph in phrases:
            assert ph == ph.lower().strip(), f"cue {ph!r} must be lower-case"


LOOKUPS = [  # codes as written -> what the tables say about them
    (canonical_type_code, "QĐ", "QĐ"),            # exact
    (canonical_type_code, "QD", "QĐ"),            # lost diacritics
    (canonical_type_code, "QDI", "QĐi"),          # lost diacritics and case
    (canonical_type_code, "CTR", "CTr"),          # case
    (canonical_type_code, "XYZ", None),           # not a type code
    (lambda c: issuer_info(c)["name"], "QH15", "Quốc hội"),  # a pattern row (any legislature)
    (lambda c: issuer_info(c)["code"], "UBTVQH14", "UBTVQH14"),
    (lambda c: issuer_info(c)["code"], "DUK", "ĐUK"),        # folded lookup gives the canonical code
    (issuer_scope, "UBND", "local"),
    (issuer_scope, "TW", "central"),
    (issuer_scope, "NOSUCHCODE", "central"),     # unknown: no jurisdiction is guessed
]


@pytest.mark.parametrize("lookup,code,expected", LOOKUPS, ids=[f"{i}:{c}" for i, (_, c, _) in enumerate(LOOKUPS)])
def test_code_lookups_forgive_case_and_diacritics(lookup, code, expected):
    assert lookup(code) == expected


def test_codes_are_unique_per_family():
    seen = {}
    for row in DOC_TYPES["types"]:
        for fam in row["families"]:
            key = (row["code"], fam)
            assert key not in seen, f"{key} defined twice ({seen.get(key)} and {row['names']})"
            seen[key] = row["names"]


NAMED = [pytest.param(p, ex, id=f"{p.type}:{ex[:30]}") for p in NAMED_REFERENCE_PATTERNS for ex in p.examples]


@pytest.mark.parametrize("pattern,example", NAMED)
def test_named_pattern_finds_its_examples_whole(pattern, example):
    """Each named-reference pattern finds each of its examples, whole, as a named reference of its type."""
    assert pattern.regex.fullmatch(example), example
    found = [(n.type, n.text) for n in named_references(f"Căn cứ {example};", [])]
    assert found == [(pattern.type, example)]
