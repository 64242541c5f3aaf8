"""Search as you type, in a real MainWindow (offscreen, 1366×768) on the 3,000-pupil school.

`python -m bench.search_typing DB` (QT_QPA_PLATFORM from bench.qtenv). The window is built as run_app
builds it (make_app, Workspace, autologin, MainWindow, showMaximized). About 40 queries are typed
one character at a time; a Chinese name is committed whole, as an IME does. For each keystroke:

* ``filter``: `search.setText(prefix)` returning. The window has no debounce: textChanged →
  RosterModel.update_filter → the visible list is recomputed inside a model reset →
  MainWindow._restore_selection, all synchronously in that call;
* ``visible``: until the pupil table's viewport has been repainted (event loop run until its next
  Paint event is handled). This includes Qt's own update-request pacing (QPlatformWindow::
  requestUpdate, a 5 ms timer) — what the registrar sees; the target is judged on it.

After each query the first row is selected (as ↓/Enter does) and the box cleared (as Esc does);
the clear is timed separately, not counted as a keystroke. Keystrokes are split by whether the
record pane was re-filled (the selected pupil still in the list). Last, `RosterModel.reload()`
(what any change to pupils triggers through the hub) is timed through the repaint.
"""

from __future__ import annotations

import random
import sys
import time

from .child import report
from .stats import summary

FIXED = ["zs", "wxm", "zhangxiaoming", "230124", "G2301"]


def queries(rows) -> list[tuple[str, list[str]]]:
    """(kind, successive texts of the search box) for each query, drawn from the school's pupils."""
    from xueji_desktop.store.models import Student

    rng = random.Random(2026)
    pupils = rng.sample(list(Student.select(Student.name, Student.name_pinyin, Student.id_number,
                                            Student.student_number).where(~Student.name.contains("·"))), 40)
    pick = iter(pupils)

    def typed(text):
        return [text[:i] for i in range(1, len(text) + 1)]

    def initials(p):
        return "".join(w[0] for w in _syllables(p.name)).lower()

    out = [("the issue's examples", typed(q)) for q in FIXED]
    out += [("initials", typed(initials(next(pick)))) for _ in range(8)]
    out += [("full pinyin", typed(next(pick).name_pinyin.replace(" ", "").lower())) for _ in range(7)]
    out += [("Chinese name", [next(pick).name]) for _ in range(7)]
    out += [("Chinese surname", [s]) for s in ("王", "张", "曾")]
    out += [("ID number", typed(next(pick).id_number[:n])) for n in (18, 14, 12, 10)]
    out += [("学籍号", typed(next(pick).student_number[:n])) for n in (19, 15, 13, 11)]
    out += [("no match", typed(q)) for q in ("zzzq", "9999")]
    return out


def _syllables(name: str) -> list[str]:
    from pypinyin import lazy_pinyin

    return lazy_pinyin(name)


def main(argv: list[str]) -> None:
    db = argv[0]
    from xueji_desktop.core.school.workspace import Workspace
    from xueji_desktop.gui.app import autologin
    from xueji_desktop.gui.main_window import MainWindow
    from xueji_desktop.gui.qt_setup import make_app

    from .paint_loop import PaintLoop, PaintSpy

    app = make_app([sys.argv[0]])  # noqa: F841 — the application must live while the window does
    ws = Workspace(db)
    if not autologin(ws):
        raise SystemExit("XUEJI_AUTOLOGIN sign-in failed")
    window = MainWindow(ws)
    window.showMaximized()
    if hasattr(window, "show_pupils"):  # 待办 is shown at start-up; the registrar switches to 学生名单
        window.show_pupils()

    painted = []
    spy = PaintSpy(painted, window)
    window.table.viewport().installEventFilter(spy)
    waiter = PaintLoop(painted)
    until_painted = waiter.until_painted
    settle = waiter.settle

    loads = []  # record-pane fills: a keystroke that keeps the selected pupil in the list re-fills it
    real_show_student = window.detail.show_student

    def show_student(student_id):
        if student_id is not None:
            loads.append(student_id)
        return real_show_student(student_id)

    window.detail.show_student = show_student
    settle(0.5)
    assert window.model.visible_count == window.model.total_count
    plan = queries(window.model.all_rows())
    filt, visible, clears, per_kind, timeouts, hits = [], [], [], {}, 0, []
    with_record, without_record = [], []
    for kind, texts in plan:
        for text in texts:
            painted.clear()
            loads.clear()
            t0 = time.perf_counter()
            window.search.setText(text)
            t1 = time.perf_counter()
            ok = until_painted()
            t2 = time.perf_counter()
            timeouts += not ok
            filt.append((t1 - t0) * 1000)
            visible.append((t2 - t0) * 1000)
            per_kind.setdefault(kind, []).append((t2 - t0) * 1000)
            (with_record if loads else without_record).append((t2 - t0) * 1000)
        hits.append((kind, texts[-1], window.model.visible_count))
        window.focus_table()  # ↓: the first pupil found is selected and shown
        settle(0.05)
        painted.clear()
        t0 = time.perf_counter()
        window.search.clear()  # Esc
        until_painted()
        clears.append((time.perf_counter() - t0) * 1000)
        settle(0.02)
    window.search.clear()
    settle(0.1)
    reloads = []
    for _ in range(5):  # what every view pays after any change to pupils (hub → RosterModel.reload)
        painted.clear()
        t0 = time.perf_counter()
        window.model.reload()
        until_painted()
        reloads.append((time.perf_counter() - t0) * 1000)
    slowest = sorted(zip(visible, [t for _, ts in plan for t in ts]), reverse=True)[:5]
    report({
        "queries": len(plan), "keystrokes": len(visible), "paint_timeouts": timeouts,
        "filter_ms": summary(filt), "visible_ms": summary(visible), "clear_ms": summary(clears),
        "with_record_refill_ms": summary(with_record), "without_record_refill_ms": summary(without_record),
        "reload_ms": summary(reloads),
        "per_kind_p95_ms": {k: summary(v)["p95"] for k, v in per_kind.items()},
        "slowest": [[round(ms, 1), text] for ms, text in slowest],
        "final_hits": hits, "pupils": window.model.total_count,
        "window_size": [window.width(), window.height()],
    })
    window.close()
    ws.close()


if __name__ == "__main__":
    main(sys.argv[1:])
