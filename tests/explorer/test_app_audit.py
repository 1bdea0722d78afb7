"""Kiểm tra: findings grouped by cited document, severities high → info in Vietnamese, filters,
as-of date, a registry CSV upload, exports."""
import re

from tests.explorer.conftest import html_of


def texts(elements) -> list[str]:
    return [e.value for e in elements]


def count(at) -> int:
    line = next(m for m in texts(at.markdown) if "phát hiện trong" in m)
    return int(re.sub(r"\D", "", line.split("phát hiện")[0]))


def test_findings_grouped_in_vietnamese_and_filtered(app):
    at = app("audit")
    assert texts(at.title) == ["Kiểm tra"]
    total = count(at)
    assert total >= 1
    body = html_of(at)
    groups = re.findall(r'<details class="cg-group"><summary><span class="cg-sev cg-sev-(\w+)">', body)
    assert groups
    order = ["high", "medium", "low", "info"]
    assert [order.index(g) for g in groups] == sorted(order.index(g) for g in groups)  # high → info
    for english in ("cites ", "replaced on", "as of ", ">high<", ">medium<", ">low<", ">outdated<", ">malformed<"):
        assert english not in body
    assert 'data-testid="audit-chart"' in body
    kind = at.pills(key="a_kind").options[0]
    at.pills(key="a_kind").set_value([kind]).run()
    assert not at.exception and count(at) <= total
    assert at.download_button(key="audit_csv") is not None and at.download_button(key="audit_xlsx") is not None


def test_registry_csv_adds_an_outdated_finding(app):
    at = app("audit")
    assert "999-KL/TW" not in html_of(at)
    csv = ("symbol,date,status,by,by_date,effective,source\n"
           "114-KL/TW,2015-07-14,replaced,999-KL/TW,2015-08-01,2015-08-01,thử nghiệm\n").encode()
    at.file_uploader(key="a_registry").set_value([("registry.csv", csv, "text/csv")]).run()
    assert not at.exception
    body = html_of(at)
    assert "999-KL/TW" in body and "thay bằng" in body and "danh mục tải lên" in body


def test_bad_registry_csv_is_one_clear_error(app):
    at = app("audit")
    at.file_uploader(key="a_registry").set_value([("registry.csv", b"symbol,status\n114-KL/TW,gone\n", "text/csv")]).run()
    assert not at.exception
    assert any("Không đọc được danh mục" in e for e in texts(at.error))
