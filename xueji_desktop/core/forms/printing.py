"""Printing a pupil's forms from the database (the window and `xueji form` both call this)."""

from __future__ import annotations

from pathlib import Path

from ...store.models import Student
from ..accounts import access_log
from ..accounts.access_log import Action, PurposeSource
from ..pupils.records import record_view
from .student_info import render_student_info


def print_student_info(ws, student: Student, path: Path) -> Path:
    """Renders the 学生基本信息表; raises MissingGlyphError (and writes nothing) rather than drop a character.
    The print is logged (查询登记) in the same transaction."""
    school = ws.school
    with access_log.logged(ws, Action.PRINT, "学生基本信息表", [student], target=path):
        render_student_info(record_view(student), {"学校名称": school.name, "学校标识码": school.code},
                            Path(path), printed_on=ws.today())
    return Path(path)


def transfer_case_view(case, school=None) -> dict:
    """A transfer case as the forms read it: Chinese labels, display text."""
    from ..casework import cases
    from ..pupils import codes, regions
    from ..school.school import grade_name

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


def print_case_form(ws, form_id: str, case_list, path: Path, purpose: PurposeSource = "") -> Path:
    """A transfer form for one case (or, for a roster form such as 转学备案汇总表, for several; then a
    purpose is asked, see core.accounts.access_log). Logged (查询登记) in the same transaction; a blank
    form, which holds nobody's data, is not."""
    from .transfer_forms import TRANSFER_FORMS, render_transfer_form

    school = ws.school
    views = [transfer_case_view(c, school) for c in case_list]

    def draw() -> None:
        render_transfer_form(form_id, views, {"学校名称": school.name, "学校标识码": school.code}, Path(path),
                             printed_on=ws.today())

    if not case_list:
        draw()
        return Path(path)
    title = TRANSFER_FORMS[form_id].title if form_id in TRANSFER_FORMS else form_id
    numbers = "、".join(c.number for c in case_list[:3]) + (f" 等 {len(case_list)} 件" if len(case_list) > 3 else "")
    with access_log.logged(ws, Action.PRINT, f"{title}（{numbers}）", [c.student_id for c in case_list if c.student_id],
                           purpose=purpose, target=path, count=len(case_list)):
        draw()
    return Path(path)


# The 申请类别 a status form is filled for (core.forms.status_layout's categories), by case kind.
_CATEGORIES = {"suspension": "休学", "suspension_extension": "延长休学", "resumption": "复学",
               "abroad": "出国（出境）", "return_from_abroad": "入境复学", "withdrawal": "退学",
               "borrowed_study": "借读", "key_info_change": "关键信息变更"}


