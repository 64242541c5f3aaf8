"""The 长治 status forms (《长治市实施细则》第六条（四）: 附件7, 9, 10): the regulation names them
but prints no layout, so they are drawn in the style of its 转学申请表 (附件8, ``transfer_designed``):
the pupil, the guardians, tick boxes for the grounds and papers the articles list, the reason
signed at its foot, then the approving parties' boxes (负责人 or 审批人, 盖章, date).

- 附件7 山西省中小学生休学、复学申请表 (第二十三、二十四条): one sheet for both halves, as the
  article says the guardian fills in the same form to resume; school, then 学籍主管部门, each half.
- 附件9 山西省中小学生借读申请表 (第二十五至二十七条): the pupil's own school (which keeps the
  学籍 and gives the 原校证明), the host school, and the host school's bureau that approves.
- 附件10 山西省中小学生退学申请表 (第二十八至三十条): school, 乡镇（街道）人民政府 (第二十八条,
  compulsory education) and the county bureau (学籍主管部门, 第三十条); a 高中 pupil's sheet has the grounds of
  第二十九条 and 第三十一条 (自动退学), the county's box for 自动退学 and the city bureau's (普通高中的学籍主管部门,
  第三条、第三十条、第三十一条).
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date

from xueji_desktop.core.forms.blocks import DATE_LINE
from xueji_desktop.core.forms.model import Form, Grid, Label, Value
from xueji_desktop.core.forms.status_layout import (
    BORROW_STEP_NAMES, BUREAU, CITY, EXTEND, HOME_SCHOOL, HOST_BUREAU, HOST_SCHOOL, RESUME, SCHOOL, SUSPEND,
    TOWNSHIP, category, guardians_block, half, normalise, proofs, reason_row, ticks,
)
from xueji_desktop.core.forms.transfer_designed import CZ_COLS, PUPIL_ROWS
from xueji_desktop.core.forms.transfer_layout import case_header, field_row, opinion_text, value

SCHOOL_SIGNS = ("学校负责人签字：", "学校（盖章）")
BUREAU_SIGNS = ("审批人：", "（盖章）")
OPINION_LINES = 9
REASON_LINES = 5


def _pupil_rows(case: Mapping[str, object], school: Mapping[str, object]) -> list:
    c = CZ_COLS
    facts = {**case, "就读学校": value(school, "学校名称")}
    return [
        field_row(PUPIL_ROWS[0], facts, c),
        field_row(PUPIL_ROWS[1], facts, c),
        field_row((("就读学校", "就读学校"), ("年级", "年级"), ("班级", "班级")), facts, c),
        field_row((("家庭住址", "家庭住址"),), facts, c),
        *guardians_block(case, (1, 1, 2, 1)),
    ]


def _pair_row(case: Mapping[str, object], left: tuple, right: tuple) -> list:
    """Two opinion boxes side by side: (label, step, (signer, stamp)) each."""
    row = []
    for first, (label, step, (signer, stamp)) in zip((1, 4), (left, right)):
        row += [Label(label), Value(opinion_text(case, step, signer, stamp, CZ_COLS, first, 2,
                                                 OPINION_LINES, two_lines=True), colspan=2)]
    return row


def _wide_box(case: Mapping[str, object], label: str, step: str, lines: int = 8) -> list:
    return [Label(label), Value(opinion_text(case, step, BUREAU_SIGNS[0], "盖章：", CZ_COLS, 1, 5, lines),
                                colspan=5)]


def _papers(case: Mapping[str, object]) -> list[str]:
    """The papers attached, without the application itself (a profile may list the form)."""
    return [p for p in proofs(case) if "申请表" not in p and not p.endswith("申请")]


def _grid(rows: list) -> Grid:
    return Grid(rows, widths=list(CZ_COLS.widths), font_size=CZ_COLS.font_size, min_row_height=24.0)


def _high(case: Mapping[str, object]) -> bool:
    return str(value(case, "年级")).startswith("高")


# ───────────────────────────── 附件7 休学、复学 ─────────────────────────────
CZ_SR_TITLE = "山西省中小学生休学、复学申请表"
CZ_SR_PROOFS = ("县级以上医疗单位检查并出具的证明及相关材料", "县级以上公安或民政、劳动等有关部门的证明",
                "县级以上医院诊断证明或其他相关证明（延长休学）")
CZ_SR_NOTES = (
    "申请休学，由监护人提出书面申请，填写本表并提交证明材料：因伤病休学的，需经县级以上医疗单位检查并出具证明"
    "及相关材料；因不可抗拒原因休学的，需出具县级以上公安或民政、劳动等有关部门的证明。医院等出具的有关证明作为"
    "本表的附件保存备查。",
    "休学期限原则上为一年；休学期满仍不能复学的，由学生家长持县级以上医院诊断证明或其他相关证明申请延长休学期，"
    "经学校同意并报学籍主管部门核准，至多可休学两年。",
    "休学结束后，由监护人在本表“申请复学理由”栏填写并签名；复学时可根据本人要求回原年级就读，也可以到下一年级就读。",
)


def build_changzhi_suspension(case: Mapping[str, object], school: Mapping[str, object],
                              printed_on: date) -> Form:
    case = normalise(case)
    kind = category(case, SUSPEND)
    rows = [
        *_pupil_rows(case, school),
        [Label("申请类别"), Value(ticks((SUSPEND, EXTEND, RESUME), [kind] if case.get("申请类别") else [],
                                            exact=True),
                                  colspan=5)],
        [Label("证明材料"), Value(ticks(CZ_SR_PROOFS, _papers(case), "其他："), colspan=5)],
        [Label("休学起止"), Value(value(case, "休学起止"), colspan=3), Label("复学年级"),
         Value(value(case, "复学年级"))],
    ]
    office = ("学籍主管部门\n（市教育局）\n意见", CITY) if _high(case) else ("学籍主管\n部门意见", BUREAU)  # 第三条
    for active, label in ((kind != RESUME, "申请休学\n（延长休学）\n理由"), (kind == RESUME, "申请复学\n理由")):
        part = half(case, active)
        rows.append(reason_row(label, value(part, "申请理由"),
                               ["监护人签名：", value(part, "申请日期") or DATE_LINE], CZ_COLS, REASON_LINES))
        rows.append(_pair_row(part, ("学校意见", SCHOOL, SCHOOL_SIGNS), (*office, BUREAU_SIGNS)))
    return Form(title=CZ_SR_TITLE, header_lines=case_header(case, printed_on), blocks=[_grid(rows)],
                notes=list(CZ_SR_NOTES), fit_one_page=True)


# ───────────────────────────── 附件9 借读 ─────────────────────────────
CZ_BORROW_TITLE = "山西省中小学生借读申请表"
CZ_BORROW_GROUNDS = (  # 第二十五条, as the profile's borrowed_study.grounds name them
    "父母双方出国工作一年以上", "父母双方长期从事野外工作或流动性工作", "父母双方支援边疆建设且在当地就读有困难",
    "解放军边防指战员的子女", "烈士的子女", "华侨、归侨的子女", "港澳同胞、台湾同胞的子女",
    "在我省工作的外籍专家的子女",
)
CZ_BORROW_PROOFS = ("所在单位和原校证明", "借读所在地亲属户籍证明", "原校学籍基础信息表复印件")
CZ_BORROW_NOTES = (
    "由监护人持所在单位和原校证明、借读所在地亲属户籍证明及原校学籍基础信息表复印件向接收借读学校提出申请，"
    "填写本表，到接收学校的教育主管部门办理借读手续，经教育主管部门批准后方可借读。",
    "借读学生必须在与原校相同的年级借读；接收借读生后班容量不得超过规定。",
    "借读学生的学籍保留在原学校，纸质和电子学籍均由原学校管理，毕业、修业、肄业等证书由原校发放。",
)


def build_changzhi_borrowed_study(case: Mapping[str, object], school: Mapping[str, object],
                                  printed_on: date) -> Form:
    c = CZ_COLS
    case = normalise(case, BORROW_STEP_NAMES)
    facts = {**case, "原就读学校": value(school, "学校名称"), "借读年级": value(case, "年级")}
    rows = [
        field_row(PUPIL_ROWS[0], facts, c),
        field_row(PUPIL_ROWS[1], facts, c),
        field_row((("家庭住址", "家庭住址"),), facts, c),
        field_row((("原就读学校", "原就读学校"), ("年级", "年级"), ("班级", "班级")), facts, c),
        field_row((("借读学校", "借读学校"), ("借读年级", "借读年级"), ("借读起止", "借读起止")), facts, c),
        *guardians_block(case, (1, 1, 2, 1)),
        [Label("借读情形"), Value(ticks(CZ_BORROW_GROUNDS, [value(case, "借读情形"), value(case, "申请理由")]),
                                  colspan=5)],
        [Label("证明材料"), Value(ticks(CZ_BORROW_PROOFS, _papers(case), "其他："), colspan=5)],
        reason_row("申请借读理由", value(case, "申请理由"),
                   ["监护人签名：", value(case, "申请日期") or DATE_LINE], c, REASON_LINES),
        _pair_row(case, ("原就读学校\n意见", HOME_SCHOOL, SCHOOL_SIGNS),
                  ("借读学校\n意见", HOST_SCHOOL, SCHOOL_SIGNS)),
        _wide_box(case, "借读学校主管\n教育行政部门\n意见", HOST_BUREAU),
    ]
    return Form(title=CZ_BORROW_TITLE, header_lines=case_header(case, printed_on), blocks=[_grid(rows)],
                notes=list(CZ_BORROW_NOTES), fit_one_page=True)


# ───────────────────────────── 附件10 退学 ─────────────────────────────
CZ_WITHDRAW_TITLE = "山西省中小学生退学申请表"
CZ_WITHDRAW_GROUNDS = (  # 第二十八条 (义务教育), 第二十九条 (普通高中)
    "因病因故丧失学习能力", "出国出境定居",
    "（普通高中）因患不能治愈的重症或患严重的传染疾病已休学两年",
    "（普通高中）因意外伤害性事故导致严重的智力障碍或生活不能自理",
    "（普通高中）经司法部门判刑或被采取强制性教育措施",
)
CZ_WITHDRAW_PROOFS = ("县级以上医疗单位证明", "学生本人护照复印件", "《居民户口簿》复印件",
                      "二级甲等以上医疗单位证明")
CZ_WITHDRAW_NOTES = (
    "义务教育阶段除因病因故丧失学习能力或出国出境定居外，不允许学生退学：丧失学习能力的须附县级以上医疗单位证明，"
    "出国出境定居的须凭学生本人护照复印件、《居民户口簿》复印件，按学校隶属关系报所在乡镇（街道）人民政府批准，"
    "退学手续一律由县级教育行政部门办理。",
    "由学生本人或监护人持相关证明向学校提出书面退学申请并填写本表，经学校审核同意并报学籍主管部门批准后，准予退学；"
    "学校及时通过电子学籍系统做异动处理。",
)


CZ_HIGH_WITHDRAW_GROUNDS = (  # 第二十九条, 第三十一条
    "因患不能治愈的重症或患严重的传染疾病已休学两年，不能坚持或不宜继续在校学习",
    "因意外伤害性事故导致严重的智力障碍或生活不能自理", "出国定居", "经司法部门判刑或被采取强制性教育措施",
    "自动退学：一学期内连续无故旷课超过8周或累计旷课10周及以上，经学校与家长多次联系帮助教育无效",
    "自动退学：休学期满，经学校与家长联系后仍未复学或不按期办理继续休学手续",
    "取消学籍：新生以舞弊、弄虚作假等不正当手段骗取入学资格",
)
CZ_HIGH_WITHDRAW_PROOFS = ("县级以上医疗单位证明", "二级甲等以上医疗单位证明", "学生本人护照复印件", "户口簿复印件",
                           "司法部门的判决书或决定书复印件", "学校与家长多次联系、帮助教育的记录")
CZ_HIGH_WITHDRAW_NOTES = (
    "普通高中学生有第二十九条所列情形之一的，由学生本人或监护人持相关证明向学校提出书面退学申请并填写本表，"
    "经学校审核同意并报学籍主管部门（市教育局）批准后，准予退学。",
    "自动退学（第三十一条）：一学期内连续无故旷课超过8周或累计旷课10周及以上，其间经学校与家长多次联系帮助教育"
    "无效者，或休学期满经联系仍未复学或不按期办理继续休学手续的，经学校报请县、市教育行政主管部门批准，由学校注销学籍。",
)


def build_changzhi_withdrawal(case: Mapping[str, object], school: Mapping[str, object],
                              printed_on: date) -> Form:
    case = normalise(case)
    if _high(case):
        return _changzhi_high_withdrawal(case, school, printed_on)
    rows = [
        *_pupil_rows(case, school),
        [Label("退学原因"), Value(ticks(CZ_WITHDRAW_GROUNDS, [value(case, "退学原因")], "其他："), colspan=5)],
        [Label("证明材料"), Value(ticks(CZ_WITHDRAW_PROOFS, _papers(case), "其他："), colspan=5)],
        field_row((("前往国家\n（地区）", "前往国家（地区）"),), case, CZ_COLS),
        reason_row("申请退学理由", value(case, "申请理由"),
                   ["学生本人或监护人签名：", value(case, "申请日期") or DATE_LINE], CZ_COLS, REASON_LINES),
        _pair_row(case, ("学校意见", SCHOOL, SCHOOL_SIGNS),
                  ("乡镇（街道）\n人民政府意见\n（义务教育\n阶段填写）", TOWNSHIP, BUREAU_SIGNS)),
        _wide_box(case, "县级教育\n行政部门\n（学籍主管\n部门）意见", BUREAU),
    ]
    return Form(title=CZ_WITHDRAW_TITLE, header_lines=case_header(case, printed_on), blocks=[_grid(rows)],
                notes=list(CZ_WITHDRAW_NOTES), fit_one_page=True)


def _changzhi_high_withdrawal(case: Mapping[str, object], school: Mapping[str, object], printed_on: date) -> Form:
    rows = [
        *_pupil_rows(case, school),
        [Label("退学情形"), Value(ticks(CZ_HIGH_WITHDRAW_GROUNDS, [value(case, "退学原因")], "其他："), colspan=5)],
        [Label("证明材料"), Value(ticks(CZ_HIGH_WITHDRAW_PROOFS, _papers(case), "其他："), colspan=5)],
        reason_row("申请退学理由", value(case, "申请理由"),
                   ["学生本人或监护人签名：", value(case, "申请日期") or DATE_LINE], CZ_COLS, REASON_LINES),
        _pair_row(case, ("学校意见", SCHOOL, SCHOOL_SIGNS),
                  ("县级教育\n行政部门意见\n（自动退学\n填写）", BUREAU, BUREAU_SIGNS)),
        _wide_box(case, "市教育行政\n部门意见\n（普通高中\n学籍主管\n部门）", CITY),
    ]
    return Form(title=CZ_WITHDRAW_TITLE, header_lines=case_header(case, printed_on), blocks=[_grid(rows)],
                notes=list(CZ_HIGH_WITHDRAW_NOTES), fit_one_page=True)
