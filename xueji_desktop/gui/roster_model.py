"""The pupil table: every pupil loaded in one query, filtered in Python as the registrar types.

`RosterModel` holds the full `core.pupils.roster.RosterRow` list and the visible subset. Cell text is
computed once per load (no database access per cell); a filter change recomputes the visible list
(a substring test per pupil: under a few milliseconds for 3,000 pupils) inside a model reset. The
model reloads itself when the hub announces changes to pupils or classes.

A model made with `count=` (the main window's) reads the roll only when first asked for it — its rows,
a lookup, a filter — or when `ensure_loaded()` is called (the window does so once it has first been
drawn, on the 待办 list); until then it has no rows and `total_count` is the database's count.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Callable

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QBrush, QColor

from ..core.pupils.roster import RosterRow, roster_rows
from ..core.pupils.search import needle, normalise, pypinyin, refines
from ..core.pupils.status import ON_ROLL, Status
from ..core.school.events import Changes
from .hub import hub
from .qt_setup import ensure_fonts_for

ON_ROLL_FILTER = "on_roll"  # the status filter 在籍: every status that holds a place (core.pupils.status.ON_ROLL)
_ON_ROLL_VALUES = frozenset(s.value for s in ON_ROLL)

HEADERS = ("学籍号", "姓名", "性别", "年级", "班级", "状态")
COL_NUMBER, COL_NAME, COL_SEX, COL_GRADE, COL_CLASS, COL_STATUS = range(len(HEADERS))
StudentIdRole = Qt.ItemDataRole.UserRole + 1
_CENTRED = {COL_SEX, COL_STATUS}
_LEFT_COLOUR = QBrush(QColor("#808080"))  # pupils who no longer hold a place
# data() runs thousands of times per repaint: compare plain ints, build the flags once
_DISPLAY, _TOOLTIP = int(Qt.ItemDataRole.DisplayRole), int(Qt.ItemDataRole.ToolTipRole)
_ALIGN, _FOREGROUND, _ID = int(Qt.ItemDataRole.TextAlignmentRole), int(Qt.ItemDataRole.ForegroundRole), int(StudentIdRole)
_CENTRE = int(Qt.AlignmentFlag.AlignCenter)
_FLAGS = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemNeverHasChildren


@dataclass(frozen=True)
class RosterFilter:
    query: str = ""  # as typed; normalised when applied
    grade: int | None = None
    class_id: int | None = None
    status: str | None = None  # None: 全部; ON_ROLL_FILTER: 在籍; else a core.pupils.status.Status value

    def accepts(self, row: RosterRow, wanted: str) -> bool:
        """`wanted`: what the row's keys must contain (core.pupils.search.needle of the query)."""
        if self.grade is not None and row.grade != self.grade:
            return False
        if self.class_id is not None and row.class_id != self.class_id:
            return False
        if self.status == ON_ROLL_FILTER:
            if row.status not in _ON_ROLL_VALUES:
                return False
        elif self.status is not None and row.status != self.status:
            return False
        return wanted in row.search_keys


def _narrows(old: "RosterFilter", new: "RosterFilter") -> bool:
    """True when every row the new filter accepts was accepted by the old one (typing on)."""
    return refines(normalise(old.query), normalise(new.query)) and replace(old, query=new.query) == new


def _cells(row: RosterRow) -> tuple[str, ...]:
    return (row.student_number, row.name, row.sex_label, row.grade_label, row.class_name, row.status_label)


