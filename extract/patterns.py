"""Regular expressions of the extractor, built from named, commented parts.

Patterns are relaxed (optional stray spaces, line breaks, lost hyphens) rather than the text
being rewritten, so every offset stays in the text as read.  All quantifiers are bounded and
no two adjacent parts can match the same characters ambiguously, so matching is linear-time
on adversarial input (long runs of digits, slashes, "số", hyphens).
"""
from __future__ import annotations

import re
from typing import NamedTuple

from extract.tables import doc_types, untyped_names

# Vietnamese capital letters (a character class body).
UPPER = "A-ZĐÂĂÊÔƠƯÁÀẢÃẠẤẦẨẪẬẮẰẲẴẶÉÈẺẼẸẾỀỂỄỆÍÌỈĨỊÓÒỎÕỌỐỒỔỖỘỚỜỞỠỢÚÙỦŨỤỨỪỬỮỰÝỲỶỸỴ"
# Characters that count as a word character next to a symbol (a symbol glued to a word is not one).
WORD_CHARS = "A-Za-z0-9À-ỹĐđ"
_HSPACE = r"[ \t\xa0]"
# A separator inside a symbol: "-", "/" or an en dash, with at most a few stray spaces or a line
# break (PDF text and double-spaced web captures break "18-\n\nCTr/TU").
_SEP = r"(?:[ \t\xa0]{0,2}(?:\n[ \t\xa0]*){0,3}[-/–][ \t\xa0]{0,2}(?:\n[ \t\xa0]*){0,3})"
# A code token: TW, TTg, CTr, QĐi, UBND, BDVTU, QH15, QH 15, UBTVQH14, or a 4-digit year.
_TOKEN = r"(?:(?:19|20)\d{2}|[A-ZĐ][A-Za-zĐđ&]{0,14}(?:\d{1,2}|(?<=QH)[ ]\d{1,2})?)"
# The rest of a number after its first digit.
_NUMBER_REST = r"\d{0,4}(?:\.\d{1,2})?"

SYMBOL_RE = re.compile(
    rf"""
    (?P<num>\d                          # starting with \d lets the engine skip to digits fast
      (?<![{WORD_CHARS}/.\-]\d)           # not glued to a word, number or another symbol
      {_NUMBER_REST})                   # 66.13/2026/NQ-CP has a dotted number
    (?P<first>                           # NUMBER -> first code: separator, lost hyphen or a space
        {_SEP}
      | (?=[A-ZĐ][A-Za-zĐđ]{{0,5}}{_HSPACE}?/)    # 25NQ/TW: hyphen lost
      | {_HSPACE}(?=[A-ZĐ][A-Za-zĐđ]{{0,5}}/)     # "Số 40 KH/BDVTU": hyphen became a space
    )
    (?P<codes>{_TOKEN}(?:{_SEP}{_TOKEN}){{0,5}})
    (?P<suffix>/(?:nb|NB|mt|MT))?          # 919-CV/VPTW/nb: "nội bộ" / "mật" distribution marks
    (?![{WORD_CHARS}])
    """,
    re.VERBOSE,
)


def case_variants(phrase: str) -> str:
    """Regex matching ``phrase`` in lower case, Capitalised or UPPER CASE, any run of spaces between
    words.  Cheaper than ``re.IGNORECASE``, whose case-folding scan is slow on Vietnamese text."""
    forms = dict.fromkeys((phrase, phrase[:1].upper() + phrase[1:], phrase.upper()))
    return "|".join(re.escape(f).replace(r"\ ", r"\s+") for f in forms)


def _alternation(words: list[str]) -> str:
    words = sorted(set(words), key=len, reverse=True)  # more specific before less specific
    return "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in words)


TYPE_WORDS = sorted({n for r in doc_types() for n in r["names"]} | set(untyped_names()), key=len, reverse=True)
_TYPE_ALT = _alternation(TYPE_WORDS)

def reversed_alternation(words: list[str]) -> str:
    """``Kết luận`` -> ``nậul\\s+tếK``: the type words spelled backwards, longest first."""
    return "|".join(r"\s+".join(re.escape(part[::-1]) for part in reversed(w.split()))
                    for w in sorted(set(words), key=len, reverse=True))


# A type word right before the number ("Kết luận số 114-KL/TW", "Chỉ thị 16/CT-TTg", "Quyết định số: 5"),
# matched on the text before the number read BACKWARDS: "Kết luận số " reversed is " ốs nậul tếK", so one
# anchored match finds the type word ending right before "số" (the longest, hence earliest), instead of
# trying a type-word pattern at every offset of the window.  The leading "\n?" allows one line break
# between "số" and the number beyond the spaces.
TYPE_BEFORE_REVERSED_RE = re.compile(
    r"\n?(?:[\s*_]{0,3}:?[\s*_]{0,3}ốs)?[\s*_]{0,4}(?P<tw>" + reversed_alternation(TYPE_WORDS) + ")", re.IGNORECASE)
