"""The result list: a QListView with a delegate that paints title, date/source, a snippet
with the matched words in bold, and a "2 copies" badge for duplicate groups."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QRect, QSize, Qt
from PySide6.QtGui import QAbstractTextDocumentLayout, QColor, QPainter, QPalette, QTextDocument
from PySide6.QtWidgets import (
    QAbstractItemView,
    QListView,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QWidget,
)

from scoda_desktop.ui.models.results import ResultModel
from scoda_desktop.ui.render import OKABE_ITO, safe_snippet

PAD = 6
SNIPPET_LINES = 3


class ResultDelegate(QStyledItemDelegate):
    def _snippet_doc(self, index: QModelIndex | QPersistentModelIndex, width: int,
                     option: QStyleOptionViewItem) -> QTextDocument:
        doc = QTextDocument()
        doc.setDefaultFont(option.font)
        doc.setDocumentMargin(0)
        doc.setHtml(safe_snippet(index.data(ResultModel.SnippetRole) or ""))
        doc.setTextWidth(max(50, width))
        return doc

    def sizeHint(self, option: QStyleOptionViewItem,
                 index: QModelIndex | QPersistentModelIndex) -> QSize:
        width = option.rect.width() or 360
        line = option.fontMetrics.height()
        snippet = min(SNIPPET_LINES * line,
                      int(self._snippet_doc(index, width - 2 * PAD, option).size().height()))
        return QSize(width, 2 * PAD + 2 * line + 4 + snippet)

    def paint(self, painter: QPainter, option: QStyleOptionViewItem,
              index: QModelIndex | QPersistentModelIndex) -> None:
        self.initStyleOption(option, index)
        style = option.widget.style() if option.widget else None
        painter.save()
        if style is not None:  # selection / hover background only
            option_text = option.text
            option.text = ""
            style.drawControl(QStyle.ControlElement.CE_ItemViewItem, option, painter,
                              option.widget)
            option.text = option_text
        selected = bool(option.state & QStyle.StateFlag.State_Selected)
        group = QPalette.ColorGroup.Active
        text_role = QPalette.ColorRole.HighlightedText if selected else QPalette.ColorRole.Text
        colour = option.palette.color(group, text_role)
        rect = option.rect.adjusted(PAD, PAD, -PAD, -PAD)
        line = option.fontMetrics.height()

        badge = index.data(ResultModel.BadgeRole) or ""
        badge_w = option.fontMetrics.horizontalAdvance(badge) + 12 if badge else 0
        if badge:
            box = QRect(rect.right() - badge_w, rect.top(), badge_w, line)
            painter.setRenderHint(QPainter.RenderHint.Antialiasing)
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(QColor(OKABE_ITO["orange"]))
            painter.drawRoundedRect(box, 6, 6)
            painter.setPen(QColor("#000000"))
            painter.drawText(box, Qt.AlignmentFlag.AlignCenter, badge)

        title_font = option.font
        title_font.setBold(True)
        painter.setFont(title_font)
        painter.setPen(colour)
        title_rect = QRect(rect.left(), rect.top(), rect.width() - badge_w - 6, line)
        title = painter.fontMetrics().elidedText(index.data(ResultModel.TitleRole) or "",
                                                 Qt.TextElideMode.ElideRight, title_rect.width())
        painter.drawText(title_rect, Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
                         title)
        title_font.setBold(False)
        painter.setFont(title_font)
        meta_colour = QColor(colour)
        meta_colour.setAlpha(170)
        painter.setPen(meta_colour)
        painter.drawText(QRect(rect.left(), rect.top() + line + 2, rect.width(), line),
                         Qt.AlignmentFlag.AlignLeft, index.data(ResultModel.MetaRole) or "")

        top = rect.top() + 2 * line + 4
        doc = self._snippet_doc(index, rect.width(), option)
        painter.translate(rect.left(), top)
        clip = QRect(0, 0, rect.width(), min(SNIPPET_LINES * line, rect.bottom() - top))
        painter.setClipRect(clip)
        ctx = QAbstractTextDocumentLayout.PaintContext()
        ctx.palette.setColor(QPalette.ColorRole.Text, colour)
        ctx.clip = clip
        doc.documentLayout().draw(painter, ctx)
        painter.restore()


class ResultsView(QListView):
    """Keyboard navigation comes from QListView: arrows, PgUp/PgDn, Home/End."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setItemDelegate(ResultDelegate(self))
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.setAlternatingRowColors(True)
        self.setUniformItemSizes(False)
        self.setWordWrap(True)
        self.setResizeMode(QListView.ResizeMode.Adjust)
        self.setMinimumWidth(300)
        self.setDragEnabled(True)  # onto the Collections panel
        self.setDragDropMode(QAbstractItemView.DragDropMode.DragOnly)
