"""A standalone build's first start copies the prebuilt seed index into the data dir.

The bundle is faked with ``sys._MEIPASS`` pointing at a folder holding ``seeds/`` (a copy of
the repository's seeds, so at another path than the one the index was built from) and
``seed-index/`` made by ``scripts/build_seed_index.py``.
"""

from __future__ import annotations

import hashlib
import importlib.util
import json
import shutil
import sys

import pytest

from scoda_desktop import resources
from scoda_desktop.core.corpus import Corpus
from scoda_desktop.core.pipeline import seed_index
from tests.core.corpus_fixtures import ROOT, SEEDS, drain


def _load_script():
    spec = importlib.util.spec_from_file_location(
        "build_seed_index", ROOT / "scripts" / "build_seed_index.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    return _load_script().build(tmp_path_factory.mktemp("seed-build") / "data")


@pytest.fixture
def bundle(tmp_path, built, monkeypatch):
    root = tmp_path / "bundle"
    shutil.copytree(SEEDS, root / "seeds")
    shutil.copytree(built, root / resources.SEED_INDEX)
    monkeypatch.setattr(sys, "_MEIPASS", str(root), raising=False)
    return root


def _digest(folder) -> dict[str, str]:
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.iterdir())}


def test_the_built_seed_index_ships_no_write_lock(built):
    assert (built / "meta.json").exists()
    assert not list(built.glob("*LOCK"))


def test_first_start_copies_the_prebuilt_index_and_reads_no_seed(bundle, tmp_path, counted):
    before = _digest(bundle / resources.SEED_INDEX)
    corpus = Corpus(tmp_path / "data")
    try:
        report = drain(corpus.sync())
        assert counted == []  # nothing cleaned, extracted or indexed: it was copied
        assert report.documents == len(list(SEEDS.iterdir()))
        hits = corpus.search("freight").hits
        assert hits
        # The seeds are linked where this "installation" has them, not where they were built.
        assert all(h.path.startswith(str(bundle / "seeds")) for h in hits)
        # A second start finds everything unchanged.
        again = drain(corpus.sync())
        assert (again.added, again.removed, again.updated) == (0, 0, 0)
    finally:
        corpus.close()
    assert _digest(bundle / resources.SEED_INDEX) == before  # never used in place
    assert (tmp_path / "data" / "index" / "meta.json").exists()


def test_a_prebuilt_index_of_another_schema_version_is_not_used(bundle, tmp_path, counted):
    meta_path = bundle / resources.SEED_INDEX / "meta.json"
    meta = json.loads(meta_path.read_text())
    meta["schema_version"] = -1
    meta_path.write_text(json.dumps(meta))
    corpus = Corpus(tmp_path / "data")
    try:
        report = drain(corpus.sync())
        assert len(counted) == report.documents == len(list(SEEDS.iterdir()))
        meta_now = json.loads((tmp_path / "data" / "index" / "meta.json").read_text())
        assert meta_now["schema_version"] != -1
    finally:
        corpus.close()


def test_an_existing_index_is_never_replaced(bundle, tmp_path):
    corpus = Corpus(tmp_path / "data")
    drain(corpus.sync())
    corpus.close()
    index = tmp_path / "data" / "index"
    assert not seed_index.install_seed_index(index, bundle / "seeds")


def test_other_seeds_than_the_bundled_ones_are_indexed_not_copied(bundle, tmp_path, counted):
    other = tmp_path / "other-seeds"
    shutil.copytree(SEEDS, other)
    next(iter(sorted(other.iterdir()))).unlink()  # not the bundled set
    corpus = Corpus(tmp_path / "data", seeds_dir=other)
    try:
        drain(corpus.sync())
    finally:
        corpus.close()
    assert len(counted) == len(list(other.iterdir()))


def test_from_source_there_is_no_prebuilt_index():
    assert not hasattr(sys, "_MEIPASS")
    assert not resources.seed_index_dir().exists()


def test_single_file_build_reads_a_stable_copy_of_the_seeds(tmp_path, monkeypatch, counted,
                                                             built):
    """A single-file build unpacks into a new _MEI… folder each run: the corpus must list
    seeds whose paths survive the run, and the prebuilt index still applies to them."""
    def unpack(run: int):
        root = tmp_path / f"_MEI{run}"
        shutil.copytree(SEEDS, root / "seeds")
        shutil.copytree(built, root / resources.SEED_INDEX)
        monkeypatch.setattr(sys, "_MEIPASS", str(root), raising=False)
        return root

    unpack(1)
    data = tmp_path / "data"
    corpus = Corpus(data)
    try:
        assert corpus.seeds_dir == data / "seeds"
        report = drain(corpus.sync())
        assert report.documents == len(list(SEEDS.iterdir()))
        assert counted == []  # the prebuilt index applies to the copied seeds too
        paths = {h.path for h in corpus.search("", limit=None).hits}
    finally:
        corpus.close()
    assert all(p.startswith(str(data / "seeds")) for p in paths)
    shutil.rmtree(tmp_path / "_MEI1")  # the first run exited
    unpack(2)
    counted.clear()
    corpus = Corpus(data)
    try:
        report = drain(corpus.sync())
        assert (report.added, report.removed, counted) == (0, 0, [])
    finally:
        corpus.close()
