"""When a transfer may be made: the region's window, 营口's 名额分配 window, the national year cycle,
安阳's weekly filing, and each party's working-day deadline. All values come from the profile."""

from __future__ import annotations

import datetime as dt

from ..dates.school_calendar import describe_window, is_graduating
from ..rules.base import finding
from ..rules.findings import Finding, Severity, paren
from ..school.school import grade_name
from .transfer_facts import TransferFacts, refusals

WEEKDAYS = "一二三四五六日"
SCOPES = {"all": "", "in_province": "省内转学", "inter_county_same_city": "同一地市县域间转学",
          "inter_county": "跨县（区）转学"}
DEADLINE_SCOPES = {
    "each_party": "转入学校、转出学校和双方主管教育行政部门应分别在 {n} 个工作日内完成核办",
    "sending_side": "转出学校和转出地主管教育行政部门应在 {n} 个工作日内完成核办",
    "overall": "转入、转出业务自平台发起后 {n} 个工作日内完成",
    "each_party_after_approval": "转入、转出学校和各级主管教育行政部门应分别在审核同意后 {n} 个工作日内完成学籍转接",
}


def _md(day: dt.date | str) -> str:
    if isinstance(day, str):
        month, d = (int(x) for x in day.split("-"))
        return f"{month}月{d}日"
    return f"{day.month}月{day.day}日"


def _in_scope(f: TransferFacts, scope: str) -> bool | None:
    if scope == "all":
        return True
    if scope == "in_province":
        return f.province()
    if scope == "inter_county_same_city":
        county, city = f.county(), f.city()
        if county is True or city is False:
            return False
        return True if (county is False and city is True) else None
    if scope == "inter_county":
        county = f.county()
        return None if county is None else not county
    return True  # a scope this program does not know: the window applies, and the message names it


def window_findings(f: TransferFacts) -> list[Finding]:
    p = f.profile
    if not p.applies("transfer.window") or any(r.id == "mid_term" for r in refusals(p)):
        return []  # (a "mid_term" refusal judges the same window and speaks for it)
    window = p.value("transfer.window")
    scope = _in_scope(f, window["scope"])
    if scope is False or f.calendar.in_window(f.today, window):
        return []
    where = SCOPES.get(window["scope"], window["scope"])
    applies = f"（适用于{where}" + ("；如对方学校不属此范围，可说明）" if scope is None else "）") if where else ""
    return [finding(p, "transfer.window", "window",
                    f"转学时间：转学手续一般在{describe_window(window)}办理{applies}，今天（{_md(f.today)}）"
                    f"不在此期间；如确需办理，请记录理由")]


def quota_findings(f: TransferFacts) -> list[Finding]:
    """营口: transfers between 七年级下学期3月1日 and 八年级上学期9月30日 keep 名额分配到校."""
    p = f.profile
    grade = f.grade
    if not p.applies("transfer.quota_window") or not f.receiving or grade is None:
        return []
    q = p.value("transfer.quota_window")
    if not q["from_grade"] <= grade <= 9:
        return []
    cal = f.calendar
    start = cal.when_in_grade(f.today, grade, q["from_grade"], q["from_date"])
    end = cal.when_in_grade(f.today, grade, q["to_grade"], q["to_date"])
    span = (f"{grade_name(q['from_grade'])}{cal.term_of(start).name}{_md(start)}起至"
            f"{grade_name(q['to_grade'])}{cal.term_of(end).name}{_md(end)}止")
    consequence = q["consequence"] or "转入学校的名额分配政策可能不适用"
    if f.today > end:
        return [finding(p, "transfer.quota_window", "window",
                        f"名额分配：转学时间为{span}（{end:%Y-%m-%d}），今天已过，转入后{consequence}；"
                        f"须告知家长，如确需办理请记录理由")]
    if f.today < start:
        return [finding(p, "transfer.quota_window", "window",
                        f"名额分配：转学时间为{span}（自 {start:%Y-%m-%d} 起），今天尚未开始；须告知家长，"
                        f"如确需办理请记录理由")]
    return [finding(p, "transfer.quota_window", "window",
                    f"名额分配：今天在转学时间（{span}）内；学生须符合转入学校新生招生条件满一年，"
                    f"否则{consequence}，请告知家长", severity=Severity.INFO)]


