"""跳级 (RULES.md §5): a case on the status-change machinery, offered where ``workflows.skip_grade`` is,
with the region's ``skip_grade.*`` rules, each citing its article with the profile's force:

* ``allowed``: 营口 四(三)1 allows one grade (info); 黑龙江 第二十六条（一） "原则上不允许" and 安阳北关
  第十四条 "一般不允许" warn, so the registrar records why;
* ``timing``: 营口 "跳级应在学年开始时进行" (warn when the date is not the school year's first day);
  黑龙江 第二十六条（三） the province changes the records in September and no one moves up before (block);
* ``forbidden`` (黑龙江, block): not in the year of the 学籍's registration, not from a starting grade, not
  across stages or schools; ``max_share`` (黑龙江, warn): about 1 % of the grade a year;
* ``procedure``: the parties in order (the application itself opens the case); ``expert_panel``,
  ``notice_working_days`` (the 公示 cannot end before 5 working days after the panel's result, block),
  ``list_to_province_by`` (the city's step is due on 30 July); ``counts_as_completed``.

The pupil moves up one grade when the last approval is recorded, never before the case's 跳级时间 (a
school year's start): from the grade the record then shows (the grade skipped) into the next, and into a
class of that grade the registrar chose. The rules here are pure functions of ``SkipFacts``; the database
is read only by ``gather`` and the completion.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass, field

from ...store.models import Case, SchoolClass, Student
from ..admission.enrolment_rules import class_size_findings
from ..casework.cases import CaseKind, CaseStatus, StepDecision, data_of, party_label, steps
from ..dates.school_calendar import SchoolCalendar, stage_label, stage_of, starting_grades
from ..dates.workdays import WorkCalendar
from ..pupils.status import ON_ROLL, Status
from ..pupils.validation import parse_date
from ..region_profiles.profiles import Profile
from ..rules.base import finding
from ..rules.findings import Finding, RuleViolation, Severity, paren
from ..school.school import SchoolKind, SchoolSystem, grade_name, grades_taught
from .status_facts import chain_text, missing_evidence

KIND = CaseKind.SKIP_GRADE
# What each step of a region's ``skip_grade.procedure`` is, as a party of the case (None: the
# application itself, which opens the case). Consecutive steps of one office are one decision.
PROCEDURE_PARTIES = {
    "guardian_applies": None, "pupil_and_guardian_apply": None,
    "school_lists": "school", "school_assesses": "school",
    "expert_panel_tests": "expert_panel", "public_notice": "public_notice",
    "bureau_deputy_head_signs": "bureau", "bureau_reports_to_city": "bureau",
    "district_bureau_approves": "district_bureau",
    "city_bureau_reviews": "city_bureau", "city_deputy_head_signs": "city_bureau", "city_bureau_approves": "city_bureau",
    "province_confirms": "province_bureau",
}
# What each step asks of its office, printed in its box on the application form.
STEP_WORDS = {
    "guardian_applies": "法定监护人向学校提出书面申请", "pupil_and_guardian_apply": "学生本人及父母或其他监护人提出申请",
    "school_lists": "学校向主管教育局提交申请跳级的学生名单", "school_assesses": "学校全面考核",
    "expert_panel_tests": "主管教育局组织专家组制定考核标准，出具考核结果",
    "public_notice": "在学校公告栏、网站（公众号）上公示",
    "bureau_deputy_head_signs": "主管教育局分管学籍工作副局长签字后报送市级教育行政部门",
    "bureau_reports_to_city": "县（市）区教育行政部门报市级教育行政部门审批",
    "district_bureau_approves": "区教育局核准",
    "city_bureau_reviews": "市级教育行政部门复核认定，可组织专家组抽查",
    "city_deputy_head_signs": "地市教育局分管局长签字后报送省教育厅确认",
    "city_bureau_approves": "市级教育行政部门审批",
    "province_confirms": "省教育厅确认，9月新学年统一变更学籍信息",
}
PUBLIC_NOTICE = "public_notice"
MIN_SHARE_DIGITS = 2


# ── the region's chain ──────────────────────────────────────────────────────────────────────────
def procedure(profile: Profile) -> list[str]:
    return list(profile.value("skip_grade.procedure")) if profile.applies("skip_grade.procedure") else []


def chain(profile: Profile) -> list[str]:
    """The parties deciding in order, from the region's procedure; the school alone where it names none."""
    out: list[str] = []
    for step in procedure(profile):
        party = PROCEDURE_PARTIES.get(step, step)
        if party and (not out or out[-1] != party):
            out.append(party)
    return out or ["school"]


