"""The metric ledger tab: a measure chooser, the chart of the chosen series and, beside it, the
table of its figures with their sources.

Dumb view: every plot item is made once here and updated with ``setData`` from the arrays of
``ui.chart_data.LedgerData``; the table is a view over ``LedgerPointModel``. What the user
picks (a point, a row) comes back out as ``point_chosen``; nothing here reads the corpus.
Legibility: value labels for a few points, circles for a few hundred, past that the spread per
date or month (median line in a min-max band) with a tick along the bottom for each date or
month holding a conflict.
"""

from __future__ import annotations

import bisect
from typing import Any

import pyqtgraph as pg
from PySide6.QtCore import QItemSelectionModel, QModelIndex, QSortFilterProxyModel, Qt, Signal
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from scoda_desktop.ui.chart_data import LedgerData, point_tip
from scoda_desktop.ui.models.ledger import LedgerPointModel
from scoda_desktop.ui.render import OKABE_ITO
from scoda_desktop.ui.widgets.plots import MONTH, themed_plot

_WIDTHS = {LedgerPointModel.DATE: 84, LedgerPointModel.VALUE: 96, LedgerPointModel.UNIT: 64,
           LedgerPointModel.QUALIFIER: 70, LedgerPointModel.DOCUMENT: 220,
           LedgerPointModel.SOURCE: 110, LedgerPointModel.FIGURE: 170}


