"""`xueji bureau …`: the county bureau's side of the exchange on the command line (for the bureau's IT
helper and for tests). Same services as bureau mode's windows: `xueji_desktop.bureau.importer`.

Every command signs in with a bureau account (bureau.accounts): --user (else XUEJI_USER, else the only
active account), the password from XUEJI_PASSWORD or asked on a terminal; the same password unlocks the
bureau's private key through the account's own wrap. A refused action exits with 2 and names the role."""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

EXIT_REFUSED = 2


NEW_PASSWORD_ENV = "XUEJI_NEW_PASSWORD"


def _password(prompt: str = "教育局私钥密码：", confirm: bool = False) -> str:
    """XUEJI_PASSWORD, else asked on the terminal; with neither, exit 2 before anything is opened."""
    from .cli_common import PASSWORD_ENV, read_password

    if os.environ.get(PASSWORD_ENV):
        return os.environ[PASSWORD_ENV]
    password = read_password(prompt)
    if confirm and read_password("再输入一次：") != password:
        sys.exit("两次输入的密码不一致")
    return password


def _new_password(prompt: str) -> str:
    """A password being set (a new account's, a reset, one's own new one): XUEJI_NEW_PASSWORD, else asked
    twice on a terminal; with neither, exit 2 before anything is written."""
    import getpass

    from .cli_common import EXIT_BLOCKED, _say

    given = os.environ.get(NEW_PASSWORD_ENV)
    if given:
        return given
    if sys.stdin is None or not sys.stdin.isatty():
        _say(f"需要新密码：请设置环境变量 {NEW_PASSWORD_ENV}，或在终端中运行，按提示输入。未写入任何内容。")
        raise SystemExit(EXIT_BLOCKED)
    first = getpass.getpass(prompt)
    if getpass.getpass("再输入一次：") != first:
        _say("两次输入的密码不一致，未写入任何内容")
        raise SystemExit(EXIT_BLOCKED)
    return first


def _store(args, *, sign_in: bool = True, changing_password: bool = False):
    """The bureau store, signed in: the password is read before anything is opened."""
    from .bureau.store import open_store
    from .cli_common import USER_ENV

    if not args.db:
        sys.exit("请用 --db 指定教育局数据库")
    if not sign_in:
        return open_store(args.db)
    named = getattr(args, "user", None) or os.environ.get(USER_ENV)
    password = _password(f"{named} 的密码：" if named else "教育局端账号的密码：")
    store = open_store(args.db)
    try:
        _sign_in(store, args, named, password, changing_password)
    except BaseException:
        store.close()
        raise
    return store


def _sign_in(store, args, named: str | None, password: str, changing_password: bool) -> None:
    from .bureau import accounts
    from .cli_common import EXIT_BLOCKED, USER_ENV, _say

    user = named or accounts.sole_username()
    if not user:
        if accounts.has_accounts():
            _say(f"请用 --user 指定登录名（或设置环境变量 {USER_ENV}）：教育局端有多个账号")
        else:
            _say("这个教育局数据库还没有账号：请知道教育局私钥密码的人先运行 "
                 "xueji bureau users add --first --login 登录名 --name 姓名")
        raise SystemExit(EXIT_BLOCKED)
    try:
        accounts.sign_in(store, user, password)
    except accounts.AccountError as e:
        _say(f"未能登录：{e.message}")
        raise SystemExit(EXIT_BLOCKED) from None
    args.signed_in_password = password
    if store.account.must_change_password and not changing_password:
        _say("管理员已重置您的密码：请先用 `xueji bureau passwd` 设置新密码（或在窗口中登录时修改），再办理其他事项。")
        raise SystemExit(EXIT_BLOCKED)
    needs = getattr(args, "needs", None)  # a command's right, checked before anything is read
    if needs == "read":
        accounts.require_read(store)
    elif needs == "export":
        accounts.require(store, "导出全县学生数据", accounts.BureauPermission.EXPORT)
    elif needs == "log":
        from .bureau.access_log import require_log_reader

        require_log_reader(store)


