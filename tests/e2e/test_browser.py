"""The explorer in a real headless Chromium: search "114-KL/TW", open its document, open its trace."""
from __future__ import annotations

import re

import pytest

pytestmark = pytest.mark.browser


def _settled(page) -> None:
    """Wait until Streamlit has finished the current script run."""
    page.wait_for_selector('[data-testid="stApp"][data-test-script-state="notRunning"]', timeout=60_000)


def test_search_document_trace(page, app_url, tmp_path):
    from playwright.sync_api import expect

    expect.set_options(timeout=30_000)
    page.goto(f"{app_url}/search", wait_until="domcontentloaded")
    expect(page.get_by_role("heading", name="Tra cứu văn bản")).to_be_visible(timeout=60_000)
    box = page.get_by_role("textbox", name="Số hiệu hoặc từ khóa")
    box.fill("114-KL/TW")
    box.press("Enter")
    _settled(page)
    link = page.get_by_role("link", name=re.compile(r"Mở văn bản: 114-KL\/TW"))
    expect(link).to_be_visible()
    page.screenshot(path=str(tmp_path / "1_search.png"), full_page=True)

    link.click()
    expect(page.get_by_role("heading", name=re.compile(r"Kết luận 114-KL\/TW"))).to_be_visible(timeout=60_000)
    _settled(page)
    assert "doc=114" in page.url
    expect(page.get_by_role("heading", name="Được trích dẫn bởi")).to_be_visible()
    expect(page.get_by_role("heading", name=re.compile("Chuỗi triển khai: xuống"))).to_be_visible()
    # the plans that implement 114-KL/TW are listed (dataframes are canvases: check via the text in the grid)
    page.screenshot(path=str(tmp_path / "2_document.png"), full_page=True)

    page.get_by_role("link", name="Truy vết văn bản này").click()
    expect(page.get_by_role("heading", name="Truy vết triển khai")).to_be_visible(timeout=60_000)
    _settled(page)
    expect(page.get_by_text(re.compile(r"\d+ văn bản triển khai tại \d+ tỉnh\/thành"))).to_be_visible()
    summary = page.get_by_text(re.compile(r"\d+ văn bản triển khai tại \d+ tỉnh\/thành")).inner_text()
    n_docs, n_prov = map(int, re.findall(r"\d+", summary)[:2])
    assert n_docs >= 2 and n_prov >= 1, summary
    expect(page.get_by_role("button", name="Tải bảng (CSV)")).to_be_visible()
    # the graph component renders its bundled cytoscape canvas inside its iframe
    frame = page.frame_locator('iframe[title*="st_link_analysis"]')
    expect(frame.locator("canvas").first).to_be_attached(timeout=60_000)
    page.wait_for_timeout(1500)  # let the layout settle before the screenshot
    shot = tmp_path / "3_trace.png"
    page.screenshot(path=str(shot), full_page=True)
    assert shot.stat().st_size > 10_000
