"""打印: a form or register sent to the office printer, from the same PDF that 另存为 PDF saves.

Every form is drawn once, by reportlab, into a PDF; printing does not draw it a second time. The PDF's pages
are rendered by pdfium (pypdfium2; PySide6-Essentials has QtPrintSupport but not QtPdf) into images at the
printer's resolution, capped at `PRINT_DPI` (a form is lines and text: 300 dpi is what a laser printer shows,
and an A4 page at 1200 dpi would be 400 MB of pixels), and painted full-page onto a QPrinter, so the form
keeps its own margins and its true size on paper.

`print_pdf(parent, pdf, spec)` is the one way to print: the Qt print dialog (Chinese: Qt's own translation is
loaded at start), the printer the registrar chose last time on this PC (`user_settings`, "printing/printer"),
A4 portrait or landscape as the PDF's pages are, `spec.copies` copies (the text's 一式两份/一式三份, read from
the profile's form entry, article cited in `spec.copies_source`). A printer that is missing, stopped, paused,
out of paper or offline (Qt reports all as the Error state) is named in a message saying what to check, before
and after sending; nothing is printed and nothing logged then.

`print_made(parent, ws, spec, make)` is what the windows call beside 另存为 PDF: `make(path)` writes the form
as the save would (logging its 查询登记 row, here as 查看 with target 打印预览), the preview shows the pages, and
its 打印… sends the same file and logs one 打印 row per previewed row, naming the printer, in the
transaction of the printing. `ask_printer` and `show_preview` are the dialogs a test replaces.

打印预览 (`PrintPreview`) shows the pages exactly as they go to the printer (the same PDF, rendered the same
way, on the same page layout): Qt's QPrintPreviewWidget draws and zooms, and the dialog around it is ours so
that its 打印… goes through `print_pdf` (printer remembered, state checked, the print logged), not Qt's own.
"""

from __future__ import annotations

import logging
import shutil
import tempfile
from collections.abc import Callable
from contextlib import AbstractContextManager, nullcontext
from dataclasses import dataclass
from pathlib import Path

import shiboken6
from PySide6.QtCore import QMarginsF, QRectF, QSizeF, Qt
from PySide6.QtGui import QImage, QPageLayout, QPageSize, QPainter
from PySide6.QtPrintSupport import QAbstractPrintDialog, QPrintDialog, QPrinter, QPrinterInfo, QPrintPreviewWidget
from PySide6.QtWidgets import QDialog, QHBoxLayout, QLabel, QMessageBox, QPushButton, QVBoxLayout, QWidget

from . import operations, user_settings

log = logging.getLogger(__name__)

PRINT_DPI = 300  # the most a page is rendered at for a printer
PREVIEW_DPI = 150  # what the preview renders at (it is seen on a screen)
PRINTER_KEY = "printing/printer"
A4_POINTS = (595.28, 841.89)
CN_COUNTS = {2: "两", 3: "三", 4: "四", 5: "五"}


@dataclass(frozen=True)
class PrintSpec:
    """What is printed: its title (the job's name, the dialogs' titles), how many copies the text asks for
    and the article that says so."""

    title: str
    copies: int = 1
    copies_source: str = ""

    @property
    def copies_note(self) -> str:
        if self.copies <= 1:
            return ""
        said = f"一式{CN_COUNTS.get(self.copies, str(self.copies))}份"
        return f"{said}（{self.copies_source}）" if self.copies_source else said


def spec_of(title: str, entry: dict | None = None, article: str = "") -> PrintSpec:
    """A profile form entry's spec: its `copies` (default 1) and the rule's article."""
    entry = entry or {}
    copies = int(entry.get("copies") or 1)
    return PrintSpec(title, max(copies, 1), article if copies > 1 else "")


class PrinterProblem(Exception):
    def __init__(self, message: str):
        self.message = message
        super().__init__(message)


# ── the PDF ──────────────────────────────────────────────────────────────────────────────────
def open_pdf(pdf: Path | str | bytes):
    import pypdfium2 as pdfium

    return pdfium.PdfDocument(pdf if isinstance(pdf, bytes) else str(pdf))


