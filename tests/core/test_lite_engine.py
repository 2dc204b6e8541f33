"""A one-query search (``lean``: lists instead of numpy) answers exactly as the numpy engine:
the same hits in the same order, scores, totals, facets, snippets, for every kind of
query, both sorts, filters, and an index with deleted documents in its segments."""

from __future__ import annotations

import pytest

from scoda_desktop.core.index.facets import DocTable
from scoda_desktop.core.index.lite import LiteEngine, LiteTable
from scoda_desktop.core.pipeline.store import TABLE, IndexStore
from tests.core.corpus_fixtures import build_corpus, drain

QUERIES = [
    "freight", "freight trains", "Qingdao port", "the", "Valjevo", "harbour",
    '"industrial cooperation"', '"freight train routes"', '"SCO demonstration area"',
    "invest*", "logist*", "qing?ao", "logistcs~", "cooperaton~1", "Kazakstan~2",
    "title:qingdao", 'source:"china daily"', "trade year:2024", "language:en",
    "date:[2023-01-01 TO 2024-06-30]", "entity:kazakhstan", "cooperation NOT Russia",
    "SCO -Kazakhstan -Pakistan", "freight -railway", "Kazakhstan OR Tajikistan",
    "(rail OR road) AND freight", "青岛", "上合示范区", "", "zzzqqq", "freight AND",
]


