"""Rules for creating a 学籍 (RULES.md §1). Numbers, forces and articles come from the profile."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from ..dates.calendar import add_duration, age_on, describe_duration, enrolment_cutoff, in_period
from ..region_profiles.profiles import Profile
from ..rules.base import finding
from ..rules.findings import Finding, Severity
from ..school.school import HIGH_GRADES, SchoolSystem, grade_name, stage_key


@dataclass(frozen=True)
class PupilRef:
    student_number: str
    name: str
    class_name: str
    status: str = ""  # core.pupils.status.Status value


@dataclass(frozen=True)
class EnrolmentFacts:
    """What the rules need to know, gathered from the database by the service."""

    profile: Profile
    system: SchoolSystem
    today: dt.date
    new_pupil: bool  # 新生注册 (starting grade) or 非新生注册
    grade: int | None
    birth_date: dt.date | None
    disabled: bool
    duplicate_id: PupilRef | None = None
    similar: tuple[PupilRef, ...] = ()  # same name + birth date + a family member's name
    class_name: str | None = None
    class_occupied: int = 0  # pupils on the roll in the chosen class
    class_capacity: int = 0  # places the school planned for it


def age_rules(f: EnrolmentFacts) -> list[Finding]:
    if f.birth_date is None or f.grade is None:
        return []
    p = f.profile
    cutoff = enrolment_cutoff(f.today, p.value("enrolment.age_cutoff"))
    age = age_on(f.birth_date, cutoff)
    at = f"{cutoff.month}月{cutoff.day}日"
    found: list[Finding] = []
    if f.new_pupil and f.grade == 1:
        minimum = p.value("enrolment.min_age")
        if age < minimum:
            found.append(finding(p, "enrolment.min_age", "birth_date",
                                 f"出生日期：截至{cutoff.year}年{at}未满 {minimum} 周岁（{age} 周岁），不得进行新生注册"))
        elif age > p.value("enrolment.usual_max_age"):
            if f.disabled and p.applies("enrolment.disabled_max_age"):
                limit = p.value("enrolment.disabled_max_age")
                if age > limit:
                    found.append(finding(p, "enrolment.disabled_max_age", "birth_date",
                                         f"出生日期：已 {age} 周岁，超过 {limit} 周岁的残疾人不纳入义务教育范畴"))
            else:
                found.append(finding(p, "enrolment.usual_max_age", "birth_date",
                                     f"出生日期：截至{at}已满 {age} 周岁，超过一般入学年龄 "
                                     f"{p.value('enrolment.usual_max_age')} 周岁，请说明原因（如延缓入学）"))
    elif not f.new_pupil:
        expected = age - p.value("enrolment.min_age") + 1
        tolerance = p.value("enrolment.grade_age_tolerance")
        if abs(f.grade - expected) > tolerance:
            shown = grade_name(expected) if 1 <= expected <= 12 else f"{expected} 年级"
            found.append(finding(p, "enrolment.grade_age_tolerance", "grade",
                                 f"年级：{age} 周岁对应{shown}，注册为{grade_name(f.grade)}与年龄不符"
                                 f"（最多相差 {tolerance} 个年级）"))
    return found


def period_rule(f: EnrolmentFacts) -> list[Finding]:
    if not f.new_pupil:
        return []
    p = f.profile
    window = p.value("enrolment.period")
    if in_period(f.today, window["start"], window["end"]):
        return []
    severity = Severity(p.rule("enrolment.period").force or "warn")
    return [finding(p, "enrolment.period", "route",
                    f"注册日期：今天不在秋季招生期（{_md(window['start'])}至{_md(window['end'])}）内。"
                    + period_advice(p, severity))]


def period_advice(profile: Profile, severity: Severity) -> str:
    """What to do instead of a 新生注册 outside the period: the 非新生注册 where the region provides it,
    and where the rule only warns (原则上), the reason to record. The period's own article follows the
    last clause when the finding is shown."""
    parts = []
    if profile.applies("enrolment.grade_age_tolerance"):
        rule = profile.rule("enrolment.grade_age_tolerance")
        parts.append("不是进入起始年级的学生，请在“注册方式”中改选“非新生注册”，按年龄对应的年级注册"
                     + (f"（{rule.article}）" if rule.article else ""))
    if severity is Severity.BLOCK:
        parts.append("新生只能在招生期内注册，不得在非招生期间注册")
    else:
        parts.append("新生原则上在招生期内注册；确需现在注册的，请在“核对确认”页填写原因，记入变更记录")
    return "；".join(parts)


def duplicate_rules(f: EnrolmentFacts) -> list[Finding]:
    found = []
    d = f.duplicate_id
    if d and d.status in LEFT_BY_GRADUATION and f.profile.applies("enrolment.no_graduate_reenrolment"):
        found.append(finding(f.profile, "enrolment.no_graduate_reenrolment", "id_number",
                             f"身份证件号：{d.name}（{d.student_number}）已在本校{LEFT_BY_GRADUATION[d.status]}，"
                             "不得招收已毕业的学生回校重读", ref=d.student_number))
    elif d:
        found.append(finding(f.profile, "enrolment.duplicate_id", "id_number",
                             f"身份证件号：已有学籍 {d.student_number}（{d.name}，{d.class_name}），不得重复建立学籍",
                             ref=d.student_number))
    for d in f.similar:
        found.append(finding(f.profile, "enrolment.duplicate_person", "guardians",
                             f"疑似重复：已有同名同出生日期、同一家庭成员的学生 {d.name}（{d.student_number}，"
                             f"{d.class_name}），请核对是否为同一人", ref=d.student_number))
    return found


LEFT_BY_GRADUATION = {"graduated": "毕业", "completed": "结业"}


def class_rules(f: EnrolmentFacts) -> list[Finding]:
    if f.class_name is None or f.grade is None:
        return []
    return class_size_findings(f.profile, f.system, f.grade, f.class_name, f.class_occupied, f.class_capacity)


def class_size_findings(profile: Profile, system: SchoolSystem, grade: int, class_name: str, occupied: int,
                        capacity: int | None) -> list[Finding]:
    """One more pupil in a class: over the maximum, over the standard, over the school's plan.

    Shared by enrolment and transfers in; ``capacity`` None skips the plan check."""
    stage = stage_key(grade, system)
    p = profile
    after = occupied + 1
    max_key = f"class_size.{stage}_max"
    if grade == HIGH_GRADES[0] and p.applies("class_size.high_first_year_max"):
        max_key = "class_size.high_first_year_max"  # 长治 第十三条: 高一 limited to 50
    maximum, standard = p.value(max_key), p.value(f"class_size.{stage}_standard")
    if after > maximum:
        return [finding(p, max_key, "school_class",
                        f"班级：{class_name}已有 {occupied} 人，班额上限 {maximum} 人")]
    if after > standard:
        return [finding(p, f"class_size.{stage}_standard", "school_class",
                        f"班级：{class_name}将有 {after} 人，超过标准班额 {standard} 人")]
    if capacity is not None and after > capacity:
        return [finding(p, f"class_size.{stage}_standard", "school_class",
                        f"班级：{class_name}计划 {capacity} 人已满，将有 {after} 人",
                        severity=Severity.WARN)]
    return []


def archive_deadline(profile: Profile, entry: dt.date) -> dt.date:
    return add_duration(entry, profile.value("enrolment.archive_deadline"))


def deadline_rule(f: EnrolmentFacts, entry: dt.date) -> list[Finding]:
    p = f.profile
    due = archive_deadline(p, entry)
    span = describe_duration(p.value("enrolment.archive_deadline"))
    return [finding(p, "enrolment.archive_deadline", None,
                    f"学籍档案须在入学后 {span}内建立：截止 {due:%Y-%m-%d}", severity=Severity.INFO)]


def all_rules(f: EnrolmentFacts, entry: dt.date) -> list[Finding]:
    return age_rules(f) + period_rule(f) + duplicate_rules(f) + class_rules(f) + deadline_rule(f, entry)


def _md(mmdd: str) -> str:
    month, day = (int(x) for x in mmdd.split("-"))
    return f"{month}月{day}日"
