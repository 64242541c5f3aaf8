"""`xueji repetition`: 留级 of 高中 pupils where the region's text allows it (《凉山州规定》二(三)): list the
decisions and each 高中 grade's 2 % quota, record the school's approval of an application, withdraw one before
the year end. Every command signs in; a write is one transaction with its event."""

from __future__ import annotations

import argparse
import datetime as dt
import sys

from .cli_common import _open, _say, _sign_in, operations, pupil_by_number, whole_number


def _day(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text.strip())
    except ValueError:
        raise argparse.ArgumentTypeError(f"“{text}” 不是日期，请写作 YYYY-MM-DD，如 2027-06-20") from None


def cmd_list(args) -> int:
    from .core.accounts.access_log import Action, record
    from .core.school.school import HIGH_GRADES, grade_name, grades_taught
    from .core.school_year import repetition

    ws = _open(args)
    _sign_in(ws, args)
    if not repetition.offered(ws.profile):
        rule = ws.profile.rule(repetition.HIGH_BANNED)
        _say("本地区学籍规定不允许或未规定高中学生留级" + (f"：{rule.quote}（{rule.article}）" if rule.applies else ""))
        return 0
    rows = repetition.repetitions()
    out = sys.stdout
    out.write("编号\t学籍号\t姓名\t年级\t学年\t届\t申请日期\t批准日期\t批准单位\t原因\t状态\n")
    for r in rows:
        state = ("已撤回" if r.withdrawn_on else f"已生效（{r.done_on:%Y-%m-%d}）" if r.done_on else "待学年结转时生效")
        out.write(f"{r.id}\t{r.student.student_number}\t{r.student.name}\t{grade_name(r.grade)}\t{r.school_year}"
                  f"\t{r.cohort_year}级\t{r.applied_on}\t{r.decided_on}\t{r.decided_by}\t{r.reason}\t{state}\n")
    for g in (g for g in HIGH_GRADES if g in grades_taught(ws.kind, ws.system)):
        _say("留级比例：" + repetition.quota(ws, g).text)
    with ws.db.atomic():
        record(ws, Action.OPEN, "留级记录（xueji repetition list）", [r.student.student_number for r in rows])
    return 0


def cmd_add(args) -> int:
    from .core.school_year import repetition
    from .core.school_year.repetition import RepetitionDraft

    ws = _open(args)
    pupil = pupil_by_number(args.pupil)
    if pupil is None:
        return 1
    _sign_in(ws, args)
    draft = RepetitionDraft(student_id=pupil.id, applied_on=args.applied, decided_on=args.decided or ws.today(),
                            decided_by=args.by, reason=args.reason)
    row, _ = repetition.decide(ws, draft)
    _say(f"已登记留级（编号 {row.id}）：{pupil.name}，学年结转时不升级")
    print(row.id)
    return 0


def cmd_withdraw(args) -> int:
    from .core.school_year import repetition

    ws = _open(args)
    _sign_in(ws, args)
    repetition.withdraw(ws, args.id, args.reason)
    _say(f"已撤回留级（编号 {args.id}）")
    return 0


def add_parsers(sub, add) -> None:
    """Adds `repetition` to the top-level subparsers (`add` as in cli.build_parser)."""
    p = add("repetition", "高中学生留级（只在规定允许的地区，如凉山州：学校审批，三年内不超过年级学生总数的 2%%）",
            cmd_list)
    sub_parser = operations(p, "repetition_command")

    sub_parser("list", "以 TSV 列出留级记录，并给出各高中年级的留级比例（2%% 上限）", cmd_list)
    a = sub_parser("add", "登记学校批准的留级申请（学年结转时该生不升级）", cmd_add)
    a.add_argument("--pupil", required=True, metavar="学籍号")
    a.add_argument("--applied", required=True, type=_day, metavar="YYYY-MM-DD", help="学生及监护人提出申请的日期")
    a.add_argument("--decided", type=_day, metavar="YYYY-MM-DD", help="学校批准的日期（默认今天）")
    a.add_argument("--by", default="本校", metavar="批准单位", help="默认：本校")
    a.add_argument("--reason", required=True, metavar="原因")
    a = sub_parser("withdraw", "撤回尚未生效的留级", cmd_withdraw)
    a.add_argument("id", type=whole_number, metavar="编号")
    a.add_argument("--reason", required=True, metavar="理由")

