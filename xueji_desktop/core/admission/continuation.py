"""升学 at the middle school: the county bureau's admissions (核准) arrive in its reply batches, each with the
primary school's record and history; the registrar continues each record as a new pupil of the first middle
grade (初一) in a chosen class — the same 学籍号 for life, the fields and family from the primary school, the
primary history kept in the event (as a transfer in keeps the sending school's) — in one transaction with a
`student_continued` event, the class-size rules applying.

《凉山州规定》一(二): 初中、高中阶段的学籍只能采用升学招生的形式调档，接续原有学籍档案信息; 三(二): 从上一教育阶段
毕业生中录取，直接接续原有学籍档案信息. 《黑龙江省实施细则》第十六条: 初中学校接续管理学生电子学籍档案.

Admissions received are kept one `Setting` row each ("admission:<学籍号>", the item as the bureau sent it, the
reply batch, and once continued, the day and the pupil): the school's file needs no new table for them.
Where the primary school does not use this program, the registrar types the 学籍号 (or reads the primary
school's 毕业生花名册 workbook, `read_graduate_list`) and enrols the pupil with `enrolment.enrol` and
`EnrolmentDraft.continued_number` (route 升学).
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass
from pathlib import Path

from peewee import fn

from ...store.models import Graduate, SchoolClass, Setting, Student
from ..pupils import codes
from ..pupils.fields import STUDENT
from ..pupils.status import Status
from ..rules.findings import Finding, RuleViolation, Severity, blocks, warnings
from ..school.events import Changes, EventKind, changing
from ..school.school import HIGH_GRADES, grade_name, starting_grades
from . import enrolment
from .enrolment import EnrolmentDraft, occupied, unexplained, warning_log, write_student
from .enrolment_rules import class_size_findings

PREFIX = "admission:"
ROUTE = "升学"
ENTRY_ROUTE = "continued"  # Student.entry_route of a pupil whose primary record continues here


class ContinuationError(Exception):
    """An admission that cannot be continued as asked; the message says why in Chinese. Nothing written."""


@dataclass(frozen=True)
class Admission:
    student_number: str
    name: str
    sex: str
    birth_date: str
    id_number: str
    from_code: str
    from_name: str
    school_year: int | None
    class_name: str  # the primary class left
    admitted_on: str
    person: str  # who at the bureau admitted
    received_on: str
    reply_batch: int | None
    continued_on: str  # "" while waiting
    class_now: str  # the class here, once continued
    history: tuple[dict, ...]

    cancelled_on: str = ""  # 长治 第十二条: a 高一 new pupil who never reported
    graduated_grade: int | None = None  # the grade the pupil left the earlier school from (6: 初一; 9: 高一)

    @property
    def waiting(self) -> bool:
        return not self.continued_on and not self.cancelled_on

    @property
    def state(self) -> str:
        if self.cancelled_on:
            return f"已取消入学资格（{self.cancelled_on}，未报到）"
        return f"已接续（{self.continued_on}，{self.class_now}）" if self.continued_on else "待接续"

    @property
    def to_high(self) -> bool:
        return (self.graduated_grade or 0) >= 7


def first_middle_grade(ws) -> int | None:
    """初一: the first middle grade this school takes new pupils into (core.school.school.starting_grades)."""
    middle = ws.system.primary_years + 1
    return middle if middle in starting_grades(ws.kind, ws.system) else None


def first_high_grade(ws) -> int | None:
    """高一, where this school has it."""
    return HIGH_GRADES[0] if HIGH_GRADES[0] in starting_grades(ws.kind, ws.system) else None


def entry_grade(ws, graduated_grade) -> int | None:
    """The grade a graduate continues into here: 高一 after 初中 (九年级), 初一 after 小学."""
    try:
        after_middle = int(graduated_grade or 0) >= 7
    except (TypeError, ValueError):
        after_middle = False
    return first_high_grade(ws) if after_middle else first_middle_grade(ws)


# ── receiving (inside the reply's transaction, core.exchange.replies) ─────────────────────────────────────

def receive(payload: dict, batch_no: int | None, today: dt.date) -> str:
    """Keeps one admission from a reply; returns the reply's line for it (Chinese)."""
    number = str(payload.get("student_number") or "").strip()
    school = payload.get("from_school") or {}
    who = f"{payload.get('name', '')}（学籍号 {number}）"
    if not number:
        return "升学录取：缺少学籍号，已忽略，请与教育局核实"
    here = Student.get_or_none(Student.student_number == number)
    key = PREFIX + number
    if Setting.get_or_none(Setting.key == key) is not None:
        return f"升学录取：{who} 已收到过，未重复登记"
    kept = {**payload, "received_on": today.isoformat(), "reply_batch": batch_no}
    if here is not None and here.status == Status.GRADUATED.value:  # this school's own 初中 graduate: to 高一
        here = None
    if here is not None:
        kept.update(continued_on=f"{here.entry_date:%Y-%m-%d}" if here.entry_date else today.isoformat(),
                    student_id=here.id)
    Setting.create(key=key, value=json.dumps(kept, ensure_ascii=False, sort_keys=True))
    if here is not None:
        return f"升学录取：{who} 已在本校学籍中（{here.name}），无需再接续"
    return (f"升学录取：{who} 自{school.get('name', '')}毕业，经教育局核准（{payload.get('person', '')}，"
            f"{payload.get('admitted_on', '')}）升入本校，待接续学籍")


