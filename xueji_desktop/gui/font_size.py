"""设置 → 字号: 标准, 大 or 特大 (100 %, 115 %, 130 % of the program's usual point size) for older eyes, applied
to every open window at once and remembered for this user of the PC (gui.user_settings, not the database).

`apply_saved(app)` runs at start (qt_setup.configure) after the application font is set; the usual size is
whatever that font had then, so the setting scales the face qt_setup chose rather than replacing it.
"""

from __future__ import annotations

from PySide6.QtGui import QAction, QActionGroup, QFont
from PySide6.QtWidgets import QApplication, QMenu, QTableView

from . import user_settings

KEY = "appearance/font_percent"
SIZES = (("标准", 100), ("大", 115), ("特大", 130))
PERCENTS = tuple(p for _, p in SIZES)
_BASE = "xueji_base_points"  # the application's property: the point size at 100 %


def saved() -> int:
    percent = user_settings.get(KEY, 100, int)
    return percent if percent in PERCENTS else 100


def _base_points(app: QApplication) -> float:
    base = app.property(_BASE)
    if base is None:
        base = app.font().pointSizeF()
        app.setProperty(_BASE, base)
    return float(base)


def current(app: QApplication) -> int:
    return round(app.font().pointSizeF() / _base_points(app) * 100)


def apply(app: QApplication, percent: int) -> None:
    """Sets the application font to `percent` of the usual size; open tables get rows to match."""
    old = app.font().pointSizeF()
    font = QFont(app.font())
    font.setPointSizeF(_base_points(app) * percent / 100)
    app.setFont(font)
    ratio = font.pointSizeF() / old if old > 0 else 1.0
    if abs(ratio - 1.0) < 1e-6:
        return
    for view in app.allWidgets():
        if isinstance(view, QTableView):
            rows = view.verticalHeader()
            rows.setDefaultSectionSize(max(rows.minimumSectionSize(), round(rows.defaultSectionSize() * ratio)))


def apply_saved(app: QApplication) -> None:
    _base_points(app)
    if saved() != 100:
        apply(app, saved())


def choose(percent: int) -> None:
    """The user's choice: applied now and kept for the next start."""
    if percent not in PERCENTS:
        raise ValueError(f"字号只能是 {PERCENTS} 之一：{percent}")
    apply(QApplication.instance(), percent)
    user_settings.put(KEY, percent)


def install_menu(window) -> QMenu:
    """设置 → 字号 ▸ 标准 / 大 / 特大 (the one in use checked)."""
    settings_menu = next((a.menu() for a in window.menuBar().actions()
                          if a.menu() is not None and a.text().startswith("设置")), None)
    menu = QMenu("字号", window)
    menu.setObjectName("font_size_menu")
    group = QActionGroup(menu)
    group.setExclusive(True)
    now = current(QApplication.instance())
    window.font_size_actions = {}
    for name, percent in SIZES:
        action = QAction(f"{name}（{percent}%）", menu)
        action.setCheckable(True)
        action.setChecked(percent == now)
        action.setStatusTip(f"界面文字大小：{name}，所有窗口立即改变，下次启动仍用此字号")
        action.triggered.connect(lambda _=False, p=percent: choose(p))
        group.addAction(action)
        menu.addAction(action)
        window.font_size_actions[percent] = action
    if settings_menu is not None:
        settings_menu.addSeparator()
        settings_menu.addMenu(menu)
    else:
        window.menuBar().addMenu(menu)
    return menu
