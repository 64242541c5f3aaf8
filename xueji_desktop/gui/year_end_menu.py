"""The 学年 menu: 学年结转…, 毕业生与证书编号… and the 升学 entries (登记升入学校…, 升学接续…), put in while the
window is built and greyed with the reason for an account without the right. The wizard and the dialogs behind
them (gui/year_end_wizard.py, graduates_dialog.py, next_school_dialog.py, admissions_dialog.py) and the year-end
and admission domain are imported when an entry is first chosen, so the start does not load them."""

from __future__ import annotations

from PySide6.QtGui import QAction

from ..core.accounts.roles import Permission
from . import operations

NO_RIGHT = "您的账号不能办理学籍业务：需要“学籍管理员”角色"


def open_year_end(window):
    from .year_end_wizard import open_wizard

    return open_wizard(window)


def open_graduates(window):
    from .year_end_wizard import open_graduates as open_dialog

    return open_dialog(window)


def open_next_school(window):
    from .next_school_dialog import open_dialog

    return open_dialog(window)


def open_admissions(window):
    from .admissions_dialog import open_dialog

    return open_dialog(window)


def install(window, menu_bar) -> None:
    menu = menu_bar.addMenu("学年(&Y)")
    window.year_end_action = QAction("学年结转（毕业、升级）…", window)
    window.year_end_action.triggered.connect(lambda: open_year_end(window))
    window.graduates_action = QAction("毕业生与证书编号…", window)
    window.graduates_action.triggered.connect(lambda: open_graduates(window))
    why = "" if window.ws.can(Permission.WORKFLOWS) else NO_RIGHT
    operations.explain_action(window.year_end_action, why, "毕业年级毕业（结业）、其他年级升级：检查、预览，确认后一次完成")
    operations.explain_action(window.graduates_action, why, "按学年查看毕业生，登记毕业（结业）证书编号")
    menu.addAction(window.year_end_action)
    menu.addAction(window.graduates_action)
    # 升学: the middle school named, admissions continued
    window.next_school_action = QAction("登记升入学校（升学）…", window)
    window.next_school_action.triggered.connect(lambda: open_next_school(window))
    entry = "初一、高一新生" if window.ws.kind.has_high and window.ws.kind.stages[0] != "high" else \
        "高一新生" if window.ws.kind.has_high else "初一新生"
    window.admissions_action = QAction(f"升学接续（{entry}）…", window)
    window.admissions_action.triggered.connect(lambda: open_admissions(window))
    operations.explain_action(window.next_school_action, why, "毕业班或毕业生升入的中学（学校标识码、名称），随批次报送教育局")
    operations.explain_action(window.admissions_action, why, f"教育局核准升入本校的学生：编入{entry[:-2]}班级，接续原学籍，学籍号不变")
    menu.addSeparator()
    menu.addAction(window.next_school_action)
    menu.addAction(window.admissions_action)
    _install_high_school(window, menu, why)


def _install_high_school(window, menu, why: str) -> None:
    """高中毕业资格 and 高中留级, where the school has 高中 and its region's text sets them (长治, 凉山)."""
    from ..core.school_year import high_graduation, repetition

    if not window.ws.kind.has_high:
        return
    wanted = []
    if high_graduation.applies(window.ws.profile):
        window.high_graduation_action = QAction("高中毕业资格审核…", window)
        window.high_graduation_action.triggered.connect(lambda: _open(window, "open_graduation"))
        operations.explain_action(window.high_graduation_action, why,
                                  "高三学生的学分、学业水平考试、基础素养评价等毕业条件：逐人登记或从 Excel 导入，列出尚缺的")
        wanted.append(window.high_graduation_action)
    if repetition.offered(window.ws.profile):
        window.repetition_action = QAction("高中留级…", window)
        window.repetition_action.triggered.connect(lambda: _open(window, "open_repetition"))
        operations.explain_action(window.repetition_action, why, "学校批准的高中学生留级申请（三年内不超过年级学生总数的 2%）")
        wanted.append(window.repetition_action)
    if wanted:
        menu.addSeparator()
        for action in wanted:
            menu.addAction(action)


def _open(window, name: str):
    from . import high_school_dialogs

    return getattr(high_school_dialogs, name)(window)
