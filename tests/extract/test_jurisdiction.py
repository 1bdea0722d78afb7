"""infer_province / province_of_place: header > place line > most-mentioned province."""
import pytest

from extract.jurisdiction import infer_province, province_names, province_of_place

BODY = "KẾ HOẠCH\n" + "nội dung kế hoạch. " * 100  # pushes mentions past the header region
CASES = [
    ("TỈNH ỦY PHÚ YÊN\nSố 116-KH/TU", {}, "Phú Yên"),                           # party header
    ("HỘI LIÊN HIỆP PHỤ NỮ TỈNH PHÚ YÊN\n", {}, "Phú Yên"),                      # mass org header
    ("**ỦY BAN NHÂN\nDÂN **\nTHÀNH PHỐ HỒ CHÍ MINH\n", {}, "Hồ Chí Minh"),      # markdown, split lines
    ("UBND TỈNH HÀ TĨNH\nHà Nội, ngày 2 tháng 3 năm 2024", {}, "Hà Tĩnh"),       # header beats place
    ("\nKhánh Hòa, ngày 06 tháng 7 năm 2021\n", {}, "Khánh Hòa"),               # place line
    ("Số: /KH-UBND\nHồng Lĩnh, ngày   tháng 02 năm 2023", {}, "Hà Tĩnh"),        # town -> province
    ("UBND THỊ XÃ HỒNG LĨNH\nKẾ HOẠCH", {}, "Hà Tĩnh"),                         # district header
    ("CHÍNH PHỦ\nHà Nội, ngày 1 tháng 2 năm 2024", {}, None),                   # seat of government
    (BODY + "tỉnh Khánh Hòa ... tỉnh Khánh Hòa ... tỉnh Phú Yên", {}, "Khánh Hòa"),  # mentions
    (BODY + "tỉnh Khánh Hòa ... tỉnh Phú Yên", {}, None),                       # a tie tells nothing
    ("no header at all", {"place": "Nha Trang"}, "Khánh Hòa"),                  # caller's place
    ("no header", {"issuer": "Ủy ban nhân dân tỉnh Quảng Ngãi"}, "Quảng Ngãi"),  # caller's issuer
    ("no header", {"issuer": "Tỉnh Bắc Ninh"}, "Bắc Ninh"),                      # thuvienphapluat field
    ("", {}, None),                                                              # empty text
]


@pytest.mark.parametrize("text,kw,expected", CASES, ids=[c[0][:24] for c in CASES])
def test_infer_province(text, kw, expected):
    assert infer_province(text, **kw) == expected


@pytest.mark.parametrize("name,expected", [
    ("Hồng Lĩnh", "Hà Tĩnh"), ("Thị xã Hồng Lĩnh", "Hà Tĩnh"), ("TP. Nha Trang", "Khánh Hòa"),
    ("Thừa Thiên Huế", "Thừa Thiên Huế"), ("Huế", "Thừa Thiên Huế"), ("Khánh Hoà", "Khánh Hòa"),
    ("Thành phố Hồ Chí Minh", "Hồ Chí Minh"), ("Châu Thành", None), ("", None), (None, None),
])
def test_province_of_place(name, expected):
    assert province_of_place(name) == expected


def test_sixty_three_provinces():
    assert len(province_names()) == 63
    assert {"Thừa Thiên Huế", "Bà Rịa - Vũng Tàu", "Hồ Chí Minh", "Đắk Lắk"} <= set(province_names())


@pytest.mark.parametrize("prefix,expected", [("000", "Khánh Hòa"), ("001", "Phú Yên"),
                                             ("002", "Quảng Ngãi"), ("003", "Khánh Hòa"), ("004", "Hà Tĩnh")])
def test_seeds(seeds_dir, prefix, expected):
    path = next(seeds_dir.glob(f"{prefix}_*.txt"))
    assert infer_province(path.read_text(encoding="utf-8")) == expected


def test_admin_unit_tables_load_without_importing_the_parser_package():
    """The province/district tables are read from vietnamadminunits' data file; importing the
    package itself compiles its address parser (seconds at every `citegraph` start)."""
    import subprocess
    import sys

    code = ("import sys; from extract.jurisdiction import infer_province; "
            "assert infer_province('UBND TỈNH HÀ TĨNH\\nSố: 1/KH-UBND') == 'Hà Tĩnh'; "
            "print('vietnamadminunits' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120, check=True)
    assert out.stdout.strip() == "False"
