"""转学备案汇总表 (《安阳市北关区办法》第十条（二）、（三）): the receiving school's registrar lists
the pending transfers, one row each, and files the table with the 区教育局教育股 every Tuesday
with each pupil's proof; once checked, the school starts the transfers on the provincial platform.

The article names the table but gives no layout; the columns are what the article asks the school
to establish: who the pupil is (identity checked on the platform), from where to where, the
transfer type (返市生 / 进城务工子女 / 其他), in-province or cross-province (which entry of the
platform to use), the reason written in the system, and the proof sent along. The signature and
stamp boxes (the registrar, the head, the school's seal, the bureau's check) come before the table,
so they stay on the first sheet however many pages the rows take.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date

from xueji_desktop.core.forms.builders import display
from xueji_desktop.core.forms.model import (
    SMALL_SIZE, Column, Form, SignatureBox, SignatureRow, Table,
)
from xueji_desktop.core.forms.transfer_layout import cn_date

AY_TITLE = "转学备案汇总表"
ID_HEADER = "身份证件号/学籍号"
# header, width (points on a landscape A4 page), alignment, the case key it prints
AY_COLUMNS: tuple[tuple[str, float, str, str | None], ...] = (
    ("序号", 26, "center", None),
    ("学生姓名", 48, "center", "学生姓名"),
    ("性别", 28, "center", "性别"),
    (ID_HEADER, 96, "center", None),
    ("转出学校", 96, "left", "现就读学校"),
    ("转入学校", 88, "left", "拟转入学校"),
    ("年级", 36, "center", None),
    ("转学类型", 48, "center", "转学类型"),
    ("省内/跨省", 52, "center", "省内或跨省"),
    ("转学原因", 140, "left", "转学原因"),
    ("佐证材料", 70, "left", "佐证材料"),
    ("备注", 34, "left", "备注"),
)
BLANK_ROWS = 12
AY_NOTES = (
    "转学类型填写“返市生”“进城务工子女”或“其他”；省内/跨省填写“省内”或“跨省”。",
    "本表由转入学校学籍员填写，连同学生相应佐证材料于每周二报区教育局教育股备案、核查；"
    "核查同意后，方可在河南省学籍管理服务平台发起转学申请。",
    "省内转学一般在新学期开学后两个月内办理，跨省转学一般不受限制。",
)
AY_SIGNATURES = (
    ("填表人（学籍员）签字：", 1.0),
    ("学校负责人签字：", 1.0),
    ("学校（盖章）", 1.0),
    ("区教育局教育股核查意见：", 1.5),
)


def _id_cell(case: Mapping[str, object]) -> str:
    parts = [display(case.get("身份证件号")), display(case.get("学籍号"))]
    return "\n".join(p for p in parts if p)


def _row(n: int, case: Mapping[str, object]) -> list[str]:
    grade = display(case.get("拟读年级")) or display(case.get("现读年级"))
    special = {"序号": str(n), ID_HEADER: _id_cell(case), "年级": grade}
    return [special[h] if key is None else display(case.get(key)) for h, _, _, key in AY_COLUMNS]


def build_anyang_summary(cases: Sequence[Mapping[str, object]], school: Mapping[str, object],
                         printed_on: date) -> Form:
    """One row per case; no case (or only empty ones) gives the blank table to fill by hand."""
    cases = [c for c in cases if any(c.values())]
    rows = [_row(i, c) for i, c in enumerate(cases, start=1)]
    if not rows:
        rows = [[""] * len(AY_COLUMNS) for _ in range(BLANK_ROWS)]
    filed = cn_date(printed_on) if cases else "　　　年　　月　　日"
    return Form(
        title=AY_TITLE,
        header_lines=[(f"学校名称：{display(school.get('学校名称'))}",
                       f"学校标识码：{display(school.get('学校标识码'))}",
                       f"报送日期：{filed}")],
        blocks=[  # signatures first: they stay on page 1 however long the table runs
            SignatureRow([SignatureBox(cap, width=w) for cap, w in AY_SIGNATURES], height=84.0,
                         font_size=SMALL_SIZE + 1),
            Table([Column(h, w, a) for h, w, a, _ in AY_COLUMNS], rows,  # type: ignore[arg-type]
                  font_size=SMALL_SIZE, min_row_height=22.0),
        ],
        notes=list(AY_NOTES),
        orientation="landscape",
    )
