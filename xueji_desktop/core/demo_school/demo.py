"""A demo school in a new SQLite file: a 九年一贯制 township school with a full roll of pupils.

Everything goes through the domain services (create_school, enrol), so the demo data passes the
same rules as the registrar's; the only demo-only path is `seed_status`, which sets the statuses
no workflow reaches yet and says so in its event. The build is deterministic: a fixed clock and
one `random.Random(seed)`.
"""

from __future__ import annotations

import datetime as dt
import math
import random
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from pypinyin import lazy_pinyin

from ...store.models import SchoolClass, Setting, Student
from ..admission.enrolment import EnrolmentDraft, continued_entries, enrol
from ..dates.calendar import age_on
from ..pupils import codes, ids, regions
from ..pupils.status import Status
from ..region_profiles.profiles import load_profile
from ..rules.findings import RuleViolation, blocks
from ..school.events import EventKind, changing
from ..school.school import SchoolKind, SchoolSystem, grades_taught, stage_key
from ..school.setup import ClassPlan, SchoolSetup, class_limit, create_school
from ..school.workspace import Workspace
from . import demo_names as names
from .demo_cases import seed_cases, seed_high_records
from .demo_names import Locale

DEMO_USER = "admin"
DEMO_PASSWORD = "xueji2026"
LOGIN_HINT = "login_hint"  # a Setting the login dialog shows (demo school only)
DEMO_DISPLAY_NAME = "王丽华"
BUILD_TIME = dt.datetime(2026, 9, 1, 9, 0)  # the first day of the 2026–2027 school year
MIN_PUPILS = 60
PROGRESS_EVERY = 50  # pupils between progress calls

# share of the roll by grade: small township middle schools (many go to the county town); 高中 a little
# smaller again (some go to 中职)
_GRADE_WEIGHTS = {1: 0.92, 2: 0.96, 3: 1.0, 4: 1.02, 5: 1.04, 6: 1.06, 7: 0.66, 8: 0.63, 9: 0.605,
                  10: 0.58, 11: 0.57, 12: 0.55}
_NAME_ENDINGS = {SchoolKind.PRIMARY: "中心小学", SchoolKind.MIDDLE: "中学", SchoolKind.NINE_YEAR: "中心学校",
                 SchoolKind.HIGH: "高级中学", SchoolKind.COMPLETE: "第二中学", SchoolKind.SIX_YEAR: "第二中学",
                 SchoolKind.TWELVE_YEAR: "实验学校"}

# Pupils to move out of 在校, per 600 on the roll (at least one each), with the reasons.
_STATUS_PLAN: dict[Status, tuple[float, tuple[str, ...]]] = {  # {away}: where a family went
    Status.SUSPENDED: (3, ("因病（肺炎）住院治疗，医嘱休养三个月以上", "腿部骨折，需卧床休养三个月",
                           "患肾病综合征，在市人民医院住院治疗")),
    Status.TRANSFERRED_OUT: (4, ("随父母迁居{away}，转入当地学校就读", "户口迁至{away}，随父母转学")),
    Status.SUSPECTED_DROPOUT: (2, ("连续 8 天未到校，监护人电话无法接通", "开学后一直未报到，多次联系家长未果")),
    Status.DROPPED_OUT: (2, ("连续一个月未到校，经多次劝返无效，已报镇政府和县教育局",)),
    Status.LEFT_OTHER: (2, ("随父母外出，去向不明已超过三个月",)),
    Status.ABROAD: (1, ("随父母出境务工居住",)),
    Status.BORROWED_OUT: (2, ("随父母到{away}临时借读",)),
    Status.MISSING: (1, ("离家未归，家长已向派出所报案",)),
    Status.WITHDRAWN: (1, ("经县级医疗机构诊断丧失学习能力，监护人申请退学，学籍档案保留",)),
    Status.DECEASED: (1, ("因病医治无效死亡，已提交死亡证明",)),
    Status.GRADUATED: (2, ("演示数据：毕业",)),
    Status.COMPLETED: (1, ("演示数据：结业",)),
}

_PHONE_PREFIXES = tuple(range(130, 140)) + (150, 151, 152, 155, 156, 157, 158, 159) + tuple(range(180, 190))


# planning the classes ---------------------------------------------------------------------------

