"""What Qt's own Chinese translation (qtbase_zh_CN.qm) leaves in English, and the English words of its buttons.

`Supplement` is a translator installed after Qt's: it answers only the strings below (found by opening every
Qt dialog the program can show — the file, print, input, colour and message dialogs, the wizards, the edit
menus — with qtbase_zh_CN loaded) and leaves every other string to Qt's translation.
`ENGLISH_BUTTONS` are the texts Qt's buttons have when untranslated; tests fail on any of them on screen.
"""

from __future__ import annotations

from PySide6.QtCore import QTranslator

MISSING = {
    ("QFileDialog", "&Look in:"): "查找范围(&L)：",
    ("QFileDialog", "Files of &type:"): "文件类型(&T)：",
    ("QAbstractFileIconProvider", "Drive"): "驱动器",
    ("QAbstractFileIconProvider", "Folder"): "文件夹",
    ("QPageSetupWidget", "Page &order:"): "页序(&O)：",
    ("QPageSetupWidget", "Pages &per sheet:"): "每张纸页数(&P)：",
    ("QPrintSettingsOutput", "Page &Set:"): "打印页(&S)：",
}


class Supplement(QTranslator):
    def translate(self, context, source_text, disambiguation=None, n=-1):
        return MISSING.get((context, source_text))  # None: not ours, Qt's own translation answers

    def isEmpty(self) -> bool:
        return False


def plain(text: str) -> str:
    return text.replace("&", "").replace("<", "").replace(">", "").strip()


ENGLISH_BUTTONS = frozenset(plain(t) for t in (
    "OK", "Cancel", "Yes", "No", "Yes to &All", "N&o to All", "&Yes", "&No", "Apply", "Close", "Save", "Save All",
    "Discard", "Don't Save", "Close without Saving", "Help", "Reset", "Restore Defaults", "Abort", "Retry",
    "Ignore", "Open", "&Open", "&Save", "&Choose", "Choose", "< &Back", "&Next >", "&Next", "&Finish", "Finish",
    "Commit", "&Commit", "&Cancel", "&Help", "Back", "Next", "Done", "Continue", "&Print", "Print", "&Options >>",
    "&Options <<", "Properties", "P&roperties", "Preview", "&Pick Screen Color", "&Add to Custom Colors",
    "Undo", "Redo", "Cut", "Copy", "Paste", "Delete", "Select All", "&Undo", "&Redo", "Cu&t", "&Copy", "&Paste",
))


def english_buttons(widget) -> list[str]:
    """The visible buttons of `widget`'s window that still read as one of Qt's English defaults."""
    from PySide6.QtWidgets import QAbstractButton

    return sorted({b.text() for b in widget.findChildren(QAbstractButton)
                   if b.isVisibleTo(widget) and plain(b.text()) in ENGLISH_BUTTONS})
