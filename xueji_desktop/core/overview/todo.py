"""The registrar's to-do list (待办): everything with a deadline or waiting on the registrar, most
urgent first. Qt-free; the window's 待办 tab (gui.todo_panel) shows it.

Sources, each counted in working days by core.dates.workdays (法定节假日 and 调休; a year without holiday
data is counted by weekends only and the item says so):

* ``first_day`` — a school set up without a pupil: bring them in from the national system's Excel;
* ``case_step`` — the pending step of each open case (转学, 休学 …), due on its `CaseStep.due_on`;
* ``archive`` — the 学籍 creation deadline of a new pupil. `Student.archive_deadline` is set at
  registration: the registration day plus the profile's ``enrolment.archive_deadline`` (1 month, 长治
  15 days: 学籍档案 within that time). The data shows the 学籍 as not yet created while the record lacks a
  required field (core.pupils.fields) or still carries a temporary L number (identity not verified, no G
  number). Pupils whose deadline passed more than `ARCHIVE_LOOKBACK_DAYS` ago are left to the term
  review (core.school_year.term_review), which lists every incomplete record;
* ``suspension`` — a suspension over, or ending within 15 days, with no open case for the pupil
  (core.changes.suspensions.due_for_resumption);
* ``dropout`` — pupils at or near a dropout threshold (core.dropout_control.dropout.near_thresholds, when present);
* ``term_review`` — the region's 每学期复核 (profile ``archive.term_review``) not yet recorded for the
  term under review, due on the term's last day;
* ``export`` / ``batch`` — changes not yet exported to the bureau; sealed batches whose receipt has
  not come back after `BATCH_RECEIPT_WORKING_DAYS` working days;
* ``holidays`` — a year without holiday data that a deadline here falls in, this year, or next year
  from `NEXT_YEAR_NOTICE_DAYS` before it starts.

Order (`TodoItem.urgency`): ``first_day`` on top; then overdue, most working days overdue first; then due soonest; then
the items without a date (a reached dropout threshold first).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from peewee import fn

from ...store.models import Case, CaseStep, Event, OutboxBatch, Student
from ..admission.continuation import admissions
from ..casework.cases import CaseKind, CaseStatus, data_of, party_label
from ..changes.suspensions import due_for_resumption
from ..dates.days import as_day
from ..dates.school_calendar import SchoolCalendar
from ..dates.workdays import DueStatus, WorkCalendar, estimate_warning, status_of
from ..discipline.appeals import todo_entries
from ..discipline.discipline_reads import unnotified
from ..dropout_control.dropout import near_thresholds
from ..pupils.completeness import is_temporary, missing_fields
from ..pupils.status import Status
from ..school_year import term_review
from ..school_year.term_review import _guardians, _pupil_rows, record_for, suspect_where, term_under_review
from ..school_year.year_end import calendar_items
from . import high_school_todo

ARCHIVE_LOOKBACK_DAYS = 90
SUSPENSION_WITHIN_DAYS = 15
BATCH_RECEIPT_WORKING_DAYS = 10
NEXT_YEAR_NOTICE_DAYS = 45

# Among items without a date: lower first.
PRIORITY = {"first_day": -1, "dropout_reached": 0, "holidays": 1, "batch": 2, "dropout_near": 3, "export": 4}
LEVEL_LABELS = {"overdue": "已逾期", "today": "今天到期", "soon": "紧急", "ok": "待办", "alert": "需处理",
                "none": "提醒"}
_TRANSFER_OURS = {CaseKind.TRANSFER_IN.value: "receiving_school", CaseKind.TRANSFER_OUT.value: "sending_school"}


@dataclass(frozen=True)
class TodoItem:
    kind: str  # first_day | case_step | archive | suspension | dropout | term_review | export | batch | holidays
    title: str  # Chinese, what is to be done
    detail: str  # Chinese, why and where it comes from
    due: dt.date | None
    status: DueStatus | None
    target: tuple[str, Any]  # ("case", id) | ("student", id) | ("review", None) | ("export", None)
    #                          | ("dropout", student id) | ("holidays", year) | ("import", None) | ("year_end", None)
    who: str = ""  # the pupil or the case, for the 学生/申请 column
    warning: str = ""  # e.g. the deadline counted by weekends only (2027 not entered)
    priority: int = 5  # order among items without a date
    alert: bool = False  # an undated item that needs action now (a dropout threshold reached)

    @property
    def urgency(self) -> tuple:
        """Sort key: a negative priority first (a school with no pupil yet), then overdue (most working days
        first), then due soonest, then undated by priority."""
        s = self.status
        if self.priority < 0:
            return (-1, 0, 0, self.priority, self.title)
        if s is not None and s.overdue:
            return (0, -s.overdue_days, s.due.toordinal(), self.priority, self.title)
        if s is not None:
            return (1, s.remaining, s.due.toordinal(), self.priority, self.title)
        return (2, 0, 0, self.priority, self.title)

    @property
    def level(self) -> str:
        """overdue | today | soon | ok (dated), alert | none (undated), for colours."""
        if self.status is not None:
            return self.status.level
        return "alert" if self.alert else "none"

    @property
    def urgency_label(self) -> str:
        return LEVEL_LABELS[self.level]

    @property
    def remaining_label(self) -> str:
        return self.status.label if self.status is not None else "—"

    @property
    def estimated(self) -> bool:
        return bool(self.status is not None and self.status.estimated)

    @property
    def years_estimated(self) -> tuple[int, ...]:
        return self.status.years_estimated if self.status is not None else ()


@dataclass
class _Context:
    ws: Any
    today: dt.date
    cal: WorkCalendar
    items: list[TodoItem] = field(default_factory=list)

    def status(self, due: dt.date) -> DueStatus:
        return status_of(due, self.today, self.cal)

    def add(self, kind, title, detail, due, target, who="", priority=5, alert=False) -> None:
        status = self.status(due) if due is not None else None
        warning = status.warning if status is not None and status.estimated else ""
        self.items.append(TodoItem(kind, title, detail, due, status, target, who, warning, priority, alert))


# ── sources ─────────────────────────────────────────────────────────────────────────────────────
def step_party(case_kind: str, party: str) -> str:
    """The party's name, marked （本校） where it is this school."""
    ours = _TRANSFER_OURS.get(case_kind, "school")
    label = party_label(party)
    return label + ("（本校）" if party == ours and "本校" not in label else "")


