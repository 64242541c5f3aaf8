"""`xueji discipline`: rewards and punishments (奖励与处分) and the appeal against a punishment (处分申诉), through
the same domain functions as the window. Every command signs in; a listing is logged as a look at the pupils it
names, a printed notice as a print (查询登记); a write is one transaction with its event."""

from __future__ import annotations

import argparse
import datetime as dt
import sys

from .cli_common import EXIT_BLOCKED, _open, _say, _sign_in, common_options, operations, pupil_by_number, whole_number

KINDS = {"reward": "reward", "奖励": "reward", "punishment": "punishment", "处分": "punishment"}
DECISIONS = {"upheld": "upheld", "成立": "upheld", "撤销": "upheld", "kept": "kept", "维持": "kept"}


def _day(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text.strip())
    except ValueError:
        raise argparse.ArgumentTypeError(f"“{text}” 不是日期，请写作 YYYY-MM-DD，如 2026-11-06") from None


def _kind(text: str) -> str:
    try:
        return KINDS[text.strip()]
    except KeyError:
        raise argparse.ArgumentTypeError(f"“{text}” 应为 reward（奖励）或 punishment（处分）") from None


def _decision(text: str) -> str:
    try:
        return DECISIONS[text.strip()]
    except KeyError:
        raise argparse.ArgumentTypeError(f"“{text}” 应为 upheld（申诉成立，撤销原处分）或 kept（维持原处分）") from None


def _pupil_id(number: str) -> int | None:
    found = pupil_by_number(number)
    return found.id if found is not None else None


def _appeal(number: str):
    from .core.discipline.appeals import appeal_by_number

    found = appeal_by_number(number)
    if found is None:
        _say(f"没有编号为 {number} 的处分申诉（如 SS-2026-0001；xueji discipline list --appeals 列出）")
    return found


def cmd_list(args) -> int:
    from .core.accounts.access_log import Action, record
    from .core.discipline import appeals, discipline_reads

    ws = _open(args)
    visible = ws.visible_classes()
    if args.pupil:
        student_id = _pupil_id(args.pupil)
        if student_id is None:
            return 1
        rows = [r for r in discipline_reads.all_rows(visible) if r.student_id == student_id]
    else:
        rows = discipline_reads.all_rows(visible)
    out = sys.stdout
    if args.appeals:
        ids = {r.id for r in rows}
        found = [a for a in appeals.appeal_rows() if a.discipline_id in ids]
        record(ws, Action.OPEN, "处分申诉（xueji discipline list --appeals）", sorted({a.student_id for a in found}))
        out.write("申诉编号\t学生\t处分\t状态\t当前环节\t期限\n")
        for a in found:
            step = a.pending
            due = step.due_on if step is not None and step.due_on else ""
            out.write(f"{a.number}\t{a.student_name}\t{a.punishment}\t{a.status_label}\t{step.label if step else ''}"
                      f"\t{due}\n")
        return 0
    record(ws, Action.OPEN, "奖励与处分（xueji discipline list" + (f" --pupil {args.pupil}）" if args.pupil else "）"),
           sorted({r.student_id for r in rows}))
    out.write("编号\t学籍号\t姓名\t类别\t级别或种类\t名称或事由\t日期\t决定单位\t文号\t学籍档案\t状态\t申诉\n")
    for r in rows:
        text = r.title if r.kind == "reward" else r.reason
        out.write(f"{r.id}\t{r.student_number}\t{r.student_name}\t{r.kind_label}\t{r.level}\t{text}\t{r.decided_on}"
                  f"\t{r.decided_by}\t{r.document_no}\t{'记入' if r.in_archive else ''}\t{r.state}\t{r.appeal}\n")
    return 0


def cmd_add(args) -> int:
    from .core.discipline import records
    from .core.discipline.records import DisciplineDraft

    ws = _open(args)
    student_id = _pupil_id(args.pupil)
    if student_id is None:
        return 1
    _sign_in(ws, args)
    draft = DisciplineDraft(kind=args.kind, student_id=student_id, level=args.level, title=args.title or "",
                            reason=args.reason or "", decided_on=args.date or ws.today(), decided_by=args.by,
                            document_no=args.doc or "", ends_on=args.ends, in_archive=args.archive,
                            approved_by=args.approved_by or "", approved_on=args.approved_on)
    row, _ = records.record(ws, draft)
    _say(f"已登记（编号 {row.id}）：{records.describe(row)}" + ("，记入学籍档案" if row.in_archive else "，不记入学籍档案"))
    print(row.id)
    return 0


