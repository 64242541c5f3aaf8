"""The selected pupil's record: a header, the fields in groups, and the 变更记录 (history).

`DetailPane.show_student(student_id)` reads the one pupil (`core.pupils.pupil_reads.pupil_record`:
`core.pupils.records.record_view` and `history`) and fills labels built once; it refreshes itself when the hub announces a change to
that pupil. Everything is read-only; text can be selected and copied.
"""

from __future__ import annotations

import datetime as dt
from html import escape

from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFormLayout,
    QFrame,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QScrollArea,
    QStackedWidget,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from ..core.accounts import access_log
from ..core.pupils.fields import STUDENT
from ..core.pupils.pupil_reads import pupil_record
from ..core.pupils.records import ArchiveState, HistoryEntry
from ..core.pupils.status import Status
from ..core.school.events import Changes
from .font_size import scaled
from .hub import hub

EMPTY = "—"

# Groups of the record, by core.pupils.fields key (labels come from the field list); the placement
# entries that are not fields are record_view labels.
GROUPS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("基本信息", ("name", "former_name", "name_pinyin", "sex", "birth_date", "ethnicity", "nationality",
              "hmt", "id_type", "id_number", "id_valid_until", "political_status", "health",
              "birthplace", "native_place", "hukou_place", "hukou_nature", "speciality")),
    ("学籍信息", ("学籍号", "身份核验", "学籍状态", "年级", "班级", "class_seq", "入学日期", "entry_month",
              "entry_mode", "study_mode", "source", "aux_number", "学籍档案")),
    ("联系方式", ("address", "mail_address", "home_address", "phone", "postcode", "email", "homepage")),
    ("其他情况", ("only_child", "preschool", "left_behind", "migrant_child", "orphan", "martyr_child",
              "inclusive", "disability_type", "govt_paid_place", "needs_aid", "one_subsidy",
              "distance_km", "commute", "school_bus")),
)
HISTORY_HEADERS = ("时间", "操作人", "内容", "依据条款", "原因")
STATUS_COLOURS = {Status.ENROLLED: "#2e7d32"}  # others on the roll amber, those who left grey
_TWO_COLUMN_GROUPS = {"基本信息", "其他情况"}  # short values: two label/value pairs per line


def _label_of(key: str) -> str:
    f = STUDENT.get(key)
    return f.label if f else key


def _value_label() -> QLabel:
    label = QLabel()
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    label.setWordWrap(True)
    label.setMinimumWidth(60)
    return label


def _set(label: QLabel, text: str) -> None:
    label.setText(text or EMPTY)
    label.setEnabled(bool(text))  # empty values shown grey


def _place(grid: QGridLayout, pairs: list[tuple[QLabel, QLabel]], per_line: int) -> None:
    for name, value in pairs:
        grid.removeWidget(name)
        grid.removeWidget(value)
    for n, (name, value) in enumerate(pairs):
        row, col = divmod(n, per_line)
        grid.addWidget(name, row, col * 2)
        grid.addWidget(value, row, col * 2 + 1)
    for col in range(2):
        grid.setColumnStretch(col * 2 + 1, 1 if col < per_line else 0)


