"""The 档案 menu through the real window on fresh real school databases of three regions: exactly the
registers and archive forms the region's profile lists (长治, 营口, 凉山), each with its article; printing
every register from its dialog as a PDF (read back with pdftotext) and as a workbook (read back with
openpyxl), for the current term, another term or a date range; the pupil forms for the selected pupil; the
pledge asking which registrar signs. Printing writes files, never the database."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import datetime as dt
import re
import shutil
import subprocess
from pathlib import Path
from types import SimpleNamespace

import pytest
from openpyxl import load_workbook
from PySide6.QtCore import QDate

from tests.conftest import PASSWORD, first_class, make_school, pupil_draft
from xueji_desktop.core.accounts.passwords import hash_password
from xueji_desktop.core.admission import enrolment
from xueji_desktop.core.casework import cases
from xueji_desktop.core.casework.cases import CaseKind, StepDecision
from xueji_desktop.core.changes import status_change
from xueji_desktop.core.changes.status_change import ChangeDraft
from xueji_desktop.core.changes.status_rules import evidence_for, questions
from xueji_desktop.core.rules.findings import RuleViolation
from xueji_desktop.core.transfers import transfer
from xueji_desktop.gui import paperwork_menu
from xueji_desktop.gui.keyboard import plain
from xueji_desktop.store.models import Event, User

pytestmark = pytest.mark.skipif(shutil.which("pdftotext") is None, reason="pdftotext (poppler-utils) missing")

SET_UP = dt.date(2026, 8, 25)  # in the summer holidays
SCHOOL_DAY = dt.date(2026, 9, 10)
CZ_NAME, YK_NAME, LS_NAME = "黎城县北关中心学校", "营口市老边区柳树镇中心小学", "凉山州昭觉县城北小学"


def pdf_text(path: Path) -> str:
    out = subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True).stdout
    return re.sub(r"[ \t]+", " ", out)


def flat(text: str) -> str:
    return re.sub(r"\s+", "", text)


def enrol(ws, name: str, seq: int, grade: int, new: bool, entry: dt.date, birth: dt.date):
    d = pupil_draft(name=name, seq=seq, grade=grade, new=new, birth=birth)
    d.entry_date = entry
    d.class_id = first_class(grade).id
    if new and grade == 7 and ws.profile.applies("enrolment.middle_by_promotion"):  # 凉山 一（二）: 升学 only
        d.continued_number = "G" + d.student["id_number"]
    try:
        return enrolment.enrol(ws, d)[0]
    except RuleViolation as e:  # the region's warnings, explained as a registrar would
        d.reasons.update({f.rule: "开学初补办注册，已报县教育局备案" for f in e.findings})
        return enrolment.enrol(ws, d)[0]


def school_of(tmp_path, profile_id: str, name: str, clock):
    """A nine-year school of the region set up in the summer holidays: two 一年级 and one 初一 new pupils
    entering on 2026-09-01, one grade-4 pupil there since 2023; then the clock on 2026-09-10."""
    ws = make_school(tmp_path / f"{profile_id}.sqlite3", profile_id=profile_id, today=SET_UP, name=name)
    ws.pupils = {}
    for pname, seq, grade, new, entry, born in (
            ("赵一鸣", 11, 1, True, dt.date(2026, 9, 1), dt.date(2020, 3, 7)),
            ("钱晓雪", 12, 1, True, dt.date(2026, 9, 1), dt.date(2020, 5, 1)),
            ("李思远", 21, 7, True, dt.date(2026, 9, 1), dt.date(2014, 4, 2)),
            ("吴老生", 31, 4, False, dt.date(2023, 9, 1), dt.date(2017, 3, 3))):
        ws.pupils[pname] = enrol(ws, pname, seq, grade, new, entry, born)
    clock.day(SCHOOL_DAY)
    return ws


def suspend(ws, student) -> None:
    """休学 through the real workflow, every step approved today."""
    d = ChangeDraft(kind=CaseKind.SUSPENSION, student_id=student.id, applied_on=ws.today(),
                    ground_id=ws.profile.value("suspension.grounds")[0]["id"], effective_on=ws.today(),
                    until=dt.date(2027, 7, 10))
    d.evidence_seen = evidence_for(ws, d)
    d.declared = {q.id: False for q in questions(ws, d)}
    case, _ = status_change.open_change(ws, d)
    for i, step in enumerate(cases.steps(case)):
        transfer.record_step(ws, case.id, StepDecision(step.party, ws.today(), f"经办人{i + 1}", "approved"))


def open_window(ws, qtbot):
    from xueji_desktop.gui.main_window import MainWindow

    win = MainWindow(ws)
    qtbot.addWidget(win)
    win.show()
    qtbot.waitExposed(win)
    return win


@pytest.fixture
def saving(monkeypatch, tmp_path):
    """File dialogs answer with a file in tmp_path/out under the default name offered (recorded), or with
    `saving.answer` when a test sets it; PDFs to be opened go into `saving.opened`; registrar choices are
    answered with `saving.registrar`."""

    Saving = SimpleNamespace(folder=tmp_path / "out", answer=None, offered=[], opened=[], registrar=None, asked=[])
    Saving.folder.mkdir()

    def ask(parent, title, default, file_filter):
        Saving.offered.append((title, default))
        return Saving.answer if Saving.answer is not None else str(Saving.folder / default.name)

    def choose(parent, title, label, items):
        Saving.asked.append(list(items))
        return Saving.registrar

    monkeypatch.setattr(paperwork_menu, "ask_save_path", ask)
    monkeypatch.setattr(paperwork_menu, "choose_item", choose)
    monkeypatch.setattr(paperwork_menu, "open_file", Saving.opened.append)
    return Saving


@pytest.fixture
def cz(app, tmp_path, clock, qtbot, messages):
    ws = school_of(tmp_path, "changzhi", CZ_NAME, clock)
    win = open_window(ws, qtbot)
    yield win
    win.close()
    ws.close()


@pytest.fixture
def yk(app, tmp_path, clock, qtbot, messages):
    ws = school_of(tmp_path, "yingkou", YK_NAME, clock)
    win = open_window(ws, qtbot)
    yield win
    win.close()
    ws.close()


def menu_of(window):
    titles = [a.text() for a in window.menuBar().actions()]
    return titles, window.paperwork_menu


def entries(menu) -> list[str]:
    return ["—" if a.isSeparator() else plain(a.text()) for a in menu.actions()]


def dialog_for(window, reg_id: str):
    reg = next(r for r in paperwork_menu.offered_registers(window.ws.profile, window.ws.school) if r.id == reg_id)
    dialog = paperwork_menu.RegisterPrintDialog(window.ws, reg, window)
    return dialog


def run_from_menu(window, monkeypatch, action, fill=None):
    """Triggers the menu entry; the dialog it opens is filled by `fill(dialog)` and saved instead of shown."""
    shown = []

    def exec_(dialog):
        shown.append(dialog)
        if fill is not None:
            fill(dialog)
        dialog.save()
        return dialog.result()

    monkeypatch.setattr(paperwork_menu.RegisterPrintDialog, "exec", exec_)
    action.trigger()
    return shown[0]


# ── which entries: the region's profile ─────────────────────────────────────────────────────────
def test_changzhi_menu_lists_its_registers_and_forms_after_the_pupils_menu(cz):
    titles, menu = menu_of(cz)
    assert titles.index("档案(&A)") == titles.index("学生(&S)") + 1
    assert titles.index("转学(&T)") == titles.index("档案(&A)") + 1
    assert entries(menu) == ["在校生分班名册…", "学生增减情况登记表…", "毕业生花名册…", "一年级、初一新生录取花名册…", "—",
                             "学校基本信息表…", "校区基本信息表…", "学籍卡片（所选学生）…", "—",
                             "出具证明（所选学生）…", "学历证明存根…", "结业证书存根…", "—", "打印"]  # 第六条（七）（八）、第三十八条
    tips = {plain(a.text()): a.toolTip() for a in menu.actions() if not a.isSeparator()}
    assert tips["在校生分班名册…"].startswith("《长治市实施细则》第六条 附件3：打印在校生分班名册")
    assert tips["学生增减情况登记表…"].startswith("《长治市实施细则》第六条 附件4：打印学生增减情况登记表")
    assert tips["一年级、初一新生录取花名册…"].startswith("《长治市实施细则》第六条：")
    assert tips["学校基本信息表…"].startswith("《长治市实施细则》第六条 附件1：")
    assert tips["校区基本信息表…"].startswith("《长治市实施细则》第六条 附件2：")
    assert menu.toolTipsVisible()


def test_yingkou_menu_lists_its_registers_and_the_card(yk):
    titles, menu = menu_of(yk)
    assert titles.index("档案(&A)") == titles.index("学生(&S)") + 1
    assert entries(menu) == ["新生花名册…", "学生增加（或减少）情况登记表…", "毕业生花名册…", "—", "学籍卡片（所选学生）…",
                             "—", "出具证明（所选学生）…", "学历证明书存根…", "—", "打印"]  # 四(三)3: 学历证明书, no 结业证书存根
    for action in yk.register_actions.values():
        assert action.toolTip().startswith("《营口市规定》三(五)：打印")
    assert yk.archive_actions["student_card"].toolTip() == "请先在学生名单中选中学生"


def test_liangshan_menu_has_no_registers_and_its_two_annexes(app, tmp_path, clock, qtbot, messages):
    ws = make_school(tmp_path / "ls.sqlite3", profile_id="liangshan", today=SET_UP, name=LS_NAME)
    win = open_window(ws, qtbot)
    assert entries(win.paperwork_menu) == ["学生实际在校就读证明表（所选学生）…",
                                           "凉山州全国中小学生学籍信息管理系统数据管理安全承诺书…", "学籍卡片（所选学生）…",
                                           "—", "打印"]
    assert win.register_actions == {}
    assert win.archive_actions["ls_actual_attendance"].toolTip() == "请先在学生名单中选中学生"
    assert win.archive_actions["ls_security_pledge"].isEnabled()  # the school's, no pupil needed
    assert "《凉山州规定》七、附表4" in win.archive_actions["ls_security_pledge"].toolTip()
    win.close()
    ws.close()


# ── the registers ───────────────────────────────────────────────────────────────────────────────
@pytest.mark.parametrize("school", ["cz", "yk"])
def test_every_register_prints_to_pdf_from_its_dialog(school, request, saving, monkeypatch, messages):
    window = request.getfixturevalue(school)
    name = CZ_NAME if school == "cz" else YK_NAME
    events = Event.select().count()
    assert window.register_actions
    for reg in paperwork_menu.offered_registers(window.ws.profile, window.ws.school):
        dialog = run_from_menu(window, monkeypatch, window.register_actions[reg.id])
        assert dialog.result() == dialog.DialogCode.Accepted
        assert dialog.period_box.isHidden() is (not reg.by_period)
        assert dialog.roster_note.isHidden() is reg.by_period
        offered = saving.offered[-1][1]
        assert offered.name.startswith(reg.title) and offered.suffix == ".pdf"
        pdf = saving.folder / offered.name
        assert saving.opened[-1] == pdf and pdf.stat().st_size > 0
        text = flat(pdf_text(pdf))
        assert flat(reg.title) in text and name in text
        if reg.kind == "graduates":  # the school year the current term belongs to
            assert "毕业学年：2026—2027学年" in text
        elif reg.by_period:  # the current term by default
            assert "2026—2027学年上学期" in text and "2026-07-11至2027-01-20" in text
    assert messages == []
    assert Event.select().count() == events  # printing writes nothing


def test_the_registers_list_the_schools_pupils(cz, saving, monkeypatch):
    texts = {}
    for reg_id, action in cz.register_actions.items():
        run_from_menu(cz, monkeypatch, action)
        texts[reg_id] = flat(pdf_text(saving.folder / saving.offered[-1][1].name))
    for pupil in ("赵一鸣", "钱晓雪", "李思远", "吴老生"):
        assert pupil in texts["class_roster"]
    for pupil in ("赵一鸣", "钱晓雪", "李思远"):  # new pupils of 2026, arrivals of the term
        assert pupil in texts["cz_admission_roster"] and pupil in texts["cz_change_register"]
    assert "吴老生" not in texts["cz_admission_roster"]


@pytest.mark.parametrize("school", ["cz", "yk"])
def test_every_register_writes_a_workbook_that_reads_back(school, request, saving, monkeypatch):
    window = request.getfixturevalue(school)
    name = CZ_NAME if school == "cz" else YK_NAME
    for reg in paperwork_menu.offered_registers(window.ws.profile, window.ws.school):
        run_from_menu(window, monkeypatch, window.register_actions[reg.id],
                      fill=lambda d: d.xlsx_radio.setChecked(True))
        offered = saving.offered[-1][1]
        assert offered.suffix == ".xlsx"
        book = load_workbook(saving.folder / offered.name)
        cells = " ".join(str(c) for ws in book.worksheets for row in ws.iter_rows(values_only=True)
                         for c in row if c is not None)
        assert reg.title in cells and name in cells
        if reg.kind == "new-pupils":
            assert "赵一鸣" in cells and "吴老生" not in cells
    assert not any(p.suffix == ".xlsx" for p in saving.opened)  # only a PDF is opened


def test_another_term_and_a_date_range(cz, saving, monkeypatch):
    action = cz.register_actions["cz_change_register"]

    def last_term(dialog):
        dialog.term_radio.setChecked(True)
        dialog.term_combo.setCurrentIndex(dialog.term_combo.findData("2025-2"))
        assert dialog.term_combo.isEnabled() and not dialog.start_edit.isEnabled()
        assert dialog.span_label.text() == "统计：2025—2026学年下学期，2026-01-21 至 2026-07-10"

    run_from_menu(cz, monkeypatch, action, fill=last_term)
    text = flat(pdf_text(saving.folder / saving.offered[-1][1].name))
    assert "2025—2026学年下学期" in text and "赵一鸣" not in text  # no arrival before the summer

    def september(dialog):
        dialog.range_radio.setChecked(True)
        dialog.start_edit.setDate(QDate(2026, 9, 1))
        dialog.end_edit.setDate(QDate(2026, 9, 30))
        assert dialog.span_label.text() == "统计：2026-09-01 至 2026-09-30（含两端）"

    run_from_menu(cz, monkeypatch, action, fill=september)
    offered = saving.offered[-1][1]
    assert offered.name == "学生增减情况登记表（2026-09-01至2026-09-30）.pdf"
    text = flat(pdf_text(saving.folder / offered.name))
    assert "2026-09-01至2026-09-30" in text and "赵一鸣" in text


def test_the_current_term_in_the_holidays_is_the_one_just_ended(cz, clock):
    clock.day(dt.date(2026, 8, 28))
    dialog = dialog_for(cz, "cz_change_register")
    assert dialog.current_radio.isChecked()
    assert dialog.current_label.text() == "2025—2026学年下学期（2026-01-21 至 2026-07-10）"
    assert dialog.term_combo.itemData(0) == "2026-1"  # the summer's new pupils count in the coming term
    assert dialog.period() == {}


def test_an_end_before_the_start_is_refused_naming_the_fields(cz, saving, messages):
    dialog = dialog_for(cz, "cz_admission_roster")
    dialog.show()
    dialog.range_radio.setChecked(True)
    dialog.start_edit.setDate(QDate(2026, 9, 30))
    dialog.end_edit.setDate(QDate(2026, 9, 1))
    assert "结束日期（2026-09-01）早于开始日期（2026-09-30）" in dialog.span_label.text()
    assert dialog.save() is None
    assert len(messages) == 1
    title, text, _ = messages[0]
    assert title == "未生成"
    assert text == "统计期间：结束日期（2026-09-01）早于开始日期（2026-09-30），请改正后再保存"
    assert saving.offered == [] and list(saving.folder.iterdir()) == []
    assert dialog.isVisible() and dialog.result() == 0  # stays open to be corrected
    dialog.start_edit.setDate(QDate(2026, 9, 1))
    assert dialog.save() is not None


def test_an_unwritable_file_gives_a_message_not_a_traceback(cz, saving, messages, tmp_path):
    blocker = tmp_path / "not a folder"
    blocker.write_text("a file where the folder should be", "utf-8")
    saving.answer = str(blocker / "名册.pdf")
    dialog = dialog_for(cz, "class_roster")
    dialog.show()
    assert dialog.save() is None
    assert len(messages) == 1 and messages[0][0] == "未生成"
    assert messages[0][1].startswith(f"无法写入文件“{saving.answer}”")
    assert "Traceback" not in "".join(messages[0]) and saving.opened == []
    assert blocker.read_text("utf-8") == "a file where the folder should be"


# ── the archive forms ───────────────────────────────────────────────────────────────────────────
def test_the_card_needs_a_selected_pupil_and_prints_that_pupil(cz, saving, messages):
    card = cz.archive_actions["student_card"]
    assert not card.isEnabled() and card.toolTip() == "请先在学生名单中选中学生"
    pupil = cz.ws.pupils["钱晓雪"]
    assert cz.select_student(pupil.id)
    assert card.isEnabled() and card.toolTip().startswith("《中小学生学籍管理办法》第八条：把所选学生的学籍卡片")
    events = Event.select().count()
    card.trigger()
    title, offered = saving.offered[-1]
    assert title == "保存钱晓雪的学籍卡片" and offered.name == f"学籍卡片-钱晓雪-{pupil.student_number}.pdf"
    pdf = saving.folder / offered.name
    assert saving.opened == [pdf]
    text = flat(pdf_text(pdf))
    assert "学籍卡片" in text and "钱晓雪" in text and pupil.student_number in text and CZ_NAME in text
    assert "赵一鸣" not in text
    assert messages == [] and Event.select().count() == events


def test_the_school_tables_go_to_the_school_forms_dialog(cz, monkeypatch, saving):
    from xueji_desktop.gui import school_forms_dialog

    called = []
    monkeypatch.setattr(school_forms_dialog, "open_school_form", lambda window, kind: called.append((window, kind)))
    cz.archive_actions["cz_school_info"].trigger()
    cz.archive_actions["cz_campus_info"].trigger()
    assert called == [(cz, "cz_school_info"), (cz, "cz_campus_info")]
    assert saving.offered == []  # nothing asked here


def test_the_pledge_asks_which_registrar_signs(app, tmp_path, clock, qtbot, messages, saving):
    ws = make_school(tmp_path / "ls.sqlite3", profile_id="liangshan", today=SET_UP, name=LS_NAME)
    win = open_window(ws, qtbot)
    pledge = win.archive_actions["ls_security_pledge"]
    pledge.trigger()  # one registrar: signed by 王老师 without asking
    assert saving.asked == []
    assert "学籍管理员：王老师" in flat(pdf_text(saving.opened[-1]))
    User.create(username="li", display_name="李老师", password_hash=hash_password(PASSWORD), role="registrar")
    saving.registrar = None
    pledge.trigger()  # asked, then cancelled: nothing saved
    assert saving.asked == [["王老师", "李老师"]] and len(saving.opened) == 1
    saving.registrar = "李老师"
    pledge.trigger()
    assert len(saving.opened) == 2
    text = flat(pdf_text(saving.opened[-1]))
    assert "学籍管理员：李老师" in text and LS_NAME in text
    assert messages == []
    win.close()
    ws.close()


def test_attendance_proof_prints_for_the_selected_pupil(app, tmp_path, clock, qtbot, messages, saving):
    ws = school_of(tmp_path, "liangshan", LS_NAME, clock)
    win = open_window(ws, qtbot)
    action = win.archive_actions["ls_actual_attendance"]
    assert not action.isEnabled()
    pupil = ws.pupils["吴老生"]
    assert win.select_student(pupil.id) and action.isEnabled()
    action.trigger()
    pdf = saving.opened[-1]
    assert "学生实际在校就读证明表" in flat(pdf_text(pdf)) and "吴老生" in flat(pdf_text(pdf))
    assert messages == []
    win.close()
    ws.close()


def test_attendance_proof_for_a_pupil_away_is_refused_in_chinese(app, tmp_path, clock, qtbot, messages, saving):
    ws = school_of(tmp_path, "liangshan", LS_NAME, clock)
    suspend(ws, ws.pupils["吴老生"])
    win = open_window(ws, qtbot)
    assert win.select_student(ws.pupils["吴老生"].id)
    action = win.archive_actions["ls_actual_attendance"]
    assert action.isEnabled()  # the domain says why it cannot be printed
    action.trigger()
    assert len(messages) == 1
    title, text, _ = messages[0]
    assert title == "未生成" and "学籍状态为“休学”" in text and "Traceback" not in text
    assert saving.opened == [] and list(saving.folder.iterdir()) == []
    win.close()
    ws.close()
