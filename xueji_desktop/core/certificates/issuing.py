"""Issuing a certificate of study: the checks, the one write, the reads, the reprint.

    req = Request(student_id, CertKind.EDUCATION, applicant="张建国", ground=Ground.LOST)
    findings = check(ws, req)                  # blocks and warnings, each citing its article
    issued = issue(ws, req, Path("x.pdf"))     # Certificate + event + 查询登记 + the PDF, one transaction
    certificates(student_id=…)                 # the stubs as plain rows
    print_certificate(ws, "XLZM-2027-0001", Path("again.pdf"))

What is printed is taken from the record at issue time and kept in ``Certificate.data`` (the certificate's
content as printed): a reprint prints the same certificate, whatever changed in the record since. The number is
the kind's letters, the year of issue and the next free number of that kind and year (XLZM-2027-0001), taken
inside the write lock.
"""

from __future__ import annotations

import datetime as dt
import json
import re
import uuid
from dataclasses import dataclass, field
from pathlib import Path

from ...store.models import Certificate, Event, Graduate, School, Student, User
from ..accounts import access_log
from ..accounts.access_log import Action
from ..pupils.records import record_view
from ..pupils.status import Status
from ..rules.findings import Finding, RuleViolation, Severity, blocks, warnings
from ..school.events import Changes, EventKind, changing
from ..school.school import grade_name
from .offers import LEFT_EARLY, CertKind, Ground, Offer, offer

APPLICANT_MAX = 30


class CertificateError(Exception):
    """A certificate that cannot be printed as asked (no such number, a bad file name); nothing was written."""

    def __init__(self, message: str):
        self.message = message
        super().__init__(message)


@dataclass
class Request:
    student_id: int
    kind: CertKind
    applicant: str = ""  # who applied (the pupil, a guardian), as written on the application
    ground: Ground | None = None  # education: the diploma lost or damaged
    applied_on: dt.date | None = None  # the written application's date (default: the day of issue)
    note: str = ""  # what the school adds (the purpose stated, the documents seen)
    reasons: dict[str, str] = field(default_factory=dict)  # rule id → reason, for warnings passed


@dataclass(frozen=True)
class Issued:
    number: str
    kind: CertKind
    title: str
    student_id: int
    pdf: Path | None
    changes: Changes


@dataclass(frozen=True)
class CertificateRow:
    """One issued certificate (its stub) as the window and the command line list it."""

    id: int
    number: str
    kind: CertKind
    title: str
    student_id: int
    name: str
    student_number: str
    issued_on: dt.date
    applicant: str
    reason: str
    issued_by: str
    data: dict


# ── what the record says ──────────────────────────────────────────────────────────────────────────
def _cn_date(day: dt.date | None) -> str:
    return f"{day.year}年{day.month}月{day.day}日" if day else ""


def _cn_month(text_or_day) -> str:
    if isinstance(text_or_day, dt.date):
        return f"{text_or_day.year}年{text_or_day.month}月"
    m = re.fullmatch(r"(\d{4})-(\d{1,2})", str(text_or_day or "").strip())
    return f"{m.group(1)}年{int(m.group(2))}月" if m else str(text_or_day or "")


def left_on(student: Student) -> dt.date | None:
    """The day the pupil left: the graduation's, else the day entered for the last change to the present status."""
    grad = Graduate.select().where(Graduate.student == student).order_by(Graduate.school_year.desc()).first()
    if grad is not None:
        return grad.left_on
    status = student.status
    for e in (Event.select().where(Event.student == student).order_by(Event.seq.desc())):
        payload = json.loads(e.payload or "{}")
        if e.kind == EventKind.STUDENT_TRANSFERRED_OUT.value or payload.get("to") == status:
            return e.entered_on or e.created_at.date()
    return None


def _transfer_to(student: Student) -> str:
    e = (Event.select().where((Event.student == student) & (Event.kind == EventKind.STUDENT_TRANSFERRED_OUT.value))
         .order_by(Event.seq.desc()).first())
    return json.loads(e.payload or "{}").get("to_school", "") if e is not None else ""


