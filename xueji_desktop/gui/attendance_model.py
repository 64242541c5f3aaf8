"""The week grid of one class: its model (stored absences plus the unsaved edits) and the keyboard-only table.

Rows are the pupils on the roll (序号, 姓名, 学籍号), then one column per school day of the week. A cell
shows 病 / 事 / 旷 in its colour; empty is present. An edit is kept in `pending` until saved and is
marked with "*" and a bold font. A day after today is greyed and cannot be entered (its cells are
not enabled, so the cursor passes over them).

Keys (AttendanceTable): B or 1 病假, S or 2 事假, K or 3 无故缺席 — the kind is set and the cursor moves
down to the next pupil, so a teacher's column is typed top to bottom; Space or 0 marks present and
moves down; Delete or Backspace clears in place. With several cells selected, a key sets them all.
"""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QAbstractTableModel, QItemSelectionModel, QModelIndex, Qt, Signal
from PySide6.QtGui import QBrush, QColor, QFont, QPalette, QPen
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableView,
)

from .. import clock
from ..core.dropout_control.attendance import SHORT, Grid, Kind
from ..core.dropout_control.attendance_import import weekday_name

INFO_COLUMNS = ("序号", "姓名", "学籍号")
FIRST_DAY = len(INFO_COLUMNS)
COLOURS = {Kind.SICK: "#d6e9ff", Kind.PERSONAL: "#fff1c2", Kind.UNEXCUSED: "#ffd3d3"}
TEXT_COLOURS = {Kind.SICK: "#0b4f9c", Kind.PERSONAL: "#7a5200", Kind.UNEXCUSED: "#a4000f"}
FUTURE_BACKGROUND = "#ececec"
DIRTY_MARK = "*"
KEYS = {Qt.Key.Key_B: Kind.SICK, Qt.Key.Key_1: Kind.SICK, Qt.Key.Key_S: Kind.PERSONAL, Qt.Key.Key_2: Kind.PERSONAL,
        Qt.Key.Key_K: Kind.UNEXCUSED, Qt.Key.Key_3: Kind.UNEXCUSED}
CLEAR_AND_MOVE = (Qt.Key.Key_Space, Qt.Key.Key_0)
CLEAR_IN_PLACE = (Qt.Key.Key_Delete, Qt.Key.Key_Backspace)
KeyRole = Qt.ItemDataRole.UserRole + 1  # the cell's Kind (or None)


