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
    "app.language": ("Ngôn ngữ", "Language"),
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
    "doc.no_file": ("Chưa có toàn văn: văn bản này chỉ được biết qua {n} lần trích dẫn.",
                    "No full text: this document is known only from {n} citations."),
    "doc.text_unreadable": ("Không đọc được toàn văn: {reason}", "Cannot read the text: {reason}"),
    "doc.cites": ("Văn bản này trích dẫn", "This document cites"),
    "doc.cited_by": ("Được trích dẫn bởi", "Cited by"),
    "doc.chain_up": ("Chuỗi triển khai: lên văn bản gốc", "Implementing chain: up to the source directive"),
    "doc.chain_down": ("Chuỗi triển khai: xuống văn bản địa phương", "Implementing chain: down to local plans"),
    "doc.none": ("Không có.", "None."),
    "doc.open_trace": ("Truy vết văn bản này", "Trace this document"),
    "doc.mentions": ("Số lần được nhắc", "Mentions"),
    # -- trace ------------------------------------------------------------------------------
    "trace.title": ("Truy vết triển khai", "Trace implementation"),
    "trace.pick": ("Văn bản chỉ đạo (số hiệu)", "Directive (symbol)"),
    "trace.depth": ("Số bậc", "Depth"),
    "trace.colour": ("Tô màu theo", "Colour by"),
    "trace.colour_level": ("Cấp", "Level"),
    "trace.colour_province": ("Tỉnh/thành", "Province"),
    "trace.summary": ("{n} văn bản triển khai tại {p} tỉnh/thành", "{n} implementing documents in {p} provinces"),
    "trace.capped": ("Đồ thị chỉ vẽ {shown} trên {n} nút (giới hạn {cap} nút để trang không bị treo); bảng bên cạnh có đủ.",
                     "The graph draws {shown} of {n} nodes (capped at {cap} so the page stays responsive); the table has them all."),
    "trace.cap_note": ("Bấm vào một nút để mở văn bản; kích thước nút theo số văn bản trích dẫn nó.",
                       "Click a node to open its document; node size follows the number of citing documents."),
    "trace.table": ("Theo tỉnh/thành", "By province"),
    "trace.download": ("Tải bảng (CSV)", "Download table (CSV)"),
    "trace.none": ("Chưa thấy văn bản nào triển khai văn bản này.", "No implementing document found yet."),
    "trace.prompt": ("Chọn một văn bản chỉ đạo để xem các kế hoạch triển khai.", "Pick a directive to see the plans implementing it."),
    # -- audit ------------------------------------------------------------------------------
    "audit.title": ("Kiểm tra", "Audit"),
    "audit.kind": ("Loại", "Kind"),
    "audit.province": ("Tỉnh/thành", "Province"),
    "audit.year": ("Năm", "Year"),
    "audit.severity": ("Mức độ", "Severity"),
    "audit.count": ("{n} phát hiện trong {g} nhóm", "{n} findings in {g} groups"),
    "audit.download": ("Tải kết quả (CSV)", "Download findings (CSV)"),
    "audit.none": ("Không có phát hiện nào.", "No findings."),
    # -- upload -------------------------------------------------------------------------------
    "upload.title": ("Nạp văn bản", "Upload documents"),
    "upload.drop": ("Chọn tệp văn bản", "Choose document files"),
    "upload.limits": ("Tối đa {mb} MB mỗi tệp, {n} tệp mỗi lần; tệp được lưu cạnh kho dữ liệu (đã dùng {used} / {quota} MB).",
                      "Up to {mb} MB per file, {n} files at a time; files are kept beside the store ({used} of {quota} MB used)."),
    "upload.button": ("Nạp vào đồ thị", "Ingest into the graph"),
    "upload.progress": ("Đang nạp {i}/{n}: {name}", "Ingesting {i}/{n}: {name}"),
    "upload.done": ("Đã nạp {ok} tệp mới, {bad} tệp lỗi.", "Ingested {ok} new files, {bad} errors."),
    "upload.file_ok": ("{name}: đã nạp — {symbol}", "{name}: ingested — {symbol}"),
    "upload.file_error": ("{name}: lỗi — {reason}", "{name}: error — {reason}"),
    "upload.too_big": ("{name}: quá lớn ({size} MB > {mb} MB)", "{name}: too large ({size} MB > {mb} MB)"),
    "upload.bad_type": ("{name}: loại tệp không hỗ trợ", "{name}: unsupported file type"),
    "upload.too_many": ("Chỉ nạp {n} tệp đầu tiên.", "Only the first {n} files are ingested."),
    "upload.empty": ("{name}: tệp rỗng", "{name}: empty file"),
    "upload.no_symbol": ("(chưa nhận ra số hiệu)", "(no number recognised)"),
    # -- added for the explorer's second cut -------------------------------------------------------
    "col.chain": ("Chuỗi", "Chain"),
    "search.open_best": ("Mở văn bản: {symbol}", "Open document: {symbol}"),
    "doc.valid": ("Còn hiệu lực theo dữ liệu hiện có.", "In force according to the data held."),
    "doc.status_replaced": ("Đã bị thay thế bởi {by} từ ngày {date}, theo {source}.",
                            "Replaced by {by} from {date}, according to {source}."),
    "doc.status_repealed": ("Đã bị bãi bỏ bởi {by} từ ngày {date}, theo {source}.",
                            "Repealed by {by} from {date}, according to {source}."),
    "doc.status_annulled": ("Đã bị bãi bỏ bởi {by} từ ngày {date}, theo {source}.",
                            "Annulled by {by} from {date}, according to {source}."),
    "doc.status_expired": ("Đã hết hiệu lực từ ngày {date} ({by}), theo {source}.",
                           "Expired on {date} ({by}), according to {source}."),
    "doc.status_ended": ("Không còn hiệu lực từ ngày {date} ({by}), theo {source}.",
                         "No longer in force from {date} ({by}), according to {source}."),
    "doc.unknown_successor": ("văn bản chưa rõ", "an unknown document"),
    "doc.date_unknown": ("chưa rõ", "unknown"),
    "doc.evidence_label": ("Căn cứ:", "Evidence:"),
    "doc.open_successor": ("Mở văn bản thay thế: {symbol}", "Open the successor: {symbol}"),
    "doc.amended": ("Đã được sửa đổi bởi {by} từ ngày {date}.", "Amended by {by} from {date}."),
    "doc.part_changed": ("Một phần ({part}) đã {status} bởi {by} từ ngày {date}.", "A part ({part}) was {status} by {by} from {date}."),
    "doc.expiry": ("Văn bản tự nêu hết hiệu lực từ ngày {date}.", "The text says it expires on {date}."),
    "doc.effective": ("Ngày có hiệu lực", "In force from"),
    "doc.implemented_by": ("Văn bản triển khai", "Implementing documents"),
    "doc.text_of": ("Toàn văn — {name}", "Text — {name}"),
    "doc.window": ("Đang hiện ký tự {a}–{b} trên {n}.", "Showing characters {a}–{b} of {n}."),
    "doc.show_all": ("Hiện toàn văn", "Show the whole text"),
    "doc.show_rows": ("Hiện cả {n} dòng", "Show all {n} rows"),
    "doc.sentence": ("Vị trí", "Where"),
    "doc.to_sentence": ("Tới câu", "Go to sentence"),
    "trace.all_levels": ("Tất cả", "All"),
    "trace.citing": ("Cả văn bản chỉ trích dẫn", "Also citing documents"),
    "trace.citing_help": ("Mặc định chỉ tính văn bản triển khai (thực hiện, hướng dẫn); bật để xem thêm văn bản chỉ căn cứ hoặc nhắc tới.",
                          "By default only implementing documents count (implements, guides); switch on to add those that are merely based on it or cite it."),
    "trace.summary_citing": ("(và {c} văn bản chỉ trích dẫn, nét đứt)", "(and {c} citing only, dashed)"),
    "trace.download_xlsx": ("Tải bảng (XLSX)", "Download table (XLSX)"),
    "trace.open_doc": ("Mở văn bản: {symbol}", "Open document: {symbol}"),
    "sev.high": ("Cao", "High"),
    "sev.medium": ("Trung bình", "Medium"),
    "sev.low": ("Thấp", "Low"),
    "sev.info": ("Thông tin", "Info"),
    "sev.high_help": ("dẫn văn bản đã hết hiệu lực trước khi ký", "cites a document already out of force when signed"),
    "sev.medium_help": ("cần sửa", "needs a fix"),
    "sev.low_help": ("nên xem lại", "worth a look"),
    "sev.info_help": ("để biết", "for information"),
    "kind.outdated": ("Dẫn văn bản hết hiệu lực", "Outdated citation"),
    "kind.anachronism": ("Sai trình tự thời gian", "Anachronism"),
    "kind.conflict": ("Ghi không thống nhất", "Conflict"),
    "kind.malformed": ("Sai thể thức số hiệu", "Malformed số hiệu"),
    "kind.draft": ("Thiếu số hoặc ngày", "Draft"),
    "kind.unresolved": ("Chưa xác định được", "Unresolved"),
    "audit.as_of": ("Ngày đối chiếu", "As of"),
    "audit.as_of_help": ("Văn bản được dẫn bị coi là hết hiệu lực nếu đã bị thay thế, bãi bỏ trước ngày này.",
                         "A cited document counts as outdated when it was replaced or repealed before this day."),
    "audit.registry": ("Danh mục tình trạng hiệu lực (CSV, không bắt buộc)", "Status registry (CSV, optional)"),
    "audit.registry_help": ("Cột: symbol, status, by, effective, source… (xem docs/audit.md). Được cộng thêm vào danh mục kèm theo.",
                            "Columns: symbol, status, by, effective, source… (see docs/audit.md). Added to the bundled registry."),
    "audit.registry_error": ("Không đọc được danh mục: {reason}", "Cannot read the registry: {reason}"),
    "audit.explain": ("{kind}: {text}", "{kind}: {text}"),
    "audit.chart": ("Biểu đồ phát hiện", "Findings chart"),
    "audit.chart_by": ("Biểu đồ theo", "Chart by"),
    "audit.by_province": ("Tỉnh/thành", "Province"),
    "audit.by_year": ("Năm", "Year"),
    "audit.by_kind": ("Loại", "Kind"),
    "audit.download_xlsx": ("Tải kết quả (XLSX)", "Download findings (XLSX)"),
    "audit.successor": ("Văn bản thay thế", "Successor"),
    "audit.effective": ("Từ ngày", "From"),
    "audit.replaced_by": ("thay bằng", "replaced by"),
    "audit.from_date": ("từ ngày {date}", "from {date}"),
    "audit.n_citing": ("{n} trích dẫn", "{n} citations"),
    "audit.groups_capped": ("Hiện {shown} trên {n} nhóm; tệp tải về có đủ.", "Showing {shown} of {n} groups; the downloads have all."),
    "audit.more_groups": ("Hiện thêm {n} nhóm", "Show {n} more groups"),
    "upload.drop_here": ("Kéo thả tệp vào đây", "Drag and drop files here"),
    "upload.browse": ("Chọn tệp", "Browse files"),
    "upload.limit_note": ("hoặc bấm «Chọn tệp»", "or click “Browse files”"),
    "upload.busy": ("Kho dữ liệu đang được ghi ở nơi khác; đang chờ đến lượt ({s} giây)…",
                    "The store is being written elsewhere; waiting for our turn ({s} s)…"),
    "upload.busy_gave_up": ("kho dữ liệu bận quá lâu; tệp đã được lưu, hãy thử nạp lại sau",
                            "the store stayed busy too long; the file is saved, try again later"),
    "upload.file_duplicate": ("{name}: đã có trong kho (không thêm bản thứ hai) — mở văn bản",
                              "{name}: already in the store (no second copy added) — open it"),
    "upload.quota": ("{name}: vượt hạn mức {mb} MB dành cho tệp tải lên của kho này; hãy xóa bớt tệp cũ",
                     "{name}: over this store's {mb} MB upload quota; remove older uploads first"),
    "upload.save_failed": ("Không lưu được tệp: {reason}", "Cannot save the files: {reason}"),
    "upload.list": ("Văn bản đã tải lên ({n})", "Uploaded documents ({n})"),
    "upload.list_empty": ("Chưa có tệp nào được tải lên kho này.", "Nothing has been uploaded to this store yet."),
    "upload.row": ("{name} — {symbol}", "{name} — {symbol}"),
    "upload.row_meta": ("{kb} KB, {date}", "{kb} KB, {date}"),
    "upload.remove": ("Xóa", "Remove"),
    "upload.remove_help": ("Xóa văn bản này khỏi kho và xóa tệp đã tải lên", "Remove this document from the store and delete the uploaded file"),
    "upload.remove_failed": ("Chưa xóa được: {reason}", "Could not remove it: {reason}"),
}


def t(key: str, lang: str | None = None, /, **fields: Any) -> str:
    """The UI string ``key`` in ``lang`` (default: the session's), with ``fields`` filled in."""
    lang = fields.pop("lang", None) or lang or current_lang()
    pair = STRINGS.get(key)
    if pair is None:
        return key
    text = pair[LANGS.index(lang) if lang in LANGS else 0]
    return text.format(**fields) if fields else text


def tm(key: str, lang: str | None = None, /, **fields: Any) -> str:
    """``t`` for Markdown places (titles, labels, messages): every field is escaped with
    ``ui.md_escape``, so a value from a document, a file name or the URL shows as text.

    >>> print(tm("doc.not_found", "vi", key="[x](http://e.vn)").replace("\u2060", ""))
    Không tìm thấy văn bản «\\[x\\]\\(http\\:\\/\\/e\\.vn\\)».
    """
    from explorer.ui import md_escape

    return t(key, lang, **{k: md_escape(v) for k, v in fields.items()})


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
