"""`xueji skip-grade …`: 跳级 from the command line, through the same domain functions as the window —
`check` (the rules of the region, nothing written), `open` (the case), `decide` (one party's decision; the
last approval with --class moves the pupil up), `show` (the case and its steps as TSV), `print` (the
学生跳级申请表 or the 学生跳级公示 as PDF, logged) and `withdraw`."""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from pathlib import Path

from .cli_common import EXIT_BLOCKED, _open, _say, _sign_in, common_options

SEVERITY = {"block": "禁止", "warn": "提醒", "info": "提示"}
OUTCOMES = {"approved": "approved", "同意": "approved", "rejected": "rejected", "不同意": "rejected"}


def _day(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text.strip())
    except ValueError:
        raise argparse.ArgumentTypeError(f"“{text}” 不是日期，请写作 YYYY-MM-DD，如 2027-09-01") from None


def _reason(text: str) -> tuple[str, str]:
    rule, sep, why = text.partition("=")
    if not sep or not rule.strip() or not why.strip():
        raise argparse.ArgumentTypeError(f"“{text}” 应写成 规则=理由，如 --reason skip_grade.allowed=学业特别优异")
    return rule.strip(), why.strip()


def _student(number: str):
    from .store.models import Student

    student = Student.get_or_none(Student.student_number == number.strip().upper())
    if student is None:
        _say(f"--student：没有学籍号为 {number} 的学生")
        raise SystemExit(1)
    return student


def _case(ref: str):
    from .store.models import Case

    case = Case.get_or_none((Case.number == ref.strip().upper())
                            | (Case.id == (int(ref) if ref.strip().isdecimal() else -1)))
    if case is None or case.kind != "skip_grade":
        _say(f"--case：没有编号为 {ref} 的跳级申请")
        raise SystemExit(1)
    return case


def _draft(ws, args):
    from .core.casework.cases import CaseKind
    from .core.changes.status_change import ChangeDraft
    from .core.changes.status_rules import evidence_for

    student = _student(args.student)
    draft = ChangeDraft(kind=CaseKind.SKIP_GRADE, student_id=student.id, applied_on=args.applied or ws.today(),
                        effective_on=args.effective, note=args.note or "", reasons=dict(args.reason or []))
    needed = evidence_for(ws, draft)
    seen = list(args.seen or [])
    unknown = [s for s in seen if s not in needed]
    if unknown:
        _say(f"--seen：“{'、'.join(unknown)}”不是本地区跳级须查验的材料（应为：{'、'.join(needed) or '无'}）")
        raise SystemExit(EXIT_BLOCKED)
    draft.evidence_seen = needed if args.all_seen else seen
    return draft


def _print_findings(found, reasons: dict[str, str]) -> None:
    from .core.rules.findings import Severity

    for f in found:
        note = ""
        if f.severity is Severity.WARN:
            note = (f"（理由：{reasons[f.rule]}）" if reasons.get(f.rule)
                    else f"（如有正当理由，请用 --reason {f.rule}=理由 写明）")
        print(f"[{SEVERITY[f.severity.value]}] {f.text}{note}")


def cmd_check(args) -> int:
    from .core.admission.enrolment import unexplained
    from .core.changes import status_change
    from .core.rules.findings import blocks

    ws = _open(args)
    draft = _draft(ws, args)
    found = status_change.check(ws, draft)
    _print_findings(found, draft.reasons)
    return EXIT_BLOCKED if blocks(found) or unexplained(found, draft.reasons) else 0


def cmd_open(args) -> int:
    from .core.casework import cases
    from .core.changes import status_change
    from .core.rules.findings import RuleViolation

    ws = _open(args)
    draft = _draft(ws, args)
    found = status_change.check(ws, draft)
    _print_findings(found, draft.reasons)
    _sign_in(ws, args)
    try:
        case, _ = status_change.open_change(ws, draft)
    except RuleViolation:
        _say("未写入：存在禁止项或未说明理由的提醒")
        return EXIT_BLOCKED
    chain = " → ".join(cases.party_label(s.party) for s in cases.steps(case))
    print(f"已发起跳级申请 {case.number}（{case.student.name}）：审批环节 {chain}")
    return 0


