"""冲突: events a school sent twice with different content. Each is shown with what differs; a person
keeps the content first imported or takes the new one, with a reason (bureau.conflicts)."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QPushButton,
    QSplitter,
    QTableWidget,
    QVBoxLayout,
    QWidget,
)

from ...bureau import accounts, conflicts, views
from ..forms.ui_bureau_resolve import Ui_ResolveDialog
from .common import GREY, RED, REFUSALS, KeyRole, bold_label, cell, table, warn, wrapping

HEADERS = ("发现时间", "学校", "批次", "变更", "状态")
WIDTHS = (140, 200, 70, 420)


class ResolveDialog(QDialog, Ui_ResolveDialog):
    """经办人 and 说明 for one resolution; stays open with the message when refused."""

    def __init__(self, store, conflict_id: int, resolution: str, person: str = "", parent: QWidget | None = None):
        super().__init__(parent)
        self.setupUi(self)
        self.store, self.conflict_id, self.resolution = store, conflict_id, resolution
        self.resolved = None
        label = conflicts.RESOLUTION_LABELS[resolution]
        self.setWindowTitle(label)
        self.explanation.setText("保留原内容：已导入的内容不变，新内容留档备查。" if resolution == conflicts.KEEP_STORED
                                 else "采用新内容：以学校新报送的内容为准，原内容留档备查。")
        self.person.setText(accounts.who(store))
        self.person.setReadOnly(True)
        self.note.setFixedHeight(self.fontMetrics().height() * 4)
        self.ok_button = self.buttons.addButton(label, QDialogButtonBox.ButtonRole.AcceptRole)
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).clicked.connect(self.reject)
        self.ok_button.clicked.connect(self.submit)

    def submit(self) -> None:
        try:
            self.resolved = conflicts.resolve(self.store, self.conflict_id, self.resolution,
                                              note=self.note.toPlainText())
        except REFUSALS as e:
            warn(self, e.message)
            return
        self.accept()


class ConflictsTab(QWidget):
    changed = Signal()

    def __init__(self, store, parent: QWidget | None = None):
        super().__init__(parent)
        self.store = store
        self.last_person = ""
        self.dialog: ResolveDialog | None = None
        self.title = bold_label(parent=self)
        self.keep_button = QPushButton("保留原内容…", self)
        self.take_button = QPushButton("采用新内容…", self)
        bar = QHBoxLayout()
        bar.addWidget(self.title)
        bar.addStretch(1)
        bar.addWidget(self.keep_button)
        bar.addWidget(self.take_button)
        self.table = table(HEADERS, WIDTHS, stretch=len(HEADERS) - 1)
        self.detail = QTableWidget(0, 3)
        self.detail.setHorizontalHeaderLabels(["内容项", "已导入的内容", "新报送的内容"])
        self.detail.setColumnWidth(0, 160)
        self.detail.horizontalHeader().setStretchLastSection(True)
        self.detail.setColumnWidth(1, 330)
        self.detail.verticalHeader().setVisible(False)
        self.headline = wrapping(parent=self)
        lower = QWidget(self)
        lower_layout = QVBoxLayout(lower)
        lower_layout.setContentsMargins(0, 0, 0, 0)
        lower_layout.addWidget(self.headline)
        lower_layout.addWidget(self.detail, 1)
        split = QSplitter(Qt.Orientation.Vertical, self)
        split.addWidget(self.table)
        split.addWidget(lower)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 2)
        layout.addLayout(bar)
        layout.addWidget(wrapping("同一变更编号、内容不同的记录不会自动覆盖：请与学校核实后决定以哪一份为准。", self))
        layout.addWidget(split, 1)
        self.keep_button.clicked.connect(lambda: self.resolve_selected(conflicts.KEEP_STORED))
        self.take_button.clicked.connect(lambda: self.resolve_selected(conflicts.TAKE_INCOMING))
        self.table.itemSelectionChanged.connect(self._show)
        self.reload()

    @property
    def open_count(self) -> int:
        return len(conflicts.open_conflicts())

    def reload(self) -> None:
        selected = self.selected_id()
        rows = views.all_conflicts()
        t = self.table
        t.setRowCount(len(rows))
        for r, c in enumerate(rows):
            head, _ = conflicts.describe(c)
            state = (cell(f"{conflicts.RESOLUTION_LABELS.get(c.resolution, '已处理')}（{c.resolved_by}）", GREY)
                     if c.resolved else cell("待处理", RED, bold=True))
            for col, item in enumerate((cell(f"{c.found_at:%Y-%m-%d %H:%M}", key=c.id), cell(c.school.name),
                                        cell(f"第 {c.batch.batch_no} 批", center=True), cell(head), state)):
                t.setItem(r, col, item)
        open_n = sum(not c.resolved for c in rows)
        self.title.setText(f"待处理的冲突：{open_n} 条" + (f"（已处理 {len(rows) - open_n} 条）" if len(rows) > open_n else ""))
        if selected is not None:
            for r in range(t.rowCount()):
                if t.item(r, 0).data(KeyRole) == selected:
                    t.selectRow(r)
        elif t.rowCount():
            t.selectRow(0)
        self._show()

    def selected_id(self) -> int | None:
        row = self.table.currentRow()
        item = self.table.item(row, 0) if row >= 0 else None
        return item.data(KeyRole) if item is not None else None

    def _show(self) -> None:
        c = views.conflict(self.selected_id())
        open_ = c is not None and not c.resolved
        self.keep_button.setEnabled(open_)
        self.take_button.setEnabled(open_)
        if c is None:
            self.headline.setText("")
            self.detail.setRowCount(0)
            return
        head, diffs = conflicts.describe(c)
        done = (f"<br>已处理：{conflicts.RESOLUTION_LABELS.get(c.resolution, '')}，{c.resolved_by}，"
                f"{c.resolved_at:%Y-%m-%d %H:%M}；{c.resolved_note}" if c.resolved else "")
        self.headline.setText(f"<b>{c.school.name}</b> 第 {c.batch.batch_no} 批：{head}<br>"
                              f"<span style='color:{GREY}'>变更编号 {c.uuid}</span>{done}")
        self.detail.setRowCount(len(diffs))
        for r, d in enumerate(diffs):
            for col, text in enumerate((d.label, d.stored, d.incoming)):
                self.detail.setItem(r, col, cell(text))

    def resolve_selected(self, resolution: str) -> None:
        cid = self.selected_id()
        if cid is None:
            return
        self.dialog = ResolveDialog(self.store, cid, resolution, self.last_person, self)
        if self.dialog.exec() == QDialog.DialogCode.Accepted and self.dialog.resolved is not None:
            self.last_person = self.dialog.resolved.resolved_by
            self.reload()
            self.changed.emit()
