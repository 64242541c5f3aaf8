"""学籍每学期复核表: the term review (core.school_year.term_review) on paper, signed by the registrar and the head
and stamped by the school (《凉山州规定》八(一), 《安阳市北关区办法》第二十条, 《长治市实施细则》第四十三条).

The counts first, then every problem found, pupil by pupil, then the signatures. The list may run
onto further pages (the header repeats); the signature row always follows the list's end.
"""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path
from typing import BinaryIO

from ..accounts import access_log
from ..accounts.access_log import Action
from ..school_year.term_review import KIND_LABELS, KINDS, Checklist, checklist
from .engine import render
from .model import SMALL_SIZE, Column, Form, Grid, Label, Paragraph, SignatureBox, SignatureRow, Table, Value

TITLE = "学籍每学期复核表"
NONE_FOUND = "经逐人复核，未发现信息不全、临时学籍号、未办结的申请或缺少证明材料的情况。"
COPIES = "本表一式两份，学校存档一份，报主管教育行政部门一份。"
COPY_COUNT = 2  # what COPIES says, for the printer
NOTE = ("复核范围为复核时学籍在本校的全部学生（在校、休学、疑似辍学、辍学、借读（外出）、失踪）。"
        "“信息不全”指学生基本信息表的必填项或家庭成员信息缺失；“临时学籍号”指身份尚未经公安户籍核验、"
        "未取得正式学籍号；“缺证明材料”指申请按规定应有的证明材料未留存扫描件。")


def _cn_date(d: dt.date) -> str:
    return f"{d.year}年{d.month}月{d.day}日"


def build_term_review_form(c: Checklist, school_name: str, school_code: str, printed_on: dt.date) -> Form:
    counts = c.counts()
    term = c.term
    summary = Grid(
        rows=[
            [Label("在籍学生"), Value(f"{c.pupils} 人"), Label("存在问题的学生"), Value(f"{c.pupils_with_problems} 人")],
            [Label(KIND_LABELS["missing_fields"]), Value(f"{counts['missing_fields']} 人"),
             Label(KIND_LABELS["temporary_number"]), Value(f"{counts['temporary_number']} 人")],
            [Label(KIND_LABELS["open_case"]), Value(f"{counts['open_case']} 件"),
             Label(KIND_LABELS["missing_evidence"]), Value(f"{counts['missing_evidence']} 件")],
        ],
        widths=[110, 150, 110, 150], min_row_height=24.0,
    )
    blocks = []
    if c.rule is not None:
        blocks.append(Paragraph(f"依据：{c.rule.article}“{c.rule.quote}”。本表为{term.label}对全校在籍学生学籍信息"
                                "逐人复核的结果。", first_line_indent=2))
    blocks.append(summary)
    if c.problems:
        order = {k: i for i, k in enumerate(KINDS)}
        rows = [[str(n), p.label, p.class_name, p.name, p.student_number, p.text]
                for n, p in enumerate(sorted(c.problems, key=lambda p: (order[p.kind], p.class_name,
                                                                        p.student_number)), start=1)]
        blocks.append(Paragraph("问题清单", bold=True))
        blocks.append(Table([Column("序号", 0.45), Column("类别", 0.95), Column("班级", 1.05), Column("姓名", 0.8),
                             Column("学籍号", 1.75), Column("问题及处理", 4.0, align="left")],
                            rows, font_size=SMALL_SIZE))
    else:
        blocks.append(Paragraph(NONE_FOUND, first_line_indent=2))
    blocks.append(Grid(rows=[[Label("复核意见"), Value("")]], widths=[110, 410], min_row_height=52.0))
    blocks.append(SignatureRow([SignatureBox("学籍管理员（签字）："), SignatureBox("校长（签字）："),
                                SignatureBox("学校（盖章）")], height=84.0, joined=True))
    return Form(
        title=TITLE,
        header_lines=[(f"学校：{school_name}", f"学校标识码：{school_code}"),
                      (f"学期：{term.label}（{term.start:%Y-%m-%d} 至 {term.end:%Y-%m-%d}）",
                       f"复核日期：{_cn_date(printed_on)}")],
        blocks=blocks,
        notes=[NOTE, COPIES],  # kept with the signatures, never alone on a last page
    )


def render_term_review(ws, path: str | os.PathLike | BinaryIO, today: dt.date | None = None) -> Path | int:
    """The school's 学籍每学期复核表 for the term under review, as a PDF at `path`."""
    today = today or ws.today()
    school = ws.school
    form = build_term_review_form(checklist(ws, today), school.name, school.code, today)
    if not isinstance(path, (str, os.PathLike)):
        return render(form, path)
    with access_log.logged(ws, Action.PRINT, form.title, target=path):  # 查询登记
        render(form, path)
    return Path(path)
