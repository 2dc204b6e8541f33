"""The first phase's counts made once and reused give what counting again gives."""

from __future__ import annotations

import random

import pytest

from scoda_desktop.core.ingest.lines import _stops, body_language, label_lines, language_and_words
from scoda_desktop.core.pipeline.sync import _add_words


def test_new_words_join_the_vocabulary_as_setdefault_would_in_order():
    r = random.Random(1)
    for _ in range(300):
        vocab = {f"w{r.randrange(50)}": f"old{r.randrange(3)}" for _ in range(r.randrange(30))}
        words = {f"w{r.randrange(50)}": f"t{r.randrange(3)}" for _ in range(r.randrange(30))}
        expected = dict(vocab)
        for w, t in words.items():
            expected.setdefault(w, t)
        _add_words(vocab, words)
        assert list(vocab.items()) == list(expected.items())


def test_each_lines_stop_words_and_the_bodys_language_match_a_count_of_their_own():
    r = random.Random(3)
    pool = ("The", "port", "of", "Qingdao", "said", "AND", "trade", "with", "Kazakh", "SCO",
            "it", "Ltd", "über", "été", "per", "cent", "I", "a", "by")
    for _ in range(200):
        text = "\n".join(" ".join(r.choice(pool) for _ in range(r.randrange(0, 14)))
                         + r.choice(("", ".", "?"))
                         for _ in range(r.randrange(1, 12)))
        lines, _lang = label_lines(text)
        for ln in lines:
            if ln.latin is not None:
                assert ln.stops == _stops(ln.latin)
        body = [ln for ln in lines if ln.latin]
        body_text = "\n\n".join(" ".join(ln.text.split()) for ln in body)
        if body_text:
            assert body_language(body, body_text) == language_and_words(body_text)


@pytest.mark.parametrize("enrich_later", [True, False])
def test_worker_processes_give_the_vocabulary_one_process_gives(tmp_path, monkeypatch,
                                                                enrich_later):
    """Workers send each word once (``sync._only_new_words``): the vocabulary, its order
    included, is the one a sync that reads every file in this process builds."""
    import shutil

    from scoda_desktop.core.corpus import Corpus
    from scoda_desktop.core.pipeline import sync as sync_module
    from tests.core.corpus_fixtures import SEEDS, drain, write_extra

    if enrich_later:
        monkeypatch.setattr(sync_module, "ENRICH_LATER_MIN", 1)
    extra = write_extra(tmp_path / "extra")
    shutil.copy(extra / "runner.txt", extra / "runner again.txt")  # turned away: known id
    vocabularies = []
    for name, pool_min in (("pool", 2), ("here", 10**6)):
        monkeypatch.setattr(sync_module, "POOL_MIN", pool_min)
        c = Corpus(tmp_path / name, seeds_dir=SEEDS)
        try:
            c.add_sources([extra])
            drain(c.sync())
            c.close()
            c = Corpus(tmp_path / name, seeds_dir=SEEDS)
            vocabularies.append(list(c._store.catalog.side("vocab").items()))
        finally:
            c.close()
    pooled, here = vocabularies
    assert len(here) > 100 and pooled == here
