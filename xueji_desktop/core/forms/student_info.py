"""学生基本信息表: the record the guardian checks and signs before the 学籍 is created.

《黑龙江省义务教育阶段学生学籍管理实施细则》第十五条 and 《长治市中小学生学籍管理实施细则》
第十一条 (附件6): the school hands the form out, the pupil or guardian fills it in, the class
teacher and the school leader in charge check it, the registrar prints it, the guardian and the
class teacher sign it, and the registrar enters it into the national system. The seeds name the
form but give no layout; this one follows the national system's fields (REFERENCE.md) in the
style of the annexed forms, on one A4 page.
"""

from __future__ import annotations

import os
from collections.abc import Mapping, Sequence
from datetime import date
from typing import BinaryIO

from xueji_desktop import clock
from xueji_desktop.core.forms.builders import Field, display, pack_fields, with_section
from xueji_desktop.core.forms.engine import render
from xueji_desktop.core.forms.model import (
    SMALL_SIZE, Cell, Form, Grid, Label, Paragraph, SignatureBox, SignatureRow, Value,
)

TITLE = "学生基本信息表"
SLOTS = 3  # label/value pairs per row
PHOTO_ROWS = 5
MAX_MEMBERS = 2

SECTIONS: tuple[tuple[str, tuple[Field, ...]], ...] = (
    ("基本信息", (
        Field("姓名"), Field("性别"), Field("姓名拼音"), Field("曾用名"),
        Field("出生日期"), Field("民族"), Field("出生地"), Field("籍贯"),
        Field("国籍/地区"), Field("港澳台侨外"),
        Field("身份证件类型"), Field("身份证件号"), Field("身份证件有效期"),
        Field("政治面貌"), Field("健康状况"), Field("户口性质"),
        Field("户口所在地", 2), Field("特长"),
    )),
    ("学籍信息", (
        Field("年级"), Field("班级"), Field("班内学号"),
        Field("入学年月"), Field("入学方式"), Field("就读方式"),
        Field("学生来源"), Field("学籍状态"), Field("学籍辅号"),
        Field("学籍档案建立期限", 3),
    )),
    ("联系方式", (
        Field("现住址", 3),
        Field("通信地址", 2), Field("邮政编码"),
        Field("家庭地址", 2), Field("联系电话"),
        Field("电子信箱"), Field("主页地址", 2),
    )),
    ("其他信息", (
        Field("是否独生子女"), Field("是否受过学前教育"), Field("是否留守儿童"),
        Field("是否进城务工人员随迁子女"), Field("是否孤儿"), Field("是否烈士或优抚子女"),
        Field("随班就读"), Field("残疾人类型"), Field("是否由政府购买学位"),
        Field("是否需要申请资助"), Field("是否享受一补"), Field("上下学距离"),
        Field("上下学方式"), Field("是否需要乘坐校车"),
    )),
)

MEMBER_FIELDS: tuple[tuple[str, float], ...] = (  # label, column weight
    ("姓名", 38), ("关系", 27), ("关系说明", 31), ("民族", 27), ("工作单位", 54), ("职务", 28),
    ("现住址", 60), ("户口所在地", 48), ("联系电话", 50), ("是否监护人", 28),
    ("身份证件类型", 36), ("身份证件号", 78),
)

HEADER_KEYS = ("学籍号",)  # printed in the header line, not in the grid
NOT_FIELDS = ("家庭成员", "照片")  # not printed as text
SECTION_W, LABEL_W, VALUE_W = 16.0, 64.0, 104.0
DECLARATION = "监护人确认：以上信息经本人核对无误。"
NOTE = ("本表由学生或其法定监护人填写，经班主任、学籍主管校长审核后由学校学籍管理员打印；"
        "经监护人、班主任确认签字后，学籍管理员据此录入电子学籍系统，本表存入学生学籍档案。")


def _known_labels() -> set[str]:
    return {f.label for _, fields in SECTIONS for f in fields} | set(HEADER_KEYS) | set(NOT_FIELDS)


def _main_grid(record: Mapping[str, object]) -> Grid:
    rows: list[list[Cell]] = []
    # a field this layout does not know is printed under 其他信息 rather than dropped silently
    extra = [Field(k) for k, v in record.items()
             if k not in _known_labels() and isinstance(v, (str, int, float))]
    for i, (title, fields) in enumerate(SECTIONS):
        if title == "其他信息":
            fields = (*fields, *extra)
        if i == 0:
            section = pack_fields(fields, record, SLOTS, row_slots=[SLOTS - 1] * PHOTO_ROWS)
            section[0].append(Cell("照片", rowspan=PHOTO_ROWS, colspan=2, is_label=True))
        else:
            section = pack_fields(fields, record, SLOTS)
        rows += with_section(title, section)
    return Grid(rows, widths=[SECTION_W, *[LABEL_W, VALUE_W] * SLOTS], font_size=SMALL_SIZE,
                min_row_height=19.0)


def _family_grid(members: Sequence[Mapping[str, object]]) -> Grid:
    members = list(members)
    if len(members) > MAX_MEMBERS:
        raise ValueError(f"学生基本信息表最多填写{MAX_MEMBERS}名家庭成员，收到{len(members)}名")
    members += [{}] * (MAX_MEMBERS - len(members))
    header = [Label(label) for label, _ in MEMBER_FIELDS]
    rows: list[list[Cell]] = [header]
    for m in members:
        rows.append([Value(display(m.get(label)), align="center" if w < 40 else "left")
                     for label, w in MEMBER_FIELDS])
    rows = with_section("家庭成员信息", rows)
    return Grid(rows, widths=[SECTION_W, *(w for _, w in MEMBER_FIELDS)], font_size=8.5,
                min_row_height=24.0, joined=True)


def _cn_date(d: date) -> str:
    return f"{d.year}年{d.month}月{d.day}日"


def build_student_info(record: Mapping[str, object], school: Mapping[str, object],
                       printed_on: date) -> Form:
    """The 学生基本信息表 of one pupil; ``record`` holds display strings keyed by the field
    labels (missing keys print empty) and ``record["家庭成员"]`` up to two member dicts.
    An empty ``record`` gives the blank form."""
    members = record.get("家庭成员") or []
    return Form(
        title=TITLE,
        header_lines=[
            (f"学校名称：{display(school.get('学校名称'))}",
             f"学校标识码：{display(school.get('学校标识码'))}"),
            (f"学籍号：{display(record.get('学籍号'))}", f"打印日期：{_cn_date(printed_on)}"),
        ],
        blocks=[
            _main_grid(record),
            _family_grid(members),  # type: ignore[arg-type]
            Paragraph(DECLARATION, font_size=SMALL_SIZE + 1, boxed=True, joined=True),
            SignatureRow(
                [SignatureBox("监护人签字："), SignatureBox("班主任签字："),
                 SignatureBox("学籍管理员签字："), SignatureBox("学校（盖章）")],
                height=80.0, font_size=SMALL_SIZE + 1, joined=True,
            ),
        ],
        notes=[NOTE],
        fit_one_page=True,
    )


def render_student_info(record: Mapping[str, object], school: Mapping[str, object],
                        path: str | os.PathLike | BinaryIO, printed_on: date | None = None) -> int:
    """Build and render the form to ``path``; returns the page count (1 for any record)."""
    form = build_student_info(record, school, printed_on or clock.today())
    return render(form, path)
