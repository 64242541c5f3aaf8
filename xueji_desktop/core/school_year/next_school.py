"""The middle school each graduate goes on to (升学), as the primary school records it: per pupil or for a
whole graduating class, by the receiving school's 学校标识码 and name.

The bureau reads it from the school's next batch (one `next_school_set` event per pupil) and lists the
county's graduates with and without a middle school; it is the bureau that admits (核准) each pupil to a
middle school and links the record there (《黑龙江省实施细则》第十六条: 县级教育行政部门……核准初中招收学生名单……
使其关联对口中学; 《凉山州规定》一(二)、三(二): 从上一教育阶段毕业生中录取，直接接续原有学籍档案信息).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ...store.models import Graduate, Student
from ..accounts.roles import Permission
from ..school.events import Changes, EventKind, changing

CODE_ARTICLE = "教育部《学校标识码》"
NAME_MAX = 100


class NextSchoolError(Exception):
    """The receiving school cannot be recorded as given; `problems` name each field or pupil. Nothing written."""

    def __init__(self, problems: list[str]):
        self.problems = problems
        super().__init__("；".join(problems))

    @property
    def message(self) -> str:
        return "未登记升入学校：" + "；".join(self.problems)


@dataclass(frozen=True)
class GraduateClass:
    """A graduating class of one school year, as the window offers it."""

    school_year: int
    class_name: str
    pupils: int
    named: int  # pupils with a receiving school recorded
    schools: tuple[str, ...]  # the receiving schools named, "名称（标识码）"

    @property
    def label(self) -> str:
        return f"{self.school_year}—{self.school_year + 1}学年 {self.class_name or '（未分班）'}"


def graduate_classes() -> list[GraduateClass]:
    """The graduating classes, newest year first, with how many of their pupils have a receiving school."""
    groups: dict[tuple[int, str], list[Graduate]] = {}
    for g in Graduate.select().order_by(Graduate.school_year.desc(), Graduate.class_name):
        groups.setdefault((g.school_year, g.class_name), []).append(g)
    out = []
    for (year, name), rows in groups.items():
        schools = sorted({f"{g.next_school_name}（{g.next_school_code}）" for g in rows if g.next_school_code})
        out.append(GraduateClass(year, name, len(rows), sum(1 for g in rows if g.next_school_code), tuple(schools)))
    return out


def check_school(ws, code: str, name: str) -> list[str]:
    problems = []
    if not re.fullmatch(r"\d{10}", code):
        problems.append(f"学校标识码：应为 10 位数字（{CODE_ARTICLE}），而不是“{code}”" if code
                        else "学校标识码：请填写升入学校的学校标识码（10 位数字）")
    elif code == ws.school.code:
        problems.append(f"学校标识码：{code} 是本校的标识码，请填写升入的中学")
    if not name:
        problems.append("学校名称：请填写升入学校的名称")
    elif len(name) > NAME_MAX:
        problems.append(f"学校名称：超过 {NAME_MAX} 个字")
    return problems


def _chosen(class_name: str | None, student_numbers: list[str], school_year: int | None) -> tuple[list[Graduate],
                                                                                                     list[str]]:
    problems: list[str] = []
    query = Graduate.select(Graduate, Student).join(Student)
    if class_name:
        rows = query.where(Graduate.class_name == class_name)
        years = sorted({g.school_year for g in rows}, reverse=True)
        if not years:
            return [], [f"班级：没有“{class_name}”的毕业生"]
        year = school_year if school_year is not None else years[0]
        chosen = [g for g in rows if g.school_year == year]
        if not chosen:
            problems.append(f"班级：{year}—{year + 1}学年没有“{class_name}”的毕业生")
        return sorted(chosen, key=lambda g: g.student.student_number), problems
    found = {g.student.student_number: g for g in query.where(Student.student_number.in_(student_numbers))}
    for number in student_numbers:
        if number not in found:
            problems.append(f"学籍号 {number}：不是本校的毕业（结业）学生")
    return [found[n] for n in student_numbers if n in found], problems


def set_next_school(ws, code: str, name: str, *, class_name: str | None = None,
                    student_numbers: list[str] | tuple[str, ...] = (), school_year: int | None = None
                    ) -> tuple[int, Changes]:
    """Records `code`/`name` as the receiving school of a graduating class (`class_name`, of `school_year` or
    the latest year that class graduated) or of the graduates named by 学籍号, all in one transaction with a
    `next_school_set` event per pupil whose school changes. Returns (pupils changed, changes);
    NextSchoolError naming each problem, nothing written."""
    ws.require("登记升入学校", Permission.WORKFLOWS)
    code, name = (code or "").strip(), (name or "").strip()
    numbers = list(dict.fromkeys(n.strip() for n in student_numbers if n and n.strip()))
    problems = check_school(ws, code, name)
    if bool(class_name) == bool(numbers):
        problems.append("请选择一个毕业班，或给出学生的学籍号（二者选一）")
        raise NextSchoolError(problems)
    with changing(ws.db, ws.user, ws.now()) as tx:
        chosen, more = _chosen(class_name, numbers, school_year)
        problems += more
        if problems:
            raise NextSchoolError(problems)
        changed = 0
        for g in chosen:
            if (g.next_school_code, g.next_school_name) == (code, name):
                continue
            before = {"code": g.next_school_code, "name": g.next_school_name}
            Graduate.update(next_school_code=code, next_school_name=name).where(Graduate.id == g.id).execute()
            tx.record(EventKind.NEXT_SCHOOL_SET,
                      f"升入学校：{name}（{code}）" + (f"，原为 {before['name']}（{before['code']}）"
                                                     if before["code"] else ""),
                      {"code": code, "name": name, "before": before, "school_year": g.school_year,
                       "class_name": g.class_name}, student=g.student)
            changed += 1
    return changed, tx.changes