def _case_steps(c: _Context) -> None:
    pending: dict[int, CaseStep] = {}
    query = (CaseStep.select(CaseStep, Case).join(Case)
             .where((Case.status == CaseStatus.OPEN.value) & (CaseStep.outcome == ""))
             .order_by(CaseStep.case, CaseStep.seq))
    for step in query:
        pending.setdefault(step.case_id, step)
    if not pending:
        return
    student_ids = {s.case.student_id for s in pending.values() if s.case.student_id}
    names = dict(Student.select(Student.id, Student.name).where(Student.id.in_(list(student_ids))).tuples()) \
        if student_ids else {}
    for case_id, step in pending.items():
        case = step.case
        kind = CaseKind(case.kind)
        if kind is CaseKind.APPEAL:  # listed by _discipline, with the appeal's own steps
            continue
        name = names.get(case.student_id) or (data_of(case).get("pupil") or {}).get("name", "")
        party = step_party(case.kind, step.party)
        detail = f"当前环节：{party}" + ("" if step.due_on else "；本地区规定未设期限")
        c.add("case_step", f"{kind.label}申请：待{party}审批", detail, step.due_on, ("case", case_id),
              who=f"{case.number}　{name}".strip())


def _archive(c: _Context) -> None:
    cutoff = c.today - dt.timedelta(days=ARCHIVE_LOOKBACK_DAYS)
    where = Student.archive_deadline >= cutoff
    profile = c.ws.profile
    temporary_where = (Student.student_number.startswith(profile.value("student_number.temporary_prefix"))
                       | (Student.identity_verified == False))
    rows = _pupil_rows(where & (temporary_where | suspect_where()))  # one scan: suspect_where is a superset of
    family = _guardians([r["id"] for r in rows])  # the incomplete, checked exactly by missing_fields
    for r in rows:
        temporary = is_temporary(r["student_number"], profile)
        unverified = not r["identity_verified"]
        lacking = missing_fields(r, family.get(r["id"], []))
        if not temporary and not unverified and not lacking:
            continue
        parts = []
        if lacking:
            parts.append("缺少：" + "、".join(lacking))
        if temporary:
            parts.append("临时学籍号")
        if unverified:
            parts.append("身份尚未核验")
        rule = profile.rule("enrolment.archive_deadline")
        c.add("archive", "建立学籍档案（补全信息、核验身份）",
              "；".join(parts) + f"。{rule.article}：{rule.quote or '入学后限期建立学籍档案'}",
              r["archive_deadline"], ("student", r["id"]), who=f"{r['name']}（{r['student_number']}）")