def cmd_decide(args) -> int:
    from .core.casework.cases import StepDecision
    from .core.changes import grade_skip_steps
    from .store.models import SchoolClass

    ws = _open(args)
    case = _case(args.case)
    class_id = None
    if args.school_class:
        klass = SchoolClass.in_use().where(SchoolClass.name == args.school_class.strip()).first()
        if klass is None:
            _say(f"--class：本校没有名为“{args.school_class}”的班级（班级名如：五年级(2)班）")
            return EXIT_BLOCKED
        class_id = klass.id
    decision = StepDecision(args.party, args.date or ws.today(), args.person, OUTCOMES[args.outcome], args.note or "")
    _sign_in(ws, args)
    case, _ = grade_skip_steps.decide(ws, case.id, decision, class_id)  # a refusal: its message, exit 2 (cli.main)
    case = _case(case.number)
    student = case.student
    verdict = "同意" if decision.outcome == "approved" else "不同意"
    print(f"已记录：申请 {case.number} {args.party} {verdict}（{decision.person}，{decision.done_on:%Y-%m-%d}）")
    if case.status == "completed":
        print(f"申请已办结：{student.name} 现为{student.school_class.name}")
    elif case.status == "rejected":
        print(f"申请未获批准：{student.name} 仍在{student.school_class.name}")
    return 0


def cmd_show(args) -> int:
    from .core.accounts.access_log import Action, record
    from .core.casework import cases
    from .core.casework.cases import CaseStatus
    from .core.school.school import grade_name

    ws = _open(args)
    case = _case(args.case)
    data = cases.data_of(case)
    record(ws, Action.OPEN, f"跳级申请 {case.number}（xueji skip-grade show）", [case.student_id])
    out = sys.stdout
    out.write(f"{case.number}\t{case.student.name}\t{case.student.student_number}\t{CaseStatus(case.status).label}\t"
              f"{grade_name(data['grade_from'])} 跳过{grade_name(data['skipped_grade'])} 编入{grade_name(data['to_grade'])}"
              f"\t跳级时间 {data.get('effective_on') or ''}\n")
    out.write("环节\tparty\t期限\t日期\t经办人\t意见\t说明\n")
    for s in cases.steps(case):
        out.write("\t".join([cases.party_label(s.party), s.party, f"{s.due_on:%Y-%m-%d}" if s.due_on else "",
                             f"{s.done_on:%Y-%m-%d}" if s.done_on else "", s.person or "",
                             cases.OUTCOME_LABELS.get(s.outcome or "", ""), s.note or ""]) + "\n")
    return 0


def cmd_print(args) -> int:
    from .cli_access_log import purpose_question
    from .core.forms import grade_skip_forms as forms

    ws = _open(args)
    chosen = [_case(ref) for ref in args.case]
    if args.form == "application":
        if len(chosen) != 1:
            _say("--case：学生跳级申请表每次打印一份，请只给出一个申请编号")
            return EXIT_BLOCKED
        out = Path(args.out or f"{forms.APPLICATION_TITLE}-{chosen[0].number}.pdf")
        forms.print_application(ws, chosen[0], out)
    else:
        out = Path(args.out or f"{forms.NOTICE_TITLE}-{ws.today():%Y-%m-%d}.pdf")
        forms.print_notice(ws, chosen, out, notice_from=args.notice_from, purpose=purpose_question(ws, args))
    print(f"已生成：{out}")
    return 0


def cmd_withdraw(args) -> int:
    from .core.transfers import transfer

    ws = _open(args)
    case = _case(args.case)
    _sign_in(ws, args)
    transfer.withdraw(ws, case.id, args.why)
    print(f"已撤回跳级申请 {case.number}")
    return 0


