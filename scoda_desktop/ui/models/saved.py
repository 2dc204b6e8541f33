"""Saved searches as a list: the name, and how many hits are new since its last run."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractListModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QFont

_Index = QModelIndex | QPersistentModelIndex


class SavedSearchModel(QAbstractListModel):
    NameRole = Qt.ItemDataRole.UserRole + 1
    NewRole = Qt.ItemDataRole.UserRole + 2  # new hits since the last run (int)
    EntryRole = Qt.ItemDataRole.UserRole + 3

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._entries: list[dict[str, Any]] = []

    def set_entries(self, entries: list[dict[str, Any]]) -> None:
        """Entries of ``Corpus.saved_new_counts`` (or ``saved_searches``: no counts yet)."""
        self.beginResetModel()
        self._entries = [dict(e) for e in entries]
        self.endResetModel()

    def entries(self) -> list[dict[str, Any]]:
        return [dict(e) for e in self._entries]

    def set_new(self, name: str, count: int) -> None:
        for row, entry in enumerate(self._entries):
            if entry["name"] == name:
                entry["new"] = count
                index = self.index(row)
                self.dataChanged.emit(index, index)

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._entries)

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._entries):
            return None
        entry = self._entries[index.row()]
        new = entry.get("new")
        if role == Qt.ItemDataRole.DisplayRole:
            badge = f"   {new} new" if new else ""
            total = f"  ({entry['total']})" if entry.get("total") is not None else ""
            return f"{entry['name']}  — {entry['query'] or '(every document)'}{total}{badge}"
        if role == Qt.ItemDataRole.ToolTipRole:
            filters = " ".join(f"{k}:{v}" for k, v in (entry.get("filters") or {}).items())
            last = entry.get("last_run") or "never"
            return f"{entry['query']} {filters}".strip() + f"\nlast run: {last}"
        if role == Qt.ItemDataRole.FontRole and new:
            font = QFont()
            font.setBold(True)
            return font
        if role == self.NameRole:
            return entry["name"]
        if role == self.NewRole:
            return int(new or 0)
        if role == self.EntryRole:
            return dict(entry)
        return None
