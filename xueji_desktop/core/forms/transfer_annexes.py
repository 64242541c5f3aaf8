"""The two transfer forms whose layout a seed annexes: every label and box as the annex has it.

- 营口 附件1 营口市义务教育阶段学生转学联系表 (《营口市规定》四(一)3): the parent fills it in at the
  receiving school's bureau; the receiving school and its bureau sign and stamp it (the sending
  side 核办 in the 学籍系统 only, so the annex has no box for it); 1式2份.
- 凉山 附表1 义务教育阶段学生转学申请登记表 (《凉山州规定》二(一)1): the receiving school uploads it
  as the transfer's evidence; only the 拟转入学校 signs and stamps it.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date

from xueji_desktop.core.forms.blocks import DATE_LINE
from xueji_desktop.core.forms.model import BODY_SIZE, Form, Grid, Label, Value
from xueji_desktop.core.forms.transfer_layout import (
    IN_BUREAU, IN_SCHOOL, Columns, box_text, case_header, explanations, field_row, guardian_rows,
    opinion_text, value,
)

# ───────────────────────────── 营口 附件1 ─────────────────────────────
YK_TITLE = "营口市义务教育阶段学生转学联系表"
YK_NOTES = (
    "本表适用于外省学生转入本省及省内学生转学申请。",
    "本表1式2份，由转入学校和教育局分别留存。",
)
YK_COLS = Columns((78, 100, 58, 95, 58, 126), BODY_SIZE)
YK_REASON_LINES = 8
YK_OPINION_LINES = 12  # ≈ 56 mm: room for the 42 mm round seal to sit over the signature line


def build_yingkou_contact(case: Mapping[str, object], school: Mapping[str, object],
                          printed_on: date) -> Form:
    c = YK_COLS
    reason = box_text(value(case, "转学原因"),
                      ["学生家长（监护人）签名：", value(case, "申请日期") or DATE_LINE],
                      c, 1, 5, YK_REASON_LINES, weights=(1,))
    rows = [
        field_row([("学生姓名", "学生姓名"), ("性别", "性别"), ("学籍号", "学籍号")], case, c),
        field_row([("现家庭住址", "现家庭住址")], case, c),
        field_row([("户籍所在地", "户籍所在地")], case, c),
        field_row([("现就读学校", "现就读学校"), ("现读年级", "现读年级"),
                   ("联系电话", "转出学校联系电话")], case, c),
        field_row([("拟转入学校", "拟转入学校"), ("拟读年级", "拟读年级"),
                   ("联系电话", "转入学校联系电话")], case, c),
        *guardian_rows("父母或其他\n法定监护人\n情况", case.get("监护人"), (1, 1, 2, 1)),
        [Label("申请转学理由"), Value(reason, colspan=5)],
        [Label("转入学校意见"),
         Value(opinion_text(case, IN_SCHOOL, "核办人：", "盖章：", c, 1, 5, YK_OPINION_LINES),
               colspan=5)],
        [Label("转入学校主管\n教育行政部门\n意见"),
         Value(opinion_text(case, IN_BUREAU, "核办人：", "盖章：", c, 1, 5, YK_OPINION_LINES),
               colspan=5)],
    ]
    return Form(
        title=YK_TITLE,
        header_lines=case_header(case, printed_on),
        blocks=[Grid(rows, widths=list(c.widths), font_size=c.font_size, min_row_height=24.0),
                *explanations(YK_NOTES)],
        fit_one_page=True,
    )


# ───────────────────────────── 凉山 附表1 ─────────────────────────────
LS_TITLE = "义务教育阶段学生转学申请登记表"
LS_NOTES = (
    "本申请表可作为转学联系信息和转学电子证明材料使用。",
    "全国学籍系统使用本申请表作为转学电子证明材料时，只需拟转入学校签署意见和盖章。",
    "用于其他用途时，由当地教育主管部门确定需要签署意见和盖章的各方单位。",
)
LS_COLS = Columns((80, 118, 82, 140, 95), BODY_SIZE)
LS_PHOTO_HEIGHT = 112.0  # a 1-inch photo (25 × 35 mm) with a margin
LS_REASON_LINES = 8
LS_OPINION_LINES = 12


def build_liangshan_application(case: Mapping[str, object], school: Mapping[str, object],
                                printed_on: date) -> Form:
    c = LS_COLS

    def pair(label: str, key: str) -> list:
        return [Label(label), Value(value(case, key))]

    reason = box_text(value(case, "转学原因"),
                      ["家长或监护人签名：", value(case, "申请日期") or DATE_LINE],
                      c, 1, 4, LS_REASON_LINES, weights=(1,))
    rows = [
        [*pair("姓名", "学生姓名"), *pair("性别", "性别"),
         Label("照片", rowspan=3, min_height=LS_PHOTO_HEIGHT)],
        [*pair("出生日期", "出生日期"), *pair("民族", "民族")],
        [*pair("学籍号", "学籍号"), *pair("居民身份证号", "身份证件号")],
        field_row([("户籍所在地", "户籍所在地")], case, c),
        field_row([("家庭地址", "现家庭住址")], case, c),
        *guardian_rows("父母或监护人\n情况", case.get("监护人"), (1, 1, 1, 1)),
        field_row([("原就读学校\n名称", "现就读学校"), ("原就读学校\n联系电话", "转出学校联系电话")],
                  case, c),
        [Label("申请转学理由"), Value(reason, colspan=4)],
        [Label("拟转入学校\n意见"),
         Value(opinion_text(case, IN_SCHOOL, "", "学校（章）", c, 1, 4, LS_OPINION_LINES),
               colspan=4)],
    ]
    return Form(
        title=LS_TITLE,
        header_lines=case_header(case, printed_on),
        blocks=[Grid(rows, widths=list(c.widths), font_size=c.font_size, min_row_height=26.0),
                *explanations(LS_NOTES)],
        fit_one_page=True,
    )