# ── reading ───────────────────────────────────────────────────────────────────────────────────────────

def _load(row: Setting) -> dict:
    try:
        value = json.loads(row.value)
    except ValueError:
        return {}
    return value if isinstance(value, dict) else {}


def _admission(doc: dict, classes: dict[int, str]) -> Admission:
    fields = ((doc.get("archive") or {}).get("record") or {}).get("fields") or {}
    school = doc.get("from_school") or {}
    return Admission(
        str(doc.get("student_number", "")), str(doc.get("name") or fields.get("name", "")),
        codes.SEX.label(fields.get("sex", "")) or fields.get("sex", ""), str(fields.get("birth_date", ""))[:10],
        str(doc.get("id_number") or fields.get("id_number", "")), str(school.get("code", "")),
        str(school.get("name", "")), doc.get("school_year"), str(doc.get("class_name", "")),
        str(doc.get("admitted_on", "")), str(doc.get("person", "")), str(doc.get("received_on", "")),
        doc.get("reply_batch"), str(doc.get("continued_on") or ""), classes.get(doc.get("student_id"), ""),
        tuple((doc.get("archive") or {}).get("history") or []), str(doc.get("cancelled_on") or ""),
        _int(doc.get("grade")))


def _int(value) -> int | None:
    try:
        return int(value)
    except (TypeError, ValueError):
        return None


def admissions(waiting_only: bool = False) -> list[Admission]:
    """The admissions received, waiting first, by primary school and 学籍号."""
    docs = [_load(r) for r in Setting.select().where(Setting.key.startswith(PREFIX))]
    ids = [d["student_id"] for d in docs if d.get("student_id")]
    classes = {s.id: (s.school_class.name if s.school_class_id else "")
               for s in Student.select().where(Student.id.in_(ids))} if ids else {}
    out = [_admission(d, classes) for d in docs if d]
    if waiting_only:
        out = [a for a in out if a.waiting]
    return sorted(out, key=lambda a: (not a.waiting, a.from_code, a.class_name, a.student_number))


def waiting_count() -> int:
    return len(admissions(waiting_only=True))


def middle_classes(ws) -> list[tuple[int, str, int, int]]:
    """The classes in use of the entry grades (初一, 高一): (id, name, pupils on roll, planned places)."""
    grades = [g for g in (first_middle_grade(ws), first_high_grade(ws)) if g is not None]
    return [(k.id, k.name, occupied(k), k.capacity)
            for k in SchoolClass.in_use().where(SchoolClass.grade.in_(grades))
            .order_by(SchoolClass.grade, SchoolClass.number)]


# ── 长治 第十二条: a 高一 new pupil who does not report ───────────────────────────────────────────────────

NO_SHOW = "enrolment.high_no_show"
NO_DELAY = "no_delay_asked"  # the registrar's answer: the pupil asked for no delay (延期) either


def report_deadline(ws, calendar) -> dt.date | None:
    """The last day a 高一 new pupil may report: the autumn term's start plus the profile's working days."""
    if not ws.profile.applies(NO_SHOW) or first_high_grade(ws) is None:
        return None
    from ..dates.school_calendar import SchoolCalendar

    terms = SchoolCalendar.from_profile(ws.profile)
    autumn = terms.terms(terms.term_of(ws.today()).school_year)[0]  # the school year under way, or about to start
    return calendar.add_working_days(autumn.start, int(ws.profile.value(NO_SHOW))).day


