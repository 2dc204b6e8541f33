"""One small JSON file in the data folder that the user may edit by hand.

Reading a broken file (not JSON, or not the shape we write) raises ``BrokenFileError`` with
the file, the place and what to do; nothing is ever written over it. A change made while the
file is broken first moves it aside to ``NAME.broken`` (``.broken.1``, ... if that exists)
and says so, so the user's hand edits are never lost. Writes are atomic.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

from scoda_desktop.core.fileio import atomic_write

VERSION = 1


class NotFoundError(KeyError):
    """A name that is not there (a collection, a saved search): a KeyError whose text is the
    message itself, not its repr, so the command line and the window show it as it is."""

    def __str__(self) -> str:
        return str(self.args[0]) if self.args else ""


class BrokenFileError(ValueError):
    """A hand-edited file we cannot read; the message says which file, where and why."""

    def __init__(self, path: Path, why: str) -> None:
        super().__init__(f"{path} cannot be read ({why}); fix it by hand, or the next change "
                         f"keeps it aside as {path.name}.broken and starts a new one")
        self.path = path


class JsonStore:
    """``{"version": 1, KEY: [...]}`` in ``path``; ``check`` validates each entry."""

    def __init__(self, path: Path, key: str, check: Callable[[Any, int], str | None]) -> None:
        self.path = Path(path)
        self.key = key
        self._check = check
        self.kept_aside: Path | None = None  # where the last change moved a broken file

    def read(self) -> list[dict[str, Any]]:
        """The entries (``[]`` when there is no file yet); BrokenFileError if unreadable."""
        try:
            raw = self.path.read_text(encoding="utf-8")
        except FileNotFoundError:
            return []
        except (OSError, UnicodeDecodeError) as exc:
            raise BrokenFileError(self.path, str(exc)) from exc
        try:
            data = json.loads(raw) if raw.strip() else {self.key: []}
        except ValueError as exc:
            raise BrokenFileError(self.path, f"not valid JSON: {exc}") from exc
        entries = data.get(self.key) if isinstance(data, dict) else None
        if not isinstance(entries, list):
            raise BrokenFileError(self.path, f'expected an object with a "{self.key}" list')
        for i, entry in enumerate(entries):
            why = self._check(entry, i)
            if why:
                raise BrokenFileError(self.path, f"{self.key}[{i}]: {why}")
        return entries

    def read_for_change(self) -> list[dict[str, Any]]:
        """The entries before a change; a broken file is moved aside first (``kept_aside``)."""
        self.kept_aside = None
        try:
            return self.read()
        except BrokenFileError:
            target = self.path.with_name(self.path.name + ".broken")
            n = 0
            while target.exists():
                n += 1
                target = self.path.with_name(f"{self.path.name}.broken.{n}")
            self.path.rename(target)
            self.kept_aside = target
            return []

    def write(self, entries: list[dict[str, Any]]) -> None:
        text = json.dumps({"version": VERSION, self.key: entries}, ensure_ascii=False, indent=1)
        atomic_write(self.path, text + "\n")


class NamedEntries:
    """A JSON list of named entries in the data folder (collections, saved searches): the
    reading side both share. Subclasses set ``FILE``, ``KEY``, ``check``, ``error`` and
    ``what`` (for "no collection named ...")."""

    FILE = ""
    KEY = ""
    what = ""
    error: type[NotFoundError] = NotFoundError

    @staticmethod
    def check(entry: Any, i: int) -> str | None:  # pragma: no cover - always overridden
        return None

    def __init__(self, data_dir: Path) -> None:
        self.store = JsonStore(Path(data_dir) / self.FILE, self.KEY, type(self).check)

    def list(self) -> list[dict[str, Any]]:
        return self.store.read()

    def get(self, name: str) -> dict[str, Any]:
        for entry in self.store.read():
            if entry["name"] == name:
                return entry
        raise self.error(f"no {self.what} named {name!r}")
