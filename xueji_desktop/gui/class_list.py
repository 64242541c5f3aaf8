"""The list of a grade's classes with their places, shown wherever a pupil is placed in a class."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QListWidget, QListWidgetItem

from ..core.pupils.pupil_reads import class_places


def fill_class_list(widget: QListWidget, grade: int | None, current: int | None = None,
                    own_class_id: int | None = None) -> None:
    """One line per class: pupils on the roll / planned places / free places; `own_class_id` is the
    pupil's own class (its place counts as free for them, and it is marked 原班级)."""
    widget.blockSignals(True)
    widget.clear()
    for klass in class_places(grade):
        taken = klass.occupied
        own = klass.id == own_class_id
        free = klass.capacity - taken + (1 if own else 0)
        entry = QListWidgetItem(f"{klass.name}{'（原班级）' if own else ''}    已有 {taken} 人 / 计划 {klass.capacity} 人    "
                                + (f"剩余 {free} 个名额" if free > 0 else "已满"))
        entry.setData(Qt.UserRole, klass.id)
        if free <= 0:
            entry.setForeground(Qt.darkRed)
        widget.addItem(entry)
        if klass.id == current:
            widget.setCurrentItem(entry)
    widget.blockSignals(False)