class _Header(QWidget):
    def __init__(self, parent=None):
        super().__init__(parent)
        self.name = QLabel()
        font = QFont(self.font())
        font.setPointSizeF(font.pointSizeF() * 1.8)
        font.setBold(True)
        self.name.setFont(font)
        self.name.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.status = QLabel()
        self.status.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.line = QLabel()  # 学籍号 · 年级班级
        self.line.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.deadline = QLabel()
        self.deadline.setWordWrap(True)
        top = QHBoxLayout()
        top.addWidget(self.name)
        top.addWidget(self.status)
        top.addStretch(1)
        self.top = top  # the window adds its buttons for the pupil here (修改信息…, 学籍变动)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 2, 4, 6)
        layout.addLayout(top)
        layout.addWidget(self.line)
        layout.addWidget(self.deadline)

    def fill(self, view: dict, status: Status, today: dt.date, archive: ArchiveState | None = None) -> None:
        self.name.setText(view.get("姓名", ""))
        colour = STATUS_COLOURS.get(status, "#ef6c00" if status.on_roll else "#757575")
        self.status.setText(f" {status.label} ")
        self.status.setStyleSheet(f"QLabel {{ color: white; background: {colour}; border-radius: 3px;"
                                  " padding: 1px 6px; }")
        place = "".join(x for x in (view.get("班级") or view.get("年级", ""),) if x)
        self.line.setText(f"学籍号 <b>{view.get('学籍号', '')}</b>　　{place}")
        text = self._deadline_text(archive, today) if archive is not None and status.on_roll else ""
        self.deadline.setText(text)
        self.deadline.setVisible(bool(text))

    @staticmethod
    def _deadline_text(archive: ArchiveState, today: dt.date) -> str:
        """Only while the 学籍档案 is not built: the deadline, the days left or overdue (red), and
        what is missing. A built archive shows nothing here."""
        if archive.complete:
            return ""
        days = archive.days_left(today)
        note = f"已逾期 {-days} 天" if days < 0 else "今天到期" if days == 0 else f"还剩 {days} 天"
        colour = "#c62828" if days <= 3 else "#e65100" if days <= 14 else "#1565c0"
        return (f"学籍档案建立期限：<span style='color:{colour}; font-weight:bold'>{archive.deadline:%Y-%m-%d}</span>"
                f"<span style='color:{colour}'>（{note}）</span>"
                f"　<span style='color:#555'>尚未建立：{escape('；'.join(archive.lacking))}</span>")


def archive_text(archive: ArchiveState) -> str:
    """The 学籍档案 line of the record."""
    if archive.complete:
        return "已建立"
    return f"未建立（{'；'.join(archive.lacking)}），建立期限 {archive.deadline:%Y-%m-%d}"


