"""The bureau window's 账号 → 打印查阅登记簿… (the print dialog, a printed file, the print logged naming the
printer in the bureau's 查询登记) and 查阅登记簿另存为 PDF… beside it; 科长 only."""

from __future__ import annotations

import subprocess

from pypdf import PdfReader

from tests.gui.test_bureau_window import bureau, county_dir, demo_county, store  # noqa: F401 — the fixtures
from xueji_desktop.bureau.access_log import BureauAccess
from xueji_desktop.gui import printing
from xueji_desktop.gui.keyboard import plain


def rows_after(before: int) -> list[tuple[str, str, str]]:
    return [(r.action, r.subject, r.target)
            for r in BureauAccess.select().where(BureauAccess.id > before).order_by(BureauAccess.id)]


def test_the_access_register_is_printed_and_saved_and_both_logged(bureau, store, tmp_path, monkeypatch,  # noqa: F811
                                                                   messages):
    monkeypatch.setenv("XUEJI_SETTINGS_DIR", str(tmp_path / "settings"))
    out = tmp_path / "printed.pdf"
    titles = []

    def ask(dialog):  # the registrar chooses 打印到文件 in Qt's print dialog
        titles.append(dialog.windowTitle())
        dialog.printer().setOutputFileName(str(out))
        return True

    monkeypatch.setattr(printing.QPrinterInfo, "availablePrinterNames", staticmethod(lambda: ["科室打印机"]))
    monkeypatch.setattr(printing, "ask_printer", ask)
    print_entry, pdf_entry = bureau.register_print_action, bureau.register_pdf_action
    assert (plain(print_entry.text()), plain(pdf_entry.text())) == ("打印查阅登记簿…", "查阅登记簿另存为 PDF…")
    assert print_entry.isEnabled() and pdf_entry.isEnabled()  # the demo's account is 科长
    assert print_entry in bureau.menuBar().actions()[2].menu().actions()  # 账号
    before = max((r.id for r in BureauAccess.select(BureauAccess.id)), default=0)
    monkeypatch.setattr(printing.QPrinterInfo, "availablePrinterNames", staticmethod(list))
    print_entry.trigger()  # no printer: said, nothing made or logged
    assert "没有安装打印机" in messages.pop()[1] and titles == [] and rows_after(before) == []
    monkeypatch.setattr(printing.QPrinterInfo, "availablePrinterNames", staticmethod(lambda: ["科室打印机"]))

    print_entry.trigger()

    assert titles == ["打印 — 学籍信息查阅登记簿"] and messages == []
    pages = PdfReader(out).pages
    assert [(round(float(p.mediabox.width)), round(float(p.mediabox.height))) for p in pages] == [(842, 595)]  # A4 横
    described = "日期 2026-10-21 至 2026-11-20"
    assert rows_after(before) == [("log_read", f"打印学籍信息查阅登记簿（{described}）", f"打印到文件：{out}")]

    saved = tmp_path / "登记簿"
    bureau.choose_save_path = lambda title, suggested, file_filter: str(saved)
    middle = max(r.id for r in BureauAccess.select(BureauAccess.id))
    pdf_entry.trigger()
    text = subprocess.run(["pdftotext", "-layout", str(saved) + ".pdf", "-"], capture_output=True, text=True,
                          check=True).stdout
    assert "打印学籍信息查阅登记簿" in text and "printed.pdf" in text  # the print is in the register it saved
    assert rows_after(middle) == [("log_read", f"打印学籍信息查阅登记簿（{described}）", str(saved) + ".pdf")]
    assert messages[-1][0] == "已保存"
