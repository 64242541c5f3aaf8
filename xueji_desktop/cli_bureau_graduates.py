"""`xueji bureau graduates|admit`: 升学 on the bureau's side — the county's primary graduates and the middle
school each goes to (TSV; --without-school for those with none yet), and the admission (核准, 科长) of graduates to
a middle school of the county, sent to it with the next reply (《黑龙江省实施细则》第十六条)."""

from __future__ import annotations

import sys

EXIT_REFUSED = 2
HEAD = ("学校标识码", "学校", "学年", "学籍号", "姓名", "毕业/结业", "毕业班级", "升入学校（学校登记）", "核准升入", "核准日期",
        "核准人", "状态")


def cmd_graduates(args) -> int:
    from .bureau import access_log
    from .bureau.graduates import graduate_lines
    from .core.accounts.access_log import Action

    with args.open_store(args) as store:
        lines = graduate_lines(args.year, args.school, args.without_school)
        out = sys.stdout
        out.write("\t".join(HEAD) + "\n")
        for g in lines:
            year = f"{g.school_year}—{g.school_year + 1}" if g.school_year else ""
            cells = (g.school_code, g.school_name, year, g.student_number, g.name, g.outcome, g.class_name, g.named,
                     g.admitted_name, f"{g.admitted_on:%Y-%m-%d}" if g.admitted_on else "", g.admitted_by, g.state)
            out.write("\t".join(cells) + "\n")
        subject = "毕业生升学名单（xueji bureau graduates" + (" --without-school）" if args.without_school else "）")
        access_log.record(store, Action.OPEN, subject,
                          [access_log.Pupil(g.school_code, g.student_number, g.name) for g in lines])
    return 0


def _pair(text: str) -> tuple[str, str]:
    import argparse

    code, sep, number = text.partition(":")
    if not sep or not code.strip() or not number.strip():
        raise argparse.ArgumentTypeError(f"“{text}” 应写成 学校标识码:学籍号，如 2108110011:G210811201403020012")
    return code.strip(), number.strip()


def cmd_admit(args) -> int:
    from .bureau.graduates import admit
    from .bureau.importer import BureauError

    with args.open_store(args) as store:
        try:
            result = admit(store, args.to, students=args.student or [], from_school=args.from_school)
        except BureauError as e:
            print(e.message, file=sys.stderr)
            return EXIT_REFUSED
        for line in result.lines:
            print(line)
        if result.admitted:
            print(f"共核准 {len(result.admitted)} 人，将随下一份回执发给{result.admitted[0].admitted_name}")
    return 0


def add_parsers(command, open_store) -> None:
    """`command(name, help, func, needs=…)` as in cli_bureau.add_parsers; `open_store(args)` opens the bureau
    store signed in (cli_bureau._store)."""
    c = command("graduates", "全县小学毕业生及其升入的中学（TSV）；--without-school 只列尚无升入学校的", cmd_graduates,
                needs="read")
    c.set_defaults(open_store=open_store)
    c.add_argument("--without-school", action="store_true", help="只列学校尚未登记升入学校、本局也未核准的毕业生")
    c.add_argument("--year", type=int, metavar="学年", help="毕业学年，如 2026（2026—2027学年）")
    c.add_argument("--school", metavar="学校标识码", help="只看这所小学")
    c = command("admit", "核准毕业生升入本县一所中学（科长）：录取结果和学籍档案随下一份回执发给该中学", cmd_admit)
    c.set_defaults(open_store=open_store)
    c.add_argument("--to", required=True, metavar="学校标识码", help="升入的中学")
    c.add_argument("--student", action="append", type=_pair, metavar="学校标识码:学籍号", help="要核准的毕业生，可多次给出")
    c.add_argument("--from", dest="from_school", metavar="学校标识码",
                   help="核准这所小学登记升入该中学、尚未核准的全部毕业生")
