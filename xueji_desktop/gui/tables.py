"""A read-only table of rows (whole rows selected, one at a time), as the bureau's tabs and the term
review list show them."""

from __future__ import annotations

from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableWidget

from .font_size import scaled


def table(headers, widths=(), stretch: int | None = None) -> QTableWidget:
    t = QTableWidget(0, len(headers))
    t.setHorizontalHeaderLabels(list(headers))
    t.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    t.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    t.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    t.setAlternatingRowColors(True)
    t.setWordWrap(False)
    t.verticalHeader().setVisible(False)
    header = t.horizontalHeader()
    header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
    header.setHighlightSections(False)
    return size_columns(t, widths, stretch)


def size_columns(t: QTableWidget, widths=(), stretch: int | None = None) -> QTableWidget:
    """Row height from the font, the columns' widths, one column stretched: for a table built here or in a .ui."""
    t.verticalHeader().setDefaultSectionSize(t.fontMetrics().height() + 10)
    for column, width in enumerate(widths):
        t.setColumnWidth(column, scaled(width))
    if stretch is not None:
        t.horizontalHeader().setSectionResizeMode(stretch, QHeaderView.ResizeMode.Stretch)
    return t
