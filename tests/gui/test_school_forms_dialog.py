"""The school forms dialog (档案 → 学校基本信息表 / 校区基本信息表) on a fresh 长治 school database: every item
listed and prefilled, what the set-up data gives or the program counts read-only, a bad value named on the
dialog with nothing written, 保存 kept in the database with the user, 保存并打印… printing the PDF (read with
pdftotext) and the Excel copy, and branch campuses."""

from __future__ import annotations

import datetime as dt
import subprocess

import pytest
from openpyxl import load_workbook
from PySide6.QtWidgets import QWidget

from tests.conftest import make_school, pupil_draft
from xueji_desktop.core.admission import enrolment
from xueji_desktop.core.forms.school_info import CAMPUS_FORM, SCHOOL_FORM, campuses, stored_values
from xueji_desktop.gui import school_forms_dialog
from xueji_desktop.gui.school_forms_dialog import SchoolInfoDialog, open_school_form
from xueji_desktop.store.models import Event, SchoolInfo

TODAY = dt.date(2026, 9, 10)
GIVEN = {"学校地址": "长治市黎城县黎侯镇北关街12号", "邮政编码": "047600", "联系电话": "0355-6221234",
         "校长": "刘建华", "分管副校长": "赵敏"}


@pytest.fixture
def cz(tmp_path, app):
    ws = make_school(tmp_path / "cz.sqlite3", profile_id="changzhi", today=TODAY, name="黎城县北关中心学校")
    enrolment.enrol(ws, pupil_draft(name="李娜", grade=4, new=False, seq=448, birth=dt.date(2016, 3, 7)))
    yield ws
    ws.close()


@pytest.fixture
def files(monkeypatch, tmp_path):
    """The file dialog answers with a path in tmp_path; the PDFs the dialog would open are listed."""
    opened: list = []
    monkeypatch.setattr(school_forms_dialog, "ask_save_path", lambda parent, title, default: str(tmp_path / "学校表"))
    monkeypatch.setattr(school_forms_dialog, "open_file", opened.append)
    return opened


def pdf_text(path) -> str:
    return "".join(subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True, check=True)
                   .stdout.split())


def fill(dialog, values):
    for label, value in values.items():
        dialog.editors[label].setText(value)


def test_every_item_listed_prefilled_and_the_given_ones_read_only(cz, qtbot):
    d = SchoolInfoDialog(cz, SCHOOL_FORM)
    qtbot.addWidget(d)
    assert d.windowTitle() == "学校基本信息表（附件1）"
    assert not d.campus_row.isVisibleTo(d)
    shown = d.shown()
    assert list(shown)[:3] == ["学校名称", "学校标识码", "统一社会信用代码"] and len(shown) == 26
    assert shown["学校名称"] == "黎城县北关中心学校" and d.editors["学校名称"].isReadOnly()
    assert shown["在籍学生数"] == "1" and shown["校区数"] == "1" and d.editors["在籍学生数"].isReadOnly()
    assert shown["学籍管理员"] == "王老师" and shown["校长"] == "" and not d.editors["校长"].isReadOnly()
    label = d.items_grid.itemAt(d.items_grid.indexOf(d.editors["校长"]) - 1).widget()
    assert label.text().startswith("校长（第一责任人）") and "*" in label.text()
    assert "《长治市实施细则》第六条" in d.intro.text()


def test_a_bad_value_is_named_and_nothing_written_then_save_keeps_the_values(cz, qtbot, messages):
    d = SchoolInfoDialog(cz, SCHOOL_FORM)
    qtbot.addWidget(d)
    fill(d, {**GIVEN, "邮政编码": "04760"})
    assert d.save() is False
    assert d.error_label.isVisibleTo(d) and "邮政编码应为 6 位数字" in d.error_label.text()
    assert messages == [("未保存", "未写入任何内容，请先改正：", "邮政编码应为 6 位数字")]
    assert SchoolInfo.select().count() == 0 and not Event.select().where(Event.kind == "school_info_changed").exists()
    d.editors["邮政编码"].setText("047600")
    d.save_button.click()
    assert not d.error_label.isVisibleTo(d)
    assert stored_values(SCHOOL_FORM) == GIVEN
    event = Event.get(Event.kind == "school_info_changed")
    assert event.author.username == "registrar" and "校长" in event.summary
    assert d.status_label.text().startswith("已保存：") and "校长" in d.status_label.text()
    # opened again, the dialog shows what was kept
    again = SchoolInfoDialog(cz, SCHOOL_FORM)
    qtbot.addWidget(again)
    assert again.shown()["校长"] == "刘建华" and again.shown()["学校地址"] == GIVEN["学校地址"]


