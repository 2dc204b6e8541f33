"""The metrics of the open document as a sortable table."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt

from scoda_desktop.core.documents import Metric
from scoda_desktop.ui.models.table import RowTableModel, format_number

_Index = QModelIndex | QPersistentModelIndex


def format_value(metric: Metric) -> str:
    """Readable value: 3.5 trillion, 2,700, 0.25; a range with both ends (3–7)."""
    value = metric.value
    if isinstance(value, int | float):
        text = format_number(value)
        if metric.high is not None and metric.high != value:
            text += f"–{format_number(metric.high)}"
        return text
    return "" if value is None else str(value)


def qualifier_text(metric: Metric) -> str:
    """The qualifier and the earlier value the text compares with: "over", "up from 412"."""
    parts = [metric.qualifier or ""]
    if metric.previous is not None:
        parts.append(f"from {format_number(metric.previous)}")
    return ", ".join(p for p in parts if p)


class MetricModel(RowTableModel):
    """Each figure twice: normalised (value and unit, the ledger's terms: "1,200 km" is
    1.2 million m) and as written, so a reader checks one against the other."""

    VALUE, UNIT, WRITTEN, MEASURES, QUALIFIER, SENTENCE = range(6)
    HEADERS = ("Value", "Unit", "As written", "Measures", "Qualifier", "Sentence")
    MetricRole = Qt.ItemDataRole.UserRole + 1
    SortRole = Qt.ItemDataRole.UserRole + 2  # numbers sort as numbers
    StartRole = Qt.ItemDataRole.UserRole + 3

    def set_metrics(self, metrics: list[Metric]) -> None:
        self.set_rows(m for m in metrics if m.kind != "date")

    def metric(self, row: int) -> Metric | None:
        return self.row_at(row)

    @staticmethod
    def _cells(m: Metric) -> tuple[str, ...]:
        return (format_value(m), m.unit, m.text, m.measures, qualifier_text(m), m.sentence)

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
            return self._cells(m)[col]
        if role == self.SortRole:
            if col == self.VALUE:
                return float(m.value) if isinstance(m.value, int | float) else float("-inf")
            return self._cells(m)[col].lower()
        if role == Qt.ItemDataRole.ToolTipRole:
            return f"{m.text}\n\n{m.sentence}"
        if role == Qt.ItemDataRole.TextAlignmentRole and col == self.VALUE:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None