def _split(total: int, weights) -> list[int]:
    """Largest-remainder rounding of total × weights."""
    raw = [total * w / sum(weights) for w in weights]
    parts = [int(x) for x in raw]
    for i in sorted(range(len(raw)), key=lambda i: parts[i] - raw[i])[: total - sum(parts)]:
        parts[i] += 1
    return parts


def plan_classes(pupils: int, profile, system: SchoolSystem, rng: random.Random,
                 kind: SchoolKind = SchoolKind.NINE_YEAR) -> dict[int, list[int]]:
    """Grade → the size of each of its classes; one class of the first stage exactly at its capacity."""
    sizes: dict[int, list[int]] = {}
    grades = grades_taught(kind, system)
    for grade, n in zip(grades, _split(pupils, [_GRADE_WEIGHTS[g] for g in grades])):
        standard = class_limit(profile, grade, system)[0]
        target = standard - 3 if grade <= system.primary_years else standard - 6  # room for transfers in
        count = max(2, math.ceil(n / max(target, 1)))
        if count > 30 or n > count * standard:
            raise ValueError(f"{pupils} 名学生超出演示学校的规模")
        sizes[grade] = _split(n, [1] * count)
    first_stage = [g for g in grades if stage_key(g, system) == stage_key(grades[0], system)]
    full = max(first_stage, key=lambda g: (sum(sizes[g]) / len(sizes[g]), g))
    standard = class_limit(profile, full, system)[0]
    rest, others = sum(sizes[full]) - standard, len(sizes[full]) - 1
    if rest >= others * standard * 0.6:  # the other classes of that grade stay a plausible size
        sizes[full] = [standard] + _split(rest, [1] * others)
    else:
        full = None
    for grade, split in sizes.items():  # a little unevenness between parallel classes
        standard = class_limit(profile, grade, system)[0]
        for i in range(1 if grade == full else 0, len(split) - 1):
            d = rng.randint(-2, 2)
            if 1 <= split[i] + d <= standard and 1 <= split[i + 1] - d <= standard:
                split[i], split[i + 1] = split[i] + d, split[i + 1] - d
    return sizes


# people -------------------------------------------------------------------------------------------

@dataclass
class _Pupil:
    grade: int
    klass: SchoolClass
    seat: int
    sex: str = ""
    surname: str = ""
    given: str = ""
    ethnicity: str = "01"
    minority: tuple | None = None
    older: bool = False  # 延缓入学: one year older than the cohort
    migrant: bool = False
    left_behind: str = "0"
    orphan: bool = False
    inclusive: bool = False
    unverified: bool = False
    rare: tuple[str, str] | None = None
    uyghur: bool = False
    twin_of: _Pupil | None = None  # the elder twin, enrolled just before
    has_twin: bool = False
    draft: EnrolmentDraft = field(default_factory=EnrolmentDraft)
    student: Student | None = None


class _People:
    """Draws names, ID numbers and phones, none used twice."""

    def __init__(self, rng: random.Random, locale: Locale):
        self.rng = rng
        self.locale = locale
        self.ids: set[str] = set()
        self.phones: set[str] = set()
        surnames, weights = zip(*names.SURNAMES)
        self._surnames, self._weights = surnames, weights
        self.village_km = {v: round(rng.uniform(2.5, 14.0), 1) for v in locale.villages}

    def surname(self) -> str:
        return self.rng.choices(self._surnames, self._weights)[0]

    def id_number(self, region: str, birth: dt.date, sex: str) -> str:
        while True:
            seq = self.rng.randrange(1 if sex == "1" else 0, 1000, 2)
            number = ids.make_id_number(region, birth, seq)
            if number not in self.ids:
                self.ids.add(number)
                return number

    def phone(self) -> str:
        while True:
            number = f"{self.rng.choice(_PHONE_PREFIXES)}{self.rng.randrange(10 ** 8):08d}"
            if number not in self.phones:
                self.phones.add(number)
                return number

    def birth(self, first: int, last: int) -> dt.date:
        start = dt.date(first, 1, 1)
        return start + dt.timedelta(days=self.rng.randrange((dt.date(last, 12, 31) - start).days + 1))

    def home(self, rented: bool = False) -> tuple[str, float]:
        """An address in the town or one of its villages, and how far it is from the school (km)."""
        rng = self.rng
        if rented or rng.random() < 0.2:
            street = f"{self.locale.town}{rng.choice(names.STREETS)}{rng.randint(1, 120)}号"
            return street + ("（租住）" if rented else ""), round(rng.uniform(0.3, 2.0), 1)
        village = rng.choice(self.locale.villages)
        return (f"{self.locale.town}{village}{rng.randint(1, 9)}组",
                max(2.0, round(self.village_km[village] + rng.uniform(-0.8, 0.8), 1)))


