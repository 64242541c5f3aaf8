"""First run: 学校信息 → 年级和班级 → 管理员账户 → 确认. Written once, on 完成."""

from __future__ import annotations

from PySide6.QtWidgets import QFileDialog, QFormLayout, QLabel, QMessageBox, QSpinBox, QWidget, QWizard, QWizardPage

from ..core.backups import service as backups
from ..core.backups.files import BackupError
from ..core.pupils.fields import Field, Kind
from ..core.region_profiles.profiles import available_profiles, load_profile
from ..core.school.school import SchoolKind, SchoolSystem, grade_name, grades_taught
from ..core.school.setup import ClassPlan, SchoolSetup, check_setup, class_limit, create_school
from . import operations
from .field_widgets import COLOURS, FieldEditor
from .forms.ui_setup_account_page import Ui_AccountPage
from .forms.ui_setup_classes_page import Ui_ClassesPage
from .forms.ui_setup_confirm_page import Ui_ConfirmPage
from .forms.ui_setup_school_page import Ui_SchoolPage
from .operations import run_op
from .wizard_buttons import name_buttons

PAGE_FIELDS = {
    "school": ("name", "code", "area_code", "phone", "kind", "key_high_school", "system", "profile"),
    "classes": ("classes",),
    "account": ("display_name", "username", "password", "password_again"),
}


class SetupPage(QWizardPage):
    """A page of the wizard; its layout (with the `errors` label) comes from the page's Ui_* class."""

    errors: QLabel

    def __init__(self, wizard: SetupWizard, name: str):
        super().__init__()
        self.setupUi(self)
        self.wiz, self.name = wizard, name
        self.touched: set[str] = set()

    def touch(self, key: str) -> None:
        self.touched.add(key)
        self.wiz.refresh()

    def mine(self):
        return [f for f in self.wiz.findings if f.field in PAGE_FIELDS.get(self.name, ())]

    def show_findings(self) -> None:
        shown = [f for f in self.mine() if f.field in self.touched]
        self.errors.setText("<br>".join(f"<span style='color:{COLOURS[f.severity]}'>■ {f.text}</span>" for f in shown))
        self.completeChanged.emit()

    def isComplete(self) -> bool:
        return not self.mine()


class SchoolPage(SetupPage, Ui_SchoolPage):
    def __init__(self, wizard):
        super().__init__(wizard, "school")
        self.area = FieldEditor(Field("area_code", "所在县（区）", Kind.REGION, required=True))
        self.form.setWidget(2, QFormLayout.FieldRole, self.area)
        self.area_label.setBuddy(self.area)
        # made after the .ui's widgets: Tab goes 学校标识码 → 所在县（区） → 联系电话 as before
        QWidget.setTabOrder(self.code_edit, self.area.editor)
        QWidget.setTabOrder(self.area.editor, self.phone)
        for k in SchoolKind:
            self.kind.addItem(k.label, k.value)
        for index, private in enumerate((False, True)):  # 公办, 民办
            self.ownership.setItemData(index, private)
        for s in SchoolSystem:
            self.system.addItem(s.label, s.value)
        for pid, name in available_profiles():
            self.profile.addItem(name, pid)
        self.name_edit.textChanged.connect(lambda: self.touch("name"))
        self.code_edit.textChanged.connect(lambda: self.touch("code"))
        self.area.edited.connect(lambda: self.touch("area_code"))
        self.phone.textChanged.connect(lambda: self.touch("phone"))
        for combo, key in ((self.kind, "kind"), (self.system, "system"), (self.profile, "profile")):
            combo.currentIndexChanged.connect(lambda _=0, k=key: self.touch(k))
        self.key_high_school.toggled.connect(lambda: self.touch("key_high_school"))
        self.kind.currentIndexChanged.connect(self._kind_changed)
        self.profile.currentIndexChanged.connect(self._profile_note)
        self._profile_note()
        self._kind_changed()

    def _kind_changed(self) -> None:
        has_high = SchoolKind(self.kind.currentData()).has_high
        self.key_high_school.setEnabled(has_high)
        if not has_high:
            self.key_high_school.setChecked(False)

    def _profile_note(self) -> None:
        p = load_profile(self.profile.currentData())
        self.profile_note.setText(f"依据：{p.full_title}" + ("" if p.id == "national" else "，以及教育部《中小学生学籍管理办法》"))

    def collect(self, setup: SchoolSetup) -> None:
        setup.name, setup.code = self.name_edit.text(), self.code_edit.text()
        setup.area_code = self.area.value()
        setup.phone = self.phone.text()
        setup.private = self.ownership.currentIndex() == 1
        setup.kind = SchoolKind(self.kind.currentData())
        setup.key_high_school = self.key_high_school.isChecked()
        setup.system = SchoolSystem(self.system.currentData())
        setup.profile_id = self.profile.currentData()


