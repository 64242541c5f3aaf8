"""Qt's own dialogs and menus in Chinese: the message box's standard buttons, QDialogButtonBox, QWizard, the file,
input, colour, font and print dialogs, the edit menu of a line edit — no English word left on them."""

from __future__ import annotations

import re

import pytest
from PySide6.QtWidgets import (
    QAbstractButton,
    QColorDialog,
    QDialogButtonBox,
    QFileDialog,
    QFontDialog,
    QInputDialog,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QProgressDialog,
    QWizard,
    QWizardPage,
)

from xueji_desktop.gui.qt_chinese import ENGLISH_BUTTONS, english_buttons
from xueji_desktop.gui.wizard_buttons import name_buttons

WORD = re.compile(r"[A-Za-z]{3,}")
ALLOWED = {"PDF", "Ctrl", "HTML"}  # words a Chinese interface keeps


def english_words(widget, allowed=frozenset()) -> list[str]:
    texts = [w.text() for w in widget.findChildren(QLabel) + widget.findChildren(QAbstractButton)
             if w.isVisibleTo(widget)]
    return sorted({t for t in texts if set(WORD.findall(t.replace("&", ""))) - ALLOWED - allowed})


def test_the_translations_are_installed(app):
    from xueji_desktop.gui import qt_setup

    assert len(qt_setup._translators) == 2  # Qt's qtbase_zh_CN and what it leaves in English


def test_message_box_and_button_box_standard_buttons(app, qtbot):
    S = QMessageBox.StandardButton
    every = S.Ok | S.Cancel | S.Yes | S.No | S.Save | S.Discard | S.Close | S.Apply | S.Help | S.Retry | S.Ignore \
        | S.Abort | S.Open | S.Reset | S.RestoreDefaults | S.YesToAll | S.NoToAll | S.SaveAll
    box = QMessageBox(QMessageBox.Icon.Question, "问题", "继续吗？", every)
    qtbot.addWidget(box)
    box.show()
    texts = {b.text() for b in box.buttons()}
    assert len(texts) == 18 and english_buttons(box) == [] and {"确定", "取消", "是(&Y)", "否(&N)"} <= texts
    B = QDialogButtonBox.StandardButton
    buttons = QDialogButtonBox(B.Ok | B.Cancel | B.Close | B.Apply | B.Help | B.Save)
    qtbot.addWidget(buttons)
    assert {b.text() for b in buttons.buttons()} == {"确定", "取消", "关闭", "应用", "帮助", "保存"}


def test_a_wizard_named_by_the_helper_and_one_left_to_qt(app, qtbot):
    for named in (True, False):
        wizard = QWizard()
        qtbot.addWidget(wizard)
        wizard.setOption(QWizard.WizardOption.HaveHelpButton)
        for _ in range(2):
            wizard.addPage(QWizardPage())
        if named:
            name_buttons(wizard, "确认办理")
        wizard.show()
        texts = [wizard.buttonText(b) for b in (QWizard.WizardButton.BackButton, QWizard.WizardButton.NextButton,
                                                 QWizard.WizardButton.FinishButton, QWizard.WizardButton.CancelButton,
                                                 QWizard.WizardButton.HelpButton, QWizard.WizardButton.CommitButton)]
        assert not {t.replace("&", "").strip("<> ") for t in texts} & ENGLISH_BUTTONS, texts
        assert english_buttons(wizard) == []
        if named:
            assert texts[:5] == ["< 上一步(&B)", "下一步(&N) >", "确认办理", "取消", "帮助(&H)"]


@pytest.mark.parametrize("mode", ["open", "save", "folder"])
def test_qts_own_file_dialog(app, qtbot, mode):
    """On Windows the system's dialog is shown; Qt's own (here, and wherever the system has none) in Chinese."""
    dialog = QFileDialog(None, "保存", "", "PDF 文件 (*.pdf)")
    qtbot.addWidget(dialog)
    dialog.setOption(QFileDialog.Option.DontUseNativeDialog)
    if mode == "save":
        dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
    if mode == "folder":
        dialog.setFileMode(QFileDialog.FileMode.Directory)
    dialog.show()
    assert english_buttons(dialog) == [] and english_words(dialog) == []
    labels = {w.text() for w in dialog.findChildren(QLabel) if w.isVisibleTo(dialog)}
    assert "查找范围(&L)：" in labels


def test_input_colour_font_and_progress_dialogs(app, qtbot):
    windows = [QInputDialog(), QColorDialog(), QFontDialog(), QProgressDialog("正在导出…", "取消", 0, 10)]
    windows[1].setOption(QColorDialog.ColorDialogOption.DontUseNativeDialog)
    windows[2].setOption(QFontDialog.FontDialogOption.DontUseNativeDialog)
    for w in windows:
        qtbot.addWidget(w)
        w.show()
        assert english_buttons(w) == [] and english_words(w) == [], type(w).__name__


def test_the_edit_menu_of_a_line_edit_and_a_text_box(app, qtbot):
    for editor in (QLineEdit("张三"), QPlainTextEdit("张三")):
        qtbot.addWidget(editor)
        menu = editor.createStandardContextMenu()
        entries = [a.text().split("\t")[0] for a in menu.actions() if a.text()]
        assert entries == ["撤消(&U)", "重做(&R)", "剪切(&T)", "复制(&C)", "粘贴(&P)", "删除", "全选"]


def test_the_print_dialog(app, qtbot):
    from PySide6.QtPrintSupport import QPrintDialog, QPrinter, QPrinterInfo

    printer = QPrinter()  # kept alive while the dialog lives
    dialog = QPrintDialog(printer)
    qtbot.addWidget(dialog)
    dialog.show()
    names = {word for info in QPrinterInfo.availablePrinters()  # the printers' own names are not Qt's words
             for text in (info.printerName(), info.description(), info.location(), info.makeAndModel())
             for word in WORD.findall(text)}
    assert english_buttons(dialog) == [] and english_words(dialog, names) == []
    del dialog
