"""凉山州全国中小学生学籍信息管理系统数据管理安全承诺书 (凉山 附表4).

《凉山州规定》七: each level signs the pledge (层层签订) so that no data leaks through a person. The
annex is running text, printed here word for word, with its foot: the unit's name on the blank before
“教育行政部门(学校)(公章)”, the 负责人's signature and the date. Below the 负责人 the registrar's name is
printed with a place to sign: the school's copy is signed by the registrar who holds the account (the
form's note says this line is the program's).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from xueji_desktop.core.forms.archive_offer import PLEDGE_TITLE
from xueji_desktop.core.forms.model import BODY_SIZE, Form, Paragraph

PLEDGE_INTRO = ("根据业务工作需要和学籍管理技术保障能力,现申请按照有关规定对全国中小学生学籍信息管理系统"
                "(以下简称全国学籍系统)本级数据进行管理,并承诺以下事项。")
PLEDGE_ITEMS = (
    ("一、按照《中小学生学籍管理办法》和《全国中小学生学籍信息管理系统数据导出使用管理办法》要求建立健全数据"
    "安全管理制度,明确岗位责任,确保数据安全。"),
    "二、对经本级导出的数据安全负全部责任,对本级同意导出的数据安全承担连带责任。",
    "三、指导和督促本行政区域内的所有中小学校使用全国学籍系统管理日常学籍业务,及时处理问题学籍,不断提高数据质量。",
    "四、加强学籍管理队伍建设,不断提高保障水平,完善长效机制,确保全国学籍系统在我州(县市、校)顺利运行。",
)
UNIT_LINE = "{unit}　教育行政部门(学校)(公章)"
HEAD_LINE = "负责人(签字):"
REGISTRAR_LINE = "学籍管理员：{name}　　签字："
DATE_LINE = "年　　月　　日"
BLANK_UNIT = "＿＿＿＿＿＿"
FOOT_INDENT = 18  # characters: the foot lines start right of the page's middle
PLEDGE_NOTES = (
    "本承诺书按附表4原文排印；“学籍管理员”一行为本软件所加，由持有本校学籍系统账号的学籍管理员签字。",
)


def build_security_pledge(unit: str, registrar: str, printed_on: dt.date, title: str = PLEDGE_TITLE,
                          notes: Sequence[str] = PLEDGE_NOTES) -> Form:
    """The pledge with ``unit`` (the school) on the stamp line and ``registrar`` named below the 负责人."""
    body = [Paragraph(PLEDGE_INTRO, font_size=BODY_SIZE + 1.5, first_line_indent=2)]
    body += [Paragraph(item, font_size=BODY_SIZE + 1.5, first_line_indent=2) for item in PLEDGE_ITEMS]
    foot = [UNIT_LINE.format(unit=unit or BLANK_UNIT), HEAD_LINE, REGISTRAR_LINE.format(name=registrar), DATE_LINE]
    body.append(Paragraph("\n\n", font_size=BODY_SIZE + 1.5))
    body += [Paragraph(line + "\n", font_size=BODY_SIZE + 1.5, first_line_indent=FOOT_INDENT, joined=True)
             for line in foot]
    return Form(title=title, blocks=body, notes=list(notes), fit_one_page=True)


def security_pledge(ws, registrar: str, printed_on: dt.date, title: str = PLEDGE_TITLE) -> Form:
    return build_security_pledge(ws.school.name, registrar, printed_on, title)
