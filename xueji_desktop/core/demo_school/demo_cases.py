"""Transfer cases for the demo school, made through the transfer service on their own dates:
one completed transfer in, one transfer in waiting on the bureau (late by now), one transfer out
waiting on this school's own decision."""

from __future__ import annotations

import datetime as dt

from ...store.models import SchoolClass, Student
from ..admission.enrolment import EnrolmentDraft
from ..casework import cases
from ..casework.cases import CaseKind, StepDecision
from ..pupils.ids import make_id_number
from ..pupils.status import Status
from ..rules.findings import Severity
from ..school.school import grades_taught
from ..transfers import transfer
from ..transfers.transfer import OtherSchool, TransferDraft
from ..transfers.transfer_rules import allowed_reasons, evidence_for

REASON = "随父母工作调动迁居，户口已迁入本县，材料齐全，经县教育局同意"


def _at(ws, day: dt.date) -> None:
    ws.clock = lambda: dt.datetime.combine(day, dt.time(10, 0))


def _incoming(ws, name: str, sex: str, birth: dt.date, grade: int, region: str, father: str, phone: str,
              other: OtherSchool) -> TransferDraft:
    number = make_id_number(region, birth, 123 if sex == "1" else 124)
    klass = (SchoolClass.in_use().where(SchoolClass.grade == grade).order_by(SchoolClass.number).first())
    pupil = EnrolmentDraft(new_pupil=False, grade=grade, identity_verified=True, class_id=klass.id)
    address = "柳河镇新兴街12号"
    pupil.student = {"name": name, "sex": sex, "birth_date": birth.isoformat(), "id_type": "1", "id_number": number,
                     "ethnicity": "01", "birthplace": region, "native_place": region, "hukou_place": ws.school.area_code,
                     "hukou_nature": "2", "entry_month": f"{ws.today().year - grade + 1}-09", "address": address,
                     "mail_address": address, "home_address": address, "phone": phone, "postcode": "150800"}
    father_id = make_id_number(region, dt.date(birth.year - 31, 3, 18), 357)
    pupil.guardians = [{"name": father, "relation": "51", "phone": phone, "is_guardian": "1",
                        "employer": "方正县林业局", "id_type": "1", "id_number": father_id},
                       {"name": "李秀梅", "relation": "52", "phone": phone[:-4] + "6620", "is_guardian": "1",
                        "employer": "柳河镇卫生院", "id_type": "1",
                        "id_number": make_id_number(region, dt.date(birth.year - 29, 7, 2), 442)}]
    reason = allowed_reasons(ws.profile)[0]["id"]
    return TransferDraft(direction="in", pupil=pupil, incoming_number="G" + number, other_school=other,
                         grade_from=grade, grade_to=grade, reason_id=reason,
                         evidence_seen=evidence_for(ws.profile, reason))


def _open(ws, draft: TransferDraft):
    day = ws.today()
    draft.other_school_agreed, draft.exam_period = True, False
    draft.filed_on = day - dt.timedelta(days=(day.weekday() - 1) % 7)  # the Tuesday filing, where asked
    draft.declared = {d.id: False for d in transfer.questions(ws, draft)}
    draft.reasons = {f.rule: REASON for f in transfer.check(ws, draft) if f.severity is Severity.WARN}
    return transfer.open_transfer(ws, draft)[0]


CITY_PERSON = "市教育局 周海燕"  # a 高中 pupil's city-bureau step (长治 第三条、第十八条)


def _approve(ws, case, days: list[dt.date], people: list[str]) -> None:
    for day, person, step in zip(days, people, cases.steps(case)):
        person = CITY_PERSON if step.party == "city_bureau" else person
        _at(ws, day)
        transfer.record_step(ws, case.id, StepDecision(step.party, day, person, "approved"))  # any kind of case


def demo_grade(ws, wanted: int) -> int:
    """The grade the demo's cases use: `wanted` (3, 4, 5) where the school teaches it, else its first,
    second and second-to-last grades (a school without primary grades)."""
    taught = grades_taught(ws.kind, ws.system)
    if wanted in taught:
        return wanted
    return {3: taught[0], 4: taught[1]}.get(wanted, taught[-2])


def _other(place: str, stage_grade: int, area: str, phone: str) -> OtherSchool:
    ending = "第三中学" if stage_grade >= 7 else "小学"
    return OtherSchool(f"{place}{ending}", area, phone)


