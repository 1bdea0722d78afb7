"""The audit on the five seeds: every gold flag is found, nothing else is reported; plus the
registry, the judgement at the citing document's date, the checks on small synthetic records and
the CLI."""
from __future__ import annotations

import csv
import datetime as dt
import json
from collections import Counter

import pytest

from graph.audit import KINDS, Facts, Finding, audit, audit_facts, parse_as_of, parse_kinds, to_records
from graph.audit.checks import issuer_class, issuer_text_level, type_word_as_written
from graph.audit.registry import BUNDLED_PATH, COLUMNS, Registry, RegistryError, load_registry, read_csv

S000, S001, S002, S003, S004 = ("000_874d6f4635ea3bfa.txt", "001_00638aaa464bdfe0.txt", "002_5adec68e1f331f2e.txt",
                                "003_638d46af2d4bbfb6.txt", "004_451a622c8ac5c20b.txt")
AS_OF = "2026-01-01"  # fixed, so the outdated findings do not depend on the day the tests run


@pytest.fixture(scope="module")
def seed_findings(seed_store) -> list[Finding]:
    return audit(seed_store, as_of=AS_OF, everything=True)  # the gold flags include PDF line-break repairs


def _has(findings, file, kind, code, *, symbol=None, original=None, contains=None):
    for f in findings:
        if f.file != file or f.kind != kind or f.code != code:
            continue
        if symbol is not None and f.symbol != symbol:
            continue
        if original is not None and f.details.get("original") != original:
            continue
        if contains is not None and contains not in f.reason:
            continue
        return f
    return None


# Every item of the `flags` lists in shared/gold/seeds.json, as (file, kind, code, selectors).
SEED_FLAGS = [
    # 000: line breaks inside symbols
    (S000, "malformed", "repaired", {"original": "0\n\n4-ĐA/TU"}),
    (S000, "malformed", "repaired", {"original": "18-\n\nCTr/TU"}),
    (S000, "malformed", "repaired", {"original": "22-\n\nCT/TU"}),
    # 000: damaged symbols
    (S000, "malformed", "repaired", {"original": "25NQ/TW"}),
    (S000, "malformed", "repaired", {"original": "338-QD/TU"}),
    (S000, "malformed", "repaired", {"original": "55/2022/QH 15"}),
    # 000: no own number or date
    (S000, "draft", "no-identity", {}),
    # 001: own 06-NQ/TW of a provincial standing committee
    (S001, "malformed", "issuer-level", {"contains": "06-NQ/TW"}),
    # 001: 'Quy định số 5530-QĐ/TU'
    (S001, "malformed", "type-code", {"symbol": "5530-QĐ/TU"}),
    # 001: cites 16/CT-TTg and 290-QĐ/TW, both replaced later in 2021: no error of the plan, signed before
    (S001, "outdated", "replaced-since", {"symbol": "16/CT-TTg"}),
    (S001, "outdated", "replaced-since", {"symbol": "290-QĐ/TW"}),
    # 002: 436-QĐ-UBND vs 436/QĐ-UBND, UBND tỉnh vs Chủ tịch UBND tỉnh
    (S002, "malformed", "repaired", {"original": "436-QĐ-UBND"}),
    (S002, "conflict", "issuer", {"symbol": "436/QĐ-UBND"}),
    # 002: own symbol written without hyphen
    (S002, "malformed", "own-symbol", {"contains": "40 KH/BDVTU-BCSDUBND"}),
    # 003: opens implementing 32-KH/ĐUK, closes 'Trên cơ sở Kế hoạch số 23-KH/ĐUK'
    (S003, "conflict", "parent", {"symbol": "23-KH/ĐUK", "contains": "32-KH/ĐUK"}),
    # 003: cites 290-QĐ/TW, replaced weeks later
    (S003, "outdated", "replaced-since", {"symbol": "290-QĐ/TW"}),
    # 004: blank number and day
    (S004, "draft", "blank", {"contains": "ngày tháng 02 năm 2023"}),
    # 004: party hyphen style with state issuers
    (S004, "malformed", "party-style-state-issuer", {"symbol": "18-CT/TTg"}),
    (S004, "malformed", "party-style-state-issuer", {"symbol": "29-CT/UBND"}),
    # 004: a town committee's resolution coded TU
    (S004, "malformed", "issuer-level", {"symbol": "01-NQ/TU"}),
]


