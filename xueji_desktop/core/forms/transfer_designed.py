"""Transfer application forms the texts name without giving a layout, in the style of 营口 附件1
(one ruled table: the pupil, both schools, the guardians, the reason signed by the parent, then
one opinion box per approving party with 核办人, 盖章 and the date).

- 学生转学申请表 (national profile, inherited by 黑龙江): 《中小学生学籍管理办法》第十四条 and
  《黑龙江省实施细则》第二十四条（五）: the receiving school starts, then its bureau, the sending
  school and the sending school's bureau 核准 in turn: four opinion boxes in that order.
- 山西省中小学生转学申请表 (长治 附件8): 《长治市实施细则》第十八条: proof of the move attached,
  both schools' heads sign, both 学籍主管部门 approve, and a senior-high transfer needs the city
  bureau's approval; the sending and receiving sides sit side by side.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date

from xueji_desktop.core.forms.blocks import DATE_LINE
from xueji_desktop.core.forms.model import BODY_SIZE, Form, Grid, Label, Value
from xueji_desktop.core.forms.transfer_layout import (
    CITY_BUREAU, IN_BUREAU, IN_SCHOOL, OUT_BUREAU, OUT_SCHOOL, Columns, box_text, case_header,
    field_row, guardian_rows, opinion_text, value,
)

PUPIL_ROWS = (  # (label, case key) pairs, one row each; shared by both layouts
    (("学生姓名", "学生姓名"), ("性别", "性别"), ("出生日期", "出生日期")),
    (("身份证件号", "身份证件号"), ("民族", "民族"), ("学籍号", "学籍号")),
    (("现家庭住址", "现家庭住址"),),
    (("户籍所在地", "户籍所在地"),),
    (("现就读学校", "现就读学校"), ("现读年级", "现读年级"), ("联系电话", "转出学校联系电话")),
    (("拟转入学校", "拟转入学校"), ("拟读年级", "拟读年级"), ("联系电话", "转入学校联系电话")),
)
GUARDIANS_TITLE = "父母或其他\n法定监护人\n情况"
PARENT_SIGNS = "学生家长（监护人）签名："


def _pupil_rows(case: Mapping[str, object], c: Columns) -> list:
    rows = [field_row(pairs, case, c) for pairs in PUPIL_ROWS]
    return [*rows, *guardian_rows(GUARDIANS_TITLE, case.get("监护人"), (1, 1, 2, 1))]


def _reason_row(case: Mapping[str, object], c: Columns, lines: int) -> list:
    text = box_text(value(case, "转学原因"), [PARENT_SIGNS, value(case, "申请日期") or DATE_LINE],
                    c, 1, c.n - 1, lines, weights=(1,))
    return [Label("申请转学理由"), Value(text, colspan=c.n - 1)]


# ───────────────────────────── 学生转学申请表 ─────────────────────────────
GENERIC_TITLE = "学生转学申请表"
GENERIC_COLS = Columns((78, 104, 58, 98, 55, 122), BODY_SIZE)
GENERIC_OPINIONS = (  # the order the parties 核准 in
    ("转入学校意见", IN_SCHOOL),
    ("转入学校主管\n教育行政部门\n意见", IN_BUREAU),
    ("转出学校意见", OUT_SCHOOL),
    ("转出学校主管\n教育行政部门\n意见", OUT_BUREAU),
)
GENERIC_NOTES = (
    "本表由学生父母或其他法定监护人填写，持相关证明材料向转入学校提出转学申请。",
    "转入学校通过电子学籍系统上传本表扫描件或照片，发起转学申请；转入学校主管教育行政部门、"
    "转出学校、转出学校主管教育行政部门依次核办，并分别在本表相应栏内签署意见、盖章。",
)
GENERIC_REASON_LINES = 5
GENERIC_OPINION_LINES = 7


def build_generic_application(case: Mapping[str, object], school: Mapping[str, object],
                              printed_on: date) -> Form:
    c = GENERIC_COLS
    rows = [*_pupil_rows(case, c), _reason_row(case, c, GENERIC_REASON_LINES)]
    for label, step in GENERIC_OPINIONS:
        text = opinion_text(case, step, "核办人：", "盖章：", c, 1, 5, GENERIC_OPINION_LINES)
        rows.append([Label(label), Value(text, colspan=5)])
    return Form(
        title=GENERIC_TITLE,
        header_lines=case_header(case, printed_on),
        blocks=[Grid(rows, widths=list(c.widths), font_size=c.font_size, min_row_height=21.0)],
        notes=list(GENERIC_NOTES),
        fit_one_page=True,
    )


# ───────────────────────────── 长治 附件8 ─────────────────────────────
CZ_TITLE = "山西省中小学生转学申请表"
CZ_COLS = Columns((78, 110, 60, 80, 60, 127), BODY_SIZE)
CZ_PROOF_LABEL = "转学相关\n证明材料"
CZ_PROOFS = "□户籍迁移证明　□家长工作调动证明　□省级学业水平考试证明　□其他："
CZ_PAIRS = (  # (sending side, receiving side): label, step, signer caption, stamp caption
    (("转出学校意见", OUT_SCHOOL, "学校负责人签字：", "学校（盖章）"),
     ("转入学校意见", IN_SCHOOL, "学校负责人签字：", "学校（盖章）")),
    (("转出学校学籍\n主管部门意见", OUT_BUREAU, "审批人：", "（盖章）"),
     ("转入学校学籍\n主管部门意见", IN_BUREAU, "审批人：", "（盖章）")),
)
CZ_CITY = ("市教育行政\n部门意见\n（普通高中\n转学填写）", CITY_BUREAU, "审批人：", "盖章：")
CZ_NOTES = (
    "办理转学须提供本表及转学相关证明材料（包括户籍迁移证明、家长工作调动证明等）；"
    "已在当地参加普通高中学业水平考试的，还须提供省级学业水平考试证明。",
    "本表经双方学校负责人审签并经双方学籍主管部门审批后生效；高中学校的转学必须由市教育行政部门审批后生效。",
    "转学执行同级互转的原则，不得变更就读年级。",
)
CZ_REASON_LINES = 5
CZ_PAIR_LINES = 8
CZ_CITY_LINES = 5


def build_changzhi_application(case: Mapping[str, object], school: Mapping[str, object],
                               printed_on: date) -> Form:
    c = CZ_COLS
    rows = [*_pupil_rows(case, c),
            [Label(CZ_PROOF_LABEL), Value(CZ_PROOFS, colspan=5)],
            _reason_row(case, c, CZ_REASON_LINES)]
    for pair in CZ_PAIRS:
        row = []
        for first, (label, step, signer, stamp) in zip((1, 4), pair):
            text = opinion_text(case, step, signer, stamp, c, first, 2, CZ_PAIR_LINES, two_lines=True)
            row += [Label(label), Value(text, colspan=2)]
        rows.append(row)
    label, step, signer, stamp = CZ_CITY
    rows.append([Label(label), Value(opinion_text(case, step, signer, stamp, c, 1, 5, CZ_CITY_LINES),
                                     colspan=5)])
    return Form(
        title=CZ_TITLE,
        header_lines=case_header(case, printed_on),
        blocks=[Grid(rows, widths=list(c.widths), font_size=c.font_size, min_row_height=24.0)],
        notes=list(CZ_NOTES),
        fit_one_page=True,
    )
