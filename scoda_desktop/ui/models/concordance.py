"""The concordance table: one row per KWIC line, aligned on the match like AntConc.

Columns: left context (right-aligned, so every match starts at the same place), the match,
the right context, the document. The font is monospace so the contexts line up to the
character. Lines are ``workflow.kwic.KwicLine`` objects returned by ``Corpus.concordance``.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QFont, QFontDatabase

from scoda_desktop.ui.models.table import RowTableModel

_Index = QModelIndex | QPersistentModelIndex
LEFT, MATCH, RIGHT, DOC = range(4)
HEADERS = ("Left context", "Match", "Right context", "Document")


class ConcordanceModel(RowTableModel):
    HEADERS = HEADERS
    LineRole = Qt.ItemDataRole.UserRole + 1

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._mono = QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont)
        self._bold = QFont(self._mono)
        self._bold.setBold(True)

    def set_lines(self, lines: list[Any]) -> None:
        self.set_rows(lines)

    def lines(self) -> list[Any]:
        return list(self._rows)

    def line(self, row: int) -> Any:
        return self.row_at(row)

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        line = self.line(index.row()) if index.isValid() else None
        if line is None:
            return None
        col = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            if col == LEFT:
                return line.shown_left()
            if col == MATCH:
                return line.match.replace("\n", " ")
            if col == RIGHT:
                return line.shown_right()
            return line.title or line.path
        if role == Qt.ItemDataRole.TextAlignmentRole:
            side = Qt.AlignmentFlag.AlignRight if col == LEFT else Qt.AlignmentFlag.AlignLeft
            if col == MATCH:
                side = Qt.AlignmentFlag.AlignHCenter
            return side | Qt.AlignmentFlag.AlignVCenter
        if role == Qt.ItemDataRole.FontRole and col != DOC:
            return self._bold if col == MATCH else self._mono
        if role == Qt.ItemDataRole.ToolTipRole:
            return f"{line.title or ''}\n{line.date or ''}  {line.path}  @{line.start}"
        if role == self.LineRole:
            return line
        return None
