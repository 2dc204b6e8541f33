"""A phrase asked again is answered from the engine's cache (issue 17: phrases of common
words were the slowest warm queries), and that answer is never stale: after a sync that
adds, changes or removes a document with the phrase, the same query sees the change."""

from __future__ import annotations

from scoda_desktop.core.corpus import Corpus
from scoda_desktop.core.index import engine as engine_module
from tests.core.corpus_fixtures import drain


def _write(folder, name, body):
    (folder / name).write_text(f"Port note {name}\n\nJune 3, 2024\n\n{body}\n", encoding="utf-8")


def _paths(corpus, query, **kw):
    res = corpus.search(query, limit=None, **kw)
    assert res.error is None
    return {h.path.rsplit("/", 1)[-1] for h in res.hits}


def test_a_repeated_phrase_is_not_decoded_again_and_follows_every_sync(tmp_path, monkeypatch):
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    _write(seeds, "a.txt", "Trucks left the dry port at dawn with rail freight for Qingdao.")
    _write(seeds, "b.txt", "The dry port handled rail freight and more rail freight.")
    _write(seeds, "c.txt", "A port that is dry in summer; freight went by rail instead.")
    corpus = Corpus(tmp_path / "data", seeds_dir=seeds)
    drain(corpus.sync())
    decoded = []
    real = engine_module.position_gaps_flat
    monkeypatch.setattr(engine_module, "position_gaps_flat",
                        lambda *a: decoded.append(a[2]) or real(*a))
    try:
        assert _paths(corpus, '"dry port"') == {"a.txt", "b.txt"}
        first = len(decoded)
        assert first > 0  # the first answer decodes the words' positions
        # asked again, sorted another way, and inside a larger query: the same documents,
        # with no positions decoded again
        assert _paths(corpus, '"dry port"', sort="newest") == {"a.txt", "b.txt"}
        assert _paths(corpus, '"dry port" Qingdao') == {"a.txt"}
        assert _paths(corpus, '"rail freight" OR "dry port"') == {"a.txt", "b.txt"}
        assert len(decoded) == first + 2  # only "rail freight" was new
        # a sync that adds one, changes one and removes one is seen by the same query
        _write(seeds, "d.txt", "Containers reached the dry port by rail.")
        _write(seeds, "a.txt", "Trucks left the inland terminal at dawn.")
        (seeds / "b.txt").unlink()
        drain(corpus.sync())
        assert _paths(corpus, '"dry port"') == {"d.txt"}
        assert _paths(corpus, '"rail freight"') == set()
    finally:
        corpus.close()