def cancel_admission(ws, student_number: str, no_delay_asked: bool, calendar=None) -> Changes:
    """长治 第十二条: 开学后10个工作日内不到学校办理入学手续、又不办理延期手续 → 取消其入学资格. The admission stays,
    marked, with an event the bureau receives. RuleViolation, nothing written."""
    from ..dates.workdays import WorkCalendar

    calendar = calendar or WorkCalendar.from_store()
    rule = ws.profile.rule(NO_SHOW)
    number = student_number.strip().upper()
    with changing(ws.db, ws.user, ws.now()) as tx:
        row = Setting.get_or_none(Setting.key == PREFIX + number)
        doc = _load(row) if row is not None else {}
        found = []
        if not rule.applies:
            found.append(Finding("continued.admission", Severity.BLOCK, "student_number",
                                 "本地区学籍规定未规定取消新生的入学资格"))
        elif not doc or doc.get("continued_on") or doc.get("cancelled_on") or not _admission(doc, {}).to_high:
            found.append(Finding("continued.admission", Severity.BLOCK, "student_number",
                                 f"学籍号 {number}：不是待接续的高一升学录取", rule.article))
        else:
            deadline = report_deadline(ws, calendar)
            if deadline is None or ws.today() <= deadline:
                found.append(Finding(NO_SHOW, Severity.BLOCK, "student_number",
                                     f"报到期限：开学后 {rule.value} 个工作日内（至 {deadline:%Y-%m-%d}）尚未届满"
                                     if deadline else "报到期限：本校没有高一", rule.article))
            if not no_delay_asked:
                found.append(Finding(NO_SHOW, Severity.BLOCK, f"declared.{NO_DELAY}",
                                     "请确认：该生也未办理延期入学手续（已办理延期的，按延期期限办理）", rule.article))
        if found:
            raise RuleViolation(found)
        doc["cancelled_on"] = ws.today().isoformat()
        row.value = json.dumps(doc, ensure_ascii=False, sort_keys=True)
        row.save()
        tx.record(EventKind.ADMISSION_CANCELLED,
                  f"取消入学资格：{doc.get('name', '')}（学籍号 {number}），高一新生开学后 {rule.value} 个工作日内未报到、"
                  "未办理延期手续", {"student_number": number, "name": doc.get("name", ""),
                                  "from_school": doc.get("from_school") or {}, "deadline": f"{report_deadline(ws, calendar)}"},
                  articles=[rule.article])
    return tx.changes


# ── this school's own 初中 graduates going on to its 高中 (完全中学, 一贯制) ───────────────────────────────────

def own_graduates(ws) -> list[Student]:
    """This school's 九年级 graduates (毕业) of the last school year, not continued since: those the 中考 admits
    to its own 高一 continue here with the same record."""
    if first_high_grade(ws) is None:
        return []
    latest = Graduate.select(fn.MAX(Graduate.school_year)).where(Graduate.outcome == Status.GRADUATED.value)
    return list(Student.select().join(Graduate).where(
        (Student.status == Status.GRADUATED.value) & (Student.grade == 9) & (Graduate.school_year == latest))
        .order_by(Graduate.class_name, Student.name))


def _own_graduate(ws, number: str) -> Student | None:
    return next((s for s in own_graduates(ws) if s.student_number == number), None)


def own_entries(ws) -> list[Admission]:
    """This school's own 初中 graduates as rows of the admissions list (to be continued once admitted)."""
    return [Admission(s.student_number, s.name, codes.SEX.label(s.sex) or s.sex, str(s.birth_date or "")[:10],
                      str(s.id_number or ""), ws.school.code, ws.school.name, None,
                      s.school_class.name if s.school_class_id else "", "", "本校初中毕业（经中考录取后接续）", "",
                      None, "", "", (), "", 9) for s in own_graduates(ws)]


def entries(ws, waiting_only: bool = False) -> list[Admission]:
    """The bureau's admissions and this school's own 初中 graduates not yet continued."""
    listed = admissions(waiting_only)
    known = {a.student_number for a in listed}
    return listed + [a for a in own_entries(ws) if a.student_number not in known]


def _high_class(ws, grade: int, class_id: int | None) -> tuple[SchoolClass | None, list[Finding]]:
    if class_id is None:
        return None, [Finding("field.school_class", Severity.BLOCK, "school_class", "班级：请选择编入的班级")]
    klass = SchoolClass.get_or_none(SchoolClass.id == class_id)
    if klass is None or klass.retired_year is not None or klass.grade != grade:
        return None, [Finding("field.school_class", Severity.BLOCK, "school_class",
                              f"班级：请选择{grade_name(grade)}正在使用的班级")]
    return klass, []