@pytest.fixture(scope="module")
def index_dir(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("lite")
    corpus = build_corpus(tmp)
    # a changed and a removed file: their old documents stay in the segment, deleted
    runner = tmp / "extra" / "runner.txt"
    runner.write_text(runner.read_text(encoding="utf-8") + "\nFreight trains ran too.\n",
                      encoding="utf-8")
    next(p for p in sorted((tmp / "seeds").iterdir()) if p.is_file()).unlink()
    drain(corpus.sync())
    corpus.close()
    return tmp / "data" / "index"


def _answers(store: IndexStore, query: str, **kw):
    out = store.search(query, **kw).to_json()
    out.pop("took_ms")
    return out


@pytest.mark.parametrize("sort", ["relevance", "date"])
@pytest.mark.parametrize("limit", [20, None])
def test_lean_search_answers_as_the_numpy_engine(index_dir, sort, limit):
    lean, full = IndexStore(index_dir, lean=True), IndexStore(index_dir)
    try:
        for query in QUERIES:
            assert _answers(lean, query, sort=sort, limit=limit) == \
                _answers(full, query, sort=sort, limit=limit), query
        assert isinstance(lean.finder().engine(), LiteEngine)  # else this proves nothing
        assert isinstance(lean.finder().table(), LiteTable)
        assert not all(lean.finder().table().live), "the index should hold deleted documents"
    finally:
        lean.close()
        full.close()


def test_lean_search_with_filters(index_dir):
    lean, full = IndexStore(index_dir, lean=True), IndexStore(index_dir)
    try:
        full_facets = full.search("").facets
        source = next(iter(full_facets["source"]))
        year = next(iter(full_facets["year"]))
        for filters in ({"source": source}, {"year": year}, {"year": year, "source": source}):
            for query in ("", "freight", "cooperation NOT Russia"):
                assert _answers(lean, query, filters=filters) == \
                    _answers(full, query, filters=filters), (query, filters)
    finally:
        lean.close()
        full.close()


def test_a_damaged_table_file_gives_the_same_answers(index_dir, tmp_path):
    """The table is a cache: a truncated one is built again (before, the numpy path let
    zipfile's BadZipFile through: every search of that index failed)."""
    import shutil

    copy = tmp_path / "index"
    shutil.copytree(index_dir, copy)
    (copy / TABLE).write_bytes((copy / TABLE).read_bytes()[:500])  # truncated
    lean, damaged = IndexStore(copy, lean=True), IndexStore(copy)
    full = IndexStore(index_dir)
    try:
        for query in ("freight", "", '"industrial cooperation"'):
            assert _answers(lean, query) == _answers(full, query), query
            assert _answers(damaged, query) == _answers(full, query), query
        assert isinstance(lean.finder().table(), DocTable)  # rebuilt by the numpy class
    finally:
        for store in (lean, damaged, full):
            store.close()


def test_lean_search_parses_no_catalog_and_answers_the_same(index_dir, monkeypatch):
    """The 20 hits' facts (paths, dates, copies) come from the table's copy of the catalog
    when the catalog file is the one it was copied from."""
    from scoda_desktop.core.pipeline import catalog as catalog_module

    full = IndexStore(index_dir)
    want = {q: _answers(full, q) for q in ("freight", "", "harbour", '"industrial cooperation"')}
    full.close()
    parsed = []
    real = catalog_module.load_catalog
    monkeypatch.setattr(catalog_module, "load_catalog",
                        lambda *a, **kw: parsed.append(a) or real(*a, **kw))
    lean = IndexStore(index_dir, lean=True)
    try:
        assert lean.usable()
        assert {q: _answers(lean, q) for q in want} == want
        assert lean.enrichment_pending() == 0
    finally:
        lean.close()
    assert parsed == []


def test_lean_search_checks_the_catalog_it_does_not_parse(index_dir, tmp_path):
    """A catalog that is not the one the table copied (damaged, or saved by an older
    version that kept no copy) is parsed as before: damage is found, an edit is read."""
    import json
    import shutil

    garbage, edited = tmp_path / "garbage", tmp_path / "edited"
    for folder in (garbage, edited):
        shutil.copytree(index_dir, folder)
    cat = garbage / "catalog.json"
    cat.write_bytes(b"{" + bytes(len(cat.read_bytes()) - 1))  # same size, not JSON
    assert not IndexStore(garbage, lean=True).usable()
    data = json.loads((edited / "catalog.json").read_text(encoding="utf-8"))
    doc_id = next(iter(data["docs"]))
    data["docs"][doc_id]["paths"] = ["/elsewhere/moved.txt"]
    (edited / "catalog.json").write_text(json.dumps(data), encoding="utf-8")
    lean, full = IndexStore(edited, lean=True), IndexStore(edited)
    try:
        assert lean.usable() and full.usable()
        for query in ("", "freight"):
            assert _answers(lean, query, limit=None) == _answers(full, query, limit=None)
        assert "/elsewhere/moved.txt" in {h["path"] for h in _answers(lean, "", limit=None)["hits"]}
    finally:
        lean.close()
        full.close()


def test_a_sync_that_only_moves_files_refreshes_the_tables_copy(tmp_path, monkeypatch):
    """A moved file changes the catalog without a Whoosh commit: the table's copy follows,
    so a one-query process shows the new path without parsing the catalog."""
    from scoda_desktop.core.corpus import Corpus
    from scoda_desktop.core.pipeline import catalog as catalog_module

    corpus = build_corpus(tmp_path)
    runner = tmp_path / "extra" / "runner.txt"
    moved = tmp_path / "extra" / "runner-moved.txt"
    runner.rename(moved)
    drain(corpus.sync())
    corpus.close()
    monkeypatch.setattr(catalog_module, "load_catalog", None)  # any parse would fail
    lean = Corpus(tmp_path / "data", seeds_dir=tmp_path / "seeds", lean=True)
    try:
        paths = {h.path for h in lean.search("runners harbour").hits}
    finally:
        lean.close()
    assert str(moved.resolve()) in paths and str(runner.resolve()) not in paths


def test_a_table_saved_before_the_facts_and_starts_gives_the_same_answers(index_dir, tmp_path):
    """An index from the previous version: its table has no catalog facts and no entity
    starts; a lean search parses the catalog and finds each hit's entities by bisection."""
    import shutil

    import numpy as np

    copy = tmp_path / "index"
    shutil.copytree(index_dir, copy)
    with np.load(copy / TABLE) as data:
        old = {k: data[k] for k in data.files
               if not k.startswith(("fact_", "ent_starts", "ent_dense", "ent_bits", "sp_"))}
    assert len(old) < len(np.load(copy / TABLE).files)
    np.savez(copy / TABLE, **old)
    lean, full = IndexStore(copy, lean=True), IndexStore(index_dir)
    try:
        for query in ("freight", "", "cooperation NOT Russia", "harbour"):
            assert _answers(lean, query) == _answers(full, query), query
        table = lean.finder().table()
        assert isinstance(table, LiteTable) and table.facts is None and table.ent_starts is None
        assert table.masks is None
    finally:
        lean.close()
        full.close()


def test_the_tables_copy_of_the_facts_is_the_catalogs(index_dir):
    """Every document's facts as the catalog has them, looked up one by one or iterated."""
    lean, full = IndexStore(index_dir, lean=True), IndexStore(index_dir)
    try:
        assert lean.usable()
        copy, docs = lean._lean_catalog.docs, full.documents()
        assert len(copy) == len(docs) and set(copy) == set(docs)
        assert all(copy[d] == docs[d] for d in docs) and "missing" not in copy
        assert lean._lean_catalog.groups == full.duplicate_groups()
    finally:
        lean.close()
        full.close()


def test_phrase_starts_from_position_lists_that_do_not_line_up():
    """The fallback of the lite phrase check (lists not document by document): a phrase
    is found where word i sits at start + i in the same document, nowhere else."""
    first = [(1, [0, 5]), (2, [3]), (4, [7])]
    second = [(1, [1]), (2, [9]), (3, [1])]  # doc 3 lacks the first word, doc 4 the second
    assert LiteEngine._phrase_pairs([first, second]) == [1]
    assert LiteEngine._phrase_pairs([first, [(2, [4]), (1, [6])]]) == [1, 2]


def test_entity_masks_count_as_the_numpy_table(tmp_path):
    """Common entities counted as bit masks, the others code by code, an entity twice in
    one document by occurrence: the lean table's facets are the numpy table's for any hit
    set (and a table with no masks at all, every entity rare, counts the same)."""
    import random

    import numpy as np

    from scoda_desktop.core.index import facets

    rng = random.Random(5)
    ids = [f"d{i}" if i % 7 else None for i in range(203)]  # some numbers with no document
    kinds = ["PERSON", "ORG", "PLACE", "FACILITY", "EVENT", "GROUP", "OTHER"]
    names = [(kinds[i % len(kinds)], f"name {i}") for i in range(180)]  # > 20 a field
    docs, entities = {}, {}
    for i, doc_id in enumerate(ids):
        if doc_id is None or i % 11 == 0:
            continue  # 11: a document the catalog no longer has (deleted)
        docs[doc_id] = {"words": i, "date": f"202{i % 4}-0{1 + i % 9}-01", "source": f"s{i % 5}"}
        # a few entities in most documents, many in few; "name 0" twice in some
        keys = [names[j] for j in range(180) if rng.random() < (0.6 if j < 8 else 0.03)]
        if i % 13 == 0:
            keys.append(names[0])
        entities[doc_id] = (keys, ())
    table = DocTable(ids, docs, entities)
    for share, name in ((16, "t16"), (1, "rare")):
        path = tmp_path / f"{name}.npz"
        real = facets.DENSE_SHARE
        facets.DENSE_SHARE = share
        try:
            masks = table._masks(share)
            table.save(path, 3)
        finally:
            facets.DENSE_SHARE = real
        lite = LiteTable.load(path, 3)
        assert lite is not None and lite.masks is not None
        assert (len(lite.masks.dense) > 0) == (share == 16) and len(masks["sp_code"])
        live = [d for d in range(len(ids)) if table.live[d]]
        for hits in (live, live[::3], live[5:9], [], [live[-1]]):
            assert lite.facets(hits) == table.facets(np.array(hits, dtype=np.int64)), hits


def test_position_values_decoded_together_as_one_by_one():
    """Many documents' position values decoded in one unpickling (lists, or counts and
    one flat run) give what decoding each value alone gives, with or without its STOP."""
    from itertools import chain

    from whoosh.formats import Positions

    from scoda_desktop.core.index import positions
    from scoda_desktop.core.index import whoosh_private as wp

    lists = [[], [3], [1, 5, 9], list(range(0, 3000, 7)), [70000, 70001, 2**31 - 5]]
    values = [Positions().encode(p) for p in lists]
    values[2] = values[2].removesuffix(b".")  # a value stored without its STOP
    one_by_one = [wp.position_gaps(v) for v in values]
    assert one_by_one[3][:3] == [0, 7, 7]
    assert positions._gap_lists(values) == one_by_one
    counts, flat = positions._flat_gaps(values)
    assert list(counts) == [len(p) for p in lists]
    assert flat == list(chain.from_iterable(one_by_one))
    assert positions._flat_gaps([b"\x00\x00\x00\x01" + b"not a pickle"]) is None
