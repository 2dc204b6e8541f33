"""The catalog's files on disk: JSON and numpy ``.npz``, never pickle.

Why not pickle (what they were up to schema 4): the data folder is the user's, it can be
copied, shared or synced from elsewhere, and unpickling a crafted file runs code. JSON and
``np.load(allow_pickle=False)`` only ever give data back; garbage gives an error, which the
callers treat as "missing" (the catalog then rebuilds, a side file comes back empty).

Each file carries the index generation it was written for, so a file out of step with
``meta.json`` (a crash between two writes) is recognised and not used.

Speed (a changed sync loads and rewrites every side file): the MinHash signatures (128
uint32 per document) are one flat array plus each document's length in an ``.npz``. The
metrics and entities are one UTF-8 JSON text per document, joined into one byte run with
their end offsets in an ``.npz``: loading slices the run and saving joins it, so a sync that
adds ten documents never parses or re-encodes the other entries (as one JSON document, the
metrics of 1,000 articles took 74 ms to load and 112 ms to save, pickled bytes under 1 ms).
A metrics entry is decoded by ``Catalog.metrics_of``; entities on first access
(``LazyEntities``). The catalog's file list is stored column by column (3x faster to load
than a list per file), the rest as plain JSON.
"""

from __future__ import annotations

import json
from array import array
from collections.abc import Iterator, MutableMapping
from itertools import starmap
from pathlib import Path
from typing import Any

from scoda_desktop.core.fileio import atomic_write, atomic_write_stream

CATALOG = "catalog.json"
# "containers": per web archive, how far it was read and its documents (pipeline/containers.py)
SIDE_NAMES = ("vocab", "signatures", "metrics", "entities", "duplicates", "containers")
_NPZ = {"signatures", "metrics", "entities"}
_FILE_COLUMNS = ("size", "mtime", "sha256", "id")


def side_file(name: str) -> str:
    return f"{name}.npz" if name in _NPZ else f"{name}.json"


def dumps(obj: Any) -> bytes:
    """Compact UTF-8 JSON. File names that are not valid UTF-8 reach us as lone surrogates
    (Python's ``surrogateescape``); ``surrogatepass`` keeps them, so the path read back
    still opens the file."""
    return json.dumps(obj, ensure_ascii=False, separators=(",", ":")).encode(
        "utf-8", "surrogatepass")


def loads(data: bytes) -> Any:
    return json.loads(data.decode("utf-8", "surrogatepass"))


_dumps = dumps


# -- the catalog proper ----------------------------------------------------------------
def save_catalog(folder: Path, generation: int, files: dict, docs: dict, groups: list) -> None:
    columns: dict[str, list] = {"path": list(files)}
    for i, name in enumerate(_FILE_COLUMNS):
        columns[name] = [rec[i] for rec in files.values()]
    atomic_write(folder / CATALOG, _dumps(
        {"generation": generation, "files": columns, "docs": docs, "groups": groups}))


def load_catalog(folder: Path, record: Any = tuple) -> dict[str, Any] | None:
    """``generation``, ``files`` (path -> ``record(size, mtime, sha256, id)``), ``docs``,
    ``groups``; None when the file is missing or not a catalog."""
    try:
        data = loads((folder / CATALOG).read_bytes())
        cols = data["files"]
        rows = zip(*(cols[n] for n in _FILE_COLUMNS), strict=True)
        files = dict(zip(cols["path"], starmap(record, rows), strict=True))
        return {"generation": data["generation"], "files": files, "docs": data["docs"],
                "groups": data["groups"]}
    except Exception:  # noqa: BLE001 - a damaged file can raise anything: rebuild
        return None


# -- side files ----------------------------------------------------------------------
def save_side(folder: Path, name: str, generation: int, data: dict[str, Any]) -> None:
    import numpy as np  # here, not at the top: most searches read no npz side file

    if name == "signatures":
        ids = list(data)
        lens = np.fromiter((len(data[d]) for d in ids), dtype=np.int64, count=len(ids))
        flat = np.empty(int(lens.sum()), dtype=np.uint32)
        pos = 0
        for d, n in zip(ids, lens.tolist(), strict=True):
            flat[pos : pos + n] = data[d]
            pos += n
        atomic_write_stream(folder / side_file(name), lambda fh: np.savez(
            fh, generation=np.array(generation), ids=np.array(ids, dtype=str), lens=lens,
            values=flat))
        return
    if name in ("metrics", "entities"):
        raw = data.raw if isinstance(data, LazyEntities) else {}
        entries = {d: raw[d] if d in raw else _entry_bytes(name, data[d]) for d in data}
        _save_blobs(folder / side_file(name), generation, entries)
        return
    if name == "duplicates":
        data = {"edges": [[a, b, sorted(keys)] for (a, b), keys in data["edges"].items()]} \
            if "edges" in data else {}
    atomic_write(folder / side_file(name), _dumps({"generation": generation, "data": data}))


