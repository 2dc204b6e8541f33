"""The reading view: a text browser that never fetches anything, plus its header and tools.

``DocumentView.loadResource`` returns nothing for every URL (remote, file, data, qrc), and
links are neither followed nor opened: an article is text to read, not a page to load. The
requests it refused are kept in ``refused`` so a test can prove none succeeded.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt, QTimer, QUrl, Signal
from PySide6.QtGui import QTextCursor
from PySide6.QtWidgets import (
    QCheckBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTextBrowser,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from scoda_desktop.ui.render import LAYER_COLOURS, LAYER_LABELS, LAYERS, Rendered, tint


class DocumentView(QTextBrowser):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setOpenLinks(False)
        self.setOpenExternalLinks(False)
        self.refused: list[str] = []
        self._rendered: Rendered | None = None

    def loadResource(self, type: int, name: QUrl) -> Any:  # noqa: A002 (Qt's name)
        self.refused.append(name.toString())
        return None

    def show_rendered(self, rendered: Rendered) -> None:
        self._rendered = rendered
        self.setHtml(rendered.html)

    def clear_document(self, message: str = "") -> None:
        self._rendered = None
        self.setPlainText(message)

    def position_of(self, offset: int) -> int | None:
        """Position in the view's document of a clean-text offset."""
        if self._rendered is None:
            return None
        where = self._rendered.locate(offset)
        if where is None:
            return None
        block = self.document().findBlockByNumber(where[0])
        return block.position() + where[1] if block.isValid() else None

    def text_at(self, start: int, end: int) -> str:
        """The characters the view shows for a clean-text range (tests use this)."""
        a, b = self.position_of(start), self.position_of(end)
        if a is None or b is None:
            return ""
        cursor = QTextCursor(self.document())
        cursor.setPosition(a)
        cursor.setPosition(b, QTextCursor.MoveMode.KeepAnchor)
        return cursor.selectedText()

    def scroll_to(self, start: int, end: int | None = None) -> bool:
        a = self.position_of(start)
        if a is None:
            return False
        cursor = QTextCursor(self.document())
        cursor.setPosition(a)
        b = self.position_of(end) if end is not None else None
        if b is not None:
            cursor.setPosition(b, QTextCursor.MoveMode.KeepAnchor)
        self.setTextCursor(cursor)
        self.ensureCursorVisible()
        # setHtml lays the document out lazily: reveal again once the layout is done (the
        # view as the timer's context: a view closed meanwhile cancels it)
        QTimer.singleShot(0, self, self._reveal)
        return True

    def _reveal(self) -> None:
        """Put the cursor about a third of the way down the view, not at its very edge."""
        rect = self.cursorRect()
        bar = self.verticalScrollBar()
        bar.setValue(bar.value() + rect.top() - self.viewport().height() // 3)

    def cursor_range(self) -> tuple[int, int]:
        c = self.textCursor()
        return c.selectionStart(), c.selectionEnd()


class ReaderPanel(QWidget):
    """Header + highlight legend/toggles + provenance toggle + match navigation + text."""

    layer_toggled = Signal(str, bool)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.header = QLabel(self)
        self.header.setWordWrap(True)
        self.header.setTextFormat(Qt.TextFormat.RichText)
        self.header.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.header.setOpenExternalLinks(False)
        self.header.setText("<i>Choose a result to read it here.</i>")
        self.layer_buttons: dict[str, QToolButton] = {}
        legend = QHBoxLayout()
        legend.setSpacing(3)
        for layer in LAYERS:
            button = QToolButton(self)
            button.setText(LAYER_LABELS[layer])
            button.setCheckable(True)
            button.setChecked(True)
            button.setToolTip(f"Highlight {LAYER_LABELS[layer].lower()}s on/off")
            colour = tint(LAYER_COLOURS[layer])
            button.setStyleSheet(
                f"QToolButton {{ background:{colour}; color:#000; border:1px solid #999;"
                f" border-radius:3px; padding:1px 5px; }}"
                "QToolButton:!checked { background:transparent; color:#888888;"
                " border:1px dashed #999; }")
            self.layer_buttons[layer] = button
            legend.addWidget(button)
        legend.addStretch(1)
        self.show_removed = QCheckBox("Show removed lines", self)
        self.show_removed.setToolTip("Show the boilerplate the cleaner took out, greyed, "
                                     "in its original place")
        self.prev_match = QToolButton(self)
        self.prev_match.setText("◀")
        self.prev_match.setToolTip("Previous match (Shift+F3)")
        self.next_match = QToolButton(self)
        self.next_match.setText("▶")
        self.next_match.setToolTip("Next match (F3)")
        self.match_label = QLabel("", self)
        self.copy_citation = QPushButton("Copy citation", self)
        self.copy_citation.setToolTip("Copy title, source, date, page, URL, capture time "
                                       "and path")
        tools = QHBoxLayout()
        tools.addWidget(self.show_removed)
        tools.addStretch(1)
        tools.addWidget(self.prev_match)
        tools.addWidget(self.match_label)
        tools.addWidget(self.next_match)
        tools.addWidget(self.copy_citation)
        self.view = DocumentView(self)
        box = QVBoxLayout(self)
        box.setContentsMargins(6, 6, 6, 6)
        box.addWidget(self.header)
        box.addLayout(legend)
        box.addLayout(tools)
        box.addWidget(self.view, 1)
        for layer, button in self.layer_buttons.items():
            button.toggled.connect(lambda on, name=layer: self.layer_toggled.emit(name, on))

    def enabled_layers(self) -> set[str]:
        return {name for name, b in self.layer_buttons.items() if b.isChecked()}

    def set_enabled_layers(self, layers: list[str]) -> None:
        for name, button in self.layer_buttons.items():
            button.blockSignals(True)
            button.setChecked(name in layers)
            button.blockSignals(False)