def _suspensions(c: _Context) -> None:
    terms = due_for_resumption(c.today, SUSPENSION_WITHIN_DAYS)
    if not terms:
        return
    busy = {s for (s,) in Case.select(Case.student).where(
        (Case.status == CaseStatus.OPEN.value) & Case.student.in_([t.student_id for t in terms])).tuples()}
    for t in terms:
        if t.student_id in busy:  # the open case (复学, 延长休学 …) is listed itself
            continue
        c.add("suspension", "休学期满：办理复学或延长休学",
              f"休学至 {t.until:%Y-%m-%d}（申请 {t.case_number}）；请联系家长办理复学或延长休学",
              t.until, ("student", t.student_id), who=f"{t.name}（{t.student_number}）")


def _proposed_label(proposed) -> str:
    try:
        return Status(getattr(proposed, "value", proposed)).label
    except ValueError:
        return str(getattr(proposed, "label", proposed))


def _dropouts(c: _Context) -> None:
    for p in near_thresholds(c.ws, c.today):
        label = _proposed_label(p.proposed)
        reached = bool(p.reached)
        title = f"考勤：已达到{label}认定条件" if reached else f"考勤：接近{label}认定条件"
        detail = p.message or p.threshold_text
        if p.article and p.article not in detail:
            detail += f"（{p.article}）"
        c.add("dropout", title, detail, None, ("dropout", p.student_id),
              who=f"{p.name}（{p.class_name}）" if p.class_name else p.name,
              priority=PRIORITY["dropout_reached" if reached else "dropout_near"], alert=reached)


def _migrant_archives(c: _Context) -> None:
    """凉山: a 随迁子女 who dropped out has the 学籍档案 handed to the home county's bureau at each term's end
    (only where the profile has the rule with that value)."""
    rule = c.ws.profile.rule("dropout.migrant_archive")
    if not rule.applies or rule.value != "term_end_to_home_county":
        return
    statuses = [Status.SUSPECTED_DROPOUT.value, Status.DROPPED_OUT.value]
    pupils = list(Student.select(Student.id, Student.name, Student.student_number, Student.hukou_place)
                  .where(Student.status.in_(statuses) & (Student.migrant_child == "1")).dicts())
    if not pupils:
        return
    term_end = SchoolCalendar.from_profile(c.ws.profile).term_of(c.today).end
    for p in pupils:
        c.add("migrant_archive", "随迁子女辍学：学期末转交学籍档案",
              f"户籍所在地 {p['hukou_place'] or '（未填）'}：学期末将学籍档案转交其户籍所在地县（区）教育行政部门"
              f"（{rule.article}：{rule.quote}）", term_end, ("student", p["id"]),
              who=f"{p['name']}（{p['student_number']}）")


