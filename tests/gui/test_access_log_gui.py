"""The access log in the window: opening a pupil in the detail pane is logged once per pupil; printing a
register of several pupils asks the 用途 (ui/purpose.ui) first and logs it with the print; declining writes
nothing. The 审计 view (设置 → 查阅登记…): an 审计 account filters by person, pupil and date, each applied
filter logged once (not each page), and prints and exports what it shows; a registrar's entry is greyed
naming 审计."""

from __future__ import annotations

import datetime as dt
import subprocess

import pytest
from openpyxl import load_workbook
from PySide6.QtCore import QDate, Qt, QTimer
from PySide6.QtWidgets import QApplication

from tests.conftest import make_school, pupil_draft
from xueji_desktop.core.accounts import access_log
from xueji_desktop.core.accounts.roles import Role
from xueji_desktop.core.admission.enrolment import enrol
from xueji_desktop.core.forms.registers_print import build_register
from xueji_desktop.core.school import users
from xueji_desktop.gui import paperwork_menu, purpose_dialog
from xueji_desktop.gui.access_log_dialog import AccessLogDialog
from xueji_desktop.gui.detail_pane import DetailPane
from xueji_desktop.gui.keyboard import plain
from xueji_desktop.gui.purpose_dialog import PurposeDialog
from xueji_desktop.store.models import AccessLog, User

FIRST, NEW = "Chushi-2026", "Xinmima-2026"
REAL_QUESTION = purpose_dialog.ask_purpose  # the autouse fixture `purposes_asked` replaces it in each test


def answer_purpose(ident: str, typed: str = "", seen: list | None = None) -> None:
    """Answers the next 用途 question through its widgets once it is shown (a modal dialog runs its own loop)."""
    def answer(tries: int = 50) -> None:
        dialog = QApplication.activeModalWidget()
        if not isinstance(dialog, PurposeDialog):
            if tries:
                QTimer.singleShot(20, lambda: answer(tries - 1))
            return
        if seen is not None:
            seen.append((dialog.question.text(), dialog.article_label.text(), dialog.ok_button.isEnabled()))
        dialog.choose(ident)
        dialog.other_text.setText(typed)
        dialog.ok_button.click()
    QTimer.singleShot(0, answer)


def log_rows() -> list[tuple]:
    return [(r.user.username, r.action, r.subject, r.purpose, r.pupil_count)
            for r in AccessLog.select().order_by(AccessLog.id)]


@pytest.fixture
def changzhi(app, tmp_path):
    ws = make_school(tmp_path / "cz.sqlite3", profile_id="changzhi")  # 长治 keeps the 在校生分班名册 (附件3)
    ws.pupils = [enrol(ws, pupil_draft(name=name, seq=seq))[0] for name, seq in (("赵一鸣", 611), ("钱二喆", 612))]
    yield ws
    ws.close()


def test_the_detail_pane_logs_each_pupil_opened_once(qtbot, ws):
    a, _ = enrol(ws, pupil_draft(name="赵一鸣", seq=611))
    b, _ = enrol(ws, pupil_draft(name="钱二喆", seq=612))
    pane = DetailPane(ws, subscribe=False)
    qtbot.addWidget(pane)
    for sid in (a.id, a.id, b.id, b.id):  # a repaint of the same pupil is not a new look
        pane.show_student(sid)
    assert pane.value("姓名") == "钱二喆"
    logged = [(r.action, [p.student.name for p in r.pupils]) for r in AccessLog.select().order_by(AccessLog.id)]
    assert logged == [("open", ["赵一鸣"]), ("open", ["钱二喆"])]


def test_a_register_of_several_pupils_asks_the_purpose_and_logs_it(qtbot, changzhi, tmp_path, monkeypatch, messages):
    ws = changzhi
    asked = []
    monkeypatch.setattr(purpose_dialog, "ask_purpose", lambda parent, w, n: asked.append(n) or "资助/营养餐核对")
    offered = next(r for r in paperwork_menu.offered_registers(ws.profile, ws.school) if r.kind == "classes")
    dialog = paperwork_menu.RegisterPrintDialog(ws, offered)
    qtbot.addWidget(dialog)
    out = tmp_path / "新生.pdf"
    monkeypatch.setattr(paperwork_menu, "ask_save_path", lambda *a: str(out))
    monkeypatch.setattr(paperwork_menu, "_saved", lambda *a: None)
    assert dialog.save() == out and out.exists()
    row = AccessLog.select().order_by(AccessLog.id.desc()).first()
    assert asked == [2] and row.pupil_count == 2
    assert (row.action, row.purpose, row.target) == ("print", "资助/营养餐核对", str(out))
    assert row.subject == build_register(ws, "classes").title
    monkeypatch.setattr(purpose_dialog, "ask_purpose", lambda parent, w, n: None)  # closed: nothing written
    out2 = tmp_path / "again.pdf"
    monkeypatch.setattr(paperwork_menu, "ask_save_path", lambda *a: str(out2))
    before = AccessLog.select().count()
    assert dialog.save() is None and not out2.exists() and AccessLog.select().count() == before
    assert messages == []


