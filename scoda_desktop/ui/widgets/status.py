"""Status bar contents: hits and time, documents in the index, indexing progress + Cancel."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QLabel, QProgressBar, QPushButton, QStatusBar, QWidget

from scoda_desktop.core.documents import Progress


def filling_text(pending: int, done: int | None = None, total: int | None = None) -> str:
    """What a panel that needs entities or metrics says while they are being extracted
    (empty when every document has them)."""
    if not pending:
        return ""
    if done is not None and total:
        return f"being filled: enriching {done:,} of {total:,} documents…"
    return f"being filled: {pending:,} documents still to enrich…"


class StatusPanel:
    """Adds its widgets to a QStatusBar; the progress part is hidden when idle."""

    def __init__(self, bar: QStatusBar, parent: QWidget) -> None:
        self.hits = QLabel("", parent)
        self.docs = QLabel("", parent)
        self.file = QLabel("", parent)
        self.file.setMaximumWidth(420)
        self.progress = QProgressBar(parent)
        self.progress.setMaximumWidth(220)
        self.progress.setTextVisible(True)
        self.cancel = QPushButton("Cancel", parent)
        self.cancel.setToolTip("Stop indexing: what was committed stays searchable (a big "
                               "import commits every thousand documents) and the next sync "
                               "reads the rest; while enriching, every document stays "
                               "searchable")
        bar.addWidget(self.hits, 1)
        bar.addPermanentWidget(self.file)
        bar.addPermanentWidget(self.progress)
        bar.addPermanentWidget(self.cancel)
        bar.addPermanentWidget(self.docs)
        self.set_idle()

    def set_hits(self, total: int, shown: int, took_ms: float) -> None:
        more = f" (showing {shown})" if shown < total else ""
        self.hits.setText(f"{total} hit{'s' if total != 1 else ''}{more} in {took_ms:.0f} ms")

    def set_documents(self, count: int) -> None:
        self.docs.setText(f"{count} documents in the index")

    def set_progress(self, p: Progress) -> None:
        for w in (self.progress, self.cancel, self.file):
            w.setVisible(True)
        self.progress.setMaximum(max(p.total, 0))
        self.progress.setValue(min(p.done, max(p.total, 0)))
        self.progress.setFormat(f"{p.stage or 'indexing'} %v/%m" if p.total else
                                (p.stage or "indexing"))
        name = Path(p.path).name if p.path else ""
        self.file.setText(name)
        self.file.setToolTip(p.path)

    def set_idle(self) -> None:
        for w in (self.progress, self.cancel, self.file):
            w.setVisible(False)
        self.cancel.setEnabled(True)

    def is_busy(self) -> bool:
        return self.progress.isVisibleTo(self.progress.parentWidget())