def step_words(profile: Profile) -> dict[str, str]:
    """Each party's part in the region's words (several procedure steps of one office joined)."""
    words: dict[str, list[str]] = {}
    for step in procedure(profile):
        party = PROCEDURE_PARTIES.get(step, step)
        if party:
            words.setdefault(party, []).append(STEP_WORDS.get(step, step))
    return {party: "；".join(texts) for party, texts in words.items()}


def applicant_words(profile: Profile) -> str:
    first = next((s for s in procedure(profile) if PROCEDURE_PARTIES.get(s, "") is None), None)
    return STEP_WORDS.get(first, "学生父母或其他法定监护人提出申请") if first else "学生父母或其他法定监护人提出申请"


# ── dates ───────────────────────────────────────────────────────────────────────────────────────
def year_start(cal: SchoolCalendar, school_year: int) -> dt.date:
    return cal.terms(school_year)[0].start


def list_deadline(profile: Profile, effective: dt.date) -> dt.date | None:
    """黑龙江: the city sends the approved list to the province by 30 July before the new school year."""
    if not profile.applies("skip_grade.list_to_province_by"):
        return None
    month, day = (int(x) for x in profile.value("skip_grade.list_to_province_by").split("-"))
    deadline = dt.date(effective.year, month, day)
    return deadline if deadline < effective else dt.date(effective.year - 1, month, day)


def default_effective(profile: Profile, applied: dt.date) -> dt.date:
    """The first school-year start on or after the application (where the city's list is due on 30 July,
    the first whose list is not yet due)."""
    cal = SchoolCalendar.from_profile(profile)
    for year in range(applied.year - 1, applied.year + 3):
        start = year_start(cal, year)
        deadline = list_deadline(profile, start)
        if start >= applied and (deadline is None or deadline >= applied):
            return start
    return year_start(cal, applied.year + 1)  # pragma: no cover


def grades_of(cal: SchoolCalendar, grade: int, applied: dt.date, effective: dt.date) -> tuple[int, int]:
    """(the grade skipped, the grade moved into): the pupil skips the grade the record will show at the 跳级
    time (after the year's promotion when that falls in between)."""
    skipped = grade + max(cal.grade_year(effective) - cal.grade_year(applied), 0)
    return skipped, skipped + 1


def notice_period(calendar: WorkCalendar, result_on: dt.date, days: int) -> tuple[dt.date, dt.date]:
    """The shortest 公示 after the expert panel's result of ``result_on``: from the next working day to the
    ``days``-th working day after it."""
    return calendar.add_working_days(result_on, 1).day, calendar.add_working_days(result_on, days).day


# ── facts ───────────────────────────────────────────────────────────────────────────────────────
@dataclass(frozen=True)
class SkipFacts:
    profile: Profile
    today: dt.date
    system: SchoolSystem = SchoolSystem.SIX_THREE
    school_kind: SchoolKind = SchoolKind.NINE_YEAR
    name: str = "该生"
    grade: int = 4
    status: Status = Status.ENROLLED
    registered_on: dt.date | None = None  # the 学籍's registration: 入学年月 (its first day)
    applied_on: dt.date | None = None
    effective_on: dt.date | None = None
    evidence_seen: frozenset[str] = frozenset()
    grade_total: int = 0  # pupils on roll in the pupil's grade
    others_this_year: int = 0  # other skip cases (open or done) from the same grade for the same school year
    classes_of_target: int = 1  # classes in use of the grade moved into
    calendar: WorkCalendar = field(default_factory=WorkCalendar)

    @property
    def applied(self) -> dt.date:
        return self.applied_on or self.today

    @property
    def effective(self) -> dt.date:
        return self.effective_on or default_effective(self.profile, self.applied)

    @property
    def school_calendar(self) -> SchoolCalendar:
        return SchoolCalendar.from_profile(self.profile)

    @property
    def target(self) -> tuple[int, int]:
        return grades_of(self.school_calendar, self.grade, self.applied, self.effective)


