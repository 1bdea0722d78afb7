"""Every string from a document, a file name, a sidecar or the URL shows as text: one Markdown
escape (links, images, autolinks, :color[], LaTeX, HTML), HTML escaping in our tables, and
exports that a spreadsheet never reads as a formula."""
import io
import re

import pytest

from explorer.ui import Col, html_table, md_escape, neutral, to_csv, to_xlsx

HOSTILE = [
    "[Đăng nhập lại](http://evil.example/login)",
    "![t](http://evil.example/pixel.png)",
    "<http://evil.example>",
    "http://evil.example/x",
    "www.evil.example",
    "ai@evil.example",
    ":red[đỏ] :material/home: :smile:",
    "$x^2$ $$\\int$$",
    "<img src=x onerror=alert(1)> <b>đậm</b>",
    "**đậm** _nghiêng_ `mã` # tiêu đề",
    "a\x00b\x1b[2J",
]


@pytest.mark.parametrize("value", HOSTILE)
def test_markdown_escape_leaves_no_markup(value):
    from markdown_it import MarkdownIt

    md = MarkdownIt("commonmark")  # GFM autolinks: the escaped ":" "/" "." "@" checked below
    out = md.render(md_escape(value))
    assert "<a " not in out and "<img" not in out and "<b>" not in out and "<strong>" not in out
    assert "<em>" not in out and "<code>" not in out and "<h1>" not in out
    escaped = md_escape(value)
    for ch in ":$[]()<>!@/":  # directives, math, links, autolinks (http://, a@b) start with these
        assert ch not in escaped.replace("\\" + ch, "")
    assert "\x00" not in escaped and "\x1b" not in escaped
    shown = escaped.replace("\\", "")  # what an autolink scanner sees once escapes are undone
    assert not re.search(r"(?i)https?:|www\.|\w@", shown)


def test_html_table_escapes_every_cell_and_shows_dash_for_empty():
    out = html_table([{"a": "<script>x</script>", "b": None, "href": "./document?doc=1%7CX"}],
                     [Col("a", "Mở", "open", link_label="Mở"), Col("a", "<A>"), Col("b", "B")])
    assert "<script>" not in out and "&lt;script&gt;" in out and "&lt;A&gt;" in out
    assert "<td>—</td>" in out and out.count('class="cg-open"') == 1


@pytest.mark.parametrize("value,want", [("=1+2", "'=1+2"), ("+84 123", "'+84 123"), ("-x", "'-x"),
                                        ("@SUM(A1)", "'@SUM(A1)"), ("Kế hoạch", "Kế hoạch"), (5, 5)])
def test_formula_prefix_neutralised(value, want):
    assert neutral(value) == want


def test_csv_and_xlsx_carry_no_formula():
    import openpyxl
    import pandas as pd

    df = pd.DataFrame([{"Trích dẫn": '=HYPERLINK("http://evil.example","x")', "Số": 3}])
    assert b"'=HYPERLINK" in to_csv(df)
    wb = openpyxl.load_workbook(io.BytesIO(to_xlsx(df)))
    cell = wb.active["A2"]
    assert cell.data_type == "s" and cell.value.startswith("'=")
