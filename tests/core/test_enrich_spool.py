"""The second phase takes the first phase's analysed text from the spool instead of
analysing every body again, and the index it commits is the one analysing again gives:
the same stored fields, postings and field lengths; a damaged or cut spool costs time,
never a wrong index, and the spool is gone once everything is enriched."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from scoda_desktop.core.corpus import Corpus
from scoda_desktop.core.pipeline import prepare
from scoda_desktop.core.pipeline import sync as sync_module
from scoda_desktop.core.pipeline.spool import SPOOL, Spool
from scoda_desktop.core.pipeline.store import IndexStore
from tests.core.corpus_fixtures import SEEDS, drain, write_extra


@pytest.fixture
def pair(tmp_path, monkeypatch):
    """Two data folders over the same sources, each after a first phase only."""
    monkeypatch.setattr(sync_module, "ENRICH_LATER_MIN", 1)  # two phases for a few files
    extra = write_extra(tmp_path / "extra")
    corpora = []
    for name in ("a", "b"):
        c = Corpus(tmp_path / name, seeds_dir=SEEDS)
        c.add_sources([extra])
        drain(c.sync(enrich=False))
        corpora.append(c)
    yield corpora
    for c in corpora:
        c.close()


@pytest.fixture
def analysed(monkeypatch):
    """How many documents had their text analysed (``prepare.text_fields``)."""
    calls: list[str] = []
    real = prepare.text_fields

    def counting(doc):
        calls.append(doc.id)
        return real(doc)

    monkeypatch.setattr(prepare, "text_fields", counting)
    from scoda_desktop.core.pipeline import enrich

    monkeypatch.setattr(enrich, "text_fields", counting)
    return calls


def _contents(folder: Path):
    """Every stored field by id, every posting by (field, term), every field length."""
    store = IndexStore(folder)
    try:
        reader = store.searcher().reader()
        ids = {d: f["id"] for d, f in reader.iter_docs()}
        stored = {f["id"]: f for _, f in reader.iter_docs()}
        postings = {}
        for name in reader.indexed_field_names():
            for term in reader.lexicon(name):
                m = reader.postings(name, term)
                found = []
                while m.is_active():
                    found.append((ids[m.id()], m.weight(), m.value()))
                    m.next()
                postings[name, term] = sorted(found)
        lengths = {(ids[d], n): reader.doc_field_length(d, n)
                   for d in ids for n in reader.indexed_field_names()}
        return stored, postings, lengths
    finally:
        store.close()


def test_enrichment_reuses_the_first_phase_analysis_and_commits_the_same_index(pair, analysed):
    a, b = pair
    total = a.count()
    assert len(Spool(a.index_dir / SPOOL)) == total  # each document's analysed text kept
    shutil.rmtree(b.index_dir / SPOOL)  # b analyses every body again, as before the spool
    drain(a.enrich())
    assert analysed == []
    drain(b.enrich())
    assert len(analysed) == total
    assert a.enrichment_pending() == b.enrichment_pending() == 0
    a.close()
    b.close()
    ours, theirs = _contents(a.index_dir), _contents(b.index_dir)
    assert ours[0] == theirs[0] and any("entity" in p[0] for p in ours[1])
    assert ours[1] == theirs[1] and ours[2] == theirs[2]
    assert not (a.index_dir / SPOOL).exists()  # used up: removed with the last commit


def test_a_damaged_or_cut_spool_costs_analysis_never_a_wrong_index(pair, analysed):
    a, b = pair
    total = a.count()
    shutil.rmtree(b.index_dir / SPOOL)
    (spool_file,) = (a.index_dir / SPOOL).iterdir()  # one process wrote it (no pool here)
    data = bytearray(spool_file.read_bytes())
    data[len(data) // 3] ^= 0xFF  # one record's bytes changed
    spool_file.write_bytes(bytes(data[: len(data) * 3 // 4]))  # and the last quarter lost
    drain(a.enrich())
    assert 2 <= len(analysed) < total  # the damaged record and the lost ones, no more
    drain(b.enrich())
    a.close()
    b.close()
    assert _contents(a.index_dir) == _contents(b.index_dir)


def test_the_enrichment_feed_keeps_order_and_submits_more_before_a_commit():
    """The workers get more documents just before a commit (``prefetch``), so they go on
    while the main process commits; the results still come in order, each once."""
    from concurrent.futures import ThreadPoolExecutor

    from scoda_desktop.core.pipeline.sync import Feed

    drawn: list[int] = []

    def items():
        for i in range(200):
            drawn.append(i)
            yield i

    with ThreadPoolExecutor(2) as pool:
        feed = Feed(pool, lambda x: x * x, items(), chunksize=4, ahead=3)
        out = []
        for value in feed:
            out.append(value)
            if len(out) == 10:
                before = len(drawn)
                assert before <= 10 + 4 * 3  # a few chunks ahead, not everything
                feed.prefetch(40)
                assert len(drawn) == before + 40 and len(feed.pending) >= 10
    assert out == [i * i for i in range(200)]


def test_worker_processes_spool_and_the_enrichment_pool_commits_the_same_index(
        tmp_path, monkeypatch):
    """Both phases in worker processes (as for any import of 200 files or more): each
    first-phase worker writes its own spool file, and the second phase's result is the
    index of a second phase that analysed every body again."""
    monkeypatch.setattr(sync_module, "ENRICH_LATER_MIN", 1)
    monkeypatch.setattr(sync_module, "POOL_MIN", 2)
    extra = write_extra(tmp_path / "extra")
    corpora = []
    try:
        for name in ("a", "b"):
            c = Corpus(tmp_path / name, seeds_dir=SEEDS)
            c.add_sources([extra])
            drain(c.sync(enrich=False))
            corpora.append(c)
        a, b = corpora
        assert len(Spool(a.index_dir / SPOOL)) == a.count()
        writers = {p.name.split("-")[0] for p in (a.index_dir / SPOOL).iterdir()}
        assert writers and str(os.getpid()) not in writers  # written by the workers
        shutil.rmtree(b.index_dir / SPOOL)
        drain(a.enrich())
        drain(b.enrich())
        assert a.enrichment_pending() == b.enrichment_pending() == 0
    finally:
        for c in corpora:
            c.close()
    assert _contents(a.index_dir) == _contents(b.index_dir)
    assert not (a.index_dir / SPOOL).exists()


def test_a_term_holding_the_spool_separator_comes_back_whole(tmp_path):
    """Terms are spooled joined by a separator; a term that holds that byte itself (any
    byte can be in a term) must still come back as it was, not split in two."""
    from scoda_desktop.core.index.schema import Preanalyzed
    from scoda_desktop.core.pipeline import spool

    body = Preanalyzed([(b"one", 1, 1.0, b"\x01"), (b"two\nlines", 2, 2.0, b"\x02\x03"),
                        (b"\n", 1, 1.0, b""), (b"three", 1, 1.0, b"\x04")])
    spool.write(str(tmp_path), "doc1", "the text", {"body": body, "id": "doc1"})
    back = Spool(tmp_path)
    assert back.has("doc1", "the text")
    got = back.take("doc1")
    back.close()
    assert got is not None
    assert list(got["body"]) == list(body)
