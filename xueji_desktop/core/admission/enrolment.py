"""Enrolment (新生注册 / 非新生注册): a draft the wizard fills page by page, checked at every step,
written once on confirmation — the pupil, the family members and the change event in one
transaction, after every rule has been run again on fresh data.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

from peewee import fn

from ...store import fast_insert
from ...store.models import Guardian, SchoolClass, Student
from ..pupils import codes, ids
from ..pupils.fields import GUARDIAN_FIELDS, STUDENT, STUDENT_FIELDS, Kind
from ..pupils.search import build_keys
from ..pupils.status import ON_ROLL, Status
from ..pupils.validation import STANDARD, check_field, check_identity, parse_date
from ..rules.base import finding
from ..rules.findings import Finding, RuleViolation, Severity, blocks, warnings
from ..school.events import Changes, EventKind, changing
from ..school.school import HIGH_GRADES, grade_name, starting_grades
from .enrolment_rules import EnrolmentFacts, PupilRef, all_rules, archive_deadline

MIN_REASON = 4  # characters: a reason is a sentence, not "ok"

IDENTITY_FIELDS = ("id_type", "id_number", "name", "sex", "birth_date", "ethnicity", "nationality", "hmt",
                   "birthplace", "native_place", "hukou_place", "hukou_nature", "health", "political_status",
                   "name_pinyin", "former_name", "id_valid_until")
FAMILY_FIELDS = ("address", "mail_address", "home_address", "phone", "postcode", "email", "only_child",
                 "preschool", "left_behind", "migrant_child", "orphan", "martyr_child", "inclusive",
                 "disability_type")
PLACEMENT_FIELDS = ("school_class", "class_seq", "entry_month", "entry_mode", "study_mode", "source",
                    "speciality", "aux_number", "govt_paid_place", "needs_aid", "one_subsidy",
                    "distance_km", "commute", "school_bus")
PAGES = {
    "route": ("route", "grade", "continued_number"),  # 升学: the earlier 学籍号 belongs with the grade chosen
    "identity": IDENTITY_FIELDS,
    "family": FAMILY_FIELDS + ("guardians",),
    "placement": PLACEMENT_FIELDS,
    "review": (),
}


@dataclass
class EnrolmentDraft:
    new_pupil: bool = True
    grade: int | None = None
    student: dict[str, str] = field(default_factory=dict)  # core.pupils.fields key → text or code
    guardians: list[dict[str, str]] = field(default_factory=lambda: [{}, {}])
    class_id: int | None = None
    entry_date: dt.date | None = None  # defaults to today
    identity_verified: bool = False  # checked against the 户口簿 / police register → G number
    reasons: dict[str, str] = field(default_factory=dict)  # rule id → why the warning is passed
    continued_number: str = ""  # 升学: the primary school's 学籍号, kept for life (a 初一 new pupil)

    def value(self, key: str) -> str:
        v = self.student.get(key)
        if v is None or v == "":
            f = STUDENT.get(key)
            return f.default if f else ""
        return v.strip() if isinstance(v, str) else v


def page_of(finding: Finding) -> str:
    key = (finding.field or "").split(".")[0]
    for page, keys in PAGES.items():
        if key in keys:
            return page
    return "review"


def _guardian_rows(draft: EnrolmentDraft) -> list[tuple[int, dict]]:
    """Family members the registrar started filling (member 1 is always required)."""
    rows = []
    for i, g in enumerate(draft.guardians[:2]):
        if i == 0 or any((v or "").strip() for k, v in g.items() if k not in ("is_guardian", "id_type", "ethnicity")):
            rows.append((i, g))
    return rows


def check_fields(draft: EnrolmentDraft, today: dt.date, placement: bool = True) -> list[Finding]:
    """The record's fields; with `placement`, also that a grade and a class are chosen."""
    found: list[Finding] = []
    for f in STUDENT_FIELDS:
        if f.kind is not Kind.ID_NUMBER:
            found += check_field(f, draft.value(f.key), f.key, today)
    id_type = draft.value("id_type")
    found += check_identity(id_type, draft.value("id_number"), "id_number", today)
    if id_type == codes.RESIDENT_ID and not blocks([x for x in found if x.field == "id_number"]):
        result = ids.check_resident_id(draft.value("id_number"), today)
        birth = parse_date(draft.value("birth_date"))
        if birth and birth != result.birth_date:
            found.append(Finding("id.birth_mismatch", Severity.BLOCK, "birth_date",
                                 f"出生日期 {birth:%Y-%m-%d} 与身份证件号中的 {result.birth_date:%Y-%m-%d} 不一致",
                                 ids.ARTICLE_ID))
        if draft.value("sex") and draft.value("sex") != result.sex_code:
            found.append(Finding("id.sex_mismatch", Severity.BLOCK, "sex",
                                 f"性别与身份证件号第 17 位（{codes.SEX.label(result.sex_code)}）不一致", ids.ARTICLE_ID))
    if draft.value("inclusive") == "1" and not draft.value("disability_type"):
        found.append(Finding("field.disability_type", Severity.BLOCK, "disability_type",
                             "残疾人类型：随班就读学生须填写残疾人类型", STANDARD))
    for i, g in _guardian_rows(draft):
        prefix = f"家庭成员{i + 1}"
        for f in GUARDIAN_FIELDS:
            value = (g.get(f.key) or f.default).strip()
            if f.kind is not Kind.ID_NUMBER:
                found += check_field(f, value, f"guardians.{i}.{f.key}", today, prefix)
        if (g.get("id_number") or "").strip():
            found += check_identity(g.get("id_type") or codes.RESIDENT_ID, g["id_number"],
                                    f"guardians.{i}.id_number", today, prefix)
    if not any((g.get("is_guardian") or "1") == "1" for _, g in _guardian_rows(draft)):
        found.append(Finding("field.guardians", Severity.BLOCK, "guardians",
                             "家庭成员：至少一人须为监护人", "《中小学生学籍管理办法》"))
    if placement and draft.grade is None:
        found.append(Finding("field.grade", Severity.BLOCK, "grade", "年级：请选择注册年级"))
    if placement and draft.class_id is None:
        found.append(Finding("field.school_class", Severity.BLOCK, "school_class", "班级：请选择班级"))
    return found


