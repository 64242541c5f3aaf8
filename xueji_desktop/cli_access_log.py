"""`xueji access-log`: the access log (查询登记) filtered by account, pupil, date and action, as TSV or as the
学籍信息查阅登记簿 (PDF or Excel); 查看日志 required, and the reading is itself logged. Also `--purpose`, the
question every command asks before it prints or exports more than one pupil."""

from __future__ import annotations

import argparse
import datetime as dt
import sys

from .cli_common import EXIT_BLOCKED, _open, _say

PURPOSE_HELP = "打印或导出多名学生的学籍信息时的用途（记入查询登记），如 --purpose 上级检查/统计报送；不给出时在终端中询问"


def add_purpose_option(p) -> None:
    p.add_argument("--purpose", metavar="用途", help=PURPOSE_HELP)


def purpose_question(ws, args):
    """The question the domain asks with the pupil count before a print or export of several pupils
    (core.accounts.access_log): --purpose, else asked on a terminal, else (a script) exit 2 naming --purpose
    and the region's article. Asked before anything is written."""
    from .core.accounts.access_log import OTHER_ID, purposes

    def ask(count: int) -> str | None:
        given = (getattr(args, "purpose", None) or "").strip()
        if given:
            return given
        choice = purposes(ws.profile)
        if sys.stdin is None or not sys.stdin.isatty():
            _say(f"未生成：本次打印或导出含 {count} 名学生的学籍信息，按{choice.article}须经批准；请用 --purpose 用途 写明"
                 f"（如 --purpose {choice.labels[0]}），记入查询登记。未写入任何内容。")
            raise SystemExit(EXIT_BLOCKED)
        _say(choice.prompt(count))
        for i, label in enumerate(choice.labels, 1):
            _say(f"  {i}. {label}")
        try:
            answer = input("请输入序号（或直接填写用途）：").strip()
            if answer.isdecimal() and 1 <= int(answer) <= len(choice.items):
                ident, label = choice.items[int(answer) - 1]
                answer = input("请填写用途：").strip() if ident == OTHER_ID else label
        except EOFError:
            answer = ""
        return answer or None

    return ask


def _day(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text.strip())
    except ValueError:
        raise argparse.ArgumentTypeError(f"“{text}” 不是日期，请写作 YYYY-MM-DD，如 2026-09-01") from None


def _action(text: str):
    from .core.accounts.access_log import Action

    for a in Action:
        if text.strip() in (a.value, a.label):
            return a
    known = "、".join(f"{a.value}（{a.label}）" for a in Action)
    raise argparse.ArgumentTypeError(f"“{text}” 不是操作，可用：{known}")


def cmd_access_log(args) -> int:
    from .core.accounts.access_log import LogFilter, read_log
    from .core.forms.access_register import write_register
    from .core.forms.registers_common import RegisterError

    ws = _open(args)
    f = LogFilter(user_name=args.user_filter or "", pupil=args.student or "", start=args.start, end=args.end,
                  action=args.action)
    if args.start and args.end and args.start > args.end:
        _say(f"--from {args.start} 晚于 --to {args.end}：请给出先后正确的日期")
        return EXIT_BLOCKED
    if args.out:
        try:
            out = write_register(ws, f, args.out)
        except RegisterError as e:
            _say(f"未生成：{e.message}")
            return EXIT_BLOCKED
        print(f"已生成：{out}")
        return 0
    page = read_log(ws, f, limit=10**9)
    out = sys.stdout
    out.write("时间\t账号\t姓名\t操作\t内容\t学生\t人数\t用途\t文件\n")
    for r in page.rows:
        cells = (r.at.strftime("%Y-%m-%d %H:%M:%S"), r.username, r.display_name, r.action_label, r.subject,
                 r.pupils, str(r.pupil_count), r.purpose, r.target)
        out.write("\t".join(" ".join(c.split()) for c in cells) + "\n")
    _say(f"共 {page.total} 条（{f.describe()}）")
    return 0


def add_parsers(sub, add) -> None:
    """Adds `access-log` to the top-level subparsers (`add` as in cli.build_parser)."""
    p = add("access-log", "查询登记（审计）：谁在何时查看、打印、导出了哪些学生的信息；须有“审计”角色，查阅本身也记入登记",
            cmd_access_log)
    p.add_argument("--user-filter", metavar="账号", help="只看此账号（登录名或姓名）")
    p.add_argument("--student", metavar="姓名或学籍号", help="只看涉及此学生的记录（姓名或学籍号的一部分）")
    p.add_argument("--from", dest="start", type=_day, metavar="YYYY-MM-DD", help="起始日期")
    p.add_argument("--to", dest="end", type=_day, metavar="YYYY-MM-DD", help="截止日期（含）")
    p.add_argument("--action", type=_action, metavar="操作", help="open 查看、print 打印、export 导出、log_read 查看日志")
    p.add_argument("--out", metavar="FILE.pdf|FILE.xlsx", help="保存为《学籍信息查阅登记簿》PDF 或 Excel；不给出时以 TSV 列出")