def year_cycle_findings(f: TransferFacts) -> list[Finding]:
    """The national system's year: no new transfers from ``transfers_close``, no business for the
    graduating grades from ``graduating_business_by``, each until the promotion."""
    p = f.profile
    reopen = p.value("year_cycle.promotion")["end"]
    found = []
    closed = p.value("year_cycle.transfers_close")
    if p.applies("year_cycle.transfers_close") and _between(f.today, closed, reopen):
        found.append(finding(p, "year_cycle.transfers_close", "window",
                             f"转学时间：{_md(closed)}起至{_md(reopen)}全国学籍系统升级前不办理新的转学，"
                             f"请在{_md(reopen)}以后办理"))
    by = p.value("year_cycle.graduating_business_by")
    graduating = is_graduating(f.grade_from, f.sending_system) or is_graduating(f.grade_to, f.receiving_system)
    if p.applies("year_cycle.graduating_business_by") and graduating and _between(f.today, by, reopen):
        found.append(finding(p, "year_cycle.graduating_business_by", "grade_to",
                             f"年级：{_md(by)}起毕业年级不再办理新的学籍业务，{grade_name(f.grade)}学生不能办理转学"))
    return found


def _between(day: dt.date, first: str, last: str) -> bool:
    start, end = (dt.date(day.year, *(int(x) for x in mmdd.split("-"))) for mmdd in (first, last))
    return start <= day <= end


def filing_findings(f: TransferFacts) -> list[Finding]:
    """安阳: the receiving school files the transfers with the bureau on one weekday, then starts the case."""
    p = f.profile
    weekday = p.value("transfer.weekly_filing")
    if not p.applies("transfer.weekly_filing") or not weekday or not f.receiving:
        return []
    name = f"星期{WEEKDAYS[weekday - 1]}"
    if f.filed_on is None:
        upcoming = f.today + dt.timedelta(days=(weekday - f.today.isoweekday()) % 7)
        return [finding(p, "transfer.weekly_filing", "filed_on",
                        f"备案日期：须先在每周的备案日（{name}）向主管教育行政部门报送转学备案，审核通过后方可在平台"
                        f"发起转学；请填写备案日期（最近的备案日：{upcoming:%Y-%m-%d}）", severity=Severity.BLOCK)]
    if f.filed_on > f.today:
        return [finding(p, "transfer.weekly_filing", "filed_on",
                        f"备案日期：{f.filed_on:%Y-%m-%d} 晚于今天，须先备案、审核通过后再发起转学",
                        severity=Severity.BLOCK)]
    if f.filed_on.isoweekday() != weekday:
        actual = WEEKDAYS[f.filed_on.isoweekday() - 1]
        return [finding(p, "transfer.weekly_filing", "filed_on",
                        f"备案日期：{f.filed_on:%Y-%m-%d} 是星期{actual}，转学备案集中在每周的{name}进行，请核对")]
    return []


def agreement_findings(f: TransferFacts) -> list[Finding]:
    p = f.profile
    if not p.applies("transfer.both_schools_agree") or f.other_school_agreed is True:
        return []
    other = "转出学校" if f.receiving else "转入学校"
    if f.other_school_agreed is None:
        return [finding(p, "transfer.both_schools_agree", "other_school_agreed",
                        f"请确认：{other}是否同意转学（转学须经双方学校同意）", severity=Severity.BLOCK)]
    return [finding(p, "transfer.both_schools_agree", "other_school_agreed",
                    f"对方学校：{other}未同意，转学须经双方学校同意，不能办理")]


def deadline_findings(f: TransferFacts) -> list[Finding]:
    p = f.profile
    n, scope = p.value("transfer.deadline_working_days"), p.value("transfer.deadline_scope")
    text = DEADLINE_SCOPES.get(scope, "应在 {n} 个工作日内完成核办").format(n=n)
    note = p.rule("transfer.deadline_scope").note
    return [finding(p, "transfer.deadline_working_days", None, f"办理时限：{text}" + paren(note),
                    severity=Severity.INFO)]
