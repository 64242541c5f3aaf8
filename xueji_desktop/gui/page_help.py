"""F1 on a wizard page: the user's guide opened at that page's section, with the articles the page applies.

`PAGES` is the data: a page id → (guide page#anchor, rule keys of the region profile). A page id is the
wizard's id, then its kind or direction where it has one, then the page's name, joined by dots
("enrol.identity", "change.suspension.dates", "transfer.in.reason"); a lookup falls back to the shorter
ids ("change.suspension.dates" → "change.suspension" → "change"). A rule key ending in ".*" stands for
every rule of that section. The anchors are the headings' slugs (`help_dialog.slug`); tests check every
one exists in the guide. `install_help` puts 帮助 → 使用说明 (F1) in the main window; `install` watches F1 for
the whole application (from the window, and at start for the set-up and restore wizards).
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt
from PySide6.QtWidgets import QApplication, QWidget

from . import app_events

Entry = tuple[str, tuple[str, ...]]

_ENROL_CORE = ("enrolment.age_cutoff", "enrolment.min_age", "enrolment.usual_max_age", "enrolment.grade_age_tolerance")

PAGES: dict[str, Entry] = {
    # 新生注册
    "enrol": ("enrolment.md", ("enrolment.*",)),
    "enrol.route": ("enrolment.md#第一步注册方式", ("enrolment.period", "enrolment.irregular_admission",
                                                 "enrolment.deferral", "enrolment.middle_by_promotion",
                                                 "enrolment.no_graduate_reenrolment", *_ENROL_CORE)),
    "enrol.identity": ("enrolment.md#第二步身份信息", ("enrolment.duplicate_id", "enrolment.duplicate_person",
                                                    "enrolment.false_information", "student_number.formal_prefix",
                                                    "student_number.temporary_prefix", "student_number.no_id_prefix",
                                                    "student_number.lifelong", *_ENROL_CORE)),
    "enrol.family": ("enrolment.md#第三步家庭与监护人", ("enrolment.creation_steps", "enrolment.false_information")),
    "enrol.placement": ("enrolment.md#第四步编班", ("class_size.primary_standard", "class_size.primary_max",
                                                 "class_size.middle_standard", "class_size.middle_max",
                                                 "enrolment.class_assignment", "enrolment.inclusive_flag",
                                                 "ethnic_stream.no_hollow_registration")),
    "enrol.review": ("enrolment.md#第五步核对确认", ("enrolment.archive_deadline", "enrolment.creation_steps",
                                                  "enrolment.actual_attendance", "student_number.temporary_usable",
                                                  "forms.enrolment")),
    # 转入 / 转出
    "transfer": ("transfer.md", ("transfer.*",)),
    "transfer.in": ("transfer.md#办理转入", ("transfer.*",)),
    "transfer.out": ("transfer.md#办理转出", ("transfer.*",)),
    "transfer.in.identity": ("transfer.md#办理转入", ("transfer.same_grade", "transfer.grade_mapping",
                                                   "student_number.lifelong", "enrolment.duplicate_id")),
    "transfer.in.family": ("transfer.md#办理转入", ("transfer.same_grade",)),
    "transfer.in.school": ("transfer.md#转出学校与年级", ("transfer.same_grade", "transfer.grade_mapping",
                                                   "transfer.window", "transfer.quota_window", "transfer.no_place",
                                                   "transfer.class_assignment", "class_size.primary_max",
                                                   "class_size.middle_max", "ethnic_stream.no_transfer_in")),
    "transfer.out.school": ("transfer.md#办理转出", ("transfer.window", "transfer.same_grade",
                                                  "transfer.special_school", "transfer.reformatory_school")),
    "transfer.in.reason": ("transfer.md#转学原因与证明材料", ("transfer.reasons", "transfer.evidence",
                                                     "transfer.forbidden_papers", "transfer.types")),
    "transfer.out.reason": ("transfer.md#转学原因与证明材料", ("transfer.reasons", "transfer.evidence",
                                                      "transfer.forbidden_papers", "transfer.types")),
    "transfer.in.declare": ("transfer.md#情况确认", ("transfer.refusals", "transfer.unpapered_refused",
                                                 "transfer.private_school", "transfer.no_fees")),
    "transfer.out.declare": ("transfer.md#情况确认", ("transfer.refusals", "transfer.unpapered_refused",
                                                  "transfer.no_fees")),
    "transfer.in.review": ("transfer.md#审批环节与期限", ("transfer.approval_chain", "transfer.both_schools_agree",
                                                    "transfer.paper_steps", "transfer.deadline_working_days",
                                                    "transfer.deadline_scope", "forms.transfer")),
    "transfer.out.review": ("transfer.md#审批环节与期限", ("transfer.approval_chain", "transfer.both_schools_agree",
                                                     "transfer.paper_steps", "transfer.deadline_working_days",
                                                     "transfer.deadline_scope", "forms.transfer")),
    # 学籍变动 (one wizard, by kind)
    "change": ("README.md", ()),
    "change.suspension": ("suspension.md#办理休学", ("suspension.*", "workflows.suspension", "forms.suspension")),
    "change.suspension_extension": ("suspension.md#延长休学", ("suspension.usual_length", "suspension.max_total",
                                                             "suspension.max_times", "suspension.extension",
                                                             "suspension.approvers")),
    "change.resumption": ("suspension.md#复学", ("resumption.*", "suspension.unresumed", "forms.resumption")),
    "change.abroad": ("abroad.md#出国出境", ("abroad.*", "workflows.abroad", "forms.abroad")),
    "change.return_from_abroad": ("abroad.md#入境复学", ("abroad.status", "resumption.grade", "resumption.evidence")),
    "change.withdrawal": ("withdrawal.md", ("withdrawal.*", "workflows.withdrawal", "forms.withdrawal")),
    "change.death": ("death.md", ("death.*", "workflows.death")),
    "change.missing": ("dropout.md#失踪与被羁押", ("missing.*", "workflows.missing")),
    "change.missing_return": ("dropout.md#失踪与被羁押", ("missing.allow_return", "resumption.grade")),
    "change.borrowed_study": ("borrowed-study.md#外出借读", ("borrowed_study.*", "workflows.borrowed_study",
                                                          "forms.borrowed_study")),
    "change.borrowed_return": ("borrowed-study.md#借读返回", ("borrowed_study.status_stays_home",
                                                           "borrowed_study.same_grade")),
    "change.key_info_change": ("info-change.md#关键信息变更", ("info_change.*", "workflows.info_change",
                                                             "forms.info_change")),
    "change.other_leave": ("dropout.md#其他离校", ("dropout.other_leave", "suspension.unresumed",
                                                   "workflows.other_leave")),
    "change.skip_grade": ("skip-grade.md", ("skip_grade.*", "workflows.skip_grade", "forms.skip_grade")),
    "skip_step": ("skip-grade.md#记录审批与编入新年级", ("skip_grade.procedure", "skip_grade.expert_panel",
                                                  "skip_grade.notice_working_days", "skip_grade.timing",
                                                  "skip_grade.list_to_province_by", "skip_grade.counts_as_completed")),
    "step": ("transfer.md#记录审批", ("transfer.approval_chain", "transfer.deadline_working_days")),
    "step.transfer_in": ("transfer.md#记录审批", ("transfer.approval_chain", "transfer.both_schools_agree",
                                              "transfer.deadline_working_days", "transfer.deadline_scope")),
    "step.transfer_out": ("transfer.md#记录审批", ("transfer.approval_chain", "transfer.both_schools_agree",
                                               "transfer.deadline_working_days", "transfer.deadline_scope")),
    # 控辍保学
    "dropout": ("dropout.md", ("dropout.*",)),
    "dropout.suspected_dropout": ("dropout.md#疑似辍学", ("dropout.suspected", "dropout.no_show_contact",
                                                         "dropout.report_to", "dropout.keeps_status")),
    "dropout.dropout": ("dropout.md#认定辍学", ("dropout.confirmed", "dropout.family_refusal",
                                                "dropout.stopped_attending", "dropout.report_to",
                                                "dropout.register", "dropout.keeps_status")),
    "dropout.absence_leave": ("dropout.md#其他离校", ("dropout.other_leave", "dropout.migrant_archive")),
    "dropout.dropout_return": ("dropout.md#辍学返校", ("dropout.return_grade", "repetition.banned")),
    # 学年结转
    "year_end": ("year-end.md", ("year_cycle.*",)),
    "year_end.check": ("year-end.md#第一步结转前检查", ("year_cycle.graduating_business_by",
                                                       "year_cycle.graduation_by", "year_cycle.graduation_requires_active",
                                                       "archive.term_review", "year_cycle.transfers_close")),
    "year_end.preview": ("year-end.md#第二步预览结转结果", ("year_cycle.promotion", "year_cycle.promotion_by_system",
                                                         "certificates.graduation", "certificates.completion_certificate",
                                                         "repetition.banned", "class_size.primary_max",
                                                         "class_size.middle_max")),
    "year_end.confirm": ("year-end.md#第三步确认并执行", ("year_cycle.graduation_irreversible",
                                                        "year_cycle.graduation_by")),
    "year_end.done": ("year-end.md#毕业生花名册与证书编号", ("certificates.roster_approval", "certificates.graduation",
                                                           "enrolment.middle_by_promotion")),
    # 建校与恢复
    "setup": ("start.md#建立学校设置向导", ()),
    "setup.school": ("start.md#建立学校设置向导", ("student_number.formal_prefix",)),
    "setup.classes": ("start.md#建立学校设置向导", ("class_size.primary_standard", "class_size.primary_max",
                                                 "class_size.middle_standard", "class_size.middle_max")),
    "setup.account": ("start.md#登录与账号", ("registrar.formal_staff", "confidentiality.user_responsible",
                                            "confidentiality.account_security")),
    "setup.confirm": ("start.md#建立学校设置向导", ()),
    "restore": ("backup.md#恢复备份", ("archive.school_registers_retention",)),
}

# 记录审批 on a status change's case: the section of its kind, with the same articles
PAGES.update({f"step.{pid[7:]}": entry for pid, entry in list(PAGES.items())
              if pid.startswith("change.") and pid.count(".") == 1})

# how each window is named in a page id: the class name → (id, the attribute holding its kind or direction)
_WINDOWS = {"EnrolWizard": ("enrol", None), "ChangeWizard": ("change", "kind"),
            "TransferWizard": ("transfer", "direction"), "DropoutWizard": ("dropout", "kind"),
            "YearEndWizard": ("year_end", None), "SetupWizard": ("setup", None), "RestoreWizard": ("restore", None),
            "SkipStepDialog": ("skip_step", None), "StepDialog": ("step", "case.kind")}
# pages without a name of their own: their class name → the page's part of the id
_PAGE_NAMES = {"CheckPage": "check", "PreviewPage": "preview", "ConfirmPage": "confirm", "DonePage": "done",
               "SchoolPage": "school", "ClassesPage": "classes", "AccountPage": "account",
               "SourcePage": "source", "RunPage": "run"}


def page_id(window: QWidget, page: QWidget | None = None) -> str | None:
    """The page id of the window's current page, or of `page` (None for a window F1 does not know)."""
    for cls in type(window).__mro__:
        if cls.__name__ in _WINDOWS:
            base, attr = _WINDOWS[cls.__name__]
            break
    else:
        return None
    parts = [base]
    value = window
    for name in attr.split(".") if attr else ():
        value = getattr(value, name, None)
    if attr is not None and value is not None:
        parts.append(str(getattr(value, "value", value)))
    current = getattr(window, "currentPage", None)
    page = page if page is not None else current() if callable(current) else None
    if page is not None:
        name = getattr(page, "name", None)
        name = name if isinstance(name, str) else _PAGE_NAMES.get(type(page).__name__)
        if name:
            parts.append(name)
    return ".".join(parts)