def page_layout(width_pt: float, height_pt: float) -> QPageLayout:
    """The page a PDF page of this size (points) is printed on: A4 when it is A4 either way round (the forms),
    else its own size; landscape when it is wider than tall. No margins: the form has its own."""
    landscape = width_pt > height_pt
    short, long_ = sorted((width_pt, height_pt))
    if abs(short - A4_POINTS[0]) < 3 and abs(long_ - A4_POINTS[1]) < 3:
        size = QPageSize(QPageSize.PageSizeId.A4)
    else:
        size = QPageSize(QSizeF(short, long_), QPageSize.Unit.Point, "", QPageSize.SizeMatchPolicy.FuzzyMatch)
    orientation = QPageLayout.Orientation.Landscape if landscape else QPageLayout.Orientation.Portrait
    return QPageLayout(size, orientation, QMarginsF(0, 0, 0, 0))


def page_image(page, dpi: float) -> QImage:
    """One PDF page rendered at `dpi`, white background, as a QImage that owns its pixels."""
    bitmap = page.render(scale=dpi / 72, fill_color=(255, 255, 255, 255), rev_byteorder=True)
    image = QImage(bitmap.buffer, bitmap.width, bitmap.height, bitmap.stride,
                   QImage.Format.Format_RGB888 if bitmap.n_channels == 3 else QImage.Format.Format_RGBX8888)
    return image.copy()


# ── the printer ──────────────────────────────────────────────────────────────────────────────
def remembered_printer() -> str:
    return user_settings.get(PRINTER_KEY, "", str) or ""


def remember_printer(name: str) -> None:
    if name:
        user_settings.put(PRINTER_KEY, name)


def printer_problem(name: str) -> str:
    """"" when the printer can take a job; else what is wrong and what to check, naming it."""
    if not QPrinterInfo.availablePrinterNames():
        return ("这台电脑上没有安装打印机。请先在系统的“打印机和扫描仪”里添加办公室的打印机；"
                "也可以先“另存为 PDF”，再拿到能打印的电脑上打印。")
    info = QPrinterInfo.printerInfo(name)
    if info.isNull():
        return (f"找不到打印机“{name}”。请确认它已接通电源、连好数据线或网络，"
                "然后在“打印”对话框里重新选择打印机。")
    if info.state() == QPrinter.PrinterState.Error:
        return (f"打印机“{name}”现在不能打印：可能没有开机、缺纸、卡纸、墨粉用完，或在系统里被暂停、脱机。"
                "请检查打印机的电源、纸张和指示灯，并在系统的“打印机”设置里确认它没有暂停或脱机，然后再打印。")
    return ""


def new_printer(spec: PrintSpec, layout: QPageLayout) -> QPrinter:
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    name = remembered_printer()
    if name and name in QPrinterInfo.availablePrinterNames():
        printer.setPrinterName(name)
    return configure(printer, spec, layout)


def configure(printer: QPrinter, spec: PrintSpec, layout: QPageLayout) -> QPrinter:
    printer.setDocName(spec.title)
    printer.setFullPage(True)
    printer.setPageLayout(layout)
    printer.setCopyCount(spec.copies)
    return printer


def ask_printer(dialog: QPrintDialog) -> bool:
    """The print dialog, shown (tests replace this)."""
    return dialog.exec() == QPrintDialog.DialogCode.Accepted


def print_dialog(printer: QPrinter, spec: PrintSpec, pages: int, parent: QWidget | None) -> QPrintDialog:
    dialog = QPrintDialog(printer, parent)
    dialog.setWindowTitle(f"打印 — {spec.title}" + (f"（{spec.copies_note}）" if spec.copies_note else ""))
    dialog.setMinMax(1, max(pages, 1))
    dialog.setOption(QAbstractPrintDialog.PrintDialogOption.PrintPageRange, pages > 1)
    dialog.setOption(QAbstractPrintDialog.PrintDialogOption.PrintCollateCopies, True)
    return dialog


