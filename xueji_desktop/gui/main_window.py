"""The main window the registrar keeps open all day: search, filters, the pupil table, the record.

Layout for a 1366×768 screen: a search line and three filter combos across the top, the pupil
table on the left of a splitter, the selected pupil's record on the right, counts in the status
bar. Typing filters at once; Esc clears the search; Enter or ↓ moves into the table.
"""

from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, QUrl
from PySide6.QtGui import QAction, QDesktopServices, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMainWindow,
    QMenu,
    QMessageBox,
    QSplitter,
    QStackedWidget,
    QTabBar,
    QTableView,
    QToolBar,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from ..core.casework import case_reads
from ..core.casework.cases import CaseKind, CaseStatus
from ..core.pupils import availability, pupil_reads
from ..core.pupils.roster import roster_count, roster_rows
from ..core.pupils.status import Status
from ..core.school.events import Changes, EventKind
from ..core.school.school import grade_name, grades_taught
from . import (
    about_dialog,
    accounts_menu,
    app_events,
    backup_menu,
    change_menu,
    discipline_menu,
    dropout_list,
    font_size,
    keyboard,
    national_import_menu,
    operations,
    page_help,
    paperwork_entries,
    preloading,
    year_end_menu,
)
from .cases_panel import CasesPanel
from .detail_pane import DetailPane
from .first_paint import after_first_paint
from .hub import hub
from .operations import MenuTips, explain_action, run_op
from .roster_model import COL_CLASS, COL_GRADE, COL_NAME, COL_NUMBER, COL_SEX, COL_STATUS, RosterModel, status_choices
from .todo_panel import TodoPanel

log = logging.getLogger(__name__)

SEARCH_HINT = "输入姓名、拼音、首字母、身份证号或学籍号"
ALL_GRADES, ALL_CLASSES = "全部年级", "全部班级"
TODO_TAB, PUPILS_TAB, CASES_TAB, NUMBERS_TAB = 0, 1, 2, 3  # 待办 first: shown at start-up
ROLL_AFTER_MS = 1000  # the roll is read this long after the window's first paint, unless needed sooner
_COLUMN_WIDTHS = {COL_NUMBER: 170, COL_NAME: 80, COL_SEX: 44, COL_GRADE: 66, COL_CLASS: 104, COL_STATUS: 66}


def window_title(ws) -> str:
    school = ws.school
    profile = ws.profile
    region = getattr(profile, "name", "") or getattr(profile, "id", "")
    return f"学籍桌面 — {school.name}（{region}）" if school else "学籍桌面"


class _SearchKeys(QObject):
    """Esc clears the search box; ↓ or Enter moves into the table."""

    def __init__(self, window: "MainWindow"):
        super().__init__(window)
        self.window = window

    def eventFilter(self, obj, event) -> bool:
        if event.type() == QEvent.Type.KeyPress:
            key = event.key()
            if key == Qt.Key.Key_Escape:
                obj.clear()
                return True
            if key in (Qt.Key.Key_Down, Qt.Key.Key_Return, Qt.Key.Key_Enter):
                self.window.focus_table()
                return True
        return False


