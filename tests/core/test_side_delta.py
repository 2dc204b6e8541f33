"""Side files saved incrementally: a delta against the base file, read back as a whole."""

from __future__ import annotations

from array import array

from scoda_desktop.core.pipeline.catalog import Catalog
from scoda_desktop.core.pipeline.sidefiles import delta_file, side_file


def _catalog(folder, n=200):
    cat = Catalog()
    for i in range(n):
        cat.add_doc(f"id{i}", {"title": f"t{i}", "paths": [f"/p{i}.txt"],
                               "entities": [("PLACE", f"Place{i}")], "aliases": []})
        cat.side("metrics")[f"id{i}"] = b'[{"value":%d}]' % i
        cat.side("signatures")[f"id{i}"] = array("I", range(i, i + 4))
    cat.save(folder, 1, 5)
    return cat


def test_a_small_change_writes_only_a_delta_and_reads_back_whole(tmp_path):
    _catalog(tmp_path)
    base_bytes = {n: (tmp_path / side_file(n)).read_bytes()
                  for n in ("metrics", "entities", "signatures")}
    cat = Catalog.load(tmp_path)
    cat.side("metrics")["id3"] = b'[{"value":-3}]'
    cat.side("signatures")["id200"] = array("I", [9, 9])
    cat.add_doc("id200", {"title": "new", "entities": [("ORG", "SCO")], "aliases": []})
    cat.drop_doc("id5")
    cat.save(tmp_path, 2, 5)
    for name, data in base_bytes.items():  # the bases are untouched
        assert (tmp_path / side_file(name)).read_bytes() == data
        assert (tmp_path / delta_file(name)).exists()
    back = Catalog.load(tmp_path)
    assert back.metrics_of("id3") == [{"value": -3}] and back.metrics_of("id4") == [{"value": 4}]
    assert "id5" not in back.side("metrics") and "id5" not in back.side("signatures")
    assert back.side("signatures")["id200"] == array("I", [9, 9])
    assert back.entities("id200") == [("ORG", "SCO")]
    assert back.entities("id7") == [("PLACE", "Place7")] and "id5" not in back.side("entities")
    assert len(back.side("entities")) == 200
    # a later save of the same catalog keeps every change (the delta is against the base)
    back.side("metrics")["id4"] = b"[]"
    back.save(tmp_path, 3, 5)
    again = Catalog.load(tmp_path)
    assert again.metrics_of("id3") == [{"value": -3}] and again.metrics_of("id4") == []
    assert "id5" not in again.side("signatures") and len(again.side("signatures")) == 200


def test_a_side_file_not_loaded_moves_to_the_new_generation_unread(tmp_path):
    _catalog(tmp_path)
    metrics = (tmp_path / side_file("metrics")).read_bytes()
    cat = Catalog.load(tmp_path)
    cat.side("signatures")["id1"] = array("I", [1])
    cat.save(tmp_path, 2, 5)  # metrics was never loaded
    assert (tmp_path / side_file("metrics")).read_bytes() == metrics
    back = Catalog.load(tmp_path)
    assert back.generation == 2 and back.metrics_of("id9") == [{"value": 9}]
    assert back.side("signatures")["id1"] == array("I", [1])


def test_many_changes_save_the_file_whole_and_drop_the_delta(tmp_path):
    _catalog(tmp_path)
    cat = Catalog.load(tmp_path)
    cat.side("metrics")["id0"] = b"[]"
    cat.save(tmp_path, 2, 5)
    assert (tmp_path / delta_file("metrics")).exists()
    cat = Catalog.load(tmp_path)
    for i in range(150):
        cat.side("metrics")[f"id{i}"] = b"[]"
    cat.save(tmp_path, 3, 5)
    assert not (tmp_path / delta_file("metrics")).exists()
    back = Catalog.load(tmp_path)
    assert back.metrics_of("id149") == [] and back.metrics_of("id150") == [{"value": 150}]


def test_a_delta_out_of_step_with_its_base_is_not_applied(tmp_path):
    _catalog(tmp_path)
    cat = Catalog.load(tmp_path)
    cat.side("metrics")["id0"] = b"[]"
    cat.save(tmp_path, 2, 5)
    # the base rewritten for another generation (a crash mid-save): the pair is out of step
    other = Catalog.load(tmp_path)
    from scoda_desktop.core.pipeline.sidefiles import save_side
    save_side(tmp_path, "metrics", 7, dict(other.side("metrics")))
    (tmp_path / delta_file("metrics")).write_bytes(b"")  # and the delta, garbage
    back = Catalog.load(tmp_path)
    assert back.side("metrics") == {}  # empty, as any out-of-step side file


def test_a_whole_save_whose_old_delta_was_left_behind_reads_as_the_whole(tmp_path):
    """A crash between saving a side file whole and removing its old delta (same
    generation): the base holds everything, the delta is not applied to it."""
    _catalog(tmp_path)
    cat = Catalog.load(tmp_path)
    cat.side("metrics")["id0"] = b"[]"
    cat.save(tmp_path, 2, 5)
    left = (tmp_path / delta_file("metrics")).read_bytes()  # delta for 2, base 1
    cat = Catalog.load(tmp_path)
    for i in range(150):
        cat.side("metrics")[f"id{i}"] = b'[{"value":0}]'
    cat.save(tmp_path, 2, 5)  # the same generation, saved whole
    (tmp_path / delta_file("metrics")).write_bytes(left)
    back = Catalog.load(tmp_path)
    assert back.metrics_of("id0") == [{"value": 0}] and back.metrics_of("id160") == [{"value": 160}]