def _term_review(c: _Context) -> None:
    rule = term_review.rule_of(c.ws.profile)  # via the module: a test stands in a profile without the rule
    if rule is None:
        return
    term = term_under_review(c.ws.profile, c.today)
    if record_for(term) is not None:
        return
    c.add("term_review", f"每学期复核：{term.label}",
          f"逐人复核学籍信息并打印复核表，尚未记录完成（{rule.article}：{rule.quote}）", term.end, ("review", None),
          who="全校在籍学生")


def _year_cycle(c: _Context) -> None:
    for item in calendar_items(c.ws, c.today):
        c.add(item.kind, item.title, item.detail, item.due, ("year_end", None), who="毕业年级" if
              item.kind == "graduating_business" else "全校")


def _exports(c: _Context) -> None:
    count, oldest = Event.select(fn.COUNT(Event.id), fn.MIN(Event.created_at)).where(
        Event.batch_no.is_null()).scalar(as_tuple=True)
    if count:
        since = as_day(oldest)
        c.add("export", f"{count} 条变更尚未导出报送教育局",
              f"最早一条记于 {since:%Y-%m-%d}；在“交换 → 导出变更批次”中封存并写入 U 盘" if since
              else "在“交换 → 导出变更批次”中封存并写入 U 盘",
              None, ("export", None), who="教育局", priority=PRIORITY["export"])
    stale = []
    for batch in OutboxBatch.select().where(OutboxBatch.acknowledged_at.is_null()).order_by(OutboxBatch.batch_no):
        sealed = as_day(batch.created_at)
        if sealed and c.cal.working_days_between(sealed, c.today).days > BATCH_RECEIPT_WORKING_DAYS:
            stale.append((batch.batch_no, sealed))
    if stale:
        numbers = "、".join(str(n) for n, _ in stale)
        first = stale[0][1]
        days = c.cal.working_days_between(first, c.today).days
        c.add("batch", f"批次 {numbers} 尚未收到教育局回执",
              f"最早的于 {first:%Y-%m-%d} 封存，已 {days} 个工作日；请向教育局确认是否收到，需要时重新写入 U 盘",
              None, ("export", None), who="教育局", priority=PRIORITY["batch"])


def _holidays(c: _Context) -> None:
    years = {y for item in c.items for y in item.years_estimated}
    if c.cal.is_estimated(c.today.year):
        years.add(c.today.year)
    following = c.today.year + 1
    if (dt.date(following, 1, 1) - c.today).days <= NEXT_YEAR_NOTICE_DAYS and c.cal.is_estimated(following):
        years.add(following)
    for year in sorted(years):
        c.add("holidays", f"录入 {year} 年法定节假日安排",
              estimate_warning([year]) + "。国务院办公厅通常在上一年 10 月至 12 月公布放假安排",
              None, ("holidays", year), who="工作日设置", priority=PRIORITY["holidays"])


def _discipline(c: _Context) -> None:
    """Punishments not yet told to the guardians (黑龙江 第三十七条) and each open appeal's deadline."""
    for n in unnotified(c.ws.profile):
        c.add("discipline_notice", f"告知学生及其监护人：{n.what}",
              f"{n.decided_on:%Y-%m-%d} 作出；"
              + ("打印处分告知书送达监护人" if n.kind == "punishment" else "通知学生及其监护人")
              + "，告知后在“奖励与处分”中记录告知日期"
              + (f"（{n.article}）" if n.article else ""), None, ("student", n.student_id), who=n.who,
              priority=PRIORITY["export"])
    for e in todo_entries(c.ws.profile):
        c.add("appeal", e.title, e.detail, e.due, ("student", e.student_id), who=e.who)


def _admissions(c: _Context) -> None:
    """升学: admissions the bureau's replies brought, waiting to be continued as 初一 (core.admission.continuation)."""
    waiting = [a for a in admissions(waiting_only=True) if not a.to_high]  # 高一's: high_school_todo
    if waiting:
        schools = "、".join(sorted({a.from_name for a in waiting if a.from_name}))
        c.add("admissions", f"{len(waiting)} 名升学录取学生待接续学籍",
              f"教育局核准自{schools}毕业升入本校；在“学年 → 升学接续（初一新生）…”中编入初一班级，学籍号不变",
              None, ("admissions", None), who="初一新生", priority=PRIORITY["export"])


