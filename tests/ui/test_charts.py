"""Chart panel: the metric ledger, top-entity bars, documents over time, PNG export."""

from __future__ import annotations

from collections import Counter
from datetime import UTC, datetime

from PySide6.QtCore import Qt
from PySide6.QtGui import QImage

from tests.ui.ui_helpers import WAIT, search


def _day(iso: str) -> float:
    """UTC seconds of the day an ISO date names (the charts' x axis)."""
    return datetime.strptime(iso[:10], "%Y-%m-%d").replace(tzinfo=UTC).timestamp()


def _routes_index(qtbot, window):
    qtbot.waitUntil(lambda: bool(window.chart_control.series), timeout=WAIT)  # follows search
    names = [s.label for s in window.chart_control.series]
    return next(i for i, n in enumerate(names) if n.startswith("freight train routes"))


def test_ledger_shows_the_chosen_measures_points_labelled_with_conflicts(qtbot, window):
    ledger = window.charts.ledger
    routes = _routes_index(qtbot, window)
    assert ledger.measure.count() >= 2
    ledger.measure.setCurrentIndex(routes)
    series = window.chart_control.series[routes]
    xs, ys = ledger.scatter.getData()
    assert sorted(ys) == sorted(p.value for p in series.points)
    assert list(xs) == sorted(xs)  # publication-date order
    shown = [t.toPlainText() for t in ledger.labels if t.isVisible()]
    assert sorted(shown) == sorted(f"{p.value:g}" for p in series.points)
    assert series.conflicts
    assert len(ledger.conflict.getData()[0]) >= 1  # the falling figure is marked
    assert "fell from" in ledger.info.text()


def test_ledger_switching_measure_updates_the_same_plot_items(qtbot, window):
    ledger = window.charts.ledger
    scatter, line = ledger.scatter, ledger.line
    other = 0 if _routes_index(qtbot, window) != 0 else 1
    ledger.measure.setCurrentIndex(other)
    series = window.chart_control.series[other]
    # expected from the series itself, not from the helper the widget draws with: every
    # dated point of the chosen measure, at its date, in date order
    expected = sorted((_day(p.date), p.value) for p in series.points if p.date)
    xs, ys = ledger.scatter.getData()
    assert expected and sorted(zip(list(xs), list(ys), strict=True)) == expected
    assert list(xs) == sorted(xs)
    assert ledger.scatter is scatter and ledger.line is line


def test_ledger_point_hover_and_click_open_the_document(qtbot, window):
    ledger = window.charts.ledger
    ledger.measure.setCurrentIndex(_routes_index(qtbot, window))
    spot = ledger.scatter.points()[0]
    point = ledger.data.points[int(spot.data())]
    ledger.scatter.sigHovered.emit(ledger.scatter, [spot], None)
    assert point.text in ledger.info.text()
    with qtbot.waitSignal(window.reading.document_shown, timeout=WAIT,
                          check_params_cb=lambda d: d.id == point.doc):
        ledger.scatter.sigClicked.emit(ledger.scatter, [spot], None)
    assert window.reading.current == (point.start, point.end)  # at that figure


def test_a_click_on_an_entity_bar_filters_the_search(qtbot, window):
    result = search(qtbot, window, "")
    window.docks["charts"].show()
    window.charts.tabs.setCurrentWidget(window.charts.entities)
    bars = window.charts.entities
    qtbot.waitUntil(lambda: bars.plot.isVisible(), timeout=WAIT)
    assert bars.items
    field, name, count = bars.items[0]
    view = bars.plot
    pos = view.mapFromScene(bars.bar_centre(0))
    with qtbot.waitSignal(window.search.results_changed, timeout=WAIT) as blocker:
        qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=pos)
    assert window.search_bar.filters() == {field: name}
    assert blocker.args[0].total == count <= result.total


def test_documents_over_time_counts_the_current_results(qtbot, window):
    result = search(qtbot, window, "")
    everything = window.corpus.search("", limit=None)  # every match, not the page shown
    months = Counter(h.date[:7] for h in everything.hits if h.date)
    assert result.total == everything.total
    assert len(months) >= 2
    opts = window.charts.timeline.bars.opts
    # one bar per month with a dated hit, inside that month, as high as its hits
    bars = list(zip(list(opts["x"]), list(opts["height"]), strict=True))
    assert [n for _x, n in bars] == [months[m] for m in sorted(months)]
    for (x, _n), month in zip(bars, sorted(months), strict=True):
        year, mon = int(month[:4]), int(month[5:7])
        following = f"{year + mon // 12}-{mon % 12 + 1:02d}-01"
        assert _day(month + "-01") < x < _day(following), month


def test_export_chart_as_png(qtbot, window, tmp_path):
    out = tmp_path / "ledger.png"
    assert window.charts.export_png(str(out))
    image = QImage(str(out))
    assert not image.isNull() and image.width() > 100 and image.height() > 50


def test_the_window_paints_before_the_plotting_library_is_loaded():
    """pyqtgraph costs ~0.5 s to import: the window's own modules must not need it, so the
    first paint does not wait for it (the chart panel builds its plots on first use)."""
    import subprocess
    import sys

    code = ("import sys; import scoda_desktop.ui.app, scoda_desktop.ui.main_window; "
            "print('pyqtgraph' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True).stdout.strip()
    assert out == "False"


def test_chart_panel_builds_its_plots_on_first_use_and_forwards_their_signals(qtbot):
    from scoda_desktop.ui.widgets.charts import ChartPanel

    panel = ChartPanel()
    qtbot.addWidget(panel)
    chosen = []
    panel.bar_clicked.connect(lambda field, name: chosen.append((field, name)))
    assert panel.tabs.count() == 3 and panel._charts is None
    panel.entities.set_data([("org", "SCO", 3)])  # first use: built here
    assert panel.tabs.widget(1) is panel.entities and panel.tabs.tabText(1) == "Top entities"
    panel.entities.bar_clicked.emit("org", "SCO")
    assert chosen == [("org", "SCO")]


def test_a_ledger_with_no_measure_draws_no_axes(qtbot, window):
    ledger = window.charts.ledger
    _routes_index(qtbot, window)
    item = ledger.plot.getPlotItem()
    assert item.getAxis("bottom").isVisible() and item.getAxis("left").isVisible()
    search(qtbot, window, "zzqqxx")  # no hit: no measure
    qtbot.waitUntil(lambda: ledger.measure.count() == 0, timeout=WAIT)
    assert not item.getAxis("bottom").isVisible() and not item.getAxis("left").isVisible()
    assert ledger.info.text()  # it says why instead
