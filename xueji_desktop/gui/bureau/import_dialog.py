"""导入学校批次: choose a stick, a folder or files; the dry run (importer.dry_run, nothing changed) shows
each batch — 学校, 批次, 新增, 重复, 冲突, 结果/原因, refused rows red, held rows amber — and only
“导入” imports (one transaction per batch, with a progress bar), then shows the receipts."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QFileDialog, QWidget

from ...bureau import importer
from ...bureau.importer import HELD, IMPORTED, REFUSED, Plan
from ...bureau.views import school_name
from ...core.exchange import stick
from ..forms.ui_bureau_import import Ui_ImportDialog
from ..keyboard import set_text
from ..tables import size_columns
from .common import AMBER, GREEN, GREY, RED, REFUSALS, cell, keep_painting, rows_of, warn

WIDTHS = (200, 64, 56, 56, 56, 460)
COL_RESULT = 5


def school_text(code: str | None) -> str:
    if not code:
        return "（无法识别）"
    name = school_name(code)
    return name if name is not None else f"未登记（{code}）"


def folder_sources(folder: str | Path) -> list[str]:
    """A stick or folder, and its subfolders holding batches (a folder per school, as a bureau keeps them)."""
    root = Path(folder)
    out = [str(root)]
    try:
        subfolders = sorted(p for p in root.iterdir() if p.is_dir() and p.name != stick.SUBFOLDER)
    except OSError:
        return out
    out += [str(p) for p in subfolders if stick.batch_files(p)]
    return out


def result_text(plan: Plan) -> str:
    if plan.status == REFUSED:
        return f"拒绝：{plan.reason}"
    if plan.status == HELD:
        return f"暂存：{plan.reason}"
    verb = "可导入" if plan.dry_run else "已导入"
    return verb + ("（暂存批次补齐后导入）" if plan.via_held else "")


class ImportDialog(QDialog, Ui_ImportDialog):
    def __init__(self, store, keys_provider, parent: QWidget | None = None):
        super().__init__(parent)
        self.setupUi(self)
        self.store = store
        self.keys_provider = keys_provider
        self.files: list[str] | None = None  # files chosen one by one (instead of a folder)
        self.plans: list[Plan] = []
        self.results: list[Plan] = []
        self.imported = False

        t = self.table
        size_columns(t, WIDTHS, stretch=t.columnCount() - 1)
        self.split.setSizes([300, 160])

        self.import_button = self.buttons.addButton("导入", QDialogButtonBox.ButtonRole.AcceptRole)
        self.close_button = self.buttons.button(QDialogButtonBox.StandardButton.Close)
        self.close_button.setText("关闭")
        self.close_button.clicked.connect(self.reject)
        self.import_button.clicked.connect(self.run_import)
        QWidget.setTabOrder(self.table, self.receipts)  # reading order: the table, then the receipts below it

        self.files_button.clicked.connect(self.pick_files)
        self.check_button.clicked.connect(self.check)
        self.drives.changed.connect(self._source_changed)
        self._source_changed()

    # the source ---------------------------------------------------------------------------------
    def paths(self) -> list[str]:
        if self.files:
            return list(self.files)
        folder = self.drives.target()
        return folder_sources(folder) if folder else []

    def choose_files(self) -> list[str]:  # tests replace this
        files, _ = QFileDialog.getOpenFileNames(self, "选择批次文件", str(Path.home()),
                                                "学籍变更批次 (*.xjb);;所有文件 (*)")
        return files

    def pick_files(self) -> None:
        files = self.choose_files()
        if files:
            self.files = files
            self._source_changed(keep_files=True)
            self.check()

    def use_folder(self, folder: str | Path) -> None:
        """As if the user chose the folder (tests, and the window's own start-up)."""
        self.files = None
        self.drives.use_folder(str(folder))

    def _source_changed(self, keep_files: bool = False) -> None:
        if not keep_files:
            self.files = None
        if self.files:
            self.source_label.setText(f"已选 {len(self.files)} 个文件：" + "、".join(Path(f).name for f in self.files[:4])
                                      + ("……" if len(self.files) > 4 else ""))
        else:
            folder = self.drives.target()
            self.source_label.setText(f"将读取：{folder}" if folder else "请选择 U 盘、文件夹或批次文件。")
        self.plans = []
        self.table.setRowCount(0)
        self.summary.setText("先“检查批次”：逐批核对签名、编号和内容，列出将新增、重复、冲突的变更和拒收原因，"
                             "不做任何改动。")
        self._update_buttons()

    def _update_buttons(self) -> None:
        self.check_button.setEnabled(bool(self.paths()) and not self.imported)
        self.import_button.setEnabled(not self.imported and any(p.status != REFUSED for p in self.plans))

    # dry run and import -------------------------------------------------------------------------
    def check(self) -> list[Plan]:
        paths = self.paths()
        if not paths:
            return []
        pair = self.keys_provider()
        if pair is None:
            return []
        try:
            self.plans = importer.dry_run(self.store, pair, paths)
        except REFUSALS as e:
            warn(self, e.message)
            return []
        self._fill(self.plans)
        if not self.plans:
            self.summary.setText("没有找到批次文件（*.xjb）。")
        else:
            self.summary.setText(self._counts(self.plans, dry=True))
        self._update_buttons()
        return self.plans

    def run_import(self) -> list[Plan]:
        if not self.plans or self.imported:
            return []
        pair = self.keys_provider()
        if pair is None:
            return []
        self.import_button.setEnabled(False)
        self.progress.setValue(0)

        def progress(done: int, total: int) -> None:
            self.progress.setValue(int(100 * done / total) if total else 100)
            if done < total:  # each batch is saved whole in its own transaction: no 取消 halfway
                self.summary.setText(f"正在导入第 {done + 1:,}/{total:,} 个批次…（每个批次单独完整保存）")
            keep_painting()

        try:
            self.results = importer.import_batches(self.store, pair, self.paths(), progress)
        except REFUSALS as e:
            warn(self, e.message)
            self._update_buttons()
            return []
        self.imported = True
        self.progress.setValue(100)
        self._fill(self.results)
        self.summary.setText(self._counts(self.results, dry=False))
        self.receipts.setPlainText("\n\n".join(p.receipt for p in self.results if p.receipt)
                                   or "没有导入任何批次，因此没有回执。")
        set_text(self.close_button, "完成")
        self._update_buttons()
        return self.results

    @staticmethod
    def _counts(plans: list[Plan], dry: bool) -> str:
        done = sum(p.status == IMPORTED for p in plans)
        held = sum(p.status == HELD for p in plans)
        refused = sum(p.status == REFUSED for p in plans)
        verb = "可导入" if dry else "已导入"
        tail = "（预演，未做任何改动；确认无误后点“导入”）" if dry else "。各批回执见下方，并将随回执发给学校。"
        return f"共 {len(plans)} 批：{verb} {done} 批，暂存等待 {held} 批，拒绝 {refused} 批{tail}"

    def _fill(self, plans: list[Plan]) -> None:
        t = self.table
        t.setRowCount(len(plans))
        for r, p in enumerate(plans):
            colour = RED if p.status == REFUSED else AMBER if p.status == HELD else GREEN
            shown = p.status != REFUSED or p.batch_no is not None
            cells = (cell(school_text(p.school), colour if p.status != IMPORTED else None, key=p.school),
                     cell(f"第 {p.batch_no} 批" if p.batch_no else "—", center=True),
                     cell(p.new if shown else "", right=True), cell(p.duplicates if shown else "", right=True),
                     cell(p.conflicts if shown else "", RED if p.conflicts else None, right=True),
                     cell(result_text(p), colour, bold=True),
                     cell(p.path.name if p.path else "（暂存的批次）", GREY))
            for c, item in enumerate(cells):
                t.setItem(r, c, item)

    def rows(self) -> list[tuple[str, ...]]:
        return rows_of(self.table)
