"""The status-change forms (休学, 复学, 出国（出境）, 退学, 借读, 关键信息变更): their ids (those of
``[forms.suspension]``, ``[forms.resumption]``, ``[forms.abroad]``, ``[forms.withdrawal]``,
``[forms.borrowed_study]`` and ``[forms.info_change]`` in the region profiles), titles, builders, and
one entry point to build or render any of them. Same pattern as ``transfer_forms``.

- ``yk_suspension_resumption``: 营口 附件2 (annex layout; 休学 and 复学 on one sheet, 1式3份).
- ``yk_abroad``: 营口 附件3 出国（出境）申请表 (annex layout).
- ``ls_suspension_resumption``: 凉山 附表2 休（复）学申请表 (annex layout; the halves side by side).
- ``cz_suspension_resumption``, ``cz_borrowed_study``, ``cz_withdrawal``: 长治 附件7, 9, 10 (named
  only; designed in the style of its 转学申请表).
- ``generic_suspension``, ``generic_resumption``, ``generic_abroad``, ``generic_key_change``: the
  national profile's forms, in the style of the 学生转学申请表.

A case is a flat dict of display strings keyed by the Chinese labels (``CASE_KEYS``), with
``监护人`` (up to two dicts: 称谓, 姓名, 工作单位, 联系电话), ``证明材料`` (labels), ``变更事项`` (dicts:
项目, 原内容, 变更后内容) and ``审批`` (dicts: 环节, 意见, 经办人, 日期; a party without one leaves its box
blank to be signed and stamped by hand). ``申请类别`` picks the half of a two-part form (休学 and
延长休学 the first, 复学 the second). An empty case prints the blank form.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from datetime import date
from typing import BinaryIO

from xueji_desktop.core.forms.engine import render
from xueji_desktop.core.forms.model import Form
from xueji_desktop.core.forms.status_annexes import (
    LS_SR_TITLE, YK_ABROAD_TITLE, YK_SR_TITLE, build_liangshan_suspension, build_yingkou_abroad,
    build_yingkou_suspension,
)
from xueji_desktop.core.forms.status_designed import (
    CZ_BORROW_TITLE, CZ_SR_TITLE, CZ_WITHDRAW_TITLE, build_changzhi_borrowed_study,
    build_changzhi_suspension, build_changzhi_withdrawal,
)
from xueji_desktop.core.forms.status_generic import (
    ABROAD_TITLE, KEY_CHANGE_TITLE, RESUMPTION_TITLE, SUSPENSION_TITLE, build_generic_abroad,
    build_generic_key_change, build_generic_resumption, build_generic_suspension,
)
from xueji_desktop.core.forms.status_layout import (
    ABROAD, BORROW, EXTEND, KEY_CHANGE, RESUME, RETURN, SUSPEND, WITHDRAW,
)
from xueji_desktop.core.forms.transfer_forms import FormSpec, layout_labels
from ... import clock

__all__ = ["CASE_KEYS", "CATEGORIES", "FORM_KINDS", "STATUS_FORMS", "build_status_form", "layout_labels",
           "render_status_form"]

CASE_KEYS = (
    "案件编号", "学生姓名", "性别", "出生日期", "民族", "身份证件号", "学籍号", "年级", "班级", "家庭住址",
    "联系电话", "监护人", "申请类别", "申请理由", "证明材料", "休学起止", "复学年级", "前往国家（地区）",
    "借读学校", "借读起止", "退学原因", "变更事项", "申请日期", "审批",
    # optional, printed where a layout has the box: 户籍所在地 (凉山), 复学时间 and 复学班级 (营口, 凉山,
    # 出国), 借读情形 (长治 借读, else ticked from 申请理由), 备注 (营口 附件3)
    "户籍所在地", "复学时间", "复学班级", "借读情形", "备注",
)
CATEGORIES = (SUSPEND, EXTEND, RESUME, ABROAD, RETURN, WITHDRAW, BORROW, KEY_CHANGE)
FORM_KINDS = ("suspension", "resumption", "abroad", "withdrawal", "borrowed_study", "info_change")

Case = Mapping[str, object]
School = Mapping[str, object]

STATUS_FORMS: dict[str, FormSpec] = {
    spec.id: spec for spec in (
        FormSpec("yk_suspension_resumption", YK_SR_TITLE, "case", build_yingkou_suspension, "附件2",
                 "《营口市规定》四(二)2、4、附件2"),
        FormSpec("yk_abroad", YK_ABROAD_TITLE, "case", build_yingkou_abroad, "附件3",
                 "《营口市规定》四(三)4、附件3"),
        FormSpec("ls_suspension_resumption", LS_SR_TITLE, "case", build_liangshan_suspension, "附表2",
                 "《凉山州规定》二(二)1、2、附表2"),
        FormSpec("cz_suspension_resumption", CZ_SR_TITLE, "case", build_changzhi_suspension, "附件7",
                 "《长治市实施细则》第二十三条、第二十四条"),
        FormSpec("cz_borrowed_study", CZ_BORROW_TITLE, "case", build_changzhi_borrowed_study, "附件9",
                 "《长治市实施细则》第二十五条至第二十七条"),
        FormSpec("cz_withdrawal", CZ_WITHDRAW_TITLE, "case", build_changzhi_withdrawal, "附件10",
                 "《长治市实施细则》第二十八条至第三十条"),
        FormSpec("generic_suspension", SUSPENSION_TITLE, "case", build_generic_suspension, "",
                 "《义务教育法》第十一条"),
        FormSpec("generic_resumption", RESUMPTION_TITLE, "case", build_generic_resumption, "",
                 "《中小学生学籍管理办法》第十九条"),
        FormSpec("generic_abroad", ABROAD_TITLE, "case", build_generic_abroad, "",
                 "《中小学生学籍管理办法》第二十条"),
        FormSpec("generic_key_change", KEY_CHANGE_TITLE, "case", build_generic_key_change, "",
                 "《中小学生学籍管理办法》第十条"),
    )
}


def build_status_form(form_id: str, case: Case | None, school: School, printed_on: date) -> Form:
    """The form ``form_id`` filled from ``case`` (None or {} for the blank form)."""
    try:
        spec = STATUS_FORMS[form_id]
    except KeyError:
        raise KeyError(f"没有学籍变动表格“{form_id}”") from None
    case = dict(case or {})
    kind = case.get("申请类别")
    if kind and kind not in CATEGORIES:
        raise ValueError(f"申请类别“{kind}”不明，应为{'、'.join(CATEGORIES)}之一")
    return spec.builder(case, school, printed_on)


def render_status_form(form_id: str, case: Case | None, school: School,
                       path: str | os.PathLike | BinaryIO, printed_on: date | None = None) -> int:
    """Build and render to ``path``; returns the page count. Raises MissingGlyphError (writing
    nothing) if a character cannot be printed."""
    return render(build_status_form(form_id, case, school, printed_on or clock.today()), path)