class DetailPane(QWidget):
    def __init__(self, ws, parent: QWidget | None = None, subscribe: bool = True):
        super().__init__(parent)
        self.ws = ws
        self.student_id: int | None = None
        self._opened: dict = {}  # the pupil whose opening was last logged
        self._values: dict[str, QLabel] = {}  # record_view label → value label
        self._paired: list[tuple[QGridLayout, list[tuple[QLabel, QLabel]]]] = []  # groups of two pairs a line
        self._per_line = 2

        self.header = _Header()
        self.tabs = QTabWidget()
        self.tabs.addTab(self._record_page(), "学籍档案")  # its fields built when a pupil is first shown
        self.history_table = self._build_history()
        self.tabs.addTab(self.history_table, "变更记录")

        self.placeholder = QLabel("在左侧列表中选择一名学生，\n这里显示其学籍档案和变更记录。")
        self.placeholder.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.placeholder.setEnabled(False)
        shown = QWidget()
        layout = QVBoxLayout(shown)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.header)
        layout.addWidget(self.tabs, 1)
        self.stack = QStackedWidget()
        self.stack.addWidget(self.placeholder)
        self.stack.addWidget(shown)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(self.stack)
        if subscribe:
            hub().changed.connect(self.on_changes)

    def add_header_widget(self, widget: QWidget) -> None:
        """A button about the shown pupil, at the right of the name (e.g. 修改信息…, 学籍变动 ▾)."""
        self.header.top.addWidget(widget)

    # building ----------------------------------------------------------------------------------
    def _record_page(self) -> QScrollArea:
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        scroll.viewport().installEventFilter(self)  # a narrow pane (150 % scaling) puts one pair a line
        self.record_scroll = scroll
        return scroll

    def _build_record(self) -> None:
        """The record's groups of fields (some 60 labelled values), once: the window starts without them."""
        if self._values:
            return
        body = QWidget()
        layout = QVBoxLayout(body)
        layout.setContentsMargins(4, 4, 4, 4)
        for title, keys in GROUPS:
            layout.addWidget(self._group(title, [_label_of(k) for k in keys]))
        self.family_box = QGroupBox("家庭成员")
        self.family_layout = QVBoxLayout(self.family_box)
        layout.addWidget(self.family_box)
        layout.addStretch(1)
        self.record_scroll.setWidget(body)
        self._reflow(self.record_scroll.viewport().width())

    def _group(self, title: str, labels: list[str]) -> QGroupBox:
        box = QGroupBox(title)
        grid = QGridLayout(box)
        grid.setHorizontalSpacing(8)
        grid.setVerticalSpacing(4)
        pairs = []
        for label in labels:
            value = self._values[label] = _value_label()
            name = QLabel(f"{label}：")
            name.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop)
            pairs.append((name, value))
        if title in _TWO_COLUMN_GROUPS:
            self._paired.append((grid, pairs))
        _place(grid, pairs, self._per_line if title in _TWO_COLUMN_GROUPS else 1)
        return box

    def eventFilter(self, obj, event) -> bool:
        if event.type() == QEvent.Type.Resize and obj is self.record_scroll.viewport():
            self._reflow(event.size().width())
        return False

    def _reflow(self, width: int) -> None:
        """Two label/value pairs a line where both fit (an 18-digit 身份证件号 whole), else one."""
        if not self._paired:
            return
        names = max(name.sizeHint().width() for _, pairs in self._paired for name, _ in pairs)
        need = 2 * (names + self.fontMetrics().horizontalAdvance("230124202002030001X")) + 60
        per_line = 2 if width >= need else 1 if width < need - 24 else self._per_line  # no flicker at the edge
        if per_line != self._per_line:
            self._per_line = per_line
            for grid, pairs in self._paired:
                _place(grid, pairs, per_line)

    def _build_history(self) -> QTableWidget:
        table = QTableWidget(0, len(HISTORY_HEADERS))
        table.setHorizontalHeaderLabels(HISTORY_HEADERS)
        table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        table.setWordWrap(True)
        table.verticalHeader().setVisible(False)
        table.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        header = table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        for column, width in ((0, 125), (1, 70), (3, 170), (4, 130)):
            table.setColumnWidth(column, scaled(width))
        return table

    # filling -----------------------------------------------------------------------------------
    def show_student(self, student_id: int | None) -> None:
        self.student_id = student_id
        record = pupil_record(student_id, self.ws.profile)
        if record is None:
            self.student_id = None
            self.stack.setCurrentWidget(self.placeholder)
            return
        if self.ws.user is not None:  # 查询登记: once per pupil shown, not per repaint (about 6 ms, one commit)
            access_log.open_once(self.ws, student_id, self._opened)
        view, archive = record.view, record.archive
        view["学籍档案"] = archive_text(archive)
        self._build_record()
        self.header.fill(view, record.status, self.ws.today(), archive)
        for label, widget in self._values.items():
            value = view.get(label, "")
            _set(widget, value if isinstance(value, str) else "")
        self._fill_family(view.get("家庭成员", []))
        self._fill_history(record.history)
        self.stack.setCurrentIndex(1)

    def _fill_family(self, members: list[dict]) -> None:
        while self.family_layout.count():
            item = self.family_layout.takeAt(0)
            if item.widget() is not None:
                item.widget().deleteLater()
        if not members:
            none = QLabel("（未登记）")
            none.setEnabled(False)
            self.family_layout.addWidget(none)
            return
        for n, member in enumerate(members, 1):
            frame = QGroupBox(f"成员{n}：{member.get('姓名', '')}（{member.get('关系', '')}）")
            frame.setFlat(True)
            form = QFormLayout(frame)
            form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
            form.setLabelAlignment(Qt.AlignmentFlag.AlignRight)
            for label, value in member.items():
                widget = _value_label()
                _set(widget, value)
                form.addRow(f"{label}：", widget)
            self.family_layout.addWidget(frame)

    def _fill_history(self, entries: list[HistoryEntry]) -> None:
        table = self.history_table
        table.setRowCount(len(entries))
        for row, e in enumerate(reversed(entries)):  # newest first
            cells = (e.when, e.who, e.what, "\n".join(e.articles), "\n".join(e.reasons))
            for column, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setToolTip(text)
                table.setItem(row, column, item)
        table.resizeRowsToContents()
        self.tabs.setTabText(1, f"变更记录（{len(entries)}）")

    # reading back (for the window's actions and tests) -----------------------------------------
    def value(self, label: str) -> str:
        widget = self._values.get(label)
        return widget.text() if widget is not None and widget.isEnabled() else ""

    def history_rows(self) -> list[tuple[str, ...]]:
        t = self.history_table
        return [tuple(t.item(r, c).text() for c in range(t.columnCount())) for r in range(t.rowCount())]

    def on_changes(self, changes: Changes, initiator: object = None) -> None:
        if self.student_id is not None and (self.student_id in changes.students or changes.classes):
            self.show_student(self.student_id)