def lookup(pid: str) -> tuple[str, Entry] | None:
    """The entry of the page id, or of the nearest shorter id that has one."""
    parts = pid.split(".")
    while parts:
        key = ".".join(parts)
        if key in PAGES:
            return key, PAGES[key]
        parts.pop()
    return None


def rule_keys(profile, keys: tuple[str, ...]) -> list[str]:
    """The profile's keys the entry names (a "section.*" as every key of the section), where they apply."""
    known = profile.keys()
    found: list[str] = []
    for key in keys:
        if key.endswith(".*"):
            found += [k for k in known if k.startswith(key[:-1])]
        elif key in known:
            found.append(key)
    return [k for k in dict.fromkeys(found) if profile.rule(k).applies]


def _profile(window):
    ws = getattr(window, "ws", None)
    try:
        return ws.profile
    except Exception:  # noqa: BLE001 — no school yet (set-up, a restore at start): the national rules
        from ..core.region_profiles.profiles import BASE_ID, load_profile

        return load_profile(BASE_ID)


def open_for(window: QWidget):
    """Opens the guide at the window's page, with its articles; None when the window has no entry."""
    pid = page_id(window)
    found = lookup(pid) if pid else None
    if found is None:
        return None
    _, (target, keys) = found
    from .help_dialog import GuideDialog

    previous = getattr(window, "guide_dialog", None)
    if previous is not None:  # one guide per wizard: F1 on the next page replaces it
        previous.close()
    profile = _profile(window)
    dialog = GuideDialog(getattr(window, "ws", None), window, page=target,
                         articles=(profile, rule_keys(profile, keys)))
    dialog.page_id = pid
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.destroyed.connect(lambda *_: setattr(window, "guide_dialog", None))
    dialog.show()
    window.guide_dialog = dialog  # kept for the window's tests
    return dialog


