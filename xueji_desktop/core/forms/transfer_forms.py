"""The transfer (转学) forms: their ids (those of ``[forms.transfer]`` in the region profiles),
titles, builders, and one entry point to build or render any of them.

- ``yk_transfer_contact``: 营口 附件1 营口市义务教育阶段学生转学联系表 (layout from the annex).
- ``ls_transfer_application``: 凉山 附表1 义务教育阶段学生转学申请登记表 (layout from the annex).
- ``generic_transfer``: 学生转学申请表 (national profile; 黑龙江 inherits it), four opinion boxes.
- ``cz_transfer``: 长治 附件8 山西省中小学生转学申请表 (named only; designed in the same style).
- ``ay_transfer_summary``: 安阳北关 转学备案汇总表, one row per pending transfer (a roster).

A case is a flat dict of display strings keyed by the Chinese labels (see ``CASE_KEYS``), with
``监护人`` (up to two dicts: 称谓, 姓名, 工作单位, 联系电话) and ``审批`` (dicts: 环节, 意见, 经办人,
日期; a step without one leaves its box blank to be signed and stamped by hand). No case, or an
empty one, prints the blank form.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from typing import BinaryIO, Literal

from xueji_desktop.core.forms.engine import render
from xueji_desktop.core.forms.model import Form, Grid, SignatureRow, Table
from xueji_desktop.core.forms.transfer_annexes import (
    LS_TITLE, YK_TITLE, build_liangshan_application, build_yingkou_contact,
)
from xueji_desktop.core.forms.transfer_designed import (
    CZ_TITLE, GENERIC_TITLE, build_changzhi_application, build_generic_application,
)
from xueji_desktop.core.forms.transfer_layout import STEPS
from xueji_desktop.core.forms.transfer_summary import AY_TITLE, build_anyang_summary
from ... import clock

__all__ = ["CASE_KEYS", "STEPS", "TRANSFER_FORMS", "FormSpec", "build_transfer_form", "layout_labels",
           "render_transfer_form"]

CASE_KEYS = (
    "学生姓名", "性别", "出生日期", "民族", "身份证件号", "学籍号", "现家庭住址", "户籍所在地",
    "现就读学校", "现读年级", "转出学校联系电话", "拟转入学校", "拟读年级", "转入学校联系电话",
    "转学原因", "转学类型", "省内或跨省", "监护人", "申请日期", "案件编号", "审批",
)

Case = Mapping[str, object]
School = Mapping[str, object]


@dataclass(frozen=True)
class FormSpec:
    id: str
    title: str
    kind: Literal["case", "roster"]  # one case per form, or many cases in one table
    builder: Callable[..., Form]  # case: (case, school, date); roster: (cases, school, date)
    annex: str = ""  # 附件/附表 number in the regulation, "" if none
    source: str = ""  # the article the layout comes from


TRANSFER_FORMS: dict[str, FormSpec] = {
    spec.id: spec for spec in (
        FormSpec("yk_transfer_contact", YK_TITLE, "case", build_yingkou_contact, "附件1",
                 "《营口市规定》四(一)3、附件1"),
        FormSpec("ls_transfer_application", LS_TITLE, "case", build_liangshan_application, "附表1",
                 "《凉山州规定》二(一)1、附表1"),
        FormSpec("generic_transfer", GENERIC_TITLE, "case", build_generic_application, "",
                 "《中小学生学籍管理办法》第十四条；《黑龙江省实施细则》第二十四条（五）"),
        FormSpec("cz_transfer", CZ_TITLE, "case", build_changzhi_application, "附件8",
                 "《长治市实施细则》第十八条"),
        FormSpec("ay_transfer_summary", AY_TITLE, "roster", build_anyang_summary, "",
                 "《安阳市北关区办法》第十条（二）、（三）"),
    )
}


def build_transfer_form(form_id: str, cases: Sequence[Case], school: School,
                        printed_on: date) -> Form:
    """The form ``form_id`` filled from ``cases`` (a case form takes at most one)."""
    try:
        spec = TRANSFER_FORMS[form_id]
    except KeyError:
        raise KeyError(f"没有转学表格“{form_id}”") from None
    cases = list(cases)
    if spec.kind == "roster":
        return spec.builder(cases, school, printed_on)
    if len(cases) > 1:
        raise ValueError(f"《{spec.title}》一份只填写一名学生，收到{len(cases)}名")
    return spec.builder(cases[0] if cases else {}, school, printed_on)


def render_transfer_form(form_id: str, cases: Sequence[Case], school: School,
                         path: str | os.PathLike | BinaryIO, printed_on: date | None = None) -> int:
    """Build and render to ``path``; returns the page count. Raises MissingGlyphError (writing
    nothing) if a character cannot be printed."""
    return render(build_transfer_form(form_id, cases, school, printed_on or clock.today()), path)


def layout_labels(form: Form) -> Iterator[str]:
    """Every printed label of ``form``: label cells, column headers, signature captions."""
    yield form.title
    for block in form.blocks:
        if isinstance(block, Grid):
            yield from (cell.text for row in block.rows for cell in row if cell.is_label and cell.text)
        elif isinstance(block, Table):
            yield from (col.header for col in block.columns)
        elif isinstance(block, SignatureRow):
            yield from (box.caption for box in block.boxes)
