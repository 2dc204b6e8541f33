"""Search bar: query box with recent queries, sort, facet filters, syntax help, parse notes.

It only debounces typing (~150 ms) and reports; the search controller decides what to run.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from scoda_desktop.core.documents import ENTITY_TYPES
from scoda_desktop.ui.render import LAYER_LABELS, escape

DEBOUNCE_MS = 150
ENTITY_FIELDS = {t.lower(): t for t in ENTITY_TYPES}  # "org" -> "ORG"
SEP = "\x1f"  # entity filter data is "field<SEP>value": a str compares reliably in a QVariant


class SearchBar(QWidget):
    query_edited = Signal(str)  # after the user paused typing
    query_submitted = Signal(str)  # Enter
    options_changed = Signal()  # sort or a filter changed
    help_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.query = QComboBox(self)
        self.query.setEditable(True)
        self.query.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.query.setMinimumWidth(360)
        self.query.setToolTip("Recent queries are in the drop-down")
        self.edit = self.query.lineEdit()
        self.edit.setClearButtonEnabled(True)
        self.edit.setPlaceholderText('Search (Ctrl+F) — e.g. freight train, "Qingdao Port", '
                                     'org:SCO year:2024')
        self.sort = QComboBox(self)
        self.sort.addItem("Relevance", "relevance")
        self.sort.addItem("Newest first", "date")
        self.sort.setToolTip("Sort the results")
        self.source = self._filter_combo("Any source")
        self.year = self._filter_combo("Any year")
        self.entity = self._filter_combo("Any entity")
        self.entity.setMinimumContentsLength(22)
        self.help = QToolButton(self)
        self.help.setText("?")
        self.help.setToolTip("Query syntax")
        self.parsed = QLabel(self)
        self.parsed.setTextFormat(Qt.TextFormat.RichText)
        self.parsed.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.parsed.setStyleSheet("color: palette(placeholder-text);")

        row = QHBoxLayout()
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.query, 4)
        row.addWidget(self.sort)
        row.addWidget(self.source, 1)
        row.addWidget(self.year)
        row.addWidget(self.entity, 1)
        row.addWidget(self.help)
        box = QVBoxLayout(self)
        box.setContentsMargins(6, 4, 6, 2)
        box.setSpacing(2)
        box.addLayout(row)
        box.addWidget(self.parsed)

        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(DEBOUNCE_MS)
        self._connect_signals()

    def _filter_combo(self, any_label: str) -> QComboBox:
        combo = QComboBox(self)
        combo.addItem(any_label, None)
        combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        combo.setMinimumContentsLength(12)
        combo.setToolTip(f"Filter: {any_label.lower()} (numbers are hits in the current results)")
        return combo

    def _connect_signals(self) -> None:
        self.edit.textEdited.connect(self._on_edit_text_edited)
        self.query.textActivated.connect(self._on_query_activated)
        self.edit.returnPressed.connect(self._on_edit_return_pressed)
        self._timer.timeout.connect(self._on_timer_timeout)
        self.sort.currentIndexChanged.connect(self.options_changed)
        for combo in (self.source, self.year, self.entity):
            combo.currentIndexChanged.connect(self.options_changed)
        self.help.clicked.connect(self.help_requested)

    # -- reading state -------------------------------------------------------------------
    def text(self) -> str:
        return self.edit.text()

    def sort_key(self) -> str:
        return self.sort.currentData() or "relevance"

    def filters(self) -> dict[str, str]:
        out: dict[str, str] = {}
        for name, combo in (("source", self.source), ("year", self.year)):
            if combo.currentData() is not None:
                out[name] = combo.currentData()
        ent = self.entity.currentData()
        if ent is not None:
            name, _, value = ent.partition(SEP)
            out[name] = value
        return out

    # -- setting state (no signals) ------------------------------------------------------
    def set_text(self, text: str) -> None:
        self.edit.setText(text)

    def set_sort(self, key: str) -> None:
        i = self.sort.findData(key)
        if i >= 0:
            self.sort.blockSignals(True)
            self.sort.setCurrentIndex(i)
            self.sort.blockSignals(False)

    def set_recent(self, queries: list[str]) -> None:
        text = self.edit.text()
        self.query.blockSignals(True)
        self.query.clear()
        self.query.addItems(queries)
        self.query.setCurrentIndex(-1)
        self.edit.setText(text)
        self.query.blockSignals(False)

    def set_filter(self, name: str, value: str | None) -> None:
        """Choose a filter value (adding it if the facets do not list it); emits once."""
        combo = self.entity if name in ENTITY_FIELDS else getattr(self, name)
        data: Any = f"{name}{SEP}{value}" if combo is self.entity and value is not None \
            else value
        i = combo.findData(data)
        if i < 0:
            label = self._label(name, value)
            combo.addItem(label, data)
            i = combo.count() - 1
        combo.setCurrentIndex(i)

    def clear_filters(self) -> None:
        for combo in (self.source, self.year, self.entity):
            combo.blockSignals(True)
            combo.setCurrentIndex(0)
            combo.blockSignals(False)

    @staticmethod
    def _label(name: str, value: Any, count: int | None = None) -> str:
        shown = f"{LAYER_LABELS[ENTITY_FIELDS[name]]}: {value}" if name in ENTITY_FIELDS \
            else str(value)
        return shown if count is None else f"{shown} ({count})"

    def set_facets(self, facets: dict[str, dict[str, int]], filling: str = "") -> None:
        """Refill the filter lists with counts; the chosen values stay chosen. ``filling``:
        the entities are still being extracted (say so instead of partial counts)."""
        self.entity.setItemText(0, "Entities being filled…" if filling else "Any entity")
        self.entity.setToolTip(filling)
        if filling:
            facets = {k: v for k, v in facets.items() if k not in ENTITY_FIELDS}
        for name, combo in (("source", self.source), ("year", self.year)):
            items = [(self._label(name, v, c), v) for v, c in facets.get(name, {}).items()]
            if name == "year":
                items.sort(key=lambda it: it[1], reverse=True)
            self._refill(combo, items)
        ents = []
        for name in ENTITY_FIELDS:
            for v, c in facets.get(name, {}).items():
                ents.append((c, self._label(name, v, c), f"{name}{SEP}{v}"))
        ents.sort(key=lambda it: (-it[0], it[1]))
        self._refill(self.entity, [(label, data) for _c, label, data in ents])

    @staticmethod
    def _refill(combo: QComboBox, items: list[tuple[str, Any]]) -> None:
        chosen = combo.currentData()
        chosen_text = combo.currentText()
        combo.blockSignals(True)
        while combo.count() > 1:
            combo.removeItem(1)
        for label, data in items:
            combo.addItem(label, data)
        if chosen is not None:
            i = combo.findData(chosen)
            if i < 0:
                combo.addItem(chosen_text, chosen)
                i = combo.count() - 1
            combo.setCurrentIndex(i)
        combo.blockSignals(False)

    def set_parsed(self, parsed: str, error: str | None, suggestion: str | None,
                   summary: str = "") -> None:
        """Show how the query was understood, and any repair note, in small grey text."""
        parts = []
        if summary:
            parts.append(escape(summary))
        if parsed:
            parts.append(f"searched for: <code>{escape(parsed)}</code>")
        if error:
            parts.append(f"<span style='color:#D55E00'>{escape(error)}</span>")
        if suggestion:
            parts.append(f"did you mean <i>{escape(suggestion)}</i>?")
        self.parsed.setText(" · ".join(parts))

    # -- slots -----------------------------------------------------------------------------
    def _on_edit_text_edited(self, _text: str) -> None:
        self._timer.start()

    def _on_timer_timeout(self) -> None:
        self.query_edited.emit(self.edit.text())

    def _on_edit_return_pressed(self) -> None:
        self._timer.stop()
        self.query_submitted.emit(self.edit.text())

    def _on_query_activated(self, text: str) -> None:
        self._timer.stop()
        self.query_submitted.emit(text)
