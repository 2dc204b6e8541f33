"""User preferences: a typed, Qt-free object saved as JSON in the user config dir.

Window geometry and dock layout are Qt's business (``QSettings``); what the user chose
(recent queries, which highlight layers are on, whether boilerplate is shown) lives here so
it is readable, testable without Qt, and survives a Qt upgrade.
"""

from __future__ import annotations

import json
import logging
from dataclasses import asdict, dataclass, field
from pathlib import Path

from platformdirs import user_config_dir

from scoda_desktop.core.fileio import atomic_write
from scoda_desktop.ui.render import LAYERS

log = logging.getLogger(__name__)
MAX_RECENT = 15


def default_path() -> Path:
    return Path(user_config_dir("scoda-desktop")) / "preferences.json"


@dataclass
class Preferences:
    recent_queries: list[str] = field(default_factory=list)
    layers: list[str] = field(default_factory=lambda: list(LAYERS))  # highlight layers on
    show_removed: bool = False
    path: Path | None = field(default=None, repr=False, compare=False)

    def remember_query(self, query: str) -> None:
        """Most recent first, no duplicates, at most ``MAX_RECENT``."""
        query = query.strip()
        if not query:
            return
        self.recent_queries = [query] + [q for q in self.recent_queries if q != query]
        del self.recent_queries[MAX_RECENT:]

    @classmethod
    def load(cls, path: Path | None = None) -> Preferences:
        """Read the file; a missing or damaged file gives the defaults (never raises)."""
        path = path or default_path()
        prefs = cls(path=path)
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except FileNotFoundError:
            return prefs
        except (OSError, ValueError) as exc:
            log.warning("ignoring unreadable preferences %s: %s", path, exc)
            return prefs
        if isinstance(data, dict):
            recent = data.get("recent_queries")
            if isinstance(recent, list):
                prefs.recent_queries = [str(q) for q in recent][:MAX_RECENT]
            layers = data.get("layers")
            if isinstance(layers, list):
                prefs.layers = [str(x) for x in layers if x in LAYERS]
            prefs.show_removed = bool(data.get("show_removed", False))
        return prefs

    def save(self) -> None:
        """Write atomically (a crash mid-write leaves the old file)."""
        path = self.path or default_path()
        data = {k: v for k, v in asdict(self).items() if k != "path"}
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            atomic_write(path, json.dumps(data, indent=2, ensure_ascii=False))
        except OSError as exc:
            log.warning("could not save preferences %s: %s", path, exc)