def check_own(ws, student: Student, class_id: int | None) -> list[Finding]:
    klass, found = _high_class(ws, first_high_grade(ws), class_id)
    if klass is None:
        return found
    return class_size_findings(ws.profile, ws.system, klass.grade, klass.name, occupied(klass), klass.capacity)


def continue_own(ws, student_number: str, class_id: int | None, reasons: dict[str, str] | None = None,
                 admission: Setting | None = None) -> tuple[Student, Changes]:
    """One of this school's 初中 graduates, admitted by the 中考 to its 高中, continues as 高一 in `class_id`: the
    same record and 学籍号 (长治 第十二条, 凉山 一(二)); the 初中 graduation stays in the record. The bureau's
    admission for the pupil, when one came, is marked continued in the same transaction."""
    number, reasons = student_number.strip().upper(), reasons or {}
    with changing(ws.db, ws.user, ws.now()) as tx:
        student = _own_graduate(ws, number)
        if student is None:
            raise RuleViolation([Finding("continued.admission", Severity.BLOCK, "student_number",
                                         f"学籍号 {number}：不是本校上一学年的初中毕业生，或已接续")])
        found = check_own(ws, student, class_id)
        stop = blocks(found) + unexplained(found, reasons)
        if stop:
            raise RuleViolation(stop)
        klass = SchoolClass.get_by_id(class_id)
        before = {"grade": student.grade, "class_id": student.school_class_id, "status": student.status,
                  "entry_date": f"{student.entry_date:%Y-%m-%d}" if student.entry_date else "",
                  "entry_route": student.entry_route}
        Student.update(status=Status.ENROLLED.value, grade=klass.grade, school_class=klass, entry_date=ws.today(),
                       entry_route=ENTRY_ROUTE, updated_at=tx.now).where(Student.id == student.id).execute()
        Graduate.update(next_school_code=ws.school.code, next_school_name=ws.school.name).where(
            (Graduate.student == student) & (Graduate.next_school_code == "")).execute()
        passed = {f.rule: reasons[f.rule].strip() for f in warnings(found)}
        student = Student.get_by_id(student.id)
        tx.record(EventKind.STUDENT_CONTINUED,
                  f"升学：{student.name} 自本校初中毕业升入{klass.name}，学籍号 {number} 接续",
                  {"route": ROUTE, "own_graduate": True, "before": before, "grade": klass.grade,
                   "class_name": klass.name, "status_to": Status.ENROLLED.value,
                   "warnings": warning_log(found, passed)},
                  student=student, articles=_articles(ws) + [f.article for f in found if f.article], reasons=passed)
        if admission is not None:
            doc = _load(admission)
            doc.update(continued_on=ws.today().isoformat(), student_id=student.id)
            admission.value = json.dumps(doc, ensure_ascii=False, sort_keys=True)
            admission.save()
        tx.changes.classes = True
    return student, tx.changes


# ── continuing ──────────────────────────────────────────────────────────────────────────────────────────

def draft_of(ws, doc: dict, class_id: int | None) -> EnrolmentDraft:
    """The primary school's record as an enrolment draft of 初一 (what the registrar would otherwise type)."""
    record = (doc.get("archive") or {}).get("record") or {}
    fields = {k: v for k, v in (record.get("fields") or {}).items() if k in STUDENT}
    guardians = [dict(g) for g in record.get("guardians") or []] or [{}]
    return EnrolmentDraft(new_pupil=True, grade=entry_grade(ws, doc.get("grade")), student=fields, guardians=guardians,
                          class_id=class_id, entry_date=ws.today(),
                          identity_verified=bool(record.get("identity_verified")))