def _duplicates(c: _Context) -> None:
    """重复学籍核查: a child the bureau found on the roll of another school too, to be answered; once the other school
    confirmed the child studies there, this school's record is to be removed (core.duplicate_checks)."""
    from ..duplicate_checks.queries import waiting

    for q in waiting():
        if q.removal_asked_on:
            title = f"删除重复学籍：{q.name}实际在{q.keeper}就读"
            detail = (f"教育局转来：{q.keeper}已确认该生在其校就读（{q.removal_asked_on}）；核实后在“交换 → 重复学籍核查…”"
                      "中删除本校的重复学籍（学籍记录和变动历史保留）")
        else:
            title = f"重复学籍核查：{q.name}同时在{q.other_school}有学籍"
            detail = (f"{q.received_on}收到的教育局回执：{q.matched_by}；在“交换 → 重复学籍核查…”中答复该生是否在本校就读"
                      "（在本校就读的出具证明，不在本校就读的删除本校的重复学籍）")
        c.add("duplicate", title, detail, None, ("duplicates", q.uuid), who=q.name,
              priority=PRIORITY["dropout_near"], alert=True)


def _first_day(c: _Context) -> None:
    """A school set up with no pupil yet: the way in is the national system's export (or one enrolment each)."""
    if not Student.select().exists():
        c.add("first_day", "本校还没有学生：从全国学籍系统导入",
              "学生已在全国中小学生学籍信息管理系统中的，导出学生信息 Excel 后在“文件 → 从全国学籍系统导入”中"
              "逐行检查、一次导入；新入学的学生用“新生注册”", None, ("import", None), who="全校",
              priority=PRIORITY["first_day"], alert=True)


SOURCES = (_first_day, _case_steps, _archive, _suspensions, _dropouts, _migrant_archives, _term_review, _year_cycle,
           _exports, _discipline, _admissions, _duplicates, *high_school_todo.SOURCES)


def todo_items(ws, today: dt.date | None = None) -> list[TodoItem]:
    """Every item, most urgent first."""
    c = _Context(ws, today or ws.today(), WorkCalendar.from_store())
    for source in SOURCES:
        source(c)
    _holidays(c)
    items = c.items if ws.visible_classes() is None else _own_pupils(ws, c.items)
    return sorted(items, key=lambda i: i.urgency)


def _own_pupils(ws, items: list[TodoItem]) -> list[TodoItem]:
    """For an account that reads only some classes (a 班主任) or none: the items about those pupils only, none
    about the school as a whole."""
    visible = ws.visible_classes()
    cases = {i.target[1] for i in items if i.target[0] == "case"}
    students = {i.target[1] for i in items if i.target[0] in ("student", "dropout")}
    case_pupil = dict(Case.select(Case.id, Case.student).where(Case.id.in_(sorted(cases))).tuples()) if cases else {}
    students |= {s for s in case_pupil.values() if s is not None}
    class_of = dict(Student.select(Student.id, Student.school_class).where(Student.id.in_(sorted(students)))
                    .tuples()) if students else {}

    def mine(item: TodoItem) -> bool:
        kind, ref = item.target
        pupil = case_pupil.get(ref) if kind == "case" else ref if kind in ("student", "dropout") else None
        return pupil is not None and class_of.get(pupil) in visible

    return [i for i in items if mine(i)]


def estimate_banner(items: list[TodoItem]) -> str:
    """One warning for every deadline counted by weekends only ("" when none is)."""
    years = sorted({y for i in items for y in i.years_estimated})
    return estimate_warning(years, "以上期限") if years else ""


def overdue_count(items: list[TodoItem]) -> int:
    return sum(1 for i in items if i.level == "overdue")
