"""`xueji change …`: the status changes (休学, 复学, 出国, 退学 including 长治's 自动退学, 借读 …) from the command line,
through the same domain functions as the window — `check` (the region's rules for the draft, nothing written),
`open` (the case; a kind with no approvers takes effect at once), `step` (one party's decision on any open case,
a transfer's too; the last approval completes it) and `show` (a case and its steps, TSV)."""

from __future__ import annotations

import argparse
import sys

from .cli_common import EXIT_BLOCKED, _open, _say, _sign_in, operations
from .cli_grade_skip import OUTCOMES, _day, _print_findings, _reason, _student

YES = {"是": True, "yes": True, "y": True, "1": True, "否": False, "no": False, "n": False, "0": False}


def _kind(text: str):
    from .core.casework.cases import CaseKind
    from .core.changes.status_change import CHANGES

    text = text.strip()
    for kind in CHANGES:
        if text in (kind.value, kind.label) and kind is not CaseKind.SKIP_GRADE:
            return kind
    offered = "、".join(f"{k.value}（{k.label}）" for k in CHANGES if k is not CaseKind.SKIP_GRADE)
    raise argparse.ArgumentTypeError(f"“{text}” 不是学籍变动的种类；可用：{offered}")


def _answer(text: str) -> tuple[str, bool]:
    key, sep, said = text.partition("=")
    if not sep or said.strip().lower() not in YES:
        raise argparse.ArgumentTypeError(f"“{text}” 应写成 问题编号=是 或 问题编号=否，如 --declare contact_failed=是")
    return key.strip(), YES[said.strip().lower()]


def _draft(ws, args):
    from .core.changes.status_change import ChangeDraft
    from .core.changes.status_rules import evidence_for, questions

    student = _student(args.student)
    draft = ChangeDraft(kind=args.kind, student_id=student.id, ground_id=args.ground, applied_on=args.applied,
                        effective_on=args.effective, until=args.until, note=args.note or "",
                        reasons=dict(args.reason or []))
    asked = {q.id: q for q in questions(ws, draft)}
    declared = dict(args.declare or [])
    unknown = [k for k in declared if k not in asked]
    if unknown:
        listed = "；".join(f"{q.id}：{q.text}" for q in asked.values()) or "无"
        _say(f"--declare：没有“{'、'.join(unknown)}”这个问题（本申请要回答的：{listed}）")
        raise SystemExit(EXIT_BLOCKED)
    draft.declared = declared
    needed = evidence_for(ws, draft)
    seen = list(args.seen or [])
    if [s for s in seen if s not in needed]:
        _say(f"--seen：应为本申请须查验的材料：{'、'.join(needed) or '无'}")
        raise SystemExit(EXIT_BLOCKED)
    draft.evidence_seen = needed if args.all_seen else seen
    return draft


def cmd_check(args) -> int:
    from .core.changes import status_change
    from .core.changes.status_rules import questions
    from .core.rules.findings import Severity

    ws = _open(args)
    draft = _draft(ws, args)
    for q in questions(ws, draft):
        print(f"[问题] {q.id}：{q.text}" + (f"（已答：{'是' if draft.declared[q.id] else '否'}）"
                                           if q.id in draft.declared else "（请用 --declare 回答）"))
    found = status_change.check(ws, draft)
    _print_findings(found, draft.reasons)
    chain = status_change.parties(ws, draft.kind, draft)
    print("审批环节：" + (" → ".join(_party(p) for p in chain) if chain else "无需审批，确认后立即生效"))
    return EXIT_BLOCKED if any(f.severity is Severity.BLOCK for f in found) else 0


def _party(pid: str) -> str:
    from .core.changes.status_facts import party

    return party(pid)


def cmd_open(args) -> int:
    from .core.casework import cases
    from .core.changes import status_change

    ws = _open(args)
    draft = _draft(ws, args)
    _sign_in(ws, args)
    case, _ = status_change.open_change(ws, draft)  # a refusal: its findings, exit 2 (cli.main)
    steps = cases.steps(case)
    chain = " → ".join(_party(s.party) for s in steps)
    print(f"已发起{args.kind.label}申请 {case.number}（{case.student.name}）：" +
          (f"审批环节 {chain}" if steps else "已生效"))
    return 0


def _case(ref: str):
    from .store.models import Case

    case = Case.get_or_none((Case.number == ref.strip().upper())
                            | (Case.id == (int(ref) if ref.strip().isdecimal() else -1)))
    if case is None:
        _say(f"--case：没有编号为 {ref} 的申请")
        raise SystemExit(1)
    return case


