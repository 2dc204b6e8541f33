"""Charts: feed the dumb chart widgets arrays, and turn chart clicks into actions.

The metric ledger follows the search: once the results settle (``SETTLE_MS`` with no newer
one), the controller asks the corpus, in the worker lane under the slot "ledger" (a newer
request replaces a stale one), for the ledger of every document the query and filters match,
not only the page of hits shown.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, QTimer, Signal

from scoda_desktop.core.documents import Ledger, LedgerPoint, LedgerSeries, SearchResult
from scoda_desktop.ui.chart_data import docs_over_time, ledger_data, measure_name, top_entities
from scoda_desktop.ui.widgets.charts import ChartPanel
from scoda_desktop.ui.workers import Task, TaskRunner

if TYPE_CHECKING:
    from scoda_desktop.core.corpus import Corpus

SETTLE_MS = 250


def scope_text(ledger: Ledger) -> str:
    """Which documents the ledger is of: "602 documents matching “Kazakhstan”"."""
    asked = " ".join([ledger.query.strip(), *(f'{k}:"{v}"' for k, v in
                                             sorted(ledger.filters.items()))]).strip()
    docs = f"{ledger.documents:,} document{'s' if ledger.documents != 1 else ''}"
    return f"{docs} matching “{asked}”" if asked else f"all {docs}"


class ChartController(QObject):
    open_requested = Signal(str, int, int)  # document id, start and end of the figure
    filter_requested = Signal(str, str)  # facet field, value
    ledger_shown = Signal(object)  # the Ledger now on screen

    def __init__(self, corpus: Corpus, runner: TaskRunner, panel: ChartPanel,
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.corpus = corpus
        self.runner = runner
        self.panel = panel
        self.ledger = Ledger()
        self.series: list[LedgerSeries] = []
        self._task: Task | None = None
        self._wanted: tuple[str, dict[str, str]] = ("", {})
        self._asked: tuple[str, tuple[tuple[str, str], ...]] | None = None
        # While the user types, each result would queue a ledger (a second of CPU over
        # 10,000 documents) in the one worker lane, ahead of the next search: ask only once
        # the results have settled for a moment.
        self._settle = QTimer(self)
        self._settle.setSingleShot(True)
        self._settle.setInterval(SETTLE_MS)
        self._connect_signals()

    def _connect_signals(self) -> None:
        self.panel.measure_changed.connect(self._on_ledger_measure_changed)
        self.panel.point_chosen.connect(self._on_ledger_point_chosen)
        self.panel.bar_clicked.connect(self.filter_requested)
        self._settle.timeout.connect(self._on_settle_timeout)

    # -- actions ---------------------------------------------------------------------------
    def set_results(self, result: SearchResult, filters: dict[str, str] | None = None) -> None:
        """A new search result: its entity bars and months now, its ledger from the worker."""
        self.panel.entities.set_data(top_entities(result.facets))
        self.panel.timeline.set_data(*docs_over_time(result.facets))
        self._wanted = (result.query, dict(filters or {}))
        self._settle.start()

    def request_ledger(self, query: str, filters: dict[str, str] | None = None, *,
                       force: bool = False) -> Task | None:
        """Ask for the ledger of ``query`` + ``filters`` unless it is the one shown (a new
        sort order changes nothing in it); ``force`` after the index changed."""
        asked = ((query or "").strip(), tuple(sorted((filters or {}).items())))
        self._settle.stop()
        if asked == self._asked and not force:
            return self._task
        self._asked = asked
        self._task = self.runner.submit(
            self.corpus.ledger, asked[0], dict(asked[1]) or None, slot="ledger",
            on_result=self._on_task_result, on_failed=self._on_task_failed)
        return self._task

    def is_pending(self) -> bool:
        """A ledger was asked for and has not been shown yet."""
        return self._task is not None or self._settle.isActive()

    def forget(self) -> None:
        """The index changed (a sync, an enrichment): the next result asks again."""
        self._asked = None

    def set_ledger(self, ledger: Ledger) -> None:
        """Show a ledger: its measures, most figures first (as the corpus ordered them),
        keeping the chosen series when the new ledger has it too."""
        chart = self.panel.ledger
        current = self.series[chart.measure.currentIndex()].label \
            if 0 <= chart.measure.currentIndex() < len(self.series) else None
        self.ledger = ledger
        self.series = list(ledger.series)
        labels = [s.label for s in self.series]
        index = labels.index(current) if current in labels else 0
        chart.set_scope(scope_text(ledger))
        empty = ledger.error or ("No measure is reported by two or more of these articles."
                                 if ledger.documents else "No document matches: no figures.")
        chart.set_measures([measure_name(s) for s in self.series], index, empty)
        if self.series:
            self.choose_measure(index)
        self.ledger_shown.emit(ledger)

    def choose_measure(self, index: int) -> None:
        if 0 <= index < len(self.series):
            series = self.series[index]
            self.panel.ledger.set_data(ledger_data(series), series.conflicts)

    # -- slots -----------------------------------------------------------------------------
    def _on_task_result(self, task: Task, ledger: Ledger) -> None:
        if task is self._task:
            self._task = None
            self.set_ledger(ledger)

    def _on_task_failed(self, task: Task, message: str) -> None:
        if task is self._task:
            self._task = None
            self._asked = None
            self.set_ledger(Ledger(error=f"The ledger could not be read: {message}"))

    def _on_settle_timeout(self) -> None:
        self.request_ledger(*self._wanted)

    def _on_ledger_measure_changed(self, index: int) -> None:
        self.choose_measure(index)

    def _on_ledger_point_chosen(self, point: LedgerPoint) -> None:
        self.open_requested.emit(point.doc, point.start, point.end)

    def current_series(self) -> Any:
        i = self.panel.ledger.measure.currentIndex()
        return self.series[i] if 0 <= i < len(self.series) else None
