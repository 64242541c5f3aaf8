"""毕业生: the graduates of a school year with their 毕业（结业）证书编号, typed into the table or imported from
the bureau's workbook (columns 学籍号 and 证书编号), saved all at once or not at all."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ..core.school_year.graduates import (
    graduate_years,
    graduates,
    import_certificate_numbers,
    set_certificate_numbers,
)
from . import operations

TITLE = "毕业生与证书编号"
COLUMNS = ["学籍号", "姓名", "性别", "班级", "毕业/结业", "离校日期", "证书编号", "升入学校"]
NUMBER_COLUMN = 6


class GraduatesDialog(QDialog):
    def __init__(self, ws, parent: QWidget | None = None):
        super().__init__(parent)
        self.ws = ws
        self.setWindowTitle(f"{TITLE} — 学籍桌面")
        layout = QVBoxLayout(self)
        top = QHBoxLayout()
        top.addWidget(QLabel("毕业学年："))
        self.year_box = QComboBox()
        for year in graduate_years():
            self.year_box.addItem(f"{year}—{year + 1}学年", year)
        self.year_box.currentIndexChanged.connect(self.load)
        top.addWidget(self.year_box)
        top.addStretch(1)
        layout.addLayout(top)
        self.table = QTableWidget(0, len(COLUMNS))
        self.table.setHorizontalHeaderLabels(COLUMNS)
        self.table.verticalHeader().setVisible(False)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.setAccessibleName("毕业生")
        layout.addWidget(self.table, 1)
        self.note = QLabel("证书编号由主管教育行政部门核准编号后登记：可直接在“证书编号”列填写，或从教育局的 Excel 导入。")
        self.note.setWordWrap(True)
        layout.addWidget(self.note)
        buttons = QHBoxLayout()
        self.import_button = QPushButton("从 Excel 导入编号…")
        self.import_button.clicked.connect(self.import_numbers)
        self.save_button = QPushButton("保存编号")
        self.save_button.clicked.connect(self.save)
        close = QPushButton("关闭")
        close.clicked.connect(self.reject)
        for b in (self.import_button, self.save_button):
            buttons.addWidget(b)
        buttons.addStretch(1)
        buttons.addWidget(close)
        layout.addLayout(buttons)
        self.resize(980, 560)
        self.shown: dict[str, str] = {}
        self.load()

    def load(self) -> None:
        year = self.year_box.currentData()
        rows = graduates(year) if year is not None else []
        self.table.setRowCount(len(rows))
        self.shown = {}
        for r, g in enumerate(rows):
            values = [g.student_number, g.name, g.sex, g.class_name, g.outcome,
                      f"{g.left_on:%Y-%m-%d}" if g.left_on else "", g.certificate_no, g.next_school]
            for c, text in enumerate(values):
                item = QTableWidgetItem(text)
                if c != NUMBER_COLUMN:
                    item.setFlags(item.flags() & ~Qt.ItemFlag.ItemIsEditable)
                self.table.setItem(r, c, item)
            self.shown[g.student_number] = g.certificate_no
        self.save_button.setEnabled(bool(rows))

    def typed(self) -> dict[str, str]:
        """The numbers changed in the table, by 学籍号."""
        out = {}
        for r in range(self.table.rowCount()):
            number = self.table.item(r, 0).text()
            cert = self.table.item(r, NUMBER_COLUMN).text().strip()
            if cert != self.shown.get(number, ""):
                out[number] = cert
        return out

    def save(self) -> bool:
        changed = self.typed()
        if not changed:
            return True
        done = self._write(lambda: set_certificate_numbers(self.ws, changed))
        if done:
            self.load()
        return done

    def import_numbers(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, "选择证书编号 Excel 文件", "", "Excel 工作簿 (*.xlsx)")
        if path:
            self.import_file(path)

    def import_file(self, path: str) -> bool:
        done = self._write(lambda: import_certificate_numbers(self.ws, path)[1])
        if done:
            self.load()
        return done

    def _write(self, call) -> bool:
        """Writes through run_op: a refusal (GraduateError names every wrong row) is shown, nothing written."""
        return operations.run_op(self, call) is not None
