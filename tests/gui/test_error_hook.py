"""An error nothing caught in the window (school or bureau): logged, shown in a Chinese box, and the
window goes on."""

import sys
import threading

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QMessageBox, QPushButton, QVBoxLayout, QWidget

from xueji_desktop import crash_log
from xueji_desktop.core.rules.findings import Finding, RuleViolation, Severity
from xueji_desktop.gui import error_hook


@pytest.fixture
def boxes(monkeypatch, tmp_path):
    """The critical and warning boxes the hook would show, as (kind, title, text); the log in tmp_path."""
    monkeypatch.setenv(crash_log.LOG_DIR_ENV, str(tmp_path / "log"))
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)  # restored after the test
    monkeypatch.setattr(threading, "excepthook", threading.excepthook)
    shown = []
    for kind in ("critical", "warning"):
        monkeypatch.setattr(QMessageBox, kind, staticmethod(
            lambda parent, title, text, *rest, kind=kind: shown.append((kind, title, text))
            or QMessageBox.StandardButton.Ok))
    yield shown
    crash_log.uninstall()


def window_with_button(qtbot, title, slot):
    win = QWidget()
    win.setWindowTitle(title)
    button = QPushButton("保存", win)
    QVBoxLayout(win).addWidget(button)
    button.clicked.connect(slot)
    qtbot.addWidget(win)
    win.show()
    win.activateWindow()
    qtbot.waitExposed(win)
    return win, button


@pytest.mark.qt_no_exception_capture
def test_error_in_a_slot_is_logged_and_shown_and_the_window_goes_on(app, qtbot, boxes, tmp_path):
    error_hook.install()
    calls = []

    def save():
        calls.append(1)
        raise RuntimeError("注入的故障")

    win, button = window_with_button(qtbot, "学生注册", save)
    button.click()
    assert len(boxes) == 1
    kind, title, text = boxes[0]
    log_file = tmp_path / "log" / crash_log.LOG_NAME
    assert kind == "critical" and title == "出错了"
    assert "未能完成" in text and "RuntimeError: 注入的故障" in text
    assert "没有留下写了一半的数据" in text
    assert f"日志文件：{log_file}" in text
    logged = log_file.read_text(encoding="utf-8")
    assert "Traceback (most recent call last)" in logged and "in save" in logged

    button.click()  # the window still answers
    QTimer.singleShot(0, save)  # and an error from the event loop is caught the same way
    qtbot.waitUntil(lambda: len(boxes) == 3)
    assert calls == [1, 1, 1] and win.isVisible()


@pytest.mark.qt_no_exception_capture
def test_a_rule_violation_that_escaped_shows_its_findings(app, qtbot, boxes, tmp_path):
    error_hook.install()
    finding = Finding(rule="test.rule", severity=Severity.BLOCK, field="id_number", message="身份证件号校验位错误")

    def save():
        raise RuleViolation([finding])

    _, button = window_with_button(qtbot, "学生注册", save)
    button.click()
    assert boxes == [("warning", "未能完成", "未写入任何内容，请先处理以下问题：\n• 身份证件号校验位错误")]
    assert not (tmp_path / "log").exists()


def test_school_window_start_up_failure_is_shown_and_logged(app, boxes, monkeypatch, tmp_path, ws):
    from xueji_desktop.gui import app as app_module

    def broken(workspace):
        raise RuntimeError("登录时出错")

    monkeypatch.setattr(app_module, "sign_in", broken)
    try:  # the start-up check of the PC's date, where there is one: the date is right
        from xueji_desktop.gui import clock_prompt
    except ImportError:
        pass
    else:
        monkeypatch.setattr(clock_prompt, "confirm_clock", lambda parent=None: True)
    assert app_module.run_app(ws.path) == 1
    assert sys.excepthook is error_hook._hook  # installed for the life of the window
    (kind, _title, text), = boxes
    assert kind == "critical" and text.startswith("打开主窗口未能完成") and "登录时出错" in text
    assert "登录时出错" in (tmp_path / "log" / crash_log.LOG_NAME).read_text(encoding="utf-8")


def test_bureau_window_installs_the_same_hook(app, boxes, monkeypatch, tmp_path):
    from xueji_desktop.bureau import store as store_module
    from xueji_desktop.gui.bureau import window as bureau_window

    class Store:
        closed = False

        def identity(self):
            raise RuntimeError("教育局数据库读取出错")

        def close(self):
            Store.closed = True

    monkeypatch.setattr(store_module, "open_store", lambda target, **kw: Store())
    assert bureau_window.run_bureau_window(tmp_path / "bureau.sqlite3") == 1
    assert sys.excepthook is error_hook._hook and Store.closed
    (kind, _title, text), = boxes
    assert kind == "critical" and text.startswith("打开教育局端窗口未能完成") and "日志文件" in text