def gather_facts(ws, draft: EnrolmentDraft) -> EnrolmentFacts:
    today = ws.today()
    number = ids.check_resident_id(draft.value("id_number"), today).number if draft.value("id_number") else ""
    duplicate = None
    if number:
        other = Student.get_or_none(Student.id_number == number)
        duplicate = _ref(other) if other else None
    birth = parse_date(draft.value("birth_date"))
    family = {(g.get("name") or "").strip() for _, g in _guardian_rows(draft)} - {""}
    similar: tuple[PupilRef, ...] = ()
    if birth and family and draft.value("name"):
        rows = (Student.select().join(Guardian)
                .where((Student.name == draft.value("name")) & (Student.birth_date == birth)
                       & (Guardian.name.in_(family)) & (Student.id_number != number)).distinct())
        similar = tuple(_ref(s) for s in rows)
    klass = SchoolClass.get_or_none(SchoolClass.id == draft.class_id) if draft.class_id else None
    return EnrolmentFacts(
        profile=ws.profile, system=ws.system, today=today, new_pupil=draft.new_pupil, grade=draft.grade,
        birth_date=birth, disabled=bool(draft.value("disability_type")) or draft.value("inclusive") == "1",
        duplicate_id=duplicate, similar=similar,
        class_name=klass.name if klass else None,
        class_occupied=occupied(klass) if klass else 0,
        class_capacity=klass.capacity if klass else 0,
    )


def occupied(klass: SchoolClass) -> int:
    return (Student.select().where((Student.school_class == klass) & (Student.status.in_([s.value for s in ON_ROLL])))
            .count())


def _ref(s: Student) -> PupilRef:
    return PupilRef(s.student_number, s.name, s.school_class.name if s.school_class else grade_name(s.grade), s.status)


def check(ws, draft: EnrolmentDraft) -> list[Finding]:
    """Every finding on the draft: field checks, then the region's rules."""
    found = check_fields(draft, ws.today())
    if draft.new_pupil and draft.grade is not None and draft.grade not in starting_grades(ws.kind, ws.system):
        found.append(Finding("field.grade", Severity.BLOCK, "grade",
                             f"年级：新生注册只能在起始年级（{'、'.join(grade_name(g) for g in starting_grades(ws.kind, ws.system))}）"))
    found += all_rules(gather_facts(ws, draft), max(draft.entry_date or ws.today(), ws.today()))
    return found + continued_findings(ws, draft)


