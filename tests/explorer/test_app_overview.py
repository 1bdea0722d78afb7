"""Tổng quan: counts, most-cited documents with an open link on every row, the language switch."""
from tests.explorer.conftest import cells, html_of


def texts(elements) -> list[str]:
    return [e.value for e in elements]


def test_overview_counts_and_most_cited(app):
    at = app("overview")
    assert texts(at.title) == ["Tổng quan"]
    metrics = {m.label: m.value for m in at.metric}
    assert int(metrics["Văn bản"].replace(".", "")) > 10
    assert int(metrics["Tệp đã nạp"]) == 4
    assert cells(at, "most-cited", 1)[0] == "114-KL/TW"  # every seed plan cites it
    body = html_of(at)
    rows = len(cells(at, "most-cited", 1))
    assert body.count('class="cg-open" href="./document?doc=') >= rows  # an open link on every row
    assert "None" not in "".join(cells(at, "most-cited", 4))  # empty province shows "—"
    assert "Cơ quan ban hành theo cấp" in texts(at.subheader)


def test_english_switch(app):
    at = app("overview")
    at.sidebar.radio[0].set_value("en").run()
    assert not at.exception
    assert texts(at.title) == ["Overview"]
    assert "Most-cited documents" in texts(at.subheader)
    assert at.query_params["lang"] in ("en", ["en"])


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
