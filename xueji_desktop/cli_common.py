"""What every `xueji` command shares: exit codes, messages on stderr, the database, signing in with a
password, and the PC-clock check before a write. cli.py, cli_exchange.py and cli_bureau.py all import it,
and it imports none of them."""

from __future__ import annotations

import argparse
import getpass
import os
import sys
from pathlib import Path

from .paths import default_db_path

EXIT_BLOCKED = 2
EXIT_USAGE = 64
EXIT_INTERNAL = 70  # sysexits EX_SOFTWARE: a fault of the program, logged
EXIT_INTERRUPTED = 130

EXIT_CODES = """退出码：
  0    完成
  1    未能进行，原因已打印（例如数据库尚未建立学校、找不到学生）
  2    被规则或校验拒绝、缺少密码、参数有误：未写入任何内容
  64   输入文件无法读取（PUPIL.json 的格式或内容有误）
  70   程序内部错误：没有留下写了一半的数据，详细情况记入日志文件
  130  被 Ctrl+C 中断

日志文件：{log}（每天一个，保留 {days} 天；可用环境变量 XUEJI_LOG_DIR 指定文件夹）"""

USER_HELP = "登录名（默认取环境变量 XUEJI_USER；本校只有一个账号时可省略）；密码取自环境变量 XUEJI_PASSWORD 或按提示输入"
DATE_OK_HELP = "电脑日期早于数据库中已有的日期或本程序的发布日期时，确认日期无误、照常写入（否则不写入）"
PASSWORD_ENV = "XUEJI_PASSWORD"
USER_ENV = "XUEJI_USER"
NO_PASSWORD = (f"需要密码：每个命令都须由操作人用自己的账号登录（谁查询、谁导出、谁负责）。请设置环境变量 {PASSWORD_ENV}，"
               "或在终端（命令提示符窗口）中运行，按提示输入密码。未读取、未写入任何内容。")


def _say(text: str) -> None:
    """A message on stderr (absent in the windowed Windows build)."""
    if sys.stderr is not None:
        print(text, file=sys.stderr)


def read_password(prompt: str) -> str:
    """The password from XUEJI_PASSWORD, else asked on the terminal. With neither (a script, a
    scheduled task) the command stops with exit code 2 before writing anything."""
    password = os.environ.get(PASSWORD_ENV)
    if password:
        return password
    if sys.stdin is None or not sys.stdin.isatty():
        _say(NO_PASSWORD)
        raise SystemExit(EXIT_BLOCKED)
    try:
        return getpass.getpass(prompt)
    except EOFError:
        _say(NO_PASSWORD)
        raise SystemExit(EXIT_BLOCKED) from None


def _db(args) -> Path:
    return Path(args.db) if args.db else default_db_path()


def _open(args, *, sign_in: bool = True):
    """The school's database; every command then signs in (reads too: who looked is recorded, and an
    account sees only what its roles allow)."""
    from .core.school.workspace import Workspace

    ws = Workspace(_db(args))
    if not ws.is_set_up:
        sys.exit(f"数据库 {ws.path} 尚未建立学校：请先运行 `xueji run` 完成设置，或 `xueji demo`")
    if sign_in:
        _login(ws, args)
    return ws


def _login(ws, args, *, changing_password: bool = False) -> None:
    """--user (else XUEJI_USER, else the only account) and its password from XUEJI_PASSWORD or asked.
    An account whose password an administrator reset must change it first (`xueji passwd`)."""
    from .core.school.workspace import LoginError

    if ws.user is not None:
        return
    user = getattr(args, "user", None) or os.environ.get(USER_ENV) or (
        ws.sole_user().username if ws.sole_user() else None)
    if not user:
        _say(f"请用 --user 指定登录名（或设置环境变量 {USER_ENV}）：本校有多个账号")
        raise SystemExit(EXIT_BLOCKED)
    password = read_password(f"{user} 的密码：")
    try:
        ws.login(user, password)
    except LoginError as e:
        _say(f"未能登录：{e}")
        raise SystemExit(EXIT_BLOCKED) from None
    args.signed_in_password = password
    if ws.user.must_change_password and not changing_password:
        _say("管理员已重置您的密码：请先用 `xueji passwd` 设置新密码（或在窗口中登录时修改），再办理其他事项。")
        raise SystemExit(EXIT_BLOCKED)


