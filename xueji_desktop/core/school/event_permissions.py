"""Which roles may record which kind of change: checked at the one door (`changing` / `Tx.record`), so a
service cannot write what its caller's account may not, whatever the window shows."""

from __future__ import annotations

from ..accounts.roles import Permission, check, parse_roles

P = Permission
_WORKFLOWS = (P.WORKFLOWS,)
# kind value → (the action in words, permissions any one of which allows it)
_NEEDS: dict[str, tuple[str, tuple[Permission, ...]]] = {
    "school_created": ("建立学校", (P.MANAGE_USERS,)),
    "user_created": ("新增用户", (P.MANAGE_USERS,)),
    "user_changed": ("修改用户账号", (P.MANAGE_USERS,)),
    "key_wrapped": ("为用户开通学校密钥", (P.MANAGE_USERS,)),
    "settings_changed": ("修改设置", (P.SETTINGS,)),
    "backup_restored": ("恢复备份", (P.RESTORE,)),
    "case_step_recorded": ("记录审批", (P.WORKFLOWS, P.DECIDE_SCHOOL_STEP)),
    "case_rejected": ("记录审批", (P.WORKFLOWS, P.DECIDE_SCHOOL_STEP)),
    "attendance_recorded": ("录入考勤", (P.ATTENDANCE, P.ATTENDANCE_OWN)),
}
# Changes anyone signed in makes to their own account.
OWN_ACCOUNT = frozenset({"password_changed"})


def check_author(author, kind) -> None:
    """PermissionDenied unless `author` (a User row) may record an event of `kind` (an EventKind)."""
    if kind.value in OWN_ACCOUNT:
        return
    action, permissions = _NEEDS.get(kind.value, (f"办理“{kind.label}”", _WORKFLOWS))
    check(parse_roles(author.role), action, *permissions)