def test_save_and_print_writes_the_pdf_and_excel_and_opens_the_pdf(cz, qtbot, files, tmp_path, messages):
    d = SchoolInfoDialog(cz, SCHOOL_FORM)
    qtbot.addWidget(d)
    fill(d, GIVEN)
    pdf = d.save_and_print()
    assert pdf == tmp_path / "学校表.pdf" and files == [pdf] and messages == []
    text = pdf_text(pdf)
    assert "学校基本信息表" in text and "刘建华" in text and "赵敏" in text and "填报日期：2026年9月10日" in text
    pairs = {r[0]: r[1] for r in load_workbook(tmp_path / "学校表.xlsx").active.iter_rows(values_only=True) if r[0]}
    assert pairs["校长（第一责任人）"] == "刘建华" and pairs["邮政编码"] == "047600"
    assert stored_values(SCHOOL_FORM)["校长"] == "刘建华"
    assert d.status_label.text() == "已生成：学校表.pdf、学校表.xlsx"


def test_printing_with_a_required_item_missing_names_it_and_prints_nothing(cz, qtbot, files, tmp_path, messages):
    d = SchoolInfoDialog(cz, SCHOOL_FORM)
    qtbot.addWidget(d)
    fill(d, {"校长": "刘建华"})
    assert d.save_and_print() is None
    assert files == [] and not (tmp_path / "学校表.pdf").exists()
    [(title, _text, details)] = messages
    assert title == "出错了" and "学校地址、邮政编码、联系电话、分管副校长" in details
    assert stored_values(SCHOOL_FORM) == {"校长": "刘建华"}  # what was given is kept all the same


def test_campuses_chosen_added_and_printed(cz, qtbot, files, tmp_path, messages):
    d = SchoolInfoDialog(cz, CAMPUS_FORM)
    qtbot.addWidget(d)
    assert d.campus_row.isVisibleTo(d)
    assert [d.campus_choice.itemText(i) for i in range(d.campus_choice.count())] == ["黎城县北关中心学校（主校区）"]
    assert d.shown()["校区类型"] == "主校区" and d.editors["校区类型"].isReadOnly()
    assert d.editors["在籍学生数"].isReadOnly() and d.shown()["在籍学生数"] == "1"
    fill(d, {"校区地址": "北关街12号", "邮政编码": "047600", "校区负责人": "刘建华"})
    assert d.save()
    d.add_campus()
    assert d.campus_choice.currentText() == "（新校区，尚未保存）"
    assert d.shown()["校区名称"] == "" and d.shown()["校区类型"] == "分校区" and not d.editors["在籍学生数"].isReadOnly()
    fill(d, {"校区名称": "西关校区", "校区地址": "西关村", "邮政编码": "047600", "校区负责人": "陈立新",
             "联系电话": "0355-6227788", "年级数": "3", "班级数": "3", "在籍学生数": "96"})
    assert d.save()
    assert [c.name for c in campuses()] == ["黎城县北关中心学校", "西关校区"]
    assert [d.campus_choice.itemText(i) for i in range(d.campus_choice.count())] == \
        ["黎城县北关中心学校（主校区）", "西关校区"]
    assert d.campus_choice.currentText() == "西关校区" and d.shown()["校区负责人"] == "陈立新"
    pdf = d.save_and_print()
    text = pdf_text(pdf)
    assert "西关校区" in text and "陈立新" in text and "96" in text and "合计" not in text
    d.campus_choice.setCurrentIndex(0)
    assert d.shown()["校区负责人"] == "刘建华" and d.shown()["校区地址"] == "北关街12号"
    assert stored_values(CAMPUS_FORM, "西关校区")["在籍学生数"] == "96"


def test_open_school_form_shows_the_dialog_for_the_window(cz, qtbot, monkeypatch):
    seen = []

    def exec_(dialog):
        seen.append((dialog.form_id, dialog.offered.title, dialog.parent()))
        return 0

    monkeypatch.setattr(SchoolInfoDialog, "exec", exec_)
    host = QWidget()  # the main window: a widget with the workspace as `ws`
    qtbot.addWidget(host)
    host.ws = cz
    assert open_school_form(host, "cz_campus_info") is None
    assert seen == [("cz_campus_info", "校区基本信息表", host)]
