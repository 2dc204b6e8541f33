"""Chart panel: the metric ledger, top entities, documents over time.

The plots are pyqtgraph, and importing it costs ~0.5 s (numpy, its Qt shim, its colour
maps) before the window could paint. So the panel builds them on first use (the first
search result or ledger, or a test reaching ``ledger``/``entities``/``timeline``), after
the window is on screen; until then its tabs are empty pages. Their signals are forwarded
from the panel's own, so a controller connects without building anything.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QLabel,
    QPushButton,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

if TYPE_CHECKING:
    from scoda_desktop.ui.widgets.bar_charts import EntityBarsChart, TimelineChart
    from scoda_desktop.ui.widgets.ledger_chart import LedgerChart

TABS = ("Metric ledger", "Top entities", "Documents over time")


class ChartPanel(QWidget):
    export_requested = Signal()
    measure_changed = Signal(int)  # the ledger's measure list
    point_chosen = Signal(object)  # LedgerPoint: open its document at the figure
    bar_clicked = Signal(str, str)  # an entity bar: facet field, value

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.tabs = QTabWidget(self)
        self._charts: tuple[LedgerChart, EntityBarsChart, TimelineChart] | None = None
        for title in TABS:
            self.tabs.addTab(QWidget(self), title)
        self.tabs.currentChanged.connect(self._on_tab_changed)
        self.export = QPushButton("Export chart as PNG…", self)
        self.tabs.setCornerWidget(self.export, Qt.Corner.TopRightCorner)
        self.filling = QLabel("", self)  # entities and metrics still being extracted
        self.filling.setVisible(False)
        box = QVBoxLayout(self)
        box.setContentsMargins(0, 0, 0, 0)
        box.addWidget(self.filling)
        box.addWidget(self.tabs)
        self.export.clicked.connect(self.export_requested)

    def _built(self) -> tuple[LedgerChart, EntityBarsChart, TimelineChart]:
        if self._charts is None:
            from scoda_desktop.ui.widgets.bar_charts import EntityBarsChart, TimelineChart
            from scoda_desktop.ui.widgets.ledger_chart import LedgerChart

            charts = (LedgerChart(self), EntityBarsChart(self), TimelineChart(self))
            self._charts = charts
            current = self.tabs.currentIndex()
            self.tabs.blockSignals(True)
            for i, (chart, title) in enumerate(zip(charts, TABS, strict=True)):
                placeholder = self.tabs.widget(i)
                self.tabs.removeTab(i)
                self.tabs.insertTab(i, chart, title)
                placeholder.deleteLater()
            self.tabs.setCurrentIndex(current)
            self.tabs.blockSignals(False)
            charts[0].measure_changed.connect(self.measure_changed)
            charts[0].point_chosen.connect(self.point_chosen)
            charts[1].bar_clicked.connect(self.bar_clicked)
        return self._charts

    @property
    def ledger(self) -> LedgerChart:
        return self._built()[0]

    @property
    def entities(self) -> EntityBarsChart:
        return self._built()[1]

    @property
    def timeline(self) -> TimelineChart:
        return self._built()[2]

    def _on_tab_changed(self, _index: int) -> None:
        self._built()  # a tab shown before any result: its chart, empty

    def set_filling(self, text: str) -> None:
        """Say the ledger and the entity bars are incomplete (empty text: they are not)."""
        self.filling.setText(text)
        self.filling.setVisible(bool(text))

    def export_png(self, path: str) -> bool:
        """Save the visible chart as PNG (pyqtgraph's SVG export is broken on PySide6 6.12)."""
        self._built()
        return self.tabs.currentWidget().grab().save(path, "PNG")
