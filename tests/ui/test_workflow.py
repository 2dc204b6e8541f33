"""Concordance, saved searches and collections in the window, over a corpus of its own
(these tests write saved searches and collections, so not the shared seed corpus)."""

from __future__ import annotations

import csv
import re
import shutil

import pytest
from PySide6.QtCore import QMimeData, Qt

from scoda_desktop.core.corpus import Corpus
from scoda_desktop.ui.models.collections import DOC_MIME, CollectionModel
from scoda_desktop.ui.models.concordance import LEFT, MATCH, RIGHT, ConcordanceModel
from scoda_desktop.ui.models.results import ResultModel
from tests.core.corpus_fixtures import SEEDS
from tests.ui.ui_helpers import WAIT, search


@pytest.fixture
def own_corpus(tmp_path):
    seeds = tmp_path / "seeds"
    shutil.copytree(SEEDS, seeds)
    corpus = Corpus(tmp_path / "data", seeds_dir=seeds)
    corpus.ensure_index()
    yield corpus
    corpus.close()


@pytest.fixture
def win(make_window, own_corpus):
    return make_window(own_corpus)


def show_concordance(qtbot, win, query):
    with qtbot.waitSignal(win.workflow.concordance.shown, timeout=WAIT,
                          check_params_cb=lambda c: c.query == query) as blocker:
        search(qtbot, win, query)
        win.show_dock("concordance")
    return blocker.args[0]


def test_concordance_lines_are_aligned_and_match_the_text(qtbot, win, own_corpus):
    conc = show_concordance(qtbot, win, "freight")
    model = win.workflow.concordance_model
    assert model.rowCount() == conc.total == own_corpus.kwic("freight").total > 0
    for row in range(model.rowCount()):
        line = model.index(row, 0).data(ConcordanceModel.LineRole)
        text = own_corpus.document(line.id).text
        assert text[line.start:line.end] == line.match
        assert model.index(row, MATCH).data().lower() == "freight"
        left = model.index(row, LEFT).data()
        assert left.rstrip().endswith(re.sub(r"\s+", " ", text[:line.start]).rstrip()[-10:])
    align = model.index(0, LEFT).data(Qt.ItemDataRole.TextAlignmentRole)
    assert align & Qt.AlignmentFlag.AlignRight
    assert model.index(0, RIGHT).data(Qt.ItemDataRole.FontRole) is not None
    assert "occurrences in" in win.workflow.concordance_panel.summary.text()


def test_sorting_by_left_context_reorders_the_lines(qtbot, win):
    show_concordance(qtbot, win, "freight")
    panel = win.workflow.concordance_panel
    with qtbot.waitSignal(win.workflow.concordance.shown, timeout=WAIT):
        panel.sort.setCurrentIndex(panel.sort.findData("left"))
    lines = win.workflow.concordance_model.lines()
    keys = [re.findall(r"\w+", x.left.lower())[-1:] for x in lines]
    assert keys == sorted(keys)


def test_clicking_a_line_opens_the_document_at_that_match(qtbot, win):
    show_concordance(qtbot, win, '"freight train"')
    model = win.workflow.concordance_model
    line = model.lines()[-1]
    with qtbot.waitSignal(win.reading.document_shown, timeout=WAIT):
        win.workflow.concordance_panel.table.clicked.emit(model.index(model.rowCount() - 1, 1))
    assert win.reading.doc.id == line.id
    assert win.reading.current == (line.start, line.end)
    view = win.reading.reader.view
    assert view.textCursor().selectedText() == view.text_at(line.start, line.end) \
        == line.match.replace("\n", "\u2029")


def test_export_lines_as_csv(qtbot, win, tmp_path):
    show_concordance(qtbot, win, "Qingdao")
    out = tmp_path / "lines.csv"
    with qtbot.waitSignal(win.workflow.concordance.message, timeout=WAIT):
        win.workflow.concordance.export(str(out))
    with open(out, encoding="utf-8", newline="") as fh:
        rows = list(csv.reader(fh))  # contexts may hold the document's newlines
    assert rows[0] == ["id", "path", "title", "date", "left", "match", "right", "start", "end"]
    assert len(rows) - 1 == win.workflow.concordance_model.rowCount()
    assert all(r[5] == "Qingdao" for r in rows[1:])


def test_saved_search_counts_new_hits_after_a_sync_and_marks_them(qtbot, win, own_corpus,
                                                                   tmp_path):
    search(qtbot, win, "almaty")
    with qtbot.waitSignal(win.workflow.saved.refreshed, timeout=WAIT):
        win.workflow.saved.save_current("Almaty")
    before = {h.id for h in own_corpus.search("almaty", limit=None).hits}
    folder = tmp_path / "incoming"
    folder.mkdir()
    (folder / "a.txt").write_text("Almaty depot opens\n\nMay 2, 2025\n\nAlmaty got a new "
                                  "rail depot.\n", encoding="utf-8")
    with qtbot.waitSignal(win.workflow.saved.refreshed, timeout=WAIT) as blocker:
        win.indexing.import_paths([str(folder)])
    entry = blocker.args[0][0]
    assert entry["name"] == "Almaty" and entry["new"] == 1
    model = win.workflow.saved_model
    assert "1 new" in model.index(0).data()
    with qtbot.waitSignal(win.workflow.saved.run_finished, timeout=WAIT) as run:
        win.workflow.saved_panel.view.activated.emit(model.index(0))
    new = run.args[1]
    assert len(new) == 1 and not new & before
    qtbot.waitUntil(lambda: win.result_model.rowCount() == len(before) + 1, timeout=WAIT)
    flags = {win.result_model.index(r).data(ResultModel.IdRole):
             win.result_model.index(r).data(ResultModel.NewRole)
             for r in range(win.result_model.rowCount())}
    assert {i for i, is_new in flags.items() if is_new} == new
    assert model.index(0).data(model.NewRole) == 0


def test_collections_by_drop_and_note_edit_are_searchable(qtbot, win, own_corpus):
    result = search(qtbot, win, "freight")
    ids = [h.id for h in result.hits[:2]]
    ctl = win.workflow.collections
    with qtbot.waitSignal(ctl.changed, timeout=WAIT):
        ctl.add(ids[:1], "Rail", "first note")
    model = win.workflow.collection_model
    mime = win.result_model.mimeData([win.result_model.index(1)])
    assert mime.hasFormat(DOC_MIME)
    with qtbot.waitSignal(ctl.changed, timeout=WAIT):
        assert model.dropMimeData(mime, Qt.DropAction.CopyAction, -1, -1, model.index(0, 0))
    rail = model.index(0, 0)
    assert model.rowCount(rail) == 2 and rail.data() == "Rail (2)"
    note = model.index(1, 1, rail)
    with qtbot.waitSignal(ctl.changed, timeout=WAIT):
        assert model.setData(note, "container count checked")
    assert model.index(1, 1, model.index(0, 0)).data() == "container count checked"
    assert {h.id for h in own_corpus.search("note:container").hits} == {ids[1]}
    assert own_corpus.collections()[0]["documents"][1]["note"] == "container count checked"
    assert model.index(0, 0, model.index(0, 0)).data(CollectionModel.IdRole) == ids[0]
    empty = QMimeData()
    assert not model.canDropMimeData(empty, Qt.DropAction.CopyAction, -1, -1, rail)