def check_continue(ws, student_number: str, class_id: int | None) -> list[Finding]:
    """What stands in the way of continuing the admission into the class: blocks and warnings (class sizes)."""
    own = _own_graduate(ws, student_number.strip().upper())
    if own is not None:
        return check_own(ws, own, class_id)
    row = Setting.get_or_none(Setting.key == PREFIX + student_number.strip())
    doc = _load(row) if row is not None else {}
    if not doc:
        return [Finding("continued.admission", Severity.BLOCK, "student_number",
                        f"学籍号 {student_number}：本校没有收到教育局对该生的升学录取")]
    if doc.get("continued_on"):
        return [Finding("continued.admission", Severity.BLOCK, "student_number",
                        f"学籍号 {student_number}：已于 {doc['continued_on']} 接续学籍")]
    grade = entry_grade(ws, doc.get("grade"))
    if grade is None:
        stage = "高中起始年级（高一）" if int(doc.get("grade") or 0) >= 7 else "初中起始年级（初一）"
        return [Finding("continued.grade", Severity.BLOCK, "grade", f"本校不招收{stage}新生，不能接续升学学籍")]
    holder = Student.get_or_none(Student.student_number == student_number.strip())
    if holder is not None:
        return [Finding("continued.number", Severity.BLOCK, "student_number",
                        f"学籍号 {student_number}：已是本校学籍中的 {holder.name}",
                        ws.profile.rule("student_number.lifelong").article)]
    if class_id is None:
        return [Finding("field.school_class", Severity.BLOCK, "school_class", "班级：请选择编入的班级")]
    klass = SchoolClass.get_or_none(SchoolClass.id == class_id)
    if klass is None or klass.retired_year is not None or klass.grade != grade:
        return [Finding("field.school_class", Severity.BLOCK, "school_class",
                        f"班级：请选择{grade_name(grade)}正在使用的班级")]
    return class_size_findings(ws.profile, ws.system, grade, klass.name, occupied(klass), klass.capacity)


def _articles(ws) -> list[str]:
    p = ws.profile
    keys = ("enrolment.middle_by_promotion", "enrolment.high_by_admission", "archive.on_transfer",
            "student_number.lifelong")
    return [p.rule(k).article for k in keys if p.applies(k) and p.rule(k).article]


def continue_admission(ws, student_number: str, class_id: int | None,
                       reasons: dict[str, str] | None = None) -> tuple[Student, Changes]:
    """Continues the admitted pupil's record here as 初一 in `class_id`; RuleViolation (blocks, or warnings
    without a reason of 4 characters or more), nothing written. The change log's door checks the account may
    (学籍管理员: the event's kind needs the 学籍业务 right)."""
    number = student_number.strip()
    reasons = reasons or {}
    row = Setting.get_or_none(Setting.key == PREFIX + number)
    if _own_graduate(ws, number.upper()) is not None:
        return continue_own(ws, number, class_id, reasons, admission=row)
    with changing(ws.db, ws.user, ws.now()) as tx:
        found = check_continue(ws, number, class_id)  # inside the write lock, on fresh data
        stop = blocks(found) + unexplained(found, reasons)
        if stop:
            raise RuleViolation(stop)
        row = Setting.get(Setting.key == PREFIX + number)
        doc = _load(row)
        draft = draft_of(ws, doc, class_id)
        student, snapshot = write_student(ws, tx, draft, number, ENTRY_ROUTE)
        archive = doc.get("archive") or {}
        school = doc.get("from_school") or archive.get("school") or {}
        passed = {f.rule: reasons[f.rule].strip() for f in warnings(found)}
        tx.record(EventKind.STUDENT_CONTINUED,
                  f"升学：{student.name} 自{school.get('name', '')}毕业升入{student.school_class.name}，学籍号 {number} 接续"
                  f"（教育局核准：{doc.get('person', '')}，{doc.get('admitted_on', '')}）",
                  {"route": ROUTE, **snapshot, "archive_history": archive.get("history") or [],
                   "archive_from": school, "graduated": {k: doc.get(k) for k in ("school_year", "outcome", "grade",
                                                                                 "class_name")},
                   "admitted": {"on": doc.get("admitted_on"), "person": doc.get("person"),
                                "reply_batch": doc.get("reply_batch")},
                   "warnings": warning_log(found, passed)},
                  student=student, articles=_articles(ws) + [f.article for f in found if f.article], reasons=passed)
        doc.update(continued_on=ws.today().isoformat(), student_id=student.id)
        row.value = json.dumps(doc, ensure_ascii=False, sort_keys=True)
        row.save()
        tx.changes.classes = True
    return student, tx.changes


# ── the typed route: the primary school's 毕业生花名册 ────────────────────────────────────────────────────

HEADERS = {"student_number": ("学籍号", "全国学籍号", "学籍辅号"), "name": ("姓名",),
           "id_number": ("身份证件号", "身份证号", "身份证件号码", "身份证号码"), "sex": ("性别",),
           "birth_date": ("出生日期",), "ethnicity": ("民族",)}
REQUIRED = ("student_number", "name", "id_number")


@dataclass(frozen=True)
class ListedGraduate:
    row: int  # the workbook's row number
    student_number: str
    name: str
    id_number: str
    sex: str
    birth_date: str
    ethnicity: str


