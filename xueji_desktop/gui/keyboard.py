"""Keyboard reach: a mnemonic on every menu entry, the window's views on Ctrl+1…, and the checks the tests use.

`add_mnemonics(window)` walks the window's menu bar once it is built and gives each entry that has none a
mnemonic, shown the Chinese way after the words — "休学(&X)…", underlined X with Alt — unique within its
menu: the pinyin initial of the entry's first character that is still free, else of a later character, else
any free letter (a Latin letter in the text, as in "U 盘", comes first). An entry that already names its own
(&X) keeps it. `plain(text)` gives the words without the mnemonic, for code and tests that look an entry up.
"""

from __future__ import annotations

import re
import string

from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QAction, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QMenu,
    QMenuBar,
    QMessageBox,
    QPushButton,
    QWidget,
    QWizard,
)

from . import app_events

_MNEMONIC = re.compile(r"&([^&])")
_SHOWN = re.compile(r"\(&([^&])\)")
LETTERS = string.ascii_uppercase + string.digits
WIZARD_BUTTONS = (QWizard.WizardButton.BackButton, QWizard.WizardButton.NextButton, QWizard.WizardButton.CommitButton,
                  QWizard.WizardButton.FinishButton, QWizard.WizardButton.CancelButton, QWizard.WizardButton.HelpButton)


def mnemonic(text: str) -> str | None:
    """The letter after a single & (upper case), or None."""
    found = _MNEMONIC.search(text.replace("&&", ""))
    return found.group(1).upper() if found else None


def plain(text: str) -> str:
    """The entry's words: "休学(&X)…" → "休学…", "&Save" → "Save"."""
    return _SHOWN.sub("", text).replace("&&", "\0").replace("&", "").replace("\0", "&")


def _initials(text: str) -> list[str]:
    letters = [c.upper() for c in text if c.isascii() and c.isalpha()]
    chinese = [c for c in text if "\u4e00" <= c <= "\u9fff"]
    if chinese:
        from .menu_pinyin import syllables as pinyin  # the window's entries without loading pypinyin

        syllables = pinyin("".join(chinese))
        letters += [p[:1].upper() for p in syllables if p[:1].isalpha()]  # initials first, then the rest
        letters += [c.upper() for p in syllables for c in p[1:] if c.isascii() and c.isalpha()]
    return list(dict.fromkeys(letters))


def with_mnemonic(text: str, letter: str) -> str:
    """Puts "(&X)" after the words, before a trailing "…" or a bracketed note."""
    cut = len(text)
    for mark in ("…", "（", "..."):
        at = text.find(mark)
        if 0 < at < cut:
            cut = at
    return f"{text[:cut]}(&{letter}){text[cut:]}"


def _entries(menu) -> list[QAction]:
    return [a for a in menu.actions() if not a.isSeparator() and a.text()]


def fill_menu(menu: QMenu | QMenuBar) -> None:
    """Gives every entry of `menu` (and its submenus) a mnemonic unique within the menu."""
    entries = _entries(menu)
    taken = {m for a in entries if (m := mnemonic(a.text()))}
    for action in entries:
        if mnemonic(action.text()) is None:
            free = [c for c in _initials(plain(action.text())) if c not in taken]
            letter = free[0] if free else next((c for c in LETTERS if c not in taken), None)
            if letter is not None:
                action.setIconText(plain(action.iconText()))  # a toolbar button keeps the bare words
                action.setText(with_mnemonic(action.text(), letter))
                taken.add(letter)
        if action.menu() is not None:
            fill_menu(action.menu())


def add_mnemonics(window) -> None:
    fill_menu(window.menuBar())


# dialogs ---------------------------------------------------------------------------------------------
def _is_ours(window: QWidget) -> bool:
    return type(window).__module__.startswith("xueji_desktop.") and not isinstance(window, QMessageBox)


def _escape_or_enter(button: QPushButton, window: QWidget) -> bool:
    """Pressed by Enter or Esc already: the default button, a button box's accept/reject button, a wizard's."""
    if button.isDefault():
        return True
    box = button.parentWidget()
    if isinstance(box, QDialogButtonBox) and box.buttonRole(button) in (QDialogButtonBox.ButtonRole.AcceptRole,
                                                                       QDialogButtonBox.ButtonRole.RejectRole):
        return True
    return isinstance(window, QWizard) and any(button is window.button(b) for b in WIZARD_BUTTONS)


def fill_buttons(window: QWidget) -> None:
    """Gives the push buttons of one of the program's dialogs an Alt letter where they have none (and Enter or
    Esc does not press them), unique among the window's labels and buttons."""
    buttons = [b for b in window.findChildren(QPushButton) if b.window() is window and b.text()]
    taken = {m for w in window.findChildren(QLabel) + buttons if w.window() is window and (m := mnemonic(w.text()))}
    for button in buttons:
        if mnemonic(button.text()) is None and not _escape_or_enter(button, window):
            free = [c for c in _initials(plain(button.text())) if c not in taken]
            letter = free[0] if free else next((c for c in LETTERS if c not in taken), None)
            if letter is not None:
                button.setText(with_mnemonic(button.text(), letter))
                taken.add(letter)


