"""The catalog's files on disk: JSON and numpy ``.npz``, never pickle.

Why not pickle (what they were up to schema 4): the data folder is the user's, it can be
copied, shared or synced from elsewhere, and unpickling a crafted file runs code. JSON and
``np.load(allow_pickle=False)`` only ever give data back; garbage gives an error, which the
callers treat as "missing" (the catalog then rebuilds, a side file comes back empty).

Each file carries the index generation it was written for, so a file out of step with
``meta.json`` (a crash between two writes) is recognised and not used. The MinHash
signatures are the one large numeric part (128 uint32 per document): one flat array and
the offsets of each document's run, in an ``.npz``; everything else is small and JSON.
"""

from __future__ import annotations

import io
import json
from array import array
from pathlib import Path
from typing import Any

import numpy as np

from scoda_desktop.core.fileio import atomic_write

CATALOG = "catalog.json"
SIDE_NAMES = ("vocab", "signatures", "metrics", "entities", "duplicates")
_NPZ = {"signatures"}


def side_file(name: str) -> str:
    return f"{name}.npz" if name in _NPZ else f"{name}.json"


def _dumps(obj: Any) -> bytes:
    return json.dumps(obj, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


# -- the catalog proper ----------------------------------------------------------------
def save_catalog(folder: Path, generation: int, files: dict, docs: dict, groups: list) -> None:
    atomic_write(folder / CATALOG, _dumps(
        {"generation": generation, "files": files, "docs": docs, "groups": groups}))


def load_catalog(folder: Path) -> dict[str, Any] | None:
    """``generation``, ``files`` (path -> (size, mtime, sha256, id)), ``docs``, ``groups``;
    None when the file is missing or not a catalog."""
    try:
        data = json.loads((folder / CATALOG).read_bytes())
        files = {p: tuple(rec) for p, rec in data["files"].items()}
        return {"generation": data["generation"], "files": files, "docs": data["docs"],
                "groups": data["groups"]}
    except Exception:  # noqa: BLE001 - a damaged file can raise anything: rebuild
        return None


# -- side files ----------------------------------------------------------------------
def save_side(folder: Path, name: str, generation: int, data: dict[str, Any]) -> None:
    if name == "signatures":
        buf = io.BytesIO()
        ids = list(data)
        lens = np.fromiter((len(data[d]) for d in ids), dtype=np.int64, count=len(ids))
        flat = np.empty(int(lens.sum()), dtype=np.uint32)
        pos = 0
        for d, n in zip(ids, lens.tolist(), strict=True):
            flat[pos : pos + n] = data[d]
            pos += n
        np.savez(buf, generation=np.array(generation), ids=np.array(ids, dtype=str),
                 lens=lens, values=flat)
        atomic_write(folder / side_file(name), buf.getvalue())
        return
    if name == "entities":
        data = {d: [list(ents), list(aliases)] for d, (ents, aliases) in data.items()}
    elif name == "duplicates":
        data = {"edges": [[a, b, sorted(keys)] for (a, b), keys in data["edges"].items()]} \
            if "edges" in data else {}
    atomic_write(folder / side_file(name), _dumps({"generation": generation, "data": data}))


def load_side(folder: Path, name: str, generation: int) -> dict[str, Any]:
    """The side file's data for ``generation``; empty when missing, damaged or out of step."""
    try:
        if name == "signatures":
            return _load_signatures(folder / side_file(name), generation)
        raw = json.loads((folder / side_file(name)).read_bytes())
        if raw["generation"] != generation:
            return {}
        data = raw["data"]
        if name == "entities":  # hashable pairs and triples, as Catalog.add_doc keeps them
            return {d: ([tuple(e) for e in ents], [tuple(a) for a in aliases])
                    for d, (ents, aliases) in data.items()}
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