class ClassesPage(SetupPage, Ui_ClassesPage):
    def __init__(self, wizard):
        super().__init__(wizard, "classes")
        self.spins: list[tuple[int, QSpinBox, QSpinBox]] = []

    def initializePage(self) -> None:
        setup = self.wiz.setup
        profile = load_profile(setup.profile_id)
        self.table.setRowCount(0)
        self.spins = []
        for plan in setup.default_classes(profile):
            standard, maximum, standard_article, max_article = class_limit(profile, plan.grade, setup.system)
            row = self.table.rowCount()
            self.table.insertRow(row)
            self.table.setCellWidget(row, 0, QLabel(grade_name(plan.grade)))
            count, capacity = QSpinBox(), QSpinBox()
            count.setRange(0, 30)
            count.setValue(plan.count)
            capacity.setRange(1, 99)
            capacity.setValue(plan.capacity)
            for spin in (count, capacity):
                spin.valueChanged.connect(lambda _=0: self.touch("classes"))
            self.table.setCellWidget(row, 1, count)
            self.table.setCellWidget(row, 2, capacity)
            note = (f"不超过 {maximum} 人（{max_article}）" if maximum == standard else
                    f"原则上 {standard} 人（{standard_article}），最多 {maximum} 人（{max_article}）")
            self.table.setCellWidget(row, 3, QLabel(note))
            self.spins.append((plan.grade, count, capacity))
        for column, width in enumerate((80, 90, 120)):
            self.table.setColumnWidth(column, width)
        self.wiz.refresh()

    def collect(self, setup: SchoolSetup) -> None:
        if self.spins:
            setup.classes = [ClassPlan(g, c.value(), cap.value()) for g, c, cap in self.spins]
        elif not setup.classes or {p.grade for p in setup.classes} != set(grades_taught(setup.kind, setup.system)):
            setup.classes = setup.default_classes(load_profile(setup.profile_id))

    def show_findings(self) -> None:
        self.touched.add("classes")
        super().show_findings()


class AccountPage(SetupPage, Ui_AccountPage):
    def __init__(self, wizard):
        super().__init__(wizard, "account")
        for edit, key in ((self.display, "display_name"), (self.username, "username"),
                          (self.password, "password"), (self.again, "password_again")):
            edit.textChanged.connect(lambda _="", k=key: self.touch(k))

    def collect(self, setup: SchoolSetup) -> None:
        setup.display_name, setup.username = self.display.text(), self.username.text()
        setup.password, setup.password_again = self.password.text(), self.again.text()


class ConfirmPage(QWizardPage, Ui_ConfirmPage):
    def __init__(self, wizard):
        super().__init__()
        self.setupUi(self)
        self.wiz = wizard
        self.backup_folder.setText(str(backups.suggested_folder(wizard.ws.path)))  # a second disk if any
        self.backup_folder_button.clicked.connect(self.pick_backup_folder)

    def choose_backup_folder(self) -> str | None:  # tests replace this
        return QFileDialog.getExistingDirectory(self, "选择备份文件夹", self.backup_folder.text()) or None

    def pick_backup_folder(self) -> None:
        chosen = self.choose_backup_folder()
        if chosen:
            self.backup_folder.setText(chosen)

    def initializePage(self) -> None:
        s = self.wiz.setup
        p = load_profile(s.profile_id)
        classes = "；".join(f"{grade_name(c.grade)} {c.count} 个班，每班 {c.capacity} 人" for c in s.classes if c.count)
        self.summary.setText(
            f"<b>{s.name}</b>（学校标识码 {s.code}）<br>{'民办' if s.private else '公办'}{s.kind.label}{'（省级示范高中）' if s.key_high_school else ''}，{s.system.label}，地区规定：{p.name}<br>"
            f"{classes}<br>学籍管理员：{s.display_name}（{s.username}）<br><br>数据库文件：{self.wiz.ws.path}"
            + ("<br><br>同时生成本校与教育局交换数据用的密钥（由学籍管理员的登录密码保护）；"
               "建好后在“交换 → 密钥与教育局公钥”中打印密钥登记表，交教育局登记。" if s.create_keys else ""))


class SetupWizard(QWizard):
    def __init__(self, ws, parent=None):
        super().__init__(parent)
        self.ws = ws
        self.setWindowTitle("学籍桌面 — 学校设置")
        name_buttons(self)
        self.setWizardStyle(QWizard.ModernStyle)
        self.resize(860, 620)
        self.setup = SchoolSetup(create_keys=True)  # the exchange keys are made with the school
        self.findings = []
        self.pages = [SchoolPage(self), ClassesPage(self), AccountPage(self)]
        for page in self.pages:
            self.addPage(page)
        self.confirm_page = ConfirmPage(self)
        self.addPage(self.confirm_page)
        self.refresh()

    def refresh(self) -> None:
        if not hasattr(self, "pages"):
            return
        for page in self.pages:
            page.collect(self.setup)
        self.findings = check_setup(self.setup)
        for page in self.pages:
            page.show_findings()

    def accept(self) -> None:
        self.refresh()
        try:  # checked (and made) before the school is: a folder that cannot take backups is named first
            folder = backups.check_folder(self.confirm_page.backup_folder.text())
        except BackupError as e:
            operations.show_message(self, QMessageBox.Icon.Warning, "备份文件夹", "请换一个备份文件夹。", e.message)
            return
        if run_op(self, lambda: create_school(self.ws, self.setup), initiator=self) is not None:
            if folder != backups.default_folder(self.ws.path):  # the default needs no setting
                run_op(self, lambda: backups.set_backup_folder(self.ws, folder), initiator=self)
            super().accept()
