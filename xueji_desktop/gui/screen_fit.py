"""Windows that fit the screen at 125 % and 150 % Windows scaling (a 1366×768 laptop then offers 1093×614 or
911×512 logical pixels, less the taskbar).

* `install(app)`: every window, when first shown, is made no larger than the screen's free area and moved
  onto it (a dialog that asks for 980×660 gets 911×470 at 150 %; its layout or scroll area takes the rest).
* `scroll_body(dialog)`: the dialog's layout goes into a scroll area but for its last row (the buttons), so a
  tall dialog scrolls with 确定/取消 always in sight; called by the dialogs whose content cannot shrink.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QRect, QSize
from PySide6.QtWidgets import QApplication, QBoxLayout, QFrame, QScrollArea, QVBoxLayout, QWidget

from . import app_events

TITLE_BAR = 30  # the frame's title bar the window manager adds above the client area (logical pixels)


def available(widget: QWidget) -> QRect:
    screen = widget.screen() or QApplication.primaryScreen()
    return screen.availableGeometry()


def fitted(size: QSize, room: QRect) -> QSize:
    return QSize(min(size.width(), room.width()), min(size.height(), room.height() - TITLE_BAR))


def fit(window: QWidget) -> None:
    """Shrinks `window` to the screen's free area (never below its minimum) and moves it onto the screen."""
    room = available(window)
    size = fitted(window.size(), room).expandedTo(window.minimumSize())
    if size != window.size():
        window.resize(size)
    frame = window.frameGeometry()
    x = min(max(frame.x(), room.left()), max(room.left(), room.right() - frame.width() + 1))
    y = min(max(frame.y(), room.top()), max(room.top(), room.bottom() - frame.height() + 1))
    if (x, y) != (frame.x(), frame.y()):
        window.move(x, y)


def _fit_on_show(obj, event) -> bool:
    if isinstance(obj, QWidget) and obj.isWindow() and not obj.property("xueji_fitted") \
            and obj.windowType().name in ("Dialog", "Window"):
        obj.setProperty("xueji_fitted", True)
        fit(obj)
    return False


def install(app: QApplication) -> None:
    app_events.on((QEvent.Type.Show,), _fit_on_show, app)


def scroll_body(dialog: QWidget, keep_last: int = 1) -> QScrollArea:
    """Moves all but the last `keep_last` items of the dialog's box layout into a frameless scroll area."""
    layout = dialog.layout()
    assert isinstance(layout, QBoxLayout), "scroll_body needs a QVBoxLayout"
    items = [(layout.itemAt(i), layout.stretch(i)) for i in range(layout.count())]
    for _ in items:
        layout.takeAt(0)
    body = QWidget()
    inner = QVBoxLayout(body)
    inner.setContentsMargins(0, 0, 0, 0)
    inner.setSpacing(layout.spacing())
    kept = items[len(items) - keep_last:] if keep_last else []
    for item, stretch in items[:len(items) - keep_last]:
        _re_add(inner, item, stretch)
    area = QScrollArea()
    area.setObjectName("body_scroll")
    area.setFrameShape(QFrame.Shape.NoFrame)
    area.setWidgetResizable(True)
    area.setWidget(body)
    layout.addWidget(area, 1)
    for item, stretch in kept:
        _re_add(layout, item, stretch)
    return area


def _re_add(layout: QBoxLayout, item, stretch: int) -> None:
    if item.widget() is not None:
        layout.addWidget(item.widget(), stretch)
    elif item.layout() is not None:
        layout.addLayout(item.layout(), stretch)
    elif item.spacerItem() is not None:
        layout.addItem(item.spacerItem())