def _f1(obj, event) -> bool:
    """F1 pressed in a known wizard or dialog (the main window's own F1 is its 使用说明 action)."""
    if (event.key() == Qt.Key.Key_F1 and event.modifiers() == Qt.KeyboardModifier.NoModifier
            and isinstance(obj, QWidget)):
        window = obj.window()
        if page_id(window) is not None:
            open_for(window)
            return True
    return False


def install(app: QApplication | None = None) -> None:
    """Once per application (called at start; again does nothing)."""
    app = app or QApplication.instance()
    if app is not None:
        app_events.on((QEvent.Type.KeyPress,), _f1, app)


def install_help(window) -> None:
    """帮助 → 使用说明 (F1), first in the 帮助 menu; the wizards' F1 (gui.page_help) for the application."""
    from PySide6.QtGui import QAction, QKeySequence

    from .help_dialog import open_guide

    menu = next((a.menu() for a in window.menuBar().actions()
                 if a.menu() is not None and a.text().startswith("帮助")), None)
    if menu is None:
        menu = window.menuBar().addMenu("帮助(&H)")
    menu.setObjectName("help_menu")
    window.guide_action = QAction("使用说明", window)
    window.guide_action.setShortcut(QKeySequence("F1"))
    window.guide_action.setStatusTip("学籍管理员使用说明：每项业务的操作步骤、程序检查什么、依据哪条规定（F1）")
    window.guide_action.triggered.connect(lambda: open_guide(window))
    first = menu.actions()[0] if menu.actions() else None
    menu.insertAction(first, window.guide_action)
    if first is not None:
        menu.insertSeparator(first)
    install()
