"""Collections: named lists of documents, each with the user's note, in ``collections.json``.

A document is kept by its id (stable across re-syncs: ids come from the content), with the
title and path it had when it was added, so a collection still lists a document that left
the index (its file deleted or edited). Notes are searchable with ``note:``: the corpus hands
``notes()`` to the query parser, which turns a note query into a query on those ids, so the
index itself never stores notes and a note change needs no re-index.
"""

from __future__ import annotations

from typing import Any

from scoda_desktop.core.workflow.jsonstore import NamedEntries, NotFoundError
from scoda_desktop.core.workflow.saved import now

FILE = "collections.json"


class CollectionError(NotFoundError):
    """No such collection or document in it."""


def _check(entry: Any, _i: int) -> str | None:
    if not isinstance(entry, dict):
        return "each collection is an object"
    if not isinstance(entry.get("name"), str) or not entry["name"].strip():
        return 'needs a "name" (text)'
    docs = entry.get("documents", [])
    if not isinstance(docs, list):
        return f'{entry["name"]!r}: "documents" must be a list'
    for j, doc in enumerate(docs):
        if not isinstance(doc, dict) or not isinstance(doc.get("id"), str):
            return f'{entry["name"]!r}: documents[{j}] needs an "id" (text)'
        if not isinstance(doc.get("note", ""), str):
            return f'{entry["name"]!r}: documents[{j}]: "note" must be text'
    return None


class Collections(NamedEntries):
    """The collections of one data folder."""

    FILE, KEY, what, error = FILE, "collections", "collection", CollectionError
    check = staticmethod(_check)

    def add(self, name: str, doc: dict[str, Any], note: str | None = None) -> dict[str, Any]:
        """Put ``doc`` (id, title, path) in ``name`` (made if new). Adding it again keeps
        its place; ``note`` given replaces the note, None keeps it."""
        name = name.strip()
        if not name:
            raise CollectionError("a collection needs a name")
        entries = self.store.read_for_change()
        coll = next((e for e in entries if e["name"] == name), None)
        if coll is None:
            coll = {"name": name, "created": now(), "documents": []}
            entries.append(coll)
        docs = coll.setdefault("documents", [])
        item = next((d for d in docs if d["id"] == doc["id"]), None)
        if item is None:
            item = {"id": doc["id"], "note": "", "added": now()}
            docs.append(item)
        item["title"], item["path"] = doc.get("title"), doc.get("path")
        if note is not None:
            item["note"] = note
        self.store.write(entries)
        return dict(item)

    def remove(self, name: str, doc_id: str | None = None) -> None:
        """Take ``doc_id`` out of ``name``; with no id, delete the collection."""
        entries = self.store.read()
        coll = next((e for e in entries if e["name"] == name), None)
        if coll is None:
            raise CollectionError(f"no collection named {name!r}")
        if doc_id is None:
            entries.remove(coll)
        else:
            docs = coll.get("documents", [])
            kept = [d for d in docs if d["id"] != doc_id and not (
                len(doc_id) >= 4 and d["id"].startswith(doc_id))]
            if len(kept) == len(docs):
                raise CollectionError(f"{doc_id!r} is not in the collection {name!r}")
            coll["documents"] = kept
        self.store.write(entries)

    def notes(self) -> dict[str, str]:
        """doc id -> its notes (from every collection), for ``note:`` queries. A broken
        file gives no notes here (searching must not fail); listing it says why."""
        out: dict[str, list[str]] = {}
        try:
            entries = self.store.read()
        except ValueError:
            return {}
        for coll in entries:
            for doc in coll.get("documents", []):
                if doc.get("note"):
                    out.setdefault(doc["id"], []).append(doc["note"])
        return {k: "\n".join(v) for k, v in out.items()}
