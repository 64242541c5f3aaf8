"""辍学学生情况报告: the school's written report of its 疑似辍学 and 辍学 pupils to the township government
and the county education bureau (the region's ``dropout.report_to``), for one pupil or all of them.

Each pupil: the record (class, 学籍号, birth, guardian, address), the status and since when, the run of
无故缺席, the ground and its article, every contact attempt, the measures taken; then the school head's
signature, the stamp and the date.
"""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path
from typing import BinaryIO

from ..accounts import access_log
from ..accounts.access_log import Action, PurposeSource
from ..casework.cases import party_label
from ..dropout_control.dropout_cases import DropoutRecord, current_dropouts
from ..dropout_control.dropout_rules import OUTCOMES, REPORT_LABELS
from ..pupils.fields import STUDENT
from ..pupils.records import display
from .engine import render
from .model import SMALL_SIZE, Column, Form, Grid, Label, Paragraph, SignatureBox, SignatureRow, Table, Value

TITLE = "辍学学生情况报告"
ADDRESS = REPORT_LABELS
DEFAULT_TO = ("township_government", "bureau")
_CN_COUNT = {2: "两", 3: "三", 4: "四", 5: "五", 6: "六"}


def copies_note(to: list[str]) -> str:
    """本报告一式三份，报…各一份，学校存档一份 — one copy for each addressee and one kept by the school."""
    n = len(to) + 1
    return f"本报告一式{_CN_COUNT.get(n, str(n))}份，报{'、'.join(to)}各一份，学校存档一份。"


def addressees(profile) -> list[str]:
    """Whom the report goes to: the region's ``dropout.report_to`` (its text names them), else the default."""
    report_to = profile.rule("dropout.report_to")
    return [ADDRESS.get(x, party_label(x)) for x in (report_to.value if report_to.applies else DEFAULT_TO)]


def report_copies(profile) -> tuple[int, str]:
    """The copies to print and where that comes from: one for each addressee the region's text reports to
    (书面上报…, its article) and one the school keeps, as the report's own note says; the note alone when the
    region names no addressees."""
    report_to = profile.rule("dropout.report_to")
    source = report_to.article if report_to.applies and report_to.article else ""
    return len(addressees(profile)) + 1, f"{source}；本报告表注" if source else "本报告表注"


def _cn_date(d: dt.date) -> str:
    return f"{d.year}年{d.month}月{d.day}日"


def _guardian(student) -> str:
    out = []
    for g in sorted(student.guardians, key=lambda g: g.position_no):
        if (g.name or "").strip():
            relation = display(_guardian_field("relation"), g.relation) if _guardian_field("relation") else ""
            out.append(f"{g.name}（{relation}）{g.phone or ''}".strip())
    return "；".join(out) or "—"


def _guardian_field(key: str):
    from ..pupils.fields import GUARDIAN

    return GUARDIAN.get(key)


def _run_text(run: dict) -> str:
    if not run or not run.get("days"):
        return "—"
    if run.get("no_show"):
        return f"新生，{run.get('first')} 开学以来 {run.get('days')} 个上课日均未到校"
    return f"{run.get('first')} 起连续无故缺席 {run.get('days')} 个上课日（至 {run.get('last')}，只计上课日）"