def test_the_purpose_question_lists_the_regions_purposes_and_needs_a_text_for_other(qtbot, changzhi, monkeypatch):
    ws = changzhi
    monkeypatch.setattr(purpose_dialog, "ask_purpose", REAL_QUESTION)
    dialog = PurposeDialog(access_log.purposes(ws.profile), 37)
    qtbot.addWidget(dialog)
    items = [dialog.purpose_list.item(i).text() for i in range(dialog.purpose_list.count())]
    assert items == access_log.purposes(ws.profile).labels and items[-1] == "其他（请填写）"
    assert "37 名学生" in dialog.question.text()
    assert "《长治市实施细则》第四十四条" in dialog.article_label.text() and "查阅登记手续" in dialog.article_label.text()
    assert not dialog.ok_button.isEnabled() and "请在上面选择" in dialog.hint.text()
    assert not dialog.other_text.isEnabled()
    dialog.choose("other")
    assert dialog.other_text.isEnabled() and not dialog.ok_button.isEnabled() and "其他用途" in dialog.hint.text()
    dialog.other_text.setText("  派出所户籍核对 ")
    assert dialog.ok_button.isEnabled() and dialog.purpose() == "派出所户籍核对"
    dialog.choose("guardian")
    assert not dialog.other_text.isEnabled() and dialog.purpose() == "家长申请查阅"
    # through the function the prints call: the answer, or None when closed
    answer_purpose("other", "派出所户籍核对")
    assert purpose_dialog.ask_purpose(None, ws, 3) == "派出所户籍核对"
    QTimer.singleShot(0, lambda: QApplication.activeModalWidget().reject())
    assert purpose_dialog.ask_purpose(None, ws, 3) is None


def main_window(ws, qtbot):
    from xueji_desktop.gui.main_window import MainWindow

    win = MainWindow(ws)
    qtbot.addWidget(win)
    return win