# "Luật Doanh nghiệp số 59/2020/QH14": a named law before the number.
NAMED_TYPE_BEFORE_RE = re.compile(
    r"(?P<tw>Bộ luật|Luật|Pháp lệnh|Nghị quyết|Nghị định|Thông tư|Quyết định)"
    r"(?P<name>[ \xa0\n][^;:.,()]{2,70}?)\s+(?:số|Số)[\s:]{0,3}$"
)
# "số" alone before the number (a reference whose type word is further back, or none).
SO_BEFORE_RE = re.compile(r"(?:số|Số|SỐ)[\s*_]{0,3}:?[\s*_]{0,3}$")
# "Kết luận số 187, 188-KL/TW": extra numbers sharing one code.
SHARED_NUMBERS_RE = re.compile(r"(?<![\d/.\-])(\d{1,5})\s{0,2}(?:,|;|và)\s{0,2}$")
# "Đề án số 0\n4-ĐA/TU": a number split by a line break.
SPLIT_NUMBER_RE = re.compile(r"(?:số|Số)\s{1,3}(\d{1,3})[ \t\xa0]*\n\s{0,4}$")

_DAY = r"(?P<d>\d{1,2})"
_MONTH = r"(?P<m>\d{1,2})"
_YEAR = r"(?P<y>(?:19|20)\d{2})"
# Dates after a reference: "ngày 14/7/2015", ", 14-7-2015", "ngày 14 tháng 7 năm 2015", "ngày\n12/12/2013".
DATE_AFTER_RE = re.compile(
    rf"""[\s,*_(]{{0,24}}(?:ban\s+hành\s+|được\s+ban\s+hành\s+)?(?:(?:ngày|Ngày|NGÀY)[\s*_]{{0,4}})?
    (?:{_DAY}\s{{0,2}}[/.\-]\s{{0,2}}{_MONTH}\s{{0,2}}[/.\-]\s{{0,3}}{_YEAR}
     |(?P<d2>\d{{1,2}})\s{{1,3}}(?:tháng|THÁNG)\s{{1,3}}(?P<m2>\d{{1,2}}),?\s{{1,3}}(?:năm|NĂM|nám)\s{{1,3}}(?P<y2>(?:19|20)\d{{2}}))
    (?!\d{{2}})                          # one glued digit after the year is a footnote mark""",
    re.VERBOSE,
)
# Issuer after the reference: "của Ban Bí thư", "của Bộ Chính trị (khóa XI)", "giữa X và Y".
_ISSUER_STOP = (
    r"về|thực\s+hiện|triển\s+khai|ban\s+hành|quy\s+định|hướng\s+dẫn|tại|ngày|nhằm|đã|được|đối\s+với|gắn\s+với|"
    r"theo|trong|có\s+hiệu\s+lực|để|sửa\s+đổi|thay\s+thế|bãi\s+bỏ|và\s+(?:các\s+)?(?:" + _TYPE_ALT + r")|"
    r"tiếp\s+tục|nhiệm\s+kỳ|cụ\s+thể\s+hóa|phê\s+duyệt|V/v|do|Ban\s+hành|VỀ|tạm\s+ngưng|chưa|điều\s+chỉnh|vừa|đang|sẽ|thì|là|"
    r"giao|yêu\s+cầu|chỉ\s+đạo|quyết\s+định|cho\s+phép|khoảng|đề\s+nghị|và\s+chịu|với\s+tổng|Các|Sửa\s+đổi|Phê\s+duyệt|Về\s+việc|Quy\s+định|Hướng\s+dẫn|Triển\s+khai"
)
ISSUER_AFTER_RE = re.compile(
    rf"""[\s,*_]{{0,4}}(?P<prep>của|CỦA|do|DO|giữa|GIỮA)[\s*_]{{1,3}}
    (?P<iss>[^\n;:.,()“”"*?!\[\]]{{2,160}}?(?:\n[ \t]*\n?[ \t]*[^\n;:.,()“”"*?!\[\]\-+•#\d][^\n;:.,()“”"*?!\[\]]{{0,120}}?)??)
    (?P<term>\s*\(?\s*(?:khóa|khoá|Khóa|Khoá)\s+[IVXLC]+(?:\s*,\s*[IVXLC]+)?\s*\)?)?
    (?=\s*(?:[;:.,()“”"*?!\[\]]|\n\s*\n\s*[\-+•#\d]|\n\s*[{UPPER}]{{2,}}[\s,]|\b(?:{_ISSUER_STOP})\b|$))
    """,
    re.VERBOSE,
)
# Subject (trích yếu) after a reference: "về nâng cao hiệu quả công tác dân vận ...".
SUBJECT_AFTER_RE = re.compile(
    r"""[\s,*_]{0,4}(?P<subj>(?:về\s+việc|về|V/v|v/v)[\s*_]{1,3}[^;]{3,400}?)
    (?=\s*(?:;|\.(?:\s|\*|$)|\n[ \t]*\n[ \t]*[\-+•#]|\n[ \t]*[\-+•]|”|$))""",
    re.VERBOSE,
)

