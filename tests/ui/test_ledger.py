"""The metric ledger tab follows the search: its measures, its chart and the table of points.

Expected values come from Corpus (search hits, documents) or from the synthetic series the
test makes, never from the chart's own helpers.
"""

from __future__ import annotations

from datetime import UTC, datetime

from PySide6.QtCore import Qt

from scoda_desktop.core.documents import LedgerPoint, LedgerSeries
from scoda_desktop.ui.models.ledger import LedgerPointModel
from scoda_desktop.ui.widgets.ledger_chart import LedgerChart
from tests.ui.ui_helpers import WAIT, search_ledger


def _day(iso: str) -> float:
    return datetime.strptime(iso[:10], "%Y-%m-%d").replace(tzinfo=UTC).timestamp()


def _rows(chart: LedgerChart) -> list[tuple]:
    proxy = chart.proxy
    return [tuple(proxy.index(r, c).data() for c in range(proxy.columnCount()))
            for r in range(proxy.rowCount())]


def test_the_ledger_follows_the_search_to_its_documents(qtbot, window, seed_corpus):
    whole = search_ledger(qtbot, window, "")
    assert whole.documents == seed_corpus.count() and whole.series
    ledger = search_ledger(qtbot, window, "Kazakhstan")
    ids = {h.id for h in seed_corpus.search("Kazakhstan", limit=None).hits}
    assert ledger.documents == len(ids) >= 2
    docs = {p.doc for s in window.chart_control.series for p in s.points}
    assert docs and docs <= ids
    assert docs < {p.doc for s in whole.series for p in s.points}
    assert f"{len(ids)} documents matching “Kazakhstan”" in window.charts.ledger.scope.text()


def test_a_query_matching_one_document_shows_no_series_and_says_why(qtbot, window,
                                                                    seed_corpus):
    query = '"Zhang Xinzhu"'
    assert seed_corpus.search(query).total == 1
    search_ledger(qtbot, window, query)
    chart = window.charts.ledger
    assert chart.measure.count() == 0 and chart.model.rowCount() == 0
    assert len(chart.scatter.getData()[0]) == 0
    assert "two or more" in chart.info.text()


def test_filters_restrict_the_ledger_too(qtbot, window, seed_corpus):
    ledger = search_ledger(qtbot, window, "", {"year": "2023"})
    ids = {h.id for h in seed_corpus.search("", limit=None, filters={"year": "2023"}).hits}
    assert ledger.documents == len(ids)
    assert all(p.doc in ids for s in ledger.series for p in s.points)


def test_measures_most_figures_first_and_the_table_lists_the_points(qtbot, window,
                                                                     seed_corpus):
    search_ledger(qtbot, window, "")
    series = window.chart_control.series
    chart = window.charts.ledger
    counts = [len(s.points) for s in series]
    assert counts == sorted(counts, reverse=True) and counts[0] >= 3
    assert [chart.measure.itemText(i) for i in range(chart.measure.count())][0] \
        .startswith(series[0].label)
    for i, s in enumerate(series):
        chart.measure.setCurrentIndex(i)
        rows = _rows(chart)
        assert len(rows) == len(s.points)
        for row, p in zip(rows, sorted(s.points, key=lambda p: (p.date, p.doc)), strict=True):
            doc = seed_corpus.document(p.doc)
            assert row[LedgerPointModel.DATE] == doc.date[:10]
            assert row[LedgerPointModel.DOCUMENT] == doc.title
            assert row[LedgerPointModel.SOURCE] == (doc.source or "")
            assert row[LedgerPointModel.UNIT] == s.unit
            assert row[LedgerPointModel.FIGURE] == doc.text[p.start:p.end]
            assert row[LedgerPointModel.VALUE].startswith("⚠") == p.conflict


