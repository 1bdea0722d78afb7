"""The explorer in a real headless Chromium, as its two kinds of users go through it, plus the
upload, the language switch and documents that carry markup.

Kept few: each test is a whole journey on one shared server (the e2e store: the seed plans and
one hostile plan, ingested by the CLI).
"""
from __future__ import annotations

import re

import pytest

pytestmark = pytest.mark.browser


@pytest.fixture(autouse=True)
def _patient_expect():
    from playwright.sync_api import expect

    expect.set_options(timeout=30_000)  # the CI machine has 2 cores shared with the server

READY = '[data-testid="stApp"][data-test-script-state="notRunning"]'

# Visible text of the page, leaving out what comes from documents (.cg-data, .cg-text), icons
# drawn from a ligature font, and what is not shown (collapsed, clipped to 1 px, hidden).
VISIBLE_TEXT_JS = """
() => {
  const skip = '.cg-data, .cg-text, [data-testid="stIconMaterial"], svg, style, script, code';
  const out = [];
  const walker = document.createTreeWalker(document.querySelector('[data-testid="stApp"]'), NodeFilter.SHOW_TEXT);
  while (walker.nextNode()) {
    const n = walker.currentNode, el = n.parentElement;
    if (!n.textContent.trim() || !el || el.closest(skip)) continue;
    if (!el.checkVisibility({checkOpacity: true, checkVisibilityCSS: true})) continue;
    if (getComputedStyle(el).fontFamily.includes('Material')) continue;  // an icon's ligature name
    const r = el.getBoundingClientRect();
    if (r.width <= 1 || r.height <= 1) continue;
    out.push(n.textContent);
  }
  return out.join('\\n');
}
"""
# A Vietnamese syllable written without diacritics (onset, vowels, final): English words rarely fit.
_SYLLABLE = re.compile(r"(?:ngh|ng|nh|ch|gh|gi|kh|ph|qu|th|tr|[bcdghklmnprstvx])?[aeiouy]{1,3}(?:ch|nh|ng|[cmnpt])?",
                       re.IGNORECASE)
ALLOWED = {"citegraph", "English", "CSV", "XLSX", "KB", "MB"}  # the product, the language switch, formats


def english_words(text: str) -> list[str]:
    """Words of ``text`` that are neither Vietnamese syllables nor codes (``KL``, ``UBND``)."""
    bad = []
    for token in text.split():
        if re.search(r"[\d_/@|.]\w", token):  # a số hiệu, a file name, a key: an identifier
            continue
        word = token.strip("()[]{}«»“”\"',.;:!?…·—–-*+=•●")
        if not word or not word.isascii() or not word.isalpha() or word in ALLOWED:
            continue
        if word.isupper() or any(c.isupper() for c in word[1:]):  # codes: TW, UBND, TTg
            continue
        if not _SYLLABLE.fullmatch(word):
            bad.append(word)
    return bad


def rx(pattern: str) -> re.Pattern:
    """A regex Playwright can pass to the page (a "/" must be escaped there)."""
    return re.compile(pattern.replace("/", r"\/"))


def open_page(page, url: str) -> None:
    page.goto(url, wait_until="domcontentloaded")
    page.wait_for_selector("h1", timeout=60_000)
    page.wait_for_selector(READY, timeout=60_000)


def settled(page) -> None:
    page.wait_for_timeout(300)
    page.wait_for_selector(READY, timeout=60_000)


def test_policy_journey_search_document_trace_plan(page, app_url):
    """Search a directive → its document → its trace → open an implementing plan."""
    from playwright.sync_api import expect

    open_page(page, f"{app_url}/search")
    box = page.get_by_role("textbox", name="Số hiệu hoặc từ khóa")
    box.fill("114 KL TW")
    box.press("Enter")
    settled(page)
    rows = page.locator('[data-testid="search-results"] tbody tr')
    expect(rows.first).to_contain_text("114-KL/TW")
    assert rows.count() == page.locator('[data-testid="search-results"] a.cg-open').count()  # a button on every row
    rows.first.locator("a.cg-open").click()
    expect(page.get_by_role("heading", name=rx(r"Kết luận 114-KL/TW"))).to_be_visible(timeout=60_000)
    settled(page)
    expect(page.get_by_text("Còn hiệu lực theo dữ liệu hiện có")).to_be_visible()

    page.get_by_role("link", name="Truy vết văn bản này").click()
    expect(page.get_by_role("heading", name="Truy vết triển khai")).to_be_visible(timeout=60_000)
    settled(page)
    summary = page.get_by_text(rx(r"\d+ văn bản triển khai tại \d+ tỉnh/thành"))
    n_docs, n_prov = map(int, re.findall(r"\d+", summary.inner_text())[:2])
    table = page.locator('[data-testid="trace-table"] tbody tr')
    assert n_docs == table.count() >= 2 and n_prov >= 1
    expect(page.locator('[data-testid="cg-trace-graph"] a.cg-node').first).to_be_attached()
    row = table.filter(has_text="78/KH-UBND")  # the plan of this store whose text we hold
    plan = row.locator("td").nth(2).inner_text()
    row.locator("a.cg-open").click()
    expect(page.get_by_role("heading", name=rx(re.escape(plan)))).to_be_visible(timeout=60_000)
    settled(page)
    expect(page.locator(".cg-text a.cg-cite").first).to_be_visible(timeout=30_000)


