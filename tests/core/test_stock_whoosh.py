"""Our writer and evaluator held against stock Whoosh (they use its internals: whoosh_private).

Writer: the same prepared documents are indexed once by ``FastWriter`` and once by stock
``ix.writer()``; both indexes are opened with stock Whoosh and must agree on the document
count, the stored fields, the field lengths, the terms, each term's statistics and every
posting (doc number, weight, encoded positions). Evaluator: over that real corpus (seeds plus
generated articles), ``Engine.docs`` must give the hit set of stock ``searcher.search(...,
limit=None)`` for the same Whoosh query, and, where our query language and Whoosh's agree,
of ``searcher.search(MultifieldParser(...).parse(q))`` configured with our fields and our
analysis. A deliberately broken posting write must be caught.
"""

from __future__ import annotations

import subprocess
import sys

import numpy as np
import pytest
from whoosh import index
from whoosh.analysis import Token, Tokenizer
from whoosh.qparser import MultifieldParser
from whoosh.writing import SegmentWriter

from scoda_desktop.core.documents import Skipped
from scoda_desktop.core.index import whoosh_private
from scoda_desktop.core.index.analysis import iter_tokens
from scoda_desktop.core.index.engine import Engine
from scoda_desktop.core.index.lite import LiteEngine
from scoda_desktop.core.index.query import parse_query
from scoda_desktop.core.index.schema import Preanalyzed, PreText, make_schema
from scoda_desktop.core.index.vocab import Vocab
from scoda_desktop.core.index.writer import FastWriter, unpack_stored
from scoda_desktop.core.pipeline.prepare import prepare_file
from tests.core.corpus_fixtures import ROOT, SEEDS, write_extra

GENERATED = 300  # > 128 documents per common term: several posting blocks per term

# Queries whose hit sets must equal stock Whoosh's for the query object our parser makes.
QUERIES = [
    "freight", "freight trains", "Qingdao port", "the", "Valjevo",  # words
    '"industrial cooperation"', '"freight train routes"', '"SCO demonstration area"',
    "invest*", "logist*", "qing?ao",  # prefix, wildcard
    "logistcs~", "cooperaton~1", "Kazakstan~2",  # fuzzy
    "title:qingdao", 'source:"china daily"', "trade year:2024", "language:en",
    "date:[2023-01-01 TO 2024-06-30]", "entity:kazakhstan",  # fields
    "cooperation NOT Russia", "SCO -Kazakhstan -Pakistan", "freight -railway",  # NOT
    "Kazakhstan OR Tajikistan", "(rail OR road) AND freight",  # OR
    "青岛", "上合示范区",  # CJK bigram phrases
]
# Queries that mean the same in Whoosh's own query language (with our fields and analysis).
PARSER_QUERIES = [
    "freight", "freight trains", "Qingdao port", "the", "Valjevo",
    '"industrial cooperation"', '"freight train routes"', "title:qingdao",
    'source:"china daily"', "cooperation NOT Russia", "Kazakhstan OR Tajikistan",
    "(rail OR road) AND freight", "SCO demonstration area",
]


