"""Reading view, entities & metrics panel, hostile text."""

from __future__ import annotations

import re

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication, QTextDocumentFragment
from PySide6.QtWidgets import QApplication

from scoda_desktop.core.documents import Document, Entity, Metric, Removed
from scoda_desktop.ui.models.entities import EntityModel
from scoda_desktop.ui.models.metrics import MetricModel
from scoda_desktop.ui.render import FOCUS_COLOURS, LAYER_COLOURS, tint
from tests.ui.ui_helpers import WAIT, open_first, search


def test_choosing_a_result_shows_the_article_with_highlights(qtbot, window):
    search(qtbot, window, "freight train")
    hit = window.result_model.hit(2)
    with qtbot.waitSignal(window.reading.document_shown, timeout=WAIT) as blocker:
        window.search.select(hit.id)
    doc = blocker.args[0]
    assert doc.id == hit.id
    header = QTextDocumentFragment.fromHtml(window.reader.header.text()).toPlainText()
    assert doc.title in header and doc.path in header
    view = window.reader.view
    assert view.toPlainText().replace("\n", "") == doc.text.replace("\n", "")
    assert window.reading.matches
    for start, end in window.reading.matches:
        assert view.text_at(start, end).lower().startswith(("freight", "train"))
    assert tint(LAYER_COLOURS["match"]).lower() in view.toHtml().lower()


def test_f3_and_shift_f3_step_through_the_matches(qtbot, window):
    open_first(qtbot, window, "freight train")
    matches = window.reading.matches
    assert len(matches) >= 2
    assert window.reading.current_match == 0  # opening shows the first match
    window.activateWindow()
    qtbot.keyClick(window, Qt.Key.Key_F3)
    assert window.reading.current_match == 1
    a, b = window.reader.view.cursor_range()
    assert (a, b) == (window.reader.view.position_of(matches[1][0]),
                      window.reader.view.position_of(matches[1][1]))
    qtbot.keyClick(window, Qt.Key.Key_F3, Qt.KeyboardModifier.ShiftModifier)
    qtbot.keyClick(window, Qt.Key.Key_F3, Qt.KeyboardModifier.ShiftModifier)
    assert window.reading.current_match == len(matches) - 1  # wraps around
    assert f"{len(matches)}/{len(matches)}" in window.reader.match_label.text()


def test_entity_click_highlights_every_mention_and_scrolls_to_the_first(qtbot, window):
    doc = open_first(qtbot, window, "freight train")
    model, tree = window.entity_model, window.inspector.entity_tree
    org = model.find("ORG", "Shanghai Cooperation Organization")
    assert org.isValid()
    mentions = [e for e in doc.entities if e.canonical == "Shanghai Cooperation Organization"]
    assert org.siblingAtColumn(EntityModel.IN_DOC).data() == str(len(mentions))
    tree.scrollTo(org)
    qtbot.mouseClick(tree.viewport(), Qt.MouseButton.LeftButton,
                     pos=tree.visualRect(org).center())
    view = window.reader.view
    assert sorted(window.reading.focus) == sorted((e.start, e.end) for e in mentions)
    assert len(mentions) > 1
    assert FOCUS_COLOURS["focus"].lower() in view.toHtml().lower()
    first = min(mentions, key=lambda e: e.start)
    assert view.textCursor().selectedText() == first.text


def test_entity_double_click_filters_the_search(qtbot, window):
    before = search(qtbot, window, "")
    open_first(qtbot, window, "freight train")
    tree = window.inspector.entity_tree
    index = window.entity_model.find("PERSON", "Svetlana")
    tree.scrollTo(index)
    where = tree.visualRect(index).center()
    with qtbot.waitSignal(window.search.results_changed, timeout=WAIT) as blocker:
        qtbot.mouseClick(tree.viewport(), Qt.MouseButton.LeftButton, pos=where)
        qtbot.mouseDClick(tree.viewport(), Qt.MouseButton.LeftButton, pos=where)
    assert window.search_bar.filters() == {"person": "Svetlana"}
    result = blocker.args[0]
    assert 0 < result.total < before.total
    assert "Svetlana" in window.search_bar.entity.currentText()


def test_metric_click_jumps_to_it_in_the_text(qtbot, window):
    open_first(qtbot, window, "freight train")
    table, proxy = window.inspector.metric_table, window.inspector.metric_proxy
    window.inspector.setCurrentIndex(1)
    row = proxy.rowCount() - 1
    index = proxy.index(row, MetricModel.MEASURES)
    metric = index.data(MetricModel.MetricRole)
    table.scrollTo(index)
    qtbot.mouseClick(table.viewport(), Qt.MouseButton.LeftButton,
                     pos=table.visualRect(index).center())
    assert window.reader.view.textCursor().selectedText() == metric.text