class LedgerChart(QWidget):
    point_chosen = Signal(object)  # LedgerPoint: open its document at the figure
    measure_changed = Signal(int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.measure = QComboBox(self)
        self.measure.setToolTip("One measure of one subject across the documents shown, by "
                                "publication date; the series with the most figures first")
        self.measure.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.measure.setMinimumContentsLength(36)
        self.scope = QLabel("", self)  # which documents the ledger is of
        self.scope.setStyleSheet("color: palette(placeholder-text);")
        self.info = QLabel("Hover a point for its wording; click it or a row to open the "
                           "article at that figure.", self)
        self.info.setWordWrap(True)
        self.info.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self._build_plot()
        self.model = LedgerPointModel(self)
        self.proxy = QSortFilterProxyModel(self)
        self.proxy.setSourceModel(self.model)
        self.proxy.setSortRole(LedgerPointModel.SortRole)
        self.table = self._build_table()
        self.data = LedgerData()
        top = QHBoxLayout()
        top.addWidget(QLabel("Measure:", self))
        top.addWidget(self.measure, 1)
        top.addWidget(self.scope)
        self.legend = QLabel(f"<span style='color:{OKABE_ITO['vermillion']}'>◯ | ⚠</span> "
                             "conflicting or falling figure", self)
        top.addWidget(self.legend)
        self.split = QSplitter(Qt.Orientation.Horizontal, self)
        self.split.addWidget(self.plot)
        self.split.addWidget(self.table)
        self.split.setStretchFactor(0, 1)
        self.split.setStretchFactor(1, 1)
        self.split.setChildrenCollapsible(False)
        self.split.setSizes([560, 440])  # scaled to the width: the chart a little wider
        box = QVBoxLayout(self)
        box.setContentsMargins(2, 2, 2, 2)
        box.addLayout(top)
        box.addWidget(self.split, 1)
        box.addWidget(self.info)
        self._connect_signals()

    def _build_plot(self) -> None:
        self.plot = themed_plot(self, axisItems={"bottom": pg.DateAxisItem(utcOffset=0)})
        self.plot.showGrid(x=True, y=True, alpha=0.2)
        self.low = pg.PlotDataItem([], [], pen=pg.mkPen(None))
        self.high = pg.PlotDataItem([], [], pen=pg.mkPen(None))
        band = pg.mkColor(OKABE_ITO["sky"])
        band.setAlpha(90)
        self.band = pg.FillBetweenItem(self.low, self.high, brush=pg.mkBrush(band))
        self.plot.addItem(self.band)
        self.line = self.plot.plot([], [], pen=pg.mkPen(OKABE_ITO["blue"], width=2))
        self.scatter = pg.ScatterPlotItem(size=11, brush=pg.mkBrush(OKABE_ITO["blue"]),
                                          pen=pg.mkPen("#ffffff"), hoverable=True,
                                          hoverSize=15, tip=None)
        self.conflict = pg.ScatterPlotItem(size=20, symbol="o", brush=None,
                                           pen=pg.mkPen(OKABE_ITO["vermillion"], width=3))
        self.plot.addItem(self.conflict)
        self.plot.addItem(self.scatter)
        self.labels: list[pg.TextItem] = []

    def _build_table(self) -> QTableView:
        table = QTableView(self)
        table.setModel(self.proxy)
        table.setSortingEnabled(True)
        table.sortByColumn(-1, Qt.SortOrder.AscendingOrder)  # the model's date order
        table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        table.setWordWrap(False)
        table.verticalHeader().setVisible(False)
        # fixed row heights and column widths: sizing to contents would measure every row
        table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        table.verticalHeader().setDefaultSectionSize(table.fontMetrics().height() + 6)
        header = table.horizontalHeader()
        for col, width in _WIDTHS.items():
            header.resizeSection(col, width)
        header.setStretchLastSection(True)
        return table

    def _connect_signals(self) -> None:
        self.scatter.sigClicked.connect(self._on_scatter_clicked)
        self.scatter.sigHovered.connect(self._on_scatter_hovered)
        self.measure.currentIndexChanged.connect(self.measure_changed)
        self.table.clicked.connect(self._on_table_clicked)
        self.table.activated.connect(self._on_table_clicked)

    # -- data ------------------------------------------------------------------------------
    def set_scope(self, text: str) -> None:
        self.scope.setText(text)

    def set_measures(self, names: list[str], current: int = 0, empty: str = "") -> None:
        self.measure.blockSignals(True)
        self.measure.clear()
        self.measure.addItems(names)
        self.measure.setCurrentIndex(current if names else -1)
        self.measure.blockSignals(False)
        if not names:
            self.set_data(LedgerData())
            self.info.setText(empty or "No measure is reported by two or more articles.")

    def set_data(self, data: LedgerData, conflicts: list[dict[str, Any]] | None = None
                 ) -> None:
        self.data = data
        self.model.set_points(data.points, data.unit, conflicts)
        if data.show_symbols:
            self.line.setData(data.x, data.y)
            self.low.setData([], [])
            self.high.setData([], [])
            self.scatter.setData(x=data.x, y=data.y, data=list(range(len(data.x))),
                                 size=11 if data.show_labels else 7)
            self.conflict.setData(x=[data.x[i] for i in data.conflict_rows],
                                  y=[data.y[i] for i in data.conflict_rows],
                                  size=20 if data.show_labels else 12, symbol="o")
        else:  # the spread per bin: no wall of circles
            self.line.setData(data.bin_x, data.bin_median)
            self.low.setData(data.bin_x, data.bin_low)
            self.high.setData(data.bin_x, data.bin_high)
            self.scatter.setData(x=[], y=[], data=[])
            # one tick per date or month holding a conflict, along the bottom (a rug): it
            # says when figures disagree without covering the spread it is about
            floor = min(0.0, min(data.y))
            flagged = self._conflict_bins(data)
            self.conflict.setData(x=[data.bin_x[i] for i in flagged], y=[floor] * len(flagged),
                                  size=12, symbol="|")
        self._set_labels(data)
        self.plot.setLabel("left", data.unit or "value")
        # An empty plot has no axes: with no points pyqtgraph's default range drew 1970's
        # clock times along the bottom and "value (x0.001)" up the side.
        for axis in ("left", "bottom"):
            self.plot.getPlotItem().showAxis(axis, bool(data.x))
        if data.x:
            self.plot.enableAutoRange()
            pad = max(MONTH, (max(data.x) - min(data.x)) * 0.08)
            self.plot.setXRange(min(data.x) - pad, max(data.x) + pad)
            hi = max(data.y)
            self.plot.setYRange(min(0.0, min(data.y)), hi * 1.25 if hi > 0 else 1)
        self.info.setText(data.summary())

    @staticmethod
    def _conflict_bins(data: LedgerData) -> list[int]:
        """Indexes of the bins that hold a conflicting point (the x of a point's bin is the
        last bin start at or before it)."""
        return sorted({bisect.bisect_right(data.bin_x, data.x[i]) - 1
                       for i in data.conflict_rows} - {-1})

    def _set_labels(self, data: LedgerData) -> None:
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

    def select_row(self, row: int) -> None:
        """Select and show the table row of point ``row`` (an index into ``data.points``)."""
        index = self.proxy.mapFromSource(self.model.index(row, 0))
        if index.isValid():
            self.table.selectionModel().setCurrentIndex(
                index, QItemSelectionModel.SelectionFlag.ClearAndSelect
                | QItemSelectionModel.SelectionFlag.Rows)
            self.table.scrollTo(index)

    # -- slots -----------------------------------------------------------------------------
    def _on_scatter_clicked(self, _item: Any, points: Any, _ev: Any) -> None:
        if len(points):
            row = int(points[0].data())
            self.select_row(row)
            self.point_chosen.emit(self.data.points[row])

    def _on_scatter_hovered(self, _item: Any, points: Any, _ev: Any) -> None:
        if len(points):
            self.info.setText(point_tip(self.data.points[int(points[0].data())]))

    def _on_table_clicked(self, index: QModelIndex) -> None:
        point = index.data(LedgerPointModel.PointRole)
        if point is not None:
            self.info.setText(point_tip(point))
            self.point_chosen.emit(point)
