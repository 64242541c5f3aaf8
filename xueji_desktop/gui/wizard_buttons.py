"""A wizard's own buttons in Chinese (下一步 >, < 上一步, 取消 and the finishing word), whatever Qt's translation."""

from __future__ import annotations

from PySide6.QtWidgets import QWizard

B = QWizard.WizardButton


def name_buttons(wizard: QWizard, finish: str = "完成") -> None:
    wizard.setButtonText(B.NextButton, "下一步 >")
    wizard.setButtonText(B.BackButton, "< 上一步")
    wizard.setButtonText(B.CancelButton, "取消")
    wizard.setButtonText(B.FinishButton, finish)