def cmd_init(args) -> int:
    from .bureau.importer import BureauError, init_bureau

    try:
        path, fp = init_bureau(args.db, args.name, args.county,
                               _password("设置第一个账号的密码（也保护教育局私钥）：", confirm=True),
                               key_file=args.key_out, username=args.login, display_name=args.display_name)
    except BureauError as e:
        print(e.message, file=sys.stderr)
        return EXIT_REFUSED
    print(f"教育局密钥已生成：{args.db}")
    print(f"公钥文件（交各校登记）：{path}")
    print(f"公钥指纹（印在盖章公函上）：{fp}")
    print(f"第一个账号：{args.login}（{args.display_name}；管理员、科长、科员），用刚才设置的密码登录")
    return 0


def cmd_register(args) -> int:
    from .bureau.importer import BureauError, register_school

    with _store(args) as store:
        try:
            row = register_school(store, args.code, args.name, args.key)
        except BureauError as e:
            print(e.message, file=sys.stderr)
            return EXIT_REFUSED
        print(f"已登记学校 {row.code} {row.name}，密钥指纹 {row.fingerprint}")
    return 0


def cmd_revoke(args) -> int:
    from .bureau.importer import BureauError, revoke

    with _store(args) as store:
        try:
            row = revoke(store, args.code)
        except BureauError as e:
            print(e.message, file=sys.stderr)
            return EXIT_REFUSED
        print(f"已吊销学校 {row.code} {row.name} 的密钥（指纹 {row.fingerprint}），此后该密钥签发的批次一律拒收")
    return 0


def cmd_import(args) -> int:
    from .bureau.importer import BureauError, dry_run, import_batches

    with _store(args) as store:
        password = args.signed_in_password
        try:
            if args.dry_run:
                plans = dry_run(store, password, args.paths)
            else:
                plans = import_batches(store, password, args.paths)
        except BureauError as e:
            print(e.message, file=sys.stderr)
            return EXIT_REFUSED
        if not plans:
            print("没有找到批次文件（*.xjb）")
            return EXIT_REFUSED
        for plan in plans:
            print(plan.line)
        if not args.dry_run and args.receipts:
            for plan in plans:
                if plan.receipt:
                    print()
                    print(plan.receipt)
        refused = sum(p.refused for p in plans)
        done = sum(p.status == "imported" for p in plans)
        held = sum(p.status == "held" for p in plans)
        verb = "可导入" if args.dry_run else "已导入"
        print(f"共 {len(plans)} 批：{verb} {done} 批，暂存等待 {held} 批，拒绝 {refused} 批"
              + ("（预演，未做任何改动）" if args.dry_run else ""))
    return EXIT_REFUSED if refused else 0


def cmd_cases(args) -> int:
    from .bureau import review

    with _store(args) as store:
        items = review.pending(store, args.school)
        for item in items:
            c = item.case
            due = f"{item.due_on:%Y-%m-%d} 前" if item.due_on else "无期限"
            print(f"{c.number}\t{c.school.code} {c.school.name}\t{c.pupil_name}\t待{item.label}审批\t{due}\t{c.uuid}")
        print(f"共 {len(items)} 件申请等待本局审批")
    return 0


def _decide(args, outcome: str) -> int:
    from .bureau import review
    from .bureau.importer import BureauError

    with _store(args) as store:
        try:
            d = review.decide(store, args.case, outcome, note=args.note or "")
        except BureauError as e:
            print(e.message, file=sys.stderr)
            return EXIT_REFUSED
        verdict = "同意" if outcome == "approved" else "不同意"
        print(f"申请 {d.case.number}（{d.case.school.name}，{d.case.pupil_name}）：{review.party_label(d.party)}{verdict}，"
              f"经办人 {d.person}；将随下一份回执发给学校")
    return 0


def cmd_approve(args) -> int:
    return _decide(args, "approved")


def cmd_reject(args) -> int:
    return _decide(args, "rejected")