def set_text(button: QPushButton, text: str) -> None:
    """Sets a button's words at run time (启用/停用, "导入 106 名学生") without losing its Alt letter: the new
    words' pinyin initial if no other label or button of the window has it, else the letter it had. A button
    that had none and is not due one (Enter or Esc presses it, or its dialog is not shown yet) takes the words
    as they are; `fill_buttons` letters it when the dialog is first shown."""
    window = button.window()
    old = mnemonic(button.text())
    due = old is not None or (bool(window.property("xueji_mnemonics")) and not _escape_or_enter(button, window))
    if mnemonic(text) is not None or not due:
        button.setText(text)
        return
    others = [w for w in window.findChildren(QLabel) + window.findChildren(QPushButton)
              if w is not button and w.window() is window]
    taken = {m for w in others if (m := mnemonic(w.text()))}
    free = [c for c in _initials(plain(text)) if c not in taken]
    letter = free[0] if free else old if old is not None and old not in taken else \
        next((c for c in LETTERS if c not in taken), None)
    button.setText(with_mnemonic(text, letter) if letter is not None else text)


def _buttons_on_show(obj, event) -> bool:
    if isinstance(obj, QDialog) and _is_ours(obj) and not obj.property("xueji_mnemonics"):
        obj.setProperty("xueji_mnemonics", True)
        fill_buttons(obj)
    return False


def install_app(app) -> None:
    """Every dialog of the program gets its buttons' Alt letters when first shown."""
    app_events.on((QEvent.Type.Show,), _buttons_on_show, app)


# the main window's views ------------------------------------------------------------------------------
def add_view_shortcuts(window) -> list[QAction]:
    """Ctrl+1 … Ctrl+4 switch the main window's views (待办, 学生名单, 申请, 统计), listed in a 查看 menu, and
    each tab's tooltip shows its key."""
    tabs = window.view_tabs
    menu = QMenu("查看(&V)", window)
    actions = []
    for index in range(tabs.count()):
        name = re.sub(r"（.*", "", tabs.tabText(index))
        action = QAction(name, window)
        action.setShortcut(QKeySequence(f"Ctrl+{index + 1}"))
        action.setStatusTip(f"切换到“{name}”")
        action.triggered.connect(lambda _=False, i=index: _show_view(window, i))
        menu.addAction(action)
        window.addAction(action)
        key = action.shortcut().toString(QKeySequence.SequenceFormat.NativeText)
        tip = tabs.tabToolTip(index)
        tabs.setTabToolTip(index, f"{tip}（{key}）" if tip else f"{name}（{key}）")
        actions.append(action)
    bar = window.menuBar()
    later = next((a for a in bar.actions() if plain(a.text()).startswith(("设置", "帮助"))), None)
    bar.insertMenu(later, menu) if later is not None else bar.addMenu(menu)
    window.view_actions = actions
    return actions


def _show_view(window, index: int) -> None:
    window.view_tabs.setCurrentIndex(index)
    view = window.views.widget(index)
    reachable = [w for w in [view, *view.findChildren(QWidget)]
                 if w.focusPolicy() & Qt.FocusPolicy.TabFocus and w.isVisibleTo(view) and w.isEnabled()]
    target = view.focusProxy() or next((w for w in reachable if isinstance(w, QAbstractItemView) and not isinstance(w, QHeaderView)),  # its list
                                       reachable[0] if reachable else None)
    if target is not None:
        target.setFocus(Qt.FocusReason.ShortcutFocusReason)


def install(window) -> None:
    """The main window's keyboard: the 查看 menu with Ctrl+1…, then a mnemonic on every menu entry."""
    add_view_shortcuts(window)
    add_mnemonics(window)


# checks ---------------------------------------------------------------------------------------------
def window_keys(window) -> dict[str, list[str]]:
    """Every key the window answers to → what answers it: the shortcuts of its actions and QShortcuts, the
    Alt+letter of its menu bar, and of the labels' buddies and the buttons it shows. A key with two owners
    is a clash (Qt then runs neither)."""
    keys: dict[str, list[str]] = {}

    def add(key: str, owner: str) -> None:
        keys.setdefault(key, []).append(owner)

    seen: set[int] = set()
    for action in window.findChildren(QAction) + window.actions():
        if id(action) in seen or action.isSeparator():
            continue
        seen.add(id(action))
        for sequence in action.shortcuts():
            add(sequence.toString(), plain(action.text()))
    for shortcut in window.findChildren(QShortcut):
        add(shortcut.key().toString(), shortcut.objectName() or "QShortcut")
    for action in window.menuBar().actions() if hasattr(window, "menuBar") else ():  # a dialog has none
        if (m := mnemonic(action.text())) is not None:
            add(f"Alt+{m}", f"菜单 {plain(action.text())}")
    for widget in window.findChildren(QLabel) + window.findChildren(QAbstractButton):
        if isinstance(widget, QLabel) and widget.buddy() is None:
            continue
        if not widget.isVisibleTo(window) or (m := mnemonic(widget.text())) is None:
            continue
        add(f"Alt+{m}", plain(widget.text()))
    return keys


def clashes(window) -> dict[str, list[str]]:
    return {key: owners for key, owners in window_keys(window).items() if len(owners) > 1}


def menu_problems(menu_bar: QMenuBar) -> list[str]:
    """Entries without a mnemonic, and mnemonics used twice in one menu."""
    problems: list[str] = []

    def walk(menu, path: str) -> None:
        letters: dict[str, str] = {}
        for action in _entries(menu):
            name = plain(action.text())
            m = mnemonic(action.text())
            if m is None:
                problems.append(f"{path}{name}：没有助记键")
            elif m in letters:
                problems.append(f"{path}{name} 与 {letters[m]} 同用 Alt+{m}")
            else:
                letters[m] = name
            if action.menu() is not None:
                walk(action.menu(), f"{path}{name} → ")

    walk(menu_bar, "")
    return problems
