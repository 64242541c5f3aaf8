"""Every action of the school's and the bureau's window reachable by keyboard: each menu entry has a mnemonic
unique in its menu, and no key has two owners in one window (Qt would then run neither)."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QTableView

from xueji_desktop.gui import keyboard


def test_a_mnemonic_goes_after_the_words_and_plain_takes_it_away():
    assert keyboard.with_mnemonic("休学…", "X") == "休学(&X)…"
    assert keyboard.with_mnemonic("办理转出…（所选学生）", "C") == "办理转出(&C)…（所选学生）"
    assert keyboard.with_mnemonic("刷新", "S") == "刷新(&S)"
    assert keyboard.plain("休学(&X)…") == "休学…" and keyboard.plain("R&&D") == "R&D"
    assert keyboard.mnemonic("学生(&s)") == "S" and keyboard.mnemonic("R&&D") is None


def test_fill_menu_keeps_a_given_mnemonic_and_never_gives_a_letter_twice(app):
    from PySide6.QtWidgets import QMenu

    menu = QMenu()
    texts = ["休学…", "修改信息(&X)…", "学习…", "新生注册"]
    for text in texts:
        menu.addAction(text)
    keyboard.fill_menu(menu)
    got = [a.text() for a in menu.actions()]
    assert got[1] == "修改信息(&X)…" and got[0] == "休学(&I)…"  # X was taken: the next letter of "xiu"
    assert len({keyboard.mnemonic(t) for t in got}) == 4 and keyboard.menu_problems(menu) == []
    assert menu.actions()[0].iconText() == "休学"  # what a toolbar button shows (Qt drops the "…")


def test_the_main_window_every_entry_has_a_mnemonic_and_no_key_clashes_in_any_view(window, qtbot):
    assert keyboard.menu_problems(window.menuBar()) == []
    entries = [a for m in window.menuBar().actions() for a in m.menu().actions() if a.text()]
    assert len(entries) > 50
    for index, action in enumerate(window.view_actions):
        action.trigger()
        assert window.view_tabs.currentIndex() == index and window.views.currentIndex() == index
        if index < 3:  # 待办, 学生名单, 申请: the keyboard is in the view's list (统计 has none)
            focused = window.focusWidget()
            assert isinstance(focused, QTableView) and window.views.widget(index).isAncestorOf(focused)
        assert keyboard.clashes(window) == {}, window.view_tabs.tabText(index)
    window.view_actions[1].trigger()
    keys = keyboard.window_keys(window)
    assert keys["Ctrl+2"] == ["学生名单"] and keys["Alt+C"] == ["查找："] and keys["Alt+F"] == ["菜单 文件"]
    # the toolbar's buttons keep their bare words; Ctrl+2 took the focus into the pupil list's view
    assert [a.iconText() for a in window.toolbar.actions() if a.iconText()][:3] == ["新生注册", "打印学生基本信息表", "刷新"]


def test_ctrl_2_then_alt_c_reaches_the_search_box(window, qtbot):
    qtbot.keyClick(window, Qt.Key.Key_2, Qt.KeyboardModifier.ControlModifier)
    assert window.view_tabs.currentIndex() == 1
    qtbot.keyClick(window, Qt.Key.Key_C, Qt.KeyboardModifier.AltModifier)
    assert window.focusWidget() is window.search


def test_a_clash_is_found(window):
    extra = QAction("另一个", window)
    extra.setShortcut("Ctrl+K")  # the 考勤登记 key
    window.addAction(extra)
    assert keyboard.clashes(window) == {"Ctrl+K": ["考勤登记…", "另一个"]}


ADMIN_PW = "county-admin-1"


@pytest.fixture
def bureau_store(tmp_path, clock):
    from xueji_desktop.bureau import accounts, importer
    from xueji_desktop.bureau.store import open_store

    clock.now = dt.datetime(2026, 11, 18, 9, 0)
    target = tmp_path / "bureau.sqlite3"
    importer.init_bureau(target, "测试县教育局", "210811", ADMIN_PW, key_file=tmp_path / "b.xjkey", username="wang",
                         display_name="王局")
    with open_store(target) as s:
        accounts.sign_in(s, "wang", ADMIN_PW)
        yield s


def test_the_bureau_window_every_entry_has_a_mnemonic_and_no_key_clashes(app, bureau_store, qtbot):
    from xueji_desktop.gui.bureau.window import BureauWindow

    win = BureauWindow(bureau_store)
    qtbot.addWidget(win)
    win.show()
    assert keyboard.menu_problems(win.menuBar()) == []
    for index in range(win.tabs.count()):
        win.tabs.setCurrentIndex(index)
        assert keyboard.clashes(win) == {}, win.tabs.tabText(index)
    assert "Ctrl+I" in keyboard.window_keys(win)


def test_a_dialogs_buttons_get_alt_letters_when_first_shown(app, qtbot):
    from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QLineEdit, QPushButton, QVBoxLayout

    class Dialog(QDialog):  # a dialog of the program's own (its module is under xueji_desktop)
        pass

    Dialog.__module__ = "xueji_desktop.gui.example"
    dialog = Dialog()
    qtbot.addWidget(dialog)
    layout = QVBoxLayout(dialog)
    label = QLabel("导出(&D)：")
    label.setBuddy(QLineEdit())
    layout.addWidget(label)
    layout.addWidget(label.buddy())
    save, print_ = QPushButton("保存并打印…"), QPushButton("打印…")
    layout.addWidget(save)
    layout.addWidget(print_)
    buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
    layout.addWidget(buttons)
    dialog.show()
    assert save.text() == "保存并打印(&B)…"  # B: the pinyin of 保; 打印… takes the next free letter
    assert keyboard.mnemonic(print_.text()) not in {"D", "B", None}  # D is the label's
    assert buttons.button(QDialogButtonBox.StandardButton.Ok).text() == "确定"  # Enter and Esc press these


def test_a_button_whose_words_change_keeps_an_alt_letter(ws, app, qtbot):
    from xueji_desktop.core.accounts.roles import Role
    from xueji_desktop.core.school import users
    from xueji_desktop.gui.account_dialogs import UsersDialog

    other = users.add_user(ws, "chaxun", "赵查询", {Role.VIEWER}, "Chushi-2026")
    users.set_active(ws, other.id, False)
    assert not next(r for r in users.user_rows(ws) if r.id == other.id).active  # in the database
    dialog = UsersDialog(ws)
    qtbot.addWidget(dialog)
    dialog.show()
    letters = set()
    for index, row in enumerate(dialog.rows):
        dialog.table.selectRow(index)
        text = dialog.toggle_button.text()
        assert keyboard.plain(text) == ("启用" if not row.active else "停用")
        assert keyboard.mnemonic(text) is not None, text
        letters.add(keyboard.mnemonic(text))
        assert keyboard.clashes(dialog) == {}
    assert len(letters) == 2  # 启用(&Q), 停用(&T)


def test_no_dialog_sets_a_buttons_words_after_it_is_built_without_set_text():
    """A button whose words change at run time goes through keyboard.set_text, else it loses its Alt letter."""
    import ast
    from pathlib import Path

    from xueji_desktop import gui

    built = {"__init__", "setupUi", "retranslateUi", "install", "_build_change_actions"}  # before it is shown
    found = []
    for path in sorted(Path(gui.__file__).parent.rglob("*.py")):
        for fn in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not isinstance(fn, ast.FunctionDef) or fn.name in built or path.name == "keyboard.py":
                continue
            for node in ast.walk(fn):
                if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr == "setText" \
                        and "button" in (target := ast.unparse(node.func.value)).lower() and "Box" not in target:
                    found.append(f"{path.name}:{node.lineno} {fn.name}: {target}.setText")
    assert found == []
