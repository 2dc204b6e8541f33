"""Reading: load a document in the worker, render it with highlights, drive the
entity/metric panel, match navigation (F3), the provenance toggle and citations."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QModelIndex, QObject, Signal
from PySide6.QtGui import QGuiApplication

from scoda_desktop.core.documents import Document, Marks
from scoda_desktop.ui.models.entities import EntityModel
from scoda_desktop.ui.models.metrics import MetricModel
from scoda_desktop.ui.preferences import Preferences
from scoda_desktop.ui.render import (
    citation,
    document_spans,
    entity_mentions,
    header_html,
    opens_with_title,
    render_document,
)
from scoda_desktop.ui.widgets.document_view import ReaderPanel
from scoda_desktop.ui.widgets.inspector import InspectorPanel
from scoda_desktop.ui.workers import Task, TaskRunner

if TYPE_CHECKING:
    from scoda_desktop.core.corpus import Corpus


def load_document(corpus: Corpus, ref: str, marks: Marks
                  ) -> tuple[Document | None, list[tuple[int, int]]]:
    """Worker side: the document and where the current search's marks fall in it."""
    doc = corpus.document(ref)
    if doc is None:
        return None, []
    return doc, corpus.match_spans(doc.text, marks)


class ReaderController(QObject):
    document_shown = Signal(object)  # Document
    entity_filter_requested = Signal(str, str)  # facet field, value
    message = Signal(str)

    def __init__(self, corpus: Corpus, runner: TaskRunner, reader: ReaderPanel,
                 inspector: InspectorPanel, entity_model: EntityModel, metric_model: MetricModel,
                 prefs: Preferences, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.corpus = corpus
        self.runner = runner
        self.reader = reader
        self.inspector = inspector
        self.entity_model = entity_model
        self.metric_model = metric_model
        self.prefs = prefs
        self.doc: Document | None = None
        self.marks = Marks()  # what the current search matched: marked in the document
        self.matches: list[tuple[int, int]] = []
        self.current_match = -1
        self.focus: list[tuple[int, int]] = []  # marked mentions of a clicked entity
        self.current: tuple[int, int] | None = None  # the match/metric jumped to
        self.entity_counts: dict[tuple[str, str], int] | None = None
        self._task: Task | None = None
        self._task_marks = self.marks  # the marks the loading document was matched with
        self._at: tuple[int, int] | None = None  # open at this match (a concordance line)
        self.reader.set_enabled_layers(prefs.layers)
        self.reader.show_removed.setChecked(prefs.show_removed)
        self._connect_signals()

    def _connect_signals(self) -> None:
        self.reader.layer_toggled.connect(self._on_reader_layer_toggled)
        self.reader.show_removed.toggled.connect(self._on_show_removed_toggled)
        self.reader.next_match.clicked.connect(self.next_match)
        self.reader.prev_match.clicked.connect(self.previous_match)
        self.reader.copy_citation.clicked.connect(self.copy_citation)
        self.inspector.entity_tree.clicked.connect(self._on_entity_tree_clicked)
        self.inspector.entity_tree.doubleClicked.connect(self._on_entity_tree_double_clicked)
        self.inspector.metric_table.clicked.connect(self._on_metric_table_clicked)
        self.inspector.metric_table.activated.connect(self._on_metric_table_clicked)

    # -- actions ---------------------------------------------------------------------------
    def open(self, ref: str, at: tuple[int, int] | None = None) -> Task:
        """Load ``ref`` in the worker and show it with the current search's marks; ``at``
        (start, end) scrolls to and selects that match instead of the first one."""
        self._task_marks = self.marks
        self._at = at
        self._task = self.runner.submit(load_document, self.corpus, ref, self.marks,
                                        slot="document", on_result=self._on_task_result)
        return self._task

    def set_marks(self, marks: Marks) -> None:
        """The search changed: re-mark the open document with the new result's marks (the
        index expanded them already: no query is parsed here, on the UI thread)."""
        if marks == self.marks:
            return
        self.marks = marks
        if self.doc is not None:
            self.matches = self.corpus.match_spans(self.doc.text, marks)
            self.focus, self.current, self.current_match = [], None, -1
            self.render()

    def set_entity_counts(self, counts: dict[tuple[str, str], int]) -> None:
        self.entity_counts = counts
        if self.doc is not None:
            self.entity_model.set_entities(self.doc.entities, counts)
            self.inspector.refresh()

    def show(self, doc: Document, matches: list[tuple[int, int]]) -> None:
        self.doc = doc
        self.matches = matches
        self.focus, self.current, self.current_match = [], None, -1
        self.reader.header.setText(header_html(doc))
        self.entity_model.set_entities(doc.entities, self.entity_counts)
        self.metric_model.set_metrics(doc.metrics)
        self.inspector.refresh()
        self.render()
        at, self._at = self._at, None
        if at is not None:  # the match a concordance line points at (a phrase: whole)
            first = next((i for i, m in enumerate(self.matches) if m[0] >= at[0]), -1)
            self._point_at([], at, first)
        elif self.matches:
            self.next_match()  # show where the query matched
        self.document_shown.emit(doc)

    def render(self) -> None:
        """Re-draw the open document with the current layers, marks and provenance toggle.

        Marks are drawn into the HTML rather than as QTextEdit extra selections: assigning
        ExtraSelection fields crashed PySide6 6.12 with a refcount error under load.
        """
        if self.doc is None:
            return
        layers = self.reader.enabled_layers()
        spans = document_spans(self.doc, self.matches, layers, self.focus, self.current)
        self.reader.view.show_rendered(render_document(
            self.doc.text, spans, self.doc.removed,
            show_removed=self.reader.show_removed.isChecked(),
            headline=opens_with_title(self.doc)))
        if self.current is not None:
            self.reader.view.scroll_to(*self.current)
        elif self.focus:
            self.reader.view.scroll_to(*self.focus[0])
        self._update_match_label()

    def _point_at(self, focus: list[tuple[int, int]], current: tuple[int, int] | None,
                  match: int = -1) -> None:
        self.focus, self.current, self.current_match = focus, current, match
        self.render()

    def next_match(self) -> None:
        self._step(1)

    def previous_match(self) -> None:
        self._step(-1)

    def _step(self, delta: int) -> None:
        if not self.matches:
            return
        if self.current_match < 0:
            i = 0 if delta > 0 else len(self.matches) - 1
        else:
            i = (self.current_match + delta) % len(self.matches)
        self._point_at([], self.matches[i], i)

    def _update_match_label(self) -> None:
        n = len(self.matches)
        shown = f"{self.current_match + 1}/{n}" if self.current_match >= 0 else f"{n}"
        page = self.cited_page() if self.current is not None else None
        where = f" · p. {page}" if page is not None else ""  # a PDF: the page of the match
        self.reader.match_label.setText(f"{shown} match{'es' if n != 1 else ''}{where}")
        for b in (self.reader.next_match, self.reader.prev_match):
            b.setEnabled(n > 0)

    def show_entity(self, etype: str, canonical: str) -> list[tuple[int, int]]:
        """Mark every mention of the entity and scroll to the first."""
        if self.doc is None:
            return []
        ranges = [(e.start, e.end) for e in entity_mentions(self.doc, etype, canonical)]
        self._point_at(ranges, None)
        return ranges

    def show_metric(self, start: int, end: int) -> None:
        self._point_at([], (start, end))

    def copy_citation(self) -> str:
        if self.doc is None:
            return ""
        text = citation(self.doc, self.cited_page())
        QGuiApplication.clipboard().setText(text)
        self.message.emit("Citation copied")
        return text

    def cited_page(self) -> int | None:
        """The page of what the reader points at (the current match or metric, else the
        first match), for a paged document; None otherwise."""
        if self.doc is None or not self.doc.pages:
            return None
        target = self.current or (self.matches[0] if self.matches else None)
        return self.doc.page_of(target[0]) if target else None

    # -- slots -----------------------------------------------------------------------------
    def _on_task_result(self, task: Task, value: tuple) -> None:
        if task is not self._task:
            return
        doc, matches = value
        if doc is None:
            self.message.emit("That document is no longer in the index.")
            return
        if self._task_marks != self.marks:  # a search answered while the document loaded
            matches = self.corpus.match_spans(doc.text, self.marks)
        self.show(doc, matches)

    def _on_reader_layer_toggled(self, _layer: str, _on: bool) -> None:
        self.prefs.layers = sorted(self.reader.enabled_layers())
        self.render()

    def _on_show_removed_toggled(self, on: bool) -> None:
        self.prefs.show_removed = on
        self.render()

    def _entity_of(self, index: QModelIndex) -> tuple[str, str] | None:
        canonical = index.data(EntityModel.CanonicalRole)
        if canonical is None:
            return None
        return index.data(EntityModel.TypeRole), canonical

    def _on_entity_tree_clicked(self, index: QModelIndex) -> None:
        found = self._entity_of(index)
        if found:
            self.show_entity(*found)

    def _on_entity_tree_double_clicked(self, index: QModelIndex) -> None:
        found = self._entity_of(index)
        if found:
            self.entity_filter_requested.emit(found[0].lower(), found[1])

    def _on_metric_table_clicked(self, index: QModelIndex) -> None:
        metric = index.data(MetricModel.MetricRole)
        if metric is not None:
            self.show_metric(metric.start, metric.end)
