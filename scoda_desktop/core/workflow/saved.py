"""Saved searches: named queries (with filters and sort) kept in ``saved-searches.json``.

"New" has one meaning everywhere: a hit is new when its document id was not among the hits
of the previous run of that search. Saving a search counts as its first run (what it found
then is the baseline), so a run right after ``saved add`` shows nothing new, and a file
imported later shows as new once. An edited article gets a new id (ids come from the
content), so it shows as new too. An entry written by hand without ``last_hits`` has never
run: all its hits are new. The file is plain JSON, safe to edit (see ``jsonstore``).
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from scoda_desktop.core.workflow.jsonstore import NamedEntries, NotFoundError

FILE = "saved-searches.json"


class SavedSearchError(NotFoundError):
    """No saved search of that name (or a name that cannot be used)."""


def _check(entry: Any, _i: int) -> str | None:
    if not isinstance(entry, dict):
        return "each saved search is an object"
    if not isinstance(entry.get("name"), str) or not entry["name"].strip():
        return 'needs a "name" (text)'
    if not isinstance(entry.get("query"), str):
        return f'{entry["name"]!r} needs a "query" (text)'
    if not isinstance(entry.get("filters", {}), dict):
        return f'{entry["name"]!r}: "filters" must be an object'
    hits = entry.get("last_hits")
    if hits is not None and not (isinstance(hits, list) and all(isinstance(h, str)
                                                               for h in hits)):
        return f'{entry["name"]!r}: "last_hits" must be a list of document ids'
    return None


def now() -> str:
    return datetime.now().astimezone().isoformat(timespec="seconds")


class SavedSearches(NamedEntries):
    """The saved searches of one data folder."""

    FILE, KEY, what, error = FILE, "searches", "saved search", SavedSearchError
    check = staticmethod(_check)

    def add(self, name: str, query: str, *, filters: dict[str, str] | None = None,
            sort: str = "relevance", hits: list[str] | None = None) -> dict[str, Any]:
        """Save (or replace) ``name``; ``hits`` are the ids found now, the baseline."""
        name = name.strip()
        if not name:
            raise SavedSearchError("a saved search needs a name")
        entries = [e for e in self.store.read_for_change() if e["name"] != name]
        entry = {"name": name, "query": query, "filters": dict(filters or {}), "sort": sort,
                 "created": now(), "last_run": now(), "last_hits": sorted(set(hits or []))}
        entries.append(entry)
        self.store.write(entries)
        return entry

    def remove(self, name: str) -> None:
        entries = self.store.read()
        kept = [e for e in entries if e["name"] != name]
        if len(kept) == len(entries):
            raise SavedSearchError(f"no saved search named {name!r}")
        self.store.write(kept)

    def record_run(self, name: str, hits: list[str]) -> None:
        """Remember ``hits`` as this search's latest run (the next run's baseline)."""
        entries = self.store.read()
        for entry in entries:
            if entry["name"] == name:
                entry["last_run"] = now()
                entry["last_hits"] = sorted(set(hits))
                self.store.write(entries)
                return
        raise SavedSearchError(f"no saved search named {name!r}")


def new_ids(entry: dict[str, Any], hits: list[str]) -> set[str]:
    """The ids in ``hits`` that the previous run of ``entry`` did not find."""
    previous = entry.get("last_hits")
    if previous is None:
        return set(hits)
    return set(hits) - set(previous)
