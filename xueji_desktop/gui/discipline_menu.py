"""The way into 奖励与处分 (gui/discipline_dialog.py): its entry in the 学生 menu and the button beside the pupil's
name, put in while the window is built; the window itself and the discipline domain are imported when first
opened, so the start does not load them."""

from __future__ import annotations

from PySide6.QtGui import QAction
from PySide6.QtWidgets import QToolButton


def open_for(window, student_id: int | None = None):
    from .discipline_dialog import open_for as open_dialog

    return open_dialog(window, student_id)


def install(window, menubar) -> None:
    """奖励与处分… in the 学生 menu and as a button beside the pupil's name in the record."""
    action = QAction("奖励与处分…（所选学生）", window)
    action.setToolTip("所选学生的奖励、处分和处分申诉")
    action.setStatusTip(action.toolTip())
    action.triggered.connect(lambda: open_for(window))
    pupils = next((a.menu() for a in menubar.actions() if a.menu() is not None and a.text().startswith("学生(")), None)
    if pupils is not None:
        pupils.addSeparator()
        pupils.addAction(action)
    button = QToolButton()
    button.setText("奖励与处分")
    button.setToolTip(action.toolTip())
    button.setObjectName("discipline_button")
    button.clicked.connect(lambda: open_for(window))
    window.detail.add_header_widget(button)
    window.discipline_action = action