def pupil_facts(student: Student, school: School) -> dict:
    """What a certificate prints of the pupil, label → text, as the record holds it today."""
    view = record_view(student)
    grad = Graduate.select().where(Graduate.student == student).order_by(Graduate.school_year.desc()).first()
    left = left_on(student)
    status = Status(student.status)
    facts = {
        "姓名": student.name, "性别": view.get("性别", ""), "出生日期": _cn_date(student.birth_date),
        "身份证件类型": view.get("身份证件类型", ""), "身份证件号": student.id_number or "",
        "学籍号": student.student_number, "学校名称": school.name, "学校标识码": school.code,
        "入学年月": _cn_month(student.entry_month or student.entry_date),
        "年级": grade_name(student.grade),
        "班级": (grad.class_name if grad is not None and grad.class_name else view.get("班级", "")),
        "学籍状态": status.label, "离校年月": _cn_month(left) if left else "",
    }
    if grad is not None:
        facts.update({"毕业年份": f"{grad.left_on.year}年", "毕业（结业）证书编号": grad.certificate_no,
                      "毕业学年": f"{grad.school_year}—{grad.school_year + 1}学年",
                      "结论": Status(grad.outcome).label if grad.outcome in {s.value for s in Status} else grad.outcome})
    elif status is Status.GRADUATED and left:
        facts.update({"毕业年份": f"{left.year}年", "毕业（结业）证书编号": "", "结论": status.label})
    if status is Status.TRANSFERRED_OUT:
        facts["转入学校"] = _transfer_to(student)
    return facts


def _outcome(student: Student) -> str:
    grad = Graduate.select().where(Graduate.student == student).order_by(Graduate.school_year.desc()).first()
    return grad.outcome if grad is not None else student.status


# ── the checks ───────────────────────────────────────────────────────────────────────────────────
def _f(rule: str, severity: Severity, field_: str | None, message: str, article: str) -> Finding:
    return Finding(rule, severity, field_, message, article)


def _earlier(student_id: int, kind: CertKind) -> list[Certificate]:
    return list(Certificate.select().where((Certificate.student == student_id) & (Certificate.kind == kind.value))
                .order_by(Certificate.issued_on, Certificate.id))


def check(ws, req: Request) -> list[Finding]:
    """Every block and warning for the request, each citing its article; [] when it may be issued."""
    o = offer(ws.profile, req.kind)
    if not o.provided:
        return [o.refusal()]
    student = Student.get_or_none(Student.id == req.student_id)
    if student is None:
        return [_f("certificate.pupil", Severity.BLOCK, "student", "找不到该学生", "")]
    out: list[Finding] = []
    status = Status(student.status)
    who = f"{student.name}（{student.student_number}）"
    if req.kind is CertKind.EDUCATION:
        outcome = _outcome(student)
        if outcome != Status.GRADUATED.value:
            now = Status(outcome).label if outcome in {s.value for s in Status} else outcome
            out.append(_f("certificate.not_graduated", Severity.BLOCK, "student",
                          f"{who}未在本校毕业（现为“{now}”）：{o.title}只为在本校毕业、毕业证书遗失或损坏的学生出具",
                          o.article))
        if req.ground is None:
            out.append(_f("certificate.ground", Severity.BLOCK, "ground",
                          f"出具原因：请选择{'或'.join(g.label for g in o.grounds)}", o.article))
        elif req.ground not in o.grounds:
            out.append(_f("certificate.ground", Severity.BLOCK, "ground",
                          f"出具原因：本地区规定只规定了{'、'.join(g.label for g in o.grounds)}的情形，"
                          f"未规定“{req.ground.label}”", o.article))
        earlier = _earlier(student.id, req.kind)
        if o.limit is not None and len(earlier) >= o.limit:
            listed = "、".join(f"{c.number}（{c.issued_on:%Y-%m-%d}）" for c in earlier)
            out.append(_f("certificates.substitute_limit", Severity.WARN, None,
                          f"{who}已办理过{o.title}：{listed}；“{o.limit_quote or '原则上只能办理一次'}”，"
                          "再次办理须写明理由", o.limit_article))
    else:
        if status not in LEFT_EARLY:
            if status is Status.GRADUATED:
                why = f"已在本校毕业：毕业证书遗失或损坏的，出具{offer(ws.profile, CertKind.EDUCATION).title}"
            else:
                why = f"现为“{status.label}”，学籍仍在本校"
            out.append(_f("certificate.not_left", Severity.BLOCK, "student",
                          f"{who}{why}；{o.title}为未接受完整规定年限的义务教育或离开就读学校的学生出具", o.article))
    applicant = req.applicant.strip()
    if not applicant:
        out.append(_f("certificate.applicant", Severity.BLOCK, "applicant",
                      "申请人：请填写提出申请的人（学生本人或其监护人）的姓名", o.article))
    elif len(applicant) > APPLICANT_MAX:
        out.append(_f("certificate.applicant", Severity.BLOCK, "applicant",
                      f"申请人：最多 {APPLICANT_MAX} 个字（现 {len(applicant)} 个）", ""))
    if req.applied_on is not None and req.applied_on > ws.today():
        out.append(_f("certificate.applied_on", Severity.BLOCK, "applied_on",
                      f"申请日期：{req.applied_on:%Y-%m-%d} 晚于今天（{ws.today():%Y-%m-%d}）", ""))
    return out