def pinyin_name(surname: str, given: str) -> str:
    def spell(text):
        return "".join(names.CHAR_PINYIN.get(c) or lazy_pinyin(c)[0] for c in text)
    if "·" in given:
        return " ".join(spell(part).capitalize() for part in given.split("·"))
    family = names.SURNAME_PINYIN.get(surname) or spell(surname).capitalize()
    return f"{family} {spell(given).capitalize()}"


# one pupil ----------------------------------------------------------------------------------------

def _fill(p: _Pupil, people: _People, locale: Locale, today: dt.date) -> None:
    school_region = locale.county
    rng, d = people.rng, p.draft
    start_year = today.year - (p.grade - 1)  # the year the cohort entered grade 1
    twin = p.twin_of
    # birth and origin
    if twin:
        birth, birthplace, hukou = (twin.draft.student[k] for k in ("birth_date", "birthplace", "hukou_place"))
        birth = dt.date.fromisoformat(birth)
    else:
        first = dt.date(start_year - 7 - p.older, 9, 1)  # 6 full years on 31 Aug of the grade-1 year
        birth = first + dt.timedelta(days=rng.randrange((first.replace(year=first.year + 1) - first).days))
        if p.uyghur:
            birthplace = hukou = "650102"
        elif p.migrant:
            birthplace = hukou = rng.choice(locale.neighbours if rng.random() < 0.7 else locale.far)
        else:
            birthplace = school_region if rng.random() < 0.93 else rng.choice(locale.neighbours)
            hukou = school_region
    native = (twin.draft.student["native_place"] if twin else
              birthplace if p.migrant or p.uyghur else
              rng.choice(locale.ancestral) if rng.random() < 0.15 else school_region)
    # the name
    if p.uyghur:
        p.given = f"{names.UYGHUR_FAMILY['child'][0]}·{names.UYGHUR_FAMILY['father'][0]}"
    elif p.rare:
        p.given = p.rare[0]
    else:
        pool = (p.minority[3] if p.sex == "1" else p.minority[4]) if p.minority else ()
        pool = pool or (names.BOY_GIVEN if p.sex == "1" else names.GIRL_GIVEN)
        p.given = rng.choice(pool)
        while twin and p.given == twin.given:
            p.given = rng.choice(pool)
    name = p.given if p.uyghur else p.surname + p.given
    age = age_on(birth, today)
    s = d.student
    s.update({
        "name": name, "sex": p.sex, "birth_date": birth.isoformat(), "birthplace": birthplace,
        "native_place": native, "ethnicity": p.ethnicity, "nationality": "CHN", "id_type": "1",
        "id_number": people.id_number(birthplace, birth, p.sex), "hmt": "00",
        "political_status": "03" if age >= 14 and rng.random() < 0.25 else "13",
        "health": "50" if p.inclusive else rng.choices(["10", "20", "30"], [95, 3, 2])[0],
        "name_pinyin": pinyin_name(p.surname, p.given),
        "hukou_place": hukou,
        "hukou_nature": "2" if rng.random() < 0.12 else "1",
        "speciality": rng.choice(names.SPECIALITIES) if rng.random() < 0.1 else "",
        "class_seq": str(p.seat),
        "entry_month": f"{today.year - (p.grade - _stage_start(p.grade))}-09",
        "entry_mode": "11", "source": "1",
        "only_child": "0" if twin or p.has_twin else ("1" if rng.random() < 0.4 else "0"),
        "preschool": "1" if rng.random() < (0.95 if p.grade <= 3 else 0.85) else "0",
        "left_behind": p.left_behind, "migrant_child": "1" if p.migrant or p.uyghur else "0",
        "orphan": "1" if p.orphan else "0", "martyr_child": "0",
        "inclusive": "1" if p.inclusive else "0",
        "disability_type": rng.choices(*zip(*names.DISABILITY_WEIGHTS))[0] if p.inclusive else "",
    })
    if rng.random() < 0.02 and not p.uyghur:
        s["former_name"] = p.surname + rng.choice(names.BOY_GIVEN if p.sex == "1" else names.GIRL_GIVEN)
    if rng.random() < 0.25:  # children's ID cards run five years
        issued = max(today - dt.timedelta(days=rng.randrange(30, 1800)), birth + dt.timedelta(days=100))
        expires = issued.replace(year=issued.year + 5, day=28) if (issued.month, issued.day) == (2, 29) else \
            issued.replace(year=issued.year + 5)
        s["id_valid_until"] = f"{issued:%Y.%m.%d}-{expires:%Y.%m.%d}"
    # home and the way to school
    if twin:
        for k in ("address", "mail_address", "home_address", "phone", "postcode", "distance_km", "commute",
                  "school_bus", "study_mode", "needs_aid", "one_subsidy", "only_child"):
            s[k] = twin.draft.student[k]
        d.guardians = twin.draft.guardians
    else:
        _home(p, people, locale)
    if p.older:
        d.reasons = {"enrolment.usual_max_age": "因身体原因延缓入学一年，经县教育局批准（有医院证明）",
                     "enrolment.grade_age_tolerance": "因身体原因延缓入学一年，经县教育局批准"}
    d.new_pupil = p.grade in (1, 7, 10)
    d.grade = p.grade
    d.class_id = p.klass.id
    d.identity_verified = not p.unverified
    d.entry_date = dt.date(int(s["entry_month"][:4]), 9, 1)


