"""AppTest fixtures: a temp store ingested (through the graph API) from seed plans plus one
hostile document whose text carries markup, and an ``app`` factory that opens a page on it."""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from tests.conftest import shared_path

REPO = Path(__file__).resolve().parents[2]
APP = REPO / "app.py"
SEED_FILES = ("000_874d6f4635ea3bfa.txt", "001_00638aaa464bdfe0.txt", "003_638d46af2d4bbfb6.txt")

HOSTILE_KEY = "77|KH-UBND@phu-yen"
HOSTILE_TEXT = """ỦY BAN NHÂN DÂN
TỈNH PHÚ YÊN
Số: 77/KH-UBND
Phú Yên, ngày 05 tháng 3 năm 2020

KẾ HOẠCH
Triển khai <script>alert("xss")</script> công tác dân vận

Thực hiện Kết luận số 114-KL/TW ngày 14/7/2015 của Ban Bí thư Trung ương Đảng <img src=x onerror=alert(1)>, Ủy ban nhân dân tỉnh ban hành Kế hoạch như sau.
"""


def _seed_dir(dst: Path) -> Path:
    seeds = shared_path("seeds")
    dst.mkdir(parents=True, exist_ok=True)
    for name in SEED_FILES:
        shutil.copy(seeds / name, dst / name)
    (dst / "hostile.txt").write_text(HOSTILE_TEXT, encoding="utf-8")
    return dst


@pytest.fixture(scope="session")
def hostile() -> dict:
    """The hostile document: its key and text (markup that must render inert)."""
    return {"key": HOSTILE_KEY, "text": HOSTILE_TEXT}


@pytest.fixture
def seed_copy():
    """``seed_copy(folder)`` copies the seed plans (and the hostile document) into ``folder``."""
    return _seed_dir


@pytest.fixture(scope="session")
def explorer_store(tmp_path_factory) -> str:
    from graph.ingest import ingest

    root = tmp_path_factory.mktemp("explorer")
    report = ingest([_seed_dir(root / "docs")], root / "store.sqlite", workers=1)
    assert not report.failed, report.failed
    return str(root / "store.sqlite")


@pytest.fixture
def fresh_store(tmp_path) -> str:
    """A store of its own (for tests that write to it)."""
    from graph.ingest import ingest

    report = ingest([_seed_dir(tmp_path / "docs")], tmp_path / "store.sqlite", workers=1)
    assert not report.failed
    return str(tmp_path / "store.sqlite")


@pytest.fixture
def app(explorer_store, monkeypatch):
    """``app(page, store=None, **query_params)`` -> an AppTest that has run ``page``."""
    from streamlit.testing.v1 import AppTest

    def open_page(page: str = "overview", store: str | None = None, lang: str | None = None, **params):
        monkeypatch.setenv("CITEGRAPH_STORE", store or explorer_store)
        at = AppTest.from_file(str(APP), default_timeout=120)
        if lang:
            at.session_state["lang"] = lang
        at.run()
        for k, v in params.items():
            at.query_params[k] = v
        at.switch_page(f"explorer/{page}.py").run()
        assert not at.exception, [e.value for e in at.exception]
        return at

    return open_page


def html_of(at) -> str:
    """Every st.html body of the page, joined (our tables, texts and findings)."""
    return "\n".join(h.proto.body for h in at.html)


def cells(at, test_id: str, column: int) -> list[str]:
    """The text of one column of our HTML table ``test_id`` (tags dropped, entities decoded)."""
    import html
    import re

    body = html_of(at)
    m = re.search(r'<table class="cg-table" data-testid="%s">(.*?)</table>' % re.escape(test_id), body, re.S)
    assert m, f"no table {test_id}"
    rows = re.findall(r"<tr>(.*?)</tr>", m.group(1), re.S)[1:]
    out = []
    for r in rows:
        tds = re.findall(r"<td[^>]*>(.*?)</td>", r, re.S)
        out.append(html.unescape(re.sub(r"<[^>]+>", "", tds[column])))
    return out
