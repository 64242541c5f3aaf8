"""`xueji users …` (an administrator's: list, add, roles, disable, enable, reset-password) and `xueji passwd`
(one's own password). New passwords come from XUEJI_NEW_PASSWORD or are asked twice on a terminal; an
administrator's own password (XUEJI_PASSWORD, as for signing in) also passes the school key to a new or
reset registrar."""

from __future__ import annotations

import argparse
import getpass
import os
import sys

from .cli_common import EXIT_BLOCKED, _login, _open, _say, _sign_in, common_options

NEW_PASSWORD_ENV = "XUEJI_NEW_PASSWORD"


def _new_password(prompt: str) -> str:
    value = os.environ.get(NEW_PASSWORD_ENV)
    if value:
        return value
    if sys.stdin is None or not sys.stdin.isatty():
        _say(f"需要新密码：请设置环境变量 {NEW_PASSWORD_ENV}，或在终端中运行、按提示输入。未写入任何内容。")
        raise SystemExit(EXIT_BLOCKED)
    first = getpass.getpass(prompt)
    if getpass.getpass("再输入一次：") != first:
        _say("两次输入的密码不一致，未写入任何内容。")
        raise SystemExit(EXIT_BLOCKED)
    return first


def _roles(text: str):
    from .core.accounts.roles import ROLE_LABELS, Role

    by_word = {**{r.value: r for r in Role}, **{label: r for r, label in ROLE_LABELS.items()},
               "审批人": Role.APPROVER, "校长": Role.APPROVER}
    roles = set()
    for word in text.replace("，", ",").replace("、", ",").split(","):
        word = word.strip()
        if not word:
            continue
        if word not in by_word:
            known = "、".join(f"{r.value}（{r.label}）" for r in Role)
            raise argparse.ArgumentTypeError(f"没有“{word}”这个角色；可用：{known}")
        roles.add(by_word[word])
    return roles


def _class_ids(names: list[str] | None) -> list[int]:
    from .core.pupils.pupil_reads import classes

    by_name = {c.name: c.id for c in classes()}
    ids = []
    for name in names or []:
        if name not in by_name:
            sys.exit(f"没有名为“{name}”的班级（班级名如：{next(iter(by_name), '一年级(1)班')}）")
        ids.append(by_name[name])
    return ids


def _user_id(ws, username: str) -> int:
    from .core.school.users import user_rows

    for row in user_rows(ws):
        if row.username == username:
            return row.id
    sys.exit(f"没有登录名为“{username}”的账号")


def cmd_users(args) -> int:
    from .core.school import users

    ws = _open(args)
    command = args.users_command or "list"
    if command == "list":
        out = sys.stdout
        out.write("登录名\t姓名\t角色\t状态\t班级\t学校密钥\t上次登录\n")
        for r in users.user_rows(ws):
            last = f"{r.last_login_at:%Y-%m-%d %H:%M}" if r.last_login_at else ""
            out.write(f"{r.username}\t{r.display_name}\t{r.roles_label}\t{r.state_label}\t{'、'.join(r.class_names)}"
                      f"\t{'有' if r.holds_key else ''}\t{last}\n")
        return 0
    password = _sign_in(ws, args)
    if command == "add":
        first = _new_password(f"{args.username} 的初始密码：")
        user = users.add_user(ws, args.username, args.name, args.roles, first, _class_ids(args.classes),
                              admin_password=password)
        row = next(r for r in users.user_rows(ws) if r.id == user.id)
        _say(f"已新增：{row.display_name}（{row.username}），{row.roles_label}；首次登录须修改密码"
             + ("；已开通学校密钥" if row.holds_key else ""))
    elif command == "roles":
        users.set_roles(ws, _user_id(ws, args.username), args.roles, _class_ids(args.classes))
        _say(f"已修改 {args.username} 的角色")
    elif command in ("disable", "enable"):
        users.set_active(ws, _user_id(ws, args.username), command == "enable")
        _say(f"已{'启用' if command == 'enable' else '停用'}：{args.username}")
    elif command == "reset-password":
        held = users.reset_password(ws, _user_id(ws, args.username), _new_password(f"{args.username} 的新密码："),
                                    admin_password=password)
        _say(f"已重置 {args.username} 的密码：下次登录须修改" + ("；学校密钥已随新密码开通" if held else ""))
    return 0


def cmd_passwd(args) -> int:
    from .cli_common import _confirm_clock
    from .core.school import users

    ws = _open(args, sign_in=False)
    _login(ws, args, changing_password=True)
    _confirm_clock(args)
    users.change_own_password(ws, args.signed_in_password, _new_password("新密码："))
    _say(f"已修改 {ws.user.username} 的密码")
    return 0


def add_parsers(sub, add) -> None:
    roles_help = "角色，逗号分隔：admin（管理员）、registrar（学籍管理员）、approver（审批人/校长）、" \
                 "class_teacher（班主任）、viewer（查询）、auditor（审计）；也可写中文"
    p = add("users", "用户账号：列出（默认）、新增、修改角色、停用、启用、重置密码（须管理员）", cmd_users)
    users_sub = p.add_subparsers(dest="users_command", metavar="操作")
    a = users_sub.add_parser("list", help="列出全部账号")
    common_options(a)
    a = users_sub.add_parser("add", help=f"新增账号；初始密码取自环境变量 {NEW_PASSWORD_ENV} 或按提示输入")
    common_options(a)
    a.add_argument("username", metavar="登录名")
    a.add_argument("--name", required=True, metavar="姓名")
    a.add_argument("--roles", required=True, type=_roles, help=roles_help)
    a.add_argument("--class", dest="classes", action="append", metavar="班级", help="班主任所带班级，可多次给出")
    a = users_sub.add_parser("roles", help="修改账号的角色（及班主任所带班级）")
    common_options(a)
    a.add_argument("username", metavar="登录名")
    a.add_argument("--roles", required=True, type=_roles, help=roles_help)
    a.add_argument("--class", dest="classes", action="append", metavar="班级")
    for name, text in (("disable", "停用账号（不删除：变更记录仍署其名）"), ("enable", "重新启用账号"),
                       ("reset-password", f"重置密码（下次登录须修改）；新密码取自 {NEW_PASSWORD_ENV} 或按提示输入")):
        a = users_sub.add_parser(name, help=text)
        common_options(a)
        a.add_argument("username", metavar="登录名")
    add("passwd", f"修改自己的密码：原密码取自 XUEJI_PASSWORD，新密码取自 {NEW_PASSWORD_ENV}，或按提示输入", cmd_passwd)
