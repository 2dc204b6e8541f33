"""What the window's read-only tables share: a list of row objects, one column per header.

The metrics of a document, the figures of a ledger series and the concordance lines are each
a ``RowTableModel`` that only says how a row shows (``data``); rows are replaced whole with
``set_rows`` (inside a model reset), never edited in place.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt

_Index = QModelIndex | QPersistentModelIndex

_SCALES = ((1e12, "trillion"), (1e9, "billion"), (1e6, "million"))


def format_number(value: float) -> str:
    """3,200 / 0.25 / 3.5 billion: what a reader expects in a table cell."""
    for scale, word in _SCALES:
        if abs(value) >= scale:
            return f"{value / scale:,.2f}".rstrip("0").rstrip(".") + f" {word}"
    value = float(value)
    return f"{value:,.0f}" if value.is_integer() else f"{value:,.2f}".rstrip("0")


class RowTableModel(QAbstractTableModel):
    """A table over ``_rows``; subclasses set ``HEADERS`` and implement ``data``."""

    HEADERS: tuple[str, ...] = ()

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._rows: list[Any] = []

    def set_rows(self, rows: Iterable[Any]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def row_at(self, row: int) -> Any:
        return self._rows[row] if 0 <= row < len(self._rows) else None

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.HEADERS)

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self.HEADERS[section]
        return None
