"""The Excel import from the national student system (全国学籍系统): a 3,000-row export checked, its rejects
written, its accepted rows imported into a fresh school database; the process's peak memory.

The file: the pupils on the roll of the demo school (`build_demo`, built once and cached by
bench/dataset.py, with more pupils than the measure needs), each as the national system exports it —
学籍号 in front of the import template's columns, every value a text cell, as `national_row` gives it
from the pupil and its family. 3 % of the rows are then broken the ways a real export or a registrar's
hand breaks them (an ID number that Excel turned into 2.10811E+17, a mistyped check digit, an ethnic
group outside the code table, an impossible birth date, the same pupil twice, a class number Excel read
as a date, a guardian's name missing), and a few phone numbers are number cells (a warning, not a
rejection). The sheet states its used range (<dimension>), as a sheet Excel saves does; openpyxl's
write-only mode leaves it out, and openpyxl's read-only reader then parses the whole sheet once more to
size it (about 1 s more for this file). `python -m bench.national_import make DB OUT.xlsx` writes it.

`python -m bench.national_import run FILE WORKDIR` is the measured process: a fresh nine-year school on
the national profile, set up through the services and signed in; then `check_file`, `write_rejects` and
`import_pupils` timed. Its peak memory is the kernel's high-water mark of its resident set, VmHWM in
/proc/self/status, read in the process at its end: everything the registrar's machine must hold —
interpreter, the program's modules, the workbook being read, the plan, SQLite's cache — with no overhead on
the timings (tracemalloc would slow them down several times and count Python's objects only). Not
`getrusage(…).ru_maxrss`: Linux carries into it, across fork and exec, the resident set of the parent at the
fork (`python -m bench` holds about 1.5 GB after the exchange section), and RUSAGE_CHILDREN is the largest
of all children. The resident set after the imports and the school's set-up, before the file is opened
(VmRSS), is reported beside it.

`python -m bench.national_import garbage WORKDIR` times `write_rejects` for 10,000 rows of garbage (every
row rejected, about 20 problems each), the case that took 9.5 s through openpyxl's cell writer.
"""

from __future__ import annotations

import datetime as dt
import random
import sys
import time
from pathlib import Path

from .child import report

ROWS = 3000
BROKEN_SHARE = 0.03
SOURCE_PUPILS = 3100  # the demo school the rows come from: more than ROWS on the roll
TODAY = dt.datetime(2026, 10, 12, 9, 0)
SCHOOL_CODE = "2308110001"
PASSWORD = "bench-pass-1"
SEED = 20261012
GARBAGE_ROWS = 10_000


def _status_kb(key: str) -> int:
    """VmRSS (resident now) or VmHWM (the peak since the process started its program) in KiB."""
    with open("/proc/self/status", encoding="ascii") as f:
        for line in f:
            if line.startswith(key + ":"):
                return int(line.split()[1])
    raise RuntimeError(f"no {key} in /proc/self/status")


def _break(row: dict, kind: int, twin: dict) -> str:
    """Breaks one row; returns what was done."""
    if kind == 0:
        row["身份证号"] = float(row["身份证号"].replace("X", "0"))  # a number cell: 2.10811E+17
        return "ID number as a number cell"
    if kind == 1:
        last = row["身份证号"][-1]
        row["身份证号"] = row["身份证号"][:-1] + ("1" if last != "1" else "2")
        row["学籍号"] = "G" + row["身份证号"]
        return "check digit mistyped"
    if kind == 2:
        row["民族"] = "穿青人"
        return "ethnic group outside the code table"
    if kind == 3:
        row["出生日期"] = row["出生日期"][:4] + "0231"
        return "impossible birth date"
    if kind == 4:
        for column in ("姓名", "性别", "出生日期", "身份证号", "学籍号"):
            row[column] = twin[column]
        return "the same pupil twice"
    if kind == 5:
        row["班级号"] = dt.datetime(2026, 1, int(row["班级号"] or 1))  # "1-2" typed into a General cell
        return "class number read as a date"
    row["成员1姓名"] = ""
    return "guardian's name missing"