CONTINUED_NUMBER = re.compile(r"^[GLJ][0-9A-Z]{18}$")


def continued_findings(ws, draft: EnrolmentDraft) -> list[Finding]:
    """升学 with the earlier school's 学籍号 typed (a school that does not use this program): the number is
    kept for life, so it must be well formed, not already on this school's roll, and the pupil enters the
    first grade of a stage (初一, 高一)."""
    number = draft.continued_number.strip().upper()
    entries = continued_entries(ws)
    if not number:
        rule = entries.get(draft.grade) if draft.new_pupil else None
        if rule and ws.profile.applies(rule):
            earlier = "初中" if draft.grade == HIGH_GRADES[0] else "小学"
            return [finding(ws.profile, rule, "continued_number",
                            f"原学籍号：{grade_name(draft.grade)}新生只能从{earlier}毕业生中升学录取、接续原有学籍："
                            f"请填写其{earlier}学籍号（学年 → 升学接续，或录入学籍号接续）")]
        return []
    found = []
    lifelong = ws.profile.rule("student_number.lifelong").article
    if not CONTINUED_NUMBER.match(number):
        found.append(Finding("continued.number", Severity.BLOCK, "continued_number",
                             f"原学籍号：“{number}”应为 19 位，G、L 或 J 开头，后接 18 位"))
    else:
        holder = Student.get_or_none(Student.student_number == number)
        if holder is not None:
            found.append(Finding("continued.number", Severity.BLOCK, "continued_number",
                                 f"原学籍号：{number} 已是本校学籍中的 {holder.name}，学籍号终身不变，不能再建立学籍",
                                 lifelong))
        id_number = draft.value("id_number").strip().upper()
        if number.startswith("G") and id_number and number[1:] != id_number:
            found.append(Finding("continued.number", Severity.BLOCK, "continued_number",
                                 "原学籍号：G 开头的学籍号由“G + 身份证件号”组成，与所填身份证件号不一致，请核对", lifelong))
    if draft.grade is not None and draft.grade not in entries:
        shown = "、".join(grade_name(g) for g in entries) or "初中或高中的起始年级"
        found.append(Finding("continued.grade", Severity.BLOCK, "grade",
                             f"年级：升学接续只能注册到起始年级（{shown}）"))
    return found


def continued_entries(ws) -> dict[int, str]:
    """The grades a record continues into by 升学 here (初一, 高一), each with the rule that requires it."""
    entries = {ws.system.primary_years + 1: "enrolment.middle_by_promotion",
               HIGH_GRADES[0]: "enrolment.high_by_admission"}
    return {g: rule for g, rule in entries.items() if g in starting_grades(ws.kind, ws.system)}


def unexplained(findings: list[Finding], reasons: dict[str, str]) -> list[Finding]:
    return [f for f in warnings(findings) if len((reasons.get(f.rule) or "").strip()) < MIN_REASON]


def student_number(ws, draft: EnrolmentDraft) -> str:
    if draft.continued_number.strip():  # 升学: the primary school's number, for life
        return draft.continued_number.strip().upper()
    p = ws.profile
    if draft.identity_verified and draft.value("id_type") == codes.RESIDENT_ID:
        return ids.formal_student_number(p.value("student_number.formal_prefix"), draft.value("id_number"))
    prefix = p.value("student_number.temporary_prefix")
    birth = parse_date(draft.value("birth_date"))
    stem = f"{prefix}{ws.school.area_code}{birth:%Y%m%d}"
    taken = Student.select(fn.MAX(Student.student_number)).where(Student.student_number.startswith(stem)).scalar()
    return ids.temporary_student_number(prefix, ws.school.area_code, birth, int(taken[-4:]) + 1 if taken else 1)


