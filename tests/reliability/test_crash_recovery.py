"""Crashes and damage: a sync killed at the worst moment, a corrupted index folder.

Each case ends the same way: the next open sees the problem (or sees none because there
is none), the next sync brings the index back with the right documents, and the user's
sources are untouched.
"""

from __future__ import annotations

import json
import os
import random
import subprocess
import sys
from pathlib import Path

import pytest

from scoda_desktop.core.corpus import Corpus
from scoda_desktop.core.pipeline import catalog as catalog_module
from tests.reliability.conftest import drain

ROOT = Path(__file__).resolve().parents[2]


def unique_articles(folder: Path, n: int, start: int = 0) -> Path:
    """``n`` articles, each with one word no other file has (``uniqNNNN``)."""
    folder.mkdir(parents=True, exist_ok=True)
    for i in range(start, start + n):
        (folder / f"art{i:05d}.txt").write_text(
            f"Customs hall report number {i}\n\nJune 3, 2024\n\n"
            f"The customs hall cleared uniq{i:05d} containers on Monday, officials said, and "
            f"the harbour line carried freight to the logistics park.\n", encoding="utf-8")
    return folder


def assert_each_once(corpus: Corpus, ids: range) -> None:
    for i in ids:
        assert corpus.search(f"uniq{i:05d}").total == 1, i


class Killed(BaseException):
    """Stands for the process dying: not an Exception, so nothing on the way catches it."""


def test_death_between_index_commit_and_catalog_save(corpus, tmp_path, monkeypatch):
    src = unique_articles(tmp_path / "import", 3)
    drain(corpus.sync())
    corpus.add_sources([src])
    real_save = catalog_module.Catalog.save

    def die(self, folder, generation, schema_version):
        raise Killed  # the Whoosh commit is on disk, the catalog is not

    monkeypatch.setattr(catalog_module.Catalog, "save", die)
    with pytest.raises(Killed):
        drain(corpus.sync())
    monkeypatch.setattr(catalog_module.Catalog, "save", real_save)
    corpus.close()

    again = Corpus(corpus.data_dir, seeds_dir=corpus.seeds_dir)
    try:
        assert again.needs_sync()  # the index is newer than its catalog: not trusted
        report = drain(again.sync())
        assert report.documents == 5 and not report.cancelled
        assert any("rebuilt" in m for m in report.messages)
        assert_each_once(again, range(3))  # no document twice
        assert again.sources()[1:] == [str(src)]
    finally:
        again.close()


def _seg(index: Path) -> Path:
    return max(index.glob("*.seg"), key=lambda p: p.stat().st_size)


