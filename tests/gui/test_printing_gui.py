"""打印: a form's PDF sent to a QPrinter writing a PDF file (offscreen) — its pages, their orientation and the
copies; the preview's pages; the printer remembered in the user's settings; the message for a printer in an
error state; and from the window's 档案 → 打印 menu to a printed file with its 查询登记 rows."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import datetime as dt
import subprocess
from pathlib import Path

import pytest
from pypdf import PdfReader
from PySide6.QtPrintSupport import QPrinter
from reportlab.lib.pagesizes import A4, landscape
from reportlab.pdfgen import canvas

from xueji_desktop.gui import printing, user_settings
from xueji_desktop.gui.keyboard import plain
from xueji_desktop.store.models import AccessLog, Student


@pytest.fixture(autouse=True)
def own_settings(tmp_path, monkeypatch):
    monkeypatch.setenv("XUEJI_SETTINGS_DIR", str(tmp_path / "settings"))


def make_pdf(path: Path, pages: int, size=A4) -> Path:
    c = canvas.Canvas(str(path), pagesize=size)
    for n in range(pages):
        c.rect(40, 40, size[0] - 80, size[1] - 80, fill=1)  # a black page, its margins white
        c.showPage()
    c.save()
    return path


def file_printer(path: Path) -> QPrinter:
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(path))
    return printer


def previews_print_to(monkeypatch, out: Path, seen) -> None:
    """Each preview is looked at by `seen(dialog)`, then its 打印… sends the pages to the PDF file `out`."""
    def preview(dialog):
        seen(dialog)
        dialog.print_(printer=file_printer(out))

    monkeypatch.setattr(printing, "show_preview", preview)
    monkeypatch.setattr(printing, "ask_printer", lambda dialog: True)


def test_landscape_form_printed_in_three_copies_on_a4_landscape(app, tmp_path, monkeypatch):
    source = make_pdf(tmp_path / "form.pdf", 2, landscape(A4))
    asked = []
    monkeypatch.setattr(printing, "ask_printer", lambda dialog: asked.append(dialog.windowTitle()) or True)
    out = tmp_path / "printed.pdf"
    spec = printing.PrintSpec("营口市义务教育阶段学生休学复学申请表", 3, "《营口市规定》四(二)2、附件2")

    assert printing.print_pdf(None, source, spec, printer=file_printer(out)) == str(out)

    assert asked == ["打印 — 营口市义务教育阶段学生休学复学申请表（一式三份（《营口市规定》四(二)2、附件2））"]
    pages = PdfReader(out).pages
    assert len(pages) == 6  # 2 pages × 3 copies, collated
    for page in pages:
        assert (round(float(page.mediabox.width)), round(float(page.mediabox.height))) == (842, 595)
    image = printing.page_image(printing.open_pdf(out)[5], 20)  # the last sheet: black inside, white margin
    assert image.pixelColor(image.width() // 2, image.height() // 2).lightness() < 30
    assert image.pixelColor(3, 3).lightness() > 225


def test_preview_draws_the_pages_offscreen(app, tmp_path, qtbot):
    dialog = printing.PrintPreview(make_pdf(tmp_path / "form.pdf", 3), printing.PrintSpec("附件1", 2, "附件1"))
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitUntil(lambda: dialog.view.pageCount() == 3)
    assert dialog.rendered == 3  # one copy shown, whatever the copies printed
    assert dialog.page_label.text() == "共 3 页，第 1 页；打印一式两份（附件1）"
    assert dialog.windowTitle() == "打印预览 — 附件1"


def test_the_printer_chosen_is_remembered_in_the_user_settings(tmp_path):
    assert printing.remembered_printer() == ""
    printing.remember_printer("办公室 HP LaserJet")
    assert printing.remembered_printer() == "办公室 HP LaserJet"
    ini = (tmp_path / "settings" / "xueji-desktop.ini").read_text(encoding="utf-8")
    assert "printer=" in ini
    assert user_settings.settings().value(printing.PRINTER_KEY) == "办公室 HP LaserJet"


class FakeInfo:  # the only fake: what the system says about its printers
    def __init__(self, state):
        self._state = state

    def isNull(self):
        return self._state is None

    def state(self):
        return self._state

    @staticmethod
    def names():
        return ["办公室打印机"]


def test_a_printer_in_error_is_named_and_nothing_is_printed(app, tmp_path, monkeypatch, messages):
    info = FakeInfo(QPrinter.PrinterState.Error)
    monkeypatch.setattr(printing.QPrinterInfo, "availablePrinterNames", staticmethod(FakeInfo.names))
    monkeypatch.setattr(printing.QPrinterInfo, "printerInfo", staticmethod(lambda name: info))
    monkeypatch.setattr(printing, "ask_printer", lambda dialog: True)
    assert "打印机“办公室打印机”现在不能打印" in printing.printer_problem("办公室打印机")
    sent = []
    monkeypatch.setattr(printing, "render", lambda *a, **k: sent.append(a))

    printed = printing.print_pdf(None, make_pdf(tmp_path / "f.pdf", 1), printing.PrintSpec("表"))

    assert printed is None and sent == []
    [(title, text, details)] = messages
    assert title == "未打印" and "现在不能打印" in text and "纸张" in text and "Traceback" not in text
    assert details == "本次没有打印，也没有记入查询登记。"
    info._state = None  # gone from the system
    assert "找不到打印机“办公室打印机”" in printing.printer_problem("办公室打印机")


def test_from_the_menu_to_a_printed_file_logged(window, tmp_path, monkeypatch):
    out = tmp_path / "printed.pdf"
    previews = []

    previews_print_to(monkeypatch, out, lambda dialog: previews.append(dialog.view.pageCount()))
    assert window.select_student(Student.get(Student.name == "张三").id)
    action = window.print_actions["student_info"]
    assert action.isEnabled() and action.text().startswith("学生基本信息表")
    assert window.paperwork_menu.findChild(type(window.paperwork_menu), "print_menu") is not None

    before = AccessLog.select().order_by(AccessLog.id.desc()).first().id
    action.trigger()

    assert previews and previews[0] >= 1
    assert len(PdfReader(out).pages) == previews[0]
    rows = [(r.action, r.subject, r.target, [p.student.id for p in r.pupils])
            for r in AccessLog.select().where(AccessLog.id > before).order_by(AccessLog.id)]
    pupil = window.selected_student_id()
    assert rows == [("open", "学生基本信息表", "打印预览", [pupil]),
                    ("print", "学生基本信息表", f"打印到文件：{out}", [pupil])]
    assert window.statusBar().currentMessage() == f"已发送到打印到文件：{out}"


def test_yingkou_annexes_print_in_the_copies_their_text_asks(app, tmp_path, clock, monkeypatch):
    from tests.conftest import make_school
    from xueji_desktop.core.casework.cases import CaseKind
    from xueji_desktop.gui import case_dialog

    ws = make_school(tmp_path / "yk.sqlite3", profile_id="yingkou", today=dt.date(2026, 9, 10))
    transfer = case_dialog.print_spec(ws, "yk_transfer_contact")
    assert (transfer.copies, transfer.copies_source) == (2, "《营口市规定》四(一)3、附件1")
    annex2 = case_dialog.print_spec(ws, "yk_suspension_resumption", CaseKind.SUSPENSION)
    assert (annex2.copies, annex2.copies_source) == (3, "《营口市规定》四(二)2、附件2")
    out = tmp_path / "annex2.pdf"
    shown = []

    previews_print_to(monkeypatch, out, lambda dialog: shown.append(len(dialog.doc)))

    dialog = case_dialog.print_status(None, ws, "yk_suspension_resumption", None, True, CaseKind.SUSPENSION)

    assert dialog.printed == str(out) and shown == [1]  # the blank 附件2, one page
    assert len(PdfReader(out).pages) == 3  # 一式三份
    assert not Path(dialog.pdf).exists()  # the temporary file went with the preview
    ws.close()


def test_term_review_sheet_prints_two_copies_and_the_report_dialogs_offer_print(window, ws, tmp_path, monkeypatch):
    from xueji_desktop.gui.dropout_list import DropoutList
    from xueji_desktop.gui.term_review_dialog import TermReviewDialog

    out = tmp_path / "review.pdf"
    pages = []

    previews_print_to(monkeypatch, out, lambda dialog: pages.append(len(dialog.doc)))
    dialog = TermReviewDialog(ws, window)
    assert dialog.to_printer_button.text() == "打印…"
    dialog.to_printer_button.click()
    assert len(PdfReader(out).pages) == 2 * pages[0]  # 本表一式两份
    row = AccessLog.select().order_by(AccessLog.id.desc()).first()
    assert (row.action, row.target) == ("print", f"打印到文件：{out}")
    assert DropoutList(ws, window).report_to_printer.text() == "打印…"


def test_a_preview_is_logged_as_seen_and_its_print_as_printed_other_actions_kept(ws):
    from xueji_desktop.core.accounts import access_log
    from xueji_desktop.core.accounts.access_log import Action

    pupil = Student.get(Student.name == "张三")
    job = access_log.PrintJob("打印预览", action=Action.OPEN)
    with access_log.printing_to(job):
        access_log.record(ws, Action.PRINT, "学生基本信息表", [pupil])
        access_log.record(ws, Action.EXPORT, "学生名单", [pupil])
    with access_log.reprinted(ws, job.rows, "打印机：办公室"):
        pass
    rows = [(r.action, r.subject, r.target, [p.student.id for p in r.pupils])
            for r in AccessLog.select().order_by(AccessLog.id.desc()).limit(4)][::-1]
    assert rows == [("open", "学生基本信息表", "打印预览", [pupil.id]), ("export", "学生名单", "打印预览", [pupil.id]),
                    ("print", "学生基本信息表", "打印机：办公室", [pupil.id]),
                    ("export", "学生名单", "打印机：办公室", [pupil.id])]


def test_a_register_prints_from_its_dialog_on_the_pages_of_its_pdf(app, tmp_path, clock, qtbot, monkeypatch,
                                                                    messages):
    from tests.gui.test_paperwork_gui import CZ_NAME, dialog_for, open_window, school_of

    ws = school_of(tmp_path, "changzhi", CZ_NAME, clock)
    win = open_window(ws, qtbot)
    out = tmp_path / "roster.pdf"
    shown = []

    previews_print_to(monkeypatch, out, lambda dialog: shown.append([page.get_size() for page in dialog.doc]))
    dialog = dialog_for(win, "class_roster")
    assert dialog.print_button.text().startswith("打印")
    dialog.print_button.click()

    assert messages == [] and dialog.printed == str(out) and dialog.result() == dialog.DialogCode.Accepted
    printed = PdfReader(out).pages
    assert len(printed) == len(shown[0])
    for page, (width, height) in zip(printed, shown[0], strict=True):  # each page as the register's PDF has it
        assert (round(float(page.mediabox.width)), round(float(page.mediabox.height))) == (round(width), round(height))
    row = AccessLog.select().order_by(AccessLog.id.desc()).first()
    assert (row.action, row.subject, row.target) == ("print", "在校生分班名册", f"打印到文件：{out}")
    win.close()
    ws.close()


def choose_file_in_dialog(out: Path, titles: list):
    """The print dialog answered as a registrar would choose 打印到文件 in it: the dialog's own printer is given
    the file (its .pdf suffix makes it Qt's PDF output)."""
    def ask(dialog):
        titles.append(dialog.windowTitle())
        dialog.printer().setOutputFileName(str(out))
        return True

    return ask


def test_ctrl_p_opens_the_print_dialog_and_the_pdf_is_saved_beside_it(window, tmp_path, monkeypatch, messages):
    from PySide6.QtGui import QKeySequence

    out = tmp_path / "ctrl-p.pdf"
    titles = []
    monkeypatch.setattr(printing.QPrinterInfo, "availablePrinterNames", staticmethod(lambda: ["办公室打印机"]))
    monkeypatch.setattr(printing, "ask_printer", choose_file_in_dialog(out, titles))
    monkeypatch.setattr(printing, "show_preview", lambda dialog: pytest.fail("Ctrl+P goes to the print dialog"))
    pupil = Student.get(Student.name == "张三").id
    assert window.select_student(pupil)
    assert window.print_action.shortcut() == QKeySequence("Ctrl+P")
    assert plain(window.save_info_action.text()) == "学生基本信息表另存为 PDF…" and window.save_info_action.isEnabled()
    assert window.save_info_action.shortcut().isEmpty()
    before = AccessLog.select().order_by(AccessLog.id.desc()).first().id
    monkeypatch.setattr(printing.QPrinterInfo, "availablePrinterNames", staticmethod(list))
    window.print_action.trigger()  # no printer on this PC: said, and nothing made or logged
    assert "没有安装打印机" in messages.pop()[1] and titles == [] and not out.exists()
    assert AccessLog.select().where(AccessLog.id > before).count() == 0
    monkeypatch.setattr(printing.QPrinterInfo, "availablePrinterNames", staticmethod(lambda: ["办公室打印机"]))

    window.print_action.trigger()

    assert titles == ["打印 — 学生基本信息表"] and messages == []
    pages = PdfReader(out).pages
    assert len(pages) >= 1
    for page in pages:  # the form's A4 portrait
        assert (round(float(page.mediabox.width)), round(float(page.mediabox.height))) == (595, 842)
    rows = [(r.action, r.subject, r.target, [p.student.id for p in r.pupils])
            for r in AccessLog.select().where(AccessLog.id > before).order_by(AccessLog.id)]
    assert rows == [("print", "学生基本信息表", f"打印到文件：{out}", [pupil])]  # made and sent in one transaction
    assert window.statusBar().currentMessage() == f"已发送到打印到文件：{out}"


def test_the_dropout_report_prints_one_copy_per_addressee_and_one_kept(window, ws, tmp_path, monkeypatch):
    from xueji_desktop.core.forms.dropout_report import report_copies
    from xueji_desktop.core.region_profiles.profiles import load_profile

    # 《长治市实施细则》第三十三条: 书面上报乡镇人民政府、县级教育行政部门和学籍主管部门 — three, and the school's
    assert report_copies(load_profile("changzhi")) == (4, "《长治市实施细则》第三十三条；本报告表注")
    assert report_copies(load_profile("national")) == (3, "本报告表注")  # no text: the report's own 一式三份
    copies, source = report_copies(ws.profile)
    out = tmp_path / "dropout.pdf"
    sheets, said = [], []

    def seen(dialog):
        sheets.append(len(dialog.doc))
        said.append(subprocess.run(["pdftotext", str(dialog.pdf), "-"], capture_output=True, text=True,
                                   check=True).stdout)
        assert dialog.page_label.text().endswith(f"；打印{dialog.spec.copies_note}")

    previews_print_to(monkeypatch, out, seen)
    assert plain(window.dropout_report_pdf_action.text()) == "辍学学生情况报告另存为 PDF…"
    before = max((r.id for r in AccessLog.select(AccessLog.id)), default=0)

    window.dropout_report_action.trigger()

    assert copies == 3 and len(PdfReader(out).pages) == copies * sheets[0]
    assert "本报告一式三份" in said[0].replace(" ", "").replace("\n", "")  # what the printer was told, the report says
    rows = [(r.action, r.subject, r.target)
            for r in AccessLog.select().where(AccessLog.id > before).order_by(AccessLog.id)]
    assert rows == [("open", "辍学学生情况报告", "打印预览"), ("print", "辍学学生情况报告", f"打印到文件：{out}")]
    assert source.endswith("本报告表注")
