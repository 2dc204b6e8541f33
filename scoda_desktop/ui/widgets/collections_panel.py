"""The Collections panel: a tree of collections and their documents with notes; results
dropped on a collection join it."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTreeView,
    QVBoxLayout,
    QWidget,
)


class CollectionsPanel(QWidget):
    """Layout only; CollectionController acts."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.tree = QTreeView(self)
        self.tree.setAcceptDrops(True)
        self.tree.setDropIndicatorShown(True)
        self.tree.setDragDropMode(QAbstractItemView.DragDropMode.DropOnly)
        self.tree.setEditTriggers(QAbstractItemView.EditTrigger.EditKeyPressed
                                  | QAbstractItemView.EditTrigger.SelectedClicked)
        self.tree.setAlternatingRowColors(True)
        self.tree.setToolTip("Drop results here; double-click a document to read it; "
                             "F2 edits its note")
        self.add = QPushButton("Add open document…", self)
        self.add.setToolTip("Put the document you are reading in a collection (Ctrl+D)")
        self.remove = QPushButton("Remove", self)
        self.export = QPushButton("Export…", self)
        self.export.setToolTip("RIS or CSL-JSON for Zotero, or CSV/JSON")
        self.message = QLabel("", self)
        self.message.setWordWrap(True)
        buttons = QHBoxLayout()
        buttons.addWidget(self.add)
        buttons.addWidget(self.remove)
        buttons.addWidget(self.export)
        buttons.addStretch(1)
        self.tree.setMinimumHeight(24)  # a dock must not make the window taller
        box = QVBoxLayout(self)
        box.setContentsMargins(4, 4, 4, 4)
        box.addLayout(buttons)
        box.addWidget(self.message)
        box.addWidget(self.tree, 1)

    def fit_columns(self) -> None:
        header = self.tree.header()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.resizeSection(1, 160)
        header.setStretchLastSection(False)
        self.tree.expandAll()
