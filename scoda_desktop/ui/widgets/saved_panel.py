"""The Saved searches panel: the list (with new-hit counts) and its buttons."""

from __future__ import annotations

from PySide6.QtWidgets import QHBoxLayout, QLabel, QListView, QPushButton, QVBoxLayout, QWidget


class SavedSearchPanel(QWidget):
    """Layout only; SavedSearchController acts."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.view = QListView(self)
        self.view.setToolTip("Double-click (or Enter) to run; the count is hits new since "
                             "the last run")
        self.save = QPushButton("Save current search…", self)
        self.remove = QPushButton("Remove", self)
        self.message = QLabel("", self)
        self.message.setWordWrap(True)
        buttons = QHBoxLayout()
        buttons.addWidget(self.save)
        buttons.addWidget(self.remove)
        buttons.addStretch(1)
        self.view.setMinimumHeight(24)  # a dock must not make the window taller
        box = QVBoxLayout(self)
        box.setContentsMargins(4, 4, 4, 4)
        box.addLayout(buttons)
        box.addWidget(self.message)
        box.addWidget(self.view, 1)
