"""The 档案 menu's entries, put in while the window is built: the registers and rosters the region's text requires,
the archive forms, the certificates and their stub registers, and 打印(&P) — each from the region's profile (light
reads, nothing printed). What an entry does (gui/paperwork_menu.py: the register dialog, the forms, the file
dialogs; gui/certificate_dialog.py) is imported when an entry is first chosen, so the start does not load them.
"""

from __future__ import annotations

from functools import partial

from PySide6.QtGui import QAction

from ..core.certificates.offers import offers, stub_registers
from ..core.forms.archive_offer import PUPIL, REGISTRAR, SCHOOL, Offered, offered_forms
from ..core.forms.offered_registers import OfferedRegister, offered_registers
from ..core.pupils import availability
from .operations import explain_action

ISSUE_TIP = "为所选学生出具学历证明或学习经历证明（按本地区规定），打印证明及存根"


# ── what the entries do, imported on first use ─────────────────────────────────────────────
def open_register(window, reg: OfferedRegister):
    from .paperwork_menu import open_register as open_dialog

    return open_dialog(window, reg)


def open_archive_form(window, offered: Offered, to_printer: bool = False):
    from .paperwork_menu import open_archive_form as open_form

    return open_form(window, offered, to_printer)


def print_student_info(window, preview: bool = True):
    from .paperwork_menu import print_student_info as print_form

    return print_form(window, preview)


def open_certificates(window):
    from .certificate_dialog import open_certificates as open_dialog

    return open_dialog(window)


def print_stub_register(window, what: str, title: str):
    from .certificate_dialog import print_stub_register as print_register

    return print_register(window, what, title)


# ── the menu ─────────────────────────────────────────────────────────────────────────────────
def register_tip(reg: OfferedRegister) -> str:
    how = "可选学期或日期区间" if reg.by_period else "按打印当日各班的学生"
    return f"{reg.source}：打印{reg.title}（{how}；PDF 或 Excel）"


def form_tip(offered: Offered) -> str:
    source = offered.article if offered.annex in offered.article else f"{offered.article} {offered.annex}"
    if offered.kind.subject == PUPIL:
        return f"{source}：把所选学生的{offered.title}保存为 PDF 并打开"
    if offered.kind.subject == SCHOOL:
        return f"{source}：填写本校数据中没有的项目，打印{offered.title}（PDF 和 Excel）"
    return f"{source}：打印{offered.title}，由学籍管理员签署（PDF）"


def install_menus(window, menubar) -> None:
    """Adds the 档案 menu after 学生; `update_actions` enables the entries that need a selected pupil."""
    ws = window.ws
    menu = menubar.addMenu("档案(&A)")
    menu.setObjectName("paperwork_menu")
    menu.setToolTipsVisible(True)
    window.paperwork_menu = menu
    window.register_actions = {}
    window.archive_actions = {}
    window.pupil_form_tips = {}  # the entries that print the selected pupil's form, with what they do
    for reg in offered_registers(ws.profile, ws.school):
        action = QAction(f"{reg.title}…", window)
        action.setToolTip(register_tip(reg))
        action.setStatusTip(register_tip(reg))
        action.triggered.connect(partial(open_register, window, reg))
        menu.addAction(action)
        window.register_actions[reg.id] = action
    forms = offered_forms(ws.profile)
    if window.register_actions and forms:
        menu.addSeparator()
    for offered in forms:
        pupil = offered.kind.subject == PUPIL
        action = QAction(f"{offered.title}（所选学生）…" if pupil else f"{offered.title}…", window)
        tip = form_tip(offered)
        action.setToolTip(tip)
        action.setStatusTip(tip)
        action.triggered.connect(partial(open_archive_form, window, offered))
        menu.addAction(action)
        window.archive_actions[offered.kind.id] = action
        if pupil:
            window.pupil_form_tips[offered.kind.id] = tip
    install_entries(window, menu)  # 学历证明, 学习经历证明 and the stub registers, where the region has them
    install_print_menu(window, menu, forms)


def install_print_menu(window, menu, forms: list[Offered]) -> None:
    """打印(&P): the pupil's forms and the pledge sent to the printer (a preview first), beside the entries
    above that save them as PDF; a register prints from its own dialog (打印… beside 保存…)."""
    menu.addSeparator()
    printing_menu = menu.addMenu("打印(&P)")
    printing_menu.setObjectName("print_menu")
    printing_menu.setToolTipsVisible(True)
    window.print_actions = {}
    info = QAction("学生基本信息表（所选学生）…", window)
    info.setToolTip("预览并打印所选学生的学生基本信息表")
    info.triggered.connect(lambda: print_student_info(window))  # not the signal's `checked` as `preview`
    printing_menu.addAction(info)
    window.print_actions["student_info"] = info
    window.pupil_form_tips["print:student_info"] = info.toolTip()
    for offered in forms:
        if offered.kind.subject not in (PUPIL, REGISTRAR):
            continue
        pupil = offered.kind.subject == PUPIL
        action = QAction(f"{offered.title}（所选学生）…" if pupil else f"{offered.title}…", window)
        tip = f"{form_tip(offered)}；预览后送打印机"
        action.setToolTip(tip)
        action.triggered.connect(partial(open_archive_form, window, offered, True))
        printing_menu.addAction(action)
        window.print_actions[offered.kind.id] = action
        if pupil:
            window.pupil_form_tips[f"print:{offered.kind.id}"] = tip


def update_actions(window, student) -> None:
    """Enables or explains the entries that print one pupil's form."""
    for kind_id, tip in getattr(window, "pupil_form_tips", {}).items():
        action = (window.print_actions[kind_id.removeprefix("print:")] if kind_id.startswith("print:")
                  else window.archive_actions[kind_id])
        explain_action(action, availability.needs_pupil(student), tip)
    update_entries(window, student)



# ── the certificates' entries ──────────────────────────────────────────────────────────────────────
def install_entries(window, menu) -> None:
    """出具证明（所选学生）… and each stub register the region keeps, after a separator; none where the region
    provides no certificate and names no stub register."""
    provided = [o for o in offers(window.ws.profile) if o.provided]
    registers = stub_registers(window.ws.profile)
    window.certificate_action = None
    window.stub_actions = {}
    if not provided and not registers:
        return
    menu.addSeparator()
    if provided:
        action = QAction("出具证明（所选学生）…", window)
        action.setObjectName("certificate_action")
        titles = "、".join(o.title for o in provided)
        tip = f"{ISSUE_TIP}：{titles}"
        action.setToolTip(tip)
        action.setStatusTip(tip)
        action.triggered.connect(lambda: open_certificates(window))
        menu.addAction(action)
        window.certificate_action = action
    for reg in registers:
        action = QAction(f"{reg.title}…", window)
        tip = f"{reg.source}：打印{reg.title}（PDF 或 Excel）"
        action.setToolTip(tip)
        action.setStatusTip(tip)
        action.triggered.connect(partial(print_stub_register, window, reg.what, reg.title))
        menu.addAction(action)
        window.stub_actions[reg.what] = action


def update_entries(window, student) -> None:
    action = getattr(window, "certificate_action", None)
    if action is None:
        return
    explain_action(action, None if student is not None else "请先在学生名单中选中学生", ISSUE_TIP)
