"""Property tests: the readers raise ReadError or return clean text, never anything else.

Example counts are kept moderate so the suite stays fast; ``fuzz/fuzz_readers.py``
runs the same properties over 100k+ inputs (results in docs/reading.md).
"""

from __future__ import annotations

import tempfile
import unicodedata
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from extract.read import SUPPORTED_SUFFIXES, ReadError, ReadResult, read_bytes, read_file
from tests.extract.test_read import HEADER, make_docx, make_pdf

FAST = settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow], database=None)

_TMP = Path(tempfile.mkdtemp(prefix="citegraph-fuzz-"))


def check(result_or_error) -> None:
    """What any outcome must look like."""
    if isinstance(result_or_error, ReadError):
        err = result_or_error
        assert err.reason and "\n" not in err.reason and "Traceback" not in err.reason
        return
    res = result_or_error
    assert isinstance(res, ReadResult)
    assert res.text.strip() and unicodedata.is_normalized("NFC", res.text)
    assert "\r" not in res.text and "\x00" not in res.text


def outcome(data: bytes, suffix: str, via_file: bool = False):
    try:
        if via_file:
            path = _TMP / f"f{suffix}"
            path.write_bytes(data)
            return read_file(path)
        return read_bytes(data, f"f{suffix}")
    except ReadError as err:
        return err


@pytest.mark.parametrize("suffix", [*SUPPORTED_SUFFIXES, ".xyz"])
@FAST
@given(data=st.binary(max_size=2048))
def test_arbitrary_bytes(suffix, data):
    check(outcome(data, suffix))


@FAST
@given(data=st.binary(max_size=512), suffix=st.sampled_from(SUPPORTED_SUFFIXES))
def test_arbitrary_bytes_through_the_file_system(data, suffix):
    check(outcome(data, suffix, via_file=True))


SAMPLES = {
    ".docx": make_docx(HEADER, ["Căn cứ Kết luận số 114-KL/TW ngày 14/7/2015;"] * 3),
    ".pdf": make_pdf([["Số: 18-NQ/TW", "Căn cứ Luật số 63/2025/QH15"], ["Trang hai"]]),
    ".html": "<html><body><main><p>Số: <b>18-NQ/TW</b></p></main></body></html>".encode(),
    ".txt": "Cộng hoà xã hội chủ nghĩa Việt Nam\nSố: 18-NQ/TW".encode("utf-16"),
}


@pytest.mark.parametrize("suffix", list(SAMPLES))
@settings(max_examples=60, deadline=None, database=None)
@given(data=st.data())
def test_damaged_valid_files(suffix, data):
    """Truncate, flip and splice bytes of a valid file: the deep parser paths."""
    raw = bytearray(SAMPLES[suffix])
    for _ in range(data.draw(st.integers(1, 4))):
        op = data.draw(st.sampled_from(["cut", "flip", "insert", "delete"]))
        at = data.draw(st.integers(0, max(len(raw) - 1, 0)))
        if op == "cut":
            del raw[at:]
        elif op == "flip" and raw:
            raw[at] ^= data.draw(st.integers(1, 255))
        elif op == "insert":
            raw[at:at] = data.draw(st.binary(min_size=1, max_size=16))
        elif op == "delete":
            del raw[at : at + data.draw(st.integers(1, 64))]
    check(outcome(bytes(raw), suffix))


VIETNAMESE = "aăâbcdđeêghiklmnoôơpqrstuưvxyàáảãạằắẳẵặầấẩẫậèéẻẽẹềếểễệìíỉĩịòóỏõọồốổỗộờớởỡợùúủũụừứửữựỳýỷỹỵ"
ALPHABET = VIETNAMESE + VIETNAMESE.upper() + "0123456789 .,;:-/()\n“”–"


@settings(max_examples=150, deadline=None, database=None)
@given(text=st.text(alphabet=ALPHABET, min_size=1, max_size=400), encoding=st.sampled_from(["utf-8", "utf-8-sig", "utf-16"]))
def test_correct_unicode_is_never_altered(text, encoding):
    """Vietnamese in a Unicode encoding comes back exactly (NFC), whatever the letter mix."""
    if not any(c in "ăđơưĩũĂĐƠƯĨŨ" or "\u1ea0" <= c <= "\u1ef9" for c in text) or not text.strip():
        return  # without a Vietnamese-only letter the text is not "looking Vietnamese"
    res = read_bytes(text.encode(encoding), "a.txt")
    assert res.text == unicodedata.normalize("NFC", text)
    assert res.encoding == encoding


@settings(max_examples=80, deadline=None, database=None)
@given(text=st.text(min_size=1, max_size=300))
def test_any_unicode_text(text):
    """Arbitrary Unicode (controls, surrogates excluded by UTF-8) in UTF-8 and UTF-16."""
    for enc, suffix in (("utf-8", ".md"), ("utf-16", ".txt")):
        try:
            data = text.encode(enc)
        except UnicodeEncodeError:
            return
        check(outcome(data, suffix))


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=300), st.integers(min_value=0, max_value=3), st.booleans())
def test_bad_char_count_fast_path_equals_full_scan(sample, pad_kb, pad_first):
    """The one-scan count of bad characters equals the two full scans it replaces, below and
    above the 64K sample and past the many-unusual-characters fallback."""
    from extract.read import _bad_chars, _bad_chars_scan

    pad = "a" * (pad_kb * 40_000)
    text = pad + sample if pad_first else sample + pad
    assert _bad_chars(text) == _bad_chars_scan(text)
    many = "\ue000\u0378" * 3000 + text
    assert _bad_chars(many) == _bad_chars_scan(many)
