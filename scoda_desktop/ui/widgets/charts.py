"""Chart panel (pyqtgraph): the metric ledger, top entities, documents over time.

Dumb views: each plot item is created once and updated with ``setData``/``setOpts`` from
arrays the controller computed (``ui.chart_data``). Clicks come back out as signals.
"""

from __future__ import annotations

from typing import Any

import pyqtgraph as pg
from PySide6.QtCore import QPointF, Qt, Signal
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from scoda_desktop.ui.chart_data import LedgerData, point_tip
from scoda_desktop.ui.render import OKABE_ITO

MONTH = 30 * 86400


def themed_plot(parent: QWidget, **kwargs: Any) -> pg.PlotWidget:
    """A plot that follows the system palette (light or dark), not pyqtgraph's black."""
    plot = pg.PlotWidget(parent, **kwargs)
    pal = parent.palette()
    plot.setBackground(pal.color(QPalette.ColorRole.Base))
    fg = pal.color(QPalette.ColorRole.Text)
    for name in ("left", "bottom"):
        axis = plot.getAxis(name)
        axis.setPen(fg)
        axis.setTextPen(fg)
    plot.setMenuEnabled(False)
    return plot


def whole_numbers(axis: pg.AxisItem, top: float) -> None:
    """Counts are whole: tick every 1 (or 5, 10...) instead of 0.5 steps."""
    step = next((s for s in (1, 2, 5, 10, 20, 50, 100, 200, 500) if top / s <= 10), None)
    if step:
        axis.setTickSpacing(step, step)
    else:
        axis.setTickSpacing()


class ClickableBars(pg.BarGraphItem):
    """Bars that report which one was clicked (index along ``y`` or ``x``)."""

    sigBarClicked = Signal(int)

    def __init__(self, horizontal: bool, **opts: Any) -> None:
        super().__init__(**opts)
        self.horizontal = horizontal

    def bar_at(self, pos: QPointF) -> int:
        opts = self.opts
        if self.horizontal:
            ys, widths = opts.get("y"), opts.get("width")
            if ys is None or widths is None:
                return -1
            for i, (y, w) in enumerate(zip(ys, widths, strict=False)):
                if abs(pos.y() - y) <= opts.get("height", 0.8) / 2 and 0 <= pos.x() <= w:
                    return i
        return -1

    def mouseClickEvent(self, ev: Any) -> None:
        if ev.button() != Qt.MouseButton.LeftButton:
            return
        i = self.bar_at(ev.pos())
        if i >= 0:
            ev.accept()
            self.sigBarClicked.emit(i)