def test_an_auditor_filters_the_log_by_person_pupil_and_date_prints_and_exports_it(
        qtbot, changzhi, tmp_path, monkeypatch, messages):
    ws, (a, b) = changzhi, changzhi.pupils
    registrar = ws.user
    # 9月1日: the registrar opens both pupils; 9月10日: prints the 在校生分班名册, answering the 用途 question
    pane = DetailPane(ws, subscribe=False)
    qtbot.addWidget(pane)
    pane.show_student(a.id)
    pane.show_student(b.id)
    ws.test_clock.set(dt.datetime(2026, 9, 10, 10, 0))
    offered = next(r for r in paperwork_menu.offered_registers(ws.profile, ws.school) if r.kind == "classes")
    printing = paperwork_menu.RegisterPrintDialog(ws, offered)
    qtbot.addWidget(printing)
    monkeypatch.setattr(paperwork_menu, "ask_save_path", lambda *args: str(tmp_path / "名册.pdf"))
    opened: list = []
    monkeypatch.setattr(paperwork_menu, "open_file", opened.append)
    monkeypatch.setattr(purpose_dialog, "ask_purpose", REAL_QUESTION)
    seen: list = []
    answer_purpose("aid", seen=seen)
    assert printing.save() == tmp_path / "名册.pdf"
    assert seen and "2 名学生" in seen[0][0] and "第四十四条" in seen[0][1] and seen[0][2] is False
    title = build_register(ws, "classes").title
    assert log_rows() == [("registrar", "open", "学生信息（详情）", "", 1), ("registrar", "open", "学生信息（详情）", "", 1),
                          ("registrar", "print", title, "资助/营养餐核对", 2)]
    # the registrar's 设置 → 查阅登记… is greyed naming 审计
    win = main_window(ws, qtbot)
    assert not win.access_log_action.isEnabled()
    assert "需要“审计”角色" in win.access_log_action.toolTip()
    # an 审计 account, signed in on 9月20日
    users.add_user(ws, "shenji", "周审计", {Role.AUDITOR}, FIRST)
    ws.test_clock.set(dt.datetime(2026, 9, 20, 8, 30))
    ws.login("shenji", FIRST)
    users.change_own_password(ws, FIRST, NEW)
    win = main_window(ws, qtbot)
    assert win.access_log_action.isEnabled() and plain(win.access_log_action.text()) == "查阅登记…"
    dialog = AccessLogDialog(ws)
    qtbot.addWidget(dialog)
    # opened on the last 30 days: one logged query
    assert (dialog.start_edit.date(), dialog.end_edit.date()) == (QDate(2026, 8, 21), QDate(2026, 9, 20))
    assert dialog.start_edit.calendarPopup() and dialog.end_edit.calendarPopup()
    shown = dialog.shown_rows()
    assert [r[1:4] for r in shown] == [("shenji", "周审计", "查看日志"), ("registrar", registrar.display_name, "打印"),
                                       ("registrar", registrar.display_name, "查看"),
                                       ("registrar", registrar.display_name, "查看")]
    assert shown[0][0] == "2026-09-20 08:30" and shown[1][0] == "2026-09-10 10:00"
    assert shown[1][4:] == (title, f"赵一鸣（{a.student_number}）、钱二喆（{b.student_number}）", "2", "资助/营养餐核对")
    assert "共 4 条" in dialog.summary.text()
    # by person
    dialog.account_combo.setCurrentIndex(dialog.account_combo.findData(registrar.id))
    assert "条件已修改" in dialog.status.text()
    dialog.query_button.click()
    assert {r[1] for r in dialog.shown_rows()} == {"registrar"} and len(dialog.shown_rows()) == 3
    # by pupil (学籍号 in part), every account; Enter in the field queries once
    dialog.account_combo.setCurrentIndex(0)
    dialog.pupil_edit.setText(b.student_number[-8:])
    dialog.show()
    qtbot.waitExposed(dialog)
    before = AccessLog.select().count()
    qtbot.keyClick(dialog.pupil_edit, Qt.Key.Key_Return)
    assert AccessLog.select().count() == before + 1
    assert [(r[3], r[5]) for r in dialog.shown_rows()] == [
        ("打印", f"赵一鸣（{a.student_number}）、钱二喆（{b.student_number}）"), ("查看", f"钱二喆（{b.student_number}）")]
    # by date: the first of September only
    dialog.pupil_edit.clear()
    dialog.start_edit.setDate(QDate(2026, 9, 1))
    dialog.end_edit.setDate(QDate(2026, 8, 31))
    assert not dialog.apply() and "截止日期（2026-08-31）早于起始日期（2026-09-01）" in dialog.status.text()
    dialog.end_edit.setDate(QDate(2026, 9, 1))
    dialog.query_button.click()
    assert [r[3] for r in dialog.shown_rows()] == ["查看", "查看"] and "共 2 条" in dialog.summary.text()
    # each applied filter is one row of the log, by the auditor; the refused dates none
    reads = [(r[0], r[2]) for r in log_rows() if r[1] == "log_read"]
    assert reads == [("shenji", "查阅登记（日期 2026-08-21 至 2026-09-20）"),
                     ("shenji", f"查阅登记（账号 {registrar.display_name}（registrar）；日期 2026-08-21 至 2026-09-20）"),
                     ("shenji", f"查阅登记（学生 {b.student_number[-8:]}；日期 2026-08-21 至 2026-09-20）"),
                     ("shenji", "查阅登记（日期 2026-09-01 至 2026-09-01）")]
    # 打印: the rows shown, as the 学籍信息查阅登记簿, where the auditor chose; opened; logged
    pdf = tmp_path / "登记簿.pdf"
    monkeypatch.setattr(paperwork_menu, "ask_save_path", lambda *args: str(pdf))
    assert dialog.print_button.isEnabled()
    dialog.print_button.click()
    assert pdf.exists() and opened[-1] == pdf and "已保存" in dialog.status.text()
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    for word in ("学籍信息查阅登记簿", "日期 2026-09-01 至 2026-09-01", "共 2 条", "registrar", "赵一鸣", "钱二喆", "学生信息（详情）"):
        assert word in text, word
    assert "资助/营养餐核对" not in text  # the print of 9月10日 is outside the dates shown
    # 导出 Excel: the same rows
    xlsx = tmp_path / "登记簿.xlsx"
    monkeypatch.setattr(paperwork_menu, "ask_save_path", lambda *args: str(xlsx))
    dialog.export_button.click()
    cells = [c for row in load_workbook(xlsx).active.iter_rows(values_only=True) for c in row if c]
    assert "学籍信息查阅登记簿" in cells and cells.count("学生信息（详情）") == 2 and "查看" in cells
    assert [r[2] for r in log_rows()[-2:]] == ["打印学籍信息查阅登记簿（日期 2026-09-01 至 2026-09-01）",
                                               "导出学籍信息查阅登记簿（日期 2026-09-01 至 2026-09-01）"]
    assert AccessLog.select().where(AccessLog.user == User.get(User.username == "shenji")).count() == 6
    assert messages == []


def test_the_next_pages_are_read_as_the_table_scrolls_without_another_log_row(qtbot, changzhi, monkeypatch):
    ws, (a, b) = changzhi, changzhi.pupils
    for i in range(5):
        access_log.record(ws, access_log.Action.OPEN, f"学生信息（第 {i} 次）", [a if i % 2 else b])
    users.add_user(ws, "shenji", "周审计", {Role.AUDITOR}, FIRST)
    ws.login("shenji", FIRST)
    users.change_own_password(ws, FIRST, NEW)
    monkeypatch.setattr(access_log, "PAGE_SIZE", 2)
    dialog = AccessLogDialog(ws)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    before = AccessLog.select().count()
    while dialog.model.canFetchMore():
        dialog.log_table.scrollToBottom()
        dialog.model.fetchMore()
    assert len(dialog.shown_rows()) == dialog.model.total == 6 == before  # five opens and the dialog's query
    assert [r[4] for r in dialog.shown_rows()][1:] == [f"学生信息（第 {i} 次）" for i in range(4, -1, -1)]
    assert AccessLog.select().count() == before