def cmd_notice(args) -> int:
    from .core.forms.archive_common import ArchiveFormError
    from .core.forms.discipline_notice import print_notice

    ws = _open(args)
    try:
        out = print_notice(ws, args.id, args.out)
    except ArchiveFormError as e:
        _say(f"未生成：{e.message}")
        return EXIT_BLOCKED
    print(f"已生成：{out}")
    return 0


def cmd_notify(args) -> int:
    from .core.discipline import records

    ws = _open(args)
    _sign_in(ws, args)
    row, _ = records.notify(ws, args.id, args.date or ws.today(), args.how or "")
    _say(f"已记录：{row.notified_on:%Y-%m-%d} 告知学生及其监护人（{records.describe(row)}）")
    return 0


def cmd_revoke(args) -> int:
    from .core.discipline import records

    ws = _open(args)
    _sign_in(ws, args)
    row, _ = records.revoke(ws, args.id, args.date or ws.today(), args.reason)
    _say(f"已撤销：{records.describe(row)}" + ("" if row.in_archive else "；不在学籍档案中"))
    return 0


def cmd_appeal(args) -> int:
    from .core.discipline import appeals

    ws = _open(args)
    command = args.appeal_command
    if command is None:
        _say("请给出操作：open、review、file、no-file 或 answer（xueji discipline appeal -h）")
        return EXIT_BLOCKED
    if command == "open":
        _sign_in(ws, args)
        case, _ = appeals.open_appeal(ws, args.id, args.date or ws.today(), args.grounds, args.appellant or "")
        _say(f"已登记处分申诉 {case.number}：下一步由学校申诉机构复查")
        print(case.number)
        return 0
    found = _appeal(args.case)
    if found is None:
        return 1
    _sign_in(ws, args)
    day = args.date or ws.today()
    if command == "review":
        case, _ = appeals.record_review(ws, found.id, day, args.person, args.decision, args.note or "", args.received)
    elif command == "file":
        case, _ = appeals.record_filing(ws, found.id, day, args.note or "", args.reason or "")
    elif command == "no-file":
        case, _ = appeals.record_no_filing(ws, found.id, day, args.note or "")
    else:
        case, _ = appeals.record_bureau_answer(ws, found.id, day, args.person, args.decision, args.note or "")
    row = appeals.appeal_row(case.id)
    step = row.pending
    _say(f"已记录：处分申诉 {row.number} {row.status_label}"
         + (f"；下一步：{step.label}" + (f"，期限 {step.due_on:%Y-%m-%d}" if step.due_on else "") if step else ""))
    return 0