class LedgerChart(QWidget):
    doc_clicked = Signal(str)
    measure_changed = Signal(int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.measure = QComboBox(self)
        self.measure.setToolTip("The same measure across articles, by publication date")
        self.measure.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.info = QLabel("Hover a point for its wording; click it to open the article.", self)
        self.info.setWordWrap(True)
        self.info.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.plot = themed_plot(self, axisItems={"bottom": pg.DateAxisItem(utcOffset=0)})
        self.plot.showGrid(x=True, y=True, alpha=0.2)
        self.plot.setMenuEnabled(False)
        self.line = self.plot.plot([], [], pen=pg.mkPen(OKABE_ITO["blue"], width=2))
        self.scatter = pg.ScatterPlotItem(size=11, brush=pg.mkBrush(OKABE_ITO["blue"]),
                                          pen=pg.mkPen("#ffffff"), hoverable=True,
                                          hoverSize=15, tip=None)
        self.conflict = pg.ScatterPlotItem(size=20, symbol="o", brush=None,
                                           pen=pg.mkPen(OKABE_ITO["vermillion"], width=3))
        self.plot.addItem(self.conflict)
        self.plot.addItem(self.scatter)
        self.labels: list[pg.TextItem] = []
        self.data = LedgerData()
        top = QHBoxLayout()
        top.addWidget(QLabel("Measure:", self))
        top.addWidget(self.measure, 1)
        self.legend = QLabel(f"<span style='color:{OKABE_ITO['vermillion']}'>◯</span> "
                             "conflicting or falling figure", self)
        top.addWidget(self.legend)
        box = QVBoxLayout(self)
        box.setContentsMargins(2, 2, 2, 2)
        box.addLayout(top)
        box.addWidget(self.plot, 1)
        box.addWidget(self.info)
        self.scatter.sigClicked.connect(self._on_scatter_clicked)
        self.scatter.sigHovered.connect(self._on_scatter_hovered)
        self.measure.currentIndexChanged.connect(self.measure_changed)

    def set_measures(self, names: list[str], current: int = 0) -> None:
        self.measure.blockSignals(True)
        self.measure.clear()
        self.measure.addItems(names)
        self.measure.setCurrentIndex(current if names else -1)
        self.measure.blockSignals(False)
        if not names:
            self.set_data(LedgerData())
            self.info.setText("No measure is reported by two or more articles yet.")

    def set_data(self, data: LedgerData) -> None:
        self.data = data
        self.line.setData(data.x, data.y)
        self.scatter.setData(x=data.x, y=data.y, data=list(range(len(data.x))))
        self.conflict.setData(x=[data.x[i] for i in data.conflict_rows],
                              y=[data.y[i] for i in data.conflict_rows])
        labelled = len(data.x) if data.show_labels else 0
        while len(self.labels) < labelled:
            item = pg.TextItem(anchor=(0.5, 1.3), color=OKABE_ITO["black"])
            self.plot.addItem(item)
            self.labels.append(item)
        for i, item in enumerate(self.labels):
            if i < labelled:
                item.setText(data.labels[i])
                item.setColor(self.palette().color(QPalette.ColorRole.Text))
                item.setPos(data.x[i], data.y[i])
                item.show()
            else:
                item.hide()
        self.plot.setLabel("left", data.unit or "value")
        if data.x:
            self.plot.enableAutoRange()
            pad = max(MONTH, (max(data.x) - min(data.x)) * 0.08)
            self.plot.setXRange(min(data.x) - pad, max(data.x) + pad)
            hi = max(data.y)
            self.plot.setYRange(min(0.0, min(data.y)), hi * 1.25 if hi > 0 else 1)
        self.info.setText(data.summary())

    def _on_scatter_clicked(self, _item: Any, points: Any, _ev: Any) -> None:
        if len(points):
            row = points[0].data()
            self.doc_clicked.emit(self.data.points[int(row)]["doc"])

    def _on_scatter_hovered(self, _item: Any, points: Any, _ev: Any) -> None:
        if len(points):
            self.info.setText(point_tip(self.data.points[int(points[0].data())]))


class EntityBarsChart(QWidget):
    bar_clicked = Signal(str, str)  # facet field, value

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.plot = themed_plot(self)
        self.plot.invertY(True)
        self.plot.setMouseEnabled(x=False, y=False)
        self.plot.setLabel("bottom", "documents in the current results")
        self.bars = ClickableBars(True, x0=0, y=[], height=0.7, width=[],
                                  brush=OKABE_ITO["orange"])
        self.plot.addItem(self.bars)
        self.items: list[tuple[str, str, int]] = []
        box = QVBoxLayout(self)
        box.setContentsMargins(2, 2, 2, 2)
        box.addWidget(QLabel("Top entities in the results — click a bar to filter by it", self))
        box.addWidget(self.plot, 1)
        self.bars.sigBarClicked.connect(self._on_bars_clicked)

    def set_data(self, items: list[tuple[str, str, int]]) -> None:
        self.items = items
        ys = list(range(len(items)))
        self.bars.setOpts(y=ys, width=[c for *_, c in items], x0=0, height=0.7)
        names = [(i, (n if len(n) <= 30 else n[:29] + "…")) for i, (_f, n, _c) in
                 enumerate(items)]
        self.plot.getAxis("left").setTicks([names])
        if items:
            top = max(c for *_, c in items)
            self.plot.setYRange(-0.6, len(items) - 0.4, padding=0)
            self.plot.setXRange(0, top * 1.05, padding=0)
            whole_numbers(self.plot.getAxis("bottom"), top)

    def bar_centre(self, i: int) -> QPointF:
        """Scene position of bar ``i`` (tests click here)."""
        _f, _n, c = self.items[i]
        return self.plot.getPlotItem().vb.mapViewToScene(QPointF(c / 2, i))

    def _on_bars_clicked(self, i: int) -> None:
        if 0 <= i < len(self.items):
            field, name, _c = self.items[i]
            self.bar_clicked.emit(field, name)


class TimelineChart(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.plot = themed_plot(self, axisItems={"bottom": pg.DateAxisItem(utcOffset=0)})
        self.plot.setLabel("left", "documents")
        self.bars = pg.BarGraphItem(x=[], height=[], width=MONTH * 0.8,
                                    brush=OKABE_ITO["sky"])
        self.plot.addItem(self.bars)
        box = QVBoxLayout(self)
        box.setContentsMargins(2, 2, 2, 2)
        box.addWidget(QLabel("Documents per month in the current results", self))
        box.addWidget(self.plot, 1)

    def set_data(self, x: list[float], counts: list[int]) -> None:
        self.bars.setOpts(x=[v + MONTH / 2 for v in x], height=counts, width=MONTH * 0.8)
        if x:
            self.plot.setXRange(min(x) - MONTH, max(x) + 2 * MONTH)
            self.plot.setYRange(0, max(counts) + 1)
            whole_numbers(self.plot.getAxis("left"), max(counts))


class ChartPanel(QWidget):
    export_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.tabs = QTabWidget(self)
        self.ledger = LedgerChart(self)
        self.entities = EntityBarsChart(self)
        self.timeline = TimelineChart(self)
        self.tabs.addTab(self.ledger, "Metric ledger")
        self.tabs.addTab(self.entities, "Top entities")
        self.tabs.addTab(self.timeline, "Documents over time")
        self.export = QPushButton("Export chart as PNG…", self)
        self.tabs.setCornerWidget(self.export, Qt.Corner.TopRightCorner)
        self.filling = QLabel("", self)  # entities and metrics still being extracted
        self.filling.setVisible(False)
        box = QVBoxLayout(self)
        box.setContentsMargins(0, 0, 0, 0)
        box.addWidget(self.filling)
        box.addWidget(self.tabs)
        self.export.clicked.connect(self.export_requested)

    def set_filling(self, text: str) -> None:
        """Say the ledger and the entity bars are incomplete (empty text: they are not)."""
        self.filling.setText(text)
        self.filling.setVisible(bool(text))

    def export_png(self, path: str) -> bool:
        """Save the visible chart as PNG (pyqtgraph's SVG export is broken on PySide6 6.12)."""
        return self.tabs.currentWidget().grab().save(path, "PNG")
