"""The status forms whose layout a seed annexes: every label and box as the annex has it.

- 营口 附件2 营口市义务教育阶段学生休学复学申请表 (《营口市规定》四(二)2、4): one sheet for both
  halves: the 休学 reason signed by parent and pupil, the school's (校长签名, 盖章) and the 学籍管理部门's
  opinions side by side, then the same for 复学; 休学时间, 复学时间, 新编入班级; 备注: 1式3份.
- 营口 附件3 营口市义务教育阶段学生出国（出境）申请表 (四(三)4): reason, then 班主任, 学校 and
  主管教育行政部门 opinions; 复学时间 and 复学编入班级 are filled in on the pupil's return.
- 凉山 附表2 义务教育阶段学生休（复）学申请表 (《凉山州规定》二(二)1、2): the pupil with a photo box,
  the guardians, then 休学 and 复学 side by side: reason signed by the guardian, 学校（章）, 教育局（章）.
  (The annex prints “监护人签名” in the 复学 column of the 学校意见 row, a slip for the school's
  stamp: that box is laid out like its 休学 neighbour.)

A 休学 or 延长休学 case fills the 休学 half, a 复学 case the 复学 half; the other half stays blank.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date

from xueji_desktop.core.forms.blocks import DATE_LINE
from xueji_desktop.core.forms.model import BODY_SIZE, SMALL_SIZE, Form, Grid, Label, Paragraph, Value
from xueji_desktop.core.forms.status_layout import (
    BUREAU, CLASS_TEACHER, EXTEND, RESUME, RETURN, SCHOOL, SUSPEND, category, contact_phone,
    grade_class, guardian_names, guardians_block, half, normalise, reason_body,
)
from xueji_desktop.core.forms.text import wrap
from xueji_desktop.core.forms.transfer_layout import (
    Columns, box_text, case_header, explanations, opinion_text, value,
)

# ───────────────────────────── 营口 附件2、附件3 ─────────────────────────────
YK_SR_TITLE = "营口市义务教育阶段学生休学复学申请表"
YK_ABROAD_TITLE = "营口市义务教育阶段学生出国（出境）申请表"
YK_SR_REMARK = "本表由学生监护人负责填写，学校审核上报。\n本表一式三份，学生、学校、学籍管理部门各一份。"
YK_ABROAD_NOTE = "说明：本表由学生父母或其他法定监护人填写，须附相关证明材料，学校同意后在全国学籍系统中办理。"
# label | value | label | value value | label | value: the opinion rows split after the 4th
YK_COLS = Columns((72, 118, 64, 64, 68, 60, 69), BODY_SIZE)
YK_REASON_LINES = 7
YK_OPINION_LINES = 11  # ≈ 50 mm: room for a 42 mm round seal
YK_ABROAD_OPINION_LINES = 10


def _yk_pupil_rows(case: Mapping[str, object], school: Mapping[str, object]) -> list:
    return [
        [Label("学校"), Value(value(school, "学校名称")), Label("姓名"),
         Value(value(case, "学生姓名"), colspan=2), Label("性别"), Value(value(case, "性别"))],
        [Label("年级班级"), Value(grade_class(case)), Label("出生日期"),
         Value(value(case, "出生日期"), colspan=4)],
        [Label("全国学籍号"), Value(value(case, "学籍号")), Label("身份证号"),
         Value(value(case, "身份证件号"), colspan=4)],
        [Label("监护人姓名"), Value(guardian_names(case)), Label("联系电话"),
         Value(contact_phone(case), colspan=4)],
    ]


def _yk_half(label: str, part: Mapping[str, object], lead: str = "") -> list:
    c = YK_COLS
    reason = box_text(reason_body(part, lead), ["家长签名：", "学生签名：", value(part, "申请日期") or DATE_LINE],
                      c, 1, 6, YK_REASON_LINES, weights=(1, 1))
    school = opinion_text(part, SCHOOL, "校长签名：", "（盖章）", c, 1, 2, YK_OPINION_LINES, two_lines=True)
    bureau = opinion_text(part, BUREAU, "签　名：", "（盖章）", c, 4, 3, YK_OPINION_LINES, two_lines=True)
    return [
        [Label(label), Value(reason, colspan=6)],
        [Label("学校意见"), Value(school, colspan=2), Label("学籍管理\n部门意见"), Value(bureau, colspan=3)],
    ]


def build_yingkou_suspension(case: Mapping[str, object], school: Mapping[str, object],
                             printed_on: date) -> Form:
    case = normalise(case)
    kind = category(case, SUSPEND)
    resuming = kind == RESUME
    rows = [
        *_yk_pupil_rows(case, school),
        *_yk_half("申请休学理由", half(case, not resuming), "申请延长休学：" if kind == EXTEND else ""),
        *_yk_half("申请复学理由", half(case, resuming)),
        [Label("休学时间"), Value(value(case, "休学起止")), Label("复学时间"),
         Value(value(case, "复学时间"), colspan=2), Label("新编入班级"),
         Value(grade_class(case, "复学年级", "复学班级"))],
        [Label("备注"), Value(YK_SR_REMARK, colspan=6)],
    ]
    return Form(
        title=YK_SR_TITLE,
        header_lines=case_header(case, printed_on),
        blocks=[Grid(rows, widths=list(YK_COLS.widths), font_size=YK_COLS.font_size, min_row_height=24.0)],
        fit_one_page=True,
    )


def build_yingkou_abroad(case: Mapping[str, object], school: Mapping[str, object],
                         printed_on: date) -> Form:
    c = YK_COLS
    case = normalise(case)
    leaving = half(case, category(case, "") != RETURN)  # on return the departure boxes stay as signed
    destination = value(case, "前往国家（地区）")
    body = "\n".join(p for p in (f"前往国家（地区）：{destination}" if destination else "",
                                 reason_body(leaving)) if p)
    reason = box_text(body, ["家长签名：", "学生姓名：", value(leaving, "申请日期") or DATE_LINE],
                      c, 1, 6, YK_REASON_LINES, weights=(1, 1))
    rows = [
        *_yk_pupil_rows(case, school),
        [Label("申请理由"), Value(reason, colspan=6)],
        [Label("班主任意见"),
         Value(opinion_text(leaving, CLASS_TEACHER, "签名：", None, c, 1, 6, 4), colspan=6)],
        [Label("学校意见"),
         Value(opinion_text(leaving, SCHOOL, "核办人：", "盖章：", c, 1, 6, YK_ABROAD_OPINION_LINES),
               colspan=6)],
        [Label("主管教育\n行政部门\n意见"),
         Value(opinion_text(leaving, BUREAU, "核办人：", "盖章：", c, 1, 6, YK_ABROAD_OPINION_LINES),
               colspan=6)],
        [Label("复学时间"), Value(value(case, "复学时间")), Label("复学\n编入班级"),
         Value(grade_class(case, "复学年级", "复学班级"), colspan=4)],
        [Label("备注"), Value(value(case, "备注"), colspan=6, min_height=36.0)],
    ]
    return Form(
        title=YK_ABROAD_TITLE,
        header_lines=case_header(case, printed_on),
        blocks=[Grid(rows, widths=list(c.widths), font_size=c.font_size, min_row_height=24.0),
                Paragraph(YK_ABROAD_NOTE, font_size=SMALL_SIZE + 0.5)],
        fit_one_page=True,
    )


# ───────────────────────────── 凉山 附表2 ─────────────────────────────
LS_SR_TITLE = "义务教育阶段学生休（复）学申请表"
LS_SR_NOTES = (
    "本申请表可作为休学信息和休学电子证明材料使用。",
    "使用本申请表时，家长还需同时向学校提交学生的休（复）学的相关证明，学校签署意见和盖章后，"
    "主管教育局审核所上交的材料并签署意见并盖章，由学校存档。",
    "休（复）学时间请严格按《管理细则》的规定时限执行。",
)
LS_COLS = Columns((84, 110, 100, 120, 101), BODY_SIZE)  # 休学 in columns 1–2, 复学 in 3–4
LS_PHOTO_HEIGHT = 112.0  # a 1-inch photo (25 × 35 mm) with a margin
LS_REASON_LINES = 7
LS_OPINION_LINES = 9
LS_REASON_LABEL = "申请休（复）学\n理由\n【休（复）学\n证明材料附后】"


def build_liangshan_suspension(case: Mapping[str, object], school: Mapping[str, object],
                               printed_on: date) -> Form:
    c = LS_COLS
    case = normalise(case)
    kind = category(case, SUSPEND)
    halves = ((1, half(case, kind != RESUME)), (3, half(case, kind == RESUME)))

    def pair(label: str, key: str) -> list:
        return [Label(label), Value(value(case, key))]

    def boxes(make) -> list:
        return [Value(make(part, first), colspan=2) for first, part in halves]

    bodies = {first: reason_body(part, "申请延长休学：" if kind == EXTEND and first == 1 else "")
              for first, part in halves}
    # both halves as tall as the longer one, so each signature line sits at the foot of its box
    lines = max(LS_REASON_LINES, *(len(wrap(bodies[first], c.font_size, c.inner(first, 2))) + 1
                                   for first, _ in halves))
    reasons = boxes(lambda part, first: box_text(
        bodies[first], ["监护人签名：", value(part, "申请日期") or DATE_LINE], c, first, 2, lines, weights=(1,)))
    rows = [
        [*pair("姓名", "学生姓名"), *pair("性别", "性别"),
         Label("照片", rowspan=3, min_height=LS_PHOTO_HEIGHT)],
        [*pair("出生日期", "出生日期"), *pair("民族", "民族")],
        [*pair("学籍号", "学籍号"), *pair("居民身份证号", "身份证件号")],
        [Label("户籍所在地"), Value(value(case, "户籍所在地"), colspan=4)],
        [Label("家庭地址"), Value(value(case, "家庭住址"), colspan=4)],
        *guardians_block(case, (1, 1, 1, 1), "监护人情况"),
        [Label("休学年级班级"), Value(grade_class(case)), Label("拟休学时间"),
         Value(value(case, "休学起止"), colspan=2)],
        [Label("复学年级班级"), Value(grade_class(case, "复学年级", "复学班级")), Label("复学时间"),
         Value(value(case, "复学时间"), colspan=2)],
        [Label(LS_REASON_LABEL, rowspan=2), Label("休学", colspan=2), Label("复学", colspan=2)],
        reasons,
        [Label("学校意见"), *boxes(lambda part, first: opinion_text(
            part, SCHOOL, "", "学校（章）：", c, first, 2, LS_OPINION_LINES))],
        [Label("主管教育局\n意见"), *boxes(lambda part, first: opinion_text(
            part, BUREAU, "", "教育局（章）", c, first, 2, LS_OPINION_LINES))],
    ]
    return Form(
        title=LS_SR_TITLE,
        header_lines=case_header(case, printed_on),
        blocks=[Grid(rows, widths=list(c.widths), font_size=c.font_size, min_row_height=26.0),
                *explanations(LS_SR_NOTES)],
        fit_one_page=True,
    )
