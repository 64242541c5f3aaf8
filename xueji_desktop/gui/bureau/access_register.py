"""账号 → 打印查阅登记簿… / 查阅登记簿另存为 PDF…: the bureau's 学籍信息查阅登记簿 of the last `DAYS` days, for
科长 (who reads the log). 另存为 PDF writes the file chosen; 打印… makes it in a temporary file (its reading
logged as 准备打印, target 打印对话框), opens the print dialog (`printing.print_pdf`, the remembered printer)
and logs the print naming the printer in the transaction of the printing, as the bureau logs its exports
(`bureau.access_log`)."""

from __future__ import annotations

import datetime as dt
import shutil
import tempfile
from pathlib import Path

from PySide6.QtGui import QAction

from ...bureau import access_log, accounts
from ...bureau.accounts import BureauPermission
from ...core.accounts.access_log import LogFilter
from .common import REFUSALS, inform, warn

DAYS = 30
TITLE = "学籍信息查阅登记簿"
TIP = f"最近 {DAYS} 天的查询登记（谁、何时、哪些学生、用途），签字盖章存档（科长）"


def install(window, menu) -> None:
    menu.addSeparator()
    window.register_print_action = QAction("打印查阅登记簿…", window)
    window.register_print_action.setStatusTip(f"{TIP}；选择打印机后打印")
    window.register_print_action.triggered.connect(lambda: print_register(window))
    window.register_pdf_action = QAction("查阅登记簿另存为 PDF…", window)
    window.register_pdf_action.setStatusTip(f"{TIP}；另存为 PDF")
    window.register_pdf_action.triggered.connect(lambda: save_register(window))
    menu.addAction(window.register_print_action)
    menu.addAction(window.register_pdf_action)


def update(window) -> None:
    allowed = accounts.can(window.store, BureauPermission.DECIDE)
    for action in (window.register_print_action, window.register_pdf_action):
        action.setEnabled(allowed)


def recent(store) -> LogFilter:
    today = store.now().date()
    return LogFilter(start=today - dt.timedelta(days=DAYS), end=today)


def _write(window, f: LogFilter, path: Path, **kwargs) -> Path | None:
    from ...core.forms.registers_common import RegisterError

    try:
        return access_log.write_register(window.store, f, path, **kwargs)
    except (*REFUSALS, RegisterError) as e:
        warn(window, getattr(e, "message", str(e)))
    except OSError as e:
        warn(window, f"无法写入 {path}：{e.strerror or e}")
    return None


def save_register(window) -> Path | None:
    f = recent(window.store)
    name = f"{TITLE}-{window.store.now():%Y%m%d}.pdf"
    path = window.choose_save_path(f"{TITLE}另存为 PDF", Path.home() / name, "PDF 文件 (*.pdf)")
    if not path:
        return None
    if not path.lower().endswith(".pdf"):
        path += ".pdf"
    written = _write(window, f, Path(path))
    if written is not None:
        inform(window, f"已保存{TITLE}（{f.describe()}）到\n{written}", "已保存")
    return written


def print_register(window) -> str | None:
    """The register to the printer: the printer's name, or None (cancelled, refused: a message said why)."""
    from .. import printing

    f = recent(window.store)
    folder = Path(tempfile.mkdtemp(prefix="xueji-print-"))
    try:
        made = _write(window, f, folder / f"{TITLE}.pdf", what="准备打印", shown_as="打印对话框")
        if made is None:
            return None
        return printing.print_pdf(window, made, printing.PrintSpec(TITLE),
                                  lambda printer: access_log.register_printed(window.store, f, printer))
    finally:
        shutil.rmtree(folder, ignore_errors=True)