def cmd_reply(args) -> int:
    from .bureau import replies
    from .bureau.importer import BureauError
    from .core.exchange.stick import StickError

    folder = Path(args.to)
    if not folder.is_dir():
        print(f"未写出：找不到 {folder}（U 盘是否已插好？）", file=sys.stderr)
        return EXIT_REFUSED
    with _store(args) as store:
        try:
            result = replies.reply_to(store, args.signed_in_password, args.school, folder)
        except BureauError as e:
            print(e.message, file=sys.stderr)
            return EXIT_REFUSED
        except StickError as e:
            print(e.message, file=sys.stderr)
            return EXIT_REFUSED
        for line in result.lines:
            print(line)
        if not result.written:
            print(f"学校 {args.school} 没有待送达的回执")
    return 0


def cmd_export_national(args) -> int:
    from .bureau import county
    from .bureau.access_log import scope
    from .cli_access_log import purpose_question
    from .core.accounts.access_log import PurposeRequired

    with _store(args) as store:
        try:
            count = county.export_national(store, args.out, school=args.school, layout=args.layout,
                                           purpose=purpose_question(scope(), args))
        except PurposeRequired as e:
            print(e.message, file=sys.stderr)
            return EXIT_REFUSED
    from .core.national.layouts import LAYOUTS

    print(f"已导出 {count} 名在籍学生到 {args.out}（{LAYOUTS[args.layout].title}的列顺序，证件号、电话为文本）")
    return 0


def cmd_access_log(args) -> int:
    from .bureau import access_log
    from .core.accounts.access_log import LogFilter
    from .core.forms.registers_common import RegisterError

    f = LogFilter(user_name=args.user_filter or "", pupil=args.student or "", start=args.start, end=args.end,
                  action=args.action)
    if args.start and args.end and args.start > args.end:
        print(f"--from {args.start} 晚于 --to {args.end}：请给出先后正确的日期", file=sys.stderr)
        return EXIT_REFUSED
    with _store(args) as store:
        if args.out:
            try:
                out = access_log.write_register(store, f, args.out)
            except RegisterError as e:
                print(f"未生成：{e.message}", file=sys.stderr)
                return EXIT_REFUSED
            print(f"已生成：{out}")
            return 0
        rows = access_log.read_log(store, f)
    out = sys.stdout
    out.write("时间\t账号\t姓名\t操作\t内容\t学生\t人数\t用途\t文件\n")
    for r in rows:
        cells = (r.at.strftime("%Y-%m-%d %H:%M:%S"), r.username, r.display_name, r.action_label, r.subject,
                 r.pupils, str(r.pupil_count), r.purpose, r.target)
        out.write("\t".join(" ".join(c.split()) for c in cells) + "\n")
    print(f"共 {len(rows)} 条（{f.describe()}）", file=sys.stderr)
    return 0


def cmd_conflicts(args) -> int:
    from .bureau import conflicts
    from .bureau.importer import BureauError

    with _store(args) as store:
        if args.resolve is not None:
            try:
                c = conflicts.resolve(store, args.resolve, args.keep, note=args.note or "")
            except BureauError as e:
                print(e.message, file=sys.stderr)
                return EXIT_REFUSED
            print(f"冲突 {c.id}：{conflicts.RESOLUTION_LABELS[c.resolution]}（{c.resolved_by}）")
            return 0
        rows = conflicts.open_conflicts()
        for c in rows:
            head, diffs = conflicts.describe(c)
            print(f"{c.id}\t{c.school.code} {c.school.name}\t第 {c.batch.batch_no} 批\t{head}")
            for d in diffs:
                print(f"\t{d.label}：原为 {d.stored}；新报送 {d.incoming}")
        print(f"待处理的冲突：{len(rows)} 条")
    return 0


def cmd_county(args) -> int:
    from .bureau import county

    with _store(args) as store:
        for line in county.overview_lines(store):
            print(line)
    return 0


def cmd_find(args) -> int:
    from .bureau import pupil_search

    with _store(args):
        found = pupil_search.find(args.text)
        for line in pupil_search.tsv_lines(found):
            print(line)
    if found.more or not found.hits:
        print(found.note, file=sys.stderr)
    return 0


