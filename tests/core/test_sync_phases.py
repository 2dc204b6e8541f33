"""Searchable first, enriched after: the first commit of a sync makes its documents
searchable (from another Corpus on the same folder, while the sync is still going), the
second adds entities, metrics and near-duplicate groups; a cancelled or interrupted second
phase leaves the next sync to finish it."""

from __future__ import annotations

import pytest

from scoda_desktop.core.corpus import Corpus
from scoda_desktop.core.pipeline import sync as sync_module
from tests.core.corpus_fixtures import SEEDS, drain, write_extra

NEAR = ("The Qingdao port authority said on Tuesday that container traffic on the rail "
        "line to Almaty rose by twelve percent in May, with more trains leaving Jiaozhou "
        "every week for Central Asia and Europe, and that the China Railway Express now "
        "runs daily. The port also plans a new cold chain hub near the logistics park, "
        "officials of the SCO demonstration area told reporters.")


@pytest.fixture
def two_phases(monkeypatch):
    """Every sync in two phases, however few files it reads (normally 50 and more)."""
    monkeypatch.setattr(sync_module, "ENRICH_LATER_MIN", 1)


@pytest.fixture
def corpus(tmp_path, two_phases):
    extra = write_extra(tmp_path / "extra")
    for name in ("near_a.txt", "near_b.txt"):  # near-duplicates (one word differs)
        (extra / name).write_text(f"Rail freight grows\n\nJune 4, 2024\n\n{NEAR} "
                                  f"{'Ends.' if name == 'near_a.txt' else 'Done.'}\n",
                                  encoding="utf-8")
    c = Corpus(tmp_path / "data", seeds_dir=SEEDS)
    c.add_sources([extra])
    yield c
    c.close()


def _until(gen, stage: str) -> list:
    seen = []
    while True:
        p = next(gen)
        seen.append(p.stage)
        if p.stage == stage:
            return seen


def test_documents_are_searchable_before_they_are_enriched(corpus):
    gen = corpus.sync()
    stages = _until(gen, "searchable")
    assert "enriching" not in stages
    other = Corpus(corpus.data_dir, seeds_dir=SEEDS)  # another reader of the same folder
    try:
        found = other.search("Qingdao")
        assert found.total > 0 and found.hits[0].snippet
        assert other.count() == 9
        assert other.enrichment_pending() == 9 and found.enrichment_pending == 9
        assert other.entity_counts() == {}  # not wrong numbers: none yet
        assert other.search('org:"sco"').total == 0
        assert other.stats()["series"] == []
    finally:
        other.close()
    assert _until(gen, "enriching")[-1] == "enriching"
    report = drain(gen)
    assert report.documents == 9 and report.enrichment_pending == 0 and not report.cancelled
    after = Corpus(corpus.data_dir, seeds_dir=SEEDS)
    try:
        assert after.enrichment_pending() == 0
        counts = after.entity_counts()
        assert counts and max(counts.values()) >= 2
        assert after.search("Qingdao").total == found.total  # the same documents, once each
        assert after.count() == 9
        entity = max(counts, key=counts.get)
        assert after.search(f'entity:"{entity[1]}"').total == counts[entity]
        assert after.series()  # the metric ledger
        # the near-duplicates are grouped in the second phase
        assert any(len(g) == 2 and all("near_" in p for p in g) for g in report.duplicates)
        doc = after.document(str(corpus.sources()[1]) + "/runner.txt")
        assert doc is not None and doc.metrics and doc.text.startswith("The harbour path")
    finally:
        after.close()


def test_searchable_only_leaves_enrichment_to_the_next_sync(corpus, counted):
    report = drain(corpus.sync(enrich=False))
    assert report.documents == 9 and report.enrichment_pending == 9
    assert corpus.search("harbour").total > 0 and corpus.entity_counts() == {}
    report = drain(corpus.sync())  # nothing changed on disk: only the second phase runs
    assert report.unchanged == 9 and report.enrichment_pending == 0
    assert corpus.entity_counts()
    assert counted == []  # no file was read again: enrichment reads the index