def evidence(profile: Profile) -> list[str]:
    return list(profile.value("skip_grade.evidence")) if profile.applies("skip_grade.evidence") else []


def gather(ws, student: Student, applied_on: dt.date | None, effective_on: dt.date | None,
           evidence_seen=(), exclude_case: int | None = None) -> SkipFacts:
    applied = applied_on or ws.today()
    effective = effective_on or default_effective(ws.profile, applied)
    cal = SchoolCalendar.from_profile(ws.profile)
    total = (Student.select().where((Student.grade == student.grade)
                                    & Student.status.in_([s.value for s in ON_ROLL])).count())
    year = cal.grade_year(effective)
    others = 0
    for case in Case.select().where((Case.kind == KIND.value) & Case.status.in_(
            [CaseStatus.OPEN.value, CaseStatus.COMPLETED.value])):
        data = data_of(case)
        when = parse_date(data.get("effective_on"))
        if case.id != exclude_case and case.student_id != student.id and when is not None \
                and cal.grade_year(when) == year and data.get("grade_from") == student.grade:
            others += 1
    _, to = grades_of(cal, student.grade, applied, effective)
    targets = SchoolClass.in_use().where(SchoolClass.grade == to).count()
    return SkipFacts(profile=ws.profile, today=ws.today(), system=ws.system, school_kind=ws.kind, name=student.name,
                     grade=student.grade, status=Status(student.status),
                     registered_on=registered_on(student.entry_month, student.entry_date, student.entry_route),
                     applied_on=applied, effective_on=effective,
                     evidence_seen=frozenset(evidence_seen), grade_total=total, others_this_year=others,
                     classes_of_target=targets, calendar=WorkCalendar.from_store())


def registered_on(entry_month, entry_date: dt.date | None = None, route: str = "") -> dt.date | None:
    """When the 学籍 was registered: the 入学年月 (YYYY-MM, its first day); without one, the day the pupil
    entered this school unless that was a transfer in (the 学籍 is older)."""
    if isinstance(entry_month, (dt.date, dt.datetime)):
        return dt.date(entry_month.year, entry_month.month, 1)
    text = str(entry_month or "").strip()
    if len(text) >= 7 and text[:4].isdigit() and text[5:7].isdigit() and 1 <= int(text[5:7]) <= 12:
        return dt.date(int(text[:4]), int(text[5:7]), 1)
    return entry_date if entry_date is not None and route != "transfer_in" else None


def facts_findings(f) -> list[Finding]:
    """The rules over a status-change ``ChangeFacts`` (no database: the grade's numbers unknown, so the share
    of the grade is not judged here)."""
    return findings_of(SkipFacts(
        profile=f.profile, today=f.today, system=f.system, school_kind=f.school_kind, name=f.name, grade=f.grade,
        status=f.status, registered_on=registered_on((f.record or {}).get("entry_month")), applied_on=f.applied_on,
        effective_on=f.effective_on, evidence_seen=f.evidence_seen, calendar=f.calendar))


def case_facts(ws, draft, student: Student) -> dict:
    """What the case keeps beside the draft: the grade applied from, the grade skipped, the grade moved into."""
    f = gather(ws, student, draft.applied_on, draft.effective_on)
    skipped, to = f.target
    klass = student.school_class
    return {"grade_from": student.grade, "skipped_grade": skipped, "to_grade": to,
            "class_from": f"（{klass.number}）班" if klass is not None else "", "effective_on": f.effective.isoformat()}


# ── the rules ───────────────────────────────────────────────────────────────────────────────────
def findings_of(f: SkipFacts) -> list[Finding]:
    p = f.profile
    found: list[Finding] = []
    found += _allowed(f)
    found += missing_evidence(p, "skip_grade.evidence", evidence(p), f.evidence_seen) if evidence(p) else []
    found += _timing(f)
    found += _grades(f)
    found += _forbidden(f)
    found += _share(f)
    found += _procedure(f)
    return found


