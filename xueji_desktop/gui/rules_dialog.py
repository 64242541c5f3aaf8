"""本地区规定: every rule of the school's profile with its force and article, for the registrar."""

from __future__ import annotations

from PySide6.QtWidgets import QDialog, QTreeWidgetItem

from ..core.overview.rules_overview import overview
from .forms.ui_rules import Ui_RulesDialog


class RulesDialog(QDialog, Ui_RulesDialog):
    def __init__(self, ws, parent=None):
        super().__init__(parent)
        self.setupUi(self)
        profile = ws.profile
        self.setWindowTitle(f"本地区规定 — {profile.name}")
        self.heading.setText(f"<b>{profile.full_title}</b>，以及教育部《中小学生学籍管理办法》。"
                             "“禁止”的规定不能越过；“原则上”的规定须填写理由并记入变更记录。")
        for section, rows in overview(profile):
            top = QTreeWidgetItem([section])
            first = top.font(0)
            first.setBold(True)
            top.setFont(0, first)
            for row in rows:
                item = QTreeWidgetItem([row.says or row.key, row.value, row.force, row.article])
                item.setToolTip(0, f"{row.key}\n{row.note}" if row.note else row.key)
                top.addChild(item)
            self.tree.addTopLevelItem(top)
        self.tree.expandToDepth(0)
        for column, width in enumerate((520, 300, 150)):
            self.tree.setColumnWidth(column, width)
        self.buttons.rejected.connect(self.reject)
