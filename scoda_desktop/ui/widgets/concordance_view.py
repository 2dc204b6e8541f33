"""The Concordance view: sort, context width, Export lines, and the aligned table."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QSpinBox,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from scoda_desktop.ui.models.concordance import DOC, LEFT, MATCH, RIGHT


class LeftContextDelegate(QStyledItemDelegate):
    """A left context too wide for its column loses its far end, never the words next to
    the match."""

    def initStyleOption(self, option: QStyleOptionViewItem,
                        index: QModelIndex | QPersistentModelIndex) -> None:
        super().initStyleOption(option, index)
        option.textElideMode = Qt.TextElideMode.ElideLeft


class ConcordancePanel(QWidget):
    """Layout only; ConcordanceController acts."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.sort = QComboBox(self)
        for label, key in (("Document order", "doc"), ("Sort by left context", "left"),
                           ("Sort by right context", "right")):
            self.sort.addItem(label, key)
        self.sort.setToolTip("Left: by the words before the match, nearest first")
        self.width = QSpinBox(self)
        self.width.setRange(10, 200)
        self.width.setValue(50)
        self.width.setSuffix(" chars")
        self.width.setToolTip("Context on each side of the match")
        self.summary = QLabel("Search to see every occurrence in context.", self)
        self.export = QPushButton("Export lines…", self)
        self.export.setEnabled(False)
        tools = QHBoxLayout()
        tools.addWidget(self.sort)
        tools.addWidget(self.width)
        tools.addWidget(self.summary, 1)
        tools.addWidget(self.export)
        self.table = QTableView(self)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setWordWrap(False)
        self.table.setShowGrid(False)
        self.table.setAlternatingRowColors(True)
        self.table.verticalHeader().setVisible(False)
        self.table.setItemDelegateForColumn(LEFT, LeftContextDelegate(self.table))
        self.table.verticalHeader().setDefaultSectionSize(
            self.table.fontMetrics().height() + 6)
        self.table.setMinimumHeight(24)  # a dock must not make the window taller
        box = QVBoxLayout(self)
        box.setContentsMargins(4, 4, 4, 4)
        box.addLayout(tools)
        box.addWidget(self.table, 1)

    def fit_columns(self) -> None:
        """Left and right contexts share the width; the match and document fit their text."""
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(LEFT, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(RIGHT, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(MATCH, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(DOC, QHeaderView.ResizeMode.Interactive)
        header.resizeSection(DOC, 220)

    def sort_key(self) -> str:
        return self.sort.currentData() or "doc"
