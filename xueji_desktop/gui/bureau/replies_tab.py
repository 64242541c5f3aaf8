"""回执: the schools the bureau owes a reply (receipts of their batches, decisions, transfer requests,
archives); 写入 U 盘 seals what is new for the selected school (or for all of them) and writes every
reply the school has not reported imported, each read back and verified."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QProgressBar,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from ...bureau import replies, views
from ...core.exchange.stick import StickError
from .common import GREY, RED, REFUSALS, DriveChooser, KeyRole, bold_label, cell, keep_painting, rows_of, table

HEADERS = ("学校代码", "学校", "待封存的回执内容", "尚未送达的回执", "最近封存")
WIDTHS = (110, 220, 130, 170)


def _numbers(batches: tuple[int, ...]) -> str:
    if not batches:
        return "—"
    return "第 " + "、".join(map(str, batches)) + " 批"


class RepliesTab(QWidget):
    written = Signal()

    def __init__(self, store, keys_provider, parent: QWidget | None = None):
        super().__init__(parent)
        self.store = store
        self.keys_provider = keys_provider  # () -> BureauKeys | None (asks the password once per window)
        self.lines: list[views.ReplyLine] = []
        self.results: list[str] = []
        self.title = bold_label(parent=self)
        self.table = table(HEADERS, WIDTHS, stretch=len(HEADERS) - 1)
        self.empty = QLabel("没有待写的回执：各校的批次回执和审批意见都已送达。", self)
        self.empty.setEnabled(False)
        left = QWidget(self)
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addWidget(self.title)
        left_layout.addWidget(self.table, 1)
        left_layout.addWidget(self.empty)
        note = QLabel("回执含：各批次的导入回执、本局的审批意见、转学请求和转来的学籍档案。"
                      "写入时，该校尚未确认收到的旧回执也会一并写入。", left)
        note.setWordWrap(True)
        note.setStyleSheet(f"color: {GREY};")
        left_layout.addWidget(note)

        right = QWidget(self)
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(0, 0, 0, 0)
        self.drives = DriveChooser("写入到：", right)
        right_layout.addWidget(self.drives)
        row = QHBoxLayout()
        self.write_button = QPushButton("写入 U 盘（所选学校）", right)
        self.write_all_button = QPushButton("全部写入 U 盘", right)
        row.addWidget(self.write_button)
        row.addWidget(self.write_all_button)
        row.addStretch(1)
        right_layout.addLayout(row)
        self.progress = QProgressBar(right)
        self.progress.setRange(0, 100)
        self.progress.setValue(0)
        right_layout.addWidget(self.progress)
        right_layout.addWidget(QLabel("结果：", right))
        self.result = QPlainTextEdit(right)
        self.result.setReadOnly(True)
        right_layout.addWidget(self.result, 1)

        split = QSplitter(Qt.Orientation.Horizontal, self)
        split.addWidget(left)
        split.addWidget(right)
        split.setSizes([760, 570])
        split.setChildrenCollapsible(False)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 2)
        layout.addWidget(split)

        self.table.itemSelectionChanged.connect(self._update_buttons)
        self.drives.changed.connect(self._update_buttons)
        self.write_button.clicked.connect(self.write_selected)
        self.write_all_button.clicked.connect(self.write_all)
        self.reload()

    def reload(self) -> None:
        selected = self.selected_code()
        self.lines = lines = views.reply_lines()
        t = self.table
        t.setRowCount(len(lines))
        for r, line in enumerate(lines):
            written = (f"{line.last_written:%Y-%m-%d %H:%M}" if line.last_written else "—")
            cells = (cell(line.code, key=line.code),
                     cell(line.name + ("（已吊销）" if line.revoked else ""), RED if line.revoked else None),
                     cell(f"{line.waiting} 项" if line.waiting else "—", None if line.waiting else GREY, center=True),
                     cell(_numbers(line.undelivered), None if line.undelivered else GREY),
                     cell(written, GREY if not line.last_written else None))
            cells[4].setToolTip(f"已写入 {line.written_to}" if line.written_to else "尚未写出")
            for c, item in enumerate(cells):
                t.setItem(r, c, item)
        self.title.setText(f"需要写回执的学校：{len(lines)} 所")
        self.empty.setVisible(not lines)
        if selected:
            self.select(selected)
        if t.currentRow() < 0 and lines:
            t.selectRow(0)
        self._update_buttons()

    def selected_code(self) -> str | None:
        row = self.table.currentRow()
        item = self.table.item(row, 0) if row >= 0 else None
        return item.data(KeyRole) if item is not None else None

    def select(self, code: str) -> bool:
        for r in range(self.table.rowCount()):
            if self.table.item(r, 0).data(KeyRole) == code:
                self.table.selectRow(r)
                return True
        return False

    def rows(self) -> list[tuple[str, ...]]:
        return rows_of(self.table)

    def _update_buttons(self) -> None:
        has_target = bool(self.drives.target())
        self.write_button.setEnabled(has_target and self.selected_code() is not None)
        self.write_all_button.setEnabled(has_target and bool(self.lines))

    # writing ------------------------------------------------------------------------------------
    def write_selected(self) -> list[str]:
        code = self.selected_code()
        return self.write([code]) if code else []

    def write_all(self) -> list[str]:
        return self.write([line.code for line in self.lines if not line.revoked])

    def write(self, codes: list[str]) -> list[str]:
        folder = self.drives.target()
        if not folder or not codes:
            return []
        if not Path(folder).is_dir():
            self.result.setPlainText(f"未写出：找不到 {folder}（U 盘是否已拔出？请插好后点“刷新”）。")
            return []
        pair = self.keys_provider()
        if pair is None:
            return []
        self.progress.setValue(0)
        self.result.setPlainText("正在写入……")
        keep_painting()
        lines: list[str] = []
        for i, code in enumerate(codes):
            def progress(done, total, i=i):
                part = done / total if total else 1
                self.progress.setValue(int(100 * (i + part) / len(codes)))
                keep_painting()

            try:
                result = replies.reply_to(self.store, pair, code, folder, progress)
                lines += result.lines
                if not result.written:
                    lines.append(f"学校 {code}：没有待送达的回执")
            except (*REFUSALS, StickError) as e:
                lines.append(f"学校 {code}：未写出，{e.message}")
        self.progress.setValue(100)
        self.results = lines
        self.result.setPlainText("\n".join(lines))
        self.reload()
        self.written.emit()
        return lines
