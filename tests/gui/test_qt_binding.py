"""PySide6 6.12.0 on Python 3.11 dropped a reference to None on every void call, so after some
thousands of calls the interpreter aborted ("none_dealloc"); 6.11.3 is pinned for that. This keeps
a future upgrade from bringing it back."""

import os
import sys

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtWidgets import QComboBox, QLabel  # noqa: E402


def test_void_calls_and_empty_values_keep_none_alive(qtbot):
    label, combo = QLabel(), QComboBox()
    qtbot.addWidget(label)
    qtbot.addWidget(combo)
    before = sys.getrefcount(None)
    for _ in range(20000):
        label.hide()
        combo.currentData()
    assert abs(sys.getrefcount(None) - before) < 100