@pytest.mark.parametrize("file,kind,code,sel", SEED_FLAGS, ids=[f"{f[:3]}-{k}-{c}-{i}" for i, (f, k, c, _) in enumerate(SEED_FLAGS)])
def test_every_gold_flag_is_found(seed_findings, file, kind, code, sel):
    assert _has(seed_findings, file, kind, code, **sel), f"missing {kind}/{code} {sel} on {file}"


# The reviewed findings on the seeds (docs/audit.md): the flags above plus one more true finding,
# 002 citing 16/CT-TTg (replaced 26/11/2021, after the plan of 11/01/2021).  Anything else is new
# and must be reviewed before this list grows.
REVIEWED_EXTRA = [(S002, "outdated", "replaced-since", {"symbol": "16/CT-TTg"})]


def test_no_unreviewed_finding_on_seeds(seed_findings):
    expected = SEED_FLAGS + REVIEWED_EXTRA
    unexplained = [f for f in seed_findings
                   if not any(f.file == fl and f.kind == k and f.code == c and _has([f], fl, k, c, **sel)
                              for fl, k, c, sel in expected)]
    assert not unexplained, [(f.file, f.kind, f.code, f.symbol, f.reason) for f in unexplained]
    assert len(seed_findings) == len(expected)


def test_findings_carry_the_required_fields(seed_findings):
    for r in to_records(seed_findings):
        for k in ("kind", "severity", "document", "citation", "reason", "evidence", "source",
                  "explanation_vi", "explanation_en"):
            assert k in r
        assert r["kind"] in KINDS and r["severity"] in ("high", "medium", "low", "info")
        assert r["reason"] and r["evidence"] and r["source"]
    json.dumps(to_records(seed_findings), ensure_ascii=False)


def test_outdated_cites_its_source_and_successor(seed_findings):
    f = _has(seed_findings, S001, "outdated", "replaced-since", symbol="16/CT-TTg")
    assert "33/CT-TTg" in f.reason and f.source.startswith("bundled: Chỉ thị số 33/CT-TTg")
    assert "16/CT-TTg" in f.evidence
    assert f.severity == "info"  # replaced after the plan was issued: no error of the plan


def test_layout_repairs_are_shown_with_everything_only(seed_store, seed_findings):
    default = audit(seed_store, as_of=AS_OF, kinds="malformed")
    assert not _has(default, S000, "malformed", "repaired", original="0\n\n4-ĐA/TU")  # a PDF line break
    assert _has(default, S000, "malformed", "repaired", original="338-QD/TU")           # the author's spelling
    assert _has(seed_findings, S000, "malformed", "repaired", original="0\n\n4-ĐA/TU")


@pytest.mark.parametrize("as_of,expected", [
    ("2021-07-29", set()),                                      # before either replacement
    ("2021-07-30", {(S001, "290-QĐ/TW"), (S003, "290-QĐ/TW")}),  # 290-QĐ/TW replaced that day
    ("30/11/2021", {(S001, "290-QĐ/TW"), (S003, "290-QĐ/TW"), (S001, "16/CT-TTg"), (S002, "16/CT-TTg")}),
])
def test_as_of(seed_store, as_of, expected):
    got = {(f.file, f.symbol) for f in audit(seed_store, as_of=as_of, kinds="outdated")}
    assert got == expected


def test_kinds_filter(seed_store):
    assert {f.kind for f in audit(seed_store, as_of=AS_OF, kinds=["draft"])} == {"draft"}
    with pytest.raises(ValueError, match="unknown kind"):
        parse_kinds("outdated,stale")


