"""To-do items of a school with 高中 where its region's text sets them (长治):

* ``high_no_show`` — 高一 admissions not continued once the report deadline passed (第十二条: 开学后10个工作日);
* ``auto_withdrawal`` — 高中 pupils whose 无故缺席 this term reaches 第三十一条 (more than 8 weeks running, or
  10 in all);
* ``probation`` — a 高中 pupil's 留校察看 ending within 15 days or ended and not revoked (第四十条: no
  improvement within the year → 开除学籍);
* ``diplomas`` — from March, the 高中 diplomas to be approved, numbered and sealed by the city by 31 May
  (第三十六条);
* ``ethnic_stream`` — 凉山 六: a 一类模式 school's 高一 roll and 中考 results to the prefecture by 25 August.

Each source is a function of the to-do list's context (core.overview.todo._Context)."""

from __future__ import annotations

import datetime as dt

from peewee import fn

from ...store.models import Absence, Discipline, Student
from ..admission.continuation import admissions, report_deadline
from ..dates.calendar import month_day
from ..discipline.discipline_rules import PROBATION, PUNISHMENT
from ..dropout_control.attendance import Kind, SchoolDays
from ..dropout_control.term_absence import counted_term, term_absence
from ..pupils.status import Status
from ..school.school import HIGH_GRADES, grades_taught

PROBATION_NOTICE_DAYS = 15
DIPLOMA_NOTICE_FROM = "03-01"
ROLL_NOTICE_DAYS = 30
PRIORITY_LOW = 6


def high_no_shows(c) -> None:
    deadline = report_deadline(c.ws, c.cal)
    if deadline is None or c.today < deadline - dt.timedelta(days=20):
        return
    waiting = [a for a in admissions(waiting_only=True) if a.to_high]
    if not waiting:
        return
    rule = c.ws.profile.rule("enrolment.high_no_show")
    names = "、".join(a.name for a in waiting[:5]) + ("等" if len(waiting) > 5 else "")
    passed = c.today > deadline
    c.add("high_no_show", f"高一新生 {len(waiting)} 人{'逾期' if passed else '尚'}未报到",
          f"{names}：开学后 {rule.value} 个工作日内（至 {deadline:%Y-%m-%d}）不到校办理入学手续、又不办理延期手续的，"
          f"取消其入学资格（{rule.article}）；在“学年 → 升学接续”中接续已报到的，取消未报到的", deadline,
          ("admissions", None), who="高一新生")


def auto_withdrawals(c) -> None:
    p = c.ws.profile
    if not p.applies("withdrawal.high_auto"):
        return
    v, rule = p.value("withdrawal.high_auto"), p.rule("withdrawal.high_auto")
    per = int(v["school_days_per_week"])
    run_need, total_need = int(v["consecutive_weeks"]) * per, int(v["total_weeks"]) * per
    term = counted_term(SchoolDays.for_workspace(c.ws), c.today)
    counted = fn.COUNT(Absence.id)
    many = (Absence.select(Absence.student, counted).join(Student)
            .where((Absence.kind == Kind.UNEXCUSED.value) & Absence.day.between(term.start, term.end)
                   & Student.grade.in_(HIGH_GRADES) & (Student.status == Status.ENROLLED.value))
            .group_by(Absence.student).having(counted > run_need).tuples())
    for student_id, _total in many:
        a = term_absence(c.ws, student_id, c.today)
        if a.longest_run <= run_need and a.total < total_need:
            continue
        s = Student.get_by_id(student_id)
        c.add("auto_withdrawal", "旷课已达到自动退学条件",
              f"{term.label}无故缺席连续最长 {a.longest_run} 个、累计 {a.total} 个上课日；其间经学校与家长多次联系帮助"
              f"教育无效的，报县、市教育行政主管部门批准后按自动退学处理（{rule.article}）", None,
              ("student", student_id), who=f"{s.name}（{s.student_number}）", priority=0, alert=True)


def probations(c) -> None:
    p = c.ws.profile
    if not p.applies("punishment.high_probation_max"):
        return
    rule = p.rule("punishment.high_probation_max")
    soon = c.today + dt.timedelta(days=PROBATION_NOTICE_DAYS)
    for d in (Discipline.select(Discipline, Student).join(Student)
              .where((Discipline.kind == PUNISHMENT) & (Discipline.level == PROBATION) & Discipline.revoked_on.is_null()
                     & Discipline.ends_on.is_null(False) & (Discipline.ends_on <= soon)
                     & Student.grade.in_(HIGH_GRADES) & (Student.status == Status.ENROLLED.value))):
        c.add("probation", "留校察看期满：撤销处分或报批开除学籍",
              f"留校察看至 {d.ends_on:%Y-%m-%d}；有改正表现的撤销处分，仍无改正表现的应开除学籍，"
              f"报市级教育主管部门批准（{rule.article}：{rule.note}）", d.ends_on, ("student", d.student_id),
              who=f"{d.student.name}（{d.student.student_number}）")


def diplomas(c) -> None:
    p = c.ws.profile
    if not p.applies("certificates.high_diploma_sealed_by"):
        return
    due = month_day(c.today.year, p.value("certificates.high_diploma_sealed_by"))
    if not month_day(c.today.year, DIPLOMA_NOTICE_FROM) <= c.today <= due:
        return
    seniors = Student.select().where((Student.grade == HIGH_GRADES[-1])
                                     & (Student.status == Status.ENROLLED.value)).count()
    if not seniors:
        return
    rule = p.rule("certificates.high_diploma_sealed_by")
    c.add("diplomas", "高中毕业证书：报市教育局核准、编号、验印",
          f"高三在校 {seniors} 人；准予毕业的学生名单与毕业资格审核结果报市教育局，{rule.quote}（{rule.article}）",
          due, ("year_end", None), who="高三年级")


def ethnic_stream_roll(c) -> None:
    """凉山 六: a 一类模式 普通高中 files its 高一 admissions with the prefecture by 25 August (a school of the other
    stream has nothing to file: the item says so)."""
    p = c.ws.profile
    if not p.applies("ethnic_stream.high_roll_filing_by") or HIGH_GRADES[0] not in grades_taught(c.ws.kind, c.ws.system):
        return
    due = month_day(c.today.year, p.value("ethnic_stream.high_roll_filing_by"))
    if not due - dt.timedelta(days=ROLL_NOTICE_DAYS) <= c.today <= due:
        return
    rule = p.rule("ethnic_stream.high_roll_filing_by")
    c.add("ethnic_stream", "一类模式学校：报送高一新生名册和中考成绩汇总表",
          f"{rule.quote}（{rule.article}）；{rule.note}非一类模式学校无需报送", due, ("admissions", None),
          who="高一新生", priority=PRIORITY_LOW)


SOURCES = (high_no_shows, auto_withdrawals, probations, diplomas, ethnic_stream_roll)
