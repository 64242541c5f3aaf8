"""At start-up, before anything is written: a PC day that looks wrong (core.school.clock_check) is shown plainly and
the registrar chooses to go on or to quit and set the clock first."""

from __future__ import annotations

from PySide6.QtWidgets import QMessageBox, QWidget

from ..core.school.clock_check import ClockDoubt, clock_doubt

TITLE = "请核对电脑日期"
GO_ON = "日期无误，继续"
QUIT = "退出，先改正日期"


def doubt_box(doubt: ClockDoubt, parent: QWidget | None = None) -> QMessageBox:
    box = QMessageBox(QMessageBox.Icon.Warning, TITLE, doubt.message, parent=parent)
    box.setInformativeText(doubt.advice)
    box.addButton(GO_ON, QMessageBox.ButtonRole.AcceptRole)
    box.setDefaultButton(box.addButton(QUIT, QMessageBox.ButtonRole.RejectRole))
    return box


def confirm_clock(parent: QWidget | None = None) -> bool:
    """True when the PC's day is plausible or the registrar says it is right; False to quit."""
    doubt = clock_doubt()
    if doubt is None:
        return True
    box = doubt_box(doubt, parent)
    box.exec()
    return box.clickedButton() is not None and box.clickedButton().text() == GO_ON
