"""Văn bản: validity first, highlighted text (escaped), rows opening the exact sentence."""
import re

from tests.explorer.conftest import cells, html_of


def texts(elements) -> list[str]:
    return [e.value for e in elements]


def test_directive_known_only_from_citations(app):
    at = app("document", doc="114|KL-TW~2015")
    assert "Kết luận 114\\-KL\\/TW" in texts(at.header)  # shown through the one Markdown escape
    assert any("Chưa có toàn văn" in i for i in texts(at.info))
    assert any("Còn hiệu lực theo dữ liệu hiện có" in s for s in texts(at.success))
    assert {"116-KH/TU", "77/KH-UBND"} <= set(cells(at, "cited-by", 3))
    assert "77/KH-UBND" in set(cells(at, "chain-down", 3))
    # each cited-by row opens the citing document at the sentence that cites this one
    assert re.search(r'href="\./document\?doc=77%7CKH-UBND[^"&]*&amp;at=\d+#at"', html_of(at))


def test_text_highlighted_and_escaped(app, hostile):
    at = app("document", doc=hostile["key"])
    body = html_of(at)
    assert "&lt;script&gt;alert(&quot;xss&quot;)&lt;/script&gt;" in body
    assert "<script" not in body.replace("&lt;script", "")
    assert "<img" not in body
    link = re.search(r'<a class="cg-cite rel-implements" href="([^"]+)"[^>]*>([^<]+)</a>', body)
    assert link and link.group(1) == "./document?doc=114%7CKL-TW~2015" and "114-KL/TW" in link.group(2)
    assert "114-KL/TW" in set(cells(at, "chain-up", 3))


def test_sentence_anchor_is_marked(app, hostile):
    at_offset = hostile["text"].index("114-KL/TW")
    at = app("document", doc=hostile["key"], at=str(at_offset))
    body = html_of(at)
    mark = re.search(r'<mark class="cg-focus" id="at">(.*?)</mark>', body, re.S)
    assert mark and mark.group(1).startswith("Thực hiện ") and "114-KL/TW" in mark.group(1)
    assert "cg-quote" in body


def test_markdown_of_converted_files_is_not_shown(app, tmp_path, seed_copy):
    from graph.ingest import ingest

    folder = seed_copy(tmp_path / "docs")
    (folder / "md.txt").write_text("## KẾ HOẠCH\nSố: 12/KH-UBND\n**Thực hiện** Kết luận số 114-KL/TW ngày 14/7/2015.\n",
                                   encoding="utf-8")
    from graph.build import from_store

    ingest([folder], tmp_path / "s.sqlite", workers=1)
    key = next(n for n, d in from_store(str(tmp_path / "s.sqlite")).nodes(data=True) if d.get("symbol") == "12/KH-UBND")
    at = app("document", store=str(tmp_path / "s.sqlite"), doc=key)
    text = next(h.proto.body for h in at.html if "cg-text" in h.proto.body and "KẾ HOẠCH" in h.proto.body)
    assert "##" not in text and "**" not in text


def test_hostile_url_shows_as_text(app):
    at = app("document", doc="[Đăng nhập lại](http://evil.example) ![t](http://evil.example/p.png)")
    warning = texts(at.warning)[0].replace("\u2060", "")  # the word joiner that breaks autolinks
    assert "\\[Đăng nhập lại\\]\\(http\\:\\/\\/evil\\.example\\)" in warning and "\\!\\[t\\]" in warning


def test_pick_by_symbol(app):
    at = app("document")
    assert any("Chưa chọn văn bản" in i for i in texts(at.info))
    at.text_input(key="doc_q").input("77 KH UBND").run()
    assert "Kế hoạch 77\\/KH\\-UBND" in texts(at.header)


def test_unknown_document(app):
    at = app("document", doc="999|XX-YY")
    assert any("Không tìm thấy" in w for w in texts(at.warning))


def test_long_text_draws_the_part_asked_for_then_all(app, tmp_path, seed_copy):
    from graph.build import from_store
    from graph.ingest import ingest

    folder = seed_copy(tmp_path / "docs")
    filler = "".join(f"{i}. Nội dung nhiệm vụ thứ {i} của kế hoạch.\n" for i in range(1, 3000))
    text = ("ỦY BAN NHÂN DÂN\nTỈNH PHÚ YÊN\nSố: 13/KH-UBND\nPhú Yên, ngày 05 tháng 3 năm 2020\n\nKẾ HOẠCH\n" + filler
            + "Thực hiện Kết luận số 114-KL/TW ngày 14/7/2015 của Ban Bí thư.\n")
    (folder / "long.txt").write_text(text, encoding="utf-8")
    ingest([folder], tmp_path / "s.sqlite", workers=1)
    key = next(n for n, d in from_store(str(tmp_path / "s.sqlite")).nodes(data=True) if d.get("symbol") == "13/KH-UBND")
    at = app("document", store=str(tmp_path / "s.sqlite"), doc=key, at=str(text.index("114-KL/TW")))
    body = next(h.proto.body for h in at.html if 'class="cg-text"' in h.proto.body)
    assert 'id="at"' in body and "Nội dung nhiệm vụ thứ 1 của" not in body  # the end, not the start
    assert any("Đang hiện ký tự" in c for c in texts(at.caption))
    next(b for b in at.button if b.label == "Hiện toàn văn").click().run()
    body = next(h.proto.body for h in at.html if 'class="cg-text"' in h.proto.body)
    assert "Nội dung nhiệm vụ thứ 1 của" in body and 'id="at"' in body
