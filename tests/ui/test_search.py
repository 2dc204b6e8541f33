"""Search bar and result list over the real seed corpus."""

from __future__ import annotations

from PySide6.QtCore import Qt

from scoda_desktop.ui.models.results import ResultModel
from tests.ui.ui_helpers import WAIT, search


def test_typing_a_query_shows_results(qtbot, window):
    model = window.result_model
    with qtbot.waitSignal(window.search.results_changed, timeout=WAIT) as blocker:
        qtbot.keyClicks(window.search_bar.edit, "freight train")
    # typing is debounced: the answer shown is for the whole text, not a prefix
    assert blocker.args[0].query == "freight train"
    qtbot.waitUntil(lambda: window.search.result.query == "freight train", timeout=WAIT)
    assert model.rowCount() == window.search.result.total > 0
    snippets = [model.index(r).data(ResultModel.SnippetRole) for r in range(model.rowCount())]
    assert any("<b>freight</b>" in s.lower() for s in snippets)
    assert "hit" in window.status.hits.text()


def test_enter_searches_at_once_and_remembers_the_query(qtbot, window):
    search(qtbot, window, "Qingdao")
    combo = window.search_bar.query
    assert [combo.itemText(i) for i in range(combo.count())][0] == "Qingdao"
    assert window.prefs.recent_queries[0] == "Qingdao"
    assert window.search_bar.edit.text() == "Qingdao"


def test_a_newer_search_replaces_a_stale_one(qtbot, window):
    first = window.search.search("Serbia", force=True)
    with qtbot.waitSignal(window.search.results_changed, timeout=WAIT) as blocker:
        window.search.search("freight train", force=True)
    assert blocker.args[0].query == "freight train"
    qtbot.waitUntil(lambda: first not in window.runner._live, timeout=WAIT)
    assert window.search.result.query == "freight train"


def test_sort_by_date_lists_newest_first(qtbot, window):
    search(qtbot, window, "")
    with qtbot.waitSignal(window.search.results_changed, timeout=WAIT):
        window.search_bar.sort.setCurrentIndex(window.search_bar.sort.findData("date"))
    dates = [h.date for h in window.result_model.hits() if h.date]
    assert len(dates) >= 2
    assert dates == sorted(dates, reverse=True)


def test_source_filter_lists_facet_counts_and_narrows(qtbot, window):
    result = search(qtbot, window, "")
    combo = window.search_bar.source
    labels = [combo.itemText(i) for i in range(1, combo.count())]
    assert labels and all(label.endswith(")") for label in labels)
    source, count = next(iter(result.facets["source"].items()))
    with qtbot.waitSignal(window.search.results_changed, timeout=WAIT) as blocker:
        combo.setCurrentIndex(combo.findData(source))
    narrowed = blocker.args[0]
    assert narrowed.total == count < result.total
    assert all(h.source == source for h in narrowed.hits)


def test_a_broken_query_shows_the_repair_note(qtbot, window):
    result = search(qtbot, window, '(freight "train')
    assert result.error  # the core explains the repair
    assert result.error.split(":")[0][:20] in window.search_bar.parsed.text()


def test_ctrl_f_focuses_the_search_box(qtbot, window):
    window.activateWindow()
    window.results_view.setFocus()
    qtbot.keyClick(window, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: window.search_bar.edit.hasFocus(), timeout=WAIT)


def test_keyboard_moves_through_results_and_opens_each(qtbot, window):
    search(qtbot, window, "SCO")
    view = window.results_view
    qtbot.waitUntil(lambda: view.currentIndex().isValid(), timeout=WAIT)
    with qtbot.waitSignal(window.reading.document_shown, timeout=WAIT) as blocker:
        qtbot.keyClick(view, Qt.Key.Key_Down)
    assert view.currentIndex().row() == 1
    assert blocker.args[0].id == window.result_model.hit(1).id


def test_export_results_writes_every_hit(qtbot, window, tmp_path):
    result = search(qtbot, window, "SCO")
    out = tmp_path / "hits.csv"
    with qtbot.waitSignal(window.search.exported, timeout=WAIT) as blocker:
        window.search.export(str(out))
    lines = out.read_text(encoding="utf-8").splitlines()
    assert blocker.args[0] == result.total == len(lines) - 1
    # the same columns as the CLI's export
    assert lines[0].startswith("id,path,record,url,title,date")
