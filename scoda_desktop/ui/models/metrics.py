"""The metrics of the open document as a sortable table."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt

from scoda_desktop.core.documents import Metric

_Index = QModelIndex | QPersistentModelIndex


_SCALES = ((1e12, "trillion"), (1e9, "billion"), (1e6, "million"))


def format_value(metric: Metric) -> str:
    """Readable value: 3.5 trillion, 2,700, 0.25."""
    value = metric.value
    if isinstance(value, int | float):
        for scale, word in _SCALES:
            if abs(value) >= scale:
                return f"{value / scale:,.2f}".rstrip("0").rstrip(".") + f" {word}"
        value = float(value)
    if isinstance(value, float):
        return f"{value:,.0f}" if value.is_integer() else f"{value:,.2f}".rstrip("0")
    return "" if value is None else str(value)


class MetricModel(QAbstractTableModel):
    VALUE, UNIT, MEASURES, QUALIFIER, SENTENCE = range(5)
    HEADERS = ("Value", "Unit", "Measures", "Qualifier", "Sentence")
    MetricRole = Qt.ItemDataRole.UserRole + 1
    SortRole = Qt.ItemDataRole.UserRole + 2  # numbers sort as numbers
    StartRole = Qt.ItemDataRole.UserRole + 3

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._rows: list[Metric] = []

    def set_metrics(self, metrics: list[Metric]) -> None:
        self.beginResetModel()
        self._rows = [m for m in metrics if m.kind != "date"]
        self.endResetModel()

    def metric(self, row: int) -> Metric | None:
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

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        m = self.metric(index.row()) if index.isValid() else None
        if m is None:
            return None
        col = index.column()
        if role == self.MetricRole:
            return m
        if role == self.StartRole:
            return m.start
        if role == Qt.ItemDataRole.DisplayRole:
            return (format_value(m), m.unit, m.measures, m.qualifier or "",
                    m.sentence)[col]
        if role == self.SortRole:
            if col == self.VALUE:
                return float(m.value) if isinstance(m.value, int | float) else float("-inf")
            return (format_value(m), m.unit, m.measures, m.qualifier or "",
                    m.sentence)[col].lower()
        if role == Qt.ItemDataRole.ToolTipRole:
            return f"{m.text}\n\n{m.sentence}"
        if role == Qt.ItemDataRole.TextAlignmentRole and col == self.VALUE:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None
