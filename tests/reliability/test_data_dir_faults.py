"""A data folder that cannot be written, and a disk that fills up mid-way: a clear error,
and nothing half-written (the next sync, once there is room, ends with the right index)."""

from __future__ import annotations

import errno
import os
import subprocess
import sys
from pathlib import Path

import pytest
from whoosh.filedb.filestore import FileStorage

from scoda_desktop.core import corpus as corpus_module
from scoda_desktop.core.corpus import Corpus, DataDirError
from tests.reliability.conftest import drain
from tests.reliability.test_crash_recovery import unique_articles

ROOT = Path(__file__).resolve().parents[2]


def test_data_dir_under_a_regular_file_is_a_clear_error(tmp_path, seeds):
    """Works as root too: no permission bit can make a regular file a folder."""
    blocker = tmp_path / "not_a_folder"
    blocker.write_text("x")
    with pytest.raises(DataDirError, match="cannot use the data folder .*not_a_folder"):
        Corpus(blocker / "data", seeds_dir=seeds)
    out = subprocess.run([sys.executable, "-m", "scoda_desktop", "--data-dir",
                          str(blocker / "data"), "search", "x"], capture_output=True,
                         text=True, env=dict(os.environ, PYTHONPATH=str(ROOT)), timeout=120)
    assert out.returncode == 1
    assert "cannot use the data folder" in out.stderr and "Traceback" not in out.stderr
    assert blocker.read_text() == "x"


def _enospc(*_a, **_k):
    raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))


def _leftovers(data: Path) -> list[str]:
    names = [p.name for p in data.iterdir() if p.name not in ("index", "sources.json", "lock")]
    names += [p.name for p in (data / "index").glob("*.tmp")] if (data / "index").exists() \
        else []
    return names


def test_disk_full_while_saving_the_sources_list(corpus, tmp_path, monkeypatch):
    first = unique_articles(tmp_path / "one", 1)
    corpus.add_sources([first])
    before = (corpus.data_dir / "sources.json").read_bytes()
    monkeypatch.setattr(corpus_module.os, "replace", _enospc)
    with pytest.raises(OSError) as err:
        corpus.add_sources([tmp_path / "two"])
    assert err.value.errno == errno.ENOSPC
    monkeypatch.undo()
    assert (corpus.data_dir / "sources.json").read_bytes() == before
    assert _leftovers(corpus.data_dir) == []  # no sources.json.tmp left behind


class FullAfter:
    """``os.replace`` that fails with ENOSPC from the n-th call on (0 = the first)."""

    def __init__(self, n: int) -> None:
        self.n, self.calls = n, 0
        self.real = os.replace

    def __call__(self, a, b, *args, **kwargs):
        self.calls += 1
        if self.calls > self.n:
            _enospc()
        return self.real(a, b, *args, **kwargs)


@pytest.mark.parametrize("step, prior_index, rebuild", [
    ("index files", True, False), ("catalog", True, False), ("index files", False, True),
    ("catalog", False, True), ("index files", True, True), ("swap", True, True)])
def test_disk_full_during_a_sync(corpus, tmp_path, monkeypatch, step, prior_index, rebuild):
    """The disk fills while a sync saves (``os.replace`` of files.json, of the catalog, or
    of the index folder swap fails): the error says so, the index is the one before the
    sync (or, once the Whoosh commit is on disk, is seen as needing a rebuild), and the
    same Corpus (the window stays open) syncs correctly once there is room again."""
    if prior_index:
        drain(corpus.sync())
    corpus.add_sources([unique_articles(tmp_path / "import", 3)])
    fault = FullAfter({"index files": 0, "catalog": 1, "swap": 1}[step])
    if step == "swap":  # the index folder moves aside, then the new one cannot move in
        real_swap = corpus._swap_in

        def swap_with_a_full_disk(service):
            monkeypatch.setattr(os, "replace", fault)
            real_swap(service)

        monkeypatch.setattr(corpus, "_swap_in", swap_with_a_full_disk)
    else:
        monkeypatch.setattr(os, "replace", fault)
    with pytest.raises(OSError) as err:
        drain(corpus.sync(rebuild=rebuild))
    assert err.value.errno == errno.ENOSPC and "No space left" in str(err.value)
    monkeypatch.undo()
    if prior_index:  # the index before the failed sync, or a rebuild: never half of one
        assert corpus.needs_sync() or (corpus.count() == 2
                                       and corpus.search("freight").total == 1)
    if step == "swap" or rebuild:
        assert not corpus.needs_sync() if prior_index else corpus.needs_sync()
    report = drain(corpus.sync())
    assert report.documents == 5 and not report.cancelled
    for i in range(3):
        assert corpus.search(f"uniq{i:05d}").total == 1
    assert _leftovers(corpus.data_dir) == []


def test_disk_full_while_writing_a_segment(corpus, tmp_path, monkeypatch):
    """Whoosh itself fails to write: its write lock must not stay taken, or every later
    sync of this window would fail with 'index locked'."""
    drain(corpus.sync())
    corpus.add_sources([unique_articles(tmp_path / "import", 3)])
    real_create = FileStorage.create_file

    def create_file(self, name, *args, **kwargs):
        if name.endswith(".seg") or ".seg" in name:
            _enospc()
        return real_create(self, name, *args, **kwargs)

    monkeypatch.setattr(FileStorage, "create_file", create_file)
    with pytest.raises(OSError) as err:
        drain(corpus.sync())
    assert err.value.errno == errno.ENOSPC
    monkeypatch.undo()
    assert corpus.count() == 2 and corpus.search("freight").total == 1  # as it was
    report = drain(corpus.sync())
    assert report.documents == 5
    for i in range(3):
        assert corpus.search(f"uniq{i:05d}").total == 1
