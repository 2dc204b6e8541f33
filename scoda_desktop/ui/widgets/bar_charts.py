"""The entity and timeline bar charts (pyqtgraph) of the chart panel.

Dumb views: each plot item is created once and updated with ``setOpts`` from arrays the
controller computed (``ui.chart_data``). Clicks come back out as signals.
"""

from __future__ import annotations

from typing import Any

import pyqtgraph as pg
from PySide6.QtCore import QPointF, Qt, Signal
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from scoda_desktop.ui.render import OKABE_ITO
from scoda_desktop.ui.widgets.plots import MONTH, themed_plot


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