def status_case_view(ws, case) -> dict:
    """A status-change case (休学 … 关键信息变更) as the status forms read it: Chinese labels, display text."""
    from ...store.models import Case, SchoolClass
    from ..casework import cases
    from ..casework.cases import CaseKind, CaseStatus
    from ..changes.status_change import CHANGES
    from ..changes.status_facts import party as party_name
    from ..pupils import codes, regions
    from ..pupils.fields import STUDENT
    from ..pupils.records import display
    from ..school.school import grade_name

    data = cases.data_of(case)
    kind = CaseKind(case.kind)
    s = case.student
    details = data.get("details") or {}
    grade = data.get("grade_at_start") or s.grade
    klass = s.school_class

    def span(first, last) -> str:
        return f"{first} 至 {last}" if first and last else first or last or ""

    grounds = ws.profile.value(CHANGES[kind].evidence) if CHANGES[kind].evidence and \
        ws.profile.applies(CHANGES[kind].evidence) else []
    if kind is CaseKind.WITHDRAWAL:  # a 高中 pupil's own grounds where the region lists them (长治 第二十九条)
        from ..changes.status_leaving import withdrawal_grounds

        grounds = withdrawal_grounds(ws.profile, grade)
    ground = next((g for g in grounds if isinstance(g, dict) and g.get("id") == data.get("ground_id")), None)
    reason = ground.get("label", "") if ground else ("其他原因" if data.get("ground_id") == "other" else "")
    if data.get("note"):
        reason = f"{reason}；{data['note']}" if reason else data["note"]
    period = span(data.get("effective_on"), data.get("until"))
    if kind in (CaseKind.RESUMPTION, CaseKind.SUSPENSION_EXTENSION):  # the suspension it continues or ends
        earlier = (Case.select().where((Case.student == s) & (Case.kind == CaseKind.SUSPENSION.value)
                                       & (Case.status == CaseStatus.COMPLETED.value) & (Case.id != case.id))
                   .order_by(Case.closed_on.desc(), Case.id.desc()).first())
        if earlier is not None:
            before = cases.data_of(earlier)
            period = span(before.get("effective_on"), data.get("until") or before.get("until"))
    back_class = SchoolClass.get_or_none(SchoolClass.id == details["class_id"]) if details.get("class_id") else None
    completed = case.status == CaseStatus.COMPLETED.value
    changes = []
    for key, new in (data.get("changes") or {}).items():
        f = STUDENT.get(key)
        if f is None:
            continue
        old = (data.get("old_values") or {}).get(key)
        if old is None and not completed:  # still open: the record holds the old value
            old = display(f, getattr(s, key))
        changes.append({"项目": f.label, "原内容": old or "", "变更后内容": display(f, new)})
    return {
        "案件编号": case.number, "学生姓名": s.name, "性别": codes.SEX.label(s.sex),
        "出生日期": s.birth_date.strftime("%Y-%m-%d") if s.birth_date else "", "民族": codes.ETHNICITY.label(s.ethnicity),
        "身份证件号": s.id_number or "", "学籍号": s.student_number, "年级": grade_name(grade),
        "班级": f"（{klass.number}）班" if klass is not None else "", "家庭住址": s.home_address or s.address or "",
        "联系电话": s.phone or "", "户籍所在地": regions.name_of(s.hukou_place or "") or (s.hukou_place or ""),
        "监护人": [{"称谓": codes.RELATION.label(g.relation), "姓名": g.name or "", "工作单位": g.employer or "",
                  "联系电话": g.phone or ""} for g in s.guardians.order_by(s.guardians.model.position_no)
                 if (g.name or "").strip()][:2],
        "申请类别": _CATEGORIES.get(kind.value, ""), "申请理由": reason,
        "证明材料": list(data.get("evidence_seen") or []),
        "休学起止": period if kind in (CaseKind.SUSPENSION, CaseKind.SUSPENSION_EXTENSION, CaseKind.RESUMPTION) else "",
        "复学年级": grade_name(int(data["return_grade"])) if data.get("return_grade") else "",
        "复学时间": data.get("effective_on") or "" if kind in (CaseKind.RESUMPTION, CaseKind.RETURN_FROM_ABROAD) else "",
        "复学班级": back_class.name if back_class is not None else "",
        "前往国家（地区）": details.get("destination", ""), "借读学校": details.get("host_school", ""),
        "借读起止": span(data.get("effective_on"), data.get("until")) if kind is CaseKind.BORROWED_STUDY else "",
        "借读情形": reason if kind is CaseKind.BORROWED_STUDY else "",
        "退学原因": reason if kind is CaseKind.WITHDRAWAL else "",
        "变更事项": changes, "申请日期": case.opened_on.strftime("%Y-%m-%d"),
        "审批": [{"环节": party_name(st.party), "意见": cases.OUTCOME_LABELS[st.outcome] if st.outcome else "",
                "经办人": st.person, "日期": st.done_on.strftime("%Y-%m-%d") if st.done_on else ""}
               for st in cases.steps(case)],
    }


def print_status_form(ws, form_id: str, case, path: Path) -> Path:
    """A status-change form (休学, 复学, 出国（出境）, 退学, 借读, 关键信息变更) for one case, or blank
    with ``case`` None; raises MissingGlyphError (and writes nothing) rather than drop a character."""
    from .status_forms import STATUS_FORMS, render_status_form

    school = ws.school
    view = status_case_view(ws, case) if case is not None else None

    def draw() -> None:
        render_status_form(form_id, view, {"学校名称": school.name, "学校标识码": school.code}, Path(path),
                           printed_on=ws.today())

    if case is None:  # a blank form holds nobody's data
        draw()
        return Path(path)
    title = STATUS_FORMS[form_id].title if form_id in STATUS_FORMS else form_id
    with access_log.logged(ws, Action.PRINT, f"{title}（{case.number}）", [case.student_id] if case.student_id else [],
                           target=path):
        draw()
    return Path(path)
