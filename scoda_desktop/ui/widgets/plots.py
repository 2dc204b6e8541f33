"""Plot helpers the chart widgets share: a plot that follows the system palette."""

from __future__ import annotations

from typing import Any

import pyqtgraph as pg
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QWidget

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