class RosterModel(QAbstractTableModel):
    counts_changed = Signal(int, int)  # (all pupils, shown)

    def __init__(self, parent: QObject | None = None, loader: Callable[[], list[RosterRow]] = roster_rows,
                 subscribe: bool = True, count: Callable[[], int] | None = None):
        super().__init__(parent)
        self._loader = loader
        self._count = count  # given: the roll is read when first needed (see the module's text)
        self._rows: list[RosterRow] = []
        self._cells: list[tuple[str, ...]] = []  # parallel to _rows
        self._visible: list[int] = []  # positions in _rows
        self._filter = RosterFilter()
        self._sort: tuple[int, Qt.SortOrder] | None = None
        self._name_keys: dict[int, str] = {}
        self._loaded = False
        if count is None:
            self._load()
            self._visible = self._compute_visible()
        if subscribe:
            hub().changed.connect(self.on_changes)

    # loading and filtering -----------------------------------------------------------------------
    def _load(self) -> None:
        self._rows = self._loader()
        self._cells = [_cells(r) for r in self._rows]
        self._loaded = True
        ensure_fonts_for(r.name for r in self._rows)  # the bundled CJK fonts only for a rare name (𠮷 …)

    @property
    def loaded(self) -> bool:
        return self._loaded

    def ensure_loaded(self) -> None:
        """Reads the roll now if it has not been read yet (with the filter and sort already chosen)."""
        if not self._loaded:
            self._reset(reload=True)

    def _compute_visible(self, narrowing: bool = False) -> list[int]:
        """Indexes of the rows the filter accepts; while typing on, only last time's matches are tried."""
        f, q = self._filter, normalise(self._filter.query)
        candidates = self._visible if narrowing else range(len(self._rows))
        rows, wanted = self._rows, needle(q)  # worked out once: one substring test per pupil
        visible = [i for i in candidates if f.accepts(rows[i], wanted)]
        if self._sort is not None:
            column, order = self._sort
            key = self._sort_key(column)
            visible.sort(key=key, reverse=order == Qt.SortOrder.DescendingOrder)
        return visible

    def _sort_key(self, column: int):
        if column == COL_NAME:
            return lambda i: (self._name_key(self._rows[i]), i)
        if column == COL_GRADE:
            return lambda i: (self._rows[i].grade, i)
        if column == COL_CLASS:
            return lambda i: i  # the loaded order is by grade, class number, name
        return lambda i: (self._cells[i][column], i)

    def _name_key(self, row: RosterRow) -> str:
        key = self._name_keys.get(row.id)
        if key is None:
            key = self._name_keys[row.id] = " ".join(pypinyin().lazy_pinyin(row.name))
        return key

    def _reset(self, reload: bool, narrowing: bool = False) -> None:
        self.beginResetModel()
        if reload:
            self._load()
        self._visible = self._compute_visible(narrowing and not reload)
        self.endResetModel()
        self.counts_changed.emit(self.total_count, self.visible_count)

    def reload(self) -> None:
        """Reads every pupil again (one query) and reapplies the filter."""
        self._reset(reload=True)

    def on_changes(self, changes: Changes, initiator: object = None) -> None:
        if changes.students or changes.classes:
            if self._loaded:
                self.reload()
            else:  # not read yet: only the count changes
                self.counts_changed.emit(self.total_count, self.visible_count)

    @property
    def filter(self) -> RosterFilter:
        return self._filter

    def set_filter(self, new: RosterFilter) -> None:
        if new != self._filter and not self._loaded:  # applied when the roll is read
            self._filter = new
            self.ensure_loaded()
        elif new != self._filter:
            narrowing = _narrows(self._filter, new)
            self._filter = new
            self._reset(reload=False, narrowing=narrowing)

    def update_filter(self, **fields) -> None:
        """`update_filter(query="zs")`, `update_filter(grade=3, class_id=None)` …"""
        self.set_filter(replace(self._filter, **fields))

    # lookups ---------------------------------------------------------------------------------
    @property
    def total_count(self) -> int:
        if not self._loaded:
            return self._count()
        return len(self._rows)

    @property
    def visible_count(self) -> int:
        if not self._loaded:
            if self._filter == RosterFilter():  # no filter: every pupil
                return self._count()
            self.ensure_loaded()
        return len(self._visible)

    def visible_rows(self) -> list[RosterRow]:
        self.ensure_loaded()
        return [self._rows[i] for i in self._visible]

    def all_rows(self) -> list[RosterRow]:
        self.ensure_loaded()
        return list(self._rows)

    def row_at(self, row: int) -> RosterRow | None:
        self.ensure_loaded()
        return self._rows[self._visible[row]] if 0 <= row < len(self._visible) else None

    def row_of(self, student_id: int) -> int:
        """Visible row of that pupil, or -1."""
        self.ensure_loaded()
        for n, i in enumerate(self._visible):
            if self._rows[i].id == student_id:
                return n
        return -1

    # QAbstractTableModel -----------------------------------------------------------------------
    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._visible)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(HEADERS)

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole):
        role = int(role)
        if role not in (_DISPLAY, _TOOLTIP, _ALIGN, _FOREGROUND, _ID):
            return None
        row = index.row()
        if not index.isValid() or not 0 <= row < len(self._visible):
            return None
        i = self._visible[row]
        if role == _DISPLAY or role == _TOOLTIP:
            return self._cells[i][index.column()]
        if role == _ID:
            return self._rows[i].id
        if role == _ALIGN:
            return _CENTRE if index.column() in _CENTRED else None
        if self._rows[i].status not in _ON_ROLL_VALUES:
            return _LEFT_COLOUR
        return None

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole):
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Horizontal:
            return HEADERS[section] if 0 <= section < len(HEADERS) else None
        return str(section + 1)

    def flags(self, index: QModelIndex | QPersistentModelIndex) -> Qt.ItemFlag:
        return _FLAGS if index.isValid() else Qt.ItemFlag.NoItemFlags

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        if not 0 <= column < len(HEADERS):
            self._sort = None
        else:
            self._sort = (column, order)
        if self._loaded:  # else applied when the roll is read (the view sorts once as it is set up)
            self._reset(reload=False)


def status_choices() -> list[tuple[str, str | None]]:
    """(label, filter value) for the status combo: 全部, 在籍, then each status."""
    return [("全部", None), ("在籍", ON_ROLL_FILTER), *((s.label, s.value) for s in Status)]
