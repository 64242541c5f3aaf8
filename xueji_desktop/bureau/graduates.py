"""升学 on the bureau's side: the county's primary graduates, the middle school each primary school named for
them, and the bureau's admission (核准) of each to a middle school of the county.

《黑龙江省实施细则》第十六条: 县级教育行政部门按照当地初中升学政策，核准初中招收学生名单……使其关联对口中学……
初中学校接续管理学生电子学籍档案。同时，毕业学校应保留电子档案备份。《凉山州规定》一(二): 初中、高中阶段的学籍
只能采用升学招生的形式调档，接续原有学籍档案信息.

The graduates are projected from the schools' batches as they are imported (`project`, inside the batch's
transaction): `student_graduated` makes the row, `next_school_set` names the middle school, and a middle
school's `student_continued` (or a 升学 enrolment with the 学籍号 typed) marks the record continued there.
An admission is decided by 科长 (as the bureau's other decisions) in one transaction: the row names the school,
the day, the account and its name, and an `admission` reply item carries the pupil's record and history (the
events the bureau holds for that pupil) to the middle school in its next reply. The primary school keeps its
own copy (it never deletes a graduate's record).
"""

from __future__ import annotations

import datetime as dt
import json
import re
from dataclasses import dataclass

from peewee import JOIN

from . import accounts
from .accounts import BureauPermission
from .case_models import BureauPupil
from .graduate_models import BureauGraduate
from .importer import BureauError
from .projection import add_item
from .store import BureauEvent, BureauStore, RegisteredSchool

ADMISSION = "admission"  # the reply item's kind
ARTICLE = "《黑龙江省实施细则》第十六条"
LAST_PRIMARY_GRADE = 6  # grades by years of schooling: a graduate of grade 5 or 6 left a primary school
OUTCOMES = {"graduated": "毕业", "completed": "结业"}


# ── the list ────────────────────────────────────────────────────────────────────────────────────────────

@dataclass(frozen=True)
class GraduateLine:
    id: int
    school_code: str
    school_name: str
    student_number: str
    name: str
    school_year: int | None
    outcome: str  # 毕业 / 结业
    class_name: str
    next_code: str
    next_name: str
    next_registered: bool  # the named school is registered with the bureau (the admission can reach it)
    admitted_code: str
    admitted_name: str
    admitted_on: dt.date | None
    admitted_by: str
    continued_on: dt.date | None

    @property
    def named(self) -> str:
        return f"{self.next_name}（{self.next_code}）" if self.next_code else ""

    @property
    def state(self) -> str:
        if self.continued_on:
            return f"已接续（{self.continued_on:%Y-%m-%d}）"
        if self.admitted_code:
            return "已核准，待中学接续"
        if not self.next_code:
            return "尚无升入学校"
        if not self.next_registered:
            return "升入学校未在本局登记，由中学录入学籍号接续"
        return "待核准"


def graduate_lines(year: int | None = None, school: str | None = None,
                   without_school: bool = False) -> list[GraduateLine]:
    """The county's primary graduates (the grade left ≤ 6), by school, year, class and 学籍号. `without_school`:
    those whose school has named no middle school yet and whom the bureau has not admitted anywhere."""
    Admitted = RegisteredSchool.alias()
    query = (BureauGraduate.select(BureauGraduate, RegisteredSchool, Admitted)
             .join(RegisteredSchool, on=(BureauGraduate.school == RegisteredSchool.id))
             .switch(BureauGraduate).join(Admitted, JOIN.LEFT_OUTER, on=(BureauGraduate.admitted_to == Admitted.id))
             .where(BureauGraduate.grade.is_null() | (BureauGraduate.grade <= LAST_PRIMARY_GRADE))
             .order_by(RegisteredSchool.code, BureauGraduate.school_year, BureauGraduate.class_name,
                       BureauGraduate.student_number))
    if year is not None:
        query = query.where(BureauGraduate.school_year == year)
    if school:
        query = query.where(RegisteredSchool.code == school)
    if without_school:
        query = query.where((BureauGraduate.next_school_code == "") & BureauGraduate.admitted_to.is_null())
    registered = {c for (c,) in RegisteredSchool.select(RegisteredSchool.code)
                  .where(RegisteredSchool.revoked_at.is_null()).tuples()}
    rows = list(query)
    unnamed = [(g.school_id, g.student_number) for g in rows if not g.name]
    names = {}
    for school_id, number in unnamed:  # named in a later batch than the graduation (rare)
        pupil = BureauPupil.get_or_none((BureauPupil.school == school_id) & (BureauPupil.student_number == number))
        names[(school_id, number)] = pupil.name if pupil else ""
    out = []
    for g in rows:
        admitted = g.admitted_to if g.admitted_to_id else None
        name = g.name or names.get((g.school_id, g.student_number), "")
        out.append(GraduateLine(g.id, g.school.code, g.school.name, g.student_number, name, g.school_year,
                                OUTCOMES.get(g.outcome, g.outcome), g.class_name, g.next_school_code,
                                g.next_school_name, g.next_school_code in registered,
                                admitted.code if admitted else "", admitted.name if admitted else "", g.admitted_on,
                                g.admitted_by, g.continued_on))
    return out


