"""Nạp văn bản: upload, ingest with progress, per-file errors, limits; the graph sees it at once."""
from pathlib import Path



def texts(elements) -> list[str]:
    return [e.value for e in elements]


def test_upload_ingests_and_reports_errors(app, fresh_store, hostile):
    at = app("upload", store=fresh_store)
    assert texts(at.title) == ["Nạp văn bản"]
    good = hostile["text"].replace("77/KH-UBND", "88/KH-UBND").encode()
    at.file_uploader(key="uploads").set_value([
        ("../../etc/kế hoạch 88.txt", good, "text/plain"),
        ("fake.pdf", b"not a pdf at all", "application/pdf"),
        ("empty.txt", b"", "text/plain"),
    ]).run()
    at.button(key="upload_go").click().run()
    assert not at.exception
    errors = texts(at.error)
    assert any("fake.pdf" in e for e in errors) and any("empty.txt" in e for e in errors)
    assert any("88/KH-UBND" in p.label for p in at.page_link)
    saved = list((Path(fresh_store).parent / "uploads").rglob("*.txt"))
    assert len(saved) == 1 and saved[0].name.endswith("ke_hoach_88.txt") or "88" in saved[0].name
    assert Path(fresh_store).parent / "uploads" in saved[0].parents  # never outside the store's folder

    # the new document is in the graph on the next page
    at.switch_page("explorer/search.py").run()
    at.text_input(key="q").input("88 KH UBND").run()
    assert at.dataframe[0].value.iloc[0]["symbol"] == "88/KH-UBND"


def test_upload_limits():
    from explorer import data

    assert data.check_upload("a.exe", b"x") == "upload.bad_type"
    assert data.check_upload("a.docx", b"%PDF") == "upload.bad_type"
    assert data.check_upload("a.txt", b"x" * (data.UPLOAD_MAX_MB * 2**20 + 1)) == "upload.too_big"
    assert data.check_upload("a.pdf", b"%PDF-1.7 ...") is None
