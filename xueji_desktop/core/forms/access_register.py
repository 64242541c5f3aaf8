"""学籍信息查阅登记簿: the access log (core.accounts.access_log) under a filter, as a PDF register (the
registers' layout: the school's header, the column headers repeated on every page, 第 N 页 共 M 页, the
signatures) or as an Excel workbook with the same columns. Printing or exporting it needs 查看日志 and is
itself a row of the log (查看日志), written in the same transaction as the file."""

from __future__ import annotations

import os
from pathlib import Path

from ..accounts import access_log
from ..accounts.access_log import Action, LogFilter, LogRow
from .model import Column
from .registers_common import Register, RegisterError, Section, write

TITLE = "学籍信息查阅登记簿"
COLUMNS = [Column("序号", 0.45), Column("时间", 1.25), Column("账号", 0.9), Column("姓名", 0.8), Column("操作", 0.7),
           Column("内容", 2.2, "left"), Column("学生", 2.6, "left"), Column("人数", 0.5), Column("用途", 1.4, "left")]
SIGNATURES = ("审核人签字：", "校长签字：", "学校（盖章）")


def build(ws, f: LogFilter, rows: list[LogRow]) -> Register:
    school = ws.school
    today = ws.today()
    profile = ws.profile
    article = access_log.purposes(profile).article
    # 人数 blank where no pupil is named, as the window shows it
    body = [[str(i), r.at.strftime("%Y-%m-%d %H:%M"), r.username, r.display_name, r.action_label,
             r.subject + (f"（{Path(r.target).name}）" if r.target else ""), r.pupils, str(r.pupil_count or ""),
             r.purpose] for i, r in enumerate(rows, 1)]
    header = [(f"学校名称：{school.name}", f"学校标识码：{school.code}"),
              (f"查询条件：{f.describe()}", f"共 {len(rows)} 条",
               f"打印日期：{today.year}年{today.month}月{today.day}日")]
    notes = [f"依据{article}：查阅、打印、导出学生学籍信息均须登记；多名学生的打印、导出须写明用途。",
             "本登记簿由学籍桌面按操作自动记录，每次查看、打印、导出本登记簿也记入其中（操作为“查看日志”）。"]
    return Register(title=TITLE, header=header, columns=list(COLUMNS), sections=[Section("", body, "查阅登记")],
                    notes=notes, empty_text="（无记录）", signatures=SIGNATURES)


def write_register(ws, f: LogFilter, path: str | os.PathLike) -> Path:
    """Writes the filtered log as a PDF or .xlsx (by the suffix) and logs the reading in the same
    transaction; RegisterError for another suffix, PermissionDenied without 查看日志."""
    target = Path(path)
    if target.suffix.lower() not in (".pdf", ".xlsx"):
        raise RegisterError(f"输出文件“{target.name}”应以 .pdf 或 .xlsx 结尾")
    rows = access_log.all_rows(ws, f)
    what = "打印" if target.suffix.lower() == ".pdf" else "导出"
    with access_log.logged(ws, Action.LOG_READ, f"{what}{TITLE}（{f.describe()}）", target=target):
        write(build(ws, f, rows), target)
    return target
