"""A demo county for bureau mode: the bureau of 方正县 and three of its schools, each with its own keys,
the bureau's key trusted, and its batches imported into the bureau — all through the real services.

* 柳河镇中心学校: the demo school (core.demo_school.demo.build_demo) with its seeded cases: a transfer in from another
  county waiting for the bureau (late by now), a 休学 application waiting for the bureau.
* 会发镇中心学校: a small nine-year school; its third batch reached the bureau before its second, so the
  bureau holds it (缺第 2 批). The second batch is left in `U盘-会发镇/` for the import window.
* 德善乡中心小学: a small primary school asking, through the bureau, for a pupil of 会发镇中心学校
  (籍随人走): the case waits for the bureau's approval. It also registered a 三年级 child of 会发镇 a second time:
  the import caught the duplicate 学籍, and both schools are asked in their next replies.

`build_bureau_demo(folder)` returns (bureau database path, bureau password); a few seconds.
"""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

from ..core.admission import enrolment
from ..core.admission.enrolment import EnrolmentDraft
from ..core.casework.cases import StepDecision
from ..core.demo_school import demo as school_demo
from ..core.exchange import batch_format, outbox, school_keys
from ..core.pupils import ids
from ..core.rules.findings import RuleViolation, Severity, blocks
from ..core.school.school import SchoolKind, SchoolSystem, grades_taught
from ..core.school.setup import ClassPlan, SchoolSetup, class_limit, create_school
from ..core.school.workspace import Workspace
from ..core.transfers import transfer
from ..core.transfers.transfer import OtherSchool, TransferDraft
from ..store.models import SchoolClass, Student
from . import accounts, importer
from .store import open_store

BUREAU_PASSWORD = "jiaoyuju2026"
BUREAU_USER = "kezhang"  # the demo's account: 管理员, 科长 and 科员
BUREAU_PERSON = "王立新"
BUREAU_NAME = "方正县教育局"
COUNTY = school_demo.names.HEILONGJIANG.county  # 230124 方正县
PROFILE = "heilongjiang"
SCHOOL_PASSWORD = school_demo.DEMO_PASSWORD
BUREAU_DB = "bureau.sqlite3"
HUIFA = ("2123010002", "方正县会发镇中心学校", SchoolKind.NINE_YEAR)
DESHAN = ("2123010003", "方正县德善乡中心小学", SchoolKind.PRIMARY)
LATER = dt.date(2026, 11, 16)  # the day the two small schools' later changes were made
REASON = "已核对户口簿及相关证明，情况属实"

_SURNAMES = "王李张刘陈杨赵黄周吴徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾萧田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史黎贺顾毛郝龚邵万钱覃武戴孔"
_GIVEN = ("子涵", "梓萱", "浩然", "雨桐", "宇轩", "欣怡", "俊熙", "诗涵", "明轩", "可馨", "博文", "思彤", "皓轩",
          "语嫣", "天佑", "佳怡", "嘉懿", "一诺", "子墨", "若汐", "铭泽", "雅琪", "承泽", "艺涵", "煜祺", "紫萱",
          "俊杰", "梦瑶", "睿哲", "晨曦")


def _clock(day: dt.date, hour: int = 10):
    return lambda: dt.datetime.combine(day, dt.time(hour, 0))


def _pupil(ws, grade: int, n: int, school_no: int) -> EnrolmentDraft:
    birth = dt.date(2020 - grade + 1, 1 + (n * 3 + grade) % 8, 1 + (n * 7 + grade * 3) % 28)
    sex = "1" if n % 2 == 0 else "2"
    seq = 100 + school_no * 300 + grade * 30 + n * 2 + (1 if sex == "1" else 0)
    name = _SURNAMES[(school_no * 37 + grade * 11 + n * 5) % len(_SURNAMES)] + _GIVEN[(grade * 7 + n * 3 + school_no) % len(_GIVEN)]
    klass = SchoolClass.in_use().where(SchoolClass.grade == grade).order_by(SchoolClass.number).first()
    address = f"{ws.school.name[3:6]}{('东兴村', '新民村', '长胜村', '永丰村')[n % 4]}{1 + n % 6}组"
    draft = EnrolmentDraft(new_pupil=grade == 1, grade=grade, identity_verified=True, class_id=klass.id,
                           entry_date=ws.today())
    draft.student = {
        "name": name, "sex": sex, "birth_date": birth.isoformat(), "id_type": "1",
        "id_number": ids.make_id_number(COUNTY, birth, seq % 1000), "ethnicity": "01", "birthplace": COUNTY,
        "native_place": COUNTY, "hukou_place": COUNTY, "hukou_nature": "1",
        "entry_month": f"{2026 - grade + 1}-09", "address": address, "mail_address": address,
        "home_address": address, "phone": f"1384512{school_no}{grade}{n:02d}", "postcode": "150800",
    }
    draft.guardians = [{"name": name[0] + "建国", "relation": "51", "phone": draft.student["phone"],
                        "is_guardian": "1"}, {}]
    return draft