class AttendanceModel(QAbstractTableModel):
    edited = Signal()  # the pending edits changed

    def __init__(self, parent=None):
        super().__init__(parent)
        self.grid: Grid | None = None
        self.today = clock.today()
        self.pending: dict[tuple[int, dt.date], Kind | None] = {}
        self._bold = QFont()
        self._bold.setBold(True)

    # loading --------------------------------------------------------------------------------
    def load(self, grid: Grid, today: dt.date, keep_pending: bool = False) -> None:
        """Shows a (re-read) grid; edits of the same pupils and days are kept when asked."""
        self.beginResetModel()
        old = self.pending if keep_pending else {}
        self.grid = grid
        self.today = today
        ids = {p.id for p in grid.pupils}
        days = set(grid.days)
        self.pending = {}
        for (sid, day), kind in old.items():
            if sid in ids and day in days and grid.kind(sid, day) != kind:
                self.pending[(sid, day)] = kind
        self.endResetModel()
        self.edited.emit()

    @property
    def days(self) -> list[dt.date]:
        return self.grid.days if self.grid else []

    @property
    def pupils(self) -> list:
        return self.grid.pupils if self.grid else []

    # cells ----------------------------------------------------------------------------------
    def day_of(self, column: int) -> dt.date | None:
        i = column - FIRST_DAY
        return self.days[i] if 0 <= i < len(self.days) else None

    def column_of(self, day: dt.date) -> int:
        return FIRST_DAY + self.days.index(day) if day in self.days else -1

    def is_open(self, day: dt.date | None) -> bool:
        """A day that can be entered: a school day of this week, not after today."""
        return day is not None and day <= self.today

    def kind_at(self, row: int, day: dt.date) -> Kind | None:
        sid = self.pupils[row].id
        if (sid, day) in self.pending:
            return self.pending[(sid, day)]
        return self.grid.kind(sid, day)

    def is_dirty(self, row: int, day: dt.date) -> bool:
        return (self.pupils[row].id, day) in self.pending

    def set_kind(self, indexes: list[QModelIndex], kind: Kind | None) -> int:
        """Sets the open day cells among `indexes`; returns how many cells are now different."""
        changed = 0
        for index in indexes:
            day = self.day_of(index.column())
            if not index.isValid() or not self.is_open(day):
                continue
            sid = self.pupils[index.row()].id
            before = self.kind_at(index.row(), day)
            if kind == self.grid.kind(sid, day):
                self.pending.pop((sid, day), None)
            else:
                self.pending[(sid, day)] = kind
            if before != kind:
                changed += 1
            self.dataChanged.emit(index, index)
        if indexes:
            self.edited.emit()
        return changed

    def discard(self) -> None:
        if self.pending:
            self.beginResetModel()
            self.pending = {}
            self.endResetModel()
            self.edited.emit()

    def day_counts(self, day: dt.date) -> dict[Kind, int]:
        counts = {k: 0 for k in Kind}
        for row in range(len(self.pupils)):
            kind = self.kind_at(row, day)
            if kind is not None:
                counts[kind] += 1
        return counts

    # Qt -------------------------------------------------------------------------------------
    def rowCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.pupils)

    def columnCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() else FIRST_DAY + len(self.days)

    def flags(self, index):
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        day = self.day_of(index.column())
        if index.column() >= FIRST_DAY and not self.is_open(day):
            return Qt.ItemFlag.NoItemFlags  # greyed; the cursor passes over it
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        row, column = index.row(), index.column()
        pupil = self.pupils[row]
        if column < FIRST_DAY:
            if role == Qt.ItemDataRole.DisplayRole:
                return (str(row + 1), pupil.name, pupil.student_number)[column]
            if role == Qt.ItemDataRole.TextAlignmentRole and column == 0:
                return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            return None
        day = self.day_of(column)
        kind = self.kind_at(row, day)
        dirty = self.is_dirty(row, day)
        if role == Qt.ItemDataRole.DisplayRole:
            return (SHORT[kind] if kind else "") + (DIRTY_MARK if dirty else "")
        if role == KeyRole:
            return kind
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return int(Qt.AlignmentFlag.AlignCenter)
        if role == Qt.ItemDataRole.BackgroundRole:
            if not self.is_open(day):
                return QBrush(QColor(FUTURE_BACKGROUND))
            return QBrush(QColor(COLOURS[kind])) if kind else None
        if role == Qt.ItemDataRole.ForegroundRole and kind:
            return QBrush(QColor(TEXT_COLOURS[kind]))
        if role == Qt.ItemDataRole.FontRole and dirty:
            return self._bold
        if role == Qt.ItemDataRole.ToolTipRole:
            when = f"{day.month}月{day.day}日（{weekday_name(day)}）"
            if not self.is_open(day):
                return f"{when}还没到，不能预先记录缺勤"
            state = kind.label if kind else "到校"
            return f"{pupil.name}　{when}：{state}" + ("（尚未保存）" if dirty else "")
        return None

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):
        if orientation != Qt.Orientation.Horizontal:
            return None
        day = self.day_of(section)
        if role == Qt.ItemDataRole.DisplayRole:
            if day is None:
                return INFO_COLUMNS[section] if section < FIRST_DAY else None
            return f"{weekday_name(day)} {day:%m-%d}"
        if role == Qt.ItemDataRole.ToolTipRole and day is not None:
            counts = self.day_counts(day)
            if not self.is_open(day):
                return "这一天还没到，不能记录"
            return summary_text(counts)
        if role == Qt.ItemDataRole.ForegroundRole and day is not None and not self.is_open(day):
            return QBrush(QColor("#888888"))
        return None


def summary_text(counts: dict[Kind, int]) -> str:
    total = sum(counts.values())
    if not total:
        return "全部到校"
    return f"缺勤 {total} 人：病 {counts[Kind.SICK]} 事 {counts[Kind.PERSONAL]} 旷 {counts[Kind.UNEXCUSED]}"