# The date line of the document itself: "Khánh Hòa, ngày 06 tháng 7 năm 2021"; blanks allowed.
PLACE_DATE_RE = re.compile(
    r"(?m)(?:^|\|)[\s*_|#>]*(?P<place>[A-ZĐÂĂÊÔƠƯÁÀẢÃẠẤẦẨẪẬẮẰẲẴẶÉÈẺẼẸẾỀỂỄỆÍÌỈĨỊÓÒỎÕỌỐỒỔỖỘỚỜỞỠỢÚÙỦŨỤỨỪỬỮỰÝỲỶỸỴ]"
    r"[^\n,|*:;0-9]{1,40}?)[ \t*_]*,[ \t]*(?:\n[ \t*_|]*)?(?:ngày|Ngày)[ \t\xa0.…_*]*(?:\n[ \t*_]*)?(?P<d>\d{1,2})?"
    r"[ \t\xa0.…_*]*(?:\n[ \t*_]*)?tháng[ \t\xa0.…_*]*(?P<m>\d{1,2})?[ \t\xa0.…_*]*(?:\n[ \t*_]*)?năm[ \t\xa0*]*"
    r"(?P<y>(?:19|20)\d{2})"
)
# Laws and National Assembly resolutions carry no date line: "... đã được Quốc hội ... thông qua ngày 19 tháng 6 năm 2015".
PASSED_ON_RE = re.compile(
    r"thông\s+qua\s+ngày\s+(?P<d>\d{1,2})\s+tháng\s+(?P<m>\d{1,2})\s+năm\s+(?P<y>(?:19|20)\d{2})")
# Own number line: "Số: 139-KH/ĐBSLĐTBXH", "Số 40 KH/...", "**Số hiệu:** | 5348/CT-CS", draft "Số: /KH-UBND".
OWN_NUMBER_RE = re.compile(
    r"(?m)(?:^|[-_=]{3,}[ \t]*|\|[ \t]*)[\s*_|#>]*(?:Số|SỐ)[ \t\xa0]*(?:hiệu)?[ \t\xa0]*[:.]?[ \t\xa0*_]*"
    r"(?:\|[ \t]*\n?[ \t*_|]*)?"
    r"(?P<rest>[^\n]{0,60})"
)
DRAFT_NUMBER_RE = re.compile(r"^[ \t\xa0._…]*(?P<sym>[-/][ \t]*[A-ZĐ][A-Za-zĐđ]{0,6}[-/][A-ZĐ][A-Za-zĐđ\-]{0,30})")

# A section heading that ends the opening: "I. MỤC ĐÍCH", "I- TÌNH HÌNH", "#### I.", "Điều 1.", "QUYẾT ĐỊNH:".
OPENING_END_RE = re.compile(
    r"(?m)^[ \t#*_>]*(?:(?:I|1)[ \t]*[.\-–)][ \t]*(?:\*\*)?[ \t]*[A-ZĐÂĂÊÔƠƯa-zđ*]|Điều[ \t]+1[ .:]|"
    r"(?:QUYẾT ĐỊNH|QUYẾT NGHỊ|CHỈ THỊ|NGHỊ QUYẾT)[ \t*]*:)"
)

# Personal name line in a signature block.
NAME_LINE_RE = re.compile(
    r"^[\s*_]*(?P<name>(?:[A-ZĐÂĂÊÔƠƯÁÀẢÃẠẤẦẨẪẬẮẰẲẴẶÉÈẺẼẸẾỀỂỄỆÍÌỈĨỊÓÒỎÕỌỐỒỔỖỘỚỜỞỠỢÚÙỦŨỤỨỪỬỮỰÝỲỶỸỴ]"
    r"[a-zàáảãạăằắẳẵặâầấẩẫậđèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵ]{0,7}[ \t]){1,4}"
    r"[A-ZĐÂĂÊÔƠƯÁÀẢÃẠẤẦẨẪẬẮẰẲẴẶÉÈẺẼẸẾỀỂỄỆÍÌỈĨỊÓÒỎÕỌỐỒỔỖỘỚỜỞỠỢÚÙỦŨỤỨỪỬỮỰÝỲỶỸỴ]"
    r"[a-zàáảãạăằắẳẵặâầấẩẫậđèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵ]{0,7})[\s*_]*$"
)
SIGNATURE_CUE_RE = re.compile(
    r"(?m)^[\s*_]*(?:TM\.|T/M\.?|T\.M\.|KT\.|K/T\.?|TL\.|TUQ\.|Q\.|CHỦ TỊCH|BÍ THƯ|GIÁM ĐỐC|TRƯỞNG BAN|PHÓ|THỦ TƯỚNG|BỘ TRƯỞNG|CHÁNH|TỔNG|CỤC TRƯỞNG|THỐNG ĐỐC)"
)

