"""Văn bản: metadata, highlighted text (escaped), cites / cited-by, implementing chain."""
import re



def texts(elements) -> list[str]:
    return [e.value for e in elements]


def test_directive_known_only_from_citations(app):
    at = app("document", doc="114|KL-TW")
    assert "Kết luận 114-KL/TW" in texts(at.header)
    assert any("Chưa có toàn văn" in i for i in texts(at.info))
    subs = texts(at.subheader)
    for s in ("Được trích dẫn bởi", "Chuỗi triển khai: xuống văn bản địa phương"):
        assert s in subs
    frames = [d.value for d in at.dataframe]
    cited_by = next(f for f in frames if "evidence" in f.columns and "count" in f.columns and len(f) >= 3)
    assert {"116-KH/TU", "77/KH-UBND"} <= set(cited_by["symbol"])
    chain_down = frames[-1]
    assert "77/KH-UBND" in set(chain_down["symbol"])


def test_text_highlighted_and_escaped(app, hostile):
    at = app("document", doc=hostile["key"])
    body = "\n".join(h.proto.body for h in at.html)
    assert "&lt;script&gt;alert(&quot;xss&quot;)&lt;/script&gt;" in body
    assert "<script" not in body.replace("&lt;script", "")
    assert "<img" not in body
    link = re.search(r'<a class="cg-cite rel-implements" href="([^"]+)"[^>]*>([^<]+)</a>', body)
    assert link and link.group(1) == "./document?doc=114%7CKL-TW~2015" and "114-KL/TW" in link.group(2)
    # the chain up goes to the central directive
    assert "114-KL/TW" in set(at.dataframe[-2].value["symbol"])


def test_title_markup_is_escaped():
    from explorer.data import md_escape

    assert md_escape("<script>") == "\\<script\\>"


def test_pick_by_symbol(app):
    at = app("document")
    assert any("Chưa chọn văn bản" in i for i in texts(at.info))
    at.text_input(key="doc_q").input("77 KH UBND").run()
    assert "Kế hoạch 77/KH-UBND" in texts(at.header)


def test_unknown_document(app):
    at = app("document", doc="999|XX-YY")
    assert any("Không tìm thấy" in w for w in texts(at.warning))
