"""The bare-window baseline: the least a PySide6 program showing one table can cost on this machine.

A QMainWindow whose central widget is a QTableView over a small QAbstractTableModel (3,000 rows ×
6 columns of short Chinese text, like the pupil list), same interpreter, same Qt, same offscreen
screen, shown maximised. Ready is the first zero-timer turn after the table's first paint, as in
bench._coldstart_child; the READY line carries the process's peak RSS (VmHWM) at that moment, and
a PEAK line at exit (after XUEJI_BENCH_SETTLE_S seconds more of event loop) the peak over its whole life.
"""

import time

T0 = time.perf_counter()

import json  # noqa: E402
import os  # noqa: E402
import sys  # noqa: E402

from bench._process_stats import cpu_ms, vm_hwm_kb  # noqa: E402

SETTLE_S = float(os.environ.get("XUEJI_BENCH_SETTLE_S", "0"))  # idle after ready, then quit
ROWS = 3000
SURNAMES = "王李张刘陈杨黄赵吴周"
GIVEN = "伟芳娜敏静丽强磊军洋勇艳杰涛明超秀霞平刚"


def main() -> int:
    from PySide6.QtCore import QAbstractTableModel, QEvent, QModelIndex, QObject, Qt, QTimer
    from PySide6.QtWidgets import QApplication, QMainWindow, QTableView

    class Model(QAbstractTableModel):
        def __init__(self):
            super().__init__()
            self.rows = [(f"G{4301022015 + i:013d}", SURNAMES[i % 10] + GIVEN[i % 19] + GIVEN[(i * 7) % 19],
                          "男女"[i % 2], f"{i % 6 + 1}年级", f"{i % 6 + 1}年级（{i % 4 + 1}）班", "在校")
                         for i in range(ROWS)]

        def rowCount(self, parent=None):
            parent = parent or QModelIndex()
            return 0 if parent.isValid() else len(self.rows)

        def columnCount(self, parent=None):
            parent = parent or QModelIndex()
            return 0 if parent.isValid() else 6

        def data(self, index, role=Qt.ItemDataRole.DisplayRole):
            if role == Qt.ItemDataRole.DisplayRole and index.isValid():
                return self.rows[index.row()][index.column()]
            return None

    app = QApplication(sys.argv[:1])
    window = QMainWindow()
    window.setWindowTitle("bare")
    table = QTableView()
    model = Model()
    table.setModel(model)
    window.setCentralWidget(table)
    done: list[bool] = []
    times: dict[str, float] = {}

    def ready(how: str) -> None:
        if done:
            return
        done.append(True)
        times["ready"] = round((time.perf_counter() - T0) * 1000, 1)
        print("READY " + json.dumps({"marks": times, "rows": model.rowCount(), "painted": "first_paint" in times,
                                     "how": how, "size": [window.width(), window.height()],
                                     "hwm_kb": vm_hwm_kb(), "cpu_ms": cpu_ms()}), flush=True)
        QTimer.singleShot(int(SETTLE_S * 1000), app.quit)

    class PaintSpy(QObject):
        def eventFilter(self, obj, event):
            if "first_paint" not in times and event.type() == QEvent.Type.Paint:
                times["first_paint"] = round((time.perf_counter() - T0) * 1000, 1)
                QTimer.singleShot(0, lambda: ready("idle after the table's first paint"))
            return False

    spy = PaintSpy(window)
    table.viewport().installEventFilter(spy)
    window.showMaximized()
    QTimer.singleShot(5000, lambda: ready("timeout: no paint within 5 s of show"))
    code = app.exec()
    print(f"PEAK {vm_hwm_kb()}", flush=True)
    return code


if __name__ == "__main__":
    sys.exit(main())
