"""统计 tab through the real window on a fresh copy of a real school database: the tab after 申请, the figures,
charts and tables the domain counts (checked against the database), refreshed after an enrolment announced
on the hub, read only when shown, printing the PDF and exporting the workbook."""

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import datetime as dt
import subprocess

from openpyxl import load_workbook
from PySide6.QtCore import Qt

from tests.gui.conftest import enrol_named
from xueji_desktop.core.overview import numbers as nb
from xueji_desktop.core.pupils.status import ON_ROLL
from xueji_desktop.gui import numbers_tab
from xueji_desktop.gui.hub import hub
from xueji_desktop.store.models import Student

STATS_TAB = 3


def on_roll(grade=None) -> int:
    q = Student.select().where(Student.status.in_([s.value for s in ON_ROLL]))
    return (q.where(Student.grade == grade) if grade else q).count()


def show_stats(window, qtbot):
    window.view_tabs.setCurrentIndex(STATS_TAB)
    tab = window.numbers_tab
    qtbot.waitUntil(lambda: tab.isVisible() and tab.numbers is not None)
    return tab


def grade_row(tab, label):
    return next(r for r in tab.table_rows(tab.grade_table) if r[0] == label)


def test_the_tab_shows_the_schools_numbers(window, ws, qtbot):
    assert window.view_tabs.tabText(STATS_TAB) == "统计"
    assert window.numbers_tab.numbers is None  # not read at start-up
    tab = show_stats(window, qtbot)
    assert window.views.currentWidget() is tab
    n = tab.numbers
    boys = Student.select().where(Student.status.in_([s.value for s in ON_ROLL]) & (Student.sex == "1")).count()
    assert n.pupils == on_roll() > 100
    assert tab.card_text("pupils") == f"{on_roll()} 男 {boys} · 女 {on_roll() - boys}"
    assert tab.heading.text().startswith("学生情况统计　截至 2026-09-01　2026—2027学年上学期")
    rows = tab.table_rows(tab.grade_table)
    assert rows[-1][:3] == ["合计", str(len(n.classes)), str(on_roll())]
    assert grade_row(tab, "一年级")[2] == str(on_roll(1))
    assert tab.grade_chart.categories == [g.label for g in n.grades]
    assert tab.grade_chart.totals() == [on_roll(g.grade) for g in n.grades]
    assert [r[0] for r in tab.table_rows(tab.class_table)] == [c.name for c in n.classes]
    assert tab.class_chart.lines[0][3] == [c.standard for c in n.classes if c.class_id is not None]
    assert [title for title, _ in tab.panels.panels] == [b.title for b in n.breakdowns] + ["学籍状态"]
    assert tab.grab().width() > 0  # paints without error


def test_an_enrolment_announced_on_the_hub_changes_the_numbers(window, ws, qtbot):
    tab = show_stats(window, qtbot)
    before, first = tab.numbers.pupils, int(grade_row(tab, "一年级")[2])
    new_before = next((c.count for c in tab.numbers.changes if c.label == "新生注册"), 0)
    student, changes = enrol_named(ws, "王小丫", dt.date(2020, 4, 2), 921)
    hub().announce(changes, None)
    assert Student.get_by_id(student.id).status == "enrolled" and on_roll() == before + 1
    assert tab.numbers.pupils == before + 1
    assert tab.card_text("pupils").startswith(f"{before + 1} ")
    assert grade_row(tab, "一年级")[2] == str(first + 1)
    assert tab.card_text("increase") == f"{tab.numbers.change_total(nb.INCREASE)} 人次"
    assert ["增加", "新生注册", str(new_before + 1)] in tab.table_rows(tab.change_table)


def test_a_change_while_hidden_is_read_when_the_tab_is_shown(window, ws, qtbot):
    tab = show_stats(window, qtbot)
    before = tab.numbers.pupils
    window.view_tabs.setCurrentIndex(0)
    qtbot.waitUntil(lambda: not tab.isVisible())
    _, changes = enrol_named(ws, "王小丫", dt.date(2020, 4, 2), 921)
    hub().announce(changes, None)
    assert tab.numbers.pupils == before  # not read while hidden
    show_stats(window, qtbot)
    qtbot.waitUntil(lambda: tab.numbers.pupils == before + 1)


def test_print_and_export(window, ws, qtbot, tmp_path, monkeypatch):
    tab = show_stats(window, qtbot)
    opened = []
    monkeypatch.setattr(numbers_tab, "open_file", opened.append)
    monkeypatch.setattr(tab, "choose_path", lambda title, default, flt: str(tmp_path / "统计"))
    qtbot.mouseClick(tab.print_button, Qt.MouseButton.LeftButton)
    pdf = tmp_path / "统计.pdf"
    assert opened == [pdf] and tab.saved.text() == f"已保存：{pdf}"
    text = " ".join(subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout.split())
    assert "学生情况统计表" in text and f"全校在籍学生 {on_roll()} 人" in text
    qtbot.mouseClick(tab.excel_button, Qt.MouseButton.LeftButton)
    wb = load_workbook(tmp_path / "统计.xlsx")
    assert wb["概况"]["B6"].value == on_roll()
    monkeypatch.setattr(tab, "choose_path", lambda *a: "")  # cancelled: nothing written
    assert tab.save_pdf() is None and tab.save_xlsx() is None