def cmd_duplicates(args) -> int:
    """重复学籍: each child on the roll of two schools the imports caught, with both records (TSV), logged as a
    look at the pupils listed."""
    from .bureau import access_log, duplicate_settling, duplicates
    from .core.accounts.access_log import Action
    from .core.school.school import grade_name

    with _store(args) as store:
        lines = duplicates.duplicates(open_only=not args.all)
        out = sys.stdout
        out.write("编号\t状态\t依据\t发现时间\t学校A\t学籍号A\t姓名A\t年级班级A\t学籍状态A\t入学日期A\t最近变动A\t到达本局A"
                  "\t学校B\t学籍号B\t姓名B\t年级班级B\t学籍状态B\t入学日期B\t最近变动B\t到达本局B\t进展\n")

        def side(s) -> list[str]:
            place = s.class_name or (grade_name(s.grade) if s.grade else "")  # 三年级(1)班
            return [f"{s.school_name}（{s.school_code}）", s.student_number, s.name, place, s.status_label, s.entered,
                    s.arrived, s.received]

        for d in lines:
            cells = [str(d.id), duplicates.STATUS_LABELS.get(d.status, d.status), d.match_label,
                     f"{d.found_at:%Y-%m-%d %H:%M}", *side(d.a), *side(d.b),
                     duplicate_settling.progress(duplicates.BureauDuplicate.get_by_id(d.id)).text]
            out.write("\t".join(cells) + "\n")
        access_log.record(store, Action.OPEN, "重复学籍（xueji bureau duplicates）",
                          [access_log.Pupil(s.school_code, s.student_number, s.name) for d in lines for s in (d.a, d.b)])
    if not lines:
        print("没有待处理的重复学籍" if not args.all else "没有发现重复学籍", file=sys.stderr)
    return 0


def cmd_window(args) -> int:
    from .gui.bureau.window import run_bureau_window

    if not args.db:
        sys.exit("请用 --db 指定教育局数据库")
    return run_bureau_window(args.db)


def cmd_demo(args) -> int:
    from .bureau.demo import build_bureau_demo, describe

    if not args.db:
        sys.exit("请用 --db 指定演示教育局数据库放在哪个文件夹（须是新的文件夹）")
    try:
        target, password = build_bureau_demo(Path(args.db))
    except FileExistsError as e:
        print(e, file=sys.stderr)
        return EXIT_REFUSED
    for line in describe(target, password):
        print(line)
    return 0


# --- accounts -----------------------------------------------------------------------------------------------

def cmd_users_list(args) -> int:
    from .bureau import accounts

    with _store(args) as store:
        accounts.require(store, "查看账号", accounts.BureauPermission.MANAGE_USERS)
        rows = accounts.account_rows()
        now = store.now()
        from .core.accounts import sign_in_rules

        for r in rows:
            state = "已停用" if not r.active else (
                "已锁定" if sign_in_rules.locked(r.locked_until, now) else "可用")
            extra = "；须修改密码" if r.must_change_password and r.active else ""
            key = "；持有私钥" if r.holds_key else ""
            last = f"{r.last_login_at:%Y-%m-%d %H:%M}" if r.last_login_at else "从未登录"
            print(f"{r.username}\t{r.display_name}\t{r.roles_label}\t{state}{extra}{key}\t最近登录 {last}")
        print(f"共 {len(rows)} 个账号")
    return 0


def _roles(words: list[str]):
    from .bureau import accounts

    return frozenset(accounts.role_from_text(w) for text in words for w in text.replace("，", ",").split(",") if w)


def cmd_users_add(args) -> int:
    from .bureau import accounts

    if args.first:
        key_password = _password("教育局私钥密码：")
        new = _new_password(f"{args.login} 的密码：")
        with _store(args, sign_in=False) as store:
            accounts.create_first_account(store, args.login, args.display_name or "", new, key_password=key_password)
            print(f"已建立第一个账号 {args.login}（{args.display_name}；管理员、科长、科员），持有教育局私钥")
        return 0
    with _store(args) as store:
        accounts.require(store, "添加账号", accounts.BureauPermission.MANAGE_USERS)
        roles = _roles(args.role or [])
        new = _new_password(f"{args.login} 的初始密码：")
        row = accounts.add_account(store, args.login, args.display_name or "", roles, new,
                                   admin_password=args.signed_in_password)
        key = "，已为其保管教育局私钥" if row.holds_key else ""
        print(f"已添加账号 {row.username}（{row.display_name}；{row.roles_label}）{key}；首次登录时须修改密码")
    return 0


