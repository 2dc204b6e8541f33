"""The data folder holds no pickle of ours: a crafted file there must never run code.

An index folder from before schema 5 had ``catalog.pickle`` and pickled side files. Opening
such a folder must rebuild it from the sources through the schema-version check, without
unpickling anything of it; a new folder holds only JSON, npz and Whoosh's own files.
"""

from __future__ import annotations

import json
import pickle
from pathlib import Path

import numpy as np

from scoda_desktop.core.corpus import Corpus
from tests.core.corpus_fixtures import EXTRA, SEEDS, drain, write_extra

# Whoosh's own files (segments, TOC, lock): Whoosh's format, not ours.
_WHOOSH = ("MAIN_", "_MAIN_")


class _Booby:
    """Unpickling this touches a marker file: proof that something unpickled it."""

    def __init__(self, marker: Path) -> None:
        self.marker = marker

    def __reduce__(self):
        return (Path.touch, (self.marker,))


def _fresh(tmp_path: Path) -> Corpus:
    corpus = Corpus(tmp_path / "data", seeds_dir=SEEDS)
    corpus.add_sources([write_extra(tmp_path / "extra")])
    drain(corpus.sync())
    return corpus


def test_a_new_index_folder_holds_json_and_npz_only(tmp_path):
    corpus = _fresh(tmp_path)
    try:
        ours = [p for p in corpus.index_dir.iterdir() if not p.name.startswith(_WHOOSH)]
        assert {p.suffix for p in ours} <= {".json", ".npz"}, sorted(p.name for p in ours)
        for p in ours:
            if p.suffix == ".json":
                json.loads(p.read_text(encoding="utf-8"))
            else:
                with np.load(p, allow_pickle=False) as npz:  # raises on an object array
                    for key in npz.files:
                        assert npz[key].dtype != object
        names = {p.name for p in ours}
        assert {"catalog.json", "signatures.npz", "entities.npz", "metrics.npz",
                "vocab.json", "duplicates.json"} <= names
        # what the side files hold is read back: entities, metrics, near-duplicates
        stats = corpus.stats()
        assert stats["top_entities"] and stats["series"] is not None
    finally:
        corpus.close()


def test_an_old_style_folder_is_rebuilt_and_never_unpickled(tmp_path):
    corpus = _fresh(tmp_path)
    total = corpus.search("Qingdao").total
    index_dir = corpus.index_dir
    corpus.close()
    assert total > 0
    # make it look like a schema-4 folder: its pickles, its version number
    marker = tmp_path / "unpickled"
    booby = pickle.dumps(_Booby(marker))
    for name in ("catalog", "vocab", "signatures", "metrics", "entities", "duplicates"):
        (index_dir / f"{name}.pickle").write_bytes(booby)
    meta = json.loads((index_dir / "meta.json").read_text(encoding="utf-8"))
    (index_dir / "meta.json").write_text(json.dumps({**meta, "schema_version": 4}))
    pickle.loads(booby)
    assert marker.exists()  # the trap works ...
    marker.unlink()

    again = Corpus(tmp_path / "data", seeds_dir=SEEDS)
    try:
        assert again.needs_sync()
        assert again.search("Qingdao").error  # a message before the rebuild, no crash
        report = drain(again.sync())
        assert any("rebuilt" in m for m in report.messages), report.messages
        assert report.documents == 5 + len(EXTRA)
        assert again.search("Qingdao").total == total
        again.stats()
        assert not list(again.index_dir.glob("*.pickle"))
    finally:
        again.close()
    assert not marker.exists()  # ... and nothing of the old folder was unpickled


def test_side_files_read_back_what_was_saved(tmp_path):
    from array import array

    from scoda_desktop.core.pipeline.catalog import Catalog

    cat = Catalog()
    odd = "/caf\udce9.txt"  # a file name that is not UTF-8 (surrogateescape)
    cat.files = {"/a.txt": (10, 1.5, "ab" * 32, "id1"), odd: (20, 2.25, "cd" * 32, "id2")}
    cat.add_doc("id1", {"title": "Qingdao – 青岛", "paths": ["/a.txt"],
                        "entities": [("PLACE", "Qingdao")],
                        "aliases": [("PLACE", "qingdao port", "Qingdao")]})
    cat.add_doc("id2", {"title": None, "paths": [odd], "entities": [], "aliases": []})
    cat.side("metrics")["id1"] = json.dumps([{"value": 3.5, "unit": "teu"}]).encode()
    cat.side("signatures").update({"id1": array("I", range(128)), "id2": array("I")})
    cat.side("vocab")["qingdao"] = "qingdao"
    cat.groups = [["id1", "id2"]]
    cat._side["duplicates"] = {"edges": {("id1", "id2"): {(0, 1, 2), (3, 4, 5)}}}
    folder = tmp_path / "ix"
    folder.mkdir()
    cat.save(folder, 3, 5)

    back = Catalog.load(folder)
    assert back is not None and back.generation == 3
    assert back.files == cat.files and back.docs == cat.docs and back.groups == cat.groups
    assert back.entities("id1") == [("PLACE", "Qingdao")]
    assert back.side("entities")["id1"][1] == [("PLACE", "qingdao port", "Qingdao")]
    assert back.metrics_of("id1") == [{"value": 3.5, "unit": "teu"}] and not back.metrics_of("id2")
    assert back.side("signatures") == {"id1": array("I", range(128)), "id2": array("I")}
    assert back.side("vocab") == {"qingdao": "qingdao"}
    assert back.side("duplicates") == {"edges": {("id1", "id2"): {(0, 1, 2), (3, 4, 5)}}}
    # an unchanged entry is written back as it was read; a dropped one is gone
    back.drop_doc("id2")
    back.save(folder, 4, 5)
    again = Catalog.load(folder)
    assert set(again.side("entities")) == {"id1"}
    assert again.entities("id1") == [("PLACE", "Qingdao")]
    assert set(again.side("signatures")) == {"id1"}
