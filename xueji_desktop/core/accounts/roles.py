"""Who may do what: the school's roles, what each permits, and the refusal that names the role needed.

Roles are held as a set (an account in a small school is often 管理员 and 学籍管理员 at once) and stored as
comma-separated values in `User.role`. The checks run in the domain: `changing()` refuses an event kind the
author may not record, and read functions ask `require()` / `visible_classes()`; the window only hides what
the domain would refuse anyway.
"""

from __future__ import annotations

from enum import Enum
from typing import Iterable


class Role(str, Enum):
    ADMIN = "admin"
    REGISTRAR = "registrar"
    APPROVER = "approver"
    CLASS_TEACHER = "class_teacher"
    VIEWER = "viewer"
    AUDITOR = "auditor"

    @property
    def label(self) -> str:
        return ROLE_LABELS[self]


ROLE_LABELS = {
    Role.ADMIN: "管理员", Role.REGISTRAR: "学籍管理员", Role.APPROVER: "审批人/校长",
    Role.CLASS_TEACHER: "班主任", Role.VIEWER: "查询", Role.AUDITOR: "审计",
}
ROLE_DUTIES = {
    Role.ADMIN: "管理用户账号、程序设置、备份与恢复",
    Role.REGISTRAR: "办理全部学籍业务，导出、报送",
    Role.APPROVER: "审批本校环节的申请，查看全部学籍",
    Role.CLASS_TEACHER: "查看本人所带班级的学生，录入这些班级的考勤",
    Role.VIEWER: "查看全部学籍，不能办理或导出",
    Role.AUDITOR: "查看查询登记和变动记录",
}


class Permission(str, Enum):
    READ_ALL = "read_all"  # every pupil's record
    READ_OWN_CLASSES = "read_own_classes"  # the pupils of the classes assigned to the account
    WORKFLOWS = "workflows"  # enrolment, changes, transfers, cases, imports, school data
    DECIDE_SCHOOL_STEP = "decide_school_step"  # the school's own step of a case (校长审批)
    ATTENDANCE = "attendance"  # every class
    ATTENDANCE_OWN = "attendance_own"  # the account's classes
    PRINT = "print"  # forms and registers of many pupils
    EXPORT = "export"  # batches to the bureau, Excel and PDF files of pupils' data
    MANAGE_USERS = "manage_users"
    SETTINGS = "settings"  # backup folder, idle lock, program settings
    BACKUP = "backup"
    RESTORE = "restore"
    READ_LOGS = "read_logs"  # the access log and the change log

    @property
    def label(self) -> str:
        return PERMISSION_LABELS[self]


PERMISSION_LABELS = {
    Permission.READ_ALL: "查看全部学生", Permission.READ_OWN_CLASSES: "查看本班学生",
    Permission.WORKFLOWS: "办理学籍业务", Permission.DECIDE_SCHOOL_STEP: "审批本校环节",
    Permission.ATTENDANCE: "录入考勤", Permission.ATTENDANCE_OWN: "录入本班考勤",
    Permission.PRINT: "打印表册", Permission.EXPORT: "导出数据", Permission.MANAGE_USERS: "管理用户",
    Permission.SETTINGS: "修改设置", Permission.BACKUP: "备份", Permission.RESTORE: "恢复备份",
    Permission.READ_LOGS: "查看日志",
}

GRANTS: dict[Role, frozenset[Permission]] = {
    Role.ADMIN: frozenset({Permission.MANAGE_USERS, Permission.SETTINGS, Permission.BACKUP, Permission.RESTORE}),
    Role.REGISTRAR: frozenset({Permission.READ_ALL, Permission.WORKFLOWS, Permission.DECIDE_SCHOOL_STEP,
                               Permission.ATTENDANCE, Permission.PRINT, Permission.EXPORT, Permission.BACKUP}),
    Role.APPROVER: frozenset({Permission.READ_ALL, Permission.DECIDE_SCHOOL_STEP, Permission.PRINT}),
    Role.CLASS_TEACHER: frozenset({Permission.READ_OWN_CLASSES, Permission.ATTENDANCE_OWN}),
    Role.VIEWER: frozenset({Permission.READ_ALL}),
    Role.AUDITOR: frozenset({Permission.READ_LOGS}),
}

# What the first account of a new school holds: the one person who sets the program up is its
# administrator and, in a small school, its registrar.
FIRST_ACCOUNT_ROLES = frozenset({Role.ADMIN, Role.REGISTRAR})


class PermissionDenied(PermissionError):
    """A refused action, in Chinese, naming the role it needs. Nothing was written."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


def parse_roles(stored: str | None) -> frozenset[Role]:
    roles = set()
    for word in (stored or "").split(","):
        word = word.strip()
        if word in Role._value2member_map_:
            roles.add(Role(word))
    return frozenset(roles)


def store_roles(roles: Iterable[Role]) -> str:
    order = list(Role)
    return ",".join(r.value for r in sorted(set(roles), key=order.index))


def roles_text(roles: Iterable[Role]) -> str:
    order = list(Role)
    return "、".join(r.label for r in sorted(set(roles), key=order.index)) or "无角色"


def permissions_of(roles: Iterable[Role]) -> frozenset[Permission]:
    granted: set[Permission] = set()
    for role in roles:
        granted |= GRANTS[role]
    return frozenset(granted)


def roles_granting(permission: Permission) -> list[Role]:
    return [role for role in Role if permission in GRANTS[role]]


def refusal(roles: Iterable[Role], action: str, *permissions: Permission) -> str:
    """The message for an account holding `roles` refused `action`, which needs any of `permissions`."""
    needed: list[Role] = []
    for permission in permissions:
        needed += [r for r in roles_granting(permission) if r not in needed]
    need = "或".join(f"“{r.label}”" for r in needed)
    return f"您的账号（{roles_text(roles)}）不能{action}：需要{need}角色。请由管理员在 设置 → 用户 中授予，或换用有此角色的账号。"


def check(roles: Iterable[Role], action: str, *permissions: Permission) -> None:
    """Raises PermissionDenied unless `roles` grant one of `permissions`."""
    roles = frozenset(roles)
    if not permissions_of(roles) & set(permissions):
        raise PermissionDenied(refusal(roles, action, *permissions))
