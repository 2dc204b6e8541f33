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
from typing import Any, NamedTuple

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
class SideBase(NamedTuple):
    """What an npz side file on disk holds (its generation and its entries, as loaded:
    the same objects), so a later save writes only the entries that changed since
    (``save_side``'s delta)."""

    generation: int
    entries: dict[str, Any]


def delta_file(name: str) -> str:
    return f"{name}.delta.npz"


# A delta holds at most this share of its base's entries; past it the side file is saved
# whole again (so a load reads at most ~1.5x the entries, and a first build that commits
# in batches writes each entry a few times, not once per batch)
DELTA_MAX_SHARE = 0.5


def save_side(folder: Path, name: str, generation: int, data: dict[str, Any],
              base: SideBase | None = None) -> SideBase | None:
    """Save ``data`` for ``generation``. For the npz files, given ``base`` (what the
    folder's file holds: ``load_side_parts``), only the entries that changed since go to
    ``NAME.delta.npz``, which names the base's generation; the base file stays. Why: a sync
    that changes 1% of a 10,000-article index rewrote ~60 MB of side files at each commit.
    Returns what the file on disk now holds (the base, or a new one after a whole save)."""
    if name in _NPZ:
        entries = data.raw if isinstance(data, LazyEntities) else data
        if base is not None:
            old = base.entries
            changed = {d: v for d, v in entries.items() if old.get(d, _ABSENT) is not v}
            deleted = [d for d in old if d not in entries]
            if len(changed) + len(deleted) <= DELTA_MAX_SHARE * max(len(old), 64):
                _write_entries(folder / delta_file(name), name, generation, changed,
                               base=base.generation, deleted=deleted)
                return base
        _write_entries(folder / side_file(name), name, generation, entries)
        # after the base: a crash before this leaves an out-of-step set (meta.json is
        # written last), never a delta applied to a base it was not made for
        (folder / delta_file(name)).unlink(missing_ok=True)
        return SideBase(generation, dict(entries))
    if name == "duplicates":
        data = {"edges": [[a, b, sorted(keys)] for (a, b), keys in data["edges"].items()]} \
            if "edges" in data else {}
    atomic_write(folder / side_file(name), _dumps({"generation": generation, "data": data}))
    return None


def carry_side(folder: Path, name: str, generation: int, new_generation: int) -> bool:
    """Move an npz side file that was not loaded (so did not change) from ``generation`` to
    ``new_generation`` by rewriting only its delta (the base, tens of MB, is neither read
    nor written). False when it cannot (not an npz file, missing, damaged or out of step):
    the caller loads and saves it whole."""
    if name not in _NPZ:
        return False
    try:
        delta = _read_entries(folder / delta_file(name), name, generation)
        if delta is None:
            base_gen, changed, deleted = generation, {}, []
        else:
            base_gen, changed, deleted = delta[1], delta[0], delta[2]
        if _read_generation(folder / side_file(name)) != base_gen:
            return False
    except Exception:  # noqa: BLE001 - garbage can raise anything
        return False
    _write_entries(folder / delta_file(name), name, new_generation, changed, base=base_gen,
                   deleted=deleted)
    return True


def load_side(folder: Path, name: str, generation: int) -> dict[str, Any]:
    """The side file's data for ``generation``; empty when missing, damaged or out of step."""
    return load_side_parts(folder, name, generation)[0]


