"""与教育局交换: the school's keys (密钥与教育局公钥) and 导出变更批次 to a USB stick.

Both dialogs write only through `run_op` and the exchange services. The questions they ask
(password, key file, the fingerprint typed from the bureau's stamped letter, where to save) go
through small methods — `ask_password`, `choose_key_file`, `ask_fingerprint`, `choose_save_path`,
`choose_folder`, `open_file` — so tests can answer them without a modal box.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QEventLoop, QUrl
from PySide6.QtGui import QDesktopServices, QFont
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QInputDialog,
    QLabel,
    QLineEdit,
    QWidget,
)

from ..core.exchange import outbox, school_keys, stick
from ..core.exchange.school_keys import KeyRefused
from .forms.ui_export import Ui_ExportDialog
from .forms.ui_keys import Ui_KeysDialog
from .keyboard import set_text
from .operations import run_op

KEY_SUFFIX = ".xjkey"
GROUPS_PER_LINE = 4


def fingerprint_lines(fingerprint: str) -> str:
    """“12345 67890 …” as two lines of four groups, the way the letter and the 登记表 print it."""
    groups = fingerprint.split()
    return "\n".join("  ".join(groups[i:i + GROUPS_PER_LINE]) for i in range(0, len(groups), GROUPS_PER_LINE))


def _make_big(label: QLabel) -> None:
    """The fingerprint's font: 1.6 times the label's own size (which depends on the system), bold, monospaced."""
    font = QFont(label.font())
    font.setPointSizeF(font.pointSizeF() * 1.6 if font.pointSizeF() > 0 else 16)
    font.setBold(True)
    font.setStyleHint(QFont.StyleHint.Monospace)
    font.setFamilies(["DejaVu Sans Mono", "Consolas", "monospace"])
    label.setFont(font)


def _refuse(message: str):
    raise KeyRefused(message)


def _first_drive_path() -> str:
    drives = [d for d in stick.removable_drives() if d.writable] or stick.removable_drives()
    return drives[0].path if drives else str(Path.home())


# 密钥与教育局公钥 ---------------------------------------------------------------------------------
class KeysDialog(QDialog, Ui_KeysDialog):
    def __init__(self, ws, parent: QWidget | None = None):
        super().__init__(parent)
        self.setupUi(self)
        self.ws = ws
        _make_big(self.school_fingerprint)
        _make_big(self.bureau_fingerprint)
        self.buttons.rejected.connect(self.reject)

        self.create_button.clicked.connect(self.create_keys)
        self.print_button.clicked.connect(lambda: self.print_form())
        from . import printing

        self.to_printer_button = printing.printer_button_beside(
            self.print_button, self.own_buttons, "预览密钥登记表并送打印机（一式两份）",
            lambda: self.print_form(to_printer=True))
        self.export_key_button.clicked.connect(self.export_public_key)
        self.trust_button.clicked.connect(self.trust_bureau)
        self.refresh()

    # what is shown ------------------------------------------------------------------------------
    def refresh(self) -> None:
        key = school_keys.active_school_key()
        if key is None:
            self.school_state.setText("本校尚未生成密钥。生成后，打印密钥登记表，签字盖章后连同本校公钥文件交教育局登记。"
                                      "私钥以当前登录教师的密码保护。")
            self.school_fingerprint.setText("")
            self.school_fingerprint.hide()
        else:
            old = key.encryption_public is None
            self.school_state.setText(f"本校公钥指纹（{key.created_at:%Y-%m-%d} 生成）：" if not old else
                                      f"本校公钥指纹（{key.created_at:%Y-%m-%d} 生成，旧版密钥：不能接收教育局回执，"
                                      "请点“更换密钥”，重新打印密钥登记表交教育局登记）：")
            self.school_fingerprint.setText(fingerprint_lines(key.fingerprint))
            self.school_fingerprint.show()
        self.replacing = key is not None and key.encryption_public is None
        set_text(self.create_button, "更换密钥…" if self.replacing else "生成本校密钥…")
        self.create_button.setVisible(key is None or self.replacing)
        self.print_button.setEnabled(key is not None)
        self.to_printer_button.setEnabled(key is not None)
        self.export_key_button.setEnabled(key is not None)

        bureau = school_keys.active_bureau_key()
        if bureau is None:
            self.bureau_state.setText("尚未登记教育局公钥。请从 U 盘选择教育局的公钥文件，"
                                      "再照教育局盖章公函上的指纹逐组输入核对。")
            self.bureau_fingerprint.setText("")
            self.bureau_fingerprint.hide()
            set_text(self.trust_button, "登记教育局公钥…")
        else:
            who = bureau.confirmed_by.display_name or bureau.confirmed_by.username
            self.bureau_state.setText(f"已登记：{bureau.name}（{bureau.confirmed_at:%Y-%m-%d} 由 {who} "
                                      f"核对公函后登记），指纹：")
            self.bureau_fingerprint.setText(fingerprint_lines(bureau.fingerprint))
            self.bureau_fingerprint.show()
            set_text(self.trust_button, "更换教育局公钥…")

    # questions (tests replace these) ------------------------------------------------------------
    def ask_password(self, prompt: str) -> str | None:
        text, ok = QInputDialog.getText(self, "输入密码", prompt, QLineEdit.EchoMode.Password)
        return text if ok else None

    def choose_key_file(self) -> str | None:
        path, _ = QFileDialog.getOpenFileName(self, "选择教育局公钥文件", _first_drive_path(),
                                              f"学籍公钥文件 (*{KEY_SUFFIX} *.json);;所有文件 (*)")
        return path or None

    def ask_fingerprint(self, key_name: str) -> str | None:
        text, ok = QInputDialog.getText(
            self, "核对公钥指纹",
            f"请照教育局盖章公函上印的公钥指纹输入（8 组，每组 5 位数字，空格可省略）：\n文件：{key_name}")
        return text if ok else None

    def choose_save_path(self, title: str, suggested: Path, file_filter: str) -> str | None:
        path, _ = QFileDialog.getSaveFileName(self, title, str(suggested), file_filter)
        return path or None

    def open_file(self, path: Path) -> None:
        QDesktopServices.openUrl(QUrl.fromLocalFile(str(path)))

    # actions ------------------------------------------------------------------------------------
    def create_keys(self) -> None:
        user = self.ws.user
        who = (user.display_name or user.username) if user else ""
        password = self.ask_password(f"生成本校密钥：请输入 {who} 的登录密码（用于保护学校私钥）：")
        if password is None:
            return
        replace = getattr(self, "replacing", False)
        row = run_op(self, lambda: school_keys.create_keys(self.ws, password, replace=replace), initiator=self)
        if row is not None:
            self.status.setText("已生成本校密钥。请打印密钥登记表，签字盖章后连同本校公钥文件交教育局登记。")
        self.refresh()

    def trust_bureau(self) -> None:
        path = self.choose_key_file()
        if not path:
            return
        try:
            info, _ = school_keys.read_bureau_key_file(path)
        except KeyRefused as e:
            message = e.message
            run_op(self, lambda: _refuse(message))
            return
        typed = self.ask_fingerprint(f"{info.name}（{Path(path).name}）")
        if typed is None:
            return
        row = run_op(self, lambda: school_keys.trust_bureau(self.ws, path, typed), initiator=self)
        if row is not None:
            self.status.setText(f"已登记教育局公钥：{row.name}，指纹与公函一致。")
        self.refresh()

    def print_form(self, to_printer: bool = False):
        if to_printer:
            from ..core.forms.key_form import COPY_COUNT, render_key_form
            from . import printing

            def make(target: Path):
                return run_op(self, lambda: (render_key_form(self.ws, str(target)), target)[1], initiator=self)

            return printing.print_made(self, self.ws, printing.PrintSpec("密钥登记表", COPY_COUNT, "本表表注"), make)
        school = self.ws.school
        path = self.choose_save_path("保存密钥登记表", Path.home() / f"密钥登记表-{school.name}.pdf",
                                     "PDF 文件 (*.pdf)")
        if not path:
            return
        if not path.lower().endswith(".pdf"):
            path += ".pdf"

        def call():
            from ..core.forms.key_form import render_key_form

            render_key_form(self.ws, path)
            return Path(path)

        def done(result: Path) -> None:
            self.status.setText(f"密钥登记表已保存：{result}")
            self.open_file(result)

        run_op(self, call, success=done, initiator=self)

    def export_public_key(self) -> None:
        school = self.ws.school
        start = Path(_first_drive_path()) / f"{school.code}-学校公钥{KEY_SUFFIX}"
        path = self.choose_save_path("导出本校公钥文件", start, f"学籍公钥文件 (*{KEY_SUFFIX})")
        if not path:
            return
        if not path.lower().endswith(KEY_SUFFIX):
            path += KEY_SUFFIX

        def call():
            data = school_keys.school_public_key_bytes(self.ws)
            target = Path(path)
            try:
                target.write_bytes(data)
            except OSError as e:
                raise OSError(f"无法写入 {target}：{e.strerror or e}") from e
            return target

        run_op(self, call, success=lambda p: self.status.setText(
            f"本校公钥文件已写入：{p}（交教育局登记，连同签字盖章的密钥登记表）"), initiator=self)


# 导出变更批次 ------------------------------------------------------------------------------------
class ExportDialog(QDialog, Ui_ExportDialog):
    def __init__(self, ws, parent: QWidget | None = None):
        super().__init__(parent)
        self.setupUi(self)
        self.ws = ws
        self.result = None
        self.nothing_to_do = False

        self.drives.choose_folder = lambda: self.choose_folder()  # late-bound: tests replace the dialog's
        self.no_drive, self.folder_button, self.refresh_button = (self.drives.no_drive, self.drives.folder_button,
                                                                  self.drives.refresh_button)
        self.drive_list = self.drives.list

        self.export_button = self.buttons.addButton("导出", QDialogButtonBox.ButtonRole.AcceptRole)
        close = self.buttons.button(QDialogButtonBox.StandardButton.Close)
        close.clicked.connect(self.reject)
        self.export_button.clicked.connect(self.export)

        self.drives.changed.connect(self._update_button)
        self.password.textChanged.connect(lambda _text: self._update_button())
        self.refresh()

    # what is shown ------------------------------------------------------------------------------
    def refresh(self) -> None:
        self.drives.refresh()
        self._show_pending()
        self._update_button()

    def _show_pending(self) -> None:
        new = outbox.unexported_count()
        pending = outbox.pending_batches(self.ws)
        if new:
            text = f"待导出的变更：{new} 项，将封存为第 {outbox.max_batch_no() + 1} 批。"
        else:
            text = outbox.NOTHING_TO_EXPORT + "。"
        if pending:
            numbers = [b.batch_no for b in pending]
            span = str(numbers[0]) if len(numbers) == 1 else f"{numbers[0]}–{numbers[-1]}"
            text += f"尚未收到教育局回执的第 {span} 批也会再写入 U 盘。"
        elif not new:
            text += "已导出的批次均已收到教育局回执。"
        self.pending_label.setText(text)
        self.nothing_to_do = not new and not pending

    def target(self) -> str | None:
        return self.drives.target()

    def _update_button(self) -> None:
        self.export_button.setEnabled(bool(self.target()) and bool(self.password.text())
                                      and not self.nothing_to_do)

    # questions (tests replace these) ------------------------------------------------------------
    def choose_folder(self) -> str | None:
        path = QFileDialog.getExistingDirectory(self, "选择导出到的文件夹", str(Path.home()))
        return path or None

    # exporting ----------------------------------------------------------------------------------
    def _progress(self, done: int, total: int) -> None:
        self.progress.setValue(int(100 * done / total) if total else 100)
        QApplication.processEvents(QEventLoop.ProcessEventsFlag.ExcludeUserInputEvents)

    def export(self) -> None:
        folder = self.target()
        if not folder:
            return
        if not Path(folder).is_dir():
            self.result_label.setText(f"未导出：找不到 {folder}（U 盘是否已拔出？请插好后点“刷新”）。")
            return
        password = self.password.text()
        self.progress.setValue(0)
        self.result_label.setText("正在导出……")
        self.export_button.setEnabled(False)
        from .work_progress import Cancelled, WorkProgress

        cancelled: list[bool] = []

        def call():
            with WorkProgress(self, "导出变更批次", "正在写入 U 盘并读回校验… {done}/{total} KB") as window:
                def progress(done: int, total: int) -> None:
                    self._progress(done, total)
                    window(-(-done // 1024), -(-total // 1024))  # raises Cancelled after 取消

                try:
                    return outbox.export_to(self.ws, password, folder, progress)
                except Cancelled:
                    cancelled.append(True)
                    return None

        result = run_op(self, call, initiator=self)
        if cancelled:
            self.progress.setValue(0)
            self.result_label.setText("已取消写入：U 盘上没有留下不完整的文件。已封存的批次保存在本机，"
                                      "下次导出时会再写入 U 盘。")
        elif result is None:  # refused (wrong password, no keys …): run_op showed why
            self.result_label.setText("未导出。")
        else:
            self.result = result
            self.password.clear()
            self.result_label.setText(result.message)
            if result.failed is None:
                self.progress.setValue(100)
        self._show_pending()
        self._update_button()
