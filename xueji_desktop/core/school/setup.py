"""Setting up a school: its identity, region profile, grades and classes, the registrar's account.

Nothing is written until `create_school` runs; then everything in one transaction.
"""

from __future__ import annotations

import datetime as dt
import re
import uuid
from dataclasses import dataclass, field, replace

from ...store.models import School, SchoolClass, Setting, User
from ..accounts.passwords import hash_password, password_problem
from ..accounts.roles import FIRST_ACCOUNT_ROLES, store_roles
from ..pupils import regions
from ..pupils.fields import Field, Kind
from ..pupils.validation import check_field
from ..region_profiles.profiles import Profile, load_profile
from ..rules.findings import Finding, RuleViolation, Severity, blocks
from .coverage import kind_problem
from .events import Changes, EventKind, changing
from .school import HIGH_GRADES, SchoolKind, SchoolSystem, class_name, grade_name, grades_taught, stage_key


@dataclass
class ClassPlan:
    grade: int
    count: int
    capacity: int


@dataclass
class SchoolSetup:
    name: str = ""
    code: str = ""  # 学校标识码
    kind: SchoolKind = SchoolKind.PRIMARY
    system: SchoolSystem = SchoolSystem.SIX_THREE
    profile_id: str = "national"
    area_code: str = ""
    phone: str = ""  # the school office's telephone
    private: bool = False  # 民办
    key_high_school: bool = False  # 省级示范高中 (transfers into one are refused or warned)
    classes: list[ClassPlan] = field(default_factory=list)
    username: str = ""
    display_name: str = ""
    password: str = ""
    password_again: str = ""
    demo: bool = False  # an invented school: its published demo password is allowed (DEMO_SCHOOL setting)
    create_keys: bool = False  # the school's exchange keys at once (the set-up wizard does), else later

    def default_classes(self, profile: Profile) -> list[ClassPlan]:
        return [ClassPlan(g, 2, class_limit(profile, g, self.system)[0])
                for g in grades_taught(self.kind, self.system)]


def class_limit(profile: Profile, grade: int, system: SchoolSystem) -> tuple[int, int, str, str]:
    """(standard, maximum, article of standard, article of maximum) for a class of that grade."""
    stage = stage_key(grade, system)
    standard = profile.rule(f"class_size.{stage}_standard")
    maximum = profile.rule(f"class_size.{stage}_max")
    if grade == HIGH_GRADES[0] and profile.applies("class_size.high_first_year_max"):
        maximum = profile.rule("class_size.high_first_year_max")  # 高一's own limit (长治 第十三条)
    return standard.value, maximum.value, standard.article, maximum.article


_FAR_FUTURE = dt.date(9999, 1, 1)  # no "today" limit applies to a user's name


def _b(key: str, message: str, article: str = "") -> Finding:
    return Finding(f"setup.{key}", Severity.BLOCK, key, message, article)


