"""Tổng quan: counts, most-cited documents, per year, issuers by level; the language switch."""


def texts(elements) -> list[str]:
    return [e.value for e in elements]


def test_overview_counts_and_most_cited(app):
    at = app("overview")
    assert texts(at.title) == ["Tổng quan"]
    metrics = {m.label: m.value for m in at.metric}
    assert int(metrics["Văn bản"].replace(".", "")) > 10
    assert int(metrics["Tệp đã nạp"]) == 4
    assert "Văn bản được trích dẫn nhiều nhất" in texts(at.subheader)
    top = at.dataframe[0].value
    assert top.iloc[0]["symbol"] == "114-KL/TW"  # every seed plan cites it
    assert "Cơ quan ban hành theo cấp" in texts(at.subheader)


def test_english_switch(app):
    at = app("overview")
    at.sidebar.radio[0].set_value("en").run()
    assert not at.exception
    assert texts(at.title) == ["Overview"]
    assert "Most-cited documents" in texts(at.subheader)


def test_lang_query_param_opens_in_english(app):
    at = app("overview", lang="en")
    assert texts(at.title) == ["Overview"]


def test_empty_store_without_bundled_data_says_so(app, tmp_path, monkeypatch):
    from graph import settings

    monkeypatch.setattr(settings, "BUNDLED_DATA", tmp_path / "no-data")
    at = app("overview", store=str(tmp_path / "empty.sqlite"))
    assert any("chưa có văn bản" in i for i in texts(at.info))


def test_first_start_ingests_bundled_data(app, tmp_path, monkeypatch, seed_copy):
    """An empty store is filled from data/ on the first start: no server, no manual step."""
    from graph import settings

    monkeypatch.setattr(settings, "BUNDLED_DATA", seed_copy(tmp_path / "bundled"))
    at = app("overview", store=str(tmp_path / "first.sqlite"))
    assert int({m.label: m.value for m in at.metric}["Tệp đã nạp"]) == 4