def _allowed(f: SkipFacts) -> list[Finding]:
    p = f.profile
    if not p.applies("skip_grade.allowed"):
        return []
    rule = p.rule("skip_grade.allowed")
    if p.value("skip_grade.allowed"):
        return [finding(p, "skip_grade.allowed", None, f"跳级：{rule.quote}" + paren(rule.note), severity=Severity.INFO)]
    force = Severity(rule.force or "warn")
    tail = "；须写明理由，从严审核" if force is Severity.WARN else "，不能办理"
    return [finding(p, "skip_grade.allowed", "kind", f"跳级：{rule.quote}{tail}" + paren(rule.note))]


def _timing(f: SkipFacts) -> list[Finding]:
    p = f.profile
    found = []
    cal = f.school_calendar
    eff = f.effective
    if eff < f.applied:
        found.append(Finding("skip_grade.effective_on", Severity.BLOCK, "effective_on",
                             f"跳级时间：{eff:%Y-%m-%d} 早于申请日期 {f.applied:%Y-%m-%d}"))
    start = year_start(cal, cal.grade_year(eff))
    if not p.applies("skip_grade.timing"):
        return found
    rule = p.rule("skip_grade.timing")
    how = p.value("skip_grade.timing")
    if how == "province_changes_in_september":
        if eff.month != 9 or eff < start:
            found.append(finding(p, "skip_grade.timing", "effective_on",
                                 f"跳级时间：省教育厅于每年9月新学年统一变更学籍信息，跳级时间应在9月新学年开始时"
                                 f"（如 {default_effective(p, f.applied):%Y-%m-%d}），不能是 {eff:%Y-%m-%d}"))
        else:
            found.append(finding(p, "skip_grade.timing", "effective_on",
                                 f"跳级时间：{eff:%Y-%m-%d}；{rule.quote}，在此之前学生仍在原年级就读"
                                 + paren(rule.note), severity=Severity.INFO))
    elif eff != start:
        found.append(finding(p, "skip_grade.timing", "effective_on",
                             f"跳级时间：{rule.quote}（{cal.grade_year(eff)}—{cal.grade_year(eff) + 1}学年开学日为 "
                             f"{start:%Y-%m-%d}），{eff:%Y-%m-%d} 不是学年开始"
                             + ("；须说明理由" if rule.force == "warn" else "")))
    return found


def _grades(f: SkipFacts) -> list[Finding]:
    p = f.profile
    skipped, to = f.target
    found = [Finding("skip_grade.grades", Severity.INFO, "effective_on",
                     f"跳级：{f.name}现读{grade_name(f.grade)}，{f.effective:%Y-%m-%d} 起跳过{grade_name(skipped)}，"
                     f"编入{grade_name(to)}（只跳一级）",
                     _article(p, "skip_grade.max_grades") or _article(p, "workflows.skip_grade"))]
    if p.applies("skip_grade.counts_as_completed") and p.value("skip_grade.counts_as_completed"):
        found.append(finding(p, "skip_grade.counts_as_completed", None,
                             f"跳过的{grade_name(skipped)}视为受完相应年限的教育", severity=Severity.INFO))
    forbidden = _forbidden_ids(p)
    taught = grades_taught(f.school_kind, f.system)
    if to not in taught or skipped not in taught:
        what = "across_school" if "across_school" in forbidden else None
        found.append(finding(p, "skip_grade.forbidden", "effective_on",
                             f"跳级不能跨学校：本校没有{grade_name(to if to not in taught else skipped)}，不能跳级",
                             severity=Severity.BLOCK) if what else
                     Finding("skip_grade.grades", Severity.BLOCK, "effective_on",
                             f"跳级：本校没有{grade_name(to if to not in taught else skipped)}，不能在本校跳级"))
    elif f.classes_of_target == 0:
        found.append(Finding("skip_grade.class", Severity.BLOCK, "effective_on",
                             f"班级：本校没有{grade_name(to)}的班级，请先设置班级"))
    return found


def _forbidden_ids(p: Profile) -> list[str]:
    return list(p.value("skip_grade.forbidden")) if p.applies("skip_grade.forbidden") else []


