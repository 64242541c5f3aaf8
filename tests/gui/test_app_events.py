"""The application's one event filter (gui/app_events.py): handlers by event type, lifted while the main window
is built and back after its first paint (or when the window goes without ever being painted)."""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt
from PySide6.QtWidgets import QApplication, QWidget

from xueji_desktop.gui import app_events
from xueji_desktop.gui.first_paint import painted
from xueji_desktop.gui.main_window import MainWindow


def _custom() -> QEvent.Type:
    return QEvent.Type(QEvent.registerEventType())


def test_a_handler_sees_its_event_type_on_any_object_until_stopped(app):
    kind, other = _custom(), _custom()
    seen: list[tuple[QWidget, QEvent.Type]] = []
    stop = app_events.on((kind,), lambda obj, event: seen.append((obj, event.type())) or False, app)
    a, b = QWidget(), QWidget()
    QApplication.sendEvent(a, QEvent(kind))
    QApplication.sendEvent(b, QEvent(other))  # not its type
    QApplication.sendEvent(b, QEvent(kind))
    assert seen == [(a, kind), (b, kind)]
    stop()
    QApplication.sendEvent(a, QEvent(kind))
    assert len(seen) == 2


def test_a_handler_that_returns_true_consumes_the_event(app):
    kind = _custom()
    later: list[QWidget] = []
    stop_first = app_events.on((kind,), lambda obj, event: True, app)
    stop_second = app_events.on((kind,), lambda obj, event: later.append(obj) or False, app)
    try:
        QApplication.sendEvent(QWidget(), QEvent(kind))
        assert later == []
    finally:
        stop_first()
        stop_second()


def test_the_filter_is_off_while_the_window_is_built_and_back_after_its_first_paint(app, ws, qtbot):
    assert app_events.is_listening(app)
    window = MainWindow(ws)
    qtbot.addWidget(window)
    assert not app_events.is_listening(app) and not painted(window)
    window.show()
    qtbot.waitUntil(lambda: painted(window), timeout=5000)
    assert app_events.is_listening(app)


def test_a_window_closed_before_it_was_painted_gives_the_filter_back(app, ws, qtbot):
    window = MainWindow(ws)
    assert not app_events.is_listening(app)
    window.deleteLater()
    qtbot.waitUntil(lambda: app_events.is_listening(app), timeout=900)  # before the paint's own fallback (1 s)


def test_the_next_test_gets_the_filter_back_from_a_window_its_predecessor_closed_unpainted(request, qapp, ws):
    window = MainWindow(ws)
    window.close()  # as pytest-qt's teardown does: close, then deleteLater, with no event loop in between
    window.deleteLater()
    del window
    assert not app_events.is_listening(qapp)
    app = request.getfixturevalue("app")  # as the next test's fixture
    assert app_events.is_listening(app)
    qtbot = request.getfixturevalue("qtbot")
    dialog = QWidget()
    qtbot.addWidget(dialog)
    seen: list[QWidget] = []
    stop = app_events.on((QEvent.Type.KeyPress,), lambda obj, event: seen.append(obj) or False, app)
    try:
        qtbot.keyPress(dialog, Qt.Key.Key_F1)
    finally:
        stop()
    assert seen == [dialog]


def test_preloading_that_fails_is_logged_and_leaves_the_work_to_the_main_thread(caplog):
    from xueji_desktop.gui.preloading import preload

    thread = preload(lambda: __import__("xueji_desktop.no_such_module"), "test")
    thread.join(5)
    assert not thread.is_alive()
    assert "preloading test failed" in caplog.text and "no_such_module" in caplog.text


def test_the_window_loads_what_the_wizards_need_on_a_thread_after_its_first_paint(app, ws, qtbot, monkeypatch):
    from xueji_desktop.gui import main_window, preloading

    started: list[str] = []
    monkeypatch.setattr(preloading, "DIALOGS_AFTER_MS", 0)
    monkeypatch.setattr(preloading, "warm_dialogs", lambda: started.append("dialogs"))
    window = main_window.MainWindow(ws)
    qtbot.addWidget(window)
    assert started == []  # not while the window is built
    window.show()
    qtbot.waitUntil(lambda: started == ["dialogs"], timeout=5000)


def test_the_dialogs_preload_imports_the_wizards_and_reads_the_county_list():
    import subprocess
    import sys

    from tests.conftest import ROOT

    code = ("import sys; from xueji_desktop.gui import preloading; from xueji_desktop.core.pupils import regions; "
            "preloading.warm_dialogs().join(60); "
            "print(sorted(m for m in ('xueji_desktop.gui.transfer_wizard', 'xueji_desktop.gui.enrol_wizard', "
            "'xueji_desktop.gui.change_wizard', 'xueji_desktop.gui.case_dialog') if m in sys.modules)); "
            "print(regions._load.cache_info().currsize)")
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=120,
                         env={**__import__("os").environ, "QT_QPA_PLATFORM": "offscreen"})
    assert out.returncode == 0, out.stderr[-2000:]
    modules, counties = out.stdout.splitlines()
    assert modules == str(sorted(["xueji_desktop.gui.transfer_wizard", "xueji_desktop.gui.enrol_wizard",
                                  "xueji_desktop.gui.change_wizard", "xueji_desktop.gui.case_dialog"]))
    assert counties == "1"  # the county list is read and kept