def add_parsers(sub, add) -> None:
    """Adds `discipline` to the top-level subparsers (`add` as in cli.build_parser)."""
    p = add("discipline", "奖励与处分：列出、登记、打印处分告知书、记录告知监护人、撤销处分、处分申诉", cmd_list)
    sub_parser = operations(p, "discipline_command")

    a = sub_parser("list", "以 TSV 列出奖励与处分（默认全校）", cmd_list)
    a.add_argument("--pupil", metavar="学籍号", help="只列出这名学生的")
    a.add_argument("--appeals", action="store_true", help="列出处分申诉及其期限")
    p.set_defaults(pupil=None, appeals=False)
    a = sub_parser("add", "登记一项奖励或处分（处分只能是本地区规定的种类）", cmd_add)
    a.add_argument("kind", type=_kind, metavar="reward|punishment", help="reward 奖励；punishment 处分")
    a.add_argument("--pupil", required=True, metavar="学籍号")
    a.add_argument("--level", required=True, metavar="级别或种类",
                   help="奖励：班级、校级、乡镇级、县级、市级、省级、国家级；处分：本地区规定的种类，如 警告、记过")
    a.add_argument("--title", metavar="名称", help="奖励名称（如 三好学生）；处分可不填")
    a.add_argument("--reason", metavar="事由", help="处分事由（违反纪律的事实）；奖励可写表现")
    a.add_argument("--date", type=_day, metavar="YYYY-MM-DD", help="决定日期（默认今天）")
    a.add_argument("--by", required=True, metavar="决定单位", help="作出决定的单位，如 本校、县教育局")
    a.add_argument("--doc", metavar="文号", help="决定的文号")
    a.add_argument("--ends", type=_day, metavar="YYYY-MM-DD", help="处分期限（如留校察看的期限）")
    a.add_argument("--approved-by", metavar="批准单位（文号）",
                   help="开除普通高中学生学籍：批准的市级教育主管部门及文号（长治 第四十条）")
    a.add_argument("--approved-on", type=_day, metavar="YYYY-MM-DD", help="开除学籍的批准日期")
    a.add_argument("--archive", action=argparse.BooleanOptionalAction, default=None,
                   help="记入学籍档案（仅在本地区规定未作要求时由学校决定）")
    a = sub_parser("notice", "打印学生处分告知书（PDF，含送达回执）", cmd_notice)
    a.add_argument("id", type=whole_number, metavar="编号", help="处分的编号（xueji discipline list 的第一列）")
    a.add_argument("--out", required=True, metavar="FILE.pdf")
    a = sub_parser("notify", "记录已告知学生及其监护人的日期", cmd_notify)
    a.add_argument("id", type=whole_number, metavar="编号")
    a.add_argument("--date", type=_day, metavar="YYYY-MM-DD", help="告知日期（默认今天）")
    a.add_argument("--how", metavar="方式", help="告知方式，如 当面送达处分告知书")
    a = sub_parser("revoke", "撤销处分（本地区规定撤销后从学籍档案中删除的，随即删除）", cmd_revoke)
    a.add_argument("id", type=whole_number, metavar="编号")
    a.add_argument("--reason", required=True, metavar="理由")
    a.add_argument("--date", type=_day, metavar="YYYY-MM-DD", help="撤销日期（默认今天）")
    a = sub_parser("appeal", "处分申诉：open 登记申诉；review 学校申诉机构复查；file 申诉人向主管教育行政部门书面申诉；"
                   "no-file 未提出书面申诉、办结；answer 主管教育行政部门的答复", cmd_appeal)
    steps = a.add_subparsers(dest="appeal_command", metavar="环节")
    s = steps.add_parser("open", help="登记对一项处分的申诉")
    common_options(s)
    s.add_argument("id", type=whole_number, metavar="编号", help="处分的编号")
    s.add_argument("--grounds", required=True, metavar="理由", help="申诉理由")
    s.add_argument("--appellant", metavar="申诉人", help="默认：学生及其监护人")
    s.add_argument("--date", type=_day, metavar="YYYY-MM-DD", help="提出申诉的日期（默认今天）")
    for name, text in (("review", "学校申诉机构的复查决定"), ("answer", "主管教育行政部门的处理答复")):
        s = steps.add_parser(name, help=text)
        common_options(s)
        s.add_argument("case", metavar="申诉编号", help="如 SS-2026-0001")
        s.add_argument("--decision", required=True, type=_decision, metavar="upheld|kept",
                       help="upheld 申诉成立、撤销原处分；kept 维持原处分")
        s.add_argument("--person", required=True, metavar="机构或经办人")
        s.add_argument("--date", type=_day, metavar="YYYY-MM-DD", help="决定日期（默认今天）")
        s.add_argument("--note", metavar="说明")
        if name == "review":
            s.add_argument("--received", type=_day, metavar="YYYY-MM-DD",
                           help="申诉人收到复查决定的日期（向主管部门申诉的期限由此起算；默认复查日期）")
    s = steps.add_parser("file", help="申诉人已向主管教育行政部门提出书面申诉")
    common_options(s)
    s.add_argument("case", metavar="申诉编号")
    s.add_argument("--date", type=_day, metavar="YYYY-MM-DD", help="提出书面申诉的日期（默认今天）")
    s.add_argument("--note", metavar="说明")
    s.add_argument("--reason", metavar="理由", help="超过期限提出时须写明理由")
    s = steps.add_parser("no-file", help="申诉人未向主管教育行政部门提出书面申诉：申诉办结，维持原处分")
    common_options(s)
    s.add_argument("case", metavar="申诉编号")
    s.add_argument("--date", type=_day, metavar="YYYY-MM-DD", help="办结日期（默认今天）")
    s.add_argument("--note", metavar="说明")
