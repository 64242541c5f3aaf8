"""设置 → 字号: 标准, 大 or 特大 (100 %, 115 %, 130 % of the program's usual point size) for older eyes, applied
to every open window at once and remembered for this user of the PC (gui.user_settings, not the database).

`apply_saved(app)` runs at start (qt_setup.configure) after the application font is set; the usual size is
whatever that font had then, so the setting scales the face qt_setup chose rather than replacing it.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QActionGroup, QFont
from PySide6.QtWidgets import QApplication, QHeaderView, QMenu, QTableView

from . import user_settings

KEY = "appearance/font_percent"
SIZES = (("标准", 100), ("大", 115), ("特大", 130))
PERCENTS = tuple(p for _, p in SIZES)
_BASE = "xueji_base_points"  # the application's property: the point size at 100 %
_SIZE_SET = 0x2  # QFont::SizeResolved: the widget's font names its own size


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
    for widget in app.allWidgets():
        own = widget.font()
        if widget.testAttribute(Qt.WidgetAttribute.WA_SetFont) and own.resolveMask() & _SIZE_SET and own.pointSizeF() > 0:
            own.setPointSizeF(own.pointSizeF() * ratio)  # a font of its own size (the pupil's name, a big number)
            widget.setFont(own)
        if isinstance(widget, QTableView):
            rows = widget.verticalHeader()
            rows.setDefaultSectionSize(max(rows.minimumSectionSize(), round(rows.defaultSectionSize() * ratio)))
            _scale_columns(widget.horizontalHeader(), ratio)


def _scale_columns(header: QHeaderView, ratio: float) -> None:
    """Columns of a set width (学籍号 …) widen with the text; stretched and fitted ones look after themselves."""
    last = header.count() - 1 if header.stretchLastSection() else -1
    for section in range(header.count()):
        if section != last and header.sectionResizeMode(section) in (QHeaderView.ResizeMode.Interactive,
                                                                      QHeaderView.ResizeMode.Fixed):
            header.resizeSection(section, round(header.sectionSize(section) * ratio))


def scaled(pixels: int) -> int:
    """A width in pixels set for the usual font size, at the size in use now (for columns built after the start)."""
    app = QApplication.instance()
    return round(pixels * current(app) / 100) if app is not None and app.property(_BASE) is not None else pixels


def points(standard: float) -> str:
    """A point size written for the usual font size, at the size in use now, for rich text (a wizard's heading
    set at 13pt at 标准 is 16.9pt at 特大): "16.9"."""
    app = QApplication.instance()
    percent = current(app) if app is not None and app.property(_BASE) is not None else 100
    return f"{standard * percent / 100:g}"


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
