"""`xueji backup`, `xueji backups`, `xueji restore`: the school's backups from the command line, through the
same services as the window (core.backups). Listing and restoring work on a damaged database too: they
read it (if at all) read-only and never write to it."""

from __future__ import annotations

import getpass
import os
import sys
from pathlib import Path

from .cli_common import EXIT_BLOCKED, EXIT_USAGE, USER_ENV, _db, _open, _say, read_password


def _passphrase(args, twice: bool) -> str:
    if args.passphrase_env:
        value = os.environ.get(args.passphrase_env)
        if not value:
            _say(f"环境变量 {args.passphrase_env} 未设置：请在其中给出加密备份的密码。未写入任何内容。")
            raise SystemExit(EXIT_BLOCKED)
        return value
    if sys.stdin is None or not sys.stdin.isatty():
        _say("需要加密备份的密码：请用 --passphrase-env 变量名 给出，或在终端中运行按提示输入。未写入任何内容。")
        raise SystemExit(EXIT_BLOCKED)
    value = getpass.getpass("加密备份的密码：")
    if twice and getpass.getpass("再输入一次：") != value:
        _say("两次输入的密码不一致。未写入任何内容。")
        raise SystemExit(EXIT_BLOCKED)
    return value


def _progress(done: int, total: int) -> None:
    if sys.stderr is not None and sys.stderr.isatty() and total:
        print(f"\r{100 * done // total:3d}%", end="", file=sys.stderr, flush=True)


def cmd_backup(args) -> int:
    from .core.accounts.roles import Permission, check, parse_roles
    from .core.backups import service
    from .core.backups.files import BackupError

    ws = _open(args)
    check(parse_roles(ws.user.role), "备份", Permission.BACKUP)
    try:
        if args.to:
            path = service.write_sealed(ws, args.to, _passphrase(args, twice=True), _progress)
            _say("")
            print(path)
            _say(f"已加密写入并校验：{path}（恢复时须输入同一密码）")
        else:
            taken = service.take_backup(ws, "manual")
            print(taken.path)
            _say(f"已备份并检查：{taken.path}")
    except BackupError as e:
        _say(f"未备份：{e.message}")
        return EXIT_BLOCKED
    return 0


def cmd_backups(args) -> int:
    """The complete, checked backups of the folder (the database's backup folder, or --folder), newest first."""
    from .core.backups import files, service
    from .core.exchange.stick import human_size

    folder = Path(args.folder) if args.folder else service.folder_of(_db(args))
    found = list(reversed(files.listing(folder)))
    sealed_ones = service.sealed_files(folder)
    print("备份时间\t学校代码\t原因\t大小\t文件")
    for b in found:
        print(f"{b.taken_at:%Y-%m-%d %H:%M:%S}\t{b.school_code}\t{service.reason_label(b.reason)}\t"
              f"{human_size(b.size)}\t{b.path}")
    for p in sealed_ones:
        info = files.parse_name(p.with_name(p.name.removesuffix(".xjenc") + files.SUFFIX))
        when = f"{info.taken_at:%Y-%m-%d %H:%M:%S}" if info else ""
        print(f"{when}\t{info.school_code if info else ''}\t加密（U 盘）\t{human_size(p.stat().st_size)}\t{p}")
    _say(f"备份文件夹：{folder}，共 {len(found) + len(sealed_ones)} 份")
    return 0


def cmd_restore(args) -> int:
    from . import clock
    from .core.accounts.roles import PermissionDenied
    from .core.backups import service
    from .core.backups.files import BackupError
    from .core.backups.sealed import SUFFIX, SealError

    db, source = _db(args), Path(args.file)
    if not source.is_file():
        _say(f"找不到备份文件 {source}")
        return EXIT_USAGE
    user = getattr(args, "user", None) or os.environ.get(USER_ENV)
    if not user:
        _say(f"请用 --user 指定管理员的登录名（或设置环境变量 {USER_ENV}）")
        return EXIT_BLOCKED
    password = read_password(f"{user} 的密码：")
    passphrase = _passphrase(args, twice=False) if source.name.endswith(SUFFIX) else None
    try:
        result = service.restore(db, source, user, password, clock.now(), passphrase=passphrase, progress=_progress)
    except (BackupError, SealError, PermissionDenied) as e:
        _say(f"未恢复：{e.message}")
        return EXIT_BLOCKED
    _say("")
    print(result.summary.text)
    where = f"已先备份到 {result.before.path}，" if result.before else ""
    _say(f"已恢复。原数据库{where}并保留为 {result.kept_aside}。")
    return 0


def add_parsers(sub, add) -> None:
    """Adds `backup`, `backups` and `restore` to the top-level subparsers (`add` as in cli.build_parser)."""
    p = add("backup", "备份数据库：存入备份文件夹（经完整性检查）；用 --to 加密写入 U 盘", cmd_backup)
    p.add_argument("--to", metavar="FOLDER", help="U 盘（或其他文件夹）：加密备份写入其中的 xueji 文件夹")
    p.add_argument("--passphrase-env", metavar="VAR", help="加密备份的密码所在的环境变量名（否则在终端中输入）")
    p = add("backups", "列出备份文件夹中完整、经检查的备份（最新的在前）", cmd_backups)
    p.add_argument("--folder", help="列出这个文件夹（如 U 盘）中的备份，而不是本校的备份文件夹")
    p = add("restore", "用一份备份恢复数据库（须管理员：--user 或环境变量 XUEJI_USER，密码取自 XUEJI_PASSWORD 或按提示输入；"
            "当前数据库先备份并保留）", cmd_restore)
    p.add_argument("file", metavar="FILE", help="备份文件（.xjbak，或 U 盘上加密的 .xjenc）")
    p.add_argument("--passphrase-env", metavar="VAR", help="加密备份的密码所在的环境变量名（否则在终端中输入）")
