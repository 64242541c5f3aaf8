"""账号 → 打印查阅登记簿… / 查阅登记簿另存为 PDF…: the bureau's 学籍信息查阅登记簿 of the last `DAYS` days, for
科长 (who reads the log). 另存为 PDF writes the file chosen; 打印… opens the print dialog first
(`printing.choose_printer`, the remembered printer), then makes the register in a temporary file and sends it
inside the transaction of its row naming the printer, as the bureau logs its exports (`bureau.access_log`)."""

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


def save_register(window) -> Path | None:
    from ...core.forms.registers_common import RegisterError

    f = recent(window.store)
    name = f"{TITLE}-{window.store.now():%Y%m%d}.pdf"
    path = window.choose_save_path(f"{TITLE}另存为 PDF", Path.home() / name, "PDF 文件 (*.pdf)")
    if not path:
        return None
    if not path.lower().endswith(".pdf"):
        path += ".pdf"
    try:
        written = access_log.write_register(window.store, f, path)
    except (*REFUSALS, RegisterError) as e:
        warn(window, getattr(e, "message", str(e)))
        return None
    except OSError as e:
        warn(window, f"无法写入 {path}：{e.strerror or e}")
        return None
    inform(window, f"已保存{TITLE}（{f.describe()}）到\n{written}", "已保存")
    return written


def print_register(window) -> str | None:
    """The print dialog, then the register made into a temporary file and sent to the printer inside the
    transaction of its row (查看日志, naming the printer): cancelled or refused, nothing is logged. The
    printer's name, or None (a message said why)."""
    from .. import printing

    store = window.store
    if not accounts.can(store, BureauPermission.DECIDE):
        return None
    spec = printing.PrintSpec(TITLE)
    chosen = printing.choose_printer(window, spec)
    if chosen is None:
        return None
    printer, name, label = chosen
    f = recent(store)
    folder = Path(tempfile.mkdtemp(prefix="xueji-print-"))
    try:
        with access_log.register_printed(store, f, label):
            printing.send_file(printer, access_log.register_file(store, f, folder / f"{TITLE}.pdf"))
    except printing.PrinterProblem as e:
        printing.refuse(window, e.message)
        return None
    except REFUSALS as e:
        warn(window, e.message)
        return None
    except OSError as e:
        warn(window, f"无法生成{TITLE}：{e.strerror or e}")
        return None
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    printing.say_sent(window, label)
    return name