# Site chrome of web captures: everything from a line opening with one of these markers to the end
# is not the document (related-document lists, the thuvienphapluat data-protection notice ...).
CHROME_MARKERS = (
    "Văn bản liên quan", "Tin pháp luật liên quan", "Tin liên quan", "Bài viết liên quan", "Văn bản cùng lĩnh vực",
    "Nghị định 13/2023/NĐ-CP về Bảo vệ dữ liệu cá nhân", "Bạn đã không sử dụng Site", "Cảm ơn đã dùng ThuVienPhapLuat",
    "Đúng 14 tháng trước",
)
CHROME_START_RE = re.compile(r"[ \t#*]*(?:" + "|".join(re.escape(m) for m in CHROME_MARKERS) + ")")


class NamedPattern(NamedTuple):
    """A named reference's pattern, with texts it must find whole (checked by the tests)."""

    type: str
    regex: re.Pattern[str]
    examples: tuple[str, ...]


# Named references without a number, more specific before less specific (the first to claim words
# keeps them).
NAMED_REFERENCE_PATTERNS: tuple[NamedPattern, ...] = (
    NamedPattern(
        type="Hiến pháp",
        regex=re.compile(r"Hiến pháp(?:[ \xa0]+(?:năm[ \xa0]+)?(?:19|20)\d{2}|[ \xa0]+nước[^\n;,.]{0,60})"),
        examples=("Hiến pháp năm 2013", "Hiến pháp 1992", "Hiến pháp nước Cộng hòa xã hội chủ nghĩa Việt Nam")),
    NamedPattern(
        type="Nghị quyết",
        regex=re.compile(r"Nghị quyết (?:Đại hội|đại hội)[^\n;,.(]{0,80}?lần thứ [IVXLC]+(?:[ \xa0]+của Đảng)?"),
        examples=("Nghị quyết Đại hội đại biểu toàn quốc lần thứ XIII của Đảng",
                  "Nghị quyết Đại hội Đảng bộ tỉnh lần thứ XVII")),
    NamedPattern(
        type="Nghị quyết",
        regex=re.compile(r"Nghị quyết (?:Hội nghị )?Trung ương \d{1,2}(?:[ \xa0]*\((?:khóa|khoá) [IVXLC, ]+\))?"),
        examples=("Nghị quyết Trung ương 4 (khóa XII)", "Nghị quyết Hội nghị Trung ương 8")),
    NamedPattern(
        type="Bộ luật",
        regex=re.compile(r"Bộ luật[ \xa0]+[A-ZĐ][^\n;,.()]{1,60}?(?=[\n;,.()]| số| và| ngày| đã| được| quy định|$)"),
        examples=("Bộ luật Lao động", "Bộ luật Hình sự")),
    NamedPattern(
        type="Luật",
        regex=re.compile(r"Luật(?<!Bộ Luật)[ \xa0]+(?!số)[A-ZĐa-zđ][^\n;,.()“”]{1,70}?(?=[\n;,.()“”]| số\b| và\b| ngày\b|"
                         r" đã\b| được\b| quy định\b| hiện hành| có hiệu lực|$)"),
        examples=("Luật Tổ chức chính quyền địa phương", "Luật Tiếp công dân")),
    NamedPattern(
        type="Pháp lệnh",
        regex=re.compile(r"Pháp lệnh[ \xa0]+(?!số)[^\n;,.()]{2,70}?(?=[\n;,.()]| số\b| và\b| ngày\b| đã\b|$)"),
        examples=("Pháp lệnh Ưu đãi người có công với cách mạng",)),
    NamedPattern(
        type="Chương trình",
        regex=re.compile(r"Chương trình tổng thể[^\n;,.()]{2,120}?(?:\d{4}\s*[-–]\s*\d{4})"),
        examples=("Chương trình tổng thể về thực hành tiết kiệm chống lãng phí giai đoạn 2021 - 2025",)),
)
