"""Cold-start child: `xueji --db DB run` exactly, plus timestamps; prints one "READY {json}" line.

Started by bench.coldstart with QT_QPA_PLATFORM=offscreen and XUEJI_AUTOLOGIN set. It runs the
real entry point (`xueji_desktop.cli.main` → `cmd_run` → `gui.app.run_app`), with thin wrappers
around `make_app`, `sign_in` and `MainWindow.__init__`/`showMaximized` that only note the time.
Ready is the first `QTimer.singleShot(0, …)` turn after the pupil table's first paint event (a
zero timer posted right after show() fires *before* Qt paints — Qt 6 paints on a later update
request — so that moment is noted as `first_idle_after_show` but not taken as ready).

Not timed here: anything before this module's first line (the parent measures from Popen).
Memory: the READY line carries the process's VmHWM then; after XUEJI_BENCH_SETTLE_S seconds more of
event loop (what the program puts off until after the first paint) it quits and prints "PEAK <kB>".
"""

import time

T0 = time.perf_counter()

import json  # noqa: E402
import os  # noqa: E402
import sys  # noqa: E402

from bench._process_stats import cpu_ms, vm_hwm_kb  # noqa: E402

marks: dict[str, float] = {}
SETTLE_S = float(os.environ.get("XUEJI_BENCH_SETTLE_S", "0"))  # idle after ready, then quit
UNTIL = os.environ.get("XUEJI_BENCH_UNTIL", "window")  # "signin": to the sign-in dialog's first paint


def mark(name: str) -> None:
    marks.setdefault(name, round((time.perf_counter() - T0) * 1000, 1))


def patch_login_dialog() -> None:
    """XUEJI_BENCH_UNTIL=signin (no XUEJI_AUTOLOGIN): ready is the idle turn after the sign-in dialog's first
    paint — what a user sees first; the dialog is then cancelled and the program ends."""
    from PySide6.QtCore import QEvent, QObject, QTimer

    from xueji_desktop.gui import login_dialog

    real_exec = login_dialog.LoginDialog.exec

    def ready(dialog) -> None:
        mark("ready")
        info = {"marks": marks, "rows": 0, "painted": True, "how": "idle after the sign-in dialog's first paint",
                "size": [dialog.width(), dialog.height()], "hwm_kb": vm_hwm_kb(), "cpu_ms": cpu_ms()}
        print("READY " + json.dumps(info), flush=True)
        dialog.reject()

    class PaintSpy(QObject):
        def eventFilter(self, obj, event):
            if event.type() == QEvent.Type.Paint and "first_paint" not in marks:
                mark("first_paint")
                QTimer.singleShot(0, lambda: ready(self.parent()))
            return False

    def exec_(self):
        mark("dialog_built")
        self._bench_spy = PaintSpy(self)
        self.installEventFilter(self._bench_spy)
        return real_exec(self)

    login_dialog.LoginDialog.exec = exec_


def main() -> int:
    db = sys.argv[1]
    from xueji_desktop import cli
    from xueji_desktop.gui import app as app_module

    mark("cli_imported")
    real_make_app, real_sign_in = app_module.make_app, app_module.sign_in

    def make_app(argv):
        mark("make_app_start")
        app = real_make_app(argv)
        mark("make_app_done")
        return app

    def sign_in(ws):
        mark("workspace_open")
        ok = real_sign_in(ws)
        mark("signed_in")
        if not ok and UNTIL != "signin":  # in that mode the dialog was cancelled once painted
            print("FAILED sign-in (XUEJI_AUTOLOGIN)", flush=True)
        else:
            patch_window()  # run_app imports main_window after the sign-in: the same order here
        return ok

    app_module.make_app, app_module.sign_in = make_app, sign_in
    if UNTIL == "signin":
        patch_login_dialog()

    def patch_window() -> None:
        """Thin timing wrappers on MainWindow, put in right after the sign-in, before run_app imports it."""
        t = time.perf_counter()
        from PySide6.QtCore import QEvent, QObject, QTimer
        from PySide6.QtWidgets import QApplication

        from xueji_desktop.gui import main_window

        marks["main_window_import_ms"] = round((time.perf_counter() - t) * 1000, 1)
        mark("main_window_imported")
        cls = main_window.MainWindow
        real_init, real_show = cls.__init__, cls.showMaximized
        painted: list[bool] = []
        done: list[bool] = []

        def ready(window, how: str):
            if done:
                return
            done.append(True)
            mark("ready")
            table = start_table(window)  # rows on screen; the pupil count is read after the settle
            info = {"marks": marks, "rows": table.model().rowCount(), "painted": bool(painted), "how": how,
                    "size": [window.width(), window.height()], "hwm_kb": vm_hwm_kb(), "cpu_ms": cpu_ms()}
            print("READY " + json.dumps(info), flush=True)

            def settled():
                print(f"PUPILS {window.model.total_count}", flush=True)
                QApplication.instance().quit()

            QTimer.singleShot(int(SETTLE_S * 1000), settled)

        class PaintSpy(QObject):  # on the table's viewport only: no per-event Python cost elsewhere
            def eventFilter(self, obj, event):
                if not painted and event.type() == QEvent.Type.Paint:
                    painted.append(True)
                    mark("first_paint")
                    window = self.parent()
                    QTimer.singleShot(0, lambda: ready(window, "idle after the start-up table's first paint"))
                return False

        def init(self, ws, parent=None):
            mark("window_init_start")
            real_init(self, ws, parent)
            mark("window_built")

        def start_table(window):
            # the table of the view shown at start-up: the 待办 list (the pupil list before it existed)
            shown = getattr(window, "todo_panel", None)
            return shown.table if shown is not None else window.table

        def show(self):
            self._bench_spy = PaintSpy(self)
            start_table(self).viewport().installEventFilter(self._bench_spy)
            real_show(self)
            mark("shown")
            QTimer.singleShot(0, lambda: mark("first_idle_after_show"))
            QTimer.singleShot(5000, lambda: ready(self, "timeout: no paint within 5 s of show"))

        cls.__init__, cls.showMaximized = init, show

    code = cli.main(["--db", db, "run"])
    print(f"PEAK {vm_hwm_kb()}", flush=True)
    return code


if __name__ == "__main__":
    sys.exit(main())
