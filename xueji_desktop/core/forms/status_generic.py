"""The national profile's status forms (inherited by 黑龙江, 安阳北关 and, for what their own texts
leave out, by the other regions): the national texts name no layout, so these follow the
学生转学申请表 (``transfer_designed``): the pupil, the guardians, the facts of the change, the
reason signed by the parent, then one box per party with 核办人, 盖章 and the date.

- ``学生休学申请表``: 休学 or 延长休学 (ticked), 休学起止, papers; school, then bureau.
- ``学生复学申请表``: the 休学起止 it ends, the grade to return to, papers; school, then bureau.
- ``学生出国（出境）申请表``: destination, papers; school and bureau (黑龙江 第二十八条 has both);
  回国（入境）复学: date and grade filled in on return.
- ``学生学籍关键信息变更申请表``: each item with its old and new content, the 户籍 papers; school, bureau.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date

from xueji_desktop.core.forms.blocks import DATE_LINE
from xueji_desktop.core.forms.builders import display
from xueji_desktop.core.forms.model import Cell, Form, Grid, Label, Value
from xueji_desktop.core.forms.status_layout import (
    BUREAU, EXTEND, PARENT_SIGNS, RETURN, SCHOOL, SUSPEND, category, guardians_block, half, normalise,
    proofs, reason_row, ticks,
)
from xueji_desktop.core.forms.transfer_designed import GENERIC_COLS, PUPIL_ROWS
from xueji_desktop.core.forms.transfer_layout import case_header, field_row, opinion_text, value

OPINIONS = (("学校意见", SCHOOL), ("主管教育\n行政部门\n意见", BUREAU))
REASON_LINES = 5
OPINION_LINES = 9
MIN_CHANGE_ROWS = 4
MAX_CHANGE_ROWS = 8
CHANGE_HEADERS = ("项目", "原内容", "变更后内容")


def _pupil_rows(case: Mapping[str, object], school: Mapping[str, object]) -> list[list[Cell]]:
    c = GENERIC_COLS
    facts = {**case, "就读学校": value(school, "学校名称")}
    return [
        field_row(PUPIL_ROWS[0], facts, c),
        field_row(PUPIL_ROWS[1], facts, c),
        field_row((("就读学校", "就读学校"), ("年级", "年级"), ("班级", "班级")), facts, c),
        [Label("家庭住址"), Value(value(case, "家庭住址"), colspan=3), Label("联系电话"),
         Value(value(case, "联系电话"))],
        *guardians_block(case, (1, 1, 2, 1)),
    ]


def _papers_row(case: Mapping[str, object]) -> list[Cell]:
    papers = [p for p in proofs(case) if "申请表" not in p and not p.endswith("申请")]
    return [Label("证明材料"), Value("、".join(papers), colspan=5, min_height=30.0)]


def _form(title: str, case: Mapping[str, object], printed_on: date, rows: list, notes: tuple,
          opinions_case: Mapping[str, object] | None = None) -> Form:
    c = GENERIC_COLS
    decided = case if opinions_case is None else opinions_case
    for label, step in OPINIONS:
        rows.append([Label(label), Value(opinion_text(decided, step, "核办人：", "盖章：", c, 1, 5,
                                                      OPINION_LINES), colspan=5)])
    return Form(title=title, header_lines=case_header(case, printed_on),
                blocks=[Grid(rows, widths=list(c.widths), font_size=c.font_size, min_row_height=24.0)],
                notes=list(notes), fit_one_page=True)


def _reason(case: Mapping[str, object], label: str) -> list[Cell]:
    return reason_row(label, value(case, "申请理由"), [PARENT_SIGNS, value(case, "申请日期") or DATE_LINE],
                      GENERIC_COLS, REASON_LINES)


# ───────────────────────────── 学生休学申请表 ─────────────────────────────
SUSPENSION_TITLE = "学生休学申请表"
SUSPENSION_NOTES = (
    "本表由学生父母或其他法定监护人填写，并附相关证明材料（因病休学的，附县级以上医疗机构的诊断证明等）。",
    "学校审核同意后报主管教育行政部门核准，在全国中小学生学籍信息管理系统中办理；休学期间学校为学生保留学籍。",
)


def build_generic_suspension(case: Mapping[str, object], school: Mapping[str, object],
                             printed_on: date) -> Form:
    case = normalise(case)
    chosen = [category(case, SUSPEND)] if case.get("申请类别") else []
    rows = [
        *_pupil_rows(case, school),
        [Label("申请类别"), Value(ticks((SUSPEND, EXTEND), chosen, exact=True)), Label("休学起止"),
         Value(value(case, "休学起止"), colspan=3)],
        _papers_row(case),
        _reason(case, "申请休学\n理由"),
    ]
    return _form(SUSPENSION_TITLE, case, printed_on, rows, SUSPENSION_NOTES)


# ───────────────────────────── 学生复学申请表 ─────────────────────────────
RESUMPTION_TITLE = "学生复学申请表"
RESUMPTION_NOTES = (
    "休学期满或提前复学的，由学生父母或其他法定监护人填写本表申请复学；因病休学的，附县级以上医院出具的康复证明。",
    "学校审核同意后报主管教育行政部门核准，在全国中小学生学籍信息管理系统中办理复学。",
)


def build_generic_resumption(case: Mapping[str, object], school: Mapping[str, object],
                             printed_on: date) -> Form:
    case = normalise(case)
    rows = [
        *_pupil_rows(case, school),
        [Label("休学起止"), Value(value(case, "休学起止"), colspan=3), Label("复学年级"),
         Value(value(case, "复学年级"))],
        _papers_row(case),
        _reason(case, "申请复学\n理由"),
    ]
    return _form(RESUMPTION_TITLE, case, printed_on, rows, RESUMPTION_NOTES)


# ───────────────────────────── 学生出国（出境）申请表 ─────────────────────────────
ABROAD_TITLE = "学生出国（出境）申请表"
ABROAD_NOTES = (
    "本表由学生父母或其他法定监护人填写，凭学生有效证件向就读学校申请，学校在全国中小学生学籍信息管理系统中办理。",
    "学生回国（入境）后仍接受基础教育的，接续原学籍档案；复学时间、复学年级在回国（入境）复学时填写。",
)


def build_generic_abroad(case: Mapping[str, object], school: Mapping[str, object],
                         printed_on: date) -> Form:
    case = normalise(case)
    leaving = half(case, category(case, "") != RETURN)
    rows = [
        *_pupil_rows(case, school),
        [Label("前往国家\n（地区）"), Value(value(case, "前往国家（地区）"), colspan=5)],
        _papers_row(leaving),
        _reason(leaving, "申请理由"),
    ]
    form = _form(ABROAD_TITLE, case, printed_on, rows, ABROAD_NOTES, opinions_case=leaving)
    form.blocks[0].rows.append([Label("回国（入境）\n复学时间"), Value(value(case, "复学时间"), colspan=3),
                                Label("复学年级"), Value(value(case, "复学年级"))])
    return form


# ───────────────────────────── 学生学籍关键信息变更申请表 ─────────────────────────────
KEY_CHANGE_TITLE = "学生学籍关键信息变更申请表"
KEY_CHANGE_PROOFS = ("《居民户口簿》", "居民身份证", "公安部门出具的户籍证明")
KEY_CHANGE_NOTES = (
    "学籍关键信息（姓名、性别、出生日期、身份证件号等）的变更，须凭《居民户口簿》、居民身份证或公安部门出具的"
    "有效证明办理，并附复印件。",
    "学校核实后在全国中小学生学籍信息管理系统中提出变更，经主管教育行政部门审核同意后生效；证明材料复印件由学校存档。",
)


def _change_rows(case: Mapping[str, object]) -> list[list[Cell]]:
    items = [i for i in (case.get("变更事项") or []) if isinstance(i, Mapping)]  # type: ignore[union-attr]
    if len(items) > MAX_CHANGE_ROWS:
        raise ValueError(f"一份申请表最多填写{MAX_CHANGE_ROWS}项变更，收到{len(items)}项")
    items += [{}] * (MIN_CHANGE_ROWS - len(items))
    rows = [[Label("变更事项", rowspan=len(items) + 1), Label(CHANGE_HEADERS[0]),
             Label(CHANGE_HEADERS[1], colspan=2), Label(CHANGE_HEADERS[2], colspan=2)]]
    for item in items:
        rows.append([Value(display(item.get("项目")), align="center"),
                     Value(display(item.get("原内容")), colspan=2),
                     Value(display(item.get("变更后内容")), colspan=2)])
    return rows


def build_generic_key_change(case: Mapping[str, object], school: Mapping[str, object],
                             printed_on: date) -> Form:
    case = normalise(case)
    papers = [p for p in proofs(case) if "申请表" not in p]
    rows = [
        *_pupil_rows(case, school),
        *_change_rows(case),
        [Label("证明材料"), Value(ticks(KEY_CHANGE_PROOFS, papers, "其他："), colspan=5)],
        _reason(case, "申请变更\n理由"),
    ]
    return _form(KEY_CHANGE_TITLE, case, printed_on, rows, KEY_CHANGE_NOTES)