def cmd_step(args) -> int:
    from .core.casework.cases import StepDecision
    from .core.transfers import transfer

    ws = _open(args)
    case = _case(args.case)
    decision = StepDecision(args.party, args.date or ws.today(), args.person, OUTCOMES[args.outcome], args.note or "")
    _sign_in(ws, args)
    transfer.record_step(ws, case.id, decision)  # every kind of case shares the step recording
    case = _case(case.number)
    verdict = "同意" if decision.outcome == "approved" else "不同意"
    print(f"已记录：申请 {case.number} {_party(args.party)} {verdict}（{decision.person}，{decision.done_on:%Y-%m-%d}）")
    if case.status != "open":
        print(f"申请已{'办结' if case.status == 'completed' else '结束'}：{case.student.name if case.student else ''}")
    return 0


def cmd_show(args) -> int:
    from .core.accounts.access_log import Action, record
    from .core.casework import cases

    ws = _open(args)
    _sign_in(ws, args)
    case = _case(args.case)
    out = sys.stdout
    out.write("环节\t期限\t意见\t经办人\t日期\n")
    for s in cases.steps(case):
        out.write(f"{_party(s.party)}\t{s.due_on or ''}\t{cases.OUTCOME_LABELS.get(s.outcome, '') if s.outcome else '待审批'}"
                  f"\t{s.person or ''}\t{s.done_on or ''}\n")
    who = case.student.student_number if case.student else ""
    with ws.db.atomic():
        record(ws, Action.OPEN, f"申请 {case.number}（xueji change show）", [who] if who else [])
    _say(f"申请 {case.number}：{case.status}")
    return 0


def add_parsers(sub, add) -> None:
    """Adds `change` to the top-level subparsers (`add` as in cli.build_parser)."""
    p = add("change", "学籍变动（休学、复学、出国、退学、借读等）：检查、发起申请、逐环节记录审批、查看", cmd_usage)
    sub_parser = operations(p, "change_command")

    for name, text, func in (("check", "按本地区规定检查（不写入），列出要回答的问题和审批环节", cmd_check),
                             ("open", "发起申请；无需审批的立即生效", cmd_open)):
        a = sub_parser(name, text, func)
        a.add_argument("--kind", required=True, type=_kind, metavar="种类",
                       help="suspension 休学、resumption 复学、withdrawal 退学、abroad 出国（出境）等")
        a.add_argument("--student", required=True, metavar="学籍号")
        a.add_argument("--ground", metavar="情形", help="本地区规定的情形编号，如 长治高中的 auto_absence（自动退学）")
        a.add_argument("--applied", type=_day, metavar="YYYY-MM-DD", help="申请日期（默认今天）")
        a.add_argument("--effective", type=_day, metavar="YYYY-MM-DD", help="生效日期（休学开始、离校等）")
        a.add_argument("--until", type=_day, metavar="YYYY-MM-DD", help="休学、借读的截止日期")
        a.add_argument("--seen", action="append", metavar="材料", help="已查验原件的材料（可多次给出）")
        a.add_argument("--all-seen", action="store_true", help="须查验的材料均已查验原件")
        a.add_argument("--declare", action="append", type=_answer, metavar="问题=是|否",
                       help="回答程序提出的问题（check 列出），如 --declare contact_failed=是")
        a.add_argument("--reason", action="append", type=_reason, metavar="规则=理由", help="对提醒项写明理由")
        a.add_argument("--note", metavar="说明", help="申请理由或说明（印在申请表上）")
    a = sub_parser("step", "记录一个环节的审批意见（任何办理中的申请，含转学）；最后一个环节同意后生效", cmd_step)
    a.add_argument("--case", required=True, metavar="编号", help="申请编号，如 TX-2026-0001")
    a.add_argument("--party", required=True, metavar="环节", help="school、bureau、city_bureau 等（show 列出）")
    a.add_argument("--date", type=_day, metavar="YYYY-MM-DD", help="签署意见的日期（默认今天）")
    a.add_argument("--person", required=True, metavar="经办人")
    a.add_argument("--outcome", required=True, choices=sorted(OUTCOMES), help="approved（同意）或 rejected（不同意）")
    a.add_argument("--note", metavar="说明")
    a = sub_parser("show", "列出一个申请的审批环节（TSV）", cmd_show)
    a.add_argument("--case", required=True, metavar="编号")


def cmd_usage(args) -> int:
    _say("请给出操作：check（检查）、open（发起申请）、step（记录审批）、show（查看），如 xueji change check --help")
    return EXIT_BLOCKED
