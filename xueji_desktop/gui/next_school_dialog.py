"""升入学校: the primary school records the middle school a graduating class (or one graduate) goes on to, by
its 学校标识码 and name; the bureau reads it from the next batch and admits the pupils there."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from ..core.school_year.next_school import graduate_classes, set_next_school
from . import operations

TITLE = "登记升入学校"
ONE_PUPIL = "（按学籍号登记一名学生）"


class NextSchoolDialog(QDialog):
    def __init__(self, ws, parent: QWidget | None = None):
        super().__init__(parent)
        self.ws = ws
        self.setWindowTitle(f"{TITLE} — 学籍桌面")
        layout = QVBoxLayout(self)
        intro = QLabel("毕业生升入的中学：按毕业班整班登记，或按学籍号登记一名学生。登记随下一批变更报送教育局，"
                       "由教育局核准后把学籍档案转给该中学接续（学籍号不变）。")
        intro.setWordWrap(True)
        layout.addWidget(intro)
        form = QFormLayout()
        self.class_box = QComboBox()
        self._fill()
        self.class_box.currentIndexChanged.connect(self._mode)
        form.addRow("毕业班：", self.class_box)
        self.student = QLineEdit()
        self.student.setPlaceholderText("学生的学籍号")
        form.addRow("学籍号：", self.student)
        self.code = QLineEdit()
        self.code.setPlaceholderText("10 位数字")
        self.code.setMaxLength(10)
        form.addRow("升入学校标识码：", self.code)
        self.name = QLineEdit()
        self.name.setPlaceholderText("如 方正县第一中学")
        form.addRow("升入学校名称：", self.name)
        layout.addLayout(form)
        self.result_label = QLabel("")
        self.result_label.setWordWrap(True)
        layout.addWidget(self.result_label)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Close)
        buttons.button(QDialogButtonBox.StandardButton.Save).setText("登记")
        buttons.button(QDialogButtonBox.StandardButton.Close).setText("关闭")
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self._mode()
        self.resize(560, 280)

    def _fill(self) -> None:
        """The graduating classes with how many have a school named (again after each save)."""
        at = self.class_box.currentIndex()
        self.class_box.blockSignals(True)
        self.class_box.clear()
        for k in graduate_classes():
            named = f"，已登记 {k.named}/{k.pupils} 人" + (f"：{'、'.join(k.schools)}" if k.schools else "")
            self.class_box.addItem(f"{k.label}（{k.pupils} 人{named}）", (k.school_year, k.class_name))
        self.class_box.addItem(ONE_PUPIL, None)
        self.class_box.setCurrentIndex(max(at, 0))
        self.class_box.blockSignals(False)

    def _mode(self) -> None:
        self.student.setEnabled(self.class_box.currentData() is None)

    def save(self) -> bool:
        chosen = self.class_box.currentData()
        code, name = self.code.text(), self.name.text()
        if chosen is None:
            call = lambda: set_next_school(self.ws, code, name, student_numbers=[self.student.text()])
        else:
            year, klass = chosen
            call = lambda: set_next_school(self.ws, code, name, class_name=klass, school_year=year)
        out = operations.run_op(self, call, initiator=self)
        if out is None:
            return False
        self._fill()
        self.result_label.setText(f"已登记 {out} 人升入 {name.strip()}（{code.strip()}）" if out
                                  else "所选学生已登记为该校，未作改动")
        return True


def open_dialog(window) -> NextSchoolDialog:
    dialog = NextSchoolDialog(window.ws, window)
    dialog.open()
    return dialog
