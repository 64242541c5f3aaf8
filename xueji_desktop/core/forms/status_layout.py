"""Pieces shared by the status-change form layouts (休学, 复学, 出国（出境）, 退学, 借读, 关键信息变更),
on top of the transfer forms' pieces (``transfer_layout``): the approving parties and the names a
case may give them, one half of a two-part form, tick boxes, and the pupil's combined fields.

A case names each decision's party in ``审批[i]["环节"]``, as the registrar or ``cases.party_label``
wrote it (“学校”, “县级教育行政部门”, “乡镇人民政府”, “班主任” …). :func:`normalise` maps those names onto
the form's own boxes, so a decision lands in its box whichever spelling the case used.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence

from xueji_desktop.core.forms.builders import display
from xueji_desktop.core.forms.model import Cell, Label, Value
from xueji_desktop.core.forms.transfer_layout import (
    MAX_GUARDIANS, Columns, box_text, guardian_rows, value,
)

# The boxes of the status forms (case["审批"][i]["环节"] after normalise()).
SCHOOL = "学校"
BUREAU = "主管教育行政部门"
TOWNSHIP = "乡镇人民政府"
CITY = "市级教育行政部门"  # 长治 第三条: the 学籍主管部门 of 普通高中
CLASS_TEACHER = "班主任"
HOME_SCHOOL = "原学校"  # 借读: the school that keeps the 学籍
HOST_SCHOOL = "借读学校"
HOST_BUREAU = "借读学校主管教育行政部门"

SCHOOL_NAMES = frozenset({SCHOOL, "school", "就读学校", "现就读学校", "本校"})
BUREAU_NAMES = frozenset({
    BUREAU, "bureau", "县级教育行政部门", "主管教育局", "教育局", "学籍管理部门", "学籍主管部门",
    "教育行政部门", "县（州）教育主管部门", "区教育局",
})
TOWNSHIP_NAMES = frozenset({TOWNSHIP, "township_government", "乡镇（街道）人民政府", "街道办事处"})
CLASS_TEACHER_NAMES = frozenset({CLASS_TEACHER, "class_teacher"})
CITY_NAMES = frozenset({CITY, "city_bureau", "市教育局", "市教育行政部门"})
STEP_NAMES: dict[str, frozenset[str]] = {  # the usual boxes
    SCHOOL: SCHOOL_NAMES, BUREAU: BUREAU_NAMES, TOWNSHIP: TOWNSHIP_NAMES,
    CLASS_TEACHER: CLASS_TEACHER_NAMES, CITY: CITY_NAMES,
}
BORROW_STEP_NAMES: dict[str, frozenset[str]] = {  # 借读: the pupil's own school and the host
    HOME_SCHOOL: SCHOOL_NAMES | {HOME_SCHOOL, "原就读学校", "sending_school", "转出学校"},
    HOST_SCHOOL: frozenset({HOST_SCHOOL, "接收学校", "接收借读学校", "receiving_school", "转入学校"}),
    HOST_BUREAU: BUREAU_NAMES | {HOST_BUREAU, "接收学校主管教育行政部门", "receiving_bureau",
                                 "转入地教育行政部门", "转入学校主管教育行政部门"},
}

# 申请类别
SUSPEND, EXTEND, RESUME = "休学", "延长休学", "复学"
ABROAD, RETURN = "出国（出境）", "入境复学"
WITHDRAW, BORROW, KEY_CHANGE = "退学", "借读", "关键信息变更"

TICKED, UNTICKED = "☑", "□"
PARENT_SIGNS = "学生家长（监护人）签名："
GUARDIANS_TITLE = "父母或其他\n法定监护人\n情况"


def normalise(case: Mapping[str, object], names: Mapping[str, frozenset[str]] = STEP_NAMES) -> dict:
    """``case`` with each decision's 环节 renamed to the form's box it belongs in (unknown names
    are kept: their decision has no box and is not printed)."""
    out = dict(case)
    steps = []
    for a in case.get("审批") or []:  # type: ignore[union-attr]
        if isinstance(a, Mapping):
            party = display(a.get("环节")).strip()
            box = next((k for k, alias in names.items() if party in alias), party)
            steps.append({**a, "环节": box})
    out["审批"] = steps
    return out


def category(case: Mapping[str, object], default: str) -> str:
    return value(case, "申请类别") or default


def half(case: Mapping[str, object], active: bool) -> Mapping[str, object]:
    """The case as one half of a two-part form (休学 | 复学) sees it: the other half gets only the
    pupil, so its reason, date and opinion boxes stay blank."""
    if active:
        return case
    return {k: v for k, v in case.items() if k not in ("申请理由", "申请日期", "证明材料", "审批")}


def checked_guardians(case: Mapping[str, object]) -> list:
    members = [g for g in (case.get("监护人") or []) if isinstance(g, Mapping)]  # type: ignore[union-attr]
    if len(members) > MAX_GUARDIANS:
        raise ValueError(f"申请表最多填写{MAX_GUARDIANS}名监护人，收到{len(members)}名")
    return members


def guardians_block(case: Mapping[str, object], spans: Sequence[int],
                    title: str = GUARDIANS_TITLE) -> list[list[Cell]]:
    return guardian_rows(title, checked_guardians(case), spans)


def guardian_names(case: Mapping[str, object]) -> str:
    return "、".join(display(g.get("姓名")) for g in checked_guardians(case) if g.get("姓名"))


def contact_phone(case: Mapping[str, object]) -> str:
    """The family's phone: the case's own, else the first guardian's."""
    if value(case, "联系电话"):
        return value(case, "联系电话")
    return next((display(g.get("联系电话")) for g in checked_guardians(case) if g.get("联系电话")), "")


