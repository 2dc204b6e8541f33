"""The result list: one row per Hit, with custom roles the delegate paints from."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractListModel, QMimeData, QModelIndex, QPersistentModelIndex, Qt

from scoda_desktop.core.documents import Hit
from scoda_desktop.ui.models.collections import DOC_MIME
from scoda_desktop.ui.render import copies_badge, hit_meta

_Index = QModelIndex | QPersistentModelIndex


class ResultModel(QAbstractListModel):
    HitRole = Qt.ItemDataRole.UserRole + 1
    IdRole = Qt.ItemDataRole.UserRole + 2
    TitleRole = Qt.ItemDataRole.UserRole + 3
    MetaRole = Qt.ItemDataRole.UserRole + 4  # "2025-03-09 · Xinhua"
    SnippetRole = Qt.ItemDataRole.UserRole + 5  # HTML, matches in <b>
    BadgeRole = Qt.ItemDataRole.UserRole + 6  # "2 copies" or ""
    PathRole = Qt.ItemDataRole.UserRole + 7
    NewRole = Qt.ItemDataRole.UserRole + 8  # new since the saved search's last run

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._hits: list[Hit] = []
        self._new: set[str] = set()

    def set_hits(self, hits: list[Hit]) -> None:
        self.beginResetModel()
        self._hits = list(hits)
        self.endResetModel()

    def set_new(self, ids: set[str]) -> None:
        """Mark these documents "new" (a saved search's run); an empty set clears."""
        self._new = set(ids)
        if self._hits:
            self.dataChanged.emit(self.index(0), self.index(len(self._hits) - 1))

    def hits(self) -> list[Hit]:
        return list(self._hits)

    def hit(self, row: int) -> Hit | None:
        return self._hits[row] if 0 <= row < len(self._hits) else None

    def row_of(self, doc_id: str) -> int:
        return next((i for i, h in enumerate(self._hits) if h.id == doc_id), -1)

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._hits)

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        hit = self.hit(index.row()) if index.isValid() else None
        if hit is None:
            return None
        if role in (Qt.ItemDataRole.DisplayRole, self.TitleRole):
            return hit.title or "(untitled)"
        if role == Qt.ItemDataRole.ToolTipRole:
            return hit.path
        if role == self.HitRole:
            return hit
        if role == self.IdRole:
            return hit.id
        if role == self.MetaRole:
            return hit_meta(hit.date, hit.source)
        if role == self.SnippetRole:
            return hit.snippet
        if role == self.BadgeRole:
            badge = copies_badge(hit.duplicates)
            return f"new · {badge}" if hit.id in self._new and badge else \
                "new" if hit.id in self._new else badge
        if role == self.NewRole:
            return hit.id in self._new
        if role == self.PathRole:
            return hit.path
        return None

    # -- drag (onto a collection) ----------------------------------------------------------
    def flags(self, index: _Index) -> Qt.ItemFlag:
        flags = super().flags(index)
        return flags | Qt.ItemFlag.ItemIsDragEnabled if index.isValid() else flags

    def mimeTypes(self) -> list[str]:
        return [DOC_MIME]

    def mimeData(self, indexes: list[QModelIndex]) -> QMimeData:
        data = QMimeData()
        ids = [i.data(self.IdRole) for i in indexes if i.isValid()]
        data.setData(DOC_MIME, "\n".join(dict.fromkeys(ids)).encode())
        return data
