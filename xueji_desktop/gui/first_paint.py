"""Work put off until the window has been drawn once: `after_first_paint(widget, callback)`.

The start-up keeps to what the first screen shows; the rest (the daily backup, the full pupil list, the
applications list) waits for the first paint of `widget`, then runs on the next idle turn of the event
loop. A zero-timer posted right after show() is not enough: Qt 6 paints on a later update request, so
such a timer fires before anything is on screen. If no paint comes (a minimised window, a widget never
shown), the callbacks run after `fallback_ms` all the same.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, Qt, QTimer
from PySide6.QtWidgets import QWidget

_DIRECT = Qt.FindChildOption.FindDirectChildrenOnly


class _FirstPaint(QObject):
    def __init__(self, widget: QWidget, fallback_ms: int):
        super().__init__(widget)
        self.widget = widget
        self.callbacks: list[Callable[[], None]] = []
        self.done = False
        widget.installEventFilter(self)
        QTimer.singleShot(fallback_ms, self, self._run)

    def eventFilter(self, obj, event) -> bool:
        if event.type() == QEvent.Type.Paint:
            self.widget.removeEventFilter(self)
            QTimer.singleShot(0, self, self._run)
        return False

    def _run(self) -> None:
        if self.done:
            return
        self.done = True
        self.widget.removeEventFilter(self)
        callbacks, self.callbacks = self.callbacks, []
        for callback in callbacks:
            callback()


def after_first_paint(widget: QWidget, callback: Callable[[], None], fallback_ms: int = 1000) -> None:
    """Runs `callback` on the idle turn after `widget` is first painted (at once if that has happened)."""
    spy = widget.findChild(_FirstPaint, options=_DIRECT)
    if spy is None:
        spy = _FirstPaint(widget, fallback_ms)
    if spy.done:
        callback()
    else:
        spy.callbacks.append(callback)


def painted(widget: QWidget) -> bool:
    """True once the callbacks put off for `widget` have run (or none were)."""
    spy = widget.findChild(_FirstPaint, options=_DIRECT)
    return spy is None or spy.done


def run_now(widget: QWidget) -> None:
    """Runs what waits for `widget`'s first paint now (tests, and a view needed before the first paint)."""
    spy = widget.findChild(_FirstPaint, options=_DIRECT)
    if spy is not None:
        spy._run()