def unexplained(findings: list[Finding], reasons: dict[str, str]) -> list[Finding]:
    return [f for f in warnings(findings) if not (reasons.get(f.rule) or "").strip()]


# ── the write ────────────────────────────────────────────────────────────────────────────────────
def next_number(kind: CertKind, year: int) -> str:
    """The next free number of the kind and year; called inside the write lock."""
    stem = f"{kind.prefix}-{year}-"
    taken = [int(n[len(stem):]) for (n,) in Certificate.select(Certificate.number)
             .where(Certificate.number.startswith(stem)).tuples() if n[len(stem):].isdigit()]
    return f"{stem}{max(taken, default=0) + 1:04d}"


def _content(ws, o: Offer, student: Student, req: Request, number: str, today: dt.date, author: User) -> dict:
    facts = pupil_facts(student, ws.school)
    return {
        "kind": req.kind.value, "title": o.title, "number": number, "annex": o.annex, "article": o.article,
        "quote": o.quote, "note": o.note, "sealed_by": list(o.sealed_by),
        "ground": req.ground.value if req.ground else "", "ground_label": req.ground.label if req.ground else "",
        "applicant": req.applicant.strip(), "applied_on": (req.applied_on or today).isoformat(),
        "issued_on": today.isoformat(), "issued_by": author.display_name, "school_note": req.note.strip(),
        "reissue_article": ws.profile.rule(req.ground.rule_key).article if req.ground else "",
        "facts": facts,
    }


def issue(ws, req: Request, pdf: str | Path | None = None) -> Issued:
    """Checks again on fresh data and writes the certificate, its event (certificate_issued) and, with ``pdf``,
    the printed certificate with its stub and its 查询登记 row, all in one transaction: nothing is kept of a
    certificate whose PDF could not be written. RuleViolation when blocks remain or a warning lacks a reason."""
    today = ws.today()
    target = Path(pdf) if pdf else None
    existed = target is None or target.exists()
    o = offer(ws.profile, req.kind)
    try:
        with changing(ws.db, ws.user, ws.now()) as tx:
            findings = check(ws, req)
            if blocks(findings) or unexplained(findings, req.reasons):
                raise RuleViolation(blocks(findings) + unexplained(findings, req.reasons))
            student = Student.get_by_id(req.student_id)
            number = next_number(req.kind, today.year)
            content = _content(ws, o, student, req, number, today, tx.author)
            passed = {f.rule: req.reasons[f.rule].strip() for f in warnings(findings)}
            if passed:
                content["warnings"] = [{"rule": f.rule, "message": f.text, "reason": passed[f.rule]}
                                       for f in warnings(findings)]
            reason = req.ground.label if req.ground else req.note.strip() or f"离校（{content['facts']['学籍状态']}）"
            Certificate.create(uuid=str(uuid.uuid4()), number=number, kind=req.kind.value, student=student,
                               issued_on=today, applicant=req.applicant.strip(), reason=reason,
                               data=json.dumps(content, ensure_ascii=False, sort_keys=True), issued_by=tx.author,
                               created_at=tx.now)
            articles = [o.article] + [f.article for f in warnings(findings) if f.article]
            if req.ground is not None:
                articles.append(content["reissue_article"])
            tx.record(EventKind.CERTIFICATE_ISSUED,
                      f"出具{o.title}：{student.name}，编号 {number}" + (f"（{reason}）" if reason else ""),
                      {"number": number, "kind": req.kind.value, "title": o.title, "applicant": req.applicant.strip(),
                       "ground": content["ground"], "applied_on": content["applied_on"],
                       "warnings": content.get("warnings", [])},
                      student=student, articles=[a for a in articles if a], reasons=passed, entered_on=today)
            if target is not None:
                _print(ws, content, student.id, target)
    except BaseException:
        if not existed:
            target.unlink(missing_ok=True)
        raise
    return Issued(number, req.kind, o.title, req.student_id, target, tx.changes)


