"""The spaCy component exposes exactly the engine's citations, with their attributes."""
import spacy

from extract import extract_text

TEXT = (
    "Thực hiện Kết luận số 114-KL/TW, ngày 14/7/2015 của Ban Bí thư; Chỉ thị số 33/CT-TTg ngày 26/11/2021 "
    "của Thủ tướng Chính phủ và Nghị quyết số 55/2022/QH 15. Luật Tiếp công dân được thực hiện nghiêm."
)


def _vi():
    # pyvi is not installed on purpose: whitespace tokens are enough, offsets come from the engine
    return spacy.blank("vi", config={"nlp": {"tokenizer": {"use_pyvi": False}}})


def test_component_found_by_name_without_import():
    nlp = _vi()
    nlp.add_pipe("vn_citations")  # resolved through the spacy_factories entry point
    assert nlp.pipe_names == ["vn_citations"]


def test_spans_carry_the_engine_citations():
    nlp = _vi()
    nlp.add_pipe("vn_citations")
    doc = nlp(TEXT)
    expected = extract_text(TEXT).citations
    cites = [s._.citation for s in doc.spans["citations"]]
    assert cites == list(expected)
    assert [c.symbol for c in cites] == ["114-KL/TW", "33/CT-TTg", "55/2022/QH15"]
    assert [s.label_ for s in doc.spans["citations"]] == ["KL", "CT", "SYMBOL"]
    for span, cite in zip(doc.spans["citations"], cites):
        # expanded to token boundaries, so the span covers the exact citation text
        assert span.start_char <= cite.start and span.end_char >= cite.end
        assert TEXT[cite.start:cite.end] == cite.text
    assert [s.text for s in doc.spans["named_references"]] == ["Luật Tiếp công dân"]
    assert doc._.citegraph.citations[0].relation == "implements"


def test_custom_spans_key_and_multilingual_blank():
    nlp = spacy.blank("xx")
    nlp.add_pipe("vn_citations", config={"spans_key": "cg"})
    doc = nlp("Quyết định số 338-QD/TU của Ban Thường vụ Tỉnh ủy")
    (span,) = doc.spans["cg"]
    assert span._.citation.symbol == "338-QĐ/TU"
    assert span._.citation.repairs == ("diacritics",)


def test_pipe_and_serialisation_round_trip():
    nlp = _vi()
    nlp.add_pipe("vn_citations", config={"province": "Phú Yên"})
    docs = list(nlp.pipe(["Kế hoạch số 116-KH/TU ngày 28/8/2015", "Không có trích dẫn nào."], batch_size=1))
    assert docs[0].spans["citations"][0]._.citation.key == "116|KH-TU@phu-yen"
    assert list(docs[1].spans["citations"]) == []
    cfg = nlp.config
    rebuilt = spacy.util.load_model_from_config(cfg, auto_fill=True)
    assert rebuilt.get_pipe_config("vn_citations")["province"] == "Phú Yên"
    doc = rebuilt("Kế hoạch số 116-KH/TU")  # keep the Doc alive while its spans are read
    assert doc.spans["citations"][0]._.citation.key == "116|KH-TU@phu-yen"