def _forbidden(f: SkipFacts) -> list[Finding]:
    p = f.profile
    ids = _forbidden_ids(p)
    if not ids:
        return []
    rule = p.rule("skip_grade.forbidden")
    cal = f.school_calendar
    skipped, to = f.target
    found = []

    def block(what: str, message: str) -> None:
        found.append(Finding(f"skip_grade.forbidden.{what}", Severity(rule.force or "block"), "student",
                             message, rule.article))

    if "registration_year" in ids and f.registered_on is not None \
            and cal.grade_year(f.registered_on) >= cal.grade_year(f.applied):
        year = cal.grade_year(f.registered_on)
        block("registration_year", f"学籍注册的当年不允许跳级：{f.name}的入学年月为 {f.registered_on:%Y-%m}"
                                   f"（{year}—{year + 1}学年注册学籍）")
    if "starting_grade" in ids:
        starts = starting_grades(f.system)
        hit = next((g for g in (f.grade, skipped) if g in starts), None)
        if hit is not None:
            block("starting_grade", f"小学、初中起始年级不允许跳级：{grade_name(hit)}是起始年级")
    if "across_stage" in ids:
        stages = {stage_of(g, f.system) for g in (f.grade, skipped, to)}
        if len(stages) > 1:
            block("across_stage", f"跳级不能跨学段：{grade_name(f.grade)}跳过{grade_name(skipped)}编入{grade_name(to)}"
                                  f"跨越{'、'.join(stage_label(s) for s in sorted(stages, reverse=True))}")
    return found


def _share(f: SkipFacts) -> list[Finding]:
    p = f.profile
    if not p.applies("skip_grade.max_share") or f.grade_total <= 0:
        return []
    share = p.value("skip_grade.max_share")
    count = f.others_this_year + 1
    if count <= share * f.grade_total:
        return []
    cap = share * f.grade_total
    return [finding(p, "skip_grade.max_share", "student",
                    f"跳级比例：本校{grade_name(f.grade)}在籍 {f.grade_total} 人，每年跳级学生原则上不超过 "
                    f"{share:.0%}（{cap:.{MIN_SHARE_DIGITS}f} 人）；连同本次共 {count} 人（{count / f.grade_total:.1%}）；"
                    "须说明理由")]


def _procedure(f: SkipFacts) -> list[Finding]:
    p = f.profile
    found = []
    parties = chain(p)
    if p.applies("skip_grade.procedure"):
        found.append(finding(p, "skip_grade.procedure", None,
                             f"程序：{applicant_words(p)} → {chain_text(parties)}" + paren(p.rule("skip_grade.procedure").note),
                             severity=Severity.INFO))
    if p.applies("skip_grade.expert_panel"):
        panel = p.value("skip_grade.expert_panel")
        found.append(finding(p, "skip_grade.expert_panel", None,
                             f"专家组：由主管教育局组织专家 {panel['min']}—{panel['max']} 人制定考核标准，出具考核结果",
                             severity=Severity.INFO))
    if p.applies("skip_grade.notice_working_days"):
        n = p.value("skip_grade.notice_working_days")
        found.append(finding(p, "skip_grade.notice_working_days", None,
                             f"公示：考核合格的，在学校公告栏、网站（公众号）上公示，公示时间不少于 {n} 个工作日",
                             severity=Severity.INFO))
    deadline = list_deadline(p, f.effective)
    if deadline is not None:
        late = deadline < f.applied
        found.append(finding(p, "skip_grade.list_to_province_by", "effective_on",
                             f"名单：市级教育行政部门于 {deadline:%Y-%m-%d} 前将通过的名单报省教育厅"
                             + ("（已过此日期，请改为下一学年）" if late else ""),
                             severity=Severity.BLOCK if late else Severity.INFO))
    return found


def draft_findings(ws, draft, student: Student) -> list[Finding]:
    """The rules over a change draft (``status_rules`` calls this for 跳级)."""
    facts = gather(ws, student, draft.applied_on, draft.effective_on, draft.evidence_seen)
    return findings_of(facts)


