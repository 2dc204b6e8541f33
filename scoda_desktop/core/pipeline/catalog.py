"""The catalog: what the index knows about files and documents, outside Whoosh.

Why a sidecar: an unchanged re-sync must answer "did anything change?" from (path, size,
mtime) alone, without opening the index; facets need each document's source, year and
entities as arrays, not by unpickling stored fields; paths and near-duplicate groups change
without a document's content changing. Each file carries the index generation it belongs to,
so a catalog that does not match the committed index (a crash between the two writes) is
detected and the index rebuilt.

Files in the index folder: ``meta.json`` (schema version, generation), ``catalog.json``
(files, documents, duplicate groups), and lazily loaded ``vocab.json`` (words for
prefix/fuzzy/suggestions), ``signatures.npz`` (MinHash), ``metrics.npz``,
``entities.npz`` and ``duplicates.json`` (the confirmed near-duplicate pairs, so a sync
compares only the LSH buckets its documents fall into). JSON and npz, never pickle: see
``sidefiles.py``.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, NamedTuple

from scoda_desktop.core.documents import EXTRACTION_VERSION
from scoda_desktop.core.fileio import atomic_write
from scoda_desktop.core.pipeline.sidefiles import (
    CATALOG,
    SIDE_NAMES,
    LazyEntities,
    SideBase,
    carry_side,
    load_catalog,
    load_side_parts,
    loads,
    save_catalog,
    save_side,
)

META = "meta.json"
_SIDE = SIDE_NAMES


def read_meta(folder: Path) -> dict[str, Any] | None:
    try:
        return json.loads((folder / META).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None


def catalog_digest(folder: Path) -> str | None:
    """SHA-1 of the catalog file's bytes (None when it cannot be read): the facts a search
    table copied from it (``IndexStore``, lean) are used only while it matches (~1 ms for
    the 2 MB of 5,000 articles; Whoosh has imported hashlib already)."""
    import hashlib

    try:
        data = (folder / CATALOG).read_bytes()
    except OSError:
        return None
    return hashlib.sha1(data, usedforsecurity=False).hexdigest()


def metrics_entry(value: Any) -> list[dict[str, Any]]:
    """One ``metrics`` side-file entry as a list: UTF-8 JSON (what ``prepare`` makes, kept
    encoded so a big import holds one bytes object per document, and a sync rewrites the
    side file without decoding it), or a plain list (hand-built)."""
    if isinstance(value, bytes):
        return loads(value)
    return json.loads(value) if isinstance(value, str) else list(value)


class FileRecord(NamedTuple):
    """What the catalog knows of one file: enough to tell "unchanged" from a stat alone."""

    size: int
    mtime: float
    sha256: str
    doc_id: str


@dataclass
class Catalog:
    """What the index knows of the files and documents besides Whoosh's segments: the
    files' stat records, each document's facts, near-duplicate groups and side files."""

    generation: int = -1
    # path -> (size, mtime, sha256, doc id)
    files: dict[str, FileRecord] = field(default_factory=dict)
    # doc id -> facts (title, date, source, language, words, metrics count, paths); the
    # entities are in the "entities" side file (see add_doc)
    docs: dict[str, dict[str, Any]] = field(default_factory=dict)
    # near-duplicate groups of doc ids (each of two or more)
    groups: list[list[str]] = field(default_factory=list)
    folder: Path | None = None
    _side: dict[str, Any] = field(default_factory=dict)
    # what each npz side file in ``folder`` holds, as loaded: a save writes a delta
    # against it (``sidefiles.save_side``)
    _base: dict[str, SideBase] = field(default_factory=dict)

    # -- lazily loaded sidecars ---------------------------------------------------------
    def side(self, name: str) -> dict[str, Any]:
        """``vocab`` (word -> term), ``signatures`` (id -> MinHash), ``metrics`` (id -> UTF-8
        JSON of a list: see ``metrics_of``),
        ``entities`` (id -> (sorted (type, canonical) pairs, (type, alias, canonical) triples)),
        ``duplicates`` ({"edges": confirmed near-duplicate pairs -> their buckets})."""
        if name not in self._side:
            data: dict[str, Any] = {}
            if self.folder is not None:
                data, base = load_side_parts(self.folder, name, self.generation)
                if base is not None:
                    self._base[name] = base
            if name == "entities" and not isinstance(data, LazyEntities):
                data = LazyEntities(dict(data))  # entries kept encoded (see LazyEntities)
            self._side[name] = data
        return self._side[name]

    def load_all(self) -> None:
        """Load every side file now (see ``IndexStore.preload``)."""
        for name in _SIDE:
            self.side(name)

    def add_doc(self, doc_id: str, info: dict[str, Any]) -> None:
        """A new document's facts; entities go to their own lazily loaded file so that an
        unchanged re-sync does not parse every entity of the corpus."""
        info = dict(info)
        entities, aliases = info.pop("entities", []), info.pop("aliases", [])
        info.setdefault("paths", [])
        self.docs[doc_id] = info
        self.side("entities")[doc_id] = (entities, aliases)

    def drop_doc(self, doc_id: str) -> None:
        self.docs.pop(doc_id, None)
        for name in ("signatures", "metrics", "entities"):
            self.side(name).pop(doc_id, None)

    def regroup(self, removed: dict[str, Any], added: list[str]) -> None:
        """Near-duplicate ``groups`` after a sync that dropped the documents in ``removed``
        (id -> their signature) and added ``added`` (their signatures already stored).

        The confirmed pairs, with the buckets that yielded them, are kept in the
        ``duplicates`` side file; only the buckets of the removed and added documents are
        compared again (``dedup.update_edges``), which gives the pairs a full computation
        would. A catalog without that file (a new one, one from an older version, or an
        out-of-step file) computes every bucket once.
        """
        from scoda_desktop.core.ingest.dedup import duplicate_edges, groups_of, update_edges

        sigs = self.side("signatures")
        edges = self.side("duplicates").get("edges")
        if edges is None:
            edges = duplicate_edges(sigs)
        else:
            edges = update_edges(edges, sigs, removed, added)
        self._side["duplicates"] = {"edges": edges}
        self.groups = groups_of(edges)

    # -- enrichment (the second phase of a sync: see pipeline/enrich.py) ----------------
    def unenriched(self) -> list[str]:
        """Documents searchable but still waiting for entities, metrics and MinHash (their
        facts carry ``"enrich": 1`` from the first phase; saved with the catalog, so a
        killed sync leaves the next one to finish them), and documents whose entities and
        metrics an older version of the extraction found (``"extractor"`` below
        ``EXTRACTION_VERSION``): they are extracted again by the same second phase."""
        return [doc_id for doc_id, info in self.docs.items()
                if info.get("enrich") or info.get("extractor", 1) != EXTRACTION_VERSION]

    def set_enriched(self, doc_id: str, info: dict[str, Any] | None, signature: Any,
                     metrics: bytes | None) -> None:
        """Record a document's enrichment (``info``: its full facts, ``prepare`` made them)
        and clear its mark; ``info=None`` only clears the mark."""
        facts = self.docs.get(doc_id)
        if facts is None:
            return
        facts.pop("enrich", None)
        facts["extractor"] = EXTRACTION_VERSION
        if info is None:
            return
        facts["metrics"] = info.get("metrics", 0)
        self.side("entities")[doc_id] = (info.get("entities", []), info.get("aliases", []))
        self.side("signatures")[doc_id] = signature
        self.side("metrics")[doc_id] = metrics

    def metrics_of(self, doc_id: str) -> list[dict[str, Any]]:
        """A document's metrics (Metric JSON dicts) from the ``metrics`` side file, where
        each entry is kept as UTF-8 JSON (compact while an import waits for its commit)."""
        return metrics_entry(self.side("metrics").get(doc_id, []))

    def entities(self, doc_id: str) -> list[tuple[str, str]]:
        return list(self.side("entities").get(doc_id, ((), ()))[0])

    def entity_pairs(self) -> Iterator[tuple[str, list[tuple[str, str]]]]:
        """(doc id, its (type, canonical) pairs) for every document in the catalog."""
        for doc_id, (entities, _aliases) in self.side("entities").items():
            if doc_id in self.docs:
                yield doc_id, [(etype, canonical) for etype, canonical in entities]

    def metric_items(self) -> Iterator[tuple[str, dict[str, Any], list[dict[str, Any]]]]:
        """(doc id, its facts, its metrics as Metric JSON dicts) for every document that
        has metrics."""
        for doc_id in self.side("metrics"):
            info = self.docs.get(doc_id)
            if info is not None:
                yield doc_id, info, self.metrics_of(doc_id)

    def doc_of_path(self, path: str) -> str | None:
        """The document id a file path was indexed as (any copy), or None."""
        rec = self.files.get(path)
        return rec.doc_id if rec is not None else None

    def group_of(self) -> dict[str, list[str]]:
        return {doc_id: group for group in self.groups for doc_id in group}

    def other_paths(self, doc_id: str, own: str | None = None) -> list[str]:
        """Paths of the other copies: identical files, then near-duplicate documents."""
        info = self.docs.get(doc_id, {})
        out = [p for p in info.get("paths", []) if p != own]
        for other in self.group_of().get(doc_id, []):
            if other != doc_id:
                out.extend(self.places_of(other))
        return out

    def places_of(self, doc_id: str) -> list[str]:
        """Where a document is: its paths, or ``archive#offset`` for a web archive's record
        (many documents share that path; ``Corpus.resolve`` takes this form back)."""
        info = self.docs.get(doc_id, {})
        record = info.get("record")
        paths = info.get("paths", [])
        return [f"{p}#{record}" for p in paths] if record is not None else list(paths)

    # -- persistence -------------------------------------------------------------------
    @classmethod
    def load(cls, folder: Path) -> Catalog | None:
        """The catalog of the index in ``folder``, or None if missing or out of step."""
        meta = read_meta(folder)
        if meta is None:
            return None
        data = load_catalog(folder, FileRecord)
        if data is None:
            return None
        if data.get("generation") != meta.get("generation"):
            return None
        return cls(data["generation"], data["files"], data["docs"], data["groups"], folder)

    def save(self, folder: Path, generation: int, schema_version: int) -> None:
        """Write every part for ``generation``; meta.json last, so it marks a complete set."""
        same_folder = self.folder is not None and folder == self.folder
        for name in _SIDE:
            if same_folder and name not in self._side:  # not loaded, so not changed
                if generation == self.generation:
                    continue  # its file is still current
                if carry_side(folder, name, self.generation, generation):
                    continue  # its delta names the new generation, the base stays
            base = self._base.pop(name, None) if same_folder else None
            new_base = save_side(folder, name, generation, self.side(name), base)
            if new_base is not None:
                self._base[name] = new_base
        save_catalog(folder, generation, self.files, self.docs, self.groups)
        atomic_write(folder / META, json.dumps(
            {"schema_version": schema_version, "generation": generation}).encode())
        self.generation, self.folder = generation, folder