def _print(ws, content: dict, student_id: int, target: Path) -> None:
    from ..forms.engine import render
    from .certificate_form import certificate_form

    if target.suffix.lower() != ".pdf":
        raise CertificateError(f"输出文件“{target.name}”应以 .pdf 结尾")
    with access_log.logged(ws, Action.PRINT, f"{content['title']}（{content['number']}）", [student_id],
                           target=target):
        render(certificate_form(content), target)


# ── the reads ────────────────────────────────────────────────────────────────────────────────────
def _row(c: Certificate) -> CertificateRow:
    data = json.loads(c.data or "{}")
    return CertificateRow(c.id, c.number, CertKind(c.kind), data.get("title", CertKind(c.kind).generic_title),
                          c.student_id, c.student.name, c.student.student_number, c.issued_on, c.applicant,
                          c.reason, c.issued_by.display_name, data)


def certificates(student_id: int | None = None, kind: CertKind | None = None, year: int | None = None,
                 visible: frozenset[int] | None = None) -> list[CertificateRow]:
    """The certificates issued, oldest first; filtered by pupil, kind, year of issue and the classes the reader
    may see (``ws.visible_classes()``)."""
    query = Certificate.select(Certificate, Student, User).join(Student).switch(Certificate).join(User)
    if student_id is not None:
        query = query.where(Certificate.student == student_id)
    if kind is not None:
        query = query.where(Certificate.kind == kind.value)
    if year is not None:
        query = query.where((Certificate.issued_on >= dt.date(year, 1, 1)) & (Certificate.issued_on <= dt.date(year, 12, 31)))
    if visible is not None:
        query = query.where(Student.school_class.in_(list(visible)))
    return [_row(c) for c in query.order_by(Certificate.issued_on, Certificate.number)]


def certificate(number: str) -> CertificateRow:
    c = Certificate.get_or_none(Certificate.number == number.strip().upper())
    if c is None:
        raise CertificateError(f"没有编号为“{number.strip()}”的证明（编号形如 XLZM-2027-0001）")
    return _row(c)


def print_certificate(ws, number: str, target: str | Path) -> Path:
    """Prints an issued certificate again, with its stub, exactly as issued (the content kept at issue);
    logged (查询登记) with the file written."""
    row = certificate(number)
    if not ws.may_read_pupil(Student.get_by_id(row.student_id).school_class_id):
        from ..accounts.roles import PermissionDenied

        raise PermissionDenied("您的账号只能查看本人所带班级的学生")
    _print(ws, row.data, row.student_id, Path(target))
    return Path(target)


ELIGIBILITY = ("certificate.not_graduated", "certificate.not_left", "certificate.pupil")


def offered_for(ws, student_id: int | None) -> list[tuple[Offer, Finding | None]]:
    """Each certificate the region provides, with why it cannot be issued for this pupil (None: it can, once
    the application is filled in); a region that provides none gives []."""
    out = []
    for kind in CertKind:
        o = offer(ws.profile, kind)
        if not o.provided:
            continue
        if student_id is None:
            out.append((o, Finding("pupil.none", Severity.BLOCK, "student", "请先在学生名单中选中学生")))
            continue
        probe = Request(student_id, kind, applicant="—", ground=o.grounds[0] if o.grounds else None)
        found = [f for f in check(ws, probe) if f.rule in ELIGIBILITY]
        out.append((o, found[0] if found else None))
    return out


def history(student_id: int) -> list[CertificateRow]:
    """The certificates issued to the pupil, oldest first."""
    return certificates(student_id=student_id)