def make(db: str, out: str) -> None:
    import openpyxl

    from xueji_desktop.core.national.national_row import NATIONAL_COLUMNS, national_row
    from xueji_desktop.core.pupils.status import ON_ROLL
    from xueji_desktop.core.school.workspace import Workspace
    from xueji_desktop.store.models import Student

    header = ["学籍号", *NATIONAL_COLUMNS]
    ws = Workspace(db, clock=lambda: TODAY)
    pupils = list(Student.select().where(Student.status.in_([s.value for s in ON_ROLL])
                                         & Student.school_class.is_null(False))
                  .order_by(Student.grade, Student.school_class, Student.id))
    if len(pupils) < ROWS:
        raise SystemExit(f"the demo school has {len(pupils)} pupils on the roll, fewer than {ROWS}")
    rows = []
    for s in pupils[:ROWS]:
        row = national_row(s, ws.school)
        row["学籍号"] = s.student_number
        rows.append(row)
    ws.close()
    rng = random.Random(SEED)
    broken = sorted(rng.sample(range(ROWS), round(ROWS * BROKEN_SHARE)))
    done: dict[str, int] = {}
    for n, i in enumerate(broken):
        what = _break(rows[i], n % 7, rows[broken[n - 1]] if n else rows[0])
        done[what] = done.get(what, 0) + 1
    phones = 0
    for i in rng.sample(range(ROWS), 30):
        if i not in broken and rows[i]["联系电话"].isdigit():
            rows[i]["联系电话"] = int(rows[i]["联系电话"])
            phones += 1
    book = openpyxl.Workbook()  # not write-only: the sheet states its used range (<dimension>), as Excel's do
    sheet = book.active
    sheet.title = "学生信息"
    sheet.append(header)
    for row in rows:
        sheet.append([row.get(c) if row.get(c) not in ("", None) else None for c in header])
    book.save(out)
    report({"rows": len(rows), "columns": len(header), "broken": done, "phone_numbers": phones,
            "source_pupils": len(pupils), "kb": Path(out).stat().st_size / 1024})


def _school(folder: Path):
    from .school_activity import new_school

    folder.mkdir(parents=True, exist_ok=True)
    db = folder / "import-school.sqlite3"
    for p in folder.glob(db.name + "*"):
        p.unlink()
    ws = new_school(db, code=SCHOOL_CODE, name="测试县第二中心学校", today=TODAY.date(), password=PASSWORD,
                    classes_per_grade=2)
    ws.login("registrar", PASSWORD)
    return ws


def run(file: str, work: str) -> None:
    from xueji_desktop.core.national import excel_import as ei
    from xueji_desktop.store.models import Student

    ws = _school(Path(work))
    rss_ready = _status_kb("VmRSS")
    t = time.perf_counter()
    plan = ei.check_file(ws, file)
    check_s = time.perf_counter() - t
    t = time.perf_counter()
    rejects = ei.write_rejects(plan, Path(work) / "未导入.xlsx")
    rejects_s = time.perf_counter() - t
    progress_calls = []
    t = time.perf_counter()
    result = ei.import_pupils(ws, plan, lambda done, total: progress_calls.append(done) and None)
    import_s = time.perf_counter() - t
    pupils = Student.select().count()
    ws.close()
    report({"rows": len(plan.rows), "accepted": result.added, "rejected": len(plan.rejected), "rejects": rejects,
            "warnings": sum(1 for p in plan.problems if p.severity == ei.WARN), "pupils": pupils,
            "classes_created": len(result.classes_created), "check_s": check_s, "rejects_s": rejects_s,
            "import_s": import_s, "progress_calls": len(progress_calls), "rss_ready_mb": rss_ready / 1024,
            "peak_mb": _status_kb("VmHWM") / 1024})


def garbage(work: str) -> None:
    import openpyxl

    from xueji_desktop.core.national import excel_import as ei
    from xueji_desktop.core.national.national_row import NATIONAL_COLUMNS

    ws = _school(Path(work))
    file = Path(work) / "garbage.xlsx"
    book = openpyxl.Workbook(write_only=True)
    sheet = book.create_sheet("学生")
    sheet.append(["学籍号", *NATIONAL_COLUMNS])
    for i in range(GARBAGE_ROWS):
        sheet.append([f"垃圾{i}", "x", 1.5, "?"] + [None] * 10 + ["#"])
    book.save(file)
    t = time.perf_counter()
    plan = ei.check_file(ws, file)
    check_s = time.perf_counter() - t
    t = time.perf_counter()
    rejects = ei.write_rejects(plan, Path(work) / "垃圾-未导入.xlsx")
    rejects_s = time.perf_counter() - t
    ws.close()
    report({"rows": len(plan.rows), "rejects": rejects, "problems": len(plan.problems), "check_s": check_s,
            "rejects_s": rejects_s})


