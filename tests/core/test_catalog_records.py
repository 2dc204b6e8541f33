"""The catalog's file records: named fields, and catalogs saved with plain tuples still load."""

from __future__ import annotations

from scoda_desktop.core.index.schema import SCHEMA_VERSION
from scoda_desktop.core.pipeline.catalog import Catalog, FileRecord


def test_file_records_have_names_and_older_plain_tuples_still_load(tmp_path):
    cat = Catalog()
    cat.files["/a.txt"] = (10, 1.5, "abc", "id1")  # how catalogs before FileRecord kept it
    cat.files["/b.txt"] = FileRecord(20, 2.5, "def", "id1")
    cat.docs["id1"] = {"paths": ["/a.txt", "/b.txt"]}
    cat.save(tmp_path, 3, SCHEMA_VERSION)
    loaded = Catalog.load(tmp_path)
    assert loaded is not None
    assert loaded.files == {"/a.txt": FileRecord(10, 1.5, "abc", "id1"),
                            "/b.txt": FileRecord(20, 2.5, "def", "id1")}
    rec = loaded.files["/a.txt"]
    assert (rec.size, rec.mtime, rec.sha256, rec.doc_id) == (10, 1.5, "abc", "id1")
    assert loaded.doc_of_path("/b.txt") == "id1" and loaded.doc_of_path("/c.txt") is None
    assert loaded.other_paths("id1", "/a.txt") == ["/b.txt"]
