"""Near-duplicate groups kept up to date by a sync that compares only the touched buckets."""

from __future__ import annotations

import random

import pytest

import scoda_desktop.core.ingest.dedup as dedup
from scoda_desktop.core.corpus import Corpus
from scoda_desktop.core.ingest import group_near_duplicates
from tests.core.corpus_fixtures import drain

RNG = random.Random(3)
WORDS = [f"{c}{v}{d}" for c in "bdfgklmnprst" for v in "aeiou" for d in "lnrst"]
POOL = [" ".join(RNG.choices(WORDS, k=14)).capitalize() + "." for _ in range(120)]


def story(seed: int) -> list[str]:
    return random.Random(seed).sample(POOL, 24)


def write(folder, name: str, sentences: list[str], edit: int = 0) -> None:
    body = " ".join(sentences).split()
    for i in range(edit):  # a few words changed: still a near-duplicate
        body[7 + 11 * i] = "edited"
    (folder / name).write_text(f"Story {name}\n\nJune 3, 2024\n\n{' '.join(body)}\n",
                               encoding="utf-8")


@pytest.fixture
def calls(monkeypatch):
    seen: list[object] = []
    full = dedup.duplicate_edges

    def spy(signatures, only=None):
        seen.append(only)
        return full(signatures, only)

    monkeypatch.setattr(dedup, "duplicate_edges", spy)
    return seen


def paths_of(corpus: Corpus) -> list[list[str]]:
    cat = corpus._store.catalog
    return sorted(sorted(p.rsplit("/", 1)[1] for d in g for p in cat.docs[d]["paths"])
                  for g in cat.groups)


def check_equals_full(corpus: Corpus) -> None:
    cat = corpus._store.catalog
    assert cat.groups == group_near_duplicates(dict(cat.side("signatures")))


def test_groups_after_adds_changes_and_removals_equal_a_full_recomputation(tmp_path, calls):
    src = tmp_path / "src"
    src.mkdir()
    (tmp_path / "seeds").mkdir()
    write(src, "a1.txt", story(1))
    write(src, "a2.txt", story(1), edit=3)
    write(src, "b1.txt", story(2))
    write(src, "b2.txt", story(3))  # not (yet) a copy of b1
    for k in range(6):
        write(src, f"x{k}.txt", story(10 + k))
    corpus = Corpus(tmp_path / "data", seeds_dir=tmp_path / "seeds")
    corpus.add_sources([src])
    drain(corpus.sync())
    assert calls == [None]  # a new catalog: every bucket once
    assert paths_of(corpus) == [["a1.txt", "a2.txt"]]
    check_equals_full(corpus)

    write(src, "a3.txt", story(1), edit=5)  # added: joins group a
    write(src, "b2.txt", story(2), edit=2)  # changed: now a copy of b1
    (src / "a2.txt").unlink()  # removed from group a
    (src / "x0.txt").unlink()  # removed, in no group
    calls.clear()
    drain(corpus.sync())
    assert len(calls) == 1 and calls[0]  # only the buckets the changes fall into
    assert paths_of(corpus) == [["a1.txt", "a3.txt"], ["b1.txt", "b2.txt"]]
    check_equals_full(corpus)
    corpus.close()

    corpus = Corpus(tmp_path / "data", seeds_dir=tmp_path / "seeds")  # pairs read from disk
    (src / "a1.txt").unlink()
    write(src, "b3.txt", story(2), edit=4)
    calls.clear()
    drain(corpus.sync())
    assert len(calls) == 1 and calls[0]
    assert paths_of(corpus) == [["b1.txt", "b2.txt", "b3.txt"]]
    check_equals_full(corpus)
    corpus.close()