def _stage_start(grade: int) -> int:
    """The grade the pupil's current stage began in (六三): 1, 7 or 10."""
    return 10 if grade >= 10 else 7 if grade >= 7 else 1


def _home(p: _Pupil, people: _People, locale: Locale) -> None:
    rng, s = people.rng, p.draft.student
    county = regions.name_of(locale.county)
    address, distance = people.home(rented=p.migrant or p.uyghur)
    far = distance > 5
    boarder = p.grade >= 7 and far and rng.random() < 0.6 or p.grade >= 4 and far and rng.random() < 0.1
    aid = p.orphan or p.inclusive or rng.random() < 0.15
    home = (f"{regions.name_of(s['hukou_place'])}解放南路{rng.randint(1, 300)}号" if p.uyghur else
            f"{regions.name_of(s['hukou_place'])}{rng.choice(names.VILLAGES_NORTH_EAST)}" if p.migrant else
            address)
    s.update({
        "address": address, "mail_address": f"{county}{address}", "home_address": home,
        "postcode": locale.postcode, "distance_km": str(distance),
        "commute": ("1" if distance < 2 else "2" if p.grade >= 5 and not far and rng.random() < 0.5
                    else "5" if far and rng.random() < 0.7 else "4"),
        "study_mode": "2" if boarder else "1",
        "needs_aid": "1" if aid else "0", "one_subsidy": "1" if boarder and aid else "0",
    })
    s["school_bus"] = "1" if s["commute"] == "5" else "0"
    p.draft.guardians = _family(p, people, locale, address)
    s["phone"] = p.draft.guardians[0]["phone"]


def _member(people: _People, name: str, relation: str, sex: str, born: tuple[int, int], region: str,
            address: str, ethnicity: str = "01", employer: str = "务农", note: str = "") -> dict[str, str]:
    birth = people.birth(*born)
    return {"name": name, "relation": relation, "relation_note": note, "ethnicity": ethnicity,
            "employer": employer, "position": "", "address": address, "hukou_place": region,
            "phone": people.phone(), "is_guardian": "1", "id_type": "1",
            "id_number": people.id_number(region, birth, sex)}