def _enrol(ws, draft: EnrolmentDraft) -> Student:
    try:
        return enrolment.enrol(ws, draft)[0]
    except RuleViolation as e:
        if blocks(e.findings):
            raise RuntimeError(f"演示数据不合规则（{draft.student['name']}）：{e}") from e
        for f in e.findings:
            draft.reasons[f.rule] = school_demo._REASONS.get(f.rule, REASON)
        return enrolment.enrol(ws, draft)[0]


def _small_school(path: Path, spec, school_no: int, per_grade: int) -> None:
    code, name, kind = spec
    ws = Workspace(path, clock=_clock(school_demo.BUILD_TIME.date(), 9))
    try:
        profile = school_demo.load_profile(PROFILE)
        system = SchoolSystem.SIX_THREE
        setup = SchoolSetup(name=name, code=code, kind=kind, system=system, profile_id=PROFILE, area_code=COUNTY,
                            phone=f"0451-5{school_no}71234",
                            classes=[ClassPlan(g, 1, class_limit(profile, g, system)[0])
                                     for g in grades_taught(kind, system)],
                            username=school_demo.DEMO_USER, display_name=("赵春燕", "孙海波")[school_no % 2],
                            password=SCHOOL_PASSWORD, password_again=SCHOOL_PASSWORD, demo=True)
        create_school(ws, setup)
        ws.login(school_demo.DEMO_USER, SCHOOL_PASSWORD)
        with ws.db.atomic():
            for grade in grades_taught(kind, system):
                for n in range(per_grade):
                    _enrol(ws, _pupil(ws, grade, n, school_no))
    finally:
        ws.close()


def _open_school(path: Path, day: dt.date) -> Workspace:
    ws = Workspace(path, clock=_clock(day))
    ws.login(school_demo.DEMO_USER, SCHOOL_PASSWORD)
    return ws


def _keys(path: Path, bureau_key: Path, fingerprint: str, out: Path) -> None:
    ws = _open_school(path, school_demo.BUILD_TIME.date())
    try:
        school_keys.create_keys(ws, SCHOOL_PASSWORD)
        school_keys.trust_bureau(ws, bureau_key, fingerprint)
        out.write_bytes(school_keys.school_public_key_bytes(ws))
    finally:
        ws.close()


def _export(path: Path, folder: Path, day: dt.date) -> int:
    """Seals and writes; returns the number of the batch just sealed."""
    ws = _open_school(path, day)
    try:
        result = outbox.export_to(ws, SCHOOL_PASSWORD, folder)
        if result.failed is not None:
            raise RuntimeError(result.failed.message)
        return result.sealed.batch_no if result.sealed else 0
    finally:
        ws.close()


def _batch_file(folder: Path, batch_no: int) -> Path:
    for f in sorted(folder.rglob("*.xjb")):
        if batch_format.read_header(f.read_bytes()).batch_no == batch_no:
            return f
    raise FileNotFoundError(f"batch {batch_no} in {folder}")


def _transfer_in(path: Path, holder: Student, holder_school: tuple) -> None:
    """德善乡 asks for a pupil of 会发镇 (籍随人走): typed identity only, its own approval recorded."""
    ws = _open_school(path, LATER)
    try:
        grade = holder.grade
        pupil = EnrolmentDraft(new_pupil=False, grade=grade, identity_verified=True)
        pupil.student = {"name": holder.name, "sex": holder.sex, "birth_date": holder.birth_date.isoformat(),
                         "id_type": holder.id_type, "id_number": holder.id_number}
        pupil.guardians = []
        pupil.class_id = SchoolClass.in_use().where(SchoolClass.grade == grade).first().id
        reason = transfer.allowed_reasons(ws.profile)[0]
        draft = TransferDraft(direction="in", pupil=pupil, incoming_number=holder.student_number,
                              other_school=OtherSchool(holder_school[1], COUNTY, code=holder_school[0]),
                              grade_from=grade, grade_to=grade, reason_id=reason["id"], applied_on=LATER,
                              archive_from_county=True, evidence_seen=list(reason.get("evidence") or []),
                              note="随父母迁居德善乡，就近入学")
        draft.other_school_agreed, draft.exam_period = True, False
        draft.declared = {d.id: False for d in transfer.questions(ws, draft)}
        draft.reasons = {f.rule: school_demo._REASONS.get(f.rule, "随父母迁居，户口已迁入本乡")
                         for f in transfer.check(ws, draft) if f.severity is Severity.WARN}
        case, _ = transfer.open_transfer(ws, draft)
        transfer.record_step(ws, case.id, StepDecision("receiving_school", LATER, "孙海波", "approved"))
    finally:
        ws.close()