def read_graduate_list(path: str | Path) -> list[ListedGraduate]:
    """The pupils of a primary school's 毕业生花名册 workbook (the first sheet whose header row, within its first
    10 rows, names 学籍号, 姓名 and 身份证件号; more columns are read when present). ContinuationError naming the
    file, the row and the column for anything wrong; nothing is half read."""
    from openpyxl import load_workbook

    name = Path(path).name
    try:
        book = load_workbook(Path(path), read_only=True, data_only=True)
    except FileNotFoundError:
        raise ContinuationError(f"找不到文件 {path}") from None
    except Exception:  # noqa: BLE001 — openpyxl raises many kinds for a file that is not a workbook
        raise ContinuationError(f"{name} 不是可读取的 Excel 工作簿（.xlsx）") from None
    try:
        for sheet in book.worksheets:
            rows = list(sheet.iter_rows(values_only=True))
            found = _header(rows)
            if found is not None:
                return _pupils(name, rows, *found)
    finally:
        book.close()
    raise ContinuationError(f"{name}：前 10 行中找不到同时含“学籍号”“姓名”“身份证件号”三列的表头")


def _header(rows) -> tuple[int, dict[str, int]] | None:
    for i, row in enumerate(rows[:10]):
        cells = [str(c).strip() if c is not None else "" for c in row]
        columns = {k: next((j for j, c in enumerate(cells) if c in names), None) for k, names in HEADERS.items()}
        if all(columns[k] is not None for k in REQUIRED):
            return i, {k: v for k, v in columns.items() if v is not None}
    return None


def _cell(row, at: int | None) -> str:
    if at is None or at >= len(row) or row[at] is None:
        return ""
    value = row[at]
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, dt.datetime):
        value = value.date()
    return str(value).strip()


def _pupils(name: str, rows, head: int, columns: dict[str, int]) -> list[ListedGraduate]:
    out, problems, seen = [], [], set()
    for n, row in enumerate(rows[head + 1:], start=head + 2):
        values = {k: _cell(row, columns.get(k)) for k in HEADERS}
        if not any(values.values()):
            continue
        number = values["student_number"].upper()
        missing = [HEADERS[k][0] for k in REQUIRED if not values[k]]
        if missing:
            problems.append(f"第 {n} 行：{'、'.join(missing)}为空")
        elif not enrolment.CONTINUED_NUMBER.match(number):
            problems.append(f"第 {n} 行“学籍号”列：{number} 应为 19 位，G、L 或 J 开头，后接 18 位")
        elif number in seen:
            problems.append(f"第 {n} 行“学籍号”列：{number} 重复出现")
        seen.add(number)
        out.append(ListedGraduate(n, number, values["name"], values["id_number"].upper(), values["sex"],
                                  values["birth_date"][:10], values["ethnicity"]))
    if problems:
        raise ContinuationError(f"{name}：" + "；".join(problems))
    if not out:
        raise ContinuationError(f"{name}：表中没有数据行")
    return out


def known_numbers(numbers: list[str]) -> set[str]:
    """The 学籍号 among `numbers` this school's file already holds (any status): never enrolled again."""
    out: set[str] = set()
    for i in range(0, len(numbers), 500):
        out |= {n for (n,) in Student.select(Student.student_number)
                .where(Student.student_number.in_(numbers[i:i + 500])).tuples()}
    return out


def listed_draft(ws, pupil: ListedGraduate, class_id: int | None) -> EnrolmentDraft:
    """A 初一 enrolment draft started from a 毕业生花名册 row: the 学籍号 kept, the identity filled; the registrar
    completes the rest of the record (family, address …) as for any new pupil."""
    student = {"name": pupil.name, "id_type": codes.RESIDENT_ID, "id_number": pupil.id_number}
    sex = codes.SEX.code(pupil.sex) or pupil.sex
    if sex:
        student["sex"] = sex
    if pupil.birth_date:
        student["birth_date"] = pupil.birth_date
    ethnicity = codes.ETHNICITY.code(pupil.ethnicity) if pupil.ethnicity else ""
    if ethnicity:
        student["ethnicity"] = ethnicity
    klass = SchoolClass.get_or_none(SchoolClass.id == class_id) if class_id else None
    grade = klass.grade if klass is not None else first_middle_grade(ws) or first_high_grade(ws)
    return EnrolmentDraft(new_pupil=True, grade=grade, student=student, class_id=class_id,
                          continued_number=pupil.student_number, entry_date=ws.today(),
                          identity_verified=pupil.student_number.startswith("G"))
