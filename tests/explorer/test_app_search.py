"""Tra cứu: forgiving symbols, words, filters, nothing found."""
import pytest


def texts(elements) -> list[str]:
    return [e.value for e in elements]


@pytest.mark.parametrize("query", ["114-KL/TW", "114 KL TW", "kết luận 114", "114/KL-TW"])
def test_forgiving_symbol(app, query):
    at = app("search")
    at.text_input(key="q").input(query).run()
    assert not at.exception
    df = at.dataframe[0].value
    assert df.iloc[0]["symbol"] == "114-KL/TW"
    link = at.page_link[0]
    assert "114-KL/TW" in link.label


def test_words_search_titles(app):
    at = app("search")
    at.text_input(key="q").input("dân vận").run()
    assert not at.exception and len(at.dataframe[0].value) >= 1


def test_filter_by_province_and_type(app):
    at = app("search")
    at.selectbox(key="f_province").set_value("Phú Yên").run()
    df = at.dataframe[0].value
    assert len(df) >= 1 and set(df["province"]) == {"Phú Yên"}
    at.selectbox(key="f_type").set_value("KH").run()
    assert set(at.dataframe[0].value["type"]) == {"Kế hoạch"}


def test_nothing_found(app):
    at = app("search")
    at.text_input(key="q").input("99999-XX/YY").run()
    assert any("Không tìm thấy" in w for w in texts(at.warning))


def test_query_param_prefills(app):
    at = app("search", q="114 KL TW")
    assert at.dataframe[0].value.iloc[0]["symbol"] == "114-KL/TW"
