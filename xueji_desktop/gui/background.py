"""Long work that needs only file paths (a backup, a sealed copy for a stick, a restore) run in a thread, so
the window keeps painting and 取消 can be clicked; its progress and its end come back as Qt signals on the
window's thread.

    job = Job(lambda progress: service.take_from_path(path, folder, code, "manual", now, progress), self)
    job.progressed.connect(...); job.succeeded.connect(...); job.failed.connect(...)
    job.start()

The call gets `progress(done, total)`; after `cancel()` the next progress call raises `Cancelled`, which
the backup services clean up after (no part file left). Nothing here touches the school's database
connection: the calls open their own.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, Signal

from .. import crash_log

log = logging.getLogger(__name__)


class Cancelled(Exception):
    """The user clicked 取消: the work stopped and left nothing behind."""


class Job(QObject):
    progressed = Signal(int, int)
    succeeded = Signal(object)
    failed = Signal(object)  # the exception

    def __init__(self, call: Callable[[Callable[[int, int], None]], Any], parent: QObject | None = None):
        super().__init__(parent)
        self._call = call
        self._cancel = threading.Event()
        self.running = False
        self.thread: threading.Thread | None = None

    def start(self) -> None:
        self.running = True
        self.thread = threading.Thread(target=self._run, name="xueji-job", daemon=True)
        self.thread.start()

    def cancel(self) -> None:
        self._cancel.set()

    @property
    def cancelled(self) -> bool:
        return self._cancel.is_set()

    def _progress(self, done: int, total: int) -> None:
        if self._cancel.is_set():
            raise Cancelled()
        self.progressed.emit(int(done), int(total))

    def _run(self) -> None:
        try:
            result = self._call(self._progress)
        except BaseException as e:  # handed to the window, which says what happened
            if not isinstance(e, Cancelled):
                log.info("background work stopped: %s", e, exc_info=not hasattr(e, "message"))
            self.running = False
            self.failed.emit(e)
            return
        self.running = False
        self.succeeded.emit(result)


def explain(e: BaseException, what: str) -> str:
    """The Chinese text for a failure: the services' own message, or where the log is."""
    if isinstance(e, Cancelled):
        return f"已取消{what}，没有留下不完整的文件。"
    message = getattr(e, "message", None)
    if isinstance(message, str) and message:
        return message
    return crash_log.report(what, e)
