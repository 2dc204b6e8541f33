"""Incremental sync: unchanged files are not read again, changes and deletions are seen,
identical copies are one document, a cancelled sync commits nothing, a schema change
rebuilds."""

from __future__ import annotations

import json
import os

import pytest

from scoda_desktop.core.corpus import Corpus
from tests.core.corpus_fixtures import EXTRA, SEEDS, drain


@pytest.fixture
def corpus(tmp_path):
    extra = tmp_path / "extra"
    extra.mkdir()
    for name, text in EXTRA.items():
        (extra / name).write_text(text, encoding="utf-8")
    c = Corpus(tmp_path / "data", seeds_dir=SEEDS)
    c.add_sources([extra])
    yield c
    c.close()


def test_first_start_needs_a_sync_and_indexes_the_seeds(corpus, counted):
    assert corpus.needs_sync()
    report = drain(corpus.sync())
    assert report.added == 7 and report.documents == 7 and not report.cancelled
    assert len(counted) == 7
    assert not corpus.needs_sync()


def test_second_sync_of_an_unchanged_corpus_processes_nothing(corpus, counted):
    drain(corpus.sync())
    counted.clear()
    report = drain(corpus.sync())
    assert counted == []
    assert (report.added, report.updated, report.removed, report.unchanged) == (0, 0, 0, 7)
    # also from a fresh process' point of view (a new Corpus on the same data dir)
    again = Corpus(corpus.data_dir, seeds_dir=SEEDS)
    assert drain(again.sync()).unchanged == 7 and counted == []
    again.close()


def test_touched_but_identical_file_is_not_read_again(corpus, counted, tmp_path):
    drain(corpus.sync())
    counted.clear()
    f = tmp_path / "extra" / "runner.txt"
    os.utime(f, (1_000_000_000, 1_000_000_000))
    report = drain(corpus.sync())
    assert counted == [] and report.unchanged == 7


def test_changed_and_deleted_files(corpus, counted, tmp_path):
    drain(corpus.sync())
    counted.clear()
    runner = tmp_path / "extra" / "runner.txt"
    runner.write_text(runner.read_text(encoding="utf-8").replace("running", "cycling"),
                      encoding="utf-8")
    (tmp_path / "extra" / "zh.txt").unlink()
    report = drain(corpus.sync())
    assert counted == [str(runner.resolve())]
    assert (report.updated, report.removed, report.documents) == (1, 1, 6)
    assert corpus.search("cycling").total == 1
    assert corpus.search("running").total == 0
    assert corpus.search("青岛").total == 0


def test_identical_copies_are_one_document_and_both_paths_work(corpus, tmp_path):
    drain(corpus.sync())
    copy = tmp_path / "copy.txt"
    copy.write_bytes((tmp_path / "extra" / "runner.txt").read_bytes())
    corpus.add_sources([copy])
    report = drain(corpus.sync())
    assert report.documents == 7 and report.added == 1
    original = str((tmp_path / "extra" / "runner.txt").resolve())
    assert sorted([original, str(copy.resolve())]) in report.duplicates
    a, b = corpus.document(original), corpus.document(str(copy))
    assert a is not None and b is not None and a.id == b.id
    assert b.path == str(copy.resolve()) and original in b.duplicates
    res = corpus.search("running")
    assert res.total == 1 and res.hits[0].duplicates


def test_cancelled_sync_commits_nothing(corpus):
    drain(corpus.sync())
    before = corpus.count()
    extra = corpus.data_dir.parent / "more"
    extra.mkdir()
    for i in range(3):
        (extra / f"n{i}.txt").write_text(
            f"Headline {i}\n\nA new article about zanzibarian ports number {i}.\n",
            encoding="utf-8")
    corpus.add_sources([extra])
    seen = []
    report = drain(corpus.sync(cancel=lambda: len(seen) > 0 or bool(seen.append(1))))
    assert report.cancelled
    assert corpus.count() == before
    assert corpus.search("zanzibarian").total == 0
    report = drain(corpus.sync())
    assert report.added == 3 and corpus.search("zanzibarian").total == 3


def test_schema_change_rebuilds_from_the_sources(corpus, counted):
    drain(corpus.sync())
    meta = corpus.index_dir / "meta.json"
    data = json.loads(meta.read_text())
    data["schema_version"] = -1
    meta.write_text(json.dumps(data))
    again = Corpus(corpus.data_dir, seeds_dir=SEEDS)
    assert again.needs_sync()
    counted.clear()
    report = drain(again.sync())
    assert len(counted) == 7 and report.documents == 7
    assert not again.needs_sync()
    assert again.search("running").total == 1
    assert len(again.sources()) == 2  # the list of sources survived
    again.close()


def test_forced_rebuild_keeps_everything_findable(corpus):
    drain(corpus.sync())
    report = drain(corpus.sync(rebuild=True))
    assert report.documents == 7
    assert corpus.search("上合示范区").total == 1


def test_sources_manifest(corpus, tmp_path):
    assert corpus.sources()[0] == str(SEEDS)
    corpus.remove_source(tmp_path / "extra")
    assert corpus.sources() == [str(SEEDS)]
    drain(corpus.sync())
    assert corpus.count() == 5


def test_a_moved_file_is_the_same_document_not_an_add_and_a_remove(corpus, counted, tmp_path):
    first = drain(corpus.sync())
    extra = tmp_path / "extra"
    name = sorted(EXTRA)[0]
    (extra / "moved").mkdir()
    os.replace(extra / name, extra / "moved" / name)
    counted.clear()
    report = drain(corpus.sync())
    assert (report.added, report.removed, report.updated) == (0, 0, 0)
    assert report.unchanged == first.documents and report.documents == first.documents
    assert counted == []  # found by its content, not read again
    hit = corpus.resolve(str(extra / "moved" / name))
    assert hit is not None and corpus.resolve(str(extra / name)) is None
    again = Corpus(corpus.data_dir, seeds_dir=SEEDS)  # the new path was saved, not just known
    try:
        assert again.resolve(str(extra / "moved" / name)) == hit
        assert again.info(hit)["paths"] == [str(extra / "moved" / name)]
    finally:
        again.close()


def test_many_small_syncs_keep_working_when_whoosh_merges_their_segments(corpus, tmp_path):
    """Each sync that changes a file adds a small segment; Whoosh's merge policy then
    merges segments through our writer (a sync used to crash there once a few had piled
    up: postings read back from a segment carry no value for keyword fields)."""
    drain(corpus.sync())
    extra = tmp_path / "extra"
    for i in range(12):
        name = f"note{i % 4}.txt"
        (extra / name).write_text(
            f"Harbour note {i}\n\nMay {i + 1}, 2024\n\nThe Qingdao harbour office said "
            f"Kazakhstan freight volume grew {i + 3} percent in revision uniqrev{i}.\n",
            encoding="utf-8")
        report = drain(corpus.sync())
        assert not report.skipped, report.skipped
        assert corpus.search(f"uniqrev{i}").total == 1
        if i >= 4:  # the file's previous version left the index
            assert corpus.search(f"uniqrev{i - 4}").total == 0
    assert corpus.search("entity:kazakhstan").total >= 4
    assert corpus.count() == 7 + 4
