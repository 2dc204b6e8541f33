"""Charts: feed the dumb chart widgets arrays, and turn chart clicks into actions."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QObject, Signal

from scoda_desktop.core.documents import SearchResult
from scoda_desktop.ui.chart_data import (
    docs_over_time,
    ledger_data,
    measure_name,
    series_json,
    top_entities,
)
from scoda_desktop.ui.widgets.charts import ChartPanel


class ChartController(QObject):
    open_requested = Signal(str)  # document id
    filter_requested = Signal(str, str)  # facet field, value

    def __init__(self, panel: ChartPanel, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.panel = panel
        self.series: list[dict[str, Any]] = []
        self._connect_signals()

    def _connect_signals(self) -> None:
        self.panel.ledger.measure_changed.connect(self._on_ledger_measure_changed)
        self.panel.ledger.doc_clicked.connect(self.open_requested)
        self.panel.entities.bar_clicked.connect(self.filter_requested)

    def set_series(self, series: list[Any]) -> None:
        """The corpus ledger changed: list its measures, most points first."""
        current = self.panel.ledger.measure.currentText()
        self.series = sorted((series_json(s) for s in series),
                             key=lambda s: (-len(s["points"]), s["measure"]))
        names = [measure_name(s) for s in self.series]
        index = names.index(current) if current in names else 0
        self.panel.ledger.set_measures(names, index)
        if names:
            self.choose_measure(index)

    def choose_measure(self, index: int) -> None:
        if 0 <= index < len(self.series):
            self.panel.ledger.set_data(ledger_data(self.series[index]))

    def set_results(self, result: SearchResult) -> None:
        self.panel.entities.set_data(top_entities(result.facets))
        self.panel.timeline.set_data(*docs_over_time(result.hits))

    def _on_ledger_measure_changed(self, index: int) -> None:
        self.choose_measure(index)