def enrol(ws, draft: EnrolmentDraft) -> tuple[Student, Changes]:
    """Writes the pupil, or raises RuleViolation and writes nothing."""
    with changing(ws.db, ws.user, ws.now()) as tx:
        found = check(ws, draft)  # again, inside the write lock, on fresh data
        stop = blocks(found) + unexplained(found, draft.reasons)
        if stop:
            raise RuleViolation(stop)
        continued = draft.continued_number.strip().upper()
        number = continued or student_number(ws, draft)
        route = "升学" if continued else "新生注册" if draft.new_pupil else "非新生注册"
        student, snapshot = write_student(ws, tx, draft, number,
                                          "continued" if continued else "new" if draft.new_pupil else "non_new")
        passed = {f.rule: draft.reasons[f.rule].strip() for f in warnings(found)}
        tx.record(EventKind.STUDENT_ENROLLED,
                  f"{route}：{student.name}，{student.school_class.name}，学籍号 {number}",
                  {"route": route, **snapshot, "identity_verified": draft.identity_verified,
                   "warnings": warning_log(found, passed)},
                  student=student, articles=[f.article for f in found if f.article], reasons=passed,
                  entered_on=draft.entry_date)
        tx.changes.classes = True
    return student, tx.changes


def write_student(ws, tx, draft: EnrolmentDraft, number: str, route: str) -> tuple[Student, dict]:
    """Creates the pupil and family rows from a checked draft (inside the caller's transaction);
    returns the pupil and a snapshot of what was written, for the change event."""
    values = {f.key: _stored(f, draft.value(f.key)) for f in STUDENT_FIELDS}
    if values["id_type"] == codes.RESIDENT_ID:
        values["id_number"] = ids.check_resident_id(values["id_number"]).number
    entry = draft.entry_date or ws.today()
    registered = max(entry, ws.today())  # the archive is due a set time after registration
    klass = SchoolClass.get_by_id(draft.class_id)
    student = fast_insert.create(
        Student, **values, student_number=number, school_class=klass, grade=draft.grade,
        status=Status.ENROLLED.value, entry_date=entry, entry_route=route,
        identity_verified=draft.identity_verified, archive_deadline=archive_deadline(ws.profile, registered),
        search_keys=build_keys(values["name"], values["id_number"], number),
        created_at=tx.now, updated_at=tx.now)
    members = []
    for i, g in _guardian_rows(draft):
        row = {f.key: _stored(f, (g.get(f.key) or f.default).strip()) for f in GUARDIAN_FIELDS}
        fast_insert.create(Guardian, student=student, position_no=i + 1, **row)
        members.append(row)
    snapshot = {"student": {**values, "student_number": number, "grade": draft.grade, "class": klass.name,
                            "entry_date": entry.isoformat()}, "guardians": members}
    return student, snapshot


def rejoin(ws, tx, student: Student, draft: EnrolmentDraft) -> tuple[Student, dict]:
    """A pupil who left returns: the same record and 学籍号 continue (籍随人走); the fields are brought
    up to date from the draft, except the birth date, which never changes once the 学籍 exists."""
    values = {f.key: _stored(f, draft.value(f.key)) for f in STUDENT_FIELDS if f.key != "birth_date"}
    if values["id_type"] == codes.RESIDENT_ID:
        values["id_number"] = ids.check_resident_id(values["id_number"]).number
    klass = SchoolClass.get_by_id(draft.class_id)
    entry = draft.entry_date or ws.today()
    for key, value in values.items():
        setattr(student, key, value)
    student.school_class, student.grade, student.status = klass, draft.grade, Status.ENROLLED.value
    student.entry_date, student.entry_route, student.updated_at = entry, "transfer_in", tx.now
    student.search_keys = build_keys(values["name"], values["id_number"], student.student_number)
    student.save()
    Guardian.delete().where(Guardian.student == student).execute()
    members = []
    for i, g in _guardian_rows(draft):
        row = {f.key: _stored(f, (g.get(f.key) or f.default).strip()) for f in GUARDIAN_FIELDS}
        Guardian.create(student=student, position_no=i + 1, **row)
        members.append(row)
    snapshot = {"student": {**values, "student_number": student.student_number, "grade": draft.grade,
                            "class": klass.name, "entry_date": entry.isoformat()}, "guardians": members,
                "returning": True}
    return student, snapshot


def warning_log(found: list[Finding], passed: dict[str, str]) -> list[dict]:
    """Each warning passed, with its article and the reason given: kept in the event."""
    return [{"rule": f.rule, "message": f.message, "article": f.article, "reason": passed[f.rule]}
            for f in warnings(found)]


def _stored(f, value):
    if f.kind is Kind.DATE:
        return parse_date(value)
    if f.kind is Kind.CODE and value:
        return f.table.code(value) or value
    return value or ""
