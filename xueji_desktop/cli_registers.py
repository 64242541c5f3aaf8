"""`xueji print-register`: the school's registers and rosters (学校学籍档案) as PDF or Excel. Read-only: no
password, nothing written to the database."""

from __future__ import annotations

import argparse
import datetime as dt

from .cli_common import EXIT_BLOCKED, _open, _say

KIND_HELP = ("名册：new-pupils 新生花名册（营口）/ 新生录取花名册（长治）；changes 学生增加（或减少）情况登记表（营口）/ "
             "学生增减情况登记表（长治 附件4）；classes 在校生分班名册（长治 附件3）；也可写地区规定中的表格编号，"
             "如 cz_change_register")


def _day(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text.strip())
    except ValueError:
        raise argparse.ArgumentTypeError(f"“{text}” 不是日期，请写作 YYYY-MM-DD，如 2026-09-01") from None


def cmd_print_register(args) -> int:
    from .cli_access_log import purpose_question
    from .core.forms.registers_print import RegisterError, print_register

    ws = _open(args)
    try:
        out = print_register(ws, args.kind, args.out, term=args.term, start=args.start, end=args.end,
                             purpose=purpose_question(ws, args))
    except RegisterError as e:
        _say(f"未生成：{e}")
        return EXIT_BLOCKED
    print(f"已生成：{out}")
    return 0


def add_parsers(sub, add) -> None:
    """Adds `print-register` to the top-level subparsers (`add` as in cli.build_parser)."""
    p = add("print-register", "打印学校学籍档案中的名册、登记表（PDF 或 Excel）", cmd_print_register)
    p.add_argument("kind", metavar="名册", help=KIND_HELP)
    p.add_argument("--from", dest="start", type=_day, metavar="YYYY-MM-DD", help="统计期间的第一天")
    p.add_argument("--to", dest="end", type=_day, metavar="YYYY-MM-DD", help="统计期间的最后一天（含）")
    p.add_argument("--term", metavar="学期", help="学期：2026-1（2026—2027学年上学期）、2026-2（下学期）、2026（整个学年）；"
                   "不给日期也不给学期时为当前学期（假期中为刚结束的学期）")
    p.add_argument("--out", metavar="FILE.pdf|FILE.xlsx", help="输出文件，按扩展名生成 PDF 或 Excel（默认：当前文件夹下以名册名称命名的 PDF）")
    from .cli_access_log import add_purpose_option

    add_purpose_option(p)
