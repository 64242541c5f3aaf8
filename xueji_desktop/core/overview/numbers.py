"""The school's numbers at a glance (统计): pupils on roll by grade, class and circumstance, the changes
of this term by kind, and the classes near or over the region's class size. Qt-free plain rows, read by
the window's 统计 tab (gui.numbers_tab), the printed report (core.forms.numbers_report) and the Excel
workbook (core.forms.numbers_xlsx).

* **On roll** (在籍) are the pupils who hold a place in their class (core.pupils.status.ON_ROLL: 在校, 休学,
  疑似辍学, 辍学, 外出借读, 失踪 — the 学籍 is kept at the school while they are away).
* **This term** runs from the first day of the term under way (in the holidays: of the term just ended,
  core.dates.school_calendar) to the day counted; a change counts on the day entered for it
  (`Event.entered_on`). Kinds follow the education statistics' 学生变动: 增加 (新生注册, 转入, 复学 …),
  减少 (转出, 休学, 退学, 死亡 …) — a move into or out of 在校 — and 其他变动 (关键信息变更 …).
* **Class size**: the profile's ``class_size.{primary,middle}_standard`` and ``_max`` with their articles,
  as the set-up's `class_limit` and the enrolment rule read them; a class is listed when it is within
  `NEAR_PLACES` of the standard, at or over it, at or over the maximum, or over the school's own plan.

Everything comes from two grouped queries (pupils by every dimension at once, events by kind), so a
3,000-pupil school costs the same few milliseconds as a small one.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter, defaultdict
from dataclasses import dataclass

from peewee import fn

from ...store.models import Case, Event, SchoolClass, Student
from ..casework.cases import CaseKind, CaseStatus
from ..dates.school_calendar import AUTUMN, SchoolCalendar, Term
from ..pupils import codes
from ..pupils.status import ON_ROLL, Status
from ..school.events import EventKind
from ..school.school import grade_name, grades_taught
from ..school.setup import class_limit

NEAR_PLACES = 3  # a class with this few places left below the standard size is "near" it (a display choice)
UNFILLED = "未填"
NO_CLASS = "未分班"

INCREASE, DECREASE, OTHER = "增加", "减少", "其他变动"

# The dimensions of the breakdowns, in the order the tab, the report and the workbook show them:
# (key, title, column, code table). Codes outside the table, or empty, count as 未填.
DIMENSIONS = (
    ("sex", "性别", "sex", codes.SEX),
    ("ethnicity", "民族", "ethnicity", codes.ETHNICITY),
    ("left_behind", "留守儿童", "left_behind", codes.LEFT_BEHIND),
    ("migrant_child", "进城务工人员随迁子女", "migrant_child", codes.YES_NO),
    ("inclusive", "随班就读", "inclusive", codes.YES_NO),
    ("disability_type", "残疾类型", "disability_type", codes.DISABILITY),
    ("hukou_nature", "户口性质", "hukou_nature", codes.HUKOU_NATURE),
)
_DEFAULT_NO = {"left_behind": "0", "migrant_child": "0", "inclusive": "0"}  # an empty cell means 否 there
_COLUMNS = ("grade", "school_class", "status", *(d[2] for d in DIMENSIONS))


@dataclass(frozen=True)
class Count:
    """One line of a breakdown: the code, its label, how many pupils."""

    key: str
    label: str
    count: int


@dataclass(frozen=True)
class Breakdown:
    key: str  # sex | ethnicity | … | status
    title: str
    rows: tuple[Count, ...]  # non-zero lines, in the code table's order (民族: most pupils first)

    @property
    def total(self) -> int:
        return sum(r.count for r in self.rows)

    def count(self, key: str) -> int:
        return next((r.count for r in self.rows if r.key == key), 0)


@dataclass(frozen=True)
class GradeRow:
    """Pupils on roll in one grade (or the school, `grade` 0: 合计)."""

    grade: int
    label: str
    classes: int
    pupils: int
    boys: int
    girls: int
    minority: int  # 少数民族 (民族 other than 汉族)
    left_behind: int  # 单亲留守 or 双亲留守
    migrant: int  # 进城务工人员随迁子女
    inclusive: int  # 随班就读
    disabled: int  # a 残疾人类型 recorded
    agricultural: int  # 农业户口
    non_agricultural: int  # 非农业户口


GRADE_HEADERS = ("年级", "班数", "在籍人数", "男", "女", "少数民族", "留守儿童", "随迁子女", "随班就读", "残疾",
                 "农业户口", "非农业户口")


def grade_cells(r: GradeRow) -> list:
    return [r.label, r.classes, r.pupils, r.boys, r.girls, r.minority, r.left_behind, r.migrant, r.inclusive,
            r.disabled, r.agricultural, r.non_agricultural]


@dataclass(frozen=True)
class ClassRow:
    class_id: int | None
    grade: int
    name: str
    pupils: int
    boys: int
    girls: int
    capacity: int  # the school's plan
    standard: int  # the region's standard class size
    maximum: int  # the region's largest class
    standard_article: str
    maximum_article: str
    level: str  # ok | near | over_plan | at_standard | over_standard | at_max | over_max

    @property
    def places_left(self) -> int:
        """Places below the standard size (negative: over it)."""
        return self.standard - self.pupils

    @property
    def flagged(self) -> bool:
        return self.level != "ok"

    @property
    def level_label(self) -> str:
        n, std, mx = self.pupils, self.standard, self.maximum
        return {
            "ok": "正常",
            "near": f"接近标准班额（还余 {std - n} 个学位）",
            "over_plan": f"超过学校计划 {self.capacity} 人",
            "at_standard": f"已达标准班额 {std} 人",
            "over_standard": f"超过标准班额 {std} 人（多 {n - std} 人）",
            "at_max": f"已达班额上限 {mx} 人",
            "over_max": f"超过班额上限 {mx} 人（多 {n - mx} 人）",
        }[self.level]

    @property
    def article(self) -> str:
        """The article the level rests on."""
        if self.level in ("at_max", "over_max"):
            return self.maximum_article
        return "" if self.level in ("ok", "over_plan") else self.standard_article


CLASS_HEADERS = ("班级", "在籍人数", "男", "女", "计划人数", "标准班额", "班额上限", "情况", "依据")


def class_cells(r: ClassRow) -> list:
    return [r.name, r.pupils, r.boys, r.girls, r.capacity or "", r.standard, r.maximum, r.level_label, r.article]


@dataclass(frozen=True)
class ChangeRow:
    """Changes of this term of one kind."""

    label: str
    direction: str  # 增加 | 减少 | 其他变动
    count: int


@dataclass(frozen=True)
class SchoolNumbers:
    school_name: str
    school_code: str
    region: str
    on_day: dt.date
    term: Term
    period_start: dt.date
    period_end: dt.date
    grades: tuple[GradeRow, ...]
    total: GradeRow
    classes: tuple[ClassRow, ...]
    breakdowns: tuple[Breakdown, ...]
    status: Breakdown  # pupils on roll by 学籍 status
    changes: tuple[ChangeRow, ...]
    open_cases: tuple[Count, ...]  # applications under way, by kind

    @property
    def pupils(self) -> int:
        return self.total.pupils

    @property
    def flagged_classes(self) -> tuple[ClassRow, ...]:
        return tuple(c for c in self.classes if c.flagged)

    @property
    def over_standard(self) -> tuple[ClassRow, ...]:
        """Classes with more pupils than the standard size (or than the maximum)."""
        return tuple(c for c in self.classes if c.level in ("over_standard", "over_max")
                     or c.level == "at_max" and c.maximum > c.standard)

    def breakdown(self, key: str) -> Breakdown:
        if key == "status":
            return self.status
        return next(b for b in self.breakdowns if b.key == key)

    def change_total(self, direction: str) -> int:
        return sum(c.count for c in self.changes if c.direction == direction)

    @property
    def period_label(self) -> str:
        return f"{self.term.label}（{self.period_start:%Y-%m-%d} 至 {self.period_end:%Y-%m-%d}）"

    def headline(self) -> str:
        """One sentence for the top of the report."""
        over = len(self.over_standard)
        flagged = len(self.flagged_classes)
        d = self.on_day
        classes = len([c for c in self.classes if c.class_id is not None])
        return (f"截至 {d.year}年{d.month}月{d.day}日，全校在籍学生 {self.pupils} 人（男 {self.total.boys} 人、"
                f"女 {self.total.girls} 人），{classes} 个班；"
                f"本学期增加 {self.change_total(INCREASE)} 人次、减少 {self.change_total(DECREASE)} 人次；"
                + (f"接近或超过班额的班级 {flagged} 个（其中超过标准班额 {over} 个）。" if flagged
                   else "各班人数均未接近标准班额。"))


# ── reading ───────────────────────────────────────────────────────────────────────────────────────
def reporting_term(cal: SchoolCalendar, day: dt.date) -> Term:
    """The term under way on ``day``; in the holidays, the term just ended (its changes are the news)."""
    term = cal.term_of(day)
    if day >= term.start:
        return term
    autumn, spring = cal.terms(term.school_year if term.name != AUTUMN else term.school_year - 1)
    return autumn if term.name != AUTUMN else spring


def school_numbers(ws, today: dt.date | None = None) -> SchoolNumbers:
    day = today or ws.today()
    school, profile, system = ws.school, ws.profile, ws.system
    on_roll = [s.value for s in ON_ROLL]
    columns = [getattr(Student, c) for c in _COLUMNS]
    groups = list(Student.select(*columns, fn.COUNT(Student.id).alias("n"))
                  .where(Student.status.in_(on_roll)).group_by(*columns).tuples())

    grade_of = {}
    classes = list(SchoolClass.in_use().order_by(SchoolClass.grade, SchoolClass.number))
    for k in classes:
        grade_of[k.id] = k.grade

    by_grade: dict[int, Counter] = defaultdict(Counter)
    by_class: dict[int | None, Counter] = defaultdict(Counter)
    dims: dict[str, Counter] = defaultdict(Counter)
    statuses: Counter = Counter()
    for row in groups:
        grade, class_id, status, *values, n = row
        value = dict(zip((d[0] for d in DIMENSIONS), values))
        for key, dflt in _DEFAULT_NO.items():
            value[key] = value[key] or dflt
        statuses[status] += n
        for key, _, _, table in DIMENSIONS:
            code = value[key] if value[key] in table.codes else ""
            dims[key][code] += n
        facts = {
            "pupils": n,
            "boys": n if value["sex"] == "1" else 0,
            "girls": n if value["sex"] == "2" else 0,
            "minority": n if value["ethnicity"] and value["ethnicity"] != "01" else 0,
            "left_behind": n if value["left_behind"] in ("1", "2") else 0,
            "migrant": n if value["migrant_child"] == "1" else 0,
            "inclusive": n if value["inclusive"] == "1" else 0,
            "disabled": n if value["disability_type"] else 0,
            "agricultural": n if value["hukou_nature"] == "1" else 0,
            "non_agricultural": n if value["hukou_nature"] == "2" else 0,
        }
        by_grade[grade].update(facts)
        by_class[class_id].update(facts)

    class_count = Counter(k.grade for k in classes)
    grades = sorted(set(grades_taught(ws.kind, system)) | set(by_grade) | set(class_count))
    grade_rows = tuple(_grade_row(g, grade_name(g), class_count[g], by_grade[g]) for g in grades)
    total = _grade_row(0, "合计", len(classes), sum((by_grade[g] for g in grades), Counter()))

    class_rows = [_class_row(profile, system, k.id, k.grade, k.name, k.capacity, by_class[k.id]) for k in classes]
    if by_class.get(None):  # pupils on roll without a class: a data problem the numbers should not hide
        class_rows.append(ClassRow(None, 0, NO_CLASS, by_class[None]["pupils"], by_class[None]["boys"],
                                   by_class[None]["girls"], 0, 0, 0, "", "", "ok"))

    breakdowns = tuple(_breakdown(key, title, table, dims[key]) for key, title, _, table in DIMENSIONS)
    status = Breakdown("status", "学籍状态", tuple(
        Count(s.value, s.label, statuses[s.value]) for s in Status if statuses.get(s.value)))

    cal = SchoolCalendar.from_profile(profile)
    term = reporting_term(cal, day)
    return SchoolNumbers(
        school_name=school.name, school_code=school.code, region=getattr(profile, "name", "") or profile.id,
        on_day=day, term=term, period_start=term.start, period_end=day,
        grades=grade_rows, total=total, classes=tuple(class_rows), breakdowns=breakdowns, status=status,
        changes=changes_between(term.start, day), open_cases=open_cases())


def _grade_row(grade: int, label: str, classes: int, c: Counter) -> GradeRow:
    return GradeRow(grade, label, classes, c["pupils"], c["boys"], c["girls"], c["minority"], c["left_behind"],
                    c["migrant"], c["inclusive"], c["disabled"], c["agricultural"], c["non_agricultural"])


def _class_row(profile, system, class_id, grade, name, capacity, c: Counter) -> ClassRow:
    standard, maximum, std_article, max_article = class_limit(profile, grade, system)
    return ClassRow(class_id, grade, name, c["pupils"], c["boys"], c["girls"], capacity or 0, standard, maximum,
                    std_article, max_article, class_level(c["pupils"], capacity or 0, standard, maximum))


def class_level(n: int, capacity: int, standard: int, maximum: int) -> str:
    """Where a class of ``n`` pupils stands against the region's sizes and the school's plan."""
    if n > maximum:
        return "over_max"
    if n == maximum and maximum > 0:
        return "at_max"
    if n > standard:
        return "over_standard"
    if n == standard and standard > 0:
        return "at_standard"
    if capacity and n > capacity:
        return "over_plan"
    if n and standard - n <= NEAR_PLACES:
        return "near"
    return "ok"


def _breakdown(key: str, title: str, table: codes.CodeTable, counts: Counter) -> Breakdown:
    if key == "disability_type":  # the pupils with no disability recorded are the rest, not 未填
        rows = [Count(code, label, counts[code]) for code, label in table.entries if counts.get(code)]
        rows.append(Count("", "无", counts.get("", 0)))
        return Breakdown(key, title, tuple(r for r in rows if r.count))
    rows = [Count(code, label, counts[code]) for code, label in table.entries if counts.get(code)]
    if key == "ethnicity":
        rows.sort(key=lambda r: -r.count)
    if counts.get(""):
        rows.append(Count("", UNFILLED, counts[""]))
    return Breakdown(key, title, tuple(rows))


# ── changes ──────────────────────────────────────────────────────────────────────────────────────
_ORDER = {INCREASE: 0, DECREASE: 1, OTHER: 2}


def _direction(before: str | None, after: str | None) -> str:
    """Into 在校 is an increase, out of it a decrease (教育统计 学生变动: 复学 增加, 休学 减少)."""
    enrolled = Status.ENROLLED.value
    if after == enrolled and before != enrolled:
        return INCREASE
    if before == enrolled and after != enrolled:
        return DECREASE
    return OTHER


def changes_between(start: dt.date, end: dt.date) -> tuple[ChangeRow, ...]:
    """The changes of 学籍 entered from ``start`` to ``end`` (inclusive), by kind: one grouped query."""
    day = fn.COALESCE(Event.entered_on, fn.date(Event.created_at))
    kinds = (EventKind.STUDENT_ENROLLED, EventKind.STUDENT_TRANSFERRED_IN, EventKind.STUDENT_TRANSFERRED_OUT,
             EventKind.STATUS_CHANGED, EventKind.STATUS_SEEDED)
    route, case_kind = fn.json_extract(Event.payload, "$.route"), fn.json_extract(Event.payload, "$.kind")
    before, after = fn.json_extract(Event.payload, "$.from"), fn.json_extract(Event.payload, "$.to")
    query = (Event.select(Event.kind, route, case_kind, before, after, fn.COUNT(Event.id))
             .where(Event.kind.in_([k.value for k in kinds]) & (day >= start) & (day <= end))
             .group_by(Event.kind, route, case_kind, before, after).tuples())
    counted: Counter = Counter()
    for kind, route_v, case_v, before_v, after_v, n in query:
        counted[_change_kind(kind, route_v, case_v, before_v, after_v)] += n
    rows = [ChangeRow(label, direction, n) for (label, direction), n in counted.items()]
    return tuple(sorted(rows, key=lambda r: (_ORDER[r.direction], -r.count, r.label)))


def _change_kind(kind: str, route: str | None, case_kind: str | None, before: str | None,
                 after: str | None) -> tuple[str, str]:
    if kind == EventKind.STUDENT_ENROLLED.value:
        return route or "新生注册", INCREASE
    if kind == EventKind.STUDENT_TRANSFERRED_IN.value:
        return "转入", INCREASE
    if kind == EventKind.STUDENT_TRANSFERRED_OUT.value:
        return "转出", DECREASE
    if kind == EventKind.STATUS_SEEDED.value:  # the demo school's statuses count as the change they stand for
        label = Status(after).label if after in Status._value2member_map_ else str(after)
        return label, _direction(before, after)
    try:
        label = CaseKind(case_kind).label
    except ValueError:
        label = EventKind.STATUS_CHANGED.label
    return label, _direction(before, after)


def open_cases() -> tuple[Count, ...]:
    """Applications under way, by kind (one grouped query)."""
    rows = (Case.select(Case.kind, fn.COUNT(Case.id)).where(Case.status == CaseStatus.OPEN.value)
            .group_by(Case.kind).tuples())
    out = []
    for kind, n in rows:
        try:
            label = CaseKind(kind).label
        except ValueError:
            label = kind
        out.append(Count(kind, label, n))
    return tuple(sorted(out, key=lambda c: (-c.count, c.label)))


# ── colours shared by the window's charts, the printed report and the workbook (hex RGB) ─────────────
BOYS, GIRLS = "#4E79A7", "#F28E2B"
LEVEL_COLOURS = {"ok": "#4E79A7", "near": "#EDC948", "over_plan": "#EDC948", "at_standard": "#F28E2B",
                 "over_standard": "#F28E2B", "at_max": "#E15759", "over_max": "#E15759"}
DIRECTION_COLOURS = {INCREASE: "#59A14F", DECREASE: "#E15759", OTHER: "#9C9C9C"}
STANDARD_LINE, MAXIMUM_LINE = "#F28E2B", "#E15759"


def short_class_name(name: str) -> str:
    """一年级(1)班 → 一(1), for a chart's axis."""
    return name.replace("年级", "").removesuffix("班")