def chosen_pages(printer: QPrinter, count: int) -> list[int]:
    """The page indexes (0-based) the dialog's range asks for, all of them by default."""
    if printer.printRange() == QPrinter.PrintRange.PageRange and printer.fromPage() > 0:
        first, last = printer.fromPage(), printer.toPage() or count
        return list(range(max(first, 1) - 1, min(last, count)))
    return list(range(count))


def render(printer: QPrinter, doc, pages: list[int] | None = None, dpi_cap: int = PRINT_DPI,
           dpi: float | None = None) -> int:
    """Paints the pages onto the printer, each on its own page of its own orientation; the copies by
    repeating them (collated) when the printer or its driver does not make copies itself. The sheets sent."""
    pages = list(range(len(doc))) if pages is None else pages
    to_file = bool(printer.outputFileName())  # a file holds its copies; a printer's driver makes them
    copies = 1 if printer.supportsMultipleCopies() and not to_file else max(printer.copyCount(), 1)
    sequence = [p for _ in range(copies) for p in pages] if printer.collateCopies() or copies == 1 \
        else [p for p in pages for _ in range(copies)]
    if not sequence:
        return 0
    printer.setPageLayout(page_layout(*doc[sequence[0]].get_size()))
    dpi = dpi or min(printer.resolution(), dpi_cap)
    painter = QPainter()
    if not painter.begin(printer):
        raise PrinterProblem(f"无法连接打印机“{printer.printerName() or printer.outputFileName()}”。"
                             "请检查它是否开机、连好，然后再打印。")
    try:
        for n, index in enumerate(sequence):
            page = doc[index]
            if n:
                printer.setPageLayout(page_layout(*page.get_size()))
                printer.newPage()
            image = page_image(page, dpi)
            target = QRectF(printer.paperRect(QPrinter.Unit.DevicePixel))
            size = QSizeF(image.size()).scaled(target.size(), Qt.AspectRatioMode.KeepAspectRatio)
            painter.drawImage(QRectF(target.topLeft(), size), image)
    finally:
        ended = painter.end()
    if not ended or printer.printerState() in (QPrinter.PrinterState.Error, QPrinter.PrinterState.Aborted):
        raise PrinterProblem(printer_problem(printer.printerName()) or
                             f"打印机“{printer.printerName()}”没有接受这份文件。请检查打印机后再打印。")
    return len(sequence)


def printer_button_beside(pdf_button: QPushButton, layout, tip: str, slot: Callable[[], object]) -> QPushButton:
    """打印… (a preview, then the printer) placed right after a form's 另存为 PDF button in `layout`, next in
    the Tab order."""
    button = QPushButton("打印…")
    button.setToolTip(tip)
    button.clicked.connect(lambda: slot())
    layout.insertWidget(layout.indexOf(pdf_button) + 1, button)
    QWidget.setTabOrder(pdf_button, button)
    return button


def refuse(parent: QWidget | None, message: str) -> None:
    operations.show_message(parent, QMessageBox.Icon.Warning, "未打印", message,
                            "本次没有打印，也没有记入查询登记。")


# ── the entry point ──────────────────────────────────────────────────────────────────────────
def print_pdf(parent: QWidget | None, pdf: Path | str | bytes, spec: PrintSpec,
              log_print: Callable[[str], AbstractContextManager] | None = None,
              printer: QPrinter | None = None) -> str | None:
    """Asks for the printer (the last one chosen preselected, `spec.copies` copies), checks it can print,
    sends the pages; `log_print(printer name)` is the transaction the sending happens in (the access log's
    rows). The printer's name, or None when cancelled or refused (a message said why)."""
    doc = open_pdf(pdf)
    try:
        layout = page_layout(*doc[0].get_size())
        if printer is None:
            if not QPrinterInfo.availablePrinterNames():
                refuse(parent, printer_problem(""))
                return None
            printer = new_printer(spec, layout)
        else:
            configure(printer, spec, layout)
        chosen = _ask_and_check(printer, spec, len(doc), parent)
        if chosen is None:
            return None
        name, label = chosen
        try:
            with (log_print(label) if log_print is not None else nullcontext()):
                render(printer, doc, chosen_pages(printer, len(doc)))
        except PrinterProblem as e:
            refuse(parent, e.message)
            return None
        holder = parent
        while holder is not None and not callable(getattr(holder, "statusBar", None)):
            holder = holder.parentWidget()  # the preview or a dialog: the window behind says it
        if holder is not None:
            holder.statusBar().showMessage(f"已发送到{label}", 8000)
        return name
    finally:
        doc.close()


