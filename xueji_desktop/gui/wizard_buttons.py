"""A wizard's own buttons in Chinese (下一步 >, < 上一步, 取消 and the finishing word), whatever Qt's translation.

Back and Next carry Alt+B / Alt+N as Qt's own do; Enter presses the default button (下一步, or the finishing
word on the last page) and Esc is 取消. Every wizard calls `name_buttons` (tests/gui/test_dialogs.py checks)."""

from __future__ import annotations

from PySide6.QtWidgets import QWizard

B = QWizard.WizardButton
NEXT, BACK, CANCEL, HELP = "下一步(&N) >", "< 上一步(&B)", "取消", "帮助(&H)"


def name_buttons(wizard: QWizard, finish: str = "完成") -> None:
    wizard.setButtonText(B.NextButton, NEXT)
    wizard.setButtonText(B.BackButton, BACK)
    wizard.setButtonText(B.CancelButton, CANCEL)
    wizard.setButtonText(B.FinishButton, finish)
    wizard.setButtonText(B.HelpButton, HELP)
