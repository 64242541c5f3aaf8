"""高中 graduation conditions (《长治市实施细则》第三十五条) and what each 高三 pupil still lacks.

The school records, per pupil, the credits by kind, each 学业水平考试 subject's grade (a re-sit's result replaces
the first), the 基础素养评价 总评, the fitness standard and the labour and social practice (`HighRecord`), typed
one pupil at a time or read from a workbook. `lacking` names what is missing against the profile's
``certificates.high_requirements``; the year end refuses 毕业 for a pupil who lacks anything and offers 结业
(第三十七条). Where the region states no conditions, nothing is asked and 高三 graduates as the years end.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

from ...store.models import HighRecord, SchoolClass, Student
from ..pupils.status import Status
from ..rules.findings import Finding, RuleViolation, Severity
from ..school.events import Changes, EventKind, changing
from ..school.school import HIGH_GRADES

RULE = "certificates.high_requirements"
PASSED = "合格"
EVALUATIONS = ("合格", "不合格")
EXAM_GRADES = ("A", "B", "C", "D", "E")
MAX_CREDITS = 300
# the workbook's and the command line's names for the record's items
CREDIT_ITEMS = {"必修学分": "credits_required", "选修学分": "credits_elective", "校本选修学分": "credits_school"}
YES_NO_ITEMS = {"体育合格": "fitness", "劳动与社会实践": "practice"}
EVALUATION_ITEM = "基础素养评价"
YES, NO = ("是", "合格", "达到", "已参加", "1", "Y", "y"), ("否", "不合格", "未达到", "未参加", "0", "N", "n")


def applies(profile) -> bool:
    return profile.applies(RULE)


def requirements(profile) -> dict:
    return dict(profile.value(RULE))


@dataclass
class Record:
    """What the school has recorded (None / "" / missing subject: not recorded yet)."""

    credits_required: int | None = None
    credits_elective: int | None = None
    credits_school: int | None = None
    evaluation: str = ""
    fitness: bool | None = None
    practice: bool | None = None
    exams: dict[str, str] = field(default_factory=dict)

    @property
    def credits_total(self) -> int:
        return sum(c or 0 for c in (self.credits_required, self.credits_elective, self.credits_school))

    def as_dict(self) -> dict:
        return {"credits_required": self.credits_required, "credits_elective": self.credits_elective,
                "credits_school": self.credits_school, "evaluation": self.evaluation, "fitness": self.fitness,
                "practice": self.practice, "exams": dict(self.exams)}


def record_of(student_id: int) -> Record:
    row = HighRecord.get_or_none(HighRecord.student == student_id)
    if row is None:
        return Record()
    return Record(row.credits_required, row.credits_elective, row.credits_school, row.evaluation, row.fitness,
                  row.practice, json.loads(row.exams or "{}"))


def lacking(profile, record: Record) -> list[str]:
    """What the pupil still lacks for 毕业, in the article's order; [] when every condition holds."""
    need = requirements(profile)
    out = []
    if record.evaluation != PASSED:
        out.append("基础素养评价总评未达到合格" if record.evaluation else "基础素养评价总评未录入")
    for label, have, wanted in (("总学分", record.credits_total, need["credits_total"]),
                                ("必修学分", record.credits_required, need["credits_required"]),
                                ("选修学分", record.credits_elective, need["credits_elective"]),
                                ("校本选修学分", record.credits_school, need["credits_school"])):
        if have is None:
            out.append(f"{label}未录入")
        elif have < wanted:
            out.append(f"{label} {have}（至少 {wanted}）")
    grades = set(need["exam_grades"])
    missing = [s for s in need["subjects"] if not record.exams.get(s)]
    failed = [f"{s} {record.exams[s]}" for s in need["subjects"] if record.exams.get(s) and record.exams[s] not in grades]
    if missing:
        out.append("学业水平考试未录入：" + "、".join(missing))
    if failed:
        out.append(f"学业水平考试未达到{'、'.join(need['exam_grades'])}等级：" + "、".join(failed))
    if record.fitness is not True:
        out.append("体育锻炼未达到合格标准" if record.fitness is False else "体育锻炼合格标准未录入")
    if record.practice is not True:
        out.append("未按规定参加劳动和社会实践活动" if record.practice is False else "劳动和社会实践未录入")
    return out


@dataclass(frozen=True)
class Check:
    student_id: int
    student_number: str
    name: str
    class_name: str
    lacking: tuple[str, ...]

    @property
    def passes(self) -> bool:
        return not self.lacking

    @property
    def verdict(self) -> str:
        return "准予毕业" if self.passes else "未达到毕业条件（结业）"


