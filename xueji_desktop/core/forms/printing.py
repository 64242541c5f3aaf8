"""Printing a pupil's forms from the database (the window and `xueji form` both call this)."""

from __future__ import annotations

from pathlib import Path

from ...store.models import Student
from ..records import record_view
from .student_info import render_student_info


def print_student_info(ws, student: Student, path: Path) -> Path:
    """Renders the 学生基本信息表; raises MissingGlyphError (and writes nothing) rather than drop a character."""
    school = ws.school
    render_student_info(record_view(student), {"学校名称": school.name, "学校标识码": school.code},
                        Path(path), printed_on=ws.today())
    return Path(path)


def transfer_case_view(case, school=None) -> dict:
    """A transfer case as the forms read it: Chinese labels, display text."""
    from .. import cases, codes, regions
    from ..school import grade_name

    data = cases.data_of(case)
    pupil = data["pupil"]
    other = data.get("other_school", {})
    incoming = data["direction"] == "in"
    here_phone = school.phone if school is not None else ""
    return {
        "案件编号": case.number, "学生姓名": pupil.get("name", ""), "性别": codes.SEX.label(pupil.get("sex")),
        "出生日期": pupil.get("birth_date", ""), "民族": codes.ETHNICITY.label(pupil.get("ethnicity")),
        "身份证件号": pupil.get("id_number", ""), "学籍号": pupil.get("student_number", ""),
        "现家庭住址": pupil.get("address", ""),
        "户籍所在地": regions.name_of(pupil.get("hukou_place", "")) or pupil.get("hukou_place", ""),
        "现就读学校": data["from_school"], "现读年级": grade_name(data["grade_from"]) if data.get("grade_from") else "",
        "转出学校联系电话": other.get("phone", "") if incoming else here_phone,
        "拟转入学校": data["to_school"], "拟读年级": grade_name(data["grade_to"]) if data.get("grade_to") else "",
        "转入学校联系电话": here_phone if incoming else other.get("phone", ""),
        "转学原因": data.get("reason_label", ""), "转学类型": data.get("transfer_type", ""),
        "省内或跨省": _province_scope(school, other), "申请日期": case.opened_on.strftime("%Y-%m-%d"),
        "佐证材料": "、".join(data.get("evidence_seen", [])),
        "监护人": [{"称谓": codes.RELATION.label(g.get("relation")), "姓名": g.get("name", ""),
                  "工作单位": g.get("employer", ""), "联系电话": g.get("phone", "")} for g in data.get("guardians", [])][:2],
        "审批": [{"环节": cases.party_label(s.party), "意见": cases.OUTCOME_LABELS[s.outcome] if s.outcome else "",
                "经办人": s.person, "日期": s.done_on.strftime("%Y-%m-%d") if s.done_on else ""}
               for s in cases.steps(case)],
    }


def _province_scope(school, other: dict) -> str:
    theirs = (other.get("area_code") or "")[:2]
    if school is None or len(theirs) < 2:
        return ""
    return "省内" if theirs == school.area_code[:2] else "跨省"


def print_case_form(ws, form_id: str, case_list, path: Path) -> Path:
    """A transfer form for one case (or, for a roster form such as 转学备案汇总表, for several)."""
    from .transfer_forms import render_transfer_form

    school = ws.school
    render_transfer_form(form_id, [transfer_case_view(c, school) for c in case_list],
                         {"学校名称": school.name, "学校标识码": school.code}, Path(path), printed_on=ws.today())
    return Path(path)
