"""帮助 → 关于学籍桌面: the program, its version and build date, where this school's database and the data folder
are (an upgrade or an uninstall leaves that folder in place), and the Python and Qt versions — what the county's IT
staff ask for first. The text can be selected and copied in one click."""

from __future__ import annotations

import PySide6
from PySide6.QtCore import qVersion
from PySide6.QtGui import QAction, QGuiApplication
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QFormLayout, QLabel, QMenu, QVBoxLayout, QWidget

from ..version import PROGRAM, about_rows


def rows(db_path) -> list[tuple[str, str]]:
    return [*about_rows(db_path), ("Qt", f"{qVersion()}（PySide6 {PySide6.__version__}）")]


class AboutDialog(QDialog):
    def __init__(self, db_path, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("about_dialog")
        self.setWindowTitle(f"关于{PROGRAM}")
        self.rows = rows(db_path)
        layout = QVBoxLayout(self)
        title = QLabel(f"<b>{PROGRAM}</b>：农村中小学学籍管理员的离线桌面工具")
        layout.addWidget(title)
        form = QFormLayout()
        self.value_labels: dict[str, QLabel] = {}
        for name, value in self.rows:
            label = QLabel(value)
            label.setWordWrap(True)
            label.setTextInteractionFlags(label.textInteractionFlags().TextSelectableByMouse)
            self.value_labels[name] = label
            form.addRow(f"{name}：", label)
        layout.addLayout(form)
        note = QLabel("升级或卸载程序都不会删除数据文件夹；请定期把备份复制到 U 盘或另一块硬盘。")
        note.setWordWrap(True)
        layout.addWidget(note)
        buttons = QDialogButtonBox()
        self.copy_button = buttons.addButton("复制以上信息(&C)", QDialogButtonBox.ButtonRole.ActionRole)
        self.copy_button.clicked.connect(self.copy)
        close = buttons.addButton("关闭", QDialogButtonBox.ButtonRole.RejectRole)
        close.setDefault(True)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.resize(560, self.sizeHint().height())

    def text(self) -> str:
        return "\n".join(f"{name}：{value}" for name, value in self.rows)

    def copy(self) -> None:
        QGuiApplication.clipboard().setText(self.text())


def help_menu(window) -> QMenu:
    """The main window's 帮助 menu (objectName "help_menu"), made at the end of the menu bar if missing."""
    for action in window.menuBar().actions():
        menu = action.menu()
        if menu is not None and (menu.objectName() == "help_menu" or action.text().startswith("帮助")):
            break
    else:
        menu = window.menuBar().addMenu("帮助(&H)")
    menu.setObjectName("help_menu")
    return menu


def install(window) -> None:
    """帮助 → 关于学籍桌面…, last in the menu."""
    window.about_action = QAction("关于学籍桌面(&A)…", window)
    window.about_action.setObjectName("about_action")
    window.about_action.setStatusTip("版本、构建日期、数据库和数据文件夹的位置")
    window.about_action.triggered.connect(lambda: open_about(window))
    menu = help_menu(window)
    if menu.actions():
        menu.addSeparator()
    menu.addAction(window.about_action)


def open_about(window) -> None:
    AboutDialog(getattr(getattr(window, "ws", None), "path", None), window).exec()
