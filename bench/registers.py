"""The registers of a 2,500-pupil school: 在校生分班名册 (kind "classes") and the 新生花名册 (kind "new-pupils",
长治's 一年级、七年级新生录取花名册), each printed to PDF and to Excel by `registers_print.print_register`.

The school is the demo school on the 长治 profile (built once through the services by `build_demo` and
cached in bench/.cache/), sized so that at least 2,500 pupils are on the roll; "today" is 2026-12-15, in
the first term, whose new pupils entered in September. `python -m bench.registers DB OUTDIR KIND SUFFIX
[RUNS]` prints each run in its own process: the process starts as the app stands after start-up (the
bundled-font module loaded, no font registered with reportlab), so the first print is the cold one (the
lazy import of the form modules, the font files registered and parsed), the others warm.
"""

from __future__ import annotations

import datetime as dt
import sys
import time
from pathlib import Path

from .child import report
from .dataset import demo_db

PROFILE = "changzhi"
PUPILS = 2550  # on the roll afterwards: a little over 2,500 (some left or graduated in the history)
TODAY = dt.datetime(2026, 12, 15, 9, 0)
KINDS = {"classes": "在校生分班名册", "new-pupils": "新生花名册"}


def roster_db(rebuild: bool = False, log=print) -> Path:
    """The cached 长治 demo school (bench/dataset.py)."""
    return demo_db(PUPILS, rebuild=rebuild, log=log, profile=PROFILE)


def main(argv: list[str]) -> None:
    db, out, kind, suffix = argv[0], Path(argv[1]), argv[2], argv[3]
    runs = int(argv[4]) if len(argv) > 4 else 3
    import xueji_desktop.core.forms.fonts  # noqa: F401 — as make_app leaves it
    from xueji_desktop.core.school.workspace import Workspace

    out.mkdir(parents=True, exist_ok=True)
    ws = Workspace(db, clock=lambda: TODAY)
    from xueji_desktop.core.demo_school.demo import DEMO_PASSWORD, DEMO_USER

    ws.login(DEMO_USER, DEMO_PASSWORD)  # prints are logged (查询登记) under the account
    t0 = time.perf_counter()
    from xueji_desktop.core.forms.registers_print import build_register, print_register

    import_ms = (time.perf_counter() - t0) * 1000
    times, sizes = [], []
    for i in range(runs):
        path = out / f"{kind}-{i}{suffix}"
        t = time.perf_counter()
        print_register(ws, kind, path, purpose="上级检查/统计报送")
        times.append((time.perf_counter() - t) * 1000)
        sizes.append(path.stat().st_size)
    reg = build_register(ws, kind)
    rows = sum(len(s.rows) for s in reg.sections)
    pages = None
    if suffix == ".pdf":
        from pypdf import PdfReader

        pages = len(PdfReader(out / f"{kind}-0{suffix}").pages)
    ws.close()
    report({"kind": kind, "suffix": suffix, "title": reg.title, "rows": rows, "sections": len(reg.sections),
            "pages": pages, "import_ms": import_ms, "times_ms": times, "kb": sizes[0] / 1024})


def section(db, work: Path, args, targets: dict, log) -> tuple[list, list[str]]:
    """What `python -m bench` runs: each register to PDF and to Excel, each in its own process."""
    from . import child, dataset
    from .report import Row

    source = roster_db(log=log)
    rows, lines = [], []
    for kind, label in KINDS.items():
        for suffix in (".pdf", ".xlsx"):
            log(f"registers: {label} to {suffix} …")
            r = child.run("registers", str(dataset.working_copy(source, work, f"roster-{kind}")),
                          str(work / "registers"), kind, suffix, "3")
            first, warm = r["times_ms"][0] / 1000, sorted(r["times_ms"][1:])
            median = warm[len(warm) // 2] / 1000
            pages = f", {r['pages']} pages" if r["pages"] else f", {r['sections']} sheets"
            rows.append(Row(f"{r['title']} ({label}), {r['rows']:,} rows, to {suffix[1:].upper()} (first / warm)",
                            f"< {targets['roster_s']:.0f} s", f"first {first:.2f} s / warm {median:.2f} s",
                            max(first, median) < targets["roster_s"]))
            lines.append(f"- {r['title']} → {suffix}: {r['rows']:,} rows in {r['sections']} sections{pages}, "
                         f"{r['kb']:.0f} KB; runs {', '.join(f'{t / 1000:.2f}' for t in r['times_ms'])} s "
                         f"(the first includes importing the form modules, {r['import_ms']:.0f} ms, and "
                         "registering the fonts).")
    return rows, ["### Registers (在校生分班名册, 新生花名册)", "",
                  (f"- bench/registers.py: the demo school on the {PROFILE} profile, {PUPILS:,} pupils built "
                  f"through the services, today {TODAY:%Y-%m-%d}; `print_register(ws, kind, path)`, 3 runs in one "
                  "process per register and format, started as the app stands after start-up (no font "
                  "registered yet). Judged on the slower of the first run and the warm median."), *lines, ""]


if __name__ == "__main__":
    main(sys.argv[1:])