def test_conflicting_points_are_marked_in_the_table(qtbot, window):
    search_ledger(qtbot, window, "")
    routes = next(i for i, s in enumerate(window.chart_control.series)
                  if s.label.startswith("freight train routes"))
    chart = window.charts.ledger
    chart.measure.setCurrentIndex(routes)
    series = window.chart_control.series[routes]
    named = {(d, v) for c in series.conflicts for d, v in zip(c["docs"], c["values"],
                                                                 strict=True)}
    marked = {(chart.proxy.index(r, 0).data(LedgerPointModel.PointRole).doc,
               chart.proxy.index(r, 0).data(LedgerPointModel.PointRole).value)
              for r in range(chart.proxy.rowCount())
              if chart.proxy.index(r, 0).data(LedgerPointModel.ConflictRole)}
    assert marked == named and marked
    r = next(r for r in range(chart.proxy.rowCount())
             if chart.proxy.index(r, 0).data(LedgerPointModel.ConflictRole))
    tip = chart.proxy.index(r, LedgerPointModel.VALUE).data(Qt.ItemDataRole.ToolTipRole)
    assert "fell from" in tip


def test_clicking_a_row_opens_the_document_at_that_figure(qtbot, window, seed_corpus):
    search_ledger(qtbot, window, "")
    chart = window.charts.ledger
    window.docks["charts"].show()
    qtbot.waitUntil(chart.table.isVisible, timeout=WAIT)
    row = chart.proxy.rowCount() - 1
    point = chart.proxy.index(row, 0).data(LedgerPointModel.PointRole)
    rect = chart.table.visualRect(chart.proxy.index(row, LedgerPointModel.FIGURE))
    chart.table.scrollTo(chart.proxy.index(row, 0))
    rect = chart.table.visualRect(chart.proxy.index(row, LedgerPointModel.FIGURE))
    with qtbot.waitSignal(window.reading.document_shown, timeout=WAIT,
                          check_params_cb=lambda d: d.id == point.doc):
        qtbot.mouseClick(chart.table.viewport(), Qt.MouseButton.LeftButton,
                         pos=rect.center())
    doc = seed_corpus.document(point.doc)
    start, end = window.reading.current
    assert doc.text[start:end] == point.text


def test_a_newer_search_replaces_a_stale_ledger_request(qtbot, window):
    search_ledger(qtbot, window, "")
    shown = []
    window.chart_control.ledger_shown.connect(lambda led: shown.append(led.query))
    control = window.chart_control
    stale = control.request_ledger("Qingdao")
    with qtbot.waitSignal(control.ledger_shown, timeout=WAIT,
                          check_params_cb=lambda led: led.query == "Kazakhstan"):
        control.request_ledger("Kazakhstan")
    qtbot.waitUntil(lambda: window.runner.current("ledger") is None, timeout=WAIT)
    assert stale.is_cancelled() and shown == ["Kazakhstan"]


def _crowded(n: int, conflicts: int) -> LedgerSeries:
    points = [LedgerPoint(date=f"{2015 + i % 10}-{1 + i % 12:02d}-{1 + i % 28:02d}",
                          value=float(100 + i % 37), doc=f"d{i}", title=f"Article {i}",
                          text=f"{100 + i % 37} MW", conflict=i < conflicts)
              for i in range(n)]
    return LedgerSeries(measure="capacity", unit="MW", label="capacity (MW)", points=points)


def test_five_thousand_points_have_no_labels_nor_circles_but_a_full_table(qtbot):
    from scoda_desktop.ui.chart_data import ledger_data

    chart = LedgerChart()
    qtbot.addWidget(chart)
    series = _crowded(5000, 300)
    chart.set_data(ledger_data(series))
    assert not [t for t in chart.labels if t.isVisible()]  # no wall of labels
    assert len(chart.scatter.getData()[0]) == 0  # nor of circles
    months = sorted({p.date[:7] for p in series.points})
    xs, _ys = chart.line.getData()
    assert list(xs) == [_day(m + "-01") for m in months]  # the median per month
    flagged = sorted({p.date[:7] for p in series.points if p.conflict})
    assert list(chart.conflict.getData()[0]) == [_day(m + "-01") for m in flagged]
    assert chart.model.rowCount() == 5000  # every figure is still in the table
    few = _crowded(12, 2)
    chart.set_data(ledger_data(few))
    assert len([t for t in chart.labels if t.isVisible()]) == 12
    assert len(chart.scatter.getData()[0]) == 12 and len(chart.conflict.getData()[0]) == 2