def _family(p: _Pupil, people: _People, locale: Locale, address: str) -> list[dict[str, str]]:
    rng = people.rng
    child_born = int(p.draft.student["birth_date"][:4])
    region = p.draft.student["hukou_place"]
    father_years = (max(1980, child_born - 35), min(1995, max(1980, child_born - 24)))
    mother_years = (max(1980, child_born - 33), min(1995, max(1980, child_born - 22)))
    grand_years = (max(1950, father_years[0] - 30), min(1965, father_years[1] - 22))
    mother_ethnicity = (p.ethnicity if p.uyghur or p.minority and rng.random() < (0.9 if p.minority[1] > 0.5 else 0.5)
                        else "01")
    if p.uyghur:
        father_name = "·".join(names.UYGHUR_FAMILY["father"])
        mother_name = names.UYGHUR_FAMILY["mother"]
    else:
        father_name = p.surname + rng.choice(names.FATHER_GIVEN)
        def surname():
            return rng.choice(p.minority[2]) if p.minority and mother_ethnicity != "01" else people.surname()
        mother_name = surname() + rng.choice(names.MOTHER_GIVEN)
        while mother_name == father_name:
            mother_name = surname() + rng.choice(names.MOTHER_GIVEN)

    def away():
        return rng.choice(locale.work_places), rng.choice(names.EMPLOYERS_AWAY)

    def home_job():
        return rng.choice(names.EMPLOYERS_HOME)

    father = dict(name=father_name, relation="51", sex="1", born=father_years, region=region,
                  address=address, ethnicity=p.ethnicity, employer=home_job())
    mother = dict(name=mother_name, relation="52", sex="2", born=mother_years, region=region,
                  address=address, ethnicity=mother_ethnicity, employer=home_job())
    if p.uyghur:
        father["employer"] = mother["employer"] = "个体（餐馆）"
    elif p.migrant:
        father["employer"], mother["employer"] = (rng.choice(names.EMPLOYERS_MIGRANT) for _ in "fm")
    if p.orphan or p.left_behind == "2":
        grandfather = dict(name=p.surname + rng.choice(names.GRANDFATHER_GIVEN), relation="61", sex="1",
                           born=grand_years, region=region, address=address, ethnicity=p.ethnicity,
                           employer="务农")
        grandmother = dict(name=people.surname() + rng.choice(names.GRANDMOTHER_GIVEN), relation="62",
                           sex="2", born=grand_years, region=region, address=address, employer="务农")
        if p.orphan:
            grandfather["note"] = grandmother["note"] = "父母双亡，由祖父母监护"
            return [_member(people, **grandfather), _member(people, **grandmother)]
        first = grandfather if rng.random() < 0.5 else grandmother
        first["note"] = "委托监护人（父母外出务工）"
        parent = father if rng.random() < 0.6 else mother
        parent["address"], parent["employer"] = away()
        return [_member(people, **first), _member(people, **parent)]
    if p.left_behind == "1":  # the parent at home answers for the child
        parent, at_home = (father, mother) if rng.random() < 0.8 else (mother, father)
        parent["address"], parent["employer"] = away()
        return [_member(people, **at_home), _member(people, **parent)]
    members = [mother, father] if rng.random() < 0.55 else [father, mother]  # mothers often answer the phone
    return [_member(people, **m) for m in members]


# the whole school ---------------------------------------------------------------------------------

def _pupils(classes: dict[int, list[SchoolClass]], sizes: dict[int, list[int]], people: _People,
            locale: Locale) -> list[_Pupil]:
    """Every seat of every class, with the circumstances each pupil's record will show."""
    rng = people.rng
    pupils: list[_Pupil] = []
    for grade, klasses in classes.items():
        for klass, size in zip(klasses, sizes[grade]):
            for seat in range(1, size + 1):
                p = _Pupil(grade, klass, seat, sex="1" if rng.random() < 0.52 else "2")
                prev = pupils[-1] if seat > 1 else None
                if prev and not prev.twin_of and not prev.has_twin and rng.random() < 0.012:
                    p.twin_of, prev.has_twin = prev, True
                pupils.append(p)
    for p in pupils:
        roll = rng.random()
        for minority in locale.minorities:
            if roll < minority[1]:
                p.minority = minority
                break
            roll -= minority[1]
        p.migrant = rng.random() < 0.05
        p.left_behind = "0" if p.migrant else rng.choices(["0", "1", "2"], [85, 9, 6])[0]
        p.orphan = rng.random() < 0.004
        p.inclusive = rng.random() < 0.006
        p.unverified = rng.random() < 0.015
        p.older = rng.random() < 0.015
    # every demo school shows the rare characters, each minority, 孤儿, 随班就读, 临时学籍号
    singles = [p for p in pupils if not p.twin_of and not p.has_twin]
    chosen = rng.sample(singles, min(len(singles), len(names.RARE_GIVEN) + len(locale.minorities) + 6))
    for p, rare in zip(chosen, names.RARE_GIVEN):
        p.rare, p.sex, p.minority = rare, rare[1], None
    extra = chosen[len(names.RARE_GIVEN):]
    for p, minority in zip(extra, locale.minorities):
        p.minority = minority
    extra = extra[len(locale.minorities):]
    for p, flag in zip(extra, ("orphan", "inclusive", "inclusive", "unverified", "unverified")):
        setattr(p, flag, True)
    first_graders = [p for p in singles if p.grade == 1 and not p.rare]
    if first_graders:  # 延缓入学: a warning passed with a recorded reason, as the history shows it
        rng.choice(first_graders).older = True
    if locale.uyghur_family and len(pupils) >= 300 and len(extra) > 5:
        extra[5].uyghur, extra[5].sex, extra[5].minority = True, names.UYGHUR_FAMILY["child"][1], None
    for p in pupils:
        if p.twin_of:
            for k in ("minority", "migrant", "left_behind", "orphan", "uyghur", "older"):
                setattr(p, k, getattr(p.twin_of, k))
        if p.orphan:
            p.left_behind = "0"
        if p.uyghur:
            p.migrant, p.left_behind = True, "0"
        p.ethnicity = "05" if p.uyghur else p.minority[0] if p.minority else "01"
        p.surname = (p.twin_of.surname if p.twin_of else
                     rng.choice(p.minority[2]) if p.minority else people.surname())
    return pupils


