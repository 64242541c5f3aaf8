"""帮助 → 账号、查询登记与备份: the page of the user's guide on keeping records safe, with this school's
own folders filled in (resources/help/safety.md)."""

from __future__ import annotations

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QTextBrowser, QVBoxLayout, QWidget

from ..core.backups.service import backup_folder
from ..core.school.users import idle_lock_minutes
from ..paths import RESOURCES

SAFETY_PAGE = RESOURCES / "help" / "safety.md"


def safety_text(ws) -> str:
    minutes = idle_lock_minutes()
    return SAFETY_PAGE.read_text(encoding="utf-8").format(
        folder=backup_folder(ws), database=ws.path, idle=f"{minutes} 分钟" if minutes else "（已设为不锁定）")


class HelpDialog(QDialog):
    def __init__(self, ws, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle("帮助 — 账号、查询登记与备份")
        self.browser = QTextBrowser()
        self.browser.setOpenExternalLinks(False)
        self.browser.setMarkdown(safety_text(ws))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.button(QDialogButtonBox.StandardButton.Close).setText("关闭")
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.browser)
        layout.addWidget(buttons)
        self.resize(760, 600)
