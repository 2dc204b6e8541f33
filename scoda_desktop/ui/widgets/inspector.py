"""Entities & metrics of the open document: two tabs over the item models."""

from __future__ import annotations

from PySide6.QtCore import QSortFilterProxyModel, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QLabel,
    QTableView,
    QTabWidget,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from scoda_desktop.ui.models.entities import EntityModel
from scoda_desktop.ui.models.metrics import MetricModel


class InspectorPanel(QTabWidget):
    def __init__(self, entities: EntityModel, metrics: MetricModel,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.entity_model = entities
        self.metric_model = metrics
        self.entity_tree = QTreeView(self)
        self.entity_tree.setModel(entities)
        self.entity_tree.setUniformRowHeights(True)
        self.entity_tree.setExpandsOnDoubleClick(False)
        self.entity_tree.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        header = self.entity_tree.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(EntityModel.NAME, QHeaderView.ResizeMode.Stretch)
        for col in (EntityModel.IN_DOC, EntityModel.IN_CORPUS):
            header.setSectionResizeMode(col, QHeaderView.ResizeMode.ResizeToContents)
        hint = QLabel("Click: highlight the mentions · Double-click: filter the search", self)
        hint.setStyleSheet("color: palette(placeholder-text);")
        hint.setWordWrap(True)
        self.filling = QLabel("", self)  # entities and metrics still being extracted
        self.filling.setWordWrap(True)
        self.filling.setVisible(False)
        page = QWidget(self)
        box = QVBoxLayout(page)
        box.setContentsMargins(2, 2, 2, 2)
        box.addWidget(self.filling)
        box.addWidget(self.entity_tree, 1)
        box.addWidget(hint)
        self.addTab(page, "Entities")

        self.metric_proxy = QSortFilterProxyModel(self)
        self.metric_proxy.setSourceModel(metrics)
        self.metric_proxy.setSortRole(MetricModel.SortRole)
        self.metric_table = QTableView(self)
        self.metric_table.setModel(self.metric_proxy)
        self.metric_table.setSortingEnabled(True)
        self.metric_table.sortByColumn(-1, Qt.SortOrder.AscendingOrder)
        self.metric_table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.metric_table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.metric_table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.metric_table.setWordWrap(False)
        self.metric_table.verticalHeader().setVisible(False)
        mh = self.metric_table.horizontalHeader()
        for col in range(MetricModel.SENTENCE):
            mh.setSectionResizeMode(col, QHeaderView.ResizeMode.ResizeToContents)
        mh.setStretchLastSection(True)
        self.addTab(self.metric_table, "Metrics")

    def set_filling(self, text: str) -> None:
        """Say the corpus counts are incomplete (empty text: they are not)."""
        self.filling.setText(text)
        self.filling.setVisible(bool(text))

    def refresh(self) -> None:
        """After the models were reset: open every type group."""
        self.entity_tree.expandAll()
        self.setTabText(0, f"Entities ({self._count_entities()})")
        self.setTabText(1, f"Metrics ({self.metric_model.rowCount()})")

    def _count_entities(self) -> int:
        m = self.entity_model
        return sum(m.rowCount(m.index(r, 0)) for r in range(m.rowCount()))
