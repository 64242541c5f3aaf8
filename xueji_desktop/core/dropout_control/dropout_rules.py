"""Rules of dropout control (控辍保学): 疑似辍学, 辍学, 其他离校 after a long absence, and 辍学返校.

Each ground of a status is a profile rule that leads to it (``dropout.suspected``, ``dropout.confirmed``,
``dropout.other_leave``, ``dropout.family_refusal``, ``enrolment.no_show``, ``dropout.stopped_attending``),
offered only where the region's text states it. What the registrar must also record is the rule's condition,
exactly as the text says it:

* ``guardian_unreachable`` (黑龙江 第四十六条 学校无法与其法定监护人取得联系): contact attempts recorded,
  every one without reaching the guardians;
* ``repeated_contact_failed`` (营口 五 经学校多次联系动员返校就读仍无效果; 长治 第十二条 经学校多方联系
  仍无结果): at least two attempts, on different days;
* ``left_without_reason_unreachable`` (凉山 二(四)): the pupil left without telling the school why, and
  every attempt failed to reach the family;
* ``family_refusal`` (凉山 二(四) 因家庭原因并经学校动员仍未到校或明确不再读书): a family reason, and the
  school's persuasion recorded (an attempt that reached the family);
* ``efforts_to_return`` (安阳北关 第十三条（二） 学校发现学生辍学应及时采取措施，努力使其复学): at least one
  contact attempt to bring the pupil back, and the measures taken described;
* ``none``: nothing beyond the ground itself (长治 第三十三条 asks only for the report);
* the absence itself: a threshold ground needs the run of 无故缺席 to reach it (core/dropout_control/dropout.py, counted in
  school days); ``dropout.stopped_attending`` (a pupil on the roll who stops coming, where the text gives no
  length) needs a current run of 无故缺席 of at least one school day in the attendance register.

The facts are ``status_facts.ChangeFacts``; ``details`` holds ``attempts`` (a list of
``{date, person, method, outcome, note}``) and ``run`` (the absence run, computed by the workflow).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from ..admission.enrolment_rules import class_size_findings
from ..casework.cases import CaseKind
from ..changes.status_facts import grade_label
from ..pupils.status import Status
from ..region_profiles.profiles import Profile
from ..rules.base import finding
from ..rules.findings import Finding, Severity, paren
from ..school.school import grade_name, grades_taught
from ..transfers.transfer_rules import REPETITION_KEYS

K = CaseKind
METHODS = ("电话", "家访", "短信", "托人转告", "其他")
OUTCOMES = {
    "unreachable": "联系不上",
    "refused": "联系上，拒绝返校（明确不再读书）",
    "promised": "联系上，答应返校但仍未到校",
    "other": "其他",
}
REACHED = ("refused", "promised")
DECLARE_LEFT = "left_without_reason"  # 离校前未告知学校具体原因
DECLARE_FAMILY = "family_reason"  # 因家庭原因不到校

# kind → the profile rules that lead to its status, in the order offered
GROUND_KEYS = {
    K.SUSPECTED_DROPOUT: ("dropout.suspected", "enrolment.no_show", "dropout.family_refusal"),
    K.DROPOUT: ("dropout.confirmed", "enrolment.no_show", "dropout.family_refusal", "dropout.stopped_attending"),
    K.ABSENCE_LEAVE: ("dropout.other_leave",),
}
LEADS_TO = {K.SUSPECTED_DROPOUT: Status.SUSPECTED_DROPOUT, K.DROPOUT: Status.DROPPED_OUT,
            K.ABSENCE_LEAVE: Status.LEFT_OTHER}
NO_SHOW_VALUES = {Status.SUSPECTED_DROPOUT: "suspected_dropout", Status.DROPPED_OUT: "dropout"}
DROPOUT_KINDS = (K.SUSPECTED_DROPOUT, K.DROPOUT, K.ABSENCE_LEAVE, K.DROPOUT_RETURN)
LEAVING_KINDS = (K.SUSPECTED_DROPOUT, K.DROPOUT)
STOPPED = "dropout.stopped_attending"
STOPPED_LABEL = "在籍学生无故不再到校（学校发现学生辍学）"
# whom the 辍学 report goes to (profile dropout.report_to), as the texts name them
REPORT_LABELS = {"township_government": "当地乡镇人民政府（街道办事处）", "bureau": "县级教育行政部门",
                 "district_bureau": "区教育局", "status_office": "学籍主管部门", "city_bureau": "市级教育行政部门"}


@dataclass(frozen=True)
class Ground:
    id: str  # the profile rule
    label: str  # Chinese, for the wizard's choice
    article: str
    quote: str
    condition: str  # guardian_unreachable, repeated_contact_failed, … (see the module doc)
    threshold: bool  # rests on a run of absence reaching a threshold


def grounds(profile: Profile, kind: CaseKind) -> list[Ground]:
    """The grounds the region's text gives for the kind's status (none: the region states none)."""
    from .dropout import no_show_threshold, thresholds

    status = LEADS_TO.get(kind)
    out = []
    for key in GROUND_KEYS.get(kind, ()):
        rule = profile.rule(key)
        if not rule.applies:
            continue
        if key == "enrolment.no_show":
            t = no_show_threshold(profile)
            if t is None or t.proposed is not status:
                continue
            out.append(Ground(key, t.text, rule.article, rule.quote or "", t.condition, False))
        elif key == "dropout.family_refusal":
            out.append(Ground(key, "因家庭原因，经学校动员仍未到校或明确不再读书", rule.article, rule.quote or "",
                              "family_refusal", False))
        elif key == STOPPED:
            out.append(Ground(key, STOPPED_LABEL, rule.article, rule.quote or "", rule.value, False))
        else:
            t = next(t for t in thresholds(profile) if t.rule.key == key)
            out.append(Ground(key, t.text, rule.article, rule.quote or "", t.condition, True))
    return out


def ground_of(profile: Profile, kind: CaseKind, ground_id: str | None) -> Ground | None:
    return next((g for g in grounds(profile, kind) if g.id == ground_id), None)


def attempts_of(details) -> list[dict]:
    return [a for a in (details or {}).get("attempts") or [] if isinstance(a, dict)]


def _date(text) -> dt.date | None:
    try:
        return dt.date.fromisoformat(str(text)[:10])
    except (TypeError, ValueError):
        return None


def dropout_findings(f) -> list[Finding]:
    """The findings of one 疑似辍学 / 辍学 / 其他离校 draft (facts: status_facts.ChangeFacts)."""
    if f.kind is K.DROPOUT_RETURN:
        return return_findings(f)
    p = f.profile
    options = grounds(p, f.kind)
    if not options:
        status = LEADS_TO[f.kind].label
        return [Finding("dropout.ground", Severity.BLOCK, "ground",
                        f"本地区规定未写明认定“{status}”的情形，不能在此登记{status}")]
    g = ground_of(p, f.kind, f.ground_id)
    if g is None:
        return [Finding("dropout.ground", Severity.BLOCK, "ground",
                        "认定依据：请选择本地区规定的情形" + paren("；".join(o.label for o in options)))]
    found = _attempt_findings(f, g) + _absence_findings(f, g)
    found += _condition_findings(f, g)
    found += _info_findings(f)
    return found


def _attempt_findings(f, g: Ground) -> list[Finding]:
    found = []
    for i, a in enumerate(attempts_of(f.details), 1):
        day = _date(a.get("date"))
        where = f"details.attempts.{i}"
        if day is None:
            found.append(Finding("dropout.attempt", Severity.BLOCK, where, f"联系记录第 {i} 行：请填写日期（YYYY-MM-DD）"))
        elif day > f.today:
            found.append(Finding("dropout.attempt", Severity.BLOCK, where, f"联系记录第 {i} 行：日期 {day:%Y-%m-%d} 晚于今天"))
        if not str(a.get("person") or "").strip():
            found.append(Finding("dropout.attempt", Severity.BLOCK, where,
                                 f"联系记录第 {i} 行：请填写联系人（如 父亲 张建国）"))
        if a.get("method") not in METHODS:
            found.append(Finding("dropout.attempt", Severity.BLOCK, where,
                                 f"联系记录第 {i} 行：请选择方式（{'、'.join(METHODS)}）"))
        if a.get("outcome") not in OUTCOMES:
            found.append(Finding("dropout.attempt", Severity.BLOCK, where, f"联系记录第 {i} 行：请选择结果"))
        run_first = _date(((f.details or {}).get("run") or {}).get("first"))
        if day and run_first and day < run_first and g.threshold:
            found.append(Finding("dropout.attempt_early", Severity.WARN, where,
                                 f"联系记录第 {i} 行：{day:%Y-%m-%d} 早于这次连续缺席的开始（{run_first:%Y-%m-%d}），"
                                 "请说明为何计入本次认定"))
    return found


def _absence_findings(f, g: Ground) -> list[Finding]:
    run = (f.details or {}).get("run") or {}
    p = f.profile
    if g.threshold:
        days, needed = run.get("days") or 0, run.get("needed")
        need = f"（按上课日计，本次须连续 {needed} 个上课日，周末、节假日和寒暑假不计）" if needed else \
            "（按上课日计，周末、节假日和寒暑假不计）"
        if not run.get("reached"):
            return [finding(p, g.id, "run", f"缺勤情况：目前连续无故缺席 {days} 个上课日"
                                            + (f"（{run.get('first')} 起）" if days else "")
                                            + f"，尚未达到“{g.label}”{need}", severity=Severity.BLOCK)]
        return [finding(p, g.id, "run", f"缺勤情况：{run.get('first')} 起连续无故缺席 {days} 个上课日，"
                                        f"已达到“{g.label}”{need}", severity=Severity.INFO)]
    if g.id == STOPPED:
        if not run.get("days"):
            return [finding(p, g.id, "run", "缺勤情况：考勤中该生目前没有连续无故缺席的记录，不能认定为不再到校；"
                                            "请先在考勤登记中登记“旷”", severity=Severity.BLOCK)]
        return [finding(p, g.id, "run", f"缺勤情况：{run.get('first')} 起连续无故缺席 {run.get('days')} 个上课日"
                                        f"（至 {run.get('last')}）", severity=Severity.INFO)]
    if g.id == "enrolment.no_show":
        if not run.get("no_show"):
            return [finding(p, g.id, "run", "缺勤情况：该生不是本学期开学以来从未到校的新生，不能按“新生无故不按时报到”认定",
                            severity=Severity.BLOCK)]
        return [finding(p, g.id, "run", f"缺勤情况：新生，开学以来 {run.get('days')} 个上课日均未到校",
                        severity=Severity.INFO)]
    return []


def _condition_findings(f, g: Ground) -> list[Finding]:
    p, attempts = f.profile, attempts_of(f.details)
    rule = p.rule("dropout.no_show_contact") if g.id == "enrolment.no_show" else p.rule(g.id)
    article = rule.article or p.rule(g.id).article
    quote = f"“{rule.quote}”" if rule.quote else ""
    found = []

    def block(field: str, message: str) -> None:
        found.append(Finding(f"{g.id}.{g.condition}", Severity.BLOCK, field, message, article))

    if g.condition == "guardian_unreachable":
        if not attempts:
            block("details.attempts", f"联系记录：须记录学校联系法定监护人的经过（日期、联系人、方式、结果），{quote}")
        elif any(a.get("outcome") in REACHED for a in attempts):
            block("details.attempts", "联系记录：已联系上监护人，不属于“学校无法与其法定监护人取得联系”的情形；"
                                      "请继续动员返校，或按其他情形办理")
    elif g.condition == "repeated_contact_failed":
        days = {a.get("date") for a in attempts if _date(a.get("date"))}
        if len(days) < 2:
            block("details.attempts", f"联系记录：须经学校多次联系（至少两次，不同日期），目前记录 {len(attempts)} 次"
                                      f"（{len(days)} 个日期），{quote}")
    elif g.condition == "left_without_reason_unreachable":
        if f.declared.get(DECLARE_LEFT) is not True:
            block(f"declared.{DECLARE_LEFT}", "请确认：该生离校前未告知学校具体原因")
        if not attempts:
            block("details.attempts", "联系记录：须记录联系家长的经过，证明联系不上")
        elif any(a.get("outcome") in REACHED for a in attempts):
            block("details.attempts", "联系记录：已联系上家长，不属于“联系不上”的情形")
    elif g.condition == "efforts_to_return":
        if not attempts:
            block("details.attempts", f"联系记录：须记录学校为使其复学采取的联系、动员（至少一次），{quote}")
        if not str((f.details or {}).get("measures") or "").strip():
            block("details.measures", f"采取的措施：请填写学校为使其复学采取的措施（如 班主任家访、请村委会协助劝返），{quote}")
    elif g.condition == "family_refusal":
        if f.declared.get(DECLARE_FAMILY) is not True:
            block(f"declared.{DECLARE_FAMILY}", "请确认：该生因家庭原因不到校或明确不再读书")
        if not any(a.get("outcome") in REACHED for a in attempts):
            block("details.attempts", "联系记录：须记录学校动员的经过（至少一次联系上家长，结果为拒绝返校或仍未到校）")
    return found


def _info_findings(f) -> list[Finding]:
    p, found = f.profile, []
    if p.applies("dropout.keeps_status"):
        found.append(finding(p, "dropout.keeps_status", None, "在义务教育年限内为其保留学籍（只改学籍状态）",
                             severity=Severity.INFO))
    if p.applies("dropout.report_to") and f.kind in LEAVING_KINDS:
        from ..changes.status_facts import party

        to = "、".join(REPORT_LABELS.get(x) or party(x) for x in p.value("dropout.report_to"))
        found.append(finding(p, "dropout.report_to", None, f"登记后请打印《辍学学生情况报告》，书面上报{to}",
                             severity=Severity.INFO))
    migrant = (f.record or {}).get("migrant_child") == "1"
    if migrant and p.applies("dropout.migrant_archive") and f.kind in LEAVING_KINDS:
        from .dropout import MIGRANT_ARCHIVE_TEXT

        text = MIGRANT_ARCHIVE_TEXT.get(p.value("dropout.migrant_archive"), "")
        found.append(finding(p, "dropout.migrant_archive", None, f"该生为进城务工人员随迁子女：{text}",
                             severity=Severity.INFO))
    return found


# ── 辍学返校 ──
def continuing_grade(f) -> tuple[int, int, dt.date | None]:
    """(the grade the pupil left from, the grade that continues their schooling now, the day they left):
    the grade they would be in now, counted in grade years (school_calendar.grade_year), never lower."""
    from ..dates.school_calendar import SchoolCalendar

    start = None  # the first 疑似辍学 / 辍学 since the last return: where this absence began
    for c in f.history:
        if c.kind is K.DROPOUT_RETURN:
            start = None
        elif c.kind in LEAVING_KINDS and start is None:
            start = c
    grade = start.grade_at_start if start and start.grade_at_start else f.grade
    left_on = start.effective_on if start else None
    if left_on is None:
        return grade, grade, None
    cal = SchoolCalendar.from_profile(f.profile)
    return grade, max(grade, grade + cal.grade_year(f.today) - cal.grade_year(left_on)), left_on


def return_findings(f) -> list[Finding]:
    p = f.profile
    before, due, _ = continuing_grade(f)
    key = "dropout.return_grade" if p.applies("dropout.return_grade") else next(
        (k for k in REPETITION_KEYS if p.applies(k)), None)
    g = f.return_grade
    found: list[Finding] = []
    if g is None:
        return [Finding("dropout.return_grade", Severity.BLOCK, "return_grade",
                        f"返校年级：请选择返校后就读的年级（接续学业：{grade_name(due)}）")]
    if g not in grades_taught(f.school_kind, f.system):
        return [Finding("dropout.return_grade", Severity.BLOCK, "return_grade",
                        f"返校年级：本校（{f.school_kind.label}）不设{grade_name(g)}，请办理转学或升学")]
    if g < due:
        message = (f"返校年级：离校时在{grade_name(before)}，按接续学业应为{grade_name(due)}，不能到{grade_name(g)}："
                   "辍学学生返校应接续相应年级，严禁变相留级")
        found.append(finding(p, key, "return_grade", message, severity=Severity.BLOCK) if key else
                     Finding("dropout.return_grade", Severity.BLOCK, "return_grade", message))
    elif g > due:
        found.append(Finding("dropout.return_grade", Severity.BLOCK, "return_grade",
                             f"返校年级：按接续学业应为{grade_name(due)}，不能到{grade_name(g)}：跨越年级须按跳级程序办理"))
    elif key == "dropout.return_grade":
        found.append(finding(p, key, "return_grade", f"返校年级：接续学业，编入{grade_name(due)}",
                             severity=Severity.INFO))
    k = f.return_class
    if f.class_unknown:
        return found + [Finding("dropout.school_class", Severity.BLOCK, "school_class", "班级：所选班级不存在，请重新选择")]
    if k is None or k.grade != g:
        return found + [Finding("dropout.school_class", Severity.BLOCK, "school_class",
                                f"班级：请选择{grade_label(g)}的班级")]
    return found + class_size_findings(p, f.system, g, k.name, k.occupied, k.capacity)


def summary(kind: CaseKind, name: str, data: dict, profile: Profile) -> str:
    """The history line of a completed dropout case (the grade and class of a return are set by the caller)."""
    g = ground_of(profile, kind, data.get("ground_id"))
    attempts = attempts_of(data.get("details"))
    why = f"，{g.label}" if g else ""
    contact = f"，联系 {len(attempts)} 次" if attempts else ""
    keeps = "，学籍保留" if profile.applies("dropout.keeps_status") else ""
    return f"{kind.label}：{name}{why}{contact}{keeps}"


DETAIL_KEYS = ("attempts", "run")


def detail_rows(key: str, value) -> list[tuple[str, str]]:
    """A dropout case's attempts and absence run as (label, text) rows for the case page."""
    if key == "attempts":
        return [(f"第 {n} 次联系", f"{a.get('date', '')} {a.get('person', '')} {a.get('method', '')}："
                                  f"{OUTCOMES.get(a.get('outcome'), a.get('outcome') or '')}"
                                  + (f"（{a['note']}）" if a.get("note") else ""))
                for n, a in enumerate(attempts_of({"attempts": value}), 1)]
    if key == "run" and isinstance(value, dict) and value.get("days"):
        return [("缺勤情况", f"{value.get('first')} 起连续无故缺席 {value.get('days')} 个上课日"
                            + (f"（至 {value.get('last')}）" if value.get("last") else ""))]
    return []