def test_metric_table_sorts_values_as_numbers(qtbot, window):
    open_first(qtbot, window, "freight train")
    proxy = window.inspector.metric_proxy
    window.inspector.metric_table.sortByColumn(MetricModel.VALUE, Qt.SortOrder.DescendingOrder)
    values = [proxy.index(r, 0).data(MetricModel.SortRole) for r in range(proxy.rowCount())]
    assert len(values) > 3
    assert values == sorted(values, reverse=True)


def test_metric_table_shows_each_figure_as_written_beside_its_normalised_value():
    from scoda_desktop.core.documents import Metric
    from scoda_desktop.ui.models.metrics import MetricModel

    model = MetricModel()
    model.set_metrics([
        Metric("1,200 km", "length", 1_200_000.0, "m", measures="rail line"),
        Metric("between 3 and 7 percent", "percent", 3.0, "%", high=7.0),
        Metric("9,200 TEU", "volume", 9200.0, "TEU", qualifier="over", previous=7100.0),
    ])
    rows = [[model.index(r, c).data() for c in range(model.columnCount())]
            for r in range(model.rowCount())]
    written = MetricModel.WRITTEN
    assert rows[0][MetricModel.UNIT] == "m" and rows[0][written] == "1,200 km"
    assert rows[1][MetricModel.VALUE] == "3–7"
    assert rows[2][MetricModel.QUALIFIER] == "over, from 7,100"


def test_a_layer_toggle_removes_its_highlight_and_is_remembered(qtbot, window):
    open_first(qtbot, window, "freight train")
    colour = tint(LAYER_COLOURS["PLACE"]).lower()
    assert colour in window.reader.view.toHtml().lower()
    qtbot.mouseClick(window.reader.layer_buttons["PLACE"], Qt.MouseButton.LeftButton)
    assert colour not in window.reader.view.toHtml().lower()
    assert "PLACE" not in window.prefs.layers


def test_show_removed_lines_puts_boilerplate_back_greyed(qtbot, window):
    doc = open_first(qtbot, window, "freight train")
    assert doc.removed
    line = doc.removed[0].text
    assert line not in window.reader.view.toPlainText()
    window.reader.show_removed.setChecked(True)
    assert line in window.reader.view.toPlainText()
    # offsets still map to the right characters with extra blocks in between
    e = doc.entities[-1]
    assert window.reader.view.text_at(e.start, e.end) == e.text


def test_copy_citation_puts_title_source_date_and_path_on_the_clipboard(qtbot, window):
    doc = open_first(qtbot, window, "freight train")
    qtbot.mouseClick(window.reader.copy_citation, Qt.MouseButton.LeftButton)
    text = QGuiApplication.clipboard().text()
    for part in (doc.title, doc.source, doc.date, doc.path):
        if part:
            assert part in text


HOSTILE = ('Before <script>alert("x")</script> then <img src=http://evil.example/p.png> '
           'and <a href=file:///etc/passwd>local</a> &amp; after.')


def test_hostile_text_renders_as_text_and_loads_nothing(qtbot, window):
    doc = Document(id="hostile", path="/tmp/hostile.txt", sha256="", raw=HOSTILE, text=HOSTILE,
                   title='<img src="http://evil.example/t.png">Title', source="<b>src</b>",
                   removed=[Removed('<iframe src="http://evil.example/">', "navigation", 0)],
                   entities=[Entity("script", "ORG", 8, 14, "script")],
                   metrics=[Metric("alert", "count", 1.0, "x", start=15, end=20)])
    window.reader.show_removed.setChecked(True)
    window.reading.show(doc, [(45, 49)])
    view = window.reader.view
    QApplication.processEvents()
    assert HOSTILE in view.toPlainText()
    assert '<iframe src="http://evil.example/">' in view.toPlainText()
    assert view.refused == []  # nothing was even asked for
    assert not view.openLinks() and not view.openExternalLinks()
    assert view.loadResource(2, view.source()) is None
    assert re.search(r"<(img|script|a|iframe)\b", view.toHtml(), re.IGNORECASE) is None
    assert "evil.example/t.png" in window.reader.header.text()  # shown as text
    assert "<img" not in window.reader.header.text()


def test_a_prefix_query_marks_its_expanded_words_in_the_reading_view(qtbot, window):
    """freigh* marks "freight" in the snippet and in the article: the reading view uses
    the marks the search returned (expanded by the index), not the raw query."""
    result = search(qtbot, window, "freigh*")
    assert result.hits and "<b>freight</b>" in result.hits[0].snippet.lower()
    doc = open_first(qtbot, window, "freigh*")
    qtbot.waitUntil(lambda: bool(window.reading.matches), timeout=WAIT)
    marked = {doc.text[s:e].lower() for s, e in window.reading.matches}
    assert "freight" in marked and marked <= {w for w in marked if w.startswith("freigh")}
    assert len(window.reading.matches) == len(re.findall(r"\bfreigh\w*", doc.text, re.I))
    # a new search re-marks the open document with its own marks
    with qtbot.waitSignal(window.search.results_changed, timeout=WAIT):
        window.search_bar.set_text("zzzqqq*")
        window.search_bar.edit.returnPressed.emit()
    assert window.reading.matches == []