def check_setup(setup: SchoolSetup) -> list[Finding]:
    found: list[Finding] = []
    name = setup.name.strip()
    if not name:
        found.append(_b("name", "学校名称不能为空"))
    elif len(name) < 4 or re.search(r"[A-Za-z0-9]", name) and not re.search(r"[\u4e00-\u9fff]", name):
        found.append(_b("name", "学校名称应为完整的中文名称，如“营口市老边区柳树镇中心小学”"))
    if not re.fullmatch(r"\d{10}", setup.code.strip()):
        found.append(_b("code", "学校标识码应为 10 位数字（教育部统一编制）", "教育部《学校标识码》"))
    if not re.fullmatch(r"\d{6}", setup.area_code.strip()):
        found.append(_b("area_code", "所在县（区）应为 6 位行政区划代码"))
    elif regions.lookup(setup.area_code.strip()) is None:
        found.append(_b("area_code", f"行政区划代码 {setup.area_code} 不在代码表中"))
    if setup.phone.strip():
        found += [replace(f, field="phone") for f in check_field(
            Field("phone", "学校联系电话", Kind.PHONE, max_len=20), setup.phone, "phone", _FAR_FUTURE)]
    profile = load_profile(setup.profile_id)
    refusal = kind_problem(profile, setup.kind)
    if refusal:
        found.append(_b("kind", refusal, profile.rule("scope.stages").article))
    if setup.key_high_school and not setup.kind.has_high:
        found.append(_b("key_high_school", f"省级示范高中：{setup.kind.label}没有高中，不能是省级示范高中"))
    taught = set(grades_taught(setup.kind, setup.system))
    if not any(p.count > 0 for p in setup.classes):
        found.append(_b("classes", "至少设置一个班级"))
    for plan in setup.classes:
        label = grade_name(plan.grade)
        if plan.grade not in taught:
            found.append(_b("classes", f"{label}不属于{setup.kind.label}（{setup.system.label}）"))
            continue
        if not 0 <= plan.count <= 30:
            found.append(_b("classes", f"{label}班级数应在 0–30 之间"))
        _, maximum, _, article = class_limit(profile, plan.grade, setup.system)
        if plan.count and not 1 <= plan.capacity <= maximum:
            found.append(_b("classes", f"{label}每班人数 {plan.capacity} 超过本地区班额上限 {maximum} 人", article))
    user_field = Field("display_name", "管理员姓名", Kind.NAME, required=True, max_len=30)
    found += [f for f in check_field(user_field, setup.display_name, "display_name", _FAR_FUTURE)]
    if not re.fullmatch(r"[A-Za-z0-9_\u4e00-\u9fff]{2,20}", setup.username.strip()):
        found.append(_b("username", "登录名应为 2–20 位汉字、字母、数字或下划线"))
    problem = password_problem(setup.password, names=(setup.username, setup.display_name), demo=setup.demo)
    if problem:
        found.append(_b("password", problem))
    elif setup.password != setup.password_again:
        found.append(_b("password_again", "两次输入的密码不一致"))
    return found


DEMO_SCHOOL = "demo_school"  # Setting key: this database is an invented school


def create_school(ws, setup: SchoolSetup) -> Changes:
    found = blocks(check_setup(setup))
    if found:
        raise RuleViolation(found)
    if ws.school is not None:
        raise RuleViolation([_b("name", "此数据库已建立学校，不能重复建立")])
    with ws.db.atomic():
        user = User.create(username=setup.username.strip(), display_name=setup.display_name.strip(),
                           password_hash=hash_password(setup.password),
                           role=store_roles(FIRST_ACCOUNT_ROLES), password_changed_at=ws.now())
        with changing(ws.db, user, ws.now()) as tx:
            school = School.create(
                code=setup.code.strip(), name=setup.name.strip(), kind=setup.kind.value,
                system=setup.system.value, profile_id=setup.profile_id,
                area_code=setup.area_code.strip(), phone=setup.phone.strip(), private=setup.private,
                key_high_school=setup.key_high_school, uuid=str(uuid.uuid4()))
            tx.record(EventKind.SCHOOL_CREATED, f"建立学校：{school.name}（{school.code}，{'民办' if school.private else '公办'}）", {
                "name": school.name, "code": school.code, "kind": school.kind, "system": school.system,
                "profile": school.profile_id, "area_code": school.area_code, "phone": school.phone, "private": school.private,
                "key_high_school": school.key_high_school, "uuid": school.uuid})
            tx.record(EventKind.USER_CREATED, f"新增学籍管理员：{user.display_name}（{user.username}）",
                      {"username": user.username, "display_name": user.display_name, "role": user.role})
            for plan in setup.classes:
                for number in range(1, plan.count + 1):
                    SchoolClass.create(grade=plan.grade, number=number, capacity=plan.capacity,
                                       name=class_name(plan.grade, number))
            if setup.demo:
                Setting.create(key=DEMO_SCHOOL, value="1")
            tx.record(EventKind.CLASS_CREATED, "设置年级和班级", {
                "classes": [{"grade": p.grade, "count": p.count, "capacity": p.capacity} for p in setup.classes]})
            if setup.create_keys:
                from ..exchange.school_keys import write_new_keys

                write_new_keys(tx, user, setup.password, school)
            tx.changes.school = tx.changes.classes = True
    ws.forget_school()
    ws.user = user
    return tx.changes
