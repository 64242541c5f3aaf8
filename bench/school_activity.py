"""A school's random everyday work through the real services: enrolments, routine information changes,
status-change cases (休学, 复学, 出国, 回国, 关键信息变更) and transfers in and out, approved step by step.

Used by the exchange round-trip test (tests/test_exchange_roundtrip.py) and by the exchange benchmarks
(bench/exchange.py). Everything goes through the domain's workflows; an action the rules refuse (a full class,
a pupil with an open case …) is skipped and another is drawn, so a seed always gives the same history.
"""

from __future__ import annotations

import datetime as dt
import random
from collections import Counter

from xueji_desktop.core.admission import enrolment
from xueji_desktop.core.admission.enrolment import EnrolmentDraft
from xueji_desktop.core.casework import cases
from xueji_desktop.core.casework.cases import CaseKind, CaseStatus, StepDecision
from xueji_desktop.core.changes import info_change, status_change
from xueji_desktop.core.changes.status_change import ChangeDraft
from xueji_desktop.core.changes.status_rules import evidence_for, questions
from xueji_desktop.core.pupils import ids
from xueji_desktop.core.pupils.status import ON_ROLL
from xueji_desktop.core.rules.findings import RuleViolation, warnings
from xueji_desktop.core.transfers import transfer
from xueji_desktop.core.transfers.transfer import OtherSchool, TransferDraft
from xueji_desktop.core.transfers.transfer_rules import allowed_reasons
from xueji_desktop.store.models import Case, Event, SchoolClass, Student

SURNAMES = "王李张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗梁宋郑谢韩唐冯于董萧程曹袁邓许傅沈曾彭吕"
GIVEN = "伟芳娜秀英敏静丽强磊军洋勇艳杰娟涛明超秀兰霞平刚桂英华玉萍红娥玲芬燕彩春菊兰凤洁梅琳素云莲真环雪荣爱妹霞香月莺媛艳瑞凡佳嘉琼勤珍贞莉桂娣叶璧璐娅琦晶妍茜秋珊莎锦黛青倩婷姣婉娴瑾颖露瑶怡婵雁蓓纨仪荷丹蓉眉君琴蕊薇菁梦岚苑婕馨瑗琰韵融园艺咏卿聪澜纯毓悦昭冰爽琬茗羽希宁欣飘育滢馥筠柔竹霭凝晓欢霄枫芸菲寒伊亚宜可姬舒影荔枝思丽"
TOWNS = ("柳树镇柳树村", "城关镇北街", "东风乡红旗村", "河口镇新民村", "太平镇太平村")
REASON = "随机测试：已与家长核实"
NOTE = "材料不全，不予同意"
PERSONS = ("王校长", "李科长", "赵主任", "孙校长")