def section(db, work: Path, args, targets: dict, log) -> tuple[list, list[str]]:
    """What `python -m bench` runs: the file made from a cached demo school, then one measured process for
    the 3,000 rows and one for the garbage file."""
    from . import child, dataset
    from .report import Row

    source = dataset.demo_db(SOURCE_PUPILS, log=log)
    folder = work / "national"
    folder.mkdir(parents=True, exist_ok=True)
    file = folder / "学生信息-导出.xlsx"
    log(f"national import: a {ROWS:,}-row export made from the demo school …")
    made = child.run("national_import", "make", str(dataset.working_copy(source, folder, "source")), str(file))
    log("national import: check_file, write_rejects, import_pupils in a fresh school …")
    r = child.run("national_import", "run", str(file), str(folder / "run"))
    log(f"national import: write_rejects for {GARBAGE_ROWS:,} garbage rows …")
    g = child.run("national_import", "garbage", str(folder / "garbage"))
    rows = [Row(f"National import: {r['rows']:,}-row export checked (`check_file`, nothing written)",
                f"< {targets['national_check_s']:.0f} s", f"{r['check_s']:.2f} s ({r['accepted']:,} accepted, "
                f"{r['rejected']} rejected)", r["check_s"] < targets["national_check_s"]),
            Row(f"↳ its rejects workbook, {r['rejects']} rows (`write_rejects`)", "—", f"{r['rejects_s']:.2f} s", None),
            Row(f"National import: {r['accepted']:,} pupils imported into a fresh school (`import_pupils`, "
                "one transaction)", f"< {targets['national_import_s']:.0f} s", f"{r['import_s']:.2f} s",
                r["import_s"] < targets["national_import_s"] and r["pupils"] == r["accepted"]),
            Row("National import: peak memory of the process (check, rejects, import)",
                f"< {targets['national_peak_mb']:.0f} MB", f"{r['peak_mb']:.0f} MB (after start-up "
                f"{r['rss_ready_mb']:.0f} MB)", r["peak_mb"] < targets["national_peak_mb"]),
            Row(f"↳ rejects workbook of a {g['rows']:,}-row garbage file (`write_rejects`; 9.5 s before)", "—",
                f"{g['rejects_s']:.2f} s (`check_file` {g['check_s']:.1f} s)", None)]
    broken = ", ".join(f"{what} ×{n}" for what, n in made["broken"].items())
    return rows, [
        "### National import (全国学籍系统 Excel)", "",
        (f"- bench/national_import.py: {made['rows']:,} rows × {made['columns']} columns ({made['kb']:.0f} KB) made "
        f"from the pupils on the roll of a {SOURCE_PUPILS:,}-pupil demo school ({made['source_pupils']:,} on the "
        "roll), as the national system exports them (学籍号 + the template's columns, text cells, "
        f"`national_row`; the sheet's used range stated, as Excel writes it); broken: {broken}; {made['phone_numbers']} phone numbers as number cells (warnings)."),
        (f"- One process: a fresh nine-year school (national profile, 2 classes a grade) set up and signed in, then "
        f"`check_file` {r['check_s']:.2f} s → {r['accepted']:,} accepted, {r['rejected']} rejected, "
        f"{r['warnings']} warnings; `write_rejects` {r['rejects_s']:.2f} s; `import_pupils` {r['import_s']:.2f} s "
        f"(with a progress callback, called {r['progress_calls']} times; {r['classes_created']} classes created, "
        f"{r['pupils']:,} pupils in the database after)."),
        (f"- Peak memory: the process's VmHWM (/proc/self/status) at its end, the high-water mark of its "
         "resident set since it started (interpreter, modules, the workbook read, the plan, SQLite), without "
         "tracemalloc so the timings are not slowed; not `ru_maxrss`, which Linux carries over from the parent "
         f"at the fork (the bench's parent holds about 1.5 GB by then). {r['rss_ready_mb']:.0f} MB resident "
         "before the file was opened."),
        (f"- Garbage: {g['rows']:,} rows of nonsense under the export's header, {g['problems']:,} problems; "
        f"`write_rejects` {g['rejects_s']:.2f} s (about 9.5 s through openpyxl's per-cell writer before the rows "
        "were streamed as inline strings)."), ""]


if __name__ == "__main__":
    command, *args = sys.argv[1:]
    {"make": make, "run": run, "garbage": garbage}[command](*args)
