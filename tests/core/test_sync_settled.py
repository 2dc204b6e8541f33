"""An unchanged re-sync is a scan (``pipeline/synced.py``): it reports what the full path
would, and anything that changed since the last complete sync still takes the full path."""

from __future__ import annotations

import json
import os
import shutil

import pytest

from scoda_desktop.core.corpus import Corpus
from scoda_desktop.core.pipeline import sync as sync_module
from scoda_desktop.core.pipeline.synced import SYNCED
from tests.core.corpus_fixtures import SEEDS, drain, write_extra


@pytest.fixture
def corpus(tmp_path):
    extra = write_extra(tmp_path / "extra")
    shutil.copy(extra / "runner.txt", extra / "runner copy.txt")  # a duplicate pair
    c = Corpus(tmp_path / "data", seeds_dir=SEEDS)
    c.add_sources([extra])
    drain(c.sync())
    yield c
    c.close()


@pytest.fixture
def catalog_reads(monkeypatch):
    """How many times a sync parsed the catalog (the cost the quick path avoids)."""
    from scoda_desktop.core.pipeline import catalog as catalog_module

    calls = []
    real = catalog_module.Catalog.load.__func__

    def load(cls, folder):
        calls.append(folder)
        return real(cls, folder)

    monkeypatch.setattr(catalog_module.Catalog, "load", classmethod(load))
    return calls


def _summary(report):
    return (report.added, report.updated, report.removed, report.unchanged, report.documents,
            report.duplicates, report.enrichment_pending, report.skipped)


def test_unchanged_resync_reports_what_the_full_path_reports_without_the_catalog(
        corpus, counted, catalog_reads):
    index = corpus.data_dir / "index"
    assert (index / SYNCED).exists()
    again = Corpus(corpus.data_dir, seeds_dir=SEEDS)  # a fresh process' point of view
    quick = drain(again.sync())
    assert catalog_reads == [] and counted == []
    (index / SYNCED).unlink()  # the full path, for comparison
    full = drain(again.sync())
    again.close()
    assert catalog_reads  # it did read the catalog
    assert _summary(quick) == _summary(full)
    assert quick.unchanged == 8 and quick.documents == 7
    assert any(len(group) == 2 for group in quick.duplicates)
    assert (index / SYNCED).exists()  # written again by the full sync


@pytest.mark.parametrize("change", ["edit", "add", "delete", "same size, new mtime"])
def test_every_change_since_the_last_sync_is_seen(corpus, counted, tmp_path, change):
    extra = tmp_path / "extra"
    runner = extra / "runner.txt"
    if change == "edit":
        runner.write_text(runner.read_text(encoding="utf-8").replace("running", "cycling"),
                          encoding="utf-8")
    elif change == "add":
        (extra / "new.txt").write_text("Qingdao opened a cycling route to Tashkent.\n",
                                       encoding="utf-8")
    elif change == "delete":
        (extra / "zh.txt").unlink()
    else:
        text = runner.read_text(encoding="utf-8")
        runner.write_text(text.replace("running", "RUNNING"), encoding="utf-8")
        st = runner.stat()
        os.utime(runner, ns=(st.st_atime_ns, st.st_mtime_ns + 1_000_000))
    report = drain(corpus.sync())
    if change == "delete":
        assert report.removed == 1 and report.documents == 6
    elif change == "add":
        assert report.added == 1 and corpus.search("Tashkent").total == 1
    else:
        assert report.updated == 1 and counted == [str(runner.resolve())]


def test_a_damaged_index_file_is_not_taken_for_an_unchanged_index(corpus):
    index = corpus.data_dir / "index"
    segment = max(index.glob("MAIN_*.seg"), key=lambda p: p.stat().st_size)
    with segment.open("r+b") as fh:
        fh.truncate(segment.stat().st_size // 2)
    corpus.close()
    again = Corpus(corpus.data_dir, seeds_dir=SEEDS)  # the next start of the app
    try:
        report = drain(again.sync())
        assert any("rebuilt" in m for m in report.messages)
        assert report.documents == 7 and again.search("Qingdao").total > 0
    finally:
        again.close()


@pytest.mark.parametrize("what", ["generation", "catalog"])
def test_a_changed_catalog_or_another_commit_takes_the_full_path(corpus, catalog_reads, what):
    index = corpus.data_dir / "index"
    record = json.loads((index / SYNCED).read_text(encoding="utf-8"))
    if what == "generation":
        record["generation"] += 1  # as if written for another commit
        (index / SYNCED).write_text(json.dumps(record), encoding="utf-8")
        record["generation"] -= 1
    else:  # the catalog's bytes changed (still valid JSON): not the one the record saw
        with (index / "catalog.json").open("a", encoding="utf-8") as fh:
            fh.write(" ")
    again = Corpus(corpus.data_dir, seeds_dir=SEEDS)
    try:
        assert drain(again.sync()).unchanged == 8
    finally:
        again.close()
    assert catalog_reads  # the full path ran, and wrote a record in step again
    assert json.loads((index / SYNCED).read_text(encoding="utf-8"))["generation"] \
        == record["generation"]


def test_a_sync_that_leaves_enrichment_pending_writes_no_record(tmp_path, monkeypatch):
    monkeypatch.setattr(sync_module, "ENRICH_LATER_MIN", 1)
    c = Corpus(tmp_path / "data", seeds_dir=SEEDS)
    try:
        first = drain(c.sync(enrich=False))
        assert first.enrichment_pending == 5
        assert not (c.data_dir / "index" / SYNCED).exists()
        # the next sync must still do the second phase, not report "unchanged" and stop
        second = drain(c.sync())
        assert second.enrichment_pending == 0 and second.unchanged == 5
        assert (c.data_dir / "index" / SYNCED).exists()
        assert c.entity_counts()
    finally:
        c.close()