@pytest.fixture(scope="module")
def prepared(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("stock")
    gen = tmp / "generated"
    subprocess.run([sys.executable, str(ROOT / "benchmarks" / "make_corpus.py"),
                    "--seeds", str(SEEDS), "--out", str(gen), "--n", str(GENERATED),
                    "--seed", "7", "--format", "mixed"], check=True, capture_output=True)
    paths = [*sorted(SEEDS.iterdir()), *sorted(write_extra(tmp / "extra").iterdir()),
             *sorted(gen.iterdir())]
    out = [prepare_file(str(p)) for p in paths]
    return tmp, [p for p in out if not isinstance(p, Skipped)]


def _ours(folder, docs, writer_cls=FastWriter, parts: int = 1):
    return _build(folder, docs, lambda ix: writer_cls(ix), lambda p, schema: p.fields, parts)


def _stock(folder, docs, parts: int = 1):
    """The same documents through stock Whoosh's writer and its own add_document. Keyword
    fields get their values as a list of strings (Whoosh's pre-tokenised input); text
    fields their pre-analysed postings, which the schema's field type hands to Whoosh."""
    def writer(ix):
        w = ix.writer()
        assert type(w) is SegmentWriter
        return w

    def fields(p, schema):
        return {name: [t.decode("utf-8") for t, *_ in value]
                if isinstance(value, Preanalyzed) and not isinstance(schema[name], PreText)
                else value for name, value in unpack_stored(p.fields).items()}

    return _build(folder, docs, writer, fields, parts)


def _build(folder, docs, make_writer, fields_of, parts):
    """One commit per part (no merging), then, for several, one that merges them all in
    order: what incremental syncs and Whoosh's merge policy do, made deterministic."""
    folder.mkdir()
    ix = index.create_in(str(folder), make_schema())
    size = -(-len(docs) // parts)
    for start in range(0, len(docs), size):
        w = make_writer(ix)
        for p in docs[start : start + size]:
            w.add_document(**fields_of(p, ix.schema))
        w.commit(merge=False)
    if parts > 1:
        make_writer(ix).commit(optimize=True)
    return index.open_dir(str(folder))


@pytest.fixture(scope="module")
def indexes(prepared):
    tmp, docs = prepared
    return _ours(tmp / "ours", docs), _stock(tmp / "stock", docs)


def differences(ours, stock, limit: int = 10) -> list[str]:
    """What differs between two indexes, read with stock Whoosh's public reader API."""
    out: list[str] = []
    with ours.reader() as a, stock.reader() as b:
        if (a.doc_count_all(), a.doc_count()) != (b.doc_count_all(), b.doc_count()):
            return [f"doc count {a.doc_count_all()} != {b.doc_count_all()}"]
        for d in range(b.doc_count_all()):
            if a.stored_fields(d) != b.stored_fields(d):
                out.append(f"stored fields of doc {d}")
        for name in b.schema.scorable_names():
            if (a.field_length(name), a.max_field_length(name)) != \
                    (b.field_length(name), b.max_field_length(name)):
                out.append(f"field length of {name}")
            for d in range(b.doc_count_all()):
                if a.doc_field_length(d, name) != b.doc_field_length(d, name):
                    out.append(f"length of {name} in doc {d}")
                    break
        terms_a, terms_b = list(a.all_terms()), list(b.all_terms())
        if terms_a != terms_b:
            out.append(f"terms: {len(terms_a)} != {len(terms_b)}, e.g. "
                       f"{sorted(set(terms_a) ^ set(terms_b))[:3]}")
        for field, term in terms_b:
            if len(out) >= limit:
                break
            ia, ib = a.term_info(field, term), b.term_info(field, term)
            stats = ("weight", "doc_frequency", "min_length", "max_length", "max_weight",
                     "min_id", "max_id")
            if [getattr(ia, s)() for s in stats] != [getattr(ib, s)() for s in stats]:
                out.append(f"statistics of {field}:{term!r}")
            if _postings(a, field, term) != _postings(b, field, term):
                out.append(f"postings of {field}:{term!r}")
    return out


def _postings(reader, field, term):
    m = reader.postings(field, term)
    out = []
    while m.is_active():
        out.append((m.id(), m.weight(), m.value()))
        m.next()
    return out


def test_our_segments_read_with_stock_whoosh_like_its_own(indexes, prepared):
    ours, stock = indexes
    _, docs = prepared
    assert ours.doc_count() == len(docs) > GENERATED
    with ours.reader() as r:  # the sample is big enough to span posting blocks
        assert r.doc_frequency("body", "the") > 128
        assert r.doc_frequency("entity", "kazakhstan") > 0
    assert differences(ours, stock) == []


def test_segments_merged_by_our_writer_read_like_stock_whoosh(prepared):
    """Incremental syncs add small segments that Whoosh merges through our writer
    (``add_reader``: postings read back from a segment, keyword values without bytes).
    Stock Whoosh merged the same way is the reference: a merge re-sums field lengths from
    their one-byte approximations, so totals differ from a single commit's, in both."""
    tmp, docs = prepared
    ours = _ours(tmp / "ours-merged", docs, parts=3)
    assert len(ours.reader().leaf_readers()) == 1
    assert differences(ours, _stock(tmp / "stock-merged", docs, parts=3)) == []


class _Opened:
    """An index stand-in whose ``reader()`` is a reader opened beforehand."""

    def __init__(self, reader):
        self._reader = reader

    def reader(self):
        return self._reader


def test_segments_read_as_views_of_their_map_like_whoosh_copies(indexes, monkeypatch):
    """``zero_copy_segments``: a segment's files are read through views of its mmap
    instead of Whoosh's whole-file copies; every stored field, length, term and posting
    reads back the same as through the copies."""
    from whoosh.filedb import compound
    from whoosh.filedb.structfile import BufferFile

    folder = indexes[0].storage.folder
    whoosh_private.zero_copy_segments()
    assert getattr(compound.BufferFile, "zero_copy", False)
    viewed = index.open_dir(folder).reader()
    monkeypatch.setattr(compound, "BufferFile", BufferFile)
    copied = index.open_dir(folder).reader()
    assert viewed.doc_count_all() > GENERATED
    assert differences(_Opened(viewed), _Opened(copied)) == []


def test_a_broken_posting_write_is_caught(prepared, indexes, monkeypatch):
    tmp, docs = prepared
    real = whoosh_private.PostingBlocks.append

    def drop_last(self, ids, weights, values, lens):  # loses one posting of long lists
        if len(ids) == self.limit:
            ids, weights, values = ids[:-1], weights[:-1], values[:-1]
            lens = None if lens is None else lens[:-1]
        return real(self, ids, weights, values, lens)

    monkeypatch.setattr(whoosh_private.PostingBlocks, "append", drop_last)
    broken = _ours(tmp / "broken", docs)
    monkeypatch.undo()
    found = differences(broken, indexes[1])
    assert any(f.startswith(("postings of", "statistics of")) for f in found), found


def _vocab(searcher, docs):
    words: dict[str, str] = {}
    for p in docs:
        for w, t in p.words.items():
            words.setdefault(w, t)
    entities = {p.id: (p.info["entities"], p.info["aliases"]) for p in docs}
    return Vocab(lambda: words, lambda: entities,
                 lambda t: searcher.doc_frequency("body", t) + searcher.doc_frequency("title", t))


def _engine(searcher, kind="numpy"):
    n = searcher.doc_count_all()
    if kind == "lite":  # a one-query process's engine (lite.py)
        return LiteEngine(searcher, [True] * n, [1] * n)
    return Engine(searcher, np.ones(n, dtype=bool), np.ones(n))


@pytest.mark.parametrize("kind", ["numpy", "lite"])
@pytest.mark.parametrize("text", QUERIES)
def test_our_hit_sets_equal_stock_search_for_the_same_query(indexes, prepared, text, kind):
    ours, _ = indexes
    with ours.searcher() as s:
        parsed = parse_query(text, _vocab(s, prepared[1]))
        assert not parsed.empty and not parsed.messages, (text, parsed.messages)
        got = set(list(_engine(s, kind).docs(parsed.query)))
        want = {hit.docnum for hit in s.search(parsed.query, limit=None)}
    assert got == want, (text, parsed.shown, len(got), len(want))
    assert want, f"{text!r} finds nothing: the comparison would prove nothing"


class _OurAnalysis(Tokenizer):
    """Our analysis (``analysis.iter_tokens``: folding, porter2 stems) as a Whoosh analyzer,
    so Whoosh's own parser turns words into the terms our index holds."""

    def __call__(self, value, positions=False, chars=False, keeporiginal=False,
                 removestops=True, start_pos=0, start_char=0, tokenize=True, mode="",
                 **kwargs):
        t = Token(positions, chars, removestops=removestops, mode=mode, **kwargs)
        for term, pos, start, end in iter_tokens(value):
            t.text, t.boost, t.stopped = term, 1.0, False
            if positions:
                t.pos = start_pos + pos
            if chars:
                t.startchar, t.endchar = start_char + start, start_char + end
            yield t


@pytest.mark.parametrize("text", PARSER_QUERIES)
def test_our_hit_sets_equal_stock_query_parser(indexes, prepared, text):
    ours, _ = indexes
    schema = make_schema()
    for name in ("title", "body", "source", "author"):
        schema[name].analyzer = _OurAnalysis()
    parser = MultifieldParser(["title", "body"], schema)
    with ours.searcher() as s:
        got = set(_engine(s).docs(parse_query(text, _vocab(s, prepared[1])).query).tolist())
        want = {hit.docnum for hit in s.search(parser.parse(text), limit=None)}
    assert got == want, (text, len(got), len(want))
    assert want