def seniors() -> list[Student]:
    return list(Student.select(Student, SchoolClass).join(SchoolClass).where(
        (Student.grade == HIGH_GRADES[-1]) & (Student.status == Status.ENROLLED.value))
        .order_by(SchoolClass.number, Student.name))


def check_all(ws) -> list[Check]:
    """Every 高三 pupil at school, with what each lacks (nothing where the region states no conditions)."""
    out = []
    for s in seniors():
        missing = lacking(ws.profile, record_of(s.id)) if applies(ws.profile) else []
        out.append(Check(s.id, s.student_number, s.name, s.school_class.name, tuple(missing)))
    return out


def lacking_by_pupil(profile, graduating) -> dict[int, list[str]]:
    """The graduating 高三 pupils short of 毕业, with what each lacks (none where the region states no conditions)."""
    if not applies(profile):
        return {}
    out = {}
    for x in graduating:
        if x.grade == HIGH_GRADES[-1]:
            missing = lacking(profile, record_of(x.id))
            if missing:
                out[x.id] = missing
    return out


def year_end_findings(profile, short: dict[int, list[str]]) -> list[Finding]:
    """The year end: how many 高三 pupils leave with 结业 for lacking a condition (第三十七条), to check before."""
    if not short:
        return []
    rule = profile.rule("certificates.high_completion_certificate")
    return [Finding(RULE, Severity.INFO, "outcomes",
                    f"结业：{len(short)} 名高三学生未达到毕业条件，按规定结业；条件已具备而未录入的，"
                    "请先在“高中毕业资格审核”中补录", rule.article)]


def completion_reason(short: list[str]) -> str:
    return "未达到毕业条件：" + "；".join(short)


# ── recording ───────────────────────────────────────────────────────────────────────────────────────

def _block(field_name: str, message: str, article: str = "") -> Finding:
    return Finding(f"high_record.{field_name}", Severity.BLOCK, field_name, message, article)


def parse_items(profile, items: dict[str, str], where: str = "") -> tuple[dict, list[Finding]]:
    """{"必修学分": "116", "物理": "B", "体育合格": "是" …} → the record's changes, with a finding per bad item."""
    subjects = requirements(profile)["subjects"] if applies(profile) else []
    changes, found = {}, []
    for label, raw in items.items():
        label, text = label.strip(), str(raw if raw is not None else "").strip()
        if label in CREDIT_ITEMS:
            if text == "":
                changes[CREDIT_ITEMS[label]] = None
            elif text.isdigit() and int(text) <= MAX_CREDITS:
                changes[CREDIT_ITEMS[label]] = int(text)
            else:
                found.append(_block(CREDIT_ITEMS[label], f"{where}{label}：“{text}”应为 0–{MAX_CREDITS} 的整数"))
        elif label in YES_NO_ITEMS:
            value = True if text in YES else False if text in NO else None if text == "" else "bad"
            if value == "bad":
                found.append(_block(YES_NO_ITEMS[label], f"{where}{label}：“{text}”应为 是 或 否"))
            else:
                changes[YES_NO_ITEMS[label]] = value
        elif label == EVALUATION_ITEM:
            if text not in EVALUATIONS + ("",):
                found.append(_block("evaluation", f"{where}{label}：“{text}”应为 合格 或 不合格"))
            else:
                changes["evaluation"] = text
        elif label in subjects:
            grade = text.upper()
            if grade not in EXAM_GRADES + ("",):
                found.append(_block("exams", f"{where}学业水平考试 {label}：“{text}”应为 A、B、C、D、E 之一"))
            else:
                changes.setdefault("exams", {})[label] = grade
        else:
            known = "、".join([*CREDIT_ITEMS, EVALUATION_ITEM, *YES_NO_ITEMS, *subjects])
            found.append(_block("item", f"{where}没有“{label}”这一项（可填：{known}）"))
    return changes, found


def _apply(record: Record, changes: dict) -> Record:
    exams = dict(record.exams)
    for subject, grade in (changes.get("exams") or {}).items():
        if grade:
            exams[subject] = grade
        else:
            exams.pop(subject, None)
    values = {**record.as_dict(), **{k: v for k, v in changes.items() if k != "exams"}, "exams": exams}
    return Record(**values)


