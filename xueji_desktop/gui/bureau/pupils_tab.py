"""查找学生: one box over every pupil of the county as the schools last reported them — name (or part of it),
pinyin (full, initials, mixed), ID number or 学籍号 — searched as the registrar types (bureau.pupil_search: one
index range scan per keystroke, the first 200 hits read); each hit with its school, grade, class, status and last
change. Nothing is read before something is typed, so the tab costs nothing when the window opens."""

from __future__ import annotations

from PySide6.QtCore import QAbstractTableModel, QModelIndex, Qt
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from ...bureau import pupil_search
from ...core.pupils.status import ON_ROLL
from .common import GREY, bold_label

HEADERS = ("学校", "姓名", "学籍号", "身份证件号", "年级", "班级", "学籍状态", "最近变动")
WIDTHS = (200, 72, 168, 168, 64, 110, 80)
ON_ROLL_VALUES = {s.value for s in ON_ROLL}
COL_STATUS = HEADERS.index("学籍状态")
_DISPLAY, _TOOLTIP = int(Qt.ItemDataRole.DisplayRole), int(Qt.ItemDataRole.ToolTipRole)
_FOREGROUND = int(Qt.ItemDataRole.ForegroundRole)
_FLAGS = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemNeverHasChildren
_GREY = QBrush(QColor(GREY))


def _cells(hit: pupil_search.Hit) -> tuple[str, ...]:
    return (hit.school_name, hit.name, hit.student_number, hit.id_number, hit.grade_label, hit.class_name,
            hit.status_label, hit.last_change)


class HitsModel(QAbstractTableModel):
    """The hits as rows; replaced whole on every keystroke (200 rows at most)."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.hits: list[pupil_search.Hit] = []
        self._rows: list[tuple[str, ...]] = []

    def show(self, hits: list[pupil_search.Hit]) -> None:
        self.beginResetModel()
        self.hits = hits
        self._rows = [_cells(h) for h in hits]
        self.endResetModel()

    def rowCount(self, parent=QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent=QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(HEADERS)

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):
        if orientation == Qt.Orientation.Horizontal and int(role) == _DISPLAY:
            return HEADERS[section]
        return None

    def flags(self, index) -> Qt.ItemFlag:
        return _FLAGS if index.isValid() else Qt.ItemFlag.NoItemFlags

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        """Asked for many roles per cell at every paint: the roles not shown return at once."""
        role = int(role)
        if role == _DISPLAY or role == _TOOLTIP:
            return self._rows[index.row()][index.column()]
        if role == _FOREGROUND and index.column() == COL_STATUS and self.hits[index.row()].status not in ON_ROLL_VALUES:
            return _GREY
        return None


class PupilsTab(QWidget):
    def __init__(self, store, parent: QWidget | None = None):
        super().__init__(parent)
        self.store = store
        self.box = QLineEdit(self)
        self.box.setPlaceholderText("姓名、拼音（全拼或首字母，如 zxm）、身份证件号或学籍号")
        self.box.setClearButtonEnabled(True)
        self.box.setAccessibleName("查找学生")
        self.box.textChanged.connect(self.search)
        label = bold_label("查找全县学生：", self)
        label.setBuddy(self.box)
        self.note = QLabel(self)
        bar = QHBoxLayout()
        bar.addWidget(label)
        bar.addWidget(self.box, 1)
        bar.addSpacing(12)
        bar.addWidget(self.note)
        self.model = HitsModel(self)
        self.view = QTableView(self)
        self.view.setModel(self.model)
        self.view.setAccessibleName("查找结果")
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.setAlternatingRowColors(True)
        self.view.setWordWrap(False)
        self.view.verticalHeader().setVisible(False)
        self.view.verticalHeader().setDefaultSectionSize(self.view.fontMetrics().height() + 10)
        for column, width in enumerate(WIDTHS):
            self.view.setColumnWidth(column, width)
        self.view.horizontalHeader().setSectionResizeMode(len(HEADERS) - 1, QHeaderView.ResizeMode.Stretch)
        hint = QLabel("按各校最近一次报送的批次查找（含已转出、毕业等不在籍的学生，状态以灰色显示）；"
                      f"最多列出前 {pupil_search.LIMIT} 名。汉字可输入姓名的任一部分，拼音、证件号和学籍号从开头输入。",
                      self)
        hint.setStyleSheet(f"color: {GREY};")
        hint.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 2)
        layout.addLayout(bar)
        layout.addWidget(self.view, 1)
        layout.addWidget(hint)
        self.found = pupil_search.Found("", [], 0, False)

    def search(self, text: str | None = None) -> pupil_search.Found:
        self.found = pupil_search.find(self.box.text() if text is None else text)
        self.model.show(self.found.hits)
        self.note.setText(self.found.note)
        return self.found

    def reload(self) -> None:
        """After an import: the same query again (nothing when the box is empty)."""
        if self.box.text().strip():
            self.search()

    def focus_box(self) -> None:
        self.box.setFocus()
        self.box.selectAll()

    def rows(self) -> list[tuple[str, ...]]:
        m = self.model
        return [tuple(m.data(m.index(r, c)) for c in range(m.columnCount())) for r in range(m.rowCount())]