class _CellDelegate(QStyledItemDelegate):
    """A selected cell keeps its colour and text and gets a frame, so the kind under the cursor shows."""

    def paint(self, painter, option, index) -> None:
        selected = bool(option.state & QStyle.StateFlag.State_Selected)
        plain = QStyleOptionViewItem(option)
        plain.state &= ~(QStyle.StateFlag.State_Selected | QStyle.StateFlag.State_HasFocus)
        if selected:  # the view has already filled the cell with the highlight (PE_PanelItemViewRow)
            painter.fillRect(option.rect, option.palette.color(QPalette.ColorRole.Base))
        super().paint(painter, plain, index)
        if selected:
            painter.save()
            colour = option.palette.color(QPalette.ColorRole.Highlight)
            fill = QColor(colour)
            fill.setAlpha(40)
            painter.fillRect(option.rect, fill)
            painter.setPen(QPen(colour, 2))
            painter.drawRect(option.rect.adjusted(1, 1, -1, -1))
            painter.restore()


class AttendanceTable(QTableView):
    """The grid, typed with one hand: a kind key sets the cell and moves down (see the module doc)."""

    save_requested = Signal()

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectItems)
        self.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setTabKeyNavigation(True)
        self.setWordWrap(False)
        self.setCornerButtonEnabled(False)
        self.setItemDelegate(_CellDelegate(self))
        self.verticalHeader().setVisible(False)
        self.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        self.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 6)
        header = self.horizontalHeader()
        header.setHighlightSections(True)
        header.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        header.setStretchLastSection(False)

    def model(self) -> AttendanceModel:  # type: ignore[override]
        return super().model()

    def fit_columns(self) -> None:
        fm = self.fontMetrics()
        widths = [fm.horizontalAdvance("000") + 16, fm.horizontalAdvance("欧阳娜娜娜") + 16,
                  fm.horizontalAdvance("G000000000000000000") + 20]
        header = self.horizontalHeader()
        header.setMinimumSectionSize(max(fm.horizontalAdvance("周六 10-10") + 20, 90))
        for column in range(self.model().columnCount()):
            if column < FIRST_DAY:
                header.setSectionResizeMode(column, QHeaderView.ResizeMode.Fixed)
                self.setColumnWidth(column, widths[column])
            else:  # the days share the rest of the width: big targets for the eye
                header.setSectionResizeMode(column, QHeaderView.ResizeMode.Stretch)

    def put_cursor(self, row: int, column: int) -> None:
        index = self.model().index(row, column)
        if index.isValid():
            self.selectionModel().setCurrentIndex(index, QItemSelectionModel.SelectionFlag.ClearAndSelect)
            self.scrollTo(index)

    def _targets(self) -> list[QModelIndex]:
        selected = self.selectionModel().selectedIndexes()
        current = self.currentIndex()
        if len(selected) > 1:
            return selected
        return [current] if current.isValid() else []

    def keyPressEvent(self, event) -> None:
        key = event.key()
        mods = event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier
        if key == Qt.Key.Key_S and mods == Qt.KeyboardModifier.ControlModifier:
            self.save_requested.emit()  # when the dialog's shortcut did not take it first
            event.accept()
            return
        plain = mods in (Qt.KeyboardModifier.NoModifier, Qt.KeyboardModifier.ShiftModifier)
        if plain and (key in KEYS or key in CLEAR_AND_MOVE or key in CLEAR_IN_PLACE):
            kind = KEYS.get(key)
            targets = self._targets()
            self.model().set_kind(targets, kind)
            on_day = self.model().is_open(self.model().day_of(self.currentIndex().column()))
            if len(targets) == 1 and on_day and key not in CLEAR_IN_PLACE:
                self._move_down()
            event.accept()
            return
        if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and plain:
            self._move_down()
            event.accept()
            return
        super().keyPressEvent(event)

    def _move_down(self) -> None:
        current = self.currentIndex()
        if current.isValid() and current.row() + 1 < self.model().rowCount():
            self.put_cursor(current.row() + 1, current.column())