def _sign_in(ws, args, facts_from_elsewhere: bool = False) -> str:
    """Before a write: signed in (as `_open` does) and the PC clock confirmed. Returns the password (it
    also unlocks the school's private key)."""
    _login(ws, args)
    _refuse_if_log_edited(ws)
    _confirm_clock(args, facts_from_elsewhere)
    return args.signed_in_password


def _refuse_if_log_edited(ws) -> None:
    """No write over a change log another program edited (`xueji verify` lists every break)."""
    from .core.school.event_chain import start_warning

    text = start_warning(ws)
    if text:
        _say(f"{text}\n未写入任何内容。可用 `xueji verify` 列出每一处。")
        raise SystemExit(EXIT_BLOCKED)


def _confirm_clock(args, facts_from_elsewhere: bool = False) -> None:
    """Before any write: a PC day earlier than what the database already holds is asked about on a terminal;
    without one (a script) the command stops unless --date-ok says the day is right. Importing the bureau's
    reply records the bureau's dated facts, never refused for this PC's clock: there the doubt is only said."""
    from .core.school.clock_check import clock_doubt

    doubt = clock_doubt()
    if doubt is None or getattr(args, "date_ok", False):
        return
    _say(f"{doubt.message}{doubt.advice}")
    if facts_from_elsewhere:
        return
    if sys.stdin is not None and sys.stdin.isatty():
        try:
            answer = input("电脑日期无误、继续办理吗？输入 y 继续，其他键退出：")
        except EOFError:
            answer = ""
        if answer.strip().lower() in ("y", "yes", "是"):
            return
    _say("未写入任何内容。如电脑日期确实无误，可加 --date-ok 重新运行。")
    raise SystemExit(EXIT_BLOCKED)


def common_options(parser) -> None:
    """--db, --date-ok and --user, accepted after any command or sub-command word (default: as given before)."""
    parser.add_argument("--db", help="数据库文件（默认在用户数据目录）", default=argparse.SUPPRESS)
    parser.add_argument("--date-ok", action="store_true", default=argparse.SUPPRESS, help=DATE_OK_HELP)
    parser.add_argument("--user", default=argparse.SUPPRESS, help=USER_HELP)


def operations(parser, dest: str):
    """The sub-command words of a command (`xueji discipline add …`): a function (name, help, func) → the
    sub-command's parser, which takes --db, --date-ok and --user too and runs `func`."""
    ops = parser.add_subparsers(dest=dest, metavar="操作")

    def operation(name: str, help_text: str, func):
        a = ops.add_parser(name, help=help_text, description=help_text)
        common_options(a)
        a.set_defaults(func=func)
        return a

    return operation


def pupil_by_number(number: str):
    """The pupil with this 学籍号 (`--pupil`), or None after saying so."""
    from .core.pupils.pupil_reads import known_pupil

    found = known_pupil(student_number=number.strip().upper())
    if found is None:
        _say(f"--pupil：本校没有学籍号为 {number} 的学生")
    return found


def whole_number(text: str) -> int:
    """argparse type for a count or an id: refused in Chinese (argparse names the option)."""
    try:
        return int(text.strip())
    except ValueError:
        raise argparse.ArgumentTypeError(f"“{text}” 不是整数，请填写数字，如 600") from None


def item_value(text: str) -> tuple[str, str]:
    """argparse type for --set 项目=内容: the item and its value, refused in Chinese when there is no 项目."""
    label, sep, value = text.partition("=")
    if not sep or not label.strip():
        raise argparse.ArgumentTypeError(f"“{text}” 应写成 项目=内容，如 --set 校长=李明")
    return label.strip(), value
