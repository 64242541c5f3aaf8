"""The year end (学年结转) of a 3,000-pupil school: `turn_year` — the backup it takes first, then every pupil
promoted or graduated in one transaction with an event each — timed in its own process, with the process's
peak memory (VmHWM, as bench/national_import.py reads it).

The school is the cached demo school (bench/dataset.py, 3,000 pupils on the 黑龙江 profile, built through the
services), copied fresh for the run; "today" is 2027-07-20, after the graduating grade's business closed.
`python -m bench.year_end DB` prints the result line.
"""

from __future__ import annotations

import datetime as dt
import sys
import time
from pathlib import Path

from .child import report
from .national_import import _status_kb

TODAY = dt.datetime(2027, 7, 20, 10, 0)


def main(argv: list[str]) -> None:
    db = Path(argv[0])
    from xueji_desktop.core.demo_school.demo import DEMO_PASSWORD, DEMO_USER
    from xueji_desktop.core.school.workspace import Workspace
    from xueji_desktop.core.school_year.year_end import plan
    from xueji_desktop.core.school_year.year_end_run import turn_year

    ws = Workspace(db, clock=lambda: TODAY)
    ws.login(DEMO_USER, DEMO_PASSWORD)
    rss_ready = _status_kb("VmRSS") / 1024
    t = time.perf_counter()
    p = plan(ws)
    plan_s = time.perf_counter() - t
    reasons = {f.rule: "复核表已纸质完成" for f in p.warnings}
    t = time.perf_counter()
    result = turn_year(ws, reasons=reasons)
    run_s = time.perf_counter() - t
    backup_mb = Path(result.backup_file).stat().st_size / 2**20
    ws.close()
    report({"plan_s": plan_s, "run_s": run_s, "promoted": result.promoted, "graduated": result.graduated,
            "backup_mb": backup_mb, "rss_ready_mb": rss_ready, "peak_mb": _status_kb("VmHWM") / 1024})


def section(db, work: Path, args, targets: dict, log) -> tuple[list, list[str]]:
    from . import child, dataset
    from .report import Row

    log("year end: promotion and graduation of the demo school …")
    r = child.run("year_end", str(dataset.working_copy(db, work, "year-end")))
    total = r["plan_s"] + r["run_s"]
    rows = [Row(f"Year end: {r['promoted']:,} promoted, {r['graduated']:,} graduated (preview + run with its backup)",
                f"< {targets['year_end_s']:.0f} s", f"{total:.2f} s (preview {r['plan_s']:.2f} s, run {r['run_s']:.2f} s)",
                total < targets["year_end_s"]),
            Row("Year end: peak memory of the process", f"< {targets['year_end_peak_mb']:.0f} MB",
                f"{r['peak_mb']:.0f} MB (after start-up {r['rss_ready_mb']:.0f} MB)",
                r["peak_mb"] < targets["year_end_peak_mb"])]
    return rows, ["### Year end (学年结转)", "",
                  f"- bench/year_end.py: the demo school ({dataset.PUPILS:,} pupils), today {TODAY:%Y-%m-%d}; "
                  "`plan(ws)` then `turn_year(ws, reasons=…)`, which takes the real backup first "
                  f"({r['backup_mb']:.1f} MB) and writes every pupil's event in one transaction. Peak memory is "
                  "the child process's VmHWM.", ""]


if __name__ == "__main__":
    main(sys.argv[1:])