def middle_schools() -> list[RegisteredSchool]:
    """The registered schools an admission can go to (keys not revoked, able to receive replies)."""
    return list(RegisteredSchool.select().where(RegisteredSchool.revoked_at.is_null()
                                                & RegisteredSchool.encryption_public.is_null(False))
                .order_by(RegisteredSchool.code))


# ── admission ───────────────────────────────────────────────────────────────────────────────────────────

@dataclass
class AdmissionResult:
    admitted: list[GraduateLine]
    skipped: list[str]  # Chinese, one per graduate left as it was

    @property
    def lines(self) -> list[str]:
        return [f"核准 {g.name}（{g.student_number}，{g.school_name}）升入{g.admitted_name}" for g in self.admitted] \
            + self.skipped


def _middle(code: str) -> RegisteredSchool:
    school = RegisteredSchool.get_or_none(RegisteredSchool.code == (code or "").strip())
    if school is None:
        raise BureauError(f"升入学校：学校标识码 {code} 未在本局登记，核准结果无法送达；该校可录入学籍号接续")
    if school.revoked_at is not None:
        raise BureauError(f"升入学校：{school.name}（{code}）的密钥已吊销，不能给它发回执")
    if school.encryption_public is None:
        raise BureauError(f"升入学校：{school.name}（{code}）登记的是旧密钥，不能接收回执；请该校重新生成密钥后重新登记")
    return school


def admit(store: BureauStore, middle_code: str, *, students: list[tuple[str, str]] = (),
          from_school: str | None = None, today: dt.date | None = None) -> AdmissionResult:
    """Admits graduates to the middle school `middle_code`, one transaction: the graduates named as
    (school code, 学籍号) pairs, or every graduate of `from_school` whose school named that middle school and
    who is not admitted yet. 科长 decides (BureauPermission.DECIDE); each admission becomes an `admission`
    item of the middle school's next reply, carrying the record and history. BureauError, nothing written,
    when the middle school cannot receive it, a named graduate is unknown, or admitted elsewhere already."""
    account = accounts.require(store, "核准升学", BureauPermission.DECIDE)
    now = store.now().replace(microsecond=0)
    today = today or now.date()
    if bool(students) == bool(from_school):
        raise BureauError("请给出要核准的毕业生（学校代码和学籍号），或一所小学（核准其登记升入该中学的全部毕业生），二者选一")
    with store.db.atomic():
        middle = _middle(middle_code)
        rows, skipped = _chosen(middle, students, from_school)
        if not rows:
            return AdmissionResult([], skipped or [f"没有登记升入{middle.name}且尚未核准的毕业生"])
        histories = _histories(rows)
        admitted = []
        for g in rows:
            pupil = BureauPupil.get_or_none((BureauPupil.school == g.school) & (BureauPupil.student_number
                                                                               == g.student_number))
            archive = {"student_number": g.student_number, "record": pupil.record_dict() if pupil else {},
                       "national": pupil.national_row() if pupil else {},
                       "history": histories.get((g.school_id, g.student_number), []),
                       "school": {"code": g.school.code, "name": g.school.name}}
            payload = {"student_number": g.student_number, "name": g.name or (pupil.name if pupil else ""),
                       "id_number": pupil.id_number if pupil else "",
                       "from_school": {"code": g.school.code, "name": g.school.name},
                       "school_year": g.school_year, "outcome": g.outcome, "grade": g.grade,
                       "class_name": g.class_name, "admitted_on": today.isoformat(), "person": account.display_name,
                       "article": ARTICLE, "archive": archive}
            item = add_item(middle, ADMISSION, payload, now, party="bureau")
            (BureauGraduate.update(admitted_to=middle, admitted_on=today, admitted_at=now,
                                   admitted_by=account.display_name, admitted_account_id=account.id,
                                   admission_item=item).where(BureauGraduate.id == g.id).execute())
        lines = {g.id: g for g in graduate_lines()}
        admitted = [lines[g.id] for g in rows if g.id in lines]
    return AdmissionResult(admitted, skipped)