def notice_dates(ws, case, start: dt.date | None = None) -> tuple[dt.date, dt.date]:
    """The 公示 of a case: from ``start`` (else the first working day after the expert panel's result) for the
    region's working days. A start before the panel's result, or no start and no result yet, is refused."""
    calendar = WorkCalendar.from_store()
    n = ws.profile.value("skip_grade.notice_working_days")  # asked only where the region has a 公示
    panel = next((s for s in steps(case) if s.party == "expert_panel" and s.outcome == "approved"), None)
    if start is None:
        if panel is None:
            raise RuleViolation([Finding("skip_grade.notice_from", Severity.BLOCK, "notice_from",
                                         "跳级公示：专家组尚未出具考核结果（“专家组”环节未记录同意），考核合格后才公示；"
                                         "如已定公示日期，请指定公示开始日期",
                                         ws.profile.rule("skip_grade.notice_working_days").article)])
        return notice_period(calendar, panel.done_on, n)
    if panel is not None and start <= panel.done_on:
        raise RuleViolation([Finding("skip_grade.notice_from", Severity.BLOCK, "notice_from",
                                     f"公示开始日期：{start:%Y-%m-%d} 不晚于专家组出具考核结果的日期 {panel.done_on:%Y-%m-%d}",
                                     ws.profile.rule("skip_grade.notice_working_days").article)])
    first = start if calendar.is_working_day(start) else calendar.add_working_days(start, 1).day
    return first, calendar.add_working_days(first - dt.timedelta(days=1), n).day


def check_notice(ws, case_list) -> None:
    """A 公示 is printed for 跳级 cases, and only where the region's text asks for one."""
    if not ws.profile.applies("skip_grade.notice_working_days"):
        raise RuleViolation([Finding("skip_grade.notice", Severity.BLOCK, None, "跳级公示：本地区规定未要求公示",
                                     ws.profile.rule("workflows.skip_grade").article)])
    if not case_list:
        raise RuleViolation([Finding("skip_grade.notice", Severity.BLOCK, "case", "跳级公示：请指定跳级申请")])
    for case in case_list:
        if case.kind != KIND.value:
            raise RuleViolation([Finding("skip_grade.notice", Severity.BLOCK, "case", f"申请 {case.number} 不是跳级申请")])


# ── the steps ───────────────────────────────────────────────────────────────────────────────────
def _article(profile: Profile, key: str) -> str:
    return profile.rule(key).article if profile.applies(key) else ""


def step_findings(ws, case: Case, decision: StepDecision) -> list[Finding]:
    """Beyond the order of the chain: the 公示 lasts its working days after the panel's result, and the last
    approval (the pupil moves up with it) is not recorded before the case's 跳级时间."""
    p = ws.profile
    if decision.outcome != "approved":
        return []
    data = data_of(case)
    done = [s for s in steps(case) if s.outcome]
    pending = [s for s in steps(case) if not s.outcome]
    found = []
    if decision.party == PUBLIC_NOTICE and p.applies("skip_grade.notice_working_days") and done:
        n = p.value("skip_grade.notice_working_days")
        first, last = notice_period(WorkCalendar.from_store(), done[-1].done_on, n)
        if decision.done_on < last:
            found.append(finding(p, "skip_grade.notice_working_days", "done_on",
                                 f"公示：{party_label(done[-1].party)}于 {done[-1].done_on:%Y-%m-%d} 出具结果，公示时间不少于 "
                                 f"{n} 个工作日（{first:%Y-%m-%d} 至 {last:%Y-%m-%d}），{decision.done_on:%Y-%m-%d} 尚未期满",
                                 severity=Severity.BLOCK))
    effective = parse_date(data.get("effective_on"))
    if len(pending) == 1 and effective is not None and decision.done_on < effective:
        key = "skip_grade.timing" if p.applies("skip_grade.timing") else "workflows.skip_grade"
        rule = p.rule(key)
        why = rule.quote if key == "skip_grade.timing" else "学生在跳级时间之前仍在原年级就读"
        found.append(Finding("skip_grade.timing", Severity.BLOCK, "done_on",
                             f"跳级时间：本申请的跳级时间为 {effective:%Y-%m-%d}，最后一个环节（{party_label(decision.party)}）"
                             f"在此之前不能记录，学生随之升入新年级（{why}）", rule.article))
    return found


