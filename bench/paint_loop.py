"""Waiting for a widget's repaint in the typing benchmarks: Qt's events run until the watched viewport has
painted (its event filter appends to `painted`) or a limit passes."""

from __future__ import annotations

import time

from PySide6.QtCore import QEvent, QEventLoop, QObject, QTimer


class PaintSpy(QObject):
    """An event filter that notes every paint of the widgets it is installed on."""

    def __init__(self, painted: list, parent: QObject | None = None):
        super().__init__(parent)
        self.painted = painted

    def eventFilter(self, obj, event):
        if event.type() == QEvent.Type.Paint:
            self.painted.append(True)
        return False


class PaintLoop:
    def __init__(self, painted: list, limit: float = 0.5):
        self.painted = painted
        self.limit = limit  # seconds until_painted() waits unless told
        self.loop = QEventLoop()
        self.wake = QTimer()
        self.wake.setInterval(20)
        self.wake.start()  # WaitForMoreEvents never blocks longer than this

    def until_painted(self, limit: float | None = None) -> bool:
        deadline = time.perf_counter() + (self.limit if limit is None else limit)
        while not self.painted:
            if time.perf_counter() > deadline:
                return False
            self.loop.processEvents(QEventLoop.ProcessEventsFlag.WaitForMoreEvents)
        return True

    def settle(self, seconds: float = 0.3) -> None:
        end = time.perf_counter() + seconds
        while time.perf_counter() < end:
            self.loop.processEvents(QEventLoop.ProcessEventsFlag.WaitForMoreEvents)