def _pupil_findings(ws, student: Student | None, where: str = "") -> list[Finding]:
    if not applies(ws.profile):
        return [_block("student", "本地区学籍规定未列明普通高中毕业条件，无需登记")]
    if student is None:
        return [_block("student", f"{where}学生：本校没有这名学生")]
    if student.grade not in HIGH_GRADES:
        return [_block("student", f"{where}学生：{student.name} 不是高中学生")]
    return []


def _write(tx, student: Student, before: Record, after: Record, source: str) -> bool:
    if after == before:
        return False
    d = after.as_dict()
    HighRecord.insert(student=student.id, credits_required=d["credits_required"], credits_elective=d["credits_elective"],
                      credits_school=d["credits_school"], evaluation=d["evaluation"], fitness=d["fitness"],
                      practice=d["practice"], exams=json.dumps(d["exams"], ensure_ascii=False, sort_keys=True),
                      updated_by=tx.author, updated_at=tx.now).on_conflict(
        conflict_target=[HighRecord.student],
        update={HighRecord.credits_required: d["credits_required"], HighRecord.credits_elective: d["credits_elective"],
                HighRecord.credits_school: d["credits_school"], HighRecord.evaluation: d["evaluation"],
                HighRecord.fitness: d["fitness"], HighRecord.practice: d["practice"],
                HighRecord.exams: json.dumps(d["exams"], ensure_ascii=False, sort_keys=True),
                HighRecord.updated_by: tx.author, HighRecord.updated_at: tx.now}).execute()
    changed = [k for k in d if d[k] != before.as_dict()[k]]
    tx.record(EventKind.HIGH_RECORD_SET, f"登记毕业条件：{student.name}（{source}）",
              {"before": before.as_dict(), "after": d, "changed": changed, "source": source}, student=student)
    return True


def set_record(ws, student_id: int, items: dict[str, str]) -> Changes:
    """Records some items of one pupil's conditions; RuleViolation (nothing written) on a bad item."""
    with changing(ws.db, ws.user, ws.now()) as tx:
        student = Student.get_or_none(Student.id == student_id)
        found = _pupil_findings(ws, student)
        changes, bad = parse_items(ws.profile, items) if not found else ({}, [])
        if found or bad:
            raise RuleViolation(found + bad)
        before = record_of(student.id)
        _write(tx, student, before, _apply(before, changes), "逐人录入")
    return tx.changes


# ── a workbook: one row per pupil ───────────────────────────────────────────────────────────────────

def read_workbook(path: str | Path) -> list[tuple[int, dict[str, str]]]:
    """(row number, {header: text}) for each row with a 学籍号; the first row holding 学籍号 is the header."""
    from openpyxl import load_workbook

    book = load_workbook(path, read_only=True, data_only=True)
    try:
        rows = list(book.worksheets[0].iter_rows(values_only=True))
    finally:
        book.close()
    head_at = next((i for i, r in enumerate(rows[:20]) if any(str(c or "").strip() == "学籍号" for c in r)), None)
    if head_at is None:
        raise RuleViolation([_block("file", f"{Path(path).name}：前 20 行中没有“学籍号”列")])
    headers = [str(c or "").strip() for c in rows[head_at]]
    out = []
    for n, row in enumerate(rows[head_at + 1:], start=head_at + 2):
        cells = {h: ("" if v is None else str(int(v)) if isinstance(v, float) and v.is_integer() else str(v).strip())
                 for h, v in zip(headers, row) if h}
        if cells.get("学籍号"):
            out.append((n, cells))
    return out


def import_workbook(ws, path: str | Path) -> tuple[int, Changes]:
    """Every row or none: each bad cell is named by row and column; returns how many pupils changed."""
    rows = read_workbook(path)
    with changing(ws.db, ws.user, ws.now()) as tx:
        found, planned = [], []
        for n, cells in rows:
            where = f"第 {n} 行："
            student = Student.get_or_none(Student.student_number == cells["学籍号"].upper())
            problems = _pupil_findings(ws, student, where)
            if not problems and cells.get("姓名") and cells["姓名"] != student.name:
                problems = [_block("student", f"{where}学籍号 {student.student_number} 是 {student.name}，"
                                              f"与所填姓名“{cells['姓名']}”不符")]
            items = {k: v for k, v in cells.items() if k not in ("学籍号", "姓名", "班级", "序号")}
            changes, bad = parse_items(ws.profile, items, where) if not problems else ({}, [])
            found += problems + bad
            if not problems and not bad:
                planned.append((student, changes))
        if found:
            raise RuleViolation(found)
        written = sum(_write(tx, s, record_of(s.id), _apply(record_of(s.id), c), Path(path).name) for s, c in planned)
    return written, tx.changes