def notice_ready(case: Case) -> bool:
    """Whether the expert panel has given its result, so the 公示 can be printed with its dates."""
    return any(s.party == "expert_panel" and s.outcome == "approved" for s in steps(case))


def step_text(profile: Profile, party: str) -> str:
    """What the text fixes for a party's step, for the list of steps before the case exists."""
    if party == PUBLIC_NOTICE and profile.applies("skip_grade.notice_working_days"):
        return f"专家组出具考核结果后公示，不少于 {profile.value('skip_grade.notice_working_days')} 个工作日"
    if party == "city_bureau" and profile.applies("skip_grade.list_to_province_by"):
        month, day = (int(x) for x in profile.value("skip_grade.list_to_province_by").split("-"))
        return f"每年 {month} 月 {day} 日前将通过的名单报省教育厅"
    return ""


def set_fixed_dues(ws, case: Case) -> None:
    """At opening: the steps whose date the text fixes (黑龙江: the city's list by 30 July) show it at once."""
    for step in steps(case):
        day = step_due(ws, case, step.party, case.opened_on)
        if step.due_on is None and day is not None:
            step.due_on = day
            step.save()


def step_due(ws, case: Case, party: str, start: dt.date) -> dt.date | None:
    """The date a step is due where the text sets one: 黑龙江 the city's list to the province by 30 July."""
    if party != "city_bureau":
        return None
    effective = parse_date(data_of(case).get("effective_on"))
    return list_deadline(ws.profile, effective) if effective else None


# ── completion ──────────────────────────────────────────────────────────────────────────────────
def _block(field_name: str, message: str, article: str = "") -> Finding:
    return Finding(f"skip_grade.{field_name}", Severity.BLOCK, field_name, message, article)


def complete(ws, tx, case: Case, student: Student, data: dict) -> str:
    """The last approval: the pupil moves from the grade skipped into the next grade and the chosen class;
    what moved is kept in ``data["effect"]`` for the grade_skipped event."""
    p = ws.profile
    skipped, to = int(data["skipped_grade"]), int(data["to_grade"])
    if student.grade != skipped:
        if student.grade == data.get("grade_from") and skipped > student.grade:
            raise RuleViolation([_block("grade", f"年级：{student.name}现读{grade_name(student.grade)}；本申请跳过"
                                                 f"{grade_name(skipped)}，须先办理本学年的升级（学年结转）再办结")])
        raise RuleViolation([_block("grade", f"年级：{student.name}现读{grade_name(student.grade)}，与申请跳过的"
                                             f"{grade_name(skipped)}不符，不能办结；请撤回后重新申请")])
    class_id = (data.get("details") or {}).get("class_id")
    klass = SchoolClass.get_or_none(SchoolClass.id == int(class_id)) if str(class_id or "").isdigit() else None
    if klass is None or klass.grade != to or klass.retired_year is not None:
        raise RuleViolation([_block("school_class", f"班级：请为{student.name}选择{grade_name(to)}的班级后再办结")])
    occupied = (Student.select().where((Student.school_class == klass) & (Student.id != student.id)
                                       & Student.status.in_([s.value for s in ON_ROLL])).count())
    full = [f for f in class_size_findings(p, ws.system, to, klass.name, occupied, klass.capacity)
            if f.severity is Severity.BLOCK]
    if full:
        raise RuleViolation(full)
    student.grade, student.school_class = to, klass
    counted = p.applies("skip_grade.counts_as_completed") and p.value("skip_grade.counts_as_completed")
    articles = [a for a in (_article(p, "skip_grade.counts_as_completed") if counted else "",
                            _article(p, "skip_grade.allowed") or _article(p, "workflows.skip_grade")) if a]
    data["effect"] = {"grade_from": skipped, "grade_to": to, "class": klass.name, "class_id": klass.id,
                      "completed_grades": [skipped] if counted else [], "articles": articles}
    case.data = json.dumps(data, ensure_ascii=False, sort_keys=True, default=str)
    case.save()
    tail = f"；跳过的{grade_name(skipped)}视为受完相应年限的教育" if counted else ""
    return f"跳级：{student.name} 自{grade_name(skipped)}跳入{grade_name(to)}，编入{klass.name}{tail}（申请 {case.number}）"
