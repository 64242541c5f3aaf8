"""帮助 → 关于学籍桌面: version, build date, the database in use and the data folder, copied in one click."""

import sys
import types

from PySide6.QtCore import QTimer
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication, QMenu

from xueji_desktop import __version__
from xueji_desktop.gui.about_dialog import AboutDialog
from xueji_desktop.paths import default_db_path


def test_about_from_the_help_menu_names_version_database_and_data_folder(window, qtbot):
    menu = window.menuBar().findChild(QMenu, "help_menu")
    assert menu is not None and window.about_action in menu.actions()
    assert menu.actions()[-1] is window.about_action
    seen = {}

    def look():
        dialog = QApplication.activeModalWidget()
        seen.update({name: label.text() for name, label in dialog.value_labels.items()})
        seen["title"] = dialog.windowTitle()
        dialog.copy_button.click()
        dialog.reject()

    QTimer.singleShot(0, look)
    window.about_action.trigger()
    assert seen["title"] == "关于学籍桌面"
    assert seen["版本"] == __version__
    assert seen["构建日期"] == "源代码运行（未打包）"  # the tests run from the source tree
    assert seen["数据库文件"] == str(window.ws.path)
    assert seen["数据文件夹"] == str(default_db_path().parent)
    assert seen["Qt"].startswith("6.") and "PySide6" in seen["Qt"]
    copied = QGuiApplication.clipboard().text()
    assert f"版本：{__version__}" in copied and f"数据库文件：{window.ws.path}" in copied


def test_a_frozen_build_shows_the_stamped_date(app, qtbot, tmp_path, monkeypatch):
    monkeypatch.setattr(sys, "frozen", True, raising=False)
    monkeypatch.setitem(sys.modules, "xueji_build_stamp",
                        types.SimpleNamespace(BUILD_DATE="2026-12-05", COMMIT="1a2b3c4d5e"))
    dialog = AboutDialog(tmp_path / "school.sqlite3")
    qtbot.addWidget(dialog)
    assert dialog.value_labels["构建日期"].text() == "2026-12-05（1a2b3c4d5e）"
    assert dialog.value_labels["程序文件夹"].text() == str(__import__("pathlib").Path(sys.executable).parent)
