"""Entities of the open document, grouped by type (a two-level tree).

Top rows are the types present (PERSON, ORG, ...); their children are the distinct entities
with how often this document mentions them and how many corpus documents do. The parent of
a child is encoded in ``internalId`` (type row + 1), so the model stores no Qt objects.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QAbstractItemModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QColor

from scoda_desktop.core.documents import ENTITY_TYPES, Entity
from scoda_desktop.ui.render import LAYER_COLOURS, LAYER_LABELS, tint

_Index = QModelIndex | QPersistentModelIndex


@dataclass(slots=True)
class EntityRow:
    type: str
    canonical: str
    in_doc: int
    in_corpus: int | None
    first: int  # offset of the first mention


def group_entities(entities: list[Entity], corpus_counts: dict[tuple[str, str], int] | None
                   ) -> list[tuple[str, list[EntityRow]]]:
    """[(type, rows)] in ENTITY_TYPES order; rows by mentions, then name."""
    found: dict[tuple[str, str], EntityRow] = {}
    for e in sorted(entities, key=lambda e: e.start):
        key = (e.type, e.canonical)
        row = found.get(key)
        if row is None:
            corpus = corpus_counts.get(key) if corpus_counts is not None else None
            found[key] = EntityRow(e.type, e.canonical, 1, corpus, e.start)
        else:
            row.in_doc += 1
    groups = []
    for etype in ENTITY_TYPES:
        rows = [r for r in found.values() if r.type == etype]
        if rows:
            rows.sort(key=lambda r: (-r.in_doc, r.canonical.lower()))
            groups.append((etype, rows))
    return groups


class EntityModel(QAbstractItemModel):
    NAME, IN_DOC, IN_CORPUS = range(3)
    HEADERS = ("Entity", "Mentions", "Documents")
    HEADER_TIPS = ("Canonical name; aliases and acronyms count as the same entity",
                   "Mentions in the open article",
                   "Articles in the whole corpus that mention it")
    TypeRole = Qt.ItemDataRole.UserRole + 1
    CanonicalRole = Qt.ItemDataRole.UserRole + 2
    RowRole = Qt.ItemDataRole.UserRole + 3  # the EntityRow of a child, None for a type

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._groups: list[tuple[str, list[EntityRow]]] = []

    def set_entities(self, entities: list[Entity],
                     corpus_counts: dict[tuple[str, str], int] | None = None) -> None:
        self.beginResetModel()
        self._groups = group_entities(entities, corpus_counts)
        self.endResetModel()

    def types(self) -> list[str]:
        return [t for t, _ in self._groups]

    def find(self, etype: str, canonical: str) -> QModelIndex:
        for r, (t, rows) in enumerate(self._groups):
            if t == etype:
                for c, row in enumerate(rows):
                    if row.canonical == canonical:
                        return self.index(c, 0, self.index(r, 0))
        return QModelIndex()

    # -- QAbstractItemModel --------------------------------------------------------------
    def index(self, row: int, column: int, parent: _Index = QModelIndex()) -> QModelIndex:  # noqa: B008
        if not self.hasIndex(row, column, parent):
            return QModelIndex()
        if not parent.isValid():
            return self.createIndex(row, column, 0)
        return self.createIndex(row, column, parent.row() + 1)

    def parent(self, index: _Index = QModelIndex()) -> QModelIndex:  # type: ignore[override]  # noqa: B008
        if not index.isValid() or index.internalId() == 0:
            return QModelIndex()
        return self.createIndex(index.internalId() - 1, 0, 0)

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        if not parent.isValid():
            return len(self._groups)
        if parent.internalId() == 0 and parent.column() == 0:
            return len(self._groups[parent.row()][1])
        return 0

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return len(self.HEADERS)

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self.HEADERS[section]
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.ToolTipRole:
            return self.HEADER_TIPS[section]
        return None

    def _row(self, index: _Index) -> tuple[str, EntityRow | None]:
        if index.internalId() == 0:
            return self._groups[index.row()][0], None
        etype, rows = self._groups[index.internalId() - 1]
        return etype, rows[index.row()]

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        etype, row = self._row(index)
        col = index.column()
        if role == self.TypeRole:
            return etype
        if role == self.CanonicalRole:
            return row.canonical if row else None
        if role == self.RowRole:
            return row
        if role == Qt.ItemDataRole.DisplayRole:
            if row is None:
                rows = self._groups[index.row()][1]
                return (f"{LAYER_LABELS[etype]} ({len(rows)})", "", "")[col]
            corpus = "" if row.in_corpus is None else str(row.in_corpus)
            return (row.canonical, str(row.in_doc), corpus)[col]
        if role == Qt.ItemDataRole.DecorationRole and col == 0 and row is None:
            return QColor(LAYER_COLOURS[etype])
        if role == Qt.ItemDataRole.BackgroundRole and col == 0 and row is not None:
            return QColor(tint(LAYER_COLOURS[etype], 0.75))
        if role == Qt.ItemDataRole.ForegroundRole and col == 0 and row is not None:
            return QColor("#000000")
        if role == Qt.ItemDataRole.ToolTipRole and row is not None:
            return "Click: highlight every mention. Double-click: filter the search by it."
        return None
