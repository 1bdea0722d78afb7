"""Kiểm tra: findings with filters and CSV download."""


def texts(elements) -> list[str]:
    return [e.value for e in elements]


def test_audit_findings_and_filters(app):
    at = app("audit")
    assert texts(at.title) == ["Kiểm tra"]
    count = lambda: int(next(c for c in texts(at.caption) if "phát hiện" in c).split()[0])  # noqa: E731
    total = count()
    assert total >= 1
    df = at.dataframe[0].value
    assert {"kind", "severity", "document", "reason", "evidence"} <= set(df.columns)
    kind = df["kind"].iloc[0]
    at.multiselect(key="a_kind").set_value([kind]).run()
    assert not at.exception
    assert set(at.dataframe[0].value["kind"]) == {kind} and count() <= total
    assert at.download_button(key="audit_csv") is not None
