"""The window locks itself after some minutes without a key or a click, and asks the same account's
password again (the records stay hidden meanwhile). Measured on a monotonic timer: the PC's date, which may
be wrong, plays no part."""

from __future__ import annotations

from PySide6.QtCore import QElapsedTimer, QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication, QDialog, QWidget

from ..core.school.workspace import LoginError
from . import app_events
from .forms.ui_lock import Ui_LockDialog

_INPUT = frozenset({QEvent.Type.KeyPress, QEvent.Type.MouseButtonPress, QEvent.Type.Wheel,
                    QEvent.Type.InputMethod, QEvent.Type.TouchBegin})
CHECK_MS = 15_000


class LockDialog(QDialog, Ui_LockDialog):
    def __init__(self, ws, parent: QWidget | None = None, idle_minutes: int = 0):
        super().__init__(parent)
        self.setupUi(self)
        self.setMinimumWidth(440)
        self.ws = ws
        user = ws.user
        why = f"{idle_minutes} 分钟无操作，窗口已自动锁定，以保护学生信息。" if idle_minutes else "窗口已锁定。"
        self.message.setText(f"<h3>窗口已锁定</h3>{why}<br>请 <b>{user.display_name}</b>（{user.username}）输入密码继续。")
        self.unlock_button.clicked.connect(self.try_unlock)
        self.quit_button.clicked.connect(self.reject)
        self.password.returnPressed.connect(self.try_unlock)
        self.password.setFocus()

    def try_unlock(self) -> None:
        username = self.ws.user.username
        try:
            self.ws.login(username, self.password.text())
        except LoginError as e:
            self.ws.user = self._user  # the window stays this account's; only the lock stays on
            self.error.setText(str(e))
            self.password.selectAll()
            return
        self.accept()

    def exec(self) -> int:
        self._user = self.ws.user
        return super().exec()


class IdleLock(QObject):
    """Watches the application's input; after `minutes` without any, locks `window` (0: never)."""

    def __init__(self, window, ws, minutes: int):
        super().__init__(window)
        self.window, self.ws = window, ws
        self.minutes = minutes
        self.locked = False
        self.idle = QElapsedTimer()
        self.idle.start()
        self.timer = QTimer(self)
        self.timer.setInterval(CHECK_MS)
        self.timer.timeout.connect(self.check)
        self.timer.start()
        self.destroyed.connect(app_events.on(_INPUT, self._input))

    def set_minutes(self, minutes: int) -> None:
        self.minutes = minutes
        self.idle.restart()

    def _input(self, obj, event) -> bool:
        self.idle.restart()
        return False

    def check(self) -> None:
        if not self.window.isVisible():  # a closed window locks nothing (and its timer stops)
            self.timer.stop()
            return
        if self.minutes and not self.locked and self.idle.elapsed() >= self.minutes * 60_000:
            self.lock(idle=True)

    def lock(self, idle: bool = False) -> bool:
        """Hides the records behind the lock dialog until the password is given; False when the registrar
        chose to quit instead (the window is then closed)."""
        self.locked = True
        central = self.window.centralWidget()
        central.hide()
        # Open dialogs and wizards show records too; hiding one would end it and lose what was typed, so it
        # is made transparent instead and comes back as it was.
        veiled = [w for w in QApplication.topLevelWidgets()
                  if w is not self.window and isinstance(w, QDialog) and w.isVisible()]
        for popup in veiled:
            popup.setWindowOpacity(0.0)
        try:
            dialog = LockDialog(self.ws, self.window, self.minutes if idle else 0)
            unlocked = dialog.exec() == QDialog.DialogCode.Accepted
        finally:
            self.locked = False
            self.idle.restart()
            for popup in veiled:
                popup.setWindowOpacity(1.0)
        if unlocked:
            central.show()
            return True
        self.window.close()
        return False