def seed_cases(ws) -> int:
    """Returns how many cases were opened; the clock is left where it was."""
    clock = ws.clock
    first, second, leaving_grade = demo_grade(ws, 4), demo_grade(ws, 5), demo_grade(ws, 3)
    harbin = _other("哈尔滨市道里区光芒", leaving_grade, "230102", "0451-84601234")
    mudanjiang = _other("牡丹江市东安区东安", second, "231002", "0453-6912345")
    _at(ws, dt.date(2026, 9, 2))
    done = _open(ws, _incoming(ws, "韩雨桐", "2", dt.date(2021 - first, 5, 14), first, "230102", "韩志强",
                               "13845120317", _other("哈尔滨市道里区光芒", first, "230102", "0451-84601234")))
    _approve(ws, done, [dt.date(2026, 9, 3), dt.date(2026, 9, 7), dt.date(2026, 9, 9), dt.date(2026, 9, 11),
                        dt.date(2026, 9, 14)],
             ["王丽华", "方正县教育局 刘建军", "光芒小学 赵敏", "道里区教育局 孙立新", CITY_PERSON])
    _at(ws, dt.date(2026, 10, 12))
    waiting = _open(ws, _incoming(ws, "欧阳子轩", "1", dt.date(2021 - second, 2, 3), second, "231002", "欧阳平",
                                  "13904535521", mudanjiang))
    _approve(ws, waiting, [dt.date(2026, 10, 13)], ["王丽华"])
    leaving = (Student.select().where((Student.grade == leaving_grade) & (Student.status == Status.ENROLLED.value))
               .order_by(Student.id).first())
    _at(ws, dt.date(2026, 11, 2))
    out = TransferDraft(direction="out", student_id=leaving.id, other_school=harbin, grade_from=leaving_grade,
                        grade_to=leaving_grade,
                        reason_id=allowed_reasons(ws.profile)[0]["id"],
                        evidence_seen=evidence_for(ws.profile, allowed_reasons(ws.profile)[0]["id"]))
    outgoing = _open(ws, out)
    _approve(ws, outgoing, [dt.date(2026, 11, 4), dt.date(2026, 11, 9)], ["光芒小学 赵敏", "道里区教育局 孙立新"])
    opened = 3 + _seed_suspensions(ws)
    ws.clock = clock
    return opened


def _seed_suspensions(ws) -> int:
    """One pupil suspended since September whose term ends in December (due to resume), one
    application waiting for the bureau; made through the status-change service."""
    from ..changes import status_change
    from ..changes.status_change import ChangeDraft
    from ..changes.status_rules import evidence_for, questions

    def draft(student, start, until) -> ChangeDraft:
        d = ChangeDraft(kind=CaseKind.SUSPENSION, student_id=student.id, applied_on=start, effective_on=start,
                        until=until, ground_id=ws.profile.value("suspension.grounds")[0]["id"],
                        note="住院治疗，遵医嘱休养")
        d.evidence_seen = evidence_for(ws, d)
        d.declared = {q.id: False for q in questions(ws, d)}
        d.reasons = {f.rule: REASON for f in status_change.check(ws, d) if f.severity is Severity.WARN}
        return d

    pupils = list(Student.select().where((Student.grade == demo_grade(ws, 5)) & (Student.status == Status.ENROLLED.value))
                  .order_by(Student.id).limit(2))
    _at(ws, dt.date(2026, 9, 7))
    first, _ = status_change.open_change(ws, draft(pupils[0], dt.date(2026, 9, 7), dt.date(2026, 12, 6)))
    _approve(ws, first, [dt.date(2026, 9, 8), dt.date(2026, 9, 14)], ["王丽华", "方正县教育局 刘建军"])
    _at(ws, dt.date(2026, 11, 16))
    second, _ = status_change.open_change(ws, draft(pupils[1], dt.date(2026, 11, 16), dt.date(2027, 7, 10)))
    _approve(ws, second, [dt.date(2026, 11, 17)], ["王丽华"])
    return 2


def seed_high_records(ws, rng) -> int:
    """长治: the 高三 pupils' graduation conditions as a registrar would have them by the autumn: most complete,
    a few short of credits, a subject at D (a re-sit to come), or fitness not yet met. Returns how many."""
    from ..school_year import high_graduation as hg

    if not hg.applies(ws.profile):
        return 0
    need = hg.requirements(ws.profile)
    pupils = hg.seniors()
    for s in pupils:
        items = {"必修学分": str(need["credits_required"] + rng.choice((0, 0, 2, 4))),
                 "选修学分": str(need["credits_elective"] + rng.choice((0, 2))),
                 "校本选修学分": str(need["credits_school"] + rng.choice((0, 1))),
                 "基础素养评价": "合格", "体育合格": "是", "劳动与社会实践": "是",
                 **{subject: rng.choice("AABBBC") for subject in need["subjects"]}}
        roll = rng.random()
        if roll < 0.05:
            items["必修学分"] = str(need["credits_required"] - rng.randint(2, 8))
        elif roll < 0.10:
            items[rng.choice(need["subjects"])] = "D"
        elif roll < 0.13:
            items["体育合格"] = "否"
        hg.set_record(ws, s.id, items)
    return len(pupils)