class Activity:
    """Draws actions from `rng` and runs them on `ws` (a signed-in Workspace whose clock stands still)."""

    def __init__(self, ws, rng: random.Random, region: str | None = None):
        self.ws, self.rng = ws, rng
        self.region = region or ws.school.area_code
        self.day = ws.today()
        self.numbers = iter(range(1, 10 ** 6))
        self.done: Counter = Counter()
        self.skipped: Counter = Counter()
        self.classes = {g: [k.id for k in SchoolClass.select().where(SchoolClass.grade == g)]
                        for g in range(1, 10)}
        self.reason_id = allowed_reasons(ws.profile)[0]["id"]

    # --- helpers ----------------------------------------------------------------------------------------
    def _name(self) -> str:
        r = self.rng
        return r.choice(SURNAMES) + "".join(r.choice(GIVEN) for _ in range(r.choice((1, 2))))

    def _pupil(self, grade: int, region: str | None = None) -> EnrolmentDraft:
        n = next(self.numbers)
        year = self.day.year - 6 - grade + (1 if grade == 1 else 0)
        birth = dt.date(year, 1, 1) + dt.timedelta(days=n % 200 + 30)
        region = region or self.region
        number = ids.make_id_number(region, birth, n // 200 % 1000)
        town = self.rng.choice(TOWNS)
        draft = EnrolmentDraft(new_pupil=grade == 1, grade=grade, identity_verified=True)
        draft.student = {
            "name": self._name(), "sex": "1" if int(number[16]) % 2 else "2", "birth_date": birth.isoformat(),
            "id_type": "1", "id_number": number, "ethnicity": "01", "birthplace": region, "native_place": region,
            "hukou_place": region, "hukou_nature": self.rng.choice("12"), "entry_month": f"{self.day:%Y-%m}",
            "address": f"{town}{n % 9 + 1}组", "mail_address": f"{town}{n % 9 + 1}组",
            "home_address": f"{town}{n % 9 + 1}组", "phone": f"139{self.rng.randrange(10 ** 8):08d}",
            "postcode": "115005"}
        draft.guardians = [{"name": self._name(), "relation": self.rng.choice(("51", "52")),
                            "phone": draft.student["phone"], "is_guardian": "1"}, {}]
        draft.class_id = self.rng.choice(self.classes[grade])
        draft.reasons = {}
        return draft

    def _pick(self, query):
        rows = list(query)
        return self.rng.choice(rows) if rows else None

    def _free(self, query):
        """A pupil from `query` with no open case."""
        busy = {c.student_id for c in Case.select(Case.student).where(Case.status == CaseStatus.OPEN.value)}
        return self._pick(s for s in query if s.id not in busy)

    def _reasons(self, found) -> dict:
        return {f.rule: REASON for f in warnings(found)}

    def _approve(self, case: Case, steps: int | None = None) -> None:
        """Records the next `steps` decisions (all when None), approved, on the same day."""
        pending = [s for s in cases.steps(case) if not s.outcome]
        for step in pending[:steps if steps is not None else len(pending)]:
            transfer.record_step(self.ws, case.id, StepDecision(step.party, self.day, self.rng.choice(PERSONS),
                                                                "approved"))

    def _some_steps(self, case: Case) -> None:
        """Mostly the whole chain; sometimes part of it, to be continued later or decided by the bureau."""
        n = len(cases.steps(case))
        self._approve(case, None if self.rng.random() < 0.6 else self.rng.randrange(n))

    # --- actions ----------------------------------------------------------------------------------------
    def enrol(self) -> bool:
        draft = self._pupil(self.rng.randrange(1, 10))
        found = enrolment.check(self.ws, draft)
        draft.reasons = self._reasons(found)
        enrolment.enrol(self.ws, draft)
        return True

    def routine(self) -> bool:
        student = self._pick(Student.select().where(Student.status == "enrolled"))
        if student is None:
            return False
        key = self.rng.choice(info_change.routine_keys(self.ws.profile))
        value = {"address": f"{self.rng.choice(TOWNS)}{self.rng.randrange(1, 30)}组",
                 "phone": f"138{self.rng.randrange(10 ** 8):08d}",
                 "health": self.rng.choice([c for c in ("10", "20", "30") if c != student.health])}[key]
        info_change.update_routine(self.ws, student.id, {key: value})
        return True

    def status_change(self) -> bool:
        kind = self.rng.choice((CaseKind.SUSPENSION, CaseKind.ABROAD, CaseKind.KEY_INFO_CHANGE,
                                CaseKind.RESUMPTION, CaseKind.RETURN_FROM_ABROAD))
        starts = {s.value for s in status_change.CHANGES[kind].starts_from}
        student = self._free(Student.select().where(Student.status.in_(sorted(starts))))
        if student is None:
            return False
        d = ChangeDraft(kind=kind, student_id=student.id, applied_on=self.day, effective_on=self.day)
        if kind is CaseKind.SUSPENSION:
            d.ground_id = self.ws.profile.value("suspension.grounds")[0]["id"]
            d.until = self.day + dt.timedelta(days=300)
        elif kind in (CaseKind.RESUMPTION, CaseKind.RETURN_FROM_ABROAD):
            d.return_grade = student.grade
        elif kind is CaseKind.KEY_INFO_CHANGE:
            d.changes = {"name": self._name()}
        d.evidence_seen = evidence_for(self.ws, d)
        d.declared = {q.id: False for q in questions(self.ws, d)}
        d.reasons = self._reasons(status_change.check(self.ws, d))
        case, _ = status_change.open_change(self.ws, d)
        self._some_steps(case)
        return True

    def transfer_in(self) -> bool:
        grade = self.rng.randrange(1, 10)
        pupil = self._pupil(grade, region="230102")
        draft = TransferDraft(direction="in", pupil=pupil, incoming_number="G" + pupil.student["id_number"],
                              other_school=OtherSchool("哈尔滨市道里区光芒小学", "230102", "0451-84601234"),
                              grade_from=grade, grade_to=grade, reason_id=self.reason_id,
                              evidence_seen=list(allowed_reasons(self.ws.profile)[0].get("evidence") or []),
                              applied_on=self.day)
        draft.declared = {q.id: False for q in transfer.questions(self.ws, draft)}
        draft.reasons = self._reasons(transfer.check(self.ws, draft))
        case, _ = transfer.open_transfer(self.ws, draft)
        self._some_steps(case)
        return True

    def transfer_out(self) -> bool:
        student = self._free(Student.select().where(Student.status == "enrolled"))
        if student is None:
            return False
        draft = TransferDraft(direction="out", student_id=student.id,
                              other_school=OtherSchool("大连市中山区实验小学", "210202"),
                              grade_to=student.grade, reason_id=self.reason_id,
                              evidence_seen=list(allowed_reasons(self.ws.profile)[0].get("evidence") or []),
                              applied_on=self.day)
        draft.declared = {q.id: False for q in transfer.questions(self.ws, draft)}
        draft.reasons = self._reasons(transfer.check(self.ws, draft))
        case, _ = transfer.open_transfer(self.ws, draft)
        self._some_steps(case)
        return True

    def continue_case(self) -> bool:
        case = self._pick(Case.select().where(Case.status == CaseStatus.OPEN.value))
        if case is None:
            return False
        step = cases.pending_step(case)
        if self.rng.random() < 0.1:  # now and then a refusal, which closes the case
            transfer.record_step(self.ws, case.id, StepDecision(step.party, self.day, self.rng.choice(PERSONS),
                                                                "rejected", NOTE))
        else:
            self._approve(case, 1)
        return True

    ACTIONS = (("enrol", 30), ("routine", 25), ("status_change", 12), ("transfer_in", 6), ("transfer_out", 5),
               ("continue_case", 8))

    def step(self) -> str:
        """One action (retrying others when the rules refuse one); returns its name."""
        names, weights = zip(*self.ACTIONS)
        for _ in range(50):
            name = self.rng.choices(names, weights)[0]
            try:
                if getattr(self, name)():
                    self.done[name] += 1
                    return name
            except RuleViolation as e:
                self.skipped[f"{name}: {e.findings[0].rule if e.findings else '?'}"] += 1
            self.skipped[name] += 0
        raise RuntimeError(f"no action possible: {dict(self.skipped)}")

    def run(self, events: int, between=None) -> None:
        """Acts until `events` more events are written; `between()` after each action (exports …)."""
        start = Event.select().count()
        while Event.select().count() - start < events:
            self.step()
            if between is not None:
                between()


def on_roll_values() -> list[str]:
    return sorted(s.value for s in ON_ROLL)


def new_school(path, *, code: str, name: str, today: dt.date, password: str, classes_per_grade: int = 3):
    """A fresh nine-year school on the national profile, set up through the services and signed in."""
    from xueji_desktop.core.region_profiles.profiles import load_profile
    from xueji_desktop.core.school.school import SchoolKind, SchoolSystem
    from xueji_desktop.core.school.setup import ClassPlan, SchoolSetup, create_school
    from xueji_desktop.core.school.workspace import Workspace

    now = dt.datetime.combine(today, dt.time(9, 0))
    ws = Workspace(path, clock=lambda: now)
    setup = SchoolSetup(name=name, code=code, kind=SchoolKind.NINE_YEAR, system=SchoolSystem.SIX_THREE,
                        profile_id="national", area_code=code[:6], username="registrar", display_name="王老师",
                        password=password, password_again=password)
    setup.classes = [ClassPlan(p.grade, classes_per_grade, p.capacity)
                     for p in setup.default_classes(load_profile("national"))]
    create_school(ws, setup)
    return ws