class MainWindow(QMainWindow):
    def __init__(self, ws, parent: QWidget | None = None):
        super().__init__(parent)
        app_events.quiet_until_painted(self)  # the application's filter waits for the first paint
        self.ws = ws
        self.setWindowTitle(window_title(ws))
        self._selected_id: int | None = None
        self._actions_key: tuple | None = None  # what the menus' states were last worked out for
        self._select_after_reload: int | None = None

        # the roll is read once the window has been drawn (it starts on 待办), or when first needed
        self.model = RosterModel(self, loader=lambda: roster_rows(ws.visible_classes()),
                                 count=lambda: roster_count(ws.visible_classes()))
        self.detail = DetailPane(ws)
        self.cases_panel = CasesPanel(ws)
        self.todo_panel = TodoPanel(ws, self)
        self._build_actions()
        self._build_filters()
        self._build_table()
        self._build_central()
        self._build_status_bar()
        accounts_menu.install(self)  # 设置 → 用户账号 …, the idle lock
        page_help.install_help(self)  # 帮助 → 使用说明 (F1); F1 on a wizard page opens its section
        font_size.install_menu(self)  # 设置 → 字号 (标准, 大, 特大)
        keyboard.install(self)  # 查看 → Ctrl+1…, a mnemonic on every menu entry
        about_dialog.install(self)  # 帮助 → 关于学籍桌面…, last in the menu
        self.menu_tips = MenuTips(self.statusBar())
        for menu in self.menuBar().findChildren(QMenu):  # every entry shows its tip; a greyed one says why
            self.menu_tips.watch(menu)
        self._fill_grades()
        self.model.counts_changed.connect(self._update_counts)
        self.model.modelReset.connect(self._restore_selection)
        hub().changed.connect(self.on_changes)
        self._update_counts(self.model.total_count, self.model.visible_count)
        self._update_actions()
        self.resize(1366, 728)
        self.setMinimumSize(860, 440)  # fits 911×512, a 1366×768 screen at 150 % Windows scaling
        table = self.todo_panel.table
        QTimer.singleShot(0, table, table.setFocus)  # not at all if the window is gone first
        after_first_paint(self, lambda: QTimer.singleShot(ROLL_AFTER_MS, self, self._read_roll))
        # the wizards' modules and the county list, which the first 办理转入… would otherwise wait for
        after_first_paint(self, lambda: QTimer.singleShot(preloading.DIALOGS_AFTER_MS, self, preloading.warm_dialogs))

    def _read_roll(self) -> None:
        """The whole roll, a second after the window is drawn (at once when something needs it sooner: the 学生
        view, the search box); not if the database was closed meanwhile (a restore)."""
        if not self.ws.closed:
            self.model.ensure_loaded()

    # building ----------------------------------------------------------------------------------
    def _action(self, text: str, slot, shortcut=None, tip: str = "") -> QAction:
        action = QAction(text, self)
        if shortcut is not None:
            action.setShortcut(QKeySequence(shortcut))
        action.setToolTip(f"{tip or text}（{QKeySequence(shortcut).toString(QKeySequence.SequenceFormat.NativeText)}）"
                          if shortcut is not None else tip or text)
        action.setStatusTip(tip or text)
        action.triggered.connect(slot)
        return action

    def _build_actions(self) -> None:
        self.enrol_action = self._action("新生注册", self.open_enrolment, "Ctrl+N", "为一名新生建立学籍")
        self.print_action = self._action("打印学生基本信息表", self.print_student_info_to_printer, "Ctrl+P",
                                         "选择打印机，打印所选学生的学生基本信息表")
        self.save_info_action = self._action("学生基本信息表另存为 PDF…", self.print_student_info, None,
                                             "把所选学生的学生基本信息表另存为 PDF 并打开")
        self.refresh_action = self._action("刷新", self.refresh, "F5",
                                           "重新读取学生名单")
        self.find_action = self._action("查找学生", self.focus_search, "Ctrl+F")
        self.quit_action = self._action("退出", self.close, "Ctrl+Q")

        menu = self.menuBar()
        file_menu = menu.addMenu("文件(&F)")
        file_menu.addAction(self.refresh_action)
        file_menu.addSeparator()
        file_menu.addAction(self.quit_action)
        national_import_menu.install(self, file_menu)
        backup_menu.install(self, file_menu)
        pupils = menu.addMenu("学生(&S)")
        pupils.addAction(self.find_action)
        pupils.addAction(self.enrol_action)
        pupils.addSeparator()
        pupils.addAction(self.print_action)
        pupils.addAction(self.save_info_action)
        self.attendance_action = self._action("考勤登记…", self.open_attendance, "Ctrl+K",
                                              "按班级和周登记学生缺勤：病假、事假、无故缺席；导入班主任的考勤表")
        pupils.addSeparator()
        pupils.addAction(self.attendance_action)
        self.review_action = self._action("每学期复核…", self.open_term_review, None,
                                          "逐人复核在籍学生的学籍信息，打印学籍每学期复核表")
        pupils.addAction(self.review_action)
        self.transfer_in_action = self._action("办理转入…", self.open_transfer_in, None,
                                               "接收外校转来的学生：发起转学申请")
        self.transfer_out_action = self._action("办理转出…（所选学生）", self.open_transfer_out, None,
                                                "所选学生转往外校：登记转学申请")
        self.cases_action = self._action("转学申请列表", self.show_cases, "Ctrl+T", "办理中的转学申请及其审批期限")
        paperwork_entries.install_menus(self, menu)
        transfers = menu.addMenu("转学(&T)")
        transfers.addAction(self.transfer_in_action)
        transfers.addAction(self.transfer_out_action)
        transfers.addSeparator()
        transfers.addAction(self.cases_action)
        self._build_change_actions(menu)
        year_end_menu.install(self, menu)
        self.rules_action = self._action("本地区规定", self.show_rules, "Shift+F1", "本校所在地区的学籍管理规定及其条款")
        menu.addMenu("规定(&R)").addAction(self.rules_action)
        self.holidays_action = self._action("工作日与节假日…", self.show_holidays, None,
                                            "录入国务院公布的放假安排和调休上班日，用于计算各项期限")
        menu.addMenu("设置(&O)").addAction(self.holidays_action)
        self.export_batch_action = self._action("导出变更批次…", self.open_export, None,
                                                "把尚未报送的学籍变更封存为批次，写入 U 盘交教育局")
        self.import_reply_action = self._action("导入教育局回执…", self.open_reply_import, None,
                                                "导入 U 盘上教育局的回执：批次回执、审批意见、转学请求和转来的档案")
        self.keys_action = self._action("密钥与教育局公钥…", self.open_keys, None,
                                        "本校密钥、密钥登记表、登记教育局公钥")
        self.duplicates_action = self._action("重复学籍核查…", self.open_duplicate_checks, None,
                                              "教育局发现同时在另一所学校有学籍的学生：答复是否在本校就读，或删除本校的重复学籍")
        exchange = menu.addMenu("交换(&X)")
        exchange.addAction(self.export_batch_action)
        exchange.addAction(self.import_reply_action)
        exchange.addAction(self.duplicates_action)
        exchange.addAction(self.keys_action)

        toolbar = QToolBar("工具栏")
        toolbar.setObjectName("main_toolbar")
        toolbar.setMovable(False)
        toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        toolbar.addAction(self.enrol_action)
        toolbar.addAction(self.print_action)
        toolbar.addSeparator()
        toolbar.addAction(self.refresh_action)
        toolbar.addSeparator()
        # the two views as tabs inside the toolbar: switching costs the pupil list no height
        self.view_tabs = QTabBar()
        self.view_tabs.setObjectName("view_tabs")
        self.view_tabs.setDrawBase(False)
        self.view_tabs.setExpanding(False)
        self.view_tabs.addTab("待办")
        self.view_tabs.addTab("学生名单")
        self.view_tabs.addTab("申请")
        self.view_tabs.setTabToolTip(TODO_TAB, "按期限排列的待办事项：审批期限、新生建档、休学期满、复核、报送")
        self.view_tabs.setTabToolTip(CASES_TAB, "办理中的转学和学籍变动申请、当前环节和期限（Ctrl+T）")
        toolbar.addWidget(self.view_tabs)
        self.addToolBar(toolbar)
        self.toolbar = toolbar

    def _build_change_actions(self, menu) -> None:
        """学籍变动: 修改信息… and one entry per status change, enabled by the selected pupil's status
        and the region (a disabled entry says why in its tooltip)."""
        self.info_action = self._action("修改信息…", self.open_info_edit, None,
                                        "修改所选学生的现住址、联系电话等信息；关键信息须申请变更")
        self.change_actions: dict[CaseKind, QAction] = {}
        changes = menu.addMenu("学籍变动(&B)")
        changes.setToolTipsVisible(True)
        changes.addAction(self.info_action)
        changes.addSeparator()
        for kind, text in change_menu.MENU:
            action = self._action(text, lambda _=False, k=kind: self.open_change(k), None, f"为所选学生办理{kind.label}")
            self.change_actions[kind] = action
            changes.addAction(action)
            if kind in (CaseKind.RETURN_FROM_ABROAD, CaseKind.DEATH, CaseKind.MISSING_RETURN):
                changes.addSeparator()
        self.change_menu = changes
        dropout_list.install_menus(self, menu, changes)  # 疑似辍学 … 辍学返校, and the 控辍保学 menu
        # the same entries beside the pupil's name in the record
        info_button = QToolButton()
        info_button.setDefaultAction(self.info_action)
        change_button = QToolButton()
        change_button.setText("学籍变动")
        change_button.setToolTip("为所选学生办理休学、复学、出国、退学等学籍变动")
        change_button.setMenu(changes)
        change_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.detail.add_header_widget(info_button)
        self.detail.add_header_widget(change_button)
        self.change_button = change_button
        discipline_menu.install(self, menu)  # 奖励与处分…: in the 学生 menu and as a button beside the name

    def _build_filters(self) -> None:
        self.search = QLineEdit()
        self.search.setPlaceholderText(SEARCH_HINT)
        self.search.setClearButtonEnabled(True)
        self.search.setMinimumWidth(300)
        self.search.textChanged.connect(lambda text: self.model.update_filter(query=text))
        self.search.installEventFilter(_SearchKeys(self))

        self.grade_combo = QComboBox()
        self.class_combo = QComboBox()
        self.status_combo = QComboBox()
        for combo in (self.grade_combo, self.class_combo, self.status_combo):
            combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        for label, value in status_choices():
            self.status_combo.addItem(label, value)
        self.status_combo.setItemData(1, "在校、休学、疑似辍学、辍学、借读（外出）、失踪：学籍仍在本校、占用学位的学生",
                                      Qt.ItemDataRole.ToolTipRole)
        self.grade_combo.currentIndexChanged.connect(self._grade_chosen)
        self.class_combo.currentIndexChanged.connect(
            lambda _: self.model.update_filter(class_id=self.class_combo.currentData()))
        self.status_combo.currentIndexChanged.connect(
            lambda _: self.model.update_filter(status=self.status_combo.currentData()))

    def _build_table(self) -> None:
        table = QTableView()
        table.setModel(self.model)
        table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        table.setAlternatingRowColors(True)
        table.setWordWrap(False)
        table.setTextElideMode(Qt.TextElideMode.ElideRight)
        table.verticalHeader().setVisible(False)
        table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        table.verticalHeader().setDefaultSectionSize(table.fontMetrics().height() + 8)
        header = table.horizontalHeader()
        header.setHighlightSections(False)
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        header.setSortIndicator(-1, Qt.SortOrder.AscendingOrder)
        table.setSortingEnabled(True)
        for column, width in _COLUMN_WIDTHS.items():  # the columns widen with 设置 → 字号
            table.setColumnWidth(column, font_size.scaled(width))
        table.selectionModel().currentRowChanged.connect(self._row_changed)
        table.doubleClicked.connect(lambda _: self.detail.tabs.setCurrentIndex(0))
        self.table = table

    def _fit_roster(self, total: int | None = None) -> None:
        """The pupil table as wide as its columns, the record taking the rest (again after 设置 → 字号)."""
        roster = sum(font_size.scaled(width) for width in _COLUMN_WIDTHS.values()) + 24  # not the stretched last
        total = total or sum(self.splitter.sizes()) or self.width()
        self.splitter.setSizes([roster, max(total - roster, self.detail.minimumWidth())])

    def changeEvent(self, event) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.FontChange and hasattr(self, "splitter"):
            QTimer.singleShot(0, self, self._fit_roster)  # after the size has changed everywhere

    def _build_central(self) -> None:
        bar = QHBoxLayout()
        bar.setContentsMargins(0, 0, 0, 0)
        search_label = QLabel("查找(&C)：")  # Alt+F is the 文件 menu
        search_label.setBuddy(self.search)
        bar.addWidget(search_label)
        bar.addWidget(self.search, 3)
        bar.addSpacing(12)
        for text, combo in (("年级：", self.grade_combo), ("班级：", self.class_combo), ("状态：", self.status_combo)):
            bar.addWidget(QLabel(text))
            bar.addWidget(combo)
            bar.addSpacing(6)
        bar.addStretch(1)

        self.case_banner = QLabel()
        self.case_banner.setObjectName("case_banner")
        self.case_banner.setWordWrap(True)
        self.case_banner.setStyleSheet("QLabel#case_banner { background: #fff4d6; border: 1px solid #e0c070;"
                                       " padding: 4px 8px; }")
        self.case_banner.linkActivated.connect(self._case_link)
        self.case_banner.hide()
        right = QWidget()
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(0, 0, 0, 0)
        right_layout.setSpacing(4)
        right_layout.addWidget(self.case_banner)
        right_layout.addWidget(self.detail, 1)

        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.addWidget(self.table)
        self.splitter.addWidget(right)
        self.splitter.setStretchFactor(0, 0)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setChildrenCollapsible(False)
        self.table.setMinimumWidth(360)
        self.detail.setMinimumWidth(420)
        self._fit_roster(1366)

        central = QWidget()
        layout = QVBoxLayout(central)
        layout.setContentsMargins(6, 6, 6, 2)
        layout.setSpacing(6)
        layout.addLayout(bar)
        layout.addWidget(self.splitter, 1)
        self.pupils_view = central
        self.views = QStackedWidget()
        self.views.addWidget(self.todo_panel)
        self.views.addWidget(central)
        self.views.addWidget(self.cases_panel)
        self._numbers_tab = None  # 统计: built when first shown (numbers_tab)
        self.views.addWidget(QWidget())
        self.view_tabs.addTab("统计")
        self.todo_panel.counts_changed.connect(
            lambda n, late: self.view_tabs.setTabText(TODO_TAB, f"待办（{n}）" if n else "待办"))
        self.todo_panel.announce()
        self.view_tabs.currentChanged.connect(self._view_chosen)
        self.view_tabs.currentChanged.connect(self.views.setCurrentIndex)
        self.cases_panel.counts_changed.connect(self._update_case_count)
        self.cases_panel.transfer_in_requested.connect(self.open_transfer_in)
        self._update_case_count(self.cases_panel_open_count())
        self.setCentralWidget(self.views)

    def _view_chosen(self, index: int) -> None:
        """What a view shows is read when it is first chosen: the pupil roll, the 统计 tab."""
        if index == PUPILS_TAB:
            self.model.ensure_loaded()
        elif index == NUMBERS_TAB:
            self.numbers_tab  # noqa: B018 — built now, before it is shown

    @property
    def numbers_tab(self):
        """The 统计 tab, built on first use in place of its empty page (its numbers read when first shown)."""
        if self._numbers_tab is None:
            from .numbers_tab import NumbersTab

            self._numbers_tab = NumbersTab(self.ws)
            placeholder = self.views.widget(NUMBERS_TAB)
            self.views.insertWidget(NUMBERS_TAB, self._numbers_tab)
            self.views.removeWidget(placeholder)
            placeholder.deleteLater()
        return self._numbers_tab

    def _build_status_bar(self) -> None:
        self.count_label = QLabel()
        self.statusBar().addWidget(self.count_label)
        user = self.ws.user
        who = QLabel(f"操作人：{user.display_name}　" if user is not None else "")
        self.statusBar().addPermanentWidget(who)
        self.statusBar().setSizeGripEnabled(False)

    # filters -----------------------------------------------------------------------------------
    def _grades(self) -> list[int]:
        try:
            taught = grades_taught(self.ws.kind, self.ws.system)
        except Exception:  # noqa: BLE001 — no school yet: whatever classes exist
            taught = []
        present = pupil_reads.class_grades()
        return sorted(set(taught) | present)

    def _fill_grades(self) -> None:
        current = self.grade_combo.currentData()
        self.grade_combo.blockSignals(True)
        self.grade_combo.clear()
        self.grade_combo.addItem(ALL_GRADES, None)
        for g in self._grades():
            self.grade_combo.addItem(grade_name(g), g)
        index = self.grade_combo.findData(current)
        self.grade_combo.setCurrentIndex(max(index, 0))
        self.grade_combo.blockSignals(False)
        self._fill_classes()

    def _fill_classes(self) -> None:
        grade = self.grade_combo.currentData()
        current = self.class_combo.currentData()
        self.class_combo.blockSignals(True)
        self.class_combo.clear()
        self.class_combo.addItem(ALL_CLASSES, None)
        for klass in pupil_reads.classes(grade):
            self.class_combo.addItem(klass.name, klass.id)
        index = self.class_combo.findData(current)
        self.class_combo.setCurrentIndex(max(index, 0))
        self.class_combo.blockSignals(False)
        self.model.update_filter(grade=grade, class_id=self.class_combo.currentData())

    def _grade_chosen(self, _index: int) -> None:
        self._fill_classes()

    def clear_filters(self) -> None:
        self.search.clear()
        self.grade_combo.setCurrentIndex(0)
        self.status_combo.setCurrentIndex(0)

    # selection ---------------------------------------------------------------------------------
    def _row_changed(self, current, _previous) -> None:
        row = self.model.row_at(current.row()) if current.isValid() else None
        if row is None:
            return  # a reset clears the current row; the selection is restored after it
        self._selected_id = row.id
        if row.id != self.detail.student_id:  # the pane refreshes itself when the pupil changes
            self.detail.show_student(row.id)
        self._update_actions()

    def _restore_selection(self) -> None:
        wanted = self._select_after_reload or self._selected_id
        self._select_after_reload = None
        if wanted is not None and self.select_student(wanted):
            return
        self._selected_id = None
        self.detail.show_student(None)
        self._update_actions()

    def select_student(self, student_id: int) -> bool:
        row = self.model.row_of(student_id)
        if row < 0:
            return False
        index = self.model.index(row, COL_NAME)
        self.table.setCurrentIndex(index)
        self.table.scrollTo(index, QAbstractItemView.ScrollHint.EnsureVisible)
        if self.detail.student_id != student_id:
            self._selected_id = student_id
            self.detail.show_student(student_id)
        self._update_actions()
        return True

    def selected_student_id(self) -> int | None:
        return self._selected_id

    def focus_table(self) -> None:
        self.table.setFocus()
        if self._selected_id is None and self.model.visible_count:
            self.table.setCurrentIndex(self.model.index(0, COL_NAME))

    def focus_search(self) -> None:
        self.show_pupils()
        self.search.setFocus()
        self.search.selectAll()

    def _update_actions(self) -> None:
        """Each entry enabled or greyed with its reason, for the selected pupil. Worked out again only when the
        pupil, the data (the hub's generation) or the day changed: a keystroke in 查找 that keeps the same pupil
        selected, or a new sort, costs nothing here (it was two passes of some 16 queries)."""
        key = (self._selected_id, hub().generation, self.ws.today())
        if key == self._actions_key:
            return
        self._actions_key = key
        student = pupil_reads.pupil(self._selected_id)
        explain_action(self.print_action, availability.needs_pupil(student),
                       "选择打印机，打印所选学生的学生基本信息表（Ctrl+P）")
        explain_action(self.save_info_action, availability.needs_pupil(student),
                       "把所选学生的学生基本信息表另存为 PDF 并打开")
        explain_action(self.transfer_out_action, availability.transfer_out_problem(student), "所选学生转往外校：登记转学申请")
        self._update_change_actions(student)
        self._show_case_banner(student)
        accounts_menu.gate(self)  # what the account's roles do not allow, greyed with the role it needs

    def _update_change_actions(self, student: pupil_reads.PupilRow | None) -> None:
        for kind, action in self.change_actions.items():
            explain_action(action, change_menu.unavailable(self.ws, kind, student), f"为所选学生办理{kind.label}")
        if student is None:
            why_info = availability.no_pupil()
        elif Status(student.status) is Status.DECEASED:
            from ..core.changes.status_change import status_problem  # with a pupil selected, as change_menu

            why_info = status_problem(student, CaseKind.KEY_INFO_CHANGE)  # 死亡: nothing changes any more
        else:
            why_info = None
        explain_action(self.info_action, why_info, "修改所选学生的现住址、联系电话等信息；关键信息须申请变更")
        dropout_list.update_actions(self, student)
        paperwork_entries.update_actions(self, student)
        for action in getattr(self, "dropout_actions", {}).values():  # their reasons in the status bar too
            action.setStatusTip(action.toolTip())

    def _show_case_banner(self, student: pupil_reads.PupilRow | None) -> None:
        """The selected pupil's open transfer, with a link to its page."""
        case = None if student is None else case_reads.open_case_of(student.id)
        if case is None:
            self.case_banner.hide()
            return
        if case.kind == CaseKind.APPEAL.value:  # kept in the pupil's 奖励与处分, with the appeal's own steps
            from ..core.discipline.appeals import appeal_row

            step = appeal_row(case.id).pending
            self.case_banner.setText(f"处分申诉 <b>{case.number}</b> 办理中" + (f"，待{step.label}" if step else "")
                                     + f"。　<a href='discipline:{case.student_id}'>奖励与处分</a>")
            self.case_banner.show()
            return
        from .case_dialog import party_text

        waiting = f"，待{party_text(case, case.pending.party)}审批" if case.pending is not None else ""
        self.case_banner.setText(f"{CaseKind(case.kind).label}申请 <b>{case.number}</b> 办理中{waiting}。"
                                 f"　<a href='case:{case.id}'>打开申请</a>")
        self.case_banner.show()

    def cases_panel_open_count(self) -> int:
        from .cases_panel import open_count

        return open_count(self.ws.visible_classes())

    def _update_case_count(self, count: int) -> None:
        self.view_tabs.setTabText(CASES_TAB, f"申请（{count} 件办理中）" if count else "申请")

    def _update_counts(self, total: int, shown: int) -> None:
        self.count_label.setText(f"共 {total} 名学生，显示 {shown} 名")

    # hub ---------------------------------------------------------------------------------------
    def on_changes(self, changes: Changes, initiator: object = None) -> None:
        if changes.classes or changes.school:
            self._fill_grades()
        if changes.school:
            self.setWindowTitle(window_title(self.ws))
        enrolled = [e.student_id for e in changes.events
                    if e.kind in (EventKind.STUDENT_ENROLLED.value, EventKind.STUDENT_TRANSFERRED_IN.value)
                    and e.student_id is not None]
        if enrolled:  # show the new pupil even if the search would hide the row
            if self.model.row_of(enrolled[-1]) < 0:
                self.clear_filters()
            self.select_student(enrolled[-1])
        elif (changes.cases or changes.students) and self._selected_id is not None:
            self._update_actions()

    # actions -----------------------------------------------------------------------------------
    def refresh(self) -> None:
        self._fill_grades()
        self._actions_key = None  # 刷新 reads everything again, the menus' states too
        self.model.reload()
        if self._selected_id is not None:
            self.detail.show_student(self._selected_id)

    def open_enrolment(self) -> None:
        try:
            from .enrol_wizard import EnrolWizard
        except ImportError as e:
            log.exception("enrolment wizard unavailable")
            operations.show_message(self, QMessageBox.Icon.Warning, "新生注册", "新生注册向导无法打开。", str(e))
            return
        wizard = EnrolWizard(self.ws, self)
        wizard.exec()
        if wizard.student is not None:
            self.show_pupils()
            from ..core.pupils.records import archive_state

            archive = archive_state(wizard.student, self.ws.profile)
            self.statusBar().showMessage(
                f"已注册：{wizard.student.name}，学籍号 {wizard.student.student_number}，"
                + ("学籍档案已建立" if archive.complete else
                   f"学籍档案建立期限 {archive.deadline:%Y-%m-%d}（{'；'.join(archive.lacking)}）"), 15000)
            if wizard.print_after_enrolment:
                self.select_student(wizard.student.id)
                self.print_student_info_to_printer()

    # transfers ---------------------------------------------------------------------------------
    def show_cases(self) -> None:
        self.view_tabs.setCurrentIndex(CASES_TAB)
        self.cases_panel.table.setFocus()

    def show_pupils(self) -> None:
        self.view_tabs.setCurrentIndex(PUPILS_TAB)

    def show_todo(self) -> None:
        self.view_tabs.setCurrentIndex(TODO_TAB)

    def open_term_review(self):
        return self.todo_panel.open_target(("review", None))

    def _case_link(self, link: str) -> None:
        if link.startswith("discipline:"):
            from .discipline_dialog import open_for

            open_for(self, int(link.split(":")[1]))
            return
        self.open_case(int(link.split(":")[1]))

    def open_case(self, case_id: int):
        return self.cases_panel.open_case(case_id)

    def open_transfer_in(self) -> None:
        self._run_transfer_wizard("in", None)

    def open_transfer_out(self) -> None:
        student = pupil_reads.pupil(self._selected_id)
        if student is None:
            operations.show_message(self, QMessageBox.Icon.Information, "办理转出",
                                    "请先在学生名单中选中要转出的学生。")
            return
        self._run_transfer_wizard("out", student.id)

    def _run_transfer_wizard(self, direction: str, student_id: int | None):
        from .transfer_wizard import TransferWizard

        wizard = TransferWizard(self.ws, direction, student_id, self)
        wizard.exec()
        self.after_transfer_wizard(wizard)
        return wizard

    def after_transfer_wizard(self, wizard) -> None:
        case = wizard.case
        if case is None:
            return
        self.statusBar().showMessage(f"已发起{CaseKind(case.kind).label}申请 {case.number}；"
                                     "审批结果请在“转学申请”中逐环节记录", 15000)
        self.show_cases()
        self.cases_panel.select_case(case.id)
        if wizard.print_after:
            from .case_dialog import print_case_forms

            print_case_forms(self, self.ws, case)

    # status changes ----------------------------------------------------------------------------
    def selected_student(self) -> pupil_reads.PupilRow | None:
        return pupil_reads.pupil(self._selected_id)

    def open_info_edit(self):
        """修改信息…: routine fields at once; 申请关键信息变更… goes on to the change wizard."""
        from .info_edit_dialog import InfoEditDialog

        student = self.selected_student()
        if student is None:
            operations.show_message(self, QMessageBox.Icon.Information, "修改信息", "请先在学生名单中选中学生。")
            return None
        dialog = InfoEditDialog(self.ws, student.id, self)
        dialog.exec()
        if dialog.saved is not None:
            self.statusBar().showMessage(f"已保存：{student.name} 的信息修改，已记入变更记录", 10000)
        if dialog.wants_key_change:
            self.open_change(CaseKind.KEY_INFO_CHANGE)
        return dialog

    def open_change(self, kind: CaseKind):
        """The change wizard for the selected pupil (or the reason it cannot be opened)."""
        from .change_wizard import done_text, run_change

        wizard = run_change(self, self.ws, kind, self._selected_id)
        if wizard is None or wizard.case is None:
            return wizard
        case = case_reads.case_row(wizard.case.id)
        self.statusBar().showMessage(done_text(case), 15000)
        if case.status == CaseStatus.OPEN.value:
            self.show_cases()
            self.cases_panel.select_case(case.id)
        return wizard

    def open_attendance(self):
        """考勤登记: the class chosen in the filter, else the selected pupil's, else the first."""
        from .attendance_dialog import AttendanceDialog

        student = self.selected_student()
        class_id = self.class_combo.currentData() or (student.school_class_id if student else None)
        dialog = AttendanceDialog(self.ws, self, class_id=class_id)
        dialog.exec()
        return dialog

    def show_holidays(self) -> None:
        from .holidays_dialog import HolidaysDialog

        HolidaysDialog(self.ws, self).exec()

    def open_reply_import(self) -> None:
        from .reply_dialog import ReplyImportDialog

        ReplyImportDialog(self.ws, self).exec()

    def open_duplicate_checks(self):
        from .duplicate_checks_dialog import open_dialog

        return open_dialog(self)

    def open_export(self) -> None:
        from .exchange_dialogs import ExportDialog

        ExportDialog(self.ws, self).exec()

    def open_keys(self) -> None:
        from .exchange_dialogs import KeysDialog

        KeysDialog(self.ws, self).exec()

    def show_rules(self) -> None:
        from .rules_dialog import RulesDialog

        RulesDialog(self.ws, self).exec()

    def default_pdf_path(self, student: pupil_reads.PupilRow) -> Path:
        return Path.home() / f"学生基本信息表-{student.name}-{student.student_number}.pdf"

    def print_student_info_to_printer(self):
        from .paperwork_menu import print_student_info

        return print_student_info(self, preview=False)

    def print_student_info(self) -> None:
        student = pupil_reads.pupil(self._selected_id)
        if student is None:
            return
        path, _ = QFileDialog.getSaveFileName(self, "保存学生基本信息表", str(self.default_pdf_path(student)),
                                              "PDF 文件 (*.pdf)")
        if not path:
            return
        if not path.lower().endswith(".pdf"):
            path += ".pdf"

        def call():
            from ..core.forms.printing import print_student_info

            return print_student_info(self.ws, pupil_reads.student_record(student.id), Path(path))

        def opened(result) -> None:
            self.statusBar().showMessage(f"已保存：{result}", 8000)
            QDesktopServices.openUrl(QUrl.fromLocalFile(str(result)))

        run_op(self, call, success=opened, initiator=self)
