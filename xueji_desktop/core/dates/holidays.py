"""Entering a year's 放假安排 from the State Council's notice: holidays and 调休 working days.

The library (`chinese_calendar`) knows the years up to its data; for a later year the registrar
types the notice's days into 工作日设置 (gui.holidays_dialog), and `core.dates.workdays` counts with
them. An entered day wins over the library, so a correction can be applied to any year.

    holidays = parse_named_days("元旦：1月1日至3日\\n春节：2月6日—2月14日", 2027)
    working = parse_days("2月4日、2月15日", 2027, working=True)
    changes = enter_year(ws, 2027, holidays, working)   # one transaction, one event

`enter_year` replaces everything entered for that year; `clear_year` removes it (the year then
follows the library again, or the weekends).
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from typing import Iterable

from ...store.models import Holiday
from ..rules.findings import Finding, RuleViolation, Severity
from ..school.events import Changes, EventKind, changing

WEEKDAYS = "一二三四五六日"
MIN_YEAR, MAX_YEAR = 2000, 2100
MAX_RANGE_DAYS = 31  # a longer 至 range is a typing slip, not a holiday


class ParseError(ValueError):
    """A part of the typed text that is not a date; the message is Chinese and names the part."""

    def __init__(self, message: str, part: str = "", line: int = 0):
        self.part, self.line = part, line
        super().__init__(message)


# parsing what the registrar types -------------------------------------------------------------
_ISO = r"\d{4}[-/.]\d{1,2}[-/.]\d{1,2}日?"
_CN = r"(?:\d{4}年)?\d{1,2}月\d{1,2}日?"
_DATE = rf"(?:{_ISO}|{_CN})"
_END = rf"(?:{_DATE}|\d{{1,2}}日?)"
_RANGE = re.compile(rf"(?P<a>{_DATE})\s*(?:至|到|[—–―~〜-]+)\s*(?P<b>{_END})")
_ONE = re.compile(_DATE)
_ISO_PARTS = re.compile(r"(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})日?")
_CN_PARTS = re.compile(r"(?:(\d{4})年)?(\d{1,2})月(\d{1,2})日?")
_NAME = re.compile(r"^\s*(?:[一二三四五六七八九十]+[、.．]|\d+[、.．])?\s*(?P<name>[^\d:]+?)\s*:\s*(?P<rest>.*)$")
_PARENS = re.compile(r"\([^)]*\)|\[[^\]]*\]|【[^】]*】")
_TOTAL = re.compile(r"共\s*\d+\s*天")
_SEPARATORS = re.compile(r"[、,;。\s]+")
_HOLIDAY_WORDS = ("放假调休", "放假", "休假", "休息")
_WORKING_WORDS = ("调休上班", "上班", "补班")
_WORKING_IGNORED = (*_WORKING_WORDS, "调休")


def _normalise(text: str) -> str:
    text = unicodedata.normalize("NFKC", text)  # full-width digits, ：，；（）～－
    text = re.sub(r"\s*([年月日])\s*", r"\1", text)
    return re.sub(r"\s*(至|到|[—–―~〜])\s*", r"\1", text)


def _make_date(year: int, month: int, day: int, part: str, line: int) -> dt.date:
    try:
        return dt.date(year, month, day)
    except ValueError:
        raise ParseError(f"第 {line} 行“{part}”：{year} 年 {month} 月 {day} 日不是有效日期", part, line) from None


def _one_date(token: str, year: int, part: str, line: int) -> dt.date:
    m = _ISO_PARTS.fullmatch(token)
    if m:
        return _make_date(int(m[1]), int(m[2]), int(m[3]), part, line)
    m = _CN_PARTS.fullmatch(token)
    return _make_date(int(m[1] or year), int(m[2]), int(m[3]), part, line)


def _end_date(token: str, start: dt.date, part: str, line: int) -> dt.date:
    if _ONE.fullmatch(token):
        return _one_date(token, start.year, part, line)
    return _make_date(start.year, start.month, int(token.rstrip("日")), part, line)  # "至3日"


def _part_days(part: str, year: int, line: int) -> list[dt.date]:
    m = _RANGE.fullmatch(part)
    if m:
        first = _one_date(m["a"], year, part, line)
        last = _end_date(m["b"], first, part, line)
        if last < first:
            raise ParseError(f"第 {line} 行“{part}”：结束日期早于开始日期", part, line)
        if (last - first).days >= MAX_RANGE_DAYS:
            raise ParseError(f"第 {line} 行“{part}”：日期范围超过 {MAX_RANGE_DAYS} 天，请检查", part, line)
        return [first + dt.timedelta(days=i) for i in range((last - first).days + 1)]
    if _ONE.fullmatch(part):
        return [_one_date(part, year, part, line)]
    raise ParseError(f"第 {line} 行“{part}”无法识别为日期；请写成“1月1日”“1月1日至3日”或“2027-01-01”",
                     part, line)


def parse_named_days(text: str, year: int, *, working: bool = False) -> list[tuple[dt.date, str]]:
    """Days typed from the notice, each with the name its line gives ("元旦：1月1日至3日").

    Accepts "1月1日至3日", "2月15日—2月23日", "2027年1月1日", "2027-01-01", one per line or separated
    by 、，；; a line may start with a name and a colon (元旦：), and keeps the notice's own words:
    "（周四）", "放假调休，共3天" (in the holiday box) or "上班" (in the 调休 box) are passed over.
    A date without a year is in `year`. Raises ParseError naming the part it cannot read, or a
    working-day word in the holiday box (and the other way round), where it belongs to the other box.
    """
    out: list[tuple[dt.date, str]] = []
    seen: set[dt.date] = set()
    ignored, wrong = (_WORKING_IGNORED, _HOLIDAY_WORDS) if working else (_HOLIDAY_WORDS, _WORKING_WORDS)
    for number, raw in enumerate(text.splitlines(), start=1):
        line = _normalise(raw).strip()
        if not line:
            continue
        name = ""
        m = _NAME.match(line)
        if m:
            name, line = m["name"].strip(), m["rest"]
        line = _TOTAL.sub("", _PARENS.sub("", line))
        for word in ignored:
            line = line.replace(word, " ")
        for part in _SEPARATORS.split(line):
            if not part:
                continue
            for word in wrong:
                if word in part:
                    raise ParseError(
                        f"第 {number} 行“{part}”是上班的日期，请填在“调休上班日期”一栏，本栏只填放假日期"
                        if not working else
                        f"第 {number} 行“{part}”是放假的日期，请填在“放假日期”一栏，本栏只填调休上班日期",
                        part, number)
            for day in _part_days(part, year, number):
                if day not in seen:
                    seen.add(day)
                    out.append((day, name))
    return out


def parse_days(text: str, year: int, *, working: bool = False) -> list[dt.date]:
    """The days of `parse_named_days`, without names (for the 调休上班 box)."""
    return [day for day, _ in parse_named_days(text, year, working=working)]


# showing entered days as text -----------------------------------------------------------------
def day_text(day: dt.date, year: int | None = None) -> str:
    """"1月1日（五）"; the year is written when it is not `year`."""
    head = f"{day.year}年" if year is not None and day.year != year else ""
    return f"{head}{day.month}月{day.day}日（{WEEKDAYS[day.weekday()]}）"


def _runs(days: list[dt.date]) -> list[tuple[dt.date, dt.date]]:
    runs: list[tuple[dt.date, dt.date]] = []
    for day in sorted(days):
        if runs and day - runs[-1][1] == dt.timedelta(days=1):
            runs[-1] = (runs[-1][0], day)
        else:
            runs.append((day, day))
    return runs


def _run_text(first: dt.date, last: dt.date, weekdays: bool = False) -> str:
    def mark(day: dt.date) -> str:
        return f"（{WEEKDAYS[day.weekday()]}）" if weekdays else ""

    if first == last:
        return f"{first.month}月{first.day}日{mark(first)}"
    end = f"{last.day}日" if last.month == first.month else f"{last.month}月{last.day}日"
    return f"{first.month}月{first.day}日{mark(first)}至{end}{mark(last)}"


def runs_text(days: Iterable[dt.date], weekdays: bool = True) -> str:
    """"2月6日（六）至14日（日）、2月20日（六）": consecutive days as one range."""
    return "、".join(_run_text(a, b, weekdays) for a, b in _runs(list(days)))


def format_named_days(items: Iterable[tuple[dt.date, str]]) -> str:
    """The text `parse_named_days` reads back: one line per name, "元旦：1月1日至3日"."""
    by_name: dict[str, list[dt.date]] = {}
    for day, name in sorted(items):
        by_name.setdefault(name, []).append(day)
    lines = []
    for name, days in by_name.items():
        runs = "、".join(_run_text(a, b) for a, b in _runs(days))
        lines.append(f"{name}：{runs}" if name else runs)
    return "\n".join(lines)


def format_days(days: Iterable[dt.date]) -> str:
    return runs_text(days, weekdays=False)


# the service -------------------------------------------------------------------------------------
def _b(key: str, message: str) -> Finding:
    return Finding(f"holidays.{key}", Severity.BLOCK, None, message)


def _named(holidays: Iterable[dt.date | tuple[dt.date, str]]) -> list[tuple[dt.date, str]]:
    out: dict[dt.date, str] = {}
    for item in holidays:
        day, name = (item, "") if isinstance(item, dt.date) else (item[0], item[1] or "")
        out.setdefault(day, name.strip())
    return sorted(out.items())


def check_year(year: int, holidays: Iterable[dt.date | tuple[dt.date, str]],
               working_days: Iterable[dt.date]) -> list[Finding]:
    """What stops the year being entered (all blocks, in Chinese)."""
    found: list[Finding] = []
    if not MIN_YEAR <= year <= MAX_YEAR:
        return [_b("year", f"年份应在 {MIN_YEAR}–{MAX_YEAR} 之间")]
    named = _named(holidays)
    working = sorted(set(working_days))
    if not named:
        found.append(_b("empty", f"未填写 {year} 年的放假日期；如要删除该年的录入，请用“清除本年录入”"))
    for day, _ in named:
        if day.year != year:
            found.append(_b("outside_year", f"放假日期 {day_text(day, year)} 不在 {year} 年内；"
                                             f"跨年的日期请选择 {day.year} 年录入"))
    for day in working:
        if day.year != year:
            found.append(_b("outside_year", f"调休上班日期 {day_text(day, year)} 不在 {year} 年内；"
                                             f"跨年的日期请选择 {day.year} 年录入"))
        elif day.weekday() < 5:
            found.append(_b("working_not_weekend", f"调休上班日期 {day_text(day, year)} 不是星期六或星期日："
                                                    "只有周末才需要录入为调休上班"))
    both = sorted({d for d, _ in named} & set(working))
    for day in both:
        found.append(_b("both", f"{day_text(day, year)} 同时填在放假日期和调休上班日期中"))
    return found


def _rows(year: int) -> list[Holiday]:
    return list(Holiday.select().where(Holiday.day.between(dt.date(year, 1, 1), dt.date(year, 12, 31)))
                .order_by(Holiday.day))


def entered_days(year: int) -> tuple[list[tuple[dt.date, str]], list[dt.date]]:
    """(holidays with names, 调休 working days) entered for the year."""
    rows = _rows(year)
    return [(r.day, r.name) for r in rows if not r.working], [r.day for r in rows if r.working]


def _summary_of(rows: list[Holiday]) -> str:
    rest = sum(1 for r in rows if not r.working)
    return f"放假 {rest} 天，调休上班 {len(rows) - rest} 天"


def _payload_rows(rows: list[Holiday]) -> list[list]:
    return [[r.day.isoformat(), r.working, r.name] for r in rows]


def enter_year(ws, year: int, holidays: Iterable[dt.date | tuple[dt.date, str]],
               working_days: Iterable[dt.date]) -> Changes:
    """Replaces what is entered for `year` by the notice's days, in one transaction, one event."""
    holidays, working_days = list(holidays), list(working_days)
    found = check_year(year, holidays, working_days)
    if found:
        raise RuleViolation(found)
    named, working = _named(holidays), sorted(set(working_days))
    with changing(ws.db, ws.user, ws.now()) as tx:
        before = _rows(year)
        Holiday.delete().where(Holiday.day.between(dt.date(year, 1, 1), dt.date(year, 12, 31))).execute()
        for day, name in named:
            Holiday.create(day=day, working=False, name=name)
        for day in working:
            Holiday.create(day=day, working=True, name="调休上班")
        summary = f"录入 {year} 年节假日安排：放假 {len(named)} 天，调休上班 {len(working)} 天"
        tx.record(EventKind.HOLIDAYS_ENTERED, summary, {
            "year": year, "action": "enter",
            "holidays": [[d.isoformat(), n] for d, n in named],
            "working_days": [d.isoformat() for d in working],
            "replaced": _payload_rows(before),
        })
    return tx.changes


def clear_year(ws, year: int) -> Changes:
    """Removes what is entered for `year`; it follows the library again, or the weekends."""
    with changing(ws.db, ws.user, ws.now()) as tx:
        before = _rows(year)
        if not before:
            raise RuleViolation([_b("nothing", f"{year} 年没有录入的节假日安排")])
        Holiday.delete().where(Holiday.day.between(dt.date(year, 1, 1), dt.date(year, 12, 31))).execute()
        tx.record(EventKind.HOLIDAYS_ENTERED, f"清除 {year} 年录入的节假日安排（原{_summary_of(before)}）", {
            "year": year, "action": "clear", "holidays": [], "working_days": [],
            "replaced": _payload_rows(before),
        })
    return tx.changes