def grade_class(case: Mapping[str, object], grade_key: str = "年级", class_key: str = "班级") -> str:
    return value(case, grade_key) + value(case, class_key)


def proofs(case: Mapping[str, object]) -> list[str]:
    return [display(p) for p in (case.get("证明材料") or []) if display(p)]  # type: ignore[union-attr]


def reason_body(case: Mapping[str, object], lead: str = "") -> str:
    """The 申请理由 as a reason box prints it, the papers attached named after it (the annex
    layouts have no row of their own for them)."""
    body = value(case, "申请理由")
    if body and lead:
        body = f"{lead}{body}"
    if proofs(case):
        body += ("\n" if body else "") + "附：" + "、".join(proofs(case))
    return body


def _core(item: str) -> str:
    """An item without the bracketed remark before or after it: （普通高中）…, …（延长休学）."""
    return re.sub(r"^（[^）]*）|（[^）]*）$", "", item)


def ticks(items: Iterable[str], chosen: Iterable[str], other: str | None = None,
          exact: bool = False) -> str:
    """``□item　□item …`` with ☑ where an item is among ``chosen`` (``exact``) or named inside one
    of them; ``other`` (such as 其他：) ends the line, followed by what no item names."""
    items, chosen = list(items), [c for c in chosen if c]

    def hit(item: str, c: str) -> bool:
        return c == item if exact else _core(item) in c

    parts = [f"{TICKED if any(hit(i, c) for c in chosen) else UNTICKED}{i}" for i in items]
    if other is not None:
        rest = [c for c in chosen if not any(hit(i, c) for i in items)]
        parts.append(f"{TICKED if rest else UNTICKED}{other}{'、'.join(rest)}")
    return "\u3000".join(parts)


def reason_row(label: str, body: str, foot: Sequence[str], cols: Columns, lines: int,
               weights: Sequence[float] = (1,)) -> list[Cell]:
    """A label, then one box across the rest of the grid: the reason, the signature line at its foot."""
    text = box_text(body, foot, cols, 1, cols.n - 1, lines, weights=weights)
    return [Label(label), Value(text, colspan=cols.n - 1)]
