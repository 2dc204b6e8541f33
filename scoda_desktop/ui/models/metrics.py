"""The metrics of the open document as a sortable table."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt

from scoda_desktop.core.documents import Metric
from scoda_desktop.ui.models.table import RowTableModel, format_number

_Index = QModelIndex | QPersistentModelIndex


def format_value(metric: Metric) -> str:
    """Readable value: 3.5 trillion, 2,700, 0.25."""
    value = metric.value
    if isinstance(value, int | float):
        return format_number(value)
    return "" if value is None else str(value)


class MetricModel(RowTableModel):
    VALUE, UNIT, MEASURES, QUALIFIER, SENTENCE = range(5)
    HEADERS = ("Value", "Unit", "Measures", "Qualifier", "Sentence")
    MetricRole = Qt.ItemDataRole.UserRole + 1
    SortRole = Qt.ItemDataRole.UserRole + 2  # numbers sort as numbers
    StartRole = Qt.ItemDataRole.UserRole + 3

    def set_metrics(self, metrics: list[Metric]) -> None:
        self.set_rows(m for m in metrics if m.kind != "date")

    def metric(self, row: int) -> Metric | None:
        return self.row_at(row)

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
