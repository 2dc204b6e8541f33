"""A big first phase commits in batches (``sync.COMMIT_EVERY``): another process finds the
first batches while the rest is read, a sync stopped after a batch commit keeps exactly
that batch (its files in the catalog, its documents waiting for the second phase), and the
next sync reads only the rest: in the end the same index as one commit gives."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from scoda_desktop.core.corpus import Corpus
from scoda_desktop.core.pipeline import sync as sync_module
from tests.core.corpus_fixtures import SEEDS, drain

N = 12


def _articles(folder, n: int, start: int = 0):
    folder.mkdir(parents=True, exist_ok=True)
    for i in range(start, start + n):
        (folder / f"art{i:03d}.txt").write_text(
            f"Harbour report {i}\n\nJune 3, 2024\n\nThe harbour line carried mark{i:03d} "
            f"freight to the logistics park on Monday, officials said.\n", encoding="utf-8")
    return folder


@pytest.fixture
def batches(monkeypatch):
    """Two phases and a commit every 3 documents, however few files a sync reads."""
    monkeypatch.setattr(sync_module, "ENRICH_LATER_MIN", 1)
    monkeypatch.setattr(sync_module, "COMMIT_EVERY", 3)


def _open(data, seeds=SEEDS) -> Corpus:
    return Corpus(data, seeds_dir=seeds)


def test_another_process_finds_each_batch_while_the_rest_is_read(tmp_path, batches):
    corpus = _open(tmp_path / "data")
    corpus.add_sources([_articles(tmp_path / "a", N)])
    total = N + len(list(SEEDS.glob("*.txt")))
    seen = []
    gen = corpus.sync()
    try:
        for p in gen:
            if p.stage == "reading" and p.done < total and p.path:
                other = _open(tmp_path / "data")  # another window, or ``search``
                try:
                    count = other.count()
                    assert count == 3 * ((p.done - 1) // 3) or count == 3 * (p.done // 3)
                    assert other.search("").total == count
                    assert other.enrichment_pending() == count  # marked for phase two
                    seen.append(count)
                finally:
                    other.close()
    finally:
        gen.close()
    assert seen[0] == 0 and max(seen) >= total - 3  # batches landed while reading went on
    assert corpus.count() == total and corpus.enrichment_pending() == 0
    for i in range(N):
        assert corpus.search(f"mark{i:03d}").total == 1


def _stop_after_batches(corpus: Corpus, commits: int) -> None:
    """Run a sync and abandon it (as a kill would) once ``commits`` batches landed."""
    gen = corpus.sync()
    landed = 0
    for p in gen:
        if p.stage == "committing":
            landed += 1
        elif landed == commits and p.stage == "reading":
            break
    gen.close()


def test_a_sync_stopped_after_a_batch_keeps_it_and_the_next_reads_the_rest(tmp_path,
                                                                            batches):
    corpus = _open(tmp_path / "data")
    corpus.add_sources([_articles(tmp_path / "a", N)])
    _stop_after_batches(corpus, 2)
    corpus.close()
    corpus = _open(tmp_path / "data")
    try:
        assert not corpus.needs_sync()  # the batches' commit is whole
        assert corpus.count() == 6 and corpus.search("").total == 6
        assert corpus.enrichment_pending() == 6
        report = drain(corpus.sync())
        assert report.added == N + len(list(SEEDS.glob("*.txt"))) - 6
        assert not report.cancelled and report.enrichment_pending == 0
        for i in range(N):
            assert corpus.search(f"mark{i:03d}").total == 1, i  # each once
        assert corpus.count() == N + len(list(SEEDS.glob("*.txt")))
    finally:
        corpus.close()


def test_removals_moves_and_copies_in_a_stopped_batched_sync(tmp_path, monkeypatch):
    """Files removed, changed, moved and copied, then a batched sync stopped after its
    first batch and a sync again: what a sync in one commit gives, nothing left over."""
    monkeypatch.setattr(sync_module, "ENRICH_LATER_MIN", 1)
    results = []
    for run, every in (("one", 10**6), ("batched", 3)):
        monkeypatch.setattr(sync_module, "COMMIT_EVERY", 10**6)
        root = tmp_path / run
        seeds = root / "seeds"
        shutil.copytree(SEEDS, seeds)
        folder = _articles(root / "a", N)
        corpus = _open(root / "data", seeds)
        corpus.add_sources([folder])
        drain(corpus.sync())
        for i in (1, 4):
            (folder / f"art{i:03d}.txt").unlink()  # removed: their documents leave
        (folder / "art002.txt").write_text("Harbour report 2\n\nJune 3, 2024\n\nChanged "
                                           "text about mark002 and quays.\n", "utf-8")
        (folder / "art005.txt").rename(folder / "zz_moved.txt")  # the same document
        shutil.copy(folder / "art006.txt", folder / "copy_of_6.txt")  # a second path
        _articles(folder, 5, start=100)  # new documents
        monkeypatch.setattr(sync_module, "COMMIT_EVERY", every)
        if every < N:
            _stop_after_batches(corpus, 1)
            corpus.close()
            corpus = _open(root / "data", seeds)
            assert not corpus.needs_sync()
            assert corpus.search("mark001").total == 0  # a gone document left at once
            for hit in corpus.search("", limit=None).hits:
                assert hit.path  # no document without a file
        report = drain(corpus.sync())
        assert not report.cancelled and report.enrichment_pending == 0
        state = {h.title: sorted(str(Path(p).relative_to(root)) for p in [h.path, *h.duplicates])
                 for h in corpus.search("", limit=None).hits}
        results.append((state, corpus.count(),
                        [corpus.search(f"mark{i:03d}").total for i in (*range(N), 100, 104)]))
        corpus.close()
    assert results[0] == results[1]
    assert results[0][2] == [1, 0, 1, 1, 0, 1, 1, 1, 1, 1, 1, 1, 1, 1]


def test_a_small_sync_commits_once(tmp_path, monkeypatch):
    """Below ``ENRICH_LATER_MIN`` files a sync does both phases in its one commit."""
    monkeypatch.setattr(sync_module, "COMMIT_EVERY", 3)
    corpus = _open(tmp_path / "data")
    corpus.add_sources([_articles(tmp_path / "a", N)])
    stages = [p.stage for p in corpus.sync()]
    assert stages.count("committing") == 1
    assert corpus.count() == N + len(list(SEEDS.glob("*.txt")))
    corpus.close()
