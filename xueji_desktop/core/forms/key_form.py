"""密钥登记表: the paper the school hands (with its 学籍公钥文件) to the county bureau.

The bureau registers the school's public key only after comparing the fingerprint of the file on the
stick with the one printed here, signed by the registrar and the head and stamped by the school. The
fingerprint is printed large, in the same digit groups as `keys.fingerprint` writes it, so it can be
read aloud over the phone group by group. The lower box is the bureau's: who checked it, when, stamp.
"""

from __future__ import annotations

import os
from datetime import date
from typing import BinaryIO

from xueji_desktop import clock
from xueji_desktop.core.forms.engine import render
from xueji_desktop.core.forms.model import (
    Cell,
    Form,
    Grid,
    Label,
    Paragraph,
    SignatureBox,
    SignatureRow,
    Value,
)

TITLE = "学籍数据交换密钥登记表"
FORM_NAME = "密钥登记表"
GROUPS_PER_ROW = 4
FINGERPRINT_SIZE = 22.0
INTRO = ("本校已在学籍桌面软件中生成学籍数据交换密钥。本校此后报送教育局的学籍变更批次均以此密钥签名，"
         "请教育局核对本表所列指纹与本校报送的学籍公钥文件一致后予以登记。")
NOTE = ("学校公钥指纹共 8 组、每组 5 位数字，由软件根据本校公钥计算得出；教育局登记时须逐组核对 U 盘上"
        "学籍公钥文件的指纹，一致方可登记。指纹不涉及任何学生信息，也不是密码。本表一式两份，"
        "学校、教育局各存一份。如学校更换密钥，须重新填报本表。")
COPY_COUNT = 2  # the NOTE's 本表一式两份, for the printer


def _cn_date(d: date) -> str:
    return f"{d.year}年{d.month}月{d.day}日"


def fingerprint_rows(fingerprint: str) -> list[list[str]]:
    groups = fingerprint.split()
    return [groups[i:i + GROUPS_PER_ROW] for i in range(0, len(groups), GROUPS_PER_ROW)]


def build_key_form(school_name: str, school_code: str, county: str, fingerprint: str,
                   created_on: date | None, printed_on: date) -> Form:
    info = Grid(
        rows=[
            [Label("学校名称"), Value(school_name, colspan=3)],
            [Label("学校标识码"), Value(school_code), Label("所在县区"), Value(county)],
            [Label("密钥生成日期"), Value(_cn_date(created_on) if created_on else ""),
             Label("填表日期"), Value(_cn_date(printed_on))],
        ],
        widths=[90, 170, 90, 170], min_row_height=26.0,
    )
    caption = Grid(rows=[[Label("学校公钥指纹（8 组，每组 5 位数字）", bold=True)]], widths=[1],
                   min_row_height=24.0, joined=True)
    finger = Grid(
        rows=[[Cell(g, align="center", bold=True) for g in groups] for groups in fingerprint_rows(fingerprint)],
        widths=[1] * GROUPS_PER_ROW, font_size=FINGERPRINT_SIZE, min_row_height=44.0, joined=True,
    )
    return Form(
        title=TITLE,
        blocks=[
            Paragraph(INTRO, first_line_indent=2),
            info,
            caption,
            finger,
            SignatureRow([SignatureBox("学籍管理员签字："), SignatureBox("校长签字："),
                          SignatureBox("学校（盖章）")], height=96.0, joined=True),
            Paragraph("以下由教育局填写", bold=True, boxed=True, align="center"),
            SignatureRow([SignatureBox("教育局核对人：", date_line=False),
                          SignatureBox("核对日期：", date_line=True),
                          SignatureBox("教育局（盖章）")], height=96.0, joined=True),
        ],
        notes=[NOTE],
        fit_one_page=True,
    )


def render_key_form(ws, path: str | os.PathLike | BinaryIO, printed_on: date | None = None) -> int:
    """The school's 密钥登记表 as a PDF at `path`; returns the page count. Raises KeyRefused when the
    school has no key yet."""
    from xueji_desktop.core.exchange.school_keys import KeyRefused, active_school_key
    from xueji_desktop.core.pupils import regions

    key = active_school_key()
    if key is None:
        raise KeyRefused("本校尚未生成密钥：请先生成本校密钥，再打印密钥登记表")
    school = ws.school
    created = key.created_at.date() if hasattr(key.created_at, "date") else None
    today = printed_on or (ws.now().date() if hasattr(ws, "now") else clock.today())
    form = build_key_form(school.name, school.code, regions.name_of(school.area_code) or school.area_code,
                          key.fingerprint, created, today)
    return render(form, path)