def pupil_blocks(r: DropoutRecord, profile) -> list:
    s = r.student
    from ..casework.cases import CaseKind, data_of
    from ..dropout_control.dropout_rules import ground_of

    grounds = []
    for case in r.cases:
        data = data_of(case)
        g = ground_of(profile, CaseKind(case.kind), data.get("ground_id"))
        grounds.append(f"{data.get('effective_on', '')} 认定为{CaseKind(case.kind).label}"
                       + (f"：{g.label}（{g.article}）" if g else ""))
    info = Grid(rows=[
        [Label("姓名"), Value(s.name), Label("性别"), Value(display(STUDENT["sex"], s.sex)),
         Label("出生日期"), Value(display(STUDENT["birth_date"], s.birth_date))],
        [Label("学籍号"), Value(s.student_number, colspan=3), Label("班级"), Value(r.class_name)],
        [Label("学籍状态"), Value(r.status.label), Label("认定日期"), Value(r.since),
         Label("随迁子女"), Value("是" if s.migrant_child == "1" else "否")],
        [Label("监护人及电话"), Value(_guardian(s), colspan=5)],
        [Label("现住址"), Value(s.address or "—", colspan=5)],
        [Label("缺勤情况"), Value(_run_text(r.run), colspan=5)],
        [Label("认定情形及依据"), Value("；".join(grounds) or "—", colspan=5)],
    ], widths=[78, 100, 62, 100, 62, 118], min_row_height=22.0)
    rows = [[str(n), str(a.get("date", "")), str(a.get("person", "")), str(a.get("method", "")),
             OUTCOMES.get(a.get("outcome"), str(a.get("outcome", ""))), str(a.get("note") or "")]
            for n, a in enumerate(r.attempts, 1)] or [["", "（未记录）", "", "", "", ""]]
    attempts = Table([Column("次", 0.35), Column("日期", 1.0), Column("联系人", 1.2), Column("方式", 0.8),
                      Column("结果", 2.2, align="left"), Column("备注", 1.6, align="left")], rows,
                     font_size=SMALL_SIZE, joined=True)
    measures = "；".join(r.measures + [n for n in r.notes if n]) or "—"
    tail = Grid(rows=[[Label("采取的措施"), Value(measures)]], widths=[78, 442], min_row_height=40.0, joined=True)
    return [Paragraph(f"{s.name}（{r.class_name}，{r.status.label}）", bold=True),
            info, Paragraph("学校联系家长、动员返校记录", bold=True, boxed=True, align="center", joined=True),
            attempts, tail]


def build_dropout_report(records: list[DropoutRecord], profile, school_name: str, school_code: str,
                         printed_on: dt.date) -> Form:
    report_to = profile.rule("dropout.report_to")
    to = addressees(profile)
    counts = {label: sum(1 for r in records if r.status.label == label) for label in ("疑似辍学", "辍学")}
    basis = f"根据{report_to.article}“{report_to.quote}”的规定，" if report_to.applies and report_to.quote else ""
    blocks = [
        Paragraph("、".join(to) + "：", bold=True),
        Paragraph(f"{basis}现将本校义务教育阶段学生辍学情况报告如下：本次报告 {len(records)} 人，其中疑似辍学 "
                  f"{counts['疑似辍学']} 人、辍学 {counts['辍学']} 人。学校已逐一联系家长、动员返校，"
                  "在义务教育年限内为其保留学籍，并将继续协同当地乡镇人民政府（街道办事处）依法动员其返校就学。",
                  first_line_indent=2),
    ]
    if not records:
        blocks.append(Paragraph("本校目前没有疑似辍学或辍学的学生。", first_line_indent=2))
    for r in records:
        blocks += pupil_blocks(r, profile)
    blocks.append(SignatureRow([SignatureBox("学籍管理员（签字）："), SignatureBox("校长（签字）："),
                                SignatureBox("学校（盖章）")], height=96.0))
    return Form(
        title=TITLE,
        header_lines=[(f"报告学校：{school_name}", f"学校标识码：{school_code}"),
                      (f"报送：{'、'.join(to)}", f"报告日期：{_cn_date(printed_on)}")],
        blocks=blocks,
        copies_note=copies_note(to),
    )


def render_dropout_report(ws, path: str | os.PathLike | BinaryIO, student_number: str | None = None,
                          today: dt.date | None = None, purpose: PurposeSource = "") -> Path | int:
    """The report as a PDF at `path`: the pupil with the 学籍号, or every 疑似辍学 / 辍学 pupil (then, for
    more than one, a purpose is asked). Logged (查询登记) in the same transaction. Raises LookupError for an
    unknown 学籍号."""
    today = today or ws.today()
    records = current_dropouts(ws, student_number)
    if student_number and not records:
        raise LookupError(f"没有学籍号为 {student_number} 的学生")
    school = ws.school
    with access_log.logged(ws, Action.PRINT, "辍学学生情况报告", [r.student for r in records], purpose=purpose,
                           target=path if isinstance(path, (str, os.PathLike)) else ""):
        pages = render(build_dropout_report(records, ws.profile, school.name, school.code, today), path)
    return Path(path) if isinstance(path, (str, os.PathLike)) else pages
