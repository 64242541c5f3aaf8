"""重复学籍: children the imports found on the roll of two schools of the county (bureau.duplicates). Each case
shows both records, where it stands and each step — found, both schools asked, their answers, the removal asked of
the other school, the close (bureau.duplicate_settling); the scan the school the child attends sent is saved and
opened; a 科长 closes the case. The pupils listed are logged (查询登记) once per different list. The questions it
asks go through the module's functions below, which tests replace."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, QUrl, Signal
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QCheckBox,
    QFileDialog,
    QHBoxLayout,
    QInputDialog,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from ...bureau import access_log, accounts, duplicate_settling, duplicates
from ...bureau.accounts import BureauPermission
from ...core.accounts.access_log import Action, PurposeCancelled, PurposeRequired
from ...core.school.school import grade_name
from .. import purpose_dialog
from .common import GREEN, GREY, RED, REFUSALS, KeyRole, bold_label, cell, table, warn, wrapping

HEADERS = ("编号", "发现时间", "依据", "学校 A（先有学籍）", "学生 A", "学校 B", "学生 B", "进展")
WIDTHS = (50, 130, 150, 170, 170, 170, 170)
STEP_HEADERS = ("时间", "环节", "单位", "经办人", "内容")


# ── the questions a test replaces ────────────────────────────────────────────────────────────────
def ask_note(parent, title: str, label: str) -> str | None:
    text, ok = QInputDialog.getMultiLineText(parent, title, label)
    return text if ok else None


def ask_save_path(parent, title: str, default: str) -> str:
    path, _ = QFileDialog.getSaveFileName(parent, title, default)
    return path


def open_file(path: Path) -> None:
    QDesktopServices.openUrl(QUrl.fromLocalFile(str(path)))


def _pupil(side) -> str:
    place = side.class_name or (grade_name(side.grade) if side.grade else "")  # 三年级(1)班
    return f"{side.name} {place}".strip()


class DuplicatesTab(QWidget):
    changed = Signal()

    def __init__(self, store, parent: QWidget | None = None):
        super().__init__(parent)
        self.store = store
        self.lines: list[duplicates.Line] = []
        self._logged: frozenset = frozenset()
        self.title = bold_label(parent=self)
        self.all_box = QCheckBox("也显示已结案的", self)
        self.proof_button = QPushButton("查看证明材料…", self)
        self.settle_button = QPushButton("结案：已处理…", self)
        self.not_duplicate_button = QPushButton("结案：非重复学籍…", self)
        bar = QHBoxLayout()
        bar.addWidget(self.title)
        bar.addStretch(1)
        for w in (self.all_box, self.proof_button, self.settle_button, self.not_duplicate_button):
            bar.addWidget(w)
        self.table = table(HEADERS, WIDTHS, stretch=len(HEADERS) - 1)
        self.table.setAccessibleName("重复学籍")
        self.headline = wrapping(parent=self)
        self.steps = table(STEP_HEADERS, (130, 110, 150, 90), stretch=len(STEP_HEADERS) - 1)
        self.steps.setAccessibleName("重复学籍的办理环节")
        lower = QWidget(self)
        lower_layout = QVBoxLayout(lower)
        lower_layout.setContentsMargins(0, 0, 0, 0)
        lower_layout.addWidget(self.headline)
        lower_layout.addWidget(self.steps, 1)
        split = QSplitter(Qt.Orientation.Vertical, self)
        split.addWidget(self.table)
        split.addWidget(lower)
        split.setSizes([260, 300])
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 2)
        layout.addLayout(bar)
        layout.addWidget(wrapping("导入批次时发现同一学生在本县两所学校都有学籍（身份证件号相同，或非居民身份证的姓名、性别、"
                                  "出生日期相同）。两校随下一份回执收到核查：实际就读学校确认（凉山须附《学生实际在校就读证明表》），"
                                  "对方学校删除重复学籍（学籍记录和变动历史保留），本局核办后结案。", self))
        layout.addWidget(split, 1)
        self.all_box.toggled.connect(lambda _on: self.reload())
        self.table.itemSelectionChanged.connect(self._show)
        self.proof_button.clicked.connect(self.save_proof)
        self.settle_button.clicked.connect(lambda: self.close_selected(duplicate_settling.SETTLED))
        self.not_duplicate_button.clicked.connect(lambda: self.close_selected(duplicate_settling.NOT_DUPLICATE))
        self.reload()

    @property
    def open_count(self) -> int:
        return duplicates.BureauDuplicate.select().where(duplicates.BureauDuplicate.status == "open").count()

    def reload(self) -> None:
        selected = self.selected_id()
        self.lines = duplicates.duplicates(open_only=not self.all_box.isChecked())
        self.progress = {line.id: duplicate_settling.progress(duplicates.BureauDuplicate.get_by_id(line.id))
                         for line in self.lines}
        t = self.table
        t.setRowCount(len(self.lines))
        for r, d in enumerate(self.lines):
            where = self.progress[d.id]
            colour = GREY if d.status != "open" else GREEN if where.can_settle else RED
            cells = (cell(d.id, key=d.id, center=True), cell(f"{d.found_at:%Y-%m-%d %H:%M}"), cell(d.match_label),
                     cell(d.a.school_name), cell(_pupil(d.a)), cell(d.b.school_name), cell(_pupil(d.b)),
                     cell(where.text, colour, bold=d.status == "open"))
            for c, item in enumerate(cells):
                t.setItem(r, c, item)
        open_n = self.open_count
        self.title.setText(f"待处理的重复学籍：{open_n} 件")
        shown = frozenset((s.school_code, s.student_number) for d in self.lines for s in (d.a, d.b))
        if shown and shown != self._logged:  # 查询登记: the pupils shown, once per different list
            access_log.record(self.store, Action.OPEN, "重复学籍（教育局端窗口）",
                              [access_log.Pupil(s.school_code, s.student_number, s.name)
                               for d in self.lines for s in (d.a, d.b)])
            self._logged = shown
        index = next((r for r, d in enumerate(self.lines) if d.id == selected), 0 if self.lines else -1)
        if index >= 0:
            t.selectRow(index)
        self._show()

    def selected_id(self) -> int | None:
        row = self.table.currentRow()
        item = self.table.item(row, 0) if row >= 0 else None
        return item.data(KeyRole) if item is not None else None

    def current(self) -> duplicates.Line | None:
        chosen = self.selected_id()
        return next((d for d in self.lines if d.id == chosen), None)

    def _show(self) -> None:
        d = self.current()
        decides = accounts.can(self.store, BureauPermission.DECIDE)
        why = "" if decides else "重复学籍结案须有“科长”角色"
        where = self.progress.get(d.id) if d is not None else None
        self.settle_button.setEnabled(decides and where is not None and where.can_settle)
        self.settle_button.setToolTip(why or (where.blocker if where is not None else ""))
        self.not_duplicate_button.setEnabled(decides and d is not None and d.status == "open")
        self.not_duplicate_button.setToolTip(why)
        self.proof_button.setEnabled(d is not None and duplicate_settling.proof(d.id) is not None)
        if d is None:
            self.headline.setText("没有重复学籍。" if not self.lines else "")
            self.steps.setRowCount(0)
            return

        def side(tag, s) -> str:
            return (f"学校{tag}：<b>{s.school_name}</b>（{s.school_code}） 学籍号 {s.student_number} <b>{s.name}</b> "
                    f"{_pupil(s)[len(s.name):]} 学籍状态 {s.status_label} 入学 {s.entered or '—'} 最近变动 {s.arrived} 到达本局 {s.received or '—'}")

        self.headline.setText(f"编号 {d.id}：{d.match_label}（{d.key_label}）；{where.text}<br>{side('A', d.a)}<br>"
                              f"{side('B', d.b)}")
        rows = duplicate_settling.steps(d.id)
        self.steps.setRowCount(len(rows))
        for r, s in enumerate(rows):
            for c, text in enumerate((f"{s.at:%Y-%m-%d %H:%M}", s.label, s.school_name, s.person, s.detail)):
                self.steps.setItem(r, c, cell(text))

    def save_proof(self) -> Path | None:
        d = self.current()
        proof = duplicate_settling.proof(d.id) if d is not None else None
        if proof is None:
            return None
        path = ask_save_path(self, "保存学校附的证明材料", str(Path.home() / proof.filename))
        if not path:
            return None
        try:
            with access_log.logged(self.store, Action.EXPORT, f"重复学籍 {d.id} 的证明材料（{proof.school_name}）",
                                   [access_log.Pupil(s.school_code, s.student_number, s.name) for s in (d.a, d.b)],
                                   purpose=purpose_dialog.purpose_question(self, access_log.scope()), target=path):
                Path(path).write_bytes(proof.data)
        except PurposeCancelled:
            return None
        except PurposeRequired as e:
            warn(self, e.message)
            return None
        except OSError as e:
            warn(self, f"无法写入 {path}（{e.strerror or e}）：证明材料未保存，也未记入查询登记。请换一个位置。")
            return None
        open_file(Path(path))
        return Path(path)

    def close_selected(self, outcome: str) -> bool:
        d = self.current()
        if d is None:
            return False
        label = duplicate_settling.OUTCOME_LABELS[outcome]
        note = ask_note(self, f"结案 — {label}", f"编号 {d.id}：{d.a.name}。结案说明" +
                        ("（须写明核实情况，至少 4 个字）：" if outcome == duplicate_settling.NOT_DUPLICATE else "（可不填）："))
        if note is None:
            return False
        try:
            duplicate_settling.close(self.store, d.id, outcome, note)
        except REFUSALS as e:
            warn(self, e.message)
            return False
        self.reload()
        self.changed.emit()
        return True
