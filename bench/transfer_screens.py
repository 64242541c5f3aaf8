"""Transfers on the 3,000-pupil school: opening the transfer wizard (转入 and 转出) until it is shown
and painted, and printing a transfer form for an open case (warm, fonts already loaded).

`python -m bench.transfer_screens DB OUTDIR`. Each measure is repeated; the first opening of each
wizard (imports, region lists) is reported apart.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

from .child import report
from .stats import summary


def main(argv: list[str]) -> None:
    db, out = argv[0], Path(argv[1])
    out.mkdir(parents=True, exist_ok=True)
    from xueji_desktop.core.school.workspace import Workspace
    from xueji_desktop.gui.qt_setup import make_app

    app = make_app([])
    ws = Workspace(db)
    from xueji_desktop.core.demo_school.demo import DEMO_PASSWORD, DEMO_USER
    from xueji_desktop.store.models import Case, Student

    ws.login(DEMO_USER, DEMO_PASSWORD)
    from xueji_desktop.core.forms.fonts import register_fonts

    register_fonts()  # the form printing below is measured warm: the fonts are read once, at the first form
    from xueji_desktop.gui.preloading import load_dialogs

    load_dialogs()  # as the window's thread does a few seconds after its first paint (gui.preloading)
    pupil = Student.select().where(Student.status == "enrolled").order_by(Student.id).first()

    def open_wizard(direction: str) -> float:
        t = time.perf_counter()
        from xueji_desktop.gui.transfer_wizard import TransferWizard

        wizard = TransferWizard(ws, direction, student_id=pupil.id if direction == "out" else None)
        wizard.show()
        app.processEvents()
        wizard.repaint()
        elapsed = (time.perf_counter() - t) * 1000
        wizard.close()
        wizard.deleteLater()
        app.processEvents()
        return elapsed

    results = {}
    for direction in ("in", "out"):
        first = open_wizard(direction)
        results[direction] = {"first_ms": first, "warm": summary([open_wizard(direction) for _ in range(10)])}
    case = Case.select().where(Case.status == "open").order_by(Case.id).first()
    form_id = ws.profile.value("forms.transfer")[0]["id"]
    from xueji_desktop.core.forms.printing import print_case_form

    times = []
    for i in range(15):
        t = time.perf_counter()
        print_case_form(ws, form_id, [case], out / f"case-{i:02d}.pdf")
        times.append((time.perf_counter() - t) * 1000)
    ws.close()
    report({"wizard": results, "form": summary(times), "form_id": form_id, "case": case.number})


if __name__ == "__main__":
    main(sys.argv[1:])
