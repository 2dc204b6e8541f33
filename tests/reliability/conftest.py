"""Reliability fixtures: a corpus over a tmp data dir with a tiny seeds folder.

The real seeds cost a few seconds to index per test; most reliability tests only need a
couple of good articles next to the bad input, so ``seeds`` here holds two short ones.
"""

from __future__ import annotations

from collections.abc import Generator
from pathlib import Path

import pytest

from scoda_desktop.core.corpus import Corpus
from tests.core.corpus_fixtures import drain

GOOD = {
    "good_one.txt": "Harbour trail opens in Qingdao\n\nJune 3, 2024\n\n"
                    "The harbour path was busy with people running before work, and the city "
                    "says the new trail will stay open all summer.\n",
    "good_two.txt": "Freight train links Jiaozhou and Almaty\n\nMay 10, 2023\n\n"
                    "A new freight train left the logistics park on Monday carrying "
                    "containers of electronics bound for Central Asia.\n",
}


def write_good(folder: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for name, text in GOOD.items():
        (folder / name).write_text(text, encoding="utf-8")
    return folder


@pytest.fixture
def seeds(tmp_path: Path) -> Path:
    return write_good(tmp_path / "seeds")


@pytest.fixture
def corpus(tmp_path: Path, seeds: Path) -> Generator[Corpus, None, None]:
    c = Corpus(tmp_path / "data", seeds_dir=seeds)
    yield c
    c.close()


@pytest.fixture(scope="module")
def small_corpus(tmp_path_factory: pytest.TempPathFactory) -> Generator[Corpus, None, None]:
    """A synced corpus of the two good articles, shared by a module's tests."""
    tmp = tmp_path_factory.mktemp("small")
    corpus = Corpus(tmp / "data", seeds_dir=write_good(tmp / "seeds"))
    drain(corpus.sync())
    yield corpus
    corpus.close()
