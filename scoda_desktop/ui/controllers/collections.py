"""Collections: add documents (from the results' context menu, Ctrl+D, the reading view's
button, or a drop on the panel) with a note, edit notes in place, remove, export as RIS,
CSL-JSON, CSV or JSON. Every change goes to Corpus in the worker lane, then the panel is
read again from the collections file (the one truth, also edited by the command line)."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QModelIndex, QObject, QPoint, Signal
from PySide6.QtWidgets import QFileDialog, QInputDialog, QListView, QMenu

from scoda_desktop.ui.models.collections import CollectionModel
from scoda_desktop.ui.models.results import ResultModel
from scoda_desktop.ui.widgets.collections_panel import CollectionsPanel
from scoda_desktop.ui.workers import Task, TaskRunner

EXPORT_FILTERS = ("RIS for Zotero (*.ris);;CSL-JSON (*.csl.json);;CSV (*.csv);;JSON (*.json)")


def collect_all(corpus: Any, name: str, ids: list[str], note: str | None) -> int:
    """Worker side: put every id in the collection; returns how many."""
    for doc_id in ids:
        corpus.collect(name, doc_id, note)
    return len(ids)


class CollectionController(QObject):
    open_requested = Signal(str)  # document id
    changed = Signal()  # the panel was read again
    message = Signal(str)

    def __init__(self, corpus: Any, runner: TaskRunner, panel: CollectionsPanel,
                 model: CollectionModel, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.corpus = corpus
        self.runner = runner
        self.panel = panel
        self.model = model
        self.panel.tree.setModel(model)
        self.panel.fit_columns()
        self.open_doc: Any = None  # callable -> id of the document being read (or None)
        self._connect_signals()

    def _connect_signals(self) -> None:
        self.model.documents_dropped.connect(self._on_model_documents_dropped)
        self.model.note_edited.connect(self._on_model_note_edited)
        self.model.modelReset.connect(self.panel.fit_columns)
        self.panel.tree.doubleClicked.connect(self._on_tree_double_clicked)
        self.panel.add.clicked.connect(self._on_add_clicked)
        self.panel.remove.clicked.connect(self._on_remove_clicked)
        self.panel.export.clicked.connect(self._on_export_clicked)

    def attach_results(self, view: QListView) -> None:
        """A context menu on the result list: Add to collection ▸ (each, or a new one)."""
        from PySide6.QtCore import Qt

        view.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        view.customContextMenuRequested.connect(
            lambda pos: self._on_results_menu(view, pos))

    # -- actions ---------------------------------------------------------------------------
    def refresh(self) -> Task:
        return self.runner.submit(self.corpus.collections, slot="collections",
                                  on_result=self._on_collections_result,
                                  on_failed=self._on_task_failed)

    def add(self, ids: list[str], name: str, note: str | None = None) -> Task:
        return self.runner.submit(collect_all, self.corpus, name, list(ids), note,
                                  on_result=lambda _t, n: self._on_added(name, n),
                                  on_failed=self._on_task_failed)

    def ask_and_add(self, ids: list[str], name: str | None = None) -> None:
        """Ask for the collection (unless given) and a note, then add."""
        if not ids:
            self.message.emit("Open or select a document first.")
            return
        if name is None:
            names = self.model.names()
            name, ok = QInputDialog.getItem(self.panel, "Add to collection", "Collection:",
                                            names or ["Reading list"], 0, True)
            if not ok or not name.strip():
                return
        note, ok = QInputDialog.getMultiLineText(self.panel, "Note",
                                                 f"Your note (searchable with note:) for "
                                                 f"{'this document' if len(ids) == 1 else 'each'}:")
        if ok:
            self.add(ids, name.strip(), note if note.strip() else None)

    def remove(self, name: str, doc_id: str | None) -> Task:
        return self.runner.submit(self.corpus.uncollect, name, doc_id,
                                  on_result=lambda _t, _v: self.refresh(),
                                  on_failed=self._on_task_failed)

    def export(self, name: str, path: str) -> Task:
        return self.runner.submit(self.corpus.export, "", None, path, collection=name,
                                  on_result=lambda _t, n: self.message.emit(
                                      f"Exported {n} documents of {name} to {path}"),
                                  on_failed=self._on_task_failed)

    # -- slots -----------------------------------------------------------------------------
    def _on_collections_result(self, _task: Task, colls: list) -> None:
        self.model.set_collections(colls)
        self.panel.message.setText("" if colls else
                                   "No collections yet: drop results here, or press Ctrl+D "
                                   "while reading.")
        self.changed.emit()

    def _on_added(self, name: str, n: int) -> None:
        self.message.emit(f"Added {n} document{'s' if n != 1 else ''} to {name}")
        self.refresh()

    def _on_task_failed(self, _task: Task, message: str) -> None:
        text = message.split(": ", 1)[-1]
        self.panel.message.setText(text)
        self.message.emit(text)

    def _on_model_documents_dropped(self, name: str, ids: list) -> None:
        self.add(ids, name)

    def _on_model_note_edited(self, name: str, doc_id: str, note: str) -> None:
        self.add([doc_id], name, note)

    def _on_tree_double_clicked(self, index: QModelIndex) -> None:
        doc_id = index.data(CollectionModel.IdRole)
        if doc_id and index.column() == 0:
            self.open_requested.emit(doc_id)

    def _on_add_clicked(self) -> None:
        doc_id = self.open_doc() if self.open_doc else None
        self.ask_and_add([doc_id] if doc_id else [])

    def _current(self) -> tuple[str | None, str | None]:
        index = self.panel.tree.currentIndex()
        if not index.isValid():
            return None, None
        return index.data(CollectionModel.NameRole), index.data(CollectionModel.IdRole)

    def _on_remove_clicked(self) -> None:
        name, doc_id = self._current()
        if name:
            self.remove(name, doc_id)

    def _on_export_clicked(self) -> None:
        name, _ = self._current()
        if not name:
            self.panel.message.setText("Choose a collection to export.")
            return
        path, _ = QFileDialog.getSaveFileName(self.panel, f"Export {name}", f"{name}.ris",
                                              EXPORT_FILTERS)
        if path:
            self.export(name, path)

    def _on_results_menu(self, view: QListView, pos: QPoint) -> None:
        index = view.indexAt(pos)
        doc_id = index.data(ResultModel.IdRole) if index.isValid() else None
        if not doc_id:
            return
        menu = QMenu(view)
        sub = menu.addMenu("Add to collection")
        for name in self.model.names():
            sub.addAction(name, lambda n=name: self.ask_and_add([doc_id], n))
        if self.model.names():
            sub.addSeparator()
        sub.addAction("New collection…", lambda: self.ask_and_add([doc_id]))
        menu.exec(view.viewport().mapToGlobal(pos))
