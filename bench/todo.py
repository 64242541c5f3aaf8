"""The to-do list (待办) on the 3,000-pupil school with a term of attendance: `core.overview.todo.todo_items`.

`python -m bench.todo DB [RUNS]`. First a term of attendance is written into the copy through the
attendance service (`attendance.save_absences`, one transaction per class): from the first day of the
term to the last school day before today, about 3 % of pupil-days absent (病假, 事假, 无故缺席 mixed),
plus long runs of 无故缺席 reaching the last school day for a dozen pupils (5 to 25 school days: some
near a dropout threshold, some past it). Then `todo_items(ws)` is timed: the first call in the process
after the imports (what start-up pays) and RUNS more; each source is timed too.
"""

from __future__ import annotations

import datetime as dt
import importlib
import random
import sys
import time
from collections import Counter, defaultdict

from .child import report
from .stats import summary

ABSENT_SHARE = 0.03
LONG_RUNS = (5, 6, 7, 8, 9, 12, 15, 18, 22, 25, 10, 20)  # school days of 无故缺席, ending on the last school day


def write_attendance(ws, rng: random.Random) -> dict:
    from xueji_desktop.core.dropout_control import attendance
    from xueji_desktop.core.dropout_control.attendance import Kind, SchoolDays
    from xueji_desktop.store.models import SchoolClass

    days = SchoolDays.for_workspace(ws)
    today = ws.today()
    term = days.terms.term_of(today)
    last = today - dt.timedelta(days=1)
    school_days = days.between(term.start, min(last, term.end))
    if not school_days:  # in the holidays: the term that has just ended
        term = days.terms.term_of(term.start - dt.timedelta(days=1))
        school_days = days.between(term.start, term.end)
    kinds = [Kind.SICK] * 5 + [Kind.PERSONAL] * 3 + [Kind.UNEXCUSED] * 2
    long_run_pupils = set()
    cells_total, written = 0, 0
    t0 = time.perf_counter()
    classes = list(SchoolClass.select().order_by(SchoolClass.grade, SchoolClass.number))
    pupils_by_class = {k.id: attendance.class_pupils(k) for k in classes}
    everyone = [p for ps in pupils_by_class.values() for p in ps]
    for p in rng.sample(everyone, len(LONG_RUNS)):
        long_run_pupils.add(p.id)
    runs = dict(zip(sorted(long_run_pupils), LONG_RUNS))
    for klass in classes:
        cells: dict = {}
        for pupil in pupils_by_class[klass.id]:
            for day in school_days:
                if rng.random() < ABSENT_SHARE:
                    cells[(pupil.id, day)] = rng.choice(kinds)
            if pupil.id in runs:
                for day in school_days[-runs[pupil.id]:]:
                    cells[(pupil.id, day)] = Kind.UNEXCUSED
                before = school_days[-runs[pupil.id] - 1] if len(school_days) > runs[pupil.id] else None
                if before is not None:
                    cells.pop((pupil.id, before), None)  # the run starts after a day present
        if cells:
            attendance.save_absences(ws, klass.id, cells, days)
            written += 1
            cells_total += len(cells)
    pupil_days = len(everyone) * len(school_days)
    return {"term": term.label, "school_days": len(school_days), "first": school_days[0].isoformat(),
            "last": school_days[-1].isoformat(), "pupils": len(everyone), "absences": cells_total,
            "pupil_days": pupil_days, "share": round(cells_total / pupil_days, 4) if pupil_days else 0,
            "classes": written, "long_runs": sorted(runs.values()), "write_s": round(time.perf_counter() - t0, 2)}


def main(argv: list[str]) -> None:
    from xueji_desktop.core.dates.workdays import WorkCalendar
    from xueji_desktop.core.demo_school.demo import DEMO_PASSWORD, DEMO_USER
    from xueji_desktop.core.overview import todo
    from xueji_desktop.core.school.workspace import Workspace

    db = argv[0]
    runs = int(argv[1]) if len(argv) > 1 else 20
    ws = Workspace(db)
    ws.login(DEMO_USER, DEMO_PASSWORD)
    data = write_attendance(ws, random.Random(2026))

    for name in ("dropout", "suspensions", "term_review"):  # imported at start-up by the window: not timed here
        try:
            importlib.import_module(f"xueji_desktop.core.{name}")
        except ImportError:
            pass

    t = time.perf_counter()
    items = todo.todo_items(ws)
    first = (time.perf_counter() - t) * 1000
    times = []
    for _ in range(runs):
        t = time.perf_counter()
        todo.todo_items(ws)
        times.append((time.perf_counter() - t) * 1000)
    per_source: dict[str, list[float]] = defaultdict(list)
    for _ in range(5):
        c = todo._Context(ws, ws.today(), WorkCalendar.from_store())
        for source in todo.SOURCES:
            t = time.perf_counter()
            source(c)
            per_source[source.__name__.lstrip("_")].append((time.perf_counter() - t) * 1000)
    report({"data": data, "first_ms": round(first, 1), "warm_ms": summary(times),
            "per_source_ms": {k: round(sorted(v)[len(v) // 2], 1) for k, v in per_source.items()},
            "items": len(items), "by_kind": dict(Counter(i.kind for i in items)),
            "overdue": todo.overdue_count(items)})


if __name__ == "__main__":
    main(sys.argv[1:])
