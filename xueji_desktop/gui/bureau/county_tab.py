"""全县概况: every registered school with its pupils on the roll by grade, its latest batch, the cases
waiting for the bureau and its problems (缺批次, 未报送, 密钥已吊销) in red; a totals row."""

from __future__ import annotations

import datetime as dt

from PySide6.QtWidgets import QHBoxLayout, QLabel, QVBoxLayout, QWidget

from ...bureau import county, review
from ...core.school.school import grade_name
from .common import GREY, RED, bold_label, cell, rows_of, table

GRADES = tuple(range(1, 13))  # 高一–高三 shown only where a school has them (长治, 凉山)
HIGH = (10, 11, 12)
HEADERS = ("学校代码", "学校", "在籍", *(grade_name(g) for g in GRADES), "最近批次", "最近导入", "待审批", "问题")
COL_PROBLEM = len(HEADERS) - 1
WIDTHS = (100, 200, 56, *(58,) * len(GRADES), 76, 128, 64)
TOTAL = "合计"


class CountyTab(QWidget):
    def __init__(self, store, parent: QWidget | None = None):
        super().__init__(parent)
        self.store = store
        self.title = bold_label(parent=self)
        self.late = QLabel(self)
        self.late.setStyleSheet(f"color: {RED};")
        bar = QHBoxLayout()
        bar.addWidget(self.title)
        bar.addSpacing(12)
        bar.addWidget(self.late)
        bar.addStretch(1)
        self.table = table(HEADERS, WIDTHS, stretch=COL_PROBLEM)
        self.note = QLabel("在籍：在校、休学、借读等仍属本校学籍的学生，按各校最近一次报送的批次统计。"
                           f"超过 {county.OVERDUE_DAYS} 天未报送的学校列为“未报送”。", self)
        self.note.setStyleSheet(f"color: {GREY};")
        self.note.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 2)
        layout.addLayout(bar)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.note)
        self.lines: list[county.SchoolLine] = []
        self.reload()

    def today(self) -> dt.date:
        return self.store.now().date()

    def reload(self) -> None:
        today = self.today()
        waiting = review.pending(self.store)
        self.lines = lines = county.school_lines(self.store, today, pending=waiting)
        t = self.table
        t.setRowCount(len(lines) + 1)
        totals = {g: 0 for g in GRADES}
        for r, s in enumerate(lines):
            last_import = f"{s.last_import:%Y-%m-%d %H:%M}" if s.last_import else "从未导入"
            cells = [cell(s.code, key=s.code), cell(s.name + ("（已吊销）" if s.revoked else ""),
                                                    GREY if s.revoked else None),
                     cell(s.pupils, right=True, bold=True)]
            for g in GRADES:
                n = s.pupils_by_grade.get(g)
                totals[g] += n or 0
                cells.append(cell(n or "—", GREY if not n else None, right=bool(n), center=not n))
            cells += [cell(f"第 {s.last_batch_no} 批" if s.last_batch_no else "—", center=True),
                      cell(last_import, GREY if not s.last_import else None),
                      cell(s.pending_cases or "—", RED if s.pending_cases else GREY, bold=bool(s.pending_cases),
                           center=True),
                      cell(s.problem, RED, bold=True)]
            for c, item in enumerate(cells):
                t.setItem(r, c, item)
        r = len(lines)
        pending = sum(s.pending_cases for s in lines)
        cells = [cell(TOTAL, bold=True), cell(f"{len(lines)} 所学校", bold=True),
                 cell(sum(s.pupils for s in lines), bold=True, right=True)]
        cells += [cell(totals[g], bold=True, right=True) for g in GRADES]
        for g in HIGH:
            t.setColumnHidden(3 + GRADES.index(g), not totals[g])
        problems = sum(bool(s.problem) for s in lines)
        cells += [cell(""), cell(""), cell(pending, bold=True, center=True),
                  cell(f"{problems} 所学校有问题" if problems else "", RED if problems else None, bold=True)]
        for c, item in enumerate(cells):
            t.setItem(r, c, item)
        late = sum(1 for p in waiting if p.due_on is not None and p.due_on < today)
        self.title.setText(f"全县 {len(lines)} 所学校，在籍学生 {sum(s.pupils for s in lines)} 名；"
                           f"等待本局审批的申请 {len(waiting)} 件")
        self.late.setText(f"其中 {late} 件已逾期" if late else "")

    def rows(self) -> list[tuple[str, ...]]:
        return rows_of(self.table)
