"""Vietnamese-first UI strings, with English beside them: one table, one lookup.

A string is one entry ``key: (vi, en)``; ``t(key, **fields)`` picks the session's language and
fills ``{fields}``.  A missing key shows the key itself (never a crash), and the test suite checks
that every entry has both languages.

>>> t("nav.search", lang="vi"), t("nav.search", lang="en")
('Tra cứu', 'Search')
>>> t("overview.docs_count", lang="en", n=3)
'3 documents'
"""
from __future__ import annotations

from typing import Any

LANGS = ("vi", "en")
DEFAULT_LANG = "vi"
LANG_NAMES = {"vi": "Tiếng Việt", "en": "English"}

STRINGS: dict[str, tuple[str, str]] = {
    # -- app and navigation ------------------------------------------------------------------
    "app.title": ("citegraph — Đồ thị trích dẫn văn bản", "citegraph — document citation graph"),
    "app.language": ("Ngôn ngữ / Language", "Ngôn ngữ / Language"),
    "app.store": ("Kho dữ liệu", "Store"),
    "app.first_ingest": ("Lần chạy đầu: đang nạp bộ văn bản kèm theo…", "First start: ingesting the bundled corpus…"),
    "app.loading_graph": ("Đang nạp đồ thị…", "Loading the graph…"),
    "app.empty_store": ("Kho dữ liệu chưa có văn bản nào. Hãy nạp văn bản ở trang «Nạp văn bản».",
                        "The store has no documents yet. Add some on the “Upload” page."),
    "app.store_error": ("Không mở được kho dữ liệu: {reason}", "Cannot open the store: {reason}"),
    "nav.overview": ("Tổng quan", "Overview"),
    "nav.search": ("Tra cứu", "Search"),
    "nav.document": ("Văn bản", "Document"),
    "nav.trace": ("Truy vết", "Trace"),
    "nav.audit": ("Kiểm tra", "Audit"),
    "nav.upload": ("Nạp văn bản", "Upload"),
    # -- shared column names ---------------------------------------------------------------
    "col.symbol": ("Số hiệu", "Symbol"),
    "col.type": ("Loại văn bản", "Type"),
    "col.date": ("Ngày", "Date"),
    "col.year": ("Năm", "Year"),
    "col.issuer": ("Cơ quan ban hành", "Issuer"),
    "col.province": ("Tỉnh/thành", "Province"),
    "col.title": ("Trích yếu", "Title"),
    "col.relation": ("Quan hệ", "Relation"),
    "col.count": ("Số lần", "Count"),
    "col.cited_by": ("Được trích dẫn", "Cited by"),
    "col.evidence": ("Câu trích", "Evidence"),
    "col.level": ("Cấp", "Level"),
    "col.depth": ("Bậc", "Depth"),
    "col.open": ("Mở", "Open"),
    "col.documents": ("Số văn bản", "Documents"),
    "col.file": ("Tệp", "File"),
    "col.kind": ("Loại lỗi", "Kind"),
    "col.severity": ("Mức độ", "Severity"),
    "col.reason": ("Lý do", "Reason"),
    "col.citation": ("Trích dẫn", "Citation"),
    "col.source": ("Nguồn", "Source"),
    "col.document": ("Văn bản", "Document"),
    "col.status": ("Trạng thái", "Status"),
    "col.key": ("Khóa", "Key"),
    "none": ("—", "—"),
    "central": ("Trung ương", "Central"),
    # -- relations -----------------------------------------------------------------------------
    "rel.implements": ("triển khai", "implements"),
    "rel.based_on": ("căn cứ", "based on"),
    "rel.replaces": ("thay thế", "replaces"),
    "rel.amends": ("sửa đổi", "amends"),
    "rel.guides": ("hướng dẫn", "guides"),
    "rel.cites": ("trích dẫn", "cites"),
    # -- levels ------------------------------------------------------------------------------------
    "level.central": ("Trung ương", "Central"),
    "level.province": ("Cấp tỉnh", "Province"),
    "level.local": ("Địa phương", "Local"),
    "level.district": ("Cấp huyện", "District"),
    "level.unknown": ("Chưa rõ", "Unknown"),
    "level.central_party": ("Trung ương Đảng", "Central Party"),
    "level.central_state": ("Trung ương (Nhà nước)", "Central State"),
    "level.department": ("Sở, ban, ngành", "Department"),
    "level.commune": ("Cấp xã", "Commune"),
    "level.other": ("Khác", "Other"),
    "level.file": ("Tệp chưa có số hiệu", "File without a number"),
    # -- overview ------------------------------------------------------------------------------------
    "overview.title": ("Tổng quan", "Overview"),
    "overview.docs_count": ("{n} văn bản", "{n} documents"),
    "overview.m_documents": ("Văn bản", "Documents"),
    "overview.m_files": ("Tệp đã nạp", "Files ingested"),
    "overview.m_citations": ("Trích dẫn", "Citations"),
    "overview.m_edges": ("Quan hệ", "Links"),
    "overview.m_issuers": ("Cơ quan", "Issuers"),
    "overview.most_cited": ("Văn bản được trích dẫn nhiều nhất", "Most-cited documents"),
    "overview.with_file": ("Có toàn văn", "Full text held"),
    "overview.cited_only": ("Chỉ được trích dẫn", "Only cited"),
    "overview.per_year": ("Số văn bản theo năm", "Documents per year"),
    "overview.issuers_by_level": ("Cơ quan ban hành theo cấp", "Issuers by level"),
    "overview.failures": ("{n} tệp không nạp được", "{n} files could not be ingested"),
    # -- search ------------------------------------------------------------------------------------
    "search.title": ("Tra cứu văn bản", "Search documents"),
    "search.query": ("Số hiệu hoặc từ khóa", "Symbol or words"),
    "search.query_help": ("Gõ thoải mái: «114 KL TW», «114-KL/TW», «dân vận»…",
                          "Type freely: “114 KL TW”, “114-KL/TW”, “dân vận”…"),
    "search.type": ("Loại văn bản", "Type"),
    "search.issuer": ("Cơ quan ban hành", "Issuer"),
    "search.province": ("Tỉnh/thành", "Province"),
    "search.year": ("Năm", "Year"),
    "search.results": ("{n} kết quả", "{n} results"),
    "search.more": ("Chỉ hiện {shown} trên {n} kết quả; hãy thu hẹp tìm kiếm.",
                    "Showing {shown} of {n} results; narrow the search."),
    "search.none": ("Không tìm thấy văn bản nào.", "No document found."),
    "search.open": ("Mở văn bản", "Open document"),
    "search.prompt": ("Nhập số hiệu, từ khóa hoặc chọn bộ lọc.", "Enter a symbol, words, or pick a filter."),
    "search.all": ("Tất cả", "All"),
    # -- document ---------------------------------------------------------------------------
    "doc.title": ("Văn bản", "Document"),
    "doc.pick": ("Chọn văn bản", "Pick a document"),
    "doc.not_found": ("Không tìm thấy văn bản «{key}».", "Document “{key}” not found."),
    "doc.none_selected": ("Chưa chọn văn bản. Hãy tìm ở trang «Tra cứu».", "No document selected. Find one on the “Search” page."),
    "doc.metadata": ("Thông tin", "Metadata"),
    "doc.field": ("Trường", "Field"),
    "doc.value": ("Giá trị", "Value"),
    "doc.variants": ("Các cách viết", "Variants"),
    "doc.dates_seen": ("Các ngày được nêu", "Dates seen"),
    "doc.files": ("Tệp nguồn", "Source files"),
    "doc.no_file": ("Chưa có toàn văn: văn bản này chỉ được biết qua {n} lần trích dẫn.",
                    "No full text: this document is known only from {n} citations."),
    "doc.text": ("Toàn văn (các trích dẫn được tô sáng; bấm để mở)", "Text (citations highlighted; click to open)"),
    "doc.text_unreadable": ("Không đọc được toàn văn: {reason}", "Cannot read the text: {reason}"),
    "doc.cites": ("Văn bản này trích dẫn", "This document cites"),
    "doc.cited_by": ("Được trích dẫn bởi", "Cited by"),
    "doc.chain_up": ("Chuỗi triển khai: lên văn bản gốc", "Implementing chain: up to the source directive"),
    "doc.chain_down": ("Chuỗi triển khai: xuống văn bản địa phương", "Implementing chain: down to local plans"),
    "doc.none": ("Không có.", "None."),
    "doc.open_trace": ("Truy vết văn bản này", "Trace this document"),
    "doc.mentions": ("Số lần được nhắc", "Mentions"),
    "doc.scope": ("Phạm vi", "Scope"),
    # -- trace ------------------------------------------------------------------------------
    "trace.title": ("Truy vết triển khai", "Trace implementation"),
    "trace.pick": ("Văn bản chỉ đạo (số hiệu)", "Directive (symbol)"),
    "trace.depth": ("Số bậc", "Depth"),
    "trace.colour": ("Tô màu theo", "Colour by"),
    "trace.colour_level": ("Cấp", "Level"),
    "trace.colour_province": ("Tỉnh/thành", "Province"),
    "trace.relations": ("Quan hệ tính là triển khai", "Relations counted as implementing"),
    "trace.summary": ("{n} văn bản triển khai tại {p} tỉnh/thành", "{n} implementing documents in {p} provinces"),
    "trace.capped": ("Đồ thị chỉ vẽ {shown} trên {n} nút (giới hạn {cap} nút để trang không bị treo); bảng bên cạnh có đủ.",
                     "The graph draws {shown} of {n} nodes (capped at {cap} so the page stays responsive); the table has them all."),
    "trace.cap_note": ("Đồ thị vẽ tối đa {cap} nút; kích thước nút theo số lần được trích dẫn.",
                       "The graph draws at most {cap} nodes; node size follows citation count."),
    "trace.table": ("Theo tỉnh/thành", "By province"),
    "trace.download": ("Tải bảng (CSV)", "Download table (CSV)"),
    "trace.none": ("Chưa thấy văn bản nào triển khai văn bản này.", "No implementing document found yet."),
    "trace.prompt": ("Chọn một văn bản chỉ đạo để xem các kế hoạch triển khai.", "Pick a directive to see the plans implementing it."),
    "trace.clicked": ("Nút đã chọn: {label}", "Selected node: {label}"),
    # -- audit ------------------------------------------------------------------------------
    "audit.title": ("Kiểm tra", "Audit"),
    "audit.kind": ("Loại", "Kind"),
    "audit.province": ("Tỉnh/thành", "Province"),
    "audit.year": ("Năm", "Year"),
    "audit.severity": ("Mức độ", "Severity"),
    "audit.code": ("Mã", "Code"),
    "audit.count": ("{n} phát hiện", "{n} findings"),
    "audit.download": ("Tải kết quả (CSV)", "Download findings (CSV)"),
    "audit.unavailable": ("Chưa có mô-đun kiểm tra (graph/audit/checks.py).", "The audit module (graph/audit/checks.py) is not available yet."),
    "audit.none": ("Không có phát hiện nào.", "No findings."),
    "audit.evidence": ("Bằng chứng", "Evidence"),
    # -- upload -------------------------------------------------------------------------------
    "upload.title": ("Nạp văn bản", "Upload documents"),
    "upload.drop": ("Kéo thả tệp vào đây (txt, md, docx, doc, pdf, html)", "Drop files here (txt, md, docx, doc, pdf, html)"),
    "upload.limits": ("Tối đa {mb} MB mỗi tệp, {n} tệp mỗi lần. Tệp được lưu vào thư mục riêng của kho, không đọc đường dẫn nào do người dùng nhập.",
                      "Up to {mb} MB per file, {n} files at a time. Files are saved into the store's own folder; no user-supplied path is ever read."),
    "upload.button": ("Nạp vào đồ thị", "Ingest into the graph"),
    "upload.progress": ("Đang nạp {i}/{n}: {name}", "Ingesting {i}/{n}: {name}"),
    "upload.done": ("Đã nạp {ok} tệp, {bad} lỗi.", "Ingested {ok} files, {bad} errors."),
    "upload.file_ok": ("{name}: đã nạp — {symbol}", "{name}: ingested — {symbol}"),
    "upload.file_unchanged": ("{name}: không đổi (đã có trong kho)", "{name}: unchanged (already in the store)"),
    "upload.file_error": ("{name}: lỗi — {reason}", "{name}: error — {reason}"),
    "upload.too_big": ("{name}: quá lớn ({size} MB > {mb} MB)", "{name}: too large ({size} MB > {mb} MB)"),
    "upload.bad_type": ("{name}: loại tệp không hỗ trợ", "{name}: unsupported file type"),
    "upload.too_many": ("Chỉ nạp {n} tệp đầu tiên.", "Only the first {n} files are ingested."),
    "upload.empty": ("{name}: tệp rỗng", "{name}: empty file"),
    "upload.no_symbol": ("(chưa nhận ra số hiệu)", "(no number recognised)"),
}


def t(key: str, lang: str | None = None, /, **fields: Any) -> str:
    """The UI string ``key`` in ``lang`` (default: the session's), with ``fields`` filled in."""
    lang = fields.pop("lang", None) or lang or current_lang()
    pair = STRINGS.get(key)
    if pair is None:
        return key
    text = pair[LANGS.index(lang) if lang in LANGS else 0]
    return text.format(**fields) if fields else text


def current_lang() -> str:
    """The language chosen in the sidebar; Vietnamese outside a Streamlit session."""
    try:
        import streamlit as st

        lang = st.session_state.get("lang")
    except Exception:  # bare import, doctest
        return DEFAULT_LANG
    return lang if lang in LANGS else DEFAULT_LANG


def rel_label(rel: str | None, lang: str | None = None) -> str:
    return t(f"rel.{rel}", lang) if rel and f"rel.{rel}" in STRINGS else (rel or "")