def load_side(folder: Path, name: str, generation: int) -> dict[str, Any]:
    """The side file's data for ``generation``; empty when missing, damaged or out of step."""
    try:
        if name == "signatures":
            return _load_signatures(folder / side_file(name), generation)
        if name == "metrics":  # JSON bytes per document, decoded by Catalog.metrics_of
            return _load_blobs(folder / side_file(name), generation)
        if name == "entities":
            return LazyEntities(_load_blobs(folder / side_file(name), generation))
        raw = loads((folder / side_file(name)).read_bytes())
        if raw["generation"] != generation:
            return {}
        data = raw["data"]
        if name == "duplicates":
            if "edges" not in data:
                return {}
            return {"edges": {(a, b): {tuple(k) for k in keys}
                              for a, b, keys in data["edges"]}}
        if not isinstance(data, dict):
            return {}
        return data
    except Exception:  # noqa: BLE001 - garbage can raise anything (a bad zip, MemoryError)
        return {}


def _load_signatures(path: Path, generation: int) -> dict[str, array]:
    import numpy as np

    with np.load(path, allow_pickle=False) as npz:
        if int(npz["generation"]) != generation:
            return {}
        ids = npz["ids"].tolist()
        ends = np.cumsum(npz["lens"]).tolist()
        values = npz["values"].astype(np.uint32, copy=False).tobytes()
    out: dict[str, array] = {}
    start = 0
    for doc_id, end in zip(ids, ends, strict=True):
        sig = array("I")
        sig.frombytes(values[start * 4 : end * 4])
        out[doc_id] = sig
        start = end
    return out


# -- per-document JSON entries in one byte run ---------------------------------------------
class LazyEntities(MutableMapping):
    """doc id -> (sorted (type, canonical) pairs, (type, alias, canonical) triples), kept
    as each entry's JSON bytes (``raw``, as read from the file and as ``save_side`` writes
    them back) and decoded on each access, never kept decoded: the decoded tuples take ~5x
    the memory, and a big import or a facet table that reads every document would hold
    them all (at 10,000 articles tens of megabytes of the peak)."""

    def __init__(self, raw: dict[str, bytes]) -> None:
        self.raw = raw

    def __getitem__(self, doc_id: str) -> tuple[list, list]:
        ents, aliases = loads(self.raw[doc_id])  # KeyError when absent
        return [tuple(e) for e in ents], [tuple(a) for a in aliases]

    def __setitem__(self, doc_id: str, value: tuple) -> None:
        self.raw[doc_id] = _entry_bytes("entities", value)

    def __delitem__(self, doc_id: str) -> None:
        del self.raw[doc_id]

    def __iter__(self) -> Iterator[str]:
        return iter(self.raw)

    def __len__(self) -> int:
        return len(self.raw)

    def __contains__(self, doc_id: object) -> bool:
        return doc_id in self.raw


def _entry_bytes(name: str, value: Any) -> bytes:
    if isinstance(value, bytes):
        return value
    if isinstance(value, str):
        return value.encode("utf-8")
    if name == "entities":
        ents, aliases = value
        return _dumps([list(ents), list(aliases)])
    return _dumps(list(value))


def _save_blobs(path: Path, generation: int, entries: dict[str, bytes]) -> None:
    import numpy as np

    lens = np.fromiter(map(len, entries.values()), dtype=np.int64, count=len(entries))
    blob = np.frombuffer(b"".join(entries.values()), dtype=np.uint8)
    atomic_write_stream(path, lambda fh: np.savez(
        fh, generation=np.array(generation), ids=np.array(list(entries), dtype=str),
        ends=np.cumsum(lens), blob=blob))


def _load_blobs(path: Path, generation: int) -> dict[str, bytes]:
    import numpy as np

    with np.load(path, allow_pickle=False) as npz:
        if int(npz["generation"]) != generation:
            return {}
        ids = npz["ids"].tolist()
        ends = npz["ends"].tolist()
        blob = memoryview(npz["blob"])  # sliced as it is: no whole-file bytes copy
    starts = [0, *ends[:-1]]
    return {d: bytes(blob[a:b]) for d, a, b in zip(ids, starts, ends, strict=True)}
