"""The figures of one ledger series as a sortable table: each with its date, its wording and
the document it comes from, the conflicting ones marked.

Why a table beside the chart: over thousands of documents the chart can only show the
spread; an archivist checks a figure by reading it in its sentence and its source, and the
table (a model, so 50,000 rows cost nothing until they are scrolled to) is where that happens.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QColor

from scoda_desktop.core.documents import LedgerPoint
from scoda_desktop.ui.models.table import RowTableModel, format_number
from scoda_desktop.ui.render import OKABE_ITO

_Index = QModelIndex | QPersistentModelIndex

CONFLICT_MARK = "⚠"


def value_text(point: LedgerPoint) -> str:
    text = format_number(point.value)
    if point.high is not None and point.high != point.value:
        text += f"–{format_number(point.high)}"
    return f"{CONFLICT_MARK} {text}" if point.conflict else text


class LedgerPointModel(RowTableModel):
    DATE, VALUE, UNIT, QUALIFIER, DOCUMENT, SOURCE, FIGURE, SENTENCE = range(8)
    HEADERS = ("Date", "Value", "Unit", "Qualifier", "Document", "Source", "Figure",
               "Sentence")
    PointRole = Qt.ItemDataRole.UserRole + 1
    SortRole = Qt.ItemDataRole.UserRole + 2  # values sort as numbers, dates as dates
    ConflictRole = Qt.ItemDataRole.UserRole + 3

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._unit = ""
        self._why: dict[tuple[str, float], str] = {}  # (doc, value) -> conflict message

    def set_points(self, points: list[LedgerPoint], unit: str = "",
                   conflicts: list[dict[str, Any]] | None = None) -> None:
        """The rows of one series (its unit, and its conflicts to say why a row is marked)."""
        self._unit = unit
        self._why = {}
        for c in conflicts or []:
            for doc, value in zip(c.get("docs", []), c.get("values", []), strict=False):
                self._why.setdefault((doc, float(value)), c.get("message", ""))
        self.set_rows(points)

    def point(self, row: int) -> LedgerPoint | None:
        return self.row_at(row)

    def _display(self, p: LedgerPoint, col: int) -> str:
        return (p.date, value_text(p), self._unit, p.qualifier or "", p.title or p.doc,
                p.source or "", p.text, p.sentence)[col]

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        p = self.point(index.row()) if index.isValid() else None
        if p is None:
            return None
        col = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(p, col)
        if role == self.PointRole:
            return p
        if role == self.ConflictRole:
            return p.conflict
        if role == self.SortRole:
            if col == self.VALUE:
                return p.value
            if col == self.DATE:
                return (p.date, p.doc)
            return self._display(p, col).lower()
        if role == Qt.ItemDataRole.ToolTipRole:
            why = self._why.get((p.doc, p.value), "")
            head = f"⚠ {why}\n\n" if p.conflict and why else ""
            return f"{head}{p.text}\n{p.title or p.doc}\n\n{p.sentence}"
        if role == Qt.ItemDataRole.ForegroundRole and p.conflict and col == self.VALUE:
            return QColor(OKABE_ITO["vermillion"])
        if role == Qt.ItemDataRole.TextAlignmentRole and col == self.VALUE:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None
