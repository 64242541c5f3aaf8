"""A progress window for long work that has to stay on the window's thread (it writes through the school's
database connection, which belongs to that thread): the domain call gets this object as its
`progress(done, total)` callback, which repaints the window between chunks and raises `Cancelled` once
取消 was clicked, so the domain's transaction rolls back and its temporary file is removed.

    with WorkProgress(self, "生成名册", "正在生成{title}… 第 {done}/{total} 页") as progress:
        service.save(..., progress=progress)

The window appears only when the work lasts (`SHOW_AFTER` seconds); until then the window repaints but
takes no clicks. Once shown it is modal: nothing else can be started while the work runs. `no_cancel(why)`
greys 取消 out with the reason as its tooltip, for a phase that cannot be undone halfway (a commit, a swap).
Work that opens its own connection runs in a thread instead (gui/background.py `Job`).
"""

from __future__ import annotations

import time
from typing import Self

from PySide6.QtCore import QEventLoop, Qt
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from .background import Cancelled

__all__ = ["Cancelled", "WorkProgress", "count_text"]

SHOW_AFTER = 0.4  # seconds of work before the window appears; tests set 0
MIN_WIDTH = 420


def count_text(n: int) -> str:
    """1200 → “1,200”, the way the counts are written in the progress text."""
    return f"{n:,}"


class WorkProgress(QDialog):
    def __init__(self, parent: QWidget | None, caption: str, text: str, stages: dict[str, str] | None = None,
                 **fields: str):
        """`text` is formatted with `done` and `total` (with thousands separators) and `fields`; `stages` gives
        the text of each stage the domain names through `stage(name)` (the form engine's "layout", "pages")."""
        super().__init__(parent)
        self.stages = stages or {}
        self.setObjectName("work_progress")
        self.setWindowTitle(f"{caption} — 学籍桌面")
        self.setWindowModality(Qt.WindowModality.ApplicationModal)
        self.setMinimumWidth(MIN_WIDTH)
        self.text, self.main_text, self.fields = text, text, fields
        layout = QVBoxLayout(self)
        self.label = QLabel(self)
        self.label.setObjectName("work_progress_label")
        layout.addWidget(self.label)
        self.bar = QProgressBar(self)
        self.bar.setRange(0, 0)  # busy until the first count
        layout.addWidget(self.bar)
        self.note = QLabel(self)
        self.note.setWordWrap(True)
        self.note.hide()
        layout.addWidget(self.note)
        row = QHBoxLayout()
        row.addStretch(1)
        self.cancel_button = QPushButton("取消", self)
        self.cancel_button.setObjectName("work_progress_cancel")
        self.cancel_button.setToolTip("停止并撤销：不留下写了一半的文件，也不写入数据库")
        self.cancel_button.clicked.connect(self.request_cancel)
        row.addWidget(self.cancel_button)
        layout.addLayout(row)
        self.cancel_requested = False
        self.cancellable = True
        self.calls: list[tuple[int, int]] = []  # every (done, total) reported, for the tests
        self._started: float | None = None  # the first count: questions asked before it are not timed
        self.label.setText(self._waiting())

    # the callback ---------------------------------------------------------------------------------
    def __call__(self, done: int, total: int) -> None:
        if self.cancel_requested and self.cancellable:
            raise Cancelled()
        self.calls.append((done, total))
        self.bar.setRange(0, max(total, 1))
        self.bar.setValue(min(done, max(total, 1)))
        self.label.setText(self.text.format(done=count_text(done), total=count_text(total), **self.fields))
        self.pump()
        if self.cancel_requested and self.cancellable:
            raise Cancelled()

    def phase(self, text: str, **fields: str) -> None:
        """A new stage of the work (a new text; the bar waits for the stage's first count)."""
        self.text = text
        self.fields.update(fields)
        self.bar.setRange(0, 0)
        self.label.setText(self._waiting())
        if self._started is not None:
            self.pump()

    def stage(self, name: str) -> None:
        """The domain's stage: its text from `stages`, else the form engine's "layout" as “正在生成… 排版 n/N”
        and any other stage as the main text."""
        if name in self.stages:
            self.phase(self.stages[name])
        elif name == "layout":
            self.phase(self._waiting_of(self.main_text) + " 排版 {done}/{total}")
        else:
            self.phase(self.main_text)

    def _waiting(self) -> str:
        """The text before the first count: its part before the numbers (“正在生成名册…”)."""
        return self._waiting_of(self.text)

    def _waiting_of(self, text: str) -> str:
        head = text.split("{done}")[0].format(**self.fields).rstrip(" 第：:")
        return head if head.endswith("…") else head + "…"

    def no_cancel(self, why: str) -> None:
        """From here on the work cannot be stopped: 取消 greyed out, `why` as its tooltip and under the bar."""
        self.cancellable = False
        self.cancel_button.setEnabled(False)
        self.cancel_button.setToolTip(why)
        self.note.setText(why)
        self.note.show()
        self.pump()

    def request_cancel(self) -> None:
        if not self.cancellable:
            return
        self.cancel_requested = True
        self.cancel_button.setEnabled(False)
        self.label.setText("正在取消…")

    def pump(self) -> None:
        """Repaints; shows the window once the work has lasted `SHOW_AFTER` seconds."""
        if self._started is None:
            self._started = time.monotonic()
        if not self.isVisible() and time.monotonic() - self._started >= SHOW_AFTER:
            self.show()
        if self.isVisible():
            QApplication.processEvents()
        else:  # no clicks reach the window behind until this one is up and modal
            QApplication.processEvents(QEventLoop.ProcessEventsFlag.ExcludeUserInputEvents)

    # closing --------------------------------------------------------------------------------------
    def reject(self) -> None:  # Esc or the close box: the same as 取消, when it may be
        self.request_cancel()

    def closeEvent(self, event) -> None:
        self.request_cancel()
        event.ignore()

    def finish(self) -> None:
        self.hide()
        self.deleteLater()

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc) -> None:
        self.finish()