def load_side_parts(folder: Path, name: str, generation: int
                    ) -> tuple[dict[str, Any], SideBase | None]:
    """``load_side``, and for an npz file what its base file holds (for ``save_side``)."""
    try:
        if name in _NPZ:
            delta = _read_entries(folder / delta_file(name), name, generation)
            base_gen = generation if delta is None else delta[1]
            if delta is not None and _read_generation(folder / side_file(name)) == generation \
                    and base_gen != generation:
                # a whole save for this generation whose old delta was not yet removed
                # (a crash between the two): the base holds everything
                delta, base_gen = None, generation
            read = _read_entries(folder / side_file(name), name, base_gen)
            if read is None or read[1] >= 0:  # a base is no delta
                return _empty(name), None
            entries = dict(read[0])
            if delta is not None:
                entries.update(delta[0])
                for doc_id in delta[2]:
                    entries.pop(doc_id, None)
            base = SideBase(base_gen, read[0])
            return (LazyEntities(entries) if name == "entities" else entries), base
        raw = loads((folder / side_file(name)).read_bytes())
        if raw["generation"] != generation:
            return {}, None
        data = raw["data"]
        if name == "duplicates":
            if "edges" not in data:
                return {}, None
            return {"edges": {(a, b): {tuple(k) for k in keys}
                              for a, b, keys in data["edges"]}}, None
        if not isinstance(data, dict):
            return {}, None
        return data, None
    except Exception:  # noqa: BLE001 - garbage can raise anything (a bad zip, MemoryError)
        return _empty(name), None


_ABSENT = object()


def _empty(name: str) -> dict[str, Any]:
    return LazyEntities({}) if name == "entities" else {}


def _read_generation(path: Path) -> int:
    import numpy as np

    with np.load(path, allow_pickle=False) as npz:
        return int(npz["generation"])


def _write_entries(path: Path, name: str, generation: int, entries: dict[str, Any],
                   base: int = -1, deleted: list[str] | None = None) -> None:
    """One npz of entries: signatures as one flat uint32 array and each one's length, the
    others as their JSON bytes in one run and its end offsets; a delta also names its
    base's generation and the ids deleted since."""
    import numpy as np  # here, not at the top: most searches read no npz side file

    extra: dict[str, Any] = {}
    if base >= 0:
        extra = {"base": np.array(base), "deleted": np.array(deleted or [], dtype=str)}
    ids = np.array(list(entries), dtype=str)
    if name == "signatures":
        lens = np.fromiter(map(len, entries.values()), dtype=np.int64, count=len(entries))
        flat = np.empty(int(lens.sum()), dtype=np.uint32)
        pos = 0
        for sig, n in zip(entries.values(), lens.tolist(), strict=True):
            flat[pos : pos + n] = sig
            pos += n
        atomic_write_stream(path, lambda fh: np.savez(
            fh, generation=np.array(generation), ids=ids, lens=lens, values=flat, **extra))
        return
    values = [_entry_bytes(name, v) for v in entries.values()]
    lens = np.fromiter(map(len, values), dtype=np.int64, count=len(values))
    blob = np.frombuffer(b"".join(values), dtype=np.uint8)
    atomic_write_stream(path, lambda fh: np.savez(
        fh, generation=np.array(generation), ids=ids, ends=np.cumsum(lens), blob=blob,
        **extra))


def _read_entries(path: Path, name: str, generation: int
                  ) -> tuple[dict[str, Any], int, list[str]] | None:
    """(entries, the base generation (-1 for a base file), deleted ids) of one npz side
    file written for ``generation``; None when it is missing or of another generation."""
    import numpy as np

    if not path.exists():
        return None
    with np.load(path, allow_pickle=False) as npz:
        if int(npz["generation"]) != generation:
            return None
        base = int(npz["base"]) if "base" in npz.files else -1
        deleted = npz["deleted"].tolist() if "deleted" in npz.files else []
        ids = npz["ids"].tolist()
        if name == "signatures":
            ends = np.cumsum(npz["lens"]).tolist()
            values = npz["values"].astype(np.uint32, copy=False).tobytes()
            out: dict[str, Any] = {}
            start = 0
            for doc_id, end in zip(ids, ends, strict=True):
                sig = array("I")
                sig.frombytes(values[start * 4 : end * 4])
                out[doc_id] = sig
                start = end
            return out, base, deleted
        ends = npz["ends"].tolist()
        blob = memoryview(npz["blob"])  # sliced as it is: no whole-file bytes copy
    starts = [0, *ends][: len(ends)]
    return ({d: bytes(blob[a:b]) for d, a, b in zip(ids, starts, ends, strict=True)},
            base, deleted)


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