def test_analyst_journey_audit_finding_sentence_successor(page, app_url):
    """The audit → an outdated finding → the sentence in the citing document → the cited
    document, replaced → its successor."""
    from playwright.sync_api import expect

    open_page(page, f"{app_url}/audit")
    page.get_by_role("button", name="Dẫn văn bản hết hiệu lực").click()
    settled(page)
    group = page.locator("details.cg-group", has_text="16/CT-TTg").first
    group.locator("summary .cg-sev").click()  # (not on the links the summary holds)
    expect(group).to_contain_text("33/CT-TTg")
    group.get_by_role("link", name="Tới câu").first.click()
    mark = page.locator("mark#at.cg-focus")
    expect(mark).to_be_visible(timeout=60_000)
    expect(mark).to_contain_text("16/CT-TTg")
    assert "at=" in page.url
    mark.locator("a.cg-cite", has_text="16/CT-TTg").first.click()
    expect(page.get_by_text(rx(r"Đã bị thay thế bởi 33/CT-TTg từ ngày 26/11/2021"))).to_be_visible(timeout=60_000)
    settled(page)
    page.get_by_role("link", name=rx("Mở văn bản thay thế: 33/CT-TTg")).click()
    expect(page.get_by_role("heading", name=rx(r"33/CT-TTg"))).to_be_visible(timeout=60_000)


def test_upload_in_the_browser(page, app_url, tmp_path):
    from playwright.sync_api import expect

    open_page(page, f"{app_url}/upload")
    plan = tmp_path / "kế hoạch 95.txt"
    plan.write_text("ỦY BAN NHÂN DÂN\nTỈNH PHÚ YÊN\nSố: 95/KH-UBND\nPhú Yên, ngày 05 tháng 3 năm 2021\n\nKẾ HOẠCH\n"
                    "Thực hiện Kết luận số 114-KL/TW ngày 14/7/2015 của Ban Bí thư.\n", encoding="utf-8")
    page.locator('[data-testid="stFileUploader"] input[type="file"]').first.set_input_files(str(plan))
    page.get_by_role("button", name="Nạp vào đồ thị").click()
    expect(page.get_by_text(rx(r"Đã nạp 1 tệp mới"))).to_be_visible(timeout=120_000)
    settled(page)
    body = page.inner_text("body")
    assert "DeltaGenerator" not in body and "st.success" not in body and "Traceback" not in body
    link = page.get_by_role("link", name=rx(r"95/KH-UBND")).first
    expect(link).to_be_visible()
    expect(page.get_by_role("button", name="Xóa").first).to_be_visible()


def test_vietnamese_everywhere_then_english(page, app_url):
    """No English word is shown on any page in Vietnamese; the switch turns the UI English."""
    from playwright.sync_api import expect

    for path in ("/", "/overview", "/search?q=114%20KL%20TW", "/document?doc=114%7CKL-TW~2015",
                 "/document?doc=16%7CCT-TTG~2016", "/trace?doc=114%7CKL-TW~2015", "/audit", "/upload"):
        open_page(page, app_url + path)
        page.wait_for_timeout(300)
        shown = page.evaluate(VISIBLE_TEXT_JS)
        assert "Page not found" not in shown, path
        assert english_words(shown) == [], (path, english_words(shown))

    open_page(page, f"{app_url}/overview")
    page.get_by_text("English", exact=True).click()
    expect(page.get_by_role("heading", name="Overview")).to_be_visible(timeout=60_000)
    expect(page.get_by_role("heading", name="Most-cited documents")).to_be_visible()
    assert "lang=en" in page.url


def test_markup_in_documents_and_urls_stays_text(page, app_url):
    from playwright.sync_api import expect

    open_page(page, f"{app_url}/document?doc=78%7CKH-UBND~2020%40phu-yen")
    text = page.locator(".cg-text").first
    expect(text).to_contain_text('<script>alert("xss")</script>')
    expect(text).to_contain_text("[Đăng nhập lại](http://evil.example/login)")
    assert page.locator('.cg-text img, .cg-text script, a[href^="http://evil"], img[src^="http://evil"]').count() == 0
    expect(page.locator("h2").first).to_contain_text("78/KH-UBND")

    open_page(page, f"{app_url}/document?doc=%5BĐăng%20nhập%20lại%5D(http://evil.example)%20!%5Bt%5D(http://evil.example/p.png)")
    warning = page.locator('[data-testid="stAlert"]').first
    expect(warning).to_contain_text("Không tìm thấy văn bản")
    assert "[Đăng nhập lại](http://evil.example)" in warning.inner_text().replace("\u2060", "")  # shown as typed
    assert page.locator('a[href^="http://evil"], img[src^="http://evil"]').count() == 0