def cmd_skip_grade(args) -> int:
    if not getattr(args, "skip_func", None):
        _say("请给出操作：check、open、decide、show、print 或 withdraw（xueji skip-grade --help）")
        return EXIT_BLOCKED
    return args.skip_func(args)


def add_parsers(sub, add) -> None:
    """Adds `skip-grade` to the top-level subparsers (`add` as in cli.build_parser)."""
    from .cli_access_log import add_purpose_option

    p = add("skip-grade", "跳级：按本地区规定检查、发起申请、逐环节记录审批（最后一个环节同意后学生升入新年级）、"
            "打印跳级申请表和跳级公示", cmd_skip_grade)
    ops = p.add_subparsers(dest="skip_command", metavar="操作")

    def op(name, help_text, func):
        a = ops.add_parser(name, help=help_text, description=help_text)
        common_options(a)
        a.set_defaults(skip_func=func)
        return a

    for name, text, func in (("check", "按本地区规定检查（不写入）；有禁止项或未说明理由的提醒时退出码 2", cmd_check),
                             ("open", "发起跳级申请（一次写入并记入变更记录）", cmd_open)):
        a = op(name, text, func)
        a.add_argument("--student", required=True, metavar="学籍号")
        a.add_argument("--applied", type=_day, metavar="YYYY-MM-DD", help="申请日期（默认今天）")
        a.add_argument("--effective", type=_day, metavar="YYYY-MM-DD",
                       help="跳级时间：学年开始之日（默认按本地区规定推算的下一个学年开始）")
        a.add_argument("--seen", action="append", metavar="材料", help="已查验原件的材料（可多次给出）")
        a.add_argument("--all-seen", action="store_true", help="本地区规定的材料均已查验原件")
        a.add_argument("--reason", action="append", type=_reason, metavar="规则=理由",
                       help="提醒（原则上不允许等）的理由，如 --reason skip_grade.allowed=…（可多次给出）")
        a.add_argument("--note", metavar="申请理由", help="申请理由或说明（印在申请表上）")
    a = op("decide", "记录一个环节的审批意见（按审批顺序）；最后一个环节同意时用 --class 指定编入的班级", cmd_decide)
    a.add_argument("--case", required=True, metavar="编号", help="申请编号，如 TJ-2027-0001")
    a.add_argument("--party", required=True, metavar="环节",
                   help="school、expert_panel、public_notice、bureau、district_bureau、city_bureau、province_bureau"
                        "（xueji skip-grade show 列出本申请的环节）")
    a.add_argument("--date", type=_day, metavar="YYYY-MM-DD", help="签署意见的日期（默认今天）")
    a.add_argument("--person", required=True, metavar="经办人", help="签字或盖章的经办人姓名")
    a.add_argument("--outcome", required=True, choices=sorted(OUTCOMES), help="意见：approved（同意）或 rejected（不同意）")
    a.add_argument("--note", metavar="说明", help="说明；不同意时须写明理由")
    a.add_argument("--class", dest="school_class", metavar="班级", help="编入的班级，如 五年级(2)班（最后一个环节）")
    a = op("show", "列出申请的环节、期限和意见（TSV）", cmd_show)
    a.add_argument("--case", required=True, metavar="编号")
    a = op("print", "打印学生跳级申请表（application）或学生跳级公示（notice，可多名学生）为 PDF", cmd_print)
    a.add_argument("form", choices=("application", "notice"), metavar="表格", help="application 或 notice")
    a.add_argument("--case", required=True, action="append", metavar="编号", help="申请编号（公示可多次给出）")
    a.add_argument("--from", dest="notice_from", type=_day, metavar="YYYY-MM-DD",
                   help="公示开始日期（默认专家组出具考核结果后的第一个工作日）")
    a.add_argument("--out", metavar="FILE.pdf")
    add_purpose_option(a)
    a = op("withdraw", "撤回跳级申请", cmd_withdraw)
    a.add_argument("--case", required=True, metavar="编号")
    a.add_argument("--reason", dest="why", required=True, metavar="理由", help="撤回理由（至少 4 个字）")