def cmd_users_disable(args) -> int:
    from .bureau import accounts

    with _store(args) as store:
        accounts.require(store, "停用账号", accounts.BureauPermission.MANAGE_USERS)
        row = accounts.disable(store, accounts.find(args.login).id)
        print(f"已停用账号 {row.username}（{row.display_name}）；其审批记录保留")
    return 0


def cmd_users_enable(args) -> int:
    from .bureau import accounts

    with _store(args) as store:
        accounts.require(store, "启用账号", accounts.BureauPermission.MANAGE_USERS)
        row = accounts.enable(store, accounts.find(args.login).id)
        print(f"已启用账号 {row.username}（{row.display_name}；{row.roles_label}）{_key_note(row)}")
    return 0


def cmd_users_roles(args) -> int:
    from .bureau import accounts

    with _store(args) as store:
        accounts.require(store, "修改账号的角色", accounts.BureauPermission.MANAGE_USERS)
        before = accounts.find(args.login)
        row = accounts.set_roles(store, before.id, _roles(args.role))
        print(f"{row.username}（{row.display_name}）的角色：{before.roles_label} → {row.roles_label}{_key_note(row)}")
    return 0


def _key_note(row) -> str:
    from .bureau import accounts

    if row.active and not row.holds_key and accounts.needs_key(row.roles):
        return (f"；尚未持有教育局私钥（导入批次、写回执要用）：请用 xueji bureau users reset-password --login {row.username}"
                " 为其重置密码，重置时为其保管私钥")
    return ""


def cmd_users_reset(args) -> int:
    from .bureau import accounts

    with _store(args) as store:
        accounts.require(store, "重置密码", accounts.BureauPermission.MANAGE_USERS)
        target = accounts.find(args.login)
        new = _new_password(f"{args.login} 的新密码：")
        row = accounts.reset_password(store, target.id, new, admin_password=args.signed_in_password)
        print(f"已重置 {row.username}（{row.display_name}）的密码；下次登录时须修改")
    return 0


def cmd_passwd(args) -> int:
    from .bureau import accounts

    with _store(args, changing_password=True) as store:
        new = _new_password("新密码：")
        accounts.change_password(store, args.signed_in_password, new)
        print(f"{store.account.username} 的密码已修改")
    return 0


def cmd_idle_lock(args) -> int:
    from .bureau import accounts

    with _store(args) as store:
        if args.minutes is not None:
            accounts.set_idle_lock_minutes(store, args.minutes)
        minutes = accounts.idle_lock_minutes()
        print(f"窗口空闲 {minutes} 分钟后锁定" if minutes else "窗口空闲时不锁定")
    return 0