_REASONS = {  # a warning the demo data meets, and what the registrar wrote
    "enrolment.usual_max_age": "因身体原因延缓入学一年，经县教育局批准（有医院证明）",
    "enrolment.grade_age_tolerance": "因身体原因延缓入学一年，经县教育局批准",
    "enrolment.period": "开学初补办注册，已报县教育局备案",
    "class_size.primary_standard": "本学区适龄儿童较多，经县教育局同意暂按此班额",
    "class_size.middle_standard": "本学区适龄少年较多，经县教育局同意暂按此班额",
}


def _enrol(ws, p: _Pupil) -> Student:
    d = p.draft
    rule = continued_entries(ws).get(d.grade) if d.new_pupil else None
    if rule and ws.profile.applies(rule):
        d.continued_number = _primary_number(ws, d)  # 凉山 一（二）, 长治 第十二条: the 学籍号 continues for life
    try:
        return enrol(ws, p.draft)[0]
    except RuleViolation as e:
        if blocks(e.findings):
            raise RuntimeError(f"演示数据不合规则（{p.draft.student['name']}）：{e}") from e
        for f in e.findings:
            p.draft.reasons[f.rule] = _REASONS.get(f.rule, "已核对户口簿及相关证明，情况属实")
        return enrol(ws, p.draft)[0]


def _primary_number(ws, d) -> str:
    """The 学籍号 the pupil had at primary school: G + the resident ID, else a temporary L number."""
    if d.student.get("id_type") == codes.RESIDENT_ID and d.student.get("id_number"):
        return "G" + d.student["id_number"].upper()
    birth = dt.date.fromisoformat(d.student["birth_date"])
    taken = Student.select().where(Student.student_number.startswith("L")).count()
    return f"L{ws.school.area_code}{birth:%Y%m%d}{9000 + taken:04d}"


def seed_status(ws, student: Student, status: Status, reason: str, now: dt.datetime) -> None:
    """Demo only: moves a pupil out of 在校 without a workflow, and records that it did."""
    with changing(ws.db, ws.user, now) as tx:
        before = student.status
        Student.update(status=status.value, updated_at=tx.now).where(Student.id == student.id).execute()
        student.status = status.value
        tx.record(EventKind.STATUS_SEEDED, f"演示数据：设为{status.label}",
                  {"from": before, "to": status.value, "reason": reason, "demo": True}, student=student)


def _seed_statuses(ws, rng: random.Random, locale: Locale, pupils: list[_Pupil], keep_full: SchoolClass | None,
                   now: dt.datetime) -> int:
    """A few pupils in every status but 在校; never in the class kept exactly at capacity."""
    eligible = [p for p in pupils if p.klass != keep_full and not p.twin_of and not p.has_twin]
    top = max(p.grade for p in pupils)
    scale, taken, moved = len(pupils) / 600, set(), 0
    for status, (weight, reasons) in _STATUS_PLAN.items():
        if status in (Status.GRADUATED, Status.COMPLETED):
            pool = [p for p in eligible if p.grade == top]
        elif status in (Status.DROPPED_OUT, Status.SUSPECTED_DROPOUT):  # 控辍保学: compulsory grades only
            pool = [p for p in eligible if 7 <= p.grade <= 9]
            if not pool:
                continue
        elif status is Status.WITHDRAWN:
            pool = [p for p in eligible if p.inclusive]
        else:
            pool = eligible
        pool = [p for p in (pool or eligible) if id(p) not in taken]
        for p in rng.sample(pool, min(max(1, round(weight * scale)), len(pool))):
            taken.add(id(p))
            reason = rng.choice(reasons).format(away=rng.choice(locale.work_places))
            if status is Status.ABROAD and p.ethnicity == "10":
                reason = "随母亲赴韩国定居"
            seed_status(ws, p.student, status, reason, now)
            moved += 1
    return moved


