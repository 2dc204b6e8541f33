"""The one place that runs core work off the UI thread.

Core functions are plain callables or generators that yield ``Progress`` and return a
result (``Corpus.sync``). A ``Task`` runs one of them on a worker thread and reports through
signals, which Qt delivers on the UI thread. Every corpus call goes through one serial lane
(``TaskRunner``): the corpus is only safe to read while no sync runs, so reads queue behind a
sync instead of racing it. A task submitted with a ``slot`` name replaces the previous task of
that slot: the stale one is cancelled, and if it already ran its result is dropped, so a late
answer to an old query never overwrites a newer one.
"""

from __future__ import annotations

import inspect
import logging
import threading
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal

from scoda_desktop.core.documents import Progress

log = logging.getLogger(__name__)


class Task(QObject):
    """One unit of work. ``result``/``failed``/``cancelled`` is emitted once, then ``done``."""

    # Each signal carries the task first, so a controller can tell a stale answer apart.
    progress = Signal(object, object)  # task, Progress
    result = Signal(object, object)  # task, value
    failed = Signal(object, str)  # task, message
    cancelled = Signal(object)
    done = Signal(object)  # the task itself, so one runner slot serves every task

    def __init__(self, fn: Callable[..., Any], args: tuple, kwargs: dict, *,
                 wants_cancel: bool = False, slot: str | None = None) -> None:
        super().__init__()
        self.slot = slot
        self.name = slot or getattr(fn, "__name__", "task")
        self._fn = fn
        self._args = args
        self._kwargs = kwargs
        self._wants_cancel = wants_cancel
        self._cancel = threading.Event()
        self.finished_ok = False

    def cancel(self) -> None:
        """Ask the work to stop; a generator sees it through its ``cancel`` callable."""
        self._cancel.set()

    def is_cancelled(self) -> bool:
        return self._cancel.is_set()

    def run(self) -> None:
        """Runs on the worker thread."""
        if self._cancel.is_set():
            self.cancelled.emit(self)
            self.done.emit(self)
            return
        try:
            kwargs = dict(self._kwargs)
            if self._wants_cancel:
                kwargs["cancel"] = self._cancel.is_set
            value = self._fn(*self._args, **kwargs)
            if inspect.isgenerator(value):
                value = self._drain(value)
        except Exception as exc:  # a worker must report, never die silently
            log.exception("task %s failed", self.name)
            self.failed.emit(self, f"{type(exc).__name__}: {exc}")
        else:
            if self._cancel.is_set() and not self._wants_cancel:
                self.cancelled.emit(self)  # stale: the answer is no longer wanted
            else:
                self.finished_ok = True
                self.result.emit(self, value)
        self.done.emit(self)

    def _drain(self, gen: Any) -> Any:
        while True:
            try:
                item = next(gen)
            except StopIteration as stop:
                return stop.value
            if isinstance(item, Progress):
                self.progress.emit(self, item)


class _Runnable(QRunnable):
    def __init__(self, task: Task) -> None:
        super().__init__()
        self.task = task
        self.setAutoDelete(True)

    def run(self) -> None:
        self.task.run()


class TaskRunner(QObject):
    """A serial lane for corpus calls; keeps tasks alive until they are done."""

    busy_changed = Signal(bool)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._pool = QThreadPool(self)
        self._pool.setMaxThreadCount(1)
        self._live: set[Task] = set()
        self._slots: dict[str, Task] = {}

    def submit(self, fn: Callable[..., Any], *args: Any, slot: str | None = None,
               wants_cancel: bool = False, on_result: Callable | None = None,
               on_failed: Callable | None = None, on_progress: Callable | None = None,
               on_done: Callable | None = None, **kwargs: Any) -> Task:
        """Queue ``fn(*args, **kwargs)``; with ``slot``, cancel the previous task of that slot.

        The ``on_*`` slots are connected before the work starts: a fast task could otherwise
        emit its result before the caller had a chance to connect to it.
        """
        task = Task(fn, args, kwargs, wants_cancel=wants_cancel, slot=slot)
        for signal, receiver in ((task.result, on_result), (task.failed, on_failed),
                                 (task.progress, on_progress), (task.done, on_done)):
            if receiver is not None:
                signal.connect(receiver)
        if slot is not None:
            old = self._slots.get(slot)
            if old is not None:
                old.cancel()
            self._slots[slot] = task
        self._live.add(task)
        task.done.connect(self._on_task_done)
        was_idle = len(self._live) == 1
        self._pool.start(_Runnable(task))
        if was_idle:
            self.busy_changed.emit(True)
        return task

    def current(self, slot: str) -> Task | None:
        return self._slots.get(slot)

    def is_busy(self) -> bool:
        return bool(self._live)

    def cancel_all(self) -> None:
        for task in list(self._live):
            task.cancel()

    def wait(self, msecs: int = 30000) -> bool:
        """Block until the lane is empty (shutdown only; never from a slot)."""
        return self._pool.waitForDone(msecs)

    def _on_task_done(self, task: Task) -> None:
        self._live.discard(task)
        if task.slot is not None and self._slots.get(task.slot) is task:
            del self._slots[task.slot]
        if not self._live:
            self.busy_changed.emit(False)
