"""设置 → 字号: 特大 enlarges every open window's text at once (and the table rows with it), is kept in this
user's settings file and applied again at the next start; a value the program does not offer counts as 标准."""

from __future__ import annotations

import pytest

from xueji_desktop.gui import font_size, user_settings


@pytest.fixture(autouse=True)
def own_settings(tmp_path, monkeypatch):
    monkeypatch.setenv("XUEJI_SETTINGS_DIR", str(tmp_path / "settings"))
    yield tmp_path / "settings" / "xueji-desktop.ini"
    from PySide6.QtWidgets import QApplication

    app = QApplication.instance()
    if app is not None:
        font_size.apply(app, 100)  # the next test starts at the usual size


def test_extra_large_applies_at_once_and_is_remembered(app, window, own_settings, qtbot):
    from xueji_desktop.gui.main_window import MainWindow
    from xueji_desktop.gui.qt_setup import POINT_SIZE, configure

    assert app.font().pointSizeF() == POINT_SIZE and window.font_size_actions[100].isChecked()
    row = window.table.verticalHeader().defaultSectionSize()
    label_height = window.count_label.sizeHint().height()
    window.font_size_actions[130].trigger()
    assert app.font().pointSizeF() == pytest.approx(13.0)
    qtbot.waitUntil(lambda: window.search.font().pointSizeF() == pytest.approx(13.0))  # an open window, as it is
    qtbot.waitUntil(lambda: window.count_label.sizeHint().height() > label_height)
    assert window.table.verticalHeader().defaultSectionSize() == round(row * 1.3)
    assert own_settings.is_file() and "font_percent=130" in own_settings.read_text("utf-8")
    assert user_settings.get(font_size.KEY, kind=int) == 130

    configure(app)  # the next start: Qt's font first, then this user's size
    assert app.font().pointSizeF() == pytest.approx(13.0)
    again = MainWindow(window.ws)
    qtbot.addWidget(again)
    assert again.font_size_actions[130].isChecked() and not again.font_size_actions[100].isChecked()

    again.font_size_actions[100].trigger()
    assert app.font().pointSizeF() == POINT_SIZE and user_settings.get(font_size.KEY, kind=int) == 100


def test_the_menu_entries_and_an_unknown_value(app, window):
    menu = window.findChild(type(window.menuBar().actions()[0].menu()), "font_size_menu")
    from xueji_desktop.gui.keyboard import plain

    assert [plain(a.text()) for a in menu.actions()] == ["标准（100%）", "大（115%）", "特大（130%）"]
    settings_menu = next(a.menu() for a in window.menuBar().actions() if plain(a.text()) == "设置")
    assert menu.menuAction() in settings_menu.actions() and plain(menu.title()) == "字号"
    user_settings.put(font_size.KEY, 999)
    assert font_size.saved() == 100
    with pytest.raises(ValueError, match="字号只能是"):
        font_size.choose(999)


def _fits(window) -> bool:
    """The 学籍号 column shows the longest number whole."""
    from xueji_desktop.gui.roster_model import COL_NUMBER

    table, model = window.table, window.table.model()
    numbers = [str(model.index(r, COL_NUMBER).data()) for r in range(model.rowCount())]
    widest = max(table.fontMetrics().horizontalAdvance(n) for n in numbers)
    return table.columnWidth(COL_NUMBER) >= widest + 2 * table.style().pixelMetric(table.style().PixelMetric.PM_FocusFrameHMargin) + 4


def test_extra_large_widens_the_number_column_and_the_pupils_name(app, window, qtbot):
    from xueji_desktop.gui.main_window import MainWindow

    window.view_tabs.setCurrentIndex(1)
    qtbot.waitUntil(lambda: window.table.model().rowCount() > 0)
    window.table.selectRow(0)
    name = window.detail.header.name
    qtbot.waitUntil(lambda: name.text() != "")
    points = name.font().pointSizeF()
    assert points > app.font().pointSizeF() * 1.5 and _fits(window)
    window.font_size_actions[130].trigger()
    assert name.font().pointSizeF() == pytest.approx(points * 1.3)  # its own size grows with the rest
    qtbot.waitUntil(lambda: window.table.font().pointSizeF() == pytest.approx(app.font().pointSizeF()))
    assert _fits(window)
    again = MainWindow(window.ws)  # the next start at 特大
    qtbot.addWidget(again)
    qtbot.waitUntil(lambda: again.table.model().rowCount() > 0)
    assert _fits(again)


def test_a_narrow_record_puts_one_pair_a_line(window, qtbot):
    window.view_tabs.setCurrentIndex(1)
    qtbot.waitUntil(lambda: window.table.model().rowCount() > 0)
    window.table.selectRow(0)
    detail = window.detail
    qtbot.waitUntil(lambda: detail.header.name.text() != "")
    window.resize(1366, 700)
    qtbot.waitUntil(lambda: detail._per_line == 2)
    number = detail._values["身份证件号"]
    window.resize(911, 512)  # 1366×768 at 150 % scaling
    qtbot.waitUntil(lambda: detail._per_line == 1)
    assert number.text() != "—"
    assert number.width() >= number.fontMetrics().horizontalAdvance(number.text())  # the whole number shows


def test_extra_large_enlarges_the_headings_and_gives_the_wider_table_its_room(app, window, qtbot):
    from xueji_desktop.gui.change_pages import pupil_line

    window.view_tabs.setCurrentIndex(1)
    qtbot.waitUntil(lambda: window.table.model().rowCount() > 0)
    pupil = window.table.model().row_at(0).id
    assert "font-size:12pt" in pupil_line(pupil)  # a change wizard's heading line at 标准
    table = window.table
    columns = lambda: sum(table.columnWidth(c) for c in range(table.model().columnCount() - 1))  # noqa: E731
    roster = window.splitter.sizes()[0]
    assert roster >= columns()
    window.font_size_actions[130].trigger()
    assert "font-size:15.6pt" in pupil_line(pupil)  # 12pt × 130 %: the heading stays above the text
    qtbot.waitUntil(lambda: window.splitter.sizes()[0] > roster)
    assert window.splitter.sizes()[0] >= columns()  # the widened columns fit: no sideways scrolling
    qtbot.waitUntil(lambda: not table.horizontalScrollBar().isVisible())
    assert window.splitter.sizes()[1] >= window.detail.minimumWidth()
    window.font_size_actions[100].trigger()
    assert "font-size:12pt" in pupil_line(pupil)
    qtbot.waitUntil(lambda: window.splitter.sizes()[0] < roster * 1.1)
