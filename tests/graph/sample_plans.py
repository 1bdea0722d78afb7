"""Four short plans (real wording) citing 16/CT-TTg of 2016, of 2020, and undated, and a law by
number and by name: identity cases that depend on every file at once."""

HEAD = "ỦY BAN NHÂN DÂN\nTỈNH {P}\nSố: {n}/KH-UBND\n{p}, ngày {d}\n\nKẾ HOẠCH\n{t}\n\n"
TEXTS = {
    "py2018.txt": HEAD.format(P="PHÚ YÊN", p="Phú Yên", n=12, d="05 tháng 3 năm 2018", t="Công tác dân vận năm 2018")
    + "Thực hiện Chỉ thị số 16/CT-TTg ngày 16/5/2016 của Thủ tướng Chính phủ về tăng cường và đổi mới công tác dân "
      "vận trong cơ quan hành chính nhà nước, chính quyền các cấp trong tình hình mới; Ủy ban nhân dân tỉnh ban hành "
      "Kế hoạch như sau.\n",
    "kh2021.txt": HEAD.format(P="KHÁNH HÒA", p="Khánh Hòa", n=45, d="02 tháng 4 năm 2021", t="Phòng, chống dịch")
    + "Căn cứ Chỉ thị số 16/CT-TTg ngày 31/3/2020 của Thủ tướng Chính phủ về thực hiện các biện pháp cấp bách "
      "phòng, chống dịch COVID-19; Căn cứ Luật Tổ chức chính quyền địa phương số 77/2015/QH13; Ủy ban nhân dân "
      "tỉnh ban hành Kế hoạch như sau.\n",
    "ht2022.txt": HEAD.format(P="HÀ TĨNH", p="Hà Tĩnh", n=7, d="10 tháng 1 năm 2022", t="Công tác năm 2022")
    + "Căn cứ Luật Tổ chức chính quyền địa phương; Tiếp tục thực hiện Chỉ thị số 16/CT-TTg của Thủ tướng Chính "
      "phủ, Ủy ban nhân dân tỉnh ban hành Kế hoạch như sau.\n",
    "qn2019.txt": HEAD.format(P="QUẢNG NGÃI", p="Quảng Ngãi", n=9, d="10 tháng 6 năm 2019", t="Công tác dân vận")
    + "Thực hiện Chỉ thị số 16/CT-TTg của Thủ tướng Chính phủ về tăng cường và đổi mới công tác dân vận, Ủy ban "
      "nhân dân tỉnh ban hành Kế hoạch như sau.\n",
}