def _school_name(locale: Locale, kind: SchoolKind) -> tuple[str, str]:
    """(province, school name): 黑龙江省, 方正县柳河镇中心学校; a school with 高中 is named after its county."""
    county = regions.name_of(locale.county)
    prefecture = regions.name_of(locale.county[:4] + "00")
    province = regions.name_of(locale.county[:2] + "0000")
    short = county[len(prefecture):] or county[len(province):]
    return province, f"{short}{'' if kind.has_high else locale.town}{_NAME_ENDINGS[kind]}"


def build_demo(path: str | Path, pupils: int = 600, seed: int = 2026, profile_id: str = "heilongjiang",
               progress: Callable[[int, int], None] | None = None,
               kind: SchoolKind = SchoolKind.NINE_YEAR) -> str:
    """Builds the demo school in a new database file; returns a one-line Chinese summary.

    Opens the file as the current database (store.models.database) and closes it when done.
    ``progress(pupils enrolled, pupils)`` as they are enrolled; an exception it raises (or any other) leaves
    no file behind.
    """
    path = Path(path)
    if path.exists():
        raise FileExistsError(f"{path} 已存在：演示学校只能建在新的数据库文件中")
    if pupils < MIN_PUPILS:
        raise ValueError(f"演示学校至少 {MIN_PUPILS} 名学生")
    locale = names.LOCALES.get(profile_id)
    if locale is None:
        raise ValueError(f"没有“{profile_id}”地区的演示数据（可用：{'、'.join(names.LOCALES)}）")
    rng = random.Random(seed)
    profile = load_profile(profile_id)
    system = SchoolSystem.SIX_THREE
    sizes = plan_classes(pupils, profile, system, rng, kind)
    province, school_name = _school_name(locale, kind)
    setup = SchoolSetup(
        name=school_name, code=f"21{locale.county[:2]}{rng.randrange(10 ** 6):06d}",
        kind=kind, system=system, profile_id=profile_id, area_code=locale.county,
        phone=f"0{rng.randrange(451, 469)}-{rng.randrange(5000000, 8999999)}",
        classes=[ClassPlan(g, len(sizes[g]), class_limit(profile, g, system)[0]) for g in sizes],
        username=DEMO_USER, display_name=DEMO_DISPLAY_NAME, password=DEMO_PASSWORD,
        password_again=DEMO_PASSWORD, demo=True)
    ws = Workspace(path, clock=lambda: BUILD_TIME)
    try:
        with ws.db.atomic():
            create_school(ws, setup)
            classes = {g: list(SchoolClass.in_use().where(SchoolClass.grade == g).order_by(SchoolClass.number))
                       for g in sizes}
            people = _People(rng, locale)
            plan = _pupils(classes, sizes, people, locale)
            for done, p in enumerate(plan, start=1):
                _fill(p, people, locale, ws.today())
                p.student = _enrol(ws, p)
                if progress is not None and (done % PROGRESS_EVERY == 0 or done == len(plan)):
                    progress(done, len(plan))
            full = next((k for g, ks in classes.items() for k, n in zip(ks, sizes[g]) if n == k.capacity), None)
            moved = _seed_statuses(ws, rng, locale, plan, full, BUILD_TIME.replace(hour=16, minute=30))
            transfers = seed_cases(ws)
            seed_high_records(ws, rng)
            Setting.create(key=LOGIN_HINT, value=f"演示学校：登录名 {DEMO_USER}，密码 {DEMO_PASSWORD}")
    except BaseException:
        ws.close()
        for leftover in (path, Path(f"{path}-wal"), Path(f"{path}-shm")):
            leftover.unlink(missing_ok=True)
        raise
    ws.close()
    count = sum(len(v) for v in sizes.values())
    return (f"{province} {school_name}（{kind.label}，{system.label}）：{len(plan)} 名学生，{count} 个班"
            f"（在校 {len(plan) - moved} 名，休学、转出等其他学籍状态 {moved} 名）；"
            f"转学、休学等申请 {transfers} 件；"
            f"登录名 {DEMO_USER}，密码 {DEMO_PASSWORD}")
