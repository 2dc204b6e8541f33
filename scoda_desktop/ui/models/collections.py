"""Collections as a two-level tree: each collection, and under it its documents with the
user's note (the Note column is editable). Documents dropped on a collection (ids from the
result list's drag) are announced with ``documents_dropped``; the controller stores them."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import (
    QAbstractItemModel,
    QMimeData,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    Signal,
)

_Index = QModelIndex | QPersistentModelIndex
DOC_MIME = "application/x-scoda-document-ids"  # newline-separated document ids
TITLE, NOTE = 0, 1


class CollectionModel(QAbstractItemModel):
    IdRole = Qt.ItemDataRole.UserRole + 1  # a document's id (None on a collection row)
    NameRole = Qt.ItemDataRole.UserRole + 2  # the collection's name, on both kinds of row
    documents_dropped = Signal(str, list)  # collection name, document ids
    note_edited = Signal(str, str, str)  # collection name, document id, note

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._colls: list[dict[str, Any]] = []

    def set_collections(self, colls: list[dict[str, Any]]) -> None:
        """``Corpus.collections()``: [{"name", "count", "documents": [{id, title, note}]}]."""
        self.beginResetModel()
        self._colls = [dict(c, documents=list(c["documents"])) for c in colls]
        self.endResetModel()

    def names(self) -> list[str]:
        return [c["name"] for c in self._colls]

    # -- tree ----------------------------------------------------------------------------
    def index(self, row: int, column: int, parent: _Index = QModelIndex()) -> QModelIndex:  # noqa: B008
        if parent.isValid():
            if parent.internalId() != 0:
                return QModelIndex()
            docs = self._colls[parent.row()]["documents"]
            if 0 <= row < len(docs):
                return self.createIndex(row, column, parent.row() + 1)
            return QModelIndex()
        if 0 <= row < len(self._colls):
            return self.createIndex(row, column, 0)
        return QModelIndex()

    def parent(self, index: _Index = QModelIndex()) -> QModelIndex:  # type: ignore[override]  # noqa: B008
        if not index.isValid() or index.internalId() == 0:
            return QModelIndex()
        return self.createIndex(int(index.internalId()) - 1, 0, 0)

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        if not parent.isValid():
            return len(self._colls)
        if parent.internalId() == 0 and parent.column() == 0:
            return len(self._colls[parent.row()]["documents"])
        return 0

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 2

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return ("Collection / document", "Note")[section]
        return None

    def _doc(self, index: _Index) -> tuple[dict[str, Any], dict[str, Any] | None]:
        if index.internalId() == 0:
            return self._colls[index.row()], None
        coll = self._colls[int(index.internalId()) - 1]
        return coll, coll["documents"][index.row()]

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        coll, doc = self._doc(index)
        if role == self.NameRole:
            return coll["name"]
        if role == self.IdRole:
            return doc["id"] if doc else None
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole):
            if doc is None:
                return f"{coll['name']} ({coll['count']})" if index.column() == TITLE else ""
            if index.column() == NOTE:
                return doc.get("note", "")
            return doc.get("title") or doc["id"]
        if role == Qt.ItemDataRole.ToolTipRole and doc is not None:
            return doc.get("note") or doc["id"]
        return None

    def flags(self, index: _Index) -> Qt.ItemFlag:
        base = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        if not index.isValid():
            return base | Qt.ItemFlag.ItemIsDropEnabled
        if index.internalId() == 0:
            return base | Qt.ItemFlag.ItemIsDropEnabled
        if index.column() == NOTE:
            return base | Qt.ItemFlag.ItemIsEditable
        return base

    def setData(self, index: _Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if role != Qt.ItemDataRole.EditRole or not index.isValid() or index.column() != NOTE:
            return False
        coll, doc = self._doc(index)
        if doc is None:
            return False
        doc["note"] = str(value)
        self.dataChanged.emit(index, index)
        self.note_edited.emit(coll["name"], doc["id"], str(value))
        return True

    # -- drops ---------------------------------------------------------------------------
    def mimeTypes(self) -> list[str]:
        return [DOC_MIME]

    def supportedDropActions(self) -> Qt.DropAction:
        return Qt.DropAction.CopyAction

    def canDropMimeData(self, data: QMimeData, action: Qt.DropAction, row: int, column: int,
                        parent: _Index) -> bool:
        return data.hasFormat(DOC_MIME) and parent.isValid()

    def dropMimeData(self, data: QMimeData, action: Qt.DropAction, row: int, column: int,
                     parent: _Index) -> bool:
        if not self.canDropMimeData(data, action, row, column, parent):
            return False
        ids = [i for i in bytes(data.data(DOC_MIME).data()).decode().split("\n") if i]
        if not ids:
            return False
        self.documents_dropped.emit(parent.data(self.NameRole), ids)
        return True