def show_preview(dialog) -> None:
    """The preview, shown (tests replace this)."""
    dialog.exec()


def preview_pdf(parent: QWidget | None, pdf: Path | str | bytes, spec: PrintSpec,
                log_print: Callable[[str], AbstractContextManager] | None = None):
    dialog = PrintPreview(pdf, spec, parent, log_print=log_print)
    show_preview(dialog)
    return dialog


def print_made(parent: QWidget | None, ws, spec: PrintSpec, make: Callable[[Path], Path | None],
               preview: bool = True):
    """打印… beside 另存为 PDF: `make(path)` writes the form into a temporary file exactly as the save
    would (its 查询登记 rows logged as 查看 打印预览); the preview shows it and its 打印… sends it, logging one
    打印 row per form naming the printer. The preview dialog, or None when the form was not made.
    `preview=False` (Ctrl+P) is `print_direct`."""
    from ..core.accounts import access_log

    if not preview:
        return print_direct(parent, spec, make)
    folder = Path(tempfile.mkdtemp(prefix="xueji-print-"))
    job = access_log.PrintJob(target="打印预览", action=access_log.Action.OPEN)
    with access_log.printing_to(job):
        made = make(folder / f"{_safe(spec.title)}.pdf")
    if made is None or not Path(made).exists():
        return None

    def log_print(label: str):
        return access_log.reprinted(ws, job.rows, label)

    dialog = PrintPreview(made, spec, parent, log_print=log_print)
    dialog.finished.connect(lambda _code: shutil.rmtree(folder, ignore_errors=True))
    show_preview(dialog)
    return dialog


def print_direct(parent: QWidget | None, spec: PrintSpec, make: Callable[[Path], Path | None]) -> str | None:
    """The print dialog first (the remembered printer, the text's copies, A4), then the form made into a
    temporary file and sent to the printer chosen inside the transaction of its 查询登记 row, logged as 打印
    naming the printer (`access_log.PrintJob.send`): cancelled, refused or failed, nothing is logged. The
    printer's name, or None."""
    from ..core.accounts import access_log

    chosen = choose_printer(parent, spec)
    if chosen is None:
        return None
    printer, name, label = chosen
    job = access_log.PrintJob(target=label, send=lambda file: send_file(printer, file))
    folder = Path(tempfile.mkdtemp(prefix="xueji-print-"))
    try:
        with access_log.printing_to(job):
            make(folder / f"{_safe(spec.title)}.pdf")
    except PrinterProblem as e:  # a `make` that lets it through; run_op shows it itself
        refuse(parent, e.message)
        return None
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    if not job.sent:
        return None
    say_sent(parent, label)
    return name


def choose_printer(parent: QWidget | None, spec: PrintSpec) -> tuple[QPrinter, str, str] | None:
    """The print dialog before the form is made: (printer, its name, the access log's target), or None when
    there is no printer, the dialog was cancelled or the printer cannot print (a message said why). The
    pages are not made yet: all of them are printed, each in its own orientation."""
    if not QPrinterInfo.availablePrinterNames():
        refuse(parent, printer_problem(""))
        return None
    printer = new_printer(spec, page_layout(*A4_POINTS))
    chosen = _ask_and_check(printer, spec, 1, parent)
    return None if chosen is None else (printer, *chosen)


def _ask_and_check(printer: QPrinter, spec: PrintSpec, pages: int,
                   parent: QWidget | None) -> tuple[str, str] | None:
    """The print dialog, then the chosen printer's state: (its name, the access log's target), or None when
    cancelled or the printer cannot print (a message said why). The printer chosen is remembered."""
    dialog = print_dialog(printer, spec, pages, parent)
    try:
        if not ask_printer(dialog):
            return None
    finally:
        shiboken6.delete(dialog)  # it points at the printer: gone before the printer is
    native = not printer.outputFileName()  # the dialog's 打印到文件 sets a file name
    name = printer.printerName() if native else printer.outputFileName()
    if native:
        remember_printer(name)
        problem = printer_problem(name)
        if problem:
            refuse(parent, problem)
            return None
    return name, (f"打印机：{name}" if native else f"打印到文件：{name}")


