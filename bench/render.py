"""The 学生基本信息表: `print_student_info(ws, student, path)` for 30 pupils, to PDF files.

`python -m bench.render DB OUTDIR [N]`. The process starts as the app stands after start-up: the
bundled-font module (`core.forms.fonts`, imported by `gui.qt_setup.make_app`) is loaded but no
font is registered with reportlab. The first form is then the cold one — the lazy import of the
form modules (as MainWindow.print_student_info does) and registering and parsing the three font
files — and is reported apart from the other, warm, renders. Two of the pupils have rare name
characters (𠮷, 堃 …) that fall back to the HanaMin faces.
"""

from __future__ import annotations

import random
import sys
import time
from pathlib import Path

from .child import report
from .stats import summary


def pupils(n: int):
    from xueji_desktop.core.demo_school.demo_names import RARE_GIVEN
    from xueji_desktop.store.models import Student

    everyone = list(Student.select().order_by(Student.id))
    given = {g for g, _ in RARE_GIVEN}
    rare = sorted((s for s in everyone if any(s.name.endswith(g) and len(s.name) > len(g) for g in given)),
                  key=lambda s: ("𠮷" not in s.name, s.id))  # 𠮷 (Ext-B) needs the third font
    rare_ids = {s.id for s in rare}
    common = [s for s in everyone if s.id not in rare_ids]
    chosen = random.Random(11).sample(common, n - min(2, len(rare))) + rare[:2]
    return chosen


def main(argv: list[str]) -> None:
    db, out = argv[0], Path(argv[1])
    n = int(argv[2]) if len(argv) > 2 else 30
    import xueji_desktop.core.forms.fonts  # noqa: F401 — as make_app leaves it
    from xueji_desktop.core.school.workspace import Workspace

    out.mkdir(parents=True, exist_ok=True)
    ws = Workspace(db)
    from xueji_desktop.core.demo_school.demo import DEMO_PASSWORD, DEMO_USER

    ws.login(DEMO_USER, DEMO_PASSWORD)  # prints are logged (查询登记) under the account
    chosen = pupils(n)
    t0 = time.perf_counter()
    from xueji_desktop.core.forms.printing import print_student_info

    t_import = time.perf_counter()
    times, sizes = [], []
    for i, student in enumerate(chosen):
        path = out / f"{i:02d}.pdf"
        t = time.perf_counter()
        print_student_info(ws, student, path)
        times.append((time.perf_counter() - t) * 1000)
        sizes.append(path.stat().st_size)
    ws.close()
    report({
        "cold_ms": (t_import - t0) * 1000 + times[0], "cold_import_ms": (t_import - t0) * 1000,
        "cold_render_ms": times[0], "warm_ms": summary(times[1:]), "times_ms": times,
        "pdf_kb_median": sorted(sizes)[len(sizes) // 2] / 1024, "rare_names": [s.name for s in chosen[-2:]],
    })


if __name__ == "__main__":
    main(sys.argv[1:])