def add_account_parsers(bsub, command) -> None:
    from .cli_common import USER_HELP, whole_number

    p = bsub.add_parser("users", help="教育局端账号：列出、添加、修改角色、停用、启用、重置密码（管理员）",
                        description="教育局端账号：列出、添加、修改角色、停用、启用、重置密码（管理员）")
    p.set_defaults(func=lambda args: p.print_help() or 0)
    usub = p.add_subparsers(dest="users_command", metavar="操作")

    def users(name, help_text, func):
        c = usub.add_parser(name, help=help_text, description=help_text)
        c.add_argument("--db", help="教育局数据库文件", default=argparse.SUPPRESS)
        c.add_argument("--user", default=argparse.SUPPRESS, help=USER_HELP)
        c.set_defaults(func=func)
        return c

    users("list", "列出账号、角色和状态", cmd_users_list)
    c = users("add", f"添加账号（初始密码取自 {NEW_PASSWORD_ENV} 或交互输入两次；首次登录时须修改）", cmd_users_add)
    c.add_argument("--login", required=True, help="登录名")
    c.add_argument("--name", dest="display_name", required=True, help="使用人姓名（审批时记为经办人）")
    c.add_argument("--role", action="append", metavar="角色",
                   help="科长、科员、查询、管理员（可重复，或用逗号分隔）")
    c.add_argument("--first", action="store_true",
                   help="尚无账号的旧数据库：建立第一个账号（管理员、科长、科员），须输入教育局私钥密码")
    c = users("disable", "停用账号（不删除：审批记录仍写明是谁）", cmd_users_disable)
    c.add_argument("--login", required=True, help="要停用的登录名")
    c = users("enable", "重新启用停用的账号（其密码不变）", cmd_users_enable)
    c.add_argument("--login", required=True, help="要启用的登录名")
    c = users("roles", "修改账号的角色（不能取消自己或最后一个管理员的管理员角色）", cmd_users_roles)
    c.add_argument("--login", required=True, help="登录名")
    c.add_argument("--role", action="append", required=True, metavar="角色",
                   help="新的角色：科长、科员、查询、管理员（可重复，或用逗号分隔）")
    c = users("reset-password", f"重置账号的密码（新密码取自 {NEW_PASSWORD_ENV} 或交互输入；下次登录须修改）",
              cmd_users_reset)
    c.add_argument("--login", required=True, help="要重置的登录名")
    command("passwd", f"修改自己的密码（原密码取自 XUEJI_PASSWORD，新密码取自 {NEW_PASSWORD_ENV} 或交互输入）",
            cmd_passwd)
    c = command("idle-lock", "查看或设置窗口空闲多少分钟后锁定（设置须管理员；0 表示不锁定）", cmd_idle_lock)
    c.add_argument("--minutes", type=whole_number, help="分钟数（0–240）")


