"""升学: the county's primary graduates with the middle school their school named, those with none yet (red), and
the admission (核准, 科长) of the selected graduates — or of every graduate named for a registered middle school —
sent to that middle school with its next reply (《黑龙江省实施细则》第十六条)."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ...bureau import access_log, accounts
from ...bureau.accounts import BureauPermission
from ...bureau.graduates import graduate_lines, middle_schools
from ...core.accounts.access_log import Action
from .common import GREEN, GREY, RED, REFUSALS, bold_label, cell, inform, rows_of, table, warn

HEADERS = ("小学", "学年", "学籍号", "姓名", "毕业/结业", "毕业班级", "升入学校（学校登记）", "核准升入", "核准人", "状态")
WIDTHS = (150, 90, 168, 64, 66, 96, 190, 170, 64)
COL_STATE = len(HEADERS) - 1
NAMED = "（按学校登记的升入学校）"


class GraduatesTab(QWidget):
    admitted = Signal()

    def __init__(self, store, parent: QWidget | None = None):
        super().__init__(parent)
        self.store = store
        self.title = bold_label(parent=self)
        self.only_without = QCheckBox("只看尚无升入学校的", self)
        self.only_without.toggled.connect(self.reload)
        bar = QHBoxLayout()
        bar.addWidget(self.title)
        bar.addStretch(1)
        bar.addWidget(self.only_without)
        self.table = table(HEADERS, WIDTHS, stretch=COL_STATE)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.table.setAccessibleName("毕业生升学")
        actions = QHBoxLayout()
        actions.addWidget(QLabel("核准升入：", self))
        self.school_box = QComboBox(self)
        actions.addWidget(self.school_box)
        self.admit_button = QPushButton("核准所选毕业生", self)
        self.admit_button.clicked.connect(self.admit_selected)
        self.admit_all_button = QPushButton("核准全部已登记升入本县中学的毕业生", self)
        self.admit_all_button.clicked.connect(self.admit_named)
        actions.addWidget(self.admit_button)
        actions.addWidget(self.admit_all_button)
        actions.addStretch(1)
        note = QLabel("小学在学年结转后登记毕业生升入的中学并报送；由科长核准后，学生的学籍档案和小学阶段的变更记录随下一份"
                      "回执发给该中学，中学编入初一班级接续学籍（学籍号不变）。升入学校未在本局登记的，由中学录入学籍号接续。",
                      self)
        note.setWordWrap(True)
        note.setStyleSheet(f"color: {GREY};")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 2)
        layout.addLayout(bar)
        layout.addWidget(self.table, 1)
        layout.addLayout(actions)
        layout.addWidget(note)
        self.lines = []
        self._logged: frozenset = frozenset()
        self.reload()

    def reload(self) -> None:
        self.lines = lines = graduate_lines(without_school=self.only_without.isChecked())
        everyone = graduate_lines() if self.only_without.isChecked() else lines
        without = sum(1 for g in everyone if not g.next_code and not g.admitted_code)
        waiting = sum(1 for g in everyone if g.state == "待核准")
        self.title.setText(f"全县小学毕业生 {len(everyone)} 名：尚无升入学校 {without} 名，待核准 {waiting} 名")
        t = self.table
        t.setRowCount(len(lines))
        for r, g in enumerate(lines):
            year = f"{g.school_year}—{g.school_year + 1}" if g.school_year else ""
            colour = RED if not g.next_code and not g.admitted_code else GREEN if g.continued_on else None
            school, named = cell(g.school_name), cell(g.next_name or g.next_code or "—", RED if not g.next_code else None)
            school.setToolTip(f"{g.school_name}（学校标识码 {g.school_code}）")
            named.setToolTip(g.named + ("" if g.next_registered or not g.next_code else "；未在本局登记"))
            cells = (school, cell(year), cell(g.student_number), cell(g.name), cell(g.outcome, center=True),
                     cell(g.class_name), named, cell(g.admitted_name), cell(g.admitted_by),
                     cell(g.state, colour, bold=colour == RED))
            for c, item in enumerate(cells):
                t.setItem(r, c, item)
        self.school_box.clear()
        self.school_box.addItem(NAMED, None)
        for s in middle_schools():
            self.school_box.addItem(f"{s.name}（{s.code}）", s.code)
        decides = accounts.can(self.store, BureauPermission.DECIDE)
        why = "" if decides else "核准升学须有“科长”角色"
        for b in (self.admit_button, self.admit_all_button):
            b.setEnabled(decides and bool(lines))
            b.setToolTip(why)
        shown = frozenset((g.school_code, g.student_number) for g in lines)
        if shown and shown != self._logged:  # 查询登记: the pupils shown, once per different list
            access_log.record(self.store, Action.OPEN, "毕业生升学名单（教育局端窗口）",
                              [access_log.Pupil(g.school_code, g.student_number, g.name) for g in lines])
            self._logged = shown

    def selected(self):
        rows = sorted({i.row() for i in self.table.selectedIndexes()})
        return [self.lines[r] for r in rows if r < len(self.lines)]

    def admit_selected(self):
        """Admits the selected graduates: to the school chosen, else each to the school its school named."""

        chosen = [g for g in self.selected() if not g.admitted_code]
        if not chosen:
            warn(self, "请先选择尚未核准的毕业生")
            return None
        target = self.school_box.currentData()
        groups: dict[str, list] = {}
        for g in chosen:
            code = target or g.next_code
            if not code:
                warn(self, f"{g.name}（{g.student_number}）的学校尚未登记升入学校：请在“核准升入”中选择一所中学")
                return None
            groups.setdefault(code, []).append((g.school_code, g.student_number))
        return self._admit([(code, {"students": pairs}) for code, pairs in groups.items()])

    def admit_named(self):
        """Admits every graduate whose school named a middle school registered here, school by school."""
        registered = {s.code for s in middle_schools()}
        pairs = sorted({(g.school_code, g.next_code) for g in graduate_lines()
                        if g.next_code in registered and not g.admitted_code})
        if not pairs:
            warn(self, "没有待核准、且升入学校已在本局登记的毕业生")
            return None
        return self._admit([(middle, {"from_school": primary}) for primary, middle in pairs])

    def _admit(self, calls):
        from ...bureau.graduates import admit

        lines = []
        try:
            for code, kwargs in calls:
                lines += admit(self.store, code, **kwargs).lines
        except REFUSALS as e:
            warn(self, e.message)
        finally:
            self.reload()
            self.admitted.emit()
        if lines:
            inform(self, "\n".join(lines) + "\n\n核准结果将随下一份回执发给中学。", "已核准")
        return lines

    def rows(self) -> list[tuple[str, ...]]:
        return rows_of(self.table)
