"""The window starts with what its first screen needs: building and showing the main window in a fresh process
imports neither reportlab (the PDF drawing, the fonts' registration) nor Excel, the cryptography of the exchange,
pypinyin (the menus' Alt letters come from gui/menu_pinyin.py), python-stdnum (ID checks), the status changes'
rules (until a pupil is selected), the case page, the wizards' pages or what the 档案 menu's entries do
(gui/paperwork_entries.py puts them in) — each is imported when first used (its speed and memory:
`python -m bench`, cold start)."""

from __future__ import annotations

import datetime as dt
import os
import subprocess
import sys

from tests.conftest import PASSWORD, ROOT, make_school

NOT_AT_START = ("reportlab", "openpyxl", "cryptography", "xueji_desktop.core.forms.engine",
                "xueji_desktop.core.exchange", "xueji_desktop.gui.case_dialog", "xueji_desktop.gui.change_pages",
                "xueji_desktop.gui.transfer_pages", "xueji_desktop.gui.enrol_wizard", "xueji_desktop.gui.dropout_wizard",
                "xueji_desktop.gui.numbers_tab", "xueji_desktop.gui.discipline_dialog",
                "xueji_desktop.gui.year_end_wizard", "xueji_desktop.gui.admissions_dialog", "pypinyin",
                "xueji_desktop.gui.paperwork_menu", "xueji_desktop.gui.certificate_dialog",
                "xueji_desktop.core.forms.archive_school", "xueji_desktop.core.forms.archive_common", "stdnum",
                "xueji_desktop.core.changes.status_change")

SCRIPT = """
import datetime as dt, sys, time_machine
with time_machine.travel(dt.datetime.fromisoformat(sys.argv[2]).astimezone(), tick=True):
    from xueji_desktop.gui.app import autologin, open_workspace
    from xueji_desktop.gui.qt_setup import make_app
    app = make_app([])
    ws = open_workspace(sys.argv[1])
    assert autologin(ws, "registrar:" + sys.argv[3])
    from xueji_desktop.gui.main_window import MainWindow
    window = MainWindow(ws)
    window.show()
    app.processEvents()
    print("TITLE", window.windowTitle())
    print("LOADED", " ".join(sorted(sys.modules)))
"""


def test_building_the_main_window_leaves_printing_excel_and_the_wizards_unimported(tmp_path):
    at = dt.datetime(2026, 9, 1, 9, 0)
    ws = make_school(tmp_path / "s.sqlite3", today=at.date())
    ws.close()
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    env.pop("XUEJI_AUTOLOGIN", None)
    run = subprocess.run([sys.executable, "-c", SCRIPT, str(tmp_path / "s.sqlite3"), at.isoformat(), PASSWORD],
                         check=False, cwd=ROOT, env=env, capture_output=True, text=True, timeout=120)
    assert run.returncode == 0, run.stderr[-3000:]
    lines = dict(line.split(" ", 1) for line in run.stdout.splitlines() if line.startswith(("TITLE ", "LOADED ")))
    assert lines["TITLE"].startswith("学籍桌面 — 测试县第一中心学校")  # the window was really built
    loaded = set(lines["LOADED"].split())
    assert "xueji_desktop.gui.todo_panel" in loaded and "PySide6.QtWidgets" in loaded
    early = sorted(m for m in loaded if any(m == n or m.startswith(n + ".") for n in NOT_AT_START))
    assert early == []