def send_file(printer: QPrinter, file: Path | str) -> int:
    """Every page of the PDF to the printer chosen (PrinterProblem when it refuses)."""
    doc = open_pdf(file)
    try:
        return render(printer, doc)
    finally:
        doc.close()


def say_sent(parent: QWidget | None, label: str) -> None:
    holder = parent
    while holder is not None and not callable(getattr(holder, "statusBar", None)):
        holder = holder.parentWidget()  # the preview or a dialog: the window behind says it
    if holder is not None:
        holder.statusBar().showMessage(f"已发送到{label}", 8000)


def _safe(title: str) -> str:
    return "".join("_" if c in '\\/:*?"<>|' else c for c in title)[:60] or "表格"


# ── 打印预览 ────────────────────────────────────────────────────────────────────────────────────
class PrintPreview(QDialog):
    def __init__(self, pdf: Path | str | bytes, spec: PrintSpec, parent: QWidget | None = None,
                 log_print=None):
        super().__init__(parent)
        self.setObjectName("print_preview")
        self.pdf, self.spec, self.log_print = pdf, spec, log_print
        self.printed: str | None = None
        self.rendered = 0  # pages drawn by the last paint of the preview
        self.doc = open_pdf(pdf)
        self.setWindowTitle(f"打印预览 — {spec.title}")
        # the widget's own printer (it lives and dies with the widget); `render` lays its pages out as the
        # PDF's, one copy shown (the copies are the print dialog's)
        self.view = QPrintPreviewWidget(self)
        self.view.paintRequested.connect(self._paint)

        bar = QHBoxLayout()
        self.page_label = QLabel()
        buttons = [("上一页", self._previous), ("下一页", self._next), ("适合宽度", self.view.fitToWidth),
                   ("整页", self.view.fitInView), ("放大", lambda: self.view.zoomIn()),
                   ("缩小", lambda: self.view.zoomOut())]
        for text, slot in buttons:
            button = QPushButton(text)
            button.setAutoDefault(False)
            button.clicked.connect(slot)
            bar.addWidget(button)
        bar.addWidget(self.page_label, 1)
        self.print_button = QPushButton("打印(&P)…")
        self.print_button.setObjectName("print_button")
        self.print_button.clicked.connect(lambda: self.print_())
        self.close_button = QPushButton("关闭")
        self.close_button.clicked.connect(self.reject)
        bar.addWidget(self.print_button)
        bar.addWidget(self.close_button)

        layout = QVBoxLayout(self)
        layout.addLayout(bar)
        layout.addWidget(self.view, 1)
        self.view.previewChanged.connect(self._update_label)
        self.resize(1000, 720)
        self.view.updatePreview()
        self.view.fitToWidth()
        self.print_button.setDefault(True)

    def _paint(self, printer: QPrinter) -> None:
        if self.doc is not None:
            printer.setCopyCount(1)
            self.rendered = render(printer, self.doc, dpi=PREVIEW_DPI)

    def _previous(self) -> None:
        self.view.setCurrentPage(max(self.view.currentPage() - 1, 1))

    def _next(self) -> None:
        self.view.setCurrentPage(min(self.view.currentPage() + 1, self.view.pageCount()))

    def _update_label(self) -> None:
        text = f"共 {len(self.doc)} 页，第 {self.view.currentPage()} 页"
        if self.spec.copies_note:
            text += f"；打印{self.spec.copies_note}"
        self.page_label.setText(text)

    def print_(self, printer: QPrinter | None = None) -> str | None:
        """The print dialog for the previewed pages; closes the preview once they are sent."""
        self.printed = print_pdf(self, self.pdf, self.spec, self.log_print, printer=printer)
        if self.printed is not None:
            self.accept()
        return self.printed

    def done(self, code: int) -> None:
        if self.doc is not None:
            self.doc.close()
            self.doc = None
        super().done(code)