# -- registry ---------------------------------------------------------------------------------
def test_every_bundled_registry_row_has_a_source():
    with open(BUNDLED_PATH, encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    assert rows and tuple(rows[0]) == COLUMNS
    for row in rows:
        assert (row["source"] or "").strip(), f"bundled row without a source: {row}"
        assert row["status"] in ("replaced", "repealed", "expired", "amended")
    assert all(f.source and f.origin == "bundled" for f in read_csv(BUNDLED_PATH, origin="bundled"))


@pytest.mark.parametrize("row,message", [
    ({"symbol": "16/CT-TTg", "status": "replaced"}, "missing source"),                       # no source
    ({"symbol": "16/CT-TTg", "status": "gone", "source": "x"}, "status"),                  # unknown status
    ({"symbol": "16/CT-TTg", "status": "replaced", "source": "x", "effective": "26/11/2021"}, "ISO"),
])
def test_registry_rejects_bad_rows(row, message):
    with pytest.raises(RegistryError, match=message):
        Registry.from_rows([row])


def test_registry_matches_by_date_not_number_alone():
    reg = load_registry()
    assert [q for _, q in reg.lookup("16|CT-TTG", date="2016-05-16")] == ["exact"]
    assert reg.lookup("16|CT-TTG", date="2020-03-31") == []  # Chỉ thị 16/CT-TTg of 2020 (COVID) is another
    assert [q for _, q in reg.lookup("16|CT-TTG")] == ["assumed"]


def test_user_registry_csv(seed_store, tmp_path):
    p = tmp_path / "mine.csv"
    p.write_text("symbol,date,province,status,by,by_date,effective,source,note\n"
                 "114-KL/TW,2015-07-14,,replaced,999-KL/TW,2020-01-01,2020-01-01,my test source,\n", encoding="utf-8")
    got = [f for f in audit(seed_store, as_of=AS_OF, kinds="outdated", registry_csv=str(p)) if f.symbol == "114-KL/TW"]
    assert {f.file for f in got} == {S000, S001, S002, S003}
    assert all(f.source == "user: my test source" for f in got)
    # replaced before they were issued: the finding analysts act on; S000 has no date of its own
    assert all(f.code == "replaced" and f.severity in ("high", "medium") for f in got if f.file in (S001, S002, S003))
    bad = tmp_path / "bad.csv"
    bad.write_text("symbol,status\n114-KL/TW,replaced\n", encoding="utf-8")
    with pytest.raises(RegistryError, match="source"):
        audit(seed_store, registry_csv=str(bad))


# -- checks on small records ------------------------------------------------------------------
def _doc(fid, **kw):
    base = {"file_id": fid, "name": f"f{fid}.txt", "path": f"f{fid}.txt", "key": f"file:f{fid}", "symbol": None,
            "symbol_text": None, "type": "Kế hoạch", "type_code": "KH", "date": "2022-01-10", "issuer": None,
            "issuer_code": None, "province": "Khánh Hòa", "draft": False}
    base.update(kw)
    return base


def _cit(fid, symbol, key, ord_=0, **kw):
    base = {"file_id": fid, "ord": ord_, "key": key, "symbol": symbol, "original": symbol, "number": symbol.split("-")[0],
            "family": "party", "type": None, "type_code": None, "year": None, "issuer_code": None, "issuer": None,
            "date": None, "relation": "cites", "start": 0, "end": 10, "text": symbol, "context": f"… {symbol} …",
            "repairs": [], "short_form": False}
    base.update(kw)
    return base


def _change(fid, symbol, key, change="replaced", **kw):
    base = {"file_id": fid, "ord": 0, "key": key, "symbol": symbol, "change": change, "scope": "whole", "part": None,
            "date": None, "issuer": None, "province": None, "effective": None, "effective_from": "stated",
            "evidence": f"… {symbol} …", "by": None, "by_date": None, "type": None, "subject": None}
    base.update(kw)
    return base


def test_stale_chain_and_corpus_stated_replacement():
    # f1 implements plan 5-KH/TU, whose own file (f2) implements 16/CT-TTg (2016); f3 replaces 16/CT-TTg
    docs = [_doc(1), _doc(2, key="5|KH-TU@khanh-hoa", symbol="5-KH/TU", date="2017-01-01"),
            _doc(3, key="33|CT-TTG", symbol="33/CT-TTg", type="Chỉ thị", date="2021-11-26")]
    cits = [_cit(1, "5-KH/TU", "5|KH-TU@khanh-hoa", relation="implements", type_code="KH", date="2017-01-01"),
            _cit(2, "16/CT-TTg", "16|CT-TTG", relation="implements", family="state", date="2016-05-16"),
            _cit(3, "16/CT-TTg", "16|CT-TTG", family="state", date="2016-05-16",
                 context="Chỉ thị này thay thế Chỉ thị số 16/CT-TTg ngày 16/5/2016")]
    changes = [_change(3, "16/CT-TTg", "16|CT-TTG", date="2016-05-16", effective="2021-11-26")]
    fs = audit_facts(Facts(docs, cits, [], changes), as_of="2022-06-01", kinds="outdated", registry=None)
    chain = [f for f in fs if f.code == "stale-chain"]
    assert len(chain) == 1 and chain[0].file == "f1.txt" and "5-KH/TU → 16/CT-TTg" in chain[0].reason
    assert [(f.file, f.code) for f in fs if f.code != "stale-chain"] == [("f2.txt", "replaced-since")]
    # f3 (the replacing act) is never flagged for citing it
    corpus_only = audit_facts(Facts(docs, cits, [], changes), as_of="2022-06-01", kinds="outdated",
                              registry=Registry())
    assert corpus_only == []  # an explicit empty registry: no facts, no findings


# (citing date, the change's effective date, as-of, the cited date, expected (code, severity) or None)
JUDGED = [
    ("2025-03-05", "2025-03-01", "2026-01-01", "2022-09-12", ("replaced", "medium")),  # ended before the citing date
    ("2025-03-01", "2025-03-01", "2026-01-01", "2022-09-12", ("replaced", "medium")),  # ended that very day
    ("2025-02-26", "2025-03-01", "2026-01-01", "2022-09-12", ("replaced-since", "info")),  # signed before it took effect
    ("2025-02-26", "2025-03-01", "2025-02-28", "2022-09-12", None),                      # --as-of before the change
    ("2025-03-05", "2025-03-01", "2026-01-01", "2023-01-01", None),  # same number, another date: another document
]


@pytest.mark.parametrize("citing,effective,as_of,cited,expected", JUDGED)
def test_outdated_is_judged_at_the_citing_date(citing, effective, as_of, cited, expected):
    docs = [_doc(1, date=citing, type="Thông tư"), _doc(2, key="25|2025-ND-CP", symbol="25/2025/NĐ-CP", date="2025-02-21")]
    cits = [_cit(1, "62/2022/NĐ-CP", "62|2022-ND-CP", family="normative", date=cited, type="Nghị định",
                 text="Nghị định số 62/2022/NĐ-CP", context="Căn cứ Nghị định số 62/2022/NĐ-CP ngày 12/9/2022;")]
    changes = [_change(2, "62/2022/NĐ-CP", "62|2022-ND-CP", date="2022-09-12", effective=effective, type="Nghị định")]
    fs = audit_facts(Facts(docs, cits, [], changes), as_of=as_of, kinds="outdated", registry=None)
    assert [(f.code, f.severity) for f in fs] == ([expected] if expected else [])


@pytest.mark.parametrize("context,role,cited_type", [
    # an amendment history names the amender without resting on it
    ("Căn cứ Luật Xử lý vi phạm hành chính số 15/2012/QH13 được sửa đổi, bổ sung bởi Luật số 62/2022/NĐ-CP;", "act", None),
    # transitional: what was granted under the old document
    ("Giấy phép đã được cấp theo Nghị định số 62/2022/NĐ-CP tiếp tục có giá trị.", "act", None),
    ("Căn cứ Nghị định số 62/2022/NĐ-CP;", "register", None),       # a list of expired documents
    ("Căn cứ Nghị định số 62/2022/NĐ-CP;", "consolidated", None),   # a consolidated text's preamble
    ("Căn cứ Nghị quyết số 62/2022/NĐ-CP;", "act", "Nghị quyết"),   # another type word: another document
])
def test_not_outdated(context, role, cited_type):
    docs = [_doc(1, date="2025-06-01", role=role), _doc(2, key="25|2025-ND-CP", symbol="25/2025/NĐ-CP", date="2025-02-21")]
    cits = [_cit(1, "62/2022/NĐ-CP", "62|2022-ND-CP", family="normative", type=cited_type or "Nghị định",
                 text="62/2022/NĐ-CP", context=context)]
    changes = [_change(2, "62/2022/NĐ-CP", "62|2022-ND-CP", effective="2025-03-01", type="Nghị định")]
    assert audit_facts(Facts(docs, cits, [], changes), as_of="2026-01-01", kinds="outdated", registry=None) == []


def test_a_history_the_citing_text_reports_does_not_hide_its_citation():
    # "Căn cứ Nghị định số 62/2022/NĐ-CP …, được sửa đổi, bổ sung bởi Nghị định số 9/2024/NĐ-CP;" in a text of
    # 2025-06-01: the history is the amender's act, the basis still rests on a decree ended on 2025-03-01
    docs = [_doc(1, date="2025-06-01"), _doc(2, key="25|2025-ND-CP", symbol="25/2025/NĐ-CP", date="2025-02-21")]
    cits = [_cit(1, "62/2022/NĐ-CP", "62|2022-ND-CP", family="normative", type="Nghị định", text="62/2022/NĐ-CP",
                 context="Căn cứ Nghị định số 62/2022/NĐ-CP, được sửa đổi, bổ sung bởi Nghị định số 9/2024/NĐ-CP;")]
    changes = [_change(1, "62/2022/NĐ-CP", "62|2022-ND-CP", change="amended", scope="part", by="9/2024/NĐ-CP"),
               _change(2, "62/2022/NĐ-CP", "62|2022-ND-CP", effective="2025-03-01", type="Nghị định")]
    fs = audit_facts(Facts(docs, cits, [], changes), as_of="2026-01-01", kinds="outdated", registry=None)
    assert [(f.code, f.severity) for f in fs] == [("replaced", "medium")]


def test_a_lower_ranked_act_ends_nothing_above_it():
    docs = [_doc(1, date="2025-06-01"), _doc(2, key="5|2025-QD-UBND@khanh-hoa", symbol="5/2025/QĐ-UBND", date="2025-01-01")]
    cits = [_cit(1, "62/2022/NĐ-CP", "62|2022-ND-CP", family="normative", context="Căn cứ Nghị định số 62/2022/NĐ-CP;")]
    changes = [_change(2, "62/2022/NĐ-CP", "62|2022-ND-CP", effective="2025-03-01")]
    assert audit_facts(Facts(docs, cits, [], changes), as_of="2026-01-01", kinds="outdated", registry=None) == []


def test_anachronism_and_date_conflict():
    docs = [_doc(1, date="2021-03-01")]
    cits = [_cit(1, "7-KH/TU", "7|KH-TU@khanh-hoa", 0, date="2021-05-01", text="Kế hoạch số 7-KH/TU ngày 01/5/2021"),
            _cit(1, "7-KH/TU", "7|KH-TU@khanh-hoa", 1, date="2021-02-01", text="Kế hoạch số 7-KH/TU ngày 01/2/2021"),
            _cit(1, "9/2022/NQ-HĐND", "9|2022-NQ-HDND@khanh-hoa", 2, family="state", year=2022)]
    fs = audit_facts(Facts(docs, cits, []), kinds="anachronism,conflict", registry=Registry())
    assert {(f.kind, f.symbol) for f in fs} == {("anachronism", "7-KH/TU"), ("anachronism", "9/2022/NQ-HĐND"),
                                                 ("conflict", "7-KH/TU")}


@pytest.mark.parametrize("text,original,word", [
    ("Quy định số 5530-QĐ/TU, ngày 12/11/2019", "5530-QĐ/TU", "Quy định"),  # word before "số"
    ("Chỉ thị 18-CT/TTg của Thủ tướng", "18-CT/TTg", "Chỉ thị"),              # no "số"
    ("**Nghị quyết** số: 06-NQ/TW", "06-NQ/TW", "Nghị quyết"),               # markdown and colon
    ("116-KH/TU ngày 28/8/2015", "116-KH/TU", None),                          # symbol first
])
def test_type_word_as_written(text, original, word):
    assert type_word_as_written({"text": text, "original": original}) == word


@pytest.mark.parametrize("a,b,same", [
    ("Ban Bí thư Trung ương Đảng", "Ban Bí thư", True),
    ("Ban Thường vụ Tỉnh ủy", "Tỉnh ủy", True),
    ("Ủy ban nhân dân tỉnh", "UBND tỉnh", True),
    ("Bộ trưởng Bộ Tài chính", "Bộ Tài chính quy định", True),   # the extractor ran on into the subject
    ("UBND tỉnh", "Chủ tịch UBND tỉnh", False),                   # the body vs its chairman
    ("Bộ Chính trị", "Ban Bí thư", False),
    ("Thủ tướng Chính phủ", "Chính phủ", False),
])
def test_issuer_class(a, b, same):
    assert (issuer_class(a) == issuer_class(b)) is same


@pytest.mark.parametrize("issuer,level", [
    ("Ban Thường vụ Tỉnh ủy", "province"), ("Ban chấp hành Đảng bộ thị xã", "district"),
    ("Ban Chấp hành Trung ương Đảng", "central"), ("Sở Tài nguyên và Môi trường", None),
])
def test_issuer_text_level(issuer, level):
    assert issuer_text_level(issuer) == level


def test_parse_as_of():
    assert parse_as_of("30/7/2021") == dt.date(2021, 7, 30)
    assert parse_as_of(None) == dt.date.today()
    with pytest.raises(ValueError, match="not a date"):
        parse_as_of("yesterday")


# -- CLI ----------------------------------------------------------------------------------------
def test_cli_json_csv_table(seed_store, tmp_path):
    from typer.testing import CliRunner

    from graph.cli.common import app

    runner = CliRunner()
    res = runner.invoke(app, ["audit", "--store", str(seed_store), "--as-of", AS_OF, "--format", "json"])
    assert res.exit_code == 0, res.output
    data = json.loads(res.stdout)
    assert Counter(r["kind"] for r in data)["outdated"] == 4
    assert {r["code"] for r in data if r["kind"] == "outdated"} == {"replaced-since"}
    assert all({"kind", "severity", "document", "citation", "reason", "evidence", "source"} <= set(r) for r in data)
    res = runner.invoke(app, ["audit", "--store", str(seed_store), "--kind", "draft", "-f", "csv"])
    assert res.exit_code == 0 and res.stdout.splitlines()[0].startswith("kind,code,severity")
    assert len(res.stdout.splitlines()) == 3
    res = runner.invoke(app, ["audit", "--store", str(seed_store), "--kind", "malformed"])
    assert res.exit_code == 0 and "malformed" in res.stdout
    res = runner.invoke(app, ["audit", "--store", str(seed_store), "--kind", "nope"])
    assert res.exit_code == 1
    res = runner.invoke(app, ["audit", "--store", str(tmp_path / "none.sqlite")])
    assert res.exit_code == 1


def test_cli_status(seed_store, tmp_path):
    from typer.testing import CliRunner

    from graph.cli.common import app

    runner = CliRunner()
    res = runner.invoke(app, ["status", "--store", str(seed_store), "--format", "json"])
    assert res.exit_code == 0, res.output
    data = json.loads(res.stdout)
    keys = {"symbol", "date", "province", "change", "scope", "part", "by", "by_date", "effective", "effective_from",
            "evidence", "file", "origin"}
    assert data and all(keys <= set(r) for r in data)
    seed_facts = {(r["symbol"], r["by"], r["effective"]) for r in data if r["origin"] == "bundled"}
    assert ("16/CT-TTg", "33/CT-TTg", "2021-11-26") in seed_facts and ("290-QĐ/TW", "23-QĐ/TW", "2021-07-30") in seed_facts
    res = runner.invoke(app, ["status", "16/CT-TTg", "--store", str(seed_store), "--format", "json"])
    assert {r["symbol"] for r in json.loads(res.stdout)} == {"16/CT-TTg"}
    res = runner.invoke(app, ["status", "290-QĐ/TW", "--store", str(seed_store)])
    assert res.exit_code == 0 and "1 validity fact(s) about 290-QĐ/TW" in res.stdout
    res = runner.invoke(app, ["status", "--store", str(tmp_path / "none.sqlite")])
    assert res.exit_code == 1
