"""The application's one event filter, shared by what must see events of every widget.

A window fitted to the screen when first shown (screen_fit), Alt letters on a dialog's buttons when first
shown (keyboard), F1 on a wizard page (page_help) and the idle lock's watch on input (idle_lock) each register
a handler for the event types they want (`on`); one Python filter on the application then makes one dictionary
lookup per event, however many there are.

`quiet_until_painted(window)` lifts the filter while the main window is built and puts it back after the
window's first paint: with any Python filter on the application, PySide has to wrap each private Qt object an
event passes, and the first of them (the gesture manager of the first scroll area) makes it resolve some 180
enum types, about 100 ms of the start. Building the window shows no dialog and takes no input, so nothing is
missed; the one-time cost is paid later, once, when the window is already on the screen.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from PySide6.QtCore import QEvent, QObject
from PySide6.QtWidgets import QApplication, QWidget

from .first_paint import after_first_paint

Handler = Callable[[QObject, QEvent], bool]  # True: the event is consumed


class _AppEvents(QObject):
    def __init__(self, app: QApplication):
        super().__init__(app)
        self.handlers: dict[QEvent.Type, list[Handler]] = {}

    def eventFilter(self, obj, event) -> bool:
        handlers = self.handlers.get(event.type())
        if handlers:
            for handler in tuple(handlers):
                if handler(obj, event):
                    return True
        return False


def _filter(app: QApplication | None = None) -> _AppEvents:
    app = app or QApplication.instance()
    found = app.findChild(_AppEvents)
    if found is None:
        found = _AppEvents(app)
        app.installEventFilter(found)
    return found


def on(types: Iterable[QEvent.Type], handler: Handler, app: QApplication | None = None) -> Callable[[], None]:
    """Calls `handler(obj, event)` for every event of `types` to any object of the application; returns the
    function that stops it. Registering the same handler again does nothing."""
    events = _filter(app)
    types = tuple(types)
    for kind in types:
        handlers = events.handlers.setdefault(kind, [])
        if handler not in handlers:
            handlers.append(handler)

    def stop() -> None:
        for kind in types:
            handlers = events.handlers.get(kind, [])
            if handler in handlers:
                handlers.remove(handler)

    return stop


def quiet_until_painted(window: QWidget) -> None:
    """No handler runs from now until `window` has been painted once (see the module's note)."""
    app = QApplication.instance()
    events = _filter(app)
    app.removeEventFilter(events)

    def resume(*_) -> None:  # installing it again is harmless: Qt keeps one entry per filter
        app.installEventFilter(events)

    after_first_paint(window, resume)
    window.destroyed.connect(resume)  # a window closed before it was ever painted


def is_listening(app: QApplication | None = None) -> bool:
    """Whether the filter is on the application now (for the tests): sends it a harmless probe."""
    events = _filter(app)
    seen: list[bool] = []
    probe = QEvent.Type(QEvent.registerEventType())
    stop = on((probe,), lambda obj, event: seen.append(True) or False, app)
    try:
        QApplication.sendEvent(events.parent(), QEvent(probe))
    finally:
        stop()
    return bool(seen)