def test_a_cancelled_second_phase_keeps_the_first_and_resumes(corpus):
    enriching = {"on": False}

    def cancel() -> bool:
        return enriching["on"]

    gen = corpus.sync(cancel=cancel)
    _until(gen, "enriching")
    enriching["on"] = True
    report = drain(gen)
    assert not report.cancelled  # the documents of this sync are in the index
    assert report.enrichment_pending == 9 and report.messages
    assert corpus.search("harbour").total > 0
    fresh = Corpus(corpus.data_dir, seeds_dir=SEEDS)
    try:
        assert not fresh.needs_sync() and fresh.enrichment_pending() == 9
        report = drain(fresh.enrich())
        assert report.enrichment_pending == 0 and fresh.entity_counts()
    finally:
        fresh.close()


def test_a_change_during_pending_enrichment_is_enriched_once(corpus, tmp_path):
    drain(corpus.sync(enrich=False))
    runner = tmp_path / "extra" / "runner.txt"
    runner.write_text(runner.read_text(encoding="utf-8") + "\nThe trail cost 14 million yuan "
                      "in the end, the Qingdao city government said.\n", encoding="utf-8")
    report = drain(corpus.sync())
    assert report.updated == 1 and report.enrichment_pending == 0
    assert corpus.search("trail").total == 1
    assert corpus.count() == 9


def test_an_index_from_an_older_extraction_is_extracted_again_in_the_background(
        tmp_path, monkeypatch, counted):
    from scoda_desktop.core.pipeline import catalog as catalog_module
    from scoda_desktop.core.pipeline import prepare as prepare_module

    extra = write_extra(tmp_path / "extra")
    first = Corpus(tmp_path / "data", seeds_dir=SEEDS)
    first.add_sources([extra])
    drain(first.sync())
    counts = first.entity_counts()
    first.close()
    assert counts and counted
    counted.clear()
    # A newer version of the rules ships: the old results are stale.
    newer = catalog_module.EXTRACTION_VERSION + 1
    monkeypatch.setattr(catalog_module, "EXTRACTION_VERSION", newer)
    monkeypatch.setattr(prepare_module, "EXTRACTION_VERSION", newer)
    upgraded = Corpus(tmp_path / "data", seeds_dir=SEEDS)
    try:
        assert not upgraded.needs_sync()  # no rebuild: it searches at once
        assert upgraded.search("harbour").total > 0
        assert upgraded.enrichment_pending() == upgraded.count() == 7
        gen = upgraded.sync()
        stages = _until(gen, "enriching")
        assert "enriching" in stages
        report = drain(gen)
        assert report.unchanged == 7 and report.enrichment_pending == 0
        assert counted == []  # from the stored text: no file read or cleaned again
        assert upgraded.entity_counts() == counts
    finally:
        upgraded.close()
    again = Corpus(tmp_path / "data", seeds_dir=SEEDS)
    try:
        assert again.enrichment_pending() == 0  # once, not at every start
    finally:
        again.close()


def test_enrichment_in_several_commits_gives_what_one_commit_gives(corpus, monkeypatch):
    from scoda_desktop.core.pipeline import enrich as enrich_module

    monkeypatch.setattr(enrich_module, "COMMIT_EVERY", 2)  # 9 documents: five commits
    gen = corpus.sync()
    _until(gen, "searchable")
    commits = 0
    while True:
        try:
            p = next(gen)
        except StopIteration as stop:
            report = stop.value
            break
        if p.stage == "enriching" and p.done % 2 == 1 and 3 <= p.done < 9:
            other = Corpus(corpus.data_dir, seeds_dir=SEEDS)  # what another process sees
            try:
                commits += 1
                assert other.enrichment_pending() == 9 - (p.done - 1)  # each batch lands
            finally:
                other.close()
    assert commits and report.enrichment_pending == 0 and not report.cancelled
    # the near-duplicates are in different batches or the same: grouped all the same
    assert any(len(g) == 2 and all("near_" in p for p in g) for g in report.duplicates)
    counts = corpus.entity_counts()
    assert counts and corpus.search(f'entity:"{max(counts, key=counts.get)[1]}"').total \
        == max(counts.values())