def _truncate(path: Path) -> None:
    with open(path, "r+b") as fh:
        fh.truncate(path.stat().st_size // 2)


def _garbage(path: Path) -> None:
    """Random bytes, the same on every run (a pickle of garbage raised MemoryError)."""
    rng = random.Random(path.name)
    path.write_bytes(rng.randbytes(max(64, path.stat().st_size)))


# a pickle that announces 2**62 bytes: unpickling it raises MemoryError, not UnpicklingError
HUGE_PICKLE = b"\x80\x05\x8e" + (2**62).to_bytes(8, "little") + b"ab"

DAMAGE = {
    "segment truncated": lambda ix: _truncate(_seg(ix)),
    "segment grown": lambda ix: _seg(ix).open("ab").write(b"\0" * 4096),
    "segment deleted": lambda ix: _seg(ix).unlink(),
    "toc garbage": lambda ix: _garbage(next(ix.glob("_MAIN_*.toc"))),
    "toc truncated": lambda ix: _truncate(next(ix.glob("_MAIN_*.toc"))),
    "catalog garbage": lambda ix: _garbage(ix / "catalog.json"),
    "catalog huge": lambda ix: (ix / "catalog.json").write_bytes(HUGE_PICKLE),
    "catalog deleted": lambda ix: (ix / "catalog.json").unlink(),
    "meta garbage": lambda ix: (ix / "meta.json").write_bytes(b"\xff{not json"),
    "files list deleted": lambda ix: (ix / "files.json").unlink(),
}


@pytest.mark.parametrize("damage", sorted(DAMAGE))
def test_corrupted_index_is_detected_at_open_and_rebuilt(corpus, tmp_path, damage):
    src = unique_articles(tmp_path / "import", 4)
    corpus.add_sources([src])
    drain(corpus.sync())
    corpus.close()
    DAMAGE[damage](corpus.index_dir)

    again = Corpus(corpus.data_dir, seeds_dir=corpus.seeds_dir)
    try:
        assert again.needs_sync()
        result = again.search("customs")  # before the rebuild: a message, not a crash
        assert result.error and result.total == 0
        report = drain(again.sync())
        assert any("rebuilt" in m for m in report.messages), report.messages
        assert report.documents == 6 and not again.needs_sync()
        assert_each_once(again, range(4))
    finally:
        again.close()


@pytest.mark.parametrize("name, huge", [
    ("table.npz", False), ("vocab.json", False), ("entities.npz", False),
    ("metrics.npz", False), ("signatures.npz", False), ("duplicates.json", False),
    ("vocab.json", True), ("entities.npz", True), ("metrics.npz", True),
    ("signatures.npz", True)])
def test_damaged_side_files_are_recomputed_or_ignored(corpus, tmp_path, name, huge):
    """Side files are caches of what the index and catalog hold: garbage in one must not
    stop a search (it is rebuilt, or the feature it serves comes back empty)."""
    src = unique_articles(tmp_path / "import", 4)
    corpus.add_sources([src])
    drain(corpus.sync())
    corpus.close()
    if huge:
        (corpus.index_dir / name).write_bytes(HUGE_PICKLE)
    else:
        _garbage(corpus.index_dir / name)
    again = Corpus(corpus.data_dir, seeds_dir=corpus.seeds_dir)
    try:
        assert_each_once(again, range(4))
        assert again.search("customs").total == 4
        again.stats()
        again.series()
        report = drain(again.sync())
        assert report.documents == 6
    finally:
        again.close()


def test_garbage_inside_a_segment_never_escapes_search(corpus, tmp_path):
    """Same-size garbage in the middle of a segment is not visible to a stat check; a search
    that trips on it answers with a message, and the next sync rebuilds."""
    src = unique_articles(tmp_path / "import", 4)
    corpus.add_sources([src])
    drain(corpus.sync())
    queries = ("customs", "uniq00001", "harbour line", "", "cust*")
    healthy = {q: corpus.search(q).total for q in queries}
    assert healthy["uniq00001"] == 1 and healthy["customs"] == 4
    corpus.close()
    seg = _seg(corpus.index_dir)
    data = bytearray(seg.read_bytes())
    mid = len(data) // 4
    data[mid:len(data) - 256] = random.Random(7).randbytes(len(data) - 256 - mid)
    seg.write_bytes(bytes(data))
    again = Corpus(corpus.data_dir, seeds_dir=corpus.seeds_dir)
    try:
        for q in queries:
            result = again.search(q)  # no exception, whatever the segment says
            # either the right answer, or no hits and a sentence saying why
            if result.error:
                assert result.total == 0 and not result.hits, (q, result.error)
                assert "sync" in result.error or "index" in result.error
            else:
                assert result.total == healthy[q] == len(result.hits), q
        report = drain(again.sync(rebuild=again.needs_sync()))
        assert report.documents == 6
        assert_each_once(again, range(4))
    finally:
        again.close()


def test_cli_reports_the_rebuild_of_a_damaged_index(tmp_path, seeds):
    data = tmp_path / "data"
    corpus = Corpus(data, seeds_dir=seeds)
    corpus.add_sources([unique_articles(tmp_path / "import", 3)])
    corpus.close()
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    run = [sys.executable, "-m", "scoda_desktop", "--data-dir", str(data)]
    first = subprocess.run([*run, "index", "--json"], capture_output=True, text=True,
                           env=env, timeout=120)
    assert first.returncode == 0, first.stderr
    documents = json.loads(first.stdout)["documents"]
    _truncate(_seg(data / "index"))
    out = subprocess.run([*run, "search", "uniq00002"], capture_output=True, text=True,
                         env=env, timeout=120)
    assert out.returncode == 0, out.stderr
    assert "rebuilt" in out.stderr and "truncated" in out.stderr
    assert out.stdout.startswith("1 documents")
    stats = subprocess.run([*run, "stats", "--json"], capture_output=True, text=True,
                           env=env, timeout=120)
    assert json.loads(stats.stdout)["documents"] == documents