def _registered_twice(path: Path) -> str:
    """德善乡 registers a 三年级 child of 会发镇 a second time (the same ID number): the bureau's import catches it
    as a duplicate 学籍 and asks both schools (bureau.duplicates)."""
    ws = _open_school(path, LATER)
    try:
        return _enrol(ws, _pupil(ws, 3, 1, 2)).name  # 会发镇's (school 2) 三年级 pupil n=1, as typed again here
    finally:
        ws.close()


def build_bureau_demo(folder: str | Path) -> tuple[Path, str]:
    """Builds the demo county in `folder` (which must not hold a demo yet); returns (bureau db, password)."""
    root = Path(folder)
    target = root / BUREAU_DB
    if target.exists():
        raise FileExistsError(f"{target} 已存在：演示教育局只能建在新的文件夹中")
    root.mkdir(parents=True, exist_ok=True)
    schools = root / "学校"
    sticks = root / "U盘"
    schools.mkdir(exist_ok=True)
    bureau_now = _clock(LATER + dt.timedelta(days=2), 15)
    bureau_key, fingerprint = importer.init_bureau(target, BUREAU_NAME, COUNTY, BUREAU_PASSWORD,
                                                   key_file=root / f"教育局公钥-{COUNTY}.xjkey", now=bureau_now,
                                                   username=BUREAU_USER, display_name=BUREAU_PERSON, demo=True)

    liuhe = schools / "liuhe.sqlite3"
    school_demo.build_demo(liuhe, pupils=90, profile_id=PROFILE)
    huifa, deshan = schools / "huifa.sqlite3", schools / "deshan.sqlite3"
    _small_school(huifa, HUIFA, 2, 4)
    _small_school(deshan, DESHAN, 3, 3)
    paths = {"liuhe": liuhe, "huifa": huifa, "deshan": deshan}
    key_files = {k: schools / f"{k}.xjkey" for k in paths}
    for k, p in paths.items():
        _keys(p, bureau_key, fingerprint, key_files[k])

    # first batches, then 会发镇's later changes (batches 2 and 3) and 德善乡's transfer in
    firsts = {k: _export(p, sticks / k, dt.date(2026, 9, 11)) for k, p in paths.items()}
    for n, day in ((9, dt.date(2026, 9, 15)), (10, dt.date(2026, 9, 25))):  # late 新生注册, within the period
        ws = _open_school(huifa, day)
        try:
            holder = Student.select().where(Student.grade == 4).order_by(Student.id).first()
            _enrol(ws, _pupil(ws, 1, n, 2))
        finally:
            ws.close()
        _export(huifa, sticks / "huifa", day)
    _transfer_in(deshan, holder, HUIFA)
    _registered_twice(deshan)
    _export(deshan, sticks / "deshan", LATER)

    with open_store(target, now=bureau_now) as store:
        accounts.sign_in(store, BUREAU_USER, BUREAU_PASSWORD)
        for k in paths:
            importer.register_school(store, None, None, key_files[k])
        pair = importer.unlock(store, BUREAU_PASSWORD)
        files = [_batch_file(sticks / k, firsts[k]) for k in paths]
        files += [_batch_file(sticks / "deshan", 2), _batch_file(sticks / "huifa", 3)]
        importer.import_batches(store, pair, files)  # 会发镇 第 3 批 is held: 第 2 批 has not come
    late = root / "U盘-会发镇"
    late.mkdir(exist_ok=True)
    shutil.copy2(_batch_file(sticks / "huifa", 2), late)
    return target, BUREAU_PASSWORD


def describe(target: Path, password: str) -> list[str]:
    """What the demo holds and where, for `xueji bureau demo`."""
    root = target.parent
    return [
        f"演示教育局：{BUREAU_NAME}（县代码 {COUNTY}）",
        f"教育局数据库：{target}",
        f"教育局端登录名：{BUREAU_USER}（{BUREAU_PERSON}；管理员、科长、科员），密码：{password}",
        f"三所演示学校的数据库：{root / '学校'}（登录名 {school_demo.DEMO_USER}，密码 {SCHOOL_PASSWORD}）",
        f"各校 U 盘上的批次：{root / 'U盘'}",
        f"会发镇中心学校尚未导入的第 2 批：{root / 'U盘-会发镇'}（在窗口中“导入学校批次…”试试）",
        "德善乡中心小学又为会发镇中心学校的一名三年级学生建立了学籍：见“重复学籍”页（两校随下一份回执收到核查）",
        f"打开窗口：xueji bureau window --db {target}",
    ]