def _chosen(middle: RegisteredSchool, students, from_school: str | None) -> tuple[list[BureauGraduate], list[str]]:
    base = BureauGraduate.select(BureauGraduate, RegisteredSchool).join(
        RegisteredSchool, on=(BureauGraduate.school == RegisteredSchool.id))
    if from_school:
        primary = RegisteredSchool.get_or_none(RegisteredSchool.code == from_school.strip())
        if primary is None:
            raise BureauError(f"小学：学校标识码 {from_school} 未在本局登记")
        rows = list(base.where((BureauGraduate.school == primary) & (BureauGraduate.next_school_code == middle.code)
                               & BureauGraduate.admitted_to.is_null())
                    .order_by(BureauGraduate.class_name, BureauGraduate.student_number))
        return rows, []
    rows, skipped, problems = [], [], []
    for code, number in students:
        g = base.where((RegisteredSchool.code == code.strip())
                       & (BureauGraduate.student_number == number.strip())).first()
        who = f"学籍号 {number}（学校 {code}）"
        if g is None:
            problems.append(f"{who}：不是本局所知的毕业生")
        elif g.school_id == middle.id:
            problems.append(f"{who}：升入学校不能是其毕业的学校")
        elif g.grade is not None and g.grade > LAST_PRIMARY_GRADE:
            problems.append(f"{who}：是初中毕业生，不在小学升初中之列")
        elif g.admitted_to_id == middle.id:
            skipped.append(f"{g.name}（{g.student_number}）已核准升入{middle.name}，未重复核准")
        elif g.admitted_to_id is not None:
            problems.append(f"{who}：已核准升入{g.admitted_to.name}（{g.admitted_to.code}），不能再核准升入另一所中学")
        else:
            rows.append(g)
    if problems:
        raise BureauError("未核准：" + "；".join(problems))
    return rows, skipped


_NUMBER = re.compile(r'"student_number":"([^"]*)"')


def _histories(rows: list[BureauGraduate]) -> dict[tuple[int, str], list[dict]]:
    """The events the bureau holds for each pupil, oldest first, read in one pass over each school's events."""
    wanted: dict[int, set[str]] = {}
    for g in rows:
        wanted.setdefault(g.school_id, set()).add(g.student_number)
    names = {g.school_id: g.school.name for g in rows}
    out: dict[tuple[int, str], list[dict]] = {}
    for school_id, numbers in wanted.items():
        for (text,) in (BureauEvent.select(BureauEvent.payload).where(BureauEvent.school == school_id)
                        .order_by(BureauEvent.seq).tuples()):
            if not numbers.intersection(_NUMBER.findall(text)):
                continue
            ev = json.loads(text)
            if ev.get("student_number") not in numbers:
                continue
            out.setdefault((school_id, ev["student_number"]), []).append({
                "date": (ev.get("entered_on") or ev.get("created_at") or "")[:10], "kind": ev.get("kind"),
                "summary": ev.get("summary", ""), "school": names[school_id]})
    return out
