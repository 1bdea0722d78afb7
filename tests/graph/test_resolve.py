"""resolve._mode and document_record: the canonical value of a field, whatever the row order."""
from collections import Counter

import pytest

from graph.resolve import _mode, document_record


def _counter_mode(values):
    """The reference definition _mode must keep (it used to be exactly this)."""
    c = Counter(v for v in values if v not in (None, ""))
    if not c:
        return None
    best = max(c.values())
    return min(v for v, n in c.items() if n == best)


@pytest.mark.parametrize("values, expected", [
    ([], None),
    ([None, "", None], None),                      # empty values never win
    (["7"], "7"),                                  # single value
    ([None, "7", "", "7"], "7"),                   # one distinct value, repeated, among empties
    ([2024], 2024),
    (["b", "a"], "a"),                             # tie: the smallest
    (["b", "a", "b", "a", None, ""], "a"),
    (["b", "a", "b"], "b"),                        # the most common beats the smallest
    ([2019, 2020, 2020, 2019, 2018], 2019),
    ((v for v in ["x", "", "x", "y"]), "x"),       # any iterable, read once
])
def test_mode(values, expected):
    assert _mode(values) == expected


def test_mode_matches_counter_definition_in_any_order():
    import itertools
    import random

    rng = random.Random(7)
    pool = [None, "", "a", "b", "c", "a"]
    for n in range(0, 7):
        for _ in range(40):
            vals = [rng.choice(pool) for _ in range(n)]
            for perm in itertools.islice(itertools.permutations(vals), 5):
                assert _mode(perm) == _counter_mode(vals)


def test_document_record_own_file_wins_else_mode_of_citations():
    own = [{"key": "k", "path": "/b.txt", "symbol": "5-KH/TU", "symbol_text": "5-KH/TU", "date": None,
            "year": None, "type": "Kế hoạch", "type_code": "KH", "number": "5", "issuer": None,
            "issuer_code": "TU", "title": "Kế hoạch", "province": None}]
    cited = [{"key": "k", "symbol": "5-KH/TU", "original": "5 KH/TU", "date": "2020-01-02", "year": 2020,
              "issuer": "Tỉnh ủy", "family": "plan", "subject": "về công tác b", "file": 1,
              "context": "Thực hiện Kế hoạch số 5-KH/TU của Tỉnh ủy về công tác b;"},
             {"key": "k", "symbol": "5-KH/TU", "original": None, "date": "2020-01-03", "year": 2020,
              "issuer": "Tỉnh ủy", "family": "plan", "subject": "về công tác a", "file": 2,
              "context": "Thực hiện Kế hoạch số 5-KH/TU của Tỉnh ủy về công tác a;"}]
    rec = document_record("5|KH-TU", own, cited)
    assert rec["type"] == "Kế hoạch" and rec["number"] == "5"          # from the own file
    assert rec["date"] == "2020-01-02" and rec["year"] == 2020         # tie on date: the smallest
    assert rec["issuer"] == "Tỉnh ủy" and rec["family"] == "plan"
    assert rec["title"] == "Kế hoạch" and rec["files"] == ["/b.txt"]
    assert rec["variants"] == ["5 KH/TU", "5-KH/TU"]
    assert rec["dates_seen"] == ["2020-01-02", "2020-01-03"] and rec["mentions"] == 2
    cited_only = document_record("5|KH-TU", [], cited)
    assert cited_only["title"] == "về công tác a" and cited_only["has_file"] is False and cited_only["type"] is None


def test_from_rows_on_dict_rows_builds_the_same_graph_as_from_store(seed_store):
    """from_store reads tuples of the needed columns; the dict seam must give the very same graph."""
    from graph.build import from_rows, from_store
    from graph.store import Store

    st = Store(seed_store, readonly=True)
    try:
        docs = st.rows("SELECT d.*, f.path AS path, f.province AS file_province FROM docs d"
                       " JOIN files f ON f.id = d.file_id ORDER BY f.path")
        cites = st.rows("SELECT c.*, f.path AS path, d.key AS source_key FROM citations c"
                        " JOIN files f ON f.id = c.file_id JOIN docs d ON d.file_id = c.file_id"
                        " ORDER BY f.path, c.ord")
        stated = st.rows("SELECT s.*, f.path AS path FROM stated s JOIN files f ON f.id = s.file_id"
                         " ORDER BY f.path, s.ord")
        named = st.rows("SELECT n.*, f.path AS path FROM named n JOIN files f ON f.id = n.file_id"
                        " ORDER BY f.path, n.ord")
        meta = {"store": st.path, **st.counts()}
    finally:
        st.close()
    G, H = from_rows(docs, cites, stated, meta=meta, named=named), from_store(seed_store)
    assert cites and list(G.nodes(data=True)) == list(H.nodes(data=True))
    assert list(G.edges(keys=True, data=True)) == list(H.edges(keys=True, data=True))
    assert G.graph == H.graph


def test_from_store_restores_the_garbage_collector_state(seed_store):
    import gc

    from graph.build import from_store

    assert gc.isenabled()
    from_store(seed_store)
    assert gc.isenabled()
    gc.disable()
    try:
        from_store(seed_store)
        assert not gc.isenabled()
    finally:
        gc.enable()