def add_parsers(sub, add) -> None:
    """Adds `bureau …` to the top-level subparsers (`add` as in cli.build_parser)."""
    from .cli_access_log import _action, _day, add_purpose_option
    from .cli_common import USER_HELP, whole_number

    p = add("bureau", "教育局端：初始化密钥、登记学校公钥、吊销、导入学校的变更批次", lambda args: p.print_help() or 0)
    bsub = p.add_subparsers(dest="bureau_command", metavar="操作")

    def command(name, help_text, func, needs: str | None = None):
        """`needs` "read" (科长, 科员 or 查询) or "export" (科长 or 科员): checked as the command signs in."""
        c = bsub.add_parser(name, help=help_text, description=help_text)
        c.add_argument("--db", help="教育局数据库文件", default=argparse.SUPPRESS)
        c.add_argument("--user", default=argparse.SUPPRESS, help=USER_HELP)
        c.set_defaults(func=func, needs=needs)
        return c

    c = command("init", "建立教育局数据库和密钥（私钥以密码保护，密码取自 XUEJI_PASSWORD 或交互输入）", cmd_init)
    c.add_argument("--name", required=True, help="教育局名称")
    c.add_argument("--county", required=True, metavar="CODE", help="县（区）代码")
    c.add_argument("--login", default="admin", help="第一个账号的登录名（默认 admin；管理员、科长、科员）")
    c.add_argument("--display-name", default="管理员", help="第一个账号的使用人姓名（审批时记为经办人）")
    c.add_argument("--key-out", metavar="FILE", help="公钥文件写到哪里（默认在数据库旁边）")
    c = command("register-school", "登记学校的公钥文件", cmd_register)
    c.add_argument("--code", help="学校标识码（默认取公钥文件上的；给出时须与文件一致）")
    c.add_argument("--key", required=True, metavar="FILE", help="学校公钥文件")
    c.add_argument("--name", help="学校名称（默认取公钥文件上的）")
    c = command("revoke", "吊销学校的密钥", cmd_revoke)
    c.add_argument("--code", required=True, help="学校代码")
    c = command("import", "导入学校的变更批次（文件或文件夹，可多个）", cmd_import)
    c.add_argument("--dry-run", action="store_true", help="只预演：列出每批的新增、重复、冲突和拒绝原因，不做改动")
    c.add_argument("--receipts", action="store_true", help="同时打印每批的回执")
    c.add_argument("paths", nargs="+", metavar="FILE_OR_DIR")
    c = command("cases", "列出等待本局审批的申请（各校）", cmd_cases, needs="read")
    c.add_argument("--school", help="只看这所学校（学校代码）")
    for name, verb, func in (("approve", "同意", cmd_approve), ("reject", "不同意", cmd_reject)):
        c = command(name, f"审批申请：{verb}（意见随下一份回执发给学校）", func)
        c.add_argument("--case", required=True, help="申请编号或唯一标识")
        c.add_argument("--note", help="意见（不同意时须写明理由）", required=name == "reject")
    c = command("reply", "给一所学校写回执批次到 U 盘（含尚未送达的旧回执）", cmd_reply)
    c.add_argument("--school", required=True, help="学校代码")
    c.add_argument("--to", required=True, metavar="DIR", help="U 盘（或文件夹）")
    c = command("export-national", "导出全县在籍学生（全国学籍系统导入模板，Excel）", cmd_export_national,
                needs="export")
    c.add_argument("--out", required=True, metavar="FILE.xlsx")
    c.add_argument("--school", help="只导出这所学校（学校代码）")
    c.add_argument("--layout", choices=("official", "template"), default="official",
                   help="official 教育部《学生基本信息表》的列（默认）；template 全国学籍系统导入模板的列")
    add_purpose_option(c)
    c = command("access-log", "查询登记：谁在何时查看、导出了哪些学生的信息；须有“科长”角色，查阅本身也记入登记",
                cmd_access_log, needs="log")
    c.add_argument("--user-filter", metavar="账号", help="只看此账号（登录名或姓名）")
    c.add_argument("--student", metavar="姓名或学籍号", help="只看涉及此学生的记录（姓名或学籍号的一部分）")
    c.add_argument("--from", dest="start", type=_day, metavar="YYYY-MM-DD", help="起始日期")
    c.add_argument("--to", dest="end", type=_day, metavar="YYYY-MM-DD", help="截止日期（含）")
    c.add_argument("--action", type=_action, metavar="操作", help="open 查看、export 导出、log_read 查看日志")
    c.add_argument("--out", metavar="FILE.pdf|FILE.xlsx", help="保存为《学籍信息查阅登记簿》PDF 或 Excel；不给出时以 TSV 列出")
    c = command("conflicts", "列出待处理的冲突（同一变更编号、内容不同）；--resolve 处理一条", cmd_conflicts,
                needs="read")
    c.add_argument("--resolve", type=whole_number, metavar="ID", help="要处理的冲突编号")
    c.add_argument("--keep", choices=("stored", "incoming"), default="stored",
                   help="stored 保留原内容（默认），incoming 采用新内容")
    c.add_argument("--note", help="处理理由")
    c = command("county", "全县概况：各校各年级人数、待审批申请、逾期或缺号的学校", cmd_county, needs="read")
    c = command("find", "查找全县学生：姓名、拼音（全拼、首字母）、身份证件号或学籍号，TSV 列出（最多 200 名）", cmd_find,
                needs="read")
    c.add_argument("text", metavar="TEXT", help="姓名或其一部分、拼音、证件号或学籍号的开头")
    c = command("duplicates", "重复学籍：导入时发现同一学生在两所学校的学籍（身份证件号相同，或非居民身份证的姓名、性别、"
                "出生日期相同），TSV 列出双方记录", cmd_duplicates, needs="read")
    c.add_argument("--all", action="store_true", help="也列出已处理的")
    from .cli_bureau_duplicates import add_parsers as add_duplicate_parsers

    add_duplicate_parsers(command, _store)
    from .cli_bureau_graduates import add_parsers as add_graduate_parsers

    add_graduate_parsers(command, _store)
    command("window", "打开教育局端窗口（全县概况、待审批、回执、学校；先登录）", cmd_window)
    add_account_parsers(bsub, command)
    command("demo", "生成演示教育局和三所演示学校（--db 给一个新的文件夹）", cmd_demo)
