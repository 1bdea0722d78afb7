"""Tra cứu: forgiving symbols, words in titles, filters, an open link on every row."""
import pytest

from tests.explorer.conftest import cells, html_of


def texts(elements) -> list[str]:
    return [e.value for e in elements]


@pytest.mark.parametrize("query", ["114-KL/TW", "114 KL TW", "kết luận 114", "114/KL-TW"])
def test_forgiving_symbol(app, query):
    at = app("search")
    at.text_input(key="q").input(query).run()
    assert not at.exception
    assert cells(at, "search-results", 1)[0] == "114-KL/TW"
    assert "114\\-KL\\/TW" in at.page_link[0].label  # through the one Markdown escape


def test_every_row_has_an_open_link(app):
    at = app("search")
    at.text_input(key="q").input("dân vận").run()
    rows = cells(at, "search-results", 1)
    assert len(rows) >= 2
    assert cells(at, "search-results", 0) == ["Mở"] * len(rows)
    assert html_of(at).count('class="cg-open"') >= len(rows)


def test_words_find_titles(app):
    at = app("search")
    at.text_input(key="q").input("công tác dân vận").run()
    assert not at.exception and len(cells(at, "search-results", 1)) >= 1


def test_filter_by_province_and_type(app):
    at = app("search")
    at.selectbox(key="f_province").set_value("Phú Yên").run()
    assert set(cells(at, "search-results", 5)) == {"Phú Yên"}
    at.selectbox(key="f_type").set_value("KH").run()
    assert set(cells(at, "search-results", 2)) == {"Kế hoạch"}


def test_nothing_found(app):
    at = app("search")
    at.text_input(key="q").input("99999-XX/YY").run()
    assert any("Không tìm thấy" in w for w in texts(at.warning))


def test_query_param_prefills(app):
    at = app("search", q="114 KL TW")
    assert cells(at, "search-results", 1)[0] == "114-KL/TW"
